"""Re-checking the branch-and-bound certificates a report stores, box by box, without the prover.

Each statement or proof step of the report whose ``branch_and_bound`` holds a certificate is looked
up in the registry (never evaluated from the file), its declared reduction rebuilt, and the stored
tree re-checked by ``proofcheck.numerics.bnb_certificate``: the leaves must tile the reduced box and
each must close again with its own method.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from proofcheck.core.registry import UnknownStatement, resolve
from proofcheck.search.bnb_proof import recheck_stored


class RecheckError(ValueError):
    """A report with no certificate to re-check, or one that names no known statement; one line."""


@dataclass
class Rechecked:
    """One stored certificate re-checked: ``ok``, the boxes, the seconds (beside the proof's) and why not."""

    id: str
    ok: bool
    boxes: int
    seconds: float
    proof_seconds: float | None
    failure: str = ""


def _stored(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for s in data.get("statements") or []:
        entries = [s] + list(((s.get("proof") or {}).get("steps") or []) if isinstance(s, dict) else [])
        for e in entries:
            b = e.get("branch_and_bound") if isinstance(e, dict) else None
            if isinstance(b, dict) and isinstance(b.get("certificate"), dict):
                out.append((str(e.get("id")), b))
    return out


def recheck_report(data: Any, wanted: str | None = None) -> list[Rechecked]:
    """Re-check every stored certificate of a report (or the one of the statement or step ``wanted``)."""
    if not isinstance(data, dict) or data.get("tool") != "proofcheck":
        raise RecheckError("not a proofcheck report: certificates are stored in the reports audit and fuzz write")
    stored = _stored(data)
    if wanted is not None:
        key = resolve(wanted).id
        stored = [(sid, b) for sid, b in stored if sid == key]
    if not stored:
        raise RecheckError("the report holds no branch-and-bound certificate" + (f" for {wanted}" if wanted else ""))
    out = []
    for sid, b in stored:
        try:
            statement = resolve(sid)
        except UnknownStatement as exc:
            raise RecheckError(f"the report names an unknown statement: {exc}") from None
        if statement.reduction is None:
            out.append(Rechecked(sid, False, 0, 0.0, b.get("seconds"), "the statement declares no reduction"))
            continue
        try:
            ok, boxes, seconds, failure = recheck_stored(statement, statement.reduction, b["certificate"])
        except ValueError as exc:
            ok, boxes, seconds, failure = False, 0, 0.0, str(exc)
        out.append(Rechecked(sid, ok, boxes, round(seconds, 4), b.get("seconds"), failure))
    return out
