"""Plots of the studies (matplotlib, written as SVG files beside their JSON)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


def _figure():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def scaling_plot(study: dict[str, Any], path: Path) -> Path:
    """log T_eps against log alpha per model: the measured points, each fitted line drawn over the
    range it was fitted on only, the paper's prediction beside them (a slope-1 line through each
    model's middle measured point, dashed) and, where a valid Lip(Dh) is known, Theorem 1.2's lower
    bound on T_eps (dotted)."""
    plt = _figure()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, res in study["models"].items():
        al = np.asarray(res["alpha"], dtype=float)
        T = np.asarray([np.nan if t is None else t for t in res["T_eps"]], dtype=float)
        keep = np.isfinite(T) & (T > 0)
        fit = res["fit"]
        label = name if fit["slope"] is None else f"{name}: slope {fit['slope']:.2f} ± {fit['stderr']:.2f}"
        line = ax.loglog(al[keep], T[keep], "o", label=label)[0]
        colour = line.get_color()
        if fit["slope"] is not None and keep.sum() >= 2:
            span = al[keep]
            grid = np.geomspace(span.min(), span.max(), 20)
            ax.loglog(grid, np.exp(fit["intercept"]) * grid ** fit["slope"], "-", color=colour, lw=1)
        if keep.any():
            mid = np.flatnonzero(keep)[keep.sum() // 2]
            ax.loglog(al, T[mid] * al / al[mid], "--", color=colour, lw=0.8, alpha=0.6)
        lower = res.get("theorem_1_2_lower")
        if lower:
            lo = np.asarray([np.nan if x is None else x for x in lower], dtype=float)
            ax.loglog(al, lo, ":", color=colour, lw=1.2, label=f"{name}: Theorem 1.2 lower bound on T_eps")
    ax.plot([], [], "k--", lw=0.8, label="paper: slope 1 (through each model's middle point)")
    ax.set_xlabel("alpha")
    ax.set_ylabel(f"T_eps (largest T with error <= {study['eps']})")
    ax.set_title("Validity time of the NTK approximation against alpha")
    ax.legend(fontsize=6)
    fig.tight_layout()
    fig.savefig(path, format="svg")
    plt.close(fig)
    return path


def sandwich_plot(study: dict[str, Any], path: Path) -> Path:
    """Measured error of Appendix B's model between Theorem 1.3's lower and Theorem 1.2's upper bound."""
    plt = _figure()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    k = study["kappa"]
    ax.loglog(k, study["upper_theorem_1_2"], "-", label="Theorem 1.2: min(6 kappa sqrt R0, sqrt(8 R0))")
    ax.loglog(k, study["measured"], "o", label="measured ||alpha h(w(T)) - alpha hbar(wbar(T))||")
    ax.loglog(k, study["lower_theorem_1_3"], "-", label="Theorem 1.3: min(kappa, 1) sqrt(R0)/5")
    ax.set_xlabel("kappa")
    ax.set_ylabel("error")
    ax.set_title(f"Appendix B model (alpha = {study['alpha']}, T = {study['T']}, R0 = {study['R0']})")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, format="svg")
    plt.close(fig)
    return path
