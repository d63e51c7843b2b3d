"""Cases of a statement's parameter space, in three forms.

* values: ``{name: ndarray}`` in float64, batched along axis 0. A matrix parameter has shape
  (B, rows, cols), or (B, count, rows, cols) with ``count``; a scalar (B,) or (B, count).
* flat: (B, m) vectors the optimizer moves in. Symmetric matrices contribute their upper
  triangle; a scalar on [low, inf) is log(x - low); on [low, high] the logit of its position.
* witness: plain JSON, ``{"dims": {...}, "values": {name: nested lists of decimal strings}}``.
  The decimal strings are the case: mpmath reads them exactly (to its working precision), float64
  reads the nearest double, so a witness replays the case the confirmation judged.
"""
from __future__ import annotations

import math
import re
from types import SimpleNamespace
from typing import Any, Callable

import numpy as np

from proofcheck.core.statement import Matrix, Scalar, Space, Statement

DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_LOG_CLAMP = 690.0


class WitnessError(ValueError):
    """A witness that does not describe a case of the statement's space."""


def matrix_shape(m: Matrix, dims: dict[str, int]) -> tuple[int, ...]:
    base = (dims[m.rows], dims[m.cols])
    return ((dims[m.count],) + base) if m.count else base


def scalar_shape(s: Scalar, dims: dict[str, int]) -> tuple[int, ...]:
    return (dims[s.count],) if s.count else ()


def _matrix_slots(m: Matrix, dims: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    r, c = dims[m.rows], dims[m.cols]
    if m.symmetric:
        return np.triu_indices(r)
    return np.unravel_index(np.arange(r * c), (r, c))


def flat_size(space: Space, dims: dict[str, int]) -> int:
    size = 0
    for m in space.matrices:
        count = dims[m.count] if m.count else 1
        size += count * len(_matrix_slots(m, dims)[0])
    for s in space.scalars:
        size += dims[s.count] if s.count else 1
    return size


def _to_unbounded(s: Scalar, x: np.ndarray) -> np.ndarray:
    if math.isinf(s.low) and math.isinf(s.high):
        return x
    if math.isinf(s.high):
        return np.log(np.maximum(x - s.low, 1e-300))
    p = np.clip((x - s.low) / (s.high - s.low), 1e-15, 1 - 1e-15)
    return np.log(p / (1 - p))


def _from_unbounded(s: Scalar, u: np.ndarray) -> np.ndarray:
    if math.isinf(s.low) and math.isinf(s.high):
        return u
    if math.isinf(s.high):
        x = s.low + np.exp(np.clip(u, -_LOG_CLAMP, _LOG_CLAMP))
    else:
        x = s.low + (s.high - s.low) / (1 + np.exp(-np.clip(u, -_LOG_CLAMP, _LOG_CLAMP)))
    # an open end is never reached, even where the map's value rounds onto it
    return np.maximum(x, np.nextafter(s.low, np.inf)) if s.open_low else x


def flatten(space: Space, dims: dict[str, int], values: dict[str, np.ndarray]) -> np.ndarray:
    """(B, m) flat vectors of a batch of cases."""
    parts = []
    for m in space.matrices:
        rows, cols = _matrix_slots(m, dims)
        v = values[m.name]
        if m.count:
            parts.append(v[:, :, rows, cols].reshape(v.shape[0], -1))
        else:
            parts.append(v[:, rows, cols])
    for s in space.scalars:
        u = _to_unbounded(s, values[s.name])
        parts.append(u.reshape(u.shape[0], -1))
    return np.concatenate(parts, axis=1)


def matrix_blocks(space: Space, dims: dict[str, int]) -> dict[str, slice]:
    """Where each matrix parameter's entries lie in a flat vector (all of its count, as flatten lays them)."""
    out, at = {}, 0
    for m in space.matrices:
        count = dims[m.count] if m.count else 1
        width = count * len(_matrix_slots(m, dims)[0])
        out[m.name] = slice(at, at + width)
        at += width
    return out


def unflatten(space: Space, dims: dict[str, int], flat: np.ndarray) -> dict[str, np.ndarray]:
    """The batch of cases whose flat vectors are the rows of ``flat``."""
    flat = np.atleast_2d(flat)
    batch, at, values = flat.shape[0], 0, {}
    for m in space.matrices:
        rows, cols = _matrix_slots(m, dims)
        count = dims[m.count] if m.count else 1
        width = len(rows)
        block = flat[:, at:at + count * width].reshape(batch, count, width)
        at += count * width
        out = np.zeros((batch, count, dims[m.rows], dims[m.cols]))
        out[:, :, rows, cols] = block
        if m.symmetric:
            out[:, :, cols, rows] = block
        values[m.name] = out if m.count else out[:, 0]
    for s in space.scalars:
        count = dims[s.count] if s.count else 1
        x = _from_unbounded(s, flat[:, at:at + count])
        at += count
        values[s.name] = x if s.count else x[:, 0]
    return values


def enforce_structure(space: Space, values: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Symmetric parameters made exactly symmetric (a family's Q D Q^T is so only up to rounding)."""
    for m in space.matrices:
        if m.symmetric:
            v = values[m.name]
            values[m.name] = 0.5 * (v + np.swapaxes(v, -1, -2))
    return values


def take(values: dict[str, np.ndarray], index: Any) -> dict[str, np.ndarray]:
    """The sub-batch ``index`` (an int keeps a batch axis of 1)."""
    if isinstance(index, (int, np.integer)):
        index = [int(index)]
    return {k: v[index] for k, v in values.items()}


def f64_namespace(space: Space, dims: dict[str, int], values: dict[str, np.ndarray]) -> SimpleNamespace:
    """The batch as the F64 context sees it: matrices (B, r, c), scalars (B, 1, 1), counts as lists."""
    ns = SimpleNamespace(dims=dict(dims))
    for m in space.matrices:
        v = values[m.name]
        setattr(ns, m.name, [v[:, j] for j in range(v.shape[1])] if m.count else v)
    for s in space.scalars:
        v = values[s.name]
        setattr(ns, s.name, [v[:, j, None, None] for j in range(v.shape[1])] if s.count
                else v[:, None, None])
    return ns


def _decimal(x: float) -> str:
    return repr(float(x))


def to_witness(space: Space, dims: dict[str, int], values: dict[str, np.ndarray], index: int = 0) -> dict[str, Any]:
    """The case ``index`` of a batch as plain JSON with decimal strings."""
    out: dict[str, Any] = {}
    for name in space.names():
        v = np.asarray(values[name][index], dtype=float)
        out[name] = np.vectorize(_decimal, otypes=[object])(v).tolist() if v.ndim else _decimal(v)
    return {"dims": {k: int(v) for k, v in dims.items()}, "values": out}


def _check_shape(name: str, value: Any, shape: tuple[int, ...]) -> None:
    try:
        arr = np.asarray(value, dtype=object)
    except ValueError:  # ragged nesting
        raise WitnessError(f"'{name}' is not a regular array of shape {shape}") from None
    if arr.shape != shape:
        raise WitnessError(f"'{name}' has shape {arr.shape}, expected {shape}")
    for x in arr.flat:
        if not isinstance(x, str) or not DECIMAL.match(x.strip()):
            raise WitnessError(f"'{name}' holds {x!r}, not a finite decimal string")
        if not math.isfinite(float(x)):  # every case the search makes is a float64 number
            raise WitnessError(f"'{name}' holds {x}, beyond the float64 range")


MAX_DIM = 256  # the largest dim a witness may have where its space declares less


def dim_cap(high: int) -> int:
    """The largest value a dim may take in a witness: a scale family may follow a dim past its search
    range (``high``), up to MAX_DIM; a space that declares more allows more."""
    return max(MAX_DIM, high)


def check_witness(space: Space, witness: Any) -> dict[str, int]:
    """Validate a witness against the space; return its dims. Raises WitnessError."""
    if not isinstance(witness, dict) or not isinstance(witness.get("dims"), dict) \
            or not isinstance(witness.get("values"), dict):
        raise WitnessError("a witness needs 'dims' and 'values' objects")
    dims = {}
    for name, (low, high) in space.dims.items():
        d = witness["dims"].get(name)
        cap = dim_cap(high)
        if not isinstance(d, int) or isinstance(d, bool) or d < min(low, 1) or d > cap:
            raise WitnessError(f"dim '{name}' must be an integer in {min(low, 1)}..{cap}, got {d!r}")
        dims[name] = d
    for name, d in space.with_derived(dims).items():
        if witness["dims"].get(name) != d:
            raise WitnessError(f"dim '{name}' must be {d}")
        dims[name] = d
    vals = witness["values"]
    for m in space.matrices:
        if m.symmetric and dims[m.rows] != dims[m.cols]:
            raise WitnessError(f"'{m.name}' must be square")
        _check_shape(m.name, vals.get(m.name), matrix_shape(m, dims))
    for s in space.scalars:
        _check_shape(s.name, vals.get(s.name), scalar_shape(s, dims))
        for x in np.asarray(vals[s.name], dtype=object).flat:
            if not s.low <= float(x) <= s.high or (s.open_low and float(x) == s.low):
                bracket = "(" if s.open_low else "["
                raise WitnessError(f"'{s.name}' = {x} lies outside {bracket}{s.low}, {s.high}]")
    for m in space.matrices:
        if m.symmetric:
            a = np.asarray(vals[m.name], dtype=object)
            if not all(np.array_equal(x, x.T) for x in (a if m.count else [a])):
                raise WitnessError(f"'{m.name}' must be symmetric")
    return dims


def past_largest_dims(space: Space, witness: Any) -> list[str]:
    """The dims of a case larger than its space allows (``check_witness``'s cap): where a family that
    grows a dim reaches the end of what can be checked, rather than a hypothesis."""
    dims = witness.get("dims") if isinstance(witness, dict) else None
    if not isinstance(dims, dict):
        return []
    return [name for name, (_, high) in space.dims.items()
            if isinstance(dims.get(name), int) and dims[name] > dim_cap(high)]


def outside_hypotheses(statement: Statement, witness: dict[str, Any],
                       extra: Callable[[dict[str, Any]], list[str]] | None = None) -> list[str]:
    """Why a case a diagnosis built lies outside the statement's hypotheses: the space's ranges
    (``check_witness``), the statement's own ``hypotheses`` and ``extra`` ones (a uniformity claim's,
    at its fixed quantities). Empty when the case is admissible."""
    try:
        check_witness(statement.space, witness)
    except WitnessError as exc:
        return [str(exc)]
    found = list(statement.hypotheses(witness)) if statement.hypotheses is not None else []
    return found + (list(extra(witness)) if extra is not None else [])


def witness_values(space: Space, witness: dict[str, Any]) -> tuple[dict[str, int], dict[str, np.ndarray]]:
    """A validated witness as a float64 batch of one case."""
    dims = check_witness(space, witness)
    values = {name: np.asarray(witness["values"][name], dtype=float)[None] for name in space.names()}
    return dims, values


def mp_namespace(ctx: Any, space: Space, witness: dict[str, Any]) -> SimpleNamespace:
    """A validated witness in mpmath, each decimal string read at the context's precision."""
    dims = check_witness(space, witness)
    ns = SimpleNamespace(dims=dims)
    vals = witness["values"]
    for m in space.matrices:
        mats = vals[m.name] if m.count else [vals[m.name]]
        built = [ctx.matrix([[ctx.mpf(x) for x in row] for row in mat]) for mat in mats]
        setattr(ns, m.name, built if m.count else built[0])
    for s in space.scalars:
        v = vals[s.name]
        setattr(ns, s.name, [ctx.mpf(x) for x in v] if s.count else ctx.mpf(v))
    return ns
