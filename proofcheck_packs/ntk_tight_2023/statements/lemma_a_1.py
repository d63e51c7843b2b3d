"""Lemma A.1 (Appendix A): weight change and path length.

Statement as printed: For any time t: ||w(t) - w0|| <= sqrt(t R0)/alpha and ||wbar(t) - w0|| <= sqrt(t R0)/alpha;
furthermore int_0^t ||dw/dtau|| dtau <= sqrt(t R0)/alpha and int_0^t ||dwbar/dtau|| dtau <= sqrt(t R0)/alpha.   (11)
Hypotheses: any time t >= 0 (searched as T); trained quadratic models (``proofcheck_packs.ntk_tight_2023.models.training``).
How it is checked: the path lengths are integrated with the flows (two more components of the
state); LHS is the largest of the four quantities, so every inequality of (11) is checked.
Kind: upper bound.
Place in the paper: Appendix A.2; gives Proposition 3.1 and Lemmas A.2, A.3.
"""
from proofcheck.numerics import batch
from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, Statement
from proofcheck.core.proof import Step

SPACE = training.quadratic_space(Scalar("T", open_low=True))


def lhs(ctx, c):
    """max of ||w(t) - w0||, ||wbar(t) - w0|| and the two path lengths, at t = T."""
    T = batch.scalar(ctx, c.T)
    traj = training.trajectory(ctx, c, T)
    return traj.estimate(lambda s: training.maximum(
        ctx, batch.norm(ctx, training.end(s, "w")), batch.norm(ctx, training.end(s, "wbar")),
        training.end(s, "s"), training.end(s, "sbar")))


def rhs(ctx, c, constant=1):
    """constant sqrt(T R0) / alpha (printed: constant 1)."""
    return batch.result(ctx, constant * training.weight_bound(ctx, c, batch.scalar(ctx, c.T)))


PROOF = (
    Step("(11)", "The statement (11) is also implied by the proof of Proposition 3.1: int_0^t ||dw/dtau|| dtau "
         "<= sqrt(t R0)/alpha and int_0^t ||dwbar/dtau|| dtau <= sqrt(t R0)/alpha", "Appendix A.3, proof of Lemma A.1",
         kind="upper", uses=("proposition-3.1",),
         lhs=lambda ctx, c: training.trajectory(ctx, c, batch.scalar(ctx, c.T)).estimate(
             lambda s: training.maximum(ctx, training.end(s, "s"), training.end(s, "sbar"))),
         rhs=rhs),
)

STATEMENT = Statement(
    id="lemma-a.1",
    ref="Lemma A.1, Appendix A.2",
    statement="||w(t) - w0||, ||wbar(t) - w0||, int_0^t ||dw/dtau|| and int_0^t ||dwbar/dtau|| are each <= sqrt(t R0)/alpha.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    families=QUADRATIC_FAMILIES,
    notes="Trained quadratic models; the path lengths are integrated beside the flows.",
    proof=PROOF,
    dimensions=scaling.Dimensions("dw", "sqrt(T*R0)/alpha", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
