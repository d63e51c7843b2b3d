"""The search of a statement with probability (``proofcheck.core.probability``): frequencies over seeded
draws, in float64 batches through the statement's own sides.

Each point draws from its own stream, spawned from the statement's seed and the point's place (family k,
value j; or point j), so a point's draws, and any failing draw among them, are replayed by the seed alone
(``replay``). A named constant counts the draws where LHS <= RHS; an unnamed one (``existential``) records
LHS / g, g the right side at constant 1, and bounds its (1 - delta)-quantile. The verdict is
``proofcheck.core.verdicts.probability_verdict``; nothing here is certified.
"""
from __future__ import annotations

import dataclasses
import time
from typing import Any, Callable

import numpy as np

from proofcheck.core.cases import to_witness
from proofcheck.core.probability import Frequency, NeededConstant, Point, clopper_pearson, quantile_bounds
from proofcheck.core.results import PhaseStats, StatementResult, StopReason
from proofcheck.core.statement import Statement
from proofcheck.core.verdicts import probability_verdict
from proofcheck.search.asymptotics import asymptotic_exponent
from proofcheck.search.evaluate import sides_f64

PROBABILITY_STREAM = 11
GROWTH = 4.0  # the needed C's last lower bound over its first upper bound, for a family to grow
MIN_EXPONENT = 0.1
WITNESSES = 3


def replay(statement: Statement, seed: int, key: tuple[int, ...], point: Point, draws: int
           ) -> tuple[dict[str, int], dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """The draws of one point (its stream ``key``) and both sides at each, shape (draws,)."""
    spec = statement.probability
    assert spec is not None
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(PROBABILITY_STREAM,) + key))
    dims, values = spec.draw(rng, point, draws)
    with np.errstate(all="ignore"):
        left, right = sides_f64(statement, dims, values)
    return dims, values, left, right


def frequency(statement: Statement, seed: int, j: int, point: Point) -> Frequency:
    spec = statement.probability
    assert spec is not None
    dims, values, left, right = replay(statement, seed, (0, j), point, spec.draws)
    holds = left <= right
    low, high = clopper_pearson(int(holds.sum()), holds.size, spec.confidence)
    failing = [{"draw": int(i), "seed": seed, "stream": [PROBABILITY_STREAM, 0, j], "lhs": float(left[i]),
                "rhs": float(right[i]), **to_witness(statement.space, dims, values, int(i))}
               for i in np.flatnonzero(~holds)[:WITNESSES]]
    return Frequency(dict(point), holds.size, int(holds.sum()), low, high, 1 - spec.failure(point), spec.confidence,
                     failing)


def needed_constant(statement: Statement, seed: int, k: int) -> NeededConstant:
    spec = statement.probability
    assert spec is not None
    family = spec.families[k]
    estimate, lower, upper = [], [], []
    for j, point in enumerate(family.points()):
        # an unnamed constant's statement declares its right side as g (C = 1): LHS / g is the C needed
        _, _, left, g = replay(statement, seed, (1 + k, j), point, spec.draws)
        with np.errstate(all="ignore"):
            ratios = np.where(g > 0, left / g, np.inf)
        e, lo, hi = quantile_bounds(ratios, 1 - spec.failure(point), spec.confidence)
        estimate.append(e), lower.append(lo), upper.append(hi)
    values = [float(v) for v in family.values]
    exponent = asymptotic_exponent(values, estimate) if all(np.isfinite(estimate)) and min(estimate) > 0 else None
    slope = exponent.value if exponent is not None and exponent.converged else (exponent.last if exponent else None)
    grows = bool(np.isfinite(upper[0]) and upper[0] > 0 and lower[-1] / upper[0] > GROWTH
                 and slope is not None and slope >= MIN_EXPONENT)
    interval = exponent.interval if exponent is not None and exponent.converged else None
    return NeededConstant(family.parameter, values, estimate, lower, upper, grows, slope, spec.draws, spec.confidence,
                          interval)


def search(statement: Statement, seed: int, progress: Callable[[dict[str, Any]], None] | None = None,
           dps: int = 50) -> StatementResult:
    """Every point of a named constant, or every family of an unnamed one, measured; the verdict decided."""
    spec = statement.probability
    assert spec is not None
    clock = time.monotonic()
    frequencies = [] if spec.existential else [frequency(statement, seed, j, p) for j, p in enumerate(spec.points)]
    needed = [needed_constant(statement, seed, k) for k in range(len(spec.families))] if spec.existential else []
    verdict, reason = probability_verdict(frequencies, needed)
    draws = spec.draws * (len(frequencies) + sum(len(f.values) for f in needed))
    if needed:  # the needed C's rise along its worst family over the rise that makes a family grow (above 1: it grows)
        worst = max(f.lower[-1] / f.upper[0] / GROWTH if np.isfinite(f.upper[0]) and f.upper[0] > 0 else np.inf
                    for f in needed)
    else:  # how far the claimed level lies above the worst point's frequency (above 1: too few draws hold)
        worst = max((p.level / max(p.holding / p.draws, 1e-300) for p in frequencies), default=None)
    witness = next((p.failing[0] for p in frequencies if p.status == "violated" and p.failing), None)
    seconds = round(time.monotonic() - clock, 3)
    if progress is not None:
        progress({"id": statement.id, "phase": "frequency", "cases": draws, "best": worst, "seconds": seconds})
    data = {"confirmed": 0, "certified": 0, "certified_violation": 0, "uncertified": 0, "uncertified_reasons": {},
            "frequencies": [dataclasses.asdict(p) | {"status": p.status} for p in frequencies],
            "needed_constant": [dataclasses.asdict(f) for f in needed], "distribution": spec.distribution}
    return StatementResult(
        id=statement.id, ref=statement.ref, statement=statement.statement, kind=statement.kind,
        checked_by=statement.checked_by, uses=list(statement.uses), verdict=verdict,  # type: ignore[arg-type]
        model_class=statement.space.describe(),
        cases=draws, worst_ratio=float(worst) if worst is not None else None,
        worst_ratio_text=f"{worst:.6g}" if worst is not None else "", witness=None if witness is None else
        {"statement": statement.id, "dims": witness["dims"], "values": witness["values"]},
        symbolic=[], seconds=seconds, dps=dps, seed=seed, stop_reason=StopReason.CONVERGED,
        phases=[PhaseStats("frequency", seconds, draws)], constant_printed=statement.constant_printed,
        constant_proof=statement.constant_proof, reason=reason, notes=statement.notes, certification=data)
