"""Arb ball arithmetic (python-flint) beside mpmath: exact conversions and scoped precision.

Every mpf is a dyadic number man * 2^exp, so it converts to an Arb ball of radius 0 exactly, and
a ball's midpoint converts back exactly; only Arb's own operations round, and their rounding is
inside the balls they return.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

import flint


@contextmanager
def arb_prec(bits: int) -> Iterator[None]:
    """Arb's working precision set to ``bits`` inside the block and restored after it."""
    saved = flint.ctx.prec
    flint.ctx.prec = int(bits)
    try:
        yield
    finally:
        flint.ctx.prec = saved


def to_arb(x: Any) -> flint.arb:
    """The mpf (or int) x as an exact Arb ball."""
    if not hasattr(x, "_mpf_"):
        return flint.arb(int(x))
    sign, man, exp, _ = x._mpf_  # mpf.man_exp drops the sign
    if not man:
        if exp:  # mpmath's inf, -inf and nan have a zero mantissa and a special exponent
            raise ValueError(f"not a finite number: {x}")
        return flint.arb(0)
    return flint.arb(-int(man) if sign else int(man)) * flint.arb(2) ** int(exp)


def to_arb_mat(M: Any) -> flint.arb_mat:
    """An mpmath matrix as an exact arb_mat."""
    return flint.arb_mat([[to_arb(M[i, j]) for j in range(M.cols)] for i in range(M.rows)])


def midpoint(ctx: Any, x: flint.arb) -> Any:
    """The ball's midpoint as an mpf of ``ctx`` (exact, then rounded to ctx's precision)."""
    man, exp = x.mid().man_exp()
    return ctx.mpf((int(man), int(exp)))


def midpoint_matrix(ctx: Any, A: flint.arb_mat) -> tuple[Any, float]:
    """The midpoints of an arb_mat as an mpmath matrix, and the largest radius (a float upper bound;
    inf when some entry is not a finite ball)."""
    out = ctx.matrix(A.nrows(), A.ncols())
    radius = 0.0
    for i in range(A.nrows()):
        for j in range(A.ncols()):
            if not A[i, j].is_finite():
                return out, float("inf")
            out[i, j] = midpoint(ctx, A[i, j])
            radius = max(radius, float(A[i, j].rad()))
    return out, radius
