"""Corollary 2.2 (Section 2): lazy training of the two-layer mean-field network.

Statement as printed: Under Lemma 2.1's conditions and ||y|| <= sqrt(n) K, there are c, C > 0
depending only on K such that for any 0 <= T <= c alpha^2:
||alpha h(w(T)) - alpha hbar(wbar(T))|| <= C min(T/alpha, 1).
Hypotheses: networks with the paper's initialization (n <= 2, m <= 3, d <= 2 so that mpmath can
integrate them), sigmoid or tanh, alpha > 0, T = theta alpha^2 with theta in (0, 1].
How it is checked: c and C are existential, so no single case refutes the printed statement. What is
checked is the route the paper gives: Theorem 1.2 with Lip(Dh) bounded by Lemma C.1's printed bound on
the ball of radius rho = sqrt(T R0)/alpha (where ||a||_inf <= ||a0||_inf + rho), i.e.
||alpha h(w(T)) - alpha hbar(wbar(T))|| <= min(6 (T/alpha) K' R0, sqrt(8 R0)) = C(R0) min(T/alpha, 1)-type bound.
Note R0 = ||y/sqrt n - alpha h(w0)||^2/2 grows like alpha^2 unless h(w0) = 0, so C cannot depend on K
alone for this initialization; ``proofcheck study scaling`` measures the validity time against alpha.
Kind: upper bound.
Place in the paper: Section 2.
"""
from proofcheck.numerics import batch
from proofcheck.models import network, training
from proofcheck.numerics.flows import gradient_flows
from proofcheck.models.families import NETWORK_FAMILIES
from proofcheck.core.statement import Scalar, Statement

SPACE = network.network_space(2, 3, 2, Scalar("alpha", open_low=True), Scalar("theta", low=0.0, high=1.0, open_low=True))


def _setup(ctx, c):
    if not hasattr(c, "_flow"):
        alpha = batch.scalar(ctx, c.alpha)
        net = network.model(ctx, c, alpha)
        T = batch.scalar(ctx, c.theta) * alpha * alpha
        c._flow = (net, T, gradient_flows(ctx, net, T))
    return c._flow


def lhs(ctx, c):
    """||r(T) - rbar(T)|| for the trained network."""
    return training.approximation_error(ctx, _setup(ctx, c)[2])


def rhs(ctx, c, constant=6):
    """min(constant (T/alpha) K' R0 (the paper's constant: 6), sqrt(8 R0)), K' = Lemma C.1's printed bound on the ball of radius sqrt(T R0)/alpha."""
    net, T, _ = _setup(ctx, c)
    r0 = net.r0
    R0 = (r0 * r0).sum(axis=-1) / 2
    rho = batch.apply(ctx, "sqrt", T * R0) / net.alpha
    a_inf = batch.maximum(ctx, batch.absolute(ctx, net.a0), axis=1) + rho
    lip = network.printed_bound(ctx, net, a_inf)
    root = batch.apply(ctx, "sqrt", R0)
    return batch.result(ctx, ctx.minimum(constant * (T / net.alpha) * lip * R0, 2 * batch.apply(ctx, "sqrt", 2 * root * root)))


STATEMENT = Statement(
    id="corollary-2.2",
    ref="Corollary 2.2, Section 2",
    statement="Under Lemma 2.1's conditions and ||y|| <= sqrt(n) K there are c, C(K) > 0 with "
              "||alpha h(w(T)) - alpha hbar(wbar(T))|| <= C min(T/alpha, 1) for 0 <= T <= c alpha^2; checked through "
              "Theorem 1.2 with Lemma C.1's printed Lip(Dh).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    families=NETWORK_FAMILIES,
    uses=("theorem-1.2", "lemma-2.1"),
    notes="c and C are existential; the check is the paper's route to them (Theorem 1.2 + Lemma C.1's printed bound).",
)
