"""The paper's symmetries, for the engine's symbolic scaling audit (``proofcheck.core.scaling``).

The symmetries of training (flows (1) and (3) with the square loss) are below. Each leaves the
residuals' dynamics the same up to a change of the time variable:
- ``w -> c w``: reparametrizing the model as h(w/c) makes Dh -> Dh/c and the flow run c^2 slower;
- ``h -> c h, alpha -> alpha/c``: alpha h is unchanged, Dh -> c Dh, the flow runs c^2 faster;
- ``(y*, h) -> c (y*, h)``: residuals and Dh -> c, R0 -> c^2 R0, the flow runs c^2 faster.
"""
from __future__ import annotations

from typing import Mapping

from proofcheck.core import scaling
from proofcheck.core.scaling import Symmetry

# base quantities of the training statements: T (time), alpha, R0, LipDh, Liph, Dh0 (||Dh(w0)||),
# dw (a weight displacement), r (a residual or its error), K (a kernel's norm), rho (a radius of w)
TRAINING = (
    Symmetry("w -> c w (time -> c^2 time)",
             {"T": 2, "alpha": 0, "R0": 0, "LipDh": -2, "Liph": -1, "Dh0": -1, "dw": 1, "r": 0, "K": -2, "rho": 1}),
    Symmetry("h -> c h, alpha -> alpha/c (time -> time/c^2)",
             {"T": -2, "alpha": -1, "R0": 0, "LipDh": 1, "Liph": 1, "Dh0": 1, "dw": 0, "r": 0, "K": 2, "rho": 0}),
    Symmetry("(y*, h) -> c (y*, h) (time -> time/c^2)",
             {"T": -2, "alpha": 0, "R0": 2, "LipDh": 1, "Liph": 1, "Dh0": 1, "dw": 0, "r": 1, "K": 2, "rho": 0}),
)
# matrices and time: X -> c X with t -> t/c^2 leaves every e^{-X X^T t} unchanged
# the two-layer network at a fixed point (a, U) and fixed data, as its width m grows
WIDTH = (Symmetry("width m -> c m at fixed a, U, x", {"m": 1}),)
MATRICES = (Symmetry("matrices -> c matrices, time -> time/c^2", {"X": 1, "Y": 1, "A": 1, "B": 1, "V": 1, "t": -2,
                                                                    "T": -2}),)
KAPPA = "T/alpha*LipDh*sqrt(R0)"
TRAINING_NAMES = {"LipDh": "Lip(Dh)", "Liph": "Lip(h)", "Dh0": "||Dh(w0)||", "dw": "||w - w0||", "r": "the residual",
                  "K": "the kernel's norm"}


def Dimensions(lhs: str, rhs: str, symmetries: tuple[Symmetry, ...] = TRAINING,
               names: Mapping[str, str] | None = None) -> scaling.Dimensions:
    """The two sides of a bound in the paper's base quantities; ``kappa`` may be used (its definition (2))."""
    return scaling.Dimensions(lhs, rhs, symmetries, dict(names or {}), {"kappa": KAPPA})
