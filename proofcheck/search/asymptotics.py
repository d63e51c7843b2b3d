"""The asymptotic exponent of a family: the limit of its local slopes, and how far that limit is known.

Along a family r(s) measured on a geometric grid, a power law r ~ s^e shows as local slopes
e_i = d log r / d log s that tend to e. A smooth, curved, noise-free family (c sqrt(m) + sqrt(c^2 m + 4))
has slopes that approach their limit with a correction that decays geometrically along a geometric
grid (a power of 1/s); a straight line fitted through such slopes answers with a value between the
regimes, and the Student-t interval of its residuals measures nothing. Here the limit is Aitken's
delta-squared extrapolation of the last three slopes, accepted only where the slopes do converge
geometrically (each increment smaller than the one before, by a ratio q with |q| < Q_MAX on the last
two pairs, a ratio that does not creep up as a logarithmic correction's does), and its uncertainty
is the model's misfit: the change between the last two extrapolations, doubled, with a floor for
rounding. Slopes that do not converge geometrically but sit on a plateau (the last four within
PLATEAU of each other: a power law whose correction is too small for the increments' ratios to mean
anything) are read as that power, their spread doubled as the uncertainty. Slopes that still accelerate (the family has not reached its
asymptotic regime) give no exponent: the family is then reported with its last slope and as not yet
asymptotic, never with an interval it has not earned.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

Q_MAX = 0.9  # slopes converging slower than this per grid step are not yet asymptotic
FLOOR = 1e-6  # the uncertainty of an exponent read from float64 ratios is never below this
MISFIT_MARGIN = 2.0
Q_CREEP = 0.005
PLATEAU = 1e-4  # four slopes this close (relative to the exponent, at least 1) are one power


@dataclass(frozen=True)
class Exponent:
    """The asymptotic exponent at one end of a family: ``value`` with its ``interval`` (None when the
    slopes have not converged, see ``why``), the local ``slopes`` it was read from, and ``last``
    (the slope at the end of the measured range)."""

    value: float | None
    interval: tuple[float, float] | None
    slopes: tuple[float, ...]
    last: float | None
    why: str = ""

    @property
    def converged(self) -> bool:
        return self.value is not None


def local_slopes(scales: list[float], values: list[float]) -> list[float]:
    """d log value / d log scale between consecutive points (both positive and finite)."""
    out = []
    for (s0, v0), (s1, v1) in zip(zip(scales, values), zip(scales[1:], values[1:])):
        out.append((math.log(v1) - math.log(v0)) / (math.log(s1) - math.log(s0)))
    return out


def _aitken(e0: float, e1: float, e2: float) -> float | None:
    denominator = e2 - 2 * e1 + e0
    if denominator == 0:
        return e2
    return e2 - (e2 - e1) ** 2 / denominator


def _ratio(d0: float, d1: float, tiny: float) -> float:
    """The ratio of consecutive increments; 0 for increments at the rounding level."""
    if abs(d1) <= tiny:
        return 0.0
    if abs(d0) <= tiny:
        return math.inf
    return d1 / d0


def asymptotic_exponent(scales: list[float], values: list[float]) -> Exponent:
    """The exponent of ``values`` as ``scales`` grow to the end of the list (pass them reversed for
    the other end), from the points where both are positive and finite."""
    points = [(s, v) for s, v in zip(scales, values) if v is not None and v > 0 and math.isfinite(v) and s > 0]
    slopes = local_slopes([p[0] for p in points], [p[1] for p in points])
    last = slopes[-1] if slopes else None
    if len(slopes) == 3 and all(abs(b - a) <= FLOOR * max(1.0, abs(a)) for a, b in zip(slopes, slopes[1:])):
        # three slopes equal to rounding: a pure power law over the range (a width tiled from a witness,
        # whose ratio is exactly c s^e), read as itself; a curved family's three slopes differ
        value = sum(slopes) / 3
        half = max(FLOOR, MISFIT_MARGIN * (max(slopes) - min(slopes)))
        return Exponent(value, (value - half, value + half), tuple(slopes), last)
    if len(slopes) < 4:
        return Exponent(None, None, tuple(slopes), last, f"{len(points)} points: too few to see the slopes converge")
    e = slopes[-4:]
    d = [b - a for a, b in zip(e, e[1:])]
    tiny = FLOOR * max(1.0, max(abs(x) for x in e))
    q = [_ratio(d[0], d[1], tiny), _ratio(d[1], d[2], tiny)]
    # a geometric correction keeps its ratio; a ratio creeping up toward 1 is a logarithmic one
    # (slopes like 1/log s), which no geometric extrapolation reads correctly
    if not all(abs(x) < Q_MAX for x in q) or abs(q[1]) > abs(q[0]) + Q_CREEP:
        if max(e) - min(e) <= PLATEAU * max(1.0, abs(e[-1])):
            half = max(FLOOR, MISFIT_MARGIN * (max(e) - min(e)))
            return Exponent(e[-1], (e[-1] - half, e[-1] + half), tuple(slopes), last)
        return Exponent(None, None, tuple(slopes), last,
                        f"the local slopes have not converged (their increments {d[1]:.3g}, {d[2]:.3g} do not shrink "
                        "geometrically): the family is not yet in its asymptotic regime")
    first, second = _aitken(*e[:3]), _aitken(*e[1:])
    value = second if second is not None else e[-1]
    half = max(MISFIT_MARGIN * abs(second - first), FLOOR, MISFIT_MARGIN * abs(d[2]) * abs(q[1]) ** 2)
    return Exponent(value, (value - half, value + half), tuple(slopes), last)
