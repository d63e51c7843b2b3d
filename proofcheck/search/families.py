"""Case families that reach the corners of a statement's domain, generated a batch at a time.

A family maps ``(rng, space, dims, batch)`` to a batch of values (see ``proofcheck.core.cases``). The
generic families below apply to every statement; a statement may add named families of its own.
Matrix scales are log-uniform so that natural scales such as t * ||X||^2 sweep many decades,
t -> 0 and t -> infinity included.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from proofcheck.core.statement import Matrix, Scalar, Space

Values = dict[str, np.ndarray]
Generator = np.random.Generator


def draw_dims(rng: Generator, space: Space, sizes: dict[str, tuple[int, int]] | None = None) -> dict[str, int]:
    """Dims uniform in their ranges, with a third of draws pulled to the smallest sizes (1 or 2).
    ``sizes``: a family's own ranges for some dims (a family defined only from some size on), kept
    inside the space's; the draws take as many random numbers either way."""
    dims = {}
    for name, (lo, hi) in space.dims.items():
        if sizes and name in sizes:
            lo, hi = max(lo, sizes[name][0]), min(hi, sizes[name][1])
            lo = min(lo, hi)
        if rng.random() < 0.33:
            dims[name] = int(rng.integers(lo, min(hi, lo + 1) + 1))
        else:
            dims[name] = int(rng.integers(lo, hi + 1))
    for m in space.matrices:
        if m.symmetric:
            dims[m.cols] = dims[m.rows]
    return space.with_derived(dims)


def _log_scale(rng: Generator, batch: int, lo: float, hi: float) -> np.ndarray:
    return 10.0 ** rng.uniform(lo, hi, size=batch)


def _shape(m: Matrix, dims: dict[str, int], batch: int) -> tuple[int, ...]:
    k = (dims[m.count],) if m.count else ()
    return (batch,) + k + (dims[m.rows], dims[m.cols])


def _expand(scale: np.ndarray, ndim: int) -> np.ndarray:
    return scale.reshape(scale.shape + (1,) * (ndim - 1))


def _symmetric(M: np.ndarray, m: Matrix) -> np.ndarray:
    return 0.5 * (M + np.swapaxes(M, -1, -2)) if m.symmetric else M


def _orthogonal(rng: Generator, lead: tuple[int, ...], n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal(lead + (n, n)))
    return q * np.sign(np.diagonal(r, axis1=-2, axis2=-1))[..., None, :]


def _gaussian(rng: Generator, m: Matrix, dims: dict[str, int], batch: int, lo: float = -3, hi: float = 3) -> np.ndarray:
    shape = _shape(m, dims, batch)
    G = rng.standard_normal(shape)
    return _symmetric(G, m) * _expand(_log_scale(rng, batch, lo, hi), len(shape))


def _scalars(rng: Generator, s: Scalar, dims: dict[str, int], batch: int, lo: float = -6, hi: float = 6,
             at_low: float = 0.03) -> np.ndarray:
    shape = (batch,) + ((dims[s.count],) if s.count else ())
    if math.isinf(s.high):
        base = 0.0 if math.isinf(s.low) else s.low
        x = base + 10.0 ** rng.uniform(lo, hi, size=shape)
        if math.isinf(s.low):
            x = x * rng.choice([-1.0, 1.0], size=shape)
    else:
        x = rng.uniform(s.low, s.high, size=shape)
    if not math.isinf(s.low) and not s.open_low:
        x = np.where(rng.random(shape) < at_low, s.low, x)
    return x


def _with_matrices(make: Callable[[Generator, Matrix, dict[str, int], int], np.ndarray]):
    def family(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
        values = {m.name: make(rng, m, dims, batch) for m in space.matrices}
        values.update({s.name: _scalars(rng, s, dims, batch) for s in space.scalars})
        return values
    return family


def gaussian(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """I.i.d. normal entries, each matrix at a log-uniform scale in [1e-3, 1e3]."""
    return _with_matrices(_gaussian)(rng, space, dims, batch)


def _low_rank(rng: Generator, m: Matrix, dims: dict[str, int], batch: int) -> np.ndarray:
    shape = _shape(m, dims, batch)
    r, c = shape[-2:]
    rank = int(rng.integers(1, max(1, min(r, c) - 1) + 1))
    L = rng.standard_normal(shape[:-1] + (rank,))
    R = L if m.symmetric else rng.standard_normal(shape[:-2] + (rank, c))
    M = L @ np.swapaxes(L, -1, -2) * rng.choice([-1.0, 1.0]) if m.symmetric else L @ R
    return M * _expand(_log_scale(rng, batch, -3, 3), len(shape))


def rank_deficient(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Products of thin factors: rank below min(rows, cols) wherever the shape allows."""
    return _with_matrices(_low_rank)(rng, space, dims, batch)


def zero(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Gaussian, with one matrix parameter (chosen per batch) identically zero."""
    values = gaussian(rng, space, dims, batch)
    if not space.matrices:
        return values
    victim = space.matrices[int(rng.integers(len(space.matrices)))].name
    values[victim] = np.zeros_like(values[victim])
    return values


def _spread(rng: Generator, m: Matrix, dims: dict[str, int], batch: int) -> np.ndarray:
    shape = _shape(m, dims, batch)
    r, c = shape[-2:]
    k = min(r, c)
    lead = shape[:-2]
    s = 10.0 ** rng.uniform(-8, 8, size=lead + (k,))
    if m.symmetric:
        Q = _orthogonal(rng, lead, r)
        s = s * rng.choice([-1.0, 1.0], size=s.shape)
        return (Q * s[..., None, :]) @ np.swapaxes(Q, -1, -2)
    U, V = _orthogonal(rng, lead, r)[..., :k], _orthogonal(rng, lead, c)[..., :k]
    return (U * s[..., None, :]) @ np.swapaxes(V, -1, -2)


def ill_conditioned(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Singular values log-uniform over 1e-8 .. 1e8 with random singular vectors."""
    return _with_matrices(_spread)(rng, space, dims, batch)


def nearly_commuting(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Matrices of one shape share singular (or eigen-) vectors, up to a small perturbation."""
    values = gaussian(rng, space, dims, batch)
    frames: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}
    for m in space.matrices:
        shape = _shape(m, dims, batch)
        r, c = shape[-2:]
        k = min(r, c)
        if shape not in frames:
            U = _orthogonal(rng, shape[:-2], r)
            frames[shape] = (U, U if m.symmetric else _orthogonal(rng, shape[:-2], c))
        U, V = frames[shape]
        s = rng.standard_normal(shape[:-2] + (k,)) * _expand(_log_scale(rng, batch, -3, 3), len(shape) - 1)
        M = (U[..., :k] * s[..., None, :]) @ np.swapaxes(V[..., :k], -1, -2)
        eps = _expand(_log_scale(rng, batch, -9, -2), len(shape)) * np.abs(M).max(axis=(-2, -1), keepdims=True)
        values[m.name] = M + _symmetric(rng.standard_normal(shape), m) * eps
    return values


def _jordan_like(rng: Generator, m: Matrix, dims: dict[str, int], batch: int) -> np.ndarray:
    shape = _shape(m, dims, batch)
    r, c = shape[-2:]
    if m.symmetric:
        lam = rng.standard_normal(shape[:-2] + (1,)) + 1e-6 * rng.standard_normal(shape[:-2] + (r,))
        Q = _orthogonal(rng, shape[:-2], r)
        M = (Q * lam[..., None, :]) @ np.swapaxes(Q, -1, -2)
    elif r == c:
        M = np.triu(rng.standard_normal(shape), 1) * 10.0 ** rng.uniform(0, 4)
        M += np.eye(r) * 10.0 ** rng.uniform(-4, 0) * rng.standard_normal(shape[:-2] + (1, 1))
    else:
        rows = 10.0 ** rng.uniform(-3, 3, size=shape[:-1] + (1,))
        cols = 10.0 ** rng.uniform(-3, 3, size=shape[:-2] + (1, c))
        M = rows * rng.standard_normal(shape) * cols
    return M * _expand(_log_scale(rng, batch, -2, 2), len(shape))


def non_normal(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Strictly upper-triangular-dominated squares, badly scaled rectangles; for symmetric
    parameters, clustered eigenvalues (the symmetric analogue of a Jordan block)."""
    return _with_matrices(_jordan_like)(rng, space, dims, batch)


def small_perturbation(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """The first matrix at unit-ish scale, every later one 1e-8 .. 1 times as large."""
    values = gaussian(rng, space, dims, batch)
    if not space.matrices:
        return values
    first = space.matrices[0].name
    base = np.abs(values[first]).reshape(batch, -1).max(axis=1) + 1e-300
    for m in space.matrices[1:]:
        shape = values[m.name].shape
        unit = values[m.name] / (np.abs(values[m.name]).reshape(batch, -1).max(axis=1) + 1e-300).reshape((-1,) + (1,) * (len(shape) - 1))
        values[m.name] = unit * (base * _log_scale(rng, batch, -8, 0)).reshape((-1,) + (1,) * (len(shape) - 1))
    return values


def scale_extremes(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Matrices at scales 1e-8 .. 1e8 and scalars at 1e-12 .. 1e12 (t -> 0 and t -> infinity)."""
    values = {m.name: _gaussian(rng, m, dims, batch, -8, 8) for m in space.matrices}
    values.update({s.name: _scalars(rng, s, dims, batch, -12, 12, at_low=0.0) for s in space.scalars})
    return values


def natural_scale(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Gaussian, with each scalar on [0, inf) set so that scalar * ||first matrix||^2 lies in
    [1e-3, 1e3]: the region where exp(-X X^T t) neither vanishes nor is the identity."""
    values = gaussian(rng, space, dims, batch)
    if not space.matrices:  # a space of scalars only (a closed-form model): nothing to scale against
        return values
    first = values[space.matrices[0].name]
    size = np.linalg.norm(first.reshape(batch, -1), axis=1) ** 2 + 1e-300
    for s in space.scalars:
        if s.low == 0.0 and math.isinf(s.high):
            shape = values[s.name].shape
            natural = 10.0 ** rng.uniform(-3, 3, size=shape)
            values[s.name] = natural / size.reshape((-1,) + (1,) * (len(shape) - 1))
    return values


def smooth_path(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Paths (matrices with a count) that move by small increments from knot to knot."""
    values = natural_scale(rng, space, dims, batch)
    for m in space.matrices:
        if m.count:
            v = values[m.name]
            step = _expand(_log_scale(rng, batch, -4, 0), v.ndim) * _symmetric(rng.standard_normal(v.shape), m)
            step[:, 0] = 0.0
            values[m.name] = v[:, :1] + np.cumsum(step, axis=1) * np.abs(v[:, :1]).max(axis=(-2, -1), keepdims=True)
    return values


def parallel_paths(rng: Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Two paths of one shape that differ by a constant offset: V(A - B) = 0 while each path moves."""
    values = natural_scale(rng, space, dims, batch)
    paths = [m for m in space.matrices if m.count]
    for first, other in zip(paths, paths[1:]):
        if _shape(first, dims, batch) == _shape(other, dims, batch):
            v = values[first.name]
            offset = _symmetric(rng.standard_normal((batch, 1) + v.shape[2:]), other)
            scale = _expand(_log_scale(rng, batch, -4, 0), v.ndim) * np.abs(v).max(axis=(1, 2, 3), keepdims=True)
            values[other.name] = v + offset * scale
    return values


GENERIC: dict[str, Callable[[Generator, Space, dict[str, int], int], Values]] = {
    "gaussian": gaussian,
    "natural_scale": natural_scale,
    "rank_deficient": rank_deficient,
    "zero": zero,
    "ill_conditioned": ill_conditioned,
    "nearly_commuting": nearly_commuting,
    "non_normal": non_normal,
    "small_perturbation": small_perturbation,
    "scale_extremes": scale_extremes,
    "smooth_path": smooth_path,
    "parallel_paths": parallel_paths,
}
