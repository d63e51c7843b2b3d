"""The three issues' tables from audit reports at several seeds, side by side (issues 21, 22, 25).

    python benchmarks/seeds.py reports/seed-0.json reports/seed-1.json reports/seed-2.json [--markdown]

- findings: each finding's cause and class at each seed, and whether the seeds agree;
- certification: the confirmed cases that are not certified, by reason, at each seed;
- search power: the worst ratio of the statements issue 22 follows, beside the best known;
- the verdicts of the main result and each report's wall time.

It reads the reports only (what `proofcheck audit --seed S --out FILE` wrote); it computes no verdict.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

# issue 22's table: the statements whose search power it follows, with the best values known
FOLLOWED = {"theorem-a.8": "0.492 (0.5407 from the extremal families)", "theorem-1.2": "0.5",
            "corollary-2.2": "0.5 (as checked through its route)", "lemma-2.1": "grows like sqrt(m)",
            "lemma-a.4": "unbounded", "claim-3": "sqrt(2/e) = 0.8578", "claim-4": "1/3", "claim-5": "1/3",
            "claim-6": "1/3", "lemma-3.3": "sqrt(2/e)/2 = 0.4289"}


def _load(path: str) -> dict[str, Any]:
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise SystemExit(f"seeds.py: cannot read {path}: {exc}") from None


def _row(cells: list[str], markdown: bool) -> str:
    return ("| " + " | ".join(cells) + " |") if markdown else "  ".join(f"{c:28}" for c in cells)


def _header(cells: list[str], markdown: bool) -> list[str]:
    out = [_row(cells, markdown)]
    if markdown:
        out.append("|" + "---|" * len(cells))
    return out


def findings_table(reports: list[dict[str, Any]], markdown: bool) -> list[str]:
    causes: dict[str, list[str]] = {}
    for k, r in enumerate(reports):
        for f in r.get("findings") or []:
            causes.setdefault(f["cause"], ["-"] * len(reports))[k] = f"{f['id']} {f['klass']}"
    lines = _header(["cause"] + [f"seed {r.get('seed')}" for r in reports] + ["agree"], markdown)
    for cause, cells in causes.items():
        same = len({c.split(" ", 1)[-1] for c in cells}) == 1
        lines.append(_row([cause] + cells + ["yes" if same else "NO"], markdown))
    return lines


def certification_table(reports: list[dict[str, Any]], markdown: bool) -> list[str]:
    reasons: dict[tuple[str, str], list[int]] = {}
    totals = []
    for k, r in enumerate(reports):
        confirmed = certified = 0
        for s in r["statements"]:
            c = s.get("certification") or {}
            confirmed += c.get("confirmed", 0)
            certified += c.get("certified", 0)
            for why, n in (c.get("uncertified_reasons") or {}).items():
                reasons.setdefault((why[:90], s["id"]), [0] * len(reports))[k] += n
        totals.append(f"{certified} of {confirmed}")
    lines = _header(["uncertified: reason", "where"] + [f"seed {r.get('seed')}" for r in reports], markdown)
    for (why, sid), counts in sorted(reasons.items()):
        lines.append(_row([why, sid] + [str(n) for n in counts], markdown))
    lines.append(_row(["certified in all", ""] + totals, markdown))
    return lines


def power_table(reports: list[dict[str, Any]], markdown: bool) -> list[str]:
    lines = _header(["statement"] + [f"seed {r.get('seed')}" for r in reports] + ["best known"], markdown)
    for sid, best in FOLLOWED.items():
        cells = []
        for r in reports:
            s = next((x for x in r["statements"] if x["id"] == sid), None)
            w = None if s is None else s.get("worst_ratio")
            cells.append("-" if s is None else f"{w:.4g} ({s['verdict']})" if w is not None else s["verdict"])
        lines.append(_row([sid] + cells + [best], markdown))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    reports = [_load(p) for p in args.reports]
    for title, table in (("findings by root cause", findings_table), ("certification", certification_table),
                         ("search power", power_table)):
        print(f"\n## {title}\n")
        print("\n".join(table(reports, args.markdown)))
    print("\n## runs\n")
    for path, r in zip(args.reports, reports):
        meta = r.get("meta") or {}
        db = meta.get("database") or {}
        print(f"- {path}: seed {r.get('seed')}, {meta.get('wall_seconds')} s wall, budget {r.get('budget_s')} s, "
              f"{len(r['statements'])} statements, {len(r.get('findings') or [])} findings"
              + (f", database {db.get('path')}: {db.get('replayed')} replayed, {db.get('stored')} stored" if db else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
