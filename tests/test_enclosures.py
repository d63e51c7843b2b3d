"""Rigorous enclosures of product integrals (CERTIFY.md, section 1): each contains an independent
reference, and each can fail: an input moved in its last digits gives a ball that excludes the
original value."""
import flint
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.integrate import solve_ivp

from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.registry import resolve
from proofcheck.numerics import enclosures
from proofcheck.numerics.arb import arb_prec
from proofcheck.search.certify import certify

BITS = 170


def mat(rows):
    return flint.arb_mat([[flint.arb(x) for x in row] for row in rows])


def times(*ts):
    return [flint.arb(t) for t in ts]


def test_a_constant_path_gives_the_matrix_exponential():
    with arb_prec(BITS):
        X = mat([["3/10", "6/5"], ["-7/10", "1/2"]])
        P = enclosures.product([X, X, X], times(0, "0.4", "1.5"), BITS)
        exact = (X * X.transpose() * flint.arb("-1.5")).exp()
        assert all(P[i, j].contains(exact[i, j]) for i in range(2) for j in range(2))
        assert max(float(P[i, j].rad()) for i in range(2) for j in range(2)) < 1e-40


def test_a_scalar_path_gives_exp_of_the_integral_and_excludes_a_perturbed_value():
    with arb_prec(BITS):
        P = enclosures.product([mat([["3/2"]]), mat([["-1/2"]])], times(0, 2), BITS)[0, 0]
        exact = (-flint.arb(7) / 6).exp()  # int_0^2 (3/2 - t)^2 dt = 7/6
        assert P.contains(exact)
        assert not P.contains(exact * (1 + flint.arb(10) ** -17))


def test_a_knot_moved_by_1e_17_moves_the_enclosure_off_the_original_value():
    with arb_prec(BITS):
        A = [mat([["1", "0"], ["1/3", "2"]]), mat([["0", "1"], ["1", "0"]])]
        moved = [A[0], A[1] + mat([["1e-17", "0"], ["0", "0"]])]
        P, Q = (enclosures.product(k, times(0, 1), BITS) for k in (A, moved))
        assert not all(P[i, j].overlaps(Q[i, j]) for i in range(2) for j in range(2))


def test_a_moving_path_agrees_with_dop853():
    knots = [np.array([[1.0, 0.5], [0.0, -1.0]]), np.array([[0.25, 2.0], [1.5, 0.5]]), np.array([[-1.0, 0.0], [0.5, 1.0]])]
    ts = [0.0, 0.75, 2.0]

    def X(t):
        j = 0 if t <= ts[1] else 1
        f = (t - ts[j]) / (ts[j + 1] - ts[j])
        return knots[j] * (1 - f) + knots[j + 1] * f

    def field(t, y):
        Y = y.reshape(2, 2)
        return (-(X(t) @ X(t).T) @ Y).ravel()
    ref = np.eye(2).ravel()
    for a, b in zip(ts[:-1], ts[1:]):
        ref = solve_ivp(field, (a, b), ref, method="DOP853", rtol=1e-13, atol=1e-15).y[:, -1]
    with arb_prec(BITS):
        P = enclosures.product([mat(k.tolist()) for k in knots], times(*ts), BITS)
        mid = np.array([[float(P[i, j].mid()) for j in range(2)] for i in range(2)])
    assert np.max(np.abs(mid - ref.reshape(2, 2))) < 1e-10


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-20, 20), min_size=4, max_size=4), st.integers(1, 3), st.integers(1, 30))
def test_every_constant_path_is_enclosed(entries, k, T):
    with arb_prec(BITS):
        X = mat([[flint.arb(e) / 10 for e in entries[:2]], [flint.arb(e) / 10 for e in entries[2:]]])
        ts = [flint.arb(T) * i / (k + 1) / 10 for i in range(k + 2)]
        P = enclosures.product([X] * (k + 2), ts, BITS)
        exact = (X * X.transpose() * (-ts[-1])).exp()
        assert all(P[i, j].contains(exact[i, j]) for i in range(2) for j in range(2))


def test_the_zeta_derivative_of_constant_paths_matches_a_fine_difference():
    with arb_prec(BITS):
        A, B = mat([["3/10", "6/5"], ["-7/10", "1/2"]]), mat([["1/10", "-1/5"], ["2/5", "9/10"]])
        z = flint.arb(3) / 10
        D = enclosures.interpolation_derivative([A, A], [B, B], times(0, "1.5"), z, BITS)
    with arb_prec(600):  # exact rational inputs: a central difference with h = 1e-60 is within 1e-110
        h = flint.arb(10) ** -60

        def P(zz):
            X = A * (1 - zz) + B * zz
            return (X * X.transpose() * flint.arb("-1.5")).exp()
        ref = (P(z + h) - P(z - h)) * (1 / (2 * h))
        assert all(D[i, j].overlaps(ref[i, j]) for i in range(2) for j in range(2))
        assert not D[0, 1].contains(ref[0, 1] + flint.arb(10) ** -30)


def test_the_residual_of_12_is_enclosed_around_zero():
    with arb_prec(BITS):
        knots = [mat([["3/10", "6/5"], ["-7/10", "1/2"]]), mat([["11/10", "1/5"], ["3/10", "-1/2"]]),
                 mat([["1/10", "-1/5"], ["2/5", "9/10"]])]
        R = enclosures.integral_equation_residual(knots, times(0, "0.4", "1.5"), BITS)
        assert all(R[i, j].contains(0) and R[i, j].rad() < 1e-40 for i in range(2) for j in range(2))


def test_a_path_integral_encloses_its_closed_form():
    with arb_prec(BITS):
        total = enclosures.path_integral([mat([["3/2"]]), mat([["-1/2"]])], times(0, 2),
                                         lambda X: X[0, 0] ** 2, 256)
        assert total.contains(flint.arb(7) / 6) and total.rad() < 1e-2


def test_a_stiff_path_is_refused_by_taylor_steps_with_its_reason():
    """The Taylor steps' limit, kept as a regression case: ``product`` goes on to the exponential
    steps of stiff_paths (tests/test_stiff_paths.py), the zeta-derivative does not."""
    with arb_prec(BITS):
        X = mat([["100", "0"], ["0", "1"]])
        with pytest.raises(enclosures.StiffPath, match="stiff path"):
            enclosures.taylor_product([X, X], times(0, 10), BITS)
        with pytest.raises(enclosures.StiffPath, match="stiff path"):
            enclosures.interpolation_derivative([X, X], [X, X], times(0, 10), flint.arb("0.5"), BITS)
        # the stiffness it names is sup ||K|| T, not ||K|| at the path's start (here 0) times T
        with pytest.raises(enclosures.NotEnclosed, match=r"about 1e\+07 for sup \|\|K\|\| T"):
            enclosures.taylor_product([mat([["0"]]), mat([["1e4"]])], times(0, "1e-1"), BITS)
        P = enclosures.product([X, X], times(0, 10), BITS)
        exact = (X * X.transpose() * flint.arb(-10)).exp()
        assert all(P[i, j].contains(exact[i, j]) for i in range(2) for j in range(2))


TURN = {"gap": ["0.0001", "0.9999"], "L": "1", "zeta": "0"}
A = [[["10"], ["0"]], [["0"], ["10"]], [["0"], ["10"]]]


def test_claims_2_turning_path_is_a_certified_violation():
    witness = {"dims": {"n": 2, "d": 1, "k": 3, "g": 2},
               "values": {"A": A, "B": [[["10.001"], ["0"]], [["0.001"], ["10"]], [["0.001"], ["10"]]], **TURN}}
    c = certify(resolve("claim-2"), witness)
    assert c.status is CertificateStatus.CERTIFIED_VIOLATION
    assert c.lhs.startswith("[9.96673600322") and c.rhs.startswith("[0.5000000000")
    assert certify(resolve("claim-2:as-used"), {**witness, "values": {**witness["values"], "B": [["0.001"], ["10"]]}}
                   ).status is CertificateStatus.CERTIFIED
