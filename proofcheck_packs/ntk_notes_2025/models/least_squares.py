"""Linear least squares in an overparametrized basis: the NTK regression of the notes.

The features phi_i = grad_theta f_{theta_0}(x_i) in R^p are the rows of Phi (n x p, p >= n); the
targets y in R^n; the loss L(Delta theta) = ||y - Phi Delta theta||^2 / n. For rank Phi = n the
minimum-norm minimizer is Phi^+ y with Phi^+ = Phi^T (Phi Phi^T)^{-1} (it interpolates, L = 0, and
lies in the row space of Phi, orthogonal to every other solution's difference). Everything is written
against the arithmetic contexts, so it runs in float64 batches, mpmath and Arb.
"""
from __future__ import annotations

from typing import Any

from proofcheck.numerics.linalg import spectral_norm
from proofcheck.numerics.pseudoinverse import pseudoinverse, smallest_singular_value

__all__ = ["minimum_norm_solution", "sigma", "norm", "interpolation_residual"]


def minimum_norm_solution(ctx: Any, Phi: Any, y: Any) -> Any:
    """Delta theta_hat = Phi^+ y (p x 1)."""
    return pseudoinverse(ctx, Phi) @ y


def sigma(ctx: Any, Phi: Any) -> Any:
    """sigma = sigma_min(Phi), from spectral norms only (independent of the pseudoinverse)."""
    return smallest_singular_value(ctx, Phi)


def norm(ctx: Any, v: Any) -> Any:
    """||v||_2 of a column (the spectral norm of a one-column matrix)."""
    return spectral_norm(ctx, v)


def interpolation_residual(ctx: Any, Phi: Any, y: Any) -> Any:
    """||Phi Phi^+ y - y||: 0 when Phi^+ y solves Phi Delta theta = y (the loss's global minimum 0)."""
    return spectral_norm(ctx, Phi @ minimum_norm_solution(ctx, Phi, y) - y)


def within_rank(witness: dict[str, Any]) -> list[str]:
    """The theorem's hypotheses on Phi beyond the space's shapes: rank Phi = n (sigma_min > 0), in float64
    with a relative margin (a witness at the edge of rank deficiency is set aside, not judged)."""
    import numpy as np

    Phi = np.asarray(witness["values"]["Phi"], dtype=float)
    s = np.linalg.svd(Phi, compute_uv=False)
    if s.size == 0 or s[-1] <= 1e-12 * max(s[0], 1e-300):
        return ["rank Phi < n (sigma_min(Phi) = 0)"]
    return []
