"""The quadratic form on y, the chain's end, repaired.

Statement as repaired: y^T H^infinity y <= lambda_max(H^infinity) ||y||_2^2.
What changed and why: lambda_min bounds the quadratic form from below (y^T H y >= lambda_min ||y||^2), lambda_max
from above, and the bound is quadratic in y; the same repair as ``quadratic-form``'s.
Hypotheses: as quadratic-form-end.
How it is checked: as quadratic-form-end, with the corrected right side.
Kind: upper bound.
Place in the paper: the corrected form of quadratic-form-end; nothing in the slides states it.
"""
from proofcheck.core.statement import Change, repaired
from proofcheck_packs.ntk_slides_sharif.statements.quadratic_form_end import STATEMENT as PRINTED
from proofcheck_packs.ntk_slides_sharif.statements.quadratic_form_repaired import rhs

STATEMENT = repaired(
    PRINTED, rhs, statement="y^T H^infinity y <= lambda_max(H^infinity) ||y||_2^2.",
    notes="lambda_min bounds the quadratic form from below (y^T H y >= lambda_min ||y||^2), lambda_max from above.",
    constant_printed="1", changes=(Change.BOUND,))
