"""Certification: a witness judged in Arb ball arithmetic (python-flint), where every value is an
enclosure of the true one, so that a comparison Arb decides is a proof about that case.

``certified``: LHS <= RHS is proved at the case (for a lower bound, LHS >= RHS).
``certified violation``: the opposite strict inequality is proved.
``uncertified``: with the reason: the enclosures overlap, or the statement involves something Arb
does not bound here (the discretization error of a product integral is estimated, not bounded;
an identity's residual is judged against such an estimate).
"""
from __future__ import annotations

from typing import Any

import flint

from proofcheck.core.cases import mp_namespace
from proofcheck.core.judgement import CertificateStatus, enclosure_status
from proofcheck.core.results import Certificate
from proofcheck.core.statement import Statement
from proofcheck.numerics.arb import ArbContext, arb_prec
from proofcheck.numerics.paths import Estimate

CERTIFY_BITS = 170


def applies(statement: Statement) -> bool:
    """Whether certification can decide this statement's cases at all."""
    return statement.kind != "identity" and not statement.space.has_paths and statement.not_certified is None


def not_certifiable_reason(statement: Statement) -> str:
    """Why Arb cannot judge the statement's cases (``applies`` is False)."""
    if statement.kind == "identity":
        return "an identity's residual is judged against an estimated error"
    return statement.not_certified or "a product integral's discretization error is estimated, not bounded"


def _text(x: flint.arb) -> str:
    return x.str(20, radius=True) if x.is_finite() else str(x)


_DETAIL = {
    CertificateStatus.CERTIFIED: "{holds} proved by enclosures at {bits} bits",
    CertificateStatus.CERTIFIED_VIOLATION: "{fails} proved by enclosures at {bits} bits",
}


def certify(statement: Statement, witness: dict[str, Any], bits: int = CERTIFY_BITS) -> Certificate:
    """The certificate of one witness: status, detail, and the enclosures of both sides."""
    if not applies(statement):
        return Certificate(CertificateStatus.UNCERTIFIED, f"not certifiable: {not_certifiable_reason(statement)}", bits)
    ctx = ArbContext(bits)
    with arb_prec(bits):
        try:
            c = mp_namespace(ctx, statement.space, witness)
            left, right = statement.lhs(ctx, c), statement.rhs(ctx, c)
            if isinstance(left, Estimate) or isinstance(right, Estimate):
                raise ValueError("a side carries an estimated error")
            left, right = flint.arb(left), flint.arb(right)
        except (ValueError, ArithmeticError, TypeError) as exc:
            return Certificate(CertificateStatus.UNCERTIFIED, f"no enclosure: {type(exc).__name__}: {exc}", bits)
        status = enclosure_status(statement.kind, left, right)
        lhs, rhs = _text(left), _text(right)
        small, big = (left, right) if statement.kind == "upper" else (right, left)
        if status is CertificateStatus.CERTIFIED and not big.is_finite():
            detail = "the bound is +infinity at this case"
        elif status is CertificateStatus.UNCERTIFIED:
            finite = small.is_finite() and big.is_finite()
            detail = (f"the enclosures of the two sides overlap at {bits} bits" if finite
                      else "an enclosure is not finite")
        else:
            upper = statement.kind == "upper"
            detail = _DETAIL[status].format(holds="LHS <= RHS" if upper else "LHS >= RHS",
                                            fails="LHS > RHS" if upper else "LHS < RHS", bits=bits)
        return Certificate(status, detail, bits, lhs, rhs)
