"""Arrays that serve every arithmetic: float64 batches and numpy object arrays of mpmath numbers.

Models and flows are written once in numpy, against arrays with a leading batch axis. In float64
that axis holds the screening batch; in mpmath the arrays hold ``mpf`` entries (dtype object) and
the batch has one case. numpy's matmul and broadcasting work on both; what differs is carried by
the context (``ctx.as_batch``, ``ctx.apply``, ...); these functions are its function form.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

try:  # numpy's einsum with optimize=False is this C function behind a Python wrapper
    from numpy._core.multiarray import c_einsum as contract
except ImportError:  # pragma: no cover - numpy 1.x
    try:
        from numpy.core.multiarray import c_einsum as contract
    except ImportError:
        contract = np.einsum

__all__ = ["matrix", "stack", "scalar", "result", "apply", "zeros", "norm", "absolute", "maximum", "gram", "operator_norm",
           "contract"]


def matrix(ctx: Any, M: Any) -> np.ndarray:
    """A statement's matrix parameter as a batch: (B, r, c) in float64, (1, r, c) of mpf in mpmath."""
    return ctx.as_batch(M)


def stack(ctx: Any, Ms: Sequence[Any]) -> np.ndarray:
    """A list of matrix parameters (a ``count``) as one batch of shape (B, count, r, c)."""
    return np.stack([ctx.as_batch(M) for M in Ms], axis=1)


def scalar(ctx: Any, x: Any) -> np.ndarray:
    """A scalar parameter as a batch of shape (B,)."""
    return ctx.batch_scalar(x)


def result(ctx: Any, x: np.ndarray) -> Any:
    """A batch of scalars (B,) back in the statement's form: (B, 1, 1) in float64, an mpf in mpmath."""
    return ctx.scalar_result(x)


def apply(ctx: Any, name: str, x: Any) -> Any:
    """An elementwise function of the context (``exp``, ``sqrt``, ``tanh``, ...) on a batch."""
    return ctx.apply(name, x)


def zeros(ctx: Any, shape: tuple[int, ...]) -> np.ndarray:
    """Zeros of the context's number type."""
    return ctx.zeros(shape)


def norm(ctx: Any, v: np.ndarray) -> np.ndarray:
    """The Euclidean norm over the last axis."""
    return ctx.apply("sqrt", (v * v).sum(axis=-1))


def absolute(ctx: Any, x: np.ndarray) -> np.ndarray:
    """|x| elementwise."""
    return ctx.absolute(x)


def maximum(ctx: Any, x: np.ndarray, axis: int) -> np.ndarray:
    """The maximum along an axis (mpf compares exactly)."""
    return ctx.max_along(x, axis)


def gram(D: np.ndarray) -> np.ndarray:
    """D D^T for each matrix of a batch (..., n, p): the kernel of a batch of Jacobians."""
    return D @ np.swapaxes(D, -1, -2)


def operator_norm(ctx: Any, M: np.ndarray) -> np.ndarray:
    """The spectral norm of each matrix of a batch (..., r, c), as an array of shape (...)."""
    return ctx.operator_norms(M)


