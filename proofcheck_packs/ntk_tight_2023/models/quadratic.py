"""Quadratic models h(w) = h0 + J w + Q[w, w]/2 with w0 = 0 (any quadratic model is one after a
translation), in both arithmetics (arrays with a leading batch axis, see ``proofcheck.numerics.batch``).
Its residual at w0 is the parameter r0, so h0 and y* need not be named. Appendix B's scalar model is
the case n = p = 1 (J = a, Q = b). A model knows its residual r(w) = y* - alpha h(w), its Jacobian
Dh(w) and the directional second derivative D^2 h(w)[v] (an n x p matrix)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from proofcheck.numerics import batch


@dataclass
class Quadratic:
    """h(w) = h0 + J w + Q[w, w]/2 around w0 = 0: J (B, n, p), Q (B, n, p, p) symmetric in its last
    two axes, r0 = y* - alpha h(0) (B, n), alpha (B,)."""

    ctx: Any
    J: np.ndarray
    Q: np.ndarray
    r0: np.ndarray
    alpha: np.ndarray

    @property
    def w0(self) -> np.ndarray:
        return batch.zeros(self.ctx, self.J.shape[:1] + self.J.shape[2:])

    def jacobian(self, w: np.ndarray) -> np.ndarray:
        """Dh(w) = J + Q[w, .]."""
        return self.J + batch.contract("bijk,bk->bij", self.Q, w)

    def nonlinear_part(self, w: np.ndarray) -> np.ndarray:
        """h(w) - hbar(w) = h(w) - h(w0) - Dh(w0)(w - w0) = Q[w, w]/2, from its own terms: the
        difference r(T) - rbar(T) is built from it (``training.residual_gap``) rather than by
        subtracting two residuals of size ||r0||, which cancel to its size (all digits, when alpha is small)."""
        return np.einsum("bijk,bj,bk->bi", self.Q, w, w) / 2

    def residual(self, w: np.ndarray) -> np.ndarray:
        """r(w) = r0 - alpha (J w + Q[w, w]/2)."""
        Jw = np.einsum("bij,bj->bi", self.J, w)
        Qww = np.einsum("bijk,bj,bk->bi", self.Q, w, w)
        return self.r0 - self.alpha[:, None] * (Jw + Qww / 2)

    def jacobian_and_residual(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Dh(w) and r(w) together: J w + Q[w, w]/2 = (J + Dh(w)) w / 2 reuses Q[w, .]."""
        D = self.jacobian(w)
        return D, self.r0 - self.alpha[:, None] * batch.contract("bij,bj->bi", self.J + D, w) / 2

    def second_derivative(self, w: np.ndarray, v: np.ndarray) -> np.ndarray:
        """D^2 h(w)[v] = Q[v, .], the same at every w."""
        return np.einsum("bijk,bk->bij", self.Q, v)


def lip_dh_quadratic(ctx: Any, Q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bounds on Lip(Dh) = ||Q||, the norm of Q as a symmetric bilinear map R^p x R^p -> R^n.

    By Banach's theorem on symmetric forms ||Q|| = sup_{|z| = 1} ||sum_i z_i Q_i||. From below:
    max_i ||Q_i|| (z a unit vector). From above: ||sum_i z_i Q_i x|| <= ||[Q_1 x ... Q_n x]||_F, so
    ||Q|| <= sqrt(||sum_i Q_i^2||). Both are exact when n = 1."""
    lower = batch.maximum(ctx, batch.operator_norm(ctx, Q), axis=1)
    squares = np.einsum("bijk,bikl->bjl", Q, Q)
    upper = batch.apply(ctx, "sqrt", batch.operator_norm(ctx, squares))
    if Q.shape[1] == 1:
        upper = lower
    return lower, upper

