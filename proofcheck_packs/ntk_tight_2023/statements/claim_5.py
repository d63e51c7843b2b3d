"""Claim 5 (Appendix A.10).

Statement as printed: For any symmetric X, Y in R^{n x n} and t >= 0,
||e^{-(X+Y)^2 t}(X+Y) - e^{-X^2 t} X|| <= 3||Y||.
Hypotheses: X, Y real symmetric, any n >= 1; t >= 0.
How it is checked: numerically over X, Y, t; symbolically, the commuting (scalar) case, where the
claim is the Lipschitz bound of f(x) = x e^{-x^2 t}, and the constants of the paper's proof
(the integral of s^{-1/2} + (1-s)^{-1/2} and the resulting 1 + 4/e <= 3).
Kind: upper bound.
Place in the paper: Appendix A.10, used by Claim 6 on lifted symmetric matrices.
"""
import sympy as sp

from proofcheck.numerics.linalg import gram_exp, reciprocal, spectral_norm
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck.core.proof import Step
from proofcheck.core.symbolic import check_equal, check_le, supremum_step

SPACE = Space(dims={"n": (1, 8)},
              matrices=(Matrix("X", "n", "n", symmetric=True), Matrix("Y", "n", "n", symmetric=True)),
              scalars=(Scalar("t"),))


def lhs(ctx, c):
    """||e^{-(X+Y)^2 t}(X+Y) - e^{-X^2 t} X||, with S^2 = S S^T for symmetric S."""
    S = c.X + c.Y
    return spectral_norm(ctx, gram_exp(ctx, S, c.t) @ S - gram_exp(ctx, c.X, c.t) @ c.X)


def rhs(ctx, c, constant=3):
    """constant * ||Y||; the paper's constant is 3."""
    return constant * spectral_norm(ctx, c.Y)


def scalar_case(rng, constant=3):
    """sup |d/dx (x e^{-x^2 t})| = sup over u = x^2 t >= 0 of |e^{-u}(1 - 2u)|, compared with the constant."""
    u = sp.symbols("u", nonnegative=True)
    g = sp.exp(-u) * (1 - 2 * u)
    top, sup_pos = supremum_step("sup over u >= 0 of e^{-u}(1 - 2u)", "proof step", g, u, {}, rng)
    bottom, sup_neg = supremum_step("sup over u >= 0 of -e^{-u}(1 - 2u)", "proof step", -g, u, {}, rng)
    steps = [top, bottom]
    if sup_pos is not None and sup_neg is not None:
        lip = sp.Max(sup_pos, sup_neg)
        steps.append(check_le(f"sup |f'| = {lip} <= {constant}", "commuting case", lip, constant, {}, rng,
                              value=str(lip),
                              detail="For commuting X, Y (a common eigenbasis) the norm is max_i |f(x_i + y_i) - f(x_i)| "
                                     "<= sup |f'| * max_i |y_i|, with f(x) = x e^{-x^2 t} and f'(x) = e^{-u}(1 - 2u), u = x^2 t."))
    return steps


def symbolic(rng, constant=3):
    s, lam, t = sp.symbols("s lambda t", positive=True)
    decay, decay_sup = supremum_step("sup over lambda >= 0 of lambda e^{-lambda^2 s t / 2}", "proof step",
                                     lam * sp.exp(-lam**2 * s * t / 2), lam, {s: (0, 1), t: (0, sp.oo)}, rng,
                                     detail="The proof's bound ||X e^{-s X^2 t/2}|| <= 1/sqrt(e s t).")
    steps = scalar_case(rng, constant) + [decay]
    if decay_sup is not None:
        steps.append(check_equal("that supremum equals 1/sqrt(e s t)", "proof step", decay_sup,
                                 1 / sp.sqrt(sp.E * s * t), {s: (0, 1), t: (0, sp.oo)}, rng))
    integral = sp.integrate(1 / sp.sqrt(s) + 1 / sp.sqrt(1 - s), (s, 0, 1))
    steps.append(check_equal("integral over [0, 1] of s^{-1/2} + (1-s)^{-1/2} ds = 4", "proof step", integral, 4, {}, rng))
    steps.append(check_le("T1 <= (t/2)(1/sqrt(et))(1/sqrt(et)) * 4 ||Y|| = (2/e)||Y|| <= ||Y||", "proof step",
                          2 / sp.E, 1, {}, rng, value=str(2 / sp.E)))
    steps.append(check_le(f"the proof's constant 1 + 2(2/e) = 1 + 4/e <= {constant}", "constant",
                          1 + 4 / sp.E, constant, {}, rng, value=f"1 + 4/e = {sp.N(1 + 4 / sp.E, 12)}"))
    return steps


# The proof, Appendix A.10, pointwise in the interpolation parameter tau (X(tau) = X + tau Y) and
# in s of the integral representation (14).
PLACE = "Appendix A.10, proof of Claim 5"
TAU = Scalar("tau", 0.0, 1.0)
S = Scalar("s", 0.0, 1.0, open_low=True)


def _X(c):
    return c.X + c.Y * c.tau


def _split_residual(ctx, c):
    """||e^{-X(tau)^2 t} X(tau) - e^{-X(tau)^2 t/2} X(tau) e^{-X(tau)^2 t/2}||."""
    X = _X(c)
    half = gram_exp(ctx, X, c.t / 2)
    return spectral_norm(ctx, gram_exp(ctx, X, c.t) @ X - half @ X @ half)


def _size(ctx, c):
    return spectral_norm(ctx, gram_exp(ctx, _X(c), c.t) @ _X(c))


def _decay_at(ctx, c, fraction):
    """||X(tau) e^{-fraction X(tau)^2 t/2}||."""
    return spectral_norm(ctx, _X(c) @ gram_exp(ctx, _X(c), fraction * c.t / 2))


def _combine(rng):
    return [check_le("sup_tau ||Y|| + T1 + T2 <= ||Y|| + ||Y|| + ||Y|| = 3 ||Y||", "proof step", 3, 3, {}, rng)]


PROOF = (
    Step("split", "e^{-X^2(tau) t} X(tau) = e^{-X^2(tau) t/2} X(tau) e^{-X^2(tau) t/2}", f"{PLACE}, first display, line 2",
         kind="identity", extra=(TAU,), lhs=_split_residual, rhs=_size),
    Step("(a) sup", "(a) sup_lambda lambda e^{-lambda^2 t/2} = 1/sqrt(et): ||X(tau) e^{-X^2(tau) t/2}|| <= 1/sqrt(et)",
         f"{PLACE}, bound on T1, step (a)", kind="upper", extra=(TAU,), lhs=lambda ctx, c: _decay_at(ctx, c, 1),
         rhs=lambda ctx, c: reciprocal(ctx, ctx.sqrt(ctx.exp(ctx.mpf(1)) * c.t))),
    Step("(a) at s", "(a) again: ||X(tau) e^{-s X^2(tau) t/2}|| <= 1/sqrt(e s t)", f"{PLACE}, bound on T1, third line",
         kind="upper", extra=(TAU, S), lhs=lambda ctx, c: _decay_at(ctx, c, c.s),
         rhs=lambda ctx, c: reciprocal(ctx, ctx.sqrt(ctx.exp(ctx.mpf(1)) * c.s * c.t))),
    Step("T1", "T1 <= (||Y||/(2e)) int_0^1 (1/sqrt(s) + 1/sqrt(1 - s)) ds = (||Y||/(2e)) [2 sqrt(s) - 2 sqrt(1 - s)]_0^1 <= ||Y||",
         f"{PLACE}, bound on T1, last lines", symbolic=symbolic),
    Step("3||Y||", "similarly T2 <= ||Y||, so the derivative is at most ||Y|| + T1 + T2 <= 3 ||Y||", f"{PLACE}, end",
         symbolic=_combine),
)

STATEMENT = Statement(
    id="claim-5",
    ref="Claim 5, Appendix A.10",
    statement="For any symmetric X, Y in R^{n x n} and t >= 0: ||e^{-(X+Y)^2 t}(X+Y) - e^{-X^2 t} X|| <= 3||Y||.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    orthogonal_invariance=True,
    uses=(),
    constant_printed="3",
    constant_proof="1 + 4/e ~ 2.4715 (the proof's T1, T2 <= (2/e)||Y|| each)",
    proof=PROOF,
    dimensions=scaling.Dimensions("X", "3*Y", scaling.MATRICES),
)
