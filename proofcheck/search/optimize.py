"""Local optimization of the ratio over a case's flat vector (matrix entries and scalars).

Nelder-Mead first (robust where the spectral norm is not smooth), then L-BFGS-B with central
differences evaluated as one float64 batch. Rounding-dominated evaluations count as ratio 0,
so the optimizer does not climb float64 noise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
from scipy.optimize import minimize

from proofcheck.core.cases import flatten, unflatten
from proofcheck.search.budget import Budget, BudgetSpent
from proofcheck.core.statement import Statement


@dataclass
class Objective:
    """-ratio on flat vectors; counts cases against the budget and keeps the best reliable point."""

    statement: Statement
    dims: dict[str, int]
    budget: Budget
    screen: Callable[[Statement, dict[str, int], dict[str, np.ndarray]], Any]
    best_ratio: float = -np.inf
    best_flat: np.ndarray | None = None
    evaluations: int = 0
    improvements: list[tuple[float, int, float]] = field(default_factory=list)
    recent: list[tuple[float, np.ndarray, float]] = field(default_factory=list)

    def ratios(self, flats: np.ndarray) -> np.ndarray:
        take = len(flats)
        if np.isfinite(self.budget.room()):
            take = int(min(take, max(self.budget.room(), 0)))
        if take < len(flats):
            raise BudgetSpent
        if self.budget.exhausted():
            raise BudgetSpent
        screened = self.screen(self.statement, self.dims, unflatten(self.statement.space, self.dims, flats))
        self.budget.spend(len(flats))
        self.evaluations += len(flats)
        r = np.where(screened.reliable, screened.ratio, 0.0)
        r = np.where(np.isfinite(r), r, 0.0)
        i = int(np.argmax(r))
        if r[i] > self.best_ratio:
            self.best_ratio, self.best_flat = float(r[i]), flats[i].copy()
            self.improvements.append((self.budget.elapsed(), self.budget.used, self.best_ratio))
            self.recent = (self.recent + [(self.best_ratio, self.best_flat, float(screened.error[i]))])[-6:]
        return r

    def __call__(self, v: np.ndarray) -> float:
        return -float(self.ratios(v[None, :])[0])

    def gradient(self, v: np.ndarray) -> np.ndarray:
        h = 1e-6 * np.maximum(1.0, np.abs(v))
        eye = np.diag(h)
        r = self.ratios(np.concatenate([v[None, :] + eye, v[None, :] - eye]))
        m = len(v)
        return -(r[:m] - r[m:]) / (2 * h)


def local_search(statement: Statement, dims: dict[str, int], start: dict[str, np.ndarray],
                 budget: Budget, max_cases: int, screen: Callable[..., Any]) -> Objective:
    """Climb the ratio from one start; returns the objective, which holds the best point seen."""
    objective = Objective(statement, dims, budget, screen)
    x0 = flatten(statement.space, dims, start)[0]
    try:
        first = max(int(max_cases * 0.6), 1)
        res = minimize(objective, x0, method="Nelder-Mead",
                       options={"maxfev": first, "xatol": 1e-12, "fatol": 1e-15, "adaptive": len(x0) > 4})
        left = max_cases - objective.evaluations
        if left > 2 * len(x0) + 1:
            minimize(objective, res.x, jac=objective.gradient, method="L-BFGS-B",
                     options={"maxfun": max(left // (2 * len(x0) + 2), 1), "ftol": 1e-15, "gtol": 1e-12})
    except BudgetSpent:
        pass
    return objective
