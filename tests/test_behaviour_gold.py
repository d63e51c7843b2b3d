"""Refactorings keep behaviour: a fixed-seed, fixed-budget audit of statements of every kind equals
the stored gold report apart from its timing fields (tests/gold/behaviour.py says which).

Decisions (ids, verdicts, kinds, classes, certificate statuses, counts, witness shapes) are compared
exactly and numbers to a relative tolerance (tests/gold/compare.py), on every machine. The one exact
comparison is where the run is bit-reproducible by construction: each gold witness judged again in
mpmath and Arb from its stored decimal strings gives the gold file's digits."""
import json

import pytest

from tests.gold.behaviour import DPS, GOLD, gold_report
from tests.gold.compare import REL, case_counts, decisions, differences
from tests.gold.fingerprint import float64_fingerprint


@pytest.mark.slow
def test_audit_report_equals_the_gold_file():
    """Case by case where this machine rounds as the gold file's did (the same float64 fingerprint);
    elsewhere what the report decides (``decisions``): a search that rounds otherwise follows another
    path among cases of equal ratio (Claim 5's six cases at its supremum 1/3, in another order)."""
    gold = json.loads(GOLD.read_text())
    expected = gold["report"]
    actual = gold_report()
    assert [s["id"] for s in actual["statements"]] == [s["id"] for s in expected["statements"]]
    if gold["float64_fingerprint"] == float64_fingerprint():
        for got, want in zip(actual["statements"], expected["statements"]):
            found = differences(got, want, want["id"])
            assert not found, f"{want['id']} differs from the gold report:\n" + "\n".join(found[:20])
        assert not differences(actual, expected)
    else:
        found = differences(json.loads(json.dumps(decisions(actual))), json.loads(json.dumps(decisions(expected))))
        found += case_counts(actual, expected)
        assert not found, "the report decides otherwise than the gold report:\n" + "\n".join(found[:20])


@pytest.mark.slow
def test_gold_witnesses_replay_to_the_gold_digits():
    from proofcheck.api import replay

    for entry in json.loads(GOLD.read_text())["report"]["statements"]:
        if not entry.get("witness") or not entry.get("worst_ratio_text"):
            continue
        again = replay(entry["witness"], dps=DPS)
        assert again.confirmation.ratio_hi == entry["worst_ratio_text"], entry["id"]


def test_the_comparison_tolerates_last_bits_and_nothing_else():
    gold = {"id": "claim-3", "verdict": "holds", "cases": 240, "worst_ratio": 0.8416487990674769,
            "witness": {"dims": {"n": 2}, "values": {"t": "0.8416487990674769", "X": [["1.5", "-2"]]}}}
    rounded = json.loads(json.dumps(gold))
    rounded["worst_ratio"] = 0.8416487990674775
    rounded["witness"]["values"]["t"] = "0.8416487990674775"
    assert differences(rounded, gold) == []
    for change in (("verdict", "violated"), ("cases", 241), ("worst_ratio", 0.8416487990674769 * (1 + 10 * REL))):
        changed = {**gold, change[0]: change[1]}
        assert differences(changed, gold), change
    reshaped = json.loads(json.dumps(gold))
    reshaped["witness"]["values"]["X"] = [["1.5"]]
    assert differences(reshaped, gold)
    assert differences({**gold, "extra": 1}, gold)


def test_balls_compare_by_midpoint_and_a_rounding_level_identity_by_its_verdict():
    from tests.gold.compare import NOISE

    ball = {"status": "certified", "lhs": "[0.0015897770962042862853 +/- 9.75e-24]"}
    assert differences({**ball, "lhs": "[0.0015897770962042862845 +/- 7.43e-24]"}, ball) == []
    assert differences({**ball, "lhs": "[0.00158979 +/- 7.43e-24]"}, ball)  # moved by 1e-5 relative
    assert differences({**ball, "status": "uncertified"}, ball)
    assert differences({**ball, "lhs": "0.0015897770962042862853"}, ball)  # not a ball
    step = {"id": "claim-3:step-1", "verdict": "holds", "worst_ratio": 1.9165923560995835e-11,
            "witness": {"dims": {"n": 6, "d": 2}, "values": {"t": "0.0004731812835643198"}},
            "certificate": {"status": "certified", "rhs": "[3.2469164650773564538 +/- 4.23e-20]"}}
    other_case = {**step, "worst_ratio": 1.92165078005608922e-11,
                  "witness": {"dims": {"n": 2, "d": 4}, "values": {"t": "0.36539711721160884"}},
                  "certificate": {"status": "certified", "rhs": "[1.1566923462650167346e-101 +/- 2.66e-121]"}}
    assert differences(other_case, step) == []
    assert differences({**other_case, "verdict": "violated"}, step)
    assert differences({**other_case, "worst_ratio": 10 * NOISE}, step)  # no longer rounding: its witness counts
    assert differences({**other_case, "certificate": {**other_case["certificate"], "status": "uncertified"}}, step)


def test_on_a_machine_that_rounds_otherwise_what_the_report_decides_is_compared():
    gold = json.loads(GOLD.read_text())["report"]
    moved = json.loads(json.dumps(gold))
    first = moved["statements"][0]
    first["confirmations"] = list(reversed(first["confirmations"]))  # another path among equal ratios
    first["cases"] = int(first["cases"] * 0.98)
    assert differences(decisions(moved), decisions(gold)) == [] and case_counts(moved, gold) == []
    for change in (("verdict", "violated"), ("worst_ratio", (first["worst_ratio"] or 1) * 1.01), ("kind", "lower")):
        changed = json.loads(json.dumps(moved))
        changed["statements"][0][change[0]] = change[1]
        assert differences(decisions(changed), decisions(gold)), change
    fewer = json.loads(json.dumps(moved))
    spent = next(i for i, s in enumerate(gold["statements"]) if s["stop_reason"] == "case budget spent")
    fewer["statements"][spent]["cases"] = int(gold["statements"][spent]["cases"] * 0.9)
    assert case_counts(fewer, gold)


def test_a_search_stopped_by_the_hop_rule_may_end_anywhere_in_its_last_cases_and_no_further():
    from proofcheck.core.results import StopReason
    from proofcheck.search.engine import MIN_HOP_CASES

    gold = json.loads(GOLD.read_text())["report"]
    ruled = [i for i, s in enumerate(gold["statements"]) if s["stop_reason"] == StopReason.TOO_FEW_CASES.value]
    other = [i for i, s in enumerate(gold["statements"]) if s["stop_reason"] != StopReason.TOO_FEW_CASES.value
             and s["cases"] > 100]
    assert ruled and other
    for i, shift, flagged in ((ruled[0], MIN_HOP_CASES - 1, False), (ruled[0], MIN_HOP_CASES + 1, True),
                              (other[0], MIN_HOP_CASES - 1, True)):
        moved = json.loads(json.dumps(gold))
        moved["statements"][i]["cases"] += shift
        assert bool(case_counts(moved, gold)) is flagged, (gold["statements"][i]["id"], shift)
