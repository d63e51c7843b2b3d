"""The off-diagonal bound's second inequality (Section 5, "Our Results and Observations").

Statement as printed: "H_{i,j != i}^infinity <= rho(pi - arccos(rho))/(2 pi) <= 1/2", rho = max_{i,j != i} |x_i^T x_j|.
Hypotheses: unit inputs, n >= 2, any d >= 1; then rho lies in [0, 1].
How it is checked: the second inequality, f(rho) <= 1/2, numerically over X with rows normalised;
symbolically, f' >= 0 on [0, 1) and f(1) = 1/2. Equality at rho = 1 (two points equal
or opposite).
Kind: upper bound.
Place in the paper: Section 5, first slide.
"""
import sympy as sp

from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck.core.symbolic import check_le
from proofcheck_packs.ntk_slides_sharif.models.gram import arc_kernel, kernel_steps, largest_correlation

SPACE = Space(dims={"n": (2, 6), "d": (1, 6)}, matrices=(Matrix("X", "n", "d"),))


def lhs(ctx, c):
    """f(rho) = rho (pi - arccos rho)/(2 pi)."""
    return ctx.scalar_result(arc_kernel(ctx, largest_correlation(ctx, c.X)))


def rhs(ctx, c, constant=0.5):
    """The printed 1/2."""
    return ctx.scalar_result(constant + 0 * largest_correlation(ctx, c.X))


def symbolic(rng, constant=sp.Rational(1, 2)):
    """f increasing on [0, 1] (``kernel_steps``), so f(rho) <= f(1) = 1/2."""
    one = sp.Integer(1)
    top = one * (sp.pi - sp.acos(one)) / (2 * sp.pi)
    return kernel_steps(rng)[1:] + [check_le(f"f(1) = 1 (pi - arccos 1)/(2 pi) <= {constant}", "statement", top,
                                             constant, {}, rng, value=str(top))]


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
