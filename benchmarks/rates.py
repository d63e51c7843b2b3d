"""Cases per second of the float64 screening path and of the mpmath confirmation path, per statement.

    python benchmarks/rates.py [--seconds S] [--dps D] [--json FILE]

Both paths evaluate the same cases (the natural-scale family) side by side in one run; the float64
figure counts the screening as the search runs it (each case evaluated twice, once rotated), the
mpmath figure one evaluation of both sides at D digits.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np

from proofcheck.core.cases import enforce_structure, take, to_witness
from proofcheck.core.registry import discover
from proofcheck.search.evaluate import evaluate_mp, screen_f64
from proofcheck.search.families import draw_dims, natural_scale


def rates(statement, seconds: float, dps: int, seed: int = 0) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    batches = []
    for _ in range(8):
        dims = draw_dims(rng, statement.space)
        batches.append((dims, enforce_structure(statement.space, natural_scale(rng, statement.space, dims, 256))))
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for dims, values in batches:
            screen_f64(statement, dims, values, np.random.default_rng(0))
            done += 256
    f64 = done / (time.perf_counter() - start)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for dims, values in batches:
            evaluate_mp(statement, to_witness(statement.space, dims, take(values, done % 256)), dps)
            done += 1
            if time.perf_counter() - start >= seconds:
                break
    mp = done / (time.perf_counter() - start)
    return {"float64_cases_per_s": round(f64, 1), "mpmath_cases_per_s": round(mp, 2), "ratio": round(f64 / mp, 1)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--dps", type=int, default=50)
    p.add_argument("--json", dest="json_path")
    args = p.parse_args()
    figures = {sid: rates(s, args.seconds, args.dps) for sid, s in discover().items()}
    print(f"{'statement':<22} {'float64 cases/s':>16} {'mpmath cases/s':>15} {'ratio':>8}   "
          f"(each statement's own dims; mpmath at {args.dps} digits)")
    for sid, f in figures.items():
        print(f"{sid:<22} {f['float64_cases_per_s']:>16.0f} {f['mpmath_cases_per_s']:>15.1f} {f['ratio']:>8.0f}")
    if args.json_path:
        with open(args.json_path, "w") as fh:
            json.dump({"figures": figures}, fh, indent=1)


if __name__ == "__main__":
    main()
