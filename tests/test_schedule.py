"""The one pool loop (proofcheck.app.schedule): shares from what is left, overruns cut, follow-ups."""
import time
from types import SimpleNamespace

import pytest

from proofcheck.app import schedule
from proofcheck.app.schedule import Job, JobStatus, run_jobs


def _record_share(job, share, stop):
    return share


def _until_stopped(job, share, stop):
    while not stop():
        time.sleep(0.01)
    return "stopped"


def test_time_a_job_does_not_use_returns_to_the_pool():
    jobs = [Job("a"), Job("b"), Job("c")]
    shares = [o.result for o in run_jobs(jobs, _record_share, seconds=30.0)]
    # each job takes no time, so each later one gets all that is left over the jobs still waiting
    assert abs(shares[0] - 10.0) < 0.5 and abs(shares[1] - 15.0) < 0.5 and abs(shares[2] - 30.0) < 0.5


def test_time_a_job_does_not_use_returns_to_the_pool_of_workers():
    outcomes = run_jobs([Job(k) for k in "abcd"], _record_share, workers=2, seconds=20.0)
    shares = [o.result for o in outcomes]
    assert [o.status for o in outcomes] == [JobStatus.FINISHED] * 4
    assert shares[0] < 10.5 and shares[-1] > 15.0  # the later ones get what the earlier ones left


def test_a_job_that_overruns_its_share_is_cut_and_reported_interrupted(monkeypatch):
    monkeypatch.setattr(schedule, "MIN_SHARE", 0.1)
    monkeypatch.setattr(schedule, "OVERRUN", 1.0)
    monkeypatch.setattr(schedule, "OVERRUN_GRACE", 0.2)
    events = []
    clock = time.monotonic()
    [outcome] = run_jobs([Job("slow")], _until_stopped, seconds=0.3, events=events.append)
    assert time.monotonic() - clock < 5
    assert outcome.status is JobStatus.INTERRUPTED and outcome.result == "stopped"
    assert [e.status for e in events] == [JobStatus.STARTED, JobStatus.INTERRUPTED]
    assert abs(events[0].share - 0.3) < 0.05 and events[1].seconds >= 0.5


def test_without_a_time_budget_no_job_has_a_share_or_is_cut():
    outcomes = run_jobs([Job("a"), Job("b")], _record_share)
    assert [o.result for o in outcomes] == [None, None]
    assert [o.status for o in outcomes] == [JobStatus.FINISHED] * 2


def test_follow_ups_share_the_reserve_and_are_not_started_without_time(monkeypatch):
    asked = lambda job, result: [Job(job.key, round=1)] if job.round == 0 else []
    outcomes = run_jobs([Job("a"), Job("b")], _record_share, seconds=100.0, reserve=0.5, follow_ups=asked)
    assert [(o.job.key, o.job.round) for o in outcomes] == [("a", 0), ("b", 0), ("a", 1), ("b", 1)]
    assert outcomes[0].result == 25.0 or abs(outcomes[0].result - 25.0) < 0.5  # half kept back from round 0
    assert outcomes[2].result > 40.0
    # a follow-up the pool has no time for is not started
    monkeypatch.setattr(schedule, "MIN_FOLLOW_UP", 1e6)
    outcomes = run_jobs([Job("a")], _record_share, seconds=100.0, reserve=0.5, follow_ups=asked)
    assert [o.status for o in outcomes] == [JobStatus.FINISHED, JobStatus.NOT_STARTED]


def test_a_stopped_pool_starts_nothing_more():
    outcomes = run_jobs([Job("a"), Job("b")], _record_share, seconds=10.0, should_stop=lambda: True)
    assert [o.status for o in outcomes] == [JobStatus.NOT_STARTED] * 2


def test_a_selftest_statement_still_rising_searches_again_from_where_it_stood(monkeypatch):
    from proofcheck.app import selftest as st
    from proofcheck.core.registry import resolve
    from proofcheck.core.results import StopReason

    calls = []

    def fake_search(statement, **kwargs):
        calls.append((statement.id, kwargs["cases"], len(kwargs["known"])))
        rising = [[0.0, 10, 0.5], [0.1, 90, 0.8]]  # most of its growth in the second half of its cases
        if statement.id.endswith(":planted"):
            return SimpleNamespace(verdict="holds", worst_ratio=0.7, stop_reason=StopReason.CASE_BUDGET,
                                   confirmations=[])
        return SimpleNamespace(verdict="holds", worst_ratio=0.8, stop_reason=StopReason.CASE_BUDGET, history=rising,
                               cases=100, confirmations=[])
    monkeypatch.setattr(st, "search", fake_search)
    [result] = st.selftest([resolve("claim-3")], cases=100, budget=100.0)
    assert result.rounds == 2 and result.outcome == "missed"
    assert [c[:2] for c in calls] == [("claim-3", 100), ("claim-3:planted", 100),
                                      ("claim-3", 100 * st.FOLLOW_UP), ("claim-3:planted", 100 * st.FOLLOW_UP)]
    # with a case budget only there is no time left to give: one round
    calls.clear()
    [result] = st.selftest([resolve("claim-3")], cases=100)
    assert result.rounds == 1 and len(calls) == 2


def test_still_rising_reads_the_second_half_of_the_search():
    from proofcheck.app.selftest import PlantedResult, still_rising

    def result(history, cases=100):
        return PlantedResult("x", "holds", 0.5, 0.45, "holds", 0.4, "missed", history=history, cases=cases)
    assert still_rising(result([[0, 10, 0.5], [0, 80, 0.6]]))
    assert not still_rising(result([[0, 10, 0.5], [0, 40, 0.6], [0, 80, 0.6000001]]))
    assert not still_rising(result([]))


def test_no_job_runs_past_the_pools_deadline_by_more_than_the_grace():
    from proofcheck.app.schedule import cut_after

    assert cut_after(None) is None
    assert cut_after(10.0) == schedule.OVERRUN * 10.0 + schedule.OVERRUN_GRACE
    assert cut_after(10.0, until_deadline=12.0) == 12.0 + schedule.OVERRUN_GRACE
    assert cut_after(10.0, until_deadline=0.0) == 10.0 + schedule.OVERRUN_GRACE  # a share given is a share kept


def test_a_pool_that_charges_shares_gives_late_jobs_their_share_whatever_earlier_ones_overran(monkeypatch):
    # an audit's statements run past their shares (confirmations, proofs): charged by the wall clock,
    # the last statements started with nothing left; charged at most their shares, they get theirs
    from proofcheck.app import schedule

    clock = [0.0]
    monkeypatch.setattr(schedule.time, "monotonic", lambda: clock[0])

    def overruns(job, share, stop):
        clock[0] += 3 * share if job.key != "quick" else 0.1 * share
        return share

    jobs = [schedule.Job(k) for k in ("a", "quick", "b", "c")]
    charged = schedule.run_jobs(jobs, overruns, seconds=40.0, overrun=False)
    assert [o.status for o in charged] == [schedule.JobStatus.FINISHED] * 4
    a, quick, b, c = (o.share for o in charged)
    assert a == pytest.approx(10.0) and quick == pytest.approx(10.0)
    assert b == pytest.approx((40 - 10 - 1) / 2) and c == pytest.approx(14.5)  # the quick one's 9 s went on
    wall = schedule.run_jobs(jobs, overruns, seconds=40.0)
    assert wall[-1].share == schedule.MIN_SHARE  # by the wall clock nothing was left for the last
