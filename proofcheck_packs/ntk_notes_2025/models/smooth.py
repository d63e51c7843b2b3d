"""A smooth model f_theta(x) with a beta-Lipschitz gradient in theta, beta bounded rigorously.

theta = (q, W) with q in R^p and W in R^{m x d} (rows w_j); at a fixed input x in R^d,

    f_theta(x) = q^T A q / 2 + b^T q + sum_j a_j tanh(w_j^T x),

A symmetric p x p, b in R^p, a in R^m. Its Hessian in theta is block diagonal: A on q, and on W the blocks
a_j tanh''(w_j^T x) x x^T, one per unit. Since sup_u |tanh''(u)| = 4/(3 sqrt 3) (at tanh u = 1/sqrt 3;
proved by sympy in the statements that use it), the gradient is Lipschitz on all of R^{p + md} with

    beta = max(||A||, max_j |a_j| ||x||^2 4/(3 sqrt 3)),

exact when the quadratic part dominates (a = 0 gives f quadratic, and then Taylor's remainder is
q^T A q / 2 exactly: the sharp constant 1/2 of the lemma is attained along A's top eigenvector).
The arrays carry a leading batch axis (``proofcheck.numerics.batch``), so the same code runs in
float64, mpmath and Arb.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from proofcheck.numerics import batch

__all__ = ["value", "gradient_along", "remainder", "beta", "step_norm_squared", "tanh_curvature"]


def tanh_curvature(ctx: Any) -> Any:
    """sup |tanh''| = 4/(3 sqrt 3), in the context's numbers."""
    return ctx.mpf(4) / (3 * ctx.sqrt(ctx.mpf(3)))


def _arrays(ctx: Any, c: Any) -> tuple[np.ndarray, ...]:
    return tuple(batch.matrix(ctx, getattr(c, name)) for name in ("A", "b", "q", "a", "W", "x"))


def _quadratic(q: np.ndarray, A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """q^T A q / 2 + b^T q, shape (B,)."""
    return (np.swapaxes(q, -1, -2) @ A @ q)[..., 0, 0] / 2 + (np.swapaxes(b, -1, -2) @ q)[..., 0, 0]


def value(ctx: Any, c: Any, q: np.ndarray, W: np.ndarray) -> np.ndarray:
    """f_theta(x) at theta = (q, W), shape (B,)."""
    A, b, _, a, _, x = _arrays(ctx, c)
    return _quadratic(q, A, b) + (a[..., 0] * batch.apply(ctx, "tanh", (W @ x)[..., 0])).sum(axis=-1)


def gradient_along(ctx: Any, c: Any, dq: np.ndarray, dW: np.ndarray) -> np.ndarray:
    """<grad_theta f_{theta_0}(x), (dq, dW)> at theta_0 = (c.q, c.W), shape (B,)."""
    A, b, q, a, W, x = _arrays(ctx, c)
    grad_q = A @ q + b
    t = batch.apply(ctx, "tanh", (W @ x)[..., 0])
    unit = a[..., 0] * (1 - t * t)  # d/du a_j tanh(u) at u = w_j^T x
    return (np.swapaxes(grad_q, -1, -2) @ dq)[..., 0, 0] + (unit * (dW @ x)[..., 0]).sum(axis=-1)


def remainder(ctx: Any, c: Any) -> Any:
    """|f_theta(x) - g_theta(x)| at theta = theta_0 + (c.Dq, c.DW), g the linearization at theta_0."""
    _, _, q, _, W, _ = _arrays(ctx, c)
    dq, dW = batch.matrix(ctx, c.Dq), batch.matrix(ctx, c.DW)
    r = value(ctx, c, q + dq, W + dW) - value(ctx, c, q, W) - gradient_along(ctx, c, dq, dW)
    return batch.result(ctx, batch.absolute(ctx, r))


def beta(ctx: Any, c: Any) -> np.ndarray:
    """The Lipschitz constant of theta -> grad_theta f_theta(x) bound above: max(||A||, max_j |a_j| ||x||^2 4/(3 sqrt 3)), (B,)."""
    A, _, _, a, _, x = _arrays(ctx, c)
    units = batch.maximum(ctx, batch.absolute(ctx, a[..., 0]), axis=1) * (x * x).sum(axis=(-2, -1)) * tanh_curvature(ctx)
    quad = batch.operator_norm(ctx, A)
    return ctx.maximum(quad, units)


def step_norm_squared(ctx: Any, c: Any) -> np.ndarray:
    """||Delta theta||_2^2 = ||Dq||^2 + ||DW||_F^2, (B,)."""
    dq, dW = batch.matrix(ctx, c.Dq), batch.matrix(ctx, c.DW)
    return (dq * dq).sum(axis=(-2, -1)) + (dW * dW).sum(axis=(-2, -1))
