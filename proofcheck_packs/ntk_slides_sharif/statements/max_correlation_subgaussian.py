"""The maximal correlation of sub-Gaussian vectors (Section 5, "Our Results and Observations").

Statement as printed: "x_i are isotropic, mean-zero, sub-Gaussian vectors:
max_{1 <= i < j <= n} |<X_i, X_j>| <= C sqrt(log(n/delta)/d) max_{1 <= i <= n} ||X_i||."
Hypotheses: X_1..X_n i.i.d. isotropic (E X X^T = I_d), mean zero, sub-Gaussian in R^d; n >= 2, d >= 1,
delta in (0, 1); C depending only on the sub-Gaussian norm. Reading: as for the sphere, "with probability at
least 1 - delta", C unnamed (existential). The class is checked at its first member, X_i ~ N(0, I_d) (isotropic,
mean zero, sub-Gaussian norm an absolute constant): a family that needs a growing C there refutes the class.
How it is checked: as ``max-correlation-sphere``: the C the claim needs, the (1 - delta)-quantile of
LHS / (sqrt(log(n/delta)/d) max_i ||X_i||), bounded from seeded draws along d, n and 1/delta. For isotropic
vectors ||X_i|| ~ sqrt(d) while <X_i, X_j> ~ sqrt(d) sqrt(log): the right side lacks a factor sqrt(d), the
needed C grows like d^{1/2}. The repair normalises by max_i ||X_i||^2 (the sphere's statement for X_i/||X_i||).
Kind: upper bound (with probability).
Place in the paper: Section 5, the second example after the Gershgorin bound.
"""
from proofcheck.core.probability import Probability
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck_packs.ntk_slides_sharif.models.samples import (CORRELATION_DIMS, CORRELATION_FAMILIES,
                                                              correlation_draw, correlation_failure, gaussian, log_rate, max_correlation, max_norm)

SPACE = Space(dims=CORRELATION_DIMS, matrices=(Matrix("X", "n", "d"),),
              scalars=(Scalar("delta", 0.0, 1.0, open_low=True),))


def lhs(ctx, c):
    """max_{i < j} |<X_i, X_j>|."""
    return max_correlation(ctx, c.X)


def rhs(ctx, c, constant=1):
    """C sqrt(log(n/delta)/d) max_i ||X_i||; C unnamed (existential), 1 here."""
    return constant * log_rate(ctx, c.X, c.delta) * max_norm(ctx, c.X)


STATEMENT = Statement(
    id="max-correlation-subgaussian",
    ref="Section 5, Our Results and Observations: maximal correlation, isotropic sub-Gaussian x_i",
    statement=("x_i isotropic, mean-zero, sub-Gaussian: with probability at least 1 - delta, "
               "max_{i<j} |<X_i, X_j>| <= C sqrt(log(n/delta)/d) max_i ||X_i||."),
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    uses=(),
    constant_printed="C (unnamed: existential)",
    probability=Probability(
        draw=correlation_draw(gaussian), failure=correlation_failure, distribution="X_1..X_n i.i.d. N(0, I_d)",
        existential=True, draws=2000,
        families=CORRELATION_FAMILIES),
)
