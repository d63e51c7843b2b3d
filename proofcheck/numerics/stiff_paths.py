"""Product integrals on stiff paths: exponential steps whose cost does not grow with ||K|| h, and a
remainder bounded through the contraction property and two energy identities (``../shared/CERTIFY.md``,
section 1).

The Taylor steps of ``enclosures`` need h ||K|| <= 1, so a path with sup ||K|| T = 1e10 needs 1e10 of
them. Here each step follows a kernel whose product integral is known exactly instead: the path point
X_n at the step's midpoint, turned by a rotation e^{tau Theta} (Theta skew, chosen so that the soft
eigenvectors of K follow the path's), with step propagator

    S_n = e^{h Theta / 2} e^{-h (X_n X_n^T + Theta)} e^{h Theta / 2}      (a contraction),

enclosed by ``arb_mat.exp`` (narrow at norms of 1e16). For the resulting continuous, piecewise C^1 Z with
Z(0) = I, Y(T) - Z(T) = -int_0^T U(T, t) delta(t) dt, delta = Z' + K Z, U the true propagator. The defect
is not small against ||K||, but each of its parts is damped on one side, and two energy identities
measure the damping without any factor of ||K||:

* the adjoint: for unit x, d/dt |U(T, t)^T x|^2 = 2 |X(t)^T U(T, t)^T x|^2, so
  int_0^T |X^T U(T, t)^T x|^2 dt <= 1/2;
* the steps: for unit y, int over step n of |X_R^T Z y|^2 = (|Z_{n-1} y|^2 - |Z_n y|^2)/2 <= E_n / 2,
  E_n = ||Z_{n-1}||_F^2 - ||Z_n||_F^2 (a positive semidefinite form is below its trace).

Cauchy-Schwarz with them bounds ||Y(T) - Z(T)|| (``frozen_product`` has the terms). Without the rotation
(Theta = 0) the bound is first order in the steps with the path's slope as its constant; with it, the
part that is neither damped nor second order is (I - P)(C - Theta X_n), which vanishes where every
singular value of X_n is stiff, so what is left is the initial layer (the stiff part of I decaying) and
the soft directions. Steps: 256 spread over the segments (m_j proportional to ||C_j||^(2/3) d_j), the
first cut geometrically down to the initial layer's scale 1/||K(0)||, then the fewest steps holding half
of the bound cut in four, pass after pass, until it is below 2^(-bits/10), STEPS_PER_BIT * bits steps
are taken or the passes have taken WORK times that many;
the ball is what it is then. A bound that does not beat the contraction itself (>= 1) is reported
instead (NotEnclosed, with the figure).

Rigour: the inputs are the witness's exact balls; Theta and G are any exact matrices (float64 choices);
S_n Z_{n-1} is enclosed in balls, the state carried on is the ball's midpoint (exact), and the jump
between them is added to the bound (the contraction passes it on unamplified; no wrapping effect).

Measured (six stiff witnesses of the first pack's path statements, sup ||K|| T from 1e8 to 8e10):
bounds 4e-3 to 2e-2 in 2-5 s each; an implicit Radau reference lies inside every enclosure. On the crossing
witness of tests/test_stiff_paths.py (sup ||K|| T 7e4) the soft term through the scheme's state
took the bound from 8.3e-3 to 6.7e-6 at 170 bits and from 6.5e-4 to 1.3e-6 at 340.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

import flint
import numpy as np

from proofcheck.numerics.arb import arb_prec
from proofcheck.numerics.enclosures import NotEnclosed, eye, norm_upper, widen

THRESHOLD = 1.0
FIRST_STEPS = 256
WORKING_BITS = 64
MAX_LEVELS = 40  # the initial layer's steps reach down to 4^-40 of the first step
GROWTH = 2.0  # each refinement about doubles the steps
STEPS_PER_BIT = 48  # 8160 steps at 170 bits, 16320 at 340
WORK = 3  # the passes take at most this many times the cap's steps in all


@dataclass(frozen=True)
class Segment:
    """A linear piece X(t) = start + t slope, 0 <= t <= length, and an upper bound of ||slope||."""

    start: flint.arb_mat
    slope: flint.arb_mat
    length: flint.arb
    slope_norm: flint.arb


@dataclass(frozen=True)
class StiffProduct:
    """Z(T) (a ball containing the scheme's value), the bound of ||Y(T) - Z(T)||, the steps taken
    ((segment, start, length) in fractions of the segment) and each step's share of the bound."""

    value: flint.arb_mat
    error: flint.arb
    steps: list[tuple[int, Fraction, Fraction]]
    scores: list[float] = field(default_factory=list)
    parts: tuple[float, ...] = ()  # the bound's four terms: damped slip, doubly damped, soft, jumps

    def enclosure(self) -> flint.arb_mat:
        return widen(self.value, self.error)


def segments(knots: Sequence[flint.arb_mat], times: Sequence[flint.arb]) -> list[Segment]:
    out = []
    for j in range(len(knots) - 1):
        d = times[j + 1] - times[j]
        if d.is_zero():
            continue
        if not d > 0:
            raise NotEnclosed("a segment's length is not certainly positive")
        C = (knots[j + 1] - knots[j]) * (1 / d)
        out.append(Segment(knots[j], C, d, norm_upper(C)))
    return out


def allocation(pieces: Sequence[Segment], total: int) -> list[int]:
    """Steps per segment, about ``total`` in all, proportional to ||C_j||^(2/3) d_j (which minimizes
    sum_j ||C_j||^2 d_j^3 / m_j^2 for a given sum of m_j); at least one each."""
    weights = [float(s.slope_norm.upper()) ** (2 / 3) * float(s.length.upper()) for s in pieces]
    scale = sum(weights)
    if not scale > 0:
        return [1] * len(pieces)
    return [max(1, math.ceil(total * w / scale)) for w in weights]


def _ratio(q: Fraction) -> flint.arb:
    return flint.arb(q.numerator) / q.denominator


def _frobenius_squared(M: flint.arb_mat) -> flint.arb:
    total = flint.arb(0)
    for i in range(M.nrows()):
        for j in range(M.ncols()):
            total += M[i, j] ** 2
    return total


def _exact(M: np.ndarray) -> flint.arb_mat:
    """A float64 array as an exact arb_mat (every double is a dyadic rational)."""
    return flint.arb_mat([[flint.arb(float(x)) for x in row] for row in M])


def _mid(M: flint.arb_mat) -> np.ndarray:
    return np.array([[float(M[i, j].mid()) for j in range(M.ncols())] for i in range(M.nrows())])


@dataclass(frozen=True)
class Frame:
    """A step's rotation Theta (exactly skew) and G (d x n), any choice: P = X_n G should be the
    projector onto the stiff eigenvectors of K_n and Theta the rotation that carries the soft ones
    along the path; the bound holds whatever they are (see ``frozen_product``)."""

    rotation: flint.arb_mat
    inverse: flint.arb_mat


def stiff_frame(Xn: flint.arb_mat, C: flint.arb_mat, h: flint.arb) -> Frame:
    """G = X_n^T Q_s Lambda_s^{-1} Q_s^T over the eigenvalues lambda >= 1/h of K_n = X_n X_n^T (float64),
    and Theta = (I - P) C G - ((I - P) C G)^T with P = X_n G: then (I - P)(C - Theta X_n) vanishes up
    to rounding where every singular value of X_n is stiff."""
    X, Cf, step = _mid(Xn), _mid(C), float(h.mid())
    n = X.shape[0]
    lam, Q = np.linalg.eigh(X @ X.T)
    stiff = lam >= THRESHOLD / step
    Qs = Q[:, stiff]
    G = X.T @ Qs @ np.diag(1 / lam[stiff]) @ Qs.T
    R = (np.eye(n) - X @ G) @ Cf @ G
    upper = _exact(np.triu(R - R.T, 1))
    return Frame(upper - upper.transpose(), _exact(G))


def uniform_steps(pieces: Sequence[Segment], counts: Sequence[int]) -> list[tuple[int, Fraction, Fraction]]:
    """``counts[j]`` equal steps on segment j, as (segment, start, length) in fractions of its length."""
    return [(j, Fraction(i, m), Fraction(1, m)) for j, m in enumerate(counts) for i in range(m)]


def graded(steps: Sequence[tuple[int, Fraction, Fraction]], levels: int) -> list[tuple[int, Fraction, Fraction]]:
    """The first step cut geometrically towards t = 0 (lengths h 4^-levels, ..., h/16, h/4 and 3h/4 of
    it): the initial layer, where the stiff part of the identity decays, gets steps of its own size."""
    if not steps or levels < 1:
        return list(steps)
    j, start, length = steps[0]
    cuts = [start] + [start + length / 4 ** k for k in range(levels, 0, -1)] + [start + length]
    return [(j, a, b - a) for a, b in zip(cuts[:-1], cuts[1:])] + list(steps[1:])


def refined(steps: Sequence[tuple[int, Fraction, Fraction]], scores: Sequence[float], growth: float
            ) -> list[tuple[int, Fraction, Fraction]]:
    """The fewest steps whose scores make up half of the bound (the largest first; at most about
    ``(growth - 1) / 3`` of all steps) cut in four: a bound spread evenly refines everywhere, one
    concentrated at a crossing of K's eigenvalues refines there only."""
    order = sorted(range(len(steps)), key=lambda k: -scores[k])
    limit, half = max(1, int(len(steps) * (growth - 1) / 3)), sum(scores) / 2
    cut, gathered = set(), 0.0
    for k in order[:limit]:
        cut.add(k)
        gathered += scores[k]
        if gathered >= half:
            break
    out = []
    for k, (j, start, length) in enumerate(steps):
        if k in cut:
            quarter = length / 4
            out.extend((j, start + i * quarter, quarter) for i in range(4))
        else:
            out.append((j, start, length))
    return out


def frozen_product(pieces: Sequence[Segment], steps: Sequence[tuple[int, Fraction, Fraction]],
                   rotate: bool = True) -> StiffProduct:
    """Rotated exponential midpoint steps on ``steps`` (in order; they must tile every segment) and the bound.

    On step n (midpoint path point X_n, slope C, tau in [-h/2, h/2]) the scheme follows exactly the
    rotating path X_R(tau) = e^{tau Theta} X_n, whose product integral over the step is
    S_n = e^{h Theta / 2} e^{-h (K_n + Theta)} e^{h Theta / 2} (K_n = X_n X_n^T; a contraction). With
    F(tau) = e^{-tau Theta} X(tau) - X_n = tau (C - Theta X_n) + tau^2 (Theta^2 X_n / 2 - Theta C) + R(tau),
    ||R|| <= |tau|^3 r, r = theta^3 ||X_n|| / 6 + theta^2 ||C|| / 2 (theta >= ||Theta||; e^{-tau Theta} is
    orthogonal, so the remainders of its Taylor series are bounded by those of the scalar series), and
    P = X_n G, the defect is exactly

        delta = (K - K_R) Z = D X_R^T Z + X F^T G^T X_R^T Z + X ((I - P) F)^T e^{-tau Theta} Z,

    D = e^{tau Theta} F. Each term is bounded by Cauchy-Schwarz with the energies: X_R^T Z y (the
    scheme's, E_n / 2 per step), X^T U(T, t)^T x (the adjoint's, 1/2 in all):

        sum_n sqrt(int ||F||^2) sqrt(E_n / 2) + sqrt(1/2) sqrt(sum_n (f_n g_n)^2 E_n / 2)
        + sqrt(1/2) sqrt(sum_n int |((I - P) F)^T V y|^2),

    f_n >= sup ||F||, g_n >= ||G||, sqrt(int ||F||^2) <= a sqrt(h^3/12) + a2 sqrt(h^5/80) + r sqrt(h^7/448)
    (Minkowski) with a, a2 the norms of F's coefficients of tau and tau^2, and the same for (I - P) F
    with b, b2 the norms of (I - P) times them and p = ||I - P|| times r. ``rotate=False`` takes
    Theta = 0 and G = 0: the plain frozen step, first order with the path's slope as its constant.
    The soft term's V(s) = e^{-tau Theta} Z = e^{-s (K_n + Theta)} V_0 (s = tau + h/2, V_0 = e^{h Theta / 2}
    Z_{n-1}) moves by |(V(s) - V_0) y| <= ||X_n|| sqrt(h E_n / 2) + theta h z_n (the step's energy identity),
    so |slip^T (I - P)^T V y| <= ||slip^T (I - P)^T V_0|| + b (that), taken where it is below z_n b: where
    the stiff singular value falls under 1/h (a crossing of K's eigenvalues), (I - P) F is the whole slope,
    but the scheme's state has already left the stiff direction and V_0 does not see it.
    With the stiff frame, b is rounding wherever every singular value of X_n is stiff, and E_n is the
    quasi-static dissipation after the initial layer."""
    n = pieces[0].start.nrows()
    Z, jumps = eye(n), flint.arb(0)
    first, second, third = flint.arb(0), flint.arb(0), flint.arb(0)
    one, I = flint.arb(1), eye(n)
    scores = []
    for j, start, length in steps:
        seg = pieces[j]
        h = seg.length * _ratio(length)
        w3, w5, w7 = (h ** 3 / 12).sqrt(), (h ** 5 / 80).sqrt(), (h ** 7 / 448).sqrt()
        c = seg.slope_norm
        Xn = seg.start + seg.slope * (seg.length * _ratio(start + length / 2))
        z = norm_upper(Z)
        z = z if z < one + jumps else one + jumps
        K = Xn * Xn.transpose()
        if rotate:
            frame = stiff_frame(Xn, seg.slope, h)
            Th, G = frame.rotation, frame.inverse
            half = (Th * (h / 2)).exp()
            V0 = half * Z
            W = half * ((K + Th) * (-h)).exp() * V0
            theta = norm_upper(Th)
            slip = seg.slope - Th * Xn
            curve = Th * (Th * Xn) * flint.arb("0.5") - Th * seg.slope
            Ip = I - Xn * G
            a, a2 = norm_upper(slip), norm_upper(curve)
            b, b2 = norm_upper(Ip * slip), norm_upper(Ip * curve)
            p, g = norm_upper(Ip), norm_upper(G)
            r3 = theta ** 3 * norm_upper(Xn) / 6 + theta ** 2 * c / 2
        else:
            V0, W, theta, slip, Ip = Z, (K * (-h)).exp() * Z, flint.arb(0), seg.slope, I
            a, a2, b, b2, p, g, r3 = c, flint.arb(0), c, flint.arb(0), one, flint.arb(0), flint.arb(0)
        l2 = a * w3 + a2 * w5 + r3 * w7  # >= sqrt(int ||F||^2)
        sup = a * h / 2 + a2 * h * h / 4 + r3 * h ** 3 / 8  # >= sup ||F||
        # the exact step end lies in W; the state carried on is W's midpoint, exactly, and the jump
        # between them is an error the contraction passes on unamplified (no wrapping effect)
        dissipated = (_frobenius_squared(Z) - _frobenius_squared(W)).upper()
        E = dissipated if dissipated > 0 else flint.arb(0)
        # |slip^T (I - P)^T V(s) y| for unit y: at the step's start, plus how far V moved (``soft_slip``)
        moved = norm_upper(Xn) * (h * E / 2).sqrt() + theta * h * z
        lead = norm_upper(slip.transpose() * Ip.transpose() * V0) + b * moved
        lead = lead if lead < z * b else z * b
        soft = lead * w3 + z * (b2 * w5 + p * r3 * w7)  # >= sqrt(int |((I - P) F)^T V y|^2)
        Z = W.mid()
        jumps += norm_upper(W - Z)
        parts = [flint.arb(0), flint.arb(0), soft ** 2]
        if dissipated > 0:
            parts[0] = l2 * (dissipated / 2).sqrt()
            parts[1] = (sup * g) ** 2 * dissipated / 2
        first, second, third = first + parts[0], second + parts[1], third + parts[2]
        scores.append(tuple(float(x.upper()) for x in parts))
    root2, root3 = (second / 2).sqrt(), (third / 2).sqrt()
    error = (first + root2 + root3 + jumps).upper()
    # the first order change of the bound when a step's parts shrink: its share of each sum
    d2, d3 = 1 / max(4 * float(root2.upper()), 1e-300), 1 / max(4 * float(root3.upper()), 1e-300)
    parts = tuple(float(x.upper()) for x in (first, root2, root3, jumps))
    return StiffProduct(Z, error, list(steps), [s1 + s2 * d2 + s3 * d3 for s1, s2, s3 in scores], parts)


def product(knots: Sequence[flint.arb_mat], times: Sequence[flint.arb], bits: int) -> flint.arb_mat:
    """A ball containing prod_{t_0}^{t_end} e^{-X_s X_s^T ds} for the piecewise-linear path, whatever
    its stiffness (see the module's docstring for the bound)."""
    return stiff_product(knots, times, bits).enclosure()


def stiff_product(knots: Sequence[flint.arb_mat], times: Sequence[flint.arb], bits: int) -> StiffProduct:
    """The refined steps and their bound. The steps' arithmetic runs at WORKING_BITS plus the bits of
    sup ||K|| T (an exponential of norm 2^k loses about k bits to its squarings); its rounding is inside
    the balls and the jumps, and the bound itself is far coarser than 2^-64."""
    stiffness = 0.0
    for j in range(len(knots) - 1):
        size = float(norm_upper(knots[j]).upper()) + float(norm_upper(knots[j + 1]).upper())
        stiffness += size * size * float(abs(times[j + 1] - times[j]).upper())
    extra = math.ceil(math.log2(1 + stiffness)) if math.isfinite(stiffness) else 0
    with arb_prec(WORKING_BITS + min(extra, 4 * WORKING_BITS)):
        return _stiff_product(knots, times, bits)


def _stiff_product(knots: Sequence[flint.arb_mat], times: Sequence[flint.arb], bits: int) -> StiffProduct:
    pieces = segments(knots, times)
    if not pieces:
        return StiffProduct(eye(knots[0].nrows()), flint.arb(0), [])
    target = flint.arb(2) ** (-(bits // 10))
    cap = STEPS_PER_BIT * bits
    steps = uniform_steps(pieces, allocation(pieces, FIRST_STEPS))
    first = pieces[steps[0][0]]
    layer = float((first.length * _ratio(steps[0][2])).upper()) * float(norm_upper(first.start).upper()) ** 2
    steps = graded(steps, min(MAX_LEVELS, max(0, math.ceil(math.log(max(layer, 1.0), 4)))))
    work = 0
    while True:
        result = frozen_product(pieces, steps)
        work += len(steps)
        if result.error <= target or len(steps) >= 0.9 * cap or work >= WORK * cap:
            break
        steps = refined(steps, result.scores, min(GROWTH, cap / len(steps)))
    if not result.error < 1:
        raise NotEnclosed(f"stiff path: the exponential steps' error bound is {float(result.error.upper()):.3g} "
                          f"after {len(result.steps)} steps (a contraction is already within 1)")
    return result
