"""The errata: the diagnoses of a report, as Markdown a reviewer can paste into a review or an
author into an erratum (and as data for the HTML page's section). Every number comes from the
report it is rendered from.

For each finding (a violated statement, a failing proof step, a uniformity claim that fails): the
statement as printed, the shrunk witness in words and in numbers, the certified ratio, the class
with its exponent or constant, the first failing step of its proof, the repaired statement and its
verdict, and what depends on it in the proof graph, down to whether the main theorem survives and
through which forms. It ends with a one-paragraph summary.
"""
from __future__ import annotations

import json
from typing import Any

from proofcheck.report.graph import relies_on

MAIN = "theorem-1.2"
CLASS_WORDS = {"constant-slip": "a constant slip", "missing-factor": "a missing factor", "unbounded": "unbounded",
               "uniformity": "a failed uniformity claim"}


def _by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in report["statements"]}


def dependents(report: dict[str, Any], target: str) -> list[str]:
    """The statements whose proofs rely on ``target``, directly or through others (step-level uses
    where a chain exists), in the report's order."""
    by_id = _by_id(report)
    users: dict[str, set[str]] = {}
    for s in report["statements"]:
        for u in relies_on(s):
            users.setdefault(u.split(":")[0] if u not in by_id else u, set()).add(s["id"])
    seen: list[str] = []
    frontier = [target]
    while frontier:
        nxt = []
        for x in frontier:
            for y in sorted(users.get(x, ())):
                if y not in seen and y != target:
                    seen.append(y)
                    nxt.append(y)
        frontier = nxt
    order = {s["id"]: i for i, s in enumerate(report["statements"])}
    return sorted(seen, key=lambda i: order.get(i, 10**6))


def path(report: dict[str, Any], start: str, target: str) -> list[str] | None:
    """A shortest chain of 'relies on' from ``start`` down to ``target`` (None when there is none)."""
    by_id = _by_id(report)
    previous: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier:
        nxt = []
        for x in frontier:
            for u in relies_on(by_id.get(x, {})):
                if u not in previous:
                    previous[u] = x
                    nxt.append(u)
        frontier = nxt
    if target not in previous:
        return None
    out, x = [], target
    while x is not None:
        out.append(x)
        x = previous[x]
    return list(reversed(out))


def _words(witness: dict[str, Any] | None) -> str:
    if not witness:
        return "none"
    dims = ", ".join(f"{k} = {v}" for k, v in (witness.get("dims") or {}).items())
    parts = []
    for name, v in (witness.get("values") or {}).items():
        parts.append(f"{name} = {json.dumps(v).replace(chr(34), '')}")
    return (f"dimensions {dims}; " if dims else "") + "; ".join(parts)


def _survival(report: dict[str, Any], target: str) -> str:
    """Whether the main theorem survives the failure of ``target``, and through which forms."""
    by_id = _by_id(report)
    main = by_id.get(MAIN)
    chain = path(report, MAIN, target) if main else None
    if main is None:
        return f"{MAIN} is not in this report."
    if chain is None:
        return f"{MAIN} (verdict: {main['verdict']}) does not rely on it."
    forms = []
    for x in chain[1:]:
        for suffix in (":as-used", ":repaired"):
            form = by_id.get(x + suffix)
            if form is not None:
                forms.append(f"{form['id']} ({form['verdict']})")
    through = " -> ".join(chain)
    if forms:
        return (f"{MAIN} (verdict: {main['verdict']}, checked directly); its proof reaches this statement through {through}, "
                f"and the forms that proof uses or the repairs are: {', '.join(forms)}.")
    return f"{MAIN} (verdict: {main['verdict']}, checked directly); its proof reaches this statement through {through}."


def findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per diagnosed failure (statement or proof step) and per failed uniformity claim."""
    by_id = _by_id(report)
    out = []
    for s in report["statements"]:
        targets = []
        if s.get("diagnosis"):
            targets.append((s, s["diagnosis"], None))
        proof = s.get("proof") or {}
        for step in proof.get("steps", []) if isinstance(proof, dict) else []:
            if step.get("diagnosis"):
                targets.append((step, step["diagnosis"], s))
        for item, d, parent in targets:
            repair = by_id.get(d.get("repair") or "")
            uniform = d.get("uniformity") or {}
            out.append({
                "id": item["id"], "kind": "proof step" if parent else "statement",
                "ref": (parent or item).get("ref", ""), "printed": item.get("text") or item.get("statement", ""),
                "place": item.get("place", ""), "verdict": item["verdict"], "worst_ratio": item.get("worst_ratio"),
                "worst_ratio_text": item.get("worst_ratio_text", ""),
                "class": d.get("klass"), "parameter": d.get("parameter"), "exponent": d.get("exponent"),
                "interval": d.get("interval"), "constant": d.get("constant"), "reason": d.get("reason", ""),
                "shrunk_witness": d.get("shrunk_witness"), "shrunk_words": _words(d.get("shrunk_witness")),
                "shrunk_ratio": d.get("shrunk_ratio"), "shrunk_certified": d.get("shrunk_certified"),
                "shrink_steps": d.get("shrink_steps") or [], "predicted": d.get("predicted") or [],
                "first_failing": (proof or {}).get("first_failing") if not parent else None,
                "cause": (proof or {}).get("cause") if not parent else None,
                "repair": d.get("repair"), "repair_verdict": repair["verdict"] if repair else d.get("repair_verdict"),
                "repair_statement": repair.get("statement", "") if repair else d.get("repair_statement", ""),
                "repair_ratio": repair.get("worst_ratio") if repair else d.get("repair_ratio"),
                "uniformity": uniform if uniform.get("grows") else None,
                "dependents": [] if parent else dependents(report, item["id"]),
                "survival": "" if parent else _survival(report, item["id"]),
            })
    return out


def _num(x: Any, fmt: str = "{:.6g}") -> str:
    return "-" if x is None else fmt.format(x)


def _class_line(f: dict[str, Any]) -> str:
    klass = f["class"]
    if klass == "missing-factor":
        lo, hi = (f["interval"] or [None, None])
        return (f"**{CLASS_WORDS[klass]}**: the ratio grows like s^{_num(f['exponent'], '{:.3g}')} in s = {f['parameter']} "
                f"(95% interval {_num(lo, '{:.3g}')} .. {_num(hi, '{:.3g}')})")
    if klass == "unclassified":
        return f"**unclassified**: {f.get('reason') or 'no violating case to follow'}"
    if klass == "unbounded":
        return f"**unbounded**: the ratio grows along {f['parameter']}, not as a power law"
    return f"**{CLASS_WORDS.get(klass, klass)}**: bounded along every scale followed; the evidence demands the constant {f['constant']}"


def markdown(report: dict[str, Any]) -> str:
    """The errata as Markdown (headings, lists and code blocks that render on a code-hosting site)."""
    items = findings(report)
    meta = report.get("meta") or {}
    lines = ["# Errata: Boix-Adsera & Littwin, *Tight conditions for when the NTK approximation is valid* (TMLR 2023)",
             "",
             f"Computed by proofcheck {report.get('version', '?')} (seed {report.get('seed')}, {report.get('dps')} digits, "
             f"{'case budget ' + str(report.get('cases_budget')) if report.get('cases_budget') else 'time budget ' + str(report.get('budget_s')) + ' s'}; "
             f"report of {meta.get('created', '?')}). Every number below comes from that run"
             + (f", except the diagnoses of {', '.join(meta['diagnosed_by_errata'])}, which the report lacked and "
                f"`proofcheck errata` computed from its witnesses." if meta.get("diagnosed_by_errata") else "."), ""]
    for f in items:
        lines += [f"## {f['id']} ({f['kind']}, {f['ref']})", ""]
        lines += [f"- **As printed**: {f['printed']}" + (f" ({f['place']})" if f['place'] else "")]
        ratio = f["worst_ratio_text"] or _num(f["worst_ratio"])
        certified = isinstance(f["worst_ratio"], (int, float)) and f["worst_ratio"] > 1
        lines += [f"- **Verdict**: {f['verdict']}; worst LHS/RHS {ratio}"
                  + (" (a violation certified by Arb enclosures)." if certified else
                     " (no case above 1: the verdict rests on a disproved symbolic step).")]
        shrunk = f["shrunk_ratio"]
        if f["shrunk_witness"]:
            lines += [f"- **Smallest witness** ({'certified' if f['shrunk_certified'] else 'not certified'}, LHS/RHS "
                      f"{_num(shrunk)}): {f['shrunk_words']}."]
        if f["shrink_steps"]:
            lines += [f"  Shrunk by: {'; '.join(f['shrink_steps'][:8])}" + (" ..." if len(f["shrink_steps"]) > 8 else "") + "."]
        lines += [f"- **Class**: {_class_line(f)}."]
        for p in f["predicted"]:
            factor = p.get("factor")
            lines += [f"  The symbolic scaling audit predicted it before any search: the term `{p['term']}` misses "
                      + (f"{factor['quantity']}^{factor['power']}" if factor else f"a factor (mismatch {', '.join(p['mismatch'])})")
                      + "."]
        if f["uniformity"]:
            u = f["uniformity"]
            lo, hi = u.get("interval") or [None, None]
            lines += [f"- **Uniformity**: with {u['fixed']} fixed, the left side grows like {u['parameter']}^"
                      f"{_num(u.get('exponent'), '{:.3g}')} (95% interval {_num(lo, '{:.3g}')} .. {_num(hi, '{:.3g}')}) "
                      f"over {u['parameter']} = {_num(u['values'][0], '{:g}')} .. {_num(u['values'][-1], '{:g}')}: {u.get('why', '')}"]
        if f["kind"] == "statement":
            step = f["cause"] or f["first_failing"]
            lines += [f"- **Where the proof breaks**: {step if step else 'no printed step fails on its witness'}."]
        if f["repair"]:
            lines += [f"- **Repaired** (`{f['repair']}`): {f['repair_statement']} Verdict: **{f['repair_verdict'] or 'not audited'}**"
                      + (f", worst LHS/RHS {_num(f['repair_ratio'])}." if f["repair_ratio"] is not None else ".")]
        if f["kind"] == "statement":
            deps = ", ".join(f["dependents"]) or "nothing"
            lines += [f"- **What depends on it**: {deps}.", f"- **The main theorem**: {f['survival']}"]
        if f["shrunk_witness"]:
            lines += ["", "```json", json.dumps(f["shrunk_witness"], separators=(",", ":")), "```"]
        lines += [""]
    lines += ["## Summary", "", summary(report, items)]
    return "\n".join(lines) + "\n"


def summary(report: dict[str, Any], items: list[dict[str, Any]] | None = None) -> str:
    """One paragraph: what failed, of what kind, what the repairs give, and the main theorem's state."""
    items = findings(report) if items is None else items
    statements = [f for f in items if f["kind"] == "statement"]
    steps = [f for f in items if f["kind"] == "proof step"]
    by_id = _by_id(report)
    gaps = [s["id"] for s in report["statements"] if isinstance(s.get("proof"), dict) and s["proof"].get("gap")]
    parts = []
    if statements:
        parts.append(f"{len(statements)} statement(s) fail as printed: " + "; ".join(
            f"{f['id']} ({CLASS_WORDS.get(f['class'], f['class'])}"
            + (f", s^{f['exponent']:.3g} in {f['parameter']}" if f["class"] == "missing-factor" else "")
            + (f", constant {f['constant']}" if f["class"] == "constant-slip" else "") + ")" for f in statements) + ".")
    repaired = [f for f in statements if f["repair"]]
    if repaired:
        parts.append("Their repaired forms, which change as little as the proofs allow: " + "; ".join(
            f"{f['repair']} {f['repair_verdict'] or 'not audited'}" for f in repaired) + ".")
    uniform = [f for f in statements if f["uniformity"]]
    if uniform:
        parts.append("A uniformity claim fails: " + "; ".join(
            f"{f['id']}'s constant grows in {f['uniformity']['parameter']}" for f in uniform) + ".")
    if steps:
        parts.append(f"{len(steps)} printed proof step(s) fail: {', '.join(f['id'] for f in steps)}.")
    if gaps:
        parts.append(f"Proof gaps (the statement stands, a step of its proof does not): {', '.join(gaps)}.")
    main = by_id.get(MAIN)
    if main is not None:
        parts.append(f"The main theorem, {MAIN}, has the verdict {main['verdict']} as checked directly"
                     + (f" (worst LHS/RHS {main['worst_ratio']:.3g})" if isinstance(main.get("worst_ratio"), (int, float)) else "")
                     + "; what its proof relies on is listed under each finding.")
    if not parts:
        return "Nothing failed in this report."
    return " ".join(parts)
