"""The order of kappa in (3) (Section 1, third bullet on the 1/sqrt(d) network; the summary repeats it).

Statement as printed: "Putting these two facts together, we have that kappa in Eq. (3) is O(1/sqrt(d))", with
(3): kappa := ||grad^2_theta f(.; theta^(0))|| / ||grad_theta f(.; theta^(0))||^2 * ||f_theta - y||; the
summary: "we have that kappa ≍ O(1/sqrt(d))".
Hypotheses: the 1/sqrt(d) network at initialization (theta^(0) i.i.d. N(0, 1)), sigma = tanh; both operator norms
over the data points (n = 3 unit inputs, p = 2, targets cos(3 angle)); f_theta = f_{theta^(0)}.
How it is checked: as an order in d: the exponent of kappa, median over 401 nested seeded draws at
d = 16, 64, .., 16384, must be at most -1/2. The summary's "≍ O(.)" is read as the same upper order (an O inside ≍
claims no lower bound).
Kind: order (upper, O(d^-1/2)).
Place in the paper: Section 1, (3) and the bullets after it; the summary ("Zooming out") and the conclusion
that the network stays nearly linear under gradient descent rest on it.
"""
from proofcheck.core.orders import power_rhs
from proofcheck.core.statement import Statement
from proofcheck.numerics import batch
from proofcheck_packs.ntk_lecture_pleiss.models import network
from proofcheck_packs.ntk_lecture_pleiss.models.orders import SPACE, width_order

ORDER = width_order(-0.5, "kappa in Eq. (3) is O(1/sqrt(d))")


def lhs(ctx, c):
    """||grad^2 f(.)|| / ||grad f(.)||^2 * ||f_theta - y||."""
    hess = batch.maximum(ctx, batch.maximum(ctx, network.hessian_block_norms(ctx, c), -1), -1)
    jac2 = batch.maximum(ctx, network.jacobian_norms_squared(ctx, c), -1)
    return batch.result(ctx, hess / jac2 * batch.norm(ctx, network.residual(ctx, c)))


STATEMENT = Statement(
    id="remark-kappa",
    ref="Section 1, (3): the order of kappa",
    statement="kappa in Eq. (3) is O(1/sqrt(d)) as the width d grows.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=power_rhs("d", ORDER.exponent),
    order=ORDER,
    uses=("remark-jacobian-order", "remark-hessian-norm"),
)
