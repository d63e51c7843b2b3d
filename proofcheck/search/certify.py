"""Certification: a witness judged in Arb ball arithmetic (python-flint), where every value is an
enclosure of the true one, so that a comparison Arb decides is a proof about that case.

``certified``: LHS <= RHS is proved at the case (for a lower bound, LHS >= RHS; for an identity,
its residual is proved below 2^(-bits/2) of the terms' size).
``certified violation``: the opposite strict inequality is proved (an identity's residual is
proved nonzero).
``uncertified``: with the reason: an equality (the sides proved equal to a fraction of the bits, which
no enclosure can order: ``equalities``), the enclosures overlap at every precision tried, a discretization
would need more steps than are taken (a stiff path), or the statement names why Arb cannot judge it.

Product integrals, their zeta-derivative, the residual of their integral equation and path integrals are enclosed
rigorously in Arb (``proofcheck.numerics.enclosures``); a side that still carries an estimated
error (an Estimate whose error is not exactly 0) is never certified.
"""
from __future__ import annotations

from typing import Any

import flint

from proofcheck.core.cases import mp_namespace
from proofcheck.core.judgement import CertificateStatus, enclosure_status, identity_enclosure_status, oriented
from proofcheck.core.results import Certificate
from proofcheck.core.statement import Statement
from proofcheck.numerics.arb import ArbContext, arb_prec
from proofcheck.numerics.enclosures import NotEnclosed
from proofcheck.numerics.paths import Estimate
from proofcheck.search.equalities import equality_detail

CERTIFY_BITS = 170
# A case the enclosures cannot decide at first is retried at twice the bits (and, with them, a
# tighter Taylor tolerance and finer path-integral pieces) before it is reported uncertified.
RETRY_BITS = (CERTIFY_BITS, 2 * CERTIFY_BITS)


def applies(statement: Statement) -> bool:
    """Whether certification can decide this statement's cases at all."""
    return statement.not_certified is None


def not_certifiable_reason(statement: Statement) -> str:
    """Why Arb cannot judge the statement's cases (``applies`` is False)."""
    return statement.not_certified or ""


def _text(x: flint.arb) -> str:
    return x.str(20, radius=True) if x.is_finite() else str(x)


def _lower_end(side: Any) -> flint.arb | None:
    """A proved lower end a side carries beside its ball (``Estimate.lower``), or None."""
    return flint.arb(side.lower) if isinstance(side, Estimate) and side.lower is not None else None


def _ball(side: Any) -> flint.arb:
    """A side as a ball; an estimate is accepted only with its error folded into the ball (exactly 0)."""
    if isinstance(side, Estimate):
        if not flint.arb(side.error).is_zero():
            raise ValueError("a side carries an estimated error")
        side = side.value
    return flint.arb(side)


_DETAIL = {
    CertificateStatus.CERTIFIED: "{holds} proved by enclosures at {bits} bits",
    CertificateStatus.CERTIFIED_VIOLATION: "{fails} proved by enclosures at {bits} bits",
}
_IDENTITY_DETAIL = {
    CertificateStatus.CERTIFIED: "the residual is proved at most 2^-{half} of the terms' size at {bits} bits",
    CertificateStatus.CERTIFIED_VIOLATION: "the residual is proved nonzero at {bits} bits",
}


def _attempt(statement: Statement, witness: dict[str, Any], bits: int) -> Certificate:
    ctx = ArbContext(bits)
    with arb_prec(bits):
        try:
            c = mp_namespace(ctx, statement.space, witness)
            left_side, right_side = statement.lhs(ctx, c), statement.rhs(ctx, c)
            left, right = _ball(left_side), _ball(right_side)
        except NotEnclosed as exc:
            return Certificate(CertificateStatus.UNCERTIFIED, f"not enclosed: {exc}", bits)
        except (ValueError, ArithmeticError, TypeError) as exc:
            return Certificate(CertificateStatus.UNCERTIFIED, f"no enclosure: {type(exc).__name__}: {exc}", bits)
        lhs, rhs = _text(left), _text(right)
        if statement.kind == "identity":
            status = identity_enclosure_status(left, right, bits)
            detail = (_IDENTITY_DETAIL[status].format(half=bits // 2, bits=bits) if status in _IDENTITY_DETAIL
                      else f"the residual's enclosure reaches above 2^-{bits // 2} of the size at {bits} bits")
            return Certificate(status, detail, bits, lhs, rhs)
        small, big = oriented(statement.kind, left, right)
        big_lower = _lower_end(oriented(statement.kind, left_side, right_side)[1])
        status = enclosure_status(statement.kind, left, right, big_lower)
        upper = _ratio_upper(small, big if big_lower is None else big_lower)
        if status is CertificateStatus.CERTIFIED and not big.is_finite():
            detail = "the bound is +infinity at this case"
        elif status is CertificateStatus.UNCERTIFIED:
            finite = small.is_finite() and big.is_finite()
            detail = (equality_detail(left, right, bits) or _overlap_detail(small, big, big_lower, bits)
                      if finite else "an enclosure is not finite")
        else:
            is_upper = statement.kind == "upper"
            detail = _DETAIL[status].format(holds="LHS <= RHS" if is_upper else "LHS >= RHS",
                                            fails="LHS > RHS" if is_upper else "LHS < RHS", bits=bits)
        return Certificate(status, detail, bits, lhs, rhs, upper)


def _overlap_detail(small: flint.arb, big: flint.arb, big_lower: flint.arb | None, bits: int) -> str:
    """Why two finite enclosures decide nothing, in numbers relative to the sides' size: how far apart
    their midpoints are and how wide each enclosure is (the bound's from the lower end kept beside its ball)."""
    size = max(abs(float(small.mid())), abs(float(big.mid())), 1e-300)
    low = big.lower() if big_lower is None else big_lower
    wide_big = float((big.upper() - low).upper())
    apart = float(abs(small.mid() - big.mid()).upper())
    return (f"the enclosures of the two sides overlap at {bits} bits: their midpoints are {apart / size:.2g} of "
            f"their size apart, the enclosures {2 * float(small.rad()) / size:.2g} and {wide_big / size:.2g} of it wide")


def _ratio_upper(small: flint.arb, big: flint.arb) -> float | None:
    """The upper end of small/big's enclosure as a float (None unless both are finite and big > 0)."""
    if not (small.is_finite() and big.is_finite()) or not big > 0:
        return None
    ratio = small / big
    return float(ratio.upper()) if ratio.is_finite() else None


def certify(statement: Statement, witness: dict[str, Any], bits: int | None = None) -> Certificate:
    """The certificate of one witness: status, detail, and the enclosures of both sides. Without
    ``bits``, an undecided case is retried at each of RETRY_BITS; a case whose enclosure needs more
    steps than are taken (NotEnclosed) is not retried, more bits would not shorten it."""
    if not applies(statement):
        return Certificate(CertificateStatus.UNCERTIFIED, f"not certifiable: {not_certifiable_reason(statement)}",
                           bits or CERTIFY_BITS)
    cert = None
    for b in (bits,) if bits is not None else RETRY_BITS:
        cert = _attempt(statement, witness, b)
        if cert.status is not CertificateStatus.UNCERTIFIED or cert.detail.startswith("not enclosed"):
            return cert
    assert cert is not None
    return cert
