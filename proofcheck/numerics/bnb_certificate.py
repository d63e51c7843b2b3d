"""Re-checking a branch-and-bound certificate, box by box, without the prover.

The certificate is the bisection tree in preorder and the leaves with the method that closed each.
The re-check rebuilds the boxes from the tree alone (so the leaves tile the domain by construction),
refuses a leaf whose stored box differs from the rebuilt one, and evaluates each leaf's own method
once: no search for a method, no bisection, so it is faster than the proof. Any leaf whose
enclosure does not prove F <= 0 makes the whole certificate refused.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import flint

from proofcheck.numerics.bnb import (Certificate, Leaf, Method, Problem, corner_point, corners, face_ends, face_upper, halves,
                                     mean_value_upper, natural_bound, touches)
from proofcheck.numerics.bnb_faces import corner_upper, face_mean_value_upper, reaching_face_upper
from proofcheck.numerics.jets import series_length


@dataclass
class Recheck:
    """``ok`` when every leaf closes again; ``boxes`` re-checked, ``seconds``, and the first ``failure``."""

    ok: bool
    boxes: int
    seconds: float
    failure: str = ""


def _bound(problem: Problem, leaf: Leaf, low: tuple[Fraction, ...], high: tuple[Fraction, ...]) -> flint.arb:
    if leaf.method is Method.BALL:
        return natural_bound(problem.f, low, high).upper()
    if leaf.method is Method.MEAN_VALUE:
        return mean_value_upper(problem.f, low, high)
    if leaf.face is None or not 0 <= leaf.face < len(problem.faces):
        raise ValueError("a face leaf names no declared face")
    face = problem.faces[leaf.face]
    if leaf.method is Method.CORNER:
        if leaf.face2 is None or (leaf.face, leaf.face2) not in corners(problem):
            raise ValueError("a corner leaf names no pair of declared faces on two axes")
        return corner_upper(problem.f, low, high, face, problem.faces[leaf.face2], *face_ends(problem, leaf.face, leaf.face2))
    if leaf.method is Method.REACHING_FACE:
        return reaching_face_upper(problem.f, low, high, face, *face_ends(problem, leaf.face))
    if not touches(problem, face, low, high):
        raise ValueError("a face leaf does not touch its face")
    if leaf.method is Method.FACE:
        return face_upper(problem.f, low, high, face)
    return face_mean_value_upper(problem.f, low, high, face, corner_point(problem, face))


def recheck(problem: Problem, certificate: Certificate) -> Recheck:
    """Rebuild the tiling from the tree and re-prove every leaf with its stored method."""
    start = time.monotonic()
    boxes: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = [(tuple(problem.low), tuple(problem.high))]
    leaves = iter(certificate.leaves)
    done = 0

    def refuse(why: str) -> Recheck:
        return Recheck(False, done, time.monotonic() - start, why)

    with series_length(flint.ctx.cap, certificate.bits):
        for axis in certificate.splits:
            if not boxes:
                return refuse("the tree has more nodes than its domain has boxes")
            low, high = boxes.pop()
            if axis >= 0:
                if axis >= len(problem.low):
                    return refuse(f"a split along a coordinate that does not exist ({axis})")
                (l1, h1), (l2, h2) = halves(low, high, axis)
                boxes.append((l2, h2))
                boxes.append((l1, h1))
                continue
            leaf = next(leaves, None)
            if leaf is None:
                return refuse("the tree names more leaves than the certificate holds")
            if [Fraction(x) for x in leaf.low] != list(low) or [Fraction(x) for x in leaf.high] != list(high):
                return refuse(f"leaf {done} is stored as {leaf.low}..{leaf.high}, but the tree gives "
                              f"{[str(x) for x in low]}..{[str(x) for x in high]}")
            try:
                bound = _bound(problem, leaf, low, high)
            except ValueError as exc:
                return refuse(f"leaf {done}: {exc}")
            if not bound <= 0:
                return refuse(f"leaf {done} ({leaf.method.value}) no longer closes: F <= {bound.str(5)} "
                              f"on {[str(x) for x in low]}..{[str(x) for x in high]}")
            done += 1
    if boxes or next(leaves, None) is not None:
        return refuse("the tree does not cover the domain with exactly its leaves")
    return Recheck(True, done, time.monotonic() - start)


def certificate_to_dict(c: Certificate) -> dict[str, Any]:
    return {"bits": c.bits, "splits": list(c.splits),
            "leaves": [{"low": l.low, "high": l.high, "method": l.method.value, "bound": l.bound, "face": l.face,
                        **({"face2": l.face2} if l.face2 is not None else {})}
                       for l in c.leaves]}


def certificate_from_dict(d: dict[str, Any]) -> Certificate:
    """A certificate read back from JSON (bad data raises ValueError)."""
    try:
        leaves = [Leaf([str(x) for x in l["low"]], [str(x) for x in l["high"]], Method(l["method"]), str(l.get("bound", "")),
                       l.get("face"), l.get("face2")) for l in d["leaves"]]
        return Certificate([int(x) for x in d["splits"]], leaves, int(d["bits"]))
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a branch-and-bound certificate: {exc}") from None
