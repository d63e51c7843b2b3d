"""`proofcheck replay`: witnesses from files and reports judged again; every bad file is one line, exit 2."""
import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from proofcheck.cli import main
from proofcheck.app.replay import ReplayError, load_witness
from proofcheck.core.registry import resolve


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    """A claim-3 report from a short search, and its witness as a file of its own."""
    folder = tmp_path_factory.mktemp("replay")
    report = folder / "fuzz.json"
    assert main(["fuzz", "claim-3", "--cases", "1500", "--out", str(report)]) == 0
    witness = json.loads(report.read_text())["statements"][0]["witness"]
    path = folder / "witness.json"
    path.write_text(json.dumps(witness))
    return report, path, witness


def test_a_witness_file_replays_to_the_reported_ratio(found, capsys):
    report, path, _ = found
    reported = json.loads(report.read_text())["statements"][0]["worst_ratio_text"]
    assert main(["replay", str(path), "--dps", "50"]) == 0
    out = capsys.readouterr().out
    assert "verdict at this precision: holds" in out
    assert reported[:25] in out  # the 100-digit ratio, as the report printed it


def test_a_report_replays_its_witness(found, capsys):
    report, _, _ = found
    assert main(["replay", str(report), "--id", "claim-3", "--dps", "20"]) == 0
    assert "at   20 digits" in capsys.readouterr().out


def test_the_claim_2_counterexample_replays_as_violated_with_exit_1(tmp_path, capsys):
    from tests.test_claim_2 import A, TURN
    witness = {"statement": "claim-2", "dims": {"n": 2, "d": 1, "k": 3, "g": 2},
               "values": {"A": A, "B": [[["10.001"], ["0"]], [["0.001"], ["10"]], [["0.001"], ["10"]]], **TURN}}
    path = tmp_path / "claim-2.json"
    path.write_text(json.dumps(witness))
    assert main(["replay", str(path), "--dps", "20"]) == 1
    out = capsys.readouterr().out
    assert "verdict at this precision: violated" in out and "LHS/RHS 19.9" in out


def _variant(witness, change):
    w = copy.deepcopy(witness)
    change(w)
    return json.dumps(w)


BAD = [
    ("not json", lambda w: "hello", "is not JSON"),
    ("truncated", lambda w: json.dumps(w)[:60], "is truncated"),
    ("empty", lambda w: "", "is not JSON"),
    ("a list", lambda w: "[1, 2]", "JSON list, not a witness"),
    ("no statement", lambda w: _variant(w, lambda v: v.pop("statement")), "no 'statement' id"),
    ("unknown statement", lambda w: _variant(w, lambda v: v.update(statement="claim-55")), "did you mean claim-5"),
    ("another statement", lambda w: _variant(w, lambda v: v.update(statement="claim-5")), "not a case of claim-5"),
    ("NaN", lambda w: _variant(w, lambda v: v["values"].update(t=float("nan"))), "non-finite number NaN"),
    ("Infinity", lambda w: _variant(w, lambda v: v["values"].update(t=float("inf"))), "non-finite number Infinity"),
    ("inf string", lambda w: _variant(w, lambda v: v["values"].update(t="inf")), "not a finite decimal"),
    ("a bare number", lambda w: _variant(w, lambda v: v["values"].update(t=0.5)), "not a finite decimal"),
    ("text", lambda w: _variant(w, lambda v: v["values"]["X"][0].__setitem__(0, "abc")), "not a finite decimal"),
    ("code", lambda w: _variant(w, lambda v: v["values"]["X"][0].__setitem__(0, "__import__('os')")), "not a finite decimal"),
    ("huge", lambda w: _variant(w, lambda v: v["values"]["X"][0].__setitem__(0, "1e999")), "beyond the float64 range"),
    ("negative t", lambda w: _variant(w, lambda v: v["values"].update(t="-1")), "lies outside"),
    ("wrong dims", lambda w: _variant(w, lambda v: v["dims"].update(n=v["dims"]["n"] + 1)), "has shape"),
    ("ragged", lambda w: _variant(w, lambda v: v["values"].update(X=[["1"], ["1", "2"]])), "shape"),
]


@pytest.mark.parametrize("name, make, fragment", BAD, ids=[b[0] for b in BAD])
def test_a_bad_replay_file_is_one_line_and_exit_2(found, tmp_path, capsys, name, make, fragment):
    path = tmp_path / "bad.json"
    path.write_text(make(found[2]))
    assert main(["replay", str(path)]) == 2
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_witness_for_another_statement_is_refused_by_id(found, capsys):
    assert main(["replay", str(found[1]), "--id", "claim-6"]) == 2
    assert "is a witness for claim-3, not for claim-6" in capsys.readouterr().err


def test_a_missing_or_unreadable_file_is_one_line(tmp_path, capsys):
    assert main(["replay", str(tmp_path / "none.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00")
    assert main(["replay", str(tmp_path / "bin.json")]) == 2
    assert "not UTF-8" in capsys.readouterr().err


json_values = st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8)
                           | st.integers(), lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["statement", "dims", "values", "tool", "statements"]), json_values, max_size=5)
       | json_values)
def test_the_replay_parser_never_fails_otherwise_than_with_a_replay_error(tmp_path, data):
    path = tmp_path / "fuzzed.json"
    path.write_text(json.dumps(data))
    try:
        statement, witness = load_witness(path)
    except ReplayError as exc:
        assert "\n" not in str(exc)
    else:  # anything accepted is a well-formed case of a real statement
        assert statement.id == resolve(witness["statement"]).id


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["dims", "values"]), st.text(max_size=6), json_values)
def test_a_fuzzed_field_of_a_real_witness_is_accepted_or_refused_in_one_line(found, tmp_path, field, key, junk):
    w = copy.deepcopy(found[2])
    w[field][key] = junk
    path = tmp_path / "fuzzed.json"
    path.write_text(json.dumps(w))
    try:
        load_witness(path)
    except ReplayError as exc:
        assert "\n" not in str(exc)
