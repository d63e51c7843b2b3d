"""The command line's witness database: ``--db PATH`` / ``--no-db`` on the campaigns, and
``proofcheck db list [ID] | show ID | export FILE | import FILE``.

The database is a folder (``.proofcheck`` in the folder the command runs in, beside ``reports/``,
unless ``--db`` or ``$PROOFCHECK_DB`` names another; an empty ``$PROOFCHECK_DB`` means none).
Exit codes: 0; 1 when ``show`` finds no witness; 2 for bad input (one line).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from proofcheck import api
from proofcheck.api import InputError as CliError

DEFAULT_DB = Path(".proofcheck")
DB_ENV = "PROOFCHECK_DB"


def add_options(q: argparse.ArgumentParser) -> None:
    """``--db PATH`` and ``--no-db`` on a campaign's parser (audit, fuzz, selftest)."""
    q.add_argument("--db", type=Path, metavar="PATH",
                   help=f"witness database folder (default {DEFAULT_DB}, or ${DB_ENV}): its best witnesses are "
                        "replayed first, and every confirmed witness is stored")
    q.add_argument("--no-db", action="store_true", help="use no witness database")


def database_path(args: argparse.Namespace) -> Path | None:
    """The database folder a campaign uses: --db, else $PROOFCHECK_DB (empty: none), else .proofcheck."""
    if args.no_db:
        if args.db is not None:
            raise CliError("--db and --no-db exclude each other")
        return None
    if args.db is not None:
        return args.db
    env = os.environ.get(DB_ENV)
    if env is not None:
        return Path(env) if env.strip() else None
    return DEFAULT_DB


def summary_line(meta: dict[str, Any]) -> str:
    """What a campaign did with its database, in one line (from the report's ``meta.database``)."""
    return (f"witness database {meta['path']}: {meta['replayed']} replayed, {meta['stored']} stored"
            + (f", {meta['skipped']} unreadable files skipped" if meta["skipped"] else ""))


def add_parser(sub: Any, parser_class: type) -> None:
    """The ``db`` command and its four actions."""
    d = sub.add_parser("db", help="the witness database: list, show, export, import")
    actions = d.add_subparsers(dest="action", parser_class=parser_class)
    for name, help_ in (("list", "the statements with stored witnesses (ID: that statement's entries)"),
                        ("show", "the best stored witness of ID, as a witness file (proofcheck replay reads it)"),
                        ("export", "write every stored witness into FILE"),
                        ("import", "merge the witnesses of FILE (an export) in, keeping the best per statement")):
        a = actions.add_parser(name, help=help_)
        if name in ("list", "show"):
            a.add_argument("id", nargs="?" if name == "list" else None, help="statement or proof step id")
        else:
            a.add_argument("file", type=Path)
        a.add_argument("--db", type=Path, metavar="PATH", help=f"witness database folder (default {DEFAULT_DB})")


def _list(rows: list[Any], one: bool) -> None:
    if one:
        for e in rows:
            print(f"{e.ratio:<24.17g} {e.source:<11} {'certified' if e.certified else '-':<10} "
                  f"dims {json.dumps(e.dims, separators=(',', ':'))}  {e.name}")
        return
    by_id: dict[str, list[Any]] = {}
    for e in rows:
        by_id.setdefault(e.statement, []).append(e)
    for sid, entries in by_id.items():
        definition = api.definition_of(sid)  # None for a planted variant: its definition is its run's factor
        current = [e for e in entries if definition is None or e.definition == definition]
        best = f"{max(e.ratio for e in current):.10g}" if current else "-"
        stale = len(entries) - len(current)
        print(f"{sid:<28} {len(current):>4} witnesses  best ratio {best}"
              + (f"  ({stale} for an older definition)" if stale else ""))


def _is_bundle(path: Path) -> bool:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("format") == api.BUNDLE
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return False


def run(args: argparse.Namespace) -> int:
    """``db list [ID] | show ID | export FILE | import FILE``: the exit code."""
    if args.action is None:
        raise CliError("db needs an action: list [ID], show ID, export FILE, import FILE")
    path = args.db if args.db is not None else DEFAULT_DB
    database = api.open_database(path, lambda e: print(e["message"], file=sys.stderr),
                                 create=args.action == "import")
    if args.action == "import":
        try:
            written, skipped = database.merge(args.file)
        except api.DatabaseError as exc:
            raise CliError(str(exc)) from None
        print(f"imported {written} witnesses into {path}" + (f" ({skipped} entries skipped)" if skipped else ""))
        return 0
    if args.action == "export":
        api.check_writable(args.file, "db export")
        if args.file.exists() and not _is_bundle(args.file):
            raise CliError(f"db export {args.file} exists and is not a witness bundle: refusing to replace it")
        print(f"exported {database.export(args.file)} witnesses from {path} to {args.file}")
        return 0
    rows = api.database_rows(database, args.id)
    if args.action == "show":
        if not rows:
            print(f"proofcheck: no stored witness of {args.id} in {path}", file=sys.stderr)
            return 1
        print(json.dumps(rows[0].to_json(), indent=1))
        return 0
    _list(rows, args.id is not None)
    return 0
