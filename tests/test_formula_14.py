"""Formula (14): dP(T, 0; zeta)/dzeta = -int_0^T P(T, t; zeta) (dK_{t,zeta}/dzeta) P(t, 0; zeta) dt,
computed by quadrature here, against the finite differences the engine uses for Lemma A.10."""
import numpy as np
from scipy.linalg import expm

from proofcheck.numerics.paths import interpolation_derivative
from proofcheck.numerics.contexts import F64


def _formula_14(A, B, T, zeta, steps=1500):
    """Midpoint quadrature of (14) on one linear segment, with P(T, t) = P(T, 0) P(t, 0)^{-1}."""
    h = T / steps
    n = A[0].shape[0]
    P_t = [np.eye(n)]
    mids = []
    for i in range(steps):
        f = (i + 0.5) / steps
        a, b = (1 - f) * A[0] + f * A[1], (1 - f) * B[0] + f * B[1]
        X, C = a + zeta * (b - a), b - a
        half = expm(-0.5 * h * X @ X.T)
        mids.append((half @ P_t[-1], X @ C.T + C @ X.T))
        P_t.append(half @ half @ P_t[-1])
    P_T = P_t[-1]
    total = np.zeros((n, n))
    for P_mid, dK in mids:
        total -= h * (P_T @ np.linalg.inv(P_mid)) @ dK @ P_mid
    return total


def test_formula_14_agrees_with_finite_differences():
    rng = np.random.default_rng(7)
    A = [rng.standard_normal((3, 2)) * 0.8 for _ in range(2)]
    B = [rng.standard_normal((3, 2)) * 0.8 for _ in range(2)]
    T, zeta = 0.9, 0.35
    times = [np.array(0.0).reshape(1, 1, 1), np.array(T).reshape(1, 1, 1)]
    D = interpolation_derivative(F64, [a[None] for a in A], [b[None] for b in B], times,
                                 np.array(zeta).reshape(1, 1, 1), q=8)
    quad = _formula_14(A, B, T, zeta)
    assert np.linalg.norm(D.value[0] - quad, 2) < 1e-5 * np.linalg.norm(quad, 2) + 2 * D.error[0, 0, 0]
