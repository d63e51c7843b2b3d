"""Theorem A.8 as the proof of Theorem 1.2 uses it (Appendix A.5): B_t constant.

Statement as used: A_t = Dh(w(t)) varies, B_t = Dh(w(0)) = B is constant, and
||prod_0^T e^{-A_s A_s^T ds} - e^{-B B^T T}|| <= (sup_t ||A_t - B||)(2 sqrt T + 3 T V({A_t}_{t in [0, T]})),
since V({A_t - B}) = V({A_t}).
Hypotheses: A_t real n x d, continuous (piecewise-linear on knots); B real n x d; T > 0.
How it is checked: as theorem-a.8, with e^{-B B^T T} in closed form.
Kind: upper bound.
Place in the paper: the proof of Theorem 1.2 (Appendix A.5).
"""
import numpy as np

from proofcheck_packs.ntk_tight_2023.statements.theorem_a_8 import symbolic
from proofcheck.numerics.linalg import gram_exp, spectral_norm
from proofcheck.numerics.paths import Estimate, knot_times, product_integral, sup_norm, total_variation
from proofcheck.core.statement import Matrix, Scalar, Space, Statement

SPACE = Space(dims={"n": (1, 4), "d": (1, 4), "k": (2, 4)}, derived={"g": ("k", -1)},
              matrices=(Matrix("A", "n", "d", count="k"), Matrix("B", "n", "d")),
              scalars=(Scalar("gap", count="g", open_low=True), Scalar("T", open_low=True)))


def lhs(ctx, c):
    """||prod_0^T e^{-A_s A_s^T ds} - e^{-B B^T T}||, with its discretization error."""
    PA = product_integral(ctx, c.A, knot_times(ctx, c.gap, c.T))
    return Estimate(spectral_norm(ctx, PA.value - gram_exp(ctx, c.B, c.T)), PA.error)


def rhs(ctx, c, constant=3):
    """sup_t ||A_t - B|| (2 sqrt T + constant T V(A)); the paper's constant is 3."""
    return sup_norm(ctx, [a - c.B for a in c.A]) * (2 * ctx.sqrt(c.T) + constant * c.T * total_variation(ctx, c.A))


def constant_near_b(rng, space, dims, batch):
    """A_t = B + C at every knot, C constant (V(A) = 0) and 1e-4 .. 1 times B, sqrt(T) ||B|| in
    [0.1, 10]: the constant-path corner, where the ratio reaches sqrt(2/e)/2 as C -> 0."""
    k, n, d = dims["k"], dims["n"], dims["d"]
    T = 10.0 ** rng.uniform(-2, 2, batch)
    B = rng.standard_normal((batch, n, d))
    B *= (10.0 ** rng.uniform(-1, 1, (batch, 1, 1)) / np.sqrt(T)[:, None, None]
          / np.linalg.norm(B, 2, axis=(-2, -1))[:, None, None])
    C = rng.standard_normal((batch, n, d))
    C *= 10.0 ** rng.uniform(-4, 0, (batch, 1, 1)) * np.linalg.norm(B, 2, axis=(-2, -1))[:, None, None] \
        / np.linalg.norm(C, 2, axis=(-2, -1))[:, None, None]
    return {"A": np.repeat((B + C)[:, None], k, axis=1), "B": B, "gap": rng.uniform(0.05, 1.0, (batch, dims["g"])),
            "T": T}


STATEMENT = Statement(
    id="theorem-a.8:as-used",
    ref="Theorem A.8 as used in the proof of Theorem 1.2 (B_t constant)",
    statement="||prod_0^T e^{-A_s A_s^T ds} - e^{-B B^T T}|| <= (sup_t ||A_t - B||)(2 sqrt T + 3 T V({A_t})).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    families={"constant_near_b": constant_near_b},
    orthogonal_invariance=True,
    uses=("lemma-a.10:as-used",),
    constant_printed="2 and 3",
)
