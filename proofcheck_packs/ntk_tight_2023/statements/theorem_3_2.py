"""Theorem 3.2 (Section 3.2): the simplified variant with a frozen kernel.

Statement as printed: Let r'(0) = r(0) and dr'/dt = -K_T r'. Then ||r'(T) - rbar(T)|| <= min(3 kappa sqrt(R0), sqrt(8 R0)).   (9)
Hypotheses: as Theorem 1.2; K_T = Dh(w(T)) Dh(w(T))^T from the real trajectory of flow (1);
trained quadratic models, Lip(Dh) through the valid constant of ``proofcheck_packs.ntk_tight_2023.models.training``.
How it is checked: r'(T) = e^{-K_T T} r0 in closed form (K_T constant), with K_T from the integrated
w(T); rbar(T) from the integrated flow (3). The error estimate carries both integrations.
Kind: upper bound.
Place in the paper: Section 3.2, the sketch of Theorem 1.2's proof (it uses Lemma 3.3).
"""
from proofcheck.numerics import batch
from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, Statement
from proofcheck.core.proof import Step
from proofcheck.core.symbolic import check_le

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


# The proof, end of Section 3.1 (A = Dh(w0)^T, B = Dh(w(T))^T - Dh(w0)^T).
PLACE = "Section 3.1, proof of Theorem 3.2"


def _lip_move(ctx, c):
    return training.lip_displacement(ctx, c, training.trained(ctx, c))


def _lip_bound(ctx, c):
    return batch.result(ctx, training.lip_dh(ctx, c) * training.weight_bound(ctx, c, batch.scalar(ctx, c.T)))


def _two_kappa_r0(ctx, c):
    """2 Lip(Dh) T sqrt(R0) alpha^{-1} ||r(0)|| = 2 kappa ||r(0)||."""
    T = batch.scalar(ctx, c.T)
    return batch.result(ctx, 2 * training.kappa(ctx, c, T) * batch.norm(ctx, training.model(ctx, c).r0))


def _frozen_norms(ctx, c):
    """||r'(T)|| + ||rbar(T)||."""
    T = batch.scalar(ctx, c.T)
    traj = training.trained(ctx, c)
    m = traj.model
    return traj.estimate(lambda s: batch.norm(ctx, training.kernel_exp_apply(ctx, m.jacobian(training.end(s, "w")), T, m.r0))
                         + batch.norm(ctx, training.linearized_residual(traj, s)))


def _combine(rng):
    import sympy as sp
    k, R = sp.symbols("kappa R0", nonnegative=True)
    return [check_le("min(2 kappa, 2) sqrt(2 R0) <= min(3 kappa sqrt(R0), sqrt(8 R0)): 2 sqrt(2) <= 3", "proof step",
                     2 * sp.sqrt(2), 3, {}, rng, value=str(sp.N(2 * sp.sqrt(2), 12)))]


PROOF = (
    Step("||B|| 1", "||B|| <= Lip(Dh) ||w(T) - w0||", f"{PLACE}, first display", kind="upper",
         lhs=lambda ctx, c: training.jacobian_change(ctx, training.trained(ctx, c)), rhs=_lip_move),
    Step("||B|| 2", "Lip(Dh) ||w(T) - w0|| <= Lip(Dh) sqrt(T R0)/alpha", f"{PLACE}, first display", kind="upper",
         lhs=_lip_move, rhs=_lip_bound, uses=("proposition-3.1",)),
    Step("Lemma 3.3", "So Lemma 3.3 implies ||r'(T) - rbar(T)|| <= 2 Lip(Dh) T sqrt(R0) alpha^{-1} ||r(0)|| = 2 kappa ||r(0)||",
         f"{PLACE}, second display", kind="upper", lhs=lhs, rhs=_two_kappa_r0, uses=("lemma-3.3",)),
    Step("triangle", "||r'(T) - rbar(T)|| <= ||r'(T)|| + ||rbar(T)|| <= 2 ||r(0)|| = 2 sqrt(2 R0)", f"{PLACE}, last paragraph",
         kind="upper", lhs=_frozen_norms,
         rhs=lambda ctx, c: batch.result(ctx, 2 * batch.norm(ctx, training.model(ctx, c).r0))),
    Step("(9)", "Combining these implies (9)", f"{PLACE}, last paragraph", symbolic=_combine),
)

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
    proof=PROOF,
    dimensions=scaling.Dimensions("r", "Min(3*kappa*sqrt(R0), sqrt(8*R0))", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
