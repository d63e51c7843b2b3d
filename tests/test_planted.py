"""The checker's power: weakened constants planted in true statements must be found violated,
and the true constants must not be (Hypothesis' quality tests, PEPit's metamorphic tests)."""
import dataclasses
from functools import partial

import pytest
import sympy as sp

from proofcheck_packs.ntk_tight_2023.statements import claim_3, lemma_3_3
from proofcheck.search.engine import search


def planted_claim_3(constant):
    """Claim 3 with 1/(2 sqrt t) replaced by constant/sqrt t."""
    return dataclasses.replace(claim_3.STATEMENT, id=f"claim-3:planted-{constant}",
                               rhs=partial(claim_3.rhs, constant=constant),
                               symbolic=partial(claim_3.symbolic, constant=sp.nsimplify(constant)))


def planted_lemma_3_3(constant):
    """Lemma 3.3 with 2||B|| sqrt t replaced by constant ||B|| sqrt t."""
    return dataclasses.replace(lemma_3_3.STATEMENT, id=f"lemma-3.3:planted-{constant}",
                               rhs=partial(lemma_3_3.rhs, constant=constant), symbolic=None)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_claim_3_with_constant_040_is_violated(seed):
    result = search(planted_claim_3(0.40), seed=seed, cases=4000, confirm_count=3)
    assert result.verdict == "violated"
    worst = result.confirmations[0]
    assert worst.status == "violated"
    # the supremum of the planted ratio is sqrt(2/e) / 0.8 = 1.0722...
    assert 1.05 < result.worst_ratio <= float(sp.sqrt(2 / sp.E) / sp.Rational(4, 5)) + 1e-12
    assert worst.dps_hi == 2 * worst.dps


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_claim_3_with_constant_045_holds(seed):
    result = search(planted_claim_3(0.45), seed=seed, cases=4000, confirm_count=3)
    assert result.verdict in ("holds", "proved")
    assert 0.9 < result.worst_ratio < 1


@pytest.mark.parametrize("seed", [0, 1])
def test_lemma_3_3_with_constant_08_is_violated(seed):
    # the commuting case alone reaches sqrt(2/e) / 0.8 = 1.0722 times the planted bound
    result = search(planted_lemma_3_3(0.8), seed=seed, cases=6000, confirm_count=3)
    assert result.verdict == "violated"
    assert result.worst_ratio > 1.05


def test_lemma_3_3_with_constant_09_holds():
    result = search(planted_lemma_3_3(0.9), seed=0, cases=6000, confirm_count=3)
    assert result.verdict == "holds"
    assert result.worst_ratio < 1


def test_claim_3_planted_symbolic_step_is_disproved():
    steps = planted_claim_3(0.40).symbolic(__import__("numpy").random.default_rng(0))
    assert [s.outcome for s in steps if s.covers == "statement"] == ["disproved"]


def planted_claim_4(constant):
    """Claim 4 with 3V replaced by constant * V."""
    from proofcheck_packs.ntk_tight_2023.statements import claim_4
    return dataclasses.replace(claim_4.STATEMENT, id=f"claim-4:planted-{constant}",
                               rhs=partial(claim_4.rhs, constant=constant))


def test_claim_4_with_03_v_is_violated():
    # a path that jumps within a short time gives ratio -> ||X_b - X_a|| / (c V) = 1/c for c = 0.3
    result = search(planted_claim_4(0.3), seed=0, cases=1500, dps=20, confirm_count=2)
    assert result.verdict == "violated"
    assert result.worst_ratio > 2
