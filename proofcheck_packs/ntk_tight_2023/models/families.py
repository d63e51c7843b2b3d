"""Case families of the models: trained quadratic models (see ``proofcheck_packs.ntk_tight_2023.models.training``) and the
two-layer network at the paper's initialization (``proofcheck_packs.ntk_tight_2023.models.network``).

The generic families scatter scales over many decades, where most flows are too stiff to
integrate within the step cap; the two quadratic ones stay where training is neither instantaneous
nor absent.
"""
from __future__ import annotations

import math

import numpy as np

from proofcheck.core.statement import Space
from proofcheck_packs.ntk_tight_2023.models.near_affine import DEGREE

Values = dict[str, np.ndarray]


def _log(rng: np.random.Generator, lo: float, hi: float, size: int) -> np.ndarray:
    return 10.0 ** rng.uniform(lo, hi, size=size)


def draw_scalars(rng: np.random.Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Every scalar: uniform on a bounded range, else low + 1e-2 .. 1e2 log-uniformly."""
    out = {}
    for s in space.scalars:
        if math.isinf(s.high):
            out[s.name] = s.low + _log(rng, -2, 2, batch)
        else:
            out[s.name] = rng.uniform(s.low, s.high, size=batch)
    return out


def trained_quadratic(rng: np.random.Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Gaussian J at a log-uniform scale, Q 1e-3 .. 1e2 times as large, alpha in 1e-2 .. 1e3 and
    T ||J||_F^2 in 1e-2 .. 30 (from barely trained to converged)."""
    n, p = dims["n"], dims["p"]
    sJ = _log(rng, -1, 1, batch)
    J = rng.standard_normal((batch, n, p)) * sJ[:, None, None]
    G = rng.standard_normal((batch, n, p, p))
    Q = (G + np.swapaxes(G, -1, -2)) / 2 * (sJ * _log(rng, -3, 2, batch))[:, None, None, None]
    r0 = rng.standard_normal((batch, n, 1)) * _log(rng, -2, 2, batch)[:, None, None]
    values = draw_scalars(rng, space, dims, batch)
    values.update(J=J, Q=Q, r0=r0, alpha=_log(rng, -2, 3, batch))
    if "T" in values:
        values["T"] = _log(rng, -2, np.log10(30), batch) / (np.linalg.norm(J.reshape(batch, -1), axis=1) ** 2 + 1e-300)
    return values


def appendix_b(rng: np.random.Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Appendix B's scalar model h(w) = a w + b w^2 / 2 in the first coordinates: a = 1/sqrt(T),
    b = Lip(Dh), w0 = 0, r0 = y* = sqrt(2 R0), other entries 0; kappa spans 1e-3 .. 1e2."""
    n, p = dims["n"], dims["p"]
    values = draw_scalars(rng, space, dims, batch)
    T = values["T"] if "T" in values else _log(rng, -2, 2, batch)
    alpha = _log(rng, -2, 3, batch)
    R0 = _log(rng, -3, 3, batch)
    kappa = _log(rng, -3, 2, batch)
    b = kappa * alpha / (T * np.sqrt(R0))
    J = np.zeros((batch, n, p))
    J[:, 0, 0] = 1 / np.sqrt(T)
    Q = np.zeros((batch, n, p, p))
    Q[:, 0, 0, 0] = b
    r0 = np.zeros((batch, n, 1))
    r0[:, 0, 0] = np.sqrt(2 * R0)
    values.update(J=J, Q=Q, r0=r0, alpha=alpha)
    if "T" in values:
        values["T"] = T
    return values


QUADRATIC_FAMILIES = {"trained_quadratic": trained_quadratic, "appendix_b": appendix_b}


def paper_init(rng: np.random.Generator, space: Space, dims: dict[str, int], batch_size: int) -> Values:
    """The paper's initialization: a, U i.i.d. Unif[-1/sqrt m, 1/sqrt m]; data x_i with norms 1e-1 .. 1e1,
    targets y_i ~ N(0, 1); alpha log-uniform in 1e-1 .. 1e3, any other unbounded scalar log-uniform in
    1e-1 .. 1e1 above its low end, a bounded one log-uniform in its range."""
    n, m, d = dims["n"], dims["m"], dims["d"]
    s = 1 / np.sqrt(m)
    X = rng.standard_normal((batch_size, n, d))
    X *= (10.0 ** rng.uniform(-1, 1, (batch_size, n, 1))) / np.maximum(np.linalg.norm(X, axis=2, keepdims=True), 1e-300)
    out = {"X": X, "y": rng.standard_normal((batch_size, n, 1)),
           "a": rng.uniform(-s, s, (batch_size, m, 1)), "U": rng.uniform(-s, s, (batch_size, m, d))}
    for sc in space.scalars:
        if np.isfinite(sc.high):  # a bounded scalar (Corollary 2.2's theta in (0, 1]): log-uniform inside its range
            out[sc.name] = sc.low + (sc.high - sc.low) * 10.0 ** rng.uniform(-2, 0, batch_size)
        else:
            out[sc.name] = 10.0 ** rng.uniform(-1, 3 if sc.name == "alpha" else 1, batch_size) + sc.low
    return out


NETWORK_FAMILIES = {"paper_init": paper_init}


def ball_cubic(rng: np.random.Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Cubic models where the ball matters (``proofcheck_packs.ntk_tight_2023.models.cubic``): J at a
    scale sJ in 0.3 .. 3, Q only 1e-3 .. 1e-1 times as large, G 1e-1 .. 1e2 times as large, so that
    Dh is nearly constant on a small ball and changes fast outside it; r0 at 1e-1 .. 3, alpha in
    1 .. 1e2, T ||J||_F^2 in 1e-2 .. 10 (flows that train without being stiff); a radius rho is drawn
    so that either printed horizon, alpha^2 rho^2 / R0 or alpha rho / (Lip(h) sqrt(R0)), is such a T
    (half the cases each), theta as for every trained statement."""
    n, p = dims["n"], dims["p"]
    values = trained_quadratic(rng, space, dims, batch)
    sJ = _log(rng, np.log10(0.3), np.log10(3), batch)
    J = rng.standard_normal((batch, n, p)) * sJ[:, None, None]
    G = rng.standard_normal((batch, n, p, p))
    Q = (G + np.swapaxes(G, -1, -2)) / 2 * (sJ * _log(rng, -3, -1, batch))[:, None, None, None]
    values.update(J=J, Q=Q, G=rng.standard_normal((batch, n, p)) * (sJ * _log(rng, -1, 2, batch))[:, None, None],
                  r0=rng.standard_normal((batch, n, 1)) * _log(rng, -1, np.log10(3), batch)[:, None, None],
                  alpha=_log(rng, 0, 2, batch))
    size = np.linalg.norm(J.reshape(batch, -1), axis=1)
    horizon = _log(rng, -2, 1, batch) / (size ** 2 + 1e-300)
    if "T" in values:
        values["T"] = horizon
    if "rho" in values:  # a radius whose horizon trains without being stiff, in either printed form
        root = np.linalg.norm(values["r0"].reshape(batch, -1), axis=1) / np.sqrt(2)
        alpha = values["alpha"]
        values["rho"] = np.where(rng.random(batch) < 0.5, np.sqrt(horizon) * root / alpha,  # T <= alpha^2 rho^2 / R0
                                 horizon * size * root / alpha)  # T <= alpha rho / (||J|| sqrt(R0))
    return values


BALL_FAMILIES = {"ball_cubic": ball_cubic}


def near_affine(rng: np.random.Generator, space: Space, dims: dict[str, int], batch: int) -> Values:
    """Models nearly affine on the ball (``proofcheck_packs.ntk_tight_2023.models.near_affine``,
    h = J w + Q[w, w]/2 + (||w||^2/s^2)^k N w): J at a scale sJ in 0.3 .. 3, r0 at 1e-1 .. 3, alpha in
    1 .. 1e2 and a horizon with T ||J||_F^2 in 1e-2 .. 1 (from lazy to trained, not stiff), from which
    the radius rho is drawn as in ``ball_cubic`` (either printed horizon) or, without a rho, is the
    ball sqrt(T R0)/alpha of Lemma A.1; the knee s is rho times 0.8 .. 1.25, Q rho and
    (2k + 1) ||N|| (rho/s)^(2k) (what Dh departs from J by on the ball) 1e-4 .. 1e-2 and
    1e-3 .. 1e-1 times sJ, so Dh changes by at most about a tenth on the ball and by 2^k times that
    at sqrt(2) s; theta (the share of the horizon) is the space's end in half the cases, and in half the cases
    r0 and N are aligned with J's top singular vectors (a one-dimensional model embedded)."""
    k = DEGREE
    n, p = dims["n"], dims["p"]
    values = draw_scalars(rng, space, dims, batch)
    sJ = _log(rng, np.log10(0.3), np.log10(3), batch)
    J = rng.standard_normal((batch, n, p)) * sJ[:, None, None]
    r0 = rng.standard_normal((batch, n, 1)) * _log(rng, -1, np.log10(3), batch)[:, None, None]
    alpha = _log(rng, 0, 2, batch)
    size = np.linalg.norm(J.reshape(batch, -1), axis=1)
    horizon = _log(rng, -2, 0, batch) / (size ** 2 + 1e-300)
    root = np.linalg.norm(r0.reshape(batch, -1), axis=1) / np.sqrt(2)  # sqrt(R0)
    if "rho" in values:  # a radius whose horizon is such a T, in either printed form
        rho = np.where(rng.random(batch) < 0.5, np.sqrt(horizon) * root / alpha,  # T <= alpha^2 rho^2 / R0
                       horizon * size * root / alpha)  # T <= alpha rho / (||J|| sqrt(R0))
        values["rho"] = rho
    else:
        rho = np.sqrt(horizon) * root / alpha  # training.ball_radius at T = horizon
    if "T" in values:
        values["T"] = horizon
    knee = rho * _log(rng, np.log10(0.8), np.log10(1.25), batch)
    G = rng.standard_normal((batch, n, p, p))
    Q = (G + np.swapaxes(G, -1, -2)) / 2 * (sJ * _log(rng, -4, -2, batch) / rho)[:, None, None, None]
    N = rng.standard_normal((batch, n, p))
    # half the cases aligned as in one dimension: r0 along J's top left singular vector u and N = u v^T (v the
    # right one), so that w moves along v at the largest speed ||J|| ||r0|| / alpha and N acts fully on that motion
    U, _, Vt = np.linalg.svd(J)
    aligned = rng.random(batch) < 0.5
    r0 = np.where(aligned[:, None, None], U[:, :, :1] * np.linalg.norm(r0, axis=1, keepdims=True)
                  * np.sign(rng.standard_normal((batch, 1, 1))), r0)
    N = np.where(aligned[:, None, None], np.einsum("bi,bj->bij", U[:, :, 0], Vt[:, 0, :]), N)
    N *= (sJ * _log(rng, -3, -1, batch) / ((2 * k + 1) * (rho / knee) ** (2 * k)
                                            * np.linalg.norm(N, ord=2, axis=(1, 2))))[:, None, None]
    values.update(J=J, Q=Q, N=N, r0=r0, alpha=alpha, knee=knee)
    for sc in space.scalars:  # half the cases at the largest time allowed, where w(t) goes furthest
        if sc.name == "theta":
            values["theta"] = np.where(rng.random(batch) < 0.5, sc.high, values["theta"])
    return values


NEAR_AFFINE_FAMILIES = {"near_affine": near_affine}
