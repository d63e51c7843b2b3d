"""Lemma (section "Validity of NTKs"), second display: the remainder on the Theorem's ball.

Statement as printed: "If we restrict theta to {theta_0 + Delta theta | ||Delta theta||_2 <= O(sqrt(n)/sigma)}
then we can bound ||f_theta(x) - g_theta(x)|| <= O(beta n / sigma^2)."
Hypotheses: those of the first display (lemma-1: grad_theta f_theta(x) beta-Lipschitz in theta, the norm on the
left read as |.|) and of the Theorem (theorem-1: sigma = sigma_min(Phi) > 0 for the n x p matrix Phi whose rows are
grad_theta f_{theta_0}(x_i), p >= n). The two O(.)s are read as: for every K > 0 there is C depending only on K
such that ||Delta theta||_2 <= K sqrt(n)/sigma implies |f_theta(x) - g_theta(x)| <= C beta n / sigma^2 (C may not
depend on n, p, sigma, beta or the model).
How it is checked: over the quadratic part of the notes' smooth model (f_theta(x) = q^T A q / 2 + b^T q at the
point x, Hessian A, beta = ||A|| exactly), with Phi the Jacobian of the n data points at theta_0 (free: the
data's linear terms), Delta theta = s K sqrt(n)/sigma u/||u|| with s in [0, 1] (so the case lies in the ball by
construction); the argument gives C = K^2/2 (lemma-1's sharp 1/2 times the ball's radius squared), sharp and an
equality at every case with p = 1 on the ball's edge (s = 1), which no precision or enclosure decides: the cases
check twice it, C = K^2, and their worst ratio measures it (1/2 is C = K^2/2); the existential C by families at K = 1 along n and along sigma (LHS / (beta n / sigma^2)
bounded).
Kind: upper bound.
Place in the paper: section "Validity of NTKs"; it follows from lemma-1 with the radius of theorem-1. The notes'
conclusion that the NTK region "becomes bigger for larger alpha" rests on it and on scaling-1.
"""

import numpy as np

from proofcheck.core.statement import Matrix, Scalar, Space, Statement, Uniformity
from proofcheck.numerics.linalg import reciprocal, spectral_norm, transpose
from proofcheck_packs.ntk_notes_2025.models.least_squares import sigma, within_rank

SPACE = Space(dims={"n": (1, 6), "r": (0, 4), "one": (1, 1)},
              matrices=(Matrix("Phi", "n", "p"), Matrix("M", "p", "p"), Matrix("u", "p", "one")),
              scalars=(Scalar("K", open_low=True), Scalar("s", 0.0, 1.0)), derived={"p": ("n+r", 0)})


def _step(ctx, c):
    """Delta theta = s K sqrt(n)/sigma u/||u||, inside the ball of radius K sqrt(n)/sigma."""
    n = ctx.mpf(ctx.rows(c.Phi))
    return c.u * (c.s * c.K * ctx.sqrt(n) * reciprocal(ctx, sigma(ctx, c.Phi)) * reciprocal(ctx, spectral_norm(ctx, c.u)))


def _hessian(ctx, c):
    """A = (M + M^T)/2: every symmetric Hessian is one (the space draws M, a matrix of any kind)."""
    return (c.M + transpose(ctx, c.M)) * ctx.mpf(0.5)


def lhs(ctx, c):
    """|f_theta(x) - g_theta(x)| = |Delta theta^T A Delta theta| / 2 for the quadratic model."""
    D = _step(ctx, c)
    return spectral_norm(ctx, transpose(ctx, D) @ _hessian(ctx, c) @ D) / 2


def rest_of_bound(ctx, c):
    """beta n / sigma^2, beta = ||A||."""
    inv = reciprocal(ctx, sigma(ctx, c.Phi))
    return spectral_norm(ctx, _hessian(ctx, c)) * ctx.mpf(ctx.rows(c.Phi)) * inv * inv


def rhs(ctx, c, constant=1):
    """constant K^2 beta n / sigma^2: twice the argument's sharp C = K^2/2 (constant = 1), see the docstring."""
    return constant * c.K * c.K * rest_of_bound(ctx, c)


def _witness(Phi, A, u, K=1.0, s=1.0):
    Phi, A = np.asarray(Phi, dtype=float), np.asarray(A, dtype=float)
    n, p = Phi.shape
    rows = lambda M: [[repr(float(v)) for v in row] for row in M]
    return {"dims": {"n": n, "r": p - n, "p": p, "one": 1},
            "values": {"Phi": rows(Phi), "M": rows(A), "u": rows(np.asarray(u, dtype=float).reshape(-1, 1)),
                       "K": repr(float(K)), "s": repr(float(s))}}


def along_n(n):
    """Phi = [I_n 0], A = diag(1, -1/2, ...) (beta = 1), the step along A's top eigenvector, on the ball's edge."""
    n = int(n)
    p = n + 1
    A = np.diag([1.0] + [-0.5] * (p - 1))
    return _witness(np.eye(n, p), A, np.eye(p)[0])


def along_sigma(v):
    """Phi = diag(1, v) next to a zero column: sigma = v."""
    A = np.diag([0.3, 1.0, -0.2])
    return _witness([[1.0, 0.0, 0.0], [0.0, v, 0.0]], A, [0.2, 1.0, 0.1])


def within_k(witness, K=1.0):
    k = float(witness["values"]["K"])
    return [] if k <= K else [f"K = {k:g} > {K:g}"]


STATEMENT = Statement(
    id="lemma-1b",
    ref='Lemma, section "Validity of NTKs", second display',
    statement="On {theta_0 + Delta theta : ||Delta theta||_2 <= O(sqrt(n)/sigma)}: |f_theta(x) - g_theta(x)| <= "
              "O(beta n / sigma^2).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    uses=("lemma-1", "theorem-1"),
    hypotheses=within_rank,
    constant_printed="O(.) (an unnamed C depending only on the ball's constant K)",
    constant_proof="K^2/2 (lemma-1's 1/2 times (K sqrt(n)/sigma)^2 / (n / sigma^2))",
    notes="C is existential: families along n and sigma at K = 1 decide it; the cases check C = K^2, twice the "
          "argument's sharp K^2/2 (an equality for p = 1 on the ball's edge), so a worst ratio of 1/2 measures it.",
    existential=(
        Uniformity("n", "K = 1", along_n, tuple(float(2 ** k) for k in range(0, 6)), within=within_k,
                   normalizer=rest_of_bound, why="C may depend only on K: not on n."),
        Uniformity("sigma", "K = 1", along_sigma, tuple(2.0 ** -k for k in range(0, 21, 2)), within=within_k,
                   normalizer=rest_of_bound, why="C may depend only on K: not on sigma."),
    ),
)
