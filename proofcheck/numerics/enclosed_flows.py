"""Rigorous enclosures of the gradient flows (1) and (3) of a quadratic model, by Taylor steps with
an exact defect and the logarithmic norm of the field's Jacobian (``../shared/CERTIFY.md``, section 2).

Flow (1) is w' = f(w) = (1/alpha) Dh(w)^T r(w), r(w) = r0 - alpha (J w + Q[w, w]/2), a cubic
polynomial field. Its Jacobian Df = (1/alpha) sum_i r_i Q_i - Dh^T Dh is symmetric; its logarithmic
norm is its top eigenvalue, enclosed on each step's tube (``log_norm``), so the dissipative part
-Dh^T Dh contracts the error instead of being ignored. The steps themselves (Taylor polynomial,
exact defect, bootstrap of the tube, path length) are ``flow_steps``.

Each step's Taylor polynomial is computed from the exact centre of the carried ball (the cubic
field's coefficient recurrence in arb_mat, ``taylor_coefficients``; Picard iteration in arb_poly,
``taylor_polynomial``, is kept as its independent check), then its coefficients' midpoints are taken:
one exact polynomial z, whose defect z' - f(z) is a polynomial computed exactly in balls.

Flow (3), the linearization, is solved in closed form: rbar(t) = e^{-K0 t} r0 with K0 = J J^T, and
wbar(t) = (1/alpha) J^T (int_0^t e^{-K0 s} ds) r0, the integral read off the exponential of the
block matrix [[-K0, I], [0, 0]] t; its path length by pieces as for s.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Sequence

import flint

from proofcheck.numerics import enclosures
from proofcheck.numerics.enclosures import NotEnclosed
from proofcheck.numerics import flow_steps
from proofcheck.numerics.flow_steps import Contraction, flow_step, norm, poly_range, poly_sup



@dataclass
class QuadraticField:
    """h(w) = h0 + J w + Q[w, w]/2 around w0 = 0, as lists of balls: J (n x p), Q (n x p x p), r0 (n)."""

    J: list[list[flint.arb]]
    Q: list[list[list[flint.arb]]]
    r0: list[flint.arb]
    alpha: flint.arb

    @property
    def n(self) -> int:
        return len(self.J)

    @property
    def p(self) -> int:
        return len(self.J[0])

    def jacobian(self, w: Sequence[Any], mul: Callable[[Any, Any], Any]) -> list[list[Any]]:
        """Dh(w) = J + Q[w, .] (entries are balls or polynomials; ``mul`` truncates products)."""
        return [[self.J[i][j] + sum((mul(self.Q[i][j][k], w[k]) for k in range(self.p)), 0 * w[0])
                 for j in range(self.p)] for i in range(self.n)]

    def residual_from(self, D: list[list[Any]], w: Sequence[Any], mul: Callable[[Any, Any], Any]) -> list[Any]:
        """r(w) = r0 - alpha (J + Dh(w)) w / 2."""
        return [self.r0[i] - self.alpha * sum((mul(self.J[i][j] + D[i][j], w[j]) for j in range(self.p)), 0 * w[0]) * flint.arb("0.5")
                for i in range(self.n)]

    def field(self, w: Sequence[Any], mul: Callable[[Any, Any], Any] = lambda a, b: a * b) -> list[Any]:
        """f(w) = (1/alpha) Dh(w)^T r(w)."""
        D = self.jacobian(w, mul)
        r = self.residual_from(D, w, mul)
        return [sum((mul(D[i][j], r[i]) for i in range(self.n)), 0 * w[0]) * (1 / self.alpha) for j in range(self.p)]

    def q_norm(self) -> flint.arb:
        """sqrt(sum_i ||Q_i||_F^2), an upper bound of ||sum_i r_i Q_i|| / ||r||."""
        total = flint.arb(0)
        for Qi in self.Q:
            for row in Qi:
                for x in row:
                    total += x.abs_upper() ** 2
        return total.sqrt().upper()

    def lipschitz(self, box: Sequence[flint.arb]) -> flint.arb:
        """An upper bound of ||Df|| on the box: ||Dh||_F^2 + (1/alpha) ||r|| q_norm."""
        mul = lambda a, b: a * b  # noqa: E731
        D = self.jacobian(box, mul)
        r = self.residual_from(D, box, mul)
        dh = sum((x.abs_upper() ** 2 for row in D for x in row), flint.arb(0))
        return (dh + norm(r).upper() * self.q_norm() / self.alpha).upper()

    def one_sided_bound(self, box: Sequence[flint.arb]) -> flint.arb:
        """The rough bound (1/alpha) sup ||r|| q_norm of Df's logarithmic norm on the box, blind to the
        dissipative -Dh^T Dh (kept to show what the logarithmic norm gains)."""
        mul = lambda a, b: a * b  # noqa: E731
        r = self.residual_from(self.jacobian(box, mul), box, mul)
        return (norm(r).upper() * self.q_norm() / self.alpha).upper()

    def jacobian_matrix(self, box: Sequence[flint.arb]) -> flint.arb_mat:
        """Df = (1/alpha) sum_i r_i Q_i - Dh^T Dh on the box (p x p balls)."""
        mul = lambda a, b: a * b  # noqa: E731
        D = self.jacobian(box, mul)
        r = self.residual_from(D, box, mul)
        Dm = flint.arb_mat(D)
        curvature = flint.arb_mat([[sum((r[i] * self.Q[i][j][k] for i in range(self.n)), flint.arb(0))
                                    for k in range(self.p)] for j in range(self.p)])
        return curvature * (1 / self.alpha) - Dm.transpose() * Dm

    def taylor(self, start: Sequence[flint.arb], order: int) -> list[flint.arb_poly]:
        return taylor_coefficients(self, start, order)

    def defect_sup(self, z: Sequence[flint.arb_poly], h: flint.arb) -> list[flint.arb]:
        """sup_{[0, h]} |z'_j - f_j(z)|: the defect is a polynomial (f is cubic), computed exactly in
        balls and bounded by sum |c_k| h^k."""
        F = self.field(list(z))
        return [poly_sup(zj.derivative() - Fj, h) for zj, Fj in zip(z, F)]

    @cached_property
    def stacked(self) -> tuple[flint.arb_mat, flint.arb_mat]:
        """Q stacked as an (n p) x p matrix (row i p + j is Q_i's row j), and J as an arb_mat."""
        return (flint.arb_mat([list(row) for Qi in self.Q for row in Qi]), flint.arb_mat(self.J))


def taylor_polynomial(field: QuadraticField, start: Sequence[flint.arb], order: int) -> list[flint.arb_poly]:
    """The degree-``order`` Taylor polynomial of the solution of w' = f(w) from ``start``, by Picard
    iteration (each iteration fixes one more coefficient)."""
    def mul(a: Any, b: Any) -> Any:
        out = a * b
        return out.truncate(order + 1) if isinstance(out, flint.arb_poly) else out
    z = [flint.arb_poly([x]) for x in start]
    for _ in range(order):
        F = field.field(z, mul)
        z = [flint.arb_poly([x]) + Fj.integral() for x, Fj in zip(start, F)]
        z = [zj.truncate(order + 1) for zj in z]
    return z


def taylor_coefficients(field: QuadraticField, start: Sequence[flint.arb], order: int) -> list[flint.arb_poly]:
    """The same polynomial as ``taylor_polynomial``, by the recurrence of the cubic field's Taylor
    coefficients (in arb_mat, about order^2 small products instead of order field evaluations):
    with D'_a = Q[w_a, .] and D_a = D'_a + J [a = 0],

        r_k = r0 [k = 0] - alpha (J w_k + (1/2) sum_{a+b=k} D'_a w_b),
        (k + 1) w_{k+1} = (1/alpha) sum_{a+b=k} D_a^T r_b."""
    n, p = field.n, field.p
    Qs, J = field.stacked
    r0 = flint.arb_mat([[x] for x in field.r0])
    inv_alpha = 1 / field.alpha
    w = [flint.arb_mat([[x] for x in start])]
    curv, DT, r = [], [], []  # D'_a (n x p), D_a^T (p x n), r_b (n x 1)
    for k in range(order):
        flat = Qs * w[k]
        Dk = flint.arb_mat([[flat[i * p + j, 0] for j in range(p)] for i in range(n)])
        curv.append(Dk)
        DT.append((Dk + J).transpose() if k == 0 else Dk.transpose())
        half = curv[0] * w[k]
        for a in range(1, k + 1):
            half += curv[a] * w[k - a]
        rk = -(J * w[k] + half * flint.arb("0.5")) * field.alpha
        r.append(rk + r0 if k == 0 else rk)
        fk = DT[0] * r[k]
        for a in range(1, k + 1):
            fk += DT[a] * r[k - a]
        w.append(fk * (inv_alpha / (k + 1)))
    return [flint.arb_poly([wk[j, 0] for wk in w]) for j in range(p)]


def nonlinear_flow(field: QuadraticField, T: flint.arb, samples: int, bits: int,
                   contraction: Contraction = Contraction.LOG_NORM) -> tuple[list[list[flint.arb]], list[flint.arb]]:
    """Balls containing w(t_k) and s(t_k) at t_k = T k / samples (w(0) = w0 = 0), by ``flow_steps``."""
    return flow_steps.nonlinear_flow(field, T, samples, bits, NotEnclosed, contraction)

def linearized_flow(field: QuadraticField, T: flint.arb, samples: int, pieces: int = 16
                    ) -> tuple[list[list[flint.arb]], list[flint.arb]]:
    """Balls containing wbar(t_k) and sbar(t_k): the closed form of flow (3) (w0 = 0, Dh(w0) = J)."""
    return linear_flow(flint.arb_mat(field.J), field.r0, field.alpha, T, samples, pieces)


def linear_flow(J: flint.arb_mat, r0: Sequence[flint.arb], alpha: flint.arb, T: flint.arb, samples: int,
                pieces: int = 16, start: Sequence[flint.arb] | None = None) -> tuple[list[list[flint.arb]], list[flint.arb]]:
    """Balls containing wbar(t_k) and sbar(t_k) for flow (3) with Dh(w0) = J, r(w0) = r0 and
    wbar(0) = ``start`` (default 0): wbar(t) = start + (1/alpha) J^T (int_0^t e^{-K0 s} ds) r0; sbar a
    ``flow_steps.Deferred`` list, enclosed on its first read."""
    n, p = J.nrows(), J.ncols()
    K0 = J * J.transpose()
    r0 = flint.arb_mat([[x] for x in r0])
    offset = list(start) if start is not None else [flint.arb(0)] * p
    block = flint.arb_mat(2 * n, 2 * n)
    for i in range(n):
        block[i, n + i] = 1
        for j in range(n):
            block[i, j] = -K0[i, j]
    states = []
    interval = T / samples
    for k in range(samples + 1):
        t = interval * k
        E = (block * t).exp()
        integral = flint.arb_mat([[E[i, n + j] for j in range(n)] for i in range(n)])
        wbar = J.transpose() * integral * r0 * (1 / alpha)
        states.append([offset[j] + wbar[j, 0] for j in range(p)])

    def lengths() -> list[flint.arb]:
        length, out = flint.arb(0), [flint.arb(0)]
        for k in range(1, samples + 1):
            length += linear_speed_integral(J, K0, r0 * (1 / alpha), interval * (k - 1), interval, pieces)
            out.append(length)
        return out
    return states, flow_steps.Deferred(lengths, samples + 1)


LINEAR_ORDER = 30  # Taylor terms of e^{-K0 sigma} on a piece of the linear flow's path length
LINEAR_PIECES = 32  # at most this many pieces with ||K0|| h <= 1; a stiffer interval takes balls


def linear_speed_integral(J: flint.arb_mat, K0: flint.arb_mat, v: flint.arb_mat, a: flint.arb, H: flint.arb,
                          pieces: int) -> flint.arb:
    """A ball containing int_a^{a+H} ||J^T e^{-K0 s} v|| ds. On pieces of length h with ||K0|| h <= 1
    (K0's Frobenius norm), e^{-K0 sigma} u = sum_{j<N} (-K0)^j u sigma^j / j! + R with
    ||R|| <= ||u|| (||K0|| h)^N / N! e^{||K0|| h}; the speed's polynomial part is integrated by the
    Taylor models of ``flow_steps.speed_integral`` and the remainder adds h ||J||_F ||R|| either way.
    Where more than LINEAR_PIECES pieces would be needed, ``pieces`` balls of e^{-K0 [s, s + h]} v
    (first order) are used instead."""
    size = enclosures.norm_upper(K0)
    count = max(1, int(float((size * H).upper())) + 1)
    if count > LINEAR_PIECES:
        total = flint.arb(0)
        for i in range(pieces):
            span = H / pieces
            decay = (K0 * (-flow_steps.interval(span) - a - span * i)).exp()
            speed = J.transpose() * decay * v
            total += span * norm([speed[j, 0] for j in range(speed.nrows())])
        return total
    h = H / count
    step = (K0 * (-h)).exp()
    u = (K0 * (-a)).exp() * v
    Jt, jn = J.transpose(), enclosures.norm_upper(J)
    N = LINEAR_ORDER
    tail = ((size * h) ** N / flint.arb.fac_ui(N) * (size * h).exp()).upper()
    total = flint.arb(0)
    for _ in range(count):
        c, coeffs = u, []
        for j in range(N):
            coeffs.append(Jt * c)
            c = -(K0 * c) * (flint.arb(1) / (j + 1))
        z = [flint.arb_poly([0] + [coeffs[j][i, 0] / (j + 1) for j in range(N)]) for i in range(Jt.nrows())]
        un = norm([u[i, 0] for i in range(u.nrows())]).upper()
        total += flow_steps.widen(flow_steps.speed_integral(z, h), (h * jn * un * tail).upper())
        u = step * u
    return total


__all__ = ["QuadraticField", "Contraction", "nonlinear_flow", "linearized_flow", "linear_flow", "linear_speed_integral", "taylor_polynomial", "taylor_coefficients", "flow_step",
           "poly_sup", "poly_range"]
