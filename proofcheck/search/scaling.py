"""Following a witness along one-parameter families of the problem's scales, and classifying how the
ratio grows.

A family multiplies one parameter of a witness (a matrix: every entry, every knot; a scalar with an
unbounded range) by s = 10^k on a log grid, or moves it along a family the statement declares (a
width), and records the ratio LHS/RHS at each point. Every case passes through the statement's
hypotheses first (``outside_hypotheses``): a family stops at the first case outside them, or that
cannot be evaluated, and says so; it is ``complete`` only when it reached both ends of its range.
How the ratio grows at either end is the asymptotic exponent of ``proofcheck.search.asymptotics``
(the limit of the local slopes, with the model's misfit as its uncertainty).

Classification (``classify``), each class decided by evidence that could have come out otherwise:
- ``missing-factor``: along some family the ratio rises more than GROWTH and its local slopes
  converge to an exponent e (|e| >= MIN_EXPONENT, interval away from 0): a factor s^e is missing
  (e < 0: it grows as s -> 0).
- ``unbounded``: along some family the ratio rises more than GROWTH, and its slopes do not converge
  to a power (they still rise): it grows without bound along that family.
- ``constant-slip``: bounded along every family, each followed to both ends of its range; the
  constant the evidence demands is at least the printed constant times the certified worst ratio.
- ``unclassified``: bounded where it was followed, but some family stopped early (a case outside the
  hypotheses, one no context could evaluate): named, with how far it got. Never "bounded" by default.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from proofcheck.core.cases import WitnessError, outside_hypotheses, past_largest_dims, witness_values
from proofcheck.core.statement import ScaleFamily, Statement
from proofcheck.search.asymptotics import Exponent, asymptotic_exponent
from proofcheck.search.evaluate import evaluate_mp, sides_f64
from proofcheck.search.shrink import f64_ratio, map_numbers

GRID = tuple(range(-4, 5))  # s = 10^k
MIN_EXPONENT = 0.1
GROWTH = 4.0  # a ratio that rises by more than this factor over a family's range is growing
MP_DIGITS = 20
FROM_SEARCH = " (from the search's witness)"  # a family followed through the unshrunk witness too
DECAYED = 1e-3  # an end the family could not reach counts as bounded when it had fallen below this share of its peak
GROWTH_REL = 1e-2  # a growth is a matter of factors: a confirmed ratio may carry this relative error
TINY = 2.2250738585072014e-308
NEGLIGIBLE = 1e-6  # a ratio below this (estimate plus error) is bounded, whatever its relative error
BISECTIONS = 12  # steps of the search for a declared family's last point inside the space


@dataclass
class Family:
    """One parameter followed over its range: the ratios seen (None where not evaluated), the
    asymptotic exponents at the two ends, how far the ratio rose, and why it stopped short (empty
    when it reached both ends: ``complete``)."""

    parameter: str
    scales: list[float]
    ratios: list[float | None]
    low_end: Exponent
    high_end: Exponent
    growth: float
    stopped: list[str] = field(default_factory=list)
    cases: dict[float, dict[str, Any]] = field(default_factory=dict)  # the case at each scale evaluated
    confirmed: bool = False  # its ratios are mpmath's (``confirmed``), not float64's
    grid: list[float] | None = None  # the scales its exponents are read from (None: all of them)

    def violating(self, count: int) -> list[float]:
        """The first ``count`` scales, outward along the rising end, where the ratio exceeds 1 and rises:
        the mildest cases that show the growth (the largest scales are the stiffest to certify)."""
        rising = self.rising_end() is self.high_end
        order = sorted(self.cases, reverse=not rising)
        out: list[float] = []
        last = 1.0
        for s in order:
            r = self.ratios[self.scales.index(s)] if s in self.scales else None
            if r is not None and r > last:
                out.append(s)
                last = r
            if len(out) == count:
                break
        return out

    @property
    def complete(self) -> bool:
        """Followed to both ends of its range, or, at an end it could not reach, decayed there: the last
        two ratios before it stopped falling and below DECAYED of the family's largest (a side like
        e^{-s} whose flows became too stiff to follow is bounded where it went)."""
        if all(r is not None for r in self.ratios):
            return not self.stopped
        finite = [r for r in self.ratios if r is not None]
        if len(finite) < 3:
            return False
        top = max(finite)
        inner = [i for i, r in enumerate(self.ratios) if r is not None]
        ends_ok = []
        for reached, tail in ((inner[-1] == len(self.ratios) - 1, [self.ratios[i] for i in inner[-2:]]),
                              (inner[0] == 0, [self.ratios[i] for i in inner[:2]][::-1])):
            ends_ok.append(reached or (tail[1] < tail[0] and tail[1] < DECAYED * top))  # type: ignore[operator]
        # no gap between its first and last evaluated points (each direction stops at its first failure)
        return all(ends_ok) and len(inner) == inner[-1] - inner[0] + 1

    def decayed(self) -> bool:
        """Complete only because an end it could not reach had decayed (said in the evidence)."""
        return self.complete and any(r is None for r in self.ratios)

    def rising_end(self) -> Exponent:
        """The end of the measured range where the ratio is larger."""
        finite = [r for r in self.ratios if r is not None]
        return self.high_end if not finite or finite[-1] >= finite[0] else self.low_end

    def growing_exponent(self) -> Exponent | None:
        """The rising end's exponent, if it is a power law away from 0."""
        e = self.rising_end()
        if not e.converged or e.interval is None or abs(e.value) < MIN_EXPONENT:  # type: ignore[arg-type]
            return None
        return e if (e.interval[0] > 0 or e.interval[1] < 0) else None

    def reach(self) -> str:
        """How far it got, in words."""
        done = [s for s, r in zip(self.scales, self.ratios) if r is not None]
        if not done:
            return "no point evaluated"
        return f"{len(done)} of {len(self.scales)} points, s = {min(done):g} .. {max(done):g}"


@dataclass
class Classification:
    """The class of a failure, the family that decides it, and every family followed."""

    klass: str
    parameter: str | None = None
    exponent: float | None = None
    interval: tuple[float, float] | None = None
    constant: str | None = None
    families: list[Family] = field(default_factory=list)
    evidence: str = ""
    reason: str = ""
    family: Family | None = None  # the family that decided a growing class


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
    # a ratio below float64's range (e^{-10^4}, say) is kept as the smallest normal number: bounded there
    ratio, error = max(float(value.ratio), TINY if value.ratio > 0 else 0.0), float(value.error)
    if not (math.isfinite(ratio) and math.isfinite(error)):
        return None
    if ratio > 0 and error <= 1e-6 * ratio:
        return ratio
    # a ratio whose estimate and error together are negligible (a side decaying like e^{-s}) is
    # bounded there: its upper estimate is the evidence, not a point left unevaluated
    upper = max(ratio, 0.0) + error
    return upper if 0 < upper <= NEGLIGIBLE else None


def _walk(statement: Statement, points: list[tuple[float, Callable[[], dict[str, Any]]]],
          ratios: dict[float, float | None], stopped: list[str], label: str,
          cases: dict[float, dict[str, Any]]) -> float | None:
    """Evaluate the cases in order, stopping at the first outside the hypotheses or not evaluable;
    returns the s where a case first grew past the largest dims its space allows (else None)."""
    for s, make in points:
        try:
            case = make()
        except (ValueError, ArithmeticError) as exc:
            stopped.append(f"{label}: at s = {s:g} the case cannot be built ({exc})")
            return None
        past = past_largest_dims(statement.space, case)
        if past:
            sizes = ", ".join(f"{d} = {case['dims'][d]}" for d in past)
            stopped.append(f"{label}: at s = {s:g} the case is larger than the space allows ({sizes})")
            return s
        outside = outside_hypotheses(statement, case)
        if outside:
            stopped.append(f"{label}: at s = {s:g} the case leaves the hypotheses ({'; '.join(outside)})")
            return None
        ratios[s] = _ratio(statement, case)
        cases[s] = case
        if ratios[s] is None:
            stopped.append(f"{label}: at s = {s:g} no context evaluates the ratio reliably")
            return None
    return None


def follow(statement: Statement, witness: dict[str, Any], parameter: str, grid: tuple[int, ...] = GRID) -> Family:
    """The ratio along s -> (the witness with ``parameter`` multiplied by s), s = 10^k for k in grid,
    measured outward from s = 1 in both directions, each direction stopping at the first case
    outside the hypotheses or that cannot be evaluated."""
    def moved(factor: float) -> Callable[[], dict[str, Any]]:
        return lambda: {**witness, "values": {**witness["values"],
                                              parameter: map_numbers(witness["values"][parameter], lambda x: x * factor)}}
    ratios: dict[float, float | None] = {10.0 ** k: None for k in grid}
    stopped: list[str] = []
    up = [(10.0 ** k, moved(10.0 ** k)) for k in sorted(k for k in grid if k >= 0)]
    down = [(10.0 ** k, moved(10.0 ** k)) for k in sorted((k for k in grid if k < 0), reverse=True)]
    cases: dict[float, dict[str, Any]] = {}
    _walk(statement, up, ratios, stopped, "upward", cases)
    _walk(statement, down, ratios, stopped, "downward", cases)
    scales = sorted(ratios)
    return family_from(parameter, scales, [ratios[k] for k in scales], stopped, cases)


def follow_declared(statement: Statement, witness: dict[str, Any], declared: ScaleFamily) -> Family:
    """The ratio along one of the statement's own scale families (a width, say) through the witness,
    in the order the family lists its values, stopping where a case leaves the hypotheses. Where a
    value would make the case larger than the space allows, the family's last point is the largest
    value short of it that the space still holds (a width of 252 rather than none past 144), so it
    is followed as far as anything can be checked; it is still not ``complete`` there."""
    ratios: dict[float, float | None] = {float(s): None for s in declared.values}
    stopped: list[str] = []
    cases: dict[float, dict[str, Any]] = {}
    past = _walk(statement, [(float(s), (lambda s=s: declared.move(witness, s))) for s in declared.values], ratios,
                 stopped, declared.parameter, cases)
    scales = [float(s) for s in declared.values]
    if past is not None:
        reached = [s for s in scales if s < past and ratios[s] is not None]
        last = _largest_inside(statement, declared, witness, reached[-1], past) if reached else None
        if last is not None and last not in ratios:
            _walk(statement, [(last, lambda: declared.move(witness, last))], ratios, stopped, declared.parameter, cases)
            scales = sorted(ratios)
    return family_from(declared.parameter, scales, [ratios[s] for s in scales], stopped, cases,
                       grid=[float(s) for s in declared.values])


def _largest_inside(statement: Statement, declared: ScaleFamily, witness: dict[str, Any], low: float,
                    high: float) -> float | None:
    """The largest s in (low, high) whose case the space still holds (bisected: over the integers
    when the family's values are integers, else on a log scale); None when there is none."""
    integral = all(float(v).is_integer() for v in declared.values)
    inside, outside = low, high
    for _ in range(BISECTIONS):
        mid = float(math.floor((inside + outside) / 2)) if integral else math.sqrt(inside * outside)
        if mid <= inside or (not integral and outside / inside < 1.01):
            break
        try:
            case = declared.move(witness, mid)
        except (ValueError, ArithmeticError):
            return None
        if past_largest_dims(statement.space, case):
            outside = mid
        else:
            inside = mid
    return inside if inside > low else None


def confirmed(statement: Statement, family: Family) -> Family:
    """The family with each ratio judged again in mpmath (MP_DIGITS digits, with its error): a float64
    path or flow can be off by more than its error estimate says at stiff points, so a growth is read
    from confirmed values only. A point whose mpmath error exceeds GROWTH_REL of its ratio is dropped,
    and said."""
    ratios: list[float | None] = []
    stopped = list(family.stopped)
    for s, r in zip(family.scales, family.ratios):
        case = family.cases.get(s)
        if r is None or case is None:
            ratios.append(None)
            continue
        try:
            value = evaluate_mp(statement, case, MP_DIGITS)
            ratio, error = float(value.ratio), float(value.error)
        except (ArithmeticError, ValueError, MemoryError, WitnessError):
            ratio, error = math.nan, math.inf
        good = math.isfinite(ratio) and ratio > 0 and error <= GROWTH_REL * ratio
        ratios.append(ratio if good else None)
        if not good:
            stopped.append(f"at s = {s:g} mpmath's error ({error:.2g}) is not small beside its ratio ({ratio:.4g})")
    out = family_from(family.parameter, family.scales, ratios, stopped, family.cases, family.grid)
    out.confirmed = True
    return out


@dataclass
class UniformityFinding:
    """The left side along a parameter a constant must not depend on: its values, its asymptotic
    exponent, whether it grows (a finding), and the values refused as outside the hypotheses."""

    parameter: str
    fixed: str
    values: list[float]
    lhs: list[float | None]
    exponent: Exponent | None
    grows: bool
    why: str = ""
    refused: list[str] = field(default_factory=list)


def check_uniformity(statement: Statement) -> UniformityFinding | None:
    """The statement's uniformity claim followed in float64: the left side at each value of the
    parameter whose case lies inside the hypotheses at the fixed quantities (others are refused and
    named), and the asymptotic exponent of its growth."""
    claim = statement.uniformity
    if claim is None:
        return None
    values, sides, refused = [], [], []
    for v in claim.values:
        case = claim.cases(v)
        outside = outside_hypotheses(statement, case, claim.within)
        if outside:
            refused.append(f"{claim.parameter} = {v:g}: {'; '.join(outside)}")
            continue
        try:
            dims, vals = witness_values(statement.space, case)
            with np.errstate(all="ignore"):
                left, _ = sides_f64(statement, dims, vals)
        except (WitnessError, ValueError, ArithmeticError):
            continue
        x = float(np.asarray(left).reshape(-1)[0])
        values.append(float(v))
        sides.append(x if np.isfinite(x) and x > 0 else None)
    finite = [(v, x) for v, x in zip(values, sides) if x is not None]
    found = asymptotic_exponent([p[0] for p in finite], [p[1] for p in finite]) if finite else None
    rise = (max(p[1] for p in finite) / finite[0][1]) if finite else 1.0
    grows = found is not None and rise > GROWTH and (
        (found.converged and found.interval is not None and found.interval[0] > 0 and found.value >= MIN_EXPONENT)
        or (not found.converged and found.last is not None and found.last >= MIN_EXPONENT))
    return UniformityFinding(claim.parameter, claim.fixed, values, sides, found, grows, claim.why, refused)


def family_from(parameter: str, scales: list[float], ratios: list[float | None],
                stopped: list[str] | None = None, cases: dict[float, dict[str, Any]] | None = None,
                grid: list[float] | None = None) -> Family:
    """A family's asymptotic exponents at both ends of its measured range, from its ratios: from the
    points on ``grid`` only where it is given (a last point added off the geometric grid, at the
    space's largest case, shows how far the ratio rose but would bend the local slopes' sequence)."""
    finite = [(s, r) for s, r in zip(scales, ratios) if r is not None]
    on_grid = finite if grid is None else [(s, r) for s, r in finite if s in grid]
    high_end = asymptotic_exponent([p[0] for p in on_grid], [p[1] for p in on_grid])
    low_end = asymptotic_exponent([1 / p[0] for p in reversed(on_grid)], [p[1] for p in reversed(on_grid)])
    low_end = Exponent(None if low_end.value is None else -low_end.value,
                       None if low_end.interval is None else (-low_end.interval[1], -low_end.interval[0]),
                       tuple(-x for x in low_end.slopes), None if low_end.last is None else -low_end.last, low_end.why)
    growth = 1.0
    if finite:
        # how far the ratio rises above its value at the witness itself (s = 1, or the first point)
        base = min(finite, key=lambda p: abs(math.log10(p[0])))[1]
        growth = max(r for _, r in finite) / base
    return Family(parameter, list(scales), list(ratios), low_end, high_end, growth, list(stopped or []), dict(cases or {}),
                  grid=None if grid is None else list(grid))


def classify(families: list[Family], printed_constant: str | None, worst_ratio: float | None) -> Classification:
    """The class the families show (see the module)."""
    growing = [f for f in families if f.growth > GROWTH]
    # the shrunk witness is the readable one: its families decide when they show the growth too
    readable = [f for f in growing if not f.parameter.endswith(FROM_SEARCH)]
    growing = readable or growing
    powers = [(f, f.growing_exponent()) for f in growing]
    powers = [(f, e) for f, e in powers if e is not None]
    if powers:
        f, e = max(powers, key=lambda fe: fe[0].growth)
        return Classification("missing-factor", f.parameter, e.value, e.interval, families=families, family=f,
                              evidence=f"along {f.parameter} the local slopes converge to {e.value:.4g} "
                                       f"(interval {e.interval[0]:.4g} .. {e.interval[1]:.4g}); the ratio rose "
                                       f"{f.growth:.3g}x over {f.reach()}")
    if growing:
        f = max(growing, key=lambda f: f.growth)
        why = f.rising_end().why or "its slopes do not settle on a power"
        return Classification("unbounded", f.parameter, families=families, family=f,
                              evidence=f"along {f.parameter} the ratio rose {f.growth:.3g}x over {f.reach()}; {why}")
    # bounded needs every family followed to its ends through some witness
    short = [f for f in families if not f.complete]
    through = {}
    for f in families:
        key = f.parameter.replace(FROM_SEARCH, "")
        through[key] = through.get(key, False) or f.complete
    if not families or not all(through.values()):
        cut = "; ".join(f"{f.parameter} ({f.reach()}: {f.stopped[0] if f.stopped else 'a point not evaluated'})"
                        for f in short) or "no family could be followed"
        return Classification("unclassified", families=families,
                              reason=f"bounded where followed, but not every family reached the ends of its range: {cut}")
    constant = None
    if worst_ratio is not None and math.isfinite(worst_ratio):
        constant = (f"{printed_constant} x {worst_ratio:.6g}" if printed_constant else f"{worst_ratio:.6g} x the printed one")
        try:
            constant = f"{float(printed_constant) * worst_ratio:.6g}" if printed_constant else constant
        except (TypeError, ValueError):
            pass
    decayed = [f.parameter for f in families if f.complete and f.decayed()]
    return Classification("constant-slip", constant=constant, families=families,
                          evidence=f"bounded along all {len(families)} families, each followed to both ends of its range"
                          + (f" (where {', '.join(decayed)} could not be followed further, the ratio had decayed below "
                             f"{DECAYED:g} of its peak)" if decayed else ""))
