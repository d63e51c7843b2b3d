"""Lemma A.6: r_t = P(t, 0) r_0 reproduces the solution of dr/dt = -K_t r (an independent ODE solver)."""
import numpy as np
from scipy.integrate import solve_ivp

from proofcheck.paths import product_integral
from proofcheck.precision import F64


def test_product_integral_transports_the_residual_like_the_ode():
    rng = np.random.default_rng(11)
    knots = [rng.standard_normal((3, 2)) for _ in range(3)]
    times = np.array([0.0, 0.4, 1.0])
    r0 = rng.standard_normal(3)

    def rhs(t, r):
        j = min(np.searchsorted(times, t, side="right") - 1, len(knots) - 2)
        f = (t - times[j]) / (times[j + 1] - times[j])
        X = (1 - f) * knots[j] + f * knots[j + 1]
        return -(X @ (X.T @ r))

    ode = solve_ivp(rhs, (0.0, 1.0), r0, rtol=1e-12, atol=1e-14, method="DOP853", max_step=0.01).y[:, -1]
    P = product_integral(F64, [k[None] for k in knots], [np.array(t).reshape(1, 1, 1) for t in times], q=16)
    assert np.linalg.norm(P.value[0] @ r0 - ode) < 1e-8 * np.linalg.norm(r0) + 2 * P.error[0, 0, 0] * np.linalg.norm(r0)


def test_linearized_dynamics_are_the_matrix_exponential():
    # rbar_t = e^{-K_0 t} r_0: the constant path's product integral
    rng = np.random.default_rng(2)
    X = rng.standard_normal((2, 3))
    r0 = rng.standard_normal(2)
    ode = solve_ivp(lambda t, r: -(X @ (X.T @ r)), (0.0, 0.7), r0, rtol=1e-12, atol=1e-14, method="DOP853").y[:, -1]
    P = product_integral(F64, [X[None], X[None]], [np.zeros((1, 1, 1)), np.full((1, 1, 1), 0.7)])
    assert np.allclose(P.value[0] @ r0, ode, atol=1e-9)
