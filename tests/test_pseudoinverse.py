"""The pseudoinverse and sigma_min in the three contexts (proofcheck.numerics.pseudoinverse): exact values at a
nearly singular matrix built from rational rotations, so that every digit is known."""
from decimal import Decimal

import flint
import mpmath
import numpy as np
import pytest

from proofcheck.numerics.arb import ArbContext, arb_prec
from proofcheck.numerics.contexts import F64, MP
from proofcheck.numerics.linalg import spectral_norm
from proofcheck.numerics.pseudoinverse import (accurate_in_arb, pseudoinverse, pseudoinverse_formula,
                                               singular_value_from_norms, smallest_singular_value)


def _rotated(eps: str) -> list[list[str]]:
    """diag(1, eps) next to a zero column, times two rotations by (3/5, 4/5): singular values 1 and eps
    exactly, every entry an exact decimal."""
    e = Decimal(eps)
    D = [[Decimal(1), Decimal(0), Decimal(0)], [Decimal(0), e, Decimal(0)]]
    c, s = Decimal("0.6"), Decimal("0.8")
    R12 = [[c, -s, 0], [s, c, 0], [0, 0, 1]]
    R23 = [[1, 0, 0], [0, c, -s], [0, s, c]]
    def mul(A, B):
        return [[sum(Decimal(A[i][k]) * Decimal(B[k][j]) for k in range(3)) for j in range(3)] for i in range(len(A))]
    return [[str(x) for x in row] for row in mul(mul(D, R12), R23)]


@pytest.mark.parametrize("eps", ["1e-8", "1e-18"])
def test_mpmath_is_accurate_to_its_digits_at_a_nearly_singular_matrix(eps):
    """mpmath's own inverse of Phi Phi^T (condition 1e36 at eps = 1e-18) would lose every digit at 30; the
    context computes in Arb at escalating precision and keeps them."""
    with mpmath.mp.workdps(30):
        M = mpmath.matrix([[mpmath.mpf(x) for x in row] for row in _rotated(eps)])
        sigma = smallest_singular_value(MP, M)
        norm = spectral_norm(MP, pseudoinverse(MP, M))
        assert abs(sigma / mpmath.mpf(eps) - 1) < mpmath.mpf(10) ** -25
        assert abs(norm * mpmath.mpf(eps) - 1) < mpmath.mpf(10) ** -25


def test_arb_encloses_the_exact_values_and_float64_is_close():
    rows = _rotated("1e-8")
    ctx = ArbContext(170)
    with arb_prec(170):
        M = ctx.matrix(rows)
        exact = flint.arb("1e-8")
        assert smallest_singular_value(ctx, M).overlaps(exact)
        assert singular_value_from_norms(ctx, M).overlaps(exact)
        assert spectral_norm(ctx, pseudoinverse(ctx, M)).overlaps(1 / exact)
    A = np.array(rows, dtype=float)[None]
    assert float(smallest_singular_value(F64, A).reshape(-1)[0]) == pytest.approx(1e-8, rel=1e-6)
    assert float(spectral_norm(F64, pseudoinverse(F64, A)).reshape(-1)[0]) == pytest.approx(1e8, rel=1e-6)


def test_a_singular_matrix_is_refused_not_computed():
    """Rank deficient (outside every statement's hypotheses): mpmath refuses rather than returning a number."""
    with mpmath.mp.workdps(30):
        M = mpmath.matrix([[1, 2, 0], [2, 4, 0]])
        with pytest.raises(ArithmeticError):
            accurate_in_arb(mpmath.mp, pseudoinverse_formula, M)
    assert np.isnan(F64.inverse(np.array([[[1.0, 2.0], [2.0, 4.0]], [[1.0, 0.0], [0.0, 2.0]]]))[0]).all()
