"""The Jacobian over n data points (Section 1, after the gradient of the loss).

Statement as printed: "Since each column in grad_theta f_theta has norm at most ||grad_theta f(.; theta)|| we
have that ||grad_theta f_theta|| <= sqrt(n) ||grad_theta f(.; theta)||", with the Jacobian operator norm
||grad_theta f(.; theta)|| := sup_x ||grad_theta f(x; theta)||.
Hypotheses: the 1/sqrt(d) two-layer network at any parameters, any n data points.
How it is checked: numerically, ||J|| (spectral norm of the n x (d p + d) Jacobian) against sqrt(n) times the
largest ||grad f(x_k)|| over the data points. That maximum is at most the sup over all x, so the statement
checked is the stronger one; it implies the printed one.
Kind: upper bound.
Place in the paper: Section 1, used to reach (3). "Each column" is read as each data point's gradient (a row
of the printed n x d matrix, a column of its transpose).
"""
from proofcheck.core.statement import Statement
from proofcheck.numerics import batch
from proofcheck_packs.ntk_lecture_pleiss.models import network

SPACE = network.space()


def lhs(ctx, c):
    """||grad_theta f_theta||, the spectral norm of the stacked gradients."""
    J = network.jacobian(ctx, c)
    return batch.result(ctx, batch.apply(ctx, "sqrt", batch.operator_norm(ctx, batch.gram(J))))


def rhs(ctx, c, constant=1):
    """constant sqrt(n) max_k ||grad_theta f(x_k; theta)||."""
    sq = network.jacobian_norms_squared(ctx, c)
    top = batch.apply(ctx, "sqrt", batch.maximum(ctx, sq, -1))
    return batch.result(ctx, constant * ctx.sqrt(ctx.mpf(sq.shape[-1])) * top)


STATEMENT = Statement(
    id="display-jacobian-norm",
    ref="Section 1, the Jacobian over n data points",
    statement="||grad_theta f_theta|| <= sqrt(n) ||grad_theta f(.; theta)||.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    constant_printed="sqrt(n)",
)
