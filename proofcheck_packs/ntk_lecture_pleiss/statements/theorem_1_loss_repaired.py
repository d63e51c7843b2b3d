"""The squared error loss of Theorem 1, repaired.

Statement as printed: L(theta) = 1/(2n) sum (f(x_i; theta) - y_i)^2 = 1/2 ||f_theta - y||_2^2; repaired:
1/(2n) sum (f(x_i; theta) - y_i)^2 = 1/(2n) ||f_theta - y||_2^2 (the second form keeps the mean's 1/n).
Hypotheses: as the printed statement.
How it is checked: as the printed statement, the residual of the repaired identity against its size.
Kind: identity.
Place in the paper: Theorem 1. Section 1 drops the 1/n ("Plugging in L = 1/2 ||f - y||^2"), a constant
factor that rescales the learning rate and does not change the orders of (2) and (3).
"""
import dataclasses

from proofcheck.core.statement import Change, repaired
from proofcheck.numerics import batch
from proofcheck_packs.ntk_lecture_pleiss.models import network
from proofcheck_packs.ntk_lecture_pleiss.statements import theorem_1_loss as printed


def norm_form(ctx, c):
    r = network.residual(ctx, c)
    return (r * r).sum(axis=-1) / (2 * r.shape[-1])


def lhs(ctx, c):
    return batch.result(ctx, batch.absolute(ctx, printed.mean_form(ctx, c) - norm_form(ctx, c)))


def rhs(ctx, c):
    return batch.result(ctx, norm_form(ctx, c))


STATEMENT = dataclasses.replace(
    repaired(printed.STATEMENT, rhs, "1/(2n) sum (f(x_i; theta) - y_i)^2 = 1/(2n) ||f_theta - y||_2^2.",
             "The mean's 1/n kept in the norm form.", constant_printed="1/(2n)", changes=(Change.CONSTANT,)),
    lhs=lhs)
