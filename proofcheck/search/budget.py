"""A search budget: a number of cases, a deadline, or both; plus an external stop request."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from proofcheck.core.results import StopReason


class BudgetSpent(Exception):
    """Raised inside a phase when its share of the budget is used up (or a stop was requested)."""


@dataclass
class Budget:
    """Cases and seconds available to one statement's search.

    ``share(fraction)`` gives a phase its limits as absolute marks: the phase may run until
    ``fraction`` of the cases (counted from the start of the search) or of the seconds are used.
    """

    cases: int | None
    seconds: float | None
    should_stop: Callable[[], bool] = lambda: False
    used: int = 0
    start: float = field(default_factory=time.monotonic)
    case_mark: float = float("inf")
    time_mark: float = float("inf")  # seconds from the start

    def share(self, fraction: float) -> None:
        self.case_mark = self.cases * fraction if self.cases is not None else float("inf")
        self.time_mark = self.seconds * fraction if self.seconds is not None else float("inf")

    def resume_at(self, elapsed: float) -> None:
        """Set the clock to ``elapsed`` seconds since the start (a replayed search takes up the
        interrupted one's time where it left it)."""
        self.start = time.monotonic() - elapsed

    def room(self) -> float:
        """Cases left in the current share (inf when only time limits it)."""
        return self.case_mark - self.used

    def spend(self, n: int) -> None:
        self.used += n

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def stopped(self) -> bool:
        return self.should_stop()

    def exhausted(self) -> bool:
        return self.used >= self.case_mark or self.elapsed() >= self.time_mark or self.should_stop()

    def limit_reached(self) -> StopReason | None:
        """Which limit of the current share stops the search now (None while there is room)."""
        if self.should_stop():
            return StopReason.INTERRUPTED
        if self.used >= self.case_mark:
            return StopReason.CASE_BUDGET
        if self.elapsed() >= self.time_mark:
            return StopReason.TIME_BUDGET
        return None

    def check(self) -> None:
        if self.exhausted():
            raise BudgetSpent
