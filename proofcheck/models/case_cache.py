"""Quantities computed once per case and shared by a statement's two sides, kept on the case's
namespace and keyed on every argument they depend on (a second T or alpha is a second entry)."""
from __future__ import annotations

from typing import Any, Callable, Hashable

import numpy as np


def _key(x: Any) -> Hashable:
    if isinstance(x, np.ndarray):
        if x.dtype == object:  # mpf entries: their exact representation
            return ("object", x.shape, tuple(repr(v) for v in x.flat))
        return (x.dtype.str, x.shape, x.tobytes())
    if x is None or isinstance(x, (int, float, str)):
        return x
    return ("id", id(x))  # a context: one object per arithmetic


def cached(case: Any, name: str, args: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """``make()`` the first time ``name`` is asked of ``case`` with these ``args``; the kept value after."""
    store = case.__dict__.setdefault("_cache", {})
    key = (name,) + tuple(_key(a) for a in args)
    if key not in store:
        store[key] = make()
    return store[key]
