"""The Jacobian's order in the width (Section 1, first bullet on the 1/sqrt(d) network).

Statement as printed: "Each term in the Jacobian grad_theta f(x; theta_0) inherits a factor of 1/sqrt(d), and
there are O(d) elements in the term. Thus, ||grad_theta f(.; theta^(0))||_2^2 ≈ O(1)."
Hypotheses: f(x; theta) = (1/sqrt d) sum_i beta_i sigma(w_i^T x), theta^(0) with entries i.i.d. N(0, 1)
(Theorem 1), sigma = tanh; the operator norm sup_x read over the data points (n = 3 unit inputs, p = 2).
How it is checked: as an order in d (``proofcheck.core.orders``): the exponent of
max_k ||grad_theta f(x_k; theta^(0))||_2^2, the median over 401 nested seeded draws at d = 16, 64, .., 16384, must be
at most 0 ("≈ O(1)" read as an upper order O(d^0)).
Kind: order (upper, O(d^0)).
Place in the paper: Section 1; with ``remark-hessian-norm`` it gives the order of kappa (``remark-kappa``).
"""
from proofcheck.core.orders import power_rhs
from proofcheck.core.statement import Statement
from proofcheck.numerics import batch
from proofcheck_packs.ntk_lecture_pleiss.models import network
from proofcheck_packs.ntk_lecture_pleiss.models.orders import SPACE, width_order

ORDER = width_order(0.0, "||grad_theta f(.; theta^(0))||_2^2 ≈ O(1)")


def lhs(ctx, c):
    """max_k ||grad_theta f(x_k; theta)||_2^2."""
    return batch.result(ctx, batch.maximum(ctx, network.jacobian_norms_squared(ctx, c), -1))


STATEMENT = Statement(
    id="remark-jacobian-order",
    ref="Section 1, the Jacobian of the 1/sqrt(d) network: its order",
    statement="||grad_theta f(.; theta^(0))||_2^2 ≈ O(1) as the width d grows.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=power_rhs("d", ORDER.exponent),
    order=ORDER,
)
