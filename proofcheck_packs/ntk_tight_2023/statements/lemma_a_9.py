"""Lemma A.9 (Appendix A.6): the quantitative step of its proof, inequality (13).

Statement as printed: Theorem A.8 is true for general separable Hilbert spaces F if it is true
whenever F is finite-dimensional. This is a reduction and has no numbers to search; what carries
it is (13), with P_n the projection onto the first n basis vectors of F:
||prod_0^T e^{-A_s A_s^T ds} - prod_0^T e^{-P_n A_s A_s^T P_n^T ds}|| <= int_0^T ||A_t A_t^T - P_n A_t A_t^T P_n^T|| dt,
and the convergence of the right-hand side to 0 as n grows.
Hypotheses: F = R^N (N = m + r), A_t real N x d, continuous (piecewise-linear on knots); P the
projection onto the first m coordinates (m = 0 .. N - 1); T > 0.
How it is checked: both product integrals and the integral of the norm carry error estimates;
the convergence in m on a family with decaying spectra is shown in tests/test_lemma_a_9.py.
Kind: upper bound.
Place in the paper: Appendix A.6, reduces Theorem A.8 to finite dimensions.
"""
from proofcheck.numerics.linalg import gram, keep_rows, spectral_norm
from proofcheck.numerics.paths import Estimate, knot_times, norm_path_integral, product_integral
from proofcheck.core.proof import Step
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck_packs.ntk_tight_2023.statements import claim_1_as_used

SPACE = Space(dims={"m": (0, 3), "r": (1, 3), "d": (1, 4), "k": (2, 4)}, derived={"n": ("m+r", 0), "g": ("k", -1)},
              matrices=(Matrix("A", "n", "d", count="k"),),
              scalars=(Scalar("gap", count="g", open_low=True), Scalar("T", open_low=True)))


def project(ctx, X, m):
    """P X: the rows of X beyond the first m set to 0."""
    return keep_rows(ctx, X, m)


def lhs(ctx, c):
    """||prod e^{-A A^T ds} - prod e^{-P A A^T P^T ds}||, with its discretization error."""
    times = knot_times(ctx, c.gap, c.T)
    m = c.dims["m"]
    full = product_integral(ctx, c.A, times)
    cut = product_integral(ctx, [project(ctx, a, m) for a in c.A], times)
    return Estimate(spectral_norm(ctx, full.value - cut.value), full.error + cut.error)


def rhs(ctx, c, constant=1):
    """constant (printed: 1) times int_0^T ||A_t A_t^T - P A_t A_t^T P^T|| dt, with its quadrature error."""
    m = c.dims["m"]
    # X X^T - P X X^T P^T is quadratic in X: its norm's integral has a second-order lower bound in Arb
    return norm_path_integral(ctx, c.A, knot_times(ctx, c.gap, c.T),
                              lambda X: gram(ctx, X) - gram(ctx, project(ctx, X, m))).scaled(constant)


PLACE = "Appendix A.6, proof of Lemma A.9"
PROOF = (
    Step("(b)", "(b) ||e^{-A_s A_s^T}|| <= 1 and ||e^{-P_n A_s A_s^T P_n^T}|| <= 1 because A_s A_s^T and "
         "P_n A_s A_s^T P_n^T are p.s.d.", f"{PLACE}, step (b)", symbolic=claim_1_as_used.symbolic, uses=("claim-1",)),
    Step("(13)", "(a) Duhamel's formula and (b): ||prod_0^T e^{-A_s A_s^T ds} - prod_0^T e^{-P_n A_s A_s^T P_n^T ds}|| "
         "<= int_0^T ||A_tau A_tau^T - P_n A_tau A_tau^T P_n^T|| dtau", f"{PLACE}, display (13)", kind="upper",
         lhs=lhs, rhs=rhs, uses=("claim-1",)),
)

STATEMENT = Statement(
    id="lemma-a.9",
    ref="Lemma A.9, Appendix A.6 (inequality (13) of its proof)",
    statement="Theorem A.8 holds for every separable F if it holds for finite-dimensional F; checked through (13): "
              "||prod e^{-A A^T ds} - prod e^{-P_n A A^T P_n^T ds}|| <= int_0^T ||A A^T - P_n A A^T P_n^T|| dt.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    orthogonal_invariance=False,
    # The statement names Theorem A.8, but its proof (a truncation argument) does not rely on it;
    # it is Theorem A.8's proof that uses this lemma.
    uses=(),
    proof=PROOF,
)
