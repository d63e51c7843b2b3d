"""The plain-text summary: violations and least-slack statements first."""
from __future__ import annotations

from typing import Any

from proofcheck.report.proved import method_lines, proved_by_bnb

_DANGER = {"violated": 0, "error": 1, "inconclusive": 2, "holds": 3, "proved": 4}


def _ratio(s: dict[str, Any]) -> float:
    r = s.get("worst_ratio")
    return r if isinstance(r, (int, float)) else float("-inf")


def order(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most dangerous first: by verdict, then by worst ratio descending."""
    return sorted(statements, key=lambda s: (_DANGER.get(s["verdict"], 5), -_ratio(s)))


def _fmt_ratio(s: dict[str, Any]) -> str:
    r = s.get("worst_ratio")
    if r is None:
        return s.get("worst_ratio_text") or "-"
    return f"{r:.6g}"


def certified_share(s: dict[str, Any]) -> str:
    """'k/n': of the n confirmed cases, k certified by Arb (either way); '-' for an older report."""
    c = s.get("certification") or {}
    return f"{c['certified']}/{c['confirmed']}" if "confirmed" in c else "-"


def proof_share(s: dict[str, Any]) -> str:
    """'k/n': k of the n printed steps of its proof stand; '-' without a checked chain."""
    p = s.get("proof")
    return f"{p['holds']}/{p['total']}" if isinstance(p, dict) else "-"


def verdict_text(s: dict[str, Any]) -> str:
    """The verdict, annotated 'proof gap' when it stands while a step of its proof fails."""
    p = s.get("proof")
    method = " (b&b)" if proved_by_bnb(s) else ""
    return s["verdict"] + method + (" (proof gap)" if isinstance(p, dict) and p.get("gap") else "")


def table(report: dict[str, Any], dangerous_first: bool = False) -> str:
    """One line per statement: id, verdict, cases, worst LHS/RHS, certified share, proof steps, seconds."""
    rows = order(report["statements"]) if dangerous_first else report["statements"]
    w = max([22] + [len(s["id"]) for s in rows])
    head = (f"{'id':<{w}} {'verdict':<25} {'cases':>9} {'worst LHS/RHS':>15} {'slack':>9} {'certified':>9} "
            f"{'proof':>7} {'seconds':>8}")
    lines = [head, "-" * len(head)]
    for s in rows:
        r = s.get("worst_ratio")
        slack = f"{1 - r:.3g}" if isinstance(r, (int, float)) else "-"
        lines.append(f"{s['id']:<{w}} {verdict_text(s):<25} {s.get('cases', 0):>9} {_fmt_ratio(s):>15} {slack:>9} "
                     f"{certified_share(s):>9} {proof_share(s):>7} {s.get('seconds', 0):>8.1f}")
    proved = method_lines(report)
    if proved:
        lines += ["", "branch-and-bound over the reduced domain:"] + [f"  {x}" for x in proved]
    return "\n".join(lines)


def _values(witness: dict[str, Any] | None, limit: int = 6) -> str:
    """A witness's scalars and dims in words (matrices are in the JSON)."""
    if not witness:
        return "-"
    values = witness.get("values", {})
    parts = [f"{k} = {v}" for k, v in values.items() if isinstance(v, str)][:limit]
    dims = witness.get("dims", {})
    if dims:
        parts.append("dims " + ", ".join(f"{k}={v}" for k, v in dims.items()))
    return "; ".join(parts)


def diagnosis_line(d: dict[str, Any]) -> str:
    """A diagnosis in one line: its class with exponent or constant, the shrunk ratio, the repair."""
    klass = d.get("klass")
    if klass == "missing-factor":
        what = f"missing factor s^{d['exponent']:.3g} in s = {d['parameter']}"
    elif klass == "constant-slip":
        what = f"constant slip (the evidence demands {d.get('constant')})"
    elif klass == "unbounded":
        what = f"unbounded along {d.get('parameter')}"
    else:
        what = f"{klass}: {d.get('reason', '')}"
    if d.get("shrunk_ratio") is not None:
        what += f"; smallest witness LHS/RHS {d['shrunk_ratio']:.4g}" + (" (certified)" if d.get("shrunk_certified") else "")
    if (d.get("uniformity") or {}).get("grows"):
        u = d["uniformity"]
        what += f"; its constant grows like {u['parameter']}^{u['exponent']:.3g}"
    if d.get("repair"):
        what += f"; repaired: {d['repair']} {d.get('repair_verdict') or 'not audited'}"
    return what


def proofs(report: dict[str, Any]) -> list[str]:
    """Per statement with a chain: k of n steps stand, every proof gap, the first failing step with
    its printed text and witness, and (for a statement that fails) the step its witness breaks."""
    lines: list[str] = []
    for s in report["statements"]:
        p = s.get("proof")
        if not isinstance(p, dict):
            continue
        line = f"{s['id']}: proof {p['holds']} of {p['total']} steps stand"
        if p.get("gap"):
            line += "; PROOF GAP (the statement stands, a step of its proof fails)"
        lines.append(line)
        by_id = {step["id"]: step for step in p.get("steps", [])}
        for key, what in (("first_failing", "first failing step"), ("cause", "breaks first on the statement's witness")):
            step = by_id.get(p.get(key) or "")
            if step is None:
                continue
            ratio = step.get("worst_ratio_text") or "-"
            lines.append(f"  {what}: {step['id']} {step['label']} ({step['place']}): {step['text']}")
            lines.append(f"    {step['verdict']}, worst LHS/RHS {ratio}; witness: {_values(step.get('witness'))}")
        for step in p.get("steps", []):
            if step["verdict"] not in ("holds", "proved", "violated", "disproved"):
                lines.append(f"  {step['id']} {step['label']}: {step['verdict']} - {step.get('reason', '')}")
    return lines


def model_classes(report: dict[str, Any]) -> list[str]:
    """What each statement's cases were drawn from: one line per model class with its statements."""
    by_class: dict[str, list[str]] = {}
    for s in report["statements"]:
        if s.get("model_class"):
            by_class.setdefault(s["model_class"], []).append(s["id"])
    if not by_class:
        return []
    return ["", "checked on:"] + [f"  {m}: {', '.join(ids)}" for m, ids in by_class.items()]


def findings(report: dict[str, Any]) -> list[str]:
    """The report's findings, one line each (none: no lines)."""
    found = report.get("findings") or []
    if not found:
        return []
    survives = {True: "the main result survives", False: "THE MAIN RESULT DOES NOT SURVIVE", None: "-"}
    return ["", "findings (by root cause; `proofcheck errata` writes the erratum):"] + [
        f"  {f['id']} {f['klass']:<14} {f['cause']}  ({len(f['members'])} failing; {survives[f.get('main_survives')]})"
        for f in found]


def summary(report: dict[str, Any]) -> str:
    """The table plus counts by verdict and, for each violation, its witness ratio at both precisions."""
    counts: dict[str, int] = {}
    for s in report["statements"]:
        counts[s["verdict"]] = counts.get(s["verdict"], 0) + 1
    meta = report.get("meta", {})
    lines = [f"proofcheck {report.get('version', '?')}  seed {report.get('seed')}  {report.get('dps')} digits"
             + ("  (partial: interrupted)" if meta.get("partial") else ""),
             "  ".join(f"{v}: {counts[v]}" for v in _DANGER if v in counts), "", table(report, dangerous_first=True)]
    for s in order(report["statements"]):
        if s["verdict"] in ("violated", "error", "inconclusive"):
            lines.append(f"\n{s['id']}: {s['verdict']} - {s.get('reason', '')}")
            d = s.get("diagnosis")
            if isinstance(d, dict):
                lines.append(f"  diagnosis: {diagnosis_line(d)}")
            for c in (s.get("confirmations") or [])[:1]:
                lines.append(f"  worst case: ratio {c['ratio']} at {c['dps']} digits, {c['ratio_hi']} at {c['dps_hi']} digits")
                cert = c.get("certificate") or {}
                if cert.get("lhs"):
                    lines.append(f"  {cert['status']}: LHS in {cert['lhs']}, RHS in {cert['rhs']} ({cert['detail']})")
    lines += model_classes(report)
    chains = proofs(report)
    if chains:
        lines += ["", "proof chains:"] + chains
    lines += findings(report)
    totals = [s.get("certification") or {} for s in report["statements"]]
    if any("confirmed" in t for t in totals):
        confirmed = sum(t.get("confirmed", 0) for t in totals)
        certified = sum(t.get("certified", 0) for t in totals)
        reasons: dict[str, int] = {}
        for t in totals:
            for k, v in (t.get("uncertified_reasons") or {}).items():
                reasons[k] = reasons.get(k, 0) + v
        lines.append(f"\ncertified: {certified} of {confirmed} confirmed cases")
        lines += [f"  uncertified, {v}: {k}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines)
