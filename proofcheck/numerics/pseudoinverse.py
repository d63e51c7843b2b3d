"""The Moore-Penrose pseudoinverse and the smallest singular value over an arithmetic context.

``inverse(ctx, M)`` is the context's own (``ctx.inverse``: LAPACK per matrix of a float64 batch, NaN
where singular; mpmath's ``inverse``; Arb's ``arb_mat.inv``, which raises where the balls cannot prove
the matrix invertible). Each context carries the algorithm suited to its numbers:

* ``pseudoinverse(ctx, M)``: for a wide M (rows <= cols) of full row rank, M^+ = M^T (M M^T)^{-1}: numpy's
  SVD-based pinv (no cutoff) in float64; the formula in Arb balls; in mpmath the Arb formula at escalating
  precision (``accurate_in_arb``);
* ``smallest_singular_value(ctx, M)``: sigma_min of a wide M, the context's own: the SVD in float64
  (absolute error about eps ||M||); in Arb, which has no SVD, the least of Arb's eigenvalue enclosures
  of M M^T, or where they fail ``singular_value_from_norms``: for G = M M^T (PSD), ||G|| I - G is PSD with
  top eigenvalue ||G|| - lambda_min(G), so sigma_min(M)^2 = ||G|| - || ||G|| I - G ||, an enclosure whose
  cancellation lies inside the ball; in mpmath, Arb's at escalating precision (``accurate_in_arb``).
  Neither is computed from an inverse, so an identity between the two (||M^+|| = 1/sigma_min) is a
  check, not a tautology.

>>> import numpy as np
>>> from proofcheck.numerics.contexts import F64
>>> M = np.array([[[3.0, 0.0, 0.0], [0.0, 0.5, 0.0]]])
>>> round(float(smallest_singular_value(F64, M).reshape(-1)[0]), 12)
0.5
>>> round(float(singular_value_from_norms(F64, M).reshape(-1)[0]), 12)
0.5
>>> round(float(F64.spectral_norm(pseudoinverse(F64, M)).reshape(-1)[0]), 12)
2.0
"""
from __future__ import annotations

from typing import Any

from proofcheck.numerics.linalg import gram, identity, spectral_norm, transpose


def inverse(ctx: Any, M: Any) -> Any:
    """M^{-1} for a square M."""
    return ctx.inverse(M)


def pseudoinverse(ctx: Any, M: Any) -> Any:
    """M^+ = M^T (M M^T)^{-1} for a wide M of full row rank (then M M^+ = I), the context's own (see above)."""
    return ctx.pseudoinverse(M)


def smallest_eigenvalue_psd(ctx: Any, G: Any) -> Any:
    """lambda_min of a symmetric PSD G: ||G|| - || ||G|| I - G ||."""
    top = spectral_norm(ctx, G)
    return top - spectral_norm(ctx, top * identity(ctx, ctx.rows(G), like=G) - G)


def smallest_singular_value(ctx: Any, M: Any) -> Any:
    """sigma_min of a wide M (rows <= cols)."""
    return ctx.smallest_singular_value(M)


def singular_value_from_norms(ctx: Any, M: Any) -> Any:
    """sigma_min of a wide M from spectral norms only: the square root of lambda_min(M M^T), cut at 0."""
    low = smallest_eigenvalue_psd(ctx, gram(ctx, M))
    return ctx.sqrt(ctx.maximum(low, 0 * low))




# mpmath's own SVD and inverse lose about log10(cond) digits (cond^2 for M M^T): an identity between them at
# a nearly singular M (cond 1e18, inside the hypotheses) would read as violated at 50 digits. The mpmath
# context computes both in Arb instead, from the exact inputs, doubling Arb's precision until the ball is
# narrower than the context's rounding, and returns the midpoint: as accurate as the context's digits.
ARB_GUARD_BITS = 20
ARB_DOUBLINGS = 5


def accurate_in_arb(mp: Any, f: Any, M: Any) -> Any:
    """f(Arb context, M) (a ball or a ball matrix) at escalating precision, as mpmath numbers at ``mp``'s precision."""
    from proofcheck.numerics.arb import ArbContext, ArbMatrix, arb_prec, midpoint, midpoint_matrix, to_arb_mat

    bits = mp.prec + ARB_GUARD_BITS
    for _ in range(ARB_DOUBLINGS):
        with arb_prec(bits):
            try:  # the inputs are read inside: to_arb rounds at the working precision
                ball = f(ArbContext(bits), ArbMatrix(to_arb_mat(M)))
            except ZeroDivisionError:  # a ball matrix not proved invertible at these bits
                bits *= 2
                continue
            if isinstance(ball, ArbMatrix):
                out, radius = midpoint_matrix(mp, ball.m)
                size = max((abs(out[i, j]) for i in range(out.rows) for j in range(out.cols)), default=0)
            elif ball.is_finite():
                out, radius = midpoint(mp, ball), float(ball.rad())
                size = abs(out)
            else:  # a ball of infinite radius: more bits
                bits *= 2
                continue
        if radius <= 2.0 ** -mp.prec * float(size):
            return out
        bits *= 2
    raise ArithmeticError(f"no enclosure narrower than 2^-{mp.prec} (relative) up to {bits // 2} bits")


def pseudoinverse_formula(ctx: Any, M: Any) -> Any:
    """M^T (M M^T)^{-1}, the formula every context evaluates (Arb's ``pseudoinverse``)."""
    return transpose(ctx, M) @ inverse(ctx, gram(ctx, M))


__all__ = ["accurate_in_arb", "inverse", "pseudoinverse", "pseudoinverse_formula", "singular_value_from_norms",
           "smallest_eigenvalue_psd", "smallest_singular_value"]
