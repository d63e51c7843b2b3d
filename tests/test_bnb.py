"""The branch-and-bound prover and its re-check: known inequalities proved (one tight at an interior
point, one tight at a limit), a false one disproved at a certified point, and the re-check refusing
an altered certificate or an inequality tightened by 1e-12."""
import dataclasses
from fractions import Fraction as Q

import mpmath
import pytest

from proofcheck.numerics.bnb import Face, Method, Outcome, Problem, prove
from proofcheck.numerics.bnb_certificate import certificate_from_dict, certificate_to_dict, recheck


def interior(ops, p):
    """2x(1 - x) <= 1/2 + 1e-9: tight to 1e-9 at the interior point x = 1/2."""
    x, = p
    return 2 * x * (1 - x) - ops.mpf("0.5") - ops.mpf("1e-9")


def nearly_touching(ops, p):
    """2x(1 - x) <= 1/2 + 1e-13: tight to 1e-13, so tightening it by 1e-12 makes it false."""
    x, = p
    return 2 * x * (1 - x) - ops.mpf("0.5") - ops.mpf("1e-13")


def at_limit(ops, p):
    """1 + x <= e^x on [0, 4]: equality at the end x = 0, where F and F' vanish (a face of order 2)."""
    x, = p
    return 1 + x - ops.exp(x)


def two_dim(ops, p):
    """(1 + x) e^{-x} <= 1 for x in [0, 8], y in [0, 1], scaled by 1 + y: equality on the face x = 0."""
    x, y = p
    return ((1 + x) * ops.exp(-x) - 1) * (1 + y)


AT_LIMIT = Problem(("x",), (Q(0),), (Q(4),), at_limit, faces=(Face(0, "low", 2),))


def test_proves_an_inequality_tight_at_an_interior_point():
    proof = prove(Problem(("x",), (Q(0),), (Q(1),), interior))
    assert proof.outcome is Outcome.PROVED
    assert proof.methods.get("mean-value", 0) > 0  # the mean-value form closes the boxes around the tight point
    assert recheck(Problem(("x",), (Q(0),), (Q(1),), interior), proof.certificate).ok


def test_proves_an_inequality_tight_at_a_limit_by_its_declared_face():
    proof = prove(AT_LIMIT)
    assert proof.outcome is Outcome.PROVED
    assert any(leaf.method is Method.FACE for leaf in proof.certificate.leaves)
    assert recheck(AT_LIMIT, proof.certificate).ok


def test_without_its_face_the_limit_is_a_tight_point_left_undecided():
    proof = prove(dataclasses.replace(AT_LIMIT, faces=()), max_depth=30)
    assert proof.outcome is Outcome.UNDECIDED
    assert "tight point" in proof.reason and proof.left


def test_exact_touching_at_an_interior_point_is_undecided_not_proved():
    proof = prove(Problem(("x",), (Q(0),), (Q(1),), lambda o, p: (3 * p[0] - 1) ** 2 * -1), max_depth=30)
    assert proof.outcome is Outcome.UNDECIDED


def test_proves_in_two_dimensions_with_a_face():
    problem = Problem(("x", "y"), (Q(0), Q(0)), (Q(8), Q(1)), two_dim, faces=(Face(0, "low", 2),))
    proof = prove(problem)
    assert proof.outcome is Outcome.PROVED and proof.depth > 0
    assert recheck(problem, proof.certificate).ok


def test_disproves_a_false_inequality_at_a_certified_point():
    # e^{-0.55 k} <= 1 - 0.4 k holds on [0, 1] (Appendix B, line 8) and fails beyond 2.5
    f = lambda o, p: o.exp(-p[0] * 11 / 20) - 1 + p[0] * 2 / 5
    assert prove(Problem(("k",), (Q(0),), (Q(1),), f, faces=(Face(0, "low", 1),))).outcome is Outcome.PROVED
    proof = prove(Problem(("k",), (Q(0),), (Q(4),), f, faces=(Face(0, "low", 1),)))
    assert proof.outcome is Outcome.DISPROVED
    k = mpmath.mpf(Q(proof.point[0]).numerator) / Q(proof.point[0]).denominator
    with mpmath.workdps(30):  # independently: the point is a counterexample
        assert mpmath.exp(-0.55 * k) - 1 + 0.4 * k > 0


def test_recheck_refuses_a_certificate_with_one_box_altered():
    proof = prove(Problem(("x",), (Q(0),), (Q(1),), interior))
    data = certificate_to_dict(proof.certificate)
    data["leaves"][3]["high"] = [str(Q(data["leaves"][3]["high"][0]) + Q(1, 2**40))]
    again = recheck(Problem(("x",), (Q(0),), (Q(1),), interior), certificate_from_dict(data))
    assert not again.ok and "stored as" in again.failure


def test_recheck_refuses_a_certificate_with_a_leaf_dropped():
    proof = prove(Problem(("x",), (Q(0),), (Q(1),), interior))
    data = certificate_to_dict(proof.certificate)
    data["leaves"].pop()
    assert not recheck(Problem(("x",), (Q(0),), (Q(1),), interior), certificate_from_dict(data)).ok


@pytest.mark.parametrize("problem", [Problem(("x",), (Q(0),), (Q(1),), nearly_touching), AT_LIMIT])
def test_recheck_refuses_the_inequality_tightened_by_1e_12(problem):
    proof = prove(problem)
    tightened = dataclasses.replace(problem, f=lambda o, p: problem.f(o, p) + o.mpf("1e-12"))
    again = recheck(tightened, proof.certificate)
    assert not again.ok and "no longer closes" in again.failure


def test_a_box_with_non_dyadic_ends_is_refused():
    with pytest.raises(ValueError, match="dyadic"):
        Problem(("x",), (Q(0),), (Q(1, 3),), interior)
