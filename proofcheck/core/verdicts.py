"""The verdict rules, in one place: how symbolic steps, confirmed and certified cases and the
families of an existential constant become a statement's verdict and its reason."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Sequence

import numpy as np

from proofcheck.core.judgement import CaseStatus, CertificateStatus
from proofcheck.core.proved import BranchAndBound
from proofcheck.core.results import Confirmation, judged_ratio
from proofcheck.core.symbolic import SymbolicStep


def verdict_of(symbolic: list[SymbolicStep], confirmations: list[Confirmation],
               existential: Sequence[Any] | None = None, bnb: BranchAndBound | None = None,
               monte_carlo: Sequence[Any] | None = None) -> tuple[str, str]:
    """Combine symbolic steps, confirmed cases and existential families into a verdict and its reason.

    An existential constant ("there is C depending only on K") is refuted by a family inside the
    hypotheses along which LHS / (the rest of the bound) grows, certified at its points: the printed
    statement is then ``violated`` whatever its cases say; a growth not certified makes a standing
    verdict ``inconclusive``. A declared reduction proved by branch-and-bound over the whole domain
    makes it ``proved`` (``error`` if a confirmed case lies above the proved bound); a certified
    counterexample of the reduction, ``violated``.

    A numerical ``violated`` rests on a certified violation only: the lower end of the ratio's
    enclosure above 1. A case mpmath confirms as violated at both precisions but Arb does not
    certify (the statement names why it cannot be, or the enclosures could not decide) leaves the verdict ``inconclusive``, saying so.
    A case within mpmath's error of 1 is decided when Arb proves it holds; otherwise it leaves the
    verdict ``inconclusive``."""
    verdict, reason = _cases_verdict(symbolic, confirmations, bnb)
    if monte_carlo is not None:  # an identity of expectations: its method named, Monte Carlo the last resort
        verdict, reason = expectation_verdict(verdict, reason, symbolic, confirmations, monte_carlo)
    families = [family_view(f) for f in existential or []]
    refuting = [f for f in families if f.refutes]
    growing = [f for f in families if f.grows and not f.refutes]
    if refuting and verdict != "error":
        f = refuting[0]
        e = f.exponent
        how = (f"like {f.parameter}^{e.value:.3g}" if e is not None and e.converged and e.value is not None
               else "without settling on a power")
        return "violated", (f"no constant depending only on {f.fixed}: along {f.parameter}, inside the hypotheses, "
                            f"LHS / (the rest of the bound) grows {how}; certified above "
                            + ", ".join(f"{p['lower']:.4g} at {f.parameter} = {p['value']:g}" for p in f.certified))
    if growing and verdict in ("holds", "proved"):
        f = growing[0]
        return "inconclusive", (f"along {f.parameter} LHS / (the rest of the bound) grows, but not every point of the "
                                f"family is certified ({'; '.join(p['detail'] for p in f.certified if not p['certified'])})")
    return verdict, reason


def refutes(grows: bool, certified: Sequence[dict[str, Any]]) -> bool:
    """An existential family refutes its constant when it grows and every point checked is certified."""
    return grows and bool(certified) and all(p["certified"] for p in certified)


def family_view(f: Any) -> Any:
    """An existential family as the rules read it: the checked object, or its data read back from a report."""
    if not isinstance(f, dict):
        return f
    e = f.get("exponent") or {}
    certified = f.get("certified") or []
    return SimpleNamespace(parameter=f["parameter"], fixed=f["fixed"], certified=certified, grows=bool(f.get("grows")),
                           refutes=refutes(bool(f.get("grows")), certified),
                           exponent=SimpleNamespace(value=e.get("value"), converged=e.get("value") is not None))


def step_verdict_decided(certificate_detail: str) -> tuple[str, str]:
    """A proof step left inconclusive by an uncertified violation whose shrunk witness is a certified one."""
    return "violated", (f"the shrunk witness is a certified violation ({certificate_detail}); decided by the "
                        "diagnosis's shrunk witness")


def _bnb_verdict(bnb: BranchAndBound, confirmations: list[Confirmation]) -> tuple[str, str] | None:
    """The verdict a branch-and-bound result decides, or None. A proof over the whole domain is
    ``proved`` unless a confirmed case lies above the bound it proves (beyond its numerical error)
    or is a certified violation: then ``error``. A certified counterexample inside the domain is
    ``violated``."""
    if bnb.proves_statement:
        bound = bnb.bound()
        above = [c for c in confirmations if float(judged_ratio(c)) - c.error > bound
                 or (c.certificate is not None and c.certificate.status is CertificateStatus.CERTIFIED_VIOLATION)]
        if above:
            return "error", (f"a search witness (ratio {float(judged_ratio(above[0])):.6g}) lies above the bound "
                             f"branch-and-bound proves ({bound:.6g})")
        return "proved", (f"branch-and-bound over the whole reduced domain ({', '.join(bnb.scalars)}): {bnb.boxes} boxes, "
                          f"depth {bnb.depth}; certificate re-checked; no case contradicts it")
    if bnb.outcome == "disproved" and bnb.point is not None:
        return "violated", (f"branch-and-bound: a certified counterexample at {bnb.point} (F in {bnb.value})")
    return None


def _cases_verdict(symbolic: list[SymbolicStep], confirmations: list[Confirmation],
                   bnb: BranchAndBound | None = None) -> tuple[str, str]:
    """Symbolic steps, a branch-and-bound result and confirmed cases (see ``verdict_of``)."""
    def cert(c: Confirmation) -> CertificateStatus | None:
        return c.certificate.status if c.certificate is not None else None

    # mpmath and Arb judge the same case: a case one calls violated and the other proves is a defect
    contradicted = [c for c in confirmations
                    if (c.status is CaseStatus.VIOLATED and cert(c) is CertificateStatus.CERTIFIED)
                    or (c.status is CaseStatus.HOLDS and cert(c) is CertificateStatus.CERTIFIED_VIOLATION)]
    if contradicted:
        return "error", "mpmath and the Arb enclosure disagree about a confirmed case"
    decided = _bnb_verdict(bnb, confirmations) if bnb is not None else None
    if decided is not None:
        return decided
    violated = [c for c in confirmations if c.status is CaseStatus.VIOLATED
                and cert(c) is CertificateStatus.CERTIFIED_VIOLATION]
    uncertified = [c for c in confirmations if c.status is CaseStatus.VIOLATED and c not in violated]
    # a case mpmath cannot tell from 1 but Arb proves to hold is decided: the enclosures are the proof
    boundary = [c for c in confirmations if c.status is CaseStatus.BOUNDARY
                and cert(c) is not CertificateStatus.CERTIFIED]
    covering = [s for s in symbolic if s.covers == "statement"]
    proved = bool(covering) and all(s.outcome == "proved" for s in symbolic)
    # a commuting case is a special case of the statement: its counterexample is the statement's
    disproved = [s for s in symbolic if s.covers in ("statement", "commuting case") and s.outcome == "disproved"]
    if violated and proved:
        return "error", "a confirmed violation contradicts a symbolic proof of the statement"
    if violated:
        first = violated[0]
        return "violated", (f"{len(violated)} case(s) exceed 1 beyond the numerical error at {first.dps} and "
                            f"{first.dps_hi} digits; certified violation ({first.certificate.detail})")
    if disproved:
        return "violated", f"symbolic step disproved: {disproved[0].claim}"
    if proved:
        return "proved", "symbolic steps cover the whole statement; no case contradicts them"
    if uncertified:
        first = uncertified[0].certificate
        why = first.detail if first is not None else "not certified"
        return "inconclusive", (f"{len(uncertified)} case(s) exceed 1 beyond the numerical error in mpmath, "
                                f"but no violation is certified ({why})")
    if boundary:
        return "inconclusive", f"{len(boundary)} case(s) within the numerical error of 1; more precision did not decide"
    if not confirmations:
        return "inconclusive", "no case could be confirmed"
    decided = sum(c.status is CaseStatus.BOUNDARY for c in confirmations)
    if decided:
        return "holds", (f"every confirmed case lies below 1 beyond its numerical error, or is proved to hold by "
                         f"Arb enclosures ({decided} case(s) within mpmath's error of 1)")
    return "holds", "every confirmed case lies below 1 beyond its numerical error"


def expectation_verdict(verdict: str, reason: str, symbolic: list[SymbolicStep], confirmations: list[Confirmation],
                        monte_carlo: Sequence[Any]) -> tuple[str, str]:
    """An identity of expectations (``proofcheck.core.expectation``): the verdict its cases and symbolic
    steps decided, said with the method that decided it, or decided by its Monte Carlo where neither
    sympy nor the certified quadrature did. Sympy first (steps covering the statement, all proved, or
    one disproved); then Arb's quadrature (a certified violation, or every confirmed case certified);
    then Monte Carlo, never certified: the closed form outside a case's interval makes it ``violated``
    (said to rest on Monte Carlo), inside every one leaves ``holds``. A Monte Carlo that refutes what
    sympy or Arb proved is an ``error``."""
    refuted = [m for m in monte_carlo if not m.agrees]
    covering = [s for s in symbolic if s.covers == "statement"]
    exact = bool(covering) and (all(s.outcome == "proved" for s in symbolic)
                                or any(s.outcome == "disproved" for s in covering))
    certs = [c.certificate.status if c.certificate is not None else None for c in confirmations]
    quadrature = bool(certs) and (CertificateStatus.CERTIFIED_VIOLATION in certs
                                  or all(s is CertificateStatus.CERTIFIED for s in certs))
    if verdict == "error":
        return verdict, reason
    if refuted and verdict in ("proved", "holds") and (exact or quadrature):
        m = refuted[0]
        return "error", (f"Monte Carlo ({m.draws} draws) puts the closed form {m.closed:.6g} outside "
                         f"[{m.low:.6g}, {m.high:.6g}], against a {'symbolic proof' if exact else 'certified quadrature'}")
    if exact:
        return verdict, f"decided exactly (sympy): {reason}"
    if quadrature:
        return verdict, f"decided by certified quadrature (Arb acb.integral): {reason}"
    if refuted:
        m = refuted[0]
        return "violated", (f"decided by seeded Monte Carlo, not certified: at {len(refuted)} of {len(monte_carlo)} "
                            f"case(s) the closed form lies outside the mean's interval at confidence {m.confidence:g} "
                            f"({m.closed:.6g} outside [{m.low:.6g}, {m.high:.6g}], {m.draws} draws); {reason}")
    if monte_carlo and verdict in ("holds", "inconclusive"):
        return "holds", (f"by seeded Monte Carlo, not certified: the closed form lies inside the mean's interval at "
                         f"{len(monte_carlo)} case(s); {reason}")
    return verdict, reason


def probability_verdict(frequencies: Sequence[Any], needed: Sequence[Any]) -> tuple[str, str]:
    """A statement with probability (``proofcheck.core.probability``), decided by frequencies over seeded
    draws, never certified. A named constant: ``violated`` when some point's Clopper-Pearson interval lies
    below 1 - delta (its failing draws are the witnesses), ``holds`` when every point's lies above it,
    ``inconclusive`` otherwise. An unnamed constant C: ``violated`` when the constant the claim needs grows
    along a family (no C serves every point), ``holds`` when its upper confidence bounds are finite and no
    family grows, ``inconclusive`` otherwise."""
    growing = [f for f in needed if f.grows]
    if growing:
        f = growing[0]
        how = f"like {f.parameter}^{f.exponent:.3g}" if f.exponent is not None else "without settling on a power"
        return "violated", (f"no constant C serves every point: along {f.parameter} = {f.values[0]:g} .. {f.values[-1]:g} the C "
                            f"the claim needs (the (1 - delta)-quantile of LHS / g over {f.draws} seeded draws) grows {how}, "
                            f"from at most {f.upper[0]:.4g} to at least {f.lower[-1]:.4g} (order-statistic bounds at "
                            f"confidence {f.confidence:g}); a frequency, not certified")
    if needed:
        if all(np.isfinite(u) for f in needed for u in f.upper):
            top = max(u for f in needed for u in f.upper)
            return "holds", (f"along {', '.join(f.parameter for f in needed)} the C the claim needs stays bounded: C = {top:.4g} "
                             f"serves every point checked (upper confidence bounds over {needed[0].draws} seeded draws at "
                             f"confidence {needed[0].confidence:g}); a frequency, not certified")
        return "inconclusive", "too few draws to bound the C the claim needs at some point (an upper bound is +inf)"
    violated = [p for p in frequencies if p.status == "violated"]
    if violated:
        p = violated[0]
        return "violated", (f"at {p.point}: {p.holding} of {p.draws} seeded draws satisfy the event, probability in "
                            f"[{p.low:.4g}, {p.high:.4g}] (Clopper-Pearson, confidence {p.confidence:g}) < {p.level:g} claimed; "
                            f"{p.draws - p.holding} failing draws are witnesses; a frequency, not certified")
    if frequencies and all(p.status == "holds" for p in frequencies):
        low = min(p.low for p in frequencies)
        return "holds", (f"at every one of {len(frequencies)} points the probability's interval lies above 1 - delta "
                         f"(lowest lower end {low:.4g}, Clopper-Pearson); a frequency, not certified")
    if not frequencies:
        return "inconclusive", "no point was checked"
    p = next(p for p in frequencies if p.status == "inconclusive")
    return "inconclusive", (f"at {p.point} the probability's interval [{p.low:.4g}, {p.high:.4g}] contains {p.level:g} "
                            f"({p.draws} draws)")


def order_verdict(interval: tuple[float, float] | None, claimed: float, exact: bool, resolution: float,
                  certified: bool, why: str = "") -> tuple[str, str]:
    """A claimed exponent judged against the measured one's interval (``proofcheck.search.orders``).

    An upper order O(d^e) holds when the interval lies at or below e (to ``resolution``), an exact order
    Θ(d^e) when it lies within e ± resolution; either is violated when the interval lies entirely beyond
    the claim (above e + resolution, or for Θ also below e - resolution), provided the values at the
    largest widths are ``certified`` (enclosed in Arb and agreeing with the measurement); otherwise, and
    without an interval, inconclusive."""
    if interval is None:
        return "inconclusive", f"no exponent measured: {why}"
    lo, hi = interval
    text = f"[{lo:.3g}, {hi:.3g}]"
    beyond = lo > claimed + resolution or (exact and hi < claimed - resolution)
    within = hi <= claimed + resolution and (not exact or lo >= claimed - resolution)
    if beyond and certified:
        return "violated", f"the measured exponent's interval {text} lies beyond the claimed {claimed:g}"
    if beyond:
        return "inconclusive", (f"the measured exponent's interval {text} lies beyond the claimed {claimed:g}, but the "
                                f"values at the largest widths are not certified ({why})")
    if within:
        return "holds", f"the measured exponent's interval {text} lies within the claim ({claimed:g} ± {resolution:g})"
    return "inconclusive", f"the measured exponent's interval {text} straddles the claimed {claimed:g}"
