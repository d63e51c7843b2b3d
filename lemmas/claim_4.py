"""Claim 4 (Appendix A.10).

Statement as printed: For any (X_t)_{t in [0, T]} in R^{n x d} continuous in t, and any
0 <= a <= b <= T: ||e^{-X_b X_b^T (b - a)} X_b - (prod_a^b e^{-X_s X_s^T ds}) X_a|| <= 3 V({X_s}_{s in [a, b]}).
Hypotheses: X_t real n x d, continuous; 0 <= a <= b <= T.
How it is checked: both sides depend on the path on [a, b] only and are unchanged by a shift of
time, so a = 0 and b = L > 0 (knots at one instant would be a jump, not a continuous path). X is piecewise-linear on knots; V is exact; the product integral
carries its error estimate.
Kind: upper bound.
Place in the paper: Appendix A.10, proved by telescoping with Claim 6 and ||Q_{m,j}|| <= 1 (Claim 1's
fact); used by Claim 2.
"""
from proofcheck.numerics.linalg import gram_exp, spectral_norm
from proofcheck.numerics.paths import Estimate, knot_times, product_integral, total_variation
from proofcheck.core.statement import Matrix, Scalar, Space, Statement

SPACE = Space(dims={"n": (1, 4), "d": (1, 4), "k": (2, 5)}, derived={"g": ("k", -1)},
              matrices=(Matrix("X", "n", "d", count="k"),),
              scalars=(Scalar("gap", count="g", open_low=True), Scalar("L", open_low=True)))


def lhs(ctx, c):
    """||e^{-X_L X_L^T L} X_L - (prod_0^L e^{-X_s X_s^T ds}) X_0||, with its discretization error."""
    P = product_integral(ctx, c.X, knot_times(ctx, c.gap, c.L))
    last = c.X[-1]
    return Estimate(spectral_norm(ctx, gram_exp(ctx, last, c.L) @ last - P.value @ c.X[0]),
                    P.error * spectral_norm(ctx, c.X[0]))


def rhs(ctx, c, constant=3):
    """constant V({X_s}); the paper's constant is 3."""
    return constant * total_variation(ctx, c.X)


STATEMENT = Statement(
    id="claim-4",
    ref="Claim 4, Appendix A.10",
    statement="||e^{-X_b X_b^T (b-a)} X_b - (prod_a^b e^{-X_s X_s^T ds}) X_a|| <= 3 V({X_s}_{s in [a,b]}).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    orthogonal_invariance=True,
    uses=("claim-6", "claim-1:as-used"),
    constant_printed="3",
)
