"""Reparametrization (section "NTK Regime Analysis"): how sigma and beta scale under f = alpha fbar.

Statement as printed: "Let f_theta(x) = alpha fbar_theta(x) where fbar is fixed, and only vary the scaling alpha.
If we fix theta_0, we easily see that sigma = alpha sigmabar and beta = alpha betabar. Therefore,
beta/sigma^2 = (betabar/sigmabar^2)(1/alpha) -> 0 as alpha -> infinity."
Hypotheses: alpha > 0 (read from "alpha -> infinity"; for alpha < 0 the first identity would read
sigma = |alpha| sigmabar); sigmabar = sigma_min(Phibar) > 0 for the Jacobian Phibar (n x p, p >= n) of fbar's data at
theta_0, and betabar the Lipschitz constant of theta -> grad fbar_theta(x). sigma and beta are the same quantities
for f = alpha fbar (Phi = alpha Phibar).
How it is checked: as an identity on the notes' models: fbar quadratic in theta at x (Hessian A, so betabar =
||A||, exact), Phibar free; sigma computed from alpha Phibar and beta from alpha A directly, each compared with
alpha sigmabar, alpha betabar and (betabar/sigmabar^2)/alpha as relative residuals (their sum is the residual,
3 the size). Symbolically (sympy, exact): the eigenvalues of alpha^2 G are alpha^2 times those of G for a generic
symmetric 2 x 2 G (so sigma_i(alpha Phibar) = alpha sigma_i(Phibar), alpha > 0, and likewise beta), the algebra
(alpha betabar)/(alpha sigmabar)^2 = (betabar/sigmabar^2)/alpha, and the limit 0 as alpha -> infinity.
Kind: identity.
Place in the paper: section "NTK Regime Analysis", "Reparametrization" (after Chizat, Oyallon and Bach, the
notes' [2]); with lemma-1b it is the notes' argument that "the NTK region becomes bigger for larger alpha"
(read: the remainder's bound beta n / sigma^2 on the Theorem's ball falls like 1/alpha; the ball's own radius
sqrt(n)/sigma falls like 1/alpha too, so "bigger" is relative: a words-only conclusion, not checked).
"""
import sympy as sp

from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck.core.symbolic import check_equal
from proofcheck.numerics.linalg import reciprocal, spectral_norm, transpose
from proofcheck_packs.ntk_notes_2025.models.least_squares import sigma, within_rank

SPACE = Space(dims={"n": (1, 6), "r": (0, 4)},
              matrices=(Matrix("Phi", "n", "p"), Matrix("M", "p", "p")),
              scalars=(Scalar("alpha", open_low=True),), derived={"p": ("n+r", 0)})


def _hessian(ctx, c):
    """A = (M + M^T)/2: every symmetric Hessian is one (the space draws M, a matrix of any kind)."""
    return (c.M + transpose(ctx, c.M)) * ctx.mpf(0.5)


def lhs(ctx, c):
    """|sigma/(alpha sigmabar) - 1| + |beta/(alpha betabar) - 1| + |(beta/sigma^2) / ((betabar/sigmabar^2)/alpha) - 1|."""
    s_bar, b_bar = sigma(ctx, c.Phi), spectral_norm(ctx, _hessian(ctx, c))
    s, b = sigma(ctx, c.Phi * c.alpha), spectral_norm(ctx, _hessian(ctx, c) * c.alpha)
    one = ctx.mpf(1)
    ratio = (b * reciprocal(ctx, s * s)) * reciprocal(ctx, b_bar * reciprocal(ctx, s_bar * s_bar) * reciprocal(ctx, c.alpha))
    return (abs(s * reciprocal(ctx, c.alpha * s_bar) - one) + abs(b * reciprocal(ctx, c.alpha * b_bar) - one)
            + abs(ratio - one))


def rhs(ctx, c):
    """3: the size of the three relative terms compared."""
    return 3 * ctx.mpf(1) + 0 * c.alpha


def symbolic(rng):
    g11, g12, g22 = sp.symbols("g11 g12 g22", real=True)
    mu = sp.Symbol("mu", nonnegative=True)
    alpha = sp.Symbol("alpha", positive=True)
    lam = sp.Symbol("lambda")
    G = sp.Matrix([[g11, g12], [g12, g22]])
    domain = {g11: (-3, 3), g12: (-3, 3), g22: (-3, 3)}
    charpoly = sp.expand((G * alpha**2 - lam * alpha**2 * sp.eye(2)).det())
    steps = [check_equal("det(alpha^2 G - alpha^2 lambda I) = alpha^4 det(G - lambda I): eig(alpha^2 G) = alpha^2 eig(G)",
                         "proof step", charpoly, sp.expand(alpha**4 * (G - lam * sp.eye(2)).det()),
                         {**domain, alpha: (0, 5), lam: (-3, 3)}, rng),
             check_equal("sigma_i(alpha Phibar) = sqrt(alpha^2 lambda_i) = alpha sqrt(lambda_i) = alpha sigma_i(Phibar)",
                         "proof step", sp.sqrt(alpha**2 * mu), alpha * sp.sqrt(mu), {alpha: (0, 5), mu: (0, 9)}, rng)]
    sb, bb = sp.symbols("sigmabar betabar", positive=True)
    steps.append(check_equal("beta/sigma^2 = (alpha betabar)/(alpha sigmabar)^2 = (betabar/sigmabar^2)(1/alpha)", "proof step",
                             (alpha * bb) / (alpha * sb)**2, bb / sb**2 / alpha, {alpha: (0, 10), sb: (0, 10), bb: (0, 10)}, rng))
    steps.append(check_equal("(betabar/sigmabar^2)(1/alpha) -> 0 as alpha -> infinity", "proof step",
                             sp.limit(bb / sb**2 / alpha, alpha, sp.oo), 0, {}, rng))
    return steps


STATEMENT = Statement(
    id="scaling-1",
    ref='Reparametrization, section "NTK Regime Analysis"',
    statement="For f = alpha fbar with theta_0 fixed: sigma = alpha sigmabar, beta = alpha betabar, and "
              "beta/sigma^2 = (betabar/sigmabar^2)/alpha -> 0 as alpha -> infinity.",
    kind="identity",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    hypotheses=within_rank,
)
