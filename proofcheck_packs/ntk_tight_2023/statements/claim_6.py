"""Claim 6 (Appendix A.10).

Statement as printed: For any X, Y in R^{n x d} (not necessarily symmetric) and t >= 0,
||e^{-(X+Y)(X+Y)^T t}(X+Y) - e^{-X X^T t} X|| <= 3||Y||.
Hypotheses: X, Y real, any n, d >= 1 (rectangular included); t >= 0.
How it is checked: numerically over X, Y, t; symbolically, the proof's lifting identities on
explicit 2 x 2 blocks (Xbar^2 is block diagonal, the lifted exponential is block anti-diagonal,
||Ybar|| = ||Y|| through equal characteristic polynomials), and the scalar case.
Kind: upper bound.
Place in the paper: Appendix A.10; proves Claim 4 by telescoping; uses Claim 5.
"""
import sympy as sp

from proofcheck_packs.ntk_tight_2023.statements.claim_5 import scalar_case
from proofcheck.numerics.linalg import gram_exp, spectral_norm, transpose
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck.core.proof import Step
from proofcheck.core.symbolic import matrix_identity

SPACE = Space(dims={"n": (1, 8), "d": (1, 8)},
              matrices=(Matrix("X", "n", "d"), Matrix("Y", "n", "d")),
              scalars=(Scalar("t"),))


def lhs(ctx, c):
    """||e^{-(X+Y)(X+Y)^T t}(X+Y) - e^{-X X^T t} X||."""
    S = c.X + c.Y
    return spectral_norm(ctx, gram_exp(ctx, S, c.t) @ S - gram_exp(ctx, c.X, c.t) @ c.X)


def rhs(ctx, c, constant=3):
    """constant * ||Y||; the paper's constant is 3."""
    return constant * spectral_norm(ctx, c.Y)


def _lift(M):
    Z = sp.zeros(*M.shape)
    return sp.BlockMatrix([[Z, M.T], [M, Z]]).as_explicit()


def symbolic(rng, constant=3):
    X = sp.Matrix(2, 2, sp.symbols("x0:4", real=True))
    Y = sp.Matrix(2, 2, sp.symbols("y0:4", real=True))
    P = sp.Matrix(2, 2, sp.symbols("p0:4", real=True))
    Q = sp.Matrix(2, 2, sp.symbols("q0:4", real=True))
    z = sp.Symbol("z")
    Xb = _lift(X)
    return [
        matrix_identity("Xbar^2 = diag(X^T X, X X^T) for Xbar = [[0, X^T], [X, 0]]", "proof step",
                        Xb * Xb, sp.diag(X.T * X, X * X.T), detail="On explicit 2 x 2 blocks; X + Y lifts the same way."),
        matrix_identity("diag(P, Q) Xbar = [[0, P X^T], [Q X, 0]] (so e^{-Xbar^2 t} Xbar is block anti-diagonal)",
                        "proof step", sp.diag(P, Q) * Xb, sp.BlockMatrix([[sp.zeros(2), P * X.T], [Q * X, sp.zeros(2)]]).as_explicit()),
        matrix_identity("Ybar^2 = diag(Y^T Y, Y Y^T)", "proof step", _lift(Y) * _lift(Y), sp.diag(Y.T * Y, Y * Y.T)),
        matrix_identity("charpoly(Y^T Y) = charpoly(Y Y^T), so ||Ybar|| = ||Y||", "proof step",
                        sp.Matrix([(Y.T * Y).charpoly(z).as_expr()]), sp.Matrix([(Y * Y.T).charpoly(z).as_expr()])),
    ] + scalar_case(rng, constant)


# The proof, Appendix A.10: Claim 5 on the symmetric lifts Xbar = [[0, X^T], [X, 0]]. A block
# anti-diagonal matrix [[0, M1], [M2, 0]] has norm max(||M1||, ||M2||), so the lifts need not be built.
PLACE = "Appendix A.10, proof of Claim 6"
SIGN = ("As printed, the subtracted term is e^{Xbar^2 t} Xbar, with no minus sign in the exponent; it is checked as "
        "printed. With the minus sign (Claim 5's form) the lift's difference has blocks M2 = Claim 6's difference and "
        "M1 its transpose-side twin, and the line is Claim 5 itself.")


def _lift_difference(ctx, c, sign=1):
    """||e^{-(Xbar+Ybar)^2 t}(Xbar+Ybar) - e^{-sign Xbar^2 t} Xbar|| = max(||M1||, ||M2||), M2 = e^{-SS^T t} S -
    e^{-sign XX^T t} X and M1 the same with S^T, X^T (S = X + Y); the printed sign is -1 (e^{+Xbar^2 t})."""
    S = c.X + c.Y
    St, Xt = transpose(ctx, S), transpose(ctx, c.X)
    M2 = gram_exp(ctx, S, c.t) @ S - gram_exp(ctx, c.X, sign * c.t) @ c.X
    M1 = gram_exp(ctx, St, c.t) @ St - gram_exp(ctx, Xt, sign * c.t) @ Xt
    return ctx.maximum(spectral_norm(ctx, M1), spectral_norm(ctx, M2))


def _norm_of_lift_residual(ctx, c):
    """| max(||Y^T Y||^{1/2}, ||Y Y^T||^{1/2}) - ||Y|| |."""
    Y, Yt = c.Y, transpose(ctx, c.Y)
    lifted = ctx.maximum(ctx.sqrt(spectral_norm(ctx, Yt @ Y)), ctx.sqrt(spectral_norm(ctx, Y @ Yt)))
    return abs(lifted - spectral_norm(ctx, Y))


PROOF = (
    Step("lift", "Xbar^2 = diag(X^T X, X X^T), e^{-Xbar^2 t} is block diagonal and e^{-Xbar^2 t} Xbar = "
         "[[0, e^{-X^T X t} X^T], [e^{-X X^T t} X, 0]]; the same for X + Y", f"{PLACE}, displays 1-4", symbolic=symbolic),
    Step("||M2|| <=", "||e^{-(X+Y)(X+Y)^T t}(X+Y) - e^{-XX^T t} X|| <= ||e^{-(Xbar+Ybar)^2 t}(Xbar+Ybar) - e^{Xbar^2 t} Xbar||",
         f"{PLACE}, display after 'using Claim 5'", kind="upper", lhs=lhs,
         rhs=lambda ctx, c: _lift_difference(ctx, c, sign=-1), reading=SIGN,
         intended="||e^{-(X+Y)(X+Y)^T t}(X+Y) - e^{-XX^T t} X|| <= ||e^{-(Xbar+Ybar)^2 t}(Xbar+Ybar) - e^{-Xbar^2 t} Xbar||",
         intended_rhs=_lift_difference),
    Step("Claim 5", "||e^{-(Xbar+Ybar)^2 t}(Xbar+Ybar) - e^{Xbar^2 t} Xbar|| <= 3 ||Ybar||", f"{PLACE}, same display",
         kind="upper", lhs=lambda ctx, c: _lift_difference(ctx, c, sign=-1),
         rhs=lambda ctx, c: 3 * ctx.maximum(ctx.sqrt(spectral_norm(ctx, transpose(ctx, c.Y) @ c.Y)),
                                             ctx.sqrt(spectral_norm(ctx, c.Y @ transpose(ctx, c.Y)))),
         uses=("claim-5",), reading=SIGN + " ||Ybar|| is computed as max(||Y^T Y||^{1/2}, ||Y Y^T||^{1/2}).",
         intended="||e^{-(Xbar+Ybar)^2 t}(Xbar+Ybar) - e^{-Xbar^2 t} Xbar|| <= 3 ||Ybar||", intended_lhs=_lift_difference),
    Step("||Ybar||", "||Ybar|| = ||Ybar^2||^{1/2} = max(||Y^T Y||^{1/2}, ||Y Y^T||^{1/2}) = ||Y||", f"{PLACE}, last display",
         kind="identity", lhs=_norm_of_lift_residual, rhs=lambda ctx, c: spectral_norm(ctx, c.Y)),
)

STATEMENT = Statement(
    id="claim-6",
    ref="Claim 6, Appendix A.10",
    statement="For any X, Y in R^{n x d} (not necessarily symmetric) and t >= 0: "
              "||e^{-(X+Y)(X+Y)^T t}(X+Y) - e^{-X X^T t} X|| <= 3||Y||.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    orthogonal_invariance=True,
    uses=("claim-5",),
    constant_printed="3",
    constant_proof="1 + 4/e ~ 2.4715 (inherited from Claim 5 through the lifting)",
    proof=PROOF,
    dimensions=scaling.Dimensions("X", "3*Y", scaling.MATRICES),
)
