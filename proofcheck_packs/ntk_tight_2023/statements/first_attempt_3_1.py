"""The first-attempt bound of Section 3.1 (Chizat et al.'s argument, made explicit).

Statement as printed: ||alpha h(w(T)) - alpha hbar(wbar(T))|| <= (4/3) T^{3/2} Lip(h) Lip(Dh) R0 / alpha,
obtained by integrating inequality (7) with ||w(t) - w0|| <= sqrt(t R0)/alpha (Proposition 3.1).
Hypotheses: any T > 0; Lip(h) on the ball of radius sqrt(T R0)/alpha (where Proposition 3.1 keeps
the flow) through ||J|| + rho Lip(Dh), and Lip(Dh), both valid constants (``proofcheck_packs.ntk_tight_2023.models.training``).
How it is checked: flows integrated with an error estimate; LHS = ||r(T) - rbar(T)||. sympy
evaluates the integral int_0^T 2 Lip(h) Lip(Dh) sqrt(t R0)/alpha sqrt(R0) dt behind the constant 4/3.
Kind: upper bound.
Place in the paper: Section 3.1, the step before Theorem 1.2's improvement.
"""
import sympy as sp

from proofcheck.numerics import batch

from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, Statement
from proofcheck.core.proof import Step
from proofcheck.core.symbolic import check_equal

SPACE = training.quadratic_space(Scalar("T", open_low=True))


def lhs(ctx, c):
    """||r(T) - rbar(T)||."""
    T = batch.scalar(ctx, c.T)
    return training.approximation_error(ctx, training.trajectory(ctx, c, T))


def rhs(ctx, c, constant=4):
    """(constant/3) T^{3/2} Lip(h) Lip(Dh) R0 / alpha: the printed constant is 4/3 (kept as 4 over 3 so that
    mpmath computes it at its own precision)."""
    T = batch.scalar(ctx, c.T)
    m = training.model(ctx, c)
    lip_h = training.lip_h(ctx, c, training.weight_bound(ctx, c, T))
    return batch.result(ctx, constant * T * batch.apply(ctx, "sqrt", T) * lip_h * training.lip_dh(ctx, c)
                                  * training.R0(ctx, c) / (3 * m.alpha))


def symbolic(rng):
    t, T, Lh, Ld, R, a = sp.symbols("t T Lip_h Lip_Dh R0 alpha", positive=True)
    integral = sp.integrate(2 * Lh * Ld * sp.sqrt(t * R) / a * sp.sqrt(R), (t, 0, T))
    return [check_equal("int_0^T 2 Lip(h) Lip(Dh) sqrt(t R0)/alpha sqrt(R0) dt = (4/3) T^{3/2} Lip(h) Lip(Dh) R0/alpha",
                        "proof step", integral, sp.Rational(4, 3) * T ** sp.Rational(3, 2) * Lh * Ld * R / a,
                        {T: (0, 10), Lh: (0, 5), Ld: (0, 5), R: (0, 5), a: (0.1, 10)}, rng,
                        detail="sympy integrates (7)'s right-hand side with ||w - w0|| <= sqrt(t R0)/alpha.")]


# Section 3.1's first attempt: (8) plugged into (7), then integrated.
PLACE = "Section 3.1, first attempt"


def _rate_at_T(ctx, c):
    return training.error_rate(ctx, training.trajectory(ctx, c, batch.scalar(ctx, c.T)))


def _plugged(ctx, c):
    """2 Lip(h) Lip(Dh) R0 alpha^{-1} sqrt(t) at t = T, Lip(h) on the ball of radius sqrt(T R0)/alpha."""
    T = batch.scalar(ctx, c.T)
    m = training.model(ctx, c)
    lip_h = training.lip_h(ctx, c, training.weight_bound(ctx, c, T))
    return batch.result(ctx, 2 * lip_h * training.lip_dh(ctx, c) * training.R0(ctx, c) * batch.apply(ctx, "sqrt", T) / m.alpha)


def _integral(rng):
    t, T = sp.symbols("t T", positive=True)
    return [check_equal("2 int_0^T sqrt(t) dt = (4/3) T^{3/2}", "proof step", 2 * sp.integrate(sp.sqrt(t), (t, 0, T)),
                        sp.Rational(4, 3) * T**sp.Rational(3, 2), {T: (0, 100)}, rng)]


PROOF = (
    Step("(8) in (7)", "if we plug (8) into (7): d/dt ||alpha h(w(t)) - alpha hbar(wbar(t))|| <= 2 Lip(h) Lip(Dh) R0 alpha^{-1} sqrt(t)",
         f"{PLACE}, display", kind="upper", lhs=_rate_at_T, rhs=_plugged, uses=("proposition-3.1", "inequality-7"),
         reading="The integrand of the display, checked at t = T."),
    Step("integral", "||alpha h(w(T)) - alpha hbar(wbar(T))|| <= 2 Lip(h) Lip(Dh) R0 alpha^{-1} int_0^T sqrt(t) dt "
         "= (4/3) T^{3/2} Lip(h) Lip(Dh) R0/alpha", f"{PLACE}, display", symbolic=_integral),
)

STATEMENT = Statement(
    id="first-attempt-3.1",
    ref="Section 3.1, the first attempt (integrating (7))",
    statement="||alpha h(w(T)) - alpha hbar(wbar(T))|| <= (4/3) T^{3/2} Lip(h) Lip(Dh) R0 / alpha.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    families=QUADRATIC_FAMILIES,
    uses=("inequality-7", "proposition-3.1"),
    constant_printed="4/3",
    notes="Lip(h) on the ball of radius sqrt(T R0)/alpha; valid constants.",
    proof=PROOF,
    dimensions=scaling.Dimensions("r", "4*T**Rational(3,2)*Liph*LipDh*R0/(3*alpha)", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
