"""The finding of an existential constant ("there is C depending only on K") refuted along its
families (``proofcheck.search.existential``): a missing hypothesis where the same family with the
hypothesis the argument needs stays bounded, else a missing factor (a converged power) or unbounded
growth; over several refuting families, the most severe decides and the others are said beside it."""
from __future__ import annotations

from typing import Any

from proofcheck.core.results import Diagnosis
from proofcheck.core.statement import Statement


def existential_diagnosis(family: dict[str, Any], repaired: Statement | None = None, verdict: str | None = None,
                          ratio: float | None = None) -> Diagnosis:
    """The class of an existential constant refuted along a family: a missing hypothesis when the same
    family with the hypothesis the argument needs stays bounded, else the growth's own class; with the
    repair, its verdict and worst ratio where known."""
    e = family.get("exponent") or {}
    certified = ", ".join(f"{p['lower']:.4g} at {family['parameter']} = {p['value']:g}" for p in family["certified"])
    growth = (f"along {family['parameter']} at {family['fixed']}, inside the hypotheses, LHS / (the rest of the bound) "
              + (f"grows like {family['parameter']}^{e['value']:.4g} ({e['interval'][0]:.4g} .. {e['interval'][1]:.4g})"
                 if e.get("value") is not None and e.get("interval") else "grows without settling on a power")
              + f"; certified above {certified}")
    if family.get("needs") and family.get("inside_grows") is False:
        klass, evidence = "missing-hypothesis", (f"{growth}; the same family with {family['needs']} stays bounded: the "
                                                 f"constant exists only where {family['needs']}, which the statement does "
                                                 "not assume")
    elif e.get("value") is not None and e.get("interval") and e["interval"][0] > 0:
        klass, evidence = "missing-factor", growth
    else:
        klass, evidence = "unbounded", growth
    last = family["certified"][-1]
    return Diagnosis(klass=klass, parameter=family["parameter"], exponent=e.get("value"),
                     interval=e.get("interval"), evidence=evidence, hypothesis=family.get("needs", ""),
                     shrunk_witness=last.get("witness"), shrunk_ratio=last["lower"], shrunk_certified=True,
                     sequence=[{"s": p["value"], "ratio": p["lower"], "certified": p["certified"], "witness": p.get("witness")}
                               for p in family["certified"]],
                     repair=repaired.id if repaired else None, repair_verdict=verdict,
                     repair_statement=repaired.statement if repaired else "", repair_ratio=ratio)


# a growth no hypothesis stops outranks one that a hypothesis the argument needs would (its class decides)
EXISTENTIAL_SEVERITY = {"unbounded": 3, "missing-factor": 2, "missing-hypothesis": 1}


def existential_findings(families: list[dict[str, Any]], repaired: Statement | None = None,
                         verdict: str | None = None, ratio: float | None = None) -> Diagnosis:
    """The class of an existential constant refuted along several families: the most severe family's
    (a growth that persists with every hypothesis the argument needs outranks one a hypothesis would
    stop), the others' evidence beside it."""
    found = [existential_diagnosis(f, repaired, verdict, ratio) for f in families]
    best = max(range(len(found)), key=lambda i: EXISTENTIAL_SEVERITY.get(found[i].klass, 0))
    chosen = found[best]
    others = [f"along {d.parameter}: {d.klass}, {d.evidence}" for i, d in enumerate(found) if i != best]
    if others:
        chosen.evidence = "; ".join([chosen.evidence] + [f"also {o}" for o in others])
    return chosen
