"""Identities of expectations: "E_{w ~ N(0, I)}[g(w)] = F", a closed form of a Gaussian expectation.

Such a statement is an ``identity`` whose left side is the residual |E - F| with E computed through a
reduction to a low-dimensional integral (``ctx.integral``, ``proofcheck.numerics.quadrature``), and it
declares ``Statement.expectation``: the closed form F and a sampler of g(w), so that it is checked by
three methods, strongest first, and its verdict says which one decided it
(``proofcheck.core.verdicts.expectation_verdict``):

1. exactly, by sympy: its symbolic steps covering the statement (the expectation computed in closed form);
2. by certified quadrature: Arb encloses the reduced integral (``acb.integral``, with a rigorous tail)
   and proves the residual nonzero, or at most 2^-(bits/2) of the terms' size, at the searched cases;
3. by seeded Monte Carlo in the original dimension, as the last resort: the sample mean of g(w) with a
   confidence interval at ``CONFIDENCE`` over all its cases (Hoeffding's where the expectand's range is
   declared, distribution-free and never degenerate; else the normal one), never called certified.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

# the Monte Carlo's two-sided confidence over all its cases together (Bonferroni), and its z
CONFIDENCE = 1 - 1e-6


@dataclass(frozen=True)
class Expectation:
    """What an identity of expectations declares beyond its sides.

    ``closed(ctx, c)``: the closed form F, against the contexts; ``sample(rng, c, draws)``: g(w) at
    ``draws`` seeded w ~ N(0, I) for one case ``c`` (a float64 namespace of a witness), an array of
    shape (draws,); ``reduction``: how E becomes the integral the left side computes, in words ("" when
    the statement has none and Monte Carlo is all there is); ``cases``: how many searched cases the
    Monte Carlo checks; ``bounds(c)``: an interval (lo, hi) the expectand lies in, for Hoeffding's interval."""

    closed: Callable[[Any, Any], Any]
    sample: Callable[[np.random.Generator, Any, int], np.ndarray]
    expectand: str
    reduction: str = ""
    draws: int = 40000
    cases: int = 3
    bounds: Callable[[Any], tuple[float, float]] | None = None


@dataclass(frozen=True)
class MonteCarloCase:
    """One case's Monte Carlo: the mean of g over ``draws`` seeded draws, its interval [low, high] at
    the confidence ``confidence``, the closed form there, and whether the interval contains it."""

    witness: dict[str, Any]
    draws: int
    mean: float
    low: float
    high: float
    closed: float
    confidence: float

    @property
    def agrees(self) -> bool:
        return bool(self.low <= self.closed <= self.high)


def mean_interval(samples: np.ndarray, alpha: float, z: float,
                  bounds: tuple[float, float] | None = None) -> tuple[float, float, float]:
    """The sample mean and its interval at level 1 - alpha: Hoeffding's (b - a) sqrt(log(2/alpha) / (2N))
    for an expectand in [a, b], else the normal z s / sqrt(N) (the mean's own rounding added)."""
    x = np.asarray(samples, dtype=float)
    mean = float(np.mean(x))
    if bounds is not None:
        spread = float(bounds[1]) - float(bounds[0])
        half = spread * float(np.sqrt(np.log(2 / alpha) / (2 * x.size)))
    else:
        half = z * float(np.std(x, ddof=1)) / np.sqrt(x.size)
    half += 1e-15 * max(1.0, abs(mean))
    return mean, mean - half, mean + half


__all__ = ["Expectation", "MonteCarloCase", "CONFIDENCE", "mean_interval"]
