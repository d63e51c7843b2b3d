"""The Python API, for scripts and notebooks; the command line is a thin layer over it.

    import proofcheck
    proofcheck.installed_packs()             # the documents installed, by pack name
    result = proofcheck.audit(pack="<name>", cases=2000, seed=1)  # or ids, as `proofcheck list` prints them
    result                                  # in Jupyter: the verdict table
    result.to_html("reports/slack.html")    # the self-contained slack report
    proofcheck.replay(result.statements[0].witness).confirmation.ratio_hi

Bad arguments raise ``InputError`` (a ``ValueError``) whose message is the one line the CLI prints;
an unknown id raises ``UnknownStatement`` (also a ``ValueError``), with the closest ids.
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from proofcheck.app.database import BUNDLE, DatabaseError, Entry, WitnessDatabase, definition_hash, statement_for
from proofcheck.app.recheck import RecheckError, recheck_report
from proofcheck.app.replay import Replayed, ReplayError, judge, load_json, load_witness, witness_of
from proofcheck.app.runner import Progress, Resumption, resumption_from_report, run
from proofcheck.app.schedule import default_workers
from proofcheck.core.pack import Pack
from proofcheck.core.registry import (PackError, UnknownStatement, broken_packs, default_pack, discover, pack, packs,
                                       resolve)
from proofcheck.core.registry import steps as registry_steps
from proofcheck.core.results import AuditResult
from proofcheck.core.statement import Statement
from proofcheck.app.diagnosis import diagnose_report, failing
from proofcheck.core.results import statement_from_dict, to_dict
from proofcheck.app.findings import find
from proofcheck.report import errata as errata_report
from proofcheck.report import html, json_report
from proofcheck.search.journal import JournalError

DEFAULT_AUDIT_BUDGET = 300.0
DEFAULT_FUZZ_BUDGET = 60.0
DEFAULT_SEED = 0
DEFAULT_DPS = 50
LIMITS = {"cases": (1, 10**9), "seed": (0, 2**63 - 1), "dps": (15, 5000), "workers": (1, 256),
          "selftest cases": (100, 10**7)}


class InputError(ValueError):
    """Bad input to the API or the CLI: the message is one line, and nothing has been written.
    For a bad argument, ``reason`` is what is wrong with its value (the CLI names the option)."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason or message


def _bad(name: str, reason: str) -> InputError:
    return InputError(f"{name}: {reason}", reason)


def check_int(name: str, value: Any) -> int:
    """``value`` as an integer within the limits of ``name`` (LIMITS); InputError otherwise."""
    low, high = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(name, f"must be an integer, got {value!r}")
    if not low <= value <= high:
        raise _bad(name, f"must be between {low} and {high}, got {value}")
    return value


def check_seconds(name: str, value: Any) -> float:
    """``value`` as a positive finite number of seconds; InputError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(name, f"must be a number of seconds, got {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise _bad(name, f"must be a positive number of seconds, got {value}")
    return float(value)


def check_writable(path: Path | str, option: str) -> Path:
    """A file path whose folder exists and is writable, and that is not a folder itself."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(f"{option} {path} is a folder, not a file")
    if not folder.is_dir():
        raise InputError(f"{option} {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise InputError(f"{option} {path}: folder {folder} is not writable")
    return path


def check_replaceable(path: Path | str, option: str, force: bool = False) -> Path:
    """A report path that may be replaced: absent, or a proofcheck report that is writable. Any other
    existing file (a notes.json, a read-only report) is refused unless ``force``: nothing already
    written is lost by a mistyped --out."""
    path = check_writable(path, option)
    if force or not path.exists():
        return path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        ours = isinstance(data, dict) and data.get("tool") == "proofcheck"
    except (OSError, UnicodeDecodeError, ValueError):
        ours = False
    if not ours:
        raise InputError(f"{option} {path} exists and is not a proofcheck report: refusing to replace it (--force does)")
    # its mode, not os.access: a root user may write anything, but a file marked read-only was meant to stay
    if not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK):
        raise InputError(f"{option} {path} is read-only: refusing to replace it (--force does)")
    return path


@dataclass
class Audit(AuditResult):
    """An audit's result (the ``AuditResult`` dataclass) with its renderings."""

    def to_json(self) -> dict[str, Any]:
        """The JSON report as plain data (what ``proofcheck audit`` writes)."""
        return json_report.as_json(self)

    def write_json(self, path: Path | str, force: bool = False) -> Path:
        """Write the JSON report (atomically) and return its path; an existing file that is not a
        proofcheck report, or is read-only, is replaced only with ``force``."""
        path = check_replaceable(path, "--out", force)
        json_report.write(self, path)
        return path

    def to_html(self, path: Path | str, studies: dict[str, Any] | None = None) -> Path:
        """Write the self-contained HTML slack report and return its path."""
        path = check_writable(path, "--html")
        json_report.write_atomic(path, html.render(self.to_json(), studies))
        return path

    def _repr_html_(self) -> str:
        return html.verdict_table(self.to_json())

    @property
    def violated(self) -> bool:
        """Whether a statement is violated (or could not be evaluated)."""
        return any(s.verdict in ("violated", "error") for s in self.statements)


def warning_event(line: str) -> dict[str, Any]:
    """A progress event that carries one warning line (a skipped database file): ``phase`` "warning"."""
    return {"id": "", "phase": "warning", "message": line, "cases": 0, "best": float("nan"), "seconds": 0.0}


def open_database(path: Path | str, progress: Progress | None = None, create: bool = True,
                  option: str = "--db") -> WitnessDatabase:
    """The witness database at ``path`` (made when absent and ``create``), its warnings sent to
    ``progress`` as warning events; InputError (one line) for a path that cannot be one."""
    warn = (lambda line: progress(warning_event(line))) if progress is not None else None
    try:
        return WitnessDatabase.open(path, warn, create=create, option=option)
    except DatabaseError as exc:
        raise InputError(str(exc)) from None


def definition_of(sid: str) -> str | None:
    """The current definition hash of the statement (or step, or planted variant's statement) an
    entry's id names; None when no statement has that id today."""
    try:
        return definition_hash(statement_for(sid)) if not sid.endswith(":planted") else None
    except UnknownStatement:
        return None


def database_rows(database: WitnessDatabase, id: str | None = None) -> list[Entry]:
    """The database's entries: every readable one (by id, best first), or those of ``id`` (an id,
    alias or step id) under its current definition, best first."""
    if id is None:
        return sorted(database.all_entries(), key=lambda e: (e.statement, -e.ratio, e.name))
    return database.entries_for(resolve(id))


def statements(pack: str | None = None) -> dict[str, Statement]:
    """Every registered statement of ``pack`` (default: of every pack installed, an id two packs share as
    ``PACK/ID``), by id, in each document's order."""
    try:
        return discover(pack)
    except PackError as exc:
        raise InputError(str(exc)) from None


def installed_packs() -> dict[str, Pack]:
    """The packs installed (entry-point group ``proofcheck.packs``), by name."""
    return packs()


def pack_named(name: str | None) -> Pack:
    """The pack of that name (None: the default pack); InputError with one line otherwise."""
    try:
        return pack(name) if name is not None else default_pack()
    except PackError as exc:
        raise InputError(str(exc)) from None


def proof_steps() -> list[tuple[str, Statement, int]]:
    """Every printed proof step: (step id ``<statement>:step-<k>``, its statement, k), in the document's order."""
    return registry_steps()


def statements_named(ids: Sequence[str], pack: str | None = None) -> list[Statement]:
    """The statements these ids (or aliases; ``PACK/ID``) name, in ``pack`` if given; UnknownStatement for
    one that names none."""
    try:
        known = discover(pack)
    except PackError as exc:
        raise InputError(str(exc)) from None
    return [resolve(i, known, pack) for i in ids]


def pack_statements(pack: str | None = None) -> list[Statement]:
    """Every statement of ``pack`` (default: the one installed, or ``$PROOFCHECK_PACK``)."""
    return list(statements(pack if pack is not None else pack_named(None).name).values())


def _settings(budget: float | None, cases: int | None, seed: int | None, dps: int | None,
              workers: int | None) -> tuple[float | None, int | None, int, int, int]:
    return (None if budget is None else check_seconds("budget", budget),
            None if cases is None else check_int("cases", cases),
            DEFAULT_SEED if seed is None else check_int("seed", seed),
            DEFAULT_DPS if dps is None else check_int("dps", dps),
            default_workers() if workers is None else check_int("workers", workers))


def _campaign(chosen: list[Statement], budget: float | None, cases: int | None, seed: int | None,
              dps: int | None, workers: int | None, default_budget: float, progress: Progress | None,
              should_stop: Callable[[], bool] | None, resume: Path | str | None, scheduler: str | None,
              command: str, database: Path | str | None = None) -> Audit:
    resumption: Resumption | None = None
    if resume is not None:
        try:
            report = json_report.read(Path(resume))
        except json_report.ReportError as exc:
            raise InputError(str(exc)) from None
        given = {"seed": seed, "dps": dps, "cases": cases, "budget": budget}
        try:
            resumption, ids, settings = resumption_from_report(report, str(resume), given,
                                                               fuzz_of=chosen[0].id if len(chosen) == 1 else None)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        chosen = [resolve(i) for i in ids]
        seed, dps, cases, budget = settings["seed"], settings["dps"], settings["cases"], settings["budget"]
    elif budget is None and cases is None:
        budget = default_budget
    budget_s, cases_n, seed_n, dps_n, workers_n = _settings(budget, cases, seed, dps, workers)
    if scheduler is not None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise InputError("--scheduler needs Dask: pip install 'proofcheck[dask]'") from None
    db = open_database(database, progress) if database is not None else None
    try:
        result = run(chosen, seed=seed_n, dps=dps_n, seconds=budget_s, cases=cases_n, progress=progress,
                     should_stop=should_stop, command=command, resume=resumption, workers=workers_n,
                     scheduler=scheduler, database=db)
    except OSError as exc:
        if scheduler is None:
            raise
        raise InputError(f"--scheduler {scheduler}: cannot reach the Dask scheduler: {exc}") from None
    except JournalError as exc:  # a checkpoint whose journal cannot be replayed
        raise InputError(f"--resume {resume}: the checkpoint cannot be replayed: {exc}") from None
    return Audit(**{f.name: getattr(result, f.name) for f in dataclasses.fields(AuditResult)})


def audit(ids: Sequence[str] | None = None, budget: float | None = None, cases: int | None = None,
          seed: int | None = None, dps: int | None = None, workers: int | None = None, *,
          progress: Progress | None = None, should_stop: Callable[[], bool] | None = None,
          resume: Path | str | None = None, scheduler: str | None = None, command: str = "",
          database: Path | str | None = None, pack: str | None = None) -> Audit:
    """Check statements (every statement of ``pack`` by default: the one pack installed, or the pack
    ``$PROOFCHECK_PACK`` names; ids may be ``PACK/ID``). ``budget``: seconds for the whole run
    (300 when neither it nor ``cases`` is given); ``cases``: a case budget per statement, which with
    ``seed`` (default 0) makes the result reproducible; ``dps``: confirmation digits (default 50);
    ``workers``: processes (default: the cores); ``resume``: a partial report to go on with;
    ``database``: a witness database folder to replay first and to store into (None: none; the
    command line's default is ``.proofcheck``)."""
    if isinstance(ids, str):
        ids = [ids]
    chosen = pack_statements(pack) if ids is None else statements_named(ids, pack)
    return _campaign(chosen, budget, cases, seed, dps, workers, DEFAULT_AUDIT_BUDGET, progress, should_stop,
                     resume, scheduler, command, database)


def fuzz(id: str, budget: float | None = None, cases: int | None = None, seed: int | None = None,
         dps: int | None = None, workers: int | None = None, *, progress: Progress | None = None,
         should_stop: Callable[[], bool] | None = None, resume: Path | str | None = None,
         scheduler: str | None = None, command: str = "", database: Path | str | None = None,
         pack: str | None = None) -> Audit:
    """Search one statement for its worst case (60 seconds when neither ``budget`` nor ``cases`` is
    given); ``database`` as for ``audit``; ``pack`` where the id alone is ambiguous."""
    return _campaign(statements_named([id], pack), budget, cases, seed, dps, workers, DEFAULT_FUZZ_BUDGET, progress, should_stop,
                     resume, scheduler, command, database)


def replay(witness: dict[str, Any] | Path | str, id: str | None = None, dps: int | None = None) -> Replayed:
    """Judge a witness again at ``dps`` and twice the digits, and certify it: the witness as a dict
    (``{"statement", "dims", "values"}``), or a witness file or report (``id`` names the statement)."""
    dps_n = DEFAULT_DPS if dps is None else check_int("dps", dps)
    try:
        if isinstance(witness, dict):
            statement, case = witness_of(witness, id, "the witness")
        else:
            statement, case = load_witness(Path(witness), id)
    except ReplayError as exc:
        raise InputError(str(exc)) from None
    return judge(statement, case, dps_n)


def recheck(source: Path | str, id: str | None = None) -> list[Any]:
    """Re-check the branch-and-bound certificates a report stores (``id``: one statement or step's only),
    without the prover; InputError for a file that is not a report or holds none."""
    try:
        return recheck_report(load_json(Path(source)), id)
    except (RecheckError, ReplayError) as exc:
        raise InputError(str(exc)) from None


def report_pack(report: dict[str, Any]) -> dict[str, Any]:
    """The pack a report checked, as its ``meta`` names it; for a report written before packs, the one
    installed pack that declares all its ids ({} if none does)."""
    named = (report.get("meta") or {}).get("pack")
    if isinstance(named, dict) and named.get("name"):
        return named
    ids = [s.get("id", "") for s in report.get("statements") or [] if isinstance(s, dict)]
    covering = [p for p in packs().values() if ids and all(p.is_statement_id(i) for i in ids)]
    return covering[0].meta() if len(covering) == 1 else {}


def errata(source: Path | str, dps: int | None = None) -> tuple[str, dict[str, Any]]:
    """The errata of a report (Markdown) and the report with every violated statement and failing
    proof step diagnosed (diagnoses an older report lacks are computed here, in memory, at the
    report's own digits unless ``dps`` is given: the report file is not changed). InputError for a
    file that is not a report."""
    try:
        report = json_report.read(Path(source))
    except json_report.ReportError as exc:
        raise InputError(str(exc)) from None
    def undiagnosed(x: dict[str, Any]) -> bool:
        worst = x.get("worst_ratio")
        return failing(str(x.get("verdict")), worst if isinstance(worst, (int, float)) else None) and not x.get("diagnosis")

    missing = [s for s in report["statements"]
               if undiagnosed(s) or any(undiagnosed(st) for st in ((s.get("proof") or {}).get("steps") or []))]
    if missing:
        try:
            results = [statement_from_dict(s) for s in report["statements"]]
        except (TypeError, KeyError, ValueError) as exc:
            raise InputError(f"{source}: cannot read its statements back: {type(exc).__name__}: {exc}") from None
        digits = check_int("dps", dps) if dps is not None else int(report.get("dps") or DEFAULT_DPS)
        audit = AuditResult("proofcheck", str(report.get("version")), int(report.get("seed") or 0), digits, None, None,
                            results)
        diagnose_report(audit, dps=digits, audit_repairs=True, pack=report_pack(report).get("name"))
        before = {s["id"] for s in report["statements"] if s.get("diagnosis")}
        statements = json_report.as_json(audit)["statements"]
        added = [s["id"] for s in statements if s.get("diagnosis") and s["id"] not in before]
        added += [st["id"] for s in statements for st in ((s.get("proof") or {}).get("steps") or [])
                  if st.get("diagnosis") and not any(st["id"] == o["id"] and o.get("diagnosis") for x in report["statements"]
                                                     for o in ((x.get("proof") or {}).get("steps") or []))]
        report = {**report, "statements": statements,
                  "meta": {**(report.get("meta") or {}), "diagnosed_by_errata": added}}
    if not isinstance(report.get("findings"), list) or missing:
        report = {**report, "findings": [to_dict(f) for f in find(report, report_pack(report).get("main_result"))]}
    report.setdefault("meta", {}).setdefault("title", report_pack(report).get("title") or "")
    return errata_report.markdown(report), report


def load_studies(path: Path | str) -> dict[str, Any] | None:
    """What ``proofcheck study scaling`` wrote at ``path`` (its JSON, each plot's SVG under
    ``plot_svg``), for the HTML report; None when there is none."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for study in data.get("studies") or [] if isinstance(data, dict) else []:
        if isinstance(study, dict) and study.get("plot"):
            try:
                study["plot_svg"] = Path(study["plot"]).read_text(encoding="utf-8")
            except OSError:
                pass
    return data


__all__ = ["Audit", "InputError", "UnknownStatement", "audit", "errata", "fuzz", "replay", "statements", "load_studies",
           "installed_packs", "broken_packs", "pack_named", "pack_statements"]
