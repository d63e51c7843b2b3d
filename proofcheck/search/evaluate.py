"""Evaluating a statement: batched float64 ratios for the search, mpmath for confirmation.

The ratio, its orientation, the rules for a vanishing side and an identity's allowance are those of
``proofcheck.core.judgement``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import mpmath
import numpy as np

from proofcheck.core.cases import f64_namespace, mp_namespace
from proofcheck.numerics.contexts import F64, MP
from proofcheck.numerics.paths import error, value
from proofcheck.core.judgement import (identity_allowance, identity_floor, oriented, ratio, ratio_array, ratio_spread,
                                      ratio_spread_exact)
from proofcheck.core.statement import Statement

# A ratio re-evaluated on an equivalent case (a random orthogonal basis where the statement is
# invariant, else inputs perturbed by _PERTURBATION relative) must move by at most _RELIABLE_CHANGE;
# otherwise float64 rounding, not mathematics, decides it and the case is set aside.
_PERTURBATION = 1e-10
_RELIABLE_CHANGE = 1e-7
# A ratio whose own discretization error estimate exceeds this fraction of it (of 1, for a ratio below 1)
# is not known in float64 either: at stiff points a product integral's midpoint levels can all be wrong
# alike (Claim 2's turning path at a fixed gap, size 3000: 116 for 6.66), and a large estimate only
# loosened the rounding test above. Such a case is set aside as unreliable, never ranked by its value.
_RELIABLE_ERROR = 0.1


def _flat(x: Any, batch: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(x, dtype=float).reshape(-1), (batch,))


def sides_with_error_f64(statement: Statement, dims: dict[str, int],
                         values: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """LHS, RHS and their discretization error estimates for a batch in float64, each of shape (B,)."""
    ns = f64_namespace(statement.space, dims, values)
    batch = next(iter(values.values())).shape[0]
    with np.errstate(all="ignore"):
        left, right = statement.lhs(F64, ns), statement.rhs(F64, ns)
        return (_flat(value(left), batch), _flat(value(right), batch),
                _flat(error(F64, left), batch), _flat(error(F64, right), batch))


def sides_f64(statement: Statement, dims: dict[str, int], values: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """LHS and RHS of a batch in float64, each of shape (B,)."""
    lhs, rhs, _, _ = sides_with_error_f64(statement, dims, values)
    return lhs, rhs


def _perturbed(values: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    out = {}
    for i, (name, v) in enumerate(sorted(values.items())):
        pattern = np.cos(np.arange(v.size, dtype=float) * 1.618 + i).reshape(v.shape)
        if v.ndim >= 3 and v.shape[-1] == v.shape[-2] and np.array_equal(v, np.swapaxes(v, -1, -2)):
            pattern = 0.5 * (pattern + np.swapaxes(pattern, -1, -2))
        out[name] = v * (1 + _PERTURBATION * pattern)
    return out


def _orthogonal(rng: np.random.Generator, batch: int, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((batch, n, n)))
    return q * np.sign(np.diagonal(r, axis1=-2, axis2=-1))[:, None, :]


def _rotated(statement: Statement, dims: dict[str, int], values: dict[str, np.ndarray],
             rng: np.random.Generator) -> dict[str, np.ndarray]:
    """The same cases in a random orthogonal basis per dim, drawn from ``rng``."""
    batch = next(iter(values.values())).shape[0]
    basis = {name: _orthogonal(rng, batch, size) for name, size in sorted(dims.items())}
    out = dict(values)
    for m in statement.space.matrices:
        left, right = basis[m.rows], basis[m.cols]
        if m.count:
            left, right = left[:, None], right[:, None]
        M = left @ values[m.name] @ np.swapaxes(right, -1, -2)
        out[m.name] = 0.5 * (M + np.swapaxes(M, -1, -2)) if m.symmetric else M
    return out


@dataclass
class Screened:
    """Float64 ratios of a batch; ``reliable`` is False where rounding dominates the ratio;
    ``error`` is the ratio's discretization error estimate (0 for closed forms)."""

    ratio: np.ndarray
    reliable: np.ndarray
    error: np.ndarray


def screen_f64(statement: Statement, dims: dict[str, int], values: dict[str, np.ndarray],
               basis: np.random.Generator) -> Screened:
    """Ratios of a batch, each evaluated twice (as given, and as an equivalent case: in a random
    orthogonal basis drawn from ``basis`` where the statement is invariant) in one call."""
    batch = next(iter(values.values())).shape[0]
    twin = _rotated(statement, dims, values, basis) if statement.orthogonal_invariance else _perturbed(values)
    both = {k: np.concatenate([v, twin[k]]) for k, v in values.items()}
    lhs, rhs, e_lhs, e_rhs = sides_with_error_f64(statement, dims, both)
    if statement.kind == "identity":
        with np.errstate(all="ignore"):
            rhs = identity_allowance(e_lhs, np.abs(rhs), identity_floor(None))
        e_lhs = e_rhs = np.zeros_like(lhs)
    num, den = oriented(statement.kind, lhs, rhs)
    r = ratio_array(num, den)
    err_num, err_den = oriented(statement.kind, e_lhs, e_rhs)
    spread = ratio_spread(r, den, err_num, err_den)
    r0, r1 = r[:batch], r[batch:]
    tolerance = _RELIABLE_CHANGE + spread[:batch] + spread[batch:]
    with np.errstate(all="ignore"):
        change = np.abs(r0 - r1) / np.maximum(1.0, np.abs(r0))
    known = spread[:batch] <= _RELIABLE_ERROR * np.maximum(1.0, np.abs(r0))
    reliable = np.isfinite(r0) & np.isfinite(r1) & (change <= tolerance) & known
    return Screened(np.where(np.isfinite(r0), r0, np.nan), reliable, np.nan_to_num(spread[:batch], nan=np.inf))


@dataclass(frozen=True)
class MpValue:
    """One case evaluated in mpmath at ``dps`` digits; ``error`` bounds the ratio's discretization
    error (product integrals), estimated by the statement (0 for closed forms)."""

    dps: int
    lhs: mpmath.mpf
    rhs: mpmath.mpf
    ratio: mpmath.mpf
    error: mpmath.mpf = mpmath.mpf(0)


def evaluate_mp(statement: Statement, witness: dict[str, Any], dps: int, tolerance: float | None = None) -> MpValue:
    """LHS, RHS and ratio of a witness at ``dps`` decimal digits (precision scoped and restored);
    discretizations refined to ``tolerance`` (the mpmath context's own by default)."""
    ctx = MP if tolerance is None else MP.with_tolerance(tolerance)
    with mpmath.mp.workdps(dps):
        c = mp_namespace(ctx, statement.space, witness)
        left, right = statement.lhs(ctx, c), statement.rhs(ctx, c)
        unknown = False
        if statement.kind == "identity":
            err_left = abs(ctx.mpf(error(ctx, left)))
            unknown = not ctx.isfinite(err_left)
            allowance = identity_allowance(0 if unknown else err_left, abs(ctx.mpf(value(right))),
                                           ctx.mpf(identity_floor(dps)))
            left, right = ctx.mpf(value(left)), allowance
        lhs, rhs = ctx.mpf(value(left)), ctx.mpf(value(right))
        num, den = oriented(statement.kind, lhs, rhs)
        err_num, err_den = (abs(ctx.mpf(error(ctx, x))) for x in oriented(statement.kind, left, right))
        r = ratio(ctx, num, den)
        spread = ratio_spread_exact(r, den, err_num, err_den, ctx.inf)
        if unknown:  # an error that cannot be estimated: the case cannot be decided at any precision
            spread = ctx.inf
        return MpValue(dps, +lhs, +rhs, +r, +spread)
