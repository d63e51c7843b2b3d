"""Symbolic steps: three-valued verdicts from sympy, each confirmed at seeded numeric points.

A step is ``proved`` only when sympy decides it *and* the relation also holds at every seeded
spot-check point (a failing point means the step, or its transcription, is wrong: ``disproved``,
with the point). ``undecided`` says why.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal, Mapping

import mpmath
import numpy as np
import sympy as sp

Outcome = Literal["proved", "disproved", "undecided"]
Covers = Literal["statement", "scalar case", "commuting case", "constant", "proof step"]


@dataclass(frozen=True)
class SymbolicStep:
    """One symbolic step: what was attempted, what it covers, and its outcome."""

    claim: str
    covers: Covers
    outcome: Outcome
    detail: str
    value: str | None = None
    spot_checks: int = 0


Domain = Mapping[sp.Symbol, tuple[Any, Any]]


def _sample(rng: np.random.Generator, lo: Any, hi: Any) -> mpmath.mpf:
    lo_f = float(lo)
    if hi == sp.oo:
        return mpmath.mpf(lo_f) + mpmath.mpf(10.0 ** rng.uniform(-4, 4))
    return mpmath.mpf(rng.uniform(lo_f, float(hi)))


def spot_check(small: sp.Expr, big: sp.Expr, domain: Domain, rng: np.random.Generator,
               points: int = 64, dps: int = 40) -> tuple[int, dict[str, str] | None]:
    """Evaluate small <= big at seeded points of the domain (mpmath, ``dps`` digits).

    Returns the number of points checked and the first failing point (None if none failed).
    """
    symbols = list(domain)
    f_small = sp.lambdify(symbols, small, modules="mpmath")
    f_big = sp.lambdify(symbols, big, modules="mpmath")
    with mpmath.mp.workdps(dps):
        tol = mpmath.mpf(10) ** (-(dps - 10))
        for _ in range(points if symbols else 1):
            point = [_sample(rng, *domain[s]) for s in symbols]
            a, b = f_small(*point), f_big(*point)
            if mpmath.im(a) != 0 or mpmath.im(b) != 0 or mpmath.re(a) - mpmath.re(b) > tol * (1 + abs(a) + abs(b)):
                return points, {str(s): mpmath.nstr(v, 17) for s, v in zip(symbols, point)}
    return (points if symbols else 1), None


def _sign(gap: sp.Expr) -> bool | None:
    """gap >= 0 decided by sympy's assumptions on a few equivalent forms (None if none decides)."""
    for form in (gap, sp.factor_terms(gap), sp.factor(gap), sp.together(gap)):
        decided = form.is_nonnegative
        if decided is not None:
            return decided
    return None


def check_le(claim: str, covers: Covers, small: Any, big: Any, domain: Domain,
             rng: np.random.Generator, detail: str = "", value: str | None = None) -> SymbolicStep:
    """Decide small <= big on the whole domain with sympy, confirmed at seeded points."""
    small, big = sp.sympify(small), sp.sympify(big)
    try:
        gap = sp.simplify(big - small)
        decided = sp.Le(small, big) if not gap.free_symbols else _sign(gap)
        decided = bool(decided) if decided in (sp.true, sp.false, True, False) else None
    except (TypeError, ValueError, NotImplementedError) as exc:
        decided, detail = None, f"{detail} sympy could not decide: {exc}".strip()
    n, bad = spot_check(small, big, domain, rng)
    if bad is not None:
        return SymbolicStep(claim, covers, "disproved",
                            f"{detail} Fails at {bad}.".strip(), value, n)
    if decided is True:
        return SymbolicStep(claim, covers, "proved", detail, value, n)
    if decided is False:
        return SymbolicStep(claim, covers, "disproved", f"{detail} sympy: {big} - ({small}) < 0.".strip(), value, n)
    return SymbolicStep(claim, covers, "undecided",
                        f"{detail} sympy could not decide the sign of {gap}; {n} spot checks passed.".strip(),
                        value, n)


def check_equal(claim: str, covers: Covers, a: Any, b: Any, domain: Domain,
                rng: np.random.Generator, detail: str = "") -> SymbolicStep:
    """Decide a == b identically with sympy, confirmed at seeded points (both directions of <=)."""
    a, b = sp.sympify(a), sp.sympify(b)
    zero = sp.simplify(sp.expand(a - b)) == 0
    n1, bad1 = spot_check(a, b, domain, rng)
    n2, bad2 = spot_check(b, a, domain, rng)
    bad = bad1 or bad2
    if bad is not None:
        return SymbolicStep(claim, covers, "disproved", f"{detail} Differs at {bad}.".strip(), None, n1 + n2)
    outcome: Outcome = "proved" if zero else "undecided"
    extra = "" if zero else " sympy could not simplify the difference to 0."
    return SymbolicStep(claim, covers, outcome, f"{detail}{extra}".strip(), str(a), n1 + n2)


# sympy takes seconds on a supremum (5 s for the four of sigmoid's and tanh's derivatives; |sigmoid''| alone 10.7 s
# on a slow machine as the maximum of an Abs, 2.4 s as the larger of two maxima), and the same
# ones are asked for by every search of a statement, its steps and its repaired form: a pure function of
# immutable arguments, kept
@functools.lru_cache(maxsize=256)
def supremum(expr: sp.Expr, var: sp.Symbol, low: Any = 0, high: Any = sp.oo) -> sp.Expr | None:
    """sup of expr over var in [low, high] by sympy (None when sympy cannot compute it)."""
    from sympy.calculus.util import maximum

    # c |g| = max(c g, -c g) for c >= 0, so its sup is the larger of two maxima, which sympy finds sooner than the
    # one (sympy writes Abs(c g) as c Abs(g), pulling out the factors it knows are positive)
    absolute = [f for f in sp.Mul.make_args(expr) if isinstance(f, sp.Abs)]
    if len(absolute) == 1 and (expr / absolute[0]).is_nonnegative:
        signed = expr / absolute[0] * absolute[0].args[0]
        up, down = supremum(signed, var, low, high), supremum(-signed, var, low, high)
        if up is not None and down is not None:
            return sp.simplify(sp.Max(up, down))
    try:
        return sp.simplify(maximum(expr, var, sp.Interval(low, high)))
    except (NotImplementedError, ValueError, TypeError):
        return None


def supremum_step(claim: str, covers: Covers, expr: sp.Expr, var: sp.Symbol, domain: Domain,
                  rng: np.random.Generator, low: Any = 0, high: Any = sp.oo,
                  detail: str = "") -> tuple[SymbolicStep, sp.Expr | None]:
    """sup of expr over var in [low, high], computed by sympy (critical points, ends and limits),
    confirmed by checking expr <= sup at seeded points of var and the other symbols' domain.
    Returns the step and the supremum (None when sympy cannot compute it)."""
    sup = supremum(expr, var, low, high)
    if sup is None:
        return SymbolicStep(claim, covers, "undecided", f"{detail} sympy could not compute the supremum.".strip()), None
    full = {var: (low, high), **domain}
    n, bad = spot_check(expr, sup, full, rng)
    if bad is not None:
        return SymbolicStep(claim, covers, "disproved", f"{detail} sympy gave {sup}, exceeded at {bad}.".strip(),
                            str(sup), n), sup
    return SymbolicStep(claim, covers, "proved", f"{detail} sympy: sup = {sup}.".strip(), str(sup), n), sup


def check_le_on_interval(step: SymbolicStep, gap: sp.Expr, var: sp.Symbol, low: Any, high: Any) -> SymbolicStep:
    """A ``check_le`` step sympy left undecided, decided by sympy's maximum of ``gap`` (small - big,
    in the one variable ``var``) over [low, high]: proved when that maximum is <= 0."""
    if step.outcome != "undecided":
        return step
    sup = supremum(gap, var, low, high)
    if sup is not None and bool(sup <= 0):
        return SymbolicStep(step.claim, step.covers, "proved",
                            f"{step.detail} sympy: sup over the interval of the difference is {sup} <= 0.",
                            step.value, step.spot_checks)
    return step


def matrix_identity(claim: str, covers: Covers, lhs: sp.Matrix, rhs: sp.Matrix,
                    detail: str = "") -> SymbolicStep:
    """Decide an identity between explicit symbolic matrices entry by entry."""
    diff = (lhs - rhs).applyfunc(lambda e: sp.simplify(sp.expand(e)))
    if diff != sp.zeros(*diff.shape):
        return SymbolicStep(claim, covers, "disproved", f"{detail} Nonzero entries remain: {diff}.".strip())
    symbols = sorted((lhs - rhs).free_symbols, key=str)
    checks = 16
    rng = np.random.default_rng(len(symbols))
    for _ in range(checks):
        point = {s: sp.Rational(int(rng.integers(-50, 51)), int(rng.integers(1, 20))) for s in symbols}
        if (lhs - rhs).subs(point) != sp.zeros(*diff.shape):
            return SymbolicStep(claim, covers, "disproved", f"{detail} Differs at {point}.".strip(), None, checks)
    return SymbolicStep(claim, covers, "proved", detail, None, checks)
