"""A few expensive results kept across cases: a multiprecision or enclosed gradient flow is asked for
again and again on one witness (the statement's confirmation, then each proof step judged on that
witness, at the same two precisions), and costs seconds each time.

A result is kept only under a key that names every argument exactly (numbers by their binary
representation, a model by its class and all its fields, a context by its arithmetic, precision and
tolerance); an argument that cannot be named exactly is not kept at all. A kept result is what the
computation would return again, so the cache changes how long a campaign takes and nothing it reports.
"""
from __future__ import annotations

import dataclasses
from collections import OrderedDict
from fractions import Fraction
from typing import Any, Callable, Hashable

import flint
import mpmath
import numpy as np

SIZE = 48  # results kept per process, the least recently used dropped first


class _Unnamed(Exception):
    """An argument with no exact key: its result is computed and not kept."""


def exact_key(x: Any) -> Hashable:
    """A key that two arguments share only if they are the same value (raises _Unnamed otherwise)."""
    if x is None or isinstance(x, (bool, int, str)):
        return x
    if isinstance(x, float):
        return ("float", x.hex())
    if isinstance(x, mpmath.mpf):
        return ("mpf", x._mpf_)
    if isinstance(x, flint.arb):
        return ("arb", x.mid().man_exp(), x.rad().man_exp())
    if isinstance(x, (flint.fmpz, flint.fmpq, Fraction)):
        return ("q", str(x))
    if isinstance(x, np.generic):
        return exact_key(x.item())
    if isinstance(x, np.ndarray):
        if x.dtype == object:
            return ("array", x.shape, tuple(exact_key(v) for v in x.flat))
        return (x.dtype.str, x.shape, x.tobytes())
    if isinstance(x, (tuple, list)):
        return (type(x).__name__, tuple(exact_key(v) for v in x))
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return (type(x).__module__, type(x).__qualname__,
                tuple((f.name, exact_key(getattr(x, f.name))) for f in dataclasses.fields(x)))
    if hasattr(x, "encloses") and hasattr(x, "name"):  # an arithmetic context
        return context_key(x)
    raise _Unnamed(type(x).__name__)


def context_key(ctx: Any) -> Hashable:
    """A context by what decides its results: its arithmetic, its precision and its tolerance."""
    tolerance = getattr(ctx, "tolerance", None)
    return ("context", ctx.name, getattr(ctx, "prec", None), None if tolerance is None else exact_key(tolerance))


class Memo:
    """The last SIZE results of one computation, by the exact key of its arguments."""

    def __init__(self, size: int = SIZE):
        self.size, self.kept, self.hits, self.misses = size, OrderedDict[Hashable, Any](), 0, 0

    def get(self, args: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        try:
            key = exact_key(args)
        except _Unnamed:
            self.misses += 1
            return make()
        if key in self.kept:
            self.hits += 1
            self.kept.move_to_end(key)
            value, failure = self.kept[key]
            if failure is not None:
                raise failure
            return value
        self.misses += 1
        try:
            value, failure = make(), None
        except ArithmeticError as exc:  # a refusal (an enclosure that cannot be made) is the same refusal again
            value, failure = None, exc
        self.kept[key] = (value, failure)
        if len(self.kept) > self.size:
            self.kept.popitem(last=False)
        if failure is not None:
            raise failure
        return value

    def clear(self) -> None:
        self.kept.clear()
        self.hits = self.misses = 0
