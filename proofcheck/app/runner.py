"""Running the search over statements: budgets, seeds, progress, worker processes, interruption
and resumption; results assembled."""
from __future__ import annotations

import contextlib
import datetime as _dt
import multiprocessing
import os
import platform
import signal
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Sequence

from proofcheck.core.version import __version__
from proofcheck.core.registry import (UnknownStatement, campaign_pack, model_class_share, pack_name_of,
                                     qualified_id, resolve)
from proofcheck.core.results import FORMAT_VERSION, AuditResult, Finding, StatementResult, statement_from_dict
from proofcheck.app.database import WitnessDatabase, found_in, numeric_steps
from proofcheck.app.diagnosis import DIAGNOSIS_SHARE, diagnose_results, fill_repairs
from proofcheck.app.findings import findings_of
from proofcheck.app.proofs import search_with_proof
from proofcheck.search.engine import Progress
from proofcheck.search.journal import Journal, JournalError
from proofcheck.core.statement import Statement

RUN_SHARE = 0.95


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


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:
        return max(os.cpu_count() or 1, 1)


_STOP: Any = None  # in a worker process: the campaign's stop event


def _worker_init(stop: Any) -> None:
    global _STOP
    _STOP = stop
    # the parent decides when to stop (a Ctrl-C reaches the whole process group) and sets the event
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def worker_should_stop() -> bool:
    """In a worker process of ``worker_pool``: whether the parent asked the campaign to stop."""
    return _STOP is not None and _STOP.is_set()


@contextlib.contextmanager
def worker_pool(workers: int) -> Iterator[tuple[ProcessPoolExecutor, Any]]:
    """``workers`` forked processes that leave Ctrl-C to the parent, and the stop event the parent
    sets (workers poll it through ``worker_should_stop``)."""
    context = multiprocessing.get_context("fork")
    event = context.Event()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init,
                             initargs=(event,)) as pool:
        yield pool, event


class _DaskStop:
    """A Dask ``Event`` polled at most every half second (each poll asks the scheduler)."""

    def __init__(self, name: str):
        from distributed import Event

        self.event, self.checked, self.value = Event(name), 0.0, False

    def __call__(self) -> bool:
        now = time.monotonic()
        if not self.value and now - self.checked > 0.5:
            self.checked, self.value = now, self.event.is_set()
        return self.value


def _search_in_worker(statement_id: str, seed: int, cases: int | None, seconds: float | None, dps: int,
                      entries: list[dict[str, Any]], dask_event: str | None = None, diagnose: bool = True,
                      known: dict[str, list[dict[str, Any]]] | None = None
                      ) -> tuple[StatementResult, list[dict[str, Any]], int]:
    """One statement's search in a worker: a local process (stopped by the pool's event) or a Dask
    worker (stopped by the named Dask event)."""

    journal = Journal.from_json(entries)
    stop = _DaskStop(dask_event) if dask_event else _STOP.is_set
    result = search_and_diagnose(resolve(statement_id), seed, cases, seconds, dps, stop, journal, diagnose,
                                 known=known)
    return result, journal.to_json() if result.stop_reason == "interrupted" else [], journal.replayed


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
    replayed = 0
    if scheduler is not None or (workers > 1 and len(todo) > 1):
        replayed = _run_parallel(todo, found, journals, seed, dps, seconds, cases, progress, stop, resume, start,
                                 workers, scheduler, diagnose, known)
    else:
        for i, statement in enumerate(todo):
            if stop():
                break
            share = None
            if seconds is not None:
                # 5% of the budget is kept for start-up and writing the report
                left = RUN_SHARE * seconds - (time.monotonic() - start)
                share = shares(todo[i:], left, 1)[0]
            journal = Journal.from_json(resume.journals.get(statement.id, []))
            try:
                result = search_and_diagnose(statement, seed, cases, share, dps, stop, journal, diagnose, progress,
                                             known.get(statement.id))
            except Exception as exc:  # one statement's failure must not lose what the others found
                _left_out(statement.id, exc, progress)
                continue
            replayed += journal.replayed
            found[statement.id] = result
            if result.stop_reason == "interrupted":
                journals[statement.id] = journal.to_json()
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


def _left_out(sid: str, exc: Exception, progress: Progress | None) -> None:
    """A statement whose search failed: left out of the report (which is then partial, and ``--resume``
    runs it again), with one warning line naming it and the failure."""
    if progress:
        progress({"id": sid, "phase": "warning", "message": f"{sid}: its search failed ({type(exc).__name__}: {exc}); "
                  "it is left out of the report, which stays partial (--resume runs it again)"})


def shares(todo: Sequence[Statement], seconds: float, workers: int) -> list[float]:
    """Each statement's seconds out of ``seconds`` run on ``workers`` at once: in proportion to its
    weight (its model class's share for ``ID@CLASS``, else 1), at least half a second."""
    weights = [model_class_share(s) for s in todo]
    total = sum(weights) or 1.0
    return [max(seconds * min(workers, len(todo)) * w / total, 0.5) for w in weights]


def _run_parallel(todo: list[Statement], found: dict[str, StatementResult], journals: dict[str, list],
                  seed: int, dps: int, seconds: float | None, cases: int | None, progress: Progress | None,
                  stop: Callable[[], bool], resume: Resumption, start: float, workers: int,
                  scheduler: str | None, diagnose: bool = True,
                  known: dict[str, dict[str, list[dict[str, Any]]]] | None = None) -> int:
    """The statements in ``workers`` processes (fork) or on a Dask cluster, submitted in the
    paper's order; results are collected by id, so the order they finish in does not matter."""
    share = dict.fromkeys((s.id for s in todo), None)
    if seconds is not None:
        left = RUN_SHARE * seconds - (time.monotonic() - start)
        share = dict(zip((s.id for s in todo), shares(todo, left, workers)))
    replayed = 0
    with contextlib.ExitStack() as stack:
        if scheduler is not None:
            from distributed import Client, Event

            client = stack.enter_context(Client(scheduler, set_as_default=False, timeout="10s"))
            event = Event(f"proofcheck-stop-{uuid.uuid4().hex}", client=client)
            pool = stack.enter_context(client.get_executor(pure=False))
            pending = {pool.submit(_search_in_worker, qualified_id(s), seed, cases, share[s.id], dps, resume.journals.get(s.id, []),
                                   event.name, diagnose, (known or {}).get(s.id)): s.id for s in todo}
        else:
            pool, event = stack.enter_context(worker_pool(workers))
            pending = {pool.submit(_search_in_worker, qualified_id(s), seed, cases, share[s.id], dps, resume.journals.get(s.id, []),
                                   None, diagnose, (known or {}).get(s.id)): s.id for s in todo}
        while pending:
            finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if stop() and not event.is_set():
                event.set()
                if scheduler is None:  # Dask would cancel running tasks too: there they stop by the event
                    for f in pending:
                        f.cancel()  # statements not yet started are left for --resume
            for f in finished:
                sid = pending.pop(f)
                if f.cancelled():
                    continue
                try:
                    result, entries, n = f.result()
                except Exception as exc:  # one statement's failure must not lose what the others found
                    _left_out(sid, exc, progress)
                    continue
                replayed += n
                found[sid] = result
                if result.stop_reason == "interrupted":
                    journals[sid] = entries
                if progress:
                    progress({"id": sid, "phase": "done", "cases": result.cases,
                              "best": result.worst_ratio if result.worst_ratio is not None else float("nan"),
                              "seconds": result.seconds})
            pending = {f: sid for f, sid in pending.items() if not f.cancelled()}
    return replayed
