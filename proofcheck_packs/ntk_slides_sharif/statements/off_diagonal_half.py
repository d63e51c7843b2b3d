"""The off-diagonal bound's second inequality (Section 5, "Our Results and Observations").

Statement as printed: "H_{i,j != i}^infinity <= rho(pi - arccos(rho))/(2 pi) <= 1/2", rho = max_{i,j != i} |x_i^T x_j|.
Hypotheses: unit inputs, n >= 2, any d >= 1; then rho lies in [0, 1].
How it is checked: the second inequality, f(rho) <= 1/2, numerically over X with rows normalised;
symbolically, f(rho) <= f(1) = 1/2 on [0, 1] (sympy's maximum). Equality at rho = 1 (two points equal
or opposite).
Kind: upper bound.
Place in the paper: Section 5, first slide.
"""
import sympy as sp

from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck.core.symbolic import check_le, check_le_on_interval
from proofcheck_packs.ntk_slides_sharif.models.gram import arc_kernel, largest_correlation

SPACE = Space(dims={"n": (2, 6), "d": (1, 6)}, matrices=(Matrix("X", "n", "d"),))


def lhs(ctx, c):
    """f(rho) = rho (pi - arccos rho)/(2 pi)."""
    return ctx.scalar_result(arc_kernel(ctx, largest_correlation(ctx, c.X)))


def rhs(ctx, c, constant=0.5):
    """The printed 1/2."""
    return ctx.scalar_result(constant + 0 * largest_correlation(ctx, c.X))


def symbolic(rng, constant=sp.Rational(1, 2)):
    rho = sp.Symbol("rho", nonnegative=True)
    f = rho * (sp.pi - sp.acos(rho)) / (2 * sp.pi)
    step = check_le(f"f(rho) <= {constant} for rho in [0, 1]", "statement", f, constant, {rho: (0, 1)}, rng)
    return [check_le_on_interval(step, f - constant, rho, 0, 1)]


STATEMENT = Statement(
    id="off-diagonal-half",
    ref="Section 5, Our Results and Observations: the off-diagonal bound, second inequality",
    statement="For ||x_i|| = 1 and rho = max_{i != j} |x_i^T x_j|: rho (pi - arccos rho)/(2 pi) <= 1/2.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    uses=(),
    constant_printed="1/2",
)
