"""Refactorings keep behaviour: a fixed-seed, fixed-budget audit of statements of every kind equals
the stored gold report apart from its timing fields (tests/gold/behaviour.py says which)."""
import json

import pytest

from tests.gold.behaviour import GOLD, gold_report


@pytest.mark.slow
def test_audit_report_equals_the_gold_file():
    expected = json.loads(GOLD.read_text())
    actual = gold_report()
    assert [s["id"] for s in actual["statements"]] == [s["id"] for s in expected["statements"]]
    for got, want in zip(actual["statements"], expected["statements"]):
        assert got == want, f"{want['id']} differs from the gold report"
    assert actual == expected
