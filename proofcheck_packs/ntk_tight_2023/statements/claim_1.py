"""Claim 1 (Appendix A.9): the product integral is a contraction.

Statement as printed: For any 0 <= t <= T, ||P(t, 0; zeta)|| <= 1, where P(t, 0; zeta) =
prod_0^t e^{-K_{s,zeta} ds}, K_{s,zeta} = (A_s + zeta C_s)(A_s + zeta C_s)^T, C_s = B_s - A_s, and
A_s, B_s are Theorem A.8's continuous paths (both may vary).
Hypotheses: A_s, B_s real n x d, continuous; zeta in [0, 1]; 0 <= t <= T.
How it is checked: P(t, 0) depends on the paths on [0, t] only, so T = t = L > 0. Piecewise-linear
A and B on common knots; the product integral with its error estimate. Symbolically: each factor
e^{-delta K} of the finite products that define P has norm max_i e^{-delta lambda_i} <= 1 (sympy
computes the supremum), and P is their limit (Lemma A.6; Dollard & Friedman 1984, Theorem 1.1),
so the closed unit ball contains it.
Kind: upper bound (attained: ||P|| = 1 whenever the K_s share a null vector, e.g. n > d).
Place in the paper: Appendix A.9, step (a) of Lemma A.10's proof. Claim 4's proof uses the finite
products instead (claim-1:as-used).
"""
from proofcheck.numerics.linalg import spectral_norm
from proofcheck.numerics.paths import Estimate, knot_times, product_integral
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck.core.proof import Step
from proofcheck_packs.ntk_tight_2023.statements import claim_1_as_used

SPACE = Space(dims={"n": (1, 4), "d": (1, 4), "k": (2, 4)}, derived={"g": ("k", -1)},
              matrices=(Matrix("A", "n", "d", count="k"), Matrix("B", "n", "d", count="k")),
              scalars=(Scalar("gap", count="g", open_low=True), Scalar("L", open_low=True), Scalar("zeta", 0.0, 1.0)))


def lhs(ctx, c):
    """||P(L, 0; zeta)||, with its discretization error."""
    X = [a * (1 - c.zeta) + b * c.zeta for a, b in zip(c.A, c.B)]
    P = product_integral(ctx, X, knot_times(ctx, c.gap, c.L))
    return Estimate(spectral_norm(ctx, P.value), P.error)


def rhs(ctx, c, constant=1.0):
    """The constant 1."""
    return constant


def symbolic(rng):
    return claim_1_as_used.symbolic(
        rng, detail="Every finite product of such factors is a contraction (submultiplicativity); P(t, 0; zeta) is "
                    "their limit as the mesh goes to 0 (Lemma A.6; Dollard & Friedman 1984, Thm 1.1), and the "
                    "closed unit ball contains the limit. The limit step is the paper's, not sympy's.")


PROOF = (
    Step("factors", "each term e^{-delta K_{t_i,zeta}} in the product has norm at most 1 because K_{t_i,zeta} is p.s.d.; "
         "the product integral is the limit of such products", "Appendix A.9, proof of Claim 1", symbolic=symbolic,
         uses=("lemma-a.6",)),
)

STATEMENT = Statement(
    id="claim-1",
    ref="Claim 1, Appendix A.9",
    statement="For any 0 <= t <= T: ||P(t, 0; zeta)|| <= 1.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    orthogonal_invariance=True,
    uses=(),
    constant_printed="1",
    constant_proof="1 (each factor is a contraction)",
    proof=PROOF,
)
