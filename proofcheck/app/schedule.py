"""One pool loop for a campaign's jobs: each job's share of one time budget is decided when it
starts, from what is left, so time a job does not use goes back to the pool; a job that overruns
its share is cut; a finished job may ask for follow-ups (a statement still rising gets more of
what is left). Jobs run in this process (one worker) or in forked worker processes; either way
the loop, the shares and the events are the same; with a Dask scheduler's address they run on
its cluster, stopped through a Dask event.

Without a time budget a job has no share and is never cut: its result depends on its own case
budget and seed only, so the order jobs finish in changes nothing.
"""
from __future__ import annotations

import contextlib
import enum
import multiprocessing
import os
import signal
import time
import uuid
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Sequence

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



@contextlib.contextmanager
def _executor(workers: int, scheduler: str | None) -> Iterator[tuple[Any, Any, str | None, int]]:
    """(executor, stop event, the event's Dask name or None, jobs to keep in flight): ``workers``
    forked processes, or a Dask cluster's executor (as many jobs in flight as it has threads)."""
    if scheduler is None:
        with worker_pool(workers) as (pool, event):
            yield pool, event, None, workers
        return
    from distributed import Client, Event

    with Client(scheduler, set_as_default=False, timeout="10s") as client:
        event = Event(f"proofcheck-stop-{uuid.uuid4().hex}", client=client)
        with client.get_executor(pure=False) as pool:
            yield pool, event, event.name, max(sum(client.nthreads().values()), 1)


# a job may run to OVERRUN times its share plus OVERRUN_GRACE seconds (a confirmation at D and 2D
# digits is not cut short by a share that ended while it ran); past that it is cut
OVERRUN = 2.0
OVERRUN_GRACE = 20.0
MIN_SHARE = 2.0  # seconds: no job starts with less
MIN_FOLLOW_UP = 10.0  # seconds: a follow-up that would get less is not started
POLL = 0.2
RISING = 1e-3  # the relative growth of the best ratio, in the second half of a search, that counts as rising


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
    (a fraction) is kept back from round-0 jobs for the follow-ups they may ask for. ``charged``: a
    job's shares only guide it, and the budget is the sum of what the jobs were charged, each at most
    its share (the time past a share, a confirmation's or a proof's, is not the budget's), instead
    of the wall clock's."""

    seconds: float | None
    workers: int
    reserve: float
    charged: bool = False
    start: float = field(default_factory=time.monotonic)
    running: dict[str, tuple[float, float | None]] = field(default_factory=dict)  # key -> (started, share)
    spent: float = 0.0  # seconds charged to the jobs that finished (``charged``)

    def charge(self, share: float | None, took: float) -> None:
        if share is not None:
            self.spent += min(took, share)

    def cut(self, share: float | None) -> float | None:
        """The overrun limit of a job starting now with ``share``."""
        left = None if self.seconds is None else self.start + self.seconds - time.monotonic()
        return cut_after(share, left)

    def share(self, job: Job, waiting: Sequence[Job]) -> float | None:
        if self.seconds is None:
            return None
        now = time.monotonic()
        if self.charged:  # a running job will be charged at most its share
            left = max(self.workers * self.seconds - self.spent, 0.0)
            held = sum(s for _, s in self.running.values() if s is not None)
        else:
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


def _in_worker(function: Callable[..., Any], job: Job, share: float | None, cut: float | None,
               dask_event: str | None = None) -> tuple[Any, bool, float]:
    return _execute(function, job, share, cut, _DaskStop(dask_event) if dask_event else worker_should_stop)


def run_jobs(jobs: Sequence[Job], function: Callable[[Job, float | None, Callable[[], bool]], Any], *,
             workers: int = 1, seconds: float | None = None, should_stop: Callable[[], bool] | None = None,
             follow_ups: Callable[[Job, Any], Sequence[Job]] | None = None,
             events: Callable[[JobEvent], None] | None = None, reserve: float = 0.0,
             interrupted: Callable[[Any], bool] = lambda result: False, overrun: bool = True,
             scheduler: str | None = None) -> list[Outcome]:
    """Run ``jobs`` (then the follow-ups they ask for) in the one pool loop; returns their outcomes
    in the order the jobs were given and asked for (jobs never started: NOT_STARTED).

    ``function(job, share, stop)`` does a job's work within ``share`` seconds (None: its own case
    budget only), polling ``stop``; it must be a module-level function when ``workers`` > 1.
    ``seconds``: the budget of the whole pool; ``reserve``: the fraction of it kept for follow-ups.
    ``interrupted(result)``: whether a result says its work was cut short (then INTERRUPTED).
    ``overrun``: whether a job past its overrun limit is cut (False: a job's share only guides it, and
    the pool's ``seconds`` are what the jobs are charged, each at most its share, not the wall clock's).
    ``scheduler``: a Dask scheduler's address, whose cluster runs the jobs instead of local processes."""
    stop = should_stop or (lambda: False)
    emit = events or (lambda e: None)
    pool = _Pool(seconds, max(workers, 1), reserve, charged=not overrun)
    waiting: deque[Job] = deque(jobs)
    order: list[Job] = list(jobs)
    done: dict[int, Outcome] = {}

    def finish(job: Job, share: float | None, result: Any, fired: bool, took: float) -> None:
        pool.running.pop(job.key + f"#{job.round}", None)
        pool.charge(share, took)
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

    def cut(share: float | None) -> float | None:
        return pool.cut(share) if overrun else None

    if workers <= 1 and scheduler is None:
        while waiting and not stop():
            job = waiting.popleft()
            started, share = start(job)
            if started:
                finish(job, share, *_execute(function, job, share, cut(share), stop))
    else:
        with _executor(workers, scheduler) as (executor, event, dask_event, in_flight):
            pending: dict[Future[Any], tuple[Job, float | None]] = {}
            while waiting or pending:
                while waiting and len(pending) < in_flight and not stop():
                    job = waiting.popleft()
                    started, share = start(job)
                    if started:
                        pending[executor.submit(_in_worker, function, job, share, cut(share), dask_event)] = (job, share)
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


def still_rising(result: Any) -> bool:
    """Whether a search (a result with its ``history`` of (seconds, cases, best ratio) and its
    ``cases``) was still finding worse cases in the second half of its cases: its best ratio grew by
    more than RISING after half of them were used. Such a search asks for a follow-up."""
    history, cases = result.history, result.cases
    if not history or not cases:
        return False
    at_half = [best for _, used, best in history if used <= cases / 2]
    return not at_half or history[-1][2] > at_half[-1] * (1 + RISING)
