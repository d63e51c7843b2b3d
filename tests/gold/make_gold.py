"""Write the gold report the behaviour test compares against (run only when a change of behaviour
is intended and explained: ``python tests/gold/make_gold.py``)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.gold.behaviour import GOLD, gold_report  # noqa: E402
from tests.gold.fingerprint import float64_fingerprint  # noqa: E402

if __name__ == "__main__":
    # the machine's float64 fingerprint beside the report: where it is the same, the test compares case by case
    gold = {"float64_fingerprint": float64_fingerprint(), "report": gold_report()}
    GOLD.write_text(json.dumps(gold, indent=1, sort_keys=True) + "\n")
    print(f"wrote {GOLD}")
