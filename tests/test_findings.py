"""Findings by root cause: a failure is grouped with the first wrong line it rests on, and a line
that fails as printed while its declared intended reading holds is a typo (and only then)."""
import dataclasses

import pytest

from proofcheck.app.diagnosis import diagnose
from proofcheck.app.findings import find, root_of
from proofcheck.core.registry import resolve
from proofcheck.search.engine import search


def _report():
    def st(sid, verdict, steps=(), cause=None, klass=None):
        return {"id": sid, "verdict": verdict, "statement": sid, "ref": sid, "uses": [],
                "diagnosis": {"klass": klass, "evidence": f"{klass} evidence"} if klass else None,
                "proof": {"steps": list(steps), "cause": cause, "first_failing": cause} if steps else None}

    def step(sid, verdict, uses=(), follows=(), klass=None):
        return {"id": sid, "verdict": verdict, "text": sid, "place": "here", "uses": list(uses), "follows": list(follows),
                "diagnosis": {"klass": klass, "evidence": f"{klass} evidence"} if klass else None}

    return {"statements": [
        st("main", "holds", [step("main:step-1", "holds", uses=["lemma"])]),
        st("lemma", "violated", [step("lemma:step-1", "violated", klass="constant-slip"),
                                 step("lemma:step-2", "violated", follows=["lemma:step-1"], klass="unclassified")],
           cause="lemma:step-2", klass="missing-factor"),
        st("other", "violated", [step("other:step-1", "violated", uses=["lemma"])], cause="other:step-1"),
        st("lemma:as-used", "holds"),
        st("alone", "holds", [step("alone:step-1", "violated", klass="typo")]),
    ]}


def test_failures_are_grouped_with_the_first_wrong_line_they_rest_on():
    report = _report()
    assert root_of(report, "lemma:step-2") == "lemma:step-1"  # follows the line it is derived from
    assert root_of(report, "lemma") == "lemma:step-1"  # its cause, then that line's cause
    assert root_of(report, "other") == "lemma:step-1"  # a step invoking a violated statement
    assert root_of(report, "alone:step-1") == "alone:step-1"
    found = find(report, "main")
    by_cause = {f.cause: f for f in found}
    assert set(by_cause) == {"lemma:step-1", "alone:step-1"}
    lemma = by_cause["lemma:step-1"]
    assert lemma.members[0] == "lemma:step-1" and set(lemma.members) == {
        "lemma:step-1", "lemma:step-2", "lemma", "other", "other:step-1"}
    # the statement's growth is stronger evidence than its cause's bounded-looking witness, and it is said
    assert lemma.klass.value == "missing-factor" and "constant-slip" in lemma.agreement
    assert lemma.main_survives is True and "lemma:as-used" in lemma.consequence
    assert [f.id for f in found] == ["F1", "F2"] and found[0].cause == "lemma:step-1"


def test_the_main_result_does_not_survive_a_link_with_no_standing_form():
    report = _report()
    report["statements"] = [s for s in report["statements"] if s["id"] != "lemma:as-used"]
    (lemma,) = [f for f in find(report, "main") if f.cause == "lemma:step-1"]
    assert lemma.main_survives is None and "has no form that stands" in lemma.consequence


def test_a_model_class_fails_with_its_statement_and_alone_is_a_finding_of_its_own():
    report = _report()
    st = report["statements"]
    st += [{"id": "lemma@ball", "verdict": "violated", "statement": "lemma", "ref": "lemma", "uses": [], "proof": None,
            "diagnosis": None},
           {"id": "main@ball", "verdict": "violated", "statement": "main", "ref": "main", "uses": [], "proof": None,
            "diagnosis": {"klass": "constant-slip", "evidence": "on the ball"}},
           {"id": "lemma:repaired", "verdict": "holds", "statement": "r", "ref": "r", "uses": []},
           {"id": "lemma:repaired@ball", "verdict": "violated", "statement": "r", "ref": "r", "uses": [],
            "diagnosis": None}]
    # the printed lemma fails on its own models: on the ball it fails because of the same line
    assert root_of(report, "lemma@ball") == "lemma:step-1"
    st.append({"id": "other@ball", "verdict": "violated", "statement": "o", "ref": "o", "uses": [],
               "proof": {"steps": [{"id": "other@ball:step-1", "verdict": "violated", "text": "s", "place": "p",
                                    "uses": [], "follows": []}], "cause": None, "first_failing": None}})
    assert root_of(report, "other@ball:step-1") == "lemma:step-1"  # its printed line's cause
    # the main result holds on its own models and fails on the ball: that is a cause of its own
    assert root_of(report, "main@ball") == "main@ball"
    by_cause = {f.cause: f for f in find(report, "main")}
    assert "lemma@ball" in by_cause["lemma:step-1"].members
    assert by_cause["main@ball"].klass.value == "constant-slip"
    # a repair that holds on the lemma's models and fails on the ball is a finding: the repair is not enough
    assert by_cause["lemma:repaired@ball"].members == ["lemma:repaired@ball"]


def _grows(parameter, lo, hi):
    return {"klass": "missing-factor", "evidence": f"grows along {parameter}", "parameter": parameter,
            "exponent": (lo + hi) / 2, "interval": [lo, hi]}


@pytest.mark.parametrize("parameter, lo, hi, inherits", [
    ("the width m", 0.4998, 0.5002, True),   # the lemma's own power: the lemma's finding
    ("the width m", 0.9990, 1.0010, False),  # a power apart from the lemma's: a cause of its own
    ("alpha", 0.4998, 0.5002, False),        # another scale: a cause of its own
])
def test_a_statement_growing_as_a_statement_it_uses_joins_that_ones_finding(parameter, lo, hi, inherits):
    """Corollary 2.2's growth along m is Lemma 2.1's: a statement with no proof chain that fails along
    the scale and with the power of a failing statement it uses is in that one's finding, and says why."""
    report = _report()
    lemma = next(s for s in report["statements"] if s["id"] == "lemma")
    lemma["diagnosis"] = _grows("the width m", 0.4999, 0.5001)
    report["statements"].append({"id": "corollary", "verdict": "violated", "statement": "c", "ref": "c",
                                 "uses": ["main", "lemma"], "proof": None, "diagnosis": _grows(parameter, lo, hi)})
    assert (root_of(report, "corollary") == "lemma:step-1") is inherits
    by_cause = {f.cause: f for f in find(report, "main")}
    assert ("corollary" in by_cause["lemma:step-1"].members) is inherits
    assert ("corollary" in by_cause) is not inherits
    if inherits:
        assert "corollary grows along the width m" in by_cause["lemma:step-1"].agreement
        # with the lemma itself unclassified, the finding still speaks with its own lines, not the corollary's words
        lemma["diagnosis"] = {**lemma["diagnosis"], "klass": "unclassified"}
        report["statements"][-1]["diagnosis"]["evidence"] = "the corollary's own words"
        (found,) = [f for f in find(report, "main") if f.cause == "lemma:step-1"]
        assert not found.evidence.startswith("the corollary's own words")


@pytest.mark.slow
def test_claim_6s_missing_sign_is_a_typo_and_a_wrong_reading_is_not():
    step = resolve("claim-6:step-2")
    result = search(step, seed=0, cases=400)
    assert result.verdict == "violated"
    found = diagnose(step, result.witness, result.worst_ratio)
    assert found.klass == "typo" and found.reading_verdict in ("holds", "inconclusive") and "e^{-Xbar^2 t}" in found.reading
    # a declared reading that is itself wrong (the printed line again) cannot make a typo
    wrong = dataclasses.replace(step, intended=dataclasses.replace(step.intended, rhs=step.rhs))
    assert diagnose(wrong, result.witness, result.worst_ratio).klass != "typo"
