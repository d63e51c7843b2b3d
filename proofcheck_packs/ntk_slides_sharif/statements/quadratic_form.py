"""The quadratic form on y (Section 3, "Closer Look & Motivation").

Statement as printed: "We can see that the bound depends on: Distribution (x, y) ~ D such that,
y^T H^infinity y <= ||(H^infinity)^{-1}|| ||y||_2 = lambda_min(H^infinity) ||y||_2".
Hypotheses: H^infinity of unit inputs x_1..x_n (any n, d >= 1), y in R^n; no bound on y is printed on this
slide (|y| <= 1 is assumed two sections later, in Section 5). ||.|| of a matrix is the spectral norm, and
||H^{-1}|| = +inf where H is singular (the bound is then vacuous).
How it is checked: this module is the first relation of the chain, y^T H y <= ||H^{-1}|| ||y||_2, over X
(rows normalised) and y; the chain's end is ``quadratic-form-end``. Reading: the slide motivates the
term y^T (H^infinity)^{-1} y of (9), yet prints y^T H^infinity y; transcribed as printed.
Kind: upper bound.
Place in the paper: Section 3, the slide that reads the generalization bound (9).
"""
from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck.numerics.linalg import reciprocal, spectral_norm
from proofcheck_packs.ntk_slides_sharif.models.gram import eigen_range, gram_infinity

SPACE = Space(dims={"n": (1, 6), "d": (1, 6), "one": (1, 1)},
              matrices=(Matrix("X", "n", "d"), Matrix("y", "n", "one")))


def quadratic(ctx, c):
    """y^T H^infinity y, a batch."""
    H = gram_infinity(ctx, c.X)
    Y = ctx.as_batch(c.y)
    return ((Y.swapaxes(-1, -2) @ H @ Y)[..., 0, 0]), H


def lhs(ctx, c):
    """y^T H^infinity y."""
    q, _ = quadratic(ctx, c)
    return ctx.scalar_result(q)


def rhs(ctx, c, constant=1):
    """constant * ||(H^infinity)^{-1}|| ||y||_2 = constant ||y||_2 / lambda_min(H^infinity)."""
    _, H = quadratic(ctx, c)
    _, low = eigen_range(ctx, H)
    return constant * reciprocal(ctx, ctx.scalar_result(low)) * spectral_norm(ctx, c.y)


STATEMENT = Statement(
    id="quadratic-form",
    ref="Section 3, Closer Look & Motivation: the quadratic form on y",
    statement="y^T H^infinity y <= ||(H^infinity)^{-1}|| ||y||_2.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    uses=(),
    constant_printed="1",
    notes="Quadratic in y on the left, linear on the right: fails for large y whatever H.",
)
