"""The pseudoinverse's operator norm (section "NTK For Quadratic Loss", proof of the Theorem).

Statement as printed: "Let Phi^+ be the pseudoinverse of Phi. Then Delta theta_hat = Phi^+ y and
||Phi^+||_op = 1/sigma."
Hypotheses: those of the Theorem: Phi real n x p, p >= n, rank Phi = n, sigma = sigma_min(Phi) > 0; any
n >= 1. Phi^+ is the Moore-Penrose pseudoinverse, for full row rank Phi^T (Phi Phi^T)^{-1}.
How it is checked: as an identity, numerically: ||Phi^+|| from the pseudoinverse (an inverse of Phi Phi^T,
LAPACK, mpmath or Arb's certified inverse) against 1/sigma with sigma from spectral norms only
(sigma^2 = ||G|| - || ||G|| I - G ||, G = Phi Phi^T), so neither side is computed from the other.
Symbolically, through the SVD Phi = U [S 0] V^T, Phi^+ = V [S^{-1}; 0] U^T and the operator norm is the largest
1/s_i = 1/min_i s_i (checked by sympy for two singular values; the general case is the same max/min).
Kind: identity.
Place in the paper: the proof of the Theorem (theorem-1), its second line; the notes print it without a name
(the id is this pack's: the first statement about the pseudoinverse).
"""
import sympy as sp

from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck.core.symbolic import check_le, matrix_identity
from proofcheck.numerics.linalg import reciprocal, spectral_norm
from proofcheck.numerics.pseudoinverse import pseudoinverse
from proofcheck_packs.ntk_notes_2025.models.least_squares import sigma, within_rank

SPACE = Space(dims={"n": (1, 8), "r": (0, 6)}, matrices=(Matrix("Phi", "n", "p"),), derived={"p": ("n+r", 0)})


def lhs(ctx, c):
    """| ||Phi^+||_op - 1/sigma |, the residual the statement says is 0."""
    return abs(spectral_norm(ctx, pseudoinverse(ctx, c.Phi)) - reciprocal(ctx, sigma(ctx, c.Phi)))


def rhs(ctx, c):
    """1/sigma, the size of the terms compared."""
    return reciprocal(ctx, sigma(ctx, c.Phi))


def symbolic(rng):
    s1, s2 = sp.symbols("s_1 s_2", positive=True)
    S = sp.Matrix([[s1, 0, 0], [0, s2, 0]])
    plus = S.T * (S * S.T).inv()
    steps = [matrix_identity("Phi^T (Phi Phi^T)^{-1} of [S 0] is [S^{-1}; 0]", "proof step",
                             plus, sp.Matrix([[1 / s1, 0], [0, 1 / s2], [0, 0]])),
             matrix_identity("it is the Moore-Penrose pseudoinverse: S S^+ S = S", "proof step", S * plus * S, S),
             matrix_identity("S S^+ is symmetric", "proof step", S * plus, (S * plus).T),
             matrix_identity("S^+ S S^+ = S^+ and S^+ S is symmetric", "proof step",
                             sp.Matrix.hstack(plus * S * plus, plus * S - (plus * S).T), sp.Matrix.hstack(plus, sp.zeros(3, 3)))]
    gram = plus.T * plus  # diag(1/s_1^2, 1/s_2^2): the squared singular values of S^+
    steps.append(matrix_identity("(S^+)^T S^+ = diag(1/s_1^2, 1/s_2^2)", "proof step", gram,
                                 sp.diag(1 / s1**2, 1 / s2**2)))
    t = sp.Symbol("t", nonnegative=True)
    steps.append(check_le("||S^+||_op = max(1/s_1, 1/s_2) is 1/s_1 = 1/sigma when s_1 = sigma <= s_2 = s_1 + t",
                          "proof step", 1 / (s1 + t), 1 / s1, {s1: (0, sp.oo), t: (0, sp.oo)}, rng,
                          detail="U and V orthogonal leave the operator norm unchanged, so ||Phi^+|| = ||S^+||, "
                                 "the largest of the 1/s_i."))
    return steps


STATEMENT = Statement(
    id="pseudoinverse-1",
    ref='Proof of the Theorem, section "NTK For Quadratic Loss"',
    statement="||Phi^+||_op = 1/sigma for Phi of full row rank n with sigma_min(Phi) = sigma > 0.",
    kind="identity",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    hypotheses=within_rank,
    orthogonal_invariance=True,
)
