"""The numerical core against numpy, scipy and mpmath's own routines."""
import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.linalg import expm

from proofcheck.numerics.linalg import gram, gram_exp, psd_exp, reciprocal, spectral_norm, transpose
from proofcheck.numerics.contexts import F64
from proofcheck.numerics.contexts import MP

shapes = st.tuples(st.integers(1, 5), st.integers(1, 5))
entries = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(shapes.flatmap(lambda s: arrays(float, (1,) + s, elements=entries)))
def test_spectral_norm_matches_numpy(M):
    assert spectral_norm(F64, M)[0, 0, 0] == pytest.approx(np.linalg.norm(M[0], 2), rel=1e-12, abs=1e-300)


@settings(max_examples=40, deadline=None)
@given(shapes.flatmap(lambda s: arrays(float, (1,) + s, elements=entries)), st.floats(0, 3))
def test_gram_exp_matches_scipy_expm(X, t):
    expected = expm(-X[0] @ X[0].T * t)
    got = gram_exp(F64, X, np.array([t]))[0]
    assert np.allclose(got, expected, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(shapes.flatmap(lambda s: arrays(float, (1,) + s, elements=entries)), st.floats(0, 3))
def test_psd_exp_and_gram_exp_agree(X, t):
    tt = np.array([t])
    assert np.allclose(psd_exp(F64, gram(F64, X), tt), gram_exp(F64, X, tt), atol=1e-9)


def test_mpmath_helpers_match_mpmath_expm_and_svd():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 4))
    with mpmath.workdps(40):
        Xm = mpmath.matrix(X.tolist())
        t = mpmath.mpf("0.7")
        expected = mpmath.expm(-Xm * Xm.T * t)
        for got in (gram_exp(MP, Xm, t), psd_exp(MP, gram(MP, Xm), t)):
            assert mpmath.mnorm(got - expected, 1) < mpmath.mpf(10) ** -30
        assert abs(spectral_norm(MP, Xm) - max(mpmath.svd_r(Xm, compute_uv=False))) < mpmath.mpf(10) ** -38
        assert transpose(MP, Xm).rows == 4


@pytest.mark.parametrize("singular_values", [(2, 2, 1, 0), (3, 3, 3, 3), (1, 0, 0, 0), (0, 0, 0, 0), (1, 1e-30, 0, 0)])
def test_mpmaths_spectral_norm_is_the_largest_singular_value_where_it_is_repeated_or_zero(singular_values):
    rng = np.random.default_rng(1)
    with mpmath.workdps(50):
        Q, _ = mpmath.qr(mpmath.matrix(rng.standard_normal((4, 4)).tolist()))
        R, _ = mpmath.qr(mpmath.matrix(rng.standard_normal((4, 4)).tolist()))
        M = Q * mpmath.diag([mpmath.mpf(s) for s in singular_values]) * R.T
        top = mpmath.mpf(max(singular_values))
        assert abs(spectral_norm(MP, M) - top) <= mpmath.mpf(10) ** -45 * max(top, 1)
        assert abs(spectral_norm(MP, M) - max(mpmath.svd_r(M, compute_uv=False))) <= mpmath.mpf(10) ** -45 * max(top, 1)


def test_gram_exp_keeps_null_directions_at_huge_scale():
    # X X^T t ~ 1e30 on its range; the complement must stay exactly the identity
    X = np.array([[[1e8, 0.0], [0.0, 0.0], [0.0, 0.0]]])
    E = gram_exp(F64, X, np.array([1e14]))[0]
    assert np.allclose(E, np.diag([0.0, 1.0, 1.0]))


def test_reciprocal_is_inf_at_zero():
    assert reciprocal(F64, np.array([0.0, 2.0])).tolist() == [np.inf, 0.5]
    assert reciprocal(MP, mpmath.mpf(0)) == mpmath.inf


@settings(max_examples=20, deadline=None)
@given(shapes.flatmap(lambda s: arrays(float, s, elements=st.floats(-3, 3))), st.floats(0, 5))
def test_mpmath_psd_and_gram_exponentials_match_mpmath_expm(X, t):
    with mpmath.workdps(30):
        Xm = mpmath.matrix(X.tolist())
        expected = mpmath.expm(-Xm * Xm.T * mpmath.mpf(t))
        for got in (gram_exp(MP, Xm, mpmath.mpf(t)), psd_exp(MP, gram(MP, Xm), mpmath.mpf(t))):
            assert mpmath.mnorm(got - expected, 1) < mpmath.mpf(10) ** -20


@settings(max_examples=30, deadline=None)
@given(shapes.flatmap(lambda s: arrays(float, s, elements=entries)))
def test_mpmath_spectral_norm_matches_numpy(M):
    with mpmath.workdps(30):
        assert float(spectral_norm(MP, mpmath.matrix(M.tolist()))) == pytest.approx(np.linalg.norm(M, 2), rel=1e-12, abs=1e-300)


@settings(max_examples=40, deadline=None)
@given(shapes.flatmap(lambda s: arrays(float, (1,) + s, elements=entries)), st.sampled_from([1e-300, 1e-150, 1.0, 1e150, 1e300]))
def test_spectral_norm_at_extreme_scales_neither_overflows_nor_underflows(M, scale):
    X = M * scale
    expected = np.linalg.norm(X[0], 2)
    assert spectral_norm(F64, X)[0, 0, 0] == pytest.approx(expected, rel=1e-12, abs=1e-320)
