"""Product integrals on stiff paths (proofcheck.numerics.stiff_paths): exponential steps whose cost does not
grow with ||K|| h. Each enclosure contains an independent reference (a closed form, Arb's exponential of a
constant kernel, an implicit Radau solution at tight tolerance), and each can fail: an entry moved in its
last digit or a dropped step gives a ball that excludes the reference, and a bound below the enclosure is
refused. Each stiff enclosure takes a few seconds (about 8000 exponential steps): those tests are slow."""
import dataclasses

import flint
import numpy as np
import pytest
from scipy.integrate import solve_ivp

from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.registry import resolve
from proofcheck.numerics import enclosures, stiff_paths
from proofcheck.numerics.arb import arb_prec
from proofcheck.search.certify import certify

BITS = 170


def mat(rows):
    return flint.arb_mat([[flint.arb(x) for x in row] for row in rows])


def times(*ts):
    return [flint.arb(t) for t in ts]


def contains(P, Q, n):
    return all(P[i, j].contains(Q[i, j]) for i in range(n) for j in range(n))


def test_a_constant_stiff_kernel_gives_the_matrix_exponential_and_a_last_digit_moves_it_off():
    with arb_prec(BITS):
        X, T = mat([["30.5", "0"], ["1.25", "0.5"]]), times(0, 4)  # ||K|| T about 3700: past the Taylor steps
        exact = (X * X.transpose() * flint.arb(-4)).exp()
        P = enclosures.product([X, X], T, BITS)
        assert contains(P, exact, 2)
        moved = mat([["30.5", "0"], ["1.25", "0.5000000000000001"]])
        Q = stiff_paths.product([moved, moved], T, BITS)
        assert not all(P[i, j].overlaps(Q[i, j]) for i in range(2) for j in range(2))


def test_a_dropped_step_gives_a_ball_that_excludes_the_product():
    with arb_prec(BITS):
        X, T = mat([["30.5", "0"], ["1.25", "0.5"]]), times(0, 4)
        exact = (X * X.transpose() * flint.arb(-4)).exp()
        pieces = stiff_paths.segments([X, X], T)
        steps = stiff_paths.stiff_product([X, X], T, BITS).steps
        assert contains(stiff_paths.frozen_product(pieces, steps).enclosure(), exact, 2)
        dropped = stiff_paths.frozen_product(pieces, steps[:-2] + steps[-1:]).enclosure()
        assert not contains(dropped, exact, 2)


@pytest.mark.slow
@pytest.mark.parametrize("big, integral, bound", [("3000", "19000000/3", 0.05), ("1e8", "0", 1e-3)])
def test_a_diagonal_path_with_sup_K_T_of_1e7_or_1e16_contains_its_closed_form(big, integral, bound):
    with arb_prec(BITS):
        A = mat([[big, "0"], ["0", "1"]])
        B = mat([[flint.arb(big) - 1000 if big == "3000" else flint.arb(big) + 1, "0"], ["0", "2"]])
        result = stiff_paths.stiff_product([A, B], times(0, 1), BITS)
        P = result.enclosure()
        # K = diag(x1^2, x2^2): P = diag(e^{-int x1^2}, e^{-int x2^2}), int_0^1 (1 + t)^2 dt = 7/3; at 1e16
        # the first entry is below 2^-(10^16), and 0 stands for it
        first = (-flint.arb(integral)).exp() if integral != "0" else flint.arb(0)
        exact = mat([[first, 0], [0, (-flint.arb(7) / 3).exp()]])
        assert contains(P, exact, 2)
        assert result.error < bound and len(result.steps) <= stiff_paths.STEPS_PER_BIT * BITS


# Claim 1's stiff witness (seed 1): sup ||K|| T about 4e7, ||P|| = 0.96116 by Radau, where mpmath's midpoint
# products said 0.554 with an error estimate of 0.6.
WITNESS = {"dims": {"n": 2, "d": 1, "k": 2, "g": 1},
           "values": {"A": [[["1.3088103810571046"], ["0.14277170471602502"]],
                            [["-0.13635196347214154"], ["-0.548915079064897"]]],
                      "B": [[["-6.803361711736549"], ["30.958385982735937"]],
                            [["7.431782655269268"], ["-40.853126852651236"]]],
                      "gap": ["0.2080149859119242"], "L": "13882.695286558843", "zeta": "0.8966751948580992"}}


def _witness_path():
    v = WITNESS["values"]
    z = flint.arb(v["zeta"])
    X = [mat(a) * (1 - z) + mat(b) * z for a, b in zip(v["A"], v["B"])]
    return X, [flint.arb(0), flint.arb(v["L"])]


def _radau(X0, X1, L, rtol=1e-11, atol=1e-13):
    """Y(L) for Y' = -X_s X_s^T Y, Y(0) = I, X_s = X0 + s (X1 - X0) / L (float64 knots), by scipy's implicit Radau."""
    C = (X1 - X0) / L
    n = X0.shape[0]

    def field(s, y):
        Xs = X0 + s * C
        return (-(Xs @ (Xs.T @ y.reshape(n, n)))).ravel()

    def jacobian(s, y):
        Xs = X0 + s * C
        return np.kron(-(Xs @ Xs.T), np.eye(n))
    sol = solve_ivp(field, (0, L), np.eye(n).ravel(), method="Radau", rtol=rtol, atol=atol, jac=jacobian)
    return sol.y[:, -1].reshape(n, n)


def _floats(M, cols):
    return np.array([[float(M[i, j].mid()) for j in range(cols)] for i in range(M.nrows())])


@pytest.mark.slow
def test_claim_1s_stiff_witness_contains_an_implicit_radau_solution():
    with arb_prec(BITS):
        X, T = _witness_path()
        P = enclosures.product(X, T, BITS)
    reference = _radau(_floats(X[0], 1), _floats(X[1], 1), float(WITNESS["values"]["L"]))
    # the reference's own error is below 1e-8, the ball's radius about 5e-2
    for i in range(2):
        for j in range(2):
            lo, hi = float(P[i, j].lower()), float(P[i, j].upper())
            assert lo + 1e-8 < reference[i, j] < hi - 1e-8
            assert hi - lo < 0.2
    assert abs(np.linalg.norm(reference, 2) - 0.9611562) < 1e-6


@pytest.mark.slow
def test_claim_1s_stiff_witness_is_certified_and_a_bound_below_it_is_refused():
    statement = resolve("claim-1")
    assert certify(statement, WITNESS, bits=BITS).status is CertificateStatus.CERTIFIED
    # ||P|| = 0.961 is above 0.5 (proved), and the enclosure cannot tell it from 0.96
    half = dataclasses.replace(statement, rhs=lambda ctx, c: 0.5)
    assert certify(half, WITNESS, bits=BITS).status is CertificateStatus.CERTIFIED_VIOLATION
    close = dataclasses.replace(statement, rhs=lambda ctx, c: 0.96)
    assert certify(close, WITNESS, bits=BITS).status is CertificateStatus.UNCERTIFIED


# Claim 1's stiff witness of a default audit at seed 2: the path's large entry crosses zero, so K's stiff
# eigenvalue passes through the soft ones and its eigenvectors turn there; ||P|| = 1 - 6.4e-7 (Radau).
CROSSING = {"dims": {"n": 2, "d": 2, "k": 2, "g": 1},
            "values": {"A": [[["0.00011908483491283155", "-25502.77293153563"],
                              ["-0.0023933886186354833", "7.898793943713921e-05"]],
                             [["0.0017362588516390556", "20024.901035314284"],
                              ["-0.00312437148455596", "0.0012777751671730474"]]],
                       "B": [[["-0.1292694824617667", "0.23627429726831536"],
                              ["-0.0011655624911721865", "-0.2542085160356641"]],
                             [["0.04571837833319232", "1.0912282020760773"],
                              ["0.002023837276617855", "0.01068124950778397"]]],
                       "gap": ["1628.5999668550246"], "L": "0.0021397532683967596", "zeta": "0.7788082519341633"}}


@pytest.mark.slow
def test_a_crossing_of_the_stiff_eigenvalue_is_bounded_through_the_schemes_own_state():
    """Where the stiff singular value falls below 1/h, (I - P) F is the whole slope (4.7e6 here), but the
    scheme's state has left the stiff direction: bounding ((I - P) F)^T V by V's own columns took the
    bound from 8.3e-3 to 6.7e-6 at 170 bits (the scheme's midpoint is within 1e-11 of Radau's)."""
    v = CROSSING["values"]
    with arb_prec(BITS):
        z = flint.arb(v["zeta"])
        X = [mat(a) * (1 - z) + mat(b) * z for a, b in zip(v["A"], v["B"])]
        result = stiff_paths.stiff_product(X, [flint.arb(0), flint.arb(v["L"])], BITS)
    reference = _radau(_floats(X[0], 2), _floats(X[1], 2), float(v["L"]), rtol=1e-12, atol=1e-14)
    assert abs(np.linalg.norm(reference, 2) - (1 - 6.39e-7)) < 1e-9
    error = float(result.error.upper())
    assert error < 2e-5
    ball = result.enclosure()
    for i in range(2):
        for j in range(2):
            assert float(ball[i, j].lower()) < reference[i, j] < float(ball[i, j].upper())
    # ||P|| = 1 - 6.4e-7 is above 0.99997 by 2.9e-5 (the norm's ball: 1.4e-5): certified; below 1 by 6.4e-7: refused
    statement = resolve("claim-1")
    below = dataclasses.replace(statement, rhs=lambda ctx, c: 0.99997)
    assert certify(below, CROSSING, bits=BITS).status is CertificateStatus.CERTIFIED_VIOLATION
    assert certify(statement, CROSSING, bits=BITS).status is CertificateStatus.UNCERTIFIED
