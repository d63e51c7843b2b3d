"""Claim 3 (Appendix A.9).

Statement as printed: For any X in R^{n x d} and t >= 0, ||e^{-X X^T t} X|| <= 1/(2 sqrt t).
Hypotheses: X real, any n, d >= 1 (rectangular included); t >= 0, where the bound is +inf at t = 0.
How it is checked: numerically over X and t; symbolically, the SVD X = U S V^T gives
e^{-XX^T t} X = U e^{-S^2 t} S V^T, so the claim is sup_{lambda >= 0} sqrt(lambda) e^{-lambda t}
<= 1/(2 sqrt t), which sympy computes and compares.
Kind: upper bound.
Place in the paper: proof of Claim 2 (Appendix A.9), used with X = A_T + zeta C_T.
"""
import sympy as sp

from proofcheck.numerics.linalg import transpose, gram_exp, reciprocal, spectral_norm
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck.core.proof import Step
from proofcheck.core.symbolic import check_le, supremum_step

SPACE = Space(dims={"n": (1, 8), "d": (1, 8)}, matrices=(Matrix("X", "n", "d"),), scalars=(Scalar("t"),))


def lhs(ctx, c):
    """||e^{-X X^T t} X||."""
    return spectral_norm(ctx, gram_exp(ctx, c.X, c.t) @ c.X)


def rhs(ctx, c, constant=0.5):
    """constant / sqrt(t), +inf at t = 0; the paper's constant is 1/2."""
    return constant * reciprocal(ctx, ctx.sqrt(c.t))


def symbolic(rng, constant=sp.Rational(1, 2)):
    lam, t = sp.symbols("lambda t", positive=True)
    first, sup = supremum_step("sup over lambda >= 0 of sqrt(lambda) e^{-lambda t}", "proof step",
                          sp.sqrt(lam) * sp.exp(-lam * t), lam, {t: (0, sp.oo)}, rng)
    if sup is None:
        return [first]
    ratio = sp.simplify(sup * sp.sqrt(t) / constant)
    return [first, check_le(
        f"that supremum <= {constant}/sqrt(t) for all t > 0", "statement", sup, constant / sp.sqrt(t),
        {t: (0, sp.oo)}, rng, value=str(ratio),
        detail="With X = U S V^T, ||e^{-XX^T t} X|| = max_i sqrt(lambda_i) e^{-lambda_i t} over the eigenvalues "
               f"lambda_i of X X^T, so this covers the statement. Largest ratio: {ratio} = {sp.N(ratio, 15)}.")]


PLACE = "Appendix A.9, proof of Claim 3"


def _sandwich(ctx, c):
    """sqrt(||e^{-XX^T t} X X^T e^{-XX^T t}||)."""
    E = gram_exp(ctx, c.X, c.t)
    return ctx.sqrt(spectral_norm(ctx, E @ c.X @ transpose(ctx, c.X) @ E))


PROOF = (
    Step("=", "||e^{-XX^T t} X|| = sqrt(||e^{-XX^T t} X X^T e^{-XX^T t}||)", f"{PLACE}, display",
         kind="identity", lhs=lambda ctx, c: abs(lhs(ctx, c) - _sandwich(ctx, c)), rhs=lhs,
         reading="Printed ||e^{-XX^T} X|| on the left, without t: read as ||e^{-XX^T t} X||, the claim's left side."),
    Step("sup", "since XX^T is p.s.d., ... <= sup_lambda sqrt(e^{-lambda t} lambda e^{-lambda t}) = sup_lambda e^{-lambda} sqrt(lambda/t)",
         f"{PLACE}, display", kind="upper", lhs=_sandwich,
         rhs=lambda ctx, c: reciprocal(ctx, ctx.sqrt(2 * ctx.exp(ctx.mpf(1)) * c.t)),
         reading="The supremum is evaluated in closed form, 1/sqrt(2 e t)."),
    Step("<= 1/(2 sqrt t)", "sup_lambda e^{-lambda} sqrt(lambda/t) <= 1/(2 sqrt t)", f"{PLACE}, display", symbolic=symbolic),
)

STATEMENT = Statement(
    id="claim-3",
    ref="Claim 3, Appendix A.9",
    statement="For any X in R^{n x d} and t >= 0: ||e^{-X X^T t} X|| <= 1/(2 sqrt t).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    orthogonal_invariance=True,
    uses=(),
    constant_printed="1/2 (the bound c/sqrt t)",
    constant_proof="1/sqrt(2e) ~ 0.4289 (sup of sqrt(lambda) e^{-lambda t} times sqrt t)",
    proof=PROOF,
    dimensions=scaling.Dimensions("X", "1/(2*sqrt(t))", scaling.MATRICES),
)
