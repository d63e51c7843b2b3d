"""The judgement of a ratio, pinned rule by rule: every arithmetic judges through proofcheck.core.judgement."""
import flint
import mpmath
import numpy as np
import pytest

from proofcheck.core.judgement import (CaseStatus, CertificateStatus, case_status, enclosure_status, identity_allowance,
                                       identity_floor, oriented, ratio, ratio_array, ratio_spread, ratio_spread_exact)
from proofcheck.numerics.arb import ArbContext
from proofcheck.numerics.contexts import F64, MP

INF = float("inf")

# (kind, lhs, rhs, ratio): orientation and the rules of division
RATIOS = [
    ("upper", 1.0, 2.0, 0.5),        # LHS/RHS
    ("lower", 1.0, 2.0, 2.0),        # RHS/LHS
    ("identity", 1.0, 4.0, 0.25),    # residual over allowance, as an upper bound
    ("upper", 0.0, 0.0, 0.0),        # 0/0 = 0: equality says nothing about slack
    ("upper", 3.0, 0.0, INF),        # x/0 = +inf
    ("lower", 0.0, 3.0, INF),        # the lower bound's x/0
    ("upper", 3.0, INF, 0.0),        # a finite side over an infinite bound
    ("upper", 0.0, 5.0, 0.0),
]


@pytest.mark.parametrize("kind, lhs, rhs, expected", RATIOS)
def test_each_rule_of_the_ratio_in_float64(kind, lhs, rhs, expected):
    num, den = oriented(kind, np.array([lhs]), np.array([rhs]))
    assert ratio_array(num, den)[0] == expected


@pytest.mark.parametrize("kind, lhs, rhs, expected", RATIOS)
def test_each_rule_of_the_ratio_in_mpmath(kind, lhs, rhs, expected):
    num, den = oriented(kind, mpmath.mpf(lhs), mpmath.mpf(rhs))
    assert ratio(MP, num, den) == expected


@pytest.mark.parametrize("kind, lhs, rhs, expected", [r for r in RATIOS if INF not in r[1:3]])
def test_each_rule_of_the_ratio_in_arb(kind, lhs, rhs, expected):
    ctx = ArbContext(100)
    num, den = oriented(kind, flint.arb(lhs), flint.arb(rhs))
    got = ratio(ctx, num, den)
    assert (not got.is_finite()) if expected == INF else got == expected


def test_the_contexts_divide_by_the_same_rules():
    x = np.array([0.0, 2.0])
    assert F64.reciprocal(x).tolist() == [INF, 0.5]
    assert MP.reciprocal(mpmath.mpf(0)) == mpmath.inf and MP.reciprocal(mpmath.mpf(2)) == 0.5
    assert F64.ratio(np.array([0.0, 1.0, 1.0]), np.array([0.0, 0.0, 4.0])).tolist() == [0.0, INF, 0.25]
    assert MP.ratio(np.array([mpmath.mpf(0), mpmath.mpf(1)], dtype=object),
                    np.array([mpmath.mpf(0), mpmath.mpf(0)], dtype=object)).tolist() == [0, mpmath.inf]


def test_the_identity_allowance_is_twice_the_error_plus_the_rounding_floor():
    assert identity_floor(None) == 1e-9 and identity_floor(50) == 1e-40
    assert identity_allowance(0.5, 4.0, identity_floor(None)) == 1.0 + 4e-9


# (low-precision ratio, high-precision ratio, error, status): the boundary rule
BOUNDARY = [
    (1.2, 1.2, 0.1, CaseStatus.VIOLATED),   # beyond the error at both precisions
    # beyond the error at the high precision only is not a violation (confirmation's error is at least ten times
    # |low - high|, so it cannot meet this case: the rule is pinned, not endorsed)
    (1.05, 1.2, 0.1, CaseStatus.HOLDS),
    (1.05, 1.05, 0.1, CaseStatus.BOUNDARY),  # within the error of 1
    (0.95, 0.95, 0.1, CaseStatus.BOUNDARY),
    (0.5, 0.5, 0.1, CaseStatus.HOLDS),
    (1.0, 1.0, 0.0, CaseStatus.BOUNDARY),   # exactly 1 with no error: equality is the boundary
]


@pytest.mark.parametrize("low, high, error, status", BOUNDARY)
def test_the_boundary_rule(low, high, error, status):
    assert case_status(low, high, error) is status
    assert case_status(mpmath.mpf(low), mpmath.mpf(high), mpmath.mpf(error)) is status


def test_the_spread_of_a_ratio_from_its_sides_errors():
    assert ratio_spread(np.array([2.0]), np.array([1.0]), np.array([0.0]), np.array([0.0]))[0] == 0.0
    assert ratio_spread(np.array([2.0]), np.array([1.0]), np.array([0.1]), np.array([0.1]))[0] == pytest.approx(0.3)
    # a denominator its own error could make vanish: the ratio is not known at all
    assert ratio_spread_exact(mpmath.mpf(2), mpmath.mpf(1), mpmath.mpf(0), mpmath.mpf(2), mpmath.inf) == mpmath.inf
    assert ratio_spread_exact(mpmath.mpf(2), mpmath.inf, mpmath.mpf(0), mpmath.mpf(0), mpmath.inf) == 0


# (kind, lhs ball, rhs ball, status): what Arb's enclosures prove
ENCLOSURES = [
    ("upper", (1, 0.1), (2, 0.1), CertificateStatus.CERTIFIED),
    ("upper", (2, 0.1), (1, 0.1), CertificateStatus.CERTIFIED_VIOLATION),
    ("upper", (1, 0.5), (1.2, 0.5), CertificateStatus.UNCERTIFIED),  # the balls overlap
    ("lower", (2, 0.1), (1, 0.1), CertificateStatus.CERTIFIED),
    ("lower", (1, 0.1), (2, 0.1), CertificateStatus.CERTIFIED_VIOLATION),
]


@pytest.mark.parametrize("kind, lhs, rhs, status", ENCLOSURES)
def test_the_status_enclosures_prove(kind, lhs, rhs, status):
    assert enclosure_status(kind, flint.arb(*lhs), flint.arb(*rhs)) is status


def test_an_infinite_bound_over_a_finite_side_is_certified_and_a_non_finite_side_is_not():
    assert enclosure_status("upper", flint.arb(1), flint.arb.pos_inf()) is CertificateStatus.CERTIFIED
    assert enclosure_status("upper", flint.arb(0, INF), flint.arb(1)) is CertificateStatus.UNCERTIFIED


def test_a_lower_end_kept_beside_a_wide_ball_decides_only_when_the_other_side_lies_below_it():
    import flint

    from proofcheck.core.judgement import CertificateStatus, enclosure_status

    from proofcheck.numerics.arb import arb_prec

    with arb_prec(200):
        small = flint.arb(1, "1e-30")  # [1 +/- 1e-30]
        wide = flint.arb(1, "1e-3")  # overlaps small
        above, below = flint.arb("1.000000000000000000000000001"), flint.arb("0.9999")
        assert enclosure_status("upper", small, wide) is CertificateStatus.UNCERTIFIED
        assert enclosure_status("upper", small, wide, above) is CertificateStatus.CERTIFIED
        assert enclosure_status("upper", small, wide, below) is CertificateStatus.UNCERTIFIED
        assert enclosure_status("lower", wide, small, above) is CertificateStatus.CERTIFIED
