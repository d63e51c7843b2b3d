"""The runner: worker processes give the same results as one, and an interrupted parallel
campaign resumed from its checkpoint equals an uninterrupted one."""
import json
import time

from proofcheck.registry import resolve
from proofcheck.report import json_report
from proofcheck.runner import Resumption, run
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


def test_a_parallel_campaign_stopped_midway_resumes_to_the_uninterrupted_report():
    statements = [resolve(i) for i in IDS]
    whole = run(statements, seed=3, cases=40000, dps=20, workers=2)
    deadline = time.monotonic() + 1.5
    part = run(statements, seed=3, cases=40000, dps=20, workers=2, should_stop=lambda: time.monotonic() > deadline)
    data = json_report.as_json(part)
    assert data["meta"]["partial"] and data["checkpoint"]["journals"]
    done = {s["id"]: s for s in data["statements"] if s["stop_reason"] != "interrupted"}
    resumed = run(statements, seed=3, cases=40000, dps=20, workers=2,
                  resume=Resumption(done=done, journals=data["checkpoint"]["journals"], source="part"))
    assert resumed.meta["replayed_evaluations"] > 0 and not resumed.meta["partial"]
    assert _report(resumed) == _report(whole)
