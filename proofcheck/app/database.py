"""The witness database: every confirmed witness a campaign finds, kept for the next one, as
Hypothesis keeps its example database.

A database is a plain folder of JSON files (``.proofcheck/`` by default), marked as ours by
``proofcheck-db.json``. Each entry is one witness, in the folder of its key::

    <db>/<statement id, percent-encoded>/<definition hash>/<hash of the entry's case>.json

Keying by a hash of the statement's definition (``definition_hash``) means a changed statement
finds no entries of its own (they lie under its old hash) while every other statement keeps its
own. An entry file is also a witness file (``statement``, ``dims``, ``values`` at its top level), so
``proofcheck replay`` judges one directly. Nothing read is executed: every entry is checked
against its statement's space (``check_witness``); a corrupt, truncated or foreign file is skipped
with one warning line and counted. Writes go to a temporary file renamed into place, one file per
witness, so campaigns writing one database at once lose nothing.
"""
from __future__ import annotations

import hashlib
import inspect
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import quote, unquote

from proofcheck.core.cases import WitnessError, check_witness
from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.proof import step_statement
from proofcheck.core.results import judged_ratio
from proofcheck.core.registry import UnknownStatement, resolve
from proofcheck.core.statement import Statement
from proofcheck.report.json_report import load_json, write_atomic

FORMAT, VERSION = "proofcheck-witness", 1
BUNDLE = "proofcheck-witnesses"  # what ``db export`` writes and ``db import`` reads
MARKER, DB_FORMAT = "proofcheck-db.json", "proofcheck-db"  # the folder's marker and what it says
REPLAY_COUNT = 4  # the best entries of a statement each campaign replays first
KEEP = 32  # entries kept per statement and definition; worse ones are pruned
PLANTED = ":planted"  # a selftest's variant: its space is its statement's


class DatabaseError(ValueError):
    """A database folder or an import file that cannot be used; the message is one line."""


def _function_text(f: Any, depth: int = 0) -> str:
    """What a function computes, as text: its source (or qualified name where none is found), the
    plain values its closure holds (a planted factor) and the plain module constants it names;
    functions it closes over, recursively (three levels)."""
    try:
        parts = [inspect.getsource(f)]
    except (OSError, TypeError):
        parts = [getattr(f, "__qualname__", type(f).__name__)]
    plain = (int, float, str, bool, type(None))
    for cell in getattr(f, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if callable(value) and depth < 3:
            parts.append(_function_text(value, depth + 1))
        elif isinstance(value, plain):
            parts.append(repr(value))
    names = getattr(getattr(f, "__code__", None), "co_names", ())
    scope = getattr(f, "__globals__", {})
    parts += [f"{n}={scope[n]!r}" for n in names if n in scope and isinstance(scope[n], plain)]
    return "\n".join(parts)


def definition_hash(statement: Statement) -> str:
    """A hash of what defines a statement: its id, kind, printed text, space (dims, ranges, shapes),
    and the source of its ``lhs``, ``rhs`` and ``hypotheses`` (with what their closures hold).
    Its families, symbolic steps, notes and references are left out: they change how it is searched
    or described, not which cases it is about or what it claims of them. A helper a side calls is
    not hashed (a change there keeps the entries), which is safe: every replayed entry is judged
    again by the code of the day."""
    parts = [statement.id, statement.kind, statement.statement, repr(statement.space),
             _function_text(statement.lhs), _function_text(statement.rhs),
             _function_text(statement.hypotheses) if statement.hypotheses is not None else ""]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Entry:
    """One stored witness: the statement and definition it was found for, its judged ratio
    (LHS/RHS oriented so above 1 is a violation; ``inf`` allowed), its text at the higher
    precision, where it came from (``search``, ``proof step``, ``planted``, ``diagnosis``), whether
    Arb certified it, and the case (``dims``, ``values`` as decimal strings)."""

    statement: str
    definition: str
    ratio: float
    dims: dict[str, int]
    values: dict[str, Any]
    ratio_text: str = ""
    source: str = "search"
    certified: bool = False

    @property
    def witness(self) -> dict[str, Any]:
        return {"dims": self.dims, "values": self.values}

    @property
    def name(self) -> str:
        """The file name: a hash of the statement, definition and case (the same witness found twice is one file)."""
        key = json.dumps([self.statement, self.definition, self.dims, self.values], sort_keys=True)
        return hashlib.sha256(key.encode()).hexdigest()[:20] + ".json"

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "statement": self.statement, "definition": self.definition,
                "ratio": self.ratio if math.isfinite(self.ratio) else "inf", "ratio_text": self.ratio_text,
                "source": self.source, "certified": self.certified, "dims": self.dims, "values": self.values}


def statement_for(sid: str) -> Statement:
    """The statement an entry's id names (a planted variant's space is its statement's);
    UnknownStatement when none does."""
    return resolve(sid[:-len(PLANTED)] if sid.endswith(PLANTED) else sid)


def entry_from_json(data: Any, space_of: Callable[[str], Any]) -> Entry:
    """An entry read back, checked field by field and its case against its statement's space
    (``space_of(id)``); ValueError (or UnknownStatement) saying what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not a proofcheck witness entry (no 'format': '{FORMAT}')")
    if data.get("version") != VERSION:
        raise ValueError(f"entry format version {data.get('version')!r}, this proofcheck reads {VERSION}")
    sid, definition, ratio = data.get("statement"), data.get("definition"), data.get("ratio")
    if not isinstance(sid, str) or not isinstance(definition, str) or not definition.isalnum():
        raise ValueError("no statement id or definition hash")
    if ratio == "inf":
        ratio = math.inf
    if isinstance(ratio, bool) or not isinstance(ratio, (int, float)) or math.isnan(ratio):
        raise ValueError(f"ratio {ratio!r} is not a number")
    text, source, certified = data.get("ratio_text", ""), data.get("source", "search"), data.get("certified", False)
    if not isinstance(text, str) or not isinstance(source, str) or not isinstance(certified, bool):
        raise ValueError("ratio_text, source or certified of the wrong type")
    try:
        check_witness(space_of(sid), data)
    except (WitnessError, TypeError) as exc:
        raise ValueError(f"not a case of {sid}: {exc}") from None
    return Entry(sid, definition, float(ratio), dict(data["dims"]), data["values"], text, source, certified)


@dataclass
class WitnessDatabase:
    """A witness database folder. ``warn`` receives one line per skipped file; ``skipped`` counts them."""

    path: Path
    warn: Callable[[str], None] = lambda line: None
    skipped: int = 0
    stored: int = 0
    spaces: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path | str, warn: Callable[[str], None] | None = None, create: bool = True,
             option: str = "--db") -> "WitnessDatabase":
        """The database at ``path``, created (with its marker) when absent and ``create``.
        DatabaseError for a file, an unreadable or unwritable folder, or a folder that holds other
        things and no marker (a mistyped --db never scatters entries through it)."""
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise DatabaseError(f"{option} {path} is a file, not a witness database folder")
        if not path.exists():
            if not create:
                raise DatabaseError(f"{option} {path}: no witness database there (audit, fuzz and selftest make one)")
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"{option} {path}: cannot create the database folder: {exc.strerror}") from None
        if not os.access(path, os.R_OK | os.X_OK) or (create and not os.access(path, os.W_OK)):
            raise DatabaseError(f"{option} {path}: the database folder is not readable and writable")
        marker = path / MARKER
        if not marker.exists():
            others = [p for p in path.iterdir() if not p.name.startswith(".") and p.name != MARKER]
            # a database another campaign is creating this instant writes its marker before any entry:
            # entries seen here with no marker after them are someone else's files
            if others and not marker.exists():
                raise DatabaseError(f"{option} {path} holds other files and is not a proofcheck witness database "
                                    f"(no {MARKER}): refusing to use it")
            if create and not marker.exists():
                try:
                    write_atomic(marker, json.dumps({"format": DB_FORMAT, "version": VERSION}) + "\n")
                except OSError as exc:
                    raise DatabaseError(f"{option} {path}: cannot write {MARKER}: {exc.strerror}") from None
        if marker.exists():
            try:
                ours = load_json(marker).get("format") == DB_FORMAT
            except (ValueError, AttributeError):
                ours = False
            if not ours:
                raise DatabaseError(f"{option} {path}: {MARKER} is not a proofcheck database marker")
        return cls(path, warn or (lambda line: None))

    def _space(self, sid: str) -> Any:
        if sid not in self.spaces:
            self.spaces[sid] = statement_for(sid).space
        return self.spaces[sid]

    def _skip(self, file: Path, why: str) -> None:
        self.skipped += 1
        self.warn(f"witness database: skipped {file}: {why}")

    def _read(self, file: Path, sid: str | None = None, definition: str | None = None,
              quiet: bool = False) -> Entry | None:
        """The entry in ``file``, or None (skipped, warned and counted unless ``quiet``); it must sit
        under its own key."""
        try:
            entry = entry_from_json(load_json(file), self._space)
            if (sid is not None and entry.statement != sid) or (definition is not None and entry.definition != definition):
                raise ValueError(f"an entry of {entry.statement} filed under another statement's key")
        except (ValueError, UnknownStatement) as exc:
            if not quiet:
                self._skip(file, str(exc).replace(f"{file} ", ""))
            return None
        return entry

    def _folder(self, sid: str, definition: str) -> Path:
        return self.path / quote(sid, safe="-_.") / definition

    @staticmethod
    def _files(folder: Path) -> list[Path]:
        """Entry files of a folder, in a stable order (temporary files of a write in progress left out)."""
        try:
            return sorted(p for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith("."))
        except OSError:
            return []

    def entries_for(self, statement: Statement) -> list[Entry]:
        """The statement's entries under its current definition, best first."""
        self.spaces.setdefault(statement.id, statement.space)
        definition = definition_hash(statement)
        found = [e for f in self._files(self._folder(statement.id, definition))
                 if (e := self._read(f, statement.id, definition)) is not None]
        return sorted(found, key=lambda e: (-e.ratio, e.name))

    def best(self, statement: Statement, count: int = REPLAY_COUNT) -> list[dict[str, Any]]:
        """The witnesses to replay first for ``statement``: its ``count`` best entries' cases."""
        return [e.witness for e in self.entries_for(statement)[:count]]

    def add(self, statement: Statement, entries: Iterable[Entry]) -> int:
        """Store entries of ``statement`` under its current definition (others are left out);
        returns how many files were written."""
        return self.store(Found(statement.id, definition_hash(statement), statement.space, tuple(entries)))

    def store(self, found: "Found") -> int:
        """Store a statement's entries found by a search (perhaps in another process) under the definition
        they were found for; returns how many files were written."""
        self.spaces.setdefault(found.statement, found.space)
        mine = [e for e in found.entries if e.statement == found.statement and e.definition == found.definition]
        return self._add_under(found.statement, found.definition, mine) if mine else 0

    def walk(self) -> Iterator[tuple[Path, str, str]]:
        """Every entry file with the statement id and definition its folder names."""
        for top in sorted(p for p in self.path.iterdir() if p.is_dir()):
            for folder in sorted(p for p in top.iterdir() if p.is_dir()):
                for file in self._files(folder):
                    yield file, unquote(top.name), folder.name

    def all_entries(self) -> list[Entry]:
        """Every readable entry, whatever its definition (unreadable ones skipped and counted)."""
        return [e for file, sid, definition in self.walk() if (e := self._read(file, sid, definition)) is not None]

    def export(self, file: Path | str) -> int:
        """Write every readable entry into one bundle file; returns how many."""
        entries = self.all_entries()
        write_atomic(Path(file), json.dumps({"format": BUNDLE, "version": VERSION,
                                             "entries": [e.to_json() for e in entries]}, indent=1) + "\n")
        return len(entries)

    def merge(self, file: Path | str) -> tuple[int, int]:
        """Merge a bundle (``export``'s file) into the database, keeping the best per statement:
        (entries written, entries skipped). DatabaseError for a file that is not a bundle."""
        try:
            data = load_json(Path(file))
        except ValueError as exc:
            raise DatabaseError(f"db import: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != BUNDLE or not isinstance(data.get("entries"), list):
            raise DatabaseError(f"db import: {file} is not a proofcheck witness bundle (no 'format': '{BUNDLE}' "
                                "with an 'entries' list)")
        by_key: dict[tuple[str, str], list[Entry]] = {}
        skipped = 0
        for i, raw in enumerate(data["entries"]):
            try:
                entry = entry_from_json(raw, self._space)
            except (ValueError, UnknownStatement) as exc:
                skipped += 1
                self.warn(f"witness database: skipped entry {i} of {file}: {exc}")
                continue
            by_key.setdefault((entry.statement, entry.definition), []).append(entry)
        written = 0
        for (sid, definition), entries in by_key.items():
            written += self._add_under(sid, definition, entries)
        self.skipped += skipped
        return written, skipped

    def _add_under(self, sid: str, definition: str, entries: list[Entry]) -> int:
        """Entries written under one key (an imported entry keeps its own definition), atomically, one
        file each (a witness already stored keeps the better ratio); the folder then pruned to its
        KEEP best. Returns how many files were written."""
        folder = self._folder(sid, definition)
        folder.mkdir(parents=True, exist_ok=True)
        written = 0
        for entry in entries:
            target = folder / entry.name
            old = self._read(target, sid, definition, quiet=True) if target.exists() else None
            if old is None or old.ratio < entry.ratio:
                write_atomic(target, json.dumps(entry.to_json(), indent=1, allow_nan=False) + "\n")
                written += 1
        kept = sorted((e for f in self._files(folder) if (e := self._read(f, sid, definition, quiet=True)) is not None),
                      key=lambda e: (-e.ratio, e.name))
        for e in kept[KEEP:]:
            (folder / e.name).unlink(missing_ok=True)
        self.stored += written
        return written


def _entry(statement: Statement, witness: Any, ratio: Any, text: str, source: str, certified: bool) -> Entry | None:
    """An entry for a confirmed case, or None when it has no ratio or is not a case of the statement."""
    try:
        ratio = float(ratio)
    except (TypeError, ValueError):
        return None
    if math.isnan(ratio) or not isinstance(witness, dict):
        return None
    try:
        check_witness(statement.space, witness)
    except (WitnessError, TypeError, ValueError):
        return None
    return Entry(statement.id, definition_hash(statement), ratio, dict(witness["dims"]), witness["values"],
                 text, source, certified)


@dataclass(frozen=True)
class Found:
    """The entries a search found for one statement, with what storing them needs (its id, definition hash
    and space) and not the statement itself: a statement's sides may be closures, which cannot travel from a
    worker process back to the one that writes the database."""

    statement: str
    definition: str
    space: Any
    entries: tuple[Entry, ...]


def _found(statement: Statement, entries: Iterable[Entry | None]) -> Found:
    return Found(statement.id, definition_hash(statement), statement.space, tuple(e for e in entries if e is not None))


def found_in(statement: Statement, result: Any) -> list[Found]:
    """The confirmed witnesses of a statement's result, by the statement they are cases of: its
    confirmations, its numeric proof steps' worst cases (own search and on its witness) and the
    shrunk witnesses of its diagnoses (``source`` names the statement a variant is: ``planted``)."""
    source = "planted" if statement.id.endswith(PLANTED) else "search"
    own = [_entry(statement, c.witness, judged_ratio(c), c.ratio_hi, source,
                  c.certificate is not None and c.certificate.status is not CertificateStatus.UNCERTIFIED)
           for c in result.confirmations]
    d = result.diagnosis
    if d is not None and d.shrunk_witness is not None:
        own.append(_entry(statement, d.shrunk_witness, d.shrunk_ratio, d.shrunk_ratio_text, "diagnosis",
                          d.shrunk_certified))
    out = [_found(statement, own)]
    steps = result.proof.steps if result.proof is not None else []
    for k, (step, judged) in enumerate(zip(statement.proof, steps), start=1):
        if not step.numeric or judged.id != f"{statement.id}:step-{k}":
            continue
        stmt = step_statement(statement, k)
        found = [_entry(stmt, judged.witness, judged.worst_ratio, judged.worst_ratio_text, "proof step", False),
                 _entry(stmt, judged.on_witness_case, judged.on_witness_ratio, "", "proof step", False)]
        sd = judged.diagnosis
        if sd is not None and sd.shrunk_witness is not None:
            found.append(_entry(stmt, sd.shrunk_witness, sd.shrunk_ratio, sd.shrunk_ratio_text, "diagnosis",
                                sd.shrunk_certified))
        out.append(_found(stmt, found))
    return out


def numeric_steps(statement: Statement) -> list[Statement]:
    """The statement's numeric proof steps as statements (their own searches replay their entries)."""
    return [step_statement(statement, k) for k, step in enumerate(statement.proof, start=1) if step.numeric]
