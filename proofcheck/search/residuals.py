"""An identity's nonzero residual, decided in mpmath.

An identity is judged by its residual over an allowance that shrinks with the digits (a rounding floor of
10^(10 - dps) times the terms' size, see ``proofcheck.core.judgement``). A residual that does not vanish
(the identity is false) therefore has a ratio that grows tenfold with every digit: the two precisions
disagree by orders of magnitude, the confirmation's error (ten times their difference) swallows the ratio,
and the case would stay ``boundary`` at any precision while Arb proves the residual nonzero. Here the
residual itself is compared: a closed-form identity (no discretization error) whose residual agrees at
both precisions to the lower one's rounding, and exceeds the lower precision's allowance at both, is
``violated``. Nothing else changes: a residual that shrinks with the digits (rounding) still holds.
"""
from __future__ import annotations

from typing import Any

import mpmath

from proofcheck.core.judgement import CaseStatus

AGREEMENT_DIGITS = 5  # the residuals agree to all but this many of the lower precision's digits


def residual_status(statement: Any, lo: Any, hi: Any, status: CaseStatus) -> CaseStatus:
    """``status``, or ``violated`` for an identity whose boundary case is a stable nonzero residual
    (``lo``, ``hi``: the two precisions' ``MpValue``; ``rhs`` is the allowance, ``lhs`` the residual)."""
    if statement.kind != "identity" or status is not CaseStatus.BOUNDARY or lo.error != 0 or hi.error != 0:
        return status
    with mpmath.mp.workdps(hi.dps):
        if not (mpmath.isfinite(lo.lhs) and mpmath.isfinite(hi.lhs) and mpmath.isfinite(lo.rhs)):
            return status
        stable = abs(lo.lhs - hi.lhs) <= mpmath.mpf(10) ** -(lo.dps - AGREEMENT_DIGITS) * abs(hi.lhs)
        above = lo.lhs > lo.rhs and hi.lhs > lo.rhs
    return CaseStatus.VIOLATED if stable and above else status


__all__ = ["residual_status"]
