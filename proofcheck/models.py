"""Models h : R^p -> R^n trained by the gradient flows of the paper, in both arithmetics.

A model knows its residual r(w) = y* - alpha h(w), its Jacobian Dh(w) and the directional second
derivative D^2 h(w)[v] (an n x p matrix). Arrays carry a leading batch axis (see
``proofcheck.batch``): one implementation serves float64 screening and mpmath confirmation.

* ``Quadratic``: h(w) = h0 + J w + Q[w, w]/2 with w0 = 0 (any quadratic model is one after a
  translation). Its residual at w0 is the parameter r0, so h0 and y* need not be named.
  Appendix B's scalar model is the case n = p = 1 (J = a, Q = b).
* ``Network``: the mean-field two-layer network of Section 2,
  f_w(x) = (1/sqrt m) sum_j a_j sigma(sqrt m <x, u_j>), h(w) = [f_w(x_1), ..., f_w(x_n)] / sqrt n,
  R(v) = ||v - y/sqrt n||^2 / 2, so y* = y / sqrt n; w = (a, U) flattened as (a_1..a_m, u_1, ..., u_m).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from proofcheck import batch
from proofcheck.precision import is_float64


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
        return self.J + np.einsum("bijk,bk->bij", self.Q, w)

    def residual(self, w: np.ndarray) -> np.ndarray:
        """r(w) = r0 - alpha (J w + Q[w, w]/2)."""
        Jw = np.einsum("bij,bj->bi", self.J, w)
        Qww = np.einsum("bijk,bj,bk->bi", self.Q, w, w)
        return self.r0 - self.alpha[:, None] * (Jw + Qww / 2)

    def jacobian_and_residual(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Dh(w) and r(w) together: J w + Q[w, w]/2 = (J + Dh(w)) w / 2 reuses Q[w, .]."""
        D = self.jacobian(w)
        return D, self.r0 - self.alpha[:, None] * np.einsum("bij,bj->bi", self.J + D, w) / 2

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


ACTIVATIONS = ("sigmoid", "tanh")


def activation(ctx: Any, name: str, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """sigma, sigma' and sigma'' at x for the sigmoid or tanh."""
    if name == "sigmoid":
        s = 1 / (1 + batch.apply(ctx, "exp", -x))
        d1 = s * (1 - s)
        return s, d1, d1 * (1 - 2 * s)
    t = batch.apply(ctx, "tanh", x)
    d1 = 1 - t * t
    return t, d1, -2 * t * d1


@dataclass
class Network:
    """The two-layer network on data X (B, n, d) with weights split as a (B, m) and U (B, m, d)
    inside w, target y* = y / sqrt n (B, n), initialization w0 = (a0, U0), rescaling alpha (B,)."""

    ctx: Any
    X: np.ndarray
    a0: np.ndarray
    U0: np.ndarray
    ystar: np.ndarray
    alpha: np.ndarray
    sigma: str = "sigmoid"

    @property
    def m(self) -> int:
        return self.a0.shape[1]

    @property
    def w0(self) -> np.ndarray:
        return np.concatenate([self.a0, self.U0.reshape(self.U0.shape[0], -1)], axis=1)

    def split(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        m = self.m
        return w[:, :m], w[:, m:].reshape(w.shape[0], m, -1)

    def _pre(self, U: np.ndarray) -> np.ndarray:
        """sqrt(m) <x_i, u_j>, shape (B, n, m)."""
        return self._root(self.m) * np.einsum("bid,bjd->bij", self.X, U)

    def _root(self, k: int) -> Any:
        return np.sqrt(k) if is_float64(self.ctx) else self.ctx.sqrt(k)

    def h(self, w: np.ndarray) -> np.ndarray:
        a, U = self.split(w)
        s, _, _ = activation(self.ctx, self.sigma, self._pre(U))
        return np.einsum("bij,bj->bi", s, a) / (self._root(self.m) * self._root(self.X.shape[1]))

    def residual(self, w: np.ndarray) -> np.ndarray:
        return self.ystar - self.alpha[:, None] * self.h(w)

    @property
    def r0(self) -> np.ndarray:
        return self.residual(self.w0)

    def jacobian(self, w: np.ndarray) -> np.ndarray:
        """Dh(w): d/da_j = sigma(pre_ij)/sqrt(nm), d/du_j = a_j sigma'(pre_ij) x_i / sqrt n."""
        a, U = self.split(w)
        s, d1, _ = activation(self.ctx, self.sigma, self._pre(U))
        n = self.X.shape[1]
        da = s / (self._root(self.m) * self._root(n))
        dU = (d1 * a[:, None, :])[..., None] * self.X[:, :, None, :] / self._root(n)
        return np.concatenate([da, dU.reshape(dU.shape[0], n, -1)], axis=2)

    def jacobian_and_residual(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.jacobian(w), self.residual(w)

    def second_derivative(self, w: np.ndarray, v: np.ndarray) -> np.ndarray:
        """D^2 h(w)[v] for v = (da, dU): the derivative of Dh(w + eps v) at eps = 0."""
        a, U = self.split(w)
        da, dU = self.split(v)
        _, d1, d2 = activation(self.ctx, self.sigma, self._pre(U))
        n = self.X.shape[1]
        xu = np.einsum("bid,bjd->bij", self.X, dU)  # <x_i, du_j>
        dDa = d1 * xu / self._root(n)
        coef = da[:, None, :] * d1 + a[:, None, :] * d2 * self._root(self.m) * xu
        dDU = coef[..., None] * self.X[:, :, None, :] / self._root(n)
        return np.concatenate([dDa, dDU.reshape(dDU.shape[0], n, -1)], axis=2)
