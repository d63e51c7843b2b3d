"""Rigorous enclosure of the gradient flow of a polynomial model, by the Taylor steps of
``flow_steps`` (``../shared/CERTIFY.md``, section 2): models whose Dh is not globally Lipschitz.

A polynomial model h with w0 = 0 and residual r(w) = r0 - alpha (h(w) - h(0)) gives flow (1),
w' = f(w) = (1/alpha) Dh(w)^T r(w), a polynomial field. Its Jacobian
Df = (1/alpha) sum_i r_i D^2 h_i - Dh^T Dh is symmetric, so ``flow_steps`` bounds the error's growth
by its logarithmic norm (its top eigenvalue) on each step's tube, and the dissipative -Dh^T Dh
contracts the error as for the quadratic models. ``PolynomialField`` holds what every such field
shares (the field, Df, the Taylor polynomial and its defect); a model supplies Dh, r and the
Hessians D^2 h_i, each written so that ``mul`` (a truncated product) can evaluate them on polynomials.

``CubicField``: h(w) = h0 + J w + Q[w, w]/2 + C[w, w, w]/6 with J (n x p), Q (n symmetric p x p) and
C (n symmetric p x p x p tensors) given as balls:

    Dh(w)_ij = J_ij + sum_k Q_ijk w_k + (1/2) sum_kl C_ijkl w_k w_l,
    D^2 h_i(w)_jk = Q_ijk + sum_l C_ijkl w_l,
    r(w) = r0 - alpha (J w + Q[w, w]/2 + C[w, w, w]/6)   (f of degree 5).

``RadialPowerField``: h(w) = h0 + J w + Q[w, w]/2 + q(w)^k N w, q = ||w||^2 / s^2 (N n x p, s > 0,
k >= 1 an integer), nearly affine on a ball of radius about s and fast-changing outside it:

    Dh(w) = J + Q[w, .] + q^k N + (2k/s^2) q^(k-1) (N w) w^T,
    D^2 h_i(w) = Q_i + (2k/s^2) q^(k-1) (N_i w^T + w N_i^T + (N_i . w) I)
                 + (4k(k-1)/s^4) q^(k-2) (N_i . w) w w^T,
    r(w) = r0 - alpha (J w + Q[w, w]/2 + q^k N w)   (f of degree 4k + 1).

(D q^k = (2k/s^2) q^(k-1) w^T, and D of the bracket's (2k/s^2) q^(k-1) (N_i . w) w^T gives the last two terms.)

A step's Taylor polynomial is Picard's iteration in arb_poly from the exact centre (one coefficient
more per iteration); its defect z' - f(z) is a polynomial computed exactly in balls and bounded by
sum |c_k| h^k. Flow (3) depends on Dh(w0) = J only: ``enclosed_flows.linear_flow``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import flint

from proofcheck.numerics.flow_steps import norm, poly_sup

Mul = Callable[[Any, Any], Any]


def _plain(a: Any, b: Any) -> Any:
    return a * b


class PolynomialField:
    """What the fields of polynomial models share; a subclass has J (n x p balls, Dh(w0)), r0, alpha and
    ``jacobian(w, mul)``, ``residual(w, mul)`` (entries balls or polynomials) and ``hessians(box)``."""

    J: list[list[flint.arb]]
    r0: list[flint.arb]
    alpha: flint.arb

    @property
    def n(self) -> int:
        return len(self.J)

    @property
    def p(self) -> int:
        return len(self.J[0])

    def _sum(self, terms: Any, like: Any) -> Any:
        total = 0 * like
        for t in terms:
            total = total + t
        return total

    def jacobian(self, w: Sequence[Any], mul: Mul = _plain) -> list[list[Any]]:
        raise NotImplementedError

    def residual(self, w: Sequence[Any], mul: Mul = _plain) -> list[Any]:
        raise NotImplementedError

    def hessians(self, w: Sequence[flint.arb]) -> list[flint.arb_mat]:
        raise NotImplementedError

    def field(self, w: Sequence[Any], mul: Mul = _plain) -> list[Any]:
        """f(w) = (1/alpha) Dh(w)^T r(w)."""
        D, r = self.jacobian(w, mul), self.residual(w, mul)
        return [self._sum((mul(D[i][j], r[i]) for i in range(self.n)), w[0]) * (1 / self.alpha) for j in range(self.p)]

    def jacobian_matrix(self, box: Sequence[flint.arb]) -> flint.arb_mat:
        """Df = (1/alpha) sum_i r_i D^2 h_i - Dh^T Dh on the box."""
        D = flint.arb_mat(self.jacobian(box))
        r = self.residual(box)
        H = self.hessians(box)
        curvature = H[0] * r[0]
        for i in range(1, self.n):
            curvature += H[i] * r[i]
        return curvature * (1 / self.alpha) - D.transpose() * D

    def lipschitz(self, box: Sequence[flint.arb]) -> flint.arb:
        """An upper bound of ||Df|| on the (convex) box: the Frobenius norm of its enclosure."""
        A = self.jacobian_matrix(box)
        return norm([A[i, j] for i in range(self.p) for j in range(self.p)]).upper()

    def one_sided_bound(self, box: Sequence[flint.arb]) -> flint.arb:
        """(1/alpha) ||sum_i r_i D^2 h_i||_F on the box, blind to the dissipative -Dh^T Dh."""
        r, H = self.residual(box), self.hessians(box)
        total = H[0] * r[0]
        for i in range(1, self.n):
            total += H[i] * r[i]
        return (norm([total[i, j] for i in range(self.p) for j in range(self.p)]) / self.alpha).upper()

    def taylor(self, start: Sequence[flint.arb], order: int) -> list[flint.arb_poly]:
        """The degree-``order`` Taylor polynomial of w' = f(w) from ``start`` by Picard's iteration."""
        def mul(a: Any, b: Any) -> Any:
            out = a * b
            return out.truncate(order + 1) if isinstance(out, flint.arb_poly) else out
        z = [flint.arb_poly([x]) for x in start]
        for _ in range(order):
            F = self.field(z, mul)
            z = [(flint.arb_poly([x]) + Fj.integral()).truncate(order + 1) for x, Fj in zip(start, F)]
        return z

    def defect_sup(self, z: Sequence[flint.arb_poly], h: flint.arb) -> list[flint.arb]:
        """sup_{[0, h]} |z'_j - f_j(z)|: an exact polynomial bounded by sum |c_k| h^k."""
        F = self.field(list(z))
        return [poly_sup(zj.derivative() - Fj, h) for zj, Fj in zip(z, F)]


@dataclass
class CubicField(PolynomialField):
    """The field of flow (1) for h = h0 + J w + Q[w, w]/2 + C[w, w, w]/6 (lists of balls: J[i][j],
    Q[i][j][k], C[i][j][k][l], r0[i]) and alpha."""

    J: list[list[flint.arb]]
    Q: list[list[list[flint.arb]]]
    C: list[list[list[list[flint.arb]]]]
    r0: list[flint.arb]
    alpha: flint.arb

    def jacobian(self, w: Sequence[Any], mul: Mul = _plain) -> list[list[Any]]:
        """Dh(w) (entries balls or polynomials; ``mul`` truncates products)."""
        p, z = self.p, w[0]
        ww = [[mul(w[k], w[l]) for l in range(p)] for k in range(p)]
        half = flint.arb("0.5")
        return [[self.J[i][j] + self._sum((mul(self.Q[i][j][k], w[k]) for k in range(p)), z)
                 + self._sum((mul(self.C[i][j][k][l], ww[k][l]) for k in range(p) for l in range(p)), z) * half
                 for j in range(p)] for i in range(self.n)]

    def residual(self, w: Sequence[Any], mul: Mul = _plain) -> list[Any]:
        """r(w) = r0 - alpha (J w + Q[w, w]/2 + C[w, w, w]/6), written as
        sum_j (J_ij + Q_ijk w_k / 2 + C_ijkl w_k w_l / 6) w_j."""
        p, z = self.p, w[0]
        ww = [[mul(w[k], w[l]) for l in range(p)] for k in range(p)]
        out = []
        for i in range(self.n):
            coeff = [self.J[i][j] + self._sum((mul(self.Q[i][j][k], w[k]) for k in range(p)), z) * flint.arb("0.5")
                     + self._sum((mul(self.C[i][j][k][l], ww[k][l]) for k in range(p) for l in range(p)), z) * (flint.arb(1) / 6)
                     for j in range(p)]
            out.append(self.r0[i] - self.alpha * self._sum((mul(coeff[j], w[j]) for j in range(p)), z))
        return out

    def hessians(self, w: Sequence[flint.arb]) -> list[flint.arb_mat]:
        """D^2 h_i(w) = Q_i + C_i[w, ., .] on a box (n symmetric p x p matrices of balls)."""
        p = self.p
        return [flint.arb_mat([[self.Q[i][j][k] + sum((self.C[i][j][k][l] * w[l] for l in range(p)), flint.arb(0))
                                for k in range(p)] for j in range(p)]) for i in range(self.n)]


@dataclass
class RadialPowerField(PolynomialField):
    """The field of flow (1) for h = h0 + J w + Q[w, w]/2 + q(w)^k N w, q = ||w||^2 / s^2 (lists of
    balls J[i][j], Q[i][j][k], N[i][j], r0[i]; alpha and s balls; k >= 1 an integer)."""

    J: list[list[flint.arb]]
    Q: list[list[list[flint.arb]]]
    N: list[list[flint.arb]]
    r0: list[flint.arb]
    alpha: flint.arb
    s: flint.arb
    k: int

    def _powers(self, w: Sequence[Any], mul: Mul) -> tuple[Any, Any, list[Any]]:
        """q^(k-1), q^k and N w, the pieces Dh and r share (q^(k-1) = 1 when k = 1)."""
        z = w[0]
        q = self._sum((mul(x, x) for x in w), z) * (1 / (self.s * self.s))
        low = 0 * z + 1
        for _ in range(self.k - 1):
            low = mul(low, q)
        Nw = [self._sum((mul(self.N[i][j], w[j]) for j in range(self.p)), z) for i in range(self.n)]
        return low, mul(low, q), Nw

    def jacobian(self, w: Sequence[Any], mul: Mul = _plain) -> list[list[Any]]:
        """Dh(w) = J + Q[w, .] + q^k N + (2k/s^2) q^(k-1) (N w) w^T (entries balls or polynomials)."""
        p, z = self.p, w[0]
        low, top, Nw = self._powers(w, mul)
        c = 2 * self.k / (self.s * self.s)
        return [[self.J[i][j] + self._sum((mul(self.Q[i][j][k], w[k]) for k in range(p)), z)
                 + top * self.N[i][j] + mul(mul(low, Nw[i]), w[j]) * c
                 for j in range(p)] for i in range(self.n)]

    def residual(self, w: Sequence[Any], mul: Mul = _plain) -> list[Any]:
        """r(w) = r0 - alpha (sum_j (J_ij + Q_ijk w_k / 2) w_j + q^k (N w)_i)."""
        p, z = self.p, w[0]
        _, top, Nw = self._powers(w, mul)
        out = []
        for i in range(self.n):
            coeff = [self.J[i][j] + self._sum((mul(self.Q[i][j][k], w[k]) for k in range(p)), z) * flint.arb("0.5")
                     for j in range(p)]
            lin = self._sum((mul(coeff[j], w[j]) for j in range(p)), z)
            out.append(self.r0[i] - self.alpha * (lin + mul(top, Nw[i])))
        return out

    def hessians(self, w: Sequence[flint.arb]) -> list[flint.arb_mat]:
        """D^2 h_i(w) on a box, as the module's docstring writes it (n symmetric p x p matrices of balls)."""
        p, k, s2 = self.p, self.k, self.s * self.s
        q = sum((x * x for x in w), flint.arb(0)) / s2
        first = 2 * k * q ** (k - 1) / s2
        second = 4 * k * (k - 1) * q ** (k - 2) / (s2 * s2) if k >= 2 else flint.arb(0)
        out = []
        for i in range(self.n):
            Ni = self.N[i]
            Nw = sum((Ni[j] * w[j] for j in range(p)), flint.arb(0))
            out.append(flint.arb_mat([[self.Q[i][j][l] + first * (Ni[j] * w[l] + w[j] * Ni[l] + (Nw if j == l else 0))
                                       + second * Nw * w[j] * w[l] for l in range(p)] for j in range(p)]))
        return out


__all__ = ["PolynomialField", "CubicField", "RadialPowerField"]
