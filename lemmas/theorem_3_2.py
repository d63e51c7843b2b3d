"""Theorem 3.2 (Section 3.2): the simplified variant with a frozen kernel.

Statement as printed: Let r'(0) = r(0) and dr'/dt = -K_T r'. Then ||r'(T) - rbar(T)|| <= min(3 kappa sqrt(R0), sqrt(8 R0)).   (9)
Hypotheses: as Theorem 1.2; K_T = Dh(w(T)) Dh(w(T))^T from the real trajectory of flow (1);
trained quadratic models, Lip(Dh) through the valid constant of ``proofcheck.models.training``.
How it is checked: r'(T) = e^{-K_T T} r0 in closed form (K_T constant), with K_T from the integrated
w(T); rbar(T) from the integrated flow (3). The error estimate carries both integrations.
Kind: upper bound.
Place in the paper: Section 3.2, the sketch of Theorem 1.2's proof (it uses Lemma 3.3).
"""
from proofcheck.numerics import batch
from proofcheck.models import training
from proofcheck.models.families import QUADRATIC_FAMILIES
from proofcheck.core.statement import Scalar, Statement

SPACE = training.quadratic_space(Scalar("T", open_low=True))


def lhs(ctx, c):
    """||e^{-K_T T} r0 - rbar(T)||."""
    T = batch.scalar(ctx, c.T)
    traj = training.trajectory(ctx, c, T)
    m = traj.model

    def gap(s):
        rbar = training.linearized_residual(traj, s)
        frozen = training.kernel_exp_apply(ctx, m.jacobian(training.end(s, "w")), T, m.r0)
        return batch.norm(ctx, frozen - rbar)
    return traj.estimate(gap)


def rhs(ctx, c, constant=3):
    """min(constant kappa sqrt(R0), sqrt(8 R0)); the paper's constant is 3."""
    return training.kappa_bound(ctx, c, batch.scalar(ctx, c.T), constant)


STATEMENT = Statement(
    id="theorem-3.2",
    ref="Theorem 3.2, Section 3.2",
    statement="With r'(0) = r(0) and dr'/dt = -K_T r': ||r'(T) - rbar(T)|| <= min(3 kappa sqrt(R0), sqrt(8 R0)).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    families=QUADRATIC_FAMILIES,
    uses=("lemma-3.3", "proposition-3.1"),
    constant_printed="3",
    notes="K_T from the trained trajectory; Lip(Dh) through a valid constant, exact for n = 1.",
)
