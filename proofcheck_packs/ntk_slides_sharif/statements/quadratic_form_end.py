"""The quadratic form on y, the chain's end (Section 3, "Closer Look & Motivation").

Statement as printed: "y^T H^infinity y <= ||(H^infinity)^{-1}|| ||y||_2 = lambda_min(H^infinity) ||y||_2".
Hypotheses: as ``quadratic-form``: H^infinity of unit inputs, y in R^n, no bound on y on this slide.
How it is checked: the chain's conclusion y^T H y <= lambda_min(H) ||y||_2 (what the slide goes on to use:
"we focus on bounding lambda_min(H^infinity) and ||y||_2"), over X (rows normalised) and y. The middle
equality ||H^{-1}|| = lambda_min(H) is false unless lambda_min = 1 (||H^{-1}|| = 1/lambda_min); it is not
a statement of its own here, its failure shows in this one.
Kind: upper bound.
Place in the paper: Section 3, the slide that reads the generalization bound (9).
"""
from proofcheck.core.statement import Statement
from proofcheck.numerics.linalg import spectral_norm
from proofcheck_packs.ntk_slides_sharif.models.gram import eigen_range
from proofcheck_packs.ntk_slides_sharif.statements.quadratic_form import SPACE, lhs, quadratic


def rhs(ctx, c, constant=1):
    """constant * lambda_min(H^infinity) ||y||_2."""
    _, H = quadratic(ctx, c)
    _, low = eigen_range(ctx, H)
    return constant * ctx.scalar_result(low) * spectral_norm(ctx, c.y)


STATEMENT = Statement(
    id="quadratic-form-end",
    ref="Section 3, Closer Look & Motivation: the quadratic form on y, the chain's end",
    statement="y^T H^infinity y <= lambda_min(H^infinity) ||y||_2.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    uses=("quadratic-form",),
    constant_printed="1",
)
