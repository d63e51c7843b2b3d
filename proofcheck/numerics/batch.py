"""Arrays that serve both arithmetics: float64 batches and numpy object arrays of mpmath numbers.

Models and flows are written once in numpy, against arrays with a leading batch axis. In float64
that axis holds the screening batch; in mpmath the arrays hold ``mpf`` entries (dtype object) and
the batch has one case. numpy's matmul and broadcasting work on both; elementwise functions go
through ``apply``, which takes the context first.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from proofcheck.numerics.linalg import spectral_norm
from proofcheck.numerics.contexts import is_float64


def matrix(ctx: Any, M: Any) -> np.ndarray:
    """A statement's matrix parameter as a batch: (B, r, c) in float64, (1, r, c) of mpf in mpmath."""
    if is_float64(ctx):
        return np.asarray(M)
    return np.array(M.tolist(), dtype=object).reshape(1, M.rows, M.cols)


def stack(ctx: Any, Ms: Sequence[Any]) -> np.ndarray:
    """A list of matrix parameters (a ``count``) as one batch of shape (B, count, r, c)."""
    return np.stack([matrix(ctx, M) for M in Ms], axis=1)


def scalar(ctx: Any, x: Any) -> np.ndarray:
    """A scalar parameter as a batch of shape (B,)."""
    if is_float64(ctx):
        return np.asarray(x, dtype=float).reshape(-1)
    return np.array([ctx.mpf(x)], dtype=object)


def result(ctx: Any, x: np.ndarray) -> Any:
    """A batch of scalars (B,) back in the statement's form: (B, 1, 1) in float64, an mpf in mpmath."""
    if is_float64(ctx):
        return np.asarray(x, dtype=float).reshape(-1, 1, 1)
    return ctx.mpf(x.reshape(-1)[0])


def apply(ctx: Any, name: str, x: Any) -> Any:
    """An elementwise function of the context (``exp``, ``sqrt``, ``tanh``, ...) on a batch."""
    if is_float64(ctx):
        return getattr(np, name)(x)
    f = getattr(ctx, name)
    return np.vectorize(f, otypes=[object])(x) if isinstance(x, np.ndarray) else f(x)


def zeros(ctx: Any, shape: tuple[int, ...]) -> np.ndarray:
    """Zeros of the context's number type."""
    if is_float64(ctx):
        return np.zeros(shape)
    out = np.empty(shape, dtype=object)
    out.fill(ctx.mpf(0))
    return out


def norm(ctx: Any, v: np.ndarray) -> np.ndarray:
    """The Euclidean norm over the last axis."""
    return apply(ctx, "sqrt", (v * v).sum(axis=-1))


def absolute(ctx: Any, x: np.ndarray) -> np.ndarray:
    """|x| elementwise."""
    return np.abs(x) if is_float64(ctx) else np.vectorize(abs, otypes=[object])(x)


def maximum(ctx: Any, x: np.ndarray, axis: int) -> np.ndarray:
    """The maximum along an axis (mpf compares exactly)."""
    return np.max(x, axis=axis) if is_float64(ctx) else np.array(
        [max(row) for row in np.moveaxis(x, axis, -1).reshape(-1, x.shape[axis])], dtype=object
    ).reshape(np.delete(np.array(x.shape), axis).tolist())


def operator_norm(ctx: Any, M: np.ndarray) -> np.ndarray:
    """The spectral norm of each matrix of a batch (..., r, c), as an array of shape (...)."""
    lead = M.shape[:-2]
    if is_float64(ctx):
        flat = M.reshape((-1,) + M.shape[-2:])
        return spectral_norm(ctx, flat).reshape(lead)
    flat = M.reshape((-1,) + M.shape[-2:])
    return np.array([spectral_norm(ctx, ctx.matrix(m.tolist())) for m in flat], dtype=object).reshape(lead)
