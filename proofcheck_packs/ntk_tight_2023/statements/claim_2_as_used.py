"""Claim 2 as the proof of Theorem 1.2 needs it (Appendix A.9): B_s = B constant.

Statement as used: with B constant, C_s = B - A_s and X_s = A_s + zeta C_s = (1 - zeta) A_s + zeta B,
so V({X_s}) = (1 - zeta) V({C_s}) <= V({C_s}), the step the proof of Claim 2 takes:
||P(T, t; zeta) X_t|| <= 1/(2 sqrt(T - t)) + 3 V({C_s}_{s in [t, T]}).
Hypotheses: A_s real n x d, continuous; B real n x d; zeta in [0, 1]; t = 0, T = L > 0 as in claim-2.
How it is checked: as claim-2.
Kind: upper bound.
Place in the paper: Lemma A.10's proof, when Theorem A.8 is applied in the proof of Theorem 1.2.
"""
from proofcheck_packs.ntk_tight_2023.statements.claim_2 import time_term
from proofcheck.numerics.linalg import reciprocal, spectral_norm
from proofcheck.numerics.paths import Estimate, knot_times, product_integral, total_variation
from proofcheck.core.statement import Matrix, Scalar, Space, Statement

SPACE = Space(dims={"n": (1, 4), "d": (1, 4), "k": (2, 4)}, derived={"g": ("k", -1)},
              matrices=(Matrix("A", "n", "d", count="k"), Matrix("B", "n", "d")),
              scalars=(Scalar("gap", count="g", open_low=True), Scalar("L", open_low=True), Scalar("zeta", 0.0, 1.0)))


def lhs(ctx, c):
    """||P(L, 0; zeta)((1 - zeta) A_0 + zeta B)||, with its discretization error."""
    X = [a * (1 - c.zeta) + c.B * c.zeta for a in c.A]
    P = product_integral(ctx, X, knot_times(ctx, c.gap, c.L))
    return Estimate(spectral_norm(ctx, P.value @ X[0]), P.error * spectral_norm(ctx, X[0]))


def rhs(ctx, c, constant=3):
    """1/(2 sqrt L) + constant V(B - A) = 1/(2 sqrt L) + constant V(A)."""
    return reciprocal(ctx, 2 * ctx.sqrt(c.L)) + constant * total_variation(ctx, c.A)


def symbolic(rng):
    """Claim 2's time term, the part of its proof this form keeps."""
    return time_term(rng)


STATEMENT = Statement(
    id="claim-2:as-used",
    ref="Claim 2 as used with B_t constant (proof of Theorem 1.2)",
    statement="||P(T, t; zeta)(A_t + zeta C_t)|| <= 1/(2 sqrt(T - t)) + 3 V({C_s}), with C_s = B - A_s, B constant.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    orthogonal_invariance=True,
    uses=("claim-3", "claim-4"),
    constant_printed="1/2 and 3",
)
