"""Inequality (7), repaired: what its own steps give.

Statement as repaired: ||K_t - K_0|| ||r|| <= 2 Lip(h) Lip(Dh) ||w - w0|| sqrt(2 R0).
What changed and why: the printed sqrt(R0) becomes sqrt(2 R0). The step "using that ||r|| <= sqrt(R0)"
is the one that fails (inequality-7:step-3): with R(y) = ||y - y*||^2/2, ||r(0)|| = sqrt(2 R0), and
the flow does not increase the risk, so ||r(t)|| <= sqrt(2 R0) is what holds; the other factor,
||K_t - K_0|| <= 2 Lip(h) Lip(Dh) ||w - w0||, stands (inequality-7:step-4). Nothing else changes.
Hypotheses: as inequality-7.
How it is checked: as inequality-7.
Kind: upper bound.
Place in the paper: Section 3.1; integrated, it is what Proposition 1.1's sketch can use.
"""
import math

from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Change, repaired
from proofcheck_packs.ntk_tight_2023.statements import inequality_7 as printed


def rhs(ctx, c, constant=2):
    """constant Lip(h) Lip(Dh) ||w(T) - w0|| sqrt(2 R0) (constant 2, as printed)."""
    return printed.rhs(ctx, c, constant=constant * ctx.sqrt(ctx.mpf(2)))


STATEMENT = repaired(
    printed.STATEMENT, rhs,
    statement="||K_t - K_0|| ||r|| <= 2 Lip(h) Lip(Dh) ||w - w0|| sqrt(2 R0) (printed: sqrt(R0)).",
    notes="The printed inequality with ||r|| <= sqrt(2 R0) in place of sqrt(R0).",
    constant_printed="2",
    factor=math.sqrt(2),
    changes=(Change.CONSTANT,),
    uses=(),
    dimensions=scaling.Dimensions("K*r", "2*Liph*LipDh*dw*sqrt(2*R0)", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
