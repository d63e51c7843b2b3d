"""The squared error loss of Theorem 1 (Theorem 1, third hypothesis).

Statement as printed: L(theta) = 1/(2n) sum_{i=1}^n (f(x_i; theta) - y_i)^2 = 1/2 ||f_theta - y||_2^2,
with f_theta = [f(x_1; theta), ..., f(x_n; theta)]^T.
Hypotheses: any data (x_i, y_i), i = 1..n, any network; the identity is in the residuals r_i = f(x_i) - y_i,
so it is checked over the 1/sqrt(d) two-layer network of the lecture at any parameters (every r in R^n is
reached).
How it is checked: numerically, the residual |1/(2n) sum r_i^2 - 1/2 ||r||^2| against the size 1/2 ||r||^2;
symbolically, the difference of the two sides as a polynomial in r.
Kind: identity.
Place in the paper: Theorem 1; Section 1 then uses L = 1/2 ||f_theta - y||^2 ("Plugging in") for the
gradient of the loss and (3).
"""
import sympy as sp

from proofcheck.core.statement import Statement
from proofcheck.core.symbolic import SymbolicStep
from proofcheck.numerics import batch
from proofcheck_packs.ntk_lecture_pleiss.models import network

SPACE = network.space()


def mean_form(ctx, c):
    """1/(2n) sum (f(x_i) - y_i)^2."""
    r = network.residual(ctx, c)
    return (r * r).sum(axis=-1) / (2 * r.shape[-1])


def norm_form(ctx, c, constant=1):
    """constant/2 ||f_theta - y||^2 (the printed constant is 1/2, written constant/2)."""
    r = network.residual(ctx, c)
    return constant * (r * r).sum(axis=-1) / 2


def lhs(ctx, c):
    return batch.result(ctx, batch.absolute(ctx, mean_form(ctx, c) - norm_form(ctx, c)))


def rhs(ctx, c):
    return batch.result(ctx, norm_form(ctx, c))


def symbolic(rng):
    r = sp.symbols("r1:4", real=True)
    gap = sp.expand(sum(x ** 2 for x in r) / 6 - sum(x ** 2 for x in r) / 2)
    outcome = "proved" if gap == 0 else "disproved"
    return [SymbolicStep("1/(2n) sum r_i^2 - 1/2 ||r||^2 = 0 at n = 3", "statement", outcome,
                         f"the difference is {gap} (nonzero for every r != 0 when n >= 2)")]


STATEMENT = Statement(
    id="theorem-1-loss",
    ref="Theorem 1, the squared error loss",
    statement="L(theta) = 1/(2n) sum_{i=1}^n (f(x_i; theta) - y_i)^2 = 1/2 ||f_theta - y||_2^2.",
    kind="identity",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    constant_printed="1/2 (against 1/(2n))",
    notes="Read as printed: the two forms of L differ by the factor n for n >= 2.",
)
