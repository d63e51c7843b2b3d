"""Refactorings keep behaviour: a fixed-seed, fixed-budget audit of statements of every kind equals
the stored gold report apart from its timing fields (tests/gold/behaviour.py says which).

Decisions (ids, verdicts, kinds, classes, certificate statuses, counts, witness shapes) are compared
exactly and numbers to a relative tolerance (tests/gold/compare.py), on every machine. The one exact
comparison is where the run is bit-reproducible by construction: each gold witness judged again in
mpmath and Arb from its stored decimal strings gives the gold file's digits."""
import json

import pytest

from tests.gold.behaviour import DPS, GOLD, gold_report
from tests.gold.compare import REL, differences


@pytest.mark.slow
def test_audit_report_equals_the_gold_file():
    expected = json.loads(GOLD.read_text())
    actual = gold_report()
    assert [s["id"] for s in actual["statements"]] == [s["id"] for s in expected["statements"]]
    for got, want in zip(actual["statements"], expected["statements"]):
        found = differences(got, want, want["id"])
        assert not found, f"{want['id']} differs from the gold report:\n" + "\n".join(found[:20])
    assert not differences(actual, expected)


@pytest.mark.slow
def test_gold_witnesses_replay_to_the_gold_digits():
    from proofcheck.api import replay

    for entry in json.loads(GOLD.read_text())["statements"]:
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
