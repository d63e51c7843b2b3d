"""The off-diagonal bound of H^infinity (Section 5, "Our Results and Observations").

Statement as printed: "Now denote rho = max_{i,j != i} |x_i^T x_j|. since f(x) = x(pi - arccos(x))/(2 pi),
is as below, we get: H_{i,j != i}^infinity <= rho(pi - arccos(rho))/(2 pi) <= 1/2."
Hypotheses: unit inputs ||x_i|| = 1, n >= 2 points (rho needs a pair), any d >= 1.
How it is checked: this module is the first inequality, max_{i != j} H_ij <= f(rho) (the second, f(rho) <=
1/2, is ``off-diagonal-half``); numerically over X in R^{n x d} with rows normalised. Symbolically, the
argument the plot stands for: H_ij = f(u) with u = x_i^T x_j in [-rho, rho]; f(t) - f(-t) = t/2 >= 0 and
f' >= 0 on [0, 1], so f(u) <= f(|u|) <= f(rho). The bound is attained (u = rho >= 0), so cases reach 1.
Kind: upper bound.
Place in the paper: Section 5, first slide; gives the Gershgorin radius (``gershgorin-bound``).
"""
from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck.core.symbolic import check_le
from proofcheck_packs.ntk_slides_sharif.models.gram import (arc_kernel, gram_infinity, kernel_steps, largest_correlation,
                                                            off_diagonal)

SPACE = Space(dims={"n": (2, 6), "d": (1, 6)}, matrices=(Matrix("X", "n", "d"),))


def lhs(ctx, c):
    """max_{i != j} H^inf_ij."""
    return ctx.scalar_result(ctx.max_along(off_diagonal(gram_infinity(ctx, c.X)), -1))


def rhs(ctx, c, constant=1):
    """constant * f(rho), f(x) = x (pi - arccos x)/(2 pi); printed without a constant (1)."""
    return ctx.scalar_result(constant * arc_kernel(ctx, largest_correlation(ctx, c.X)))


def symbolic(rng, constant=1):
    """f(u) <= f(|u|) <= f(rho) (``kernel_steps``), and the printed bound is f(rho) itself."""
    return kernel_steps(rng) + [check_le(f"f(rho) <= {constant} * f(rho): the constant", "statement", 1, constant, {}, rng)]


STATEMENT = Statement(
    id="off-diagonal-bound",
    ref="Section 5, Our Results and Observations: the off-diagonal bound",
    statement="For ||x_i|| = 1 and rho = max_{i != j} |x_i^T x_j|: H_ij^infinity <= rho (pi - arccos rho)/(2 pi) for i != j.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    uses=("eq-2",),
    constant_printed="1 (the bound f(rho))",
    notes="Attained at the pair of largest positive correlation.",
)
