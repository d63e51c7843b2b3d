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
from proofcheck.core.proof import Step
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
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


# The proof, Appendix A.10, by telescoping. For a finite m it uses only the m + 1 matrices
# X_{t_{m,j}}: they are taken to be the path's knots (m = k - 1, delta = (b - a)/m), which the search
# moves freely; ``i`` is the index k of the printed sum.
PLACE = "Appendix A.10, proof of Claim 4"
INDEX = {"i": (1, 4)}
GRID = ("The finite-m lines hold for any m + 1 matrices X_{t_{m,0}}, ..., X_{t_{m,m}}; they are checked on the "
        "path's knots as those matrices, with delta = (b - a)/m.")


def _Q_power(ctx, c, j, power):
    """Q_{m,j}^power = e^{-X_j X_j^T delta power}."""
    m = len(c.X) - 1
    return gram_exp(ctx, c.X[j], c.L * power / m)


def _P(ctx, c, k):
    """P_{m,k} = (prod_{j=k+1}^m Q_{m,j}) Q_{m,k}^k, the product ordered with j = m on the left."""
    m = len(c.X) - 1
    factors = [_Q_power(ctx, c, j, 1) for j in range(m, k, -1)] + ([_Q_power(ctx, c, k, k)] if k > 0 else [])
    out = factors[0]
    for f in factors[1:]:
        out = out @ f
    return out


def _index(c):
    return max(1, min(c.dims["i"], len(c.X) - 1))


def _term(ctx, c):
    """||P_{m,i} X_{t_i} - P_{m,i-1} X_{t_{i-1}}||."""
    i = _index(c)
    return spectral_norm(ctx, _P(ctx, c, i) @ c.X[i] - _P(ctx, c, i - 1) @ c.X[i - 1])


def _dropped(ctx, c):
    """||Q_{m,i}^{i-1} X_{t_i} - Q_{m,i-1}^{i-1} X_{t_{i-1}}||."""
    i = _index(c)
    if i == 1:
        return spectral_norm(ctx, c.X[1] - c.X[0])
    return spectral_norm(ctx, _Q_power(ctx, c, i, i - 1) @ c.X[i] - _Q_power(ctx, c, i - 1, i - 1) @ c.X[i - 1])


def _finite(ctx, c):
    """||P_{m,m} X_{t_m} - P_{m,0} X_{t_0}||."""
    m = len(c.X) - 1
    return spectral_norm(ctx, _P(ctx, c, m) @ c.X[m] - _P(ctx, c, 0) @ c.X[0])


PROOF = (
    Step("(a)", "(a) ||Q_{m,j}|| <= 1: ||(prod_{j=k+1}^m Q_{m,j})(Q_{m,k}^k X_{t_k} - Q_{m,k}(Q_{m,k-1})^{k-1} X_{t_{k-1}})|| "
         "<= ||(Q_{m,k})^{k-1} X_{t_k} - (Q_{m,k-1})^{k-1} X_{t_{k-1}}||", f"{PLACE}, telescoping display, step (a)",
         kind="upper", extra_dims=INDEX, lhs=_term, rhs=_dropped, uses=("claim-1:as-used",), reading=GRID),
    Step("(b)", "(b) Claim 6: ||(Q_{m,k})^{k-1} X_{t_k} - (Q_{m,k-1})^{k-1} X_{t_{k-1}}|| <= 3 ||X_{t_k} - X_{t_{k-1}}||",
         f"{PLACE}, telescoping display, step (b)", kind="upper", extra_dims=INDEX, lhs=_dropped,
         rhs=lambda ctx, c: 3 * spectral_norm(ctx, c.X[_index(c)] - c.X[_index(c) - 1]), uses=("claim-6",), reading=GRID),
    Step("m", "the bound is independent of m: ||P_{m,m} X_{t_{m,m}} - P_{m,0} X_{t_{m,0}}|| <= sum_k 3 ||X_{t_k} - X_{t_{k-1}}|| "
         "<= 3 V({X_s}_{s in [a,b]})", f"{PLACE}, telescoping display, last lines", kind="upper", lhs=_finite, rhs=rhs,
         reading=GRID + " The display prints P_{m,1} X_{t_{m,1}} on the left, while the sum from k = 1 telescopes to "
                        "P_{m,0} X_{t_{m,0}}, the term the line before needs: read with P_{m,0}."),
)

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
    proof=PROOF,
    dimensions=scaling.Dimensions("X", "3*V", scaling.MATRICES),
)
