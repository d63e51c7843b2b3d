"""The branch-and-bound results of a report, in words: one line per statement or proof step that
declares a reduction (its outcome, boxes, depth, seconds, the re-check and the sharp ratio)."""
from __future__ import annotations

from typing import Any


def _entries(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for s in report.get("statements", []):
        if isinstance(s.get("branch_and_bound"), dict):
            out.append((s["id"], s["branch_and_bound"]))
        for step in ((s.get("proof") or {}).get("steps") or []):
            if isinstance(step.get("branch_and_bound"), dict):
                out.append((step["id"], step["branch_and_bound"]))
    return out


def sharp_text(b: dict[str, Any]) -> str:
    """The sharp ratio's certified interval and the constants it gives beside the printed one."""
    sharp = b.get("sharp") or {}
    if sharp.get("low") is None:
        return ""
    high = f"{sharp['high']:.7g}" if sharp.get("high") is not None else "not proved"
    out = f"sup LHS/RHS in [{sharp['low']:.7g}, {high}]"
    ends = sharp.get("constant_sharp") or []
    if ends:
        out += f"; constant {sharp.get('constant_printed')} as printed, sharp in [{ends[0]:.6g}, {ends[-1]:.6g}]"
    return out


def method_line(sid: str, b: dict[str, Any]) -> str:
    what = f"{sid}: {b.get('method', 'branch-and-bound')} {b.get('outcome')}"
    if b.get("outcome") == "proved":
        covers = str(b.get("covers"))
        what += (f" on {covers if covers.startswith('the ') else 'the ' + covers}: {b.get('boxes')} boxes, depth {b.get('depth')}, {b.get('seconds')} s"
                 f" (re-checked in {b.get('recheck_seconds')} s)")
        sharp = sharp_text(b)
        if sharp:
            what += f"; {sharp}"
    elif b.get("outcome") == "disproved":
        what += f": a certified counterexample at {b.get('point')}"
    else:
        what += f": {b.get('reason')}"
    return what


def method_lines(report: dict[str, Any]) -> list[str]:
    return [method_line(sid, b) for sid, b in _entries(report)]


def proved_by_bnb(s: dict[str, Any]) -> bool:
    b = s.get("branch_and_bound")
    return s.get("verdict") == "proved" and isinstance(b, dict) and b.get("outcome") == "proved"
