"""Claim 2, repaired: what its proof's steps give.

Statement as repaired: for any 0 <= t <= T,
||P(T, t; zeta)(A_t + zeta C_t)|| <= 1/(2 sqrt(T - t)) + 3 V({A_s + zeta C_s}_{s in [t, T]}).
What changed and why: the variation is of the interpolant X_s = A_s + zeta C_s, not of C_s. The
proof applies Claim 4 to X_s (claim-2:step-3), which bounds the remainder by 3 V({X_s}); V({X_s})
<= V({C_s}) holds when B_s is constant in s (it fails otherwise: claim-2:step-3 is violated). Where
Theorem 1.2 applies it, B_s = Dh(w0) is constant and V({X_s}) = (1 - zeta) V({C_s}): the form
claim-2:as-used, which holds.
Hypotheses: as claim-2.
How it is checked: as claim-2.
Kind: upper bound.
Place in the paper: Appendix A.9, used by Lemma A.10.
"""
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Change, repaired
from proofcheck_packs.ntk_tight_2023.statements import claim_2 as printed
from proofcheck.numerics.linalg import reciprocal
from proofcheck.numerics.paths import total_variation


def rhs(ctx, c, constant=3):
    """1/(2 sqrt L) + constant V({A_s + zeta C_s})."""
    return reciprocal(ctx, 2 * ctx.sqrt(c.L)) + constant * total_variation(ctx, printed.interpolant(c))


STATEMENT = repaired(
    printed.STATEMENT, rhs,
    statement="For any 0 <= t <= T: ||P(T, t; zeta)(A_t + zeta C_t)|| <= 1/(2 sqrt(T - t)) + 3 V({A_s + zeta C_s}_{s in [t,T]}) "
              "(printed: V({C_s})).",
    notes="The printed bound with the variation of the interpolant, which Claim 4 gives.",
    constant_printed="1/2 and 3",
    uses=("claim-3", "claim-4"),
    changes=(Change.BOUND,),
    dimensions=scaling.Dimensions("A", "1/(2*sqrt(T)) + 3*V", scaling.MATRICES),
)
