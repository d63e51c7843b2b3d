"""The proof graph, laid out by Graphviz's ``dot`` (a layered-graph engine) and inlined as SVG.

Two layouts of the same graph: the statements alone (grouped by the document's section), and the
statements with the printed steps of their proofs (each statement a box holding its steps). An
edge runs from a statement to the step (or, without a chain, the statement) that invokes it.
A proof gap is drawn as a double red border on the statement and its failing step. Without ``dot``
on the machine the page says so and falls back to the statement graph laid out by hand.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

from markupsafe import Markup

from proofcheck.report.svg import VERDICT_COLOURS

DOT_TIMEOUT = 60
FAILING = ("violated", "disproved")
STEP_COLOURS = {**VERDICT_COLOURS, "disproved": VERDICT_COLOURS["violated"], "undecided": VERDICT_COLOURS["inconclusive"]}


def section(ref: str, sections: str) -> str:
    """The part of the document a statement sits in: the first match in its reference of the pattern its
    pack declares (``sections``, as the report's meta carries it); "other" without one."""
    m = re.search(sections, ref or "") if sections else None
    return m.group(0) if m is not None else "other"


def relies_on(s: dict[str, Any]) -> list[str]:
    """The statements a statement's proof invokes: through its checked steps where it has a chain."""
    proof = s.get("proof")
    if isinstance(proof, dict) and proof.get("steps"):
        return sorted({u for step in proof["steps"] for u in step.get("uses") or []})
    return list(s.get("uses") or [])


def _q(text: str) -> str:
    """A DOT string: quotes escaped, line breaks as DOT's \\n (backslashes otherwise kept out)."""
    return '"' + str(text).replace("\\", "/").replace('"', "'").replace("\n", "\\n") + '"'


def _node_id(sid: str) -> str:
    return _q(sid)


def _statement_attrs(s: dict[str, Any], anchor: str) -> str:
    proof = s.get("proof") or {}
    colour = VERDICT_COLOURS.get(s["verdict"], "#9e9e9e")
    gap = isinstance(proof, dict) and proof.get("gap")
    label = f"{s['id']}\n{s['verdict']}" + (" - PROOF GAP" if gap else "")
    style = 'style="filled,bold", peripheries=2, color="#c62828"' if gap else 'style=filled, color="#555555"'
    return (f'label={_q(label)}, fillcolor="{colour}", fontcolor="white", {style}, shape=box, '
            f'href="#s-{anchor}", tooltip={_q(s.get("statement", ""))}')


def _step_attrs(step: dict[str, Any], failing_first: bool) -> str:
    colour = STEP_COLOURS.get(step["verdict"], "#9e9e9e")
    ratio = step.get("worst_ratio")
    tail = f" {ratio:.3g}" if isinstance(ratio, (int, float)) else ""
    label = f"{step['label']}: {step['verdict']}{tail}"
    border = 'peripheries=2, color="#c62828", penwidth=2' if failing_first else 'color="#777777"'
    return (f'label={_q(label)}, shape=box, style="rounded,filled", fillcolor="{colour}", fontcolor="white", '
            f'fontsize=9, {border}, tooltip={_q(step["text"])}')


def dot_source(statements: list[dict[str, Any]], anchors: dict[str, str], with_steps: bool, sections: str = "") -> str:
    """The graph in the DOT language: clusters per section, and (``with_steps``) per statement with its steps."""
    lines = ["digraph proof {", '  rankdir=LR; newrank=true; compound=true; fontname="sans-serif";',
             '  node [fontname="sans-serif", fontsize=10]; edge [color="#888888", arrowsize=0.6];']
    known = {s["id"] for s in statements}
    groups: dict[str, list[dict[str, Any]]] = {}
    refs = {s["id"]: s.get("ref", "") for s in statements}
    for s in statements:
        # a form of a statement (":as-used", ":repaired") sits in its statement's section
        name = section(s.get("ref", ""), sections)
        if name == "other":
            name = section(refs.get(s["id"].split(":")[0], ""), sections)
        groups.setdefault(name, []).append(s)
    edges: list[str] = []
    for g, (name, members) in enumerate(groups.items()):
        lines.append(f"  subgraph cluster_s{g} {{ label={_q(name)}; style=rounded; color=\"#bbbbbb\";")
        for i, s in enumerate(members):
            proof = s.get("proof") if isinstance(s.get("proof"), dict) else None
            steps = (proof or {}).get("steps", []) if with_steps else []
            if steps:
                lines.append(f"    subgraph cluster_{g}_{i} {{ label=\"\"; style=dashed; color=\"#cccccc\";")
            lines.append(f"    {_node_id(s['id'])} [{_statement_attrs(s, anchors.get(s['id'], ''))}];")
            for step in steps:
                first = proof is not None and step["id"] == proof.get("first_failing")
                lines.append(f"    {_node_id(step['id'])} [{_step_attrs(step, first)}];")
                edges.append(f"  {_node_id(step['id'])} -> {_node_id(s['id'])} [style=dotted, arrowhead=none];")
                for u in step.get("uses") or []:
                    edges.append(f"  {_node_id(u)} -> {_node_id(step['id'])};")
            if steps:
                lines.append("    }")
            else:
                for u in s.get("uses") or []:
                    edges.append(f"  {_node_id(u)} -> {_node_id(s['id'])};")
        lines.append("  }")
    for s in statements:
        for u in s.get("uses") or []:
            if u not in known:
                known.add(u)
                lines.append(f"  {_node_id(u)} [label={_q(u + chr(10) + 'unchecked')}, shape=box, style=dashed];")
    return "\n".join(lines + edges + ["}"]) + "\n"


def available() -> bool:
    return shutil.which("dot") is not None


def render_svg(source: str) -> Markup:
    """``dot -Tsvg`` of the source, its XML prologue dropped so it inlines in the page."""
    done = subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True, text=True, timeout=DOT_TIMEOUT,
                          check=True)
    svg = done.stdout[done.stdout.find("<svg"):]
    # the page fetches nothing and names no other address: SVG 2's plain href replaces xlink's
    svg = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "").replace("xlink:href=", "href=")
    svg = svg.replace("xlink:title=", "title=")
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    return Markup(svg)


def layouts(statements: list[dict[str, Any]], anchors: dict[str, str], sections: str = "") -> dict[str, Markup] | None:
    """{'statements': svg, 'steps': svg} laid out by dot, grouped by ``sections`` (the pack's pattern); None
    when dot is not installed or fails."""
    if not available():
        return None
    try:
        return {"statements": render_svg(dot_source(statements, anchors, False, sections)),
                "steps": render_svg(dot_source(statements, anchors, True, sections))}
    except (OSError, subprocess.SubprocessError):
        return None
