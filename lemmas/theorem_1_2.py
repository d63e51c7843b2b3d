"""Theorem 1.2 (Section 1.2; proved in Appendix A.5): the NTK approximation error bound.

Statement as printed: R the square loss. Assume Dh is Lip(Dh)-Lipschitz in a ball of radius rho
around w0. Then at any time 0 <= T <= alpha^2 rho^2 / R0:
||alpha h(w(T)) - alpha hbar(wbar(T))|| <= min(6 kappa sqrt(R0), sqrt(8 R0)),
kappa = (T / alpha) Lip(Dh) sqrt(R0).
Hypotheses: checked on quadratic models h(w) = h0 + J w + Q[w, w]/2 (R^p -> R^n, n <= 3, p <= 4),
where Dh is ||Q||-Lipschitz on all of R^p, so every rho and every T >= 0 is allowed; Appendix B's
scalar model is a family. Lip(Dh) is the valid constant of ``proofcheck.models.training`` (exact for n = 1).
How it is checked: flows (1) and (3) are integrated (``proofcheck.numerics.flows``) with an error estimate;
LHS = ||r(T) - rbar(T)||, since alpha h(w(T)) - alpha hbar(wbar(T)) = rbar(T) - r(T). sympy proves the
proof's last step, min(2 kappa + 3 kappa^2, 2) sqrt(2 R0) <= 6 kappa sqrt(R0) for all kappa >= 0,
on the two pieces where each term of the min is the smaller one.
Kind: upper bound.
Place in the paper: the main result; Theorem 1.3 shows it tight up to constants.
"""
import sympy as sp

from proofcheck.numerics import batch

from proofcheck.models import training
from proofcheck.models.families import QUADRATIC_FAMILIES
from proofcheck.core.statement import Scalar, Statement
from proofcheck.core.symbolic import check_le, check_le_on_interval

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
)
