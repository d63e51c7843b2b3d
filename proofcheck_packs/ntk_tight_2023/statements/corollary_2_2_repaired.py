"""Corollary 2.2, repaired: the hypothesis its argument needs, h(w0) = 0.

Statement as repaired: Under Lemma 2.1's conditions, ||y|| <= sqrt(n) K and h(w0) = 0, there are c, C > 0
depending only on K such that for any 0 <= T <= c alpha^2: ||alpha h(w(T)) - alpha hbar(wbar(T))|| <= C min(T/alpha, 1).
What changed and why: the hypothesis h(w0) = 0 is added. Theorem 1.2's bound carries R0 =
||y/sqrt n - alpha h(w0)||^2/2, which grows like alpha^2 unless h(w0) = 0, and with it the error along
alpha (corollary-2.2's existential family: certified growth like alpha^2 at K = 2 with h(w0) != 0, bounded
with h(w0) = 0). The right side and the route are unchanged.
Hypotheses: as corollary-2.2, with h(w0) = 0.
How it is checked: the existential family along alpha at K = 2 with h(w0) = 0 (two neurons with the same
u and opposite a); the cases check the same route as corollary-2.2's (Theorem 1.2 + Lemma C.1's printed
bound), which does not use h(w0), over the same space.
Kind: upper bound.
Place in the paper: Section 2.
"""
import dataclasses

from proofcheck.core.statement import Uniformity, Change, repaired
from proofcheck_packs.ntk_tight_2023.statements import corollary_2_2 as printed


def rhs(ctx, c, constant=6):
    """As printed (the route's bound, constant 6)."""
    return printed.rhs(ctx, c, constant=constant)


STATEMENT = dataclasses.replace(
    repaired(printed.STATEMENT, rhs,
             statement="Under Lemma 2.1's conditions, ||y|| <= sqrt(n) K and h(w0) = 0 there are c, C > 0 depending only "
                       "on K with ||alpha h(w(T)) - alpha hbar(wbar(T))|| <= C min(T/alpha, 1) for 0 <= T <= c alpha^2 "
                       "(printed: without h(w0) = 0).",
             notes="The printed corollary with h(w0) = 0 added; checked along alpha at K = 2 on centered networks.",
             constant_printed="6", uses=("theorem-1.2", "lemma-2.1"), changes=(Change.HYPOTHESIS,)),
    existential=(Uniformity("alpha", "K = 2", printed.centered_along_alpha, printed.ALPHAS, within=printed.within_k,
                            normalizer=printed.rest_of_bound,
                            why="With h(w0) = 0 the ratio to min(T/alpha, 1) must stay bounded along alpha at K = 2."),),
)
