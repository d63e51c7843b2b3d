"""The measured exponent of an order statement ("X = O(d^e)", ``proofcheck.core.orders.Order``).

At each width d of the order's geometric grid, ``draws`` seeded cases are drawn (draw j has the seed
(statement seed, j) at every width, so that a model drawing its units in order gives nested draws:
the width-2d network extends the width-d one) and the left side is evaluated in float64; the summary
is the median over the draws (the draws' quartiles and extremes are reported as their spread). The
draw realizing the median is re-evaluated in mpmath at ``dps`` digits (confirmed when float64 agrees to
AGREEMENT), and the confirmed medians give the exponent by ``proofcheck.search.asymptotics``: the
limit of the local slopes by Aitken extrapolation, its interval the misfit between extrapolations.

Where the quantity is random and the slopes do not converge geometrically because the draws' noise
dominates their increments, the exponent is read as noise-limited: when the last NOISE_SLOPES slopes
agree within twice their standard errors (from the median's standard error at each width, computed
from the draws' interquartile range) or within the resolution exponents are judged to, the value is
their mean and the interval their range widened by twice the largest standard error or half the
resolution. Slopes that drift monotonically beyond that, as a logarithmic factor makes them (slopes
e + b / log d, which Aitken's geometric model declines), are read as log-corrected: the limit is
extrapolated linearly in 1 / log d through the last two pairs, the interval twice the misfit between
the two extrapolations. Otherwise no exponent is given. The values at the last CERTIFIED
widths are enclosed in Arb (the median draw's left side; certified when each ball is finite and holds
the mpmath value), and the last slope's interval is computed from the balls. The verdict is
``proofcheck.core.verdicts.order_verdict``.
"""
from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

import flint
import numpy as np

from types import SimpleNamespace

import mpmath

from proofcheck.core.orders import RESOLUTION, Order
from proofcheck.core.results import PhaseStats, StatementResult, StopReason
from proofcheck.core.statement import Statement
from proofcheck.core.verdicts import order_verdict
from proofcheck.numerics.arb import ArbContext, arb_prec
from proofcheck.search.asymptotics import FLOOR, MISFIT_MARGIN, asymptotic_exponent
from proofcheck.numerics.contexts import MP
from proofcheck.search.evaluate import sides_f64

AGREEMENT = 1e-8
CERTIFIED = 3
NOISE_SLOPES = 3
ARB_BITS = 128
IQR_SIGMA = 1.349  # the interquartile range of a normal distribution, in standard deviations
MEDIAN_EFFICIENCY = 1.2533  # the median's standard error over the mean's, for normal draws


@dataclass
class OrderCheck:
    """The measurement: the widths, the median and spread of the draws at each, the mpmath values,
    the exponent with its interval and how it was read, the certified last slope, and the verdict."""

    parameter: str
    claim: str
    claimed: float
    exact: bool
    printed: str
    widths: list[int]
    draws: int
    medians: list[float | None]
    spread: list[dict[str, float]]
    confirmed: list[bool]
    exponent: float | None
    interval: list[float] | None
    slopes: list[float]
    read: str  # "aitken", "noise-limited" or "none"
    why: str = ""
    certified: bool = False
    enclosures: list[dict[str, Any]] = field(default_factory=list)
    certified_slope: list[float] | None = None
    verdict: str = "inconclusive"
    reason: str = ""


def _seed(seed: int, draw: int) -> int:
    return int(np.random.SeedSequence(seed, spawn_key=(draw,)).generate_state(1, np.uint64)[0])


def _namespace(ctx: Any, statement: Statement, witness: dict[str, Any]) -> SimpleNamespace:
    """A case in an object context. Widths grow past the witness database's dims (256), so the case is
    read as a model's draw, not validated as a stored witness."""
    ns = SimpleNamespace(dims=dict(witness["dims"]))
    for m in statement.space.matrices:
        mats = witness["values"][m.name] if m.count else [witness["values"][m.name]]
        built = [ctx.matrix([[ctx.mpf(x) for x in row] for row in mat]) for mat in mats]
        setattr(ns, m.name, built if m.count else built[0])
    for sc in statement.space.scalars:
        v = witness["values"][sc.name]
        setattr(ns, sc.name, [ctx.mpf(x) for x in v] if sc.count else ctx.mpf(v))
    return ns


def _mpmath(statement: Statement, witness: dict[str, Any], dps: int) -> float:
    with mpmath.mp.workdps(dps):
        return float(MP.mpf(statement.lhs(MP, _namespace(MP, statement, witness))))


def _float64(statement: Statement, cases: list[dict[str, Any]]) -> np.ndarray:
    """The left side of every draw at one width, as one float64 batch (the draws share their dims)."""
    dims = dict(cases[0]["dims"])
    values = {name: np.stack([np.asarray(c["values"][name], dtype=float) for c in cases])
              for name in statement.space.names()}
    with np.errstate(all="ignore"):
        left, _ = sides_f64(statement, dims, values)
    return np.asarray(left, dtype=float).reshape(-1)


def _normalized(order: Order, d: int, x: float) -> float:
    return x / math.log(d) ** order.log_power if order.log_power else x


def _last_slopes(widths: list[int], values: list[float], relative_se: list[float]
                 ) -> tuple[list[float], list[float], list[float]]:
    """The last NOISE_SLOPES local slopes, their standard errors from the draws, and their widths (geometric
    midpoints)."""
    k = NOISE_SLOPES
    logs = [math.log(v) for v in values[-k - 1:]]
    steps = [math.log(b / a) for a, b in zip(widths[-k - 1:], widths[-k:])]
    slopes = [(y1 - y0) / h for y0, y1, h in zip(logs, logs[1:], steps)]
    ses = [math.hypot(s0, s1) / h for s0, s1, h in zip(relative_se[-k - 1:], relative_se[-k:], steps)]
    mids = [math.sqrt(a * b) for a, b in zip(widths[-k - 1:], widths[-k:])]
    return slopes, ses, mids


def _noise_limited(slopes: list[float], ses: list[float]) -> tuple[float, list[float]] | None:
    """The mean of the last slopes, when they have settled: within twice their noise of each other, or within
    the RESOLUTION the exponent is judged to; the interval is their range widened by twice their standard
    error or half the resolution, whichever is larger."""
    margin = max(2 * max(ses), RESOLUTION / 2)
    if max(slopes) - min(slopes) > max(2 * max(ses), RESOLUTION):
        return None
    return sum(slopes) / len(slopes), [min(slopes) - margin, max(slopes) + margin]


def _log_corrected(slopes: list[float], ses: list[float], mids: list[float]) -> tuple[float, list[float]] | None:
    """Slopes that drift monotonically like e + b / log d (a logarithmic factor, which the geometric
    extrapolation declines): the limit e extrapolated linearly in 1 / log d through the last two pairs of
    slopes, the interval twice the misfit between the two extrapolations (and twice the noise)."""
    inc = [b - a for a, b in zip(slopes, slopes[1:])]
    if not (all(x > 0 for x in inc) or all(x < 0 for x in inc)):
        return None
    u = [1 / math.log(m) for m in mids]
    ext = [s1 - (s1 - s0) / (u1 - u0) * u1 for s0, s1, u0, u1 in zip(slopes, slopes[1:], u, u[1:])]
    half = max(MISFIT_MARGIN * abs(ext[-1] - ext[-2]), MISFIT_MARGIN * max(ses), FLOOR)
    return ext[-1], [ext[-1] - half, ext[-1] + half]


def _enclose(statement: Statement, witness: dict[str, Any], mp_value: float) -> tuple[dict[str, Any], Any]:
    """The left side's Arb ball at the case, and whether it is certified: finite, positive, and agreeing
    with the mpmath value (read back in float64) to AGREEMENT."""
    ctx = ArbContext(ARB_BITS)
    with arb_prec(ARB_BITS):
        try:
            ball = flint.arb(statement.lhs(ctx, _namespace(ctx, statement, witness)))
        except (ValueError, ArithmeticError, TypeError) as exc:
            return {"certified": False, "detail": f"no enclosure: {type(exc).__name__}: {exc}"}, None
        ok = bool(ball.is_finite() and ball > 0 and abs(float(ball.mid()) - mp_value) <= AGREEMENT * abs(mp_value))
        return ({"certified": ok, "ball": ball.str(20, radius=True),
                 "detail": f"enclosed at {ARB_BITS} bits" + ("" if ok else ", not positive or not the mpmath value")},
                ball if ok else None)


def measure_order(statement: Statement, seed: int, dps: int = 30,
                  progress: Callable[[dict[str, Any]], None] | None = None) -> OrderCheck:
    """The exponent of the statement's left side along its order's parameter (see the module)."""
    order = statement.order
    assert order is not None
    widths = list(order.widths)
    seeds = [_seed(seed, j) for j in range(order.draws)]
    medians: list[float | None] = []
    spread, confirmed, median_cases, relative_se = [], [], [], []
    for d in widths:
        cases = [order.case(d, s) for s in seeds]
        values = np.array([_normalized(order, d, x) for x in _float64(statement, cases)])
        rank = np.argsort(values)[(len(values) - 1) // 2]
        q25, q50, q75 = np.quantile(values, [0.25, 0.5, 0.75])
        spread.append({"min": float(values.min()), "q25": float(q25), "q75": float(q75), "max": float(values.max())})
        mp = _mpmath(statement, cases[rank], dps)
        mp = _normalized(order, d, mp)
        ok = math.isfinite(mp) and abs(mp - values[rank]) <= AGREEMENT * max(abs(mp), 1e-300)
        confirmed.append(bool(ok))
        medians.append(mp if ok and mp > 0 else None)
        median_cases.append(cases[rank])
        sd = (q75 - q25) / IQR_SIGMA
        relative_se.append(MEDIAN_EFFICIENCY * sd / math.sqrt(len(values)) / abs(q50) if q50 else math.inf)
        if progress is not None:
            progress({"id": statement.id, "phase": "order", "cases": len(medians) * order.draws, "best": float(q50),
                      "seconds": 0.0})
    e = asymptotic_exponent([float(w) for w in widths], [m if m is not None else math.nan for m in medians])
    check = OrderCheck(order.parameter, order.claim, order.exponent, order.exact, order.printed, widths, order.draws,
                       medians, spread, confirmed, e.value, list(e.interval) if e.interval else None, list(e.slopes),
                       "aitken" if e.converged else "none", e.why)
    if not e.converged and all(m is not None for m in medians) and len(widths) > NOISE_SLOPES:
        slopes, ses, mids = _last_slopes(widths, medians, relative_se)  # type: ignore[arg-type]
        for read, found, why in (
                ("noise-limited", order.draws > 1 and _noise_limited(slopes, ses),
                 "the last slopes have settled within the draws' noise or half the resolution"),
                ("log-corrected", _log_corrected(slopes, ses, mids),
                 "the last slopes drift like a logarithmic factor, extrapolated in 1/log " + order.parameter)):
            if found:
                check.exponent, check.interval, check.read, check.why = found[0], found[1], read, why
                break
    last = [i for i in range(len(widths)) if medians[i] is not None][-CERTIFIED:]
    balls = []
    for i in last:
        enc, ball = _enclose(statement, median_cases[i], medians[i] * (math.log(widths[i]) ** order.log_power))  # type: ignore[operator]
        check.enclosures.append({"width": widths[i], **enc})
        balls.append(ball)
    check.certified = len(last) == CERTIFIED and all(b is not None for b in balls)
    if check.certified:
        with arb_prec(ARB_BITS):
            d0, d1 = (flint.arb(widths[i]) for i in last[-2:])
            slope = (balls[-1].log() - balls[-2].log()) / (d1 / d0).log()
            if order.log_power:
                slope -= flint.arb(order.log_power) * (d1.log() / d0.log()).log() / (d1 / d0).log()
            check.certified_slope = [float(slope.lower()), float(slope.upper())]
    interval = tuple(check.interval) if check.interval else None
    check.verdict, check.reason = order_verdict(interval, order.exponent, order.exact, RESOLUTION,  # type: ignore[arg-type]
                                                check.certified, check.why)
    if check.exponent is not None:
        check.reason += (f"; measured {order.parameter}^{check.exponent:.3g} ({check.read}) over "
                         f"{order.parameter} = {widths[0]}..{widths[-1]}, median of {order.draws} draw(s)")
    return check


def search_order(statement: Statement, seed: int, dps: int = 30,
                 progress: Callable[[dict[str, Any]], None] | None = None) -> StatementResult:
    """An order statement's result: its verdict from the measured exponent, the measurement as data."""
    clock = time.monotonic()
    try:
        check = measure_order(statement, seed, dps, progress)
        verdict, reason, data = check.verdict, check.reason, asdict(check)
    except (ArithmeticError, ValueError, TypeError) as exc:
        verdict, reason, data = "error", f"{type(exc).__name__}: {exc}", {}
    seconds = time.monotonic() - clock
    order = statement.order
    assert order is not None
    return StatementResult(
        id=statement.id, ref=statement.ref, statement=statement.statement, kind=statement.kind,
        checked_by=statement.checked_by, uses=list(statement.uses), verdict=verdict,  # type: ignore[arg-type]
        model_class=statement.space.describe(),
        cases=len(order.widths) * order.draws, worst_ratio=None, worst_ratio_text="", witness=None, symbolic=[],
        seconds=round(seconds, 3), dps=dps, seed=seed,
        stop_reason=StopReason.CONVERGED if verdict != "error" else StopReason.ERROR,
        phases=[PhaseStats("order", seconds, len(order.widths) * order.draws)], reason=reason, notes=statement.notes,
        constant_printed=statement.constant_printed, order=data)
