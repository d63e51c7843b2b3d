"""Closed forms of a witness's sides: exact where sympy writes them, refused where they disagree with mpmath."""
import numpy as np
import sympy as sp

from proofcheck.core.registry import resolve
from proofcheck.numerics.sympy_context import SYMPY, NotClosedForm, SympyContext
from proofcheck.search.closed_form import agrees, closed_form

CLAIM_3 = {"statement": "claim-3", "dims": {"n": 1, "d": 1}, "values": {"X": [["1"]], "t": "0.5"}}


def test_a_scalar_witness_has_exact_sides():
    exact, why = closed_form(resolve("claim-3"), CLAIM_3)
    assert why == "" and exact is not None
    # ||e^{-x^2 t} x|| at x = 1, t = 1/2 is e^{-1/2}; the printed bound 1/(2 sqrt t) is sqrt(2)/2
    assert sp.simplify(sp.sympify(exact.lhs) - sp.exp(sp.Rational(-1, 2))) == 0
    assert sp.simplify(sp.sympify(exact.rhs) - sp.sqrt(2) / 2) == 0
    assert sp.simplify(sp.sympify(exact.ratio) - sp.sqrt(2) * sp.exp(sp.Rational(-1, 2))) == 0


def test_the_spectral_norm_of_a_small_matrix_is_exact():
    M = sp.Matrix([[1, 2], [3, 4]])
    norm = SYMPY.spectral_norm(M)
    assert abs(float(norm) - np.linalg.norm(np.array([[1.0, 2.0], [3.0, 4.0]]), 2)) < 1e-14
    assert sp.simplify(norm ** 2 - (15 + sp.sqrt(221))) == 0


def test_what_has_no_closed_form_says_why():
    path = {"statement": "claim-2", "dims": {"n": 1, "d": 1, "k": 2},
            "values": {"A": [[["1"]], [["2"]]], "B": [[["1"]], [["1"]]], "gap": ["1", "1"], "L": "1", "zeta": "0.5"}}
    exact, why = closed_form(resolve("claim-2"), path)
    assert exact is None and why.startswith("no closed form")
    try:
        SYMPY.spectral_norm(sp.ones(3, 4))
    except NotClosedForm as exc:
        assert "3 x 3" in str(exc)
    else:
        raise AssertionError("a 3 x 3 eigenproblem must be refused")


def test_an_exact_context_that_is_wrong_is_refused(monkeypatch):
    # a defect planted in the exact context (its matrix exponential off by a factor 1 + 1e-25) must not
    # reach the erratum
    right = SympyContext.psd_exp
    monkeypatch.setattr(SympyContext, "psd_exp", lambda self, K, t: right(self, K, t) * (1 + sp.Rational(1, 10 ** 25)))
    exact, why = closed_form(resolve("claim-3"), CLAIM_3)
    assert exact is None and "disagrees with mpmath" in why


def test_agreement_is_to_the_digits_asked():
    assert agrees(sp.sqrt(2), "1.41421356237309504880168872420969807856967", 30)
    assert not agrees(sp.sqrt(2), "1.41421356237309504880168872420969807856967", 45)
    assert not agrees(sp.sqrt(2), "1.4142135623731", 30)


def test_a_witness_too_large_to_read_is_not_sent_to_sympy():
    big = {"statement": "claim-3", "dims": {"n": 4, "d": 4},
           "values": {"X": [["1", "2", "3", "4"]] * 4, "t": "0.5"}}
    exact, why = closed_form(resolve("claim-3"), big)
    assert exact is None and "more than 12 numbers" in why
    long = {**CLAIM_3, "values": {"X": [["1.2345678901234567"]], "t": "0.5"}}
    assert closed_form(resolve("claim-3"), long)[0] is None
