"""The command line: ``proofcheck list | audit | fuzz ID | report``.

Exit codes: 0 nothing violated; 1 a violation confirmed (or a statement that could not be
evaluated); 2 bad input; 130 / 143 interrupted by SIGINT / SIGTERM (a partial report is written).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import signal
import sys
from pathlib import Path
from typing import Any, Sequence

from proofcheck import __version__
from proofcheck.progress import ProgressLine
from proofcheck.registry import UnknownStatement, discover, resolve
from proofcheck.replay import ReplayError, load_witness
from proofcheck.search.confirm import confirm
from proofcheck.report import json_report, text
from proofcheck.results import AuditResult
from proofcheck.runner import run

DEFAULT_AUDIT_BUDGET = 120.0
DEFAULT_FUZZ_BUDGET = 60.0


class CliError(Exception):
    """Bad input: one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would print usage and exit; we want one line
        raise CliError(message)


def _positive_seconds(s: str) -> float:
    try:
        x = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got '{s}'") from None
    if not math.isfinite(x) or x <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got '{s}'")
    return x


def _int_in(low: int, high: int):
    def parse(s: str) -> int:
        try:
            x = int(s)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be an integer, got '{s}'") from None
        if not low <= x <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {x}")
        return x
    return parse


def _parser() -> _Parser:
    p = _Parser(prog="proofcheck", description="Check the statements of Boix-Adsera & Littwin (TMLR 2023).")
    p.add_argument("--version", action="version", version=f"proofcheck {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("list", help="one line per registered statement")
    for name, help_ in (("audit", "check every registered statement"), ("fuzz", "search one statement for its worst case")):
        q = sub.add_parser(name, help=help_)
        if name == "fuzz":
            q.add_argument("id", help="statement id, e.g. claim-5 or lemma-3.3")
        q.add_argument("--budget", type=_positive_seconds, help="seconds (audit: for the whole run)")
        q.add_argument("--cases", type=_int_in(1, 10**9), help="cases per statement (deterministic for a seed)")
        q.add_argument("--seed", type=_int_in(0, 2**63 - 1), default=0)
        q.add_argument("--dps", type=_int_in(15, 5000), default=50, help="confirmation digits (>= 15)")
        q.add_argument("--out", type=Path, help="JSON report path")
    w = sub.add_parser("replay", help="judge a witness again (a witness file, or a report with --id)")
    w.add_argument("file", type=Path, help="witness JSON, or a report written by audit or fuzz")
    w.add_argument("--id", help="the statement whose witness to take from a report")
    w.add_argument("--dps", type=_int_in(15, 5000), default=50, help="digits (the case is also judged at twice them)")
    r = sub.add_parser("report", help="summarize a JSON report as text")
    r.add_argument("--in", dest="source", type=Path, default=Path("reports/audit.json"))
    return p


def _check_out(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CliError(f"--out {path} is a folder, not a file")
    if not folder.is_dir():
        raise CliError(f"--out {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise CliError(f"--out {path}: folder {folder} is not writable")
    return path


class _Interrupt:
    """SIGINT/SIGTERM set a flag the engine polls; the run then stops and reports what it found."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.saved: dict[int, Any] = {}

    def __enter__(self) -> "_Interrupt":
        for sig in (signal.SIGINT, signal.SIGTERM):
            self.saved[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.signum = signum

    def __call__(self) -> bool:
        return self.signum is not None

    def __exit__(self, *exc: Any) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)


def _default_out(name: str) -> Path:
    Path("reports").mkdir(exist_ok=True)
    return Path("reports") / name


def _run(args: argparse.Namespace, statements: list, default_budget: float, default_out: str) -> tuple[AuditResult, Path, int | None]:
    out = _check_out(args.out) if args.out else None
    seconds = args.budget if args.budget is not None else (None if args.cases is not None else default_budget)
    progress = ProgressLine(total=len(statements))
    argv = " ".join(sys.argv[1:]) if sys.argv else ""
    with _Interrupt() as interrupt:
        result = run(statements, seed=args.seed, dps=args.dps, seconds=seconds, cases=args.cases,
                     progress=progress, should_stop=interrupt, command=f"proofcheck {argv}".strip())
    progress.close()
    out = out or _default_out(default_out)
    json_report.write(result, out)
    return result, out, interrupt.signum


def _exit_code(result: AuditResult, signum: int | None) -> int:
    if signum is not None:
        return 128 + signum
    return 1 if any(s.verdict in ("violated", "error") for s in result.statements) else 0


def _cmd_list() -> int:
    for sid, s in discover().items():
        print(f"{sid:<18} {s.ref:<42} [{s.checked_by:<7}] {s.statement}")
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    statements = list(discover().values())
    result, out, signum = _run(args, statements, DEFAULT_AUDIT_BUDGET, "audit.json")
    report = json_report.as_json(result)
    print(text.table(report))
    print(f"\nwrote {out}" + ("  (partial: interrupted)" if result.meta.get("partial") else ""))
    return _exit_code(result, signum)


def _cmd_fuzz(args: argparse.Namespace) -> int:
    statement = resolve(args.id)
    safe = statement.id.replace(":", "_")
    result, out, signum = _run(args, [statement], DEFAULT_FUZZ_BUDGET, f"fuzz-{safe}.json")
    report = json_report.as_json(result)
    print(text.table(report))
    if result.statements:
        s = report["statements"][0]
        print(f"\n{s['id']}: {s['verdict']} ({s['reason']})")
        print(f"worst LHS/RHS {s['worst_ratio_text'] or '-'} after {s['cases']} cases; stopped: {s['stop_reason']}")
        if s["witness"]:
            print("witness: " + json.dumps(s["witness"], separators=(",", ":")))
    print(f"\nwrote {out}" + ("  (partial: interrupted)" if result.meta.get("partial") else ""))
    return _exit_code(result, signum)


def _cmd_replay(args: argparse.Namespace) -> int:
    try:
        statement, witness = load_witness(args.file, args.id)
    except ReplayError as exc:
        raise CliError(str(exc)) from None
    try:
        c = confirm(statement, witness, args.dps)
    except (ArithmeticError, ValueError) as exc:
        print(f"proofcheck: {statement.id}: the witness could not be evaluated: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"{statement.id}: {statement.statement}")
    print(f"dims {json.dumps(witness['dims'], separators=(',', ':'))}")
    for dps, lhs, rhs, ratio in ((c.dps, c.lhs, c.rhs, c.ratio), (c.dps_hi, c.lhs_hi, c.rhs_hi, c.ratio_hi)):
        print(f"at {dps:>4} digits: LHS {lhs}   RHS {rhs}   LHS/RHS {ratio}")
    print(f"numerical error of the ratio: {c.error:.3g} (precisions tried: {', '.join(map(str, c.precisions))})")
    print(f"verdict at this precision: {c.status}")
    return 1 if c.status == "violated" else 0


def _cmd_report(args: argparse.Namespace) -> int:
    try:
        report = json_report.read(args.source)
    except json_report.ReportError as exc:
        raise CliError(str(exc)) from None
    print(text.summary(report))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
        if args.command is None:
            raise CliError("a command is required: list, audit, fuzz ID, replay FILE, report")
        if args.command == "list":
            return _cmd_list()
        if args.command == "audit":
            return _cmd_audit(args)
        if args.command == "fuzz":
            return _cmd_fuzz(args)
        if args.command == "replay":
            return _cmd_replay(args)
        return _cmd_report(args)
    except UnknownStatement as exc:
        print(f"proofcheck: error: {exc}", file=sys.stderr)
        return 2
    except CliError as exc:
        print(f"proofcheck: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"proofcheck: error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
