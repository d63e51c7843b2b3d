"""mpmath's step loops run on Arb matrices give what the plain mpmath loops give, to mpmath's precision."""
import mpmath
import numpy as np
import pytest

from proofcheck.numerics import paths
from proofcheck.numerics.contexts import F64, MP

PLAIN = {"product": paths._midpoint_product.__wrapped__, "residual": paths._midpoint_residual.__wrapped__}
ON_ARB = {"product": paths._midpoint_product, "residual": paths._midpoint_residual}


def _path(rng, n, d, scale):
    knots = [mpmath.matrix((scale * rng.standard_normal((n, d))).tolist()) for _ in range(3)]
    return knots, [mpmath.mpf(0), mpmath.mpf("0.37"), mpmath.mpf("1.25")]


@pytest.mark.parametrize("loop", sorted(PLAIN))
@pytest.mark.parametrize("dps", [20, 50])
@pytest.mark.parametrize("scale", [1.0, 30.0])  # 30: h ||K|| up to 1e3, where Arb's ball is too wide and mpmath's svd steps in
def test_the_loop_on_arb_matrices_agrees_with_mpmaths_to_its_precision(loop, dps, scale):
    rng = np.random.default_rng(dps + int(scale))
    with mpmath.workdps(dps):
        for n, d in ((1, 1), (2, 3), (4, 2)):
            knots, times = _path(rng, n, d, scale)
            plain, fast = PLAIN[loop](MP, knots, times, 4), ON_ARB[loop](MP, knots, times, 4)
            # a product relative to itself (1e-50 on the long steps); a residual, a difference of terms of
            # size about 1 that cancel to 1e-5, relative to the terms
            size = mpmath.mnorm(plain, 1) if loop == "product" else max(mpmath.mnorm(plain, 1), 1)
            assert isinstance(fast, mpmath.matrix) and (fast.rows, fast.cols) == (plain.rows, plain.cols)
            assert mpmath.mnorm(fast - plain, 1) <= 10 ** (3 - dps) * size


def test_float64_runs_the_plain_loop():
    rng = np.random.default_rng(1)
    knots = [rng.standard_normal((5, 2, 2)) for _ in range(3)]
    times = [np.zeros((5, 1, 1)), np.full((5, 1, 1), 0.5), np.ones((5, 1, 1))]
    assert np.array_equal(paths._midpoint_product(F64, knots, times, 4), PLAIN["product"](F64, knots, times, 4))


def test_an_exponential_whose_ball_is_wider_than_mpmaths_rounding_is_mpmaths_at_the_midpoint():
    import flint

    from proofcheck.numerics.arb import ArbMatrix, arb_prec, midpoint_matrix
    from proofcheck.numerics.arb_steps import ArbSteps
    from proofcheck.numerics.contexts import ARB_GUARD_BITS

    with mpmath.workdps(30), arb_prec(MP.prec + ARB_GUARD_BITS):
        centre = mpmath.matrix([["0.75", "-1.5"], ["0.25", "2"]])
        exact = ArbMatrix(flint.arb_mat([[flint.arb(str(centre[i, j])) for j in range(2)] for i in range(2)]))
        wide = ArbMatrix(flint.arb_mat([[flint.arb(str(centre[i, j]), 1e-12) for j in range(2)] for i in range(2)]))
        t = flint.arb("0.3")
        narrow = ArbSteps(MP).gram_exp(exact, t)
        assert max(float(narrow.m[i, j].rad()) for i in range(2) for j in range(2)) > 0  # Arb's own ball
        fallback = ArbSteps(MP).gram_exp(wide, t)
        assert all(fallback.m[i, j].rad() == 0 for i in range(2) for j in range(2))  # mpmath's, exactly
        mid, _ = midpoint_matrix(MP, wide.m)
        expected = MP.gram_exp(mid, MP.mpf(midpoint_matrix(MP, flint.arb_mat([[t]]))[0][0, 0]))
        assert mpmath.mnorm(midpoint_matrix(MP, fallback.m)[0] - expected, 1) == 0
        assert mpmath.mnorm(midpoint_matrix(MP, narrow.m)[0] - expected, 1) < 1e-25
