"""Orders of growth as statements: "X = O(d^e)", "X is of order d^e", "X ≍ d^e" as d grows.

Such a line claims an exponent. A statement declares it with ``Order`` (``Statement.order``): the
quantity is the statement's left side (written once against the contexts), ``parameter`` the dim it
grows in, ``exponent`` the claimed e, ``exact`` whether the claim is an exact order (Θ, "of order",
≍: the measured exponent must equal e) or an upper one (O: at most e), ``log_power`` a printed
logarithmic factor (X = O(d^e (log d)^k): the exponent of X / (log d)^k is measured), ``case(d, seed)``
a case of the statement at width d (a witness, ``{"dims", "values"}``) drawn from the integer seed
where the quantity is random, ``widths`` the geometric grid it is measured on and ``draws`` how many
seeded draws are summarized (by their median) at each width (1: a deterministic quantity).
The measurement is ``proofcheck.search.orders``; the verdict rule ``proofcheck.core.verdicts.order_verdict``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

# exponents are judged to this resolution: an exponent is measured, never known exactly
RESOLUTION = 0.05


@dataclass(frozen=True)
class Order:
    """A claimed exponent of the left side along ``parameter`` (see the module's docstring)."""

    parameter: str
    exponent: float
    case: Callable[[int, int], dict[str, Any]]
    widths: tuple[int, ...]
    exact: bool = False
    draws: int = 1
    log_power: float = 0.0
    printed: str = ""  # the order as printed, "O(1/d)"

    @property
    def claim(self) -> str:
        """The claim in words: 'O(d^-1)' or 'Θ(d^-0.5)'."""
        log = f" (log {self.parameter})^{self.log_power:g}" if self.log_power else ""
        return f"{'Θ' if self.exact else 'O'}({self.parameter}^{self.exponent:g}{log})"


def power_rhs(order_parameter: str, exponent: float, log_power: float = 0.0) -> Callable[[Any, Any], Any]:
    """The right side of an order statement: d^e (log d)^k at the case's width (the left side over it is
    X / d^e, bounded exactly when the claim holds)."""
    def rhs(ctx: Any, c: Any, constant: float = 1.0) -> Any:
        d = ctx.mpf(c.dims[order_parameter])
        power = constant * d ** ctx.mpf(exponent)
        return power * ctx.apply("log", d) ** ctx.mpf(log_power) if log_power else power
    return rhs


__all__ = ["Order", "RESOLUTION", "power_rhs"]
