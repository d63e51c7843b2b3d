"""A rigorous upper bound of the logarithmic norm mu_2(A) = lambda_max((A + A^T)/2) for every matrix
in a ball matrix A (``../shared/CERTIFY.md``, section 2: the error of a flow's approximation grows at
most like e^{mu t}, mu bounding the logarithmic norm of the field's Jacobian on the tube).

How: S = (A + A^T)/2 in balls; V the eigenvectors of S's midpoint (float64, any invertible V will do);
B = V^{-1} S V in balls, V^{-1} enclosed by Arb. Each eigenvalue lambda of a symmetric S' in S is an
eigenvalue of V^{-1} S' V, so by Gershgorin's theorem it lies in a disc |lambda - B_ii| <= sum_{j != i}
|B_ij| for some i; lambda is real, hence lambda <= max_i (B_ii + sum_{j != i} |B_ij|), evaluated on the
balls' upper ends. With V close to the eigenvectors the off-diagonal sums are tiny (the radii of S
and the float64 error), so the bound is sharp; if V cannot be inverted in Arb, Gershgorin on S itself.
"""
from __future__ import annotations

import flint
import numpy as np


def _gershgorin_upper(B: flint.arb_mat) -> flint.arb:
    """max_i (B_ii + sum_{j != i} |B_ij|), an upper bound of the real eigenvalues of every matrix in B."""
    best = None
    for i in range(B.nrows()):
        total = B[i, i]
        for j in range(B.ncols()):
            if j != i:
                total += B[i, j].abs_upper()
        upper = total.upper()
        best = upper if best is None else best.max(upper)
    return best


def symmetric_part(A: flint.arb_mat) -> flint.arb_mat:
    """(A + A^T) / 2."""
    return (A + A.transpose()) * flint.arb("0.5")


def log_norm_upper(A: flint.arb_mat) -> flint.arb:
    """An upper bound (an exact ball) of lambda_max((A' + A'^T)/2) over every A' in the ball matrix A."""
    S = symmetric_part(A)
    n = S.nrows()
    if n == 1:
        return S[0, 0].upper()
    mid = np.array([[float(S[i, j].mid()) for j in range(n)] for i in range(n)])
    if not np.all(np.isfinite(mid)):
        return flint.arb("inf")
    _, vectors = np.linalg.eigh((mid + mid.T) / 2)
    V = flint.arb_mat(vectors.tolist())
    try:
        W = V.inv()
    except ZeroDivisionError:
        return _gershgorin_upper(S)
    return _gershgorin_upper(W * S * V).min(_gershgorin_upper(S))


__all__ = ["log_norm_upper", "symmetric_part"]
