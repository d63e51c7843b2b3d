"""The runner: worker processes give the same results as one, and an interrupted parallel
campaign resumed from its checkpoint equals an uninterrupted one."""
import json
import time

import pytest

from proofcheck.core.registry import resolve
from proofcheck.report import json_report
from proofcheck.app.runner import Resumption, run
from tests.test_cli import _strip_times

IDS = ["claim-3", "claim-5", "claim-6", "lemma-3.3"]


def _report(result):
    return _strip_times(json.loads(json.dumps(json_report.as_json(result))))


def test_two_workers_give_the_same_report_as_one():
    statements = [resolve(i) for i in IDS]
    one = run(statements, seed=2, cases=3000, dps=20, workers=1)
    two = run(statements, seed=2, cases=3000, dps=20, workers=2)
    assert two.meta["workers"] == 2
    assert _report(one) == _report(two)


@pytest.mark.slow
def test_a_parallel_campaign_stopped_midway_resumes_to_the_uninterrupted_report(monkeypatch, tmp_path):
    from proofcheck.search.engine import SearchState

    statements = [resolve(i) for i in IDS]
    whole = run(statements, seed=3, cases=12000, dps=20, workers=2)
    # the stop comes after claim-3 (submitted first) has screened three batches, whatever the load:
    # the forked workers inherit the counting screen, which leaves a mark the campaign's stop reads
    mark, real = tmp_path / "claim-3 screened three batches", SearchState.screen

    def counting(self, *args, **kwargs):
        out = real(self, *args, **kwargs)
        if self.statement.id == "claim-3" and self.screens >= 3:
            mark.touch()
        return out

    monkeypatch.setattr(SearchState, "screen", counting)
    part = run(statements, seed=3, cases=12000, dps=20, workers=2, should_stop=mark.exists)
    monkeypatch.setattr(SearchState, "screen", real)
    data = json_report.as_json(part)
    assert data["meta"]["partial"] and "claim-3" in data["checkpoint"]["journals"]
    done = {s["id"]: s for s in data["statements"] if s["stop_reason"] != "interrupted"}
    resumed = run(statements, seed=3, cases=12000, dps=20, workers=2,
                  resume=Resumption(done=done, journals=data["checkpoint"]["journals"], source="part"))
    assert resumed.meta["replayed_evaluations"] > 0 and not resumed.meta["partial"]
    assert _report(resumed) == _report(whole)


@pytest.mark.slow
@pytest.mark.dask
def test_a_dask_local_cluster_gives_the_same_report_as_one_process():
    distributed = pytest.importorskip("distributed", reason="Dask is optional: pip install '.[dask]'")
    statements = [resolve(i) for i in IDS[:3]]
    one = run(statements, seed=2, cases=2000, dps=20, workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = run(statements, seed=2, cases=2000, dps=20, scheduler=cluster.scheduler_address)
    assert on_dask.meta["workers"].startswith("dask tcp://")
    assert _report(one) == _report(on_dask)


@pytest.mark.slow
@pytest.mark.dask
def test_an_unreachable_scheduler_is_one_line_and_exit_2(capsys, tmp_path):
    pytest.importorskip("distributed")
    from proofcheck.cli import main
    assert main(["fuzz", "claim-3", "--cases", "200", "--scheduler", "tcp://127.0.0.1:9", "--out",
                 str(tmp_path / "x.json")]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler" in err and err.count("\n") == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_a_statement_on_a_model_class_gets_its_share_and_time_not_used_goes_to_the_later_ones(monkeypatch, tmp_path,
                                                                                              workers):
    import proofcheck.app.runner as runner

    real, log = runner.search_and_diagnose, tmp_path / "shares"

    def instant(statement, seed, cases, seconds, *args, **kwargs):
        with log.open("a") as f:  # written by the worker process that ran it
            f.write(f"{statement.id} {seconds!r}\n")
        return real(resolve("claim-3"), seed, 50, None, *args, **kwargs)

    monkeypatch.setattr(runner, "search_and_diagnose", instant)
    run([resolve("theorem-1.2"), resolve("theorem-1.2@ball"), resolve("claim-3")], seed=0, seconds=100.0, dps=20,
        workers=workers, diagnose=False)
    given = {}
    for line in log.read_text().splitlines():  # a statement searched again (still rising) has a second line
        given.setdefault(*line.split())
    first, ball, last = (float(given[i]) for i in ("theorem-1.2", "theorem-1.2@ball", "claim-3"))
    left = workers * runner.RUN_SHARE * 100.0 * (1 - runner.RESERVE)  # worker-seconds, less the follow-ups' reserve
    # weights 1, 1/2 (the ball's model class), 1: each share is taken from what is left when it starts
    assert first == pytest.approx(left / 2.5, rel=0.02)
    assert ball == pytest.approx((left - (first if workers > 1 else 0.0)) * 0.5 / 1.5, rel=0.05)
    # the first one did not use its time: the last one gets it (a static split gave it left / 2.5). With two
    # workers the ball's job may still hold its share when the last one starts (which instant job ends first is a
    # race), and the shares are read off the wall clock, which a loaded machine moves on (fresh-clone CI: 96.5 of
    # 161.5 worker-seconds): what must hold is that the last one gets well over its static split
    assert last >= (0.75 * left if workers == 1 else 1.25 * left / 2.5)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_statement_whose_search_fails_is_left_out_and_the_others_are_kept(monkeypatch, workers):
    import proofcheck.app.runner as runner

    real = runner.search_and_diagnose

    def fails_on_claim_5(statement, *args, **kwargs):
        if statement.id == "claim-5":
            raise RuntimeError("svd: no convergence to an eigenvalue after 60 iterations")
        return real(statement, *args, **kwargs)

    monkeypatch.setattr(runner, "search_and_diagnose", fails_on_claim_5)
    events = []
    result = run([resolve("claim-3"), resolve("claim-5")], seed=0, cases=200, dps=20, workers=workers,
                 progress=events.append)
    assert [s.id for s in result.statements] == ["claim-3"] and result.meta["partial"]
    warnings = [e["message"] for e in events if e.get("phase") == "warning"]
    assert len(warnings) == 1 and "claim-5: its search failed (RuntimeError" in warnings[0]


def test_a_statement_still_rising_searches_again_from_its_first_rounds_witnesses(monkeypatch):
    import dataclasses

    import proofcheck.app.runner as runner

    real, calls, seeds = runner.search_and_diagnose, [], []

    def rising_once(statement, seed, cases, seconds, dps, stop, journal, diagnose, progress, known):
        calls.append((statement.id, seconds, known))
        seeds.append(seed)
        result = real(statement, seed, 300, None, dps, stop, journal, diagnose, progress, known)
        if len(calls) == 1:  # the first round's best ratio grew in the second half of its cases
            result = dataclasses.replace(result, history=[[0.1, 10, 0.5], [0.2, result.cases, 0.8]])
        return result

    monkeypatch.setattr(runner, "search_and_diagnose", rising_once)
    result = run([resolve("claim-3")], seed=0, seconds=100.0, dps=20, workers=1, diagnose=False)
    assert [c[0] for c in calls] == ["claim-3", "claim-3"] and result.meta["searched_again"] == ["claim-3"]
    (_, first_share, _), (_, second_share, replayed) = calls
    assert first_share == pytest.approx((1 - runner.RESERVE) * runner.RUN_SHARE * 100.0, rel=0.02)
    assert second_share > 10.0  # the reserve, and what the first round left
    first_worst = replayed["claim-3"][0]
    assert first_worst["values"] and result.statements[0].worst_ratio >= 0.85  # replayed first: never worse
    assert result.statements[0].cases > 300  # both rounds' cases
    # the second round draws new cases: its seed is the round's, not the first round's again
    assert seeds[0] == 0 and seeds[1] == runner.round_seed(0, 1) != 0
    # without a time budget nothing searches again (the report is the seed's and the case budget's)
    calls.clear()
    assert "searched_again" not in run([resolve("claim-3")], seed=0, cases=300, dps=20, workers=1, diagnose=False).meta
    assert len(calls) == 1
