"""Write the gold report the behaviour test compares against (run only when a change of behaviour
is intended and explained: ``python tests/gold/make_gold.py``)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.gold.behaviour import GOLD, gold_report  # noqa: E402

if __name__ == "__main__":
    GOLD.write_text(json.dumps(gold_report(), indent=1, sort_keys=True) + "\n")
    print(f"wrote {GOLD}")
