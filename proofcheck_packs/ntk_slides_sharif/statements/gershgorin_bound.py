"""The Gershgorin bound on lambda_min(H^infinity) (Section 5, "Our Results and Observations").

Statement as printed: "We can use the Gershgorin circle theorem and get
|lambda_min(H^infinity) - 1/2| <= (n-1) rho(pi - arccos(rho))/(2 pi)."
Hypotheses: unit inputs ||x_i|| = 1, any n >= 1 (for n = 1 both sides are 0), any d >= 1;
rho = max_{i != j} |x_i^T x_j| (0 for one point).
How it is checked: numerically over X in R^{n x d} with rows normalised; lambda_min = s - ||s I - H|| with
s = ||H|| (H symmetric), in every context. The argument is Gershgorin's theorem (not checked: a theorem cited)
with discs centred at H_ii = 1/2 of radius sum_{j != i} |H_ij| <= (n-1) f(rho), which needs |f(u)| <= f(rho):
sympy proves its steps (f(-t) <= 0 <= f(t) and f(t) + f(-t) >= 0 on [0, 1], with f increasing), as proof
steps, not the statement. Attained with equality at n = 2 with u = rho >= 0, where no precision separates
the sides: such cases leave the verdict inconclusive.
Kind: upper bound.
Place in the paper: Section 5, first slide; the slides' conclusion "the bound is good when x_i are almost
orthogonal" rests on it.
"""
import dataclasses

import sympy as sp

from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck.core.symbolic import check_le
from proofcheck_packs.ntk_slides_sharif.models.gram import (arc_kernel, eigen_range, gram_infinity, kernel_steps,
                                                            largest_correlation)

SPACE = Space(dims={"n": (1, 6), "d": (1, 6)}, matrices=(Matrix("X", "n", "d"),))


def lhs(ctx, c):
    """|lambda_min(H^infinity) - 1/2|."""
    _, low = eigen_range(ctx, gram_infinity(ctx, c.X))
    return ctx.scalar_result(ctx.absolute(low - ctx.mpf(0.5)))


def rhs(ctx, c, constant=1):
    """constant * (n - 1) f(rho); printed without a constant (1)."""
    n = ctx.rows(c.X)
    return ctx.scalar_result(constant * (n - 1) * arc_kernel(ctx, largest_correlation(ctx, c.X)))


def symbolic(rng, constant=1):
    """|f(u)| <= f(|u|) <= f(rho), the radius' step (proof steps: Gershgorin's theorem itself is cited)."""
    a, b = sp.symbols("a b", nonnegative=True)
    even = check_le("f(t) + f(-t) = t (pi - 2 arccos t)/(2 pi) >= 0 on [0, 1]: |f(-t)| <= f(t)", "proof step", 0,
                    a * b / (2 * sp.pi), {a: (0, 1), b: (0, sp.pi)}, rng,
                    detail="With a = t >= 0 and b = pi - 2 arccos t >= 0 for t in [0, 1].")
    radius = check_le(f"the radius (n - 1) max |H_ij| <= {constant} (n - 1) f(rho)", "proof step", 1, constant, {}, rng)
    return [dataclasses.replace(step, covers="proof step") for step in kernel_steps(rng)] + [even, radius]


STATEMENT = Statement(
    id="gershgorin-bound",
    ref="Section 5, Our Results and Observations: the Gershgorin bound",
    statement="For ||x_i|| = 1: |lambda_min(H^infinity) - 1/2| <= (n - 1) rho (pi - arccos rho)/(2 pi).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    uses=("diagonal-value", "off-diagonal-bound"),
    constant_printed="1 (the radius (n - 1) f(rho))",
)
