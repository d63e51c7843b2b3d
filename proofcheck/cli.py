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
from proofcheck.core.registry import UnknownStatement, discover, resolve
from proofcheck.app.replay import ReplayError, load_witness
from proofcheck.search.certify import certify
from proofcheck.search.confirm import confirm
from proofcheck.app.selftest import detection_rate, selftest
from proofcheck.report import html, json_report, text
from proofcheck.core.results import AuditResult
from proofcheck.app.runner import Resumption, default_workers, run
from proofcheck.core.results import statement_from_dict
from proofcheck.search.journal import Journal, JournalError

DEFAULT_AUDIT_BUDGET = 300.0
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


def _float_in(low: float, high: float):
    def parse(s: str) -> float:
        try:
            x = float(s)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a number, got '{s}'") from None
        if not (math.isfinite(x) and low <= x <= high):
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {s}")
        return x
    return parse


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
        q.add_argument("--seed", type=_int_in(0, 2**63 - 1), help="master seed (default 0)")
        q.add_argument("--dps", type=_int_in(15, 5000), help="confirmation digits (>= 15; default 50)")
        q.add_argument("--out", type=Path, help="JSON report path")
        q.add_argument("--html", type=Path, metavar="FILE", help="also write the HTML slack report to FILE")
        q.add_argument("--workers", type=_int_in(1, 256), help="processes (default: the number of cores)")
        q.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on a Dask cluster (tcp://host:8786) instead of local processes; needs proofcheck[dask]")
        q.add_argument("--resume", type=Path, metavar="FILE",
                       help="continue the interrupted campaign FILE (a partial report) with its own settings")
    w = sub.add_parser("replay", help="judge a witness again (a witness file, or a report with --id)")
    w.add_argument("file", type=Path, help="witness JSON, or a report written by audit or fuzz")
    w.add_argument("--id", help="the statement whose witness to take from a report")
    w.add_argument("--dps", type=_int_in(15, 5000), default=50, help="digits (the case is also judged at twice them)")
    t = sub.add_parser("selftest", help="plant a bug in each statement and check that it is found")
    t.add_argument("ids", nargs="*", help="statement ids (default: every statement)")
    t.add_argument("--cases", type=_int_in(100, 10**7), default=4000, help="cases per search")
    t.add_argument("--seed", type=_int_in(0, 2**63 - 1), default=0)
    t.add_argument("--dps", type=_int_in(15, 5000), default=30)
    st = sub.add_parser("study", help="measure the paper's headline: validity time against alpha, the Appendix B sandwich")
    st.add_argument("name", choices=("scaling",), help="scaling: both studies")
    st.add_argument("--seed", type=_int_in(0, 2**63 - 1), default=0)
    st.add_argument("--eps", type=_float_in(1e-6, 10.0), default=0.01, help="accuracy asked of the NTK approximation")
    st.add_argument("--out", type=Path, default=Path("reports/study-scaling.json"), help="JSON path (plots beside it)")
    r = sub.add_parser("report", help="summarize a JSON report as text")
    r.add_argument("--in", dest="source", type=Path, default=Path("reports/audit.json"))
    r.add_argument("--html", type=Path, metavar="FILE", help="write the self-contained HTML slack report to FILE")
    return p


def _check_out(path: Path, option: str = "--out") -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CliError(f"{option} {path} is a folder, not a file")
    if not folder.is_dir():
        raise CliError(f"{option} {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise CliError(f"{option} {path}: folder {folder} is not writable")
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


def _resumption(args: argparse.Namespace, statements: list) -> tuple[Resumption, list]:
    """The partial report named by --resume, checked against the command line; its settings
    replace the defaults, and any setting given again must agree with it."""
    try:
        report = json_report.read(args.resume)
    except json_report.ReportError as exc:
        raise CliError(str(exc)) from None
    meta, checkpoint = report.get("meta") or {}, report.get("checkpoint")
    if not meta.get("partial") or not isinstance(checkpoint, dict):
        raise CliError(f"--resume {args.resume}: this campaign is complete (nothing to resume)")
    ids = meta.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise CliError(f"--resume {args.resume}: the report does not list its campaign's statements")
    if args.command == "fuzz" and ids != [statements[0].id]:
        raise CliError(f"--resume {args.resume} is a campaign over {', '.join(ids)}, not a fuzz of {statements[0].id}")
    for name, key in (("seed", "seed"), ("dps", "dps"), ("cases", "cases_budget"), ("budget", "budget_s")):
        given = getattr(args, name)
        if given is not None and given != report.get(key):
            raise CliError(f"--resume {args.resume}: --{name} {given} differs from the campaign's {report.get(key)}")
        setattr(args, name, report.get(key))
    try:
        statements = [resolve(i) for i in ids]
    except UnknownStatement as exc:
        raise CliError(f"--resume {args.resume}: {exc}") from None
    done = {s["id"]: s for s in report["statements"] if s.get("stop_reason") != "interrupted"}
    journals = checkpoint.get("journals")
    try:
        for entry in done.values():
            statement_from_dict(entry)
        if not isinstance(journals, dict) or not all(isinstance(k, str) for k in journals):
            raise JournalError("no 'journals' object keyed by statement id")
        for entries in journals.values():
            Journal.from_json(entries)
    except (JournalError, TypeError, KeyError) as exc:
        raise CliError(f"--resume {args.resume}: the checkpoint is damaged: {exc}") from None
    resumption = Resumption(done=done, journals=journals, seconds=float(meta.get("wall_seconds") or 0.0),
                            source=str(args.resume))
    return resumption, statements


def _run(args: argparse.Namespace, statements: list, default_budget: float, default_out: str) -> tuple[AuditResult, Path, int | None]:
    out = _check_out(args.out) if args.out else None
    if args.html:
        _check_out(args.html, "--html")
    resumption = None
    if args.resume is not None:
        resumption, statements = _resumption(args, statements)
        out = out or _check_out(args.resume)
        seconds = args.budget
    else:
        seconds = args.budget if args.budget is not None else (None if args.cases is not None else default_budget)
    if args.scheduler is not None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise CliError("--scheduler needs Dask: pip install 'proofcheck[dask]'") from None
    seed = 0 if args.seed is None else args.seed
    dps = 50 if args.dps is None else args.dps
    progress = ProgressLine(total=len(statements))
    argv = " ".join(sys.argv[1:]) if sys.argv else ""
    with _Interrupt() as interrupt:
        try:
            result = run(statements, seed=seed, dps=dps, seconds=seconds, cases=args.cases,
                         progress=progress, should_stop=interrupt, command=f"proofcheck {argv}".strip(),
                         resume=resumption, workers=args.workers or default_workers(), scheduler=args.scheduler)
        except OSError as exc:
            if args.scheduler is None:
                raise
            raise CliError(f"--scheduler {args.scheduler}: cannot reach the Dask scheduler: {exc}") from None
        except JournalError as exc:
            raise CliError(f"--resume {args.resume}: the checkpoint cannot be replayed: {exc}") from None
    progress.close()
    out = out or _default_out(default_out)
    json_report.write(result, out)
    if args.html:
        json_report.write_atomic(args.html, html.render(json_report.as_json(result)))
    return result, out, interrupt.signum


def _exit_code(result: AuditResult, signum: int | None) -> int:
    if signum is not None:
        return 128 + signum
    return 1 if any(s.verdict in ("violated", "error") for s in result.statements) else 0


def _finish(args: argparse.Namespace, result: AuditResult, out: Path, signum: int | None) -> int:
    """Say what was written; the exit code."""
    print(f"\nwrote {out}" + ("  (partial: interrupted)" if result.meta.get("partial") else ""))
    if args.html:
        print(f"wrote {args.html}")
    return _exit_code(result, signum)


def _cmd_list() -> int:
    for sid, s in discover().items():
        print(f"{sid:<18} {s.ref:<42} [{s.checked_by:<7}] {s.statement}")
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    statements = list(discover().values())
    result, out, signum = _run(args, statements, DEFAULT_AUDIT_BUDGET, "audit.json")
    report = json_report.as_json(result)
    print(text.table(report))
    return _finish(args, result, out, signum)


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
    return _finish(args, result, out, signum)


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
    cert = certify(statement, witness)
    print(f"Arb enclosure ({cert.bits} bits): {cert.status.value} - {cert.detail}"
          + (f"; LHS in {cert.lhs}, RHS in {cert.rhs}" if cert.lhs else ""))
    return 1 if c.status == "violated" else 0


def _cmd_selftest(args: argparse.Namespace) -> int:
    statements = [resolve(i) for i in args.ids] if args.ids else list(discover().values())
    progress = ProgressLine(total=2 * len(statements))  # each statement, then its planted variant
    with _Interrupt() as interrupt:
        results = selftest(statements, seed=args.seed, cases=args.cases, dps=args.dps, progress=progress,
                           should_stop=interrupt)
    progress.close()
    print(f"{'statement':<22} {'true verdict':<13} {'worst':>10} {'planted x':>10} {'planted verdict':<16} outcome")
    for r in results:
        worst = f"{r.worst_ratio:.6g}" if r.worst_ratio is not None else "-"
        factor = f"{r.factor:.4g}" if r.factor is not None else "-"
        print(f"{r.id:<22} {r.true_verdict:<13} {worst:>10} {factor:>10} {r.planted_verdict or '-':<16} {r.outcome}")
    detected, total = detection_rate(results)
    print(f"\ndetection rate: {detected}/{total}" + (f" ({100 * detected / total:.0f}%)" if total else ""))
    if interrupt.signum is not None:
        return 128 + interrupt.signum
    return 0 if detected == total else 1


def _cmd_study(args: argparse.Namespace) -> int:
    from proofcheck.app import studies
    from proofcheck.report import plots
    out = _check_out(args.out)
    scaling = studies.scaling(seed=args.seed, eps=args.eps, progress=lambda name: print(f"study: {name}", file=sys.stderr))
    sandwich = studies.sandwich()
    if scaling["partial"]:
        print("study: interrupted; writing the models measured so far (marked partial)", file=sys.stderr)
    stem = out.with_suffix("")
    scaling["plot"] = str(plots.scaling_plot(scaling, Path(f"{stem}-alpha.svg")))
    sandwich["plot"] = str(plots.sandwich_plot(sandwich, Path(f"{stem}-sandwich.svg")))
    json_report.write_atomic(out, json.dumps({"scaling": scaling, "sandwich": sandwich}, indent=1))
    for name, res in scaling["models"].items():
        fit = res["fit"]
        slope = "too few crossings" if fit["slope"] is None else \
            f"slope {fit['slope']:.3f} +- {fit['stderr']:.3f} (95% {fit['ci95'][0]:.2f}..{fit['ci95'][1]:.2f}, {fit['points']} points)"
        print(f"{name:<26} log T_eps vs log alpha: {slope}")
    print(f"sandwich: measured/lower >= {sandwich['measured_over_lower_min']:.3f}, "
          f"upper/measured >= {sandwich['upper_over_measured_min']:.3f}")
    print(f"wrote {out}, {scaling['plot']}, {sandwich['plot']}")
    return 130 if scaling["partial"] else 0


def _cmd_report(args: argparse.Namespace) -> int:
    if args.html:
        _check_out(args.html, "--html")
    try:
        report = json_report.read(args.source)
    except json_report.ReportError as exc:
        raise CliError(str(exc)) from None
    if args.html:
        try:
            page = html.render(report)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise CliError(f"{args.source}: cannot render this report: {type(exc).__name__}: {exc}") from None
        json_report.write_atomic(args.html, page)
        print(f"wrote {args.html} ({args.html.stat().st_size} bytes) from {args.source}")
        return 0
    print(text.summary(report))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
        if args.command is None:
            raise CliError("a command is required: list, audit, fuzz ID, replay FILE, report, selftest")
        if args.command == "list":
            return _cmd_list()
        if args.command == "audit":
            return _cmd_audit(args)
        if args.command == "fuzz":
            return _cmd_fuzz(args)
        if args.command == "replay":
            return _cmd_replay(args)
        if args.command == "selftest":
            return _cmd_selftest(args)
        if args.command == "study":
            return _cmd_study(args)
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
