"""Theorem 1.2 (Section 1.2; proved in Appendix A.5): the NTK approximation error bound.

Statement as printed: R the square loss. Assume Dh is Lip(Dh)-Lipschitz in a ball of radius rho
around w0. Then at any time 0 <= T <= alpha^2 rho^2 / R0:
||alpha h(w(T)) - alpha hbar(wbar(T))|| <= min(6 kappa sqrt(R0), sqrt(8 R0)),
kappa = (T / alpha) Lip(Dh) sqrt(R0).
Hypotheses: checked on quadratic models h(w) = h0 + J w + Q[w, w]/2 (R^p -> R^n, n <= 3, p <= 4),
where Dh is ||Q||-Lipschitz on all of R^p, so every rho and every T >= 0 is allowed; Appendix B's
scalar model is a family. Lip(Dh) is the valid constant of ``proofcheck_packs.ntk_tight_2023.models.training`` (exact for n = 1).
How it is checked: flows (1) and (3) are integrated (``proofcheck.numerics.flows``) with an error estimate;
LHS = ||r(T) - rbar(T)||, since alpha h(w(T)) - alpha hbar(wbar(T)) = rbar(T) - r(T). sympy proves the
proof's last step, min(2 kappa + 3 kappa^2, 2) sqrt(2 R0) <= 6 kappa sqrt(R0) for all kappa >= 0,
on the two pieces where each term of the min is the smaller one; that last line is also proved by
branch-and-bound for every kappa, R0 > 0, with its sharp constant sqrt(2)(1 + sqrt 7) = 2 sqrt(2)/kappa*,
kappa* = (sqrt 7 - 1)/3, about 5.1559 against the printed 6, certified from both sides.
Kind: upper bound.
Place in the paper: the main result; Theorem 1.3 shows it tight up to constants.
"""
import sympy as sp

from proofcheck.numerics import batch

from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, Statement
from proofcheck.core.proof import Step
from proofcheck.core.reduction import Face, Reduction, Tail
from proofcheck.numerics.linalg import minimum
from proofcheck.core.symbolic import check_equal, check_le, check_le_on_interval

SPACE = training.quadratic_space(Scalar("T", open_low=True))


def lhs(ctx, c):
    """||alpha h(w(T)) - alpha hbar(wbar(T))|| = ||r(T) - rbar(T)||."""
    T = batch.scalar(ctx, c.T)
    return training.approximation_error(ctx, training.trajectory(ctx, c, T))


def rhs(ctx, c, constant=6):
    """min(constant kappa sqrt(R0), sqrt(8 R0)); the paper's constant is 6."""
    return training.kappa_bound(ctx, c, batch.scalar(ctx, c.T), constant)


def symbolic(rng):
    k, R = sp.symbols("kappa R0", positive=True)
    root2 = sp.sqrt(2)
    small = check_le("kappa <= sqrt(2)/3: (2 kappa + 3 kappa^2) sqrt(2 R0) <= 6 kappa sqrt(R0)", "proof step",
                     (2 * k + 3 * k**2) * root2, 6 * k, {k: (0, root2 / 3)}, rng,
                     detail="On [0, sqrt(2)/3] the ratio sqrt(2)(2 + 3 kappa)/6 is at most sqrt(2)(2 + sqrt(2))/6 < 1.")
    small = check_le_on_interval(small, (2 + 3 * k) * root2 - 6, k, 0, root2 / 3)
    large = check_le("kappa >= sqrt(2)/3: 2 sqrt(2 R0) <= 6 kappa sqrt(R0)", "proof step",
                     2 * root2, 6 * k, {k: (root2 / 3, 100)}, rng,
                     detail="2 sqrt(2) <= 6 kappa exactly when kappa >= sqrt(2)/3.")
    large = check_le_on_interval(large, 2 * root2 - 6 * k, k, root2 / 3, sp.oo)
    constant = check_le("the min's second term: sqrt(8 R0) = 2 sqrt(2 R0)", "proof step",
                        sp.sqrt(8 * R), 2 * sp.sqrt(2 * R), {R: (0, 100)}, rng)
    return [small, large, constant]


# The proof, Appendix A.5 (A_t = Dh(w(t)), B_t = Dh(w(0))): the variation on the trajectory's
# recorded times t_0 < ... < t_8 (a partition of [0, T], as in the supremum of Definition A.7).
PLACE = "Appendix A.5, proof of Theorem 1.2"


def _variation_on_samples(ctx, c):
    """sum_i ||Dh(w(t_{i+1})) - Dh(w(t_i))|| over the recorded times."""
    traj = training.trained(ctx, c)
    m = traj.model

    def total(s):
        w = s["w"]
        out = 0
        for i in range(w.shape[1] - 1):
            out = out + batch.operator_norm(ctx, m.jacobian(w[:, i + 1]) - m.jacobian(w[:, i]))
        return out
    return traj.estimate(total)


def _lip_steps(ctx, c):
    """Lip(Dh) sum_i ||w(t_{i+1}) - w(t_i)||."""
    traj = training.trained(ctx, c)
    lip = training.lip_dh(ctx, c)

    def total(s):
        w = s["w"]
        out = 0
        for i in range(w.shape[1] - 1):
            out = out + batch.norm(ctx, w[:, i + 1] - w[:, i])
        return lip * out
    return traj.estimate(total)


def _lip_length(ctx, c):
    """Lip(Dh) int_0^T ||dw/dt|| dt."""
    traj = training.trained(ctx, c)
    lip = training.lip_dh(ctx, c)
    return traj.estimate(lambda s: lip * training.end(s, "s"))


def _lip_bound(ctx, c):
    return batch.result(ctx, training.lip_dh(ctx, c) * training.weight_bound(ctx, c, batch.scalar(ctx, c.T)))


def _product_bound(ctx, c):
    """(Lip(Dh) sqrt(T R0)/alpha)(2 sqrt T + 3 Lip(Dh) T^{3/2} sqrt(R0)/alpha) sqrt(2 R0)."""
    T = batch.scalar(ctx, c.T)
    m = training.model(ctx, c)
    lip, R0 = training.lip_dh(ctx, c), training.R0(ctx, c)
    root_T, root_R0 = batch.apply(ctx, "sqrt", T), batch.apply(ctx, "sqrt", R0)
    sup = lip * root_T * root_R0 / m.alpha
    return batch.result(ctx, sup * (2 * root_T + 3 * lip * T * root_T * root_R0 / m.alpha) * batch.apply(ctx, "sqrt", 2 * R0))


def _kappa_form(rng):
    L, T, R, a = sp.symbols("L T R0 alpha", positive=True)
    k = T / a * L * sp.sqrt(R)
    return [check_equal("(L sqrt(T R0)/alpha)(2 sqrt T + 3 L T^{3/2} sqrt(R0)/alpha) = 2 kappa + 3 kappa^2", "proof step",
                     (L * sp.sqrt(T * R) / a) * (2 * sp.sqrt(T) + 3 * L * T**sp.Rational(3, 2) * sp.sqrt(R) / a),
                     2 * k + 3 * k**2, {L: (0, 10), T: (0, 10), R: (0, 10), a: (0.1, 10)}, rng)]


# The last line as a relation between numbers: both sides are sqrt(R0) times a function of kappa alone; the
# ratio sqrt(2) min(2 + 3 kappa, 2/kappa)/6 has its supremum at kappa* = (sqrt 7 - 1)/3, where the min's terms meet.
MIN_EXTRA = (Scalar("kappa", open_low=True), Scalar("R0", open_low=True))
K_MIN = 1  # kappa* = (sqrt 7 - 1)/3 < 1: beyond it the min is 2 and the tail is a function of w = 1/kappa


def _min_lhs(ctx, c):
    return minimum(ctx, 2 * c.kappa + 3 * c.kappa**2, 2) * ctx.sqrt(2 * c.R0)


def _min_rhs(ctx, c, constant=6):
    return constant * c.kappa * ctx.sqrt(c.R0)


MIN_REDUCTION = Reduction(
    scalars=(Scalar("kappa", 0.0, float(K_MIN), open_low=True),),
    case=lambda ctx, p: {"kappa": p.kappa, "R0": ctx.mpf(1)},
    invariants=lambda c: {"kappa": c.kappa},
    scale=lambda ctx, c: ctx.sqrt(c.R0),
    faces=(Face("kappa", "low", 1),),  # both sides vanish at kappa = 0
    why="both sides over sqrt(R0): the line's own definition at R0 = 1",
    tail=Tail(scalar="kappa", variable=Scalar("w", 0.0, 1.0), chart=lambda k: 1 / k, solve_for="kappa",
              lhs=lambda ctx, p: 2 * ctx.sqrt(ctx.mpf(2)) * p.w, rhs=lambda ctx, p: ctx.mpf(6),
              scale=lambda ctx, c: ctx.sqrt(c.R0) * c.kappa,
              why="for kappa >= 1 the min is 2; over sqrt(R0) kappa the sides are 2 sqrt(2)/kappa = 2 sqrt(2) w and 6"))

PROOF = (
    Step("(a)", "(a) w(t) stays in the ball where Dh is Lip(Dh)-Lipschitz: sum_i ||Dh(w(t_{i+1})) - Dh(w(t_i))|| "
         "<= Lip(Dh) sum_i ||w(t_{i+1}) - w(t_i)||", f"{PLACE}, first display, step (a)", kind="upper",
         lhs=_variation_on_samples, rhs=_lip_steps, uses=("lemma-a.2",),
         reading="The supremum over partitions is taken at the partition of the trajectory's recorded times."),
    Step("(b)", "(b) t -> w(t) is differentiable: Lip(Dh) sup_P sum_i ||w(t_{i+1}) - w(t_i)|| = Lip(Dh) int_0^T ||dw/dt|| dt",
         f"{PLACE}, first display, step (b)", kind="upper", lhs=_lip_steps, rhs=_lip_length,
         reading="Checked as the inequality the supremum gives at the recorded partition (the sum is at most the path length)."),
    Step("(c)", "(c) by Lemma A.1, Lip(Dh) int_0^T ||dw/dt|| dt <= Lip(Dh) sqrt(T R0)/alpha", f"{PLACE}, first display, step (c)",
         kind="upper", lhs=_lip_length, rhs=_lip_bound, uses=("lemma-a.1",)),
    Step("Theorem A.8", "with ||A_t - B_t|| <= Lip(Dh) sqrt(t R0)/alpha (Lemma A.3), Theorem A.8 gives ||r_T - rbar_T|| <= "
         "(Lip(Dh) sqrt(T R0)/alpha)(2 sqrt T + 3 Lip(Dh) T^{3/2} sqrt(R0)/alpha) sqrt(2 R0)", f"{PLACE}, second display",
         kind="upper", lhs=lhs, rhs=_product_bound, uses=("theorem-a.8", "lemma-a.3", "lemma-a.6")),
    Step("= kappa", "... = (2 kappa + 3 kappa^2) sqrt(2 R0)", f"{PLACE}, second display", symbolic=_kappa_form),
    Step("risk", "||r_T - rbar_T|| <= ||r_T|| + ||rbar_T|| = sqrt(2 R(alpha h(w(T)))) + sqrt(2 R(alpha hbar(wbar(T)))) "
         "<= 2 sqrt(2 R0), since the gradient flow does not increase the risk", f"{PLACE}, third display", kind="upper",
         lhs=lambda ctx, c: training.residual_norms(ctx, training.trained(ctx, c)),
         rhs=lambda ctx, c: batch.result(ctx, 2 * batch.apply(ctx, "sqrt", 2 * training.R0(ctx, c)))),
    Step("min", "So ||r_T - rbar_T|| <= min(2 kappa + 3 kappa^2, 2) sqrt(2 R0) <= 6 kappa sqrt(R0)", f"{PLACE}, last display",
         symbolic=symbolic, kind="upper", extra=MIN_EXTRA, lhs=_min_lhs, rhs=_min_rhs, reduction=MIN_REDUCTION, constant="6",
         reading="The line's second inequality, between numbers: checked for every kappa > 0 and R0 > 0 (the step's "
                 "own scalars), not only at a model's values."),
)

STATEMENT = Statement(
    id="theorem-1.2",
    ref="Theorem 1.2, Section 1.2 (proof in Appendix A.5)",
    statement="If Dh is Lip(Dh)-Lipschitz in a ball of radius rho around w0, then for 0 <= T <= alpha^2 rho^2 / R0: "
              "||alpha h(w(T)) - alpha hbar(wbar(T))|| <= min(6 kappa sqrt(R0), sqrt(8 R0)).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    families=QUADRATIC_FAMILIES,
    uses=("proposition-3.1", "lemma-a.1", "lemma-a.2", "lemma-a.3", "lemma-a.4", "lemma-a.5", "lemma-a.6",
          "theorem-a.8"),
    constant_printed="6",
    constant_proof="min(2 kappa + 3 kappa^2, 2) sqrt(2 R0)",
    notes="Trained quadratic models (Appendix B's scalar model among them); Lip(Dh) through a valid constant, "
          "exact for n = 1.",
    proof=PROOF,
    dimensions=scaling.Dimensions("r", "Min(6*kappa*sqrt(R0), sqrt(8*R0))", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
