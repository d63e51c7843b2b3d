"""Symbolic steps are three-valued and confirmed numerically."""
import numpy as np
import sympy as sp

from proofcheck.core.symbolic import check_equal, check_le, matrix_identity, supremum_step


def test_check_le_proves_a_true_inequality():
    t = sp.Symbol("t", positive=True)
    step = check_le("t/(1+t) <= 1", "proof step", t / (1 + t), 1, {t: (0, sp.oo)}, np.random.default_rng(0))
    assert step.outcome == "proved" and step.spot_checks > 0


def test_check_le_disproves_with_a_point():
    t = sp.Symbol("t", positive=True)
    step = check_le("t <= t/2", "proof step", t, t / 2, {t: (0, sp.oo)}, np.random.default_rng(0))
    assert step.outcome == "disproved" and "Fails at" in step.detail


def test_spot_check_catches_a_wrong_claim_sympy_cannot_decide():
    x = sp.Symbol("x", positive=True)
    expr = sp.sin(x) * sp.exp(sp.cos(x))
    step = check_le("sin(x) e^{cos x} <= 1", "proof step", expr, 1, {x: (0, 3)}, np.random.default_rng(0))
    assert step.outcome == "disproved"  # its maximum is about 1.18


def test_undecided_is_reported_with_its_reason():
    x = sp.Symbol("x", positive=True)
    expr = sp.sin(x) * sp.exp(sp.cos(x))
    step = check_le("sin(x) e^{cos x} <= 2", "proof step", expr, 2, {x: (0, 3)}, np.random.default_rng(0))
    assert step.outcome in ("undecided", "proved")
    if step.outcome == "undecided":
        assert "could not decide" in step.detail


def test_check_equal_and_supremum():
    s = sp.Symbol("s", positive=True)
    rng = np.random.default_rng(0)
    assert check_equal("int", "proof step", sp.integrate(1 / sp.sqrt(s), (s, 0, 1)), 2, {}, rng).outcome == "proved"
    assert check_equal("wrong", "proof step", sp.integrate(1 / sp.sqrt(s), (s, 0, 1)), 3, {}, rng).outcome == "disproved"
    step, sup = supremum_step("sup s e^{-s}", "proof step", s * sp.exp(-s), s, {}, rng)
    assert step.outcome == "proved" and sup == sp.exp(-1)


def test_matrix_identity_detects_a_false_identity():
    X = sp.Matrix(2, 2, sp.symbols("x0:4"))
    assert matrix_identity("X X^T symmetric", "proof step", X * X.T, (X * X.T).T).outcome == "proved"
    assert matrix_identity("X X^T = X^T X", "proof step", X * X.T, X.T * X).outcome == "disproved"


def test_the_supremum_of_an_absolute_value_is_the_larger_of_the_two_maxima():
    from sympy.calculus.util import maximum

    from proofcheck.core.symbolic import supremum

    x = sp.Symbol("x", real=True)
    cases = (
        (x * sp.exp(-x ** 2), -sp.oo, sp.oo),  # symmetric: both maxima are 1/sqrt(2e)
        (-1 - x ** 2, 0, 1),  # negative throughout: sup |g| = -inf g = 2, while sup g = -1
        (x ** 3 - x, -2, 1),  # the larger side is -g's: |g| reaches 6 at x = -2, g only 2 sqrt(3)/9
        (sp.diff(sp.tanh(x), x, 2), -sp.oo, sp.oo),  # sympy writes its Abs as 2 Abs(...): a positive factor out
    )
    for g, low, high in cases:
        split = supremum(sp.Abs(g), x, low, high)
        direct = sp.simplify(maximum(sp.Abs(g), x, sp.Interval(low, high)))
        assert sp.simplify(split - direct) == 0, (g, split, direct)
    # a factor of unknown sign is not split: (x - 2)|x| on [0, 1] has sup 0, while max(sup (x-2)x, sup -(x-2)x) = 1
    signed = (x - 2) * sp.Abs(x)
    assert supremum(signed, x, 0, 1) == 0
    assert supremum(sp.Abs(-1 - x ** 2), x, 0, 1) == 2 and supremum(-1 - x ** 2, x, 0, 1) == -1
    assert supremum(sp.Abs(x ** 3 - x), x, -2, 1) == 6
    # and the step built on it is proved, its spot checks passing at the split value
    step, sup = supremum_step("sup |x^3 - x| on [-2, 1]", "proof step", sp.Abs(x ** 3 - x), x, {}, np.random.default_rng(0),
                              low=-2, high=1)
    assert step.outcome == "proved" and sup == 6
