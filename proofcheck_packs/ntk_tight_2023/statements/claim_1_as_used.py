"""Claim 1 (Appendix A.9) as used in Claim 4's proof: finite products.

Statement as printed: For any 0 <= t <= T, ||P(t, 0; zeta)|| <= 1, where P is the product integral
of e^{-K_{s,zeta} ds} with K_{s,zeta} = (A_s + zeta C_s)(A_s + zeta C_s)^T positive semidefinite.
As used: Claim 4's proof (Appendix A.10, step (a)) needs ||Q_{m,j}|| <= 1 and
products of such factors, i.e. the finite products that define P (Lemma A.6): ||e^{-delta_k X_k X_k^T} ...
e^{-delta_1 X_1 X_1^T}|| <= 1 for any X_j in R^{n x d} and steps delta_j >= 0. The continuous
product integral, as printed, is claim-1.
Hypotheses: X_j real n x d, k >= 1 factors, delta_j >= 0.
How it is checked: numerically; symbolically, each factor has norm max_i e^{-delta lambda_i} with
lambda_i >= 0, whose supremum sympy computes, and the operator norm is submultiplicative.
Kind: upper bound (attained with equality whenever the factors share a null vector, or delta = 0).
Place in the paper: Appendix A.9, used in Lemma A.10 and (as ||Q_{m,j}|| <= 1) in Claim 4.
"""
import sympy as sp

from proofcheck.numerics.linalg import gram_exp, identity, spectral_norm
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck.core.symbolic import check_le, supremum_step

SPACE = Space(dims={"n": (1, 8), "d": (1, 8), "k": (1, 6)},
              matrices=(Matrix("X", "n", "d", count="k"),),
              scalars=(Scalar("delta", count="k"),))


def lhs(ctx, c):
    """||e^{-delta_k X_k X_k^T} ... e^{-delta_1 X_1 X_1^T}|| (later factors on the left)."""
    P = identity(ctx, c.dims["n"], like=c.X[0])
    for X, delta in zip(c.X, c.delta):
        P = gram_exp(ctx, X, delta) @ P
    return spectral_norm(ctx, P)


def rhs(ctx, c, constant=1.0):
    """The constant 1."""
    return constant


def symbolic(rng, constant=1, detail="e^{-delta K} for PSD K has the eigenvalues e^{-delta lambda_i}, lambda_i >= 0; the "
                                          "operator norm is submultiplicative, so every finite product has norm <= 1."):
    u = sp.symbols("u", nonnegative=True)
    factor, sup = supremum_step("sup over u = delta lambda >= 0 of e^{-u}", "proof step", sp.exp(-u), u, {}, rng)
    steps = [factor]
    if sup is not None:
        steps.append(check_le(f"each factor's norm max_i e^{{-delta lambda_i}} <= {constant}", "statement", sup, constant,
                              {}, rng, value=str(sup),
                              detail=detail))
    return steps


STATEMENT = Statement(
    id="claim-1:as-used",
    ref="Claim 1, Appendix A.9, as used in Claim 4 (finite products)",
    statement="||e^{-delta_k X_k X_k^T} ... e^{-delta_1 X_1 X_1^T}|| <= 1 for any X_j and delta_j >= 0 (||Q_{m,j}|| <= 1 and their products).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    orthogonal_invariance=True,
    uses=(),
    constant_printed="1",
    constant_proof="1 (each factor is a contraction)",
    notes="Checked on the finite products e^{-delta_k K_k} ... e^{-delta_1 K_1} that define the product integral.",
)
