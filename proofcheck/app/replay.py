"""Replaying a witness: read it from a witness file or a report, and judge it again at any precision.

A witness file is plain JSON: ``{"statement": ID, "dims": {...}, "values": {...}}`` with every
number a decimal string. A report written by ``audit`` or ``fuzz`` is accepted too: its worst
witness for the statement named by ``--id`` (or its only statement). Nothing read from a file is
evaluated as code: ids are looked up in the registry, numbers are matched against a decimal
pattern before mpmath reads them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proofcheck.core.cases import WitnessError, check_witness
from proofcheck.core.registry import UnknownStatement, resolve
from proofcheck.report import json_report
from proofcheck.core.results import Certificate, Confirmation
from proofcheck.core.statement import Statement
from proofcheck.search.certify import certify
from proofcheck.search.confirm import confirm


class ReplayError(ValueError):
    """A replay file that cannot be replayed; the message is one line."""


def load_json(path: Path) -> Any:
    """The file's JSON (NaN and Infinity refused); ReplayError with a one-line reason otherwise."""
    return json_report.load_json(path, ReplayError)


def _from_report(data: dict[str, Any], path: Path, wanted: str | None) -> tuple[str, Any]:
    entries = [s for s in data["statements"] if isinstance(s, dict)]
    if wanted is not None:
        key = resolve(wanted).id
        entries = [s for s in entries if s.get("id") == key]
        if not entries:
            raise ReplayError(f"{path} has no entry for {key}")
    elif len(entries) != 1:
        raise ReplayError(f"{path} is a report of {len(entries)} statements: name one with --id")
    entry = entries[0]
    if not isinstance(entry.get("witness"), dict):
        raise ReplayError(f"{path}: {entry.get('id')} has no witness to replay")
    return str(entry.get("id")), entry["witness"]


def load_witness(path: Path, wanted: str | None = None) -> tuple[Statement, dict[str, Any]]:
    """The statement and the validated witness a file holds. ``wanted`` (an id) must match it."""
    return witness_of(load_json(path), wanted, str(path))


def witness_of(data: Any, wanted: str | None, path: str) -> tuple[Statement, dict[str, Any]]:
    """The statement and the validated witness of ``data`` (a witness object or a report read from
    ``path``, which the messages name). ``wanted`` (an id) must match it."""
    if not isinstance(data, dict):
        raise ReplayError(f"{path} holds a JSON {type(data).__name__}, not a witness object")
    if data.get("tool") == "proofcheck" and isinstance(data.get("statements"), list):
        sid, witness = _from_report(data, path, wanted)
    else:
        sid, witness = data.get("statement"), data
        if not isinstance(sid, str):
            raise ReplayError(f"{path} has no 'statement' id (a witness file names its statement)")
    try:
        statement = resolve(sid)
    except UnknownStatement as exc:
        raise ReplayError(f"{path}: {exc}") from None
    if wanted is not None and resolve(wanted).id != statement.id:
        raise ReplayError(f"{path} is a witness for {statement.id}, not for {resolve(wanted).id}")
    try:
        check_witness(statement.space, witness)
    except (WitnessError, TypeError, ValueError) as exc:
        raise ReplayError(f"{path}: not a case of {statement.id}: {exc}") from None
    return statement, {"statement": statement.id, "dims": witness["dims"], "values": witness["values"]}


@dataclass
class Replayed:
    """A witness judged again: its confirmation at ``dps`` and ``2 dps`` digits and its Arb certificate."""

    statement: Statement
    witness: dict[str, Any]
    confirmation: Confirmation
    certificate: Certificate

    @property
    def status(self) -> str:
        return self.confirmation.status


def judge(statement: Statement, witness: dict[str, Any], dps: int = 50) -> Replayed:
    """Confirm and certify one witness (ArithmeticError or ValueError when it cannot be evaluated)."""
    return Replayed(statement, witness, confirm(statement, witness, dps), certify(statement, witness))
