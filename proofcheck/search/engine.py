"""The search for one statement, in named phases:
symbolic -> replay (known witnesses) -> screen (families, batched float64) -> optimize (multi-start
local search) -> confirm (mpmath).

Verdicts: ``violated`` when a case is confirmed at both precisions (or a symbolic step covering the
whole statement is disproved); ``proved`` when symbolic steps cover the whole statement, all are
proved and nothing numeric contradicts them; ``inconclusive`` when the worst case sits within the
numerical error of the boundary; ``holds`` otherwise, always with its cases and worst ratio;
``error`` when the statement could not be evaluated or a proof contradicts a confirmed case.
"""
from __future__ import annotations

import hashlib
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from proofcheck.core.judgement import CaseStatus
from proofcheck.core.cases import enforce_structure, flatten, take, to_witness, unflatten, witness_values
from proofcheck.core.results import (Confirmation, PhaseStats, StatementResult, StopReason, certification_counts,
                                     judged_ratio, to_dict)
from proofcheck.core.judgement import CaseStatus
from proofcheck.core.proved import BranchAndBound
from proofcheck.search.bnb_proof import prove_statement
from proofcheck.search.budget import Budget, BudgetSpent
from proofcheck.search.certify import certify
from proofcheck.search.confirm import confirm
from proofcheck.search.evaluate import evaluate_mp, screen_f64
from proofcheck.search.families import GENERIC, draw_dims
from proofcheck.search.journal import Journal
from proofcheck.search.optimize import Offsets, local_search
from proofcheck.core.statement import Statement
from proofcheck.core.verdicts import verdict_of
from proofcheck.search.existential import check_existential
from proofcheck.search import expectation, probability
from proofcheck.search.orders import search_order
from proofcheck.core.symbolic import SymbolicStep
from proofcheck.core import scaling
import sympy

Progress = Callable[[dict[str, Any]], None]
BATCH = 256
MIN_BATCH = 16
VERIFY_DPS = 20
MIN_HOP_CASES = 100
VERIFY_AGREEMENT = 1e-6
VERIFY_REFINEMENT = 1e-9  # product integrals refined to well below the agreement asked of them
HISTOGRAM_EDGES = [round(0.05 * i, 2) for i in range(41)]


def statement_seed(seed: int, statement_id: str) -> int:
    """The per-statement seed: a hash of the master seed and the id (stable across runs and machines)."""
    digest = hashlib.sha256(f"{seed}:{statement_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def round_seed(seed: int, round_: int) -> int:
    """The master seed of a campaign's round ``round_`` of searches: the campaign's own in the first, a
    hash of it and the round after, so that a statement searched again draws new cases (with the first
    round's seed it drew the first round's screen again and optimized the same starts)."""
    if round_ == 0:
        return seed
    digest = hashlib.sha256(f"{seed}:round-{round_}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


# Random streams of one statement's search, each spawned from its seed (numpy's SeedSequence): the
# case families draw from the root stream; these are its children.
SYMBOLIC_STREAM, ROTATION_STREAM, REPLAY_STREAM = 0, 1, 2
REPLAY = "replay"  # the family and phase of the known witnesses a search replays first


def stream(seed: int, *key: int) -> np.random.Generator:
    """The child stream ``key`` of the statement's seed."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


@dataclass
class Candidate:
    ratio: float
    dims: dict[str, int]
    values: dict[str, np.ndarray]
    family: str
    phase: str
    verified: bool | None = None
    error: float = 0.0


@dataclass
class Leaderboard:
    """The best reliable cases seen, kept per family (so no family crowds out the others), distinct
    by dims and ratio; ``entries`` lists them all, best first."""

    per_family: int = 4
    families: dict[str, list[Candidate]] = field(default_factory=dict)
    by_family: dict[str, float] = field(default_factory=dict)

    @property
    def entries(self) -> list[Candidate]:
        return sorted((c for group in self.families.values() for c in group), key=lambda c: -c.ratio)

    def offer(self, cand: Candidate) -> None:
        fam = cand.family
        self.by_family[fam] = max(self.by_family.get(fam, -np.inf), cand.ratio)
        group = self.families.setdefault(fam, [])
        for e in group:
            if e.dims == cand.dims and abs(e.ratio - cand.ratio) <= 1e-14 * max(1.0, abs(cand.ratio)):
                return
        group.append(cand)
        group.sort(key=lambda c: -c.ratio)
        del group[self.per_family:]

    def remove(self, cand: Candidate) -> None:
        self.families[cand.family].remove(cand)

    def resort(self, family: str) -> None:
        self.families[family].sort(key=lambda c: -c.ratio)

    def best(self) -> float:
        entries = self.entries
        return entries[0].ratio if entries else -np.inf


class ViolationVerified(Exception):
    """Raised when a search that stops at its first violation has verified one (``SearchState.note``)."""


@dataclass
class SearchState:
    statement: Statement
    rng: np.random.Generator
    budget: Budget
    progress: Progress
    board: Leaderboard = field(default_factory=Leaderboard)
    phases: dict[str, PhaseStats] = field(default_factory=dict)
    history: list[list[float]] = field(default_factory=list)
    histogram: np.ndarray = field(default_factory=lambda: np.zeros(len(HISTOGRAM_EDGES), dtype=int))
    unreliable: int = 0
    artifacts: int = 0
    verifications: int = 0
    last_report: float = 0.0
    journal: Journal = field(default_factory=Journal)
    verify_seconds: float = 0.0
    seed: int = 0
    screens: int = 0
    replayed: list[Candidate] = field(default_factory=list)  # the known witnesses verified, in their order
    stop_at_violation: bool = False

    def screen(self, statement: Statement, dims: dict[str, int], values: dict[str, np.ndarray],
               basis: np.random.Generator | None = None) -> Any:
        """Float64 ratios of a batch, through the journal (recorded, or evaluated and recorded). The
        k-th batch's random basis comes from its own stream, spawned from the statement's seed, so
        a replayed journal leaves the streams of later batches as they were (``basis``: another)."""
        if basis is None:
            self.screens += 1
            basis = stream(self.seed, ROTATION_STREAM, self.screens)
        return self.journal.screen(lambda: screen_f64(statement, dims, values, basis), dims, values,
                                   self.budget.elapsed())

    def verify(self, cand: Candidate) -> bool:
        """Re-rank a candidate by a quick mpmath evaluation (VERIFY_DPS digits). Float64 can be wrong
        in ways no float64 re-evaluation exposes (fl(X + Y) - X != Y when ||Y|| << ||X||, or a
        product integral too coarse for its kernel); a candidate whose float64 ratio disagrees is
        counted as an artifact and keeps its mpmath ratio. False when mpmath gives no finite ratio, or no finite
        error for it."""
        if cand.verified is None:
            self.verifications += 1
            witness = to_witness(self.statement.space, cand.dims, cand.values)

            def quick() -> tuple[float, float]:
                try:
                    value = evaluate_mp(self.statement, witness, VERIFY_DPS, tolerance=VERIFY_REFINEMENT)
                except (ArithmeticError, MemoryError):  # e.g. a flow that diverges at this case:
                    return float("nan"), float("nan")  # mpmath cannot judge it, so it leaves the board
                return float(value.ratio), float(value.error)

            clock = time.monotonic()
            r, err = self.journal.verify(quick, witness, self.budget.elapsed())
            self.verify_seconds = max(self.verify_seconds, time.monotonic() - clock)
            allowed = VERIFY_AGREEMENT * max(1.0, abs(r)) + 2 * err
            # an unknown error (a stiff path's levels that do not close in) says nothing of the ratio: ranked by
            # its value it would push cases mpmath can judge off the board
            if not (np.isfinite(r) and np.isfinite(err)):
                cand.verified = False
                self.artifacts += 1
                return False
            if not (np.isfinite(cand.ratio) and abs(r - cand.ratio) <= allowed):
                self.artifacts += 1
                cand.ratio = r
                self.board.resort(cand.family)
            cand.verified = True
        return cand.verified

    def verified_entries(self, count: int) -> list[Candidate]:
        """The best ``count`` board entries by their mpmath-verified ratios (verifying from the top
        until the best ``count`` are all verified; entries mpmath cannot evaluate leave the board)."""
        while True:
            entries = self.board.entries
            pending = [c for c in entries[:count] if c.verified is None]
            if not pending:
                return [c for c in entries[:count] if c.verified]
            for cand in pending:
                if not self.verify(cand):
                    self.board.remove(cand)

    def note(self, phase: str, force: bool = False) -> None:
        """The best ratio's history and a progress event; with ``stop_at_violation``, ViolationVerified
        once the board's top case is verified in mpmath above 1 by more than its error."""
        if self.stop_at_violation:
            top = self.board.entries[:1]
            if top and top[0].verified and top[0].ratio > 1 + 2 * top[0].error:
                raise ViolationVerified
        best = self.board.best()
        if np.isfinite(best) and (not self.history or best > self.history[-1][2]):
            self.history.append([round(self.budget.elapsed(), 4), self.budget.used, float(best)])
        now = time.monotonic()
        if force or now - self.last_report > 0.25:
            self.last_report = now
            self.progress({"id": self.statement.id, "phase": phase, "cases": self.budget.used,
                           "best": float(best), "seconds": self.budget.elapsed()})


def _families(statement: Statement) -> dict[str, Any]:
    fams = dict(GENERIC)
    fams.update(statement.families)
    return fams


def _replay(state: SearchState, known: Sequence[dict[str, Any]]) -> None:
    """The known witnesses first (Hypothesis replays its examples before it generates any), each
    judged like any other candidate: screened in float64 (in a basis of its own stream, so the
    screening after it draws what it would have drawn), verified in mpmath and offered to the
    board, where the optimizer starts from it and confirmation judges it again. A witness that is
    not a case of the space, or that cannot be evaluated, is passed over."""
    stmt = state.statement
    state.board.families.setdefault(REPLAY, [])
    for k, witness in enumerate(known):
        try:
            dims, values = witness_values(stmt.space, witness)
            screened = state.screen(stmt, dims, values, stream(state.seed, REPLAY_STREAM, k))
        except (ArithmeticError, ValueError, TypeError, MemoryError):
            continue
        state.budget.spend(1)
        reliable = bool(screened.reliable[0])
        state.unreliable += int(not reliable)
        ratio = float(screened.ratio[0]) if reliable else float("nan")
        cand = Candidate(ratio, dims, values, REPLAY, REPLAY, error=float(screened.error[0]))
        if state.verify(cand):
            state.board.offer(cand)
            state.replayed.append(cand)
    state.note(REPLAY, force=True)


def _screen(state: SearchState) -> None:
    stmt, rng, budget = state.statement, state.rng, state.budget
    fams = list(_families(stmt).items())
    # a time limit alone screens full batches: a batch of trained flows costs seconds whatever its size
    # (16 network flows take 4.7 s, 256 take 18 s), so smaller batches would screen fewer cases, not keep time
    timed = not np.isfinite(budget.room())
    # a small case budget still gives every family at least two batches
    size = BATCH if timed else int(max(MIN_BATCH, min(BATCH, budget.room() / (2 * len(fams)))))
    turn, last_best = 0, -np.inf
    while not budget.exhausted():
        name, family = fams[turn % len(fams)]
        turn += 1
        batch = size if timed else int(min(size, budget.room()))
        if batch <= 0:
            break
        dims = draw_dims(rng, stmt.space, getattr(family, "sizes", None))
        values = enforce_structure(stmt.space, family(rng, stmt.space, dims, batch))
        screened = state.screen(stmt, dims, values)
        budget.spend(batch)
        state.unreliable += int(np.count_nonzero(~screened.reliable))
        good = np.where(screened.reliable, screened.ratio, np.nan)
        finite = good[np.isfinite(good)]
        state.histogram += np.bincount(np.clip(np.searchsorted(HISTOGRAM_EDGES, finite, side="right") - 1, 0,
                                               len(HISTOGRAM_EDGES) - 1), minlength=len(HISTOGRAM_EDGES))
        if finite.size:
            order = np.argsort(-np.nan_to_num(good, nan=-np.inf))[:4]
            for i in order:
                if np.isfinite(good[i]):
                    state.board.offer(Candidate(float(good[i]), dims, take(values, int(i)), name, "screen",
                                                error=float(screened.error[i])))
            if state.board.best() != last_best and not budget.exhausted():  # keep the top honest as it changes
                state.verified_entries(1)
                last_best = state.board.best()
        state.note("screen")


def _next_start(state: SearchState, picked: list[Candidate]) -> Candidate | None:
    """The best verified board entry of a family and dims no start has had, verifying from the top only
    as far as that: verified all at once, a phase's starts cost a trained flow's statement its whole
    optimizer share (12 mpmath verifications) before its first local search (None: none is left)."""
    while True:
        fresh = (c for c in state.board.entries if all(p.family != c.family or p.dims != c.dims for p in picked))
        cand = next((c for c in fresh if c.verified is not False), None)
        if cand is None or cand.verified:
            return cand
        if not state.verify(cand):  # its mpmath ratio re-ranks it; one mpmath cannot judge leaves the board
            state.board.remove(cand)


def _hop(state: SearchState, best: Candidate, hop: int) -> Candidate:
    """A start near the best verified case: its flat vector perturbed at a scale cycling 1e-1 .. 1e-4."""
    flat = flatten(state.statement.space, best.dims, best.values)[0]
    coordinates = Offsets.of(state.statement, best.dims, flat)  # a small offset is moved at its own scale
    point = coordinates.to_search(flat)
    scale = 10.0 ** -(1 + hop % 4)
    moved = coordinates.to_flat(point + scale * (np.abs(point) + 1e-3) * state.rng.standard_normal(point.shape))
    values = unflatten(state.statement.space, best.dims, moved[None, :])
    return Candidate(best.ratio, best.dims, values, best.family, "optimize")


def _optimize(state: SearchState, starts: int) -> StopReason:
    """Local searches from the best verified cases, then basin hops around the best, until the
    phase's share of the budget is spent; returns why it stopped."""
    stmt, budget = state.statement, state.budget
    if (reached := budget.limit_reached()) is not None:
        return reached  # the screening used the phase's share: no start is verified for a search with no time
    picked: list[Candidate] = []
    hops = 0
    while (reached := budget.limit_reached()) is None:
        start = _next_start(state, picked) if len(picked) < starts else None
        if start is not None:
            picked.append(start)
            later = starts - len(picked)  # the starts still to come share the room with this one
        else:
            if np.isfinite(budget.room()) and budget.room() < MIN_HOP_CASES:
                return StopReason.TOO_FEW_CASES  # another local search would not be worth its verification
            top = state.verified_entries(1)
            if not top:
                return StopReason.NO_START
            start, hops, later = _hop(state, top[0], hops), hops + 1, 0
        room = budget.room()
        per_start = int(room / (later + 1)) if np.isfinite(room) else 4000
        objective = local_search(stmt, start.dims, start.values, budget, max(per_start, 1), state.screen, state.rng)
        for ratio, flat, err in reversed(objective.recent):
            cand = Candidate(ratio, start.dims, unflatten(stmt.space, start.dims, flat[None, :]), start.family,
                             "optimize", error=err)
            if state.verify(cand):
                state.board.offer(cand)
                break
        state.note("optimize")
        if objective.evaluations == 0:
            return budget.limit_reached() or StopReason.CONVERGED
    return reached


# After a stop request, confirmation runs only where one mpmath evaluation was seen to take less
# than this: a stop must take effect within seconds, and confirming a trained model's flow at
# D and 2D digits can take longer (its verdict is then inconclusive until the campaign resumes).
STOP_CONFIRM_SECONDS = 0.5


def _confirm(state: SearchState, dps: int, count: int) -> list[Confirmation]:
    stmt, budget = state.statement, state.budget
    out: list[Confirmation] = []
    if budget.stopped() and state.verify_seconds > STOP_CONFIRM_SECONDS:
        return out
    picked = state.verified_entries(count)
    known = state.replayed[0] if state.replayed else None
    if known is not None and all(c is not known for c in picked):
        # the best known witness (the first: ``known`` is given best first, by its judged ratio) is
        # confirmed again, second, even where the board ranks others above it (at rounding level
        # 20 and 50 digits rank cases differently): a worst ratio confirmed never falls in the next run
        picked.insert(1, known)
    for cand in picked:
        # the best candidate and the best known witness are always confirmed; the others only within
        # the time budget, except in a search that stops at its first violation and has not confirmed
        # one yet (a case verified above the bound at 20 digits can sit within the numerical error at D
        # digits, and the next may not). Cut by the clock, the known witness was not confirmed and a
        # second audit reported less than the first (at seed 0, a worst ratio of 0.226 after 0.760,
        # with the database's 1.0 replayed first)
        seeking = state.stop_at_violation and not any(c.status is CaseStatus.VIOLATED for c in out)
        late = out and budget.seconds is not None and budget.elapsed() >= budget.seconds
        if late and not seeking and cand is not known:
            continue
        witness = {"statement": stmt.id, **to_witness(stmt.space, cand.dims, cand.values)}
        try:
            confirmation = confirm(stmt, witness, dps, cand.family, cand.phase, cand.ratio)
        except (ArithmeticError, MemoryError):  # mpmath cannot judge this case at D or 2D digits
            continue
        confirmation.certificate = certify(stmt, witness)
        out.append(confirmation)
        state.progress({"id": stmt.id, "phase": "confirm", "cases": state.budget.used, "best": state.board.best(),
                        "seconds": state.budget.elapsed()})
    return out


def _symbolic(statement: Statement, seed: int) -> list[SymbolicStep]:
    if statement.symbolic is None:
        return []
    try:
        return list(statement.symbolic(stream(seed, SYMBOLIC_STREAM)))
    except Exception as exc:  # a failing symbolic step is reported, never fatal to the search
        return [SymbolicStep("symbolic steps", "proof step", "undecided", f"raised {type(exc).__name__}: {exc}")]


def _ratio_text(c: Confirmation) -> str:
    """The worst ratio's text: mpmath's, or Arb's upper end where that is the ratio judged."""
    judged = judged_ratio(c)
    if judged is not c.ratio_hi_value:
        return f"<= {judged:.17g} (Arb)"
    if c.status is CaseStatus.BOUNDARY:
        # mpmath's value where its own error reaches 1 is not a measurement of the ratio (a stiff path's
        # capped product can be off several times): shown with that error, undecided
        return f"{c.ratio_hi} ± {c.error:.2g} (undecided)"
    return c.ratio_hi


def scaling_audit(statement: Statement) -> dict[str, Any]:
    """The symbolic scaling audit of a statement that declares its dimensions ({} otherwise)."""
    if statement.dimensions is None:
        return {}
    try:
        return {"symmetries": scaling.audit(statement.dimensions), "predicted": scaling.predicted_factor(statement.dimensions)}
    except (TypeError, ValueError, sympy.SympifyError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}


def _branch_and_bound(statement: Statement) -> BranchAndBound | None:
    """The statement proved over its reduced domain, when it declares a reduction (never fatal)."""
    if statement.reduction is None:
        return None
    try:
        return prove_statement(statement, statement.reduction, statement.space.scalars)
    except Exception as exc:  # a reduction that cannot be evaluated is reported, and the search goes on
        return BranchAndBound("undecided", f"raised {type(exc).__name__}: {exc}", "", False, [], [])


def search(statement: Statement, seed: int = 0, cases: int | None = None, seconds: float | None = None,
           dps: int = 50, progress: Progress | None = None, should_stop: Callable[[], bool] | None = None,
           confirm_count: int = 6, starts: int = 6, journal: Journal | None = None,
           known: Sequence[dict[str, Any]] = (), stop_at_violation: bool = False) -> StatementResult:
    """Search one statement for its worst case within the budget (cases, seconds, or both).

    ``journal`` records every evaluation; given the journal of an interrupted search with the same
    seed and budget, the search replays it and goes on where that one stopped. ``known``: witnesses
    (``{"dims", "values"}``, from a witness database, best first) judged first, in a ``replay``
    phase; with none, the search is exactly what it was without them. ``stop_at_violation``: the
    search phases end at the first case verified above the bound (a selftest asks only whether a
    violation is found), which confirmation then judges as any other."""
    if statement.order is not None:  # a claimed exponent is measured, not searched (proofcheck.search.orders)
        return search_order(statement, statement_seed(seed, statement.id), dps, progress)
    if cases is None and seconds is None:
        cases = 20000
    sseed = statement_seed(seed, statement.id)
    if statement.probability is not None:  # a frequency over seeded draws (proofcheck.search.probability)
        return probability.search(statement, sseed, progress, dps)
    budget = Budget(cases, seconds, should_stop or (lambda: False))
    journal = journal if journal is not None else Journal()
    journal.clock = budget.resume_at
    state = SearchState(statement, np.random.default_rng(sseed), budget, progress or (lambda e: None), journal=journal,
                        seed=sseed, stop_at_violation=stop_at_violation)
    stop_reason, failure = StopReason.CONVERGED, ""
    clock = time.monotonic()
    bnb = _branch_and_bound(statement) if not budget.stopped() else None  # proved before it is searched
    if bnb is not None:
        state.phases["prove"] = PhaseStats("prove", time.monotonic() - clock, bnb.boxes)
    clock = time.monotonic()
    symbolic = _symbolic(statement, sseed) if not budget.stopped() else []  # a stopped run starts no sympy work
    state.phases["symbolic"] = PhaseStats("symbolic", time.monotonic() - clock, 0)
    budget.start = time.monotonic()
    confirmations: list[Confirmation] = []
    try:
        phases: list[tuple[str, float | None, Callable[[], Any]]] = [
            ("screen", 0.45, lambda: _screen(state)), ("optimize", 0.9, lambda: _optimize(state, starts))]
        if known and not budget.stopped():
            phases.insert(0, (REPLAY, None, lambda: _replay(state, known)))
        for name, share, run in phases:
            if share is not None:
                budget.share(share)
            clock, used = time.monotonic(), budget.used
            found = False
            try:
                stop_reason = run() or stop_reason
            except BudgetSpent:
                stop_reason = budget.limit_reached() or stop_reason
            except ViolationVerified:
                stop_reason, found = StopReason.VIOLATION, True
            state.phases[name] = PhaseStats(name, time.monotonic() - clock, budget.used - used)
            if budget.stopped() and name != REPLAY:  # a stop during the replay is taken in the screening
                stop_reason = StopReason.INTERRUPTED
                break
            if found:
                break
        clock = time.monotonic()
        confirmations = _confirm(state, dps, 2 if budget.stopped() else confirm_count)
        # mpmath evaluations: each confirmation is evaluated at every precision it tried
        state.phases["confirm"] = PhaseStats("confirm", time.monotonic() - clock,
                                             sum(len(c.precisions) for c in confirmations))
        state.phases["verify"] = PhaseStats("verify", 0.0, state.verifications)
    except KeyboardInterrupt:
        stop_reason = StopReason.INTERRUPTED
    except Exception as exc:  # the statement could not be evaluated: reported as its verdict
        failure = f"{type(exc).__name__}: {exc} ({traceback.extract_tb(exc.__traceback__)[-1].name})"
        stop_reason = StopReason.ERROR
    checks = check_existential(statement) if statement.existential and not failure and not budget.stopped() else []
    monte_carlo = expectation.monte_carlo(statement, sseed, confirmations) if statement.expectation and not failure else None
    if statement.existential and not failure and budget.stopped():
        stop_reason = StopReason.INTERRUPTED  # stopped before its existential check: its verdict waits for it
    verdict, reason = (verdict_of(symbolic, confirmations, checks, bnb, monte_carlo) if not failure
                       else ("error", failure))
    worst = max(confirmations, key=judged_ratio, default=None)
    # ``cases``: the distinct cases the search evaluated (float64, screening and optimization); the
    # mpmath re-evaluations of some of them are counted in their phases ("verify", "confirm")
    total = state.budget.used
    hist = state.histogram.tolist()
    return StatementResult(
        id=statement.id, ref=statement.ref, statement=statement.statement, kind=statement.kind,
        checked_by=statement.checked_by, uses=list(statement.uses), verdict=verdict,  # type: ignore[arg-type]
        model_class=statement.space.describe(),
        cases=total, worst_ratio=float(judged_ratio(worst)) if worst else None,
        worst_ratio_text=_ratio_text(worst) if worst else "", witness=worst.witness if worst else None,
        symbolic=symbolic, seconds=round(sum(p.seconds for p in state.phases.values()), 3), dps=dps, seed=sseed,
        stop_reason=stop_reason, phases=list(state.phases.values()), confirmations=confirmations,
        screen_best_ratio=max(state.board.by_family.values()) if state.board.by_family else None,
        unreliable_cases=state.unreliable, artifacts=state.artifacts, best_by_family={k: float(v) for k, v in state.board.by_family.items()},
        history=state.history, histogram={"edges": HISTOGRAM_EDGES, "counts": hist},
        constant_printed=statement.constant_printed, constant_proof=statement.constant_proof, reason=reason,
        notes=statement.notes, certification=expectation.certification(confirmations, monte_carlo), scaling=scaling_audit(statement),
        existential=[to_dict(c) for c in checks],
        branch_and_bound=bnb,
    )
