"""Flows (1) and (3) against closed forms: the linear model's exponential decay, Appendix B's
Bernoulli solution of (18); models' derivatives against finite differences; a run that overflows."""
import json
from pathlib import Path

import mpmath
import numpy as np
import pytest
import scipy.linalg

from proofcheck.core.cases import f64_namespace, witness_values
from proofcheck.core.registry import discover
from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.statements import theorem_1_3
from proofcheck.numerics import batch
from proofcheck.numerics.flows import gradient_flows
from proofcheck_packs.ntk_tight_2023.models.network import Network
from proofcheck_packs.ntk_tight_2023.models.quadratic import Quadratic, lip_dh_quadratic
from proofcheck.numerics.contexts import F64
from proofcheck.numerics.contexts import MP


def _linear(rng, B=16, n=3, p=4):
    J = rng.standard_normal((B, n, p))
    return Quadratic(F64, J, np.zeros((B, n, p, p)), rng.standard_normal((B, n)), 10.0 ** rng.uniform(-1, 2, B))


def _mp(x):
    return np.array(np.asarray(x, dtype=float).tolist(), dtype=object) * mpmath.mpf(1)


def test_linear_model_residual_decays_as_the_kernel_exponential():
    rng = np.random.default_rng(0)
    model = _linear(rng)
    T = 10.0 ** rng.uniform(-2, 0.5, 16)
    traj = gradient_flows(F64, model, T)
    w, wbar = traj.parts(traj.fine)["w"][:, -1], traj.parts(traj.fine)["wbar"][:, -1]
    K = model.J @ np.swapaxes(model.J, -1, -2)
    exact = np.stack([scipy.linalg.expm(-K[b] * T[b]) @ model.r0[b] for b in range(16)])
    assert np.max(np.abs(model.residual(w) - exact)) < 1e-9 * np.max(np.abs(model.r0))
    assert np.max(np.abs(w - wbar)) < 1e-12  # a linear model is its own linearization


def test_scalar_linear_model_in_mpmath_matches_exp_decay_to_many_digits():
    with mpmath.workdps(40):
        a, r0, alpha, T = mpmath.mpf(0.7), mpmath.mpf(1.3), mpmath.mpf(3), mpmath.mpf(2)  # the doubles the model holds
        model = Quadratic(MP, _mp([[[0.7]]]), _mp([[[[0.0]]]]), _mp([[1.3]]), np.array([alpha], dtype=object))
        traj = gradient_flows(MP, model, np.array([T], dtype=object))
        est = traj.estimate(lambda s: model.residual(s["w"][:, -1])[:, 0])
        exact = r0 * mpmath.exp(-a * a * T)
        assert abs(est.value - exact) < mpmath.mpf(10) ** -14
        assert abs(est.value - exact) <= max(est.error, mpmath.mpf(10) ** -30) * 10


def test_appendix_b_flow_matches_the_bernoulli_closed_form_of_18():
    rng = np.random.default_rng(1)
    B = 24
    T, alpha, R0, lip = (10.0 ** rng.uniform(-1, 1, B) for _ in range(4))
    J = (1 / np.sqrt(T)).reshape(B, 1, 1)
    model = Quadratic(F64, J, lip.reshape(B, 1, 1, 1), np.sqrt(2 * R0).reshape(B, 1), alpha)
    traj = gradient_flows(F64, model, T)
    s = traj.parts(traj.fine)
    r = model.residual(s["w"][:, -1])[:, 0]
    rbar = model.r0[:, 0] - alpha * J[:, 0, 0] * s["wbar"][:, -1, 0]
    c = type("Case", (), {"alpha": alpha, "T": T, "lip": lip, "R0": R0})
    closed_r, closed_rbar = theorem_1_3.residuals(F64, c)
    assert np.max(np.abs(r - closed_r) / np.sqrt(R0)) < 1e-9
    assert np.max(np.abs(rbar - closed_rbar) / np.sqrt(R0)) < 1e-9


def test_error_estimate_bounds_the_actual_error_of_the_flow():
    rng = np.random.default_rng(2)
    model = _linear(rng, B=8)
    T = np.full(8, 3.0)
    traj = gradient_flows(F64, model, T, tolerance=1e-4)  # a loose tolerance, so errors are visible
    est = traj.estimate(lambda s: model.residual(s["w"][:, -1])[:, 0])
    K = model.J @ np.swapaxes(model.J, -1, -2)
    exact = np.array([(scipy.linalg.expm(-K[b] * 3.0) @ model.r0[b])[0] for b in range(8)])
    assert np.all(np.abs(est.value.ravel() - exact) <= est.error.ravel() + 1e-12)


def test_quadratic_lip_bounds_sandwich_the_bilinear_norm():
    rng = np.random.default_rng(3)
    G = rng.standard_normal((32, 3, 4, 4))
    Q = (G + np.swapaxes(G, -1, -2)) / 2
    lower, upper = lip_dh_quadratic(F64, Q)
    u = rng.standard_normal((32, 2000, 4))
    u /= np.linalg.norm(u, axis=-1, keepdims=True)
    sampled = np.linalg.norm(np.einsum("bijk,bsj,bsk->bsi", Q, u, u), axis=-1).max(axis=1)
    assert np.all(lower <= upper + 1e-12)
    assert np.all(sampled <= upper + 1e-12)
    assert np.all(lower >= 0.5 * upper)  # max_i ||Q_i|| >= ||Q|| / sqrt(n)


@pytest.mark.parametrize("sigma", ["sigmoid", "tanh"])
def test_network_derivatives_match_finite_differences(sigma):
    rng = np.random.default_rng(4)
    n, m, d = 5, 6, 3
    net = Network(F64, rng.standard_normal((2, n, d)), rng.uniform(-.4, .4, (2, m)), rng.uniform(-.4, .4, (2, m, d)),
                  rng.standard_normal((2, n)), np.ones(2), sigma)
    w = net.w0 + 0.1 * rng.standard_normal(net.w0.shape)
    v = rng.standard_normal(w.shape)
    h = 1e-6
    fd_jac = (net.h(w + h * v) - net.h(w - h * v)) / (2 * h)
    assert np.allclose(np.einsum("bij,bj->bi", net.jacobian(w), v), fd_jac, atol=1e-7)
    fd_hess = (net.jacobian(w + h * v) - net.jacobian(w - h * v)) / (2 * h)
    assert np.allclose(net.second_derivative(w, v), fd_hess, atol=1e-6)


def test_network_float64_and_mpmath_paths_agree():
    rng = np.random.default_rng(5)
    args = (rng.standard_normal((1, 3, 2)), rng.uniform(-.5, .5, (1, 4)), rng.uniform(-.5, .5, (1, 4, 2)),
            rng.standard_normal((1, 3)), np.array([2.0]))
    f64 = Network(F64, *args, "tanh")
    with mpmath.workdps(30):
        mp = Network(MP, *(_mp(a) for a in args), "tanh")
        T = 0.5
        a = gradient_flows(F64, f64, np.array([T]))
        b = gradient_flows(MP, mp, np.array([mpmath.mpf(T)], dtype=object))
        assert np.allclose(a.fine[0], np.asarray(b.fine[0], dtype=float), rtol=1e-9, atol=1e-12)
    assert batch.norm(F64, a.fine[0, -1:, :4])[0] > 0


def test_a_flow_whose_coarse_run_overflows_is_refined_and_one_that_always_overflows_is_set_aside():
    """Theorem-3.2@ball's seed-7 cubic case (issue 25; w(T) reaches 2427) overflows at 8 macro steps, and that
    run's NaN difference used to be its error estimate. Refined, its float64 left side is the reference (60-digit
    Taylor steps, ``fixtures/make_issue_25_references.py``) within its finite error; at ten times its T the runs
    overflow up to the cap, and the case is set aside (NaN value) rather than given a value and a NaN error."""
    case = json.loads((Path(__file__).parent / "fixtures" / "issue_25_cases.json").read_text())["theorem-3.2@ball"]
    statement = discover("ntk-tight-2023")["theorem-3.2@ball"]
    dims, values = witness_values(statement.space, case["witness"])
    c = f64_namespace(statement.space, dims, values)
    with np.errstate(all="ignore"):
        lhs = statement.lhs(F64, c)
        value, error = np.ravel(lhs.value)[0], np.ravel(lhs.error)[0]
        assert abs(value - float(case["lhs"])) <= 2 * error < 1e-9
        far = gradient_flows(F64, training.model(F64, c), 10 * values["T"], max_stiffness=np.inf)
        est = far.estimate(lambda s: training.end(s, "w")[:, 0])
    assert np.isnan(est.value).all() and np.isnan(est.error).all()
