"""Results as plain dataclasses. Reporters read these and nothing else."""
from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Any, Literal

from proofcheck.core.judgement import CaseStatus, CertificateStatus, Status
from proofcheck.core.proved import BranchAndBound, from_dict as branch_and_bound_from_dict
from proofcheck.core.symbolic import SymbolicStep

Verdict = Literal["proved", "holds", "violated", "inconclusive", "error"]
VERDICTS: tuple[str, ...] = ("proved", "holds", "violated", "inconclusive", "error")
FORMAT_VERSION = 1

# a field with this metadata stays in memory and is not written into the JSON report
IN_MEMORY = {"report": False}
# a field with this metadata is written into the JSON report only when it is not empty
WHEN_SET = {"empty": False}


class StopReason(Status):
    """Why a statement's search stopped, recorded where its loop ended (Hypothesis' exit reason)."""

    INTERRUPTED = "interrupted"
    CASE_BUDGET = "case budget spent"
    TIME_BUDGET = "time budget spent"
    TOO_FEW_CASES = "too few cases left for another local search"
    NO_START = "no verified case to start a local search from"
    CONVERGED = "every local search converged before the budget was spent"
    VIOLATION = "a violation verified in mpmath, and the search asked to stop at the first"
    ERROR = "error"


@dataclass
class Certificate:
    """What Arb ball arithmetic proves about one witness: ``status``, why (``detail``), the working
    precision, and the enclosures of both sides as text (empty when none was computed)."""

    status: CertificateStatus
    detail: str
    bits: int
    lhs: str = ""
    rhs: str = ""
    # the upper end of the ratio's enclosure (oriented so that above 1 is a violation), when finite
    ratio_upper: float | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Certificate":
        return cls(CertificateStatus(d["status"]), d.get("detail", ""), int(d.get("bits", 0)), d.get("lhs", ""),
                   d.get("rhs", ""), d.get("ratio_upper"))


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
    certificate: Certificate | None = None
    # the ratio at dps_hi digits as a number (the report keeps its text): the worst case is picked by it
    ratio_hi_value: Any = field(default=None, compare=False, metadata=IN_MEMORY)


@dataclass
class PhaseStats:
    name: str
    seconds: float = 0.0
    cases: int = 0


@dataclass
class ScaleFamily:
    """One parameter of a failing witness moved to each of ``scales``: the ratios seen (None where
    not evaluated), the asymptotic exponents at the low and the high end of the range (the limit of
    the local slopes, its interval from the model's misfit, the last slope, why it did not
    converge), how much the ratio rose, and why the family stopped short (``stopped``, empty when it
    reached both ends)."""

    parameter: str
    scales: list[float]
    ratios: list[float | None]
    low_end: dict[str, Any] | None
    high_end: dict[str, Any] | None
    growth: float
    stopped: list[str] = field(default_factory=list)


@dataclass
class Diagnosis:
    """What a failure is: ``klass`` (``constant-slip``, ``missing-factor``, ``unbounded``, or
    ``uniformity``), the ``parameter`` and ``exponent`` (with its 95% ``interval``) of a missing
    factor, the ``constant`` the evidence demands for a slip, the shrunk witness (certified, with
    its ratio and the changes that made it), the repaired statement and its verdict, the scale
    families followed, and any symbolic prediction."""

    klass: str
    parameter: str | None = None
    exponent: float | None = None
    interval: list[float] | None = None
    constant: str | None = None
    shrunk_witness: dict[str, Any] | None = None
    shrunk_ratio: float | None = None
    shrunk_ratio_text: str = ""
    shrunk_certified: bool = False
    shrink_steps: list[str] = field(default_factory=list)
    repair: str | None = None
    repair_verdict: str | None = None
    repair_statement: str = ""
    repair_ratio: float | None = None
    families: list[ScaleFamily] = field(default_factory=list)
    predicted: list[dict[str, Any]] = field(default_factory=list)
    # a uniformity claim checked: the left side along a parameter its constant must not depend on
    uniformity: dict[str, Any] | None = None
    reason: str = ""  # why a failure is left unclassified
    seconds: float = 0.0
    evidence: str = ""  # what decided the class, in words
    # a line read as a typo: its intended reading judged beside it (verdict, worst ratio, cases)
    reading: str = ""
    reading_verdict: str | None = None
    reading_ratio: float | None = None
    reading_cases: int = 0
    # a growing class's evidence: the family's largest ratios confirmed and certified ({s, ratio, witness, certified})
    sequence: list[dict[str, Any]] = field(default_factory=list)
    # a constant slip's constant as [certified lower end, an upper end that holds] (either may be None)
    constant_interval: list[float | None] | None = None
    hypothesis: str = ""  # a missing hypothesis: the one the argument needs and the statement lacks
    # the certified shrunk witness's sides as closed forms ({lhs, rhs, ratio, digits}), or why there are none
    closed_form: dict[str, Any] | None = None
    closed_form_why: str = ""


def diagnosis_from_dict(d: dict[str, Any] | None) -> "Diagnosis | None":
    if not isinstance(d, dict):
        return None
    data = dict(d)
    data["families"] = [ScaleFamily(**f) for f in d.get("families", [])]
    return Diagnosis(**data)


StepVerdict = Literal["proved", "disproved", "undecided", "holds", "violated", "inconclusive", "error"]
FAILING = ("violated", "disproved")
STANDING = ("holds", "proved")


@dataclass
class StepResult:
    """One printed step of a proof, judged like a statement.

    ``on_witness``: the step evaluated on the worst witnesses of the statement it serves (its own
    parameters on a grid): ``on_witness_ratio`` the largest ratio, ``on_witness_status`` its case
    status ("violated" only when certified), ``on_witness_case`` the case. ``verdict``/``worst_ratio``/
    ``witness`` come from the step's own search (and its witness checks: a certified violation on the
    statement's witness makes the step violated). Algebra steps carry ``symbolic`` only.
    """

    id: str
    label: str
    text: str
    place: str
    uses: list[str]
    checked_by: str
    verdict: StepVerdict
    reason: str = ""
    worst_ratio: float | None = None
    worst_ratio_text: str = ""
    witness: dict[str, Any] | None = None
    cases: int = 0
    on_witness_ratio: float | None = None
    on_witness_status: str = ""
    on_witness_case: dict[str, Any] | None = None
    certificate: Certificate | None = None
    symbolic: list[SymbolicStep] = field(default_factory=list)
    reading: str = ""
    seconds: float = 0.0
    diagnosis: Diagnosis | None = None
    follows: list[str] = field(default_factory=list)  # the lines it is derived from (ids)
    intended: str = ""  # the evident intended line, where the printed one is read as a typo
    finding: str | None = None  # the finding (root cause) it belongs to
    # the step proved (or disproved) over its whole reduced domain (proofcheck.core.proved)
    branch_and_bound: BranchAndBound | None = None


@dataclass
class ProofResult:
    """A statement's proof chain checked: ``holds`` of ``total`` steps stand (hold or are proved);
    ``first_failing`` the first step (paper's order) that is violated or disproved; ``gap`` when the
    statement stands while a step of its proof fails (a proof gap); ``cause`` for a statement
    that does not stand: the first step that fails on the statement's own witness."""

    steps: list[StepResult]
    holds: int
    total: int
    first_failing: str | None
    gap: bool
    cause: str | None = None


def proof_summary(steps: list[StepResult], verdict: str) -> ProofResult:
    """The counts, the first failing step, the gap and the cause, from the judged steps."""
    failing = [s for s in steps if s.verdict in FAILING]
    cause = next((s.id for s in steps if s.on_witness_status == "violated"), None)
    return ProofResult(steps=steps, holds=sum(s.verdict in STANDING for s in steps), total=len(steps),
                       first_failing=failing[0].id if failing else None,
                       gap=bool(failing) and verdict in STANDING,
                       cause=cause if verdict not in STANDING else None)


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
    stop_reason: StopReason
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
    notes: str = ""
    # how many confirmed cases Arb certified: confirmed, certified (either way), certified violations,
    # uncertified, and the uncertified cases counted by reason
    certification: dict[str, Any] = field(default_factory=dict)
    # the printed proof's chain, step by step (None: the paper prints no proof for it, or not checked)
    proof: ProofResult | None = None
    # for a violated statement: its class, shrunk witness and repair (proofcheck.app.diagnosis)
    diagnosis: Diagnosis | None = None
    # the symbolic scaling audit, before any search: per symmetry, the exponents of both sides and
    # each mismatch; ``predicted``: the missing factors the mismatches name (proofcheck.core.scaling)
    scaling: dict[str, Any] = field(default_factory=dict)
    finding: str | None = None  # the finding (root cause) it belongs to, when it fails
    # its existential families checked (proofcheck.search.existential), as plain data
    existential: list[dict[str, Any]] = field(default_factory=list)
    # a statement with a declared reduction, proved (or disproved) by branch-and-bound before its
    # search: the method, boxes, depth, seconds, the sharp ratio and the certificate
    branch_and_bound: BranchAndBound | None = None
    # an order statement's measured exponent (proofcheck.search.orders), as plain data
    order: dict[str, Any] = field(default_factory=dict, metadata=WHEN_SET)
    # the model class its cases were drawn from, in the document's words (what a "holds" holds on)
    model_class: str = ""


class FindingClass(str, enum.Enum):
    """What kind of error a finding is (proofcheck.app.findings says what evidence decides each)."""

    TYPO = "typo"
    CONSTANT_SLIP = "constant-slip"
    MISSING_FACTOR = "missing-factor"
    UNBOUNDED = "unbounded"
    MISSING_HYPOTHESIS = "missing-hypothesis"
    UNIFORMITY = "uniformity"
    UNCLASSIFIED = "unclassified"


@dataclass
class Finding:
    """One root cause: the first printed line, definition or hypothesis that is wrong (``cause``,
    a statement or step id, with its printed ``text`` and ``place``), every failing statement and
    step that fails because of it (``members``, the cause first), its class with the ``evidence``
    that decided it, the hand-checkable ``witness`` (certified, with its ratio), the ``repair`` and its
    verdict, and the ``consequence`` for the main result (``main_survives``: None without one)."""

    id: str
    klass: FindingClass
    cause: str
    text: str
    place: str
    members: list[str]
    evidence: str
    parameter: str | None = None
    exponent: float | None = None
    interval: list[float] | None = None
    constant: str | None = None
    constant_interval: list[float | None] | None = None
    witness: dict[str, Any] | None = None
    witness_ratio: float | None = None
    witness_certified: bool = False
    witness_closed_form: dict[str, Any] | None = None  # its sides as closed forms ({lhs, rhs, ratio, digits})
    reading: str = ""
    reading_verdict: str | None = None
    repair: str | None = None
    repair_statement: str = ""
    repair_verdict: str | None = None
    repair_ratio: float | None = None
    hypothesis: str = ""  # a missing hypothesis: the one the argument needs
    agreement: str = ""  # where a member's own class differs from the finding's, and why
    dependents: list[str] = field(default_factory=list)
    consequence: str = ""
    main_survives: bool | None = None
    severity: int = 0


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
    findings: list[Finding] = field(default_factory=list)


def judged_ratio(c: Confirmation) -> Any:
    """The ratio a confirmed case stands for: mpmath's at 2D digits, except for a case mpmath cannot
    tell from 1 that Arb proves to hold, whose ratio is the upper end of Arb's enclosure (mpmath's
    value there may carry an error far above 1)."""
    cert = c.certificate
    if (c.status is CaseStatus.BOUNDARY and cert is not None and cert.status is CertificateStatus.CERTIFIED
            and cert.ratio_upper is not None):
        return cert.ratio_upper
    return c.ratio_hi_value


def certification_counts(confirmations: list[Confirmation]) -> dict[str, Any]:
    """The share of confirmed cases certified, and why the others are not (reasons counted)."""
    certs = [c.certificate for c in confirmations if c.certificate is not None]
    reasons: dict[str, int] = {}
    for c in certs:
        if c.status is CertificateStatus.UNCERTIFIED:
            key = c.detail.split(" by t = ")[0]  # a refused flow's reason without the time it gave up at
            reasons[key] = reasons.get(key, 0) + 1
    return {"confirmed": len(confirmations),
            "certified": sum(c.status is not CertificateStatus.UNCERTIFIED for c in certs),
            "certified_violation": sum(c.status is CertificateStatus.CERTIFIED_VIOLATION for c in certs),
            "uncertified": len(confirmations) - sum(c.status is not CertificateStatus.UNCERTIFIED for c in certs),
            "uncertified_reasons": reasons}


def statement_from_dict(d: dict[str, Any]) -> StatementResult:
    """A StatementResult read back from its JSON (a completed statement of a resumed campaign)."""
    names = {f.name for f in dataclasses.fields(StatementResult)}
    data = {k: v for k, v in d.items() if k in names}
    data["symbolic"] = [SymbolicStep(**x) for x in d.get("symbolic", [])]
    data["phases"] = [PhaseStats(**x) for x in d.get("phases", [])]
    data["stop_reason"] = StopReason(d["stop_reason"])
    data["confirmations"] = [_confirmation_from_dict(x) for x in d.get("confirmations", [])]
    if isinstance(d.get("proof"), dict):
        data["proof"] = _proof_from_dict(d["proof"])
    data["diagnosis"] = diagnosis_from_dict(d.get("diagnosis"))
    data["branch_and_bound"] = branch_and_bound_from_dict(d.get("branch_and_bound"))
    return StatementResult(**data)


def _proof_from_dict(d: dict[str, Any]) -> ProofResult:
    steps = []
    for x in d.get("steps", []):
        data = dict(x)
        data["symbolic"] = [SymbolicStep(**y) for y in x.get("symbolic", [])]
        if isinstance(x.get("certificate"), dict):
            data["certificate"] = Certificate.from_dict(x["certificate"])
        data["diagnosis"] = diagnosis_from_dict(x.get("diagnosis"))
        data["branch_and_bound"] = branch_and_bound_from_dict(x.get("branch_and_bound"))
        steps.append(StepResult(**data))
    return ProofResult(steps=steps, holds=int(d["holds"]), total=int(d["total"]), first_failing=d.get("first_failing"),
                       gap=bool(d.get("gap")), cause=d.get("cause"))


def _confirmation_from_dict(d: dict[str, Any]) -> Confirmation:
    data = dict(d)
    data["status"] = CaseStatus(d["status"])
    if isinstance(d.get("certificate"), dict):
        data["certificate"] = Certificate.from_dict(d["certificate"])
    return Confirmation(**data)


def to_dict(obj: Any) -> Any:
    """A dataclass tree as plain JSON-ready data (fields kept in memory only are left out; enums
    are written as their values)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.metadata.get("report", True)
                and (f.metadata.get("empty", True) or getattr(obj, f.name))}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    return obj
