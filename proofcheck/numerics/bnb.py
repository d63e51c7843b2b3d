"""Certified branch-and-bound: F(p) <= 0 over a box of a few scalars, proved, disproved or left undecided.

The box is bisected until each piece is closed by one enclosure of F on it, tried in order:

1. ``ball``: the natural interval extension (F evaluated on Arb balls), its upper end <= 0;
2. ``mean-value``: F(m) + sum_i dF/dp_i(box) (p_i - m_i), m the box's midpoint, the partial
   derivatives enclosed on the whole box by Taylor series in Arb (``proofcheck.numerics.jets``):
   its width shrinks quadratically, so boxes close where the inequality is tight but not touching;
3. ``face``: a declared local argument where equality holds on a face of the domain (p_i at an end):
   the reduction proves (sympy) that F and its first k - 1 derivatives in p_i vanish on the face, and
   the prover encloses the k-th derivative over the box; Taylor's theorem with the Lagrange remainder
   then gives the sign of F on the box. Such a face is never approached by shrinking boxes forever;
4. ``face-mean-value`` and ``corner`` (``proofcheck.numerics.bnb_faces``): where the face derivative itself
   vanishes at a point of the face, the face's quotient bounded by its own mean-value form, and where two
   declared faces meet, the product of both Taylor remainders with a mixed derivative.

A box none closes is bisected along its widest side (relative to the domain); at its midpoint, an
exact point, F enclosed above 0 is a certified counterexample (``disproved``). The result is
``proved`` with a ``Certificate`` (the bisection tree and the enclosure that closes each leaf, re-checked
by ``proofcheck.numerics.bnb_certificate``), or ``undecided`` with the boxes left and why.
"""
from __future__ import annotations

import enum
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

import flint

from proofcheck.numerics.bnb_faces import corner_upper, face_mean_value_upper, reaching_face_upper
from proofcheck.numerics.jets import BALLS, JETS, Jet, series_length

DEFAULT_BITS = 128
Point = tuple[Fraction, ...]
Function = Callable[[Any, Sequence[Any]], Any]


class Method(enum.Enum):
    """The enclosure that closes a box."""

    BALL = "ball"
    MEAN_VALUE = "mean-value"
    FACE = "face"
    FACE_MEAN_VALUE = "face-mean-value"
    CORNER = "corner"
    REACHING_FACE = "reaching-face"


class Outcome(enum.Enum):
    PROVED = "proved"
    DISPROVED = "disproved"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Face:
    """Equality on a face of the domain: coordinate ``axis`` at its ``end`` ("low" or "high"), where F and
    its first ``order - 1`` derivatives along that coordinate vanish (a fact the reduction proves);
    ``corner``: (axis, end) of other coordinates where the ``order``-th derivative vanishes on the face too."""

    axis: int
    end: str
    order: int = 1
    corner: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Problem:
    """Prove ``f(ops, p) <= 0`` for every p in the box [low, high] (dyadic rational ends); ``names`` name
    the coordinates; ``faces`` the declared equality faces."""

    names: tuple[str, ...]
    low: Point
    high: Point
    f: Function
    faces: tuple[Face, ...] = ()

    def __post_init__(self) -> None:
        for x in (*self.low, *self.high):
            if Fraction(x).denominator & (Fraction(x).denominator - 1):
                raise ValueError(f"box ends must be dyadic rationals (exact in Arb): {x}")
        if any(lo >= hi for lo, hi in zip(self.low, self.high)):
            raise ValueError("every side of the box must have positive width")


@dataclass
class Leaf:
    """A closed box: its ends (exact fractions as text), the method and the upper end of F's enclosure."""

    low: list[str]
    high: list[str]
    method: Method
    bound: str
    face: int | None = None
    face2: int | None = None  # the second face of a corner


@dataclass
class Certificate:
    """The bisection tree in preorder (``splits``: the axis a node is cut along, or -1 for a leaf) and
    the leaves in the same order, with the precision they were closed at."""

    splits: list[int]
    leaves: list[Leaf]
    bits: int


@dataclass
class Proof:
    """What the prover found: ``outcome``, the boxes closed, the deepest bisection, the time, and a
    certificate (proved), a certified point with F's enclosure there (disproved), or the reason and
    the first boxes left (undecided)."""

    outcome: Outcome
    boxes: int
    depth: int
    seconds: float
    certificate: Certificate | None = None
    point: list[str] | None = None
    value: str = ""
    reason: str = ""
    left: list[list[list[str]]] = field(default_factory=list)
    methods: dict[str, int] = field(default_factory=dict)


def ball(lo: Fraction, hi: Fraction) -> flint.arb:
    """The ball containing [lo, hi] (dyadic ends: the midpoint is exact, the radius rounded up)."""
    mid, rad = (lo + hi) / 2, (hi - lo) / 2
    return flint.arb(flint.fmpq(mid.numerator, mid.denominator), flint.fmpq(rad.numerator, rad.denominator))


def point_ball(x: Fraction) -> flint.arb:
    return flint.arb(flint.fmpq(x.numerator, x.denominator))


def natural_bound(f: Function, low: Point, high: Point) -> flint.arb:
    """F on the box in plain ball arithmetic."""
    return flint.arb(f(BALLS, [ball(lo, hi) for lo, hi in zip(low, high)]))


def _jet_along(f: Function, low: Point, high: Point, axis: int, start: flint.arb, order: int) -> Jet:
    with series_length(order + 1, flint.ctx.prec):
        coords: list[Any] = [ball(lo, hi) for lo, hi in zip(low, high)]
        coords[axis] = Jet(flint.arb_series([start, 1]))
        value = f(JETS, coords)
        return value if isinstance(value, Jet) else Jet(value)


def product_upper(a: flint.arb, lo: Fraction, hi: Fraction) -> flint.arb:
    """An upper bound of a * x over a in the ball a and x in [lo, hi], from the four end products (ball
    multiplication of intervals that touch 0 would add the ball's radius to the upper end)."""
    ends = (flint.arb(a.lower()), flint.arb(a.upper()))
    products = [(e * point_ball(x)).upper() for e in ends for x in (lo, hi)]
    out = products[0]
    for x in products[1:]:
        out = out.max(x)
    return out


def mean_value_upper(f: Function, low: Point, high: Point) -> flint.arb:
    """An upper bound of F on the box by the mean-value theorem, F(c) + sum_i dF/dp_i(box) (p_i - c_i), with
    the partial derivatives enclosed on the whole box and the centre c chosen per coordinate (Baumann's
    optimal centre for the upper end): the low end where the derivative is <= 0, the high end where it
    is >= 0, the midpoint otherwise. A box whose corner touches a point of equality then closes."""
    slopes = [_jet_along(f, low, high, axis, ball(lo, hi), 1).coefficient(1) for axis, (lo, hi) in enumerate(zip(low, high))]
    centre = [lo if g.upper() <= 0 else hi if g.lower() >= 0 else (lo + hi) / 2 for g, lo, hi in zip(slopes, low, high)]
    out = flint.arb(f(BALLS, [point_ball(c) for c in centre])).upper()
    for g, c, lo, hi in zip(slopes, centre, low, high):
        if not g.is_finite():
            return flint.arb.pos_inf()
        out = (out + product_upper(g, lo - c, hi - c)).upper()
    return out


def face_upper(f: Function, low: Point, high: Point, face: Face) -> flint.arb:
    """An upper bound of F on a box touching the face, given that F and its first order - 1
    derivatives along the face's axis vanish on it: F(e + h) = F^(k)(xi)/k! h^k (Taylor, Lagrange's
    remainder), with the k-th Taylor coefficient enclosed over the box."""
    k = face.order
    # the declared vanishing is proved by sympy; Arb confirms it at the face (an inequality tightened or a
    # face declared where F does not vanish makes these enclosures miss 0, and the face is refused)
    end = low[face.axis] if face.end == "low" else high[face.axis]
    at_face = _jet_along(f, low, high, face.axis, point_ball(end), max(k - 1, 1))
    if not all(at_face.coefficient(j).contains(0) for j in range(k)):
        return flint.arb.pos_inf()
    coefficient = _jet_along(f, low, high, face.axis, ball(low[face.axis], high[face.axis]), k).coefficient(k)
    if not coefficient.is_finite():
        return flint.arb.pos_inf()
    width = high[face.axis] - low[face.axis]
    lo, hi = (Fraction(0), width) if face.end == "low" else (-width, Fraction(0))
    powers = (lo**k, hi**k)
    return product_upper(coefficient, min(powers + (Fraction(0),)), max(powers))


def touches(problem: Problem, face: Face, low: Point, high: Point) -> bool:
    if face.end == "low":
        return low[face.axis] == problem.low[face.axis]
    return high[face.axis] == problem.high[face.axis]


def corners(problem: Problem) -> list[tuple[int, int]]:
    """The pairs of declared faces on two different axes (they meet at a corner of the domain)."""
    faces = problem.faces
    return [(i, j) for i in range(len(faces)) for j in range(i + 1, len(faces)) if faces[i].axis != faces[j].axis]


def corner_point(problem: Problem, face: Face) -> dict[int, Fraction]:
    """The declared corner of a face: axis -> the end where the face's derivative vanishes too."""
    return {axis: problem.low[axis] if end == "low" else problem.high[axis] for axis, end in face.corner}


def face_ends(problem: Problem, *indices: int) -> list[Fraction]:
    """Where each named face lies: its axis's end."""
    return [problem.low[problem.faces[i].axis] if problem.faces[i].end == "low" else problem.high[problem.faces[i].axis]
            for i in indices]


def close(problem: Problem, low: Point, high: Point) -> tuple[Method, flint.arb, int | None, int | None] | None:
    """The first enclosure that proves F <= 0 on the box (the method, an upper bound of F there, the face or
    faces), or None; near faces, then the two arguments of ``proofcheck.numerics.bnb_faces``."""
    bound = natural_bound(problem.f, low, high)
    if bound.upper() <= 0:
        return Method.BALL, bound, None, None
    bound = mean_value_upper(problem.f, low, high)
    if bound <= 0:
        return Method.MEAN_VALUE, bound, None, None
    touching = [i for i, face in enumerate(problem.faces) if touches(problem, face, low, high)]
    for i in touching:
        bound = face_upper(problem.f, low, high, problem.faces[i])
        if bound <= 0:
            return Method.FACE, bound, i, None
    for i in touching:
        bound = face_mean_value_upper(problem.f, low, high, problem.faces[i], corner_point(problem, problem.faces[i]))
        if bound <= 0:
            return Method.FACE_MEAN_VALUE, bound, i, None
    for i, face in enumerate(problem.faces):
        if not touches(problem, face, low, high):
            bound = reaching_face_upper(problem.f, low, high, face, *face_ends(problem, i))
            if bound <= 0:
                return Method.REACHING_FACE, bound, i, None
    for i, j in corners(problem):
        bound = corner_upper(problem.f, low, high, problem.faces[i], problem.faces[j], *face_ends(problem, i, j))
        if bound <= 0:
            return Method.CORNER, bound, i, j
    return None


def _text(x: Fraction) -> str:
    return str(x)


def _split(problem: Problem, low: Point, high: Point) -> int:
    widths = [(hi - lo) / (H - L) for lo, hi, L, H in zip(low, high, problem.low, problem.high)]
    return max(range(len(widths)), key=lambda i: widths[i])


def halves(low: Point, high: Point, axis: int) -> tuple[tuple[Point, Point], tuple[Point, Point]]:
    mid = (low[axis] + high[axis]) / 2
    left_high = tuple(mid if i == axis else x for i, x in enumerate(high))
    right_low = tuple(mid if i == axis else x for i, x in enumerate(low))
    return (low, left_high), (right_low, high)


def prove(problem: Problem, max_boxes: int = 20000, max_depth: int = 48, bits: int = DEFAULT_BITS,
          seconds: float | None = None) -> Proof:
    """Prove F <= 0 on the problem's box by bisection (depth first, so the certificate is a preorder tree)."""
    start = time.monotonic()
    splits: list[int] = []
    leaves: list[Leaf] = []
    methods: dict[str, int] = {}
    stack: list[tuple[Point, Point, int]] = [(tuple(problem.low), tuple(problem.high), 0)]
    deepest, visited = 0, 0
    with series_length(flint.ctx.cap, bits):
        while stack:
            low, high, depth = stack.pop()
            visited += 1
            deepest = max(deepest, depth)
            closed = close(problem, low, high)
            if closed is not None:
                method, bound, face, face2 = closed
                splits.append(-1)
                leaves.append(Leaf([_text(x) for x in low], [_text(x) for x in high], method, bound.upper().str(radius=False),
                                   face, face2))
                methods[method.value] = methods.get(method.value, 0) + 1
                continue
            mid = tuple((lo + hi) / 2 for lo, hi in zip(low, high))
            at_mid = flint.arb(problem.f(BALLS, [point_ball(m) for m in mid]))
            if at_mid.lower() > 0:
                return Proof(Outcome.DISPROVED, len(leaves), deepest, time.monotonic() - start,
                             point=[_text(x) for x in mid], value=at_mid.str(radius=True),
                             reason="F is enclosed above 0 at this exact point", methods=methods)
            over_time = seconds is not None and time.monotonic() - start > seconds
            if depth >= max_depth or visited >= max_boxes or over_time:
                why = ("a tight point: the box reached the maximum depth without an enclosure deciding it"
                       if depth >= max_depth else "the time budget" if over_time else "the box budget")
                left = [[[_text(x) for x in low], [_text(x) for x in high]]]
                left += [[[_text(x) for x in lo], [_text(x) for x in hi]] for lo, hi, _ in stack[-4:]]
                return Proof(Outcome.UNDECIDED, len(leaves), deepest, time.monotonic() - start,
                             reason=f"{why}, at {dict(zip(problem.names, left[0][0]))} .. {left[0][1]}",
                             left=left, methods=methods)
            axis = _split(problem, low, high)
            splits.append(axis)
            (l1, h1), (l2, h2) = halves(low, high, axis)
            stack.append((l2, h2, depth + 1))
            stack.append((l1, h1, depth + 1))
    return Proof(Outcome.PROVED, len(leaves), deepest, time.monotonic() - start,
                 certificate=Certificate(splits, leaves, bits), methods=methods)
