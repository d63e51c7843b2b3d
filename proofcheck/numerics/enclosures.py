"""Rigorous enclosures of product integrals, by Taylor steps with an exact defect and the
contraction property (``../shared/CERTIFY.md``, section 1).

Every product integral enclosed here has K(t) = X_t X_t^T, symmetric positive semidefinite, so the
propagator U(t, s) of Y' = -K(t) Y is a contraction. For any continuous, piecewise C^1 Z with
Z(0) = I and defect delta = Z' + K Z,

    ||Y(T) - Z(T)|| <= int_0^T ||delta(s)|| ds.

On a step where X(sigma) = X0 + sigma C, K = K0 + sigma K1 + sigma^2 K2 and the truncated Taylor
series P(sigma) = sum_{k < N} Y_k sigma^k of the step propagator ((k + 1) Y_{k+1} =
-(K0 Y_k + K1 Y_{k-1} + K2 Y_{k-2})) has the defect

    P' + K P = -N Y_N sigma^{N-1} + (K1 Y_{N-1} + K2 Y_{N-2}) sigma^N + K2 Y_{N-1} sigma^{N+1},

whose integral over the step is bounded exactly. Z is carried in arb_mat, so its rounding is inside
its balls; the defect integral is then added to every entry as a radius (|E_ij| <= ||E||).

The inputs are the witness's exact numbers (balls built from its decimals); a path point at a
substep is computed in balls from them, never rounded to float64 first.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import flint

from proofcheck.numerics.arb import ball_max

# A step is chosen with h sup ||K|| <= STEP_SIZE; beyond MAX_STEPS steps for the whole path the case
# is too stiff to certify here (and is reported so, never certified loosely).
STEP_SIZE = 1.0
MAX_STEPS = 4000
MAX_ORDER = 80


class NotEnclosed(ArithmeticError):
    """An enclosure that cannot be computed within the limits; the message names the reason."""


class StiffPath(NotEnclosed):
    """A path that needs more than MAX_STEPS Taylor steps."""


def norm_upper(M: flint.arb_mat) -> flint.arb:
    """An upper bound of the spectral norm of every matrix in the ball M: its Frobenius norm."""
    total = flint.arb(0)
    for i in range(M.nrows()):
        for j in range(M.ncols()):
            total += M[i, j].abs_upper() ** 2
    return total.sqrt().upper()


def widen(M: flint.arb_mat, radius: flint.arb) -> flint.arb_mat:
    """M with ``radius`` added to the radius of every entry (an error bounded in spectral norm)."""
    ball = flint.arb(0).union(radius.upper()).union(-radius.upper())
    out = flint.arb_mat(M.nrows(), M.ncols())
    for i in range(M.nrows()):
        for j in range(M.ncols()):
            out[i, j] = M[i, j] + ball
    return out


def eye(n: int) -> flint.arb_mat:
    return flint.arb_mat([[1 if i == j else 0 for j in range(n)] for i in range(n)])


def zeros(rows: int, cols: int) -> flint.arb_mat:
    return flint.arb_mat(rows, cols)


@dataclass
class Quadratic:
    """M(sigma) = M0 + sigma M1 + sigma^2 M2 on a step of length h."""

    M0: flint.arb_mat
    M1: flint.arb_mat
    M2: flint.arb_mat
    h: flint.arb

    def sup_norm(self) -> flint.arb:
        """An upper bound of ||M(sigma)|| over the step."""
        return (norm_upper(self.M0) + self.h * norm_upper(self.M1) + self.h ** 2 * norm_upper(self.M2)).upper()


def gram_step(X0: flint.arb_mat, C: flint.arb_mat, h: flint.arb) -> Quadratic:
    """K(sigma) = X(sigma) X(sigma)^T for X(sigma) = X0 + sigma C."""
    X0t, Ct = X0.transpose(), C.transpose()
    return Quadratic(X0 * X0t, X0 * Ct + C * X0t, C * Ct, h)


@dataclass
class TaylorStep:
    """The truncated Taylor series of one step's propagator: coefficients Y_0..Y_{N-1}, the next
    one Y_N, and the coefficients of its defect polynomial."""

    Y: list[flint.arb_mat]
    YN: flint.arb_mat
    defect_mid: flint.arb_mat  # coefficient of sigma^N
    defect_top: flint.arb_mat  # coefficient of sigma^(N+1)

    @property
    def order(self) -> int:
        return len(self.Y)

    def at(self, h: flint.arb) -> flint.arb_mat:
        """P(h) by Horner's rule."""
        P = self.Y[-1]
        for Yk in reversed(self.Y[:-1]):
            P = P * h + Yk
        return P

    def defect_integral(self, Z: flint.arb_mat, h: flint.arb, rows: slice) -> flint.arb:
        """An upper bound of int_0^h ||(P' + M P)(sigma) Z|| over the rows ``rows`` of the state."""
        N = self.order

        def part(A: flint.arb_mat) -> flint.arb:
            AZ = A * Z
            return norm_upper(_rows(AZ, rows))
        return (part(self.YN) * h ** N + part(self.defect_mid) * h ** (N + 1) / (N + 1)
                + part(self.defect_top) * h ** (N + 2) / (N + 2)).upper()


def _rows(M: flint.arb_mat, rows: slice) -> flint.arb_mat:
    idx = range(M.nrows())[rows]
    return flint.arb_mat([[M[i, j] for j in range(M.ncols())] for i in idx])


def taylor_step(M: Quadratic, tolerance: flint.arb) -> TaylorStep:
    """Taylor coefficients of Y' = -M(sigma) Y, Y(0) = I, up to the order where the defect's
    integral over the step (for a unit state) falls below ``tolerance``."""
    n = M.M0.nrows()
    Y = [eye(n)]
    zero = zeros(n, n)
    h = M.h
    while True:
        k = len(Y) - 1
        prev1 = Y[k - 1] if k >= 1 else zero
        prev2 = Y[k - 2] if k >= 2 else zero
        Ynext = -(M.M0 * Y[k] + M.M1 * prev1 + M.M2 * prev2) * flint.arb(1) / (k + 1)
        N = len(Y)
        mid = M.M1 * Y[N - 1] + M.M2 * (Y[N - 2] if N >= 2 else zero)
        top = M.M2 * Y[N - 1]
        step = TaylorStep(list(Y), Ynext, mid, top)
        if N >= 3 and step.defect_integral(eye(n), h, slice(None)) <= tolerance:
            return step
        if N >= MAX_ORDER:
            raise NotEnclosed(f"the Taylor series did not reach the tolerance within {MAX_ORDER} terms")
        Y.append(Ynext)


def _coefficient_norms(M: Quadratic) -> tuple[flint.arb, flint.arb, flint.arb]:
    return norm_upper(M.M0), norm_upper(M.M1), norm_upper(M.M2)


def _substep_count(segment: Quadratic) -> int:
    """Substeps of a segment (its quadratic over its whole length d) so that on each, of length
    h = d / m, the majorant a h + b h^2 / 2 + c h^3 / 3 of int ||M|| is at most STEP_SIZE: a, b, c
    bound the coefficients of M(s + sigma) in sigma for every start s of a substep. Then the Taylor
    coefficients decay like those of exp(STEP_SIZE), whatever mix of K0, K1, K2 dominates."""
    a0, a1, a2 = (float(x) for x in _coefficient_norms(segment))
    d = float(segment.h.upper())
    a, b, c = a0 + d * a1 + d * d * a2, a1 + 2 * d * a2, a2
    m = max(1, int(a * d / STEP_SIZE))
    while True:
        h = d / m
        if a * h + b * h * h / 2 + c * h ** 3 / 3 <= STEP_SIZE or m > MAX_STEPS:
            return m
        m = int(m * 1.25) + 1


Make = Callable[[flint.arb_mat, flint.arb_mat, Any, Any, flint.arb], Quadratic]


def _taylor_steps(knots: Sequence[flint.arb_mat], times: Sequence[flint.arb], make: Make,
                  extra: Sequence[flint.arb_mat] | None = None) -> list[Quadratic]:
    """The path cut into Taylor steps, each step's coefficient ``make(X0, C, W0, U, h)`` from the
    path point X0 at its start and the slope C (W0, U: the same for a second path ``extra``)."""
    segments = []
    for j in range(len(knots) - 1):
        d = times[j + 1] - times[j]
        if d.is_zero():
            continue
        if not d > 0:
            raise NotEnclosed("a segment's length is not certainly positive")
        C = (knots[j + 1] - knots[j]) * (1 / d)
        U = (extra[j + 1] - extra[j]) * (1 / d) if extra is not None else None
        W = extra[j] if extra is not None else None
        segments.append((knots[j], C, W, U, d, _substep_count(make(knots[j], C, W, U, d))))
    total = sum(s[-1] for s in segments)
    if total > MAX_STEPS:
        # sup ||K|| over each segment (its quadratic's norms at the segment's full length) times its length
        stiffness = sum(float((d * make(X, C, W, U, d).sup_norm()).upper()) for X, C, W, U, d, _ in segments)
        raise StiffPath(f"stiff path: about {stiffness:.3g} for sup ||K|| T needs {total} Taylor steps "
                          f"(at most {MAX_STEPS} are taken)")
    out = []
    for X, C, W, U, d, m in segments:
        h = d / m
        for i in range(m):
            s = h * i
            out.append(make(X + C * s, C, W + U * s if W is not None else None, U, h))
    return out


def _tolerance(steps: int, bits: int) -> flint.arb:
    return flint.arb(2) ** (-(bits - 20)) / max(steps, 1)


def _gram(X0: flint.arb_mat, C: flint.arb_mat, W: Any, U: Any, h: flint.arb) -> Quadratic:
    return gram_step(X0, C, h)


def _interpolation_block(X0: flint.arb_mat, V: flint.arb_mat, W0: flint.arb_mat, U: flint.arb_mat,
                         h: flint.arb) -> Quadratic:
    """[[K, 0], [K_zeta, K]] for X = X0 + sigma V and dX/dzeta = W0 + sigma U."""
    K = gram_step(X0, V, h)
    X0t, Vt, W0t, Ut = X0.transpose(), V.transpose(), W0.transpose(), U.transpose()
    Kz = (W0 * X0t + X0 * W0t, U * X0t + W0 * Vt + V * W0t + X0 * Ut, U * Vt + V * Ut)
    return Quadratic(_block(K.M0, Kz[0]), _block(K.M1, Kz[1]), _block(K.M2, Kz[2]), h)


def product(knots: Sequence[flint.arb_mat], times: Sequence[flint.arb], bits: int) -> flint.arb_mat:
    """A ball containing prod_{t_0}^{t_end} e^{-X_s X_s^T ds} for the piecewise-linear path: by Taylor
    steps, or, on a path too stiff for them, by the exponential steps of ``stiff_paths``."""
    try:
        return taylor_product(knots, times, bits)
    except StiffPath:
        from proofcheck.numerics import stiff_paths  # it builds on this module's helpers
        return stiff_paths.product(knots, times, bits)


def taylor_product(knots: Sequence[flint.arb_mat], times: Sequence[flint.arb], bits: int) -> flint.arb_mat:
    """A ball containing prod_{t_0}^{t_end} e^{-X_s X_s^T ds} by Taylor steps (StiffPath beyond MAX_STEPS)."""
    steps = _taylor_steps(knots, times, _gram)
    tol = _tolerance(len(steps), bits)
    n = knots[0].nrows()
    Z, error = eye(n), flint.arb(0)
    for K in steps:
        step = taylor_step(K, tol)
        error += step.defect_integral(Z, K.h, slice(None))
        Z = step.at(K.h) * Z
    return widen(Z, error)


def interpolation_derivative(A: Sequence[flint.arb_mat], B: Sequence[flint.arb_mat], times: Sequence[flint.arb],
                             zeta: flint.arb, bits: int) -> flint.arb_mat:
    """A ball containing d/dzeta prod_0^T e^{-K_{s,zeta} ds}, K = X X^T, X = (1 - zeta) A + zeta B.

    (P, D = dP/dzeta) solves the block system [P; D]' = -[[K, 0], [K_zeta, K]] [P; D]. Each block's
    defect is bounded separately; then ||P - P~|| <= int ||delta_P|| (contraction) and
    ||D - D~|| <= int ||delta_D|| + int ||K_zeta|| ||P - P~|| (the same contraction, with the
    error of P entering D's equation as a forcing; ||K_zeta|| is bounded by the block's norm)."""
    X = [a * (1 - zeta) + b * zeta for a, b in zip(A, B)]
    steps = _taylor_steps(X, times, _interpolation_block, [b - a for a, b in zip(A, B)])
    tol = _tolerance(len(steps), bits)
    n = X[0].nrows()
    Z = flint.arb_mat([[1 if i == j else 0 for j in range(n)] for i in range(2 * n)])
    err_P, err_D, forcing = flint.arb(0), flint.arb(0), flint.arb(0)
    for M in steps:
        step = taylor_step(M, tol)
        err_P += step.defect_integral(Z, M.h, slice(0, n))
        err_D += step.defect_integral(Z, M.h, slice(n, 2 * n))
        forcing += M.h * M.sup_norm()
        Z = step.at(M.h) * Z
    return widen(_rows(Z, slice(n, 2 * n)), (err_D + forcing * err_P.upper()).upper())


def _block(K: flint.arb_mat, Kz: flint.arb_mat) -> flint.arb_mat:
    """[[K, 0], [Kz, K]]."""
    n = K.nrows()
    out = flint.arb_mat(2 * n, 2 * n)
    for i in range(n):
        for j in range(n):
            out[i, j] = K[i, j]
            out[n + i, n + j] = K[i, j]
            out[n + i, j] = Kz[i, j]
    return out


def integral_equation_residual(knots: Sequence[flint.arb_mat], times: Sequence[flint.arb], bits: int) -> flint.arb_mat:
    """A ball containing P(L) - I + int_0^L K_t P(t) dt (the integral equation a product integral solves) for the
    true product integral P: the same quantity for the Taylor approximant Z, computed exactly in
    balls (K Z is a polynomial on each step), widened by ||P - Z|| (1 + int ||K||)."""
    steps = _taylor_steps(knots, times, _gram)
    tol = _tolerance(len(steps), bits)
    n = knots[0].nrows()
    zero = zeros(n, n)
    Z, error, integral, mass = eye(n), flint.arb(0), zeros(n, n), flint.arb(0)
    for K in steps:
        step = taylor_step(K, tol)
        Y, h = step.Y, K.h
        for k in range(len(Y) + 2):  # int_0^h K(sigma) P(sigma) dsigma, term by term
            term = zero
            if k < len(Y):
                term = term + K.M0 * Y[k]
            if 1 <= k <= len(Y):
                term = term + K.M1 * Y[k - 1]
            if 2 <= k <= len(Y) + 1:
                term = term + K.M2 * Y[k - 2]
            integral = integral + term * Z * (h ** (k + 1) / (k + 1))
        error += step.defect_integral(Z, h, slice(None))
        mass += h * K.sup_norm()
        Z = step.at(h) * Z
    return widen(Z - eye(n) + integral, (error * (1 + mass)).upper())


def path_integral(knots: Sequence[flint.arb_mat], times: Sequence[flint.arb],
                  integrand: Callable[[flint.arb_mat], flint.arb], pieces: int) -> flint.arb:
    """A ball containing int integrand(X_s) ds along the piecewise-linear path: on each of ``pieces``
    equal pieces per segment the integrand is evaluated on the ball of all path points of the piece
    (its midpoint, widened by half the piece's variation entrywise), so the sum of length times
    value encloses the integral for any integrand that encloses its value on a ball."""
    total = flint.arb(0)
    for j in range(len(knots) - 1):
        d = times[j + 1] - times[j]
        if d.is_zero():
            continue
        h = d / pieces
        half = (knots[j + 1] - knots[j]) * flint.arb("0.5") * (flint.arb(1) / pieces)
        for i in range(pieces):
            f = (flint.arb(2 * i + 1) / (2 * pieces))
            mid = knots[j] * (1 - f) + knots[j + 1] * f
            ball = flint.arb_mat([[mid[a, b] + flint.arb(0).union(half[a, b].abs_upper()).union(-half[a, b].abs_upper())
                                   for b in range(mid.ncols())] for a in range(mid.nrows())])
            total += h * integrand(ball)
    return total


__all__ = ["NotEnclosed", "StiffPath", "product", "taylor_product", "interpolation_derivative", "integral_equation_residual", "path_integral",
           "norm_upper", "widen", "ball_max"]
