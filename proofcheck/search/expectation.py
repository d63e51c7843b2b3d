"""The Monte Carlo of an identity of expectations (``proofcheck.core.expectation``), the last of its
three methods: at the searched cases with the largest residuals (the confirmed ones, worst first),
g(w) is averaged over seeded draws w ~ N(0, I) in the original dimension and the closed form is
compared with the mean's confidence interval. Each case draws from its own stream, spawned from the
statement's seed and the case's rank, so any case is replayed by its seed alone."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from scipy import stats

from proofcheck.core.cases import f64_namespace, witness_values
from proofcheck.core.expectation import CONFIDENCE, MonteCarloCase, mean_interval
from proofcheck.core.results import Confirmation, certification_counts, judged_ratio
from proofcheck.core.statement import Statement
from proofcheck.numerics.contexts import F64

MONTE_CARLO_STREAM = 7


def monte_carlo(statement: Statement, seed: int, confirmations: Sequence[Confirmation]) -> list[MonteCarloCase]:
    """The Monte Carlo at the statement's worst confirmed cases (at most ``expectation.cases``)."""
    spec = statement.expectation
    if spec is None:
        return []
    worst = sorted(confirmations, key=lambda c: -float(judged_ratio(c)))[: spec.cases]
    alpha = (1 - CONFIDENCE) / max(1, len(worst))  # Bonferroni over the cases
    z = float(stats.norm.ppf(1 - alpha / 2))
    out = []
    for k, conf in enumerate(worst):
        witness = {key: v for key, v in conf.witness.items() if key != "statement"}
        dims, values = witness_values(statement.space, witness)
        c = f64_namespace(statement.space, dims, values)
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(MONTE_CARLO_STREAM, k)))
        with np.errstate(all="ignore"):
            bounds = spec.bounds(c) if spec.bounds is not None else None
            mean, low, high = mean_interval(spec.sample(rng, c, spec.draws), alpha, z, bounds)
            closed = float(np.asarray(spec.closed(F64, c)).reshape(-1)[0])
        out.append(MonteCarloCase(witness, spec.draws, mean, low, high, closed, CONFIDENCE))
    return out


def as_data(cases: Sequence[MonteCarloCase]) -> list[dict[str, Any]]:
    """The Monte Carlo cases as plain data for the report."""
    return [{"witness": c.witness, "draws": c.draws, "mean": c.mean, "interval": [c.low, c.high],
             "closed": c.closed, "confidence": c.confidence, "agrees": bool(c.agrees), "certified": False}
            for c in cases]


def certification(confirmations: list[Confirmation], cases: Sequence[MonteCarloCase] | None) -> dict[str, Any]:
    """The confirmed cases' certification counts, with the Monte Carlo cases beside them where there are any
    (an identity of expectations), marked uncertified."""
    counts = certification_counts(confirmations)
    return {**counts, "monte_carlo": as_data(cases)} if cases else counts
