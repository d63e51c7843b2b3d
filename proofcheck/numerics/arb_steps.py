"""mpmath's step loops run on Arb matrices: the same arithmetic at mpmath's precision (plus the guard
bits of the mpmath context's own Arb exponentials), with the products of small matrices done in C instead of mpmath's Python loops.

A product integral's midpoint rule in mpmath is thousands of products of 2 x 2 to 4 x 4 matrices,
and mpmath multiplies them entry by entry in Python: on Lemma A.6 this was 95% of a short search,
the mpmath verification of its candidates. An Arb ball's midpoint is rounded at the working
precision as mpmath rounds (the rounding error goes to the radius, which is dropped here), so the
loop's midpoints are an mpmath-precision evaluation; the rigorous enclosures are computed elsewhere
(``proofcheck.numerics.enclosures``) and do not use this.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Sequence

import flint

from proofcheck.numerics.arb import ArbMatrix, arb_prec, midpoint, midpoint_matrix, to_arb, to_arb_mat
from proofcheck.numerics.contexts import ARB_GUARD_BITS
from proofcheck.numerics.enclosures import eye


class ArbSteps:
    """The operations a step loop uses (rows, identity, transpose, gram_exp) on ArbMatrix values, for
    an mpmath context ``mp``. An exponential whose ball is wider than mp's rounding (a long step on
    a large kernel) is taken from mp itself, at the ball's midpoint."""

    def __init__(self, mp: Any):
        self.mp = mp

    @staticmethod
    def rows(M: ArbMatrix) -> int:
        return M.rows

    @staticmethod
    def identity(n: int, like: Any = None) -> ArbMatrix:
        return ArbMatrix(eye(n))

    @staticmethod
    def transpose(M: ArbMatrix) -> ArbMatrix:
        return M.T

    def gram_exp(self, X: ArbMatrix, t: Any) -> ArbMatrix:
        E = (X.m * X.m.transpose() * (-flint.arb(t))).exp()
        limit = 2.0 ** -self.mp.prec
        if all(E[i, j].is_finite() and float(E[i, j].rad()) <= limit
               for i in range(E.nrows()) for j in range(E.ncols())):
            return ArbMatrix(E)
        centre, _ = midpoint_matrix(self.mp, X.m)
        return ArbMatrix(to_arb_mat(self.mp.gram_exp(centre, midpoint(self.mp, flint.arb(t)))))


Loop = Callable[[Any, Sequence[Any], Sequence[Any], int], Any]


def on_arb_matrices(loop: Loop) -> Loop:
    """``loop(ctx, knots, times, q)`` as it is, except in mpmath: there it runs on the knots and times
    as exact Arb balls and returns its result's midpoints as an mpmath matrix (the plain mpmath loop
    where some entry is not a finite ball)."""

    @functools.wraps(loop)
    def run(ctx: Any, knots: Sequence[Any], times: Sequence[Any], q: int) -> Any:
        if getattr(ctx, "name", None) != "mpmath":
            return loop(ctx, knots, times, q)
        with arb_prec(ctx.prec + ARB_GUARD_BITS):
            out = loop(ArbSteps(ctx), [ArbMatrix(to_arb_mat(k)) for k in knots], [to_arb(ctx.mpf(t)) for t in times], q)
            value, radius = midpoint_matrix(ctx, out.m)
        return value if radius != float("inf") else loop(ctx, knots, times, q)
    return run
