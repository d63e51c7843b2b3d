"""The Gershgorin bound on lambda_min(H^infinity) (Section 5, "Our Results and Observations").

Statement as printed: "We can use the Gershgorin circle theorem and get
|lambda_min(H^infinity) - 1/2| <= (n-1) rho(pi - arccos(rho))/(2 pi)."
Hypotheses: unit inputs ||x_i|| = 1, any n >= 1 (for n = 1 both sides are 0), any d >= 1;
rho = max_{i != j} |x_i^T x_j| (0 for one point).
How it is checked: numerically over X in R^{n x d} with rows normalised; lambda_min = s - ||s I - H|| with
s = ||H|| (H symmetric), in every context. Not symbolically: the argument is Gershgorin's theorem with
discs centred at H_ii = 1/2 of radius sum_{j != i} |H_ij| <= (n-1) f(rho), which needs |f(u)| <= f(rho)
(f(-t) = -t arccos(t)/(2 pi), |f(-t)| <= f(t) for t >= 0). Attained at n = 2 with u = rho >= 0.
Kind: upper bound.
Place in the paper: Section 5, first slide; the slides' conclusion "the bound is good when x_i are almost
orthogonal" rests on it.
"""
from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck_packs.ntk_slides_sharif.models.gram import arc_kernel, eigen_range, gram_infinity, largest_correlation

SPACE = Space(dims={"n": (1, 6), "d": (1, 6)}, matrices=(Matrix("X", "n", "d"),))


def lhs(ctx, c):
    """|lambda_min(H^infinity) - 1/2|."""
    _, low = eigen_range(ctx, gram_infinity(ctx, c.X))
    return ctx.scalar_result(ctx.absolute(low - ctx.mpf(0.5)))


def rhs(ctx, c, constant=1):
    """constant * (n - 1) f(rho); printed without a constant (1)."""
    n = ctx.rows(c.X)
    return ctx.scalar_result(constant * (n - 1) * arc_kernel(ctx, largest_correlation(ctx, c.X)))


STATEMENT = Statement(
    id="gershgorin-bound",
    ref="Section 5, Our Results and Observations: the Gershgorin bound",
    statement="For ||x_i|| = 1: |lambda_min(H^infinity) - 1/2| <= (n - 1) rho (pi - arccos rho)/(2 pi).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    uses=("diagonal-value", "off-diagonal-bound"),
    constant_printed="1 (the radius (n - 1) f(rho))",
)
