"""Lemma A.3 (Appendix A.2): the Jacobian moves little.

Statement as printed: For any 0 <= t <= T: ||Dh(w(t)) - Dhbar(wbar(t))|| <= Lip(Dh) sqrt(t R0)/alpha.
Hypotheses: any t >= 0 (searched as T; Dh is ||Q||-Lipschitz everywhere, so no ball constrains t);
trained quadratic models, Lip(Dh) through the valid constant of ``proofcheck_packs.ntk_tight_2023.models.training``.
How it is checked: Dhbar is constant, Dh(w0) = J, so LHS = ||Dh(w(T)) - J|| = ||Q[w(T), .]||.
Kind: upper bound.
Place in the paper: Appendix A.2; used for Lemma A.4 and Theorem 1.2.
"""
from proofcheck.numerics import batch
from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, Statement
from proofcheck.core.proof import Step

SPACE = training.quadratic_space(Scalar("T", open_low=True))


def lhs(ctx, c):
    """||Dh(w(T)) - Dh(w0)||."""
    T = batch.scalar(ctx, c.T)
    traj = training.trajectory(ctx, c, T)
    m = traj.model
    return traj.estimate(lambda s: batch.operator_norm(ctx, m.jacobian(training.end(s, "w")) - m.J))


def rhs(ctx, c, constant=1):
    """constant Lip(Dh) sqrt(T R0) / alpha (printed: constant 1)."""
    T = batch.scalar(ctx, c.T)
    return batch.result(ctx, constant * training.lip_dh(ctx, c) * training.weight_bound(ctx, c, T))


# The proof, Appendix A.3.
PLACE = "Appendix A.3, proof of Lemma A.3"


def _lip_times_move(ctx, c):
    """Lip(Dh) ||w(t) - w0||."""
    return training.lip_displacement(ctx, c, training.trained(ctx, c))


PROOF = (
    Step("(b) first", "(a) hbar is the linearization of h at w0, so ||Dh(w(t)) - Dhbar(wbar(t))|| = "
         "||Dh(w(t)) - Dh(w0)|| <= Lip(Dh) ||w(t) - w0||", f"{PLACE}, display", kind="upper",
         lhs=lambda ctx, c: training.jacobian_change(ctx, training.trained(ctx, c)), rhs=_lip_times_move, uses=("lemma-a.2",),
         reading="Dh is Lip(Dh)-Lipschitz in the ball of radius rho, which holds w(t) by Lemma A.2; the quadratic "
                 "models are Lip(Dh)-Lipschitz everywhere."),
    Step("(b) second", "(b) ||w(t) - w0|| <= min(rho, sqrt(t R0)/alpha) by Lemmas A.2 and A.1, so "
         "Lip(Dh) ||w(t) - w0|| <= Lip(Dh) sqrt(t R0)/alpha", f"{PLACE}, step (b)", kind="upper",
         lhs=_lip_times_move, rhs=rhs, uses=("lemma-a.1", "lemma-a.2")),
)

STATEMENT = Statement(
    id="lemma-a.3",
    ref="Lemma A.3, Appendix A.2",
    statement="For any 0 <= t <= T: ||Dh(w(t)) - Dhbar(wbar(t))|| <= Lip(Dh) sqrt(t R0)/alpha.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    families=QUADRATIC_FAMILIES,
    uses=("lemma-a.1", "lemma-a.2"),
    notes="Trained quadratic models; Lip(Dh) through a valid constant, exact for n = 1.",
    proof=PROOF,
    dimensions=scaling.Dimensions("Dh0", "LipDh*sqrt(T*R0)/alpha", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
