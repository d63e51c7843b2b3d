"""Existential constants checked as uniformity claims.

"There are c, C depending only on K such that LHS <= C g" (g the rest of the bound, min(T/alpha, 1)
say) is refuted by no single case: any case is met by a large enough C. It is refuted by a family of
cases inside the hypotheses at fixed K along which LHS / g grows without bound: then no C depending
only on K exists. A statement declares such families (``Statement.existential``: ``Uniformity``
claims whose ``normalizer`` is g, written against the contexts); each is followed in float64
through its hypotheses, its asymptotic exponent read from the local slopes, and, where it grows,
certified: at each of its last points Arb proves LHS > C_k g for C_k half the float64 value, so the
growth rests on proved lower bounds, not on float64. A family may also declare the same cases with a
hypothesis the argument needs (``inside``, named ``needs``, h(w0) = 0 say): growth outside it while
the inside family stays bounded names the missing hypothesis.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from proofcheck.core.cases import WitnessError, outside_hypotheses, witness_values
from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.statement import Statement, Uniformity
from proofcheck.core.verdicts import refutes
from proofcheck.search.asymptotics import Exponent, asymptotic_exponent
from proofcheck.search.certify import certify
from proofcheck.search.evaluate import sides_f64

GROWTH = 4.0
MIN_EXPONENT = 0.1
CERTIFIED_POINTS = 3


@dataclass
class FamilyCheck:
    """One family of an existential claim: the ratio LHS / g at each value (None where refused or
    not evaluable), its exponent, whether it grows, and the certified lower bounds at its last points."""

    parameter: str
    fixed: str
    values: list[float]
    ratios: list[float | None]
    exponent: Exponent | None
    grows: bool
    refused: list[str] = field(default_factory=list)
    certified: list[dict[str, Any]] = field(default_factory=list)
    needs: str = ""
    inside_ratios: list[float | None] | None = None
    inside_grows: bool | None = None
    why: str = ""

    @property
    def refutes(self) -> bool:
        """Grows, with every point certified and its exponent (where converged) away from 0."""
        return refutes(self.grows, self.certified)

    @property
    def missing_hypothesis(self) -> bool:
        return self.refutes and self.inside_grows is False


def _bound(statement: Statement, claim: Uniformity, constant: float) -> Statement:
    """The statement with its right side C g: Arb proving it violated proves LHS / g > C (over the
    family's own space where it declares one)."""
    assert claim.normalizer is not None
    return dataclasses.replace(statement, kind="upper", rhs=lambda ctx, c: constant * claim.normalizer(ctx, c),
                               existential=(), space=claim.space or statement.space)


def _ratios(statement: Statement, claim: Uniformity, make: Callable[[float], dict[str, Any]]
            ) -> tuple[list[float | None], list[str], dict[float, dict[str, Any]]]:
    unit = _bound(statement, claim, 1.0)
    ratios: list[float | None] = []
    refused, cases = [], {}
    for v in claim.values:
        case = make(v)
        outside = outside_hypotheses(unit, case, claim.within)
        if outside:
            refused.append(f"{claim.parameter} = {v:g}: {'; '.join(outside)}")
            ratios.append(None)
            continue
        try:
            dims, vals = witness_values(unit.space, case)
            with np.errstate(all="ignore"):
                left, right = sides_f64(unit, dims, vals)
            r = float(np.asarray(left).reshape(-1)[0]) / float(np.asarray(right).reshape(-1)[0])
        except (WitnessError, ValueError, ArithmeticError, ZeroDivisionError):
            r = math.nan
        ratios.append(r if math.isfinite(r) and r > 0 else None)
        cases[float(v)] = case
    return ratios, refused, cases


def _grows(values: list[float], ratios: list[float | None]) -> tuple[bool, Exponent | None]:
    finite = [(v, r) for v, r in zip(values, ratios) if r is not None]
    if len(finite) < 2:
        return False, None
    e = asymptotic_exponent([p[0] for p in finite], [p[1] for p in finite])
    rise = max(p[1] for p in finite) / finite[0][1]
    power = e.converged and e.interval is not None and e.interval[0] > 0 and e.value >= MIN_EXPONENT  # type: ignore[operator]
    rising = not e.converged and e.last is not None and e.last >= MIN_EXPONENT
    return rise > GROWTH and (power or rising), e


def check_family(statement: Statement, claim: Uniformity, certify_points: bool = True) -> FamilyCheck:
    """One existential family followed, certified where it grows, and its inside family compared."""
    values = [float(v) for v in claim.values]
    ratios, refused, cases = _ratios(statement, claim, claim.cases)
    grows, exponent = _grows(values, ratios)
    certified = []
    if grows and certify_points:
        last = [v for v, r in zip(values, ratios) if r is not None][-CERTIFIED_POINTS:]
        for v in last:
            r = ratios[values.index(v)]
            bound = _bound(statement, claim, r / 2)  # type: ignore[operator]
            cert = certify(bound, {**cases[v], "statement": statement.id})
            certified.append({"value": v, "lower": r / 2, "float64": r, "detail": cert.detail, "witness": cases[v],  # type: ignore[operator]
                              "certified": cert.status is CertificateStatus.CERTIFIED_VIOLATION})
    inside_ratios = inside_grows = None
    if claim.inside is not None:
        inside_ratios, _, _ = _ratios(statement, claim, claim.inside)
        inside_grows, _ = _grows(values, inside_ratios)
    return FamilyCheck(claim.parameter, claim.fixed, values, ratios, exponent, grows, refused, certified, claim.needs,
                       inside_ratios, inside_grows, claim.why)


def check_existential(statement: Statement) -> list[FamilyCheck]:
    """Every existential family the statement declares."""
    return [check_family(statement, claim) for claim in statement.existential]
