"""The Hessian's operator norm (Section 1, second bullet on the 1/sqrt(d) network).

Statement as printed: "Each row/column of the Hessian has at most 2 non-zero terms, so
||grad^2_theta f(.; theta^(0))|| ≈ O(1/d)", with the Hessian operator norm ||grad^2 f(.; theta^(0))|| :=
sup_x ||grad^2_theta f(x; theta^(0))|| (printed with a single grad in its definition: read as grad^2).
Hypotheses: the 1/sqrt(d) network at initialization (theta^(0) i.i.d. N(0, 1)), sigma = tanh; the sup over x
read over the data points (n = 3 unit inputs, p = 2).
How it is checked: as an order in d: the exponent of max_k ||grad^2_theta f(x_k; theta^(0))|| (the spectral
norm, as the largest norm of the Hessian's d diagonal blocks, in closed form, ``models/network.py``), median
over 401 nested seeded draws at d = 16, 64, .., 16384, must be at most -1 ("≈ O(1/d)" read as an upper order).
Kind: order (upper, O(d^-1)).
Place in the paper: Section 1; it is the Hessian factor of kappa in (3) (``remark-kappa``), where the lecture
concludes O(1/sqrt d), not O(1/d).
"""
from proofcheck.core.orders import power_rhs
from proofcheck.core.statement import Statement
from proofcheck.numerics import batch
from proofcheck_packs.ntk_lecture_pleiss.models import network
from proofcheck_packs.ntk_lecture_pleiss.models.orders import SPACE, width_order

ORDER = width_order(-1.0, "||grad^2_theta f(.; theta^(0))|| ≈ O(1/d)")


def lhs(ctx, c):
    """max_k ||grad^2_theta f(x_k; theta)|| = max_k max_i ||B_i(x_k)||."""
    blocks = network.hessian_block_norms(ctx, c)
    return batch.result(ctx, batch.maximum(ctx, batch.maximum(ctx, blocks, -1), -1))


STATEMENT = Statement(
    id="remark-hessian-norm",
    ref="Section 1, the Hessian of the 1/sqrt(d) network: its operator norm",
    statement="||grad^2_theta f(.; theta^(0))|| ≈ O(1/d) as the width d grows.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=power_rhs("d", ORDER.exponent),
    order=ORDER,
    uses=("remark-hessian-terms", "remark-hessian-sparsity"),
)
