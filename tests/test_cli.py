"""The command line, called as a function (main(argv) -> int) and once as a real process."""
import json
import subprocess
import sys

import pytest

from proofcheck.cli import main


def _strip_times(report):
    """A report without the fields that measure time (the only ones that may differ run to run):
    every "seconds" (statements, phases, proof steps, diagnoses), the history and the meta block."""
    report = json.loads(json.dumps(report))
    report.pop("meta")
    report.pop("checkpoint", None)

    def strip(obj):
        if isinstance(obj, dict):
            return {k: strip(v) for k, v in obj.items() if k not in ("seconds", "history")}
        if isinstance(obj, list):
            return [strip(v) for v in obj]
        return obj
    return strip(report)


@pytest.mark.parametrize("argv, fragment", [
    (["fuzz", "claim-55"], "did you mean claim-5"),
    (["fuzz", "claim-5", "--budget", "0"], "positive number of seconds"),
    (["fuzz", "claim-5", "--budget", "-3"], "positive number of seconds"),
    (["fuzz", "claim-5", "--budget", "nan"], "positive number of seconds"),
    (["audit", "--dps", "10"], "between 15 and"),
    (["audit", "--seed", "abc"], "must be an integer"),
    (["audit", "--cases", "1.5"], "must be an integer"),
    (["audit", "--out", "/no/such/folder/a.json"], "does not exist"),
    (["audit", "--bogus"], "unrecognized arguments"),
    ([], "a command is required"),
    (["report", "--in", "/no/such/file.json"], "cannot read"),
    (["fuzz", "claim-5", "--budget"], "expected one argument"),
    (["fuzz", "claim-5", "--cases"], "expected one argument"),
    (["fuzz", "claim-5", "--cases", "0"], "between 1 and"),
    (["fuzz", "claim-5", "--cases", "1e3"], "must be an integer"),
    (["fuzz", "claim-5", "--seed", "-1"], "between 0 and"),
    (["fuzz", "claim-5", "--dps", "inf"], "must be an integer"),
    (["fuzz", "claim-5", "--budget", "1e999"], "positive number of seconds"),
    (["fuzz"], "the following arguments are required: id"),
    (["audit", "--out", "/etc/hostname/a.json"], "does not exist"),
    (["audit", "--out", "/tmp"], "is a folder"),
    (["audit", "--resume", "/no/such/partial.json"], "cannot read"),
    (["replay"], "the following arguments are required: file"),
    (["replay", "/no/such/w.json", "--dps", "x"], "must be an integer"),
    (["replay", "/no/such/w.json", "--id", "claim-99"], "cannot read"),
    (["selftest", "claim-55"], "did you mean claim-5"),
    (["selftest", "--cases", "10"], "between 100 and"),
])
def test_bad_input_is_one_line_and_exit_2(argv, fragment, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_report_rejects_json_that_is_not_a_report(tmp_path, capsys):
    bogus = tmp_path / "x.json"
    bogus.write_text('{"hello": 1}')
    assert main(["report", "--in", str(bogus)]) == 2
    assert "not a proofcheck report" in capsys.readouterr().err


def test_bad_input_does_not_overwrite_an_existing_report(tmp_path):
    out = tmp_path / "audit.json"
    out.write_text("precious")
    assert main(["audit", "--dps", "3", "--out", str(out)]) == 2
    assert out.read_text() == "precious"


def test_fuzz_with_cases_and_seed_is_identical_run_after_run(tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["fuzz", "claim-3", "--cases", "1500", "--seed", "4", "--out", str(a)]) == 0
    assert main(["fuzz", "claim-3", "--cases", "1500", "--seed", "4", "--out", str(b)]) == 0
    ra, rb = json.loads(a.read_text()), json.loads(b.read_text())
    assert _strip_times(ra) == _strip_times(rb)
    out = capsys.readouterr().out
    assert "worst LHS/RHS" in out and "witness:" in out


def test_fuzz_report_has_the_contract_fields(tmp_path):
    out = tmp_path / "f.json"
    assert main(["fuzz", "lemma-3.3", "--cases", "1200", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    for key in ("tool", "version", "seed", "dps", "budget_s", "statements", "meta"):
        assert key in report
    s = report["statements"][0]
    for key in ("id", "ref", "statement", "verdict", "cases", "worst_ratio", "witness", "symbolic", "uses", "seconds"):
        assert key in s
    assert s["id"] == "lemma-3.3" and s["verdict"] in ("holds", "proved")
    assert all(isinstance(x, str) for row in s["witness"]["values"]["A"] for x in row)


@pytest.mark.slow
def test_audit_exit_code_and_table(tmp_path, capsys):
    # Claim 2 as printed is violated (tests/test_claim_2.py), so an audit with it exits 1
    out = tmp_path / "audit.json"
    ids = ["claim-1", "claim-2", "claim-2:as-used", "claim-3", "claim-5", "claim-6", "lemma-3.3"]
    assert main(["audit", *ids, "--cases", "400", "--dps", "20", "--out", str(out)]) == 1
    text = capsys.readouterr().out
    for sid in ("claim-1", "claim-3", "claim-5", "claim-6", "lemma-3.3"):
        assert sid in text
    rows = {line.split()[0]: line.split()[1] for line in text.splitlines()[2:] if line.strip() and not line.startswith("wrote")}
    assert rows["claim-2"] == "violated" and rows["claim-2:as-used"] != "violated"
    assert main(["report", "--in", str(out)]) == 0


def test_list_has_one_line_per_statement(capsys):
    from proofcheck.core.registry import discover
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(discover("ntk-tight-2023"))  # the pack PROOFCHECK_PACK names (conftest)


def test_python_dash_m_works_like_the_script():
    proc = subprocess.run([sys.executable, "-m", "proofcheck", "list"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "claim-5" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "proofcheck", "fuzz", "nope"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_resume_refuses_a_damaged_checkpoint_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "part.json"
    assert main(["fuzz", "claim-3", "--cases", "300", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    report["meta"]["partial"] = True
    report["checkpoint"] = {"journals": {"claim-3": [{"kind": "screen", "key": 3}]}}
    out.write_text(json.dumps(report))
    before = out.read_bytes()
    assert main(["fuzz", "claim-3", "--resume", str(out)]) == 2
    assert "checkpoint is damaged" in capsys.readouterr().err
    assert out.read_bytes() == before
    report["checkpoint"]["journals"] = {}
    report["meta"]["ids"] = ["claim-5"]
    out.write_text(json.dumps(report))
    assert main(["fuzz", "claim-3", "--resume", str(out)]) == 2
    assert "not a fuzz of claim-3" in capsys.readouterr().err
    (tmp_path / "x.json").write_text("[]")
    assert main(["audit", "--resume", str(tmp_path / "x.json")]) == 2
    assert "not a proofcheck report" in capsys.readouterr().err


@pytest.mark.parametrize("content, readonly", [("my notes\n", False), ('{"tool": "other"}', False),
                                               (None, True)])
def test_out_never_replaces_what_is_not_a_writable_proofcheck_report(tmp_path, capsys, content, readonly):
    import json as _json
    import os
    from proofcheck.cli import main
    target = tmp_path / "notes.json"
    target.write_text(content if content is not None else _json.dumps({"tool": "proofcheck", "statements": []}))
    before = target.read_text()
    if readonly:
        os.chmod(target, 0o444)
    code = main(["fuzz", "claim-3", "--cases", "50", "--out", str(target)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "refusing to replace" in err and "--force" in err
    assert target.read_text() == before
    if not readonly:
        assert main(["fuzz", "claim-3", "--cases", "50", "--out", str(target), "--force"]) in (0, 1)
        assert _json.loads(target.read_text())["tool"] == "proofcheck"
