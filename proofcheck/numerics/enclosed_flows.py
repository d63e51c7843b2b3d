"""Rigorous enclosures of the gradient flows (1) and (3) of a quadratic model, by Taylor steps with
an exact defect and a one-sided Lipschitz bound (``../shared/CERTIFY.md``, section 2).

Flow (1) is w' = f(w) = (1/alpha) Dh(w)^T r(w), r(w) = r0 - alpha (J w + Q[w, w]/2), a cubic
polynomial field. Its Jacobian Df = (1/alpha) sum_i r_i Q_i - Dh^T Dh is symmetric, so its
logarithmic norm is at most mu = (1/alpha) ||r|| sqrt(sum_i ||Q_i||_F^2) (Dh^T Dh >= 0 only helps).
For an approximation z with defect delta = z' - f(z), the error e = w - z obeys
||e(t)|| <= e^{mu t} (||e(0)|| + int ||delta||) while w stays in a tube around z on which mu holds.

Each step: z is the degree-N Taylor polynomial from the step's start point (Picard iteration in
arb_poly); its defect is computed exactly as a polynomial and bounded by sum |c_k| h^k; mu is
bounded on the box of z over the step widened by a radius rho, and the step is accepted only if
the resulting error bound is below rho (the bootstrap). The path length s = int ||f(w)|| is enclosed
by evaluating ||f|| on the box of w over each of a few pieces of the step.

Flow (3), the linearization, is solved in closed form: rbar(t) = e^{-K0 t} r0 with K0 = J J^T, and
wbar(t) = (1/alpha) J^T (int_0^t e^{-K0 s} ds) r0, the integral read off the exponential of the
block matrix [[-K0, I], [0, 0]] t; its path length by pieces as for s.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import flint

from proofcheck.numerics.enclosures import NotEnclosed

ORDER = 30  # degree of each step's Taylor polynomial
STEP_SIZE = 0.5  # a step's length times the field's Lipschitz bound at its start
MAX_STEPS = 2000
LOOSE = 1e-3  # an error bound above this share of the state gives up: the enclosure has come apart
LENGTH_PIECES = 8  # pieces of a step on which ||f|| is enclosed for the path length


def _interval(h: flint.arb) -> flint.arb:
    """The ball [0, h]."""
    return flint.arb(0).union(h.upper())


def _norm(v: Sequence[flint.arb]) -> flint.arb:
    """A ball containing the Euclidean norm of every vector in the box v."""
    total = flint.arb(0)
    for x in v:
        a = abs(flint.arb(x))
        total += a * a
    return total.nonnegative_part().sqrt() if total.contains(0) else total.sqrt()


def _widen(x: flint.arb, r: flint.arb) -> flint.arb:
    return x + flint.arb(0).union(r.upper()).union(-r.upper())


def poly_sup(p: flint.arb_poly, h: flint.arb) -> flint.arb:
    """An upper bound of |p(sigma)| on [0, h]: sum_k |c_k| h^k."""
    total, power = flint.arb(0), flint.arb(1)
    for c in p.coeffs():
        total += c.abs_upper() * power
        power *= h
    return total.upper()


def poly_range(p: flint.arb_poly, a: flint.arb, b: flint.arb) -> flint.arb:
    """A ball containing p(sigma) for every sigma in [a, b] (0 <= a <= b): the sum of the terms'
    ranges c_k [a^k, b^k]."""
    coeffs = p.coeffs()
    if not coeffs:
        return flint.arb(0)
    total = coeffs[0]
    pa, pb = flint.arb(1), flint.arb(1)
    for c in coeffs[1:]:
        pa, pb = pa * a, pb * b
        total += (c * pa).union(c * pb)
    return total


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
        return (dh + _norm(r).upper() * self.q_norm() / self.alpha).upper()

    def log_norm(self, box: Sequence[flint.arb]) -> flint.arb:
        """mu on the box: (1/alpha) sup ||r|| q_norm."""
        mul = lambda a, b: a * b  # noqa: E731
        r = self.residual_from(self.jacobian(box, mul), box, mul)
        return (_norm(r).upper() * self.q_norm() / self.alpha).upper()


@dataclass
class Step:
    """One accepted step: the end point's ball and its error bound, and the path length gained."""

    end: list[flint.arb]
    error: flint.arb
    length: flint.arb


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


def flow_step(field: QuadraticField, start: Sequence[flint.arb], error: flint.arb, h: flint.arb,
              tolerance: flint.arb) -> Step | None:
    """One step of length h from the point ``start`` (exact midpoints) with error bound ``error``;
    None where the defect is above ``tolerance`` or the bootstrap fails (the caller halves h)."""
    z = taylor_polynomial(field, start, ORDER)
    F = field.field(z)
    defect = [zj.derivative() - Fj for zj, Fj in zip(z, F)]
    d_sup = _norm([poly_sup(d, h) for d in defect]).upper()
    forcing = (h * d_sup).upper()
    if not forcing <= tolerance:
        return None
    box = [poly_range(zj, flint.arb(0), h) for zj in z]
    rho = 2 * (error + forcing) + tolerance
    for _ in range(6):
        mu = field.log_norm([_widen(x, rho) for x in box])
        bound = ((mu * h).exp() * (error + forcing)).upper()
        if bound < rho:
            break
        rho = 2 * bound
    else:
        return None
    end = [_widen(zj(h), bound) for zj in z]
    length = flint.arb(0)
    for i in range(LENGTH_PIECES):
        a, b = h * i / LENGTH_PIECES, h * (i + 1) / LENGTH_PIECES
        piece = [_widen(poly_range(zj, a, b), bound) for zj in z]
        length += (b - a) * _norm(field.field(piece))
    return Step(end, bound, length)


def nonlinear_flow(field: QuadraticField, T: flint.arb, samples: int, bits: int
                   ) -> tuple[list[list[flint.arb]], list[flint.arb]]:
    """Balls containing w(t_k) and s(t_k) at t_k = T k / samples (w(0) = w0 = 0). Steps adapt: a
    refused step is halved and retried, an accepted one lets the next grow by half; each sample
    interval ends exactly on its sample time."""
    # a defect is amplified by up to e^{mu T} (the flows of the paper's worst cases expand at
    # first), so each step's is kept near the working precision's half, not at float64's level
    tolerance = flint.arb(2) ** -(bits // 2)
    point = [flint.arb(0)] * field.p
    error, length = flint.arb(0), flint.arb(0)
    states, lengths = [list(point)], [length]
    interval = T / samples
    lip = float(field.lipschitz(point).upper())  # only to choose the first step
    fraction = min(1.0, STEP_SIZE / max(lip * float(interval.upper()), 1e-300))
    steps = 0
    for _ in range(samples):
        left = flint.arb(1)  # the share of the sample interval still to go
        while not left.is_zero():
            share = left if fraction >= float(left.upper()) else flint.arb(fraction)
            h = interval * share
            mids = [x.mid() for x in point]
            e = (error + _norm([x - c for x, c in zip(point, mids)]).upper()).upper()
            # the defect may be a small fraction of the step's own size (its start and its motion)
            scale = 1 + float(_norm(mids).upper()) + float(_norm(field.field(mids)).upper() * interval.upper())
            step = flow_step(field, mids, e, h, tolerance * scale * share)
            steps += 1
            if steps > MAX_STEPS:
                raise NotEnclosed(f"stiff flow: about {lip * float(T.upper()):.3g} for Lip(f) T at the start; "
                                  f"over {MAX_STEPS} Taylor steps")
            if step is None:
                fraction = float(share.mid()) / 2
                continue
            point, error, length = step.end, step.error, length + step.length
            if error > LOOSE * (1 + _norm(point).upper()):
                raise NotEnclosed(f"the flow's error bound grew past {LOOSE:.0e} of the state by t = "
                                  f"{float((T * (flint.arb(len(states)) - left) / samples).mid()):.3g}: the one-sided "
                                  "Lipschitz bound (1/alpha)||r|| ||Q|| amplifies it faster than the flow contracts")
            left = left - share if not share is left else flint.arb(0)
            fraction = min(1.0, float(share.mid()) * 1.5)
        states.append(list(point))
        lengths.append(length)
    return states, lengths


def linearized_flow(field: QuadraticField, T: flint.arb, samples: int, pieces: int = 16
                    ) -> tuple[list[list[flint.arb]], list[flint.arb]]:
    """Balls containing wbar(t_k) and sbar(t_k): the closed form of flow (3)."""
    n, p = field.n, field.p
    J = flint.arb_mat(field.J)
    K0 = J * J.transpose()
    r0 = flint.arb_mat([[x] for x in field.r0])
    block = flint.arb_mat(2 * n, 2 * n)
    for i in range(n):
        block[i, n + i] = 1
        for j in range(n):
            block[i, j] = -K0[i, j]
    states, lengths, length = [], [], flint.arb(0)
    interval = T / samples
    for k in range(samples + 1):
        t = interval * k
        E = (block * t).exp()
        integral = flint.arb_mat([[E[i, n + j] for j in range(n)] for i in range(n)])
        wbar = J.transpose() * integral * r0 * (1 / field.alpha)
        states.append([wbar[j, 0] for j in range(p)])
        if k:
            for i in range(pieces):
                a = interval * (k - 1) + interval * i / pieces
                span = interval / pieces
                decay = (K0 * (-_interval(span) - a)).exp()
                speed = J.transpose() * decay * r0 * (1 / field.alpha)
                length += span * _norm([speed[j, 0] for j in range(p)])
        lengths.append(length)
    return states, lengths


__all__ = ["QuadraticField", "nonlinear_flow", "linearized_flow", "taylor_polynomial", "flow_step", "poly_sup",
           "poly_range"]
