"""Enclosures near a declared equality face that the single-face argument of ``proofcheck.numerics.bnb`` misses.

Both rest only on the faces the reduction declares and sympy proves (F and its first k - 1 derivatives in
p_i vanish where p_i is at its end, for every value of the other coordinates); Arb confirms the vanishing
on the box once more, as the single-face argument does.

* ``corner`` (two faces on two axes i, j, orders a and b, that meet at a corner of the domain): since the
  vanishing on face j holds for every p_i, it survives differentiation in p_i, so Taylor's theorem with
  the integral remainder, once along each axis, gives
      F(p) = h_i^a h_j^b * (a weighted mean, of total weight 1/(a! b!), of d_i^a d_j^b F over the box),
  h = p - (the face's end), the mean taken over the rectangle between the faces and p: enclosed on the box
  extended to both faces, it closes boxes near the corner that touch neither. The mixed derivative is enclosed by polarization: along the direction
  e_i + t e_j, Taylor coefficient n = a + b is sum_m t^m d_i^(n-m) d_j^m F / ((n-m)! m!), a polynomial in
  t; at n + 1 exact values of t the Vandermonde system gives the coefficient of t^b exactly.
* ``face-mean-value`` (one face, order k, where the face derivative itself vanishes at a point of the
  face, as at a corner where the face meets an edge of the domain): F = h_i^k G with G the weighted mean
  of d_i^k F / k!, and G is bounded by its own mean-value form about a centre c on the face:
      G(p) in d_i^k F(c)/k! + h_i [d_i^(k+1) F/(k+1)!](box) + sum_j (p_j - c_j) [d_i^k d_j F/k!](box)
  (d G/d h_i is a mean of d_i^(k+1) F with weights integrating to 1/(k+1)!), the centre in each other
  coordinate chosen by the sign of its slope (Baumann), so that a box whose corner touches the point of
  equality closes.
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable, Sequence

import flint

from proofcheck.numerics.jets import JETS, Jet, series_length

Point = tuple[Fraction, ...]
Function = Callable[[Any, Sequence[Any]], Any]


def _ball(lo: Fraction, hi: Fraction) -> flint.arb:
    mid, rad = (lo + hi) / 2, (hi - lo) / 2
    return flint.arb(flint.fmpq(mid.numerator, mid.denominator), flint.fmpq(rad.numerator, rad.denominator))


def _exact(x: Fraction) -> flint.arb:
    return flint.arb(flint.fmpq(x.numerator, x.denominator))


def _upper(a: flint.arb, lo: Fraction, hi: Fraction) -> flint.arb:
    """An upper bound of a * x over a in the ball and x in [lo, hi] (end products)."""
    ends = (flint.arb(a.lower()), flint.arb(a.upper()))
    out = None
    for e in ends:
        for x in (lo, hi):
            v = (e * _exact(x)).upper()
            out = v if out is None else out.max(v)
    return out


def _lower(a: flint.arb, lo: Fraction, hi: Fraction) -> flint.arb:
    return -_upper(-a, lo, hi)


def directional(f: Function, coords: Sequence[Any], direction: dict[int, Fraction], order: int) -> Jet:
    """The Taylor series of F along ``direction`` (axis -> component) from the balls ``coords``."""
    with series_length(order + 1, flint.ctx.prec):
        jets: list[Any] = list(coords)
        for axis, t in direction.items():
            jets[axis] = Jet(flint.arb_series([coords[axis], _exact(t)]))
        value = f(JETS, jets)
        return value if isinstance(value, Jet) else Jet(value)


@lru_cache(maxsize=None)
def _row(n: int, b: int) -> tuple[tuple[Fraction, Fraction], ...]:
    """(t, weight) with sum_t weight * P(t) = the coefficient of t^b, for every polynomial P of degree <= n."""
    ts = [Fraction(0)] + [Fraction(s * ((k + 1) // 2)) for k, s in zip(range(1, n + 1), [1, -1] * n)]
    m = [[t**e for e in range(n + 1)] + [Fraction(int(i == j)) for j in range(n + 1)] for i, t in enumerate(ts)]
    for col in range(n + 1):  # Gauss-Jordan on [V | I], exactly
        pivot = next(r for r in range(col, n + 1) if m[r][col] != 0)
        m[col], m[pivot] = m[pivot], m[col]
        m[col] = [x / m[col][col] for x in m[col]]
        for r in range(n + 1):
            if r != col and m[r][col] != 0:
                m[r] = [x - m[r][col] * y for x, y in zip(m[r], m[col])]
    inverse = [row[n + 1:] for row in m]  # V^{-1}: coefficient e = sum_t inverse[e][t] P(t)
    return tuple((t, inverse[b][k]) for k, t in enumerate(ts))


def mixed(f: Function, coords: Sequence[Any], i: int, j: int, a: int, b: int) -> flint.arb:
    """An enclosure of d_i^a d_j^b F / (a! b!) over the balls ``coords``, by polarization."""
    n = a + b
    out = flint.arb(0)
    for t, w in _row(n, b):
        c = directional(f, coords, {i: Fraction(1), j: t} if t else {i: Fraction(1)}, n).coefficient(n)
        if not c.is_finite():
            return flint.arb.nan()
        out += _exact(w) * c
    return out


def _h_power(low: Point, high: Point, axis: int, end: str, k: int) -> tuple[Fraction, Fraction]:
    """The range of h^k, h = p_axis - (the face's end), over the box."""
    w = high[axis] - low[axis]
    ends = (Fraction(0), w**k) if end == "low" else (Fraction(0), (-w) ** k)
    return min(ends), max(ends)


def vanishes(f: Function, low: Point, high: Point, face: Any) -> bool:
    """Arb confirms what sympy proved: F and its first order - 1 derivatives along the face's axis contain 0
    on the box's side on the face (an inequality tightened, or a face declared where F does not vanish, fails)."""
    coords = [_ball(lo, hi) for lo, hi in zip(low, high)]
    coords[face.axis] = _exact(low[face.axis] if face.end == "low" else high[face.axis])
    at = directional(f, coords, {face.axis: Fraction(1)}, max(face.order - 1, 1))
    return all(at.coefficient(j).contains(0) for j in range(face.order))


def _powers(lo: Fraction, hi: Fraction, k: int) -> tuple[Fraction, Fraction]:
    """The range of h^k over h in [lo, hi]."""
    ends = [lo**k, hi**k] + ([Fraction(0)] if lo <= 0 <= hi else [])
    return min(ends), max(ends)


def corner_upper(f: Function, low: Point, high: Point, fi: Any, fj: Any, ei: Fraction, ej: Fraction) -> flint.arb:
    """An upper bound of F on a box near the corner where the faces fi and fj (``bnb.Face``s on two axes, their
    axes at the ends ei, ej) meet: the mixed derivative is enclosed on the box extended to both faces, which
    holds the rectangle between the corner's faces and any point of the box; see the module."""
    if fi.axis == fj.axis:
        return flint.arb.pos_inf()
    wide_low, wide_high = list(low), list(high)
    for face, e in ((fi, ei), (fj, ej)):
        if face.end == "low":
            wide_low[face.axis] = e
        else:
            wide_high[face.axis] = e
    wide = (tuple(wide_low), tuple(wide_high))
    if not (vanishes(f, *wide, fi) and vanishes(f, *wide, fj)):
        return flint.arb.pos_inf()
    coords = [_ball(lo, hi) for lo, hi in zip(*wide)]
    coefficient = mixed(f, coords, fi.axis, fj.axis, fi.order, fj.order)
    if not coefficient.is_finite():
        return flint.arb.pos_inf()
    pi = _powers(low[fi.axis] - ei, high[fi.axis] - ei, fi.order)
    pj = _powers(low[fj.axis] - ej, high[fj.axis] - ej, fj.order)
    products = [x * y for x in pi for y in pj]
    return _upper(coefficient, min(products), max(products))


def face_mean_value_upper(f: Function, low: Point, high: Point, face: Any,
                          corner: dict[int, Fraction] | None = None) -> flint.arb:
    """An upper bound of F on a box touching ``face`` (a ``bnb.Face``), G bounded by its mean-value form. ``corner``
    (axis -> end): where the reduction proved that d_i^k F vanishes on the face too; when the centre is that
    point, G(c) = 0 there (Arb confirms its enclosure contains 0), which no finite precision shows otherwise."""
    i, k = face.axis, face.order
    if not vanishes(f, low, high, face):
        return flint.arb.pos_inf()
    end = low[i] if face.end == "low" else high[i]
    coords = [_ball(lo, hi) for lo, hi in zip(low, high)]
    p0, p1 = _h_power(low, high, i, face.end, k)
    below = p1 <= 0  # h^k <= 0 on the box: F <= 0 needs G >= 0
    centre: list[Fraction] = []
    slopes: dict[int, flint.arb] = {}
    for j, (lo, hi) in enumerate(zip(low, high)):
        if j == i:
            centre.append(end)
            continue
        g = mixed(f, coords, i, j, k, 1)
        if not g.is_finite():
            return flint.arb.pos_inf()
        slopes[j] = g
        up = lo if g.upper() <= 0 else hi if g.lower() >= 0 else (lo + hi) / 2
        down = hi if g.upper() <= 0 else lo if g.lower() >= 0 else (lo + hi) / 2
        centre.append(down if below else up)
    at_centre = directional(f, [_exact(c) for c in centre], {i: Fraction(1)}, k).coefficient(k)
    along = directional(f, coords, {i: Fraction(1)}, k + 1).coefficient(k + 1)
    if not (at_centre.is_finite() and along.is_finite()):
        return flint.arb.pos_inf()
    if corner and all(centre[axis] == e for axis, e in corner.items()) and len(corner) == len(low) - 1:
        if not at_centre.contains(0):
            return flint.arb.pos_inf()
        at_centre = flint.arb(0)
    h = (Fraction(0), high[i] - low[i]) if face.end == "low" else (low[i] - high[i], Fraction(0))
    if below:
        g_lower = flint.arb(at_centre.lower()) + _lower(along, *h)
        for j, g in slopes.items():
            g_lower = (g_lower + _lower(g, low[j] - centre[j], high[j] - centre[j])).lower()
        return _upper(flint.arb(g_lower), p0, p1)
    g_upper = flint.arb(at_centre.upper()) + _upper(along, *h)
    for j, g in slopes.items():
        g_upper = (g_upper + _upper(g, low[j] - centre[j], high[j] - centre[j])).upper()
    return _upper(flint.arb(g_upper), p0, p1)


def reaching_face_upper(f: Function, low: Point, high: Point, face: Any, e: Fraction) -> flint.arb:
    """An upper bound of F on a box near ``face`` (its axis at the end e) that need not touch it: Taylor's theorem
    from the face's point below p, F(p) = h^k/k! d_i^k F(xi) with xi between the face and p, so the k-th
    derivative is enclosed on the box extended to the face (the single-face argument, reaching out)."""
    i, k = face.axis, face.order
    wide_low, wide_high = list(low), list(high)
    if face.end == "low":
        wide_low[i] = e
    else:
        wide_high[i] = e
    wide = (tuple(wide_low), tuple(wide_high))
    if not vanishes(f, *wide, face):
        return flint.arb.pos_inf()
    coords = [_ball(lo, hi) for lo, hi in zip(*wide)]
    coefficient = directional(f, coords, {i: Fraction(1)}, k).coefficient(k)
    if not coefficient.is_finite():
        return flint.arb.pos_inf()
    return _upper(coefficient, *_powers(low[i] - e, high[i] - e, k))
