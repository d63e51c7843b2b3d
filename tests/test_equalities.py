"""Equalities (proofcheck.search.equalities): where an inequality's sides are equal on the witness, the
certificate says so, with the accuracy Arb proves; overlapping balls that are only wide, or sides that
differ by more than the balls' width, are not called equalities."""
import dataclasses
import math

import flint

from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.registry import resolve
from proofcheck.search.certify import certify
from proofcheck.search.equalities import agreement_bits, equality_detail


def test_agreement_is_measured_only_on_overlapping_balls():
    one = flint.arb(1)
    assert math.isinf(agreement_bits(one, flint.arb(1)))
    assert agreement_bits(one, flint.arb(2)) is None
    assert 40 < agreement_bits(flint.arb(1, 2.0 ** -42), flint.arb(1, 2.0 ** -44)) < 42
    assert equality_detail(flint.arb(1, 1e-3), one, 170) is None  # 10 bits: wide, not an equality
    assert "proved equal exactly" in equality_detail(one, flint.arb(1), 170)


def test_a_product_with_a_shared_null_vector_is_an_equality():
    """||e^{-delta x x^T}|| = 1 for x in R^2: x's orthogonal complement is left fixed."""
    witness = {"dims": {"n": 2, "d": 1, "k": 1}, "values": {"X": [[["1"], ["0.3"]]], "delta": ["0.5"]}}
    cert = certify(resolve("claim-1:as-used"), witness)
    assert cert.status is CertificateStatus.UNCERTIFIED
    assert cert.detail.startswith("an equality: the two sides are proved equal to 2^-")


def test_a_bound_just_below_the_equality_is_a_certified_violation_not_an_equality():
    witness = {"dims": {"n": 2, "d": 1, "k": 1}, "values": {"X": [[["1"], ["0.3"]]], "delta": ["0.5"]}}
    below = dataclasses.replace(resolve("claim-1:as-used"), rhs=lambda ctx, c: 1 - flint.arb(2) ** -100)
    assert certify(below, witness).status is CertificateStatus.CERTIFIED_VIOLATION


# Lemma A.9 at m = 0, n = 1: LHS = 1 - e^{-x}, RHS = x with x = int ||A_t||^2 = 1.8e-7, a ratio of
# 1 - x/2: a near-equality whose gap (9e-8 of the size) is below the first-order path integral's ball
# (2e-3 of it); the second-order lower bound of norm_integrals now certifies it
LEMMA_A_9 = {"dims": {"m": 0, "r": 1, "d": 4, "k": 3, "n": 1, "g": 2},
             "values": {"A": [[["-0.00029372470652923706", "1.8321041539544705e-06", "-2.5183162754285722e-05",
                                 "1.0055771569602348e-07"]],
                               [["4.584364595313855e-06", "0.00024117385925540388", "-0.012625853010341491",
                                 "-7.916679307672323e-07"]],
                               [["0.005443819940230435", "0.021714265126861684", "0.0030917405378654166",
                                 "-0.011186705927557775"]]],
                        "gap": ["280641.0200422889", "0.00019204438570500553"], "T": "0.0034366348563410675"}}
# seed 2's worst case of a default audit, LHS/RHS = 1 - 2.5e-13: the lower bound exceeds the left side by
# 1.2e-23, while a ball from it to the first-order upper end (1.7e-3 of the value wide) moves its ends by more
TIGHTER = {"dims": {"m": 0, "r": 1, "d": 1, "k": 3, "n": 1, "g": 2},
           "values": {"A": [[["-0.0010858183773768027"]], [["0.00016760285696302435"]], [["-0.014890406999832812"]]],
                      "gap": ["1.7996846891391038", "0.0004136350846425561"],
                      "T": "1.3577905698821276e-06"}}


def test_a_near_equality_under_a_wide_ball_is_not_called_an_equality():
    assert certify(resolve("lemma-a.9"), LEMMA_A_9).status is CertificateStatus.CERTIFIED
    # the lower end kept beside the ball decides TIGHTER (it was uncertified while only the ball was compared)
    assert certify(resolve("lemma-a.9"), TIGHTER).status is CertificateStatus.CERTIFIED
    # its bound lowered by 1e-12 of itself lies below LHS by 7.5e-13 of it, inside the ball: neither order is
    # proved, and the sides are not called equal
    lowered = dataclasses.replace(resolve("lemma-a.9"), rhs=lambda ctx, c: resolve("lemma-a.9").rhs(ctx, c, constant=1 - 1e-12))
    cert = certify(lowered, TIGHTER)
    assert cert.status is CertificateStatus.UNCERTIFIED
    # the reason names its figures: one side's enclosure is narrow, the other's (from its first-order end) 1.7e-3 wide
    assert cert.detail.startswith("the enclosures of the two sides overlap at 340 bits: their midpoints are ")
    widths = cert.detail.split(" the enclosures ")[1].removesuffix(" of it wide").split(" and ")
    assert sorted(float(w) for w in widths)[0] < 1e-80 and 1e-3 < max(float(w) for w in widths) < 3e-3
