"""Studies of the paper's headline, measured on trained models.

* ``scaling``: for a fixed model and data, and each alpha on a grid, the validity time
  T_eps(alpha) = the first T with ||alpha h(w(T)) - alpha hbar(wbar(T))|| > eps (the largest T before
  which the NTK approximation is eps-accurate), found by doubling then bisection on integrated
  flows; then the slope of log T_eps against log alpha, by least squares with its standard error.
  The paper's Theorem 1.2 predicts slope 1 when R0 stays fixed; Chizat et al.'s bound gives 1/2.
  Models: a random quadratic model (R0 fixed by construction), and the two-layer network with the
  paper's initialization, both as is (h(w0) != 0, so R0 grows like alpha^2) and centered
  (h(w) - h(w0), R0 fixed).
* ``sandwich``: Appendix B's scalar model trained for real, its measured error beside Theorem 1.3's
  lower bound and Theorem 1.2's upper bound as kappa varies.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
from scipy import stats

from proofcheck.numerics.flows import gradient_flows
from proofcheck_packs.ntk_tight_2023.models.network import Network
from proofcheck_packs.ntk_tight_2023.models.quadratic import Quadratic, lip_dh_quadratic
from proofcheck.numerics.contexts import F64
from proofcheck.core.pack import Study
from proofcheck_packs.ntk_tight_2023.models.training import approximation_error

ALPHAS = tuple(float(a) for a in np.logspace(0, 3, 7))
BISECTIONS = 16
STUDY_STIFFNESS = 1024.0  # a study integrates fewer, stiffer flows than a search: T lambda up to this


def _error(model: Any, T: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """||r(T) - rbar(T)|| and its integration error estimate, for a batch of models."""
    est = approximation_error(F64, gradient_flows(F64, model, T, max_stiffness=STUDY_STIFFNESS))
    return est.value.reshape(-1), est.error.reshape(-1)


def validity_time(model: Any, eps: float, t_start: float, t_cap: float) -> tuple[np.ndarray, np.ndarray]:
    """T_eps per case: doubling from t_start until the error exceeds eps, then bisection (in log T).
    Returns T_eps (NaN where no crossing before t_cap) and the largest integration error met."""
    B = model.alpha.shape[0]
    lo, hi = np.zeros(B), np.full(B, np.nan)
    T = np.full(B, t_start)
    worst = np.zeros(B)
    while np.any(np.isnan(hi) & (T <= t_cap)):
        err, e = _error(model, T)
        stuck = np.isnan(hi) & ~np.isfinite(err)  # too stiff to integrate: no crossing found
        T = np.where(stuck, np.inf, T)
        worst = np.fmax(worst, e)
        crossed = np.isnan(hi) & (err > eps)
        hi = np.where(crossed, T, hi)
        lo = np.where(np.isnan(hi), T, lo)
        T = np.where(np.isnan(hi) & (T <= t_cap), 2 * T, T)
    ok = ~np.isnan(hi)
    lo = np.where(lo == 0, hi / 2, lo)
    for _ in range(BISECTIONS):
        mid = np.sqrt(np.where(ok, lo * hi, 1.0))
        err, e = _error(model, mid)
        worst = np.fmax(worst, np.where(ok, e, 0))
        above = err > eps
        hi = np.where(ok & above, mid, hi)
        lo = np.where(ok & ~above, mid, lo)
    return np.where(ok, np.sqrt(lo * hi), np.nan), worst


def fit_slope(alphas: np.ndarray, times: np.ndarray) -> dict[str, Any]:
    """Least-squares slope of log T against log alpha, its standard error and 95% interval."""
    keep = np.isfinite(times) & (times > 0)
    x, y = np.log(alphas[keep]), np.log(times[keep])
    if keep.sum() < 3:
        return {"slope": None, "stderr": None, "ci95": None, "points": int(keep.sum())}
    fit = stats.linregress(x, y)
    half = stats.t.ppf(0.975, keep.sum() - 2) * fit.stderr
    return {"slope": float(fit.slope), "stderr": float(fit.stderr), "ci95": [float(fit.slope - half), float(fit.slope + half)],
            "intercept": float(fit.intercept), "points": int(keep.sum())}


def _repeat(model: Any, alphas: np.ndarray) -> Any:
    """One model copied along the batch, one alpha per copy."""
    fields = {f.name: np.repeat(getattr(model, f.name), len(alphas), axis=0) for f in dataclasses.fields(model)
              if isinstance(getattr(model, f.name), np.ndarray)}
    fields["alpha"] = alphas
    return dataclasses.replace(model, **fields)


@dataclass
class Centered:
    """h(w) - h(w0): the same network with its initial output subtracted, so r0 = y* and R0 is fixed."""

    base: Network

    def __getattr__(self, name: str) -> Any:
        return getattr(self.base, name)

    def residual(self, w: np.ndarray) -> np.ndarray:
        return self.base.residual(w) + self.base.alpha[:, None] * self.base.h(self.base.w0)

    def jacobian_and_residual(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.base.jacobian(w), self.residual(w)

    @property
    def r0(self) -> np.ndarray:
        return self.residual(self.base.w0)


def models(seed: int) -> dict[str, Callable[[np.ndarray], Any]]:
    """The study's models, each a function of the alpha grid."""
    rng = np.random.default_rng(seed)
    n, p = 3, 4
    J = 0.03 * rng.standard_normal((1, n, p)) / np.sqrt(p)  # slow kernel: the crossing comes before convergence
    G = rng.standard_normal((1, n, p, p))
    Q = (G + np.swapaxes(G, -1, -2)) / 2
    r0 = rng.standard_normal((1, n))
    quad = Quadratic(F64, J, Q, r0, np.ones(1))
    out: dict[str, Callable[[np.ndarray], Any]] = {"quadratic": lambda al: _repeat(quad, al)}
    nn, m, d = 8, 16, 2
    X = rng.standard_normal((1, nn, d))
    X /= np.linalg.norm(X, axis=2, keepdims=True)
    y = rng.standard_normal((1, nn))
    s = 1 / np.sqrt(m)
    a0, U0 = rng.uniform(-s, s, (1, m)), rng.uniform(-s, s, (1, m, d))
    for sigma in ("sigmoid", "tanh"):
        net = Network(F64, X, a0, U0, y / np.sqrt(nn), np.ones(1), sigma)
        out[f"network-{sigma}"] = (lambda net: lambda al: _repeat(net, al))(net)
        out[f"network-{sigma}-centered"] = (lambda net: lambda al: Centered(_repeat(net, al)))(net)
    return out


def _lip_dh(model: Any) -> float | None:
    """A valid Lip(Dh) of a study model (the quadratic's bound sqrt(||sum_i Q_i^2||)); None for the
    networks, whose Lip(Dh) on the region the flow visits is not computed."""
    base = getattr(model, "base", model)
    Q = getattr(base, "Q", None)
    if Q is None:
        return None
    return float(lip_dh_quadratic(F64, Q[:1])[1][0])


def scaling(seed: int = 0, eps: float = 0.01, alphas: tuple[float, ...] = ALPHAS,
            progress: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """T_eps(alpha) for every study model, and the fitted slopes."""
    al = np.asarray(alphas, dtype=float)
    results = {}
    partial = False
    for name, make in models(seed).items():
        progress(name)
        model = make(al)
        try:
            times, err = validity_time(model, eps, t_start=1e-2, t_cap=1e4)
        except KeyboardInterrupt:  # keep the models already measured
            partial = True
            break
        R0 = (model.r0 ** 2).sum(axis=-1) / 2
        lip = _lip_dh(model)
        # Theorem 1.2: the error is at most 6 kappa sqrt(R0) = 6 T Lip(Dh) R0 / alpha, so it stays below eps
        # at least until T = eps alpha / (6 Lip(Dh) R0) (a valid Lip(Dh) gives a valid lower bound on T_eps)
        lower = None if lip is None else [float(eps * a / (6 * lip * r)) if r > 0 else None for a, r in zip(al, R0)]
        results[name] = {"alpha": al.tolist(), "T_eps": [None if not np.isfinite(t) else float(t) for t in times],
                         "lip_dh": lip, "theorem_1_2_lower": lower,
                         "no_crossing": "T_eps is null where the error stayed below eps up to T = 1e4 or until the flow "
                                        "became too stiff to integrate (converged)",
                         "R0": R0.tolist(), "integration_error": err.tolist(), "fit": fit_slope(al, times)}
    return {"study": "scaling", "seed": seed, "eps": eps, "bisections": BISECTIONS, "models": results, "partial": partial,
            "predicted": {"paper (Theorem 1.2, R0 fixed)": 1.0, "Chizat et al. (Proposition 1.1)": 0.5}}


def sandwich(kappas: tuple[float, ...] = tuple(float(k) for k in np.logspace(-3, 2, 21)),
             alpha: float = 1.0, T: float = 1.0, R0: float = 1.0) -> dict[str, Any]:
    """Appendix B's model trained by the integrator, for each kappa (Lip(Dh) = kappa alpha / (T sqrt R0)):
    the measured error beside min(kappa, 1) sqrt(R0)/5 (Theorem 1.3) and min(6 kappa sqrt R0, sqrt(8 R0))
    (Theorem 1.2)."""
    k = np.asarray(kappas, dtype=float)
    B = len(k)
    b = k * alpha / (T * np.sqrt(R0))
    J = np.full((B, 1, 1), 1 / np.sqrt(T))
    Q = b.reshape(B, 1, 1, 1)
    r0 = np.full((B, 1), np.sqrt(2 * R0))
    model = Quadratic(F64, J, Q, r0, np.full(B, alpha))
    err, e = _error(model, np.full(B, T))
    lower = np.minimum(k, 1) * np.sqrt(R0) / 5
    upper = np.minimum(6 * k * np.sqrt(R0), np.sqrt(8 * R0))
    return {"study": "sandwich", "alpha": alpha, "T": T, "R0": R0, "kappa": k.tolist(), "measured": err.tolist(),
            "integration_error": e.tolist(), "lower_theorem_1_3": lower.tolist(), "upper_theorem_1_2": upper.tolist(),
            "measured_over_lower_min": float(np.min(err / lower)), "upper_over_measured_min": float(np.min(upper / err))}


def _slope_line(name: str, fit: dict[str, Any]) -> str:
    if fit.get("slope") is None:
        return f"{name}: too few crossings to fit"
    return (f"{name}: slope {fit['slope']:.3f} ± {fit['stderr']:.3f} (95% interval {fit['ci95'][0]:.2f} .. "
            f"{fit['ci95'][1]:.2f}, {fit['points']} alphas)")


def headline(seed: int = 0, eps: float = 0.01, progress: Callable[[str], None] = lambda s: None,
             stem: str = "reports/study-scaling") -> list[Study]:
    """``proofcheck study scaling``: the validity time against alpha, and Appendix B's sandwich, each with its
    plot written beside ``stem``."""
    from proofcheck_packs.ntk_tight_2023 import plots
    measured = scaling(seed=seed, eps=eps, progress=progress)
    between = sandwich()
    measured["plot"] = str(plots.scaling_plot(measured, Path(f"{stem}-alpha.svg")))
    between["plot"] = str(plots.sandwich_plot(between, Path(f"{stem}-sandwich.svg")))
    return [
        Study("scaling", f"Validity time against alpha (eps = {eps}; paper: slope 1, Chizat et al.: 1/2)",
              tuple(_slope_line(name, res["fit"]) for name, res in measured["models"].items()),
              plot=measured["plot"], data=measured, partial=bool(measured["partial"])),
        Study("sandwich", "Appendix B sandwich: measured error between Theorems 1.3 and 1.2",
              (f"measured / Theorem 1.3 lower bound >= {between['measured_over_lower_min']:.3f}",
               f"Theorem 1.2 upper bound / measured >= {between['upper_over_measured_min']:.3f}"),
              plot=between["plot"], data=between),
    ]
