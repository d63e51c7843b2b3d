"""The HTML slack report: one self-contained page (inline CSS, script and SVG; nothing fetched),
rendered by jinja2 with autoescaping, from any report ``audit`` or ``fuzz`` wrote."""
from __future__ import annotations

import base64
import json
import re
from importlib import resources
from typing import Any

import jinja2

from proofcheck.report import errata, graph, svg
from proofcheck.report.graph import relies_on
from proofcheck.report.text import certified_share, order, proof_share
from proofcheck.report.proved import method_line

SOUND = ("holds", "proved")


def _anchor(sid: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", sid.lower()).strip("-") or "statement"


def support(statements: list[dict[str, Any]]) -> dict[str, str]:
    """For each statement, whether everything its proof relies on (transitively) holds:
    ``broken`` (something violated or in error), ``unknown`` (something undecided or not checked),
    ``sound``, or ``leaf`` (it uses nothing). Where a statement's proof chain was checked, what it
    relies on is what its steps invoke (``uses`` of each step), not the statement-level list."""
    by_id = {s["id"]: s for s in statements}
    return {s["id"]: v for s, v in zip(statements, _supports(by_id, statements))}


def _supports(by_id: dict[str, dict[str, Any]], statements: list[dict[str, Any]]) -> list[str]:
    def below(i: str, seen: set[str]) -> set[str]:
        out: set[str] = set()
        for u in relies_on(by_id.get(i, {})):
            if u not in seen:
                seen.add(u)
                out |= {u} | below(u, seen)
        return out

    result = []
    for s in statements:
        deps = below(s["id"], {s["id"]})
        verdicts = [by_id[d]["verdict"] if d in by_id else "unchecked" for d in deps]
        result.append("leaf" if not deps else "broken" if any(v in ("violated", "error") for v in verdicts)
                      else "sound" if all(v in SOUND for v in verdicts) else "unknown")
    return result


def _short(x: Any) -> str:
    try:
        return f"{float(x):.8g}"
    except (TypeError, ValueError):
        return str(x)


def _matrix_text(m: Any) -> str:
    if isinstance(m, list) and m and all(isinstance(r, list) for r in m):
        cells = [[_short(x) for x in row] for row in m]
        width = max((len(c) for row in cells for c in row), default=1)
        return "\n".join("[ " + "  ".join(c.rjust(width) for c in row) + " ]" for row in cells)
    if isinstance(m, list):
        return "[ " + ", ".join(_short(x) for x in m) + " ]"
    return _short(m)


def witness_blocks(witness: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The witness as (name, readable text) pairs; numbers shortened to 8 digits for reading (the
    exact decimals are in the JSON beside it)."""
    if not isinstance(witness, dict):
        return []
    out = [("dims", ", ".join(f"{k} = {v}" for k, v in (witness.get("dims") or {}).items()))]
    for name, v in (witness.get("values") or {}).items():
        if isinstance(v, list) and v and all(isinstance(x, list) and x and isinstance(x[0], list) for x in v):
            out += [(f"{name}[{j}]", _matrix_text(x)) for j, x in enumerate(v)]
        else:
            out.append((name, _matrix_text(v)))
    return out


def _ratio(s: dict[str, Any]) -> float | None:
    r = s.get("worst_ratio")
    return r if isinstance(r, (int, float)) else None


def _bnb_entries(s: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The statement's branch-and-bound result and its steps', in the report's words."""
    found = [(s["id"], s["branch_and_bound"])] if isinstance(s.get("branch_and_bound"), dict) else []
    return found + [(st["id"], st["branch_and_bound"]) for st in ((s.get("proof") or {}).get("steps") or [])
                    if isinstance(st.get("branch_and_bound"), dict)]


def context(report: dict[str, Any]) -> dict[str, Any]:
    statements = order(report["statements"])
    supports = support(statements)
    counts = {v: sum(s["verdict"] == v for s in statements) for v in ("proved", "holds", "violated", "inconclusive", "error")}
    rows = []
    for s in statements:
        r = _ratio(s)
        confirmations = s.get("confirmations") or []
        rows.append({
            **s, "anchor": _anchor(s["id"]), "ratio": r, "slack": (1 - r) if r is not None else None,
            "certified_share": certified_share(s), "proof_share": proof_share(s),
            "relies_on": relies_on(s),
            "proof_steps": [{**step, "witness_blocks": witness_blocks(step.get("witness"))}
                            for step in ((s.get("proof") or {}).get("steps") or [])],
            "support": supports[s["id"]], "witness_blocks": witness_blocks(s.get("witness")),
            "witness_json": json.dumps(s.get("witness"), indent=1) if s.get("witness") else "",
            "histogram_svg": svg.histogram(s.get("histogram")), "convergence_svg": svg.convergence(s.get("history")),
            "families": sorted((s.get("best_by_family") or {}).items(), key=lambda kv: -(kv[1] if kv[1] is not None else -1e300)),
            "worst_confirmation": confirmations[0] if confirmations else None,
            "bnb_lines": [method_line(sid, b) for sid, b in _bnb_entries(s)],
        })
    nodes = [{"id": s["id"], "verdict": s["verdict"], "uses": relies_on(s),
              "support": supports[s["id"]], "anchor": _anchor(s["id"])} for s in report["statements"]]
    known = {n["id"] for n in nodes}
    for s in report["statements"]:
        for u in s.get("uses") or []:
            if u not in known:
                known.add(u)
                nodes.append({"id": u, "verdict": "unchecked", "uses": [], "support": "leaf", "anchor": _anchor(u)})
    anchors = {s["id"]: _anchor(s["id"]) for s in report["statements"]}
    document = (report.get("meta") or {}).get("pack") or {}
    laid = graph.layouts(report["statements"], anchors, document.get("sections") or "")
    gaps = [s["id"] for s in report["statements"] if isinstance(s.get("proof"), dict) and s["proof"].get("gap")]
    items = [{**f, "class_line": errata.class_line(f), "witness_words": errata.words(f.get("witness")),
              "witness_ratio_words": errata.ratio_words(f.get("witness_ratio")), "survives_words": errata.survives(f)} for f in report.get("findings") or []]
    return {"report": report, "meta": report.get("meta") or {}, "rows": rows, "counts": counts,
            "paper": document.get("title") or (report.get("meta") or {}).get("title") or "",
            "errata": items, "errata_summary": errata.summary(report) if items else "",
            "graph": laid["statements"] if laid else svg.proof_graph(nodes), "step_graph": laid["steps"] if laid else None,
            "colours": svg.VERDICT_COLOURS, "gaps": gaps}


def study_sections(data: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The studies ``proofcheck study NAME`` wrote (its JSON: ``studies``, each with its title, summary lines
    and its SVG plot's text under ``plot_svg``), ready for the page, each plot inlined as a data URI (the
    page stays self-contained); [] when there are none. The reporter reads only what it is given."""
    out = []
    for study in (data or {}).get("studies") or []:
        if not isinstance(study, dict):
            continue
        svg_text = study.get("plot_svg") or ""
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg_text.encode("utf-8")).decode("ascii") if svg_text else ""
        out.append({"title": study.get("title", ""), "lines": list(study.get("lines") or []), "plot": uri,
                    "plot_path": study.get("plot", "")})
    return out


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda x, fmt="{:.6g}": "-" if x is None else fmt.format(x)
    return env


def render(report: dict[str, Any], studies: dict[str, Any] | None = None) -> str:
    """The page for a report (as ``json_report.read`` returns it), with the studies given as data."""
    template = _environment().from_string(
        resources.files("proofcheck.report").joinpath("slack.html.j2").read_text(encoding="utf-8"))
    return template.render(**context(report), studies=study_sections(studies))


_TABLE = jinja2.Template("""<table class="proofcheck">
<thead><tr><th>statement</th><th>reference</th><th>verdict</th><th>worst LHS/RHS</th><th>cases</th></tr></thead>
<tbody>
{% for s in rows %}<tr><td>{{ s.id }}</td><td>{{ s.ref }}</td><td>{{ s.verdict }}</td><td>{{ s.worst }}</td><td>{{ s.cases }}</td></tr>
{% endfor %}</tbody></table>""", autoescape=True)


def verdict_table(report: dict[str, Any]) -> str:
    """The verdict table alone (most dangerous first), as an HTML fragment: what a notebook shows."""
    rows = [{"id": s["id"], "ref": s.get("ref", ""), "verdict": s["verdict"], "cases": s.get("cases", ""),
             "worst": "-" if s.get("worst_ratio") is None else f"{s['worst_ratio']:.6g}"} for s in order(report["statements"])]
    return _TABLE.render(rows=rows)
