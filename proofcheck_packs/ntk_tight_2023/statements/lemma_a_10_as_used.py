"""Lemma A.10 as the proof of Theorem 1.2 uses it (Appendix A.7): B_t = B constant.

Statement as used: with B constant, C_t = B - A_t, V({C_t}) = V({A_t}), and for all zeta in [0, 1]
||d P(T, 0; zeta) / d zeta|| <= (sup_t ||B - A_t||)(2 sqrt T + 3 T V({A_t}_{t in [0, T]})).
Hypotheses: A_t real n x d, continuous (piecewise-linear on knots); B real n x d; zeta in [0, 1]; T > 0.
How it is checked: as lemma-a.10, with B repeated at every knot.
Kind: upper bound.
Place in the paper: the proof of Theorem A.8 when applied in the proof of Theorem 1.2.
"""
from proofcheck.numerics.linalg import spectral_norm
from proofcheck.numerics.paths import Estimate, interpolation_derivative, knot_times, sup_norm, total_variation
from proofcheck.core.statement import Matrix, Scalar, Space, Statement

SPACE = Space(dims={"n": (1, 4), "d": (1, 4), "k": (2, 4)}, derived={"g": ("k", -1)},
              matrices=(Matrix("A", "n", "d", count="k"), Matrix("B", "n", "d")),
              scalars=(Scalar("gap", count="g", open_low=True), Scalar("T", open_low=True), Scalar("zeta", 0.0, 1.0)))


def lhs(ctx, c):
    """||d/dzeta P(T, 0; zeta)|| with B_t = B at every time, with its discretization error."""
    D = interpolation_derivative(ctx, c.A, [c.B] * len(c.A), knot_times(ctx, c.gap, c.T), c.zeta)
    return Estimate(spectral_norm(ctx, D.value), D.error)


def rhs(ctx, c, constant=3):
    """sup_t ||B - A_t|| (2 sqrt T + constant T V(A))."""
    return sup_norm(ctx, [c.B - a for a in c.A]) * (2 * ctx.sqrt(c.T) + constant * c.T * total_variation(ctx, c.A))


STATEMENT = Statement(
    id="lemma-a.10:as-used",
    ref="Lemma A.10 as used with B_t constant (proof of Theorem 1.2)",
    statement="||dP(T, 0; zeta)/dzeta|| <= (sup_t ||B - A_t||)(2 sqrt T + 3 T V({A_t})), B constant.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    orthogonal_invariance=True,
    uses=("claim-1", "claim-2:as-used"),
    constant_printed="2 and 3",
)
