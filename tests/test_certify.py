"""Certification by Arb enclosures: proofs about single cases, and honest about what it cannot bound."""
import dataclasses
from functools import partial

import flint
import numpy as np
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from proofcheck.core.judgement import CertificateStatus
from proofcheck_packs.ntk_tight_2023.statements import claim_3
from proofcheck.numerics.arb import ArbContext, arb_prec, spectral_norm_ball
from proofcheck.core.registry import resolve
from proofcheck.search.certify import certify

TIGHT = {"statement": "claim-3", "dims": {"n": 1, "d": 1}, "values": {"X": [["1"]], "t": "0.5"}}  # x^2 t = 1/2


def test_a_true_case_is_certified_and_its_enclosures_are_reported():
    c = certify(claim_3.STATEMENT, TIGHT)
    assert c.status is CertificateStatus.CERTIFIED and c.bits == 170
    # ||e^{-1/2} * 1|| = e^{-1/2} = 0.60653..., the bound 1/(2 sqrt(1/2)) = 0.70710...
    assert c.lhs.startswith("[0.6065306597126334236") and c.rhs.startswith("[0.7071067811865475244")


def test_a_planted_violation_is_certified_as_a_violation():
    planted = dataclasses.replace(claim_3.STATEMENT, rhs=partial(claim_3.rhs, constant=0.4))
    assert certify(planted, TIGHT).status is CertificateStatus.CERTIFIED_VIOLATION


def test_an_exact_equality_cannot_be_certified_and_says_why():
    c = certify(resolve("lemma-3.3"), {"dims": {"n": 2, "d": 2},
                                       "values": {"A": [["1", "0"], ["0", "1"]], "B": [["0", "0"], ["0", "0"]], "t": "1"}})
    assert c.status is CertificateStatus.UNCERTIFIED and "overlap" in c.detail


LEMMA_A_6 = {"dims": {"n": 2, "d": 1, "k": 2, "g": 1},
             "values": {"X": [[["1"], ["0.5"]], [["-0.25"], ["2"]]], "gap": ["1"], "L": "0.75"}}


def test_an_identity_is_certified_when_its_residual_is_proved_tiny_and_violated_when_proved_nonzero():
    c = certify(resolve("lemma-a.6"), LEMMA_A_6)
    assert c.status is CertificateStatus.CERTIFIED and "2^-85" in c.detail
    off = dataclasses.replace(resolve("lemma-a.6"), lhs=lambda ctx, c: resolve("lemma-a.6").lhs(ctx, c).value + ctx.mpf("1e-40"))
    assert certify(off, LEMMA_A_6).status is CertificateStatus.CERTIFIED_VIOLATION


def test_a_side_with_an_estimated_error_is_never_certified():
    from proofcheck.numerics.paths import Estimate
    est = dataclasses.replace(claim_3.STATEMENT, lhs=lambda ctx, c: Estimate(claim_3.lhs(ctx, c), ctx.mpf("1e-30")))
    c = certify(est, TIGHT)
    assert c.status is CertificateStatus.UNCERTIFIED and "estimated error" in c.detail


@settings(max_examples=40, deadline=None)
@given(st.tuples(st.integers(1, 5), st.integers(1, 5)).flatmap(lambda s: arrays(float, s, elements=st.floats(-1e3, 1e3))))
def test_the_spectral_norm_ball_contains_the_norm(M):
    ctx = ArbContext(170)
    with arb_prec(170):
        ball = spectral_norm_ball(ctx.matrix(M.tolist()))
        exact = np.linalg.norm(M, 2)
        # numpy's value is within a few ulps of the norm: the ball (width ~1e-40) must touch that band
        band = flint.arb(exact, 8 * np.finfo(float).eps * max(exact, 1e-300))
        assert ball.overlaps(band)
        assert ball.rad() < 1e-30 * max(1.0, exact)


def test_a_certified_cases_ratio_upper_is_its_ratios_upper_end():
    # it was once overwritten by the flag "the statement is an upper bound" (True, read as 1.0)
    witness = {"dims": {"n": 1, "p": 1, "one": 1},
               "values": {"J": [["1.0"]], "Q": [[["0.5"]]], "r0": [["1.0"]], "alpha": "2.0", "T": "1.0"}}
    cert = certify(resolve("lemma-a.4"), witness)
    assert cert.status is CertificateStatus.CERTIFIED
    assert type(cert.ratio_upper) is float and 0 < cert.ratio_upper < 1
