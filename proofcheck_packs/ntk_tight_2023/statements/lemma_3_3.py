"""Lemma 3.3 (Section 3.1).

Statement as printed: For any t >= 0, ||e^{-(A+B)^T (A+B) t} - e^{-A^T A t}|| <= 2||B|| sqrt(t).
Hypotheses: in the text A = Dh(w0)^T and B = Dh(w(T))^T - Dh(w0)^T; the proof treats them as
arbitrary operators, so A, B range over all real n x d matrices (rectangular included); t >= 0.
How it is checked: numerically over A, B, t; symbolically, the commuting (diagonal) case through
sup |d/da e^{-a^2 t}| = sqrt(2t/e), the proof's integral, and its constant 2 sqrt(2/e) <= 2.
Kind: upper bound.
Place in the paper: Section 3.1, proves Theorem 3.2.
"""
import sympy as sp

from proofcheck.numerics.linalg import gram_exp, reciprocal, spectral_norm, transpose
from proofcheck.core.proof import Step
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck.core.symbolic import check_equal, check_le, supremum_step

SPACE = Space(dims={"n": (1, 8), "d": (1, 8)},
              matrices=(Matrix("A", "n", "d"), Matrix("B", "n", "d")),
              scalars=(Scalar("t"),))


def lhs(ctx, c):
    """||e^{-(A+B)^T (A+B) t} - e^{-A^T A t}||."""
    S = c.A + c.B
    return spectral_norm(ctx, gram_exp(ctx, transpose(ctx, S), c.t) - gram_exp(ctx, transpose(ctx, c.A), c.t))


def rhs(ctx, c, constant=2):
    """constant * ||B|| sqrt(t); the paper's constant is 2."""
    return constant * spectral_norm(ctx, c.B) * ctx.sqrt(c.t)


def symbolic(rng, constant=2):
    a, t, lam, tau = sp.symbols("a t lambda tau", positive=True)
    scalar, lip = supremum_step("sup over a >= 0 of |d/da e^{-a^2 t}| = 2 a t e^{-a^2 t}", "proof step",
                                2 * a * t * sp.exp(-a**2 * t), a, {t: (0, sp.oo)}, rng)
    steps = [scalar]
    if lip is not None:
        steps.append(check_le(f"that supremum <= {constant} sqrt(t)", "commuting case", lip, constant * sp.sqrt(t),
                              {t: (0, sp.oo)}, rng, value=str(sp.simplify(lip / (constant * sp.sqrt(t)))),
                              detail="For diagonal A, B each diagonal entry is the scalar case |e^{-(a+b)^2 t} - e^{-a^2 t}| "
                                     "<= sup|g'| |b|; the largest ratio is the value."))
    rate = sp.Symbol("c", positive=True)
    inner, inner_sup = supremum_step("sup over lambda >= 0 of lambda e^{-c lambda}, c = 2(1 - tau)", "proof step",
                                     lam * sp.exp(-rate * lam), lam, {rate: (0, sp.oo)}, rng,
                                     detail="The proof's bound ||e^{(1-tau)Z}(A + zeta B)^T||^2 <= this / t.")
    steps.append(inner)
    if inner_sup is not None:
        integral = sp.integrate(sp.sqrt(inner_sup.subs(rate, 2 * (1 - tau))), (tau, 0, 1))
        steps.append(check_equal("integral over [0, 1] of sqrt(1/(2e(1-tau))) dtau = sqrt(2/e)", "proof step",
                                 integral, sp.sqrt(2 / sp.E), {}, rng))
    steps.append(check_le(f"the proof's constant 2 sqrt(2/e) <= {constant}", "constant", 2 * sp.sqrt(2 / sp.E), constant,
                          {}, rng, value=f"2 sqrt(2/e) = {sp.N(2 * sp.sqrt(2 / sp.E), 12)}"))
    return steps


# The proof, Section 3.1, pointwise in zeta (Z(zeta) = -(A + zeta B)^T (A + zeta B) t) and in tau of the
# integral representation of the exponential's derivative.
PLACE = "Section 3.1, proof of Lemma 3.3"
ZETA, TAU = Scalar("zeta", 0.0, 1.0), Scalar("tau", 0.0, 1.0)


def _S(c):
    return c.A + c.B * c.zeta


def _left(ctx, c):
    """e^{(1 - tau) Z(zeta)} (A + zeta B)^T."""
    St = transpose(ctx, _S(c))
    return gram_exp(ctx, St, (1 - c.tau) * c.t) @ St


def _sandwich(ctx, c):
    """sqrt(||e^{(1-tau)Z} (A + zeta B)^T (A + zeta B) e^{(1-tau)Z}||)."""
    St = transpose(ctx, _S(c))
    E = gram_exp(ctx, St, (1 - c.tau) * c.t)
    return ctx.sqrt(spectral_norm(ctx, E @ St @ _S(c) @ E))


PROOF = (
    Step("=", "||e^{(1-tau)Z(zeta)}(A + zeta B)^T|| = sqrt(||e^{(1-tau)Z(zeta)}(A + zeta B)^T (A + zeta B) e^{(1-tau)Z(zeta)}||)",
         f"{PLACE}, bound on Term 1, line 3", kind="identity", extra=(ZETA, TAU),
         lhs=lambda ctx, c: abs(spectral_norm(ctx, _left(ctx, c)) - _sandwich(ctx, c)),
         rhs=lambda ctx, c: spectral_norm(ctx, _left(ctx, c))),
    Step("Courant-Fischer", "sqrt(t) sqrt(||e^{(1-tau)Z} (A + zeta B)^T (A + zeta B) e^{(1-tau)Z}||) = "
         "sqrt(||e^{(1-tau)Z} Z e^{(1-tau)Z}||) <= sup_{lambda >= 0} sqrt(lambda e^{-2(1-tau) lambda}) = sqrt(1/(2e(1-tau)))",
         f"{PLACE}, bound on Term 1, lines 4-6", kind="upper", extra=(ZETA, TAU),
         lhs=lambda ctx, c: ctx.sqrt(c.t) * _sandwich(ctx, c),
         rhs=lambda ctx, c: reciprocal(ctx, ctx.sqrt(2 * ctx.exp(ctx.mpf(1)) * (1 - c.tau)))),
    Step("constants", "t ||B|| int_0^1 sqrt(1/(2e(1-tau)))/sqrt(t) dtau = sqrt(2t/e) ||B||, and 2 sqrt(2t/e) ||B|| <= 2 ||B|| sqrt(t)",
         f"{PLACE}, last lines", symbolic=symbolic),
)

STATEMENT = Statement(
    id="lemma-3.3",
    ref="Lemma 3.3, Section 3.1",
    statement="For any t >= 0: ||e^{-(A+B)^T (A+B) t} - e^{-A^T A t}|| <= 2||B|| sqrt(t).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    orthogonal_invariance=True,
    uses=(),
    constant_printed="2",
    constant_proof="2 sqrt(2/e) ~ 1.7155 (Term 1 = Term 2 <= sqrt(2t/e)||B||)",
    proof=PROOF,
    dimensions=scaling.Dimensions("1", "2*B*sqrt(t)", scaling.MATRICES),
)
