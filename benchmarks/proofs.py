"""Branch-and-bound proofs (issue 24): per statement or step with a declared reduction, the proof
time, the boxes and depth, the independent re-check time, the sharp ratio and its digits.

    python benchmarks/proofs.py [--json FILE] [--repeat N]

Goals: each proof under 10 s on one core; the re-check faster than the proof; the sharp ratio to
at least 4 significant digits. Times are the median of ``--repeat`` runs (the reduction's sympy
check is timed apart: it runs once per audit, before the proof).
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import time

from proofcheck.core.reduction import check_reduction
from proofcheck.core.registry import discover, resolve
from proofcheck.core.proof import step_id
from proofcheck.search.bnb_proof import prove_statement


def declared() -> list[str]:
    """Every statement and numeric proof step that declares a reduction, in the paper's order."""
    out = []
    for st in discover().values():
        if st.reduction is not None:
            out.append(st.id)
        out += [step_id(st.id, k + 1) for k, s in enumerate(st.proof) if s.numeric and s.reduction is not None]
    return out


def measure(sid: str, repeat: int) -> dict:
    st = resolve(sid)
    clock = time.perf_counter()
    check_reduction(st, st.reduction, st.space.scalars)
    sympy_s = time.perf_counter() - clock
    runs = [prove_statement(st, st.reduction, st.space.scalars) for _ in range(repeat)]
    b = runs[-1]
    sharp = b.sharp or {}
    digits = None
    if sharp.get("low") and sharp.get("high"):
        digits = -math.log10(max((sharp["high"] - sharp["low"]) / sharp["low"], 1e-17))
    return {"id": sid, "outcome": b.outcome, "covers": b.covers, "boxes": b.boxes, "depth": b.depth,
            "proof_s": statistics.median(r.seconds for r in runs),
            "recheck_s": statistics.median(r.recheck_seconds for r in runs) if b.recheck_seconds is not None else None,
            "sympy_check_s": round(sympy_s, 3), "sharp": [sharp.get("low"), sharp.get("high")],
            "sharp_digits": digits, "constant_printed": sharp.get("constant_printed"),
            "constant_sharp": sharp.get("constant_sharp"), "reason": b.reason if b.outcome != "proved" else ""}


def goals(rows: list[dict]) -> dict[str, bool]:
    proved = [r for r in rows if r["outcome"] == "proved"]
    return {"every proof under 10 s": all(r["proof_s"] < 10 for r in rows),
            "re-check faster than the proof": all(r["recheck_s"] <= r["proof_s"] for r in proved),
            "sharp ratio to 4 digits": all((r["sharp_digits"] or 0) >= 4 for r in proved)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--json", dest="json_path")
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    rows = [measure(sid, args.repeat) for sid in declared()]
    for r in rows:
        sharp = "" if r["sharp"][0] is None else f"  sup in [{r['sharp'][0]:.7g}, {r['sharp'][1]}]"
        recheck = "-" if r["recheck_s"] is None else f"{r['recheck_s']:.4f}"
        print(f"{r['id']:<22} {r['outcome']:<10} boxes {r['boxes']:>5} depth {r['depth']:>3} proof {r['proof_s']:.4f} s "
              f"re-check {recheck} s  sympy {r['sympy_check_s']:.2f} s{sharp}  [{r['covers']}]")
    g = goals(rows)
    print("goals: " + ", ".join(f"{k}: {'met' if v else 'MISSED'}" for k, v in g.items()))
    if args.json_path:
        with open(args.json_path, "w") as fh:
            json.dump({"figures": rows, "goals": g}, fh, indent=1)


if __name__ == "__main__":
    main()
