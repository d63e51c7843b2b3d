"""The Hessian's operator norm, repaired.

Statement as printed: ||grad^2_theta f(.; theta^(0))|| ≈ O(1/d); repaired: ||grad^2_theta f(.; theta^(0))|| =
O(sqrt(log d) / sqrt(d)). The Hessian is block diagonal with d blocks B_i = O(|beta_i| + 1)/sqrt(d) (each block's
terms are O(1/sqrt d), ``remark-hessian-terms``); a block diagonal matrix has the norm of its largest block, not
the size of its entries divided by sqrt(d) again, and the largest of d Gaussian |beta_i| grows like
sqrt(2 log d).
Hypotheses: as the printed statement.
How it is checked: as an order in d with a printed logarithmic factor: the exponent of
||grad^2 f|| / sqrt(log d) must be at most -1/2 (``proofcheck.core.orders``, log_power 1/2).
Kind: order (upper, O(d^-1/2 (log d)^1/2)).
Place in the paper: Section 1; with it (3)'s kappa is O(sqrt(log d)/sqrt(d)), the order the lecture states
for kappa up to the logarithm.
"""
import dataclasses

from proofcheck.core.orders import power_rhs
from proofcheck.core.statement import Change, repaired
from proofcheck_packs.ntk_lecture_pleiss.models.orders import width_order
from proofcheck_packs.ntk_lecture_pleiss.statements import remark_hessian_norm as printed

ORDER = width_order(-0.5, "||grad^2_theta f(.; theta^(0))|| = O(sqrt(log d) / sqrt(d))", log_power=0.5)

STATEMENT = dataclasses.replace(
    repaired(printed.STATEMENT, power_rhs("d", -0.5, 0.5),
             "||grad^2_theta f(.; theta^(0))|| = O(sqrt(log d) / sqrt(d)) as the width d grows.",
             "The Hessian's norm is its largest block's, O(max_i |beta_i| / sqrt d).", constant_printed=None, changes=(Change.BOUND,)),
    order=ORDER)
