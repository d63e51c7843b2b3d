"""Training a quadratic model h(w) = h0 + J w + Q[w, w]/2 by flows (1) and (3): the parameter space
and the paper's quantities (R0, kappa, Lip(Dh), Lip(h), the trajectory) that the statements of
Sections 1, 3 and Appendix A are written in.

The space: J (n x p), Q (n symmetric p x p matrices, Q_i = the Hessian of h_i), the initial
residual r0 = y* - alpha h(w0) (n x 1, so R0 = ||r0||^2 / 2), alpha > 0, and the statement's own
time scalars. Lip(Dh) = ||Q|| (the bilinear norm) is used through a *valid* constant: its upper
bound sqrt(||sum_i Q_i^2||), exact for n = 1 (see ``proofcheck.models.lip_dh_quadratic``); a
violation found with valid constants is a violation of the statement, and a case that holds holds
for those constants. Lip(h) on the ball of
radius rho around w0 is used through ||J|| + rho Lip(Dh), valid since Dh(w) = J + Q[w, .].

Where the ball matters: ``on_the_ball(statement)`` is a trained statement over ``ball_space``, whose
cases add G (the cubic models of ``cubic``): Lip(Dh) = ||Q|| + rho ||G|| and Lip(h) = ||J|| + rho ||Q||
+ rho^2 ||G|| / 2 on the ball of radius rho (``ball_radius``: the statement's rho, else the smallest one
its horizon T <= alpha^2 rho^2 / R0 allows), while globally Dh is not Lipschitz at all.
``near_affine_on_the_ball(statement)`` is the same over ``near_affine_space``, whose cases add N and
the knee s (the models of ``near_affine``, h = h0 + J w + Q[w, w]/2 + (||w||^2/s^2)^k N w): nearly affine
on the ball, their Dh changes 2^k times faster at sqrt(2) s than anywhere on the ball of radius s.

Everything is computed once per case and kept on the case's namespace: lhs and rhs share it.
"""
from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from proofcheck.numerics import batch
from proofcheck.numerics.flows import Trajectory, gradient_flows
from proofcheck.models.case_cache import cached
from proofcheck_packs.ntk_tight_2023.models.quadratic import Quadratic, lip_dh_quadratic
from proofcheck_packs.ntk_tight_2023.models.cubic import Cubic, lip_dh_on_ball, lip_h_on_ball
from proofcheck_packs.ntk_tight_2023.models import near_affine
from proofcheck_packs.ntk_tight_2023.models.near_affine import NearAffine
from proofcheck_packs.ntk_tight_2023.models.families import BALL_FAMILIES, NEAR_AFFINE_FAMILIES
from proofcheck.numerics.paths import Estimate
from proofcheck.core.statement import Matrix, Scalar, Space, Statement


def quadratic_space(*scalars: Scalar) -> Space:
    """Quadratic models R^p -> R^n (n <= 3, p <= 4) with alpha and the statement's time scalars."""
    return Space(dims={"n": (1, 3), "p": (1, 4), "one": (1, 1)},
                 matrices=(Matrix("J", "n", "p"), Matrix("Q", "p", "p", symmetric=True, count="n"),
                           Matrix("r0", "n", "one")),
                 scalars=(Scalar("alpha", open_low=True),) + scalars,
                 model="quadratic models h(w) = h0 + J w + Q[w, w]/2 (n <= 3, p <= 4): Lip(Dh) = ||Q|| everywhere")


def ball_space(space: Space) -> Space:
    """A trained statement's space with the cubic term of ``cubic.Cubic``: G (n x p), so that
    h = h0 + J w + Q[w, w]/2 + ||w||^2 G w / 6 and Lip(Dh), Lip(h) are those of a ball."""
    return dataclasses.replace(space, matrices=space.matrices + (Matrix("G", "n", "p"),),
                               model="cubic models h(w) = h0 + J w + Q[w, w]/2 + ||w||^2 G w/6 (n <= 3, p <= 4): "
                                     "Lip(Dh) and Lip(h) on the ball of radius rho, unbounded outside it")


def on_the_ball(statement: Statement) -> Statement:
    """The statement over ``ball_space``, its cases drawn by the ball family only besides the
    engine's generic ones; every side and proof step is the statement's own, its constants measured
    on the ball (``ball_radius``). The id is kept here; the pack's model class ``ball`` reports it as
    ``ID@ball`` (its steps' ids follow it), so its witnesses are stored apart from the printed statement's."""
    intended = on_the_ball(statement.intended) if statement.intended is not None else None
    return dataclasses.replace(statement, space=ball_space(statement.space), families=dict(BALL_FAMILIES),
                               ref=f"{statement.ref}, on cubic models (constants on the ball)",
                               scale_families=(), uniformity=None, existential=(), reduction=None, intended=intended)


def near_affine_space(space: Space) -> Space:
    """A trained statement's space with the radial term of ``near_affine.NearAffine``: N (n x p) and
    the knee s > 0, so that h = h0 + J w + Q[w, w]/2 + (||w||^2/s^2)^k N w (k = ``near_affine.DEGREE``)."""
    return dataclasses.replace(space, matrices=space.matrices + (Matrix("N", "n", "p"),),
                               scalars=space.scalars + (Scalar("knee", open_low=True),),
                               model="models nearly affine on the ball, h(w) = h0 + J w + Q[w, w]/2 + (||w||^2/s^2)^6 N w "
                                     "(n <= 3, p <= 4): Lip(Dh) and Lip(h) on the ball of radius rho, steep outside it")


def near_affine_on_the_ball(statement: Statement) -> Statement:
    """The statement over ``near_affine_space``, its cases drawn by the near-affine family only besides
    the engine's generic ones; as ``on_the_ball`` otherwise (every side and step the statement's own,
    its constants measured on the ball of ``ball_radius``, the id kept)."""
    ball = on_the_ball(statement)
    intended = near_affine_on_the_ball(statement.intended) if statement.intended is not None else None
    return dataclasses.replace(ball, space=near_affine_space(statement.space), families=dict(NEAR_AFFINE_FAMILIES),
                               ref=f"{statement.ref}, on models nearly affine on the ball (constants on the ball)",
                               intended=intended)


def model(ctx: Any, c: Any) -> Quadratic:
    """The case's model in batch form (a ``Cubic`` where the case has G, a ``NearAffine`` where it has N)."""
    def make() -> Quadratic:
        r0 = batch.matrix(ctx, c.r0)[..., 0]
        J, Q, alpha = batch.matrix(ctx, c.J), batch.stack(ctx, c.Q), batch.scalar(ctx, c.alpha)
        if hasattr(c, "N"):
            return NearAffine(ctx, J, Q, r0, alpha, batch.matrix(ctx, c.N), batch.scalar(ctx, c.knee))
        if hasattr(c, "G"):
            return Cubic(ctx, J, Q, r0, alpha, batch.matrix(ctx, c.G))
        return Quadratic(ctx, J, Q, r0, alpha)
    return cached(c, "model", (ctx,), make)


def ball_radius(ctx: Any, c: Any) -> np.ndarray:
    """The radius rho of the ball on which a cubic case's constants are measured: the statement's
    own rho where it has one; else sqrt(T R0)/alpha, the smallest rho that Theorem 1.2's horizon
    T <= alpha^2 rho^2 / R0 allows (Lemma A.1 keeps w(t), t <= T, in that ball for every model)."""
    if hasattr(c, "rho"):
        return batch.scalar(ctx, c.rho)
    return weight_bound(ctx, c, batch.scalar(ctx, c.T))


def R0(ctx: Any, c: Any) -> np.ndarray:
    """R0 = R(alpha h(w0)) = ||r0||^2 / 2, as a batch (B,)."""
    r0 = model(ctx, c).r0
    return (r0 * r0).sum(axis=-1) / 2


def lip_dh(ctx: Any, c: Any) -> np.ndarray:
    """The valid Lipschitz constant of Dh used for the case (the upper bound of ||Q||; for a cubic
    case ||Q|| + rho ||G|| on the ball of ``ball_radius``), (B,)."""
    def make() -> np.ndarray:
        m = model(ctx, c)
        if isinstance(m, Cubic):
            return lip_dh_on_ball(ctx, m.Q, m.G, ball_radius(ctx, c))
        if isinstance(m, NearAffine):
            return near_affine.lip_dh_on_ball(ctx, m.Q, m.N, m.knee, m.k, ball_radius(ctx, c))
        return lip_dh_quadratic(ctx, m.Q)[1]
    return cached(c, "lip_dh", (ctx,), make)


def jacobian_norm(ctx: Any, c: Any) -> np.ndarray:
    """||Dh(w0)|| = ||J||, (B,)."""
    return batch.operator_norm(ctx, model(ctx, c).J)


def lip_h(ctx: Any, c: Any, rho: np.ndarray) -> np.ndarray:
    """A valid Lipschitz constant of h on the ball of radius rho around w0: ||J|| + rho Lip(Dh)
    (for a cubic case ||J|| + rho ||Q|| + rho^2 ||G|| / 2, its own bound on that ball)."""
    m = model(ctx, c)
    if isinstance(m, Cubic):
        return lip_h_on_ball(ctx, m.J, m.Q, m.G, rho)
    if isinstance(m, NearAffine):  # ||J|| + rho ||Q|| + (2k + 1) ||N|| (rho/s)^(2k), ``near_affine``'s bound
        return near_affine.lip_h_on_ball(ctx, m.J, m.Q, m.N, m.knee, m.k, rho)
    return jacobian_norm(ctx, c) + rho * lip_dh(ctx, c)


def kappa(ctx: Any, c: Any, T: np.ndarray) -> np.ndarray:
    """kappa = (T / alpha) Lip(Dh) sqrt(R0)."""
    m = model(ctx, c)
    return T / m.alpha * lip_dh(ctx, c) * batch.apply(ctx, "sqrt", R0(ctx, c))


def trajectory(ctx: Any, c: Any, T: np.ndarray) -> Trajectory:
    """Flows (1) and (3) of the case on [0, T]."""
    return cached(c, "trajectory", (ctx, T), lambda: gradient_flows(ctx, model(ctx, c), T))


def weight_bound(ctx: Any, c: Any, T: np.ndarray) -> np.ndarray:
    """sqrt(T R0) / alpha, the right-hand side of Proposition 3.1 and Lemma A.1."""
    return batch.apply(ctx, "sqrt", T * R0(ctx, c)) / model(ctx, c).alpha


def time_limit(ctx: Any, num: np.ndarray, den: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """num / den, the largest time a hypothesis allows; ``fallback`` where den = 0 (R0 = 0 or
    Lip(h) = 0: the flow does not move, and every T is admissible)."""
    return ctx.quotient_or(num, den, fallback)


def end(parts: dict[str, np.ndarray], name: str) -> np.ndarray:
    """A part of the state at the last recorded time T."""
    return parts[name][:, -1]


def linearized_residual(traj: Trajectory, parts: dict[str, np.ndarray]) -> np.ndarray:
    """rbar(T) = r0 - alpha Dh(w0)(wbar(T) - w0), for any model."""
    m = traj.model
    return m.r0 - m.alpha[:, None] * np.einsum("bij,bj->bi", m.jacobian(m.w0), end(parts, "wbar") - m.w0)


def residual_gap(traj: Trajectory, parts: dict[str, np.ndarray]) -> np.ndarray:
    """r(T) - rbar(T) = -alpha (h(w) - hbar(wbar)) = -alpha (Dh(w0)(w - wbar) + h(w) - hbar(w)), for any model,
    with hbar(w) = h(w0) + Dh(w0)(w - w0) and h(w) - hbar(w) the model's ``nonlinear_part``.

    Why not r(T) - rbar(T) as written: both are of size ||r0|| and their difference can be 25 orders of magnitude
    smaller (small alpha and T: 4e-24 against ||r0|| = 21 on a cubic case), so mpmath at 30 digits kept 5 of
    them (3.5e-8 relative off, which its discretization error does not see) and float64 returned 0."""
    m = traj.model
    w, wbar = end(parts, "w"), end(parts, "wbar")
    linear = np.einsum("bij,bj->bi", m.jacobian(m.w0), w - wbar)
    return -m.alpha[:, None] * (linear + m.nonlinear_part(w))


def approximation_error(ctx: Any, traj: Trajectory) -> Estimate:
    """||alpha h(w(T)) - alpha hbar(wbar(T))|| = ||r(T) - rbar(T)|| for any model, with its error."""
    return traj.estimate(lambda parts: batch.norm(ctx, residual_gap(traj, parts)))


def kappa_bound(ctx: Any, c: Any, T: np.ndarray, constant: float) -> Any:
    """min(constant kappa sqrt(R0), sqrt(8 R0)): the right-hand side of Theorems 1.2 (6) and 3.2 (3)."""
    root = ctx.apply("sqrt", R0(ctx, c))
    return batch.result(ctx, ctx.minimum(constant * kappa(ctx, c, T) * root, 2 * ctx.apply("sqrt", 2 * root * root)))


def kernel_exp_apply(ctx: Any, D: np.ndarray, t: np.ndarray, v: np.ndarray) -> np.ndarray:
    """e^{-D D^T t} v for a batch of n x p matrices D, times t (B,) and vectors v (B, n)."""
    return ctx.gram_exp_apply(D, t, v)


def maximum(ctx: Any, *xs: np.ndarray) -> np.ndarray:
    """Elementwise max of batches (B,)."""
    return batch.maximum(ctx, np.stack(xs, axis=1), axis=1)


__all__ = ["ball_space", "on_the_ball", "near_affine_space", "near_affine_on_the_ball", "ball_radius", "approximation_error", "residual_gap", "kappa_bound", "time_limit", "Estimate", "quadratic_space", "model", "R0", "lip_dh", "lip_h", "kappa", "trajectory",
           "weight_bound", "end", "linearized_residual", "kernel_exp_apply", "maximum",
           "jacobian_norm"]


# Quantities the printed proofs of Sections 3 and A.3-A.5 are written in, at the final time T of a
# case's trajectory (``traj``): each returns an estimate through the trajectory.

def displacement(ctx: Any, traj: Trajectory) -> Any:
    """||w(T) - w0||."""
    return traj.estimate(lambda s: batch.norm(ctx, end(s, "w") - traj.model.w0))


def path_length(ctx: Any, traj: Trajectory, name: str = "s") -> Any:
    """int_0^T ||dw/dt|| dt (``name`` "s"), or of wbar ("sbar")."""
    return traj.estimate(lambda s: end(s, name))


def jacobian_change(ctx: Any, traj: Trajectory) -> Any:
    """||Dh(w(T)) - Dh(w0)||."""
    m = traj.model
    return traj.estimate(lambda s: batch.operator_norm(ctx, m.jacobian(end(s, "w")) - m.jacobian(m.w0)))


def kernel_change(ctx: Any, traj: Trajectory) -> Any:
    """||K_T - K_0||."""
    m = traj.model
    K0 = batch.gram(m.jacobian(m.w0))
    return traj.estimate(lambda s: batch.operator_norm(ctx, batch.gram(m.jacobian(end(s, "w"))) - K0))


def risk_left(ctx: Any, traj: Trajectory) -> Any:
    """R0 - R(alpha h(w(T))) = (||r0||^2 - ||r(T)||^2)/2, the risk the flow has spent."""
    m = traj.model

    def spent(s: dict[str, np.ndarray]) -> np.ndarray:
        r = m.residual(end(s, "w"))
        return ((m.r0 * m.r0).sum(axis=-1) - (r * r).sum(axis=-1)) / 2
    return traj.estimate(spent)


def error_rate(ctx: Any, traj: Trajectory) -> Any:
    """d/dt ||r - rbar|| at T: <e, -K_T r + K_0 rbar>/||e||, e = r(T) - rbar(T)."""
    m = traj.model
    J0 = m.jacobian(m.w0)

    def rate(s: dict[str, np.ndarray]) -> np.ndarray:
        D, r = m.jacobian_and_residual(end(s, "w"))
        rbar = linearized_residual(traj, s)
        e = residual_gap(traj, s)
        de = -np.einsum("bij,bj->bi", batch.gram(D), r) + np.einsum("bij,bj->bi", batch.gram(J0), rbar)
        return (e * de).sum(axis=-1) / batch.norm(ctx, e)
    return traj.estimate(rate)


def residual_norms(ctx: Any, traj: Trajectory) -> Any:
    """||r(T)|| + ||rbar(T)||."""
    m = traj.model
    return traj.estimate(lambda s: batch.norm(ctx, m.residual(end(s, "w"))) + batch.norm(ctx, linearized_residual(traj, s)))


def trained(ctx: Any, c: Any) -> Trajectory:
    """Flows (1) and (3) of the case on [0, T], T the case's own time scalar."""
    return trajectory(ctx, c, batch.scalar(ctx, c.T))


def lip_displacement(ctx: Any, c: Any, traj: Trajectory) -> Any:
    """Lip(Dh) ||w(T) - w0||, through the trajectory's estimate."""
    lip = lip_dh(ctx, c)
    return traj.estimate(lambda s: lip * batch.norm(ctx, end(s, "w") - traj.model.w0))
