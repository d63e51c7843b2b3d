"""The quadratic form on y, repaired.

Statement as repaired: y^T H^infinity y <= lambda_max(H^infinity) ||y||_2^2.
What changed and why: the printed left side kept, the right side made quadratic in y (Rayleigh: the quadratic
form is at most the top eigenvalue times ||y||^2; the printed right side is linear in y, and names the inverse).
The term (9) needs is the inverse's: y^T (H^infinity)^{-1} y <= ||(H^infinity)^{-1}|| ||y||_2^2 =
||y||_2^2 / lambda_min(H^infinity). Tight at the top eigenvector, so its search meets the equality.
Hypotheses: as quadratic-form.
How it is checked: as quadratic-form, with the corrected right side.
Kind: upper bound.
Place in the paper: the corrected form of quadratic-form; nothing in the slides states it.
"""
from proofcheck.core.statement import Change, repaired
from proofcheck.numerics.linalg import spectral_norm
from proofcheck_packs.ntk_slides_sharif.models.gram import eigen_range
from proofcheck_packs.ntk_slides_sharif.statements.quadratic_form import STATEMENT as PRINTED, quadratic


def rhs(ctx, c, constant=1):
    """constant * lambda_max(H^infinity) ||y||_2^2."""
    _, H = quadratic(ctx, c)
    top, _ = eigen_range(ctx, H)
    y = spectral_norm(ctx, c.y)
    return constant * ctx.scalar_result(top) * y * y


STATEMENT = repaired(
    PRINTED, rhs, statement="y^T H^infinity y <= lambda_max(H^infinity) ||y||_2^2.",
    notes="For (9)'s term: y^T (H^infinity)^{-1} y <= ||y||_2^2 / lambda_min(H^infinity), which with |y_i| <= 1 "
          "gives sqrt(2 y^T H^-1 y / n) <= sqrt(2 / lambda_min): not a bound that goes to 0 as n grows (a referee's "
          "remark: (9) needs more than this line and a bound on lambda_min).",
    constant_printed="1", changes=(Change.BOUND,))
