"""The lecture's two-layer network with the 1/sqrt(d) scaling, both layers trained:

    f(x; theta) = (1/sqrt d) sum_{i=1}^d beta_i sigma(w_i^T x),   theta = [w_1 ... w_d beta_1 ... beta_d]^T,

with sigma = tanh (bounded second derivative, as Theorem 1 asks), w_i in R^p, on data x_1..x_n (rows
of X, n x p) with targets y (n x 1). Written once against the contexts on batch arrays
(``proofcheck.numerics.batch``): W (B, d, p), beta (B, d, 1), X (B, n, p), y (B, n, 1).

Derivatives (by hand; ``tests/packs/test_ntk_lecture_pleiss.py`` checks them against finite differences):
  df/dbeta_i = sigma(w_i.x)/sqrt d,  df/dw_i = beta_i sigma'(w_i.x) x / sqrt d;
  d2f/dw_i dw_i = beta_i sigma''(w_i.x) x x^T / sqrt d,  d2f/dw_i dbeta_i = sigma'(w_i.x) x / sqrt d,
  every other second derivative 0. The Hessian at x is block diagonal, one (p+1) x (p+1) block per unit,
  B_i = (1/sqrt d) [[a_i x x^T, b_i x], [b_i x^T, 0]] (a_i = beta_i sigma''(w_i.x), b_i = sigma'(w_i.x)); on
  span{(x/|x|, 0), (0, 1)} it is (1/sqrt d) [[a_i |x|^2, b_i |x|], [b_i |x|, 0]] and 0 on the rest, so
  ||B_i|| = (|a_i| |x|^2 + sqrt(a_i^2 |x|^4 + 4 b_i^2 |x|^2)) / (2 sqrt d), and ||Hessian(x)|| = max_i ||B_i||.
The operator norms over inputs (the lecture's sup_x) are taken over the data points.

``draw``: the initialization the lecture prescribes (entries of theta i.i.d. N(0, 1)), with w and beta
from their own child streams, so the draw at width 2d extends the draw at width d (nested draws).
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from proofcheck.core.statement import Matrix, Space
from proofcheck.numerics import batch


def space(d: tuple[int, int] = (1, 12), p: tuple[int, int] = (1, 4), n: tuple[int, int] = (1, 5)) -> Space:
    """The network's parameters and data as a statement's space."""
    return Space(dims={"d": d, "p": p, "n": n, "one": (1, 1)},
                 matrices=(Matrix("W", "d", "p"), Matrix("beta", "d", "one"), Matrix("X", "n", "p"),
                           Matrix("y", "n", "one")))


def activation(ctx: Any, x: Any) -> tuple[Any, Any, Any]:
    """tanh and its first two derivatives at x."""
    t = batch.apply(ctx, "tanh", x)
    # sech^2 x = 4u/(1 + u)^2 with u = e^{-2|x|}: 1 - tanh^2 cancels to 0 where tanh rounds to 1 (|x| ~ 40 at
    # 30 digits) while Arb, carrying its radius, still sees the true 1e-32
    u = batch.apply(ctx, "exp", -2 * batch.absolute(ctx, x))
    d1 = 4 * u / ((1 + u) * (1 + u))
    return t, d1, -2 * t * d1


def _parts(ctx: Any, c: Any) -> tuple[Any, Any, Any, Any, Any]:
    W, beta, X = batch.matrix(ctx, c.W), batch.matrix(ctx, c.beta), batch.matrix(ctx, c.X)
    pre = X @ np.swapaxes(W, -1, -2)  # (B, n, d): w_i . x_k
    return W, beta, X, pre, ctx.sqrt(ctx.mpf(W.shape[1]))


def outputs(ctx: Any, c: Any) -> Any:
    """f_theta = [f(x_1), ..., f(x_n)], (B, n)."""
    _, beta, _, pre, root = _parts(ctx, c)
    s, _, _ = activation(ctx, pre)
    return (s @ beta)[..., 0] / root


def jacobian(ctx: Any, c: Any) -> Any:
    """grad_theta f_theta: one row per data point, (B, n, d p + d), theta ordered (w_1..w_d, beta_1..beta_d)."""
    _, beta, X, pre, root = _parts(ctx, c)
    s, d1, _ = activation(ctx, pre)
    dw = (np.swapaxes(beta, -1, -2) * d1)[..., None] * X[:, :, None, :]  # (B, n, d, p)
    B, n, d, p = dw.shape
    return np.concatenate([dw.reshape(B, n, d * p), s], axis=-1) / root


def jacobian_norms_squared(ctx: Any, c: Any) -> Any:
    """||grad_theta f(x_k)||_2^2 for each data point, (B, n)."""
    J = jacobian(ctx, c)
    return (J * J).sum(axis=-1)


def residual(ctx: Any, c: Any) -> Any:
    """f_theta - y, (B, n)."""
    return outputs(ctx, c) - batch.matrix(ctx, c.y)[..., 0]


def hessian_block_norms(ctx: Any, c: Any) -> Any:
    """||B_i(x_k)||, the operator norm of unit i's Hessian block at data point k, (B, n, d)."""
    _, beta, X, pre, root = _parts(ctx, c)
    _, d1, d2 = activation(ctx, pre)
    a = np.swapaxes(beta, -1, -2) * d2
    r2 = (X * X).sum(axis=-1)[..., None]
    aa = batch.absolute(ctx, a) * r2
    return (aa + batch.apply(ctx, "sqrt", aa * aa + 4 * d1 * d1 * r2)) / (2 * root)


def hessian(ctx: Any, c: Any, k: int) -> Any:
    """The full Hessian grad^2_theta f(x_k), (B, D, D) with D = d p + d (for small widths)."""
    _, beta, X, pre, root = _parts(ctx, c)
    _, d1, d2 = activation(ctx, pre)
    B, d, p = beta.shape[0], beta.shape[1], X.shape[-1]
    H = batch.zeros(ctx, (B, d * p + d, d * p + d))
    x = X[:, k, :]
    for i in range(d):
        w = slice(i * p, (i + 1) * p)
        H[:, w, w] = (beta[:, i, 0] * d2[:, k, i])[:, None, None] * x[:, :, None] * x[:, None, :] / root
        H[:, w, d * p + i] = d1[:, k, i][:, None] * x / root
        H[:, d * p + i, w] = d1[:, k, i][:, None] * x / root
    return H


def data(p: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Fixed data for the width sweeps: n points on the unit circle of the first two coordinates (p >= 2)
    at angles 2 pi k / n + 0.3, targets y_k = cos(3 angle)."""
    angles = 2 * math.pi * np.arange(n) / n + 0.3
    X = np.zeros((n, p))
    X[:, 0], X[:, 1 % p] = np.cos(angles), np.sin(angles) if p > 1 else np.cos(angles)
    return X, np.cos(3 * angles)[:, None]


def draw(d: int, seed: int, p: int = 2, n: int = 3) -> dict[str, Any]:
    """The network at initialization (theta i.i.d. N(0, 1)) on the fixed data, as a case {"dims", "values"}
    (w and beta each from a child stream of ``seed``: nested in d)."""
    w_stream, b_stream = (np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(k,))) for k in (0, 1))
    W = w_stream.standard_normal((d, p))
    beta = b_stream.standard_normal((d, 1))
    X, y = data(p, n)
    # float64 arrays, read exactly in every context (a witness's decimal strings would cost more than the draw)
    return {"dims": {"d": d, "p": p, "n": n, "one": 1}, "values": {"W": W, "beta": beta, "X": X, "y": y}}


WIDTHS = tuple(4 ** k for k in range(2, 8))  # 16 .. 16384
DRAWS = 401


def hessian_terms_of_first_unit(ctx: Any, c: Any) -> Any:
    """Unit 1's Hessian terms at each data point: the p x p block beta_1 sigma''(w_1.x) x x^T / sqrt d beside
    the p entries sigma'(w_1.x) x / sqrt d, as (B, n, p, p + 1)."""
    _, beta, X, pre, root = _parts(ctx, c)
    _, d1, d2 = activation(ctx, pre)
    block = (beta[:, 0, 0][:, None] * d2[:, :, 0])[..., None, None] * X[..., :, None] * X[..., None, :]
    cross = (d1[:, :, 0][..., None] * X)[..., None]
    return np.concatenate([block, cross], axis=-1) / root
