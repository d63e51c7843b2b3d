"""Paths of matrices t -> X_t and their product integrals.

A piecewise-linear path on [0, L] is given by knots X_0, ..., X_{k-1} and positive gaps g_1, ...,
g_{k-1}; knot j sits at time L (g_1 + ... + g_j) / (g_1 + ... + g_{k-1}). A tiny gap is a sharp
but continuous transition.

The product integral P(y, x) = prod_x^y e^{-X_s X_s^T ds} (later times on the left) is computed
by the exponential midpoint rule on q substeps per segment. The rule is time-symmetric, so its
error expands in even powers of the step and Romberg extrapolation over q, 2q, 4q removes the
h^2 and h^4 terms; the last correction is the error estimate.

In Arb (a context that ``encloses``) every function here returns a rigorous enclosure instead
(``proofcheck.numerics.enclosures``): an Estimate whose value is a ball containing the exact
quantity and whose error is exactly 0, the discretization error being inside the ball.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

import numpy as np

from proofcheck.numerics import enclosures, norm_integrals
from proofcheck.numerics.arb_steps import on_arb_matrices
from proofcheck.numerics.linalg import gram_exp, identity, spectral_norm, transpose


@dataclass(frozen=True)
class Estimate:
    """A computed value with an estimate of its discretization error (absolute). In Arb, ``lower`` may
    carry a proved lower end of the value tighter than its ball's: a ball's radius has 30 bits, so a
    ball 1e-4 of its value wide keeps its lower end only to about 1e-13 of the value."""

    value: Any
    error: Any
    lower: Any = None

    def scaled(self, factor: Any) -> "Estimate":
        """factor times the value, with its error (and a lower end) scaled alike (factor >= 0)."""
        return Estimate(self.value * factor, self.error * factor, None if self.lower is None else self.lower * factor)


def knot_times(ctx: Any, gaps: Sequence[Any], length: Any) -> list[Any]:
    """Times of the knots on [0, length]: 0, then the normalized cumulative gaps."""
    total = gaps[0]
    for g in gaps[1:]:
        total = total + g
    times, acc = [0 * length], 0 * length
    for g in gaps:
        acc = acc + g
        times.append(length * acc / total)
    times[-1] = length
    return times


def tail(knots: Sequence[Any], times: Sequence[Any], j: int) -> tuple[list[Any], list[Any]]:
    """The path on [t_j, T] (from its j-th knot on), its times shifted to start at 0; j is
    clamped to the last segment, so that a path always keeps one segment."""
    j = max(0, min(int(j), len(knots) - 2))
    return list(knots[j:]), [t - times[j] for t in times[j:]]


def head(knots: Sequence[Any], times: Sequence[Any], j: int) -> tuple[list[Any], list[Any]]:
    """The path on [0, t_j] (up to its j-th knot), j clamped to keep at least one segment."""
    j = max(1, min(int(j), len(knots) - 1))
    return list(knots[:j + 1]), list(times[:j + 1])


def total_variation(ctx: Any, knots: Sequence[Any]) -> Any:
    """V of a piecewise-linear path (Definition A.7): exactly the sum of knot-to-knot norms."""
    v = 0 * spectral_norm(ctx, knots[0])
    for a, b in zip(knots[:-1], knots[1:]):
        v = v + spectral_norm(ctx, b - a)
    return v


def sup_norm(ctx: Any, knots: Sequence[Any]) -> Any:
    """sup_t ||X_t|| of a piecewise-linear path: the norm is convex, so the sup is at a knot."""
    best = spectral_norm(ctx, knots[0])
    for k in knots[1:]:
        best = ctx.maximum(best, spectral_norm(ctx, k))
    return best


@on_arb_matrices
def _midpoint_product(ctx: Any, knots: Sequence[Any], times: Sequence[Any], q: int) -> Any:
    n = ctx.rows(knots[0])
    P = identity(ctx, n, like=knots[0])
    for j in range(len(knots) - 1):
        h = (times[j + 1] - times[j]) / q
        for i in range(q):
            f = (i + 0.5) / q
            X = knots[j] * (1 - f) + knots[j + 1] * f
            P = gram_exp(ctx, X, h) @ P
    return P


# Romberg's h^2 expansion only describes the midpoint rule once every step is short against the
# kernel: h ||X_s||^2 below this. Coarser than that, the error estimate is the plain difference of
# the two finest levels, which does not pretend to an accuracy the extrapolation lacks, and only
# where the levels close in on a limit as the step halves (their differences shrink by CONTRACTION
# at least, or are already within the context's tolerance). Levels that do not are wrong in a way
# no difference of them measures: on a path with h ||K|| about 1e10 the levels drifted 6e-4,
# 2.5e-3, 1.2e-2 apart while all of them were 0.85 from the product (0.1366, an implicit Radau
# reference), so the error is unknown there (inf).
ASYMPTOTIC_STEP = 0.5
CONTRACTION = 0.5
MP_MAX_SUBSTEPS = 32


def _stiffness(ctx: Any, knots: Sequence[Any], times: Sequence[Any], q: int) -> Any:
    worst = 0 * times[0]
    for j in range(len(knots) - 1):
        size = sup_norm(ctx, [knots[j], knots[j + 1]]) ** 2
        step = (times[j + 1] - times[j]) * size / q
        worst = ctx.maximum(worst, step)
    return worst


def _richardson(S1: Any, S2: Any, S4: Any) -> tuple[Any, Any]:
    """One and two Richardson steps for an h^2, h^4 expansion over steps h, h/2, h/4: (R1 from
    S2 and S4, R2)."""
    R1a, R1b = (4 * S2 - S1) / 3, (4 * S4 - S2) / 3
    return R1b, (16 * R1b - R1a) / 15


def _romberg(ctx: Any, level: Callable[[int], Any], stiff: Any) -> Estimate:
    """Romberg extrapolation of ``level(m)`` over m = q, 2q, 4q (the caller fixes q inside level)."""
    P1, P2, P4 = level(1), level(2), level(4)
    R1b, R2 = _richardson(P1, P2, P4)
    fine = spectral_norm(ctx, R2 - R1b)
    if not np.any(stiff):  # no case of the batch is stiff: the extrapolation's own estimate, nothing more to norm
        return Estimate(R2, fine)
    coarse = spectral_norm(ctx, P4 - P2)
    # levels already within the tolerance asked of them (a constant stiff segment is exact at every level)
    # are closed, whatever their rounding does
    closing = (coarse <= CONTRACTION * spectral_norm(ctx, P2 - P1)) | (coarse <= ctx.tolerance)
    stiff_error = ctx.select(closing, ctx.maximum(fine, coarse), ctx.inf)
    return Estimate(R2, ctx.select(stiff, stiff_error, fine))


def _refined(ctx: Any, make: Callable[[int], Estimate], q: int,
             scale: Callable[[Estimate], Any] = lambda est: 1) -> Estimate:
    """``make(q)``, with q doubled in mpmath until the error is below the context's tolerance times
    ``scale`` (1: absolute; the value: relative) or q reaches MP_MAX_SUBSTEPS; float64 keeps q."""
    est = make(q)
    if not ctx.refines:
        return est
    while q < MP_MAX_SUBSTEPS and est.error > ctx.tolerance * scale(est):
        q *= 2
        est = make(q)
    return est


def product_integral(ctx: Any, knots: Sequence[Any], times: Sequence[Any], q: int = 4) -> Estimate:
    """prod_{t_0}^{t_end} e^{-X_s X_s^T ds} for the piecewise-linear path: Romberg over q, 2q, 4q
    substeps per segment. In mpmath q doubles until the error estimate is below 1e-12 (relative to
    the product's norm, at most 1) or q reaches MP_MAX_SUBSTEPS; float64 keeps q."""
    if ctx.encloses:
        return ctx.enclosed(enclosures.product([k.m for k in knots], times, ctx.prec))

    def make(base: int) -> Estimate:
        stiff = _stiffness(ctx, knots, times, 4 * base) > ASYMPTOTIC_STEP
        return _romberg(ctx, lambda m: _midpoint_product(ctx, knots, times, m * base), stiff)
    return _refined(ctx, make, q)


def interpolation_derivative(ctx: Any, A: Sequence[Any], B: Sequence[Any], times: Sequence[Any],
                             zeta: Any, q: int = 4) -> Estimate:
    """d/dzeta prod_0^T e^{-K_{s,zeta} ds}, K_{s,zeta} = X X^T with X_s = (1 - zeta) A_s + zeta B_s.

    Central differences in zeta are taken inside each Romberg level (the same discretization on
    both sides), so the extrapolation and its error estimate apply to the derivative itself. The
    difference step is 1e-5 in float64 and 10^(-dps/3) in mpmath, balancing truncation and rounding.
    """
    if ctx.encloses:
        return ctx.enclosed(enclosures.interpolation_derivative([a.m for a in A], [b.m for b in B], times,
                                                                zeta, ctx.prec))
    h = ctx.difference_step()

    def knots(z: Any) -> list[Any]:
        return [a * (1 - z) + b * z for a, b in zip(A, B)]

    def make(base: int) -> Estimate:
        plus, minus = knots(zeta + h), knots(zeta - h)
        stiff = _stiffness(ctx, plus, times, 4 * base) > ASYMPTOTIC_STEP
        return _romberg(ctx, lambda m: (_midpoint_product(ctx, plus, times, m * base)
                                        - _midpoint_product(ctx, minus, times, m * base)) / (2 * h), stiff)
    return _refined(ctx, make, q)


@on_arb_matrices
def _midpoint_residual(ctx: Any, knots: Sequence[Any], times: Sequence[Any], q: int) -> Any:
    """P_m(L) - I + sum_i h K_mid P_mid on the midpoint grid: the discrete residual of the integral equation."""
    n = ctx.rows(knots[0])
    eye = identity(ctx, n, like=knots[0])
    P, integral = eye, 0 * eye
    for j in range(len(knots) - 1):
        h = (times[j + 1] - times[j]) / q
        for i in range(q):
            f = (i + 0.5) / q
            X = knots[j] * (1 - f) + knots[j + 1] * f
            half = gram_exp(ctx, X, h / 2)
            integral = integral + (X @ (transpose(ctx, X) @ (half @ P))) * h
            P = half @ (half @ P)
    return P - eye + integral


def integral_equation_residual(ctx: Any, knots: Sequence[Any], times: Sequence[Any], q: int = 4) -> Estimate:
    """||P(L, 0) - I + int_0^L K_t P(t, 0) dt|| (the integral equation a product integral solves), Romberg over levels of
    the discrete residual, refined in mpmath as the product integral is."""
    if ctx.encloses:
        residual = enclosures.integral_equation_residual([k.m for k in knots], times, ctx.prec)
        return ctx.enclosed(spectral_norm(ctx, ctx.wrap(residual)))
    def make(base: int) -> Estimate:
        stiff = _stiffness(ctx, knots, times, 4 * base) > ASYMPTOTIC_STEP
        est = _romberg(ctx, lambda m: _midpoint_residual(ctx, knots, times, m * base), stiff)
        # With steps long against the kernel, the quadrature of int K P is wrong by O(1) at every
        # level alike, so no difference of levels measures its error: the error is unknown (inf).
        return Estimate(spectral_norm(ctx, est.value), ctx.select(stiff, ctx.inf, est.error))
    return _refined(ctx, make, q)


def path_integral(ctx: Any, knots: Sequence[Any], times: Sequence[Any], integrand: Callable[[Any], Any],
                  q: int = 8) -> Estimate:
    """int integrand(X_s) ds along the piecewise-linear path by midpoint sums on q, 2q, 4q (and in mpmath 8q)
    substeps per segment. In float64 (screening) the value is the finest sum and its error twice its difference
    from the previous one. In mpmath the sums are Romberg-extrapolated only where both columns of the table
    contract at their rates (``_romberg_checked``): next to a near-crossing of a norm's top eigenvalues (a kink
    smoothed over less than a step) the sums still shrink by 4 while the extrapolated ones do not, and
    Romberg's last correction was 30x below its true error (Lemma A.9's tight witness). q doubles until the error
    is below 1e-12 of the value or q reaches MP_MAX_SUBSTEPS."""
    if ctx.encloses:
        return ctx.enclosed(_enclosed_path_integral(ctx, knots, times, integrand))
    sums: dict[int, tuple[Any, Any, list[Any]]] = {}
    # the integrand at each segment's two ends, where a kink within half a step shows no midpoint sample
    ends = [(integrand(knots[j]), integrand(knots[j + 1])) for j in range(len(knots) - 1)] if ctx.refines else []

    def level(m: int) -> tuple[Any, Any, list[Any]]:
        """The midpoint sum on m substeps per segment, the rule's error bound for an integrand of the Lipschitz
        constant its samples show (h^2 L / 4 per substep, L the largest difference of adjacent samples over h,
        doubled: a secant is below the slope at a kink), and each segment's end values and samples."""
        if m not in sums:  # a refinement reuses the levels it shares with the previous one
            total, lipschitz, kept = 0 * times[0], 0 * times[0], []
            for j in range(len(knots) - 1):
                h = (times[j + 1] - times[j]) / m
                samples = [integrand(knots[j] * (1 - f) + knots[j + 1] * f) for f in ((i + 0.5) / m for i in range(m))]
                for x in samples:
                    total = total + x * h
                if ctx.refines:  # only mpmath's error reads them
                    jump = 0 * h
                    for a, b in zip(samples, samples[1:]):
                        jump = ctx.maximum(jump, abs(b - a))
                    lipschitz = lipschitz + jump * (times[j + 1] - times[j]) / 2
                    kept.append((ends[j], samples))
            sums[m] = (total, lipschitz, kept)
        return sums[m]

    def make(base: int) -> Estimate:
        (S1, _, _), (S2, _, _), (S4, _, coarse) = level(base), level(2 * base), level(4 * base)
        if not ctx.refines:  # screening only: the plain finest sum
            return Estimate(S4, 2 * abs(S4 - S2))
        S8, lipschitz, fine = level(8 * base)
        if any(kinked(c, f) for c, f in zip(coarse, fine)):
            return Estimate(S8, ctx.maximum(2 * abs(S8 - S4), lipschitz))
        return _romberg_checked(S1, S2, S4, S8, lipschitz)

    return _refined(ctx, make, q, scale=lambda est: abs(est.value))


def _pairs(samples: Sequence[Any]) -> list[Any]:
    """|D_i| + |D_{i+1}| for the second differences D_i = f_{i+1} - 2 f_i + f_{i-1} on either side of the
    interval between samples i and i + 1: for a kink of slope jump J there, exactly J h whatever its place."""
    D = [abs(samples[i + 1] - 2 * samples[i] + samples[i - 1]) for i in range(1, len(samples) - 1)]
    return [a + b for a, b in zip(D, D[1:])]


def _end_misses(ends: tuple[Any, Any], samples: Sequence[Any]) -> tuple[Any, Any]:
    """How far each end value lies from the line through the two samples nearest it (at h/2 and 3h/2 from the end):
    3 f'' h^2 / 8 for a smooth integrand, J times the kink's distance from the end for one within h/2 of it."""
    first = abs(ends[0] - (3 * samples[0] - samples[1]) / 2)
    last = abs(ends[1] - (3 * samples[-1] - samples[-2]) / 2)
    return first, last


def kinked(coarse: Any, fine: Any) -> bool:
    """Whether one segment's end values and midpoint samples on steps 2h (``coarse``) and h (``fine``) show a
    kink: a second difference (or an end's miss of the line through its two nearest samples) that shrinks by at
    most 2 on halving the step where a smooth integrand's shrinks by 4. A kink defeats every estimate built from
    the sums alone: its error (J/2) dist(c, the nearest cell edge)^2 does not change while the finer grids keep
    c's nearest edge, so the sums' differences see only the smooth part (a referee found Romberg's stated error 0
    against a true 2e-7 on ||X X^T - P X X^T P^T||). Not seen: a kink whose slope jump is below the smooth
    part's curvature times h, and an integrand that oscillates at the sampling frequency."""
    import mpmath

    (ends, big_samples), (_, small_samples) = coarse, fine
    if len(big_samples) < 4:
        return False
    big, small = _pairs(big_samples), _pairs(small_samples)
    noise = mpmath.mp.eps * 2 ** 10 * max(abs(x) for x in list(small_samples) + list(ends))
    for k in range(len(big)):
        nearby = small[2 * k:2 * k + 3]
        # the coarse pairs around it: a smooth second difference that changes sign (an inflection) is small at
        # one coarse interval and not at the fine ones beside it
        around = max(big[max(k - 1, 0):k + 2])
        if nearby and max(nearby) > noise and 3 * max(nearby) > around:
            return True
    for wide, narrow in zip(_end_misses(ends, big_samples), _end_misses(ends, small_samples)):
        if narrow > noise and 3 * narrow > wide:
            return True
    return False


def _romberg_checked(S1: Any, S2: Any, S4: Any, S8: Any, lipschitz: Any) -> Estimate:
    """The Romberg value of four midpoint sums on steps h, h/2, h/4, h/8 and its error, where the table's two
    columns contract at their rates; where only the sums do (at about 4), the once-extrapolated finest sum and
    twice the sums' last difference; where not even they do, the step has not resolved the integrand (a kink
    smoothed below the step): the finest sum and the midpoint rule's bound for a Lipschitz integrand,
    ``lipschitz``. A sharp kink is found before (``kinked``)."""
    d2, d3 = abs(S4 - S2), abs(S8 - S4)
    R1a, R1b, R1c = (4 * S2 - S1) / 3, (4 * S4 - S2) / 3, (4 * S8 - S4) / 3
    e1, e2 = abs(R1b - R1a), abs(R1c - R1b)
    quadratic = d3 == 0 or 3 < d2 / d3 < 5.5
    quartic = e2 == 0 or e1 > 8 * e2
    if quadratic and quartic:
        R2 = (16 * R1c - R1b) / 15
        return Estimate(R2, abs(R2 - R1c))
    if quadratic:  # R1c's error is at most S8's (below d3 / 2 at a contraction above 3) and the d3 / 3 it adds
        return Estimate(R1c, 2 * d3)
    return Estimate(S8, max(2 * d3, lipschitz))


def norm_path_integral(ctx: Any, knots: Sequence[Any], times: Sequence[Any], matrix_of: Callable[[Any], Any],
                       q: int = 8) -> Estimate:
    """int ||matrix_of(X_s)|| ds along the piecewise-linear path, for ``matrix_of`` a matrix polynomial of
    degree at most 3 in X (the statement declares it so). As ``path_integral`` of the spectral norm; in
    Arb the first-order ball's lower end is raised to the second-order bound of
    ``norm_integrals.norm_integral_lower`` where that is larger (a bound tight to 1e-7 is then
    certified from below), and a function that shows another degree keeps the first-order ball."""
    total = path_integral(ctx, knots, times, lambda X: spectral_norm(ctx, matrix_of(X)), q)
    if not ctx.encloses:
        return total
    ball = total.value
    try:
        lower = norm_integrals.norm_integral_lower([k.m for k in knots], times, lambda X: matrix_of(ctx.wrap(X)).m)
    except norm_integrals.NotPolynomial:
        return total
    if not (ball.is_finite() and lower.is_finite()) or not lower.lower() > ball.lower():
        return total
    if lower.lower() > ball.upper():  # two bounds of one integral that exclude each other: a defect
        raise ArithmeticError(f"the integral's lower bound {lower.str(10)} lies above its enclosure {ball.str(10)}")
    # the union's radius is rounded to 30 bits, which would lose a lower end that a near-equality needs
    # to 1e-16 of the value (Lemma A.9's (13) at T = 7e-13): the lower end is kept beside the ball
    return replace(ctx.enclosed(lower.lower().union(ball.upper())), lower=lower.lower())


# The enclosure of a path integral is first order in the piece length (a norm has kinks, so no
# higher-order rule is rigorous without knowing where): pieces quadruple until the ball's width is
# below 2^(-bits/12) of its value (6e-5 at 170 bits), or pass 3 pieces per bit (512 at 170 bits,
# 1024 when a certification is retried at 340), and the ball is what it is.
PATH_INTEGRAL_PIECES_PER_BIT = 3


def _enclosed_path_integral(ctx: Any, knots: Sequence[Any], times: Sequence[Any],
                            integrand: Callable[[Any], Any]) -> Any:
    pieces = 16
    while True:
        total = enclosures.path_integral([k.m for k in knots], times, lambda X: integrand(ctx.wrap(X)), pieces)
        width = total.rad() * 2
        narrow = width <= 2.0 ** (-ctx.prec / 12) * abs(total.mid())
        if pieces >= PATH_INTEGRAL_PIECES_PER_BIT * ctx.prec or not total.is_finite() or narrow:
            return total
        pieces *= 4


def value(x: Any) -> Any:
    """The value of an Estimate, or x itself."""
    return x.value if isinstance(x, Estimate) else x


def error(ctx: Any, x: Any) -> Any:
    """The error estimate of an Estimate, or 0."""
    return x.error if isinstance(x, Estimate) else 0 * value(x)
