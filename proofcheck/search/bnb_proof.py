"""A statement with a declared reduction, proved by branch-and-bound before it is searched.

The reduction is checked first (``proofcheck.core.reduction``: sympy's identities, the faces, the
range); a refused reduction proves nothing. The reduced inequality, ratio <= 1, is then proved,
disproved at a certified point, or left undecided by ``proofcheck.numerics.bnb``; a proof is
re-checked at once by ``proofcheck.numerics.bnb_certificate`` (independently, box by box). The
sharp ratio is certified from both sides: below by a certified point (a grid refined around its
best point, the ratio's enclosure there), above by a proof of ratio <= m for m a little above it.
"""
from __future__ import annotations

import math
import time
from fractions import Fraction
from types import SimpleNamespace
from typing import Any, Sequence

import flint
import sympy as sp

from proofcheck.core.proved import BranchAndBound
from proofcheck.core.reduction import (Reduction, check_faces, check_reduction, check_tail, oriented_difference,
                                      reduced_sides)
from proofcheck.core.statement import Scalar, Statement
from proofcheck.numerics.bnb import Face, Outcome, Problem, point_ball, prove
from proofcheck.numerics.bnb_certificate import certificate_from_dict, certificate_to_dict, recheck
from proofcheck.numerics.jets import BALLS, series_length

GRID = 64
MAX_BOXES = 5000  # per proof: about 7 s on one core for the widest 2-D box here
SHARP_MARGINS = (Fraction(1, 10**5), Fraction(1, 10**4), Fraction(1, 10**3))


def problem(statement: Statement, reduction: Reduction, m: Any = 1, faces: bool = True) -> Problem:
    """The reduced inequality (smaller side - m * larger side <= 0) over the reduction's box."""
    names = reduction.names()

    def f(ops: Any, coords: Sequence[Any]) -> Any:
        return oriented_difference(statement, reduction, ops, SimpleNamespace(**dict(zip(names, coords))), m)
    declared = tuple(Face(names.index(x.scalar), x.end, x.order, tuple((names.index(n), e) for n, e in x.corner))
                     for x in reduction.faces) if faces else ()
    return Problem(names, tuple(Fraction(s.low) for s in reduction.scalars),
                   tuple(Fraction(s.high) for s in reduction.scalars), f, declared)


def _ratio_at(statement: Statement, reduction: Reduction, point: Sequence[Fraction]) -> flint.arb:
    p = SimpleNamespace(**{n: point_ball(x) for n, x in zip(reduction.names(), point)})
    lhs, rhs = reduced_sides(statement, reduction, BALLS, p)
    # the statement's own ratio: a side the reduction writes without its |.| gets it back
    lhs, rhs = (abs(lhs) if reduction.abs_side == "lhs" else lhs), (abs(rhs) if reduction.abs_side == "rhs" else rhs)
    return flint.arb(lhs / rhs if statement.kind == "upper" else rhs / lhs)


def _best_point(statement: Statement, reduction: Reduction) -> tuple[tuple[Fraction, ...], flint.arb]:
    """The grid point (refined three times around the best) with the largest certified ratio below."""
    low = [Fraction(s.low) for s in reduction.scalars]
    high = [Fraction(s.high) for s in reduction.scalars]
    best: tuple[tuple[Fraction, ...], flint.arb] | None = None
    for _ in range(4):
        steps = max(2, round(GRID ** (1 / len(low))))
        # a certified witness is a case: an open end (a scalar at 0, a limit) is replaced by a point just inside
        axes = [[lo + (hi - lo) * Fraction(i, steps) if i or not (s.open_low and lo == s.low) else lo + (hi - lo) / 2**30
                 for i in range(steps + 1)] for s, lo, hi in zip(reduction.scalars, low, high)]
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


def sharp_ratio(statement: Statement, pieces: Sequence[tuple[Reduction, bool]]) -> dict[str, Any]:
    """sup of the ratio over the reduced domain (every piece: the box, and the tail) as [low, high]: low
    from a certified point, high proved on every piece (``pieces``: each with whether its faces hold for
    every bound m, else it is proved without them)."""
    found = [(r, *_best_point(statement, r)) for r, _ in pieces]
    where, point, ratio = max(found, key=lambda x: x[2].lower())
    low = _float_below(ratio.lower())
    out: dict[str, Any] = {"low": low, "low_point": dict(zip(where.names(), map(str, point))),
                           "high": None, "high_seconds": None}
    if Fraction(low) * (1 + SHARP_MARGINS[0]) >= 1:
        # the supremum is 1 to 5 digits (a limit where both sides agree): the proof itself, ratio <= 1 with its
        # faces, is the upper end (a bound m just above 1 would lose the faces and shrink boxes toward them)
        out.update(high=1.0, high_text="1 (the proof)", high_seconds=0.0, high_boxes=0)
        return out
    for margin in SHARP_MARGINS:
        m = Fraction(low) * (1 + margin)
        proofs = [prove(problem(statement, r, fraction_ball(m), faces=any_m), max_boxes=MAX_BOXES) for r, any_m in pieces]
        if all(x.outcome is Outcome.PROVED for x in proofs):
            high = float(m) if Fraction(float(m)) >= m else math.nextafter(float(m), math.inf)
            out.update(high=high, high_text=str(m), high_seconds=round(sum(x.seconds for x in proofs), 3),
                       high_boxes=sum(x.boxes for x in proofs))
            break
    return out


def _float_below(x: flint.arb) -> float:
    """The float nearest x from below (the certified lower end stays certified once it is a float)."""
    f = float(x)
    return f if flint.arb(f) <= x else math.nextafter(f, -math.inf)


def tail_piece(reduction: Reduction) -> Reduction:
    """The tail as a reduction of its own over [0, w_K] (its sides written in w), beside the box's other scalars."""
    tail = reduction.tail
    if tail is None:
        raise ValueError("the reduction declares no tail")
    scalars = tuple(tail.variable if s.name == tail.scalar else s for s in reduction.scalars)
    return Reduction(scalars=scalars, case=lambda ctx, p: {}, invariants=lambda c: {}, lhs=tail.lhs,
                     rhs=tail.rhs, abs_side=tail.abs_side, why=tail.why, faces=tail.faces)


def fraction_ball(m: Fraction) -> flint.arb:
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
    pieces = [reduction]
    if reduction.tail is not None and check.whole:
        tail_check = check_tail(statement, reduction, scalars)
        if not tail_check.proved:
            return BranchAndBound("undecided", f"tail refused: {tail_check.detail}", "the box only", False, names, box,
                                  reduction=check.identities, seconds=round(time.monotonic() - start, 3))
        check.identities += tail_check.identities
        pieces.append(tail_piece(reduction))
        tail = reduction.tail
        check.covers = (f"whole domain: {tail.scalar} in the box, and {tail.scalar} >= {Fraction(box[1][names.index(tail.scalar)])} "
                        f"as {tail.variable.name} in [0, {Fraction(tail.variable.high)}]")
    clock = time.monotonic()
    result = BranchAndBound("proved", "every box closed by its enclosure", check.covers, check.whole, names, box,
                            reduction=check.identities)
    certificates = []
    for piece in pieces:
        found = prove(problem(statement, piece), max_boxes=MAX_BOXES)  # a box budget, not seconds: reproducible
        result.boxes += found.boxes
        result.depth = max(result.depth, found.depth)
        for k, n in found.methods.items():
            result.methods[k] = result.methods.get(k, 0) + n
        if found.outcome is Outcome.DISPROVED and found.point is not None:
            # the statement's own ratio at the point (a side written without its |.| gets it back): a
            # counterexample of the reduced form that the statement's sides do not confirm proves nothing
            own = _ratio_at(statement, piece, [Fraction(x) for x in found.point])
            if not own.lower() > 1:
                result.outcome = "undecided"
                result.reason = f"the reduced form fails at {found.point}, the statement's own ratio there is {own.str(6)}"
                break
            result.outcome, result.reason, result.value = "disproved", found.reason, found.value
            result.point = dict(zip(piece.names(), found.point))
            result.witness = _witness(statement, piece, found.point) if piece is reduction else None
            break
        if found.outcome is Outcome.UNDECIDED:
            result.outcome, result.reason = "undecided", found.reason
            break
        if found.certificate is None:
            raise ValueError("a proof without a certificate")
        certificates.append(certificate_to_dict(found.certificate))
    result.seconds = round(time.monotonic() - clock, 3)
    if result.outcome != "proved":
        return result
    result.certificate = {"pieces": certificates} if len(certificates) > 1 else certificates[0]
    checks = [recheck(problem(statement, piece), certificate_from_dict(c)) for piece, c in zip(pieces, certificates)]
    result.recheck_ok = all(x.ok for x in checks)
    result.recheck_seconds = round(sum(x.seconds for x in checks), 3)
    if not result.recheck_ok:
        failure = next(x.failure for x in checks if not x.ok)
        result.outcome, result.reason = "undecided", f"the certificate failed its re-check: {failure}"
        return result
    if sharp:
        m = sp.Symbol("m", positive=True)
        with series_length(flint.ctx.cap, 128):
            result.sharp = sharp_ratio(statement, [(piece, not piece.faces or not check_faces(statement, piece, m))
                                                   for piece in pieces])
        result.sharp.update(constants(statement, result.sharp))
    return result


def certificates_of(stored: dict[str, Any]) -> list[dict[str, Any]]:
    """The pieces' certificates of a stored one (a proof with a tail stores one per piece)."""
    return list(stored["pieces"]) if "pieces" in stored else [stored]


def recheck_stored(statement: Statement, reduction: Reduction, stored: dict[str, Any]) -> tuple[bool, int, float, str]:
    """Re-check a stored certificate against the statement's reduction, without the prover: every piece
    (the box, and the tail when one is declared) box by box."""
    pieces = [reduction] + ([tail_piece(reduction)] if reduction.tail is not None else [])
    found = certificates_of(stored)
    if len(found) != len(pieces):
        return False, 0, 0.0, f"the certificate has {len(found)} piece(s), the reduction {len(pieces)}"
    boxes, seconds = 0, 0.0
    for piece, c in zip(pieces, found):
        again = recheck(problem(statement, piece), certificate_from_dict(c))
        boxes, seconds = boxes + again.boxes, seconds + again.seconds
        if not again.ok:
            return False, boxes, seconds, again.failure
    return True, boxes, seconds, ""
