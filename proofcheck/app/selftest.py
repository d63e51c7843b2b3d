"""The checker's detection power: a bug planted in every statement that has a near-tight case.

For a statement whose search finds a worst ratio w (LHS/RHS for an upper bound, RHS/LHS for a
lower one), the planted variant tightens the bound by the factor 0.9 w, so that the same worst
case has ratio 1/0.9 > 1: a wrong statement the checker must report ``violated``. The true
statement must not be. Statements violated as printed, identities, and statements whose worst
ratio is below MIN_TIGHTNESS (no case near the bound to plant against) are listed as skipped.
"""
from __future__ import annotations

import dataclasses
import time
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from proofcheck.app.database import Entry, WitnessDatabase, found_in
from proofcheck.app.runner import worker_pool, worker_should_stop
from proofcheck.core.registry import resolve
from proofcheck.core.results import StopReason
from proofcheck.search.engine import search
from proofcheck.core.statement import Statement
from proofcheck.numerics.paths import Estimate

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
    outcome: str  # "detected", "missed", "interrupted", or "skipped: <why>"
    seconds: float = 0.0  # both searches, wall time
    # the confirmed witnesses of both searches, by statement (the true one, then the planted variant),
    # for the witness database; ``replayed``: the known witnesses the searches were given
    found: list[tuple[Statement, list[Entry]]] = field(default_factory=list, repr=False)
    replayed: int = 0


INTERRUPTED = "interrupted"


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


def _planted_result(statement: Statement, seed: int, cases: int, dps: int,
                    progress: Callable[[dict[str, Any]], None] | None,
                    should_stop: Callable[[], bool] | None, seconds: float | None = None,
                    known: Sequence[dict[str, Any]] | None = None) -> PlantedResult:
    """Search one statement, then its planted variant, with the same budget (cases, and seconds when
    given). ``known`` (with a database): the statement's witnesses both searches replay first (the
    variant has the same space and left side and a constant multiple of its right side: the same
    worst cases), and the result keeps what both confirmed."""
    if statement.kind == "identity":
        return PlantedResult(statement.id, "-", None, None, None, None, "skipped: an identity has no constant")
    if statement.probability is not None and statement.probability.existential:
        return PlantedResult(statement.id, "-", None, None, None, None, "skipped: an unnamed constant C has none to plant")
    true = search(statement, seed=seed, cases=cases, seconds=seconds, dps=dps, confirm_count=2, progress=progress,
                  should_stop=should_stop, known=known or ())
    found = found_in(statement, true) if known is not None else None
    result = _judged(statement, true, seed, cases, dps, progress, should_stop, seconds, known or (), found)
    if known is None:
        return result
    return dataclasses.replace(result, found=found, replayed=len(known) * (1 + (result.planted_verdict is not None)))


def _judged(statement: Statement, true: Any, seed: int, cases: int, dps: int,
            progress: Callable[[dict[str, Any]], None] | None, should_stop: Callable[[], bool] | None,
            seconds: float | None, known: Sequence[dict[str, Any]], found: list[Any] | None) -> PlantedResult:
    """The planted variant of a statement searched (``true``: the statement's own search) and the outcome."""
    w = true.worst_ratio
    if true.stop_reason is StopReason.INTERRUPTED:
        return PlantedResult(statement.id, true.verdict, w, None, None, None, INTERRUPTED)
    if true.verdict in ("violated", "error"):
        return PlantedResult(statement.id, true.verdict, w, None, None, None, f"skipped: the statement itself is {true.verdict}")
    if w is None or not w >= MIN_TIGHTNESS:
        return PlantedResult(statement.id, true.verdict, w, None, None, None,
                             f"skipped: no case near the bound (worst ratio {w})")
    variant, factor = planted(statement, w)
    bug = search(variant, seed=seed + 1, cases=cases, seconds=seconds, dps=dps, confirm_count=2, progress=progress,
                 should_stop=should_stop, known=known)
    if found is not None:
        found += found_in(variant, bug)
    if bug.stop_reason is StopReason.INTERRUPTED:  # a search cut short proves nothing either way
        return PlantedResult(statement.id, true.verdict, w, factor, bug.verdict, bug.worst_ratio, INTERRUPTED)
    outcome = "detected" if bug.verdict == "violated" else "missed"
    return PlantedResult(statement.id, true.verdict, w, factor, bug.verdict, bug.worst_ratio, outcome)


def _timed(statement: Statement, seed: int, cases: int, dps: int, progress: Callable[[dict[str, Any]], None] | None,
           should_stop: Callable[[], bool] | None, seconds: float | None,
           known: Sequence[dict[str, Any]] | None = None) -> PlantedResult:
    clock = time.monotonic()
    result = _planted_result(statement, seed, cases, dps, progress, should_stop, seconds, known)
    return dataclasses.replace(result, seconds=round(time.monotonic() - clock, 1))


def _planted_in_worker(statement_id: str, seed: int, cases: int, dps: int, seconds: float | None,
                       known: Sequence[dict[str, Any]] | None = None) -> PlantedResult:
    return _timed(resolve(statement_id), seed, cases, dps, None, worker_should_stop, seconds, known)


def selftest(statements: Sequence[Statement], seed: int = 0, cases: int = 4000, dps: int = 30,
             progress: Callable[[dict[str, Any]], None] | None = None,
             should_stop: Callable[[], bool] | None = None, workers: int = 1,
             seconds: float | None = None, database: WitnessDatabase | None = None) -> list[PlantedResult]:
    """Search each statement, then its planted variant, with the same budget: ``cases`` per search,
    and at most ``seconds`` per search when given (a search stops at whichever comes first);
    statements in ``workers`` processes (results in the statements' order). ``database``: both
    searches replay the statement's best stored witnesses first, and every confirmed witness of
    both is stored."""
    known = {s.id: database.best(s) for s in statements} if database is not None else None
    results = _selftest(statements, seed, cases, dps, progress, should_stop, workers, seconds, known)
    if database is not None:
        for r in results:
            for stmt, entries in r.found:
                database.add(stmt, entries)
    return results


def database_summary(database: WitnessDatabase, results: Sequence[PlantedResult]) -> dict[str, Any]:
    """What a selftest did with its database: its path, the witnesses replayed, the files skipped, the entries written."""
    return {"path": str(database.path), "replayed": sum(r.replayed for r in results), "skipped": database.skipped,
            "stored": database.stored}


def _selftest(statements: Sequence[Statement], seed: int, cases: int, dps: int,
              progress: Callable[[dict[str, Any]], None] | None, should_stop: Callable[[], bool] | None,
              workers: int, seconds: float | None, known: dict[str, list[dict[str, Any]]] | None
              ) -> list[PlantedResult]:
    stop = should_stop or (lambda: False)
    if workers <= 1 or len(statements) <= 1:
        out = []
        for statement in statements:
            if stop():
                out.append(PlantedResult(statement.id, "-", None, None, None, None, INTERRUPTED))
                continue
            out.append(_timed(statement, seed, cases, dps, progress, should_stop, seconds,
                              None if known is None else known.get(statement.id, [])))
        return out
    found: dict[str, PlantedResult] = {}
    with worker_pool(workers) as (pool, event):
        pending = {pool.submit(_planted_in_worker, s.id, seed, cases, dps, seconds,
                               None if known is None else known.get(s.id, [])): s.id for s in statements}
        while pending:
            finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if stop() and not event.is_set():
                event.set()
                for f in pending:
                    f.cancel()
            for f in finished:
                sid = pending.pop(f)
                if f.cancelled():
                    continue
                found[sid] = f.result()
                if progress:
                    progress({"id": sid, "phase": "done", "cases": cases, "best": found[sid].worst_ratio or float("nan"),
                              "seconds": found[sid].seconds})
            pending = {f: sid for f, sid in pending.items() if not f.cancelled()}
    return [found.get(s.id) or PlantedResult(s.id, "-", None, None, None, None, INTERRUPTED) for s in statements]


def detection_rate(results: Sequence[PlantedResult]) -> tuple[int, int]:
    """(detected, planted)."""
    planted_ = [r for r in results if r.outcome in ("detected", "missed")]
    return sum(r.outcome == "detected" for r in planted_), len(planted_)
