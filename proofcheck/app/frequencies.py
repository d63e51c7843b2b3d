"""The class of a statement with probability refuted by frequencies (``proofcheck.core.probability``):
the constant its claim needs grows along a family of parameters. A rise like a power of the parameter
whose local slopes settle is a missing factor of that power; a rise that does not settle is unbounded.
Its evidence is the needed constant's order-statistic bounds, never a certified case."""
from __future__ import annotations

from typing import Any

from proofcheck.core.results import Diagnosis, StatementResult
from proofcheck.core.statement import Statement


def growing_constant(result: Any) -> dict[str, Any] | None:
    """The first family along which a statement with probability needs a growing constant, or None."""
    if not isinstance(result, StatementResult) or not isinstance(result.certification, dict):
        return None
    return next((f for f in result.certification.get("needed_constant", []) if f.get("grows")), None)


def constant_diagnosis(statement: Statement, family: dict[str, Any], repaired: Statement | None,
                       verdict: str | None, ratio: float | None) -> Diagnosis:
    """The diagnosis of a needed constant that grows along ``family`` (plain data of a NeededConstant)."""
    e = family.get("exponent")
    rise = (f"along {family['parameter']} = {family['values'][0]:g} .. {family['values'][-1]:g} the constant the claim "
            f"needs rises from at most {family['upper'][0]:.4g} to at least {family['lower'][-1]:.4g} (order-statistic "
            f"bounds, {family['draws']} seeded draws a point, confidence {family['confidence']:g})")
    klass = "missing-factor" if e is not None and e > 0 else "unbounded"
    evidence = rise + (f", like {family['parameter']}^{e:.3g}" if e is not None else "") + "; a frequency, not certified"
    interval = family.get("interval")
    return Diagnosis(klass=klass, parameter=family["parameter"], exponent=e, evidence=evidence,
                     interval=list(interval) if interval else None,
                     sequence=[{"s": v, "ratio": lo, "certified": False}
                               for v, lo in zip(family["values"], family["lower"])],
                     repair=repaired.id if repaired else None, repair_verdict=verdict,
                     repair_statement=repaired.statement if repaired else "", repair_ratio=ratio)
