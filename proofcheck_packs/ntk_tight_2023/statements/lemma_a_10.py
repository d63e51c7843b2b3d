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
import sympy as sp

from proofcheck.numerics.linalg import reciprocal, spectral_norm
from proofcheck.numerics.paths import (Estimate, interpolation_derivative, knot_times, path_integral, product_integral,
                                       sup_norm, tail, total_variation)
from proofcheck.core.proof import Step
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck.core.symbolic import check_equal, matrix_identity

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


# The proof, Appendix A.8. Pointwise steps in t are judged at the knots t_j of the path (``j``),
# whose places the search moves freely through the gaps.
PLACE = "Appendix A.8, proof of Lemma A.10"
CUT = {"j": (0, 3)}


def _interpolant(c):
    return [a * (1 - c.zeta) + b * c.zeta for a, b in zip(c.A, c.B)]


def _C(c):
    return [b - a for a, b in zip(c.A, c.B)]


def _from_t(ctx, c):
    """The interpolant X_s = A_s + zeta C_s and C_s on [t_j, T], times from 0."""
    times = knot_times(ctx, c.gap, c.T)
    X, ts = tail(_interpolant(c), times, c.dims["j"])
    C, _ = tail(_C(c), times, c.dims["j"])
    return X, C, ts


def _claim_2_at_t_lhs(ctx, c):
    """||P(T, t; zeta)(A_t + zeta C_t)|| at t = t_j."""
    X, _, ts = _from_t(ctx, c)
    P = product_integral(ctx, X, ts)
    return Estimate(spectral_norm(ctx, P.value @ X[0]), P.error * spectral_norm(ctx, X[0]))


def _claim_2_at_t_rhs(ctx, c):
    """1/(2 sqrt(T - t)) + 3 V({C_s}_{s in [t, T]}) at t = t_j."""
    _, C, ts = _from_t(ctx, c)
    return reciprocal(ctx, 2 * ctx.sqrt(ts[-1])) + 3 * total_variation(ctx, C)


def _derivative_of_kernel(rng):
    A = sp.Matrix(2, 2, sp.symbols("a0:4", real=True))
    C = sp.Matrix(2, 2, sp.symbols("c0:4", real=True))
    z = sp.Symbol("zeta", real=True)
    X = A + z * C
    return [matrix_identity("d/dzeta (A + zeta C)(A + zeta C)^T = (A + zeta C) C^T + C (A + zeta C)^T", "proof step",
                            (X * X.T).diff(z), X * C.T + C * X.T)]


def _integral_17(rng):
    t, T = sp.symbols("t T", positive=True)
    return [check_equal("int_0^T 1/(2 sqrt(T - t)) dt = sqrt(T)", "proof step",
                        sp.integrate(1 / (2 * sp.sqrt(T - t)), (t, 0, T)), sp.sqrt(T), {T: (0, 100)}, rng)]


def _sum_of_halves(rng):
    T, V, I = sp.symbols("T V I", positive=True)
    # int_0^T V([t, T]) dt = I and int_0^T V([0, t]) dt = T V - I, by V([0, t]) + V([t, T]) = V
    return [check_equal("(sqrt T + 3 int V([t,T]) dt) + (sqrt T + 3 int V([0,t]) dt) = 2 sqrt T + 3 T V", "proof step",
                        (sp.sqrt(T) + 3 * I) + (sp.sqrt(T) + 3 * (T * V - I)), 2 * sp.sqrt(T) + 3 * T * V,
                        {T: (0, 10), V: (0, 10), I: (0, 10)}, rng)]


def _m1_integral(ctx, c):
    """sup_t ||C_t|| int_0^T ||P(T, t; zeta)(A_t + zeta C_t)|| dt, the right side of (15), at a
    knot-aligned quadrature: the integrand at each knot t_j, trapezoid over the knots."""
    times = knot_times(ctx, c.gap, c.T)
    X = _interpolant(c)
    values = []
    for j in range(len(X) - 1):
        Xj, tj = tail(X, times, j)
        values.append(spectral_norm(ctx, product_integral(ctx, Xj, tj).value @ Xj[0]))
    values.append(spectral_norm(ctx, X[-1]))
    total = 0 * values[0]
    for j in range(len(values) - 1):
        total = total + (values[j] + values[j + 1]) * (times[j + 1] - times[j]) / 2
    return sup_norm(ctx, _C(c)) * total


PROOF = (
    Step("dK", "By a direct calculation, dK_{t,zeta}/dzeta = (A_t + zeta C_t) C_t^T + C_t (A_t + zeta C_t)^T",
         f"{PLACE}, first display", symbolic=_derivative_of_kernel),
    Step("(16) at t", "(b) by Claim 2: ||P(T, t; zeta)(A_t + zeta C_t)|| <= 1/(2 sqrt(T - t)) + 3 V({C_s}_{s in [t,T]}), "
         "for every t in [0, T]", f"{PLACE}, step (b) from (15) to (16)", kind="upper", extra_dims=CUT,
         lhs=_claim_2_at_t_lhs, rhs=_claim_2_at_t_rhs, uses=("claim-2",),
         reading="The integrand of (15) bounded pointwise, at the knots t = t_j of the path."),
    Step("(17)", "int_0^T (1/(2 sqrt(T - t)) + 3 V({C_s}_{s in [t,T]})) dt = sqrt(T) + 3 int_0^T V({C_s}_{s in [t,T]}) dt",
         f"{PLACE}, from (16) to (17)", symbolic=_integral_17),
    Step("M1 + M2", "symmetrically ||M2|| <= (sup ||C_t||)(sqrt T + 3 int_0^T V({C_s}_{s in [0,t]}) dt), and "
         "V([0,t]) + V([t,T]) = V([0,T]) give ||M1|| + ||M2|| <= (sup ||C_t||)(2 sqrt T + 3 T V)",
         f"{PLACE}, last paragraph", symbolic=_sum_of_halves),
)

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
    proof=PROOF,
    dimensions=scaling.Dimensions("1", "A*(2*sqrt(T) + 3*T*V)", scaling.MATRICES),
)
