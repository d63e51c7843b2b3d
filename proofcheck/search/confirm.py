"""Confirmation: a candidate is judged in mpmath at the requested digits and at twice the digits.

The numerical error of the ratio is estimated from the two precisions (ten times their
difference, floored at the rounding unit of the lower one), plus twice the discretization error
the statement reports (product integrals), which more digits do not reduce. A case is ``violated``
only when the ratio exceeds 1 by more than that error at both precisions; within the error it is
``boundary``, and is re-evaluated at doubling precision (4D, 8D, ... up to ESCALATION_CAP times D)
until decided, or until more digits stop shrinking the error (a discretization-limited case).
"""
from __future__ import annotations

from typing import Any

import mpmath

from proofcheck.core.judgement import CaseStatus, case_status
from proofcheck.core.results import Confirmation
from proofcheck.search.evaluate import MpValue, evaluate_mp
from proofcheck.search.residuals import residual_status
from proofcheck.core.statement import Statement


def _error(lo: MpValue, hi: MpValue) -> mpmath.mpf:
    with mpmath.mp.workdps(hi.dps):
        if mpmath.isinf(lo.ratio) or mpmath.isinf(hi.ratio):
            return mpmath.mpf(0) if lo.ratio == hi.ratio else mpmath.inf
        floor = mpmath.mpf(10) ** (-(lo.dps - 5)) * max(1, abs(hi.ratio))
        return max(10 * abs(lo.ratio - hi.ratio), floor) + 2 * max(lo.error, hi.error)


def _status(lo: MpValue, hi: MpValue, err: mpmath.mpf) -> CaseStatus:
    with mpmath.mp.workdps(hi.dps):
        return case_status(lo.ratio, hi.ratio, err)


def _text(x: mpmath.mpf, digits: int) -> str:
    return mpmath.nstr(x, digits, min_fixed=-4, max_fixed=4) if mpmath.isfinite(x) else str(x)


ESCALATION_CAP = 8


def _discretization_limited(lo: MpValue, hi: MpValue, err: mpmath.mpf) -> bool:
    """More digits cannot decide: the error is mostly the discretization error they do not reduce."""
    with mpmath.mp.workdps(hi.dps):
        return 4 * max(lo.error, hi.error) >= err


def confirm(statement: Statement, witness: dict[str, Any], dps: int, family: str = "",
            phase: str = "", screen_ratio: float = float("nan")) -> Confirmation:
    """Judge one witness at ``dps`` and ``2*dps`` digits, escalating at the boundary."""
    lo = evaluate_mp(statement, witness, dps)
    hi = evaluate_mp(statement, witness, 2 * dps)
    err = _error(lo, hi)
    status = residual_status(statement, lo, hi, _status(lo, hi, err))  # an identity's stable nonzero residual
    precisions = [dps, 2 * dps]
    factor = 4
    while status is CaseStatus.BOUNDARY and factor <= ESCALATION_CAP and not _discretization_limited(lo, hi, err):
        top = evaluate_mp(statement, witness, factor * dps)
        precisions.append(factor * dps)
        lo, hi = hi, top
        err = _error(lo, hi)
        status = residual_status(statement, lo, hi, _status(lo, hi, err))
        factor *= 2
    shown = min(dps, 30)
    return Confirmation(
        witness=witness, family=family, phase=phase, screen_ratio=float(screen_ratio),
        dps=lo.dps, lhs=_text(lo.lhs, shown), rhs=_text(lo.rhs, shown), ratio=_text(lo.ratio, shown),
        dps_hi=hi.dps, lhs_hi=_text(hi.lhs, shown), rhs_hi=_text(hi.rhs, shown),
        ratio_hi=_text(hi.ratio, shown), error=float(err), status=status,
        precisions=precisions, ratio_hi_value=hi.ratio,
    )
