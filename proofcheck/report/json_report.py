"""The JSON report: the contract other tools and the HTML report read.

Non-finite numbers never reach the file: a float that is inf or nan becomes null, and every
such value also has a text field (``worst_ratio_text``, ``ratio_hi``) that says what it was.
"""
from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from proofcheck.core.results import VERDICTS, AuditResult, to_dict


class ReportError(ValueError):
    """A file that is not a proofcheck report."""


def _finite(obj: Any) -> Any:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def as_json(result: AuditResult) -> dict[str, Any]:
    """The report as plain data."""
    return _finite(to_dict(result))


def write_atomic(path: Path, text: str) -> None:
    """Write then rename: a crash never leaves a half-written file in place of a good one."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(result: AuditResult, path: Path) -> None:
    write_atomic(Path(path), json.dumps(as_json(result), indent=1, allow_nan=False) + "\n")


class _NonFinite(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _NonFinite(name)


def load_json(path: Path, error: type[ValueError] = ValueError) -> Any:
    """The file's JSON, refusing NaN and Infinity (which Python's json would accept); any problem is
    raised as ``error`` with a one-line reason (unreadable, not UTF-8, truncated, not JSON)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror}") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated")
        what = "is truncated" if cut and text.strip() else "is not JSON"
        raise error(f"{path} {what} (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except _NonFinite as exc:
        raise error(f"{path} holds the non-finite number {exc}") from None
    except RecursionError:
        raise error(f"{path} is nested too deeply") from None


def read(path: Path) -> dict[str, Any]:
    """A report written by ``audit`` or ``fuzz``; ReportError with a one-line reason otherwise."""
    data = load_json(path, ReportError)
    if not isinstance(data, dict) or data.get("tool") != "proofcheck" or not isinstance(data.get("statements"), list):
        raise ReportError(f"{path} is not a proofcheck report (no 'tool': 'proofcheck' with a 'statements' list)")
    for s in data["statements"]:
        if not isinstance(s, dict) or s.get("verdict") not in VERDICTS or not isinstance(s.get("id"), str):
            raise ReportError(f"{path} has a statement entry without an id or a known verdict")
    return data
