"""The two-layer mean-field network of Section 2 as a parameter space, with its Lip(Dh) measured
from below and bounded as Lemma C.1's proof prints it.

Space: data X (n x d), targets y (n x 1), weights a (m x 1) and U (m x d) (the point w = (a, U), or
the initialization w0), alpha, and a dim ``tanh`` (0: sigmoid, 1: tanh).

The network: f_w(x) = (1/sqrt m) sum_j a_j sigma(sqrt m <x, u_j>), h(w) = [f_w(x_1), ..., f_w(x_n)] / sqrt n,
R(v) = ||v - y/sqrt n||^2 / 2, so y* = y / sqrt n; w = (a, U) flattened as (a_1..a_m, u_1, ..., u_m).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from proofcheck.numerics import batch
from proofcheck.models.case_cache import cached
from proofcheck.numerics.contexts import F64
from proofcheck.core.statement import Matrix, Scalar, Space


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
    # a network wider than the neurons it holds: ``width`` - m more neurons at a_j = 0, u_j = 0, which
    # tanh's flows (1) and (3) leave there (their field is sigma(0) = 0 and a_j = 0), so the flows, h, Dh
    # and D^2 h on that subspace are the wide network's exactly; a supremum over every direction (Lip(Dh)
    # from below) is not, and refuses. 0: the neurons held.
    width: int = 0

    @property
    def m(self) -> int:
        return self.a0.shape[1]

    @property
    def scale_width(self) -> int:
        """The m of the scale factors sqrt(m) and 1/sqrt(m): the network's width."""
        if self.width and (self.width < self.m or (self.width > self.m and self.sigma != "tanh")):
            raise ValueError(f"a width of {self.width} over {self.m} neurons is exact only for tanh, and above m")
        return self.width or self.m

    def refuse_if_held_reduced(self) -> None:
        """Refuse a quantity that ranges over every direction of a network held with idle neurons."""
        if self.scale_width > self.m:
            raise ValueError(f"a supremum over directions of a width-{self.width} network held as {self.m} neurons")

    @property
    def w0(self) -> np.ndarray:
        return np.concatenate([self.a0, self.U0.reshape(self.U0.shape[0], -1)], axis=1)

    def split(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        m = self.m
        return w[:, :m], w[:, m:].reshape(w.shape[0], m, -1)

    def _pre(self, U: np.ndarray) -> np.ndarray:
        """sqrt(m) <x_i, u_j>, shape (B, n, m)."""
        return self._root(self.scale_width) * np.einsum("bid,bjd->bij", self.X, U)

    def _root(self, k: int) -> Any:
        return self.ctx.sqrt(k)

    def h(self, w: np.ndarray) -> np.ndarray:
        a, U = self.split(w)
        s, _, _ = activation(self.ctx, self.sigma, self._pre(U))
        return np.einsum("bij,bj->bi", s, a) / (self._root(self.scale_width) * self._root(self.X.shape[1]))

    def residual(self, w: np.ndarray) -> np.ndarray:
        return self.ystar - self.alpha[:, None] * self.h(w)

    def nonlinear_part(self, w: np.ndarray) -> np.ndarray:
        """h(w) - hbar(w) = h(w) - h(w0) - Dh(w0)(w - w0), by subtraction: the network has no closed form
        for it (the polynomial models write theirs from their terms)."""
        w0 = self.w0
        return self.h(w) - self.h(w0) - np.einsum("bij,bj->bi", self.jacobian(w0), w - w0)

    @property
    def r0(self) -> np.ndarray:
        return self.residual(self.w0)

    def jacobian(self, w: np.ndarray) -> np.ndarray:
        """Dh(w): d/da_j = sigma(pre_ij)/sqrt(nm), d/du_j = a_j sigma'(pre_ij) x_i / sqrt n."""
        a, U = self.split(w)
        s, d1, _ = activation(self.ctx, self.sigma, self._pre(U))
        n = self.X.shape[1]
        da = s / (self._root(self.scale_width) * self._root(n))
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
        coef = da[:, None, :] * d1 + a[:, None, :] * d2 * self._root(self.scale_width) * xu
        dDU = coef[..., None] * self.X[:, :, None, :] / self._root(n)
        return np.concatenate([dDa, dDU.reshape(dDU.shape[0], n, -1)], axis=2)



def sup_derivatives(ctx: Any, sigma: str) -> tuple[Any, Any]:
    """||sigma'||_inf and ||sigma''||_inf in the context's numbers (sympy derives them in lemma-2.1's
    symbolic steps): 1/4 and 1/(6 sqrt 3) for the sigmoid, 1 and 4/(3 sqrt 3) for tanh."""
    if sigma == "sigmoid":
        return ctx.mpf(1) / 4, 1 / (6 * ctx.sqrt(3))
    return ctx.mpf(1), 4 / (3 * ctx.sqrt(3))


# ||sigma||, ||sigma'||, ||sigma''||, ||sigma'''|| (sup norms on R): the sigmoid's derivatives peak at
# 0 (orders 1, 3) and at log(2 +- sqrt 3) (order 2); tanh's at 0 and at atanh(1/sqrt 3). Lemma 2.1's
# symbolic steps derive orders 1 and 2 with sympy; tests/test_asymptotics.py checks all four.
SUP_NORMS = {"sigmoid": (1.0, 0.25, 1 / (6 * 3 ** 0.5), 0.125), "tanh": (1.0, 1.0, 4 / (3 * 3 ** 0.5), 2.0)}


def k_conditions(witness: dict[str, Any], K: float) -> list[str]:
    """Lemma 2.1's hypotheses at the constant K, each one a case violates named: (i) the sup norms of
    sigma and its first three derivatives, (ii) ||a|| + ||U|| (Euclidean and operator norms), (iii)
    max_i ||x_i||."""
    sigma = ACTIVATIONS[int(witness["dims"]["tanh"])]
    values = witness["values"]
    a, U, X = (np.asarray(values[k], dtype=float) for k in ("a", "U", "X"))
    out = [f"(i) ||{sigma}{chr(39) * k}|| = {v:.4g} > K = {K:g}" for k, v in enumerate(SUP_NORMS[sigma]) if v > K]
    size = float(np.linalg.norm(a) + np.linalg.norm(U, 2))
    if size > K:
        out.append(f"(ii) ||a|| + ||U|| = {size:.4g} > K = {K:g}")
    data = float(np.linalg.norm(X, axis=1).max())
    if data > K:
        out.append(f"(iii) max_i ||x_i|| = {data:.4g} > K = {K:g}")
    return out


def network_space(n: int, m: int, d: int, *scalars: Scalar, idle: int = 0) -> Space:
    """Networks of up to n data, m neurons held and d inputs; ``idle``: up to that many neurons more at
    a_j = 0, u_j = 0 (a dim of that name: the width is m + idle, see ``Network.width``)."""
    extra = {"idle": (0, idle)} if idle else {}
    return Space(dims={"n": (1, n), "m": (1, m), "d": (1, d), "one": (1, 1), "tanh": (0, 1), **extra},
                 matrices=(Matrix("X", "n", "d"), Matrix("y", "n", "one"), Matrix("a", "m", "one"), Matrix("U", "m", "d")),
                 scalars=scalars,
                 model=f"Section 2's two-layer networks f(x) = (1/sqrt m) sum_j a_j sigma(sqrt m <x, u_j>), sigmoid or tanh "
                       f"(n <= {n}, m <= {m}, d <= {d}" + (f", up to {idle} more neurons at a = u = 0" if idle else "")
                       + ")")


def activation_name(c: Any) -> str:
    return ACTIVATIONS[int(c.dims["tanh"])]


def model(ctx: Any, c: Any, alpha: np.ndarray | None = None) -> Network:
    """The case's network (kept on the namespace for each context and alpha)."""
    def make() -> Network:
        X = batch.matrix(ctx, c.X)
        ystar = batch.matrix(ctx, c.y)[..., 0] / ctx.sqrt(X.shape[1])
        scale = alpha if alpha is not None else batch.scalar(ctx, getattr(c, "alpha", 1.0))
        a = batch.matrix(ctx, c.a)[..., 0]
        idle = int(c.dims.get("idle", 0))
        return Network(ctx, X, a, batch.matrix(ctx, c.U), ystar, scale, activation_name(c), a.shape[1] + idle if idle else 0)
    return cached(c, "network", (ctx, alpha), make)


def hessian_direction(ctx: Any, net: Network, w: np.ndarray, iterations: int = 60, starts: int = 4) -> np.ndarray:
    """A unit v (B, p) that nearly maximizes ||D^2 h(w)[v]|| (operator norm), found in float64.

    sup_v ||D^2 h(w)[v]|| is the norm of the symmetric bilinear map D^2 h(w), which by Banach's
    theorem is sup_{z, v} z^T D^2 h(w)[v] v; alternating z <- D^2 h[v] v, v <- D^2 h[v]^T z is the
    higher-order power method. In mpmath the direction is found on the float64 rounding of the
    case, so the value at it (computed at full precision) is a lower bound at every precision."""
    net.refuse_if_held_reduced()
    f64 = Network(F64, *(np.asarray(x, dtype=float) for x in (net.X, net.a0, net.U0, net.ystar, net.alpha)), net.sigma)
    wf = np.asarray(w, dtype=float)
    # the random starts are a function of the case itself, so that a witness replays to its value
    # (the words as an array: SeedSequence reads them alike, a hundred times faster than as a list)
    rng = np.random.default_rng(np.random.SeedSequence(np.frombuffer(np.ascontiguousarray(wf).tobytes(), np.uint32)))
    B, p = wf.shape
    best_v, best = np.zeros((B, p)), np.full(B, -1.0)
    for _ in range(starts):
        v = rng.standard_normal((B, p))
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        for _ in range(iterations):
            H = f64.second_derivative(wf, v)
            z = np.einsum("bij,bj->bi", H, v)
            z /= np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-300)
            nv = np.einsum("bij,bi->bj", H, z)
            nrm = np.linalg.norm(nv, axis=1, keepdims=True)
            v = np.where(nrm > 0, nv / np.maximum(nrm, 1e-300), v)
        value = np.linalg.svd(f64.second_derivative(wf, v), compute_uv=False)[:, 0]
        better = value > best
        best_v[better], best[better] = v[better], value[better]
    return best_v


def hessian_image(ctx: Any, net: Network, w: np.ndarray) -> np.ndarray:
    """D^2 h(w)[v] (B, n, p) at the unit direction of ``hessian_direction`` (made unit in the
    context's arithmetic); its row i is D^2 f_w(x_i)[v] / sqrt(n)."""
    v = ctx.from_float64(hessian_direction(ctx, net, w))
    v = v / batch.norm(ctx, v)[:, None]
    return net.second_derivative(w, v)


def lip_dh_lower(ctx: Any, net: Network, w: np.ndarray) -> np.ndarray:
    """||D^2 h(w)[v]|| at the direction of ``hessian_direction``: a lower bound of ||D^2 h(w)||,
    hence of Lip(Dh) on any ball around w."""
    return batch.operator_norm(ctx, hessian_image(ctx, net, w))


def lip_df_lower(ctx: Any, net: Network, w: np.ndarray) -> np.ndarray:
    """max_i ||D^2 f_w(x_i)[v]|| at the same unit v: a lower bound of max_i Lip(Df_w(x_i))."""
    rows = hessian_image(ctx, net, w) * ctx.sqrt(net.X.shape[1])
    return batch.maximum(ctx, batch.norm(ctx, rows), axis=1)


def printed_bound(ctx: Any, net: Network, a_inf: np.ndarray) -> np.ndarray:
    """The bound at the end of Lemma C.1's proof: max_i [2 ||sigma'|| ||x_i|| / sqrt m + ||sigma''|| ||x_i||^2 ||a||_inf]."""
    d1, d2 = sup_derivatives(ctx, net.sigma)
    xn = batch.norm(ctx, net.X)
    root_m = ctx.sqrt(net.scale_width)
    terms = 2 * d1 * xn / root_m + d2 * xn * xn * a_inf[:, None]
    return batch.maximum(ctx, terms, axis=1)


def derivative_bound(ctx: Any, net: Network, a_inf: np.ndarray) -> np.ndarray:
    """The bound the derivative of Df_w gives: max_i [2 ||sigma'|| ||x_i|| + sqrt(m) ||sigma''|| ||x_i||^2 ||a||_inf]
    (d f/d a_j = sigma(sqrt m <u_j, x>)/sqrt m and d f/d u_j = a_j sigma'(sqrt m <u_j, x>) x)."""
    d1, d2 = sup_derivatives(ctx, net.sigma)
    xn = batch.norm(ctx, net.X)
    terms = 2 * d1 * xn + ctx.sqrt(net.scale_width) * d2 * xn * xn * a_inf[:, None]
    return batch.maximum(ctx, terms, axis=1)
