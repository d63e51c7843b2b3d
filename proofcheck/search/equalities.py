"""Equalities: cases where an inequality's two sides are equal on the witness (an extremal case, or both
sides the same expression), so that no precision orders their enclosures.

What Arb can still prove there is how close the sides are: if both balls lie in an interval of width w,
then |LHS - RHS| <= w, and the sides agree to -log2(w / size) bits of their size. A case whose balls
overlap and agree to at least ``bits // EQUALITY_FRACTION`` bits at ``bits`` is reported as an equality
to that accuracy; the direction of the inequality there is the statement's symbolic step's to decide,
not the enclosures'. Overlapping balls that are merely wide (a coarse enclosure, a near-equality whose
gap is below their width) are not equalities and are reported as an overlap, as before.
"""
from __future__ import annotations

import math

import flint

# at 170 bits the sides must agree to 21 bits (5e-7 of their size), at 340 to 42 bits (2e-13)
EQUALITY_FRACTION = 8


def agreement_bits(left: flint.arb, right: flint.arb) -> float | None:
    """The bits to which two overlapping finite balls are proved equal, relative to their size (at least
    1; exact zeros on both sides agree to infinitely many); None unless they overlap."""
    if not (left.is_finite() and right.is_finite()) or not left.overlaps(right):
        return None
    hull = left.union(right)
    width = float((hull.rad() * 2).upper()) if not hull.rad().is_zero() else 0.0
    size = max(float(abs(left).upper()), float(abs(right).upper()))
    if width == 0.0:
        return math.inf
    if size == 0.0:
        return None
    return -math.log2(width / size)


def equality_detail(left: flint.arb, right: flint.arb, bits: int) -> str | None:
    """The certificate's detail for an equality at ``bits`` (None when the case is not one)."""
    agree = agreement_bits(left, right)
    if agree is None or agree < bits // EQUALITY_FRACTION:
        return None
    accuracy = "exactly" if math.isinf(agree) else f"to 2^-{math.floor(agree)} of their size"
    return (f"an equality: the two sides are proved equal {accuracy} at {bits} bits, and no enclosure orders "
            f"them (the statement's symbolic step decides the case)")
