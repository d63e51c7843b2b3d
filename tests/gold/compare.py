"""Comparing a report with the gold file the way a run can be reproduced on another machine.

What the code decides is compared exactly: ids, verdicts, kinds, classes, certificate statuses,
stop reasons, case counts, the shapes of witnesses (every string that is not a number, every
integer, every boolean, every key and list length). Numbers (floats, and the decimal strings of
witnesses and confirmations) are compared to a relative tolerance REL: float64 may round its last
bit differently on another CPU or SIMD kernel (a virtual CPU's name and flags do not pin it), and
a search follows that rounding, so last bits are not part of the behaviour.

Two consequences of that rounding are not behaviour either. An Arb ball of a witness that moved in its
last bits has its own midpoint and radius: a ball is compared by its midpoint (to REL, or within the
larger radius), its certificate's status (a decision) exactly. And an identity's worst ratio at
rounding level (below NOISE: its residual over its terms' size) is a maximum over rounding errors, so
which case attains it is rounding too: such a result is compared by its verdict and by both ratios
lying below NOISE, not by its witness or its certificate's balls."""
from __future__ import annotations

import math
import re
from typing import Any

REL = 1e-6  # a last-bit difference, amplified by a search's few hundred steps, stays far below this
ABS = 1e-300
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
BALL = re.compile(r"^\[(?:(\S+) )?\+/- (\S+)\]$")  # Arb's "[mid +/- rad]", or "[+/- rad]" around 0
NOISE = 1e-8  # an identity's relative residual below this is float64 rounding (about 1e-11 here)
ROUNDING_LEVEL = ("witness", "worst_ratio_text", "on_witness_case", "on_witness_ratio")


def _close(a: float, b: float, rel: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b)) + ABS


def _ball(text: str) -> tuple[float, float] | None:
    m = BALL.match(text.strip())
    return None if m is None else (float(m.group(1) or 0.0), float(m.group(2)))


def _rounding_level(entry: dict[str, Any]) -> bool:
    r = entry.get("worst_ratio")
    return isinstance(r, float) and abs(r) < NOISE


def differences(actual: Any, expected: Any, where: str = "$", rel: float = REL) -> list[str]:
    """Every place where ``actual`` departs from ``expected`` beyond what rounding explains."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: {type(actual).__name__}, expected an object"]
        if _rounding_level(expected) and _rounding_level(actual):
            out = [f"{where}: keys {sorted(set(actual) ^ set(expected))} differ"] if set(actual) != set(expected) else []
            for k in sorted(set(actual) & set(expected) - set(ROUNDING_LEVEL) - {"worst_ratio"}):
                if k == "certificate" and isinstance(expected[k], dict) and isinstance(actual[k], dict):
                    if actual[k].get("status") != expected[k].get("status"):
                        out.append(f"{where}.certificate.status: {actual[k].get('status')!r}, expected "
                                   f"{expected[k].get('status')!r}")
                    continue
                out += differences(actual[k], expected[k], f"{where}.{k}", rel)
            return out
        out = [f"{where}: keys {sorted(set(actual) ^ set(expected))} differ"] if set(actual) != set(expected) else []
        for k in sorted(set(actual) & set(expected)):
            out += differences(actual[k], expected[k], f"{where}.{k}", rel)
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where}: length {len(actual) if isinstance(actual, list) else '-'}, expected {len(expected)}"]
        return [d for i, (a, e) in enumerate(zip(actual, expected)) for d in differences(a, e, f"{where}[{i}]", rel)]
    if isinstance(expected, bool) or expected is None or isinstance(expected, int) and not isinstance(actual, float):
        return [] if actual == expected and type(actual) is type(expected) else [f"{where}: {actual!r}, expected {expected!r}"]
    if isinstance(expected, float) or isinstance(expected, int):
        ok = isinstance(actual, (int, float)) and not isinstance(actual, bool) and _close(float(actual), float(expected), rel)
        return [] if ok else [f"{where}: {actual!r}, expected {expected!r} (relative tolerance {rel:g})"]
    if isinstance(expected, str) and NUMBER.match(expected.strip()):
        ok = isinstance(actual, str) and bool(NUMBER.match(actual.strip())) and _close(float(actual), float(expected), rel)
        return [] if ok else [f"{where}: {actual!r}, expected {expected!r} (relative tolerance {rel:g})"]
    if isinstance(expected, str) and _ball(expected) is not None:
        got, want = _ball(actual) if isinstance(actual, str) else None, _ball(expected)
        ok = got is not None and (_close(got[0], want[0], rel) or abs(got[0] - want[0]) <= max(got[1], want[1]))
        return [] if ok else [f"{where}: {actual!r}, expected {expected!r} (midpoints to {rel:g})"]
    return [] if actual == expected else [f"{where}: {actual!r}, expected {expected!r}"]


def decisions(report: dict[str, Any]) -> dict[str, Any]:
    """What a report decides, whatever path its searches took: each statement's verdict, kind, stop
    reason, worst ratio, symbolic steps, proof steps' verdicts, diagnosis class and finding, and the
    findings (id, class, cause, members). On a machine that rounds otherwise than the gold file's,
    searches follow other paths among cases of equal ratio, and only this is compared (with the case
    counts, which such a path changes by the few cases it sets aside: ``case_counts``)."""
    def statement(s: dict[str, Any]) -> dict[str, Any]:
        return {"id": s["id"], "verdict": s["verdict"], "kind": s.get("kind"), "stop_reason": s.get("stop_reason"),
                "worst_ratio": s.get("worst_ratio"), "symbolic": s.get("symbolic"),
                "steps": [(p["id"], p["verdict"]) for p in (s.get("proof") or {}).get("steps") or []],
                "class": (s.get("diagnosis") or {}).get("klass"), "finding": s.get("finding")}
    return {"statements": [statement(s) for s in report["statements"]],
            "findings": [(f["id"], f["klass"], f["cause"], f["members"]) for f in report.get("findings") or []]}


PATH_CASES = 0.05  # the share of a case budget another search path may set aside otherwise


def _slack(a: dict[str, Any], e: dict[str, Any]) -> float:
    """How far two searches' case counts may lie apart on two search paths: PATH_CASES of the larger;
    where both stopped because too few cases were left for another local search, the engine's rule
    lets either stop anywhere in the last MIN_HOP_CASES of its budget (one local search that
    converged early on one path, and ran on to the rule on the other: lemma-a.6, 212 against 183)."""
    from proofcheck.core.results import StopReason
    from proofcheck.search.engine import MIN_HOP_CASES

    slack = PATH_CASES * max(a["cases"], e["cases"])
    rule = StopReason.TOO_FEW_CASES.value
    return max(slack, MIN_HOP_CASES) if a.get("stop_reason") == e.get("stop_reason") == rule else slack


def case_counts(actual: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """Statements whose case counts differ by more than their search paths explain (``_slack``)."""
    return [f"{e['id']}.cases: {a['cases']}, expected {e['cases']} (to {_slack(a, e):.0f} cases)"
            for a, e in zip(actual["statements"], expected["statements"])
            if abs(a["cases"] - e["cases"]) > _slack(a, e)]
