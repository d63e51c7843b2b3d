"""Statements with probability: "with probability at least 1 - delta (over a random draw), LHS <= RHS".

Such a statement keeps its sides (``lhs``/``rhs`` of one drawn case, against the contexts) and declares
``Statement.probability``: how a case is drawn at a point of the parameters, delta at that point, and
the points checked. The claim is a frequency over seeded draws (``proofcheck.search.probability``):

* with its constant named (``rhs``'s ``constant=``), at each point the draws where LHS <= RHS are counted
  and the Clopper-Pearson interval of the probability at ``confidence`` decides: the point holds when
  the interval's lower end is >= 1 - delta, is violated when its upper end is < 1 - delta (the failing
  draws are its witnesses), and is inconclusive otherwise;
* with an unnamed constant C ("<= C g", ``existential``): the claim is that one C serves every point,
  so at each point the constant the claim needs, the (1 - delta)-quantile of LHS / g (g the right side at
  constant 1), is bounded by order statistics with a binomial confidence, and followed along each
  family of points (a parameter growing, the others fixed): it is refuted when the needed C grows
  along a family (its lower confidence bounds rise), holds when its upper bounds stay bounded.

The rules that turn these into a verdict are ``proofcheck.core.verdicts.probability_verdict``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np
from scipy import stats

Point = Mapping[str, float]


@dataclass(frozen=True)
class Along:
    """A family of points for an existential constant: ``parameter`` takes ``values``, the rest of ``base`` fixed."""

    parameter: str
    values: tuple[float, ...]
    base: Point

    def points(self) -> list[dict[str, float]]:
        return [{**self.base, self.parameter: v} for v in self.values]


@dataclass(frozen=True)
class Probability:
    """What a statement with probability declares beyond its sides.

    ``draw(rng, point, count)`` -> (dims, values): ``count`` seeded cases of the statement's space at a
    point (arrays with a leading batch axis); ``failure(point)``: delta there; ``points``: where a named
    constant's frequency is measured; ``families``: for an unnamed constant (``existential``), the
    families along which the constant it needs must stay bounded; ``distribution``: the draw, in words."""

    draw: Callable[[np.random.Generator, Point, int], tuple[dict[str, int], dict[str, np.ndarray]]]
    failure: Callable[[Point], float]
    distribution: str
    points: tuple[Point, ...] = ()
    existential: bool = False
    families: tuple[Along, ...] = ()
    draws: int = 4000
    confidence: float = 0.999


@dataclass(frozen=True)
class Frequency:
    """One point of a named constant: ``holding`` of ``draws`` draws satisfy the event; its interval at
    ``confidence``; the level 1 - delta claimed; up to a few failing draws (witnesses, with their index)."""

    point: dict[str, float]
    draws: int
    holding: int
    low: float
    high: float
    level: float
    confidence: float
    failing: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "holds" if self.low >= self.level else "violated" if self.high < self.level else "inconclusive"


@dataclass(frozen=True)
class NeededConstant:
    """An existential constant along one family: at each value the (1 - delta)-quantile of LHS / g, its
    lower and upper confidence bounds (order statistics), whether it grows and its exponent."""

    parameter: str
    values: list[float]
    estimate: list[float]
    lower: list[float]
    upper: list[float]
    grows: bool
    exponent: float | None
    draws: int
    confidence: float
    interval: tuple[float, float] | None = None  # the exponent's interval, where its local slopes settle


def clopper_pearson(holding: int, draws: int, confidence: float) -> tuple[float, float]:
    """The exact (Clopper-Pearson) two-sided interval of a binomial probability at ``confidence``."""
    alpha = 1 - confidence
    low = 0.0 if holding == 0 else float(stats.beta.ppf(alpha / 2, holding, draws - holding + 1))
    high = 1.0 if holding == draws else float(stats.beta.ppf(1 - alpha / 2, holding + 1, draws - holding))
    return low, high


def quantile_bounds(samples: np.ndarray, level: float, confidence: float) -> tuple[float, float, float]:
    """The level-quantile of i.i.d. samples with its order-statistic bounds at ``confidence`` (the count
    below the quantile is Binomial(N, level)): (estimate, lower, upper); -inf / +inf where N is too small."""
    x = np.sort(np.asarray(samples, dtype=float))
    n, alpha = x.size, 1 - confidence
    lo = int(stats.binom.ppf(alpha / 2, n, level))  # P(K >= lo) >= 1 - alpha/2: x_(lo) <= q
    hi = int(stats.binom.ppf(1 - alpha / 2, n, level)) + 1  # P(K <= hi - 1) >= 1 - alpha/2: x_(hi) >= q
    estimate = float(np.quantile(x, level))
    return estimate, (float(x[lo - 1]) if lo >= 1 else -np.inf), (float(x[hi - 1]) if hi <= n else np.inf)


__all__ = ["Along", "Probability", "Frequency", "NeededConstant", "clopper_pearson", "quantile_bounds"]
