"""Proposition 3.1 (Section 3): the weights move little.

Statement as printed: ||w(T) - w0|| <= sqrt(T R0)/alpha and ||wbar(T) - w0|| <= sqrt(T R0)/alpha.   (8)
Hypotheses: any model and time T >= 0; checked on trained quadratic models (``proofcheck_packs.ntk_tight_2023.models.training``).
How it is checked: flows (1) and (3) integrated with an error estimate; LHS is the larger of the two
displacements (both inequalities must hold, so the worse one decides).
Kind: upper bound.
Place in the paper: Section 3.1; the same bound is Lemma A.1 (with the path lengths).
"""
from proofcheck.numerics import batch
from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck.core.proof import Step
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, Statement
from proofcheck.core.symbolic import matrix_identity

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


# The proof, Section 3.1: ||w(T) - w(0)|| <= int ||dw/dt|| (a)<= sqrt(T int ||dw/dt||^2)
# = sqrt(-(T/alpha^2) int d/dt R(alpha h(w(t))) dt) (b)<= sqrt(T R0)/alpha.
PLACE = "Section 3.1, proof of Proposition 3.1"


def _spent_bound(ctx, c):
    """sqrt(T (R0 - R(alpha h(w(T)))))/alpha = sqrt(-(T/alpha^2) int_0^T dR/dt dt)."""
    T = batch.scalar(ctx, c.T)
    traj = training.trained(ctx, c)
    m = traj.model

    def bound(s):
        r = m.residual(training.end(s, "w"))
        spent = ((m.r0 * m.r0).sum(axis=-1) - (r * r).sum(axis=-1)) / 2
        return batch.apply(ctx, "sqrt", T * ctx.maximum(spent, 0 * spent)) / m.alpha
    return traj.estimate(bound)


def _energy(rng):
    import sympy as sp
    alpha = sp.Symbol("alpha", positive=True)
    D = sp.Matrix(2, 2, sp.symbols("d0:4", real=True))
    g = sp.Matrix(sp.symbols("g0:2", real=True))  # grad R at alpha h(w) = alpha h - y*
    wdot = -(D.T * g) * alpha / alpha**2  # (1): dw/dt = -(1/alpha^2) grad_w R(alpha h(w)) = -(1/alpha) Dh^T g
    dR = (g.T * (alpha * D * wdot))  # d/dt R(alpha h(w)) = <grad R, alpha Dh dw/dt>
    return [matrix_identity("along (1), d/dt R(alpha h(w(t))) = -alpha^2 ||dw/dt||^2", "proof step",
                            dR.applyfunc(sp.simplify), (-alpha**2 * (wdot.T * wdot)).applyfunc(sp.simplify))]


PROOF = (
    Step("line 1", "||w(T) - w(0)|| <= int_0^T ||dw/dt|| dt", f"{PLACE}, display", kind="upper",
         lhs=lambda ctx, c: training.displacement(ctx, training.trained(ctx, c)),
         rhs=lambda ctx, c: training.path_length(ctx, training.trained(ctx, c))),
    Step("=", "T int_0^T ||dw/dt||^2 dt = -(T/alpha^2) int_0^T d/dt R(alpha h(w(t))) dt", f"{PLACE}, display",
         symbolic=_energy),
    Step("(a)", "by Cauchy-Schwarz, int_0^T ||dw/dt|| dt <= sqrt(T int_0^T ||dw/dt||^2 dt) "
         "= sqrt(-(T/alpha^2) int_0^T d/dt R(alpha h(w(t))) dt)", f"{PLACE}, step (a)", kind="upper",
         lhs=lambda ctx, c: training.path_length(ctx, training.trained(ctx, c)), rhs=_spent_bound,
         reading="The right side is evaluated as sqrt(T (R0 - R(alpha h(w(T)))))/alpha, by the identity of the line before."),
    Step("(b)", "by the nonnegativity of the loss R, sqrt(-(T/alpha^2) int_0^T d/dt R dt) <= sqrt(T R0)/alpha",
         f"{PLACE}, step (b)", kind="upper", lhs=_spent_bound,
         rhs=lambda ctx, c: batch.result(ctx, training.weight_bound(ctx, c, batch.scalar(ctx, c.T)))),
    Step("wbar", "The bound for wbar is analogous: ||wbar(T) - w0|| <= int_0^T ||dwbar/dt|| dt <= sqrt(T R0)/alpha",
         f"{PLACE}, last sentence", kind="upper",
         lhs=lambda ctx, c: training.trained(ctx, c).estimate(lambda s: training.maximum(
             ctx, batch.norm(ctx, training.end(s, "wbar")), training.end(s, "sbar"))),
         rhs=lambda ctx, c: batch.result(ctx, training.weight_bound(ctx, c, batch.scalar(ctx, c.T)))),
)

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
    proof=PROOF,
    dimensions=scaling.Dimensions("dw", "sqrt(T*R0)/alpha", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
