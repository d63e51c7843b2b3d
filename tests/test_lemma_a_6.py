"""Lemma A.6: r_t = P(t, 0) r_0 reproduces the solution of dr/dt = -K_t r (an independent ODE solver)."""
import numpy as np
from scipy.integrate import solve_ivp

from proofcheck.numerics.paths import product_integral
from proofcheck.numerics.contexts import F64


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


STIFF = {"dims": {"n": 2, "d": 3, "k": 2, "g": 1}, "values": {"X": [[["17.938792780562427", "-407.6766777526595", "39.67967468311409"], ["155.42273276527166", "173.42682193848074", "-708.67212893784"]], [["187.38322802378136", "722.5099230550118", "81.74192653336834"], ["-144.12935328794703", "-276.39025901662626", "-35.439901319260436"]]], "gap": ["0.0005418027204814273"], "L": "1512.060222483799"}}


def test_a_stiff_residual_is_undecided_never_a_violation():
    """L ||X||^2 ~ 1e9: the quadrature of (12) is wrong at every level alike, so its error is
    unknown and the case is a boundary case (this witness was once reported violated)."""
    from proofcheck_packs.ntk_tight_2023.statements.lemma_a_6 import STATEMENT
    from proofcheck.search.confirm import confirm
    c = confirm(STATEMENT, STIFF, 20)
    assert c.status == "boundary"
