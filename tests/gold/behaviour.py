"""The gold report: a small audit with a fixed seed and case budget over a handful of statements
of every kind, timing fields removed. Behaviour-preserving refactorings leave it unchanged."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

GOLD = Path(__file__).with_name("audit_gold.json")
# static upper bounds (certifiable), a lower bound, an identity over paths, a product-integral
# statement violated as printed, a trained statement violated as printed, one that holds, the network
IDS = ("claim-3", "claim-5", "theorem-1.3", "lemma-a.6", "claim-2", "inequality-7", "first-attempt-3.1",
       "lemma-2.1")
SEED, CASES, DPS = 0, 240, 30
TIMING = {"seconds", "created", "wall_seconds", "history", "python", "command", "workers", "recheck_seconds",
          "high_seconds"}


def _without_timing(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _without_timing(v) for k, v in obj.items() if k not in TIMING}
    if isinstance(obj, list):
        return [_without_timing(v) for v in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def gold_report() -> dict[str, Any]:
    from proofcheck.core.registry import resolve
    from proofcheck.report.json_report import as_json
    from proofcheck.app.runner import run

    result = run([resolve(i) for i in IDS], seed=SEED, dps=DPS, cases=CASES, workers=1)
    # round-trip through JSON text so that tuples and lists compare alike
    return _without_timing(json.loads(json.dumps(as_json(result))))
