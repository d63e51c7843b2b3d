"""Reductions declared by statement modules, checked by sympy, and the statements proved from them:
Theorem 1.3 for all kappa > 0, Appendix B's lines, a broken reduction refused, the search agreeing."""
import dataclasses
from fractions import Fraction

import pytest
import sympy as sp

from proofcheck.core.judgement import CaseStatus
from proofcheck.core.proved import BranchAndBound
from proofcheck.core.reduction import Face, check_faces, check_reduction, check_tail
from proofcheck.core.registry import resolve
from proofcheck.core.results import Confirmation
from proofcheck.search.bnb_proof import prove_statement
from proofcheck.search.engine import search, verdict_of

THEOREM = resolve("theorem-1.3")


def _proof(sid):
    st = resolve(sid)
    return prove_statement(st, st.reduction, st.space.scalars)


def test_theorem_1_3_reduction_is_proved_by_sympy_on_the_whole_domain():
    check = check_reduction(THEOREM, THEOREM.reduction, THEOREM.space.scalars)
    assert check.proved and check.whole
    assert check_tail(THEOREM, THEOREM.reduction, THEOREM.space.scalars).proved
    assert check_faces(THEOREM, THEOREM.reduction) == ""


def test_theorem_1_3_is_proved_for_all_kappa_with_a_rechecked_certificate_and_a_sharp_constant():
    b = _proof("theorem-1.3")
    assert b.outcome == "proved" and b.whole and b.recheck_ok and b.proves_statement
    assert "pieces" in b.certificate  # the box kappa <= 5 and the tail kappa >= 5
    low, high = b.sharp["low"], b.sharp["high"]
    assert 0 < low <= high < 1 and (high - low) / low < 1e-4  # at least 4 significant digits
    lo_c, hi_c = b.sharp["constant_sharp"]  # the constant 1/5 could be about 1/2.44
    assert 1 / 5 < lo_c <= hi_c


@pytest.mark.parametrize("broken", [
    {"scale": lambda ctx, c: c.R0},                                                 # the wrong factor
    {"case": lambda ctx, p: {"alpha": ctx.mpf(1), "T": ctx.mpf(1), "R0": ctx.mpf(1), "lip": 2 * p.kappa}},
    {"invariants": lambda c: {"kappa": c.T * c.lip * sp.sqrt(c.R0)}},              # alpha forgotten
    {"abs_side": "rhs"},                                                            # |x| dropped on the smaller side
])
def test_a_reduction_whose_identity_is_broken_is_refused(broken):
    reduction = dataclasses.replace(THEOREM.reduction, **broken)
    assert not check_reduction(THEOREM, reduction, THEOREM.space.scalars).proved
    b = prove_statement(THEOREM, reduction, THEOREM.space.scalars)
    assert b.outcome == "undecided" and "refused" in b.reason and not b.proves_statement


def test_a_broken_tail_is_refused():
    tail = dataclasses.replace(THEOREM.reduction.tail, chart=lambda k: sp.exp(-sp.sqrt(2) * k))
    reduction = dataclasses.replace(THEOREM.reduction, tail=tail)
    b = prove_statement(THEOREM, reduction, THEOREM.space.scalars)
    assert b.outcome == "undecided" and "tail refused" in b.reason


def test_a_face_where_equality_does_not_hold_is_refused():
    step = resolve("theorem-1.3:step-11")
    reduction = dataclasses.replace(step.reduction, faces=(Face("kappa", "low", 1),))
    assert check_faces(step, reduction) != ""
    assert "face refused" in prove_statement(step, reduction, step.space.scalars).reason


def test_step_11_is_disproved_at_a_certified_point_below_kappa_0_96():
    b = _proof("theorem-1.3:step-11")
    assert b.outcome == "disproved" and b.whole
    kappa = Fraction(b.point["kappa"])
    assert 0 < kappa < Fraction(96, 100)
    # 0.4 kappa e^{-1} sqrt(2) < 1/5 there: the line fails at that kappa
    assert 0.4 * float(kappa) * sp.N(sp.exp(-1) * sp.sqrt(2)) < 0.2


def test_steps_4_to_8_and_10_are_proved_on_the_whole_domain_and_lines_1_2_on_kappa_at_most_5():
    assert _proof("theorem-1.3:step-10").proves_statement
    assert _proof("theorem-1.3:step-4").proves_statement  # line 3, with its tail kappa >= 5
    # lines 4, 6 and 7 with their tails (line 6 in w = e^{-kappa} with powers w^c; line 4 in x = 1/kappa beside s)
    for k in (5, 7, 8):
        b = _proof(f"theorem-1.3:step-{k}")
        assert b.proves_statement and b.recheck_ok and "kappa >= 5" in b.covers
    for k in (2, 3):
        b = _proof(f"theorem-1.3:step-{k}")
        assert b.outcome == "proved" and not b.whole and "kappa in [0, 5]" in b.covers and not b.proves_statement


@pytest.mark.parametrize("sid,method", [("theorem-1.3:step-2", "corner"), ("theorem-1.3:step-5", "face-mean-value")])
def test_lines_1_and_4_are_proved_at_the_corner_where_two_faces_meet(sid, method):
    """Line 1's corner (kappa = 0 with s = 0) closes by the two faces' product, line 4's (kappa = 0 with s = 1/2)
    by the face's quotient about the declared corner (line 1 on kappa <= 5, line 4 on the whole domain)."""
    b = _proof(sid)
    assert b.outcome == "proved" and b.recheck_ok and "kappa" in b.covers
    assert b.methods.get(method, 0) > 0


def test_line_5_is_proved_on_the_whole_domain_compactified_without_a_tail():
    """v = kappa/(1 + kappa): both rates over r (1 + kappa)/T are affine in v; the range check is sympy's."""
    b = _proof("theorem-1.3:step-6")
    assert b.outcome == "proved" and b.whole and b.proves_statement and b.recheck_ok


def test_line_4_without_its_declared_corner_stays_undecided_at_the_corner():
    step = resolve("theorem-1.3:step-5")
    faces = tuple(dataclasses.replace(f, corner=()) for f in step.reduction.faces)
    b = prove_statement(step, dataclasses.replace(step.reduction, faces=faces), step.space.scalars, sharp=False)
    assert b.outcome == "undecided" and "'kappa': '0'" in b.reason


def test_a_corner_declared_where_the_face_derivative_does_not_vanish_is_refused():
    step = resolve("theorem-1.3:step-5")
    faces = tuple(dataclasses.replace(f, corner=(("s", "high"),)) for f in step.reduction.faces)
    assert "corner" in check_faces(step, dataclasses.replace(step.reduction, faces=faces))


@pytest.mark.parametrize("sid", ["theorem-1.3", "theorem-1.3:step-10"])
def test_the_search_worst_ratio_lies_inside_the_certified_interval(sid):
    result = search(resolve(sid), seed=1, cases=300)
    assert result.verdict == "proved" and result.branch_and_bound is not None
    assert result.worst_ratio <= result.branch_and_bound.sharp["high"]


def _confirmation(ratio):
    return Confirmation(witness={}, family="f", phase="p", screen_ratio=ratio, dps=30, lhs="", rhs="", ratio=str(ratio),
                        dps_hi=60, lhs_hi="", rhs_hi="", ratio_hi=str(ratio), error=1e-20, status=CaseStatus.HOLDS,
                        ratio_hi_value=ratio)


def test_a_search_witness_above_the_proved_bound_is_an_error():
    proved = BranchAndBound("proved", "", "whole domain", True, ["kappa"], [["0"], ["1"]], recheck_ok=True,
                            sharp={"low": 0.4, "high": 0.5})
    assert verdict_of([], [_confirmation(0.45)], bnb=proved)[0] == "proved"
    assert verdict_of([], [_confirmation(0.6)], bnb=proved)[0] == "error"
    partial = dataclasses.replace(proved, whole=False)
    assert verdict_of([], [_confirmation(0.45)], bnb=partial)[0] == "holds"


def test_theorem_1_2_last_line_sharp_constant_from_both_sides():
    """min(2 kappa + 3 kappa^2, 2) sqrt(2 R0) <= C kappa sqrt(R0) needs C = sqrt(2)(1 + sqrt 7) = 2 sqrt(2)/kappa*,
    kappa* = (sqrt 7 - 1)/3: about 5.1559 against the printed 6; the lower end from a certified point."""
    b = _proof("theorem-1.2:step-7")
    assert b.outcome == "proved" and b.whole and b.proves_statement and b.recheck_ok
    exact = float(sp.sqrt(2) * (1 + sp.sqrt(7)))
    low, high = b.sharp["constant_sharp"]
    assert low <= exact <= high and (high - low) / exact < 1e-4 and b.sharp["constant_printed"] == "6"
    kappa_star = float((sp.sqrt(7) - 1) / 3)
    assert abs(float(Fraction(b.sharp["low_point"]["kappa"])) - kappa_star) < 1e-4


def test_theorem_1_2_last_line_tightened_below_its_sharp_constant_is_disproved():
    step = resolve("theorem-1.2:step-7")
    tight = dataclasses.replace(step, rhs=lambda ctx, c: ctx.mpf(5155) / 1000 * c.kappa * ctx.sqrt(c.R0))
    reduction = dataclasses.replace(step.reduction, tail=dataclasses.replace(step.reduction.tail, rhs=lambda ctx, p: ctx.mpf(5155) / 1000))
    b = prove_statement(tight, reduction, tight.space.scalars, sharp=False)
    assert b.outcome == "disproved"
    assert abs(float(Fraction(b.point["kappa"])) - float((sp.sqrt(7) - 1) / 3)) < 1e-2


def test_the_search_agrees_with_theorem_1_2_last_line():
    result = search(resolve("theorem-1.2:step-7"), seed=1, cases=300)
    assert result.verdict == "proved" and result.worst_ratio <= result.branch_and_bound.sharp["high"]


def test_line_1_with_its_closed_form_broken_is_refused():
    step = resolve("theorem-1.3:step-2")
    broken = dataclasses.replace(step.reduction, lhs=lambda ctx, p: (1 + 3 * p.kappa) / (3 * p.kappa * ctx.exp(-p.s)
                                                                                         + ctx.exp(3 * p.kappa * p.s)))
    b = prove_statement(step, broken, step.space.scalars, sharp=False)
    assert b.outcome == "undecided" and "reduction refused" in b.reason


def test_the_corner_certificates_fail_their_recheck_once_tightened_by_1e_12():
    from proofcheck.numerics.bnb_certificate import certificate_from_dict, recheck
    from proofcheck.search.bnb_proof import fraction_ball, problem
    # lines 1 and 4 hold with equality at their faces (supremum 1); Theorem 1.2's last line has room, so its
    # certificate is re-checked against the bound just below its certified sharp ratio, 0.85931
    for sid, m in (("theorem-1.3:step-2", 1 - Fraction(1, 10**12)), ("theorem-1.3:step-5", 1 - Fraction(1, 10**12)),
                   ("theorem-1.2:step-7", Fraction(85930, 100000))):
        step = resolve(sid)
        b = prove_statement(step, step.reduction, step.space.scalars, sharp=False)
        stored = b.certificate["pieces"][0] if "pieces" in b.certificate else b.certificate
        assert recheck(problem(step, step.reduction), certificate_from_dict(stored)).ok
        assert not recheck(problem(step, step.reduction, fraction_ball(m)), certificate_from_dict(stored)).ok


def test_line_4_with_its_tail_broken_is_refused():
    """The tail's right side with e^{-1/2} replaced by e^{-0.49}: sympy does not confirm it, nothing is proved."""
    step = resolve("theorem-1.3:step-5")
    tail = dataclasses.replace(step.reduction.tail, rhs=lambda ctx, p: p.x / (2 * ctx.sqrt(ctx.mpf(2))) + 1
                               - ctx.exp(-ctx.mpf(49) / 100))
    b = prove_statement(step, dataclasses.replace(step.reduction, tail=tail), step.space.scalars, sharp=False)
    assert b.outcome == "undecided" and "tail refused" in b.reason
