"""The chain's end, repaired: y^T H^infinity y <= lambda_max(H^infinity) ||y||_2^2 (see ``quadratic-form-end``)."""
from proofcheck.core.statement import repaired
from proofcheck_packs.ntk_slides_sharif.statements.quadratic_form_end import STATEMENT as PRINTED
from proofcheck_packs.ntk_slides_sharif.statements.quadratic_form_repaired import rhs

STATEMENT = repaired(
    PRINTED, rhs, statement="y^T H^infinity y <= lambda_max(H^infinity) ||y||_2^2.",
    notes="lambda_min bounds the quadratic form from below (y^T H y >= lambda_min ||y||^2), lambda_max from above.",
    constant_printed="1")
