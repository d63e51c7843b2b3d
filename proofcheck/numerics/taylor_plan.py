"""The step a flow's Taylor polynomial is tried at, and the order of the next one, estimated (in
floats) from the polynomial's own coefficients.

Nothing here is part of the enclosure: a step's defect is bounded rigorously by ``flow_steps.flow_step``,
which refuses a step whose defect is above its tolerance (and the step is then halved). The estimates
only spare the steps that a fixed order and a blind step controller waste: steps cut short by a
sample time and grown back by half, and terms beyond those the tolerance needs.

With c_k the Euclidean size of the coefficient vector of t^k and the growth q read off the top half of
them (c_k about C q^k), the defect of the degree-N polynomial is about its first omitted term's
derivative, (N + 1) c_N q h^N; the step is the h that keeps this SAFETY times below the allowed
sup of the defect, and at most 1/(2q) (inside the series' estimated radius). The next order is the
least one in [MIN_ORDER, MAX_ORDER] that is estimated to span a whole sample interval.
"""
from __future__ import annotations

import math
from typing import Sequence

import flint

SAFETY = 16.0  # the estimated defect is kept this far below the allowed one (it costs 16^(1/N) of h)
MIN_ORDER = 30  # no fewer terms than a fixed order took: an easy flow keeps its enclosure as tight
MAX_ORDER = 40  # past it a stiff flow takes more steps (the cost of a step grows like N^2)


def coefficient_sizes(z: Sequence[flint.arb_poly]) -> list[float]:
    """c_k: the Euclidean norm of the midpoints of the coefficients of t^k (arb_poly drops zero
    leading terms, so the list is as long as the longest component)."""
    length = max((len(zj.coeffs()) for zj in z), default=0)
    sizes = [0.0] * length
    for zj in z:
        for k, c in enumerate(zj.coeffs()):
            sizes[k] = math.hypot(sizes[k], float(c.mid()))
    return sizes


def growth(sizes: Sequence[float]) -> float | None:
    """q, the largest (c_N / c_k)^(1/(N - k)) over the top half of the coefficients (None where c_N
    is 0 or not finite: no growth can be read)."""
    N = len(sizes) - 1
    top = sizes[N]
    if N < 2 or not (top > 0 and math.isfinite(top)):
        return None
    rates = [(top / sizes[k]) ** (1 / (N - k)) for k in range(N // 2, N) if sizes[k] > 0]
    return max(rates) if rates else None


def plan(z: Sequence[flint.arb_poly], allowed: float, interval: float) -> tuple[float | None, int | None]:
    """(share, order): the share of a sample interval of length ``interval`` (at most 1) that the
    polynomial z is estimated to step with its defect's sup below ``allowed``, and the order estimated
    for the next step; None for what cannot be read (a constant z, at a rest point, steps the whole
    interval)."""
    sizes = coefficient_sizes(z)
    N = len(sizes) - 1
    if all(s == 0 for s in sizes[1:]):
        return 1.0, None  # a rest point: its defect is only rounding
    q = growth(sizes)
    if q is None or not allowed > 0 or not interval > 0:
        return None, None
    log_base = math.log(SAFETY * sizes[N] * q) - math.log(allowed)  # log of the estimate's factors, less the allowance
    h = min(math.exp(-(log_base + math.log(N + 1)) / N), 0.5 / q)
    if not h > 0:
        return None, None
    if q * interval >= 0.5:
        return h / interval, MAX_ORDER
    # c_n about c_N q^(n - N): the least n with (n + 1) c_n q interval^n below allowed / SAFETY
    for n in range(MIN_ORDER, MAX_ORDER + 1):
        if log_base + math.log(n + 1) + (n - N) * math.log(q) + n * math.log(interval) <= 0:
            return min(1.0, h / interval), n
    return min(1.0, h / interval), MAX_ORDER


__all__ = ["plan", "growth", "coefficient_sizes", "SAFETY", "MIN_ORDER", "MAX_ORDER"]
