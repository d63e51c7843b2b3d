"""Theorem 1.3 on Appendix B's model: the closed form of (18) against a numerical solve, the
symbolic steps, the large-kappa limit, and a planted constant."""
import dataclasses
import math
from functools import partial
from types import SimpleNamespace

import mpmath
import numpy as np

from proofcheck_packs.ntk_tight_2023.statements import theorem_1_3
from proofcheck.search.engine import search
from proofcheck.numerics.contexts import MP


def test_symbolic_steps_are_proved():
    steps = theorem_1_3.symbolic(np.random.default_rng(0))
    assert [s.outcome for s in steps] == ["proved"] * 3


def test_closed_form_matches_mpmaths_taylor_solve_of_18():
    with mpmath.workdps(30):
        c = SimpleNamespace(alpha=mpmath.mpf("0.7"), T=mpmath.mpf("1.3"), lip=mpmath.mpf("0.9"), R0=mpmath.mpf("0.4"))
        a2, ystar = 1 / c.T, mpmath.sqrt(2 * c.R0)
        solve = mpmath.odefun(lambda t, r: -(a2 + 2 * c.lip * (ystar - r) / c.alpha) * r, 0, ystar)
        r, rbar = theorem_1_3.residuals(MP, c)
        assert abs(r - solve(c.T)) < mpmath.mpf(10) ** -25
        assert abs(rbar - ystar * mpmath.exp(-a2 * c.T)) < mpmath.mpf(10) ** -28


def test_large_kappa_limit_is_e_over_5_sqrt_2():
    # kappa -> infinity: r(T) -> 0, LHS -> y*/e = sqrt(2 R0)/e, RHS = sqrt(R0)/5
    c = SimpleNamespace(alpha=np.array(1e-6), T=np.array(1.0), lip=np.array(1.0), R0=np.array(1.0))
    from proofcheck.numerics.contexts import F64
    ratio = theorem_1_3.rhs(F64, c) / theorem_1_3.lhs(F64, c)
    assert abs(float(ratio) - math.e / (5 * math.sqrt(2))) < 1e-12


def test_a_short_search_finds_the_bound_holds_with_about_2x_room():
    # proved over every kappa > 0 by branch-and-bound (its reduction to kappa), and searched all the same
    result = search(theorem_1_3.STATEMENT, seed=1, cases=6000, dps=30, confirm_count=2)
    assert result.verdict == "proved" and "branch-and-bound" in result.reason
    assert math.e / (5 * math.sqrt(2)) - 1e-9 <= result.worst_ratio < 0.6


def test_the_constant_5_replaced_by_2_is_found_violated():
    planted = dataclasses.replace(theorem_1_3.STATEMENT, id="theorem-1.3:planted", rhs=partial(theorem_1_3.rhs, constant=2),
                                  symbolic=None)
    result = search(planted, seed=1, cases=4000, dps=30, confirm_count=2)
    assert result.verdict == "violated" and result.worst_ratio > 1.1
