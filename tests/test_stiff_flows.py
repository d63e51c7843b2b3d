"""Stiff gradient flows (CERTIFY.md, section 2; issue 25): the error bound through the logarithmic norm
of Df on the tube. Each enclosure contains an independent reference (numpy's eigenvalues, scipy's DOP853
at tight tolerance), a perturbed input moves it off the original value, and the rough one-sided bound
that ignores -Dh^T Dh is kept as the regression case it fails on."""
import json
from pathlib import Path

import flint
import numpy as np
import pytest
from scipy.integrate import solve_ivp

from proofcheck.core.registry import resolve
from proofcheck.numerics import enclosed_flows, flow_steps
from proofcheck.numerics.arb import arb_prec
from proofcheck.numerics.enclosures import NotEnclosed
from proofcheck.numerics.flow_steps import Contraction
from proofcheck.numerics.log_norm import log_norm_upper
from proofcheck.search.certify import certify

BITS = 170


def _ball_matrix(A, radius):
    r = flint.arb(radius)
    return flint.arb_mat([[flint.arb(x) + flint.arb(0).union(r).union(-r) for x in row] for row in A.tolist()])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_log_norm_upper_bounds_every_matrix_in_the_ball_and_is_sharp(seed):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((4, 4))
    ball = _ball_matrix(A, 1e-6)
    bound = float(log_norm_upper(ball))
    for _ in range(50):  # matrices inside the ball, not symmetric: their symmetric part's top eigenvalue
        B = A + rng.uniform(-1e-6, 1e-6, A.shape)
        assert np.linalg.eigvalsh((B + B.T) / 2).max() <= bound
    top = np.linalg.eigvalsh((A + A.T) / 2).max()
    assert bound - top < 1e-4  # a bound tightened by 1e-4 would refuse the ball's own midpoint
    assert not float(log_norm_upper(_ball_matrix(A, 0))) < top - 1e-12


def test_log_norm_of_a_dissipative_jacobian_is_negative():
    # Df = (1/alpha) sum_i r_i Q_i - Dh^T Dh with Dh^T Dh dominating: the rough bound is positive
    J = [["10"], ["10"]]
    with arb_prec(BITS):
        f = _field(J, [[["1"]], [["-1"]]], ["1", "-0.9"], "0.01")
        box = [flint.arb(0)]
        assert log_norm_upper(f.jacobian_matrix(box)) < -9  # 190 - 200 = -10
        assert f.one_sided_bound(box) > 100


def _field(J, Q, r0, alpha):
    a = flint.arb
    return enclosed_flows.QuadraticField([[a(x) for x in row] for row in J], [[[a(x) for x in row] for row in Qi] for Qi in Q],
                                         [a(x) for x in r0], a(alpha))


def _dop853(J, Q, r0, alpha, T):
    J, Q, r0 = (np.array(x, dtype=float) for x in (J, Q, r0))

    def f(t, w):
        D = J + np.einsum("ijk,k->ij", Q, w)
        r = r0 - alpha * (J @ w + 0.5 * np.einsum("ijk,j,k->i", Q, w, w))
        return D.T @ r / alpha
    return solve_ivp(f, (0, T), np.zeros(J.shape[1]), method="DOP853", rtol=1e-13, atol=1e-15).y[:, -1]


# n = 2, p = 1: the residual cannot vanish, so (1/alpha) ||r|| ||Q|| stays near 190 while Dh^T Dh = 200
STIFF = dict(J=[["10"], ["10"]], Q=[[["1"]], [["-1"]]], r0=["1", "-0.9"], alpha="0.01")


def test_a_stiff_dissipative_flow_is_enclosed_and_contains_dop853():
    with arb_prec(BITS):
        states, _ = enclosed_flows.nonlinear_flow(_field(**STIFF), flint.arb(1), 8, BITS)
        ref = _dop853(STIFF["J"], STIFF["Q"], STIFF["r0"], 0.01, 1.0)
        end = states[-1]
        assert max(float(x.rad()) for x in end) < 1e-20
        assert np.max(np.abs(np.array([float(x.mid()) for x in end]) - ref)) < 1e-9
        changed = dict(STIFF, alpha="0.010000000000000001")  # alpha changed in its last digit
        moved, _ = enclosed_flows.nonlinear_flow(_field(**changed), flint.arb(1), 8, BITS)
        assert not all(x.overlaps(y) for x, y in zip(end, moved[-1]))


def test_regression_the_one_sided_bound_gives_up_on_the_stiff_flow_with_its_numbers():
    with arb_prec(BITS):
        with pytest.raises(NotEnclosed, match=r"grew past 1e-03 of the state by t = [0-9.]+ \([0-9.e+-]+ after \d+ steps"):
            enclosed_flows.nonlinear_flow(_field(**STIFF), flint.arb(1), 8, BITS, Contraction.ONE_SIDED)


def test_a_step_refuses_a_tightened_tolerance_and_dropped_terms():
    with arb_prec(BITS):
        f = _field(**STIFF)
        z = [flow_steps.exact(p) for p in f.taylor([flint.arb(0)], flow_steps.ORDER)]
        h = flint.arb("0.001")
        step = flow_steps.flow_step(f, z, flint.arb(0), h, flint.arb(2) ** -80)
        assert step is not None and step.error < flint.arb(2) ** -80
        assert flow_steps.flow_step(f, z, flint.arb(0), h, flint.arb(2) ** -400) is None  # tolerance below the defect
        z_short = [flint.arb_poly(p.coeffs()[:10]) for p in z]  # terms 10.. dropped: a defect about 1e-14
        assert flow_steps.flow_step(f, z_short, flint.arb(0), h, flint.arb(2) ** -80) is None


# Audit witnesses (seed 2) that the old accounting left uncertified ("the flow's error bound grew past 1e-03
# of the state by t = 3.9e-12" for lemma-a.4; "by t = 0.000386" for theorem-1.2's worst case at that seed).
WITNESSES = json.loads((Path(__file__).parent / "fixtures" / "stiff_flow_witnesses.json").read_text())


@pytest.mark.parametrize("case", WITNESSES, ids=[w["statement"] for w in WITNESSES])
def test_regression_the_audits_stiff_witnesses_certify(case):
    c = certify(resolve(case["statement"]), case["witness"])
    assert c.status.value == case["expected"], c
