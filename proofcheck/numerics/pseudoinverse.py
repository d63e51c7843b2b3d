"""The Moore-Penrose pseudoinverse and the smallest singular value over an arithmetic context.

``inverse(ctx, M)`` is the context's own (``ctx.inverse``: LAPACK per matrix of a float64 batch, NaN
where singular; mpmath's ``inverse``; Arb's ``arb_mat.inv``, which raises where the balls cannot prove
the matrix invertible). The rest is written once against the contexts' operations:

* ``pseudoinverse(ctx, M)``: for a wide M (rows <= cols) of full row rank, M^+ = M^T (M M^T)^{-1};
* ``smallest_singular_value(ctx, M)``: sigma_min of a wide M from spectral norms only, with no
  inverse: for G = M M^T (PSD), ||G|| I - G is PSD with top eigenvalue ||G|| - lambda_min(G), so
  sigma_min(M)^2 = ||G|| - || ||G|| I - G ||. It is independent of the pseudoinverse, so an identity
  between the two (||M^+|| = 1/sigma_min) is a check, not a tautology. Its absolute error is about
  eps ||M||^2 (cancellation), so in float64 it is accurate for moderate condition numbers only; in
  mpmath and Arb the working precision covers it (Arb encloses the cancellation in the ball).

>>> import numpy as np
>>> from proofcheck.numerics.contexts import F64
>>> M = np.array([[[3.0, 0.0, 0.0], [0.0, 0.5, 0.0]]])
>>> round(float(smallest_singular_value(F64, M).reshape(-1)[0]), 12)
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
    """M^+ = M^T (M M^T)^{-1} for a wide M of full row rank (then M M^+ = I)."""
    return transpose(ctx, M) @ inverse(ctx, gram(ctx, M))


def smallest_eigenvalue_psd(ctx: Any, G: Any) -> Any:
    """lambda_min of a symmetric PSD G: ||G|| - || ||G|| I - G ||."""
    top = spectral_norm(ctx, G)
    return top - spectral_norm(ctx, top * identity(ctx, ctx.rows(G), like=G) - G)


def smallest_singular_value(ctx: Any, M: Any) -> Any:
    """sigma_min of a wide M (rows <= cols): the square root of lambda_min(M M^T), cut at 0."""
    low = smallest_eigenvalue_psd(ctx, gram(ctx, M))
    return ctx.sqrt(ctx.maximum(low, 0 * low))


__all__ = ["inverse", "pseudoinverse", "smallest_eigenvalue_psd", "smallest_singular_value"]
