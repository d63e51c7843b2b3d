"""Refactorings keep behaviour: a fixed-seed, fixed-budget audit of statements of every kind equals
the stored gold report apart from its timing fields (tests/gold/behaviour.py says which).

On the machine the gold report was computed on (tests/gold/machine.json) the comparison is exact.
Elsewhere float64 may round differently in its last bit (another SIMD or BLAS kernel), and a search
follows its own rounding from the first differing bit: there only the verdicts are compared."""
import json

import pytest

from tests.gold.behaviour import GOLD, MACHINE, gold_report, machine


@pytest.mark.slow
def test_audit_report_equals_the_gold_file():
    expected = json.loads(GOLD.read_text())
    actual = gold_report()
    assert [s["id"] for s in actual["statements"]] == [s["id"] for s in expected["statements"]]
    if machine() != json.loads(MACHINE.read_text()):
        for got, want in zip(actual["statements"], expected["statements"]):
            assert (got["verdict"], got["kind"], got["statement"]) == (want["verdict"], want["kind"], want["statement"])
        return
    for got, want in zip(actual["statements"], expected["statements"]):
        assert got == want, f"{want['id']} differs from the gold report"
    assert actual == expected
