"""The trained statements on models where the ball matters (issue 21, item 5): each statement and
repair searched over ``training.on_the_ball`` (cubic models h = J w + Q[w, w]/2 + ||w||^2 G w / 6,
Lip(Dh) and Lip(h) measured on the ball, the printed horizon), with a case budget; prints per
statement its verdict, worst ratio and how many confirmed cases Arb certified (and why not), then the
ball family alone: its worst float64 ratio over its own draws, that case certified.

``--model near-affine``: the same over ``training.near_affine_on_the_ball`` (h = J w + Q[w, w]/2 +
(||w||^2/s^2)^k N w, nearly affine on the ball) and its family. ``proposition-1.1:constant-only`` is
a planted variant, not a statement of the pack: Proposition 1.1 with only the constant repaired (the
repair's 2 over the printed horizon, theta in (0, 1]).

    python benchmarks/ball.py [--model cubic|near-affine] [--cases N] [--seed S] [--json PATH] [ID ...]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dataclasses  # noqa: E402

import numpy as np  # noqa: E402

from proofcheck.core.cases import to_witness  # noqa: E402
from proofcheck.core.proof import step_id, step_statement  # noqa: E402
from proofcheck.core.registry import resolve  # noqa: E402
from proofcheck.core.statement import Change  # noqa: E402
from proofcheck.search.certify import certify  # noqa: E402
from proofcheck.search.engine import search, stream  # noqa: E402
from proofcheck.search.evaluate import sides_f64  # noqa: E402
from proofcheck_packs.ntk_tight_2023.models.families import ball_cubic, near_affine  # noqa: E402
from proofcheck_packs.ntk_tight_2023.models.training import ball_radius, near_affine_on_the_ball, on_the_ball  # noqa: E402
from proofcheck_packs.ntk_tight_2023.statements import proposition_1_1  # noqa: E402
from proofcheck.core.cases import f64_namespace  # noqa: E402
from proofcheck.numerics.contexts import F64  # noqa: E402

SHAPES = ((1, 1), (1, 2), (2, 2), (2, 3), (3, 4))  # (n, p) of the family's own draws
MODELS = {"cubic": (on_the_ball, ball_cubic), "near-affine": (near_affine_on_the_ball, near_affine)}
# planted variants (not the pack's statements): Proposition 1.1 with only its constant repaired
VARIANTS = {"proposition-1.1:constant-only":
            lambda: dataclasses.replace(resolve("proposition-1.1:repaired"), space=proposition_1_1.SPACE,
                                        repair_changes=(Change.CONSTANT,))}


def statement_of(sid: str):
    return VARIANTS[sid]() if sid in VARIANTS else resolve(sid)


def reach(statement, dims: dict, values: dict) -> np.ndarray:
    """max_k ||w(t_k) - w0|| / rho over the flow the left side integrated (rho the case's ball_radius),
    read from the case's cache: above 1 where w(t) leaves the ball its constants are measured on."""
    ns = f64_namespace(statement.space, dims, values)
    with np.errstate(all="ignore"):
        statement.lhs(F64, ns)
        rho = np.asarray(ball_radius(F64, ns), dtype=float).reshape(-1)
        out = np.full(rho.shape, np.nan)
        for key, traj in ns.__dict__.get("_cache", {}).items():
            if key[0] == "trajectory":
                w = traj.parts(traj.fine)["w"]
                out = np.fmax(out, np.linalg.norm(w, axis=-1).max(axis=1) / rho)
    return out


def family_worst(statement, seed: int, batch: int, family=ball_cubic) -> dict:
    """The ball family alone: ``batch`` cases of each shape screened in float64, the worst certified;
    and how far the flows reach out of the ball (``reach``)."""
    worst, found, skipped, reaches = -np.inf, None, 0, []
    for k, (n, p) in enumerate(SHAPES):
        dims = statement.space.with_derived({"n": n, "p": p, "one": 1})
        values = family(stream(seed, 9, k), statement.space, dims, batch)
        reaches.append(reach(statement, dims, values))
        left, right = sides_f64(statement, dims, values)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.asarray(left / right if statement.kind == "upper" else right / left, dtype=float)
        skipped += int(np.sum(~np.isfinite(ratio)))
        if np.any(np.isfinite(ratio)) and np.nanmax(np.where(np.isfinite(ratio), ratio, np.nan)) > worst:
            i = int(np.nanargmax(np.where(np.isfinite(ratio), ratio, np.nan)))
            worst, found = float(ratio[i]), to_witness(statement.space, dims, values, i)
    cert = certify(statement, found) if found is not None else None
    reached = np.concatenate(reaches)
    reached = reached[np.isfinite(reached)]
    return {"worst": worst, "witness": found, "skipped": skipped, "cases": batch * len(SHAPES),
            "reach_max": float(reached.max()) if reached.size else None,
            "left_ball": float(np.mean(reached > 1)) if reached.size else None,
            "certificate": None if cert is None else {"status": cert.status.value, "detail": cert.detail,
                                                      "ratio_upper": cert.ratio_upper}}

TRAINED = ("proposition-1.1", "proposition-1.1:repaired", "theorem-1.2", "inequality-7", "inequality-7:repaired",
           "proposition-3.1", "first-attempt-3.1", "theorem-3.2", "lemma-a.1", "lemma-a.2", "lemma-a.3",
           "lemma-a.4", "lemma-a.4:repaired", "lemma-a.5")


def _own_line(own: dict) -> str:
    oc = own["certificate"] or {}
    out = "" if own["reach_max"] is None else (f"; max ||w(t) - w0||/rho {own['reach_max']:.3g}, "
                                                 f"{100 * own['left_ball']:.0f}% of flows leave the ball")
    return (f"ball family alone: worst {own['worst']:.4g} of {own['cases']} ({own['skipped']} not evaluated), "
            f"certificate {oc.get('status')} (ratio <= {oc.get('ratio_upper')}; {oc.get('detail')}){out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", default=list(TRAINED) + list(VARIANTS))
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=48, help="ball-family cases per shape, screened then the worst certified")
    parser.add_argument("--steps", action="store_true", help="also each numeric proof step, over the ball family alone")
    parser.add_argument("--no-search", action="store_true", help="the ball family alone, without the search")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--model", choices=sorted(MODELS), default="cubic", help="the model class and its family")
    args = parser.parse_args(argv)
    variant, family = MODELS[args.model]
    rows = []
    print(f"{'statement':28s} {'verdict':12s} {'worst':>10s}  certification of the confirmed cases")
    for sid in args.ids:
        statement = variant(statement_of(sid))
        start = time.monotonic()
        own = family_worst(statement, args.seed, args.batch, family)
        row = {"id": sid, "ball_family": own, "changes": [c.name for c in statement.repair_changes],
               "needs": [[c.name, why] for c, why in statement.repair_needs]}
        if not args.no_search:
            result = search(statement, seed=args.seed, cases=args.cases)
            verdict = str(getattr(result.verdict, "value", result.verdict))
            row.update(verdict=verdict, worst_ratio=result.worst_ratio, certification=result.certification,
                       reason=result.reason, witness=result.witness)
            cert = result.certification
            reasons = "; ".join(f"{k}: {v}" for k, v in (cert.get("reasons") or {}).items())
            worst = f"{result.worst_ratio:.4g}" if result.worst_ratio is not None else "-"
            summary = ", ".join(f"{k} {v}" for k, v in cert.items() if k != "reasons" and v)
            print(f"{sid:28s} {verdict:12s} {worst:>10s}  {summary} {reasons}", flush=True)
        else:
            print(f"{sid:28s}", flush=True)
        print(f"{'':28s} {_own_line(own)}", flush=True)
        if row["changes"]:
            print(f"{'':28s} repair changes {', '.join(row['changes'])}; its proof needs besides: "
                  f"{'; '.join(f'{c}: {why}' for c, why in row['needs']) or 'nothing'}", flush=True)
        if args.steps:
            row["steps"] = {}
            for k, step in enumerate(statement.proof, 1):
                if not step.numeric:
                    continue
                mine = family_worst(step_statement(statement, k), args.seed, args.batch, family)
                row["steps"][step_id(sid, k)] = mine
                print(f"  {step_id(sid, k):26s} {_own_line(mine)}", flush=True)
        row["seconds"] = round(time.monotonic() - start, 1)
        rows.append(row)
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
