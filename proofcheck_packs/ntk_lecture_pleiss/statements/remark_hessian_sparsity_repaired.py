"""The sparsity of the Hessian, repaired.

Statement as printed: each row/column of the Hessian has at most 2 non-zero terms; repaired: at most p + 1
(p the input dimension): the row of w_{i,j} holds the p entries of the block beta_i sigma''(w_i.x) x x^T and
the entry sigma'(w_i.x) x_j of beta_i, the row of beta_i the p entries sigma'(w_i.x) x. At p = 1 it is 2.
Hypotheses: as the printed statement.
How it is checked: as the printed statement, against p + 1.
Kind: upper bound.
Place in the paper: Section 1; the norm bound it serves (``remark-hessian-norm``) needs only that the Hessian
is block diagonal with d blocks of size p + 1 (p fixed as d grows).
"""
from proofcheck.core.statement import Change, repaired
from proofcheck.numerics import batch
from proofcheck_packs.ntk_lecture_pleiss.statements import remark_hessian_sparsity as printed


def rhs(ctx, c, constant=1):
    """constant (p + 1)."""
    X = batch.matrix(ctx, c.X)
    return batch.result(ctx, 0 * X[:, 0, 0] + constant * (X.shape[-1] + 1))


STATEMENT = repaired(printed.STATEMENT, rhs, "Each row/column of the Hessian has at most p + 1 non-zero terms "
                     "(p the input dimension; 2 when p = 1).", "The w_i, w_i block is p x p and dense.",
                     constant_printed="p + 1", changes=(Change.CONSTANT,))
