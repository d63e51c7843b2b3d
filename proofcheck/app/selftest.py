"""The checker's detection power: a bug planted in every statement that has a near-tight case.

For a statement whose search finds a worst ratio w (LHS/RHS for an upper bound, RHS/LHS for a
lower one), the planted variant tightens the bound by the factor 0.9 w, so that the same worst
case has ratio 1/0.9 > 1: a wrong statement the checker must report ``violated``. The true
statement must not be. Statements violated as printed, identities, and statements whose worst
ratio is below MIN_TIGHTNESS (no case near the bound to plant against) are listed as skipped.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from proofcheck.numerics.paths import Estimate
from proofcheck.search.engine import search
from proofcheck.core.statement import Statement

MIN_TIGHTNESS = 0.05
MARGIN = 0.9


@dataclass
class PlantedResult:
    id: str
    true_verdict: str
    worst_ratio: float | None
    factor: float | None
    planted_verdict: str | None
    planted_ratio: float | None
    outcome: str  # "detected", "missed", "false alarm", or "skipped: <why>"


def _scaled(rhs: Callable[..., Any], factor: float) -> Callable[..., Any]:
    def planted(ctx: Any, c: Any) -> Any:
        r = rhs(ctx, c)
        f = ctx.mpf(factor)
        return r.scaled(f) if isinstance(r, Estimate) else r * f
    return planted


def planted(statement: Statement, worst: float) -> tuple[Statement, float]:
    """The statement with its bound tightened past its worst ratio: RHS times MARGIN * worst for an
    upper bound, divided by it for a lower bound."""
    factor = MARGIN * worst if statement.kind == "upper" else 1 / (MARGIN * worst)
    return dataclasses.replace(statement, id=f"{statement.id}:planted", rhs=_scaled(statement.rhs, factor),
                               symbolic=None), factor


def selftest(statements: Sequence[Statement], seed: int = 0, cases: int = 4000, dps: int = 30,
             progress: Callable[[dict[str, Any]], None] | None = None,
             should_stop: Callable[[], bool] | None = None) -> list[PlantedResult]:
    """Search each statement, then its planted variant, with the same case budget."""
    out: list[PlantedResult] = []
    for statement in statements:
        if should_stop and should_stop():
            break
        if statement.kind == "identity":
            out.append(PlantedResult(statement.id, "-", None, None, None, None, "skipped: an identity has no constant"))
            continue
        true = search(statement, seed=seed, cases=cases, dps=dps, confirm_count=2, progress=progress,
                      should_stop=should_stop)
        w = true.worst_ratio
        if true.verdict in ("violated", "error"):
            out.append(PlantedResult(statement.id, true.verdict, w, None, None, None,
                                     f"skipped: the statement itself is {true.verdict}"))
            continue
        if w is None or not w >= MIN_TIGHTNESS:
            out.append(PlantedResult(statement.id, true.verdict, w, None, None, None,
                                     f"skipped: no case near the bound (worst ratio {w})"))
            continue
        variant, factor = planted(statement, w)
        bug = search(variant, seed=seed + 1, cases=cases, dps=dps, confirm_count=2, progress=progress,
                     should_stop=should_stop)
        outcome = "detected" if bug.verdict == "violated" else "missed"
        out.append(PlantedResult(statement.id, true.verdict, w, factor, bug.verdict, bug.worst_ratio, outcome))
    return out


def detection_rate(results: Sequence[PlantedResult]) -> tuple[int, int]:
    """(detected, planted)."""
    planted_ = [r for r in results if r.outcome in ("detected", "missed")]
    return sum(r.outcome == "detected" for r in planted_), len(planted_)
