"""Theorem (section "NTK For Quadratic Loss"): the minimum-norm solution's bound.

Statement as printed: "If we assume y_i = O(1) and ||y||_2 = O(sqrt(n)), then the following bound can be
proved. Theorem: If p >= n (overparametrization), rank Phi = n, and sigma_min(Phi) = sigma > 0, then the
minimum norm solution Delta theta_hat satisfies ||Delta theta_hat||_2 <= O(sqrt(n)/sigma)."
Hypotheses: Phi real n x p with p >= n and rank n (sigma = sigma_min(Phi) > 0), y in R^n, any n >= 1;
Delta theta_hat = argmin {||Delta theta||_2 : Phi Delta theta = y}, the minimum-norm minimizer of
L = ||y - Phi Delta theta||^2 / n. The assumptions on y are read as: there is K with ||y||_2 <= K sqrt(n)
(the form the proof uses; y_i = O(1), read as |y_i| <= K, implies it with the same K, so this reading is the
weaker hypothesis and the stronger statement). The O(.) hides a constant C: read as existential, "there is
C depending only on K such that ||Delta theta_hat||_2 <= C sqrt(n)/sigma for every n, p >= n, Phi and y as
above" (C may not depend on n, p, sigma or Phi).
How it is checked: the cases check the bound with C = 2K, where K = ||y||/sqrt(n) is the smallest K the case
satisfies (the right side grows with K, so every K is covered): ||Phi^+ y|| <= 2K sqrt(n)/sigma, with Phi^+ = Phi^T (Phi Phi^T)^{-1} and sigma from spectral norms only
(``proofcheck.numerics.pseudoinverse``), so the two sides are computed independently. The existential C is
checked by families at K = 1 along n, along sigma and along p, where LHS / (sqrt(n)/sigma) must stay bounded.
The proof's three lines are checked as steps. The proof's C = K is sharp (y along the left singular vector of
sigma gives equality), and it is an equality for every case with n = 1 (||Phi^+ y|| = |y|/sigma): no precision and
no enclosure decides an equality, so the cases check twice it, and their worst ratio measures it (1/2 is C = K).
Kind: upper bound.
Place in the paper: section "NTK For Quadratic Loss"; its radius O(sqrt(n)/sigma) is the ball of the Lemma's
second display (lemma-1b). The line "the nearest global solution exists in a ball around theta_0 whose radius
is bound" is this statement read in words.
"""
import math

import numpy as np

from proofcheck.core.proof import Step
from proofcheck.core.statement import Matrix, Space, Statement, Uniformity
from proofcheck.numerics.linalg import reciprocal, spectral_norm
from proofcheck.numerics.pseudoinverse import pseudoinverse
from proofcheck_packs.ntk_notes_2025.models.least_squares import (interpolation_residual, minimum_norm_solution, norm,
                                                                  sigma, within_rank)

SPACE = Space(dims={"n": (1, 8), "r": (0, 6), "one": (1, 1)},
              matrices=(Matrix("Phi", "n", "p"), Matrix("y", "n", "one")), derived={"p": ("n+r", 0)})


def lhs(ctx, c):
    """||Delta theta_hat||_2 = ||Phi^+ y||_2."""
    return norm(ctx, minimum_norm_solution(ctx, c.Phi, c.y))


def _K(ctx, c):
    """K = ||y||_2 / sqrt(n), the smallest K with ||y|| <= K sqrt(n)."""
    return norm(ctx, c.y) / ctx.sqrt(ctx.mpf(ctx.rows(c.Phi)))


def rhs(ctx, c, constant=2):
    """constant * K * sqrt(n) / sigma: twice the proof's sharp C = K (constant = 2), see the docstring."""
    return constant * _K(ctx, c) * ctx.sqrt(ctx.mpf(ctx.rows(c.Phi))) * reciprocal(ctx, sigma(ctx, c.Phi))


def rest_of_bound(ctx, c):
    """sqrt(n)/sigma, what C multiplies."""
    return ctx.sqrt(ctx.mpf(ctx.rows(c.Phi))) * reciprocal(ctx, sigma(ctx, c.Phi))


def _witness(Phi, y):
    Phi, y = np.asarray(Phi, dtype=float), np.asarray(y, dtype=float).reshape(-1, 1)
    n, p = Phi.shape
    return {"dims": {"n": n, "r": p - n, "p": p, "one": 1},
            "values": {"Phi": [[repr(float(v)) for v in row] for row in Phi],
                       "y": [[repr(float(v))] for v in y[:, 0]]}}


def _fixed(n, p):
    """A fixed well-spread n x p matrix (rows cos((i + 1)(j + 1) / 2) plus the identity block)."""
    i, j = np.meshgrid(np.arange(n), np.arange(p), indexing="ij")
    return np.cos((i + 1) * (j + 1) / 2) + np.eye(n, p)


def _worst_y(Phi, K=1.0):
    """y = K sqrt(n) u_min: ||y|| = K sqrt(n), along the left singular vector of sigma_min."""
    U, _, _ = np.linalg.svd(Phi)
    return K * math.sqrt(Phi.shape[0]) * U[:, -1]


def along_n(n):
    Phi = _fixed(int(n), int(n) + 2)
    return _witness(Phi, _worst_y(Phi))


def along_sigma(s):
    """Phi = diag(1, s) next to a zero column, y = sqrt(2) e_2: sigma = s (s <= 1)."""
    return _witness([[1.0, 0.0, 0.0], [0.0, s, 0.0]], [0.0, math.sqrt(2.0)])


def along_p(p):
    Phi = _fixed(3, int(p))
    return _witness(Phi, _worst_y(Phi))


def within_k(witness, K=1.0):
    """||y|| <= K sqrt(n) at K = 1 (with a float64 margin)."""
    y = np.asarray(witness["values"]["y"], dtype=float)
    n = witness["dims"]["n"]
    return [] if np.linalg.norm(y) <= K * math.sqrt(n) * (1 + 1e-12) else [f"||y|| > K sqrt(n) = {K * math.sqrt(n):g}"]


PLACE = 'section "NTK For Quadratic Loss", proof of the Theorem'

PROOF = (
    Step("Phi^+ y", "Let Phi^+ be the pseudoinverse of Phi. Then Delta theta_hat = Phi^+ y", f"{PLACE}, line 1",
         kind="identity", lhs=lambda ctx, c: interpolation_residual(ctx, c.Phi, c.y), rhs=lambda ctx, c: norm(ctx, c.y),
         reading="Checked as: Phi^+ y solves Phi Delta theta = y (the residual ||Phi Phi^+ y - y|| is 0, so the loss is "
                 "at its minimum 0); it lies in the row space of Phi by construction (Phi^+ = Phi^T (Phi Phi^T)^{-1}), "
                 "which makes it the minimum-norm solution."),
    Step("||Phi^+|| = 1/sigma", "||Phi^+||_op = 1/sigma", f"{PLACE}, line 1", kind="identity",
         lhs=lambda ctx, c: abs(spectral_norm(ctx, pseudoinverse(ctx, c.Phi)) - reciprocal(ctx, sigma(ctx, c.Phi))),
         rhs=lambda ctx, c: reciprocal(ctx, sigma(ctx, c.Phi)), uses=("pseudoinverse-1",)),
    Step("<=", "||Delta theta_hat||_2 <= ||Phi^+||_op ||y||_2 <= O((1/sigma) sqrt(n))", f"{PLACE}, display",
         kind="upper", lhs=lhs, rhs=lambda ctx, c: spectral_norm(ctx, pseudoinverse(ctx, c.Phi)) * norm(ctx, c.y),
         follows=("theorem-1:step-1",)),
)

STATEMENT = Statement(
    id="theorem-1",
    ref='Theorem, section "NTK For Quadratic Loss"',
    statement="If p >= n, rank Phi = n and sigma_min(Phi) = sigma > 0 (with ||y||_2 = O(sqrt n)), the minimum-norm "
              "solution satisfies ||Delta theta_hat||_2 <= O(sqrt(n)/sigma).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    uses=("loss-1", "pseudoinverse-1"),
    hypotheses=within_rank,
    constant_printed="O(.) (an unnamed C depending only on K, ||y|| <= K sqrt n)",
    constant_proof="C = K (||Phi^+|| ||y|| <= (1/sigma) K sqrt n), sharp",
    notes="C is existential: the families along n, sigma and p at K = 1 decide whether it may depend on K alone; the "
          "cases check C = 2K, twice the proof's sharp C = K (an equality at n = 1), so a worst ratio of 1/2 measures it.",
    proof=PROOF,
    existential=(
        Uniformity("n", "K = 1", along_n, tuple(float(2 ** k) for k in range(0, 6)), within=within_k,
                   normalizer=rest_of_bound, why="C may depend only on K: not on the number n of data points."),
        Uniformity("sigma", "K = 1", along_sigma, tuple(2.0 ** -k for k in range(0, 21, 2)), within=within_k,
                   normalizer=rest_of_bound, why="C may depend only on K: not on sigma."),
        Uniformity("p", "K = 1", along_p, tuple(float(3 * 2 ** k) for k in range(0, 6)), within=within_k,
                   normalizer=rest_of_bound, why="C may depend only on K: not on the width p."),
    ),
)
