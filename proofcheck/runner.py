"""Running the search over statements: budgets, seeds, progress, interruption and resumption;
results assembled."""
from __future__ import annotations

import datetime as _dt
import platform
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from proofcheck import __version__
from proofcheck.results import FORMAT_VERSION, AuditResult, StatementResult, statement_from_dict
from proofcheck.search.engine import Progress, search
from proofcheck.search.journal import Journal
from proofcheck.statement import Statement


RUN_SHARE = 0.95


@dataclass
class Resumption:
    """What an interrupted campaign left: its finished statements (as their report entries), the
    journal of the statement it was in, and the seconds it had run."""

    done: dict[str, dict[str, Any]] = field(default_factory=dict)
    statement: str | None = None
    journal: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    source: str = ""


def run(statements: Sequence[Statement], seed: int = 0, dps: int = 50, seconds: float | None = None,
        cases: int | None = None, progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None, command: str = "",
        resume: Resumption | None = None) -> AuditResult:
    """Search each statement in turn and collect the results.

    ``seconds`` is the budget for the whole run, shared out so that time a statement leaves
    unused passes to the next; ``cases`` is a per-statement case budget (deterministic for a seed).
    ``resume`` continues an interrupted campaign with the same settings: finished statements are
    kept as they were, the interrupted one replays its journal and goes on.
    """
    stop = should_stop or (lambda: False)
    resume = resume or Resumption()
    results: list[StatementResult] = []
    checkpoint: dict[str, Any] | None = None
    start = time.monotonic() - resume.seconds
    replayed = 0
    for i, statement in enumerate(statements):
        if statement.id in resume.done:
            results.append(statement_from_dict(resume.done[statement.id]))
            continue
        if stop():
            break
        share = None
        if seconds is not None:
            # 5% of the budget is kept for start-up and writing the report
            left = RUN_SHARE * seconds - (time.monotonic() - start)
            share = max(left / (len(statements) - i), 0.5)
        journal = Journal.from_json(resume.journal) if resume.statement == statement.id else Journal()
        result = search(statement, seed=seed, cases=cases, seconds=share, dps=dps, progress=progress,
                        should_stop=stop, journal=journal)
        replayed += journal.replayed
        results.append(result)
        if result.stop_reason == "interrupted":
            checkpoint = {"statement": statement.id, "journal": journal.entries}
            break
    partial = stop() or len(results) < len(statements)
    meta = {
        "format_version": FORMAT_VERSION,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "command": command,
        "ids": [s.id for s in statements],
        "partial": partial,
        "python": platform.python_version(),
        "wall_seconds": round(time.monotonic() - start, 3),
    }
    if resume.source:
        meta["resumed_from"] = resume.source
        meta["replayed_evaluations"] = replayed
    return AuditResult(tool="proofcheck", version=__version__, seed=seed, dps=dps, budget_s=seconds,
                       cases_budget=cases, statements=results, meta=meta,
                       checkpoint=(checkpoint or {"statement": None, "journal": []}) if partial else None)
