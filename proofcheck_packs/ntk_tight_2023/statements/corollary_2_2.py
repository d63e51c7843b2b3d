"""Corollary 2.2 (Section 2): lazy training of the two-layer mean-field network.

Statement as printed: Under Lemma 2.1's conditions and ||y|| <= sqrt(n) K, there are c, C > 0
depending only on K such that for any 0 <= T <= c alpha^2:
||alpha h(w(T)) - alpha hbar(wbar(T))|| <= C min(T/alpha, 1).
Hypotheses: networks with the paper's initialization (n <= 2, m <= 3, d <= 2 so that mpmath can
integrate them), sigmoid or tanh, alpha > 0, T = theta alpha^2 with theta in (0, 1].
How it is checked: c and C are existential, so no single case refutes the printed statement; a family
inside the hypotheses at fixed K along which LHS / min(T/alpha, 1) grows without bound does (the
existential check, which decides the verdict, certified at each growing family's last points): along
alpha at K = 2, T = 1 (with h(w0) = 0 beside it); along the width m with h(w0) = 0 (Lemma 2.1's
concentrated neurons, alpha = sqrt(m)/2, T = 1, up to m = 16384 held as two neurons and idle ones);
along the number of data n and along T, with h(w0) = 0. How it was read: with the hypotheses the corollary
prints, (i)-(iii) and ||y|| <= sqrt(n) K; the family along m has ||a||_inf = 3K/8, which the paper's
initialization Unif[-1/sqrt m, 1/sqrt m] (named in its text, not in the corollary) would exclude. The cases check the route the paper
gives: Theorem 1.2 with Lip(Dh) bounded by Lemma C.1's printed bound on
the ball of radius rho = sqrt(T R0)/alpha (where ||a||_inf <= ||a0||_inf + rho), i.e.
||alpha h(w(T)) - alpha hbar(wbar(T))|| <= min(6 (T/alpha) K' R0, sqrt(8 R0)) = C(R0) min(T/alpha, 1)-type bound.
Note R0 = ||y/sqrt n - alpha h(w0)||^2/2 grows like alpha^2 unless h(w0) = 0, so C cannot depend on K
alone for this initialization; ``proofcheck study scaling`` measures the validity time against alpha.
Kind: upper bound.
Place in the paper: Section 2.
"""
from proofcheck.numerics import batch
from proofcheck_packs.ntk_tight_2023.models import network, training
from proofcheck.numerics.flows import gradient_flows
from proofcheck_packs.ntk_tight_2023.models.families import NETWORK_FAMILIES
from proofcheck.core.statement import Scalar, Statement, Uniformity
from proofcheck_packs.ntk_tight_2023.statements.lemma_2_1 import TANH_PEAK

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


# The existential constants, checked as printed: at K = 2, a fixed network inside Lemma 2.1's
# conditions (sigmoid, n = d = 1, m = 2, x = 1, y = 1/2, a = (1/2, 3/10), U = (2/5, -1/5): h(w0) != 0, as
# the paper's random initialization gives) trained for T = 1, which is <= c alpha^2 for every c > 0 once
# alpha >= 1/sqrt(c). If C depended only on K, ||alpha h(w(T)) - alpha hbar(wbar(T))|| / min(T/alpha, 1)
# would stay below it along alpha.
EXISTENTIAL_K = 2.0
ALPHAS = tuple(2.0 ** k for k in range(0, 11))


def _network(alpha, a, U, T=1.0):
    return {"dims": {"n": 1, "m": 2, "d": 1, "one": 1, "tanh": 0, "idle": 0},
            "values": {"X": [["1.0"]], "y": [["0.5"]], "a": a, "U": U, "alpha": repr(float(alpha)),
                       "theta": repr(T / float(alpha) ** 2)}}


def along_alpha(alpha):
    """The fixed network at scale alpha, h(w0) != 0."""
    return _network(alpha, [["0.5"], ["0.3"]], [["0.4"], ["-0.2"]])


def centered_along_alpha(alpha):
    """The same family with h(w0) = 0: two neurons with the same u and opposite a."""
    return _network(alpha, [["0.5"], ["-0.5"]], [["0.4"], ["0.4"]])


# Along the width, the data and the horizon (C may depend on none of them), each family inside the
# hypotheses at K = 2 with h(w0) = 0, followed in a space wider than the search's: m up to 16384 as two
# neurons held and the rest idle at a = u = 0 (where tanh's flows leave them, ``network.Network.width``),
# n up to 32 data.
WIDTHS = tuple(4.0 ** k for k in range(1, 8))
SIZES = tuple(2.0 ** k for k in range(0, 6))
HORIZONS = tuple(2.0 ** k for k in range(-4, 7))
WIDE = network.network_space(32, 3, 2, *SPACE.scalars, idle=int(WIDTHS[-1]) - 2)


def concentrated_along_m(m):
    """Width m, h(w0) = 0: two tanh neurons with a = +-3K/8 and u = z/sqrt(m), z where |tanh''| is
    largest (so sqrt(m) u x = z at every width, as in Lemma 2.1's family along m), the other m - 2 idle;
    one datum x = 1, y = 1/2; alpha = sqrt(m)/2 and T = 1 (T <= c alpha^2 for every c once m is large)."""
    m = int(round(m))
    K, z = EXISTENTIAL_K, TANH_PEAK
    case = _network(m ** 0.5 / 2, [[repr(3 * K / 8)], [repr(-3 * K / 8)]], [[repr(float(z / m ** 0.5))]] * 2)
    case["dims"].update(tanh=1, idle=m - 2)
    return case


def centered_along_n(n):
    """n data x_i spread over (1/2, 1], y_i = 1/2, the centered network of ``centered_along_alpha`` at
    alpha = 8, T = 1."""
    n = int(round(n))
    xs = [0.5 + 0.5 * (i + 1) / n for i in range(n)]
    case = _network(8.0, [["0.5"], ["-0.5"]], [["0.4"], ["0.4"]])
    case["dims"]["n"] = n
    case["values"].update(X=[[repr(x)] for x in xs], y=[["0.5"]] * n)
    return case


def centered_along_t(T):
    """The centered network of ``centered_along_alpha`` at alpha = 16 trained for T = 1/16 .. 64."""
    return _network(16.0, [["0.5"], ["-0.5"]], [["0.4"], ["0.4"]], T=T)


def within_k(witness, K=EXISTENTIAL_K):
    """Lemma 2.1's conditions (i)-(iii) at K, and ||y|| <= sqrt(n) K."""
    out = network.k_conditions(witness, K)
    y = [float(row[0]) for row in witness["values"]["y"]]
    n = witness["dims"]["n"]
    if sum(v * v for v in y) ** 0.5 > n ** 0.5 * K:
        out.append(f"||y|| > sqrt(n) K = {n ** 0.5 * K:g}")
    return out


def rest_of_bound(ctx, c):
    """min(T/alpha, 1), T = theta alpha^2."""
    alpha = batch.scalar(ctx, c.alpha)
    T = batch.scalar(ctx, c.theta) * alpha * alpha
    return batch.result(ctx, ctx.minimum(T / alpha, ctx.mpf(1) + 0 * alpha))


STATEMENT = Statement(
    id="corollary-2.2",
    ref="Corollary 2.2, Section 2",
    statement="Under Lemma 2.1's conditions and ||y|| <= sqrt(n) K there are c, C > 0 depending only on K with "
              "||alpha h(w(T)) - alpha hbar(wbar(T))|| <= C min(T/alpha, 1) for 0 <= T <= c alpha^2.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    families=NETWORK_FAMILIES,
    uses=("theorem-1.2", "lemma-2.1"),
    notes="c and C are existential: the verdict follows from the family along alpha at K = 2 (the existential check); "
          "the cases check the paper's route to them (Theorem 1.2 + Lemma C.1's printed bound).",
    existential=(Uniformity("alpha", "K = 2", along_alpha, ALPHAS, within=within_k, normalizer=rest_of_bound,
                            inside=centered_along_alpha, needs="h(w0) = 0",
                            why="C may depend only on K: at K = 2 the ratio to min(T/alpha, 1) must stay bounded along "
                                "alpha, with T = 1 <= c alpha^2 for every c once alpha is large."),
                 Uniformity("the width m", "K = 2", concentrated_along_m, WIDTHS, within=within_k,
                            normalizer=rest_of_bound, space=WIDE,
                            why="C may not depend on the width: at K = 2 with h(w0) = 0 the ratio to min(T/alpha, 1) "
                                "must stay bounded along m (alpha = sqrt(m)/2, T = 1 <= c alpha^2 once m is large)."),
                 Uniformity("the data n", "K = 2", centered_along_n, SIZES, within=within_k, normalizer=rest_of_bound,
                            space=WIDE, why="C may not depend on n: at K = 2 with h(w0) = 0 the ratio must stay "
                                            "bounded along the number of data."),
                 Uniformity("the horizon T", "K = 2", centered_along_t, HORIZONS, within=within_k,
                            normalizer=rest_of_bound, space=WIDE,
                            why="C may not depend on T: at K = 2 with h(w0) = 0 the ratio must stay bounded for "
                                "T <= alpha^2 at alpha = 16.")),
)
