"""The gradient flow of a two-layer network, enclosed in Arb: Taylor models of its field
through Arb's power series (``../shared/CERTIFY.md``, section 2, last paragraph).

The network: h_i(w) = c sum_j a_j sigma(s_ij), s_ij = sqrt(m) <x_i, u_j>, c = 1/sqrt(n m), w = (a, U)
flattened as (a_1..a_m, u_1, ..., u_m); r = y* - alpha h(w); f(w) = (1/alpha) Dh(w)^T r with

    f_{a_j} = (c/alpha) sum_i r_i sigma(s_ij),   f_{u_j} = (c sqrt(m)/alpha) a_j sum_i r_i sigma'(s_ij) x_i.

The field is not polynomial, so a step's defect delta = z' - f(z) (z the step's exact Taylor
polynomial) is bounded by a Taylor model: g(t) = f(z(t)) is expanded at 0 to order M (its
coefficients g_k, computed in arb_series, contain the exact ones), and Taylor's theorem with
Lagrange's remainder gives g(t) = sum_{k<M} g_k t^k + g_M(xi) t^M for some xi in [0, h], where
g_M(xi) is the M-th coefficient of g expanded at xi; expanding at the ball xi = [0, h] encloses it
for every xi at once. Hence sup_{[0, h]} |delta_j| <= sum_{k<M} |(z'_j)_k - g_{j,k}| h^k + |g_{j,M}([0, h])| h^M.

The Jacobian Df = (1/alpha) sum_i r_i D^2 h_i - Dh^T Dh is symmetric (f is the gradient of
-R(alpha h(w))/alpha^2); it is evaluated on the tube in balls for its logarithmic norm
(``log_norm``), with D^2 h_i read off h_i:
d^2/da_j du_k = [j = k] c sqrt(m) sigma'(s_ij) x_i, d^2/du_j du_k = [j = k] c m a_j sigma''(s_ij) x_i x_i^T.

sigma is the sigmoid 1/(1 + e^{-x}) or tanh = 1 - 2/(1 + e^{2x}), both through exp, on balls and on
series alike; the series length is Arb's process-wide ``flint.ctx.cap``, set and restored here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import flint

from proofcheck.numerics.flow_steps import norm, series_cap


def activation(name: str, x: Any, derivatives: int = 2) -> tuple[Any, ...]:
    """sigma and its first ``derivatives`` (at most 2) derivatives at x (a ball or a series), through
    exp; the field asks for sigma' only (a step's Taylor polynomial evaluates it some thirty times)."""
    one = 1 + 0 * x
    if name == "sigmoid":
        s = one / (1 + (-x).exp())
        if not derivatives:
            return (s,)
        d1 = s * (1 - s)
        return (s, d1) if derivatives == 1 else (s, d1, d1 * (1 - 2 * s))
    t = 1 - 2 * (one / (1 + (2 * x).exp()))
    if not derivatives:
        return (t,)
    d1 = 1 - t * t
    return (t, d1) if derivatives == 1 else (t, d1, -2 * t * d1)


@dataclass
class NetworkField:
    """The network's flow (1): data X (n x d), target y* (n), rescaling alpha, activation name."""

    X: list[list[flint.arb]]
    ystar: list[flint.arb]
    m: int
    alpha: flint.arb
    sigma: str
    # the width the scale factors read (the m of sqrt(m) and 1/sqrt(n m)) where it exceeds the neurons
    # held: a network of that width whose other neurons sit at a_j = 0, u_j = 0, where tanh's flow keeps
    # them (its field there is sigma(0) = 0 and a_j = 0); 0: the neurons held
    width: int = 0

    @property
    def scale_width(self) -> int:
        if self.width and self.width < self.m:
            raise ValueError(f"width {self.width} is below the {self.m} neurons held")
        if self.width > self.m and self.sigma != "tanh":
            raise ValueError("idle neurons stay idle only where sigma(0) = 0 (tanh)")
        return self.width or self.m

    @property
    def n(self) -> int:
        return len(self.X)

    @property
    def d(self) -> int:
        return len(self.X[0])

    @property
    def p(self) -> int:
        return self.m * (1 + self.d)

    def _parts(self, w: Sequence[Any]) -> tuple[list[Any], list[list[Any]]]:
        m, d = self.m, self.d
        return list(w[:m]), [list(w[m + j * d:m + (j + 1) * d]) for j in range(m)]

    def _pre(self, U: list[list[Any]]) -> list[list[Any]]:
        root_m = flint.arb(self.scale_width).sqrt()
        return [[sum((self.X[i][k] * U[j][k] for k in range(1, self.d)), self.X[i][0] * U[j][0]) * root_m
                 for j in range(self.m)] for i in range(self.n)]

    def _scale(self) -> flint.arb:
        return 1 / (flint.arb(self.n) * self.scale_width).sqrt()

    def residual(self, w: Sequence[Any]) -> list[Any]:
        a, U = self._parts(w)
        s = [[activation(self.sigma, x, 0)[0] for x in row] for row in self._pre(U)]
        c = self._scale()
        return [self.ystar[i] - self.alpha * c * sum((a[j] * s[i][j] for j in range(1, self.m)), a[0] * s[i][0])
                for i in range(self.n)]

    def field(self, w: Sequence[Any], mul: Any = None) -> list[Any]:
        """f(w) on balls or on series (``mul`` is accepted for the quadratic field's signature)."""
        a, U = self._parts(w)
        acts = [[activation(self.sigma, x, 1) for x in row] for row in self._pre(U)]
        c = self._scale()
        r = [self.ystar[i] - self.alpha * c * sum((a[j] * acts[i][j][0] for j in range(1, self.m)), a[0] * acts[i][0][0])
             for i in range(self.n)]
        k = c / self.alpha
        root_m = flint.arb(self.scale_width).sqrt()
        fa = [sum((r[i] * acts[i][j][0] for i in range(1, self.n)), r[0] * acts[0][j][0]) * k for j in range(self.m)]
        fu = []
        for j in range(self.m):
            weight = [r[i] * acts[i][j][1] for i in range(self.n)]
            for e in range(self.d):
                total = sum((weight[i] * self.X[i][e] for i in range(1, self.n)), weight[0] * self.X[0][e])
                fu.append(total * a[j] * (k * root_m))
        return fa + fu

    def derivatives(self, box: Sequence[flint.arb]) -> tuple[list[flint.arb], flint.arb_mat, flint.arb_mat]:
        """r, Dh (n x p) and sum_i r_i D^2 h_i (p x p) on the box."""
        a, U = self._parts(box)
        acts = [[activation(self.sigma, x) for x in row] for row in self._pre(U)]
        c, m, d, p = self._scale(), self.m, self.d, self.p
        width = self.scale_width
        root_m = flint.arb(width).sqrt()
        r = [self.ystar[i] - self.alpha * c * sum((a[j] * acts[i][j][0] for j in range(1, m)), a[0] * acts[i][0][0])
             for i in range(self.n)]
        Dh = flint.arb_mat(self.n, p)
        curvature = flint.arb_mat(p, p)
        for i in range(self.n):
            for j in range(m):
                s, d1, d2 = acts[i][j]
                Dh[i, j] = c * s
                for e in range(d):
                    Dh[i, m + j * d + e] = c * root_m * a[j] * d1 * self.X[i][e]
                    mixed = r[i] * c * root_m * d1 * self.X[i][e]
                    curvature[j, m + j * d + e] += mixed
                    curvature[m + j * d + e, j] += mixed
                    for g in range(d):
                        curvature[m + j * d + e, m + j * d + g] += r[i] * c * width * a[j] * d2 * self.X[i][e] * self.X[i][g]
        return r, Dh, curvature

    def jacobian_matrix(self, box: Sequence[flint.arb]) -> flint.arb_mat:
        """Df = (1/alpha) sum_i r_i D^2 h_i - Dh^T Dh on the box (p x p balls)."""
        _, Dh, curvature = self.derivatives(box)
        return curvature * (1 / self.alpha) - Dh.transpose() * Dh

    def lipschitz(self, box: Sequence[flint.arb]) -> flint.arb:
        """An upper bound of ||Df|| on the box: the Frobenius norm of its enclosure."""
        M = self.jacobian_matrix(box)
        return norm([M[i, j] for i in range(self.p) for j in range(self.p)]).upper()

    def taylor(self, start: Sequence[flint.arb], order: int) -> list[flint.arb_poly]:
        """The degree-``order`` Taylor polynomial of the flow from ``start``: Picard iteration in
        arb_series, iteration k carried to k + 2 terms (it fixes coefficient k + 1)."""
        z = [flint.arb_poly([x]) for x in start]
        for k in range(order):
            with series_cap(k + 2):
                F = self.field([flint.arb_series(zj.coeffs(), prec=k + 2) for zj in z])
                z = [flint.arb_poly([x] + [c / (i + 1) for i, c in enumerate(Fj.coeffs()[:k + 1])])
                     for x, Fj in zip(start, F)]
        return z

    def defect_sup(self, z: Sequence[flint.arb_poly], h: flint.arb) -> list[flint.arb]:
        """Upper bounds of sup_{[0, h]} |z'_j - f_j(z)|: the Taylor model of the module's docstring,
        expanded to order M = deg z + 2."""
        M = max(len(zj.coeffs()) for zj in z) + 1
        with series_cap(M + 1):
            at_zero = self.field([flint.arb_series(zj.coeffs(), prec=M + 1) for zj in z])
            xi = flint.arb(0).union(h.upper())
            shifted = [_shift(zj, xi, M + 1) for zj in z]
            at_ball = self.field(shifted)
        out = []
        for zj, g0, g1 in zip(z, at_zero, at_ball):
            dz = zj.derivative().coeffs()
            g = g0.coeffs()
            total, power = flint.arb(0), flint.arb(1)
            for k in range(M):
                coefficient = (dz[k] if k < len(dz) else 0) - (g[k] if k < len(g) else 0)
                total += flint.arb(coefficient).abs_upper() * power
                power *= h
            top = g1.coeffs()[M] if len(g1.coeffs()) > M else flint.arb(0)
            out.append((total + top.abs_upper() * power).upper())
        return out


def _shift(p: flint.arb_poly, xi: flint.arb, length: int) -> flint.arb_series:
    """p(xi + s) as a series in s (Horner's rule in arb_series; xi may be a ball)."""
    s = flint.arb_series([xi, 1], prec=length)
    coeffs = p.coeffs()
    out = flint.arb_series([coeffs[-1]], prec=length)
    for c in reversed(coeffs[:-1]):
        out = out * s + c
    return out


__all__ = ["NetworkField", "activation"]
