"""What is special to Claim 3: its supremum is known in closed form (PEPit style: computed beside theoretical)."""
import math

import numpy as np

from proofcheck_packs.ntk_tight_2023.statements.claim_3 import STATEMENT
from proofcheck.search.engine import search


def test_claim_3_tight_ratio_is_sqrt_2_over_e():
    result = search(STATEMENT, seed=0, cases=6000)
    theory = math.sqrt(2 / math.e)
    assert result.verdict == "proved"
    assert abs(result.worst_ratio - theory) < 1e-6
    assert result.worst_ratio <= theory + 1e-15


def test_claim_3_symbolic_value_matches_the_search():
    steps = STATEMENT.symbolic(np.random.default_rng(0))
    value = [s for s in steps if s.covers == "statement"][0].value
    assert value == "sqrt(2)*exp(-1/2)"


def test_claim_3_at_t_zero_has_ratio_zero():
    from proofcheck.search.evaluate import evaluate_mp
    witness = {"dims": {"n": 1, "d": 1}, "values": {"X": [["2.5"]], "t": "0.0"}}
    value = evaluate_mp(STATEMENT, witness, 30)
    assert value.ratio == 0 and value.lhs == 2.5
