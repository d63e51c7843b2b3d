"""The maximal correlation of points on the sphere (Section 5, "Our Results and Observations").

Statement as printed: "So the bound is good when x_i are almost orthogonal with high probability. We can show
the following examples: x_i ~ Unif(S^{d-1}): max_{1 <= i < j <= n} |<X_i, X_j>| <= C sqrt(log(n/delta)/d)."
Hypotheses: X_1..X_n i.i.d. Unif(S^{d-1}), n >= 2, d >= 1, delta in (0, 1); C an absolute constant.
Reading: the line names delta but no probability; it is read as the usual high-probability statement,
"with probability at least 1 - delta", which the slide's "with high probability" and the delta in the bound
imply, with C unnamed: there is an absolute C (depending on nothing) such that for all n, d, delta the event
holds with probability at least 1 - delta.
How it is checked: as a statement with probability with an existential constant (``proofcheck.core.probability``):
at each point (n, d, delta) the C the claim needs, the (1 - delta)-quantile of LHS / sqrt(log(n/delta)/d), is
bounded from seeded draws, along d (n = 10, delta = 0.1), along n (d = 64, delta = 0.1) and along 1/delta
(n = 10, d = 64); it must stay bounded along each.
Kind: upper bound (with probability).
Place in the paper: Section 5, the examples after the Gershgorin bound; the slides' case for almost-orthogonal data.
"""
from proofcheck.core.probability import Probability
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck_packs.ntk_slides_sharif.models.samples import (CORRELATION_DIMS, CORRELATION_FAMILIES,
                                                              correlation_draw, correlation_failure, log_rate, max_correlation, sphere)

SPACE = Space(dims=CORRELATION_DIMS, matrices=(Matrix("X", "n", "d"),),
              scalars=(Scalar("delta", 0.0, 1.0, open_low=True),))


def lhs(ctx, c):
    """max_{i < j} |<X_i, X_j>|."""
    return max_correlation(ctx, c.X)


def rhs(ctx, c, constant=1):
    """C sqrt(log(n/delta)/d); C is unnamed (existential), 1 here: the search measures the C needed."""
    return constant * log_rate(ctx, c.X, c.delta)


STATEMENT = Statement(
    id="max-correlation-sphere",
    ref="Section 5, Our Results and Observations: maximal correlation, x_i ~ Unif(S^{d-1})",
    statement="x_i ~ Unif(S^{d-1}): with probability at least 1 - delta, max_{i<j} |<X_i, X_j>| <= C sqrt(log(n/delta)/d).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    uses=(),
    constant_printed="C (unnamed: existential)",
    probability=Probability(
        draw=correlation_draw(sphere), failure=correlation_failure, distribution="X_1..X_n i.i.d. Unif(S^{d-1})",
        existential=True, draws=2000,
        families=CORRELATION_FAMILIES),
)
