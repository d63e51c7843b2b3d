"""Inequality (7), in Section 3.1's sketch of Chizat et al.'s proof.

Statement as printed: d/dt ||r - rbar|| <= ||K_t - K_0|| ||r|| <= 2 Lip(h) Lip(Dh) ||w - w0|| sqrt(R0),
"using that ||r|| <= sqrt(R0)".
Hypotheses: any t >= 0 (searched as T); Lip(h) on the ball of radius ||w(t) - w0|| (which holds the
segment from w0 to w(t)) through ||J|| + rho Lip(Dh), and Lip(Dh), both valid constants
(``proofcheck_packs.ntk_tight_2023.models.training``).
How it is checked: numerically the second inequality, the quantitative one:
LHS = ||K_T - K_0|| ||r(T)||, RHS = 2 Lip(h) Lip(Dh) ||w(T) - w0|| sqrt(R0). The first inequality is
an identity plus K_0 >= 0: d/dt (r - rbar) = -(K_t - K_0) r - K_0 (r - rbar); sympy verifies the
identity. Note: R(y) = ||y - y*||^2/2 gives ||r(0)|| = sqrt(2 R0), not sqrt(R0).
Kind: upper bound.
Place in the paper: Section 3.1; integrated, it gives the first-attempt bound.
"""
import sympy as sp

from proofcheck.numerics import batch

from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck.core.proof import Step
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, Statement
from proofcheck.core.symbolic import matrix_identity

SPACE = training.quadratic_space(Scalar("T", open_low=True))


def lhs(ctx, c):
    """||K_T - K_0|| ||r(T)||."""
    T = batch.scalar(ctx, c.T)
    traj = training.trajectory(ctx, c, T)
    m = traj.model
    K0 = batch.gram(m.J)

    def middle(s):
        w = training.end(s, "w")
        D, r = m.jacobian_and_residual(w)
        return batch.operator_norm(ctx, batch.gram(D) - K0) * batch.norm(ctx, r)
    return traj.estimate(middle)


def rhs(ctx, c, constant=2):
    """constant Lip(h) Lip(Dh) ||w(T) - w0|| sqrt(R0), Lip(h) on the ball of radius ||w(T) - w0||."""
    T = batch.scalar(ctx, c.T)
    traj = training.trajectory(ctx, c, T)
    root = batch.apply(ctx, "sqrt", training.R0(ctx, c))
    lip = training.lip_dh(ctx, c)

    def bound(s):
        moved = batch.norm(ctx, training.end(s, "w"))
        return constant * training.lip_h(ctx, c, moved) * lip * moved * root
    return traj.estimate(bound)


def symbolic(rng):
    Kt = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"k{min(i, j)}{max(i, j)}"))
    K0 = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"z{min(i, j)}{max(i, j)}"))
    r = sp.Matrix(sp.symbols("r0 r1"))
    rbar = sp.Matrix(sp.symbols("q0 q1"))
    return [matrix_identity("d/dt (r - rbar) = -K_t r + K_0 rbar = -(K_t - K_0) r - K_0 (r - rbar)", "proof step",
                            -Kt * r + K0 * rbar, -(Kt - K0) * r - K0 * (r - rbar),
                            detail="With K_0 PSD, d/dt ||e|| = <e, e'>/||e|| <= ||K_t - K_0|| ||r||: the first inequality.")]


# The text around (7), Section 3.1, at t = T.
PLACE = "Section 3.1, inequality (7) and the sentence before it"


def _kernel_bound(ctx, c):
    """2 Lip(h) Lip(Dh) ||w(T) - w0||, Lip(h) on the ball of radius ||w(T) - w0||."""
    traj = training.trained(ctx, c)
    lip = training.lip_dh(ctx, c)

    def bound(s):
        moved = batch.norm(ctx, training.end(s, "w") - traj.model.w0)
        return 2 * training.lip_h(ctx, c, moved) * lip * moved
    return traj.estimate(bound)


def _residual_norm(ctx, c):
    traj = training.trained(ctx, c)
    return traj.estimate(lambda s: batch.norm(ctx, traj.model.residual(training.end(s, "w"))))


PROOF = (
    Step("1/2 d/dt", "since K_0 is p.s.d., 1/2 d/dt ||r - rbar||^2 = -<r - rbar, K_t r - K_0 rbar> <= -<r - rbar, (K_t - K_0) r>",
         f"{PLACE}, display before (7)", symbolic=symbolic),
    Step("divide", "dividing both sides by ||r - rbar||: d/dt ||r - rbar|| <= ||K_t - K_0|| ||r||", f"{PLACE}, (7) first part",
         kind="upper", lhs=lambda ctx, c: training.error_rate(ctx, training.trained(ctx, c)), rhs=lhs),
    Step("||r|| <= sqrt(R0)", "using that ||r|| <= sqrt(R0)", f"{PLACE}, the sentence before (7)", kind="upper",
         lhs=_residual_norm, rhs=lambda ctx, c: batch.result(ctx, batch.apply(ctx, "sqrt", training.R0(ctx, c))),
         reading="R(y) = ||y - y*||^2/2 makes ||r(0)|| = sqrt(2 R0); the flow does not increase the risk, so "
                 "||r(t)|| <= sqrt(2 R0) is what holds."),
    Step("||K_t - K_0||", "||K_t - K_0|| <= 2 Lip(h) Lip(Dh) ||w - w0||", f"{PLACE}, (7) second part", kind="upper",
         lhs=lambda ctx, c: training.kernel_change(ctx, training.trained(ctx, c)), rhs=_kernel_bound,
         reading="The factor the second inequality of (7) needs besides ||r|| <= sqrt(R0)."),
)

STATEMENT = Statement(
    id="inequality-7",
    ref="Inequality (7), Section 3.1",
    statement="d/dt ||r - rbar|| <= ||K_t - K_0|| ||r|| <= 2 Lip(h) Lip(Dh) ||w - w0|| sqrt(R0), using ||r|| <= sqrt(R0).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    families=QUADRATIC_FAMILIES,
    notes="The second inequality, checked as printed; the first by its identity.",
    constant_printed="2",
    proof=PROOF,
    dimensions=scaling.Dimensions("K*r", "2*Liph*LipDh*dw*sqrt(R0)", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
