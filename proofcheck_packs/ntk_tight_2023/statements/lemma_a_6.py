"""Lemma A.6 (Appendix A.4), equation (12).

Statement as printed: For 0 <= x <= y <= T the integral equation P(y, x) = I - int_x^y K_t P(t, x) dt
(12) has a unique solution, the product integral P(y, x) = lim_m e^{-delta K_{s_m}} ... e^{-delta K_{s_1}}.
Then r_t = P(t, 0) r_0 and rbar_t = e^{-K_0 t} r_0.
Hypotheses: K_t = X_t X_t^T with X_t real n x d, continuous (piecewise-linear on knots); the
equation depends on the path on [x, y] only and is unchanged by a shift of time, so x = 0, y = L > 0.
How it is checked: as an identity: the residual ||P(L, 0) - I + int_0^L K_t P(t, 0) dt|| of the
product integral, Romberg-extrapolated with its error estimate, must vanish within that error.
Uniqueness is not searched. That r_t = P(t, 0) r_0 reproduces dr/dt = -K_t r is checked against an
independent ODE solver in tests/test_lemma_a_6.py.
Kind: identity.
Place in the paper: Appendix A.4; gives the product-integral form of the residual dynamics (10).
"""
from proofcheck.numerics.linalg import spectral_norm
from proofcheck.numerics.paths import integral_equation_residual, knot_times, product_integral
from proofcheck.core.proof import Step
from proofcheck.core.statement import Matrix, Scalar, Space, Statement

SPACE = Space(dims={"n": (1, 4), "d": (1, 4), "k": (2, 4)}, derived={"g": ("k", -1)},
              matrices=(Matrix("X", "n", "d", count="k"),),
              scalars=(Scalar("gap", count="g", open_low=True), Scalar("L", open_low=True)))


def lhs(ctx, c):
    """||P(L, 0) - I + int_0^L K_t P(t, 0) dt||, with its discretization error."""
    return integral_equation_residual(ctx, c.X, knot_times(ctx, c.gap, c.L))


def rhs(ctx, c):
    """The size of the terms compared, ||P(L, 0)|| + 1, for the rounding floor of the allowance."""
    return spectral_norm(ctx, product_integral(ctx, c.X, knot_times(ctx, c.gap, c.L)).value) + 1


PROOF = (
    Step("D&F", "Existence, uniqueness and the expression as an infinite product are guaranteed by Theorems 3.4.1, "
         "3.4.2 and 3.5.1 of Dollard & Friedman (1984), since t -> K_t is continuous and bounded (Lemmas A.4 and A.5)",
         "Appendix A.4, proof of Lemma A.6", kind="identity", lhs=lhs, rhs=rhs, uses=("lemma-a.4", "lemma-a.5"),
         reading="The proof cites the theorems; what is checked is their conclusion, that the product integral solves (12), "
                 "at continuous bounded paths. It needs of Lemma A.4 only that K_t is bounded, not its constant."),
)

STATEMENT = Statement(
    id="lemma-a.6",
    ref="Lemma A.6, Appendix A.4 (equation (12))",
    statement="P(y, x) = I - int_x^y K_t P(t, x) dt (12) is solved by the product integral prod_x^y e^{-K_s ds}.",
    kind="identity",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    orthogonal_invariance=True,
    uses=("lemma-a.4", "lemma-a.5"),
    proof=PROOF,
)
