"""The enclosures near faces (``proofcheck.numerics.bnb_faces``): the two faces' corner and the face's quotient
about a declared corner prove inequalities that no other enclosure closes at the corner, and the re-check refuses
their certificates once a box is altered or the inequality tightened by 1e-12."""
import dataclasses
from fractions import Fraction as Q

import flint

from proofcheck.numerics import bnb_faces
from proofcheck.numerics.bnb import Face, Method, Outcome, Problem, prove
from proofcheck.numerics.bnb_certificate import certificate_from_dict, certificate_to_dict, recheck
from proofcheck.numerics.jets import series_length


def corner(ops, p):
    """x (1 - y - e^{-y}) <= 0 on [0, 1]^2: it vanishes on x = 0, and to second order on y = 0."""
    x, y = p
    return x * (1 - y - ops.exp(-y))


def quotient(ops, p):
    """x (sqrt(2) e^{-y} - sqrt(2)) - x^2 <= 0 on [0, 1]^2: it vanishes on x = 0, where its x-derivative
    sqrt(2) e^{-y} - sqrt(2) vanishes at y = 0 too; no finite precision computes that derivative as exactly 0 there."""
    x, y = p
    r2 = ops.sqrt(ops.mpf(2))
    return x * (r2 * ops.exp(-y) - r2) - x * x


CORNER = Problem(("x", "y"), (Q(0), Q(0)), (Q(1), Q(1)), corner, faces=(Face(0, "low", 1), Face(1, "low", 2)))
QUOTIENT = Problem(("x", "y"), (Q(0), Q(0)), (Q(1), Q(1)), quotient, faces=(Face(0, "low", 1, corner=((1, "low"),)),))


def _tightened(problem):
    return dataclasses.replace(problem, f=lambda ops, p: problem.f(ops, p) + ops.mpf("1e-12"))


def test_polarization_gives_the_mixed_derivative():
    """d_x d_y^2 (x^2 y^3 + e^{x + y}) / (1! 2!) at (1/2, 1/4) = (2 x 6 y + e^{x + y}) / 2."""
    f = lambda ops, p: p[0] ** 2 * p[1] ** 3 + ops.exp(p[0] + p[1])
    with series_length(flint.ctx.cap, 128):
        got = bnb_faces.mixed(f, [flint.arb(0.5), flint.arb(0.25)], 0, 1, 1, 2)
        exact = (12 * flint.arb(0.5) * flint.arb(0.25) + flint.arb(0.75).exp()) / 2
        assert abs(got - exact) < 1e-30


def test_two_faces_meeting_at_a_corner_are_closed_by_their_product():
    proof = prove(CORNER)
    assert proof.outcome is Outcome.PROVED
    assert any(leaf.method is Method.CORNER for leaf in proof.certificate.leaves)
    assert recheck(CORNER, proof.certificate).ok
    single = prove(dataclasses.replace(CORNER, faces=CORNER.faces[:1]), max_depth=24)
    assert single.outcome is Outcome.UNDECIDED


def test_a_face_with_a_declared_corner_is_closed_by_its_quotient():
    proof = prove(QUOTIENT)
    assert proof.outcome is Outcome.PROVED
    assert any(leaf.method is Method.FACE_MEAN_VALUE for leaf in proof.certificate.leaves)
    assert recheck(QUOTIENT, proof.certificate).ok
    bare = prove(dataclasses.replace(QUOTIENT, faces=(Face(0, "low", 1),)), max_depth=24)
    assert bare.outcome is Outcome.UNDECIDED and "tight point" in bare.reason


def test_the_recheck_refuses_these_certificates_tightened_by_1e_12():
    for problem in (CORNER, QUOTIENT):
        proof = prove(problem)
        assert not recheck(_tightened(problem), proof.certificate).ok


def test_the_recheck_refuses_an_altered_corner_box():
    proof = prove(CORNER)
    stored = certificate_to_dict(proof.certificate)
    k = next(i for i, leaf in enumerate(stored["leaves"]) if leaf["method"] == "corner")
    stored["leaves"][k]["high"][0] = str(Q(stored["leaves"][k]["high"][0]) * 2)
    assert not recheck(CORNER, certificate_from_dict(stored)).ok
    moved = certificate_to_dict(proof.certificate)
    moved["leaves"][k]["face2"] = moved["leaves"][k]["face"]  # a corner of one face with itself
    assert not recheck(CORNER, certificate_from_dict(moved)).ok
