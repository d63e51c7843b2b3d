"""Claim 2 as printed fails; the form the proof of Theorem 1.2 needs (B constant) does not.

The counterexample: n = 2, d = 1, zeta = 0. A_t starts at 10 e1, turns to 10 e2 within 1e-4 and
stays there until T = 1; B_t = A_t + 0.001 e1, so C_t = B_t - A_t is constant and V(C) = 0. After
the turn the kernels only act on e2, so e1 survives: ||P(1, 0) A_0|| ~ 10 against the printed
bound 1/(2 sqrt 1) + 3 V(C) = 1/2.
"""
from proofcheck_packs.ntk_tight_2023.statements.claim_2 import STATEMENT as CLAIM_2
from proofcheck_packs.ntk_tight_2023.statements.claim_2_as_used import STATEMENT as AS_USED
from proofcheck.search.confirm import confirm

TURN = {"gap": ["0.0001", "0.9999"], "L": "1", "zeta": "0"}
A = [[["10"], ["0"]], [["0"], ["10"]], [["0"], ["10"]]]


def test_claim_2_as_printed_is_violated_by_a_turning_path():
    witness = {"dims": {"n": 2, "d": 1, "k": 3, "g": 2},
               "values": {"A": A, "B": [[["10.001"], ["0"]], [["0.001"], ["10"]], [["0.001"], ["10"]]], **TURN}}
    c = confirm(CLAIM_2, witness, 30)
    assert c.status == "violated"
    assert 19.9 < float(c.ratio_hi) < 20.0
    assert c.error < 1e-4


def test_claim_2_as_used_holds_on_the_same_turning_path():
    # with B constant, V(C) = V(A) ~ 14.1 and the bound is ~ 42.9
    witness = {"dims": {"n": 2, "d": 1, "k": 3, "g": 2}, "values": {"A": A, "B": [["0.001"], ["10"]], **TURN}}
    c = confirm(AS_USED, witness, 30)
    assert c.status == "holds"
    assert float(c.ratio_hi) < 0.5
