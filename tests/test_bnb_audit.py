"""Branch-and-bound in the audit's outputs: the JSON carries the method, the text table and the HTML
page show it, and ``proofcheck replay --certificate`` re-checks the stored certificate (an altered one
is refused with exit code 1; a file that is not a report is one line and exit code 2)."""
import json

import pytest

from proofcheck.cli import main
from proofcheck.core.registry import resolve
from proofcheck.core.results import AuditResult
from proofcheck.report import html, text
from proofcheck.report.json_report import as_json
from proofcheck.search.engine import search


@pytest.fixture(scope="module")
def report():
    result = search(resolve("theorem-1.3:step-10"), seed=0, cases=120)
    return as_json(AuditResult("proofcheck", "test", 0, 30, None, 120, [result]))


def test_the_json_carries_the_method_with_boxes_depth_and_seconds(report):
    b = report["statements"][0]["branch_and_bound"]
    assert report["statements"][0]["verdict"] == "proved"
    assert b["method"] == "branch-and-bound" and b["outcome"] == "proved"
    assert b["boxes"] > 0 and b["depth"] > 0 and b["seconds"] >= 0 and b["certificate"]["leaves"]
    assert report["statements"][0]["worst_ratio"] <= b["sharp"]["high"]  # the search stays below the proof


def test_the_text_table_and_the_html_page_show_the_method(report):
    table = text.table(report)
    assert "proved (b&b)" in table and "branch-and-bound proved on the whole domain" in table
    page = html.render(report)
    assert "Proved on the whole domain (branch-and-bound)" in page


def test_replay_rechecks_the_stored_certificate_and_refuses_an_altered_one(report, tmp_path, capsys):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report))
    assert main(["replay", str(path), "--certificate"]) == 0
    assert "certificate re-checked" in capsys.readouterr().out
    leaves = report["statements"][0]["branch_and_bound"]["certificate"]["leaves"]
    altered = json.loads(json.dumps(report))
    altered["statements"][0]["branch_and_bound"]["certificate"]["leaves"][len(leaves) // 2]["method"] = "ball"
    path.write_text(json.dumps(altered))
    assert main(["replay", str(path), "--certificate"]) == 1
    assert "REFUSED" in capsys.readouterr().out


def test_replay_certificate_of_a_file_that_is_not_a_report_is_one_line_and_exit_2(tmp_path, capsys):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"statement": "claim-3", "dims": {}, "values": {}}))
    assert main(["replay", str(path), "--certificate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a proofcheck report" in err
