"""Proposition 3.1 (Section 3): the weights move little.

Statement as printed: ||w(T) - w0|| <= sqrt(T R0)/alpha and ||wbar(T) - w0|| <= sqrt(T R0)/alpha.   (8)
Hypotheses: any model and time T >= 0; checked on trained quadratic models (``proofcheck.models.training``).
How it is checked: flows (1) and (3) integrated with an error estimate; LHS is the larger of the two
displacements (both inequalities must hold, so the worse one decides).
Kind: upper bound.
Place in the paper: Section 3.1; the same bound is Lemma A.1 (with the path lengths).
"""
from proofcheck.numerics import batch
from proofcheck.models import training
from proofcheck.models.families import QUADRATIC_FAMILIES
from proofcheck.core.statement import Scalar, Statement

SPACE = training.quadratic_space(Scalar("T", open_low=True))


def lhs(ctx, c):
    """max(||w(T) - w0||, ||wbar(T) - w0||)."""
    T = batch.scalar(ctx, c.T)
    traj = training.trajectory(ctx, c, T)
    return traj.estimate(lambda s: training.maximum(ctx, batch.norm(ctx, training.end(s, "w")),
                                                    batch.norm(ctx, training.end(s, "wbar"))))


def rhs(ctx, c, constant=1):
    """constant sqrt(T R0) / alpha (printed: constant 1)."""
    return batch.result(ctx, constant * training.weight_bound(ctx, c, batch.scalar(ctx, c.T)))


STATEMENT = Statement(
    id="proposition-3.1",
    ref="Proposition 3.1, Section 3.1",
    statement="||w(T) - w0|| <= sqrt(T R0)/alpha and ||wbar(T) - w0|| <= sqrt(T R0)/alpha.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    families=QUADRATIC_FAMILIES,
    uses=("lemma-a.1",),
    notes="Trained quadratic models; w0 = 0, so the displacement is ||w(T)||.",
)
