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

from proofcheck.numerics.arb import ArbContext, arb_prec
from proofcheck.core.cases import mp_namespace
from proofcheck.numerics.paths import Estimate
from proofcheck.core.statement import Statement

CERTIFY_BITS = 170


def applies(statement: Statement) -> bool:
    """Whether certification can decide this statement's cases at all."""
    return statement.kind != "identity" and not statement.space.has_paths and statement.not_certified is None


def _text(x: flint.arb) -> str:
    return x.str(20, radius=True) if x.is_finite() else str(x)


def certify(statement: Statement, witness: dict[str, Any], bits: int = CERTIFY_BITS) -> dict[str, Any]:
    """The certificate of one witness: status, detail, and the enclosures of both sides."""
    if not applies(statement):
        why = ("an identity's residual is judged against an estimated error" if statement.kind == "identity"
               else statement.not_certified if statement.not_certified
               else "a product integral's discretization error is estimated, not bounded")
        return {"status": "uncertified", "detail": f"not certifiable: {why}", "bits": bits, "lhs": "", "rhs": ""}
    ctx = ArbContext(bits)
    with arb_prec(bits):
        try:
            c = mp_namespace(ctx, statement.space, witness)
            left, right = statement.lhs(ctx, c), statement.rhs(ctx, c)
            if isinstance(left, Estimate) or isinstance(right, Estimate):
                raise ValueError("a side carries an estimated error")
            left, right = flint.arb(left), flint.arb(right)
        except (ValueError, ArithmeticError, TypeError) as exc:
            return {"status": "uncertified", "detail": f"no enclosure: {type(exc).__name__}: {exc}", "bits": bits,
                    "lhs": "", "rhs": ""}
        small, big = (left, right) if statement.kind == "upper" else (right, left)
        sides = {"bits": bits, "lhs": _text(left), "rhs": _text(right)}
        if not big.is_finite() and big.lower() > 0 and small.is_finite():
            return {"status": "certified", "detail": "the bound is +infinity at this case", **sides}
        if not (small.is_finite() and big.is_finite()):
            return {"status": "uncertified", "detail": "an enclosure is not finite", **sides}
        if small <= big:
            return {"status": "certified", "detail": f"{'LHS <= RHS' if statement.kind == 'upper' else 'LHS >= RHS'} "
                                                      f"proved by enclosures at {bits} bits", **sides}
        if small > big:
            return {"status": "certified violation",
                    "detail": f"{'LHS > RHS' if statement.kind == 'upper' else 'LHS < RHS'} proved by enclosures at {bits} bits",
                    **sides}
        return {"status": "uncertified", "detail": f"the enclosures of the two sides overlap at {bits} bits", **sides}
