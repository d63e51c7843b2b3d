"""Comparing a report with the gold file the way a run can be reproduced on another machine.

What the code decides is compared exactly: ids, verdicts, kinds, classes, certificate statuses,
stop reasons, case counts, the shapes of witnesses (every string that is not a number, every
integer, every boolean, every key and list length). Numbers (floats, and the decimal strings of
witnesses and confirmations) are compared to a relative tolerance REL: float64 may round its last
bit differently on another CPU or SIMD kernel (a virtual CPU's name and flags do not pin it), and
a search follows that rounding, so last bits are not part of the behaviour."""
from __future__ import annotations

import math
import re
from typing import Any

REL = 1e-6  # a last-bit difference, amplified by a search's few hundred steps, stays far below this
ABS = 1e-300
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def _close(a: float, b: float, rel: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b)) + ABS


def differences(actual: Any, expected: Any, where: str = "$", rel: float = REL) -> list[str]:
    """Every place where ``actual`` departs from ``expected`` beyond what rounding explains."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: {type(actual).__name__}, expected an object"]
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
    return [] if actual == expected else [f"{where}: {actual!r}, expected {expected!r}"]
