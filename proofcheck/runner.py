"""Running the search over statements: budgets, seeds, progress, interruption; results assembled."""
from __future__ import annotations

import datetime as _dt
import platform
import time
from typing import Callable, Sequence

from proofcheck import __version__
from proofcheck.results import FORMAT_VERSION, AuditResult, StatementResult
from proofcheck.search.engine import Progress, search
from proofcheck.statement import Statement


RUN_SHARE = 0.95


def run(statements: Sequence[Statement], seed: int = 0, dps: int = 50, seconds: float | None = None,
        cases: int | None = None, progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None, command: str = "") -> AuditResult:
    """Search each statement in turn and collect the results.

    ``seconds`` is the budget for the whole run, shared out so that time a statement leaves
    unused passes to the next; ``cases`` is a per-statement case budget (deterministic for a seed).
    """
    stop = should_stop or (lambda: False)
    results: list[StatementResult] = []
    start = time.monotonic()
    for i, statement in enumerate(statements):
        if stop():
            break
        share = None
        if seconds is not None:
            # 5% of the budget is kept for start-up and writing the report
            left = RUN_SHARE * seconds - (time.monotonic() - start)
            share = max(left / (len(statements) - i), 0.5)
        results.append(search(statement, seed=seed, cases=cases, seconds=share, dps=dps,
                              progress=progress, should_stop=stop))
    partial = stop() or len(results) < len(statements)
    meta = {
        "format_version": FORMAT_VERSION,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "command": command,
        "partial": partial,
        "python": platform.python_version(),
        "wall_seconds": round(time.monotonic() - start, 3),
    }
    return AuditResult(tool="proofcheck", version=__version__, seed=seed, dps=dps, budget_s=seconds,
                       cases_budget=cases, statements=results, meta=meta)
