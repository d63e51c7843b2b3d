"""Running the search over statements: budgets, seeds, progress, worker processes, interruption
and resumption; results assembled."""
from __future__ import annotations

import datetime as _dt
import platform
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from proofcheck.core.version import __version__
from proofcheck.core.registry import (UnknownStatement, campaign_pack, model_class_share, pack_name_of,
                                     qualified_id, resolve)
from proofcheck.core.results import (FORMAT_VERSION, AuditResult, Finding, StatementResult, judged_ratio,
                                     statement_from_dict)
from proofcheck.app.database import WitnessDatabase, found_in, numeric_steps
from proofcheck.app.diagnosis import DIAGNOSIS_SHARE, diagnose_results, fill_repairs
from proofcheck.app.findings import findings_of
from proofcheck.app.proofs import search_with_proof
from proofcheck.app.schedule import Job, JobEvent, JobStatus, run_jobs, still_rising
from proofcheck.search.engine import Progress, round_seed
from proofcheck.search.journal import Journal, JournalError
from proofcheck.core.statement import Statement

RUN_SHARE = 0.95
# of a timed audit's budget, kept for the statements whose search was still rising when its share
# ended: each searches again (with its proof and diagnosis), from the witnesses the first round found
RESERVE = 0.15


@dataclass
class Resumption:
    """What an interrupted campaign left: its finished statements (as their report entries), the
    journals of the statements it was in, and the seconds it had run."""

    done: dict[str, dict[str, Any]] = field(default_factory=dict)
    journals: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    seconds: float = 0.0
    source: str = ""


def resumption_from_report(report: dict[str, Any], source: str, given: dict[str, Any], fuzz_of: str | None = None
                           ) -> tuple[Resumption, list[str], dict[str, Any]]:
    """What the partial report ``report`` (read from ``source``) leaves to resume: the resumption,
    the campaign's ids and its settings (seed, dps, cases, budget). A setting ``given`` again (not
    None) must agree with the campaign's; ``fuzz_of`` (an id) must be the campaign's only statement.
    ValueError with one line when the report cannot be resumed."""
    meta, checkpoint = report.get("meta") or {}, report.get("checkpoint")
    if not meta.get("partial") or not isinstance(checkpoint, dict):
        raise ValueError(f"--resume {source}: this campaign is complete (nothing to resume)")
    ids = meta.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValueError(f"--resume {source}: the report does not list its campaign's statements")
    if fuzz_of is not None and ids != [fuzz_of]:
        raise ValueError(f"--resume {source} is a campaign over {', '.join(ids)}, not a fuzz of {fuzz_of}")
    settings = {}
    for name, key in (("seed", "seed"), ("dps", "dps"), ("cases", "cases_budget"), ("budget", "budget_s")):
        if given.get(name) is not None and given[name] != report.get(key):
            raise ValueError(f"--resume {source}: --{name} {given[name]} differs from the campaign's {report.get(key)}")
        settings[name] = report.get(key)
    document = (meta.get("pack") or {}).get("name") if isinstance(meta.get("pack"), dict) else None
    if document:  # the campaign's statements, named whatever else is installed now
        ids = [f"{document}/{i}" for i in ids]
    try:
        for i in ids:
            resolve(i)
    except (UnknownStatement, LookupError) as exc:
        raise ValueError(f"--resume {source}: {exc}") from None
    done = {s["id"]: s for s in report["statements"] if s.get("stop_reason") != "interrupted"}
    journals = checkpoint.get("journals")
    try:
        for entry in done.values():
            statement_from_dict(entry)
        if not isinstance(journals, dict) or not all(isinstance(k, str) for k in journals):
            raise JournalError("no 'journals' object keyed by statement id")
        for entries in journals.values():
            Journal.from_json(entries)
    except (JournalError, TypeError, KeyError, ValueError) as exc:
        raise ValueError(f"--resume {source}: the checkpoint is damaged: {exc}") from None
    resumption = Resumption(done=done, journals=journals, seconds=float(meta.get("wall_seconds") or 0.0), source=source)
    return resumption, ids, settings


def _statement_job(job: Job, share: float | None, stop: Callable[[], bool]
                   ) -> tuple[StatementResult | None, list[dict[str, Any]], int, str]:
    """One statement's search with its proof and diagnosis, as a job of the campaign's pool (in this
    process, a forked worker or a Dask worker): (its result, its journal when interrupted, the
    evaluations it replayed, and why it failed: empty unless the result is None)."""
    statement, seed, cases, dps, entries, diagnose, known, progress = job.payload
    statement = resolve(statement) if isinstance(statement, str) else statement
    journal = Journal.from_json(entries)
    try:
        result = search_and_diagnose(statement, seed, cases, share, dps, stop, journal, diagnose, progress, known)
    except Exception as exc:  # one statement's failure must not lose what the others found
        return None, [], 0, f"{type(exc).__name__}: {exc}"
    return result, journal.to_json() if result.stop_reason == "interrupted" else [], journal.replayed, ""


def search_and_diagnose(statement: Statement, seed: int, cases: int | None, seconds: float | None, dps: int,
                        should_stop: Callable[[], bool], journal: Journal, diagnose: bool,
                        progress: Progress | None = None, known: dict[str, list[dict[str, Any]]] | None = None
                        ) -> StatementResult:
    """One statement's search with its proof's steps, then (``diagnose``, not interrupted) the
    diagnosis of what failed, in DIAGNOSIS_SHARE of ``seconds``: in the same process, so a campaign's
    diagnoses run in parallel as its searches do. ``known``: witnesses to replay first, by id."""
    search_seconds = None if seconds is None else seconds * (1 - DIAGNOSIS_SHARE) if diagnose else seconds
    result = search_with_proof(statement, seed=seed, cases=cases, seconds=search_seconds, dps=dps, progress=progress,
                               should_stop=should_stop, journal=journal, known=known)
    if diagnose and result.stop_reason != "interrupted":
        diagnose_results([result], seed=seed, seconds=None if seconds is None else seconds * DIAGNOSIS_SHARE, dps=dps,
                         should_stop=should_stop, progress=progress, pack=pack_name_of(statement))
    return result


def known_witnesses(statement: Statement, database: WitnessDatabase) -> dict[str, list[dict[str, Any]]]:
    """The database's best witnesses for a statement and each numeric step of its proof, by id."""
    return {s.id: database.best(s) for s in [statement, *numeric_steps(statement)]}


def store_witnesses(database: WitnessDatabase, searched: Sequence[tuple[Statement, StatementResult]],
                    replayed: int) -> dict[str, Any]:
    """Every confirmed witness of the results stored in the database; what the report says of it
    (its path, the witnesses replayed, the files skipped, the entries written). A write that fails
    (a full disk) is one warning line, never fatal."""
    before = database.stored
    for statement, result in searched:
        for found in found_in(statement, result):
            try:
                database.store(found)
            except OSError as exc:
                database.warn(f"witness database: cannot store the witnesses of {found.statement}: {exc.strerror}")
    return {"path": str(database.path), "replayed": replayed, "skipped": database.skipped,
            "stored": database.stored - before}


def run(statements: Sequence[Statement], seed: int = 0, dps: int = 50, seconds: float | None = None,
        cases: int | None = None, progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None, command: str = "",
        resume: Resumption | None = None, workers: int = 1, scheduler: str | None = None,
        diagnose: bool = True, database: WitnessDatabase | None = None) -> AuditResult:
    """Search each statement and collect the results, in the statements' order.

    ``seconds`` is the budget for the whole run; ``cases`` is a per-statement case budget
    (deterministic for a seed: each statement's search is seeded by its id, so ``workers``
    processes give the same results as one). ``resume`` continues an interrupted campaign with
    the same settings: finished statements are kept as they were, interrupted ones replay their
    journals and go on. ``scheduler`` (a Dask scheduler address) runs the statements on a Dask
    cluster instead of local processes (``pip install proofcheck[dask]``). ``diagnose``: a campaign
    that completes diagnoses what it found violated (``proofcheck.app.diagnosis``), in DIAGNOSIS_SHARE
    of a time budget. ``database``: a witness database whose best witnesses every search (and
    proof step's) replays first, and that keeps every witness the campaign confirms.
    """
    stop = should_stop or (lambda: False)
    resume = resume or Resumption()
    document = campaign_pack(list(statements))  # the report's title, citation and main result
    start = time.monotonic() - resume.seconds
    todo = [s for s in statements if s.id not in resume.done]
    known = {s.id: known_witnesses(s, database) for s in todo} if database is not None else {}
    found: dict[str, StatementResult] = {sid: statement_from_dict(d) for sid, d in resume.done.items()}
    journals: dict[str, list[dict[str, Any]]] = {}
    inline = scheduler is None and (workers <= 1 or len(todo) <= 1)
    # a statement's share is taken from what is left when it starts (proofcheck.app.schedule), so the
    # time one does not use goes to the later ones; 5% of the budget is kept for start-up and the report
    left = None if seconds is None else max(RUN_SHARE * seconds - (time.monotonic() - start), 0.0)
    jobs = [Job(s.id, (s if inline else qualified_id(s), seed, cases, dps, resume.journals.get(s.id, []), diagnose,
                       known.get(s.id), progress if inline else None), weight=model_class_share(s)) for s in todo]

    def on_event(event: JobEvent) -> None:
        if event.result is None or event.status is JobStatus.STARTED:
            return
        result, _, _, failure = event.result
        if result is None and event.round > 0:
            if progress:
                progress({"id": event.key, "phase": "warning", "message": f"{event.key}: its second search failed "
                          f"({failure}); its first is reported"})
        elif result is None:
            _left_out(event.key, failure, progress)
        elif progress and not inline:
            progress({"id": event.key, "phase": "done", "cases": result.cases,
                      "best": result.worst_ratio if result.worst_ratio is not None else float("nan"),
                      "seconds": result.seconds})

    def follow_ups(done: Job, outcome: tuple[StatementResult | None, list, int, str]) -> list[Job]:
        first = outcome[0]
        if seconds is None or done.round > 0 or first is None or not still_rising(first):
            return []
        statement, seed_, cases_, dps_, _, diagnose_, known_, progress_ = done.payload
        return [Job(done.key, (statement, round_seed(seed_, 1), cases_, dps_, [], diagnose_, found_first(first, known_),
                               progress_), weight=done.weight, round=1)]

    # a share only guides a statement (its search ends there; its confirmations and proof steps may run
    # past it, and a statement cut short would leave the report partial): the budget is what the
    # statements are charged, each at most its share, so the time past a share never starves the later
    # statements (charged by the wall clock, a late statement got the 2 s minimum and lost its violation)
    outcomes = run_jobs(jobs, _statement_job, workers=1 if inline else workers, seconds=left, should_stop=stop,
                        events=on_event, overrun=False, scheduler=scheduler, follow_ups=follow_ups,
                        reserve=RESERVE if seconds is not None else 0.0,
                        interrupted=lambda r: r[0] is not None and r[0].stop_reason == "interrupted")
    replayed, again = 0, []
    for outcome in outcomes:
        if outcome.result is None or outcome.result[0] is None:
            continue
        result, entries, n, _ = outcome.result
        replayed += n
        if outcome.job.round > 0:  # a second round replaces the first only when it finished
            if outcome.status is JobStatus.FINISHED:
                found[outcome.job.key] = both_rounds(found[outcome.job.key], result)
                again.append(outcome.job.key)
            continue
        found[outcome.job.key] = result
        if result.stop_reason == "interrupted":
            journals[outcome.job.key] = entries
    results = [found[s.id] for s in statements if s.id in found]
    partial = stop() or len(results) < len(statements) or bool(journals)
    grouped: list[Finding] = []
    if diagnose and not partial:
        fill_repairs(results)  # the repairs' verdicts, which the processes that diagnosed did not know
        grouped = findings_of(results, document.main_result if document is not None else None)
    meta = {
        "format_version": FORMAT_VERSION,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "command": command,
        "title": document.title if document is not None else "",
        "pack": document.meta() if document is not None else None,
        "ids": [s.id for s in statements],
        "partial": partial,
        "workers": workers if scheduler is None else f"dask {scheduler}",
        "python": platform.python_version(),
        "wall_seconds": round(time.monotonic() - start, 3),
    }
    if again:
        meta["searched_again"] = again  # still rising when their first share ended
    if resume.source:
        meta["resumed_from"] = resume.source
        meta["replayed_evaluations"] = replayed
    if database is not None:
        # an interrupted statement's witnesses wait for its resumption, which replays what this run read
        finished = [(s, found[s.id]) for s in todo if s.id in found and found[s.id].stop_reason != "interrupted"]
        meta["database"] = store_witnesses(database, finished, sum(len(w) for k in known.values() for w in k.values()))
    return AuditResult(tool="proofcheck", version=__version__, seed=seed, dps=dps, budget_s=seconds,
                       cases_budget=cases, statements=results, meta=meta,
                       checkpoint={"journals": journals} if partial else None, findings=grouped)


def found_first(first: StatementResult, known: dict[str, list[dict[str, Any]]] | None
                ) -> dict[str, list[dict[str, Any]]]:
    """What a statement's second round replays first: its first round's confirmed cases (worst first)
    and its proof steps' worst cases, before the database's."""
    def ratio(c: Any) -> float:
        value = judged_ratio(c)
        return float(value if value is not None else c.ratio_hi)

    out = {k: list(v) for k, v in (known or {}).items()}
    mine = [c.witness for c in sorted(first.confirmations, key=ratio, reverse=True) if c.witness]
    out[first.id] = mine + out.get(first.id, [])
    for step in (first.proof.steps if first.proof else []):
        if step.witness:
            out[step.id] = [step.witness] + out.get(step.id, [])
    return out


def both_rounds(first: StatementResult, second: StatementResult) -> StatementResult:
    """A statement's second round, counting the cases and seconds of both."""
    second.cases += first.cases
    second.seconds = round(first.seconds + second.seconds, 3)
    return second


def _left_out(sid: str, failure: str, progress: Progress | None) -> None:
    """A statement whose search failed: left out of the report (which is then partial, and ``--resume``
    runs it again), with one warning line naming it and the failure."""
    if progress:
        progress({"id": sid, "phase": "warning", "message": f"{sid}: its search failed ({failure}); "
                  "it is left out of the report, which stays partial (--resume runs it again)"})
