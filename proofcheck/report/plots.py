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
    """log T_eps against log alpha per model, with each fitted line and the slopes 1 and 1/2 for reference."""
    plt = _figure()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, res in study["models"].items():
        al = np.asarray(res["alpha"], dtype=float)
        T = np.asarray([np.nan if t is None else t for t in res["T_eps"]], dtype=float)
        fit = res["fit"]
        label = name if fit["slope"] is None else f"{name}: slope {fit['slope']:.2f} ± {fit['stderr']:.2f}"
        line = ax.loglog(al, T, "o", label=label)[0]
        if fit["slope"] is not None:
            ax.loglog(al, np.exp(fit["intercept"]) * al ** fit["slope"], "-", color=line.get_color(), lw=1)
    ax.set_xlabel("alpha")
    ax.set_ylabel(f"T_eps (largest T with error <= {study['eps']})")
    ax.set_title("Validity time of the NTK approximation against alpha")
    ax.legend(fontsize=7)
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
