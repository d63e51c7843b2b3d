"""The maximal correlation of sub-Gaussian vectors, repaired.

Statement as repaired: with probability at least 1 - delta, max_{i<j} |<X_i, X_j>| <= C sqrt(log(n/delta)/d)
max_i ||X_i||^2.
What changed and why: ||X_i|| ~ sqrt(d) for isotropic vectors while <X_i, X_j> ~ sqrt(d log): the printed bound
lacks one factor max_i ||X_i|| (the needed C grows like d^{1/2}); with it, the claim is the sphere's for
X_i / ||X_i||, up to the spread of the norms.
Hypotheses: as max-correlation-subgaussian.
How it is checked: as max-correlation-subgaussian, with the corrected right side.
Kind: upper bound (with probability).
Place in the paper: the corrected form of max-correlation-subgaussian; nothing in the slides states it.
"""
from proofcheck.core.statement import Change, repaired
from proofcheck_packs.ntk_slides_sharif.models.samples import log_rate, max_norm
from proofcheck_packs.ntk_slides_sharif.statements.max_correlation_subgaussian import STATEMENT as PRINTED


def rhs(ctx, c, constant=1):
    """C sqrt(log(n/delta)/d) max_i ||X_i||^2."""
    top = max_norm(ctx, c.X)
    return constant * log_rate(ctx, c.X, c.delta) * top * top


STATEMENT = repaired(
    PRINTED, rhs,
    statement=("x_i isotropic, mean-zero, sub-Gaussian: with probability at least 1 - delta, "
               "max_{i<j} |<X_i, X_j>| <= C sqrt(log(n/delta)/d) max_i ||X_i||^2."),
    notes="||X_i|| ~ sqrt(d): the printed bound lacks one factor max_i ||X_i|| (sqrt(d)).",
    constant_printed="C (unnamed: existential)", changes=(Change.BOUND,))
