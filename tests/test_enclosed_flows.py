"""Rigorous enclosures of the gradient flows (CERTIFY.md, section 2): each contains an independent
reference (a linear model's closed form, scipy's DOP853 at tight tolerance), and a coefficient
changed in its last digits gives a ball that excludes the original value."""
import flint
import numpy as np
import pytest
from scipy.integrate import solve_ivp

from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.registry import resolve
from proofcheck.numerics import enclosed_flows
from proofcheck.numerics.arb import arb_prec
from proofcheck.numerics.enclosures import NotEnclosed
from proofcheck.search.certify import certify

BITS = 170


def field(J, Q, r0, alpha):
    a = lambda x: flint.arb(x)  # noqa: E731
    return enclosed_flows.QuadraticField([[a(x) for x in row] for row in J],
                                         [[[a(x) for x in row] for row in Qi] for Qi in Q], [a(x) for x in r0], a(alpha))


def test_a_linear_model_follows_its_closed_form():
    # Q = 0: w(t) = (1/alpha) J^T (int_0^t e^{-J J^T s} ds) r0; n = p = 1: w(t) = r0 (1 - e^{-J^2 t}) / (alpha J)
    with arb_prec(BITS):
        f = field([["3/2"]], [[["0"]]], ["1"], "2")
        states, lengths = enclosed_flows.nonlinear_flow(f, flint.arb(2), 8, BITS)
        J, t = flint.arb(3) / 2, flint.arb(2)
        exact = (1 - (-J * J * t).exp()) / (2 * J)
        assert states[-1][0].contains(exact) and states[-1][0].rad() < 1e-20
        assert not states[-1][0].contains(exact * (1 + flint.arb(10) ** -15))
        assert lengths[-1].contains(exact)  # w moves monotonically: its path length is |w(T)|
        bars, _ = enclosed_flows.linearized_flow(f, flint.arb(2), 8)
        assert bars[-1][0].contains(exact)


def _dop853(J, Q, r0, alpha, T):
    J, Q, r0 = np.array(J, float), np.array(Q, float), np.array(r0, float)

    def f(t, w):
        D = J + np.einsum("ijk,k->ij", Q, w)
        r = r0 - alpha * (J @ w + 0.5 * np.einsum("ijk,j,k->i", Q, w, w))
        return D.T @ r / alpha
    return solve_ivp(f, (0, T), np.zeros(J.shape[1]), method="DOP853", rtol=1e-13, atol=1e-15).y[:, -1]


CASE = dict(J=[["0.5", "1"], ["-0.3", "0.2"]], Q=[[["1", "0.25"], ["0.25", "-0.5"]], [["0.375", "0"], ["0", "0.75"]]],
            r0=["1", "-0.5"], alpha="1.5")


def test_a_nonlinear_flow_agrees_with_dop853_and_a_changed_coefficient_moves_it():
    with arb_prec(BITS):
        states, _ = enclosed_flows.nonlinear_flow(field(**CASE), flint.arb(2), 8, BITS)
        ref = _dop853([[float(flint.arb(x)) for x in r] for r in CASE["J"]],
                      [[[float(flint.arb(x)) for x in r] for r in Qi] for Qi in CASE["Q"]],
                      [float(flint.arb(x)) for x in CASE["r0"]], 1.5, 2.0)
        mids = np.array([float(x.mid()) for x in states[-1]])
        assert np.max(np.abs(mids - ref)) < 1e-10 and max(float(x.rad()) for x in states[-1]) < 1e-15
        changed = dict(CASE, alpha="1.500000000000001")
        moved, _ = enclosed_flows.nonlinear_flow(field(**changed), flint.arb(2), 8, BITS)
        assert not all(a.overlaps(b) for a, b in zip(states[-1], moved[-1]))


def test_a_flow_the_bound_cannot_follow_is_refused_with_its_reason():
    with arb_prec(BITS):
        f = field([["0.001"]], [[["50"]]], ["1"], "0.01")  # expands fast: mu = ||r|| ||Q|| / alpha = 5000
        with pytest.raises(NotEnclosed, match="error bound grew|stiff flow"):
            enclosed_flows.nonlinear_flow(f, flint.arb(50), 8, BITS)


def test_the_known_flow_counterexamples_are_certified_violations():
    ineq7 = {"dims": {"n": 1, "p": 1, "one": 1},
             "values": {"J": [["1.0"]], "Q": [[["0.01"]]], "r0": [["1.0"]], "alpha": "1.0", "T": "1e-4"}}
    a4 = {"dims": {"n": 1, "p": 1, "one": 1},
          "values": {"J": [["0.1"]], "Q": [[["30.0"]]], "r0": [["1.0"]], "alpha": "3.0", "T": "1.0"}}
    for sid, witness in (("inequality-7", ineq7), ("lemma-a.4", a4)):
        c = certify(resolve(sid), witness)
        assert c.status is CertificateStatus.CERTIFIED_VIOLATION, (sid, c)
    assert certify(resolve("inequality-7"), ineq7).lhs.startswith("[1.99970202266684")


def test_the_taylor_recurrence_agrees_with_picard_iteration():
    # two independent computations of the same polynomial: coefficient recurrence and Picard iteration
    with arb_prec(BITS):
        f = field(**CASE)
        start = [flint.arb("0.25"), flint.arb("-0.5")]
        fast, slow = enclosed_flows.taylor_coefficients(f, start, 20), enclosed_flows.taylor_polynomial(f, start, 20)
        for p, q in zip(fast, slow):
            assert len(p.coeffs()) == len(q.coeffs()) == 21
            assert all(a.overlaps(b) and abs(a - b) < flint.arb(10) ** -40 for a, b in zip(p.coeffs(), q.coeffs()))
        changed = field(**dict(CASE, alpha="1.500000000000001"))
        moved = enclosed_flows.taylor_coefficients(changed, start, 20)
        assert not all(a.overlaps(b) for p, q in zip(fast, moved) for a, b in zip(p.coeffs(), q.coeffs()))


@pytest.mark.parametrize("J", ["1.5", "400"])  # Taylor pieces; a stiff interval, on balls
def test_the_linear_flows_path_length_contains_its_closed_form(J):
    # n = p = 1: the speed is |J| e^{-J^2 s} |v|, so int_a^{a+H} = |v| (e^{-J^2 a} - e^{-J^2 (a + H)}) / |J|
    with arb_prec(BITS):
        Jb, v, a, H = flint.arb(J), flint.arb("0.75"), flint.arb("0.25"), flint.arb("0.5")
        ball = enclosed_flows.linear_speed_integral(flint.arb_mat([[Jb]]), flint.arb_mat([[Jb * Jb]]),
                                                    flint.arb_mat([[v]]), a, H, 16)
        exact = v * ((-Jb * Jb * a).exp() - (-Jb * Jb * (a + H)).exp()) / Jb
        assert ball.contains(exact)
        if J == "1.5":
            assert ball.rad() < 1e-15
            shorter = enclosed_flows.linear_speed_integral(flint.arb_mat([[Jb]]), flint.arb_mat([[Jb * Jb]]),
                                                           flint.arb_mat([[v]]), a, H - flint.arb(10) ** -12, 16)
            assert not shorter.overlaps(ball)


def test_the_path_lengths_are_enclosed_when_read_at_the_flows_precision():
    # the lengths are deferred: read after the flow's precision was left, they are still those of 170 bits
    with arb_prec(BITS):
        f = field([["3/2"]], [[["0"]]], ["1"], "2")
        _, lengths = enclosed_flows.nonlinear_flow(f, flint.arb(2), 8, BITS)
        _, bar_lengths = enclosed_flows.linearized_flow(f, flint.arb(2), 8)
        J, t = flint.arb(3) / 2, flint.arb(2)
        exact = (1 - (-J * J * t).exp()) / (2 * J)
    for s in (lengths[-1], bar_lengths[-1]):
        assert s.contains(exact) and s.rad() < 1e-20
    assert len(lengths) == len(bar_lengths) == 9 and lengths[0] == 0


def test_an_enclosed_trajectory_fills_its_path_lengths_only_when_read():
    witness = {"dims": {"n": 1, "p": 1, "one": 1},
               "values": {"J": [["1.0"]], "Q": [[["0.5"]]], "r0": [["1.0"]], "alpha": "2.0", "T": "1.0"}}
    from proofcheck.core.cases import mp_namespace
    from proofcheck.numerics import batch
    from proofcheck.numerics.arb import ArbContext
    from proofcheck_packs.ntk_tight_2023.models import training
    stmt, ctx = resolve("lemma-a.1"), ArbContext(BITS)
    with arb_prec(BITS):
        c = mp_namespace(ctx, stmt.space, witness)
        traj = training.trajectory(ctx, c, batch.scalar(ctx, c.T))
        assert traj.fine[0, -1, 1] is None and traj.parts(traj.fine)["w"][0, -1] is not None
        s = training.end(traj.parts(traj.fine), "s")[0]
        assert traj.fine[0, -1, 1] is s and s.overlaps(abs(traj.fine[0, -1, 0]))  # p = 1: the path is its chord
