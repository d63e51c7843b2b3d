"""The diagonal of H^infinity (Section 5, "Our Results and Observations").

Statement as printed: "Therefore, the diagonal H_ii^infinity = 1/1."
Hypotheses: unit inputs ||x_i|| = 1 (the slide's "Most papers and our main reference assume ||x|| = 1"),
any n >= 1, d >= 1; H^infinity as in (2).
How it is checked: numerically over X in R^{n x d}, whose rows are normalised to the unit x_i (every unit
configuration is reached): the residual max_i |H_ii - 1| against the size 1. Reading: the extraction prints
"\\frac{1}{1}"; it is transcribed as printed, the value 1. The next line centres the Gershgorin discs at
1/2, and (2) at x_i^T x_i = 1 gives 1 (pi - 0)/(2 pi) = 1/2, so 1/1 is read as a slip for 1/2, most likely
the extraction's (a referee: "\frac{1}{2}" misread as "\frac{1}{1}"; the slides use 1/2 two lines later):
declared as the intended reading, judged beside the printed line; the repair states it.
Symbolically: (2) at u = 1 is sympy's 1/2.
Kind: identity.
Place in the paper: Section 5, first slide; the centre of the Gershgorin bound (``gershgorin-bound``).
"""
import dataclasses
from functools import partial

import numpy as np
import sympy as sp

from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck.core.symbolic import check_equal
from proofcheck_packs.ntk_slides_sharif.models.gram import gram_infinity

SPACE = Space(dims={"n": (1, 6), "d": (1, 6)}, matrices=(Matrix("X", "n", "d"),))


def residual(ctx, c, constant):
    """max_i |H_ii - constant|."""
    H = gram_infinity(ctx, c.X)
    diag = np.diagonal(H, axis1=-2, axis2=-1)
    return ctx.scalar_result(ctx.max_along(ctx.absolute(diag - constant), -1))


def lhs(ctx, c, constant=1):
    """The residual of H_ii = constant; the printed value is 1/1."""
    return residual(ctx, c, ctx.mpf(constant))


def rhs(ctx, c, constant=1):
    """The size of the terms compared: the printed value."""
    return ctx.scalar_result(ctx.batch_scalar(ctx.mpf(constant)) + 0 * ctx.as_batch(c.X)[..., 0, 0])


def symbolic(rng, constant=1):
    u = sp.Integer(1)
    value = u * (sp.pi - sp.acos(u)) / (2 * sp.pi)
    return [check_equal(f"(2) at x_i^T x_i = 1: 1 (pi - arccos 1)/(2 pi) = {constant}", "statement",
                        value, constant, {}, rng)]


STATEMENT = Statement(
    id="diagonal-value",
    ref="Section 5, Our Results and Observations: the diagonal of H^infinity",
    statement="For ||x_i|| = 1: H_ii^infinity = 1/1.",
    kind="identity",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    uses=("eq-2",),
    constant_printed="1/1",
    notes="Printed \\frac{1}{1}; (2) gives 1/2, the centre the Gershgorin line uses (likely an extraction garble).",
)
# the evident intended line, H_ii = 1/2 (never registered)
STATEMENT = dataclasses.replace(STATEMENT, intended=dataclasses.replace(
    STATEMENT, id="diagonal-value:intended", statement="For ||x_i|| = 1: H_ii^infinity = 1/2.",
    lhs=partial(lhs, constant=0.5), rhs=partial(rhs, constant=0.5), symbolic=None, notes=""))
