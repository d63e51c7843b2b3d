"""The orders kind: a claimed exponent measured along its parameter (proofcheck.search.orders)."""
import math

import numpy as np

from proofcheck.core.orders import Order, power_rhs
from proofcheck.core.statement import Scalar, Space, Statement
from proofcheck.core.verdicts import order_verdict
from proofcheck.search.engine import search
from proofcheck.search.orders import measure_order

WIDTHS = tuple(2 ** k for k in range(3, 12))
SPACE = Space(dims={"d": (1, 10 ** 6)}, matrices=(), scalars=(Scalar("z", -math.inf, math.inf),))


def _planted(exponent: float, exact: bool = False, draws: int = 1, c: float = 3.0) -> Statement:
    """c (1 + z^2) sqrt(d), z a seeded normal draw (z = 0 for one draw), claimed O(d^exponent)."""
    def case(d: int, seed: int) -> dict:
        z = float(np.random.default_rng(seed).standard_normal()) if draws > 1 else 0.0
        return {"dims": {"d": d}, "values": {"z": repr(z)}}

    def lhs(ctx, q):
        return ctx.mpf(c) * (1 + q.z * q.z) * ctx.sqrt(ctx.mpf(q.dims["d"]))

    order = Order("d", exponent, case, WIDTHS, exact=exact, draws=draws)
    return Statement(id="planted-order", ref="test", statement=f"c sqrt(d) = {order.claim}", kind="upper",
                     space=SPACE, lhs=lhs, rhs=power_rhs("d", exponent), order=order)


def test_orders_planted_half_power_claimed_bounded_is_violated():
    check = measure_order(_planted(0.0), seed=1)
    assert check.verdict == "violated" and check.certified
    assert check.interval[0] <= 0.5 <= check.interval[1] and abs(check.exponent - 0.5) < 1e-6
    assert check.certified_slope[0] <= 0.5 <= check.certified_slope[1]


def test_orders_planted_half_power_claimed_half_holds():
    assert measure_order(_planted(0.5), seed=1).verdict == "holds"


def test_orders_exact_order_off_is_refused():
    off = measure_order(_planted(1.0, exact=True), seed=1)
    assert off.verdict == "violated"  # Θ(d) for a sqrt(d): the interval lies below the claim
    assert measure_order(_planted(0.5, exact=True), seed=1).verdict == "holds"


def test_orders_random_quantity_reproducible_for_a_seed():
    s = _planted(0.0, draws=9)
    a, b, other = measure_order(s, seed=7), measure_order(s, seed=7), measure_order(s, seed=8)
    assert a.medians == b.medians and a.spread == b.spread and a.interval == b.interval
    assert a.medians != other.medians
    assert a.verdict == "violated" and abs(a.exponent - 0.5) < 1e-6


def test_orders_verdict_rule():
    assert order_verdict((0.4, 0.6), 0.0, False, 0.05, True)[0] == "violated"
    assert order_verdict((0.4, 0.6), 0.0, False, 0.05, False)[0] == "inconclusive"
    assert order_verdict((-0.1, 0.02), 0.0, False, 0.05, True)[0] == "holds"
    assert order_verdict((-0.3, -0.1), 0.0, True, 0.05, True)[0] == "violated"
    assert order_verdict((-0.02, 0.2), 0.0, False, 0.05, True)[0] == "inconclusive"
    assert order_verdict(None, 0.0, False, 0.05, True)[0] == "inconclusive"


def test_orders_engine_hook_reports_the_measurement():
    result = search(_planted(0.0), seed=0)
    assert result.verdict == "violated" and result.order["exponent"] is not None
    assert result.order["widths"] == list(WIDTHS)


def _log_factor(exponent: float, log_power: float = 0.0) -> Statement:
    """sqrt(log d) / sqrt(d) (the largest of d Gaussian blocks over sqrt d), claimed O(d^e (log d)^k)."""
    def case(d: int, seed: int) -> dict:
        return {"dims": {"d": d}, "values": {"z": "0"}}

    def lhs(ctx, q):
        d = ctx.mpf(q.dims["d"])
        return ctx.sqrt(ctx.apply("log", d)) / ctx.sqrt(d) + q.z

    order = Order("d", exponent, case, tuple(4 ** k for k in range(2, 9)), log_power=log_power)
    return Statement(id="planted-log", ref="test", statement=order.claim, kind="upper", space=SPACE, lhs=lhs,
                     rhs=power_rhs("d", exponent, log_power), order=order)


def test_orders_logarithmic_factor_is_read_and_judged():
    printed = measure_order(_log_factor(-1.0), seed=0)
    assert printed.read in ("noise-limited", "log-corrected") and printed.verdict == "violated"
    assert -0.55 < printed.exponent < -0.4
    assert measure_order(_log_factor(-0.5, log_power=0.5), seed=0).verdict == "holds"


def test_orders_noisy_bounded_quantity_settles_and_holds():
    def case(d: int, seed: int) -> dict:
        z = float(np.random.default_rng(seed).standard_normal())
        return {"dims": {"d": d}, "values": {"z": repr(z)}}

    def lhs(ctx, q):
        return 2 + q.z / ctx.sqrt(ctx.mpf(q.dims["d"]))

    order = Order("d", 0.0, case, tuple(4 ** k for k in range(2, 8)), draws=41)
    s = Statement(id="planted-noisy", ref="test", statement=order.claim, kind="upper", space=SPACE, lhs=lhs,
                  rhs=power_rhs("d", 0.0), order=order)
    check = measure_order(s, seed=3)
    assert check.verdict == "holds" and check.spread[0]["min"] < check.spread[0]["max"]
