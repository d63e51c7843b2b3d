"""Results as plain dataclasses. Reporters read these and nothing else."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

from proofcheck.core.symbolic import SymbolicStep

Verdict = Literal["proved", "holds", "violated", "inconclusive", "error"]
CaseStatus = Literal["holds", "violated", "boundary"]
VERDICTS: tuple[str, ...] = ("proved", "holds", "violated", "inconclusive", "error")
FORMAT_VERSION = 1


@dataclass
class Confirmation:
    """One candidate re-evaluated in mpmath at ``dps`` and at ``dps_hi`` digits.

    ``error`` estimates the numerical error of the ratio; ``status`` is ``violated`` only when the
    ratio exceeds 1 by more than that error at both precisions, ``boundary`` when it lies within it.
    """

    witness: dict[str, Any]
    family: str
    phase: str
    screen_ratio: float
    dps: int
    lhs: str
    rhs: str
    ratio: str
    dps_hi: int
    lhs_hi: str
    rhs_hi: str
    ratio_hi: str
    error: float
    status: CaseStatus
    precisions: list[int] = field(default_factory=list)
    certificate: dict[str, Any] | None = None


@dataclass
class PhaseStats:
    name: str
    seconds: float = 0.0
    cases: int = 0


@dataclass
class StatementResult:
    """What the search found for one statement."""

    id: str
    ref: str
    statement: str
    kind: str
    checked_by: str
    uses: list[str]
    verdict: Verdict
    cases: int
    worst_ratio: float | None
    worst_ratio_text: str
    witness: dict[str, Any] | None
    symbolic: list[SymbolicStep]
    seconds: float
    dps: int
    seed: int
    stop_reason: str
    phases: list[PhaseStats] = field(default_factory=list)
    confirmations: list[Confirmation] = field(default_factory=list)
    screen_best_ratio: float | None = None
    unreliable_cases: int = 0
    artifacts: int = 0
    best_by_family: dict[str, float] = field(default_factory=dict)
    history: list[list[float]] = field(default_factory=list)
    histogram: dict[str, list[float]] = field(default_factory=dict)
    constant_printed: str | None = None
    constant_proof: str | None = None
    reason: str = ""


@dataclass
class AuditResult:
    """A run of the checker over one or more statements."""

    tool: str
    version: str
    seed: int
    dps: int
    budget_s: float | None
    cases_budget: int | None
    statements: list[StatementResult]
    meta: dict[str, Any] = field(default_factory=dict)
    checkpoint: dict[str, Any] | None = None


def statement_from_dict(d: dict[str, Any]) -> StatementResult:
    """A StatementResult read back from its JSON (a completed statement of a resumed campaign)."""
    names = {f.name for f in dataclasses.fields(StatementResult)}
    data = {k: v for k, v in d.items() if k in names}
    data["symbolic"] = [SymbolicStep(**x) for x in d.get("symbolic", [])]
    data["phases"] = [PhaseStats(**x) for x in d.get("phases", [])]
    data["confirmations"] = [Confirmation(**x) for x in d.get("confirmations", [])]
    return StatementResult(**data)


def to_dict(obj: Any) -> Any:
    """A dataclass tree as plain JSON-ready data."""
    return dataclasses.asdict(obj)
