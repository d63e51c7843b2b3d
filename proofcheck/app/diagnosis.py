"""Diagnosing a failure: shrink its witness, follow the scales of the problem from there, classify,
and point to the repaired statement and its verdict.

``diagnose`` works on one failing statement or proof step (its worst certified witness);
``diagnose_report`` fills the ``diagnosis`` of every violated statement and failing step of a
report's results, within a time budget. The repaired statement's verdict is read from the same
report when it was audited there.
"""
from __future__ import annotations

import dataclasses
import math
import time
from typing import Any, Callable

from proofcheck.app import frequencies
from proofcheck.app.existential_diagnosis import existential_findings
from proofcheck.app.order_diagnosis import order_diagnosis
from proofcheck.search.closed_form import closed_form
from proofcheck.core.registry import UnknownStatement, discover, pack_name_of, resolve
from proofcheck.core.pack import MODEL_CLASS, on_model_class
from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.proof import split_step_id
from proofcheck.core.results import (AuditResult, Confirmation, Diagnosis, ScaleFamily, StatementResult, StepResult,
                                     certification_counts, judged_ratio, proof_summary)
from proofcheck.core.statement import Statement
from proofcheck.search.certify import certify
from proofcheck.search.confirm import confirm
from proofcheck.core.verdicts import family_view, step_verdict_decided, verdict_of
from proofcheck.search.engine import scaling_audit, search
from proofcheck.search.scaling import (FROM_SEARCH, check_uniformity, classify, confirmed, follow, follow_declared,
                                       scalable)
from proofcheck.search.shrink import MAX_EVALUATIONS, judge_case, shrink

DIAGNOSIS_SHARE = 0.2  # of an audit's time budget, kept for diagnosing what it found violated


def repaired_id(statement_id: str) -> str:
    """The repair of a statement or step: 'lemma-4:step-2' -> 'lemma-4:repaired', and on a model class
    'lemma-4@ball' -> 'lemma-4:repaired@ball'."""
    declared, model_class = on_model_class(statement_id.split(":step-")[0])
    return f"{declared.split(':')[0]}:repaired" + (f"{MODEL_CLASS}{model_class}" if model_class else "")


def _exponent_dict(e: Any) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"exponent": e.value, "interval": list(e.interval) if e.interval else None, "last_slope": e.last,
            "slopes": list(e.slopes), "why": e.why}


REPAIR_CASES = 2000  # the case budget of a repaired statement audited here (one the report did not audit)


def _repair(statement: Statement, repairs: dict[str, tuple[str, float | None]] | None
            ) -> tuple[Statement | None, str | None, float | None]:
    """The statement's repaired form (None without one) and its verdict and worst ratio, where known."""
    repair = repaired_id(statement.id)
    try:
        repaired: Statement | None = resolve(repair, pack_name=pack_name_of(statement))
    except UnknownStatement:
        repaired = None
    verdict, ratio = (repairs or {}).get(repair, (None, None))
    return repaired, verdict, ratio


def diagnose(statement: Statement, witness: dict[str, Any], worst_ratio: float | None, dps: int = 30,
             should_stop: Callable[[], bool] | None = None, repairs: dict[str, tuple[str, float | None]] | None = None,
             audit_repairs: bool = False, seed: int = 0) -> Diagnosis:
    """The diagnosis alone (see ``diagnose_with_case``)."""
    return diagnose_with_case(statement, witness, worst_ratio, dps, should_stop, repairs, audit_repairs, seed)[0]


def diagnose_with_case(statement: Statement, witness: dict[str, Any], worst_ratio: float | None, dps: int = 30,
                       should_stop: Callable[[], bool] | None = None,
                       repairs: dict[str, tuple[str, float | None]] | None = None, audit_repairs: bool = False,
                       seed: int = 0, interrupted: Callable[[], bool] | None = None) -> tuple[Diagnosis, Confirmation | None]:
    """``_classified``, with the certified shrunk witness's sides as closed forms where sympy writes them."""
    found, confirmation = _classified(statement, witness, worst_ratio, dps, should_stop, repairs, audit_repairs, seed,
                                      interrupted)
    if not (found.shrunk_certified and found.shrunk_witness):
        return found, confirmation
    exact, why = closed_form(statement, found.shrunk_witness, dps)
    return dataclasses.replace(found, closed_form=dataclasses.asdict(exact) if exact else None,
                               closed_form_why=why), confirmation


def _classified(statement: Statement, witness: dict[str, Any], worst_ratio: float | None, dps: int = 30,
                should_stop: Callable[[], bool] | None = None,
                repairs: dict[str, tuple[str, float | None]] | None = None, audit_repairs: bool = False,
                seed: int = 0, interrupted: Callable[[], bool] | None = None) -> tuple[Diagnosis, Confirmation | None]:
    """Shrink the witness (certified), follow each scale family from the shrunk witness, classify,
    and name the repaired statement with its verdict: from ``repairs`` (id -> (verdict, worst
    ratio), the run's own), or audited here with REPAIR_CASES when ``audit_repairs``. ``should_stop`` ends
    the time share (shrinking stops there); ``interrupted`` ends everything (the evidence a class needs,
    the intended reading's search and the certified points of a growth, is gathered until then)."""
    clock = time.monotonic()
    hard_stop = interrupted if interrupted is not None else should_stop
    repaired, verdict, ratio = _repair(statement, repairs)
    if repaired is not None and verdict is None and audit_repairs:
        audited = search(repaired, seed=seed, cases=REPAIR_CASES, dps=dps, should_stop=should_stop)
        verdict, ratio = audited.verdict, audited.worst_ratio
    known_repair = repaired.id if repaired is not None else None
    repair_fields = dict(repair=known_repair, repair_verdict=verdict, repair_statement=repaired.statement if repaired else "",
                         repair_ratio=ratio)
    if worst_ratio is None or not worst_ratio > 1:
        # violated by a symbolic step (a commuting case) while the search found no violating case:
        # nothing to shrink, but the statement's declared families may still show a growth
        declared = [follow_declared(statement, {k: v for k, v in witness.items() if k != "statement"}, f)
                    for f in statement.scale_families] if witness else []
        grown = classify_confirmed(statement, declared, None) if declared else None
        sequence = certified_sequence(statement, grown.family, dps, hard_stop) if grown and grown.family else []
        if grown is not None and grown.klass in ("missing-factor", "unbounded") and any(p["certified"] for p in sequence):
            first = next(p for p in sequence if p["certified"])
            evidence = grown.evidence + "; certified along it: " + ", ".join(
                f"s = {p['s']:g}: {_ratio_text(p['ratio'])}" for p in sequence if p["certified"])
            return Diagnosis(klass=grown.klass, parameter=grown.parameter, exponent=grown.exponent,
                             interval=list(grown.interval) if grown.interval else None, shrunk_witness=first["witness"],
                             shrunk_ratio=first["ratio"], shrunk_certified=True, **repair_fields,
                             families=[_family_result(f) for f in declared], evidence=evidence, sequence=sequence,
                             predicted=scaling_audit(statement).get("predicted", []), uniformity=uniformity_of(statement),
                             seconds=round(time.monotonic() - clock, 3)), None
        return Diagnosis(klass="unclassified", reason="no violating case was found to shrink (the verdict rests on a "
                                                      "disproved symbolic step) and no declared family shows a certified growth",
                         **repair_fields, predicted=scaling_audit(statement).get("predicted", []),
                         uniformity=uniformity_of(statement), seconds=round(time.monotonic() - clock, 3)), None
    late = should_stop is not None and should_stop()
    # past its share a witness is still shrunk a little: a finding needs a witness a reader can check
    shrunk = shrink(statement, witness, dps=dps, should_stop=hard_stop if late else should_stop,
                    max_evaluations=LATE_SHRINK if late else MAX_EVALUATIONS)
    if statement.intended is not None:
        typo = _judge_reading(statement.intended, witness, shrunk.witness, dps, seed, hard_stop)
        if typo is not None:
            return Diagnosis(klass="typo", shrunk_witness=shrunk.witness, shrunk_ratio=shrunk.ratio if shrunk.certified else None,
                             shrunk_ratio_text=shrunk.ratio_text, shrunk_certified=shrunk.certified,
                             shrink_steps=shrunk.changes, **repair_fields, predicted=scaling_audit(statement).get("predicted", []),
                             seconds=round(time.monotonic() - clock, 3), **typo), shrunk.confirmation
    base = {k: v for k, v in shrunk.witness.items() if k != "statement"}
    families = follow_all(statement, base)
    original = {k: v for k, v in witness.items() if k != "statement"}
    if original != base:
        # a witness shrunk below the dimensions where a failure grows (a path needs n = 2 to turn) can
        # hide the growth: the search's own witness is followed too, and the stronger evidence counts
        families += [dataclasses.replace(f, parameter=f.parameter + FROM_SEARCH)
                     for f in follow_all(statement, original)]
    shrunk_ratio = shrunk.ratio if shrunk.certified else worst_ratio
    best = max([r for r in (shrunk_ratio, worst_ratio) if r is not None], default=None)
    found = classify_confirmed(statement, families, best)
    sequence = certified_sequence(statement, found.family, dps, hard_stop) if found.family is not None else []
    if sequence and not any(p["certified"] for p in sequence):
        found.evidence += "; no point of the family could be certified"
    elif sequence:
        found.evidence += "; certified along it: " + ", ".join(
            f"s = {p['s']:g}: {_ratio_text(p['ratio'])}" for p in sequence if p["certified"])
    # the repair's factor speaks for the statement it repairs, not for a line of its proof
    constant = constant_interval(best, statement.constant_printed, repaired if split_step_id(statement.id) is None
                                 else None) if found.klass == "constant-slip" else None

    return Diagnosis(
        klass=found.klass, parameter=found.parameter, exponent=found.exponent,
        interval=list(found.interval) if found.interval else None, constant=found.constant,
        shrunk_witness=shrunk.witness, shrunk_ratio=shrunk.ratio if shrunk.certified else None,
        shrunk_ratio_text=shrunk.ratio_text, shrunk_certified=shrunk.certified, shrink_steps=shrunk.changes,
        **repair_fields,
        families=[_family_result(f) for f in families],
        evidence=found.evidence, reason=found.reason, sequence=sequence, constant_interval=constant,
        predicted=scaling_audit(statement).get("predicted", []), uniformity=uniformity_of(statement),
        seconds=round(time.monotonic() - clock, 3)), shrunk.confirmation


LATE_SHRINK = 120  # the evaluations a witness is shrunk with past the diagnosis's share
LARGE = 1e6  # a ratio past this is shown as 'above 1e+06': its family, not its digits, is the finding
MIN_READING_CASES = 200  # a reading is said to hold on no fewer cases than this
SEQUENCE = 3  # the points of a growing family certified as its evidence


def classify_confirmed(statement: Statement, families: list[Any], worst: float | None) -> Any:
    """The class the families show, where a growth is decided only by a family whose ratios mpmath
    confirmed (float64 paths and flows can be far off at stiff points): the deciding family is
    confirmed and the classification done again until it rests on confirmed values."""
    families = list(families)
    for _ in range(len(families) + 1):
        found = classify(families, statement.constant_printed, worst)
        if found.family is None or found.family.confirmed:
            return found
        index = next(i for i, f in enumerate(families) if f is found.family)
        families[index] = confirmed(statement, found.family)
    return classify(families, statement.constant_printed, worst)


def _family_result(f: Any) -> ScaleFamily:
    return ScaleFamily(f.parameter, f.scales, f.ratios, _exponent_dict(f.low_end), _exponent_dict(f.high_end), f.growth,
                       f.stopped)


def _ratio_text(r: float) -> str:
    return f"{r:.4g}" if r <= LARGE else f"above {LARGE:.0e}"


def follow_all(statement: Statement, base: dict[str, Any]) -> list[Any]:
    """Every scale family of the statement through one witness: each scalable parameter, then the
    statement's declared families."""
    return ([follow(statement, base, p) for p in scalable(statement)]
            + [follow_declared(statement, base, f) for f in statement.scale_families])


def certified_sequence(statement: Statement, family: Any, dps: int,
                       should_stop: Callable[[], bool] | None) -> list[dict[str, Any]]:
    """The cases at a growing family's largest ratios, confirmed and certified: the witnesses that show it grows."""
    out = []
    for s in family.violating(SEQUENCE):
        if should_stop is not None and should_stop():
            break
        case = {**family.cases[s], "statement": statement.id}
        confirmation, certificate = judge_case(statement, case, dps)
        if confirmation is None:
            continue
        out.append({"s": s, "ratio": float(judged_ratio(confirmation)), "witness": case,
                    "certified": certificate is not None and certificate.status is CertificateStatus.CERTIFIED_VIOLATION})
    return out


def constant_interval(worst: float | None, printed: str | None, repaired: Statement | None) -> list[float | None] | None:
    """The constant a slip demands as [certified lower end, the repair's constant]: the printed
    constant (1 for a line that prints none) times the certified worst ratio, and times the repair's
    declared factor (None without one). Whether the repair stands is known only once the whole run
    is (``proofcheck.app.findings`` keeps the upper end only then)."""
    try:
        base = float(printed) if printed else 1.0  # a constant printed as a formula ("2 L") has no interval
    except ValueError:
        return None
    low = base * worst if worst is not None and math.isfinite(worst) else None
    high = base * repaired.repair_factor if repaired is not None and repaired.repair_factor else None
    return None if low is None and high is None else [low, high]


def _judge_reading(reading: Statement, witness: dict[str, Any], shrunk: dict[str, Any], dps: int, seed: int,
                   should_stop: Callable[[], bool] | None) -> dict[str, Any] | None:
    """A line's intended reading judged where the printed line fails (its witness and the shrunk one,
    confirmed and certified) and by a search of its own: the typo's fields when it stands there and
    nowhere fails, None when it fails too (then the printed line's failure is classified as usual)."""
    seen = []
    for case in (witness, shrunk):
        tagged = {**{k: v for k, v in case.items() if k != "statement"}, "statement": reading.id}
        c = confirm(reading, tagged, dps)
        c.certificate = certify(reading, tagged)
        seen.append(c)
    if any(c.certificate is not None and c.certificate.status is CertificateStatus.CERTIFIED_VIOLATION for c in seen):
        return None
    audited = search(reading, seed=seed, cases=REPAIR_CASES, dps=dps, should_stop=should_stop)
    # an intended line that is tight (an equality on some cases, which no precision decides) stands
    at_equality = audited.verdict == "inconclusive" and audited.worst_ratio is not None and audited.worst_ratio <= 1 + 1e-9
    if (audited.verdict not in ("holds", "proved") and not at_equality) or audited.cases < MIN_READING_CASES:
        return None
    on_witness = max(float(judged_ratio(c)) for c in seen)
    return {"reading": reading.statement, "reading_verdict": audited.verdict, "reading_ratio": audited.worst_ratio,
            "reading_cases": audited.cases,
            "evidence": f"the printed line fails (certified) while the intended reading holds: LHS/RHS {on_witness:.4g} on "
                        f"the printed line's witness, worst {audited.worst_ratio:.4g} over {audited.cases} cases of its own search"
                        + (" (an equality on its tightest cases)" if at_equality else "")}


def uniformity_of(statement: Statement) -> dict[str, Any] | None:
    """The statement's uniformity claim checked, as plain data (None without one)."""
    found = check_uniformity(statement)
    if found is None:
        return None
    e = found.exponent
    return {"class": "uniformity", "parameter": found.parameter, "fixed": found.fixed, "values": found.values,
            "lhs": found.lhs, "exponent": e.value if e else None,
            "interval": list(e.interval) if e and e.interval else None, "last_slope": e.last if e else None,
            "exponent_why": e.why if e else "", "grows": found.grows, "why": found.why, "refused": found.refused}


def _failing_steps(result: StatementResult) -> list[StepResult]:
    if result.proof is None:
        return []
    return [s for s in result.proof.steps if failing(s.verdict, s.worst_ratio) and s.witness is not None]


def failing(verdict: str, worst: float | None) -> bool:
    """Violated, or inconclusive with a case mpmath confirms above 1 that Arb did not certify (a
    shrunk witness may be certified where the search's own was out of the enclosures' reach)."""
    return verdict == "violated" or (verdict == "inconclusive" and worst is not None and worst > 1)


def _decided_by_shrinking(target: Any, found: Diagnosis, shrunk_confirmation: Confirmation | None) -> None:
    """An inconclusive statement or step whose shrunk witness is a certified violation is violated:
    the shrunk case joins its confirmations and the verdict is judged again."""
    if target.verdict != "inconclusive" or not found.shrunk_certified or shrunk_confirmation is None:
        return
    if isinstance(target, StatementResult):
        target.confirmations.append(shrunk_confirmation)
        target.verdict, target.reason = verdict_of(target.symbolic, target.confirmations, target.existential)
        target.reason += "; decided by the diagnosis's shrunk witness"
        target.certification = certification_counts(target.confirmations)
    else:
        target.verdict, target.reason = step_verdict_decided(shrunk_confirmation.certificate.detail)
        target.certificate = shrunk_confirmation.certificate


def _targets(statements: list[StatementResult]) -> list[tuple[Any, StatementResult | None]]:
    """What is left to diagnose: violated statements first, then failing proof steps (with their statement)."""
    todo: list[tuple[Any, StatementResult | None]] = [
        (s, None) for s in statements if failing(s.verdict, s.worst_ratio)
        and (s.witness is not None or s.order or frequencies.growing_constant(s) is not None) and s.diagnosis is None]
    todo += [(step, s) for s in statements for step in _failing_steps(s) if step.diagnosis is None]
    return todo


def diagnose_results(statements: list[StatementResult], seed: int = 0, seconds: float | None = None, dps: int = 30,
                     should_stop: Callable[[], bool] | None = None,
                     progress: Callable[[dict[str, Any]], None] | None = None,
                     repairs: dict[str, tuple[str, float | None]] | None = None, audit_repairs: bool = False,
                     pack: str | None = None) -> None:
    """Every violated statement, then every failing proof step, of ``statements`` diagnosed (in
    place), until ``seconds`` are spent. ``repairs``: the repaired statements' verdicts known so far
    (id -> (verdict, worst ratio)). A statement or step left inconclusive by an uncertified violation
    becomes violated when its shrunk witness is certified. ``pack``: the pack whose statements they are."""
    stop = should_stop or (lambda: False)
    start = time.monotonic()
    known = discover(pack)
    verdicts = dict(repairs or {})

    def out_of_time() -> bool:
        return stop() or (seconds is not None and time.monotonic() - start > seconds)

    for target, parent in _targets(statements):
        # past its share a target is still diagnosed, with shrinking cut short: every finding of a run is
        # diagnosed in that run; only an interruption stops here
        if stop():
            return
        try:
            statement = resolve(target.id, known, pack)
        except UnknownStatement:
            continue
        if progress:
            progress({"id": target.id, "phase": "diagnose", "cases": 0, "best": target.worst_ratio or float("nan"),
                      "seconds": time.monotonic() - start})
        refuting = [f for f in getattr(target, "existential", []) if family_view(f).refutes]
        grown = frequencies.growing_constant(target)  # a statement with probability: its needed constant grows
        try:
            if refuting:
                found, confirmation = existential_findings(refuting, *_repair(statement, verdicts)), None
            elif grown is not None:
                found, confirmation = frequencies.constant_diagnosis(statement, grown, *_repair(statement, verdicts)), None
            elif getattr(target, "order", None):  # a measured exponent beyond its claim (proofcheck.app.order_diagnosis)
                found, confirmation = order_diagnosis(statement, target.order, *_repair(statement, verdicts)), None
            else:
                found, confirmation = diagnose_with_case(statement, target.witness, target.worst_ratio, dps=dps,
                                                         should_stop=out_of_time, repairs=verdicts,
                                                         audit_repairs=audit_repairs, seed=seed, interrupted=stop)
        except Exception as exc:  # a diagnosis that fails loses neither the search's result nor the others' diagnoses
            found, confirmation = Diagnosis(klass="unclassified", reason=f"its diagnosis failed: "
                                            f"{type(exc).__name__}: {exc}"), None
        target.diagnosis = found
        _decided_by_shrinking(target, found, confirmation)
        for owner in ([parent] if parent is not None else [target]):
            if owner.proof is not None:  # a step's verdict, or its statement's, may have changed
                owner.proof = proof_summary(owner.proof.steps, owner.verdict)
        if found.repair and found.repair_verdict:  # audited here once, read back for the other findings
            verdicts.setdefault(found.repair, (found.repair_verdict, found.repair_ratio))


def fill_repairs(statements: list[StatementResult]) -> None:
    """Each diagnosis's repaired statement given its verdict and worst ratio from the same run (a
    statement diagnosed in a worker process did not know them)."""
    verdicts = {s.id: (s.verdict, s.worst_ratio) for s in statements}
    for s in statements:
        found = [s.diagnosis] + [st.diagnosis for st in (s.proof.steps if s.proof else [])]
        for d in found:
            if d is not None and d.repair in verdicts and d.repair_verdict is None:
                d.repair_verdict, d.repair_ratio = verdicts[d.repair]


def diagnose_report(result: AuditResult, seconds: float | None = None, dps: int = 30,
                    should_stop: Callable[[], bool] | None = None,
                    progress: Callable[[dict[str, Any]], None] | None = None, audit_repairs: bool = False,
                    pack: str | None = None) -> AuditResult:
    """``diagnose_results`` over a whole result, the repaired statements' verdicts read from it."""
    verdicts = {s.id: (s.verdict, s.worst_ratio) for s in result.statements}
    diagnose_results(result.statements, result.seed, seconds, dps, should_stop, progress, verdicts, audit_repairs,
                     pack)
    fill_repairs(result.statements)
    return result
