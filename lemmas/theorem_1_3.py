"""Theorem 1.3 (Section 1, the converse; construction in Appendix B).

Statement as printed: For any alpha, T, Lip(Dh) and R0 there is a model h : R -> R, an
initialization w0 in R and a target y* in R such that, for R(y) = (y - y*)^2 / 2,
R(alpha h(w0)) = R0, Dh is Lip(Dh)-Lipschitz, and
||alpha h(w(T)) - alpha hbar(wbar(T))|| >= min(kappa sqrt(R0) / 5, sqrt(R0) / 5),
kappa = (T / alpha) Lip(Dh) sqrt(R0). Construction: h(w) = a w + b w^2 / 2, a = 1/sqrt(T),
b = Lip(Dh), w0 = 0, y* = sqrt(2 R0); the residuals follow (18):
dr/dt = -(a^2 + 2b(y* - r)/alpha) r, drbar/dt = -a^2 rbar.
Hypotheses: alpha, T, Lip(Dh), R0 > 0 (the whole parameter space, not only where the proof's own
assumptions hold).
How it is checked: (18) is a Bernoulli equation; sympy verifies that the model's flow gives (18)
(the kernel h'(w)^2 = a^2 + 2b(y* - r)/alpha), and that the closed form
r(t) = 1 / (d/c + (a^2/(c y*)) e^{ct}), c = a^2 + 2b y*/alpha, d = 2b/alpha, solves it with
r(0) = y*; rbar(t) = y* e^{-a^2 t}. The lower bound is then searched over (alpha, T, Lip, R0) with
the closed form, in float64 and mpmath. (The closed form against a numerical solve of (18) is a test.)
Kind: lower bound; the ratio is RHS / LHS.
Place in the paper: Section 1.2, proved in Appendix B; shows Theorem 1.2 is tight up to constants.
"""
import sympy as sp

from proofcheck.numerics.linalg import minimum
from proofcheck.core.statement import Scalar, Space, Statement
from proofcheck.core.symbolic import check_equal

SPACE = Space(dims={}, matrices=(),
              scalars=(Scalar("alpha", open_low=True), Scalar("T", open_low=True), Scalar("lip", open_low=True),
                       Scalar("R0", open_low=True)))


def residuals(ctx, c):
    """r(T) and rbar(T) from the closed forms (written so that nothing overflows: e^{-cT} may underflow to 0)."""
    a2 = 1 / c.T
    ystar = ctx.sqrt(2 * c.R0)
    rate = a2 + 2 * c.lip * ystar / c.alpha
    d = 2 * c.lip / c.alpha
    decay = ctx.exp(-rate * c.T)
    r = decay / (d / rate * decay + a2 / (rate * ystar))
    rbar = ystar * ctx.exp(-a2 * c.T)
    return r, rbar


def lhs(ctx, c):
    """|alpha h(w(T)) - alpha hbar(wbar(T))| = |r(T) - rbar(T)| (both residuals start at y*)."""
    r, rbar = residuals(ctx, c)
    return abs(r - rbar)


def rhs(ctx, c, constant=5):
    """min(kappa sqrt(R0), sqrt(R0)) / constant; the paper's constant is 5."""
    kappa = c.T / c.alpha * c.lip * ctx.sqrt(c.R0)
    return minimum(ctx, kappa, 1) * ctx.sqrt(c.R0) / constant


def symbolic(rng):
    a, b, al, ys, w, t = sp.symbols("a b alpha y_star w t", positive=True)
    r_of_w = ys - al * (a * w + b * w**2 / 2)
    kernel = check_equal("the model's kernel: h'(w)^2 = a^2 + 2b(y* - r)/alpha with r = y* - alpha h(w)", "proof step",
                         (a + b * w) ** 2, a**2 + 2 * b * (ys - r_of_w) / al, {a: (0, 10), b: (0, 10), al: (0.1, 10),
                                                                             ys: (0, 10), w: (0, 10)}, rng,
                         detail="dw/dt = h'(w) r / alpha and dr/dt = -alpha h'(w) dw/dt give dr/dt = -h'(w)^2 r: (18).")
    c, d = a**2 + 2 * b * ys / al, 2 * b / al
    r = 1 / (d / c + (a**2 / (c * ys)) * sp.exp(c * t))
    domain = {a: (0.1, 3), b: (0, 3), al: (0.5, 5), ys: (0.1, 3), t: (0, 2)}
    solves = check_equal("the closed form solves (18): dr/dt = -(a^2 + 2b(y* - r)/alpha) r", "proof step",
                         sp.diff(r, t), -(a**2 + 2 * b * (ys - r) / al) * r, domain, rng,
                         detail="(18) is the Bernoulli equation dr/dt = -c r + d r^2; u = 1/r solves du/dt = c u - d.")
    start = check_equal("and starts at r(0) = y*", "proof step", r.subs(t, 0), ys, domain, rng)
    return [kernel, solves, start]


STATEMENT = Statement(
    id="theorem-1.3",
    ref="Theorem 1.3, Section 1 (construction in Appendix B)",
    statement="For any alpha, T, Lip(Dh), R0 there are h : R -> R, w0, y* with R(alpha h(w0)) = R0 and Dh Lip(Dh)-Lipschitz "
              "such that ||alpha h(w(T)) - alpha hbar(wbar(T))|| >= min(kappa sqrt(R0)/5, sqrt(R0)/5).",
    kind="lower",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    orthogonal_invariance=False,
    uses=(),
    constant_printed="1/5",
    constant_proof=None,
    notes="Checked on the paper's own construction (Appendix B), over the whole parameter space.",
)
