"""Statements about trained models: a planted bug in Theorem 1.2 is found; the findings the audit
reports (inequality (7)'s sqrt 2, Lemma A.4's missing square) are reproduced at small budgets."""
import dataclasses
from functools import partial

import numpy as np

from proofcheck_packs.ntk_tight_2023.statements import inequality_7, lemma_a_4, theorem_1_2
from proofcheck.core.cases import witness_values
from proofcheck.search.engine import search
from proofcheck.search.evaluate import evaluate_mp, sides_f64


def test_theorem_1_2_with_006_kappa_is_found_violated():
    planted = dataclasses.replace(theorem_1_2.STATEMENT, id="theorem-1.2:planted-0.06",
                                  rhs=partial(theorem_1_2.rhs, constant=0.06), symbolic=None)
    result = search(planted, seed=0, cases=300, dps=20, confirm_count=2, starts=1)
    assert result.verdict == "violated"
    assert result.worst_ratio > 1.5


def test_theorem_1_2_symbolic_last_step_is_proved():
    steps = theorem_1_2.symbolic(np.random.default_rng(0))
    assert [s.outcome for s in steps] == ["proved"] * 3


def _appendix_b(kappa, T=1.0, alpha=1.0, R0=1.0):
    return {"dims": {"n": 1, "p": 1, "one": 1},
            "values": {"J": [[repr(float(1 / np.sqrt(T)))]], "Q": [[[repr(float(kappa * alpha / (T * np.sqrt(R0))))]]],
                       "r0": [[repr(float(np.sqrt(2 * R0)))]], "alpha": repr(alpha), "T": repr(T)}}


def test_theorem_1_2_on_appendix_b_model_sits_between_the_two_theorems():
    for kappa in (0.01, 0.3, 3.0):
        value = evaluate_mp(theorem_1_2.STATEMENT, _appendix_b(kappa), 20)
        lower = min(kappa, 1) / 5  # Theorem 1.3 at R0 = 1
        assert lower <= float(value.lhs) <= float(value.rhs)


def test_inequality_7_second_link_exceeds_by_up_to_sqrt_2():
    # a nearly linear model at t -> 0: ||r|| = sqrt(2 R0), and ||K_t - K_0|| ~ 2 Lip(h) Lip(Dh) ||w - w0||
    witness = {"dims": {"n": 1, "p": 1, "one": 1},
               "values": {"J": [["1.0"]], "Q": [[["0.01"]]], "r0": [["1.0"]], "alpha": "1.0", "T": "1e-4"}}
    dims, values = witness_values(inequality_7.STATEMENT.space, witness)
    lhs, rhs = sides_f64(inequality_7.STATEMENT, dims, values)
    assert 1.3 < lhs[0] / rhs[0] < 1.4143
    confirmed = evaluate_mp(inequality_7.STATEMENT, witness, 30)
    assert 1.3 < float(confirmed.ratio) < 1.4143


def test_lemma_a_4_printed_bound_fails_when_lip_is_large():
    witness = {"dims": {"n": 1, "p": 1, "one": 1},
               "values": {"J": [["0.1"]], "Q": [[["30.0"]]], "r0": [["1.0"]], "alpha": "3.0", "T": "1.0"}}
    value = evaluate_mp(lemma_a_4.STATEMENT, witness, 30)
    assert float(value.ratio) > 1 + 100 * float(value.error)


def test_lemma_a_4_symbolic_steps_locate_the_missing_square():
    steps = {s.claim.split(":")[0]: s.outcome for s in lemma_a_4.symbolic(np.random.default_rng(0))}
    assert steps == {"the proof's expansion": "proved", "the printed last step": "disproved"}
