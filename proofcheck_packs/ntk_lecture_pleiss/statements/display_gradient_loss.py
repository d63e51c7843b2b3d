"""The gradient of the square loss (Section 1, after (2)).

Statement as printed: ||grad_theta L(theta)|| = ||grad_theta f_theta^T (f_theta - y)|| <= ||grad_theta f_theta^T||
||f_theta - y||, with grad_theta f_theta = [grad_theta f(x_1; theta) ... grad_theta f(x_n; theta)] (printed
"in R^{n x d}").
Hypotheses: L(theta) = 1/2 ||f_theta - y||^2 ("Plugging in"), so grad L = grad f_theta^T (f_theta - y); the
1/sqrt(d) two-layer network of the lecture at any parameters, any data.
How it is checked: numerically, ||J^T r|| against ||J|| ||r|| for J the n x (d p + d) Jacobian (one row per
data point, the model's derivatives) and r = f_theta - y.
Kind: upper bound.
Place in the paper: Section 1, the step from (2) to (3). The printed shape "n x d" is read as n rows, one per
data point, by the number of parameters (here d p + d; the lecture's d counts parameters there).
"""
from proofcheck.core.statement import Statement
from proofcheck.numerics import batch
from proofcheck_packs.ntk_lecture_pleiss.models import network

SPACE = network.space()


def lhs(ctx, c):
    """||grad f_theta^T (f_theta - y)||."""
    g = (network.jacobian(ctx, c) * network.residual(ctx, c)[..., None]).sum(axis=-2)
    return batch.result(ctx, batch.norm(ctx, g))


def rhs(ctx, c, constant=1):
    """constant ||grad f_theta^T|| ||f_theta - y||."""
    J = network.jacobian(ctx, c)
    jn = batch.apply(ctx, "sqrt", batch.operator_norm(ctx, batch.gram(J)))
    return batch.result(ctx, constant * jn * batch.norm(ctx, network.residual(ctx, c)))


STATEMENT = Statement(
    id="display-gradient-loss",
    ref="Section 1, the gradient of the square loss",
    statement="||grad L(theta)|| = ||grad f_theta^T (f_theta - y)|| <= ||grad f_theta^T|| ||f_theta - y||.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    constant_printed="1",
)
