"""Arithmetic contexts a statement is evaluated in.

A statement's ``lhs(ctx, c)`` and ``rhs(ctx, c)`` are written once against a small context API
(``sqrt``, ``exp``, ``inf``, ``e``, ``pi``, ``matrix`` operations through ``proofcheck.numerics.linalg``):

* ``F64``: batched IEEE double. Matrices are arrays of shape (B, rows, cols); scalars have shape
  (B, 1, 1) so that they broadcast against matrices. Used for screening and optimization.
* ``mpmath.mp``: mpmath's multiprecision context, at whatever precision the caller scoped with
  ``mp.workdps``. Matrices are ``mpmath.matrix``; scalars ``mpf``. Used for confirmation.
"""
from __future__ import annotations

from typing import Any

import numpy as np


class Float64Batch:
    """Batched float64 arithmetic with the names of mpmath's context API."""

    name = "float64"
    inf = np.inf
    e = np.e
    pi = np.pi

    @staticmethod
    def sqrt(x: Any) -> Any:
        return np.sqrt(x)

    @staticmethod
    def exp(x: Any) -> Any:
        return np.exp(x)

    @staticmethod
    def log(x: Any) -> Any:
        return np.log(x)


F64 = Float64Batch()


def is_float64(ctx: Any) -> bool:
    """True for the batched float64 context."""
    return isinstance(ctx, Float64Batch)
