"""Rigorous steps of a gradient flow w' = f(w): a Taylor polynomial, its exactly computed defect, and
an a-posteriori error bound through the logarithmic norm of Df on the step's tube
(``../shared/CERTIFY.md``, section 2).

For an approximation z with defect delta = z' - f(z) and e = w - z, d/dt ||e|| <= mu ||e|| + ||delta||
while w stays in a tube around z on which mu bounds the logarithmic norm of Df (the top eigenvalue
of its symmetric part; ``log_norm``). Hence on a step of length h, for t in [0, h],

    ||e(t)|| <= e^{mu t} ||e(0)|| + int_0^t e^{mu (t - s)} ||delta(s)|| ds
             <= max(1, e^{mu h}) (||e(0)|| + h sup ||delta||),
    ||e(h)|| <= e^{mu h} ||e(0)|| + max(1, e^{mu h}) h sup ||delta||.

A dissipative field (mu < 0, the -Dh^T Dh of a gradient flow) therefore shrinks the error carried
in instead of amplifying it. The tube's radius rho is bootstrapped: mu is bounded on the box of z
over the step widened by rho, and the step is accepted only if the sup bound is below rho.

The state is carried as an exact centre c and a Euclidean radius e (w(t_k) is in the ball B(c, e)):
a step starts its Taylor polynomial at c exactly, so the carried error enters once, and the end
point's own rounding (a box) is folded into the next radius by its Euclidean norm.

A field is any object with ``p``, ``field(w)`` (the vector field on balls), ``taylor(start, order)``
(a Taylor polynomial from an exact start), ``defect_sup(z, h)`` (upper bounds of sup |z'_j - f_j(z)| on
[0, h] for an exact polynomial z), ``jacobian_matrix(box)`` (Df on a box, an arb_mat) and ``lipschitz(box)``.
"""
from __future__ import annotations

import enum
import math
from collections import abc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

import flint

from proofcheck.numerics import taylor_plan
from proofcheck.numerics.log_norm import log_norm_upper

LENGTH_PIECES = 4  # pieces of a step on which the speed's integral is a Taylor model
SPEED_ORDER = 24  # the order of those Taylor models
SPEED_DEPTH = 3  # a piece is halved at most this often


class Contraction(enum.Enum):
    """Which bound of the growth rate of the error the steps use."""

    LOG_NORM = "the logarithmic norm of Df on the tube (top eigenvalue of its symmetric part)"
    ONE_SIDED = "the field's rough one-sided bound, without Df's dissipative part"


def interval(h: flint.arb) -> flint.arb:
    """The ball [0, h]."""
    return flint.arb(0).union(h.upper())


def norm(v: Sequence[flint.arb]) -> flint.arb:
    """A ball containing the Euclidean norm of every vector in the box v."""
    total = flint.arb(0)
    for x in v:
        a = abs(flint.arb(x))
        total += a * a
    return total.nonnegative_part().sqrt() if total.contains(0) else total.sqrt()


def radius_norm(v: Sequence[flint.arb]) -> flint.arb:
    """An upper bound of the Euclidean norm of the box's radius vector."""
    total = flint.arb(0)
    for x in v:
        total += flint.arb(x.rad()) ** 2
    return total.sqrt().upper()


def widen(x: flint.arb, r: flint.arb) -> flint.arb:
    return x + flint.arb(0).union(r.upper()).union(-r.upper())


def poly_sup(p: flint.arb_poly, h: flint.arb) -> flint.arb:
    """An upper bound of |p(sigma)| on [0, h]: sum_k |c_k| h^k."""
    total, power = flint.arb(0), flint.arb(1)
    for c in p.coeffs():
        total += c.abs_upper() * power
        power *= h
    return total.upper()


def poly_range(p: flint.arb_poly, a: flint.arb, b: flint.arb) -> flint.arb:
    """A ball containing p(sigma) for every sigma in [a, b] (0 <= a <= b): the sum of the terms'
    ranges c_k [a^k, b^k]."""
    coeffs = p.coeffs()
    if not coeffs:
        return flint.arb(0)
    total = coeffs[0]
    pa, pb = flint.arb(1), flint.arb(1)
    for c in coeffs[1:]:
        pa, pb = pa * a, pb * b
        total += (c * pa).union(c * pb)
    return total


def exact(p: flint.arb_poly) -> flint.arb_poly:
    """The polynomial of the coefficients' midpoints (one exact polynomial, not a set of them)."""
    return flint.arb_poly([c.mid() for c in p.coeffs()])


def growth_rate(field: Any, box: Sequence[flint.arb], contraction: Contraction) -> flint.arb:
    """An upper bound of the logarithmic norm of Df on the box."""
    if contraction is Contraction.LOG_NORM:
        return log_norm_upper(field.jacobian_matrix(box))
    return field.one_sided_bound(box)


@dataclass
class Step:
    """One accepted step: the end point's exact centre and Euclidean error radius, and what the path
    length gained on it needs (the polynomial z, the step h, z's box over the step, the tube's radius
    ``sup`` and the defect's integral ``forcing``): the length is enclosed only where it is read."""

    centre: list[flint.arb]
    error: flint.arb
    z: Sequence[flint.arb_poly]
    h: flint.arb
    box: list[flint.arb]
    sup: flint.arb
    forcing: flint.arb

    def length(self, field: Any) -> flint.arb:
        """A ball containing the path length gained on the step: int ||z'|| widened by
        int | ||f(w)|| - ||z'|| | <= h (Lip(f) on the tube * sup + sup ||delta||)."""
        tube = [widen(x, self.sup) for x in self.box]
        slack = self.h * (field.lipschitz(tube) * self.sup + self.forcing / self.h)
        return widen(speed_integral(self.z, self.h), slack.upper())


class Deferred(abc.Sequence):
    """A list computed on its first read, at the working precision it was created at (the flows'
    path lengths: most statements read only the states, and the lengths cost about as much again)."""

    def __init__(self, make: Callable[[], Sequence[Any]], size: int):
        self._make, self._size, self._prec, self._values = make, size, flint.ctx.prec, None

    def _all(self) -> list[Any]:
        if self._values is None:
            saved = flint.ctx.prec
            flint.ctx.prec = self._prec
            try:
                self._values = list(self._make())
            finally:
                flint.ctx.prec = saved
        return self._values

    def __getitem__(self, k: Any) -> Any:
        return self._all()[k]

    def __len__(self) -> int:
        return self._size


def flow_step(field: Any, z: Sequence[flint.arb_poly], error: flint.arb, h: flint.arb, tolerance: flint.arb,
              contraction: Contraction = Contraction.LOG_NORM) -> Step | None:
    """One step of length h along the exact polynomial z (z(0) the exact centre the error radius
    ``error`` is around); None where the defect is above ``tolerance`` or the bootstrap fails."""
    forcing = (h * norm(field.defect_sup(z, h)).upper()).upper()
    if not forcing <= tolerance:
        return None
    box = [centred_range(zj(flint.arb_poly([h / 2, 1])), h / 2) for zj in z]  # z on [0, h], from its centre
    rho = 2 * (error + forcing) + tolerance
    for _ in range(6):
        mu = growth_rate(field, [widen(x, rho) for x in box], contraction)
        if not mu.is_finite():
            return None
        grow = (mu * h).exp().upper()
        sup = ((error + forcing) * grow.max(flint.arb(1))).upper()
        if sup < rho:
            break
        rho = 2 * sup
    else:
        return None
    end_error = (grow * error + forcing * grow.max(flint.arb(1))).upper()
    ends = [zj(h) for zj in z]
    centre = [x.mid() for x in ends]
    return Step(centre, (end_error + radius_norm(ends)).upper(), z, h, box, sup, forcing)


def speed_integral(z: Sequence[flint.arb_poly], h: flint.arb) -> flint.arb:
    """A ball containing int_0^h ||z'(t)|| dt for the polynomial z, by Taylor models of g = sqrt(q),
    q = ||z'||^2 (a polynomial): on a piece [m - r, m + r], g(m + s) = sum_{k<M} g_k(m) s^k + g_M(xi) s^M
    with xi in the piece (Lagrange), the coefficients from arb_series' sqrt of q(m + s) and of
    q([m - r, m + r] + s), so the piece's integral is sum_{k<M even} g_k(m) 2 r^{k+1}/(k+1) +
    [-1, 1] |g_M(piece)| 2 r^{M+1}/(M+1). That ball is intersected with the first-order one,
    2 r sqrt(range of q) (both contain the integral; the first alone where q's range reaches 0, the
    speed possibly vanishing); a piece whose ball is wider than its share (by length) of 2^(-prec/3)
    of the step's first-order bound h sup ||z'|| is halved, down to 2^-SPEED_DEPTH of the
    LENGTH_PIECES pieces of the step."""
    dz = [zj.derivative() for zj in z]
    q = sum((d * d for d in dz[1:]), dz[0] * dz[0])
    total = flint.arb(0)
    # the width a piece may keep: 2^(-prec/3) of the step's first-order bound, shared by length
    allowance = flint.arb(2) ** -(flint.ctx.prec // 3) * centred_range(q(flint.arb_poly([h / 2, 1])), h / 2).abs_upper().sqrt()
    with series_cap(SPEED_ORDER + 1):
        for i in range(LENGTH_PIECES):
            total += _piece_integral(q, h * i / LENGTH_PIECES, h * (i + 1) / LENGTH_PIECES, SPEED_DEPTH, allowance)
    return total


def centred_range(p: flint.arb_poly, r: flint.arb) -> flint.arb:
    """A ball containing p(s) for |s| <= r: c_0 + [-1, 1] sum_{k >= 1} |c_k| r^k (p already centred)."""
    coeffs = p.coeffs()
    if not coeffs:
        return flint.arb(0)
    spread, power = flint.arb(0), flint.arb(1)
    for c in coeffs[1:]:
        power *= r
        spread += c.abs_upper() * power
    return widen(coeffs[0], spread.upper())


def _piece_integral(q: flint.arb_poly, a: flint.arb, b: flint.arb, depth: int, allowance: flint.arb) -> flint.arb:
    """A ball containing int_a^b sqrt(q) (0 <= a <= b; q >= 0 there), as ``speed_integral`` says; q is
    re-expanded at the piece's centre m first, so that its range and its Taylor models are those of
    the centred polynomial q(m + s), |s| <= r (no cancellation between large terms of q at 0)."""
    M = SPEED_ORDER
    r, m = (b - a) / 2, (a + b) / 2
    qm = q(flint.arb_poly([m, 1]))
    qr = centred_range(qm, r)
    out = 2 * r * qr.nonnegative_part().sqrt()
    if qr > 0:
        at_m = flint.arb_series(qm.coeffs(), prec=M + 1).sqrt().coeffs()
        ball = flint.arb(0).union(r.upper()).union(-r.upper())
        at_piece = flint.arb_series(qm(flint.arb_poly([ball, 1])).coeffs(), prec=M + 1).sqrt().coeffs()
        model = flint.arb(0)
        for k in range(0, min(M, len(at_m)), 2):
            model += at_m[k] * 2 * r ** (k + 1) / (k + 1)
        top = at_piece[M].abs_upper() if len(at_piece) > M else flint.arb(0)
        model = widen(model, top * 2 * r ** (M + 1) / (M + 1))
        if model.is_finite():
            out = out.intersection(model)
    if depth > 0 and not out.rad() <= allowance * (b - a):
        return _piece_integral(q, a, m, depth - 1, allowance) + _piece_integral(q, m, b, depth - 1, allowance)
    return out


@contextmanager
def series_cap(length: int) -> Iterator[None]:
    """flint.ctx.cap (the length of arb_series) set inside the block and restored after it."""
    saved = flint.ctx.cap
    flint.ctx.cap = int(length)
    try:
        yield
    finally:
        flint.ctx.cap = saved


STEP_SIZE = 0.5  # the first step's length times the field's Lipschitz bound at the start, where no plan is read
MAX_STEPS = 2000
PROJECTION_STEPS = 100  # after this many steps, a flow whose steps at their current length project
HOPELESS = 10  # past HOPELESS * MAX_STEPS stops there (its steps would have to grow tenfold)
LOOSE = 1e-3  # an error bound above this share of the state gives up: the enclosure has come apart
ORDER = 30  # degree of the first step's Taylor polynomial (the next ones' is planned, ``taylor_plan``)


def nonlinear_flow(field: Any, T: flint.arb, samples: int, bits: int, not_enclosed: type[Exception],
                   contraction: Contraction = Contraction.LOG_NORM, start: Sequence[flint.arb] | None = None
                   ) -> tuple[list[list[flint.arb]], list[flint.arb]]:
    """Balls containing w(t_k) and s(t_k) at t_k = T k / samples (w(0) = ``start``, default 0; s a
    ``Deferred`` list, enclosed on its first read). Steps
    adapt: each new polynomial's step and the next one's order are estimated from its coefficients
    (``taylor_plan``; where none can be read, the step before's), a refused step is halved and retried;
    each sample interval ends exactly on its sample time. ``not_enclosed`` is raised, naming the step
    count or the error's growth, where the enclosure cannot be completed."""
    # each step's defect is kept near the working precision's half (the flows of the document's worst
    # cases expand at first, and a defect may be amplified by e^{mu t})
    tolerance = flint.arb(2) ** -(bits // 2)
    centre = [flint.arb(x) for x in start] if start is not None else [flint.arb(0)] * field.p
    error = flint.arb(0)
    box = lambda c, e: [widen(x, e) for x in c]  # noqa: E731
    states, taken = [box(centre, error)], []  # taken: the accepted steps of each sample interval
    interval_length = T / samples
    lip = float(field.lipschitz(centre).upper())  # for a first step without a plan, and the messages
    fraction = min(1.0, STEP_SIZE / max(lip * float(interval_length.upper()), 1e-300))
    steps = 0
    z, scale, order, bias = None, 1.0, ORDER, 0  # bias: orders added where planned steps were refused
    allowance = float(tolerance.mid()) / float(interval_length.upper())  # the defect's sup allowed, per unit scale
    for k in range(samples):
        taken.append([])
        left = flint.arb(1)  # the share of the sample interval still to go
        while not left.is_zero():
            if z is None:  # a new centre: its Taylor polynomial, kept while refused steps are halved
                z = [exact(zj) for zj in field.taylor(centre, order)]
                # the defect may be a small fraction of the step's own size (its start and its motion)
                scale = 1 + float(norm(centre).upper()) + float(norm(field.field(centre)).upper() * interval_length.upper())
                planned, planned_order = taylor_plan.plan(z, allowance * scale, float(interval_length.upper()))
                if planned_order is not None:
                    order = min(planned_order + bias, taylor_plan.MAX_ORDER)
                fraction, tried = (planned, True) if planned is not None else (fraction, False)
            # what is left of the interval in equal steps (dyadic shares: the sample time is met exactly)
            pieces = math.ceil(float(left.upper()) / fraction * (1 - 1e-9))
            share = left if pieces <= 1 else flint.arb(float(left.mid()) / pieces)
            h = interval_length * share
            step = flow_step(field, z, error, h, tolerance * scale * share, contraction)
            steps += 1
            if steps > MAX_STEPS:
                t = float((interval_length * (k + 1 - left)).mid())
                raise not_enclosed(f"stiff flow: {MAX_STEPS} Taylor steps reached t = {t:.3g} of T = "
                                   f"{float(T.mid()):.3g} (Lip(f) T about {lip * float(T.upper()):.3g} at the start)")
            if step is None:
                if tried:  # the plan was too bold for this field's defect bound: plan higher orders
                    bias, tried = min(bias + 2, taylor_plan.MAX_ORDER), False
                fraction = max(float(share.mid()) / 2, 2.0 ** -1000)  # MAX_STEPS ends a flow refused at every step
                continue
            centre, error, z = step.centre, step.error, None
            taken[-1].append(step)
            if error > LOOSE * (1 + norm(centre).upper()):
                t = float((interval_length * (k + 1 - left + share)).mid())
                raise not_enclosed(f"the flow's error bound grew past {LOOSE:.0e} of the state by t = {t:.3g} "
                                   f"({float(error.upper()):.3g} after {steps} steps, bounded by {contraction.name})")
            left = left - share if share is not left else flint.arb(0)
            remaining = (samples - k - float(left.mid()) if not left.is_zero() else samples - k - 1) / fraction
            if steps >= PROJECTION_STEPS and steps + remaining > HOPELESS * MAX_STEPS:
                t = float((interval_length * (k + 1 - left)).mid())
                raise not_enclosed(f"stiff flow: at t = {t:.3g} of T = {float(T.mid()):.3g} the steps are "
                                   f"{float((interval_length * fraction).mid()):.2g} long, so about {steps + remaining:.3g} "
                                   f"Taylor steps would be needed (at most {MAX_STEPS} are taken)")
        states.append(box(centre, error))
    return states, Deferred(lambda: path_lengths(field, taken), samples + 1)


def path_lengths(field: Any, taken: Sequence[Sequence[Step]]) -> list[flint.arb]:
    """Balls containing s(t_k): the steps' lengths summed up to each sample time."""
    length, lengths = flint.arb(0), [flint.arb(0)]
    for steps in taken:
        for step in steps:
            length = length + step.length(field)
        lengths.append(length)
    return lengths


__all__ = ["Contraction", "Step", "Deferred", "path_lengths", "flow_step", "nonlinear_flow", "speed_integral", "centred_range", "poly_sup", "poly_range", "norm", "widen", "interval",
           "exact", "radius_norm", "series_cap"]
