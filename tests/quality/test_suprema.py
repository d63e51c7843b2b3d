"""The search reaches the known suprema (Hypothesis' quality tests): for each statement whose worst
ratio is known in closed form, a search from an empty database with the selftest's case budget
(4000; the engine's default 20000 for theorem-a.8:as-used, whose corner is a limit: at 8000 cases
seed 0 stops at 96%) reaches at least 99% of it at seeds 0, 1 and 2 (slow tier). The engine's
default budget for all six passes too, at five times the time (5 min on two busy cores).

Theorem 1.2 (a trained model, minutes at three seeds) and Theorem A.8 (best known 0.5407, reached
by its `rotating_offset` family at some seeds only) are measured by `benchmarks/power_vs_time.py`,
outside the suite's time: a test that may pass or fail at 60000 cases would assert nothing.
"""
import math

import pytest

from proofcheck.core.registry import resolve
from proofcheck.search.engine import search

SQRT_2_OVER_E = math.sqrt(2 / math.e)
# statement -> (supremum, case budget)
SUPREMA = {
    "claim-3": (SQRT_2_OVER_E, 4000),
    "claim-4": (1 / 3, 4000),
    "claim-5": (1 / 3, 4000),
    "claim-6": (1 / 3, 4000),
    "lemma-3.3": (SQRT_2_OVER_E / 2, 4000),
    "theorem-a.8:as-used": (SQRT_2_OVER_E / 2, 20000),
}


def _worst(sid: str, seed: int, cases: int) -> float:
    result = search(resolve(sid), seed=seed, cases=cases, dps=30, confirm_count=1)
    return result.worst_ratio if result.worst_ratio is not None else -math.inf


@pytest.mark.slow
@pytest.mark.parametrize("sid", sorted(SUPREMA))
def test_the_search_reaches_99_percent_of_the_supremum_at_seeds_0_1_2(sid):
    supremum, cases = SUPREMA[sid]
    reached = [_worst(sid, seed, cases) for seed in (0, 1, 2)]
    assert all(r >= 0.99 * supremum for r in reached), (sid, reached, supremum)
