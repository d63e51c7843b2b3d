"""Lemma A.2 (Appendix A): the flow stays in the ball.

Statement as printed: For any 0 <= t <= T (with T <= rho^2 alpha^2 / R0): ||w(t) - w0|| <= rho.
Hypotheses: rho > 0 and T = theta rho^2 alpha^2 / R0 with theta in (0, 1] (every admissible T);
trained quadratic models (``proofcheck_packs.ntk_tight_2023.models.training``).
How it is checked: LHS is the largest ||w(t_k) - w0|| over the recorded times t_k = T k / 8 of the
integrated flow (each t_k is a t of the statement); RHS is rho.
Kind: upper bound.
Place in the paper: Appendix A.2; keeps the flow where Lip(Dh) applies (Lemma A.3, Theorem 1.2).
"""
from proofcheck.numerics import batch
from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, Statement
from proofcheck.core.proof import Step

SPACE = training.quadratic_space(Scalar("rho", open_low=True), Scalar("theta", low=0.0, high=1.0, open_low=True))


def time(ctx, c):
    """T = theta rho^2 alpha^2 / R0 (theta when R0 = 0: the flow does not move)."""
    R0 = training.R0(ctx, c)
    rho, alpha, theta = (batch.scalar(ctx, x) for x in (c.rho, c.alpha, c.theta))
    return training.time_limit(ctx, theta * rho * rho * alpha * alpha, R0, theta)


def lhs(ctx, c):
    """max over recorded t in [0, T] of ||w(t) - w0||."""
    traj = training.trajectory(ctx, c, time(ctx, c))
    return traj.estimate(lambda s: batch.maximum(ctx, batch.norm(ctx, s["w"]), axis=1))


def rhs(ctx, c, constant=1):
    """constant rho (printed: constant 1)."""
    return batch.result(ctx, constant * batch.scalar(ctx, c.rho))


PROOF = (
    Step("A.1", "by Lemma A.1, ||w(t) - w0|| <= sqrt(t R0)/alpha for 0 <= t <= T", "Appendix A.3, proof of Lemma A.2",
         kind="upper", uses=("lemma-a.1",), lhs=lhs,
         rhs=lambda ctx, c: batch.result(ctx, training.weight_bound(ctx, c, time(ctx, c)))),
    Step("T", "and T <= rho^2 alpha^2/R0: sqrt(T R0)/alpha <= rho", "Appendix A.3, proof of Lemma A.2", kind="upper",
         lhs=lambda ctx, c: batch.result(ctx, training.weight_bound(ctx, c, time(ctx, c))), rhs=rhs),
)

STATEMENT = Statement(
    id="lemma-a.2",
    ref="Lemma A.2, Appendix A.2",
    statement="For any 0 <= t <= T, with T <= rho^2 alpha^2 / R0: ||w(t) - w0|| <= rho.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    families=QUADRATIC_FAMILIES,
    uses=("lemma-a.1",),
    notes="T = theta rho^2 alpha^2 / R0 sweeps every admissible time; t runs over 9 recorded times in [0, T].",
    proof=PROOF,
    dimensions=scaling.Dimensions("dw", "rho", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
