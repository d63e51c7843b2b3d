"""Linear algebra over an arithmetic context (``F64`` batched float64, or an mpmath context).

Every helper takes the context first, as mpmath's own functions do, so one statement written
against these helpers is evaluated unchanged in float64 (screening) and at any mpmath precision
(confirmation).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from proofcheck.numerics.arb import ArbMatrix, arb_prec, is_arb, midpoint_matrix, spectral_norm_ball, to_arb, to_arb_mat
from proofcheck.numerics.contexts import is_float64


def transpose(ctx: Any, M: Any) -> Any:
    """M^T."""
    return np.swapaxes(M, -1, -2) if is_float64(ctx) else M.T


def gram(ctx: Any, X: Any) -> Any:
    """X X^T, symmetric positive semidefinite."""
    return X @ transpose(ctx, X)


def identity(ctx: Any, n: int, like: Any = None) -> Any:
    """The n x n identity (batched like ``like`` in float64)."""
    if is_float64(ctx):
        batch = 1 if like is None else np.shape(like)[0]
        return np.broadcast_to(np.eye(n), (batch, n, n)).copy()
    return ctx.eye(n)


def _finite_batch(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """M with non-finite batch entries zeroed, and the mask of those entries (LAPACK's batched
    routines fail the whole batch on one inf or nan; the engine treats such cases as unreliable)."""
    bad = ~np.isfinite(M).all(axis=(-2, -1))
    return (np.where(bad[..., None, None], 0.0, M) if bad.any() else M), bad


def _mark(result: np.ndarray, bad: np.ndarray) -> np.ndarray:
    return np.where(bad[..., None, None], np.nan, result) if bad.any() else result


def _symmetrize(M: Any) -> Any:
    return 0.5 * (M + np.swapaxes(M, -1, -2))


def _decay(lam: np.ndarray, t: np.ndarray) -> np.ndarray:
    """exp(-lambda t) with exp(-0 * inf) = 1 (a zero eigenvalue is never decayed, however long t)."""
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where(lam == 0, 1.0, np.exp(-lam * t))


ARB_GUARD_BITS = 20

# exp(-x) for x beyond this is 0 at every precision the checker uses (e^-1e15 has 4e14 zero digits),
# and mpmath's exp would exhaust memory computing it.
MP_DECAY_CUTOFF = 1e15


def _decay_mp(ctx: Any, x: Any) -> Any:
    """exp(-x) for x >= 0 in mpmath, 0 past MP_DECAY_CUTOFF."""
    return ctx.mpf(0) if x > MP_DECAY_CUTOFF else ctx.exp(-x)


def _arb_exp(ctx: Any, kernel: Any, t: Any) -> Any:
    """exp(-t K) by Arb's matrix exponential at the context's precision plus ARB_GUARD_BITS, K built
    in Arb from the exact inputs (so its rounding is inside the ball too); None when the ball is
    wider than the context's own rounding (large t ||K||), for the caller's decomposition to take
    over. Several times faster than mpmath's eigsy or svd_r at 20-100 digits."""
    with arb_prec(ctx.prec + ARB_GUARD_BITS):
        E = (kernel() * (-to_arb(ctx.mpf(t)))).exp()
        out, radius = midpoint_matrix(ctx, E)
    return out if radius <= 2.0 ** -ctx.prec else None


def psd_exp(ctx: Any, K: Any, t: Any) -> Any:
    """exp(-K t) for a symmetric positive semidefinite K and a scalar t >= 0.

    Computed through the symmetric eigendecomposition K = Q diag(lambda) Q^T. K is PSD by
    hypothesis, so a computed eigenvalue below 0 is rounding and is taken as 0: otherwise
    exp(+|rounding| t) would grow without bound for large t.
    """
    if is_float64(ctx):
        K, bad = _finite_batch(_symmetrize(K))
        w, V = np.linalg.eigh(K)
        decay = _decay(np.clip(w, 0.0, None), np.reshape(t, (-1, 1)))
        return _mark((V * decay[:, None, :]) @ np.swapaxes(V, -1, -2), bad)
    if is_arb(ctx):
        return ArbMatrix((K.m * (-ctx.mpf(t))).exp())
    fast = _arb_exp(ctx, lambda: to_arb_mat(K), t)
    if fast is not None:
        return fast
    E, Q = ctx.eigsy(K)
    n = K.rows
    D = ctx.matrix(n, n)
    for i in range(n):
        D[i, i] = _decay_mp(ctx, t * max(E[i], 0))
    return Q * D * Q.T


def gram_exp(ctx: Any, X: Any, t: Any) -> Any:
    """exp(-X X^T t) for a real n x d matrix X and a scalar t >= 0.

    Computed from the SVD X = U S V^T as U diag(exp(-s_i^2 t)) U^T (with exp(0) = 1 on the
    n - rank(S) columns beyond min(n, d)). Singular values of X carry absolute error about
    eps ||X||, so s^2 t is accurate to about eps^2 ||X||^2 t: far better than the eigenvalues
    of X X^T, whose absolute error eps ||X||^2 makes exp(-lambda t) meaningless once t ||X||^2
    is large.
    """
    if is_float64(ctx):
        X, bad = _finite_batch(X)
        U, s, _ = np.linalg.svd(X, full_matrices=True)
        n, k = U.shape[-1], s.shape[-1]
        decay = np.ones(U.shape[:-2] + (n,))
        decay[..., :k] = _decay(s**2, np.reshape(t, (-1, 1)))
        return _mark((U * decay[..., None, :]) @ np.swapaxes(U, -1, -2), bad)
    if is_arb(ctx):
        return ArbMatrix((X.m * X.m.transpose() * (-ctx.mpf(t))).exp())
    fast = _arb_exp(ctx, lambda: (lambda A: A * A.transpose())(to_arb_mat(X)), t)
    if fast is not None:
        return fast
    U, S, _ = ctx.svd_r(X, full_matrices=True, compute_uv=True)
    n = X.rows
    D = ctx.eye(n)
    for i in range(min(X.rows, X.cols)):
        D[i, i] = _decay_mp(ctx, t * S[i] ** 2)
    return U * D * U.T


def spectral_norm(ctx: Any, M: Any) -> Any:
    """||M||, the largest singular value (the operator norm on Euclidean spaces)."""
    if is_float64(ctx):
        # sqrt of the top eigenvalue of M^T M (or M M^T): relative accuracy about eps for the top
        # singular value, at half the cost of a batched SVD; M is scaled by its largest entry
        # first so that the Gram matrix neither overflows nor underflows.
        M, bad = _finite_batch(M)
        scale = np.max(np.abs(M), axis=(-2, -1), keepdims=True)
        unit = M / np.where(scale == 0, 1.0, scale)
        G = np.swapaxes(unit, -1, -2) @ unit if M.shape[-1] <= M.shape[-2] else unit @ np.swapaxes(unit, -1, -2)
        top = np.sqrt(np.maximum(np.linalg.eigvalsh(G)[..., -1], 0.0)) * scale[..., 0, 0]
        return np.reshape(np.where(bad, np.nan, top), (-1, 1, 1))
    if M.rows == 0 or M.cols == 0:
        return ctx.mpf(0)
    if is_arb(ctx):
        return spectral_norm_ball(M)
    return max(ctx.svd_r(M, compute_uv=False))


def reciprocal(ctx: Any, x: Any) -> Any:
    """1/x for x >= 0, with 1/0 = +inf (the value a bound such as 1/(2 sqrt t) takes at t = 0)."""
    if is_float64(ctx):
        with np.errstate(divide="ignore"):
            return np.where(x == 0, np.inf, 1.0 / np.where(x == 0, 1.0, x))
    return ctx.inf if x == 0 else 1 / x  # in Arb, a ball around 0 that is not 0 gives a non-finite ball


def minimum(ctx: Any, x: Any, y: Any) -> Any:
    """min(x, y), elementwise over a float64 batch."""
    return np.minimum(x, y) if is_float64(ctx) else min(x, y)


__all__ = ["minimum", "transpose", "gram", "identity", "psd_exp", "gram_exp", "spectral_norm", "reciprocal"]
