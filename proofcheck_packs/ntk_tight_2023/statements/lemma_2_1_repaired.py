"""Lemma 2.1 (= Lemma C.1), repaired: the bound the network's derivatives give.

Statement as repaired: Lip(Dh) <= max_i [2 ||sigma'|| ||x_i|| + sqrt(m) ||sigma''|| ||x_i||^2 ||a||_inf].
What changed and why: the proof's second display carries a factor 1/sqrt(m) too many on both terms:
d f_w(x)/d a_j = sigma(sqrt m <u_j, x>)/sqrt m and d f_w(x)/d u_j = a_j sigma'(sqrt m <u_j, x>) x, so
the second derivatives are sigma' x (mixed) and sqrt(m) a_j sigma'' x x^T (in u_j). sympy's
derivatives predict the missing sqrt(m) (lemma-2.1's scaling audit), and the width family measures
the ratio growing like m^(1/2). With ||a|| <= K, sqrt(m) ||a||_inf is not bounded by a function of K:
the lemma's "K' depending only on K" fails (its uniformity finding); at the paper's initialization,
|a_j| <= 1/sqrt(m), it is at most ||sigma''|| ||x_i||^2.
Hypotheses: as lemma-2.1 (Lip(Dh) from below at w, against the bound at w).
How it is checked: as lemma-2.1 (Lip(Dh) from below at w, against the bound at w).
Kind: upper bound.
Place in the paper: Section 2 and Appendix C; gives Corollary 2.2.
"""
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Change, repaired
from proofcheck_packs.ntk_tight_2023.statements import lemma_2_1 as printed
from proofcheck_packs.ntk_tight_2023.models import network
from proofcheck.numerics import batch


def rhs(ctx, c, constant=1):
    """constant max_i [2 ||sigma'|| ||x_i|| + sqrt(m) ||sigma''|| ||x_i||^2 ||a||_inf]."""
    net = network.model(ctx, c)
    a_inf = batch.maximum(ctx, batch.absolute(ctx, net.a0), axis=1)
    return batch.result(ctx, constant * network.derivative_bound(ctx, net, a_inf))


STATEMENT = repaired(
    printed.STATEMENT, rhs,
    statement="Lip(Dh) <= max_i [2 ||sigma'|| ||x_i|| + sqrt(m) ||sigma''|| ||x_i||^2 ||a||_inf] (printed: "
              "2 ||sigma'|| ||x_i|| / sqrt(m) + ||sigma''|| ||x_i||^2 ||a||_inf).",
    notes="The derivative's own factors; the constant depends on sqrt(m) ||a||_inf, not on K alone.",
    constant_printed="2 and sqrt(m)",
    changes=(Change.BOUND,),
    dimensions=scaling.Dimensions(printed.width_dimensions().lhs, "2*S1*X + sqrt(m)*S2*X**2*A", scaling.WIDTH,
                                  names={"m": "the width m"}),
)
