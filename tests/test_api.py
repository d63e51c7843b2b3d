"""The Python API: the CLI's campaigns as functions returning result dataclasses."""
import json

import pytest

import proofcheck
from proofcheck.api import Audit, InputError
from proofcheck.cli import main
from proofcheck.core.results import AuditResult


@pytest.fixture(scope="module")
def audited():
    return proofcheck.audit(["claim-3", "claim-2"], cases=300, seed=2, dps=20, workers=1)


def test_audit_returns_the_result_dataclass_with_its_renderings(audited, tmp_path):
    assert isinstance(audited, Audit) and isinstance(audited, AuditResult)
    assert [s.id for s in audited.statements] == ["claim-3", "claim-2"]  # in the order asked
    assert audited.violated  # Claim 2 as printed
    data = audited.to_json()
    assert data["tool"] == "proofcheck" and data["cases_budget"] == 300 and data["seed"] == 2
    json.dumps(data, allow_nan=False)
    page = audited.to_html(tmp_path / "slack.html")
    assert page.read_text().startswith("<!DOCTYPE html>")
    table = audited._repr_html_()
    assert "<table" in table and "claim-3" in table and "violated" in table


def test_the_api_and_the_cli_give_the_same_report(audited, tmp_path):
    out = tmp_path / "cli.json"
    assert main(["audit", "claim-3", "claim-2", "--cases", "300", "--seed", "2", "--dps", "20", "--workers", "1",
                 "--out", str(out)]) == 1
    from tests.test_cli import _strip_times
    assert _strip_times(json.loads(out.read_text())) == _strip_times(audited.to_json())


def test_fuzz_and_replay(audited):
    fuzzed = proofcheck.fuzz("claim-3", cases=200, seed=1, dps=20)
    assert [s.id for s in fuzzed.statements] == ["claim-3"] and fuzzed.statements[0].cases > 0
    entry = next(s for s in audited.statements if s.id == "claim-3")
    judged = proofcheck.replay(entry.witness, dps=20)
    assert judged.statement.id == "claim-3" and judged.status == "holds"
    reported = next(c for c in entry.confirmations if c.witness == entry.witness)
    assert judged.confirmation.ratio_hi == reported.ratio_hi == entry.worst_ratio_text
    assert judged.certificate.status == "certified"


@pytest.mark.parametrize("call, message", [
    (lambda: proofcheck.audit(["claim-99"]), "unknown statement id 'claim-99'"),
    (lambda: proofcheck.audit(["claim-3"], dps=3), "dps: must be between 15 and 5000, got 3"),
    (lambda: proofcheck.audit(["claim-3"], cases=0), "cases: must be between 1 and 1000000000, got 0"),
    (lambda: proofcheck.audit(["claim-3"], budget=-1), "budget: must be a positive number of seconds, got -1"),
    (lambda: proofcheck.fuzz("claim-3", seed="x"), "seed: must be an integer, got 'x'"),
    (lambda: proofcheck.replay({"statement": "claim-3", "dims": {}, "values": {}}), "not a case of claim-3"),
    (lambda: proofcheck.audit(["claim-3"], resume="/no/such/partial.json"), "cannot read"),
])
def test_bad_arguments_raise_value_error_with_the_clis_message(call, message):
    with pytest.raises(ValueError) as caught:
        call()
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("argv, message", [
    (["audit", "claim-3", "--dps", "3"], "must be between 15 and 5000, got 3"),
    (["audit", "claim-3", "--cases", "0"], "must be between 1 and 1000000000, got 0"),
])
def test_the_cli_prints_the_same_message(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_input_error_is_a_value_error():
    assert issubclass(InputError, ValueError) and issubclass(proofcheck.UnknownStatement, ValueError)
