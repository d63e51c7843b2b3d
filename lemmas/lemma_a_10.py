"""Lemma A.10 (Appendix A.7).

Statement as printed: For all zeta in [0, 1],
||d P(T, 0; zeta) / d zeta|| <= (sup_t ||C_t||)(2 sqrt T + 3 T V({C_t}_{t in [0, T]})),
with C_t = B_t - A_t, K_{t,zeta} = (A_t + zeta C_t)(A_t + zeta C_t)^T and P(T, 0; zeta) = prod_0^T e^{-K_{t,zeta} dt};
A_t, B_t are Theorem A.8's paths, both allowed to vary.
Hypotheses: A_t, B_t real n x d, continuous (piecewise-linear on common knots); zeta in [0, 1]; T > 0.
How it is checked: the derivative by central differences in zeta inside each Romberg level of
the product integral (so its error estimate is the derivative's); sup and V exact.
Kind: upper bound.
Place in the paper: Appendix A.7, proves Theorem A.8; uses Claims 1 and 2 and formula (14).
"""
from proofcheck.numerics.linalg import spectral_norm
from proofcheck.numerics.paths import Estimate, interpolation_derivative, knot_times, sup_norm, total_variation
from proofcheck.core.statement import Matrix, Scalar, Space, Statement

SPACE = Space(dims={"n": (1, 4), "d": (1, 4), "k": (2, 4)}, derived={"g": ("k", -1)},
              matrices=(Matrix("A", "n", "d", count="k"), Matrix("B", "n", "d", count="k")),
              scalars=(Scalar("gap", count="g", open_low=True), Scalar("T", open_low=True), Scalar("zeta", 0.0, 1.0)))


def lhs(ctx, c):
    """||d/dzeta P(T, 0; zeta)||, with its discretization error."""
    D = interpolation_derivative(ctx, c.A, c.B, knot_times(ctx, c.gap, c.T), c.zeta)
    return Estimate(spectral_norm(ctx, D.value), D.error)


def rhs(ctx, c, constant=3):
    """sup_t ||C_t|| (2 sqrt T + constant T V(C)); the paper's constant is 3."""
    C = [b - a for a, b in zip(c.A, c.B)]
    return sup_norm(ctx, C) * (2 * ctx.sqrt(c.T) + constant * c.T * total_variation(ctx, C))


STATEMENT = Statement(
    id="lemma-a.10",
    ref="Lemma A.10, Appendix A.7",
    statement="For all zeta in [0, 1]: ||dP(T, 0; zeta)/dzeta|| <= (sup_t ||C_t||)(2 sqrt T + 3 T V({C_t}_{t in [0,T]})).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    orthogonal_invariance=True,
    uses=("claim-1", "claim-2"),
    constant_printed="2 and 3",
)
