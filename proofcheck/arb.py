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


class ArbMatrix:
    """An arb_mat with the operators statements use on matrices (@, +, -, scalar *, .T, rows, cols)."""

    __array_priority__ = 1000

    def __init__(self, m: flint.arb_mat):
        self.m = m

    rows = property(lambda self: self.m.nrows())
    cols = property(lambda self: self.m.ncols())
    T = property(lambda self: ArbMatrix(self.m.transpose()))

    def __matmul__(self, other: "ArbMatrix") -> "ArbMatrix":
        return ArbMatrix(self.m * other.m)

    def __add__(self, other: "ArbMatrix") -> "ArbMatrix":
        return ArbMatrix(self.m + other.m)

    def __sub__(self, other: "ArbMatrix") -> "ArbMatrix":
        return ArbMatrix(self.m - other.m)

    def __neg__(self) -> "ArbMatrix":
        return ArbMatrix(-self.m)

    def __mul__(self, x: Any) -> "ArbMatrix":
        return ArbMatrix(self.m * flint.arb(x))

    __rmul__ = __mul__


class ArbContext:
    """Ball arithmetic with the names of mpmath's context API: every value is an enclosure."""

    name = "arb"

    def __init__(self, bits: int):
        self.prec = int(bits)

    inf = property(lambda self: flint.arb.pos_inf())

    @staticmethod
    def mpf(x: Any) -> flint.arb:
        """A decimal string (or number) as a ball containing it exactly."""
        return flint.arb(x)

    @staticmethod
    def sqrt(x: Any) -> flint.arb:
        return flint.arb(x).sqrt()

    @staticmethod
    def exp(x: Any) -> flint.arb:
        return flint.arb(x).exp()

    @staticmethod
    def eye(n: int) -> ArbMatrix:
        return ArbMatrix(flint.arb_mat([[1 if i == j else 0 for j in range(n)] for i in range(n)]))

    @staticmethod
    def matrix(rows: Any) -> ArbMatrix:
        return ArbMatrix(flint.arb_mat([[flint.arb(x) for x in row] for row in rows]))


def is_arb(ctx: Any) -> bool:
    return isinstance(ctx, ArbContext)


def spectral_norm_ball(M: ArbMatrix) -> flint.arb:
    """A ball containing ||M||: the square root of the largest eigenvalue of M^T M (or M M^T),
    enclosed by Arb's eigenvalue enclosures (``multiple=True`` copes with repeated ones). Where the
    enclosure fails, the Frobenius norm bounds ||M|| above and ||M e_j|| (a column) below."""
    G = M.m.transpose() * M.m if M.cols <= M.rows else M.m * M.m.transpose()
    try:
        eig = flint.acb_mat(G).eig(multiple=True)
        lo = max(e.real.lower() for e in eig)
        hi = max(e.real.upper() for e in eig)
        if not (lo.is_finite() and hi.is_finite()):
            raise ValueError("non-finite eigenvalue enclosure")
    except (ValueError, ZeroDivisionError):
        frob = sum((G[i, i] for i in range(G.nrows())), flint.arb(0))
        col = max((sum((M.m[i, j] ** 2 for i in range(M.rows)), flint.arb(0)) for j in range(M.cols)),
                  key=lambda x: x.mid())
        lo, hi = col.lower(), frob.upper()
    lo = max(lo, flint.arb(0))
    return flint.arb(lo).sqrt().union(flint.arb(hi).sqrt()) if hi > lo else flint.arb(hi).sqrt()
