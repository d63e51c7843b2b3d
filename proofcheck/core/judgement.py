"""The judgement of a ratio, defined once: how a statement's two sides become a ratio that reads
above 1 as a violation, and how a ratio with its numerical error becomes a status.

Float64 screening, mpmath confirmation, Arb certification and the trained statements all judge
through this module; nothing else orients a ratio, divides by a vanishing side or decides the
boundary.

* Orientation: an upper bound (lhs <= rhs) is judged by LHS/RHS, a lower bound (lhs >= rhs) by
  RHS/LHS, an identity by its residual over the residual's allowance.
* Division: 0/0 is 0 (the claim holds there with equality and says nothing about slack); x/0 with
  x != 0 is +inf; a finite x over an infinite side is 0.
* The identity allowance: twice the residual's discretization error estimate plus a rounding floor
  (1e-9 in float64, 10^(10 - dps) at dps digits) times the size of the terms compared.
* The boundary: a confirmed case is ``violated`` only when its ratio exceeds 1 by more than its
  numerical error at both precisions; within the error of 1 it is ``boundary``; else ``holds``.
"""
from __future__ import annotations

import enum
from typing import Any

import numpy as np

IDENTITY_FLOOR_F64 = 1e-9


class Status(str, enum.Enum):
    """A status that reads, prints and is written into reports as its value."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class CaseStatus(Status):
    """A confirmed case, judged at two precisions."""

    HOLDS = "holds"
    VIOLATED = "violated"
    BOUNDARY = "boundary"


class CertificateStatus(Status):
    """What Arb's enclosures prove about one case."""

    CERTIFIED = "certified"
    CERTIFIED_VIOLATION = "certified violation"
    UNCERTIFIED = "uncertified"


def oriented(kind: str, lhs: Any, rhs: Any) -> tuple[Any, Any]:
    """(numerator, denominator) of the ratio that reads above 1 as a violation."""
    return (rhs, lhs) if kind == "lower" else (lhs, rhs)


def ratio(ctx: Any, num: Any, den: Any) -> Any:
    """num/den for one case, with the rules of division above, in the numbers of ``ctx`` (a
    context with ``mpf``, ``inf`` and ``isinf``: mpmath's or Arb's)."""
    if den == 0:
        return ctx.mpf(0) if num == 0 else ctx.inf
    if ctx.isinf(den) and not ctx.isinf(num):
        return ctx.mpf(0)
    return num / den


def ratio_array(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num/den elementwise for float64 arrays, with the rules of division above."""
    with np.errstate(all="ignore"):
        r = np.where(den == 0, np.where(num == 0, 0.0, np.inf), num / np.where(den == 0, 1.0, den))
        return np.where(np.isinf(den) & np.isfinite(num), 0.0, r)


def identity_floor(dps: int | None) -> float:
    """The rounding floor of an identity's allowance: 1e-9 in float64, 10^(10 - dps) in mpmath."""
    return IDENTITY_FLOOR_F64 if dps is None else 10.0 ** (10 - dps)


def identity_allowance(error: Any, size: Any, floor: Any) -> Any:
    """What an identity's residual may be and still hold: twice its error estimate plus the
    rounding floor times the size of the terms compared (``size`` >= 0)."""
    return 2 * error + floor * size


def ratio_spread(ratio_value: Any, den: Any, err_num: Any, err_den: Any) -> Any:
    """The ratio's error from its sides' discretization errors (first order, relative to the
    denominator): (err_num + |ratio| err_den) / |den|; 0 for exact sides. Float64 arrays only;
    ``ratio_spread_exact`` is the same for one mpmath case."""
    with np.errstate(all="ignore"):
        return np.where((err_num == 0) & (err_den == 0), 0.0, (err_num + np.abs(ratio_value) * err_den) / np.abs(den))


def ratio_spread_exact(ratio_value: Any, den: Any, err_num: Any, err_den: Any, inf: Any) -> Any:
    """``ratio_spread`` for one case, with the denominator shrunk by its own error: where the error
    could make the denominator vanish the spread is infinite (the ratio is not known at all)."""
    if err_num == 0 and err_den == 0:
        return 0 * err_num  # exactly 0, whatever den is (inf included)
    return (err_num + abs(ratio_value) * err_den) / (den - err_den) if den > err_den else inf


def case_status(low: Any, high: Any, error: Any) -> CaseStatus:
    """The boundary rule for one case judged at a lower and a higher precision."""
    if high - 1 > error and low - 1 > error:
        return CaseStatus.VIOLATED
    if abs(high - 1) <= error:
        return CaseStatus.BOUNDARY
    return CaseStatus.HOLDS


def identity_enclosure_status(residual: Any, size: Any, bits: int) -> CertificateStatus:
    """What Arb balls prove about an identity at one case, from a ball containing the norm of its
    residual and the size of the terms compared: a residual certainly above 0 is a certified
    violation; one certainly at most 2^(-bits/2) of the size is certified (the identity holds at
    the case to that accuracy, proved); anything else is uncertified."""
    if residual.is_finite() and residual.lower() > 0:
        return CertificateStatus.CERTIFIED_VIOLATION
    if residual.is_finite() and size.is_finite() and residual.upper() <= size.lower() * 2.0 ** -(bits // 2):
        return CertificateStatus.CERTIFIED
    return CertificateStatus.UNCERTIFIED


def enclosure_status(kind: str, lhs: Any, rhs: Any, big_lower: Any = None) -> CertificateStatus:
    """The status Arb balls of both sides prove: the claimed inequality certainly holds, certainly
    fails, or the balls overlap (uncertified). An infinite bound over a finite side holds.
    ``big_lower``: a proved lower end of the side that should be the larger, tighter than its ball's
    (the inequality holds when the other side lies below it)."""
    small, big = oriented(kind, lhs, rhs)
    if not big.is_finite() and big.lower() > 0 and small.is_finite():
        return CertificateStatus.CERTIFIED
    if not (small.is_finite() and big.is_finite()):
        return CertificateStatus.UNCERTIFIED
    if small <= big or (big_lower is not None and big_lower.is_finite() and small <= big_lower):
        return CertificateStatus.CERTIFIED
    if small > big:
        return CertificateStatus.CERTIFIED_VIOLATION
    return CertificateStatus.UNCERTIFIED
