"""Checking a statement's printed proof, step by step.

Each step is judged like a statement: first on the worst witnesses of the statement it serves
(the step's own parameters on a grid, the worst grid point screened in float64, then confirmed in
mpmath at two precisions and certified in Arb), then by its own adversarial search over its case
space. A step is ``violated`` only on a certified violation (on the statement's witness or found by
its search); algebra steps are ``proved``, ``disproved`` or ``undecided`` by sympy. The chain's
summary (k of n steps stand, the first failing step, a proof gap, the cause of a violation) is
``proofcheck.core.results.proof_summary``.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from proofcheck.core.cases import witness_values
from proofcheck.core.judgement import CaseStatus, CertificateStatus
from proofcheck.core.proof import Step, step_id, step_statement, witness_grid
from proofcheck.core.results import Confirmation, ProofResult, StatementResult, StepResult, judged_ratio, proof_summary
from proofcheck.core.statement import Statement
from proofcheck.core.symbolic import SymbolicStep
from proofcheck.search.certify import certify
from proofcheck.search.confirm import confirm
from proofcheck.search.engine import Progress, search, statement_seed, stream, SYMBOLIC_STREAM
from proofcheck.search.evaluate import screen_f64

ON_WITNESS = 1  # the statement's worst confirmed cases each step is judged on
STEP_SHARE = 0.4  # of a statement's time budget, the share its proof's steps get together
MIN_STEP_CASES = 100
STEP_CONFIRMATIONS = 1  # a step's own search confirms its best case (the statement's confirms six)


def _algebra(step: Step, sid: str, seed: int) -> StepResult:
    clock = time.monotonic()
    try:
        found = list(step.symbolic(stream(statement_seed(seed, sid), SYMBOLIC_STREAM))) if step.symbolic else []
    except Exception as exc:  # a failing sympy step is reported, never fatal
        found = [SymbolicStep(step.text, "proof step", "undecided", f"raised {type(exc).__name__}: {exc}")]
    if any(s.outcome == "disproved" for s in found):
        verdict, reason = "disproved", next(s.claim for s in found if s.outcome == "disproved")
    elif found and all(s.outcome == "proved" for s in found):
        verdict, reason = "proved", f"{len(found)} sympy step(s) proved"
    else:
        verdict, reason = "undecided", next((s.detail for s in found if s.outcome == "undecided"), "no sympy step")
    return StepResult(id=sid, label=step.label, text=step.text, place=step.place, uses=list(step.uses),
                      checked_by="algebra", verdict=verdict, reason=reason, symbolic=found, reading=step.reading,  # type: ignore[arg-type]
                      seconds=round(time.monotonic() - clock, 3), follows=list(step.follows), intended=step.intended)


def _worst_grid_point(stmt: Statement, grid: list[dict[str, Any]]) -> dict[str, Any]:
    """The grid point whose float64 ratio is largest (the first when none is finite)."""
    if len(grid) == 1:
        return grid[0]
    best, best_ratio = grid[0], -np.inf
    for w in grid:
        try:
            dims, values = witness_values(stmt.space, w)
            ratio = float(screen_f64(stmt, dims, values, np.random.default_rng(0)).ratio[0])
        except (ArithmeticError, ValueError, FloatingPointError):
            continue
        if np.isfinite(ratio) and ratio > best_ratio:
            best, best_ratio = w, ratio
    return best


def on_witness(step: Step, stmt: Statement, result: StatementResult, dps: int) -> Confirmation | None:
    """The step judged on the statement's worst confirmed cases: the worst of them, confirmed and
    certified (None when the statement has no confirmed case or mpmath cannot evaluate the step)."""
    cases = sorted(result.confirmations, key=lambda c: -float(judged_ratio(c) if judged_ratio(c) is not None
                                                                else c.ratio_hi))[:ON_WITNESS]
    judged: list[Confirmation] = []
    for case in cases:
        point = _worst_grid_point(stmt, witness_grid(step, case.witness))
        witness = {"statement": stmt.id, **{k: v for k, v in point.items() if k != "statement"}}
        try:
            confirmation = confirm(stmt, witness, dps, "statement witness", "proof")
        except (ArithmeticError, MemoryError, ValueError):
            continue
        confirmation.certificate = certify(stmt, witness)
        judged.append(confirmation)
    return max(judged, key=judged_ratio, default=None)


def _numeric(statement: Statement, k: int, result: StatementResult, seed: int, cases: int | None,
             seconds: float | None, dps: int, progress: Progress | None,
             should_stop: Callable[[], bool] | None, known: Sequence[dict[str, Any]] = ()) -> StepResult:
    step, stmt = statement.proof[k - 1], step_statement(statement, k)
    clock = time.monotonic()
    seen = on_witness(step, stmt, result, dps) if result.confirmations else None
    own = search(stmt, seed=seed, cases=cases, seconds=seconds, dps=dps, progress=progress, should_stop=should_stop,
                 confirm_count=STEP_CONFIRMATIONS, starts=2, known=known)
    verdict, reason = own.verdict, own.reason
    failed_there = (seen is not None and seen.certificate is not None
                    and seen.certificate.status is CertificateStatus.CERTIFIED_VIOLATION)
    if failed_there and verdict == "proved":  # a certified violation against a proof: a defect
        verdict, reason = "error", f"fails on the statement's witness, against its proof ({seen.certificate.detail})"
    elif failed_there and verdict != "violated":
        verdict, reason = "violated", f"fails on the statement's witness ({seen.certificate.detail})"
    worst, worst_text, witness = own.worst_ratio, own.worst_ratio_text, own.witness
    if seen is not None and (worst is None or float(judged_ratio(seen)) > worst):
        worst, worst_text, witness = float(judged_ratio(seen)), seen.ratio_hi, seen.witness
    status = ""
    if seen is not None:
        status = ("violated" if failed_there else "boundary" if seen.status is CaseStatus.BOUNDARY
                  else "unconfirmed" if seen.status is CaseStatus.VIOLATED else "holds")
    return StepResult(id=stmt.id, label=step.label, text=step.text, place=step.place, uses=list(step.uses),
                      checked_by=stmt.checked_by, verdict=verdict, reason=reason, worst_ratio=worst,  # type: ignore[arg-type]
                      worst_ratio_text=worst_text, witness=witness, cases=own.cases,
                      on_witness_ratio=float(judged_ratio(seen)) if seen is not None else None,
                      on_witness_status=status, on_witness_case=seen.witness if seen is not None else None,
                      certificate=seen.certificate if failed_there else (
                          own.confirmations[0].certificate if own.confirmations else None),
                      symbolic=own.symbolic, reading=step.reading, seconds=round(time.monotonic() - clock, 3),
                      follows=list(step.follows), intended=step.intended,
                      branch_and_bound=own.branch_and_bound)


def check_proof(statement: Statement, result: StatementResult, seed: int = 0, cases: int | None = None,
                seconds: float | None = None, dps: int = 50, progress: Progress | None = None,
                should_stop: Callable[[], bool] | None = None,
                known: Mapping[str, Sequence[dict[str, Any]]] | None = None) -> ProofResult | None:
    """Every printed step of the statement's proof judged, in the document's order; None when the
    statement declares no proof chain. ``cases`` and ``seconds`` are per numeric step; ``known``:
    witnesses each step's search replays first, by step id."""
    if not statement.proof:
        return None
    stop = should_stop or (lambda: False)
    steps: list[StepResult] = []
    for k, step in enumerate(statement.proof, start=1):
        if stop():
            break
        if step.numeric:
            steps.append(_numeric(statement, k, result, seed, cases, seconds, dps, progress, stop,
                                  (known or {}).get(step_id(statement.id, k), ())))
        else:
            steps.append(_algebra(step, step_id(statement.id, k), seed))
    return proof_summary(steps, result.verdict)


def step_budget(statement: Statement, cases: int | None, seconds: float | None) -> tuple[int | None, float | None,
                                                                                       float | None]:
    """(cases per step, seconds per step, seconds for the statement's own search): the steps share
    STEP_SHARE of a time budget; with a case budget each step gets an eighth of it (at least
    MIN_STEP_CASES)."""
    numeric = sum(s.numeric for s in statement.proof)
    step_cases = None if cases is None else max(MIN_STEP_CASES, cases // 8)
    if seconds is None or not numeric:
        return step_cases, None, seconds
    return step_cases, STEP_SHARE * seconds / numeric, (1 - STEP_SHARE) * seconds


def search_with_proof(statement: Statement, seed: int = 0, cases: int | None = None, seconds: float | None = None,
                      dps: int = 50, progress: Progress | None = None, should_stop: Callable[[], bool] | None = None,
                      journal: Any = None, known: Mapping[str, Sequence[dict[str, Any]]] | None = None
                      ) -> StatementResult:
    """The statement's search, then its proof's steps (when it declares a chain and was not stopped).
    ``known``: witnesses to replay first, by statement or step id (a witness database's)."""
    step_cases, step_seconds, own_seconds = step_budget(statement, cases, seconds)
    result = search(statement, seed=seed, cases=cases, seconds=own_seconds, dps=dps, progress=progress,
                    should_stop=should_stop, journal=journal, known=(known or {}).get(statement.id, ()))
    if statement.proof and result.stop_reason != "interrupted":
        result.proof = check_proof(statement, result, seed, step_cases, step_seconds, dps, progress, should_stop,
                                   known)
    return result
