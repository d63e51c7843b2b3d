"""The finding of an order statement found violated (``proofcheck.search.orders``): its class is a missing
factor, LHS / d^e growing like d^(measured - claimed), and its evidence the measurement in words, for the
erratum: "printed O(d^-1), measured d^-0.43 (interval ...)", the widths, the draws and what Arb enclosed."""
from __future__ import annotations

from typing import Any

from proofcheck.core.results import Diagnosis
from proofcheck.core.statement import Statement


def order_evidence(order: dict[str, Any]) -> str:
    """The measurement of an order, in words."""
    lo, hi = order["interval"]
    spread = order["spread"][-1]
    certified = ", ".join(str(p["width"]) for p in order["enclosures"] if p.get("certified"))
    slope = order.get("certified_slope")
    printed = f" ({order['printed']})" if order.get("printed") else ""
    return (f"printed {order['claim']}{printed}, measured {order['parameter']}^{order['exponent']:.3g} (interval "
            f"{lo:.3g} .. {hi:.3g}, {order['read']}) over {order['parameter']} = {order['widths'][0]}..{order['widths'][-1]}, "
            f"the median of {order['draws']} seeded draw(s) at each (at {order['parameter']} = {order['widths'][-1]} the "
            f"draws range over {spread['min']:.4g} .. {spread['max']:.4g}, quartiles {spread['q25']:.4g} .. {spread['q75']:.4g}); "
            f"the median values at {order['parameter']} = {certified} enclosed in Arb"
            + (f", the last local slope certified in {slope[0]:.4g} .. {slope[1]:.4g}" if slope else ""))


def order_diagnosis(statement: Statement, order: dict[str, Any], repaired: Statement | None, verdict: str | None,
                    ratio: float | None) -> Diagnosis:
    """A violated order's finding: a missing factor of parameter^(measured - claimed)."""
    lo, hi = order["interval"]
    gap = order["claimed"]
    return Diagnosis(klass="missing-factor", parameter=order["parameter"], exponent=order["exponent"] - gap,
                     interval=[lo - gap, hi - gap], evidence=order_evidence(order),
                     repair=repaired.id if repaired else None, repair_verdict=verdict,
                     repair_statement=repaired.statement if repaired else "", repair_ratio=ratio)
