"""The findings' classes at seeds 0, 1 and 2 (issue 21): each violated statement searched with a case
budget at each seed and diagnosed; prints the class and the family that decided it, and whether the
three seeds agree.

    python benchmarks/classes.py [--cases N] [ID ...]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from proofcheck.app.diagnosis import diagnose  # noqa: E402
from proofcheck.core.registry import resolve  # noqa: E402
from proofcheck.search.engine import search  # noqa: E402

VIOLATED = ("proposition-1.1", "inequality-7", "lemma-2.1", "lemma-a.4", "claim-2")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", default=list(VIOLATED))
    parser.add_argument("--cases", type=int, default=400)
    args = parser.parse_args(argv)
    stable = True
    for sid in args.ids:
        statement, seen = resolve(sid), []
        for seed in (0, 1, 2):
            clock = time.monotonic()
            result = search(statement, seed=seed, cases=args.cases)
            found = diagnose(statement, result.witness, result.worst_ratio, seed=seed)
            seen.append((found.klass, found.parameter))
            print(f"{sid:18} seed {seed}  {result.verdict:9} worst {result.worst_ratio or 0:10.4g}  {found.klass:15} "
                  f"{found.parameter or '-'}  ({time.monotonic() - clock:.0f} s)", flush=True)
        same = len(set(seen)) == 1
        stable &= same
        print(f"{sid:18} {'the same class at seeds 0-2' if same else 'CLASSES DIFFER'}", flush=True)
    return 0 if stable else 1


if __name__ == "__main__":
    sys.exit(main())
