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

import numpy as np
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from proofcheck.app.database import Found, WitnessDatabase, found_in
from proofcheck.app.schedule import Job, JobEvent, JobStatus, run_jobs, still_rising
from proofcheck.core.cases import enforce_structure
from proofcheck.core.registry import resolve
from proofcheck.search.evaluate import screen_f64
from proofcheck.search.families import draw_dims, gaussian
from proofcheck.core.results import StopReason, judged_ratio
from proofcheck.search.engine import search
from proofcheck.core.statement import Statement
from proofcheck.numerics.paths import Estimate

MIN_TIGHTNESS = 0.05
MARGIN = 0.9
RESERVE = 0.15  # of a selftest's time budget, kept for the statements still rising after their first round
FOLLOW_UP = 4  # a second round's case budget, in first rounds' (its time: its share of what is left)


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
    found: list[Found] = field(default_factory=list, repr=False)
    replayed: int = 0
    # the statement's own search: its best-ratio history ([seconds, cases, best]) and the cases it used
    history: list[list[float]] = field(default_factory=list, repr=False)
    cases: int = 0
    rounds: int = 1  # 2 when it searched again, still rising after its first round
    # the cases each search confirmed ({dims, values}, best first): the statement's, the variant's
    witnesses: tuple[list[dict[str, Any]], list[dict[str, Any]]] = field(default=([], []), repr=False)


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


def _planted_result(statement: Statement, seed: int, cases: int | None, dps: int,
                    progress: Callable[[dict[str, Any]], None] | None,
                    should_stop: Callable[[], bool] | None, seconds: float | None = None,
                    known: Sequence[dict[str, Any]] | None = None,
                    resumed: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])) -> PlantedResult:
    """Search one statement, then its planted variant, with the same budget (cases, and seconds when
    given). ``known`` (with a database): the statement's witnesses both searches replay first (the
    variant has the same space and left side and a constant multiple of its right side: the same
    worst cases), and the result keeps what both confirmed. ``resumed``: the witnesses each search
    confirmed in an earlier round (the statement's, the variant's), replayed by its own search
    before ``known``: a second round goes on from where its first stood."""
    if statement.kind == "identity":
        return PlantedResult(statement.id, "-", None, None, None, None, "skipped: an identity has no constant")
    if statement.probability is not None and statement.probability.existential:
        return PlantedResult(statement.id, "-", None, None, None, None, "skipped: an unnamed constant C has none to plant")
    true = search(statement, seed=seed, cases=cases, seconds=seconds, dps=dps, confirm_count=2, progress=progress,
                  should_stop=should_stop, known=[*resumed[0], *(known or ())], stop_at_violation=True)
    found = found_in(statement, true) if known is not None else None
    result = _judged(statement, true, seed, cases, dps, progress, should_stop, seconds, [*resumed[1], *(known or ())],
                     found)
    result = dataclasses.replace(result, history=list(getattr(true, "history", [])), cases=getattr(true, "cases", 0),
                                 witnesses=(confirmed(true), result.witnesses[1]))
    if known is None:
        return result
    return dataclasses.replace(result, found=found, replayed=len(known) * (1 + (result.planted_verdict is not None)))


def _judged(statement: Statement, true: Any, seed: int, cases: int | None, dps: int,
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
                 should_stop=should_stop, known=known, stop_at_violation=True)
    if found is not None:
        found += found_in(variant, bug)
    if bug.stop_reason is StopReason.INTERRUPTED:  # a search cut short proves nothing either way
        return PlantedResult(statement.id, true.verdict, w, factor, bug.verdict, bug.worst_ratio, INTERRUPTED)
    outcome = "detected" if bug.verdict == "violated" else "missed"
    return PlantedResult(statement.id, true.verdict, w, factor, bug.verdict, bug.worst_ratio, outcome,
                         witnesses=([], confirmed(bug)))


def confirmed(result: Any) -> list[dict[str, Any]]:
    """A search's confirmed cases ({dims, values}), best first by their judged ratios."""
    def key(c: Any) -> float:
        r = float(judged_ratio(c))
        return r if r == r else float("-inf")
    ordered = sorted(getattr(result, "confirmations", []), key=key, reverse=True)
    return [{"dims": c.witness["dims"], "values": c.witness["values"]} for c in ordered if c.witness]


def _timed(statement: Statement, seed: int, cases: int | None, dps: int, progress: Callable[[dict[str, Any]], None] | None,
           should_stop: Callable[[], bool] | None, seconds: float | None,
           known: Sequence[dict[str, Any]] | None = None,
           resumed: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])) -> PlantedResult:
    clock = time.monotonic()
    result = _planted_result(statement, seed, cases, dps, progress, should_stop, seconds, known, resumed)
    return dataclasses.replace(result, seconds=round(time.monotonic() - clock, 1))


def _planted_job(job: Job, share: float | None, stop: Callable[[], bool]) -> PlantedResult:
    """One job of the selftest: a statement's search and its planted variant's, each with half of
    ``share`` (and the job's case budget). The statement travels by id to a worker process."""
    statement, seed, cases, dps, progress, known, resumed = job.payload
    statement = resolve(statement) if isinstance(statement, str) else statement
    return _timed(statement, seed, cases, dps, progress, stop, None if share is None else share / 2, known, resumed)


PROBE_BATCH = 8


def probe_seconds(statement: Statement) -> float:
    """The seconds one small float64 batch of the statement takes (its Gaussian family, fixed
    seed): a statement's cost, known before it is searched (0 where it cannot be evaluated)."""
    rng = np.random.default_rng(0)
    clock = time.monotonic()
    try:
        dims = draw_dims(rng, statement.space)
        values = enforce_structure(statement.space, gaussian(rng, statement.space, dims, PROBE_BATCH))
        screen_f64(statement, dims, values, rng)
    except Exception:  # a statement that cannot be evaluated fails fast in its search too
        return 0.0
    return time.monotonic() - clock


def selftest(statements: Sequence[Statement], seed: int = 0, cases: int | None = 4000, dps: int = 30,
             progress: Callable[[dict[str, Any]], None] | None = None,
             should_stop: Callable[[], bool] | None = None, workers: int = 1,
             budget: float | None = None, database: WitnessDatabase | None = None,
             events: Callable[[JobEvent], None] | None = None) -> list[PlantedResult]:
    """Search each statement, then its planted variant, with the same budget: ``cases`` per search
    and, when ``budget`` (seconds for the whole selftest) is given, half of the statement's share
    of it each. The statements are jobs of one pool (``proofcheck.app.schedule``) in ``workers``
    processes: a share is taken from what is left when the job starts, so the time a statement
    does not use goes to the later ones; RESERVE of the budget is kept for the statements whose
    own search was still rising when its cases ended, which search again, both searches with
    FOLLOW_UP times the cases, in a second round (its result replaces the first's when it
    finishes). Results in the statements' order. ``database``: both searches replay the
    statement's best stored witnesses first, and every confirmed witness of both is stored."""
    known = {s.id: database.best(s) for s in statements} if database is not None else None
    inline = workers <= 1 or len(statements) <= 1

    def job(statement: Statement, round_: int, cases_: int | None,
            resumed: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])) -> Job:
        payload = (statement if inline else statement.id, seed, cases_, dps, progress if inline else None,
                   None if known is None else known.get(statement.id, []), resumed)
        return Job(statement.id, payload, round=round_)

    by_id = {s.id: s for s in statements}

    def follow_ups(done: Job, result: PlantedResult) -> list[Job]:
        if budget is None or done.round > 0 or result.outcome not in ("detected", "missed") or not still_rising(result):
            return []
        return [job(by_id[done.key], 1, None if cases is None else FOLLOW_UP * cases, result.witnesses)]

    def on_event(event: JobEvent) -> None:
        if events:
            events(event)
        if progress and not inline and event.result is not None:
            progress({"id": event.key, "phase": "done", "cases": event.result.cases, "seconds": event.result.seconds,
                      "best": event.result.worst_ratio or float("nan")})

    # with a time budget the cheap statements start first: the time they do not use is then known,
    # and shared, when the expensive ones start (the results keep the statements' order)
    first = sorted(statements, key=probe_seconds) if budget is not None else list(statements)
    outcomes = run_jobs([job(s, 0, cases) for s in first], _planted_job, workers=1 if inline else workers,
                        seconds=budget, should_stop=should_stop, follow_ups=follow_ups, events=on_event,
                        reserve=RESERVE if budget is not None else 0.0,
                        interrupted=lambda r: r.outcome == INTERRUPTED)
    chosen: dict[str, PlantedResult] = {}
    for outcome in outcomes:
        result = outcome.result
        if result is None:
            continue
        earlier = chosen.get(outcome.job.key)
        if earlier is None:
            chosen[outcome.job.key] = result
        elif outcome.status is JobStatus.FINISHED:  # the second round's result, with both rounds' time and witnesses
            chosen[outcome.job.key] = dataclasses.replace(result, seconds=round(earlier.seconds + result.seconds, 1),
                                                          found=earlier.found + result.found,
                                                          replayed=earlier.replayed + result.replayed, rounds=2)
    results = [chosen.get(s.id) or PlantedResult(s.id, "-", None, None, None, None, INTERRUPTED) for s in statements]
    if database is not None:
        for r in results:
            for found in r.found:
                database.store(found)
    return results


def database_summary(database: WitnessDatabase, results: Sequence[PlantedResult]) -> dict[str, Any]:
    """What a selftest did with its database: its path, the witnesses replayed, the files skipped, the entries written."""
    return {"path": str(database.path), "replayed": sum(r.replayed for r in results), "skipped": database.skipped,
            "stored": database.stored}


def detection_rate(results: Sequence[PlantedResult]) -> tuple[int, int]:
    """(detected, planted)."""
    planted_ = [r for r in results if r.outcome in ("detected", "missed")]
    return sum(r.outcome == "detected" for r in planted_), len(planted_)
