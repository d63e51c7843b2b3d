"""Lemma A.5 (Appendix A.2): the kernel is continuous in time.

Statement as printed: t -> K_t is continuous (operator norm) on [0, T].
Hypotheses: any T > 0; trained quadratic models, Lip(Dh) through the valid constant of
``proofcheck_packs.ntk_tight_2023.models.training``.
How it is checked: continuity is checked with an explicit modulus, the one the proof's ingredients
give: ||K_t - K_s|| <= (||Dh(w_t)|| + ||Dh(w_s)||) Lip(Dh) ||w_t - w_s|| and, by Cauchy-Schwarz and the
energy identity int ||dw/dtau||^2 = (R(w_s) - R(w_t))/alpha^2 <= R0/alpha^2, ||w_t - w_s|| <= sqrt(|t - s| R0)/alpha;
with ||Dh(w_t)|| <= M = ||Dh(w0)|| + Lip(Dh) sqrt(T R0)/alpha (Lemma A.3),
omega(delta) = 2 M Lip(Dh) sqrt(delta R0)/alpha. LHS is the largest ||K_t - K_s|| / omega(|t - s|) over
neighbouring recorded times (t_k = T k/8) and over (0, T); RHS is 1. A modulus that failed would
say the proof's route to continuity is wrong, not that K_t jumps.
Kind: upper bound.
Place in the paper: Appendix A.2; Theorem A.8 is applied to t -> Dh(w(t)), which needs it.
"""
import numpy as np

from proofcheck.numerics import batch

from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck.core.statement import Scalar, Statement

SPACE = training.quadratic_space(Scalar("T", open_low=True))


def lhs(ctx, c):
    """max over pairs (s, t) of ||K_t - K_s|| / omega(|t - s|)."""
    T = batch.scalar(ctx, c.T)
    traj = training.trajectory(ctx, c, T)
    m = traj.model
    lip = training.lip_dh(ctx, c)
    big = training.jacobian_norm(ctx, c) + lip * training.weight_bound(ctx, c, T)
    k = traj.fine.shape[1] - 1
    pairs = [(j, j + 1) for j in range(k)] + [(0, k)]

    def worst(s):
        K = batch.gram(np.stack([m.jacobian(s["w"][:, j]) for j in range(k + 1)], axis=1))
        ratios = []
        for a, b in pairs:
            gap = batch.operator_norm(ctx, K[:, b] - K[:, a])
            omega = 2 * big * lip * training.weight_bound(ctx, c, T * (b - a) / k)
            ratios.append(ctx.ratio(gap, omega))
        return training.maximum(ctx, *ratios)
    return traj.estimate(worst)


def rhs(ctx, c, constant=1):
    """constant (printed: 1): the modulus omega bounds every change of K."""
    return batch.result(ctx, batch.scalar(ctx, c.T) * 0 + constant)


STATEMENT = Statement(
    id="lemma-a.5",
    ref="Lemma A.5, Appendix A.2",
    statement="t -> K_t is continuous (in the operator norm) on [0, T]; checked with the modulus "
              "omega(delta) = 2 (||Dh(w0)|| + Lip(Dh) sqrt(T R0)/alpha) Lip(Dh) sqrt(delta R0)/alpha.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    families=QUADRATIC_FAMILIES,
    uses=("lemma-a.1", "lemma-a.3"),
    notes="A continuity statement has no inequality; the modulus is the one its proof's ingredients give.",
)
