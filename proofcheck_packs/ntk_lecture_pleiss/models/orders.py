"""The width sweeps of the lecture's order statements: the network of ``network`` at initialization on
fixed data (n = 3 points on the unit circle, p = 2), at widths 16, 64, .., 16384, 401 nested seeded draws each."""
from __future__ import annotations

from typing import Any, Callable

from proofcheck.core.orders import Order
from proofcheck_packs.ntk_lecture_pleiss.models import network


def width_order(exponent: float, printed: str, exact: bool = False, log_power: float = 0.0) -> Order:
    """A claimed order in the width d of the initialized network."""
    case: Callable[[int, int], dict[str, Any]] = lambda d, seed: network.draw(d, seed)
    return Order("d", exponent, case, network.WIDTHS, exact=exact, draws=network.DRAWS, log_power=log_power,
                 printed=printed)


SPACE = network.space(d=(1, max(network.WIDTHS)), p=(1, 4), n=(1, 5))
