"""One pool loop for a campaign's jobs: each job's share of one time budget is decided when it
starts, from what is left, so time a job does not use goes back to the pool; a job that overruns
its share is cut; a finished job may ask for follow-ups (a statement still rising gets more of
what is left). Jobs run in this process (one worker) or in forked worker processes; either way
the loop, the shares and the events are the same.

Without a time budget a job has no share and is never cut: its result depends on its own case
budget and seed only, so the order jobs finish in changes nothing.
"""
from __future__ import annotations

import enum
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from proofcheck.app.runner import worker_pool, worker_should_stop

# a job may run to OVERRUN times its share plus OVERRUN_GRACE seconds (a confirmation at D and 2D
# digits is not cut short by a share that ended while it ran); past that it is cut
OVERRUN = 2.0
OVERRUN_GRACE = 20.0
MIN_SHARE = 2.0  # seconds: no job starts with less
MIN_FOLLOW_UP = 10.0  # seconds: a follow-up that would get less is not started
POLL = 0.2


@dataclass(frozen=True)
class Job:
    """One unit of a campaign's work: ``key`` names it in results and events; ``weight`` is its
    claim on what is left against the other waiting jobs; ``round`` 0 for the campaign's own jobs,
    1 and up for follow-ups; ``payload``: what the job's function needs (picklable)."""

    key: str
    payload: Any = None
    weight: float = 1.0
    round: int = 0


class JobStatus(enum.Enum):
    STARTED = "started"
    FINISHED = "finished"
    INTERRUPTED = "interrupted"  # cut at its overrun limit, or stopped by the campaign
    NOT_STARTED = "not started"  # the campaign stopped before it started


@dataclass(frozen=True)
class JobEvent:
    """A typed progress event of the pool: a job started (with its share) or ended."""

    status: JobStatus
    key: str
    round: int
    share: float | None
    seconds: float = 0.0
    result: Any = field(default=None, repr=False, compare=False)  # an ended job's result


@dataclass
class Outcome:
    job: Job
    status: JobStatus
    share: float | None
    seconds: float
    result: Any = None


@dataclass
class _Pool:
    """The time budget's book-keeping: ``seconds`` for ``workers`` workers from ``start``; ``reserve``
    (a fraction) is kept back from round-0 jobs for the follow-ups they may ask for."""

    seconds: float | None
    workers: int
    reserve: float
    start: float = field(default_factory=time.monotonic)
    running: dict[str, tuple[float, float | None]] = field(default_factory=dict)  # key -> (started, share)

    def cut(self, share: float | None) -> float | None:
        """The overrun limit of a job starting now with ``share``."""
        left = None if self.seconds is None else self.start + self.seconds - time.monotonic()
        return cut_after(share, left)

    def share(self, job: Job, waiting: Sequence[Job]) -> float | None:
        if self.seconds is None:
            return None
        now = time.monotonic()
        left = self.workers * max(self.start + self.seconds - now, 0.0)
        held = sum(max(s - (now - t0), 0.0) for t0, s in self.running.values() if s is not None)
        kept = self.reserve * self.workers * self.seconds if job.round == 0 else 0.0
        weights = job.weight + sum(j.weight for j in waiting if j.round == job.round)
        share = (left - held - kept) * job.weight / weights
        return share if job.round > 0 else max(share, MIN_SHARE)


def cut_after(share: float | None, until_deadline: float | None = None) -> float | None:
    """Seconds after which a job with ``share`` is cut (None: never): OVERRUN times its share plus
    OVERRUN_GRACE, and never later than OVERRUN_GRACE past the pool's deadline."""
    if share is None:
        return None
    limit = OVERRUN * share + OVERRUN_GRACE
    return limit if until_deadline is None else min(limit, max(until_deadline, share) + OVERRUN_GRACE)


class _Cut:
    """A job's stop request: the campaign's, or its overrun limit passed (then ``fired``)."""

    def __init__(self, base: Callable[[], bool], limit: float | None):
        self.base, self.limit, self.start, self.fired = base, limit, time.monotonic(), False

    def __call__(self) -> bool:
        if self.limit is not None and time.monotonic() - self.start > self.limit:
            self.fired = True
        return self.fired or self.base()


def _execute(function: Callable[..., Any], job: Job, share: float | None, cut: float | None,
             base: Callable[[], bool]) -> tuple[Any, bool, float]:
    stop = _Cut(base, cut)
    result = function(job, share, stop)
    return result, stop.fired, time.monotonic() - stop.start


def _in_worker(function: Callable[..., Any], job: Job, share: float | None,
               cut: float | None) -> tuple[Any, bool, float]:
    return _execute(function, job, share, cut, worker_should_stop)


def run_jobs(jobs: Sequence[Job], function: Callable[[Job, float | None, Callable[[], bool]], Any], *,
             workers: int = 1, seconds: float | None = None, should_stop: Callable[[], bool] | None = None,
             follow_ups: Callable[[Job, Any], Sequence[Job]] | None = None,
             events: Callable[[JobEvent], None] | None = None, reserve: float = 0.0,
             interrupted: Callable[[Any], bool] = lambda result: False) -> list[Outcome]:
    """Run ``jobs`` (then the follow-ups they ask for) in the one pool loop; returns their outcomes
    in the order the jobs were given and asked for (jobs never started: NOT_STARTED).

    ``function(job, share, stop)`` does a job's work within ``share`` seconds (None: its own case
    budget only), polling ``stop``; it must be a module-level function when ``workers`` > 1.
    ``seconds``: the budget of the whole pool; ``reserve``: the fraction of it kept for follow-ups.
    ``interrupted(result)``: whether a result says its work was cut short (then INTERRUPTED)."""
    stop = should_stop or (lambda: False)
    emit = events or (lambda e: None)
    pool = _Pool(seconds, max(workers, 1), reserve)
    waiting: deque[Job] = deque(jobs)
    order: list[Job] = list(jobs)
    done: dict[int, Outcome] = {}

    def finish(job: Job, share: float | None, result: Any, fired: bool, took: float) -> None:
        pool.running.pop(job.key + f"#{job.round}", None)
        status = JobStatus.INTERRUPTED if fired or interrupted(result) else JobStatus.FINISHED
        done[id(job)] = Outcome(job, status, share, round(took, 3), result)
        emit(JobEvent(status, job.key, job.round, share, round(took, 3), result))
        if status is JobStatus.FINISHED and follow_ups is not None and not stop():
            for extra in follow_ups(job, result):
                waiting.append(extra)
                order.append(extra)

    def start(job: Job) -> tuple[bool, float | None]:
        """Whether the job starts (a follow-up the pool has no time for does not) and its share."""
        share = pool.share(job, waiting)
        if job.round > 0 and share is not None and share < MIN_FOLLOW_UP:
            return False, share
        pool.running[job.key + f"#{job.round}"] = (time.monotonic(), share)
        emit(JobEvent(JobStatus.STARTED, job.key, job.round, share))
        return True, share

    if workers <= 1:
        while waiting and not stop():
            job = waiting.popleft()
            started, share = start(job)
            if started:
                finish(job, share, *_execute(function, job, share, pool.cut(share), stop))
    else:
        with worker_pool(workers) as (executor, event):
            pending: dict[Future[Any], tuple[Job, float | None]] = {}
            while waiting or pending:
                while waiting and len(pending) < workers and not stop():
                    job = waiting.popleft()
                    started, share = start(job)
                    if started:
                        pending[executor.submit(_in_worker, function, job, share, pool.cut(share))] = (job, share)
                if stop() and not event.is_set():
                    event.set()
                if not pending:
                    break
                finished, _ = wait(pending, timeout=POLL, return_when=FIRST_COMPLETED)
                for f in finished:
                    job, share = pending.pop(f)
                    finish(job, share, *f.result())
    out = []
    for job in order:
        outcome = done.get(id(job))
        if outcome is None:
            emit(JobEvent(JobStatus.NOT_STARTED, job.key, job.round, None))
            outcome = Outcome(job, JobStatus.NOT_STARTED, None, 0.0)
        out.append(outcome)
    return out
