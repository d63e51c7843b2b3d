"""The infinite-width Gram matrix of the two-layer ReLU network f(x) = m^{-1/2} sum_r a_r ReLU(w_r^T x)
(the slides' equations (1)-(2)), written once against the arithmetic contexts.

Every helper takes and returns batches (numpy arrays with a leading batch axis, of float64 or of the
context's numbers: ``ctx.as_batch``), so one code path serves float64 screening, mpmath and Arb.
Inputs are the rows of X, read as the unit vectors x_i = X_i / ||X_i|| (the slides' setting ||x|| = 1).
"""
from __future__ import annotations

from typing import Any

import numpy as np


def pi(ctx: Any) -> Any:
    """pi in the context (2 arccos 0: an enclosure in Arb)."""
    return 2 * ctx.apply("acos", ctx.mpf(0))


def arc_kernel(ctx: Any, u: Any) -> Any:
    """f(u) = u (pi - arccos u) / (2 pi), the slides' closed form (2) as a function of u = x_i^T x_j."""
    p = pi(ctx)
    return u * (p - ctx.apply("acos", u)) / (2 * p)


def cosines(ctx: Any, X: Any) -> np.ndarray:
    """The batch of matrices u_ij = x_i^T x_j of the unit vectors x_i = X_i / ||X_i||, with u_ii = 1
    exactly and every entry clipped to [-1, 1] (rounding never leaves the domain of arccos)."""
    A = ctx.as_batch(X)
    G = A @ np.swapaxes(A, -1, -2)
    n = G.shape[-1]
    r = ctx.apply("sqrt", np.diagonal(G, axis1=-2, axis2=-1))
    U = G / (r[..., :, None] * r[..., None, :])
    one = ctx.mpf(1)
    U = ctx.minimum(ctx.maximum(U, -one + 0 * U), one + 0 * U)
    return np.where(np.eye(n, dtype=bool), one + 0 * U, U)


def gram_infinity(ctx: Any, X: Any) -> np.ndarray:
    """H^inf_ij = x_i^T x_j (pi - arccos(x_i^T x_j)) / (2 pi) for the unit vectors of X's rows, as a batch."""
    return arc_kernel(ctx, cosines(ctx, X))


def off_diagonal(U: np.ndarray) -> np.ndarray:
    """The entries i != j of a batch of n x n matrices, shape (B, n(n-1))."""
    n = U.shape[-1]
    mask = ~np.eye(n, dtype=bool)
    return U[..., mask]


def largest_correlation(ctx: Any, X: Any) -> Any:
    """rho = max_{i != j} |x_i^T x_j| (0 for a single point), a batch of shape (B,)."""
    U = off_diagonal(cosines(ctx, X))
    if U.shape[-1] == 0:
        return ctx.batch_scalar(0) + 0 * ctx.as_batch(X)[..., 0, 0]
    return ctx.max_along(ctx.absolute(U), -1)


def eigen_range(ctx: Any, H: np.ndarray) -> tuple[Any, Any]:
    """lambda_max and lambda_min of a batch of symmetric matrices: with s = ||H||, lambda_min = s - ||s I - H||."""
    s = ctx.operator_norms(H)
    n = H.shape[-1]
    shifted = s[..., None, None] * np.eye(n) - H
    return s, s - ctx.operator_norms(shifted)


def kernel_steps(rng: Any) -> list:
    """The two facts about f(t) = t (pi - arccos t)/(2 pi) the slides read off its plot, as sympy steps
    covering the statements that use them: f(t) - f(-t) = t/2 on [0, 1] and f' >= 0 on [0, 1)."""
    import sympy as sp

    from proofcheck.core.symbolic import check_equal, check_le

    theta = sp.Symbol("theta", nonnegative=True)
    t = sp.cos(theta)  # t = cos(theta) in [0, 1] for theta in [0, pi/2]; arccos(-t) = pi - theta
    f_t, f_minus_t = t * (sp.pi - theta) / (2 * sp.pi), -t * theta / (2 * sp.pi)
    odd = check_equal("f(t) - f(-t) = t/2 >= 0 for t = cos(theta) in [0, 1]", "statement", f_t - f_minus_t, t / 2,
                      {theta: (0, sp.pi / 2)}, rng,
                      detail="arccos(cos theta) = theta and arccos(-cos theta) = pi - theta for theta in [0, pi/2].")
    w, v = sp.symbols("w v", positive=True)
    rising = check_le("f'(t) = (pi - arccos t)/(2 pi) + t/(2 pi sqrt(1 - t^2)) >= 0 on [0, 1)", "statement", 0,
                      (w + v) / (2 * sp.pi), {w: (sp.pi / 2, sp.pi), v: (0, 100)}, rng,
                      detail="With w = pi - arccos t in [pi/2, pi] and v = t/sqrt(1 - t^2) = cot(arccos t) >= 0, "
                             "f'(t) = (w + v)/(2 pi).")
    return [odd, rising]
