"""Proposition 1.1 (Section 1.2; Theorem 2.3 of Chizat et al. 2019).

Statement as printed: R the square loss. Assume h is Lip(h)-Lipschitz and Dh is Lip(Dh)-Lipschitz
in a ball of radius rho around w0. Then for any 0 <= T <= alpha rho / (Lip(h) sqrt(R0)):
||alpha h(w(T)) - alpha hbar(wbar(T))|| <= T Lip(h)^2 kappa sqrt(R0).   (4)
Hypotheses: rho > 0 and T = theta alpha rho / (Lip(h) sqrt(R0)), theta in (0, 1] (every admissible T);
trained quadratic models with the valid constants of ``proofcheck_packs.ntk_tight_2023.models.training``: Lip(Dh) (exact for
n = 1) and Lip(h) = ||J|| + rho Lip(Dh) on the ball, which the hypothesis on T then uses too.
How it is checked: flows (1) and (3) integrated with an error estimate; LHS = ||r(T) - rbar(T)||.
Kind: upper bound.
Place in the paper: the prior bound Theorem 1.2 improves on (Section 3.1 sketches its proof).
"""
from proofcheck.numerics import batch
from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, Statement
from proofcheck.core.proof import Step

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


# Section 3.1's sketch of Chizat et al.'s proof, at t = T of the case (the statement's T).
PLACE = "Section 3.1, proof of Chizat et al. (2019)"


def _traj(ctx, c):
    return training.trajectory(ctx, c, constants(ctx, c)[1])


def _rate_bound(ctx, c):
    """||K_t - K_0|| ||r||."""
    traj = _traj(ctx, c)
    m = traj.model
    K0 = batch.gram(m.jacobian(m.w0))

    def bound(s):
        D, r = m.jacobian_and_residual(training.end(s, "w"))
        return batch.operator_norm(ctx, batch.gram(D) - K0) * batch.norm(ctx, r)
    return traj.estimate(bound)


def _seven(ctx, c):
    """2 Lip(h) Lip(Dh) ||w - w0|| sqrt(R0), Lip(h) on the ball of radius rho."""
    lip_h, _ = constants(ctx, c)
    traj = _traj(ctx, c)
    root = batch.apply(ctx, "sqrt", training.R0(ctx, c))
    lip = training.lip_dh(ctx, c)
    return traj.estimate(lambda s: 2 * lip_h * lip * batch.norm(ctx, training.end(s, "w") - traj.model.w0) * root)


def _chizat_move(ctx, c):
    """t sqrt(R0) Lip(h)/alpha at t = T."""
    lip_h, T = constants(ctx, c)
    return batch.result(ctx, T * batch.apply(ctx, "sqrt", training.R0(ctx, c)) * lip_h / training.model(ctx, c).alpha)


def _integral(rng):
    import sympy as sp
    t, T = sp.symbols("t T", positive=True)
    from proofcheck.core.symbolic import check_equal
    return [check_equal("2 int_0^T t dt = T^2", "proof step", 2 * sp.integrate(t, (t, 0, T)), T**2, {T: (0, 100)}, rng)]


PROOF = (
    Step("d/dt", "d/dt ||r - rbar|| <= ||K_t - K_0|| ||r||", f"{PLACE}, inequality (7), first part", kind="upper",
         lhs=lambda ctx, c: training.error_rate(ctx, _traj(ctx, c)), rhs=_rate_bound,
         reading="From 1/2 d/dt ||r - rbar||^2 = -<r - rbar, K_t r - K_0 rbar> <= -<r - rbar, (K_t - K_0) r> "
                 "(K_0 p.s.d.), divided by ||r - rbar||; checked at t = T."),
    Step("(7)", "... <= 2 Lip(h) Lip(Dh) ||w - w0|| sqrt(R0), using that ||r|| <= sqrt(R0)", f"{PLACE}, inequality (7)",
         kind="upper", lhs=_rate_bound, rhs=_seven, uses=("inequality-7",), follows=("inequality-7:step-3",)),
    Step("weights", "Chizat et al. (2019) furthermore proves that ||w(t) - w0|| <= t sqrt(R0) Lip(h)/alpha",
         f"{PLACE}, after (7)", kind="upper", lhs=lambda ctx, c: training.displacement(ctx, _traj(ctx, c)),
         rhs=_chizat_move, reading="At t = T, with Lip(h) on the ball of radius rho (which holds w(t) for T in the "
                                   "proposition's range). The cited bound is ||dw/dt|| = ||Dh^T r||/alpha <= "
                                   "Lip(h) ||r||/alpha integrated with ||r|| <= sqrt(R0), the sentence before (7).",
         follows=("inequality-7:step-3",)),
    Step("integral", "||r(T) - rbar(T)|| <= 2 Lip(h)^2 Lip(Dh) R0 alpha^{-1} int_0^T t dt", f"{PLACE}, last display",
         kind="upper", lhs=lhs, rhs=rhs, follows=("proposition-1.1:step-2", "proposition-1.1:step-3")),
    Step("= T^2", "... = T^2 Lip(h)^2 Lip(Dh) R0/alpha", f"{PLACE}, last display", symbolic=_integral),
)

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
    constant_printed="1",
    proof=PROOF,
    dimensions=scaling.Dimensions("r", "T*Liph**2*kappa*sqrt(R0)", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
