"""Following a witness along one-parameter families of the problem's scales, and classifying how the
ratio grows.

A family multiplies one parameter of a witness (a matrix: every entry, every knot; a scalar with an
unbounded range) by s = 10^k on a log grid, or (a dimension) pads it, and records the float64 ratio
LHS/RHS at each point. The growth exponent is the least-squares slope of log ratio against log s,
with its standard error and 95% interval (Student's t), fitted separately on each half of the grid
where the ratio is finite: a power law s^e at either end shows as that end's slope.

Classification (``classify``):
- ``missing-factor``: along some family the ratio grows like s^e (|e| >= MIN_EXPONENT, its 95%
  interval away from 0, and the ratio rising more than GROWTH over the measured range): the
  statement misses a factor s^e in that parameter (e < 0: it grows as s -> 0).
- ``unbounded``: along some family the ratio rises more than GROWTH but not as a power law.
- ``constant-slip``: bounded along every family; the constant the evidence demands is the printed
  constant times the certified worst ratio.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats

from proofcheck.core.cases import WitnessError, witness_values
from proofcheck.core.statement import ScaleFamily, Statement
from proofcheck.search.evaluate import evaluate_mp, sides_f64
from proofcheck.search.shrink import f64_ratio, map_numbers

GRID = tuple(range(-4, 5))  # s = 10^k
MIN_EXPONENT = 0.1
GROWTH = 4.0  # a ratio that rises by more than this factor over a family's range is growing
MP_DIGITS = 20


@dataclass
class Fit:
    """The slope of log ratio against log s on some points, with its standard error and 95% interval."""

    exponent: float
    stderr: float
    interval: tuple[float, float]
    points: int


@dataclass
class Family:
    """One parameter followed over the grid: the ratios seen and the fits at the two ends."""

    parameter: str
    scales: list[float]
    ratios: list[float | None]
    low_end: Fit | None
    high_end: Fit | None
    growth: float

    def growing_fit(self) -> Fit | None:
        """The end fit that shows growth (the one whose end has the larger ratio), if it is a power law."""
        finite = [(s, r) for s, r in zip(self.scales, self.ratios) if r is not None]
        if len(finite) < 3:
            return None
        high = finite[-1][1] >= finite[0][1]
        fit = self.high_end if high else self.low_end
        if fit is None:
            return None
        away = fit.interval[0] > 0 if high else fit.interval[1] < 0
        return fit if away and abs(fit.exponent) >= MIN_EXPONENT else None


@dataclass
class Classification:
    """The class of a failure, the family that decides it, and every family followed."""

    klass: str
    parameter: str | None = None
    exponent: float | None = None
    interval: tuple[float, float] | None = None
    constant: str | None = None
    families: list[Family] = field(default_factory=list)


def fit(log_s: np.ndarray, log_r: np.ndarray) -> Fit | None:
    """Least squares of log_r on log_s (base 10) with its standard error and 95% interval."""
    if len(log_s) < 3 or np.ptp(log_s) == 0:
        return None
    res = stats.linregress(log_s, log_r)
    dof = len(log_s) - 2
    stderr = float(res.stderr) if math.isfinite(res.stderr) else 0.0
    half = float(stats.t.ppf(0.975, dof)) * stderr if dof > 0 else math.inf
    return Fit(float(res.slope), stderr, (float(res.slope) - half, float(res.slope) + half), len(log_s))


def scalable(statement: Statement) -> list[str]:
    """The parameters a scale family can follow: every matrix, and scalars with an unbounded range."""
    return [m.name for m in statement.space.matrices] + [
        s.name for s in statement.space.scalars if math.isinf(s.high) and not s.count]


def _ratio(statement: Statement, witness: dict[str, Any]) -> float | None:
    """The ratio at a case: float64, or where float64 sets it aside (a flow too stiff for it, a
    rounding-dominated value) mpmath at MP_DIGITS digits when its error is small; None otherwise."""
    r = f64_ratio(statement, witness)
    if np.isfinite(r) and r > 0:
        return float(r)
    try:
        value = evaluate_mp(statement, witness, MP_DIGITS)
    except (ArithmeticError, ValueError, MemoryError, WitnessError):
        return None
    ratio, error = float(value.ratio), float(value.error)
    return ratio if math.isfinite(ratio) and ratio > 0 and error <= 1e-6 * ratio else None


def follow(statement: Statement, witness: dict[str, Any], parameter: str, grid: tuple[int, ...] = GRID) -> Family:
    """The ratio along s -> (the witness with ``parameter`` multiplied by s), s = 10^k for k in grid,
    measured outward from s = 1 in both directions, each direction stopping at the first case that
    cannot be evaluated."""
    ratios: dict[int, float | None] = {k: None for k in grid}
    for direction in (sorted(k for k in grid if k >= 0), sorted((k for k in grid if k < 0), reverse=True)):
        for k in direction:
            moved = {**witness, "values": {**witness["values"],
                                           parameter: map_numbers(witness["values"][parameter], lambda x, f=10.0 ** k: x * f)}}
            ratios[k] = _ratio(statement, moved)
            if ratios[k] is None:
                break
    return family_from(parameter, [10.0 ** k for k in grid], [ratios[k] for k in grid])


def follow_declared(statement: Statement, witness: dict[str, Any], declared: ScaleFamily) -> Family:
    """The ratio along one of the statement's own scale families (a width, say) through the witness."""
    scales, ratios = [], []
    for s in declared.values:
        try:
            moved = declared.move(witness, s)
        except (ValueError, ArithmeticError):
            continue
        r = f64_ratio(statement, moved)
        scales.append(float(s))
        ratios.append(r if np.isfinite(r) and r > 0 else None)
    return family_from(declared.parameter, scales, ratios)


@dataclass
class UniformityFinding:
    """The left side along a parameter a constant must not depend on: its values, the fit of its
    growth, and whether it grows (a finding)."""

    parameter: str
    fixed: str
    values: list[float]
    lhs: list[float | None]
    fit: Fit | None
    grows: bool
    why: str = ""


def check_uniformity(statement: Statement) -> UniformityFinding | None:
    """The statement's uniformity claim followed in float64: the left side at each value of the
    parameter, and the fit of log lhs on log value (the growth exponent) over the upper half."""
    claim = statement.uniformity
    if claim is None:
        return None
    values, sides = [], []
    for v in claim.values:
        try:
            dims, vals = witness_values(statement.space, claim.cases(v))
            with np.errstate(all="ignore"):
                left, _ = sides_f64(statement, dims, vals)
        except (WitnessError, ValueError, ArithmeticError):
            continue
        x = float(np.asarray(left).reshape(-1)[0])
        values.append(float(v))
        sides.append(x if np.isfinite(x) and x > 0 else None)
    finite = [(math.log10(v), math.log10(x)) for v, x in zip(values, sides) if x is not None]
    upper = finite[len(finite) // 2:]
    found = fit(np.array([p[0] for p in upper]), np.array([p[1] for p in upper])) if len(upper) >= 3 else None
    grows = found is not None and found.interval[0] > 0 and found.exponent >= MIN_EXPONENT
    return UniformityFinding(claim.parameter, claim.fixed, values, sides, found, grows, claim.why)


def family_from(parameter: str, scales: list[float], ratios: list[float | None]) -> Family:
    """A family's fits at both ends of its measured range, from its ratios."""
    finite = [(math.log10(s), math.log10(r)) for s, r in zip(scales, ratios) if r is not None]
    low_end = high_end = None
    growth = 1.0
    if len(finite) >= 3:
        xs, ys = np.array([p[0] for p in finite]), np.array([p[1] for p in finite])
        half = max(3, (len(finite) + 1) // 2)
        low_end, high_end = fit(xs[:half], ys[:half]), fit(xs[-half:], ys[-half:])
        # how far the ratio rises above its value at the witness itself (s = 1)
        base = ys[np.argmin(np.abs(xs))]
        growth = float(10.0 ** (ys.max() - base))
    return Family(parameter, scales, ratios, low_end, high_end, growth)


def classify(families: list[Family], printed_constant: str | None, worst_ratio: float | None) -> Classification:
    """The class the families show (see the module)."""
    growing = [f for f in families if f.growth > GROWTH]
    powers = [(f, f.growing_fit()) for f in growing]
    powers = [(f, p) for f, p in powers if p is not None]
    if powers:
        f, p = max(powers, key=lambda fp: fp[0].growth)
        return Classification("missing-factor", f.parameter, p.exponent, p.interval, families=families)
    if growing:
        f = max(growing, key=lambda f: f.growth)
        return Classification("unbounded", f.parameter, families=families)
    constant = None
    if worst_ratio is not None and math.isfinite(worst_ratio):
        constant = (f"{printed_constant} x {worst_ratio:.6g}" if printed_constant else f"{worst_ratio:.6g} x the printed one")
        try:
            constant = f"{float(printed_constant) * worst_ratio:.6g}" if printed_constant else constant
        except (TypeError, ValueError):
            pass
    return Classification("constant-slip", constant=constant, families=families)
