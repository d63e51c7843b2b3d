"""Corollary 2.2, repaired: the hypothesis its argument needs, h(w0) = 0, and the width Lemma 2.1's
constant misses, sqrt(m).

Statement as repaired: Under Lemma 2.1's conditions, ||y|| <= sqrt(n) K and h(w0) = 0, there are c, C > 0
depending only on K such that for any 0 <= T <= c alpha^2:
||alpha h(w(T)) - alpha hbar(wbar(T))|| <= C sqrt(m) min(T/alpha, 1).
What changed and why: the hypothesis h(w0) = 0 is added. Theorem 1.2's bound carries R0 =
||y/sqrt n - alpha h(w0)||^2/2, which grows like alpha^2 unless h(w0) = 0, and with it the error along
alpha (corollary-2.2's existential family: certified growth at K = 2 with h(w0) != 0, bounded with
h(w0) = 0). And the factor sqrt(m): Lip(Dh) grows like sqrt(m) at fixed K (Lemma 2.1's finding), and
with h(w0) = 0 the error grows like m^0.5 along corollary-2.2's family along m. The route is unchanged.
Another repair would keep C free of m by assuming the paper's initialization (||a||_inf <= 1/sqrt m,
or sqrt(m) ||a||_inf + ||U|| <= K in (ii)); that one is not checked here.
Hypotheses: as corollary-2.2, with h(w0) = 0.
How it is checked: the families of corollary-2.2 with h(w0) = 0 (along alpha, m, n and T, at K = 2),
each against C sqrt(m) min(T/alpha, 1); the cases check the same route as corollary-2.2's (Theorem 1.2 +
Lemma C.1's printed bound), which does not use h(w0), over the same space.
Kind: upper bound.
Place in the paper: Section 2.
"""
import dataclasses

from proofcheck.core.statement import Change, repaired
from proofcheck_packs.ntk_tight_2023.statements import corollary_2_2 as printed


def rhs(ctx, c, constant=6):
    """As printed (the route's bound, constant 6)."""
    return printed.rhs(ctx, c, constant=constant)


def rest_of_bound(ctx, c):
    """sqrt(m) min(T/alpha, 1), m the width (the neurons held and the idle ones)."""
    width = c.dims["m"] + c.dims.get("idle", 0)
    return printed.rest_of_bound(ctx, c) * ctx.sqrt(ctx.mpf(width))


STATEMENT = dataclasses.replace(
    repaired(printed.STATEMENT, rhs,
             statement="Under Lemma 2.1's conditions, ||y|| <= sqrt(n) K and h(w0) = 0 there are c, C > 0 depending only "
                       "on K with ||alpha h(w(T)) - alpha hbar(wbar(T))|| <= C sqrt(m) min(T/alpha, 1) for 0 <= T <= "
                       "c alpha^2 (printed: without h(w0) = 0 and without sqrt(m)).",
             notes="The printed corollary with h(w0) = 0 added and C sqrt(m) for C; checked along alpha, m, n and T at "
                   "K = 2 on centered networks.",
             constant_printed="6", uses=("theorem-1.2", "lemma-2.1"), changes=(Change.HYPOTHESIS, Change.BOUND)),
    existential=tuple(
        dataclasses.replace(family, normalizer=rest_of_bound, inside=None, needs="", why=why)
        for family, why in zip(
            (dataclasses.replace(printed.STATEMENT.existential[0], cases=printed.centered_along_alpha),)
            + printed.STATEMENT.existential[1:],
            ("With h(w0) = 0 the ratio to sqrt(m) min(T/alpha, 1) must stay bounded along alpha at K = 2.",
             "With h(w0) = 0 the ratio to sqrt(m) min(T/alpha, 1) must stay bounded along m at K = 2.",
             "With h(w0) = 0 the ratio to sqrt(m) min(T/alpha, 1) must stay bounded along n at K = 2.",
             "With h(w0) = 0 the ratio to sqrt(m) min(T/alpha, 1) must stay bounded along T at K = 2."))),
)
