"""The sparsity of the Hessian (Section 1, second bullet on the 1/sqrt(d) network).

Statement as printed: "By inspection, the only non-zero terms in the Hessian will be beta_i, w_i pairs and
w_i, w_i diagonal entries. [...] Each row/column of the Hessian has at most 2 non-zero terms".
Hypotheses: f(x; theta) = (1/sqrt d) sum_i beta_i sigma(w_i^T x), theta = [w_1 ... w_d beta_1 ... beta_d]^T,
w_i and x in R^p (any input dimension p >= 1), sigma = tanh (sigma'' bounded), any parameters and inputs.
How it is checked: numerically, the largest number of non-zero entries in a row of grad^2_theta f(x_k; theta)
(the full (d p + d) x (d p + d) matrix of the model, ``models/network.py``) over the data points, against 2.
An entry counts as non-zero when |entry| > 0 (in Arb: when it is proved positive, so a count never exceeds the
true one). The Hessian is symmetric: rows and columns have the same counts.
Kind: upper bound.
Place in the paper: Section 1, the step to "||grad^2 f|| ≈ O(1/d)" (``remark-hessian-norm``). "w_i, w_i
diagonal entries" is read as the p x p block d^2 f / dw_i dw_i = beta_i sigma''(w_i.x) x x^T / sqrt d, which
is dense for p >= 2 (it is a diagonal entry only when p = 1).
"""
import numpy as np

from proofcheck.core.statement import Statement
from proofcheck.numerics import batch
from proofcheck_packs.ntk_lecture_pleiss.models import network

SPACE = network.space(d=(1, 6), p=(1, 4), n=(1, 3))


def lhs(ctx, c):
    """max over data points and rows of the number of non-zero Hessian entries."""
    n = batch.matrix(ctx, c.X).shape[1]
    counts = []
    for k in range(n):
        H = network.hessian(ctx, c, k)
        counts.append(np.asarray(batch.absolute(ctx, H) > 0).sum(axis=-1).max(axis=-1))
    return batch.result(ctx, np.asarray(np.max(np.stack(counts, axis=-1), axis=-1), dtype=float))


def rhs(ctx, c, constant=2):
    """constant (the printed bound is 2)."""
    zero = 0 * batch.matrix(ctx, c.X)[:, 0, 0]
    return batch.result(ctx, zero + constant)


STATEMENT = Statement(
    id="remark-hessian-sparsity",
    ref="Section 1, the Hessian of the 1/sqrt(d) network: its sparsity",
    statement="Each row/column of the Hessian grad^2_theta f(x; theta) has at most 2 non-zero terms.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    constant_printed="2",
    notes="A row of w_{i,j} holds the p entries beta_i sigma'' x_j x_l and sigma' x_j: p + 1 in all.",
)
