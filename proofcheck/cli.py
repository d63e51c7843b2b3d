"""The command line: ``proofcheck list | audit | fuzz ID | replay | selftest | study | report | errata | db``.

Exit codes: 0 nothing violated; 1 a violation confirmed (or a statement that could not be
evaluated); 2 bad input; 130 / 143 interrupted by SIGINT / SIGTERM (a partial report is written).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import signal
import sys
from pathlib import Path
from typing import Any, Sequence

from proofcheck import api, cli_db
from proofcheck.core.version import __version__
from proofcheck.api import InputError as CliError
from proofcheck.app import new_pack
from proofcheck.app.schedule import default_workers
from proofcheck.app.selftest import database_summary, detection_rate, selftest
from proofcheck.core.registry import PackError, UnknownStatement, named_pack
from proofcheck.progress import ProgressLine
from proofcheck.report import html, json_report, text


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would print usage and exit; we want one line
        raise CliError(message)


def _checked(parse: Any, check: Any, name: str, what: str) -> Any:
    """An argparse type: the string parsed, then checked by the API (one message for both faces)."""
    def convert(text: str) -> Any:
        try:
            value = parse(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be {what}, got '{text}'") from None
        try:
            return check(name, value)
        except CliError as exc:
            raise argparse.ArgumentTypeError(exc.reason) from None
    return convert


def _int_in(name: str) -> Any:
    return _checked(int, api.check_int, name, "an integer")


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


_positive_seconds = _checked(float, api.check_seconds, "budget", "a number of seconds")


def _pack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pack", metavar="NAME", help="the pack whose statements to use (proofcheck packs lists them; "
                                                       "default: the one installed, or $PROOFCHECK_PACK)")


def _parser() -> _Parser:
    p = _Parser(prog="proofcheck", description="Check the numbered statements of a document, each document a pack "
                                                "(proofcheck packs lists those installed).")
    p.add_argument("--version", action="version", version=f"proofcheck {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("packs", help="the packs installed: name, version, statements, title")
    ls = sub.add_parser("list", help="one line per registered statement")
    ls.add_argument("--steps", action="store_true", help="also list the printed steps of every proof (fuzz ID:step-K)")
    _pack_option(ls)
    for name, help_ in (("audit", "check the registered statements (all, or those named)"),
                        ("fuzz", "search one statement for its worst case")):
        q = sub.add_parser(name, help=help_)
        if name == "fuzz":
            q.add_argument("id", help="statement id (see proofcheck list), PACK/ID where two packs share it, or a "
                                      "proof step ID:step-K")
        else:
            q.add_argument("ids", nargs="*", help="statement ids (default: every statement)")
        q.add_argument("--budget", type=_positive_seconds, help="seconds (audit: for the whole run)")
        q.add_argument("--cases", type=_int_in("cases"), help="cases per statement (deterministic for a seed)")
        q.add_argument("--seed", type=_int_in("seed"), help="master seed (default 0)")
        q.add_argument("--dps", type=_int_in("dps"), help="confirmation digits (>= 15; default 50)")
        q.add_argument("--out", type=Path, help="JSON report path")
        q.add_argument("--force", action="store_true",
                       help="replace --out even when it is not a proofcheck report or is read-only")
        q.add_argument("--html", type=Path, metavar="FILE", help="also write the HTML slack report to FILE")
        q.add_argument("--workers", type=_int_in("workers"), help="processes (default: the number of cores)")
        q.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on a Dask cluster (tcp://host:8786) instead of local processes; needs proofcheck[dask]")
        q.add_argument("--resume", type=Path, metavar="FILE",
                       help="continue the interrupted campaign FILE (a partial report) with its own settings")
        cli_db.add_options(q)
        _pack_option(q)
    w = sub.add_parser("replay", help="judge a witness again (a witness file, or a report with --id)")
    w.add_argument("file", type=Path, help="witness JSON, or a report written by audit or fuzz")
    w.add_argument("--id", help="the statement whose witness to take from a report")
    w.add_argument("--dps", type=_int_in("dps"), default=50, help="digits (the case is also judged at twice them)")
    w.add_argument("--certificate", action="store_true",
                   help="re-check the report's branch-and-bound certificates, box by box, without the prover")
    t = sub.add_parser("selftest", help="plant a bug in each statement and check that it is found")
    t.add_argument("ids", nargs="*", help="statement ids (default: every statement)")
    t.add_argument("--cases", type=_int_in("selftest cases"), help="cases per search (default 4000)")
    t.add_argument("--seed", type=_int_in("seed"), default=0)
    t.add_argument("--dps", type=_int_in("dps"), default=30)
    t.add_argument("--workers", type=_int_in("workers"), help="processes (default: the number of cores)")
    t.add_argument("--budget", type=_positive_seconds,
                   help=f"seconds for the whole selftest, shared by its searches (default {SELFTEST_BUDGET:.0f} unless "
                        "--cases is given: then each search runs to its case budget, reproducibly)")
    cli_db.add_options(t)
    _pack_option(t)
    st = sub.add_parser("study", help="run a study its pack declares (proofcheck packs lists them)")
    st.add_argument("name", help="the study's name, e.g. scaling")
    _pack_option(st)
    st.add_argument("--seed", type=_int_in("seed"), default=0)
    st.add_argument("--eps", type=_float_in(1e-6, 10.0), default=0.01, help="accuracy asked of the NTK approximation")
    st.add_argument("--out", type=Path, default=Path("reports/study-scaling.json"), help="JSON path (plots beside it)")
    r = sub.add_parser("report", help="summarize a JSON report as text")
    r.add_argument("--in", dest="source", type=Path, default=Path("reports/audit.json"))
    e = sub.add_parser("errata", help="the report's diagnoses as an erratum (Markdown)")
    e.add_argument("--in", dest="source", type=Path, default=Path("reports/audit.json"), help="a report (default reports/audit.json)")
    e.add_argument("--out", type=Path, default=Path("reports/errata.md"), help="Markdown path (default reports/errata.md)")
    r.add_argument("--html", type=Path, metavar="FILE", help="write the self-contained HTML slack report to FILE")
    n = sub.add_parser("new-pack", help="write the skeleton of a pack in a distribution of its own")
    n.add_argument("name", help="the pack's name: lowercase letters, digits, '-' and '.'")
    n.add_argument("--dir", type=Path, default=Path("."), help="the folder to write it in (default: here)")
    n.add_argument("--title", help="the document, as cited")
    cli_db.add_parser(sub, _Parser)
    return p


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


SELFTEST_BUDGET = 270.0  # seconds for the whole default selftest, shared by its searches as they start
STUDY_FILE = Path("reports/study-scaling.json")  # what `proofcheck study scaling` writes by default


def _default_out(name: str) -> Path:
    Path("reports").mkdir(exist_ok=True)
    return Path("reports") / name


def _run(args: argparse.Namespace, ids: list[str], default_out: str) -> tuple[api.Audit, Path, int | None]:
    out = api.check_replaceable(args.out, "--out", args.force) if args.out else None
    if args.html:
        api.check_writable(args.html, "--html")
    if out is None and args.resume is None:
        api.check_replaceable(_default_out(default_out), "--out", args.force)
    if args.resume is not None:
        try:
            json_report.read(args.resume)  # an unreadable campaign is named before its folder is
        except json_report.ReportError as exc:
            raise CliError(str(exc)) from None
        out = out or api.check_writable(args.resume, "--out")
    progress = ProgressLine(total=len(ids))
    argv = " ".join(sys.argv[1:]) if sys.argv else ""
    with _Interrupt() as interrupt:
        settings = dict(budget=args.budget, cases=args.cases, seed=args.seed, dps=args.dps, workers=args.workers,
                        progress=progress, should_stop=interrupt, resume=args.resume, scheduler=args.scheduler,
                        command=f"proofcheck {argv}".strip(), database=cli_db.database_path(args))
        result = api.fuzz(args.id, pack=args.pack, **settings) if args.command == "fuzz" else \
            api.audit(None if args.resume or not args.ids else args.ids, pack=args.pack, **settings)
    progress.close()
    out = out or _default_out(default_out)
    result.write_json(out, force=args.force)
    if args.html:
        result.to_html(args.html, api.load_studies(STUDY_FILE))
    return result, out, interrupt.signum


def _exit_code(result: api.Audit, signum: int | None) -> int:
    if signum is not None:
        return 128 + signum
    return 1 if result.violated else 0


def _finish(args: argparse.Namespace, result: api.Audit, out: Path, signum: int | None) -> int:
    """Say what was written; the exit code."""
    if result.meta.get("database"):
        print("\n" + cli_db.summary_line(result.meta["database"]))
    print(f"\nwrote {out}" + ("  (partial: interrupted)" if result.meta.get("partial") else ""))
    if args.html:
        print(f"wrote {args.html}")
    return _exit_code(result, signum)


def _cmd_packs() -> int:
    for p in api.installed_packs().values():
        studies = f"; studies: {', '.join(p.studies)}" if p.studies else ""
        print(f"{p.name:<22} {p.version:<8} {len(api.statements(p.name)):>3} statements  {p.title}{studies}")
    for b in api.broken_packs():
        print(f"{b.name:<22} BROKEN   {b.reason}")
    return 0


def _cmd_list(steps: bool = False, pack: str | None = None) -> int:
    chosen = pack or named_pack()
    names = [chosen] if chosen is not None else list(api.installed_packs())
    for name in names:
        if len(names) > 1:  # one block per pack, headed by its name
            print(f"{'' if name == names[0] else chr(10)}{name}: {api.pack_named(name).title}")
        _list_pack(api.statements(name), steps)
    return 0


def _list_pack(statements: dict[str, Any], steps: bool) -> None:
    for sid, s in statements.items():
        print(f"{sid:<18} {s.ref:<42} [{s.checked_by:<7}] {s.statement}")
        if steps:
            for k, step in enumerate(s.proof, start=1):
                how = "numeric" if step.numeric else "algebra"
                print(f"  {sid + ':step-' + str(k):<28} {step.label:<8} [{how:<7}] {step.text}")


def _cmd_audit(args: argparse.Namespace) -> int:
    ids = [s.id for s in (api.statements_named(args.ids, args.pack) if args.ids else api.pack_statements(args.pack))]
    result, out, signum = _run(args, ids, "audit.json")
    report = result.to_json()
    print(text.table(report))
    for line in text.findings(report):
        print(line)
    return _finish(args, result, out, signum)


def _cmd_fuzz(args: argparse.Namespace) -> int:
    statement = api.statements_named([args.id], args.pack)[0]
    safe = statement.id.replace(":", "_")
    result, out, signum = _run(args, [statement.id], f"fuzz-{safe}.json")
    report = result.to_json()
    print(text.table(report))
    if result.statements:
        s = report["statements"][0]
        print(f"\n{s['id']}: {s['verdict']} ({s['reason']})")
        print(f"worst LHS/RHS {s['worst_ratio_text'] or '-'} after {s['cases']} cases; stopped: {s['stop_reason']}")
        if s["witness"]:
            print("witness: " + json.dumps(s["witness"], separators=(",", ":")))
        if s.get("diagnosis"):
            print("diagnosis: " + text.diagnosis_line(s["diagnosis"]))
    return _finish(args, result, out, signum)


def _cmd_recheck(args: argparse.Namespace) -> int:
    rows = api.recheck(args.file, args.id)
    for r in rows:
        proof = f", the proof took {r.proof_seconds} s" if r.proof_seconds is not None else ""
        print(f"{r.id}: certificate {'re-checked' if r.ok else 'REFUSED'}: {r.boxes} boxes in {r.seconds} s{proof}"
              + (f" - {r.failure}" if r.failure else ""))
    return 0 if all(r.ok for r in rows) else 1


def _cmd_replay(args: argparse.Namespace) -> int:
    if args.certificate:
        return _cmd_recheck(args)
    try:
        judged = api.replay(args.file, args.id, args.dps)
    except (ArithmeticError, ValueError) as exc:
        if isinstance(exc, (CliError, UnknownStatement)):
            raise
        print(f"proofcheck: the witness could not be evaluated: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    statement, witness, c, cert = judged.statement, judged.witness, judged.confirmation, judged.certificate
    print(f"{statement.id}: {statement.statement}")
    print(f"dims {json.dumps(witness['dims'], separators=(',', ':'))}")
    for dps, lhs, rhs, ratio in ((c.dps, c.lhs, c.rhs, c.ratio), (c.dps_hi, c.lhs_hi, c.rhs_hi, c.ratio_hi)):
        print(f"at {dps:>4} digits: LHS {lhs}   RHS {rhs}   LHS/RHS {ratio}")
    print(f"numerical error of the ratio: {c.error:.3g} (precisions tried: {', '.join(map(str, c.precisions))})")
    print(f"verdict at this precision: {c.status}")
    print(f"Arb enclosure ({cert.bits} bits): {cert.status} - {cert.detail}"
          + (f"; LHS in {cert.lhs}, RHS in {cert.rhs}" if cert.lhs else ""))
    return 1 if c.status == "violated" else 0


def _cmd_selftest(args: argparse.Namespace) -> int:
    statements = api.statements_named(args.ids, args.pack) if args.ids else list(api.statements(args.pack).values())
    workers = args.workers or default_workers()
    progress = ProgressLine(total=len(statements))
    # the whole selftest's seconds, shared by its statements as they start (proofcheck.app.schedule)
    budget = args.budget if args.budget is not None else (None if args.cases_given else SELFTEST_BUDGET)
    db_path = cli_db.database_path(args)
    database = api.open_database(db_path, progress) if db_path is not None else None
    with _Interrupt() as interrupt:
        results = selftest(statements, seed=args.seed, cases=args.cases, dps=args.dps, progress=progress,
                           should_stop=interrupt, workers=workers, budget=budget, database=database)
    progress.close()
    print(f"{'statement':<22} {'true verdict':<13} {'worst':>10} {'planted x':>10} {'planted verdict':<16} "
          f"{'seconds':>8} outcome")
    for r in results:
        worst = f"{r.worst_ratio:.6g}" if r.worst_ratio is not None else "-"
        factor = f"{r.factor:.4g}" if r.factor is not None else "-"
        print(f"{r.id:<22} {r.true_verdict:<13} {worst:>10} {factor:>10} {r.planted_verdict or '-':<16} "
              f"{r.seconds:>8.1f} {r.outcome}")
    detected, total = detection_rate(results)
    print(f"\ndetection rate: {detected}/{total}" + (f" ({100 * detected / total:.0f}%)" if total else ""))
    if database is not None:
        print(cli_db.summary_line(database_summary(database, results)))
    if interrupt.signum is not None:
        return 128 + interrupt.signum
    return 0 if detected == total else 1


def _cmd_study(args: argparse.Namespace) -> int:
    document = api.pack_named(args.pack)
    if args.name not in document.studies:
        there = ", ".join(document.studies) or "none"
        raise CliError(f"pack {document.name} declares no study '{args.name}' (its studies: {there})")
    out = api.check_writable(args.out, "--out")
    found = document.studies[args.name](seed=args.seed, eps=args.eps, stem=str(out.with_suffix("")),
                                        progress=lambda name: print(f"study: {name}", file=sys.stderr))
    partial = any(study.partial for study in found)
    if partial:
        print("study: interrupted; writing what was measured so far (marked partial)", file=sys.stderr)
    json_report.write_atomic(out, json.dumps({"pack": document.name, "study": args.name,
                                              "studies": [dataclasses.asdict(s) for s in found]}, indent=1))
    for study in found:
        print(study.title)
        for line in study.lines:
            print(f"  {line}")
    print(f"wrote {out}" + "".join(f", {s.plot}" for s in found if s.plot))
    return 130 if partial else 0


def _cmd_new_pack(args: argparse.Namespace) -> int:
    try:
        skeleton = new_pack.write(args.name, args.dir, args.title)
    except new_pack.NewPackError as exc:
        raise CliError(str(exc)) from None
    for path in skeleton.files:
        print(f"wrote {path}")
    print(f"\nnext: pip install -e {skeleton.root}, then proofcheck packs (it lists {args.name}) and "
          f"proofcheck audit --pack {args.name}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    if args.html:
        api.check_writable(args.html, "--html")
    try:
        report = json_report.read(args.source)
    except json_report.ReportError as exc:
        raise CliError(str(exc)) from None
    if args.html:
        try:
            page = html.render(report, api.load_studies(STUDY_FILE))
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise CliError(f"{args.source}: cannot render this report: {type(exc).__name__}: {exc}") from None
        json_report.write_atomic(args.html, page)
        print(f"wrote {args.html} ({args.html.stat().st_size} bytes) from {args.source}")
        return 0
    print(text.summary(report))
    return 0


def _cmd_errata(args: argparse.Namespace) -> int:
    api.check_writable(args.out, "--out")
    try:
        text_md, _ = api.errata(args.source)
    except api.InputError as exc:
        raise CliError(str(exc)) from None
    json_report.write_atomic(args.out, text_md)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes) from {args.source}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
        if args.command is None:
            raise CliError("a command is required: packs, list, audit, fuzz ID, replay FILE, report, errata, selftest, "
                           "study NAME, db, new-pack NAME")
        if args.command == "packs":
            return _cmd_packs()
        if args.command == "list":
            return _cmd_list(args.steps, args.pack)
        if args.command == "audit":
            return _cmd_audit(args)
        if args.command == "fuzz":
            return _cmd_fuzz(args)
        if args.command == "replay":
            return _cmd_replay(args)
        if args.command == "selftest":
            args.cases_given = args.cases is not None
            args.cases = args.cases if args.cases is not None else 4000
            return _cmd_selftest(args)
        if args.command == "study":
            return _cmd_study(args)
        if args.command == "errata":
            return _cmd_errata(args)
        if args.command == "db":
            return cli_db.run(args)
        if args.command == "new-pack":
            return _cmd_new_pack(args)
        return _cmd_report(args)
    except (UnknownStatement, PackError) as exc:
        print(f"proofcheck: error: {exc}", file=sys.stderr)
        return 2
    except CliError as exc:
        print(f"proofcheck: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader stopped early (proofcheck list | head): not an error of ours
        sys.stdout = open(os.devnull, "w")
        return 0
    except OSError as exc:
        print(f"proofcheck: error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
