"""mpmath's flows run on MPFR numbers (gmpy2, mpmath's own backend): the same binary floating point at
the same precision, rounded to nearest as mpmath rounds, with each operation in C.

A gradient flow in mpmath is tens of thousands of evaluations of the model's vector field, each a few
einsums over numpy object arrays; with mpmath's numbers an einsum of a 4 x 6 Jacobian takes 135 us,
with gmpy2's mpfr 27 us. The flow's states are converted exactly both ways (an mpf and an mpfr are
both a mantissa times a power of two), so only the integration's arithmetic moves here; the
statements' sides, the confirmation's judgement and the Arb enclosures are untouched.
"""
from __future__ import annotations

import contextlib
import dataclasses
from typing import Any, Iterator

import gmpy2
import numpy as np

from proofcheck.numerics.object_batch import ObjectBatchOps


def _exact(x: Any) -> Any:
    """An mpf (or int, float, string) as an mpfr, exactly where the working precision holds it."""
    if hasattr(x, "_mpf_"):
        sign, man, exp, _ = x._mpf_
        if not man:
            return gmpy2.mpfr(str(x)) if exp else gmpy2.mpfr(0)  # inf, -inf, nan; or zero
        y = gmpy2.mul_2exp(gmpy2.mpfr(man), int(exp))
        return -y if sign else y
    return gmpy2.mpfr(x)


class MpfrContext(ObjectBatchOps):
    """The operations a model's vector field uses (numbers, elementwise functions, square roots) on
    object arrays of mpfr at ``prec`` bits; entered with ``working()``."""

    name = "mpfr"
    encloses = False
    refines = True

    def __init__(self, prec: int):
        self.prec = int(prec)

    @contextlib.contextmanager
    def working(self) -> Iterator[None]:
        """gmpy2's precision set to ``prec`` bits (and its exponent range to the widest) inside."""
        with gmpy2.context(gmpy2.get_context(), precision=self.prec, emax=gmpy2.get_emax_max(),
                           emin=gmpy2.get_emin_min()):
            yield

    def number(self, x: Any) -> Any:
        return _exact(x)

    mpf = number

    def not_a_number(self) -> Any:
        return gmpy2.nan()

    def matrix_of(self, rows: Any) -> Any:
        raise NotImplementedError("no mpfr matrices: a vector field that needs one runs in mpmath")

    @staticmethod
    def sqrt(x: Any) -> Any:
        return gmpy2.sqrt(x)

    def apply(self, name: str, x: Any) -> Any:
        f = getattr(gmpy2, name)
        return np.vectorize(f, otypes=[object])(x) if isinstance(x, np.ndarray) else f(x)

    def convert(self, x: Any) -> Any:
        """An object array of mpf (or one number) as mpfr."""
        return np.vectorize(_exact, otypes=[object])(x) if isinstance(x, np.ndarray) else _exact(x)


def to_mpf(mp: Any, x: np.ndarray) -> np.ndarray:
    """An object array of mpfr as mpf of the mpmath context ``mp`` (exact at its precision)."""
    def back(v: Any) -> Any:
        if not gmpy2.is_finite(v):
            return mp.mpf(str(v))
        man, exp = v.as_mantissa_exp()
        return mp.mpf((int(man), int(exp)))
    return np.vectorize(back, otypes=[object])(x)


def on_mpfr(model: Any, fast: MpfrContext) -> Any:
    """A model dataclass with its context replaced by ``fast`` and its object arrays converted (a model
    wrapping another converted with it)."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(model):
        value = getattr(model, f.name)
        if f.name == "ctx":
            changes[f.name] = fast
        elif isinstance(value, np.ndarray) and value.dtype == object:
            changes[f.name] = fast.convert(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes[f.name] = on_mpfr(value, fast)
    return dataclasses.replace(model, **changes)
