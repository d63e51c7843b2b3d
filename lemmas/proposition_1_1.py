"""Proposition 1.1 (Section 1.2; Theorem 2.3 of Chizat et al. 2019).

Statement as printed: R the square loss. Assume h is Lip(h)-Lipschitz and Dh is Lip(Dh)-Lipschitz
in a ball of radius rho around w0. Then for any 0 <= T <= alpha rho / (Lip(h) sqrt(R0)):
||alpha h(w(T)) - alpha hbar(wbar(T))|| <= T Lip(h)^2 kappa sqrt(R0).   (4)
Hypotheses: rho > 0 and T = theta alpha rho / (Lip(h) sqrt(R0)), theta in (0, 1] (every admissible T);
trained quadratic models with the valid constants of ``proofcheck.models.training``: Lip(Dh) (exact for
n = 1) and Lip(h) = ||J|| + rho Lip(Dh) on the ball, which the hypothesis on T then uses too.
How it is checked: flows (1) and (3) integrated with an error estimate; LHS = ||r(T) - rbar(T)||.
Kind: upper bound.
Place in the paper: the prior bound Theorem 1.2 improves on (Section 3.1 sketches its proof).
"""
from proofcheck.numerics import batch
from proofcheck.models import training
from proofcheck.models.families import QUADRATIC_FAMILIES
from proofcheck.core.statement import Scalar, Statement

SPACE = training.quadratic_space(Scalar("rho", open_low=True), Scalar("theta", low=0.0, high=1.0, open_low=True))


def constants(ctx, c):
    """Lip(h) on the ball of radius rho, and T = theta alpha rho / (Lip(h) sqrt(R0))."""
    rho, theta, alpha = (batch.scalar(ctx, x) for x in (c.rho, c.theta, c.alpha))
    lip_h = training.lip_h(ctx, c, rho)
    T = training.time_limit(ctx, theta * alpha * rho, lip_h * batch.apply(ctx, "sqrt", training.R0(ctx, c)), theta)
    return lip_h, T


def lhs(ctx, c):
    """||r(T) - rbar(T)||."""
    _, T = constants(ctx, c)
    return training.approximation_error(ctx, training.trajectory(ctx, c, T))


def rhs(ctx, c, constant=1):
    """constant T Lip(h)^2 kappa sqrt(R0) (printed: constant 1)."""
    lip_h, T = constants(ctx, c)
    root = batch.apply(ctx, "sqrt", training.R0(ctx, c))
    return batch.result(ctx, constant * T * lip_h * lip_h * training.kappa(ctx, c, T) * root)


STATEMENT = Statement(
    id="proposition-1.1",
    ref="Proposition 1.1, Section 1.2 (Theorem 2.3 of Chizat et al. 2019)",
    statement="If h is Lip(h)-Lipschitz and Dh Lip(Dh)-Lipschitz in a ball of radius rho around w0, then for "
              "0 <= T <= alpha rho/(Lip(h) sqrt(R0)): ||alpha h(w(T)) - alpha hbar(wbar(T))|| <= T Lip(h)^2 kappa sqrt(R0).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    families=QUADRATIC_FAMILIES,
    notes="T = theta alpha rho/(Lip(h) sqrt(R0)) sweeps every admissible time; valid constants on the ball.",
)
