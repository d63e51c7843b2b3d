"""The erratum: a report's findings as a reviewer writes them, in Markdown (and as data for the HTML
page's section). It renders the report's ``findings`` (``proofcheck.app.findings``: root causes,
classes, consequences, computed in the app layer) and computes nothing.

First a table: finding, class, where it starts, what it affects, does the main result survive. Then
one short section per finding, most severe first: the printed line, the corrected line, the
hand-checkable witness, what follows from it, the repair and its verdict. Typos last, in a list of
their own, each with its reading.
"""
from __future__ import annotations

import json
import math
from typing import Any

CLASS_WORDS = {"constant-slip": "constant slip", "missing-factor": "missing factor", "unbounded": "unbounded",
               "missing-hypothesis": "missing hypothesis", "uniformity": "failed uniformity claim", "typo": "typo",
               "unclassified": "unclassified"}
LARGE = 1e6  # a ratio past this is reported as unbounded along its family, not as a number


def words(witness: dict[str, Any] | None) -> str:
    """A witness in words: its dimensions, then each parameter."""
    if not witness:
        return "none"
    dims = ", ".join(f"{k} = {v}" for k, v in (witness.get("dims") or {}).items())
    parts = [f"{name} = {json.dumps(v).replace(chr(34), '')}" for name, v in (witness.get("values") or {}).items()]
    return (f"{dims}; " if dims else "") + "; ".join(parts)


def ratio_words(x: Any) -> str:
    if not isinstance(x, (int, float)) or not math.isfinite(x):
        return "-"
    return f"above {LARGE:.0e} (unbounded along its family)" if x > LARGE else f"{x:.6g}"


def class_line(f: dict[str, Any]) -> str:
    klass = f["klass"]
    if klass == "missing-factor":
        lo, hi = f.get("interval") or (None, None)
        spread = (f"limit of local slopes, {lo:.3g} .. {hi:.3g}" if lo is not None and hi is not None
                  else "no interval: see the evidence")
        return f"missing factor: grows like s^{f['exponent']:.3g} in s = {f['parameter']} ({spread})"
    if klass == "constant-slip":
        low, high = f.get("constant_interval") or (None, None)
        known = (f", and the repair's {high:.6g} suffices" if high is not None else ", no upper end known")
        if f.get("constant") is None:  # a printed value (an identity's constant) that is wrong, not too small
            return "constant slip: the printed constant is wrong" + (
                f"; the corrected one ({f['repair']}) {f['repair_verdict']}" if f.get("repair") and f.get("repair_verdict")
                else "")
        return f"constant slip: the evidence demands a constant of at least {f.get('constant')}{known}"
    if klass == "unbounded":
        return f"unbounded along {f.get('parameter')}"
    if klass == "missing-hypothesis":
        return f"missing hypothesis: {f.get('hypothesis')} (it fails where {f.get('hypothesis', '').replace(' = ', ' != ')})"
    return CLASS_WORDS.get(klass, klass)


def survives(f: dict[str, Any]) -> str:
    return {True: "yes", False: "no", None: "-"}[f.get("main_survives")]


def table(found: list[dict[str, Any]]) -> list[str]:
    lines = ["| finding | class | where it starts | what it affects | main result survives |", "|---|---|---|---|---|"]
    for f in found:
        affected = ", ".join(m for m in f["members"] if m != f["cause"]) or "-"
        if f.get("dependents"):
            affected += "; relied on by " + ", ".join(f["dependents"])
        lines.append(f"| {f['id']} | {CLASS_WORDS.get(f['klass'], f['klass'])} | `{f['cause']}` | {affected} | {survives(f)} |")
    return lines


def section(f: dict[str, Any]) -> list[str]:
    lines = [f"## {f['id']}: {f['cause']} ({CLASS_WORDS.get(f['klass'], f['klass'])})", ""]
    lines.append(f"- **As printed** ({f['place']}): {f['text']}")
    if f.get("repair"):
        lines.append(f"- **Corrected** (`{f['repair']}`, {f.get('repair_verdict') or 'not audited'}"
                     + (f", worst LHS/RHS {ratio_words(f.get('repair_ratio'))}" if f.get("repair_ratio") is not None else "")
                     + f"): {f.get('repair_statement')}")
    lines.append(f"- **Class**: {class_line(f)}. Evidence: {f['evidence'] or 'none recorded'}.")
    if f.get("agreement"):
        lines.append(f"- **How its members fail**: {f['agreement']}.")
    if f.get("witness"):
        lines.append(f"- **Witness** ({'certified' if f.get('witness_certified') else 'not certified'}, LHS/RHS "
                     f"{ratio_words(f.get('witness_ratio'))}): {words(f['witness'])}.")
        exact = f.get("witness_closed_form")
        if exact:
            lines.append(f"  In closed form (sympy, agreeing with mpmath to {exact['digits']} digits): LHS = "
                         f"`{exact['lhs']}`, RHS = `{exact['rhs']}`, LHS/RHS = `{exact['ratio']}`.")
    lines.append(f"- **Fails with it**: {', '.join(f['members'])}.")
    lines.append(f"- **Consequence**: {f['consequence']}.")
    return lines + [""]


def markdown(report: dict[str, Any]) -> str:
    """The erratum as Markdown (tables, lists and headings that render on a code-hosting site)."""
    meta = report.get("meta") or {}
    found = report.get("findings") or []
    budget = (f"case budget {report.get('cases_budget')}" if report.get("cases_budget")
              else f"time budget {report.get('budget_s')} s")
    lines = [f"# Erratum: {meta.get('title') or report.get('title') or 'the audited document'}", "",
             f"Computed by proofcheck {report.get('version', '?')} (seed {report.get('seed')}, {report.get('dps')} digits, "
             f"{budget}; report of {meta.get('created', '?')}). Every number comes from that run"
             + (f", except the diagnoses of {', '.join(meta['diagnosed_by_errata'])}, which `proofcheck errata` computed "
                "from the report's witnesses." if meta.get("diagnosed_by_errata") else ".")
             + " Every violation below is certified by Arb enclosures unless it says otherwise.", ""]
    if not found:
        return "\n".join(lines + ["Nothing failed in this report.", ""])
    lines += table(found) + [""]
    for f in (f for f in found if f["klass"] != "typo"):
        lines += section(f)
    typos = [f for f in found if f["klass"] == "typo"]
    if typos:
        lines += ["## Typos", ""]
        for f in typos:
            lines.append(f"- `{f['cause']}` ({f['place']}): printed \"{f['text']}\"; read as \"{f['reading']}\" "
                         f"({f.get('reading_verdict')}). {f['evidence']}.")
        lines.append("")
    lines += ["## Summary", "", summary(report)]
    return "\n".join(lines) + "\n"


def summary(report: dict[str, Any]) -> str:
    """One paragraph: how many findings of which class, and whether the main result survives them."""
    found = report.get("findings") or []
    if not found:
        return "Nothing failed in this report."
    counts: dict[str, int] = {}
    for f in found:
        counts[f["klass"]] = counts.get(f["klass"], 0) + 1
    parts = [f"{len(found)} finding(s) by root cause ("
             + ", ".join(f"{n} {CLASS_WORDS.get(k, k)}" for k, n in counts.items()) + "), covering "
             f"{sum(len(f['members']) for f in found)} failing statements and steps."]
    broken = [f["id"] for f in found if f.get("main_survives") is False]
    if all(f.get("main_survives") is None for f in found):
        parts.append("The document declares no main result to survive them.")
    else:
        parts.append(f"The main result does not survive {', '.join(broken)}." if broken else
                     "The main result survives every finding (see each one's consequence).")
    return " ".join(parts)
