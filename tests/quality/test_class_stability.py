"""A finding's class is decided by evidence that could have come out otherwise, and does not depend on
which witness a seed's search found: each violated statement, searched at seeds 0, 1 and 2, is given
the same class by its diagnosis (slow tier)."""
import pytest

from proofcheck.app.diagnosis import diagnose
from proofcheck.core.registry import resolve
from proofcheck.search.engine import search

# statement -> (case budget, the class every seed must give, and the parameter where it is a family's).
# The trained statements (proposition-1.1, inequality-7, lemma-a.4) take minutes at three seeds: their
# classes at seeds 0-2 are measured by `python benchmarks/classes.py`, outside the suite's time.
EXPECTED = {
    "claim-2": (150, "missing-factor", "the size s of a path A_t turning in time (1.26/s)^2, C_t fixed"),
    "lemma-2.1": (400, "missing-factor", "the width m"),
}


@pytest.mark.slow
@pytest.mark.parametrize("sid", sorted(EXPECTED))
def test_the_class_is_the_same_at_seeds_0_1_and_2(sid):
    statement = resolve(sid)
    cases, *expected = EXPECTED[sid]
    seen = []
    for seed in (0, 1, 2):
        result = search(statement, seed=seed, cases=cases)
        found = diagnose(statement, result.witness, result.worst_ratio, seed=seed)
        seen.append((found.klass, found.parameter))
    assert seen == [tuple(expected)] * 3, seen
