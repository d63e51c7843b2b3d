"""One-dimensional integrals in the three arithmetic contexts, for expectations reduced to an integral.

``integral(f, a, b, tail=None)`` is a method of every context (``F64``, ``MP``, ``ArbContext``), bound
from this module. The integrand is ``f(q, t)``, written once against the small set of operations an
integration variable supports in each context, ``q`` (``exp``, ``erf``, ``mpf``, arithmetic): numpy
and scipy's ``erf`` for float64 batches, mpmath's functions, and complex balls (``acb``) for Arb,
whose integrator needs the integrand on complex intervals. ``tail`` bounds |the integral outside
[a, b]| (a truncated infinite range), computed in the context by the caller.

The result is an ``Estimate``: float64 and mpmath carry the quadrature's error estimate plus the
tail; Arb's ``acb.integral`` returns a rigorous enclosure, to which the tail is added as radius, so
the result is an enclosure with error exactly 0 (``ArbContext.enclosed``).

    >>> from proofcheck.numerics.contexts import MP
    >>> float(MP.integral(lambda q, t: q.exp(-t * t / 2), 0, 40).value)  # sqrt(pi/2)
    1.2533141373155...
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Callable

import flint
import mpmath
import numpy as np
from scipy import special

Integrand = Callable[[Any, Any], Any]


def _estimate(value: Any, error: Any) -> Any:
    from proofcheck.numerics.paths import Estimate  # paths imports the contexts, which bind this module
    return Estimate(value, error)

# Gauss-Legendre nodes on [-1, 1] at two orders: their difference is float64's error estimate
_ORDERS = (96, 128)
_NODES = {k: np.polynomial.legendre.leggauss(k) for k in _ORDERS}

F64_VARIABLE = SimpleNamespace(exp=np.exp, erf=special.erf, sqrt=np.sqrt, mpf=float, pi=np.pi)


def _gauss(f: Integrand, a: Any, b: Any, order: int) -> np.ndarray:
    x, w = _NODES[order]
    half, mid = (np.asarray(b) - np.asarray(a)) / 2, (np.asarray(b) + np.asarray(a)) / 2
    t = mid + half * x.reshape(-1, 1, 1, 1)  # nodes first, then the batch's (B, 1, 1)
    values = f(F64_VARIABLE, t)
    return half * np.tensordot(w, values, axes=(0, 0))


def f64_integral(self: Any, f: Integrand, a: Any, b: Any, tail: Any = None) -> Any:
    """Gauss-Legendre at two orders, batched (a, b may be arrays); error: their difference plus the tail."""
    with np.errstate(all="ignore"):
        low, high = _gauss(f, a, b, _ORDERS[0]), _gauss(f, a, b, _ORDERS[1])
    err = np.abs(high - low) + (0 if tail is None else np.abs(tail))
    return _estimate(high, err)


def mp_integral(self: Any, f: Integrand, a: Any, b: Any, tail: Any = None) -> Any:
    """mpmath's tanh-sinh quadrature at the working precision, with its error estimate plus the tail."""
    mp = mpmath.mp
    variable = SimpleNamespace(exp=mp.exp, erf=mp.erf, sqrt=mp.sqrt, mpf=mp.mpf, pi=mp.pi)
    value, err = mp.quad(lambda t: f(variable, t), [a, b], error=True)
    return _estimate(value, abs(err) + (0 if tail is None else abs(tail)))


def _acb_sqrt(x: Any) -> Any:
    return flint.acb(x).sqrt()


ARB_VARIABLE = SimpleNamespace(exp=lambda x: flint.acb(x).exp(), erf=lambda x: flint.acb(x).erf(), sqrt=_acb_sqrt,
                               mpf=flint.arb, pi=flint.arb.pi())


def arb_integral(self: Any, f: Integrand, a: Any, b: Any, tail: Any = None) -> Any:
    """Arb's rigorous integration (``acb.integral``) of an integrand analytic near [a, b]: the real part's
    enclosure, widened by the tail's upper end. An integrand that is not analytic there is refused by
    Arb with a non-finite ball (the integrand must only use entire functions of t)."""
    ball = flint.acb.integral(lambda t, analytic: f(ARB_VARIABLE, t), flint.arb(a), flint.arb(b)).real
    if tail is not None:
        ball = ball + flint.arb(0, flint.arb(tail).upper())
    return _estimate(ball, flint.arb(0))


__all__ = ["f64_integral", "mp_integral", "arb_integral"]
