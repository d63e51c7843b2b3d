"""Gradient flows (1) and (3) and the residual dynamics (10), integrated with an error estimate.

For a model h with residual r(w) = y* - alpha h(w), flow (1) is
dw/dt = -(1/alpha^2) grad_w R(alpha h(w)) = (1/alpha) Dh(w)^T r(w), and the linearized flow (3) is
dwbar/dt = (1/alpha) Dh(w0)^T rbar, rbar = r0 - alpha Dh(w0)(wbar - w0). Both are integrated
together, with the path lengths s(t) = int_0^t ||dw/dtau|| dtau and sbar(t) as two more components.

The integrator is Gragg's modified midpoint rule with Richardson extrapolation in h^2 (the
Gragg-Bulirsch-Stoer scheme, Hairer-Norsett-Wanner II.9) on M equal macro steps. It runs at M and
2M macro steps; the 2M run is the value, the difference of the two (at every recorded time) is its
error estimate. M doubles until that difference is below the tolerance; a case still above it at
the cap is returned with its error, which the verdicts then see.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from collections import abc
from typing import Any, Callable, Iterator, Mapping, Sequence

import flint
import numpy as np

from proofcheck.numerics import memo, batch, enclosed_flows, enclosed_network, flow_steps, mpfr
from proofcheck.numerics.enclosures import NotEnclosed
from proofcheck.numerics.paths import Estimate

SAMPLES = 8  # recorded times t_k = T k / SAMPLES, k = 0..SAMPLES
SEQUENCE = (2, 4, 6, 8, 10, 12)  # substeps of the extrapolation table (Deuflhard's sequence)
F64_MAX_MACRO = 256
MP_MAX_MACRO = 64
MAX_STIFFNESS = 64.0  # float64 cases with T * (stiffness estimate) above this are set aside as NaN
STEP_STIFFNESS = 4.0  # a macro step of length H is started with H * (stiffness estimate) at most this


def _midpoint(field: Callable[[np.ndarray], np.ndarray], y: np.ndarray, f0: np.ndarray, H: np.ndarray,
              n: int) -> np.ndarray:
    """Gragg's modified midpoint rule: n substeps of h = H/n, with the final smoothing step; f0 = field(y)."""
    h = H[:, None] / n
    z0, z1 = y, y + h * f0
    for _ in range(n - 1):
        z0, z1 = z1, z0 + 2 * h * field(z1)
    return (z0 + z1 + h * field(z1)) / 2


def _extrapolated_step(field: Callable[[np.ndarray], np.ndarray], y: np.ndarray, H: np.ndarray) -> np.ndarray:
    """One macro step of length H: the Aitken-Neville table over SEQUENCE, its top diagonal entry. Every
    row starts from the same field(y) (43 evaluations a step where 48 were made, the same numbers)."""
    table: list[np.ndarray] = []
    f0 = field(y)
    for j, nj in enumerate(SEQUENCE):
        row = [_midpoint(field, y, f0, H, nj)]
        for k in range(1, j + 1):
            ratio = (nj / SEQUENCE[j - k]) ** 2
            row.append(row[k - 1] + (row[k - 1] - table[k - 1]) / (ratio - 1))
        table = row
    return table[-1]


def _run(field: Callable[[np.ndarray], np.ndarray], y0: np.ndarray, T: np.ndarray, macro: int) -> np.ndarray:
    """The states at the SAMPLES + 1 recorded times, shape (B, SAMPLES + 1, k); macro is a multiple of SAMPLES."""
    H = T / macro
    y, out = y0, [y0]
    for step in range(1, macro + 1):
        y = _extrapolated_step(field, y, H)
        if step % (macro // SAMPLES) == 0:
            out.append(y)
    return np.stack(out, axis=1)


def _take(model: Any, index: np.ndarray) -> Any:
    """The sub-batch ``index`` of a model (every array field indexed along its batch axis)."""
    changes = {}
    for f in dataclasses.fields(model):
        value = getattr(model, f.name)
        if isinstance(value, np.ndarray):
            changes[f.name] = value[index]
        elif dataclasses.is_dataclass(value):  # a model wrapping another
            changes[f.name] = _take(value, index)
    return dataclasses.replace(model, **changes)


@dataclass
class Trajectory:
    """The flows sampled at t_k = T k / SAMPLES: ``fine`` and ``coarse`` states (B, SAMPLES + 1, k)
    from 2M and M macro steps. The state is (w, s, wbar, sbar) with p = (k - 2) / 2."""

    ctx: Any
    model: Any
    T: np.ndarray
    fine: np.ndarray
    coarse: np.ndarray
    macro: np.ndarray

    @property
    def p(self) -> int:
        return (self.fine.shape[-1] - 2) // 2

    def parts(self, state: np.ndarray) -> dict[str, np.ndarray]:
        p = self.p
        return {"w": state[..., :p], "s": state[..., p], "wbar": state[..., p + 1:2 * p + 1], "sbar": state[..., 2 * p + 1]}

    def estimate(self, quantity: Callable[[dict[str, np.ndarray]], np.ndarray]) -> Estimate:
        """A quantity of the trajectory (a function of its parts returning (B,)), with its error: the
        difference between its values on the fine and the coarse integration."""
        fine, coarse = quantity(self.parts(self.fine)), quantity(self.parts(self.coarse))
        err = batch.absolute(self.ctx, fine - coarse)
        return Estimate(batch.result(self.ctx, fine), batch.result(self.ctx, err))


@dataclass
class EnclosedTrajectory(Trajectory):
    """A trajectory whose states are balls containing the exact flows (in Arb): a quantity of it is
    an enclosure, its error inside the ball (exactly 0 as an Estimate's error). The path lengths'
    columns are written from ``lengths`` (two ``flow_steps.Deferred`` lists) when a part first reads
    them: enclosing them costs about as much as the flows, and most statements read only w and wbar."""

    lengths: tuple[Sequence[Any], Sequence[Any]] | None = None

    def parts(self, state: np.ndarray) -> Mapping[str, np.ndarray]:
        return _Parts(self, state)

    def fill_lengths(self) -> None:
        """s(t_k) and sbar(t_k) written into the state's columns (once)."""
        if self.lengths is None:
            return
        p = self.p
        for k, (s, sbar) in enumerate(zip(*self.lengths)):
            self.fine[0, k, p], self.fine[0, k, 2 * p + 1] = s, sbar
        self.lengths = None

    def estimate(self, quantity: Callable[[dict[str, np.ndarray]], np.ndarray]) -> Estimate:
        return Estimate(batch.result(self.ctx, quantity(self.parts(self.fine))), self.ctx.mpf(0))


class _Parts(abc.Mapping):
    """An enclosed trajectory's parts, the path lengths enclosed only when "s" or "sbar" is read."""

    def __init__(self, traj: EnclosedTrajectory, state: np.ndarray):
        self._traj, self._state = traj, state

    def __getitem__(self, name: str) -> np.ndarray:
        if name in ("s", "sbar"):
            self._traj.fill_lengths()
        return Trajectory.parts(self._traj, self._state)[name]

    def __iter__(self) -> Iterator[str]:
        return iter(("w", "s", "wbar", "sbar"))

    def __len__(self) -> int:
        return 4


def enclosed_trajectory(ctx: Any, model: Any, T: np.ndarray) -> EnclosedTrajectory:
    """Flows (1) and (3) of a quadratic model, of a model with a ``polynomial_field`` (its field in
    balls, ``enclosed_polynomial``) or of the two-layer network enclosed in Arb, one case
    (``enclosed_flows``, ``enclosed_network``)."""
    if hasattr(model, "polynomial_field"):  # a polynomial model beyond the quadratic ones, w0 = 0
        field = model.polynomial_field()
        states, lengths = flow_steps.nonlinear_flow(field, T[0], SAMPLES, ctx.prec, NotEnclosed)
        bars, bar_lengths = enclosed_flows.linear_flow(flint.arb_mat(field.J), field.r0, field.alpha, T[0], SAMPLES)
    elif hasattr(model, "Q"):
        field = enclosed_flows.QuadraticField(model.J[0].tolist(), model.Q[0].tolist(), list(model.r0[0]),
                                              model.alpha[0])
        states, lengths = enclosed_flows.nonlinear_flow(field, T[0], SAMPLES, ctx.prec)
        bars, bar_lengths = enclosed_flows.linearized_flow(field, T[0], SAMPLES)
    elif hasattr(model, "sigma") and hasattr(model, "X"):
        field = enclosed_network.NetworkField(model.X[0].tolist(), list(model.ystar[0]), model.m, model.alpha[0],
                                              model.sigma, getattr(model, "width", 0))
        start = list(model.w0[0])
        states, lengths = flow_steps.nonlinear_flow(field, T[0], SAMPLES, ctx.prec, NotEnclosed, start=start)
        r0, dh0, _ = field.derivatives(start)
        bars, bar_lengths = enclosed_flows.linear_flow(dh0, r0, model.alpha[0], T[0], SAMPLES, start=start)
    else:
        raise NotEnclosed(f"the gradient flow of a {type(model).__name__} has no enclosure here "
                          "(only polynomial models' and the two-layer network's flows are enclosed)")
    rows = [w + [None] + wb + [None] for w, wb in zip(states, bars)]  # the lengths' columns filled when read
    fine = np.array(rows, dtype=object).reshape(1, SAMPLES + 1, -1)
    return EnclosedTrajectory(ctx, model, T, fine, fine, np.zeros(1, dtype=int), (lengths, bar_lengths))


def _integrate(ctx: Any, model: Any, dh0: np.ndarray, w0: np.ndarray, y0: np.ndarray, T: np.ndarray,
               macro: int) -> np.ndarray:
    """``_run`` of flows (1) and (3); in mpmath on MPFR numbers at its precision (``_on_mpfr``), and in
    mpmath itself where the model's field needs more than MPFR numbers offer."""
    if getattr(ctx, "name", None) == "mpmath":
        try:
            return _on_mpfr(ctx, model, dh0, w0, y0, T, macro)
        except (NotImplementedError, AttributeError, TypeError):
            pass
    return _run(flow_field(model, dh0, w0), y0, T, macro)


def _on_mpfr(ctx: Any, model: Any, dh0: np.ndarray, w0: np.ndarray, y0: np.ndarray, T: np.ndarray,
             macro: int) -> np.ndarray:
    """``_run`` of an mpmath model's flows on its numbers converted to MPFR at ``ctx``'s precision, the
    states converted back (``proofcheck.numerics.mpfr``)."""
    fast = mpfr.MpfrContext(ctx.prec)
    with fast.working():
        states = _run(flow_field(mpfr.on_mpfr(model, fast), fast.convert(dh0), fast.convert(w0)),
                      fast.convert(y0), fast.convert(T), macro)
    return mpfr.to_mpf(ctx, states)


def flow_field(model: Any, dh0: np.ndarray, w0: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """d/dt of (w, s, wbar, sbar) under flows (1) and (3)."""
    ctx = model.ctx
    p = w0.shape[-1]
    alpha = model.alpha[:, None]
    inv_alpha = 1 / alpha
    contract = batch.contract

    # the flows' inner loop (43 calls a macro step): numpy's dispatch, not arithmetic, is most of its cost on
    # the small batches the search and the diagnoses integrate, so the einsum wrapper and the concatenation
    # are left out (the same operations in the same order: the same numbers)
    def field(y: np.ndarray) -> np.ndarray:
        w, wbar = y[:, :p], y[:, p + 1:2 * p + 1]
        D, r = model.jacobian_and_residual(w)
        out = np.empty_like(y)
        dw = out[:, :p] = inv_alpha * contract("bij,bi->bj", D, r)
        rbar = model.r0 - alpha * contract("bij,bj->bi", dh0, wbar - w0)
        dwbar = out[:, p + 1:2 * p + 1] = inv_alpha * contract("bij,bi->bj", dh0, rbar)
        out[:, p] = batch.norm(ctx, dw)
        out[:, 2 * p + 1] = batch.norm(ctx, dwbar)
        return out
    return field


def stiffness(model: Any, dh0: np.ndarray) -> np.ndarray:
    """A rough size of the flow's Jacobian at w0 (dh0 = Dh(w0)), to choose the first macro step: the kernel's
    Frobenius size ||Dh(w0)||_F^2 plus ||D^2 h(w0)[u]||_F ||r0|| / alpha for u the first direction
    of motion. Only a starting point: the step halving decides the accuracy."""
    ctx = model.ctx
    w0 = model.w0
    r0 = model.residual(w0)
    g = np.einsum("bij,bi->bj", dh0, r0)
    gn = batch.norm(ctx, g)
    u = g / np.where(gn == 0, 1, gn)[:, None]
    curv = batch.norm(ctx, model.second_derivative(w0, u).reshape(u.shape[0], -1))
    size = batch.norm(ctx, dh0.reshape(dh0.shape[0], -1))
    rn = batch.norm(ctx, r0)
    return size ** 2 + curv * rn / model.alpha


def _first_macro(rate: np.ndarray) -> int:
    need = max(1.0, float(np.max(rate)) / STEP_STIFFNESS)
    return SAMPLES * 2 ** int(np.ceil(np.log2(max(1.0, need / SAMPLES))))


FLOWS = memo.Memo()  # multiprecision and enclosed flows, by their exact arguments


def gradient_flows(ctx: Any, model: Any, T: np.ndarray, tolerance: float | None = None,
                   max_stiffness: float = MAX_STIFFNESS) -> Trajectory:
    """Flows (1) and (3) of ``model`` on [0, T] (T a batch (B,)), sampled at SAMPLES + 1 times.

    Float64 cases whose stiffness estimate T * lambda exceeds ``max_stiffness`` are not integrated: their
    states are NaN (the search sets them aside as cases it cannot evaluate). mpmath integrates
    whatever it is given, up to MP_MAX_MACRO macro steps, and reports the error it reached. A run that
    overflows is refined further; a case still without two finite runs at the cap is set aside (NaN) too.
    A multiprecision or enclosed flow is kept (``FLOWS``): a witness's flow is asked for again by every
    proof step judged on it, at the same precisions."""
    if ctx.encloses or ctx.refines:
        return FLOWS.get((ctx, model, T, tolerance, max_stiffness),
                         lambda: _gradient_flows(ctx, model, T, tolerance, max_stiffness))
    return _gradient_flows(ctx, model, T, tolerance, max_stiffness)


def _gradient_flows(ctx: Any, model: Any, T: np.ndarray, tolerance: float | None,
                    max_stiffness: float) -> Trajectory:
    if ctx.encloses:
        return enclosed_trajectory(ctx, model, T)
    tol = tolerance if tolerance is not None else ctx.tolerance
    cap = MP_MAX_MACRO if ctx.refines else F64_MAX_MACRO
    w0 = model.w0
    dh0 = model.jacobian(w0)
    B, p = w0.shape
    y0 = np.concatenate([w0, batch.zeros(ctx, (B, 1)), w0, batch.zeros(ctx, (B, 1))], axis=1)
    rate = np.asarray((stiffness(model, dh0) * T).reshape(-1), dtype=float)
    rate = np.where(np.isfinite(rate), rate, np.inf)
    fine = ctx.empty((B, SAMPLES + 1, 2 * p + 2))
    coarse = fine.copy()
    macro = np.zeros(B, dtype=int)
    active = np.flatnonzero(rate <= max_stiffness)
    if ctx.refines and active.size == 0:
        active = np.arange(B)  # mpmath is asked for one case: integrate it at the cap and report its error
    M = min(_first_macro(rate[active]) if active.size else cap, cap)
    if active.size:
        low = _integrate(ctx, _take(model, active), dh0[active], w0[active], y0[active], T[active], M)
    while active.size:
        sub = _take(model, active)
        high = _integrate(ctx, sub, dh0[active], w0[active], y0[active], T[active], 2 * M)
        diff = np.asarray(batch.maximum(ctx, batch.absolute(ctx, high - low).reshape(active.size, -1), axis=1), dtype=float)
        scale = np.asarray(batch.maximum(ctx, batch.absolute(ctx, high).reshape(active.size, -1), axis=1), dtype=float)
        # a difference that is not finite (the coarser run overflowed: its explicit steps were too long where
        # the flow speeds up) is refined like one above the tolerance, not taken as the case's error
        done = (diff <= tol * np.maximum(scale, 1e-300)) | (2 * M >= cap)
        fine[active[done]], coarse[active[done]], macro[active[done]] = high[done], low[done], 2 * M
        active, low, M = active[~done], high[~done], 2 * M
    # a case whose two finest runs still do not both give finite states has no error estimate: it is set
    # aside (NaN states, as the stiff ones), not returned with a finite value and a NaN error
    with np.errstate(invalid="ignore"):  # inf - inf is the NaN looked for
        gap = batch.absolute(ctx, fine - coarse).reshape(B, -1).sum(axis=1)
    unestimated = ~np.isfinite(np.asarray(gap, dtype=float))
    if unestimated.any():
        fine[unestimated] = coarse[unestimated] = ctx.empty((int(unestimated.sum()),) + fine.shape[1:])
    return Trajectory(ctx, model, T, fine, coarse, macro)
