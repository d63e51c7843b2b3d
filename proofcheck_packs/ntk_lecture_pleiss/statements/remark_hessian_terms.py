"""The Hessian's terms (Section 1, second bullet on the 1/sqrt(d) network).

Statement as printed: "The Hessian grad^2_theta f(.; theta^(0)) also inherits the factor of 1/sqrt(d). [...]
If sigma'' is bounded, then all non-zero terms in the Hessian are O(1/sqrt(d)), where the 1/sqrt(d) factor
simply comes from the scaling."
Hypotheses: the 1/sqrt(d) network at initialization (theta^(0) i.i.d. N(0, 1)), sigma = tanh; n = 3 unit
inputs, p = 2.
How it is checked: as an order in d: the exponent of the largest |entry| of unit 1's Hessian terms
(|beta_1 sigma''(w_1.x_k) x_j x_l| and |sigma'(w_1.x_k) x_j|, over the data points), median over 401 nested draws
at d = 16, 64, .., 16384, must be at most -1/2. "All non-zero terms are O(1/sqrt d)" is read term by term: each term,
a fixed unit's, as d grows (the factor "comes from the scaling"); the largest term over all d units is a
different quantity (it carries max_i |beta_i|, which grows like sqrt(log d)) and is what ``remark-hessian-norm``
measures.
Kind: order (upper, O(d^-1/2)).
Place in the paper: Section 1; with ``remark-hessian-sparsity`` it gives ``remark-hessian-norm``.
"""
from proofcheck.core.orders import power_rhs
from proofcheck.core.statement import Statement
from proofcheck.numerics import batch
from proofcheck_packs.ntk_lecture_pleiss.models import network
from proofcheck_packs.ntk_lecture_pleiss.models.orders import SPACE, width_order

ORDER = width_order(-0.5, "all non-zero terms in the Hessian are O(1/sqrt(d))")


def lhs(ctx, c):
    """max over data points k and coordinates j, l of unit 1's Hessian terms."""
    H = network.hessian_terms_of_first_unit(ctx, c)
    return batch.result(ctx, batch.maximum(ctx, batch.absolute(ctx, H.reshape(H.shape[0], -1)), -1))


STATEMENT = Statement(
    id="remark-hessian-terms",
    ref="Section 1, the Hessian of the 1/sqrt(d) network: its terms",
    statement="If sigma'' is bounded, all non-zero terms in the Hessian are O(1/sqrt(d)).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=power_rhs("d", ORDER.exponent),
    order=ORDER,
)
