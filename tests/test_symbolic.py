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
