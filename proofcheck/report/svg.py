"""Inline SVG plots for the HTML report: a histogram, a convergence curve and the proof graph.

Every text that comes from a report is escaped here; the result is marked safe for the template.
"""
from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup, escape

VERDICT_COLOURS = {"violated": "#c62828", "error": "#6a1b9a", "inconclusive": "#ef6c00", "holds": "#2e7d32",
                   "proved": "#1565c0", "unchecked": "#9e9e9e"}


def _frame(width: int, height: int, body: list[str], label: str) -> Markup:
    return Markup(f'<svg class="plot" role="img" aria-label="{escape(label)}" viewBox="0 0 {width} {height}" '
                  f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">' + "".join(body) + "</svg>")


def _axes(x0: int, y0: int, x1: int, y1: int, xlabel: str, ylabel: str) -> list[str]:
    return [f'<line x1="{x0}" y1="{y1}" x2="{x1}" y2="{y1}" stroke="#333"/>',
            f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="#333"/>',
            f'<text x="{(x0 + x1) / 2}" y="{y1 + 30}" text-anchor="middle" font-size="11">{escape(xlabel)}</text>',
            f'<text x="12" y="{(y0 + y1) / 2}" text-anchor="middle" font-size="11" '
            f'transform="rotate(-90 12 {(y0 + y1) / 2})">{escape(ylabel)}</text>']


def histogram(hist: dict[str, Any] | None) -> Markup:
    """Bars of the screened ratios over [0, 2] in steps of 0.05 (the last bar collects >= 2)."""
    edges, counts = (hist or {}).get("edges") or [], (hist or {}).get("counts") or []
    if not counts or not any(counts):
        return Markup('<p class="none">No screened ratios recorded.</p>')
    w, h, x0, y0, x1, y1 = 420, 190, 40, 10, 410, 150
    top = max(counts)
    bw = (x1 - x0) / len(counts)
    body = _axes(x0, y0, x1, y1, "LHS/RHS of screened cases (1 = the bound)", "cases (sqrt scale)")
    for i, c in enumerate(counts):
        bh = (y1 - y0) * math.sqrt(c / top) if top else 0
        tip = f"[{edges[i] if i < len(edges) else '?'}, +0.05): {c} cases"
        colour = "#c62828" if i < len(edges) and edges[i] >= 1 else "#607d8b"
        body.append(f'<rect x="{x0 + i * bw:.1f}" y="{y1 - bh:.1f}" width="{max(bw - 1, 1):.1f}" height="{bh:.1f}" '
                    f'fill="{colour}"><title>{escape(tip)}</title></rect>')
    for v in (0, 0.5, 1, 1.5, 2):
        x = x0 + (x1 - x0) * v / 2
        body.append(f'<text x="{x:.1f}" y="{y1 + 13}" text-anchor="middle" font-size="10">{v}</text>')
    one = x0 + (x1 - x0) / 2
    body.append(f'<line x1="{one}" y1="{y0}" x2="{one}" y2="{y1}" stroke="#c62828" stroke-dasharray="4 3"/>')
    body.append(f'<text x="{x0 + 4}" y="{y0 + 10}" font-size="10">max {top} cases</text>')
    return _frame(w, h, body, "histogram of screened ratios")


def convergence(history: list[list[float]] | None) -> Markup:
    """The best ratio found against search time (a step curve)."""
    pts = [(float(t), float(r)) for t, _, r in (history or []) if math.isfinite(float(r))]
    if not pts:
        return Markup('<p class="none">No convergence history recorded.</p>')
    w, h, x0, y0, x1, y1 = 420, 190, 50, 10, 410, 150
    tmax = max(max(t for t, _ in pts), 1e-3)
    lo, hi = min(r for _, r in pts), max(r for _, r in pts)
    if hi - lo < 1e-12:
        lo, hi = lo - 0.5 * abs(lo or 1) * 1e-3, hi + 0.5 * abs(hi or 1) * 1e-3
    sx = lambda t: x0 + (x1 - x0) * t / tmax
    sy = lambda r: y1 - (y1 - y0) * (r - lo) / (hi - lo)
    path, prev = [], None
    for t, r in pts:
        if prev is not None:
            path.append(f"L{sx(t):.1f},{sy(prev):.1f}")
        path.append(f"{'M' if prev is None else 'L'}{sx(t):.1f},{sy(r):.1f}")
        prev = r
    path.append(f"L{x1:.1f},{sy(prev):.1f}")
    body = _axes(x0, y0, x1, y1, "search time (s)", "best LHS/RHS")
    body.append(f'<path d="{" ".join(path)}" fill="none" stroke="#1565c0" stroke-width="2"/>')
    body += [f'<text x="{x0 - 4}" y="{y1}" text-anchor="end" font-size="10">{lo:.6g}</text>',
             f'<text x="{x0 - 4}" y="{y0 + 8}" text-anchor="end" font-size="10">{hi:.6g}</text>',
             f'<text x="{x1}" y="{y1 + 13}" text-anchor="end" font-size="10">{tmax:.3g} s</text>',
             f'<text x="{x0}" y="{y1 + 13}" font-size="10">0</text>']
    return _frame(w, h, body, "best ratio against search time")


def proof_graph(nodes: list[dict[str, Any]]) -> Markup:
    """The statements as nodes in columns by proof depth (what a proof uses lies to its left),
    coloured and labelled by verdict, with a line saying whether all they rely on holds."""
    by_id = {n["id"]: n for n in nodes}
    depth: dict[str, int] = {}

    def d(i: str, seen: frozenset = frozenset()) -> int:
        if i not in depth:
            uses = [u for u in by_id.get(i, {}).get("uses", []) if u in by_id and u not in seen]
            depth[i] = 1 + max((d(u, seen | {i}) for u in uses), default=-1)
        return depth[i]

    for n in nodes:
        d(n["id"])
    columns: dict[int, list[str]] = {}
    for n in nodes:
        columns.setdefault(depth[n["id"]], []).append(n["id"])
    bw, bh, gx, gy = 170, 46, 60, 18
    rows = max(len(c) for c in columns.values())
    w, h = len(columns) * (bw + gx) + 20, rows * (bh + gy) + 20
    pos = {i: (10 + c * (bw + gx), 10 + r * (bh + gy)) for c, ids in columns.items() for r, i in enumerate(ids)}
    body = ['<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
            'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>']
    for n in nodes:
        for u in n.get("uses", []):
            if u in pos:
                (ax, ay), (bx, by) = pos[u], pos[n["id"]]
                body.append(f'<line x1="{ax + bw}" y1="{ay + bh / 2}" x2="{bx}" y2="{by + bh / 2}" stroke="#555" '
                            f'marker-end="url(#arrow)"/>')
    for n in nodes:
        x, y = pos[n["id"]]
        colour = VERDICT_COLOURS.get(n["verdict"], "#9e9e9e")
        support = {"broken": "relies on a violated statement", "sound": "all it relies on holds",
                   "unknown": "relies on an undecided statement", "leaf": "relies on no other statement"}[n["support"]]
        dash = ' stroke-dasharray="5 3"' if n["support"] == "broken" else ""
        body.append(f'<a href="#s-{escape(n["anchor"])}"><g class="node" data-id="{escape(n["id"])}">'
                    f'<rect x="{x}" y="{y}" width="{bw}" height="{bh}" rx="6" fill="#fff" stroke="{colour}" '
                    f'stroke-width="{4 if n["support"] == "broken" else 2}"{dash}/>'
                    f'<rect x="{x}" y="{y}" width="8" height="{bh}" fill="{colour}"/>'
                    f'<text x="{x + 14}" y="{y + 16}" font-size="12" font-weight="bold">{escape(n["id"])}</text>'
                    f'<text x="{x + 14}" y="{y + 30}" font-size="11">{escape(n["verdict"].upper())}</text>'
                    f'<text x="{x + 14}" y="{y + 42}" font-size="9">{"⚠ " if n["support"] == "broken" else ""}'
                    f'{escape(support)}</text></g></a>')
    return _frame(w, h, body, "proof structure: each statement and the statements its proof uses")
