"""The two arithmetics the branch-and-bound prover evaluates a reduced statement in.

* ``BALLS``: plain Arb balls (python-flint ``arb``): a box's coordinates are balls, and the value
  is an enclosure of the function over the box (the natural interval extension).
* ``JETS``: truncated Taylor series in one direction (``flint.arb_series``): a coordinate that is
  the ball X plus the series variable t gives, in coefficient k, an enclosure of the k-th
  derivative over the box divided by k!. The mean-value form and the face arguments of
  ``proofcheck.numerics.bnb`` read derivatives from them.

Both carry the operations reduced statements are written with: ``sqrt``, ``exp``, ``log``, ``mpf``,
``minimum``, ``maximum``, ``xlogx`` (x log x, 0 at 0), ``power`` (x^c, c > 0, 0 at 0), ``decay`` and ``decay_over`` (e^{-c/x} and e^{-c/x}/x, 0 at 0) and Python's arithmetic and ``abs``. Where a
branch (abs, min, max) is not decided on the box, a jet keeps the value's enclosure and marks
every derivative indeterminate: the function need not be differentiable there, and the prover
then falls back to the plain enclosure or bisects.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

import flint


@contextmanager
def series_length(n: int, bits: int) -> Iterator[None]:
    """Arb's working precision and its process-wide series cap, set inside the block and restored."""
    saved_cap, saved_prec = flint.ctx.cap, flint.ctx.prec
    flint.ctx.cap, flint.ctx.prec = int(n), int(bits)
    try:
        yield
    finally:
        flint.ctx.cap, flint.ctx.prec = saved_cap, saved_prec


def _ball(x: Any) -> flint.arb:
    return x if isinstance(x, flint.arb) else flint.arb(x)


def _xlogx_ball(x: flint.arb) -> flint.arb:
    """x log x on [0, infinity) with the value 0 at 0: decreasing on [0, 1/e], so on a ball that reaches
    0 from a nonnegative lower end below 1/e its enclosure is [u log u, 0] (u the upper end)."""
    if x.lower() > 0:
        return x * x.log()
    if x.upper() < 0:  # outside the domain: no enclosure
        return flint.arb.nan()
    # the argument is nonnegative by construction (a compactified variable w >= 0): the part of its
    # ball below 0 is the rounding of the ball's radius, and is cut, as the Arb context cuts it for sqrt
    upper = flint.arb(x.upper())
    if not upper * flint.arb(1).exp() < 1:
        return flint.arb.nan()
    low = upper * upper.log() if upper > 0 else flint.arb(0)
    return low.union(flint.arb(0))


def _power_ball(x: flint.arb, c: flint.arb) -> flint.arb:
    """x^c on [0, infinity) for a constant c > 0, with the value 0 at 0: increasing, so on a ball that reaches 0
    (its part below 0 the rounding of a compactified variable's radius, cut as for ``xlogx``) it is [0, u^c]."""
    if not c.lower() > 0:
        return flint.arb.nan()
    if x.lower() > 0:
        return (c * x.log()).exp()
    if x.upper() < 0:
        return flint.arb.nan()
    upper = flint.arb(x.upper())
    return ((c * upper.log()).exp() if upper > 0 else flint.arb(0)).union(flint.arb(0))


def _decay_ball(x: flint.arb, c: flint.arb, over: bool) -> flint.arb:
    """e^{-c/x} (over: e^{-c/x}/x) on x >= 0 for c > 0, 0 at x = 0: increasing in x (over: while x < c), so on a
    ball that reaches 0 it is [0, its value at the upper end, c at its lower end]."""
    if not c.lower() > 0:
        return flint.arb.nan()
    if x.lower() > 0:
        v = (-c / x).exp()
        return v / x if over else v
    upper = flint.arb(x.upper())
    if x.upper() < 0 or (over and not upper < flint.arb(c.lower())):
        return flint.arb.nan()
    if not upper > 0:
        return flint.arb(0)
    v = (-flint.arb(c.lower()) / upper).exp()
    return (v / upper if over else v).union(flint.arb(0))


class BallOps:
    """Arb balls with the context operations reduced statements use."""

    name = "balls"

    @staticmethod
    def mpf(x: Any) -> flint.arb:
        return flint.arb(x)

    @staticmethod
    def sqrt(x: Any) -> flint.arb:
        return _ball(x).sqrt()

    @staticmethod
    def exp(x: Any) -> flint.arb:
        return _ball(x).exp()

    @staticmethod
    def log(x: Any) -> flint.arb:
        return _ball(x).log()

    @staticmethod
    def xlogx(x: Any) -> flint.arb:
        return _xlogx_ball(_ball(x))

    @staticmethod
    def power(x: Any, c: Any) -> flint.arb:
        return _power_ball(_ball(x), _ball(c))

    @staticmethod
    def decay(x: Any, c: Any) -> flint.arb:
        return _decay_ball(_ball(x), _ball(c), False)

    @staticmethod
    def decay_over(x: Any, c: Any) -> flint.arb:
        return _decay_ball(_ball(x), _ball(c), True)

    @staticmethod
    def minimum(x: Any, y: Any) -> flint.arb:
        x, y = _ball(x), _ball(y)
        return x if x <= y else y if y <= x else flint.arb(x.lower()).min(flint.arb(y.lower())).union(
            flint.arb(x.upper()).min(flint.arb(y.upper())))

    @staticmethod
    def maximum(x: Any, y: Any) -> flint.arb:
        return -BallOps.minimum(-_ball(x), -_ball(y))


class Jet:
    """A truncated Taylor series with Arb coefficients (flint.arb_series), with ``abs`` decided by the
    sign of its value's enclosure."""

    __array_priority__ = 1000

    def __init__(self, s: Any):
        self.s = s if isinstance(s, flint.arb_series) else flint.arb_series([_ball(s)])

    @property
    def value(self) -> flint.arb:
        return self.s.coeffs()[0] if self.s.length() else flint.arb(0)

    def coefficient(self, k: int) -> flint.arb:
        coeffs = self.s.coeffs()
        return coeffs[k] if k < len(coeffs) else flint.arb(0)

    @staticmethod
    def _of(x: Any) -> Any:
        return x.s if isinstance(x, Jet) else _ball(x)

    def __add__(self, o: Any) -> "Jet":
        return Jet(self.s + Jet._of(o))

    __radd__ = __add__

    def __sub__(self, o: Any) -> "Jet":
        return Jet(self.s - Jet._of(o))

    def __rsub__(self, o: Any) -> "Jet":
        return Jet(Jet._of(o) - self.s)

    def __mul__(self, o: Any) -> "Jet":
        return Jet(self.s * Jet._of(o))

    __rmul__ = __mul__

    def __truediv__(self, o: Any) -> "Jet":
        try:
            return Jet(self.s / Jet._of(o))
        except ValueError:  # Arb refuses a series divisor whose value's ball contains 0
            return undecided_branch(self.value / (o.value if isinstance(o, Jet) else _ball(o)))

    def __rtruediv__(self, o: Any) -> "Jet":
        try:
            return Jet(Jet._of(o) / self.s)
        except ValueError:
            return undecided_branch(_ball(o) / self.value)

    def __neg__(self) -> "Jet":
        return Jet(-self.s)

    def __pow__(self, k: Any) -> "Jet":
        if isinstance(k, int) and k >= 0:
            out = Jet(1)
            for _ in range(k):
                out = out * self
            return out
        return Jet((self.s.log() * Jet._of(k)).exp())

    def __abs__(self) -> "Jet":
        v = self.value
        if v > 0:
            return self
        if v < 0:
            return -self
        return undecided_branch(abs(v))


def undecided_branch(value: flint.arb) -> Jet:
    """A jet whose value is enclosed and whose derivatives are unknown (a branch not decided on the box)."""
    n = max(flint.ctx.cap, 1)
    return Jet(flint.arb_series([value] + [flint.arb.nan()] * (n - 1)))


def _jet(x: Any) -> Jet:
    return x if isinstance(x, Jet) else Jet(x)


class JetOps:
    """Taylor series in one direction, with the same operations as ``BallOps``."""

    name = "jets"

    @staticmethod
    def mpf(x: Any) -> flint.arb:
        return flint.arb(x)

    @staticmethod
    def sqrt(x: Any) -> Any:
        return Jet(_jet(x).s.sqrt()) if isinstance(x, Jet) else _ball(x).sqrt()

    @staticmethod
    def exp(x: Any) -> Any:
        return Jet(x.s.exp()) if isinstance(x, Jet) else _ball(x).exp()

    @staticmethod
    def log(x: Any) -> Any:
        return Jet(x.s.log()) if isinstance(x, Jet) else _ball(x).log()

    @staticmethod
    def xlogx(x: Any) -> Any:
        if not isinstance(x, Jet):
            return _xlogx_ball(_ball(x))
        if x.value.lower() > 0:
            return x * Jet(x.s.log())
        return undecided_branch(_xlogx_ball(x.value))

    @staticmethod
    def power(x: Any, c: Any) -> Any:
        """x^c; where the ball reaches 0 the derivatives (c < 1: unbounded) are left indeterminate."""
        if not isinstance(x, Jet):
            return _power_ball(_ball(x), _ball(c))
        if x.value.lower() > 0 and _ball(c).lower() > 0:
            return Jet((_ball(c) * x.s.log()).exp())
        return undecided_branch(_power_ball(x.value, _ball(c)))

    @staticmethod
    def decay(x: Any, c: Any) -> Any:
        """e^{-c/x}; where x's ball reaches 0 the derivatives are left indeterminate."""
        return JetOps._decay(x, c, False)

    @staticmethod
    def decay_over(x: Any, c: Any) -> Any:
        return JetOps._decay(x, c, True)

    @staticmethod
    def _decay(x: Any, c: Any, over: bool) -> Any:
        if not isinstance(x, Jet) and not isinstance(c, Jet):
            return _decay_ball(_ball(x), _ball(c), over)
        xv = x.value if isinstance(x, Jet) else _ball(x)
        cv = c.value if isinstance(c, Jet) else _ball(c)
        if xv.lower() > 0 and cv.lower() > 0:
            v = JetOps.exp(-c / _jet(x)) if isinstance(c, Jet) else JetOps.exp(-_ball(c) / _jet(x))
            return v / x if over else v
        return undecided_branch(_decay_ball(xv, cv, over))

    @staticmethod
    def minimum(x: Any, y: Any) -> Any:
        if not isinstance(x, Jet) and not isinstance(y, Jet):
            return BallOps.minimum(x, y)
        x, y = _jet(x), _jet(y)
        if x.value <= y.value:
            return x
        if y.value <= x.value:
            return y
        return undecided_branch(BallOps.minimum(x.value, y.value))

    @staticmethod
    def maximum(x: Any, y: Any) -> Any:
        return -JetOps.minimum(-_jet(x), -_jet(y))


BALLS = BallOps()
JETS = JetOps()
