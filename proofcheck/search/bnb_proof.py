"""A statement with a declared reduction, proved by branch-and-bound before it is searched.

The reduction is checked first (``proofcheck.core.reduction``: sympy's identities, the faces, the
range); a refused reduction proves nothing. The reduced inequality, ratio <= 1, is then proved,
disproved at a certified point, or left undecided by ``proofcheck.numerics.bnb``; a proof is
re-checked at once by ``proofcheck.numerics.bnb_certificate`` (independently, box by box). The
sharp ratio is certified from both sides: below by a certified point (a grid refined around its
best point, the ratio's enclosure there), above by a proof of ratio <= m for m a little above it.
"""
from __future__ import annotations

import time
from fractions import Fraction
from types import SimpleNamespace
from typing import Any, Sequence

import flint
import sympy as sp

from proofcheck.core.proved import BranchAndBound
from proofcheck.core.reduction import Reduction, check_faces, check_reduction, oriented_difference, reduced_sides
from proofcheck.core.statement import Scalar, Statement
from proofcheck.numerics.bnb import Face, Outcome, Problem, point_ball, prove
from proofcheck.numerics.bnb_certificate import certificate_from_dict, certificate_to_dict, recheck
from proofcheck.numerics.jets import BALLS, series_length

GRID = 64
SHARP_MARGINS = (Fraction(1, 10**5), Fraction(1, 10**4), Fraction(1, 10**3))


def problem(statement: Statement, reduction: Reduction, m: Any = 1, faces: bool = True) -> Problem:
    """The reduced inequality (smaller side - m * larger side <= 0) over the reduction's box."""
    names = reduction.names()

    def f(ops: Any, coords: Sequence[Any]) -> Any:
        return oriented_difference(statement, reduction, ops, SimpleNamespace(**dict(zip(names, coords))), m)
    declared = tuple(Face(names.index(x.scalar), x.end, x.order) for x in reduction.faces) if faces else ()
    return Problem(names, tuple(Fraction(s.low) for s in reduction.scalars),
                   tuple(Fraction(s.high) for s in reduction.scalars), f, declared)


def _ratio_at(statement: Statement, reduction: Reduction, point: Sequence[Fraction]) -> flint.arb:
    p = SimpleNamespace(**{n: point_ball(x) for n, x in zip(reduction.names(), point)})
    lhs, rhs = reduced_sides(statement, reduction, BALLS, p)
    return flint.arb(lhs / rhs if statement.kind == "upper" else rhs / lhs)


def _best_point(statement: Statement, reduction: Reduction) -> tuple[tuple[Fraction, ...], flint.arb]:
    """The grid point (refined three times around the best) with the largest certified ratio below."""
    low = [Fraction(s.low) for s in reduction.scalars]
    high = [Fraction(s.high) for s in reduction.scalars]
    best: tuple[tuple[Fraction, ...], flint.arb] | None = None
    for _ in range(4):
        steps = max(2, round(GRID ** (1 / len(low))))
        axes = [[lo + (hi - lo) * Fraction(i, steps) for i in range(steps + 1)] for lo, hi in zip(low, high)]
        points: list[tuple[Fraction, ...]] = [()]
        for axis in axes:
            points = [p + (x,) for p in points for x in axis]
        for p in points:
            r = _ratio_at(statement, reduction, p)
            if r.is_finite() and (best is None or r.lower() > best[1].lower()):
                best = (p, r)
        if best is None:
            break
        width = [(hi - lo) / steps for lo, hi in zip(low, high)]
        low = [max(Fraction(s.low), x - w) for s, x, w in zip(reduction.scalars, best[0], width)]
        high = [min(Fraction(s.high), x + w) for s, x, w in zip(reduction.scalars, best[0], width)]
    if best is None:
        raise ValueError("the ratio is not finite at any grid point")
    return best


def sharp_ratio(statement: Statement, reduction: Reduction, faces_for_any_m: bool) -> dict[str, Any]:
    """sup of the ratio over the reduced domain as [low, high]: low from a certified point, high proved."""
    point, ratio = _best_point(statement, reduction)
    low = ratio.lower()
    out: dict[str, Any] = {"low": float(low), "low_point": dict(zip(reduction.names(), map(str, point))),
                           "high": None, "high_seconds": None}
    for margin in SHARP_MARGINS:
        m = Fraction(float(low)) * (1 + margin)
        proof = prove(problem(statement, reduction, sp_fraction(m), faces=faces_for_any_m), max_boxes=6000, seconds=8)
        if proof.outcome is Outcome.PROVED:
            out.update(high=float(m), high_text=str(m), high_seconds=round(proof.seconds, 3), high_boxes=proof.boxes)
            break
    return out


def sp_fraction(m: Fraction) -> flint.arb:
    return flint.arb(flint.fmpq(m.numerator, m.denominator))


def constants(statement: Statement, sharp: dict[str, Any]) -> dict[str, Any]:
    """The constant the bound needs, from the sharp ratio: printed * ratio (upper bounds; the constant
    multiplies the larger side) or printed / ratio (lower bounds, whose constant divides it)."""
    try:
        printed = float(sp.nsimplify(statement.constant_printed)) if statement.constant_printed else None
    except (sp.SympifyError, TypeError):
        printed = None
    if printed is None:
        return {}
    scale = (lambda r: printed * r) if statement.kind == "upper" else (lambda r: printed / r)
    ends = [scale(sharp[k]) for k in ("low", "high") if sharp.get(k)]
    return {"constant_printed": statement.constant_printed, "constant_sharp": sorted(ends)}


def _witness(statement: Statement, reduction: Reduction, point: list[str]) -> dict[str, Any]:
    p = SimpleNamespace(**{n: point_ball(Fraction(x)) for n, x in zip(reduction.names(), point)})
    case = reduction.case(BALLS, p)
    return {"statement": statement.id, "dims": {},
            "values": {k: flint.arb(v).mid().str(40, radius=False) for k, v in case.items()}}


def prove_statement(statement: Statement, reduction: Reduction, space_scalars: Sequence[Scalar] | None = None,
                    sharp: bool = True) -> BranchAndBound:
    """Check the reduction, then prove, disprove or leave undecided the reduced inequality."""
    start = time.monotonic()
    scalars = list(space_scalars if space_scalars is not None else statement.space.scalars)
    names = list(reduction.names())
    box = [[str(Fraction(s.low)) for s in reduction.scalars], [str(Fraction(s.high)) for s in reduction.scalars]]
    check = check_reduction(statement, reduction, scalars)
    if not check.proved:
        return BranchAndBound("undecided", f"reduction refused: {check.detail}", check.covers, False, names, box,
                              seconds=round(time.monotonic() - start, 3))
    face_problem = check_faces(statement, reduction) if reduction.faces else ""
    if face_problem:
        return BranchAndBound("undecided", f"face refused: {face_problem}", check.covers, False, names, box,
                              reduction=check.identities, seconds=round(time.monotonic() - start, 3))
    clock = time.monotonic()
    found = prove(problem(statement, reduction), seconds=10)
    result = BranchAndBound(found.outcome.value, found.reason or "every box closed by its enclosure", check.covers,
                            check.whole, names, box, boxes=found.boxes, depth=found.depth,
                            seconds=round(time.monotonic() - clock, 3), methods=found.methods, reduction=check.identities)
    if found.outcome is Outcome.DISPROVED and found.point is not None:
        result.point = dict(zip(names, found.point))
        result.value = found.value
        result.witness = _witness(statement, reduction, found.point)
    if found.outcome is Outcome.PROVED and found.certificate is not None:
        result.certificate = certificate_to_dict(found.certificate)
        again = recheck(problem(statement, reduction), certificate_from_dict(result.certificate))
        result.recheck_ok, result.recheck_seconds = again.ok, round(again.seconds, 3)
        if not again.ok:
            result.outcome, result.reason = "undecided", f"the certificate failed its re-check: {again.failure}"
        if sharp:
            any_m = not reduction.faces or not check_faces(statement, reduction, sp.Symbol("m", positive=True))
            with series_length(flint.ctx.cap, 128):
                result.sharp = sharp_ratio(statement, reduction, any_m)
            result.sharp.update(constants(statement, result.sharp))
    return result


def recheck_stored(statement: Statement, reduction: Reduction, stored: dict[str, Any]) -> tuple[bool, int, float, str]:
    """Re-check a stored certificate against the statement's reduction, without the prover."""
    again = recheck(problem(statement, reduction), certificate_from_dict(stored))
    return again.ok, again.boxes, again.seconds, again.failure
