"""Local optimization of the ratio over a case's flat vector (matrix entries and scalars).

CMA-ES first (its population screened as one float64 batch; derivative-free, so robust where the
spectral norm is not smooth), then L-BFGS-B with central differences evaluated as one float64
batch. Rounding-dominated evaluations count as ratio 0, so the optimizer does not climb float64
noise. Two matrix parameters of one shape that nearly coincide at the start are searched as the
first and the second's offset from it (Offsets).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
from scipy.optimize import minimize

from proofcheck.core.cases import flatten, matrix_blocks, unflatten
from proofcheck.search.budget import Budget, BudgetSpent
from proofcheck.core.statement import Statement


# A start whose two matrix parameters of one shape nearly coincide (B_t = A_t + C with C small) may sit
# where the supremum is a limit as their difference goes to 0. In the
# case's own coordinates every first step of Nelder-Mead (5% of a coordinate) or a basin hop makes the
# difference 5% of the matrices and leaves that regime; as an offset, a step is 5% of the difference.
COINCIDENT = 0.1


@dataclass(frozen=True)
class Offsets:
    """Search coordinates: a flat vector with the second matrix of each nearly coincident pair
    replaced by its offset from the first (the identity where no pair coincides)."""

    pairs: tuple[tuple[slice, slice], ...] = ()

    @classmethod
    def of(cls, statement: Statement, dims: dict[str, int], flat: np.ndarray) -> "Offsets":
        blocks, pairs, taken = matrix_blocks(statement.space, dims), [], set()
        matrices = statement.space.matrices
        for i, a in enumerate(matrices):
            for b in matrices[i + 1:]:
                if {a.name, b.name} & taken or (a.rows, a.cols, a.count, a.symmetric) != (b.rows, b.cols, b.count,
                                                                                          b.symmetric):
                    continue
                x, y = flat[blocks[a.name]], flat[blocks[b.name]]
                size = np.linalg.norm(x)
                if size > 0 and np.linalg.norm(y - x) <= COINCIDENT * size:
                    pairs.append((blocks[a.name], blocks[b.name]))
                    taken |= {a.name, b.name}
        return cls(tuple(pairs))

    def _shifted(self, values: np.ndarray, sign: float) -> np.ndarray:
        out = np.array(values, dtype=float, copy=True)
        for x, y in self.pairs:  # the first of a pair is the same in both coordinates
            out[..., y] += sign * out[..., x]
        return out

    def to_search(self, flats: np.ndarray) -> np.ndarray:
        return self._shifted(flats, -1.0)

    def to_flat(self, points: np.ndarray) -> np.ndarray:
        return self._shifted(points, 1.0)


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
    coordinates: Offsets = field(default_factory=Offsets)

    def ratios(self, points: np.ndarray) -> np.ndarray:
        """The ratios at points in the search's coordinates; the best is kept as a flat vector."""
        flats = self.coordinates.to_flat(points)
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
        # ratios near the float64 range (a violation growing without bound) overflow the difference quotient:
        # such a coordinate's slope is unknown, so L-BFGS-B is given none (and no warning reaches the terminal)
        with np.errstate(over="ignore", invalid="ignore"):
            slope = -(r[:m] - r[m:]) / (2 * h)
        return np.where(np.isfinite(slope), slope, 0.0)


# How a local search climbs first: "cma" (CMA-ES, its population screened as one float64 batch, restarts
# doubling the population) or "nelder-mead" (one case per call, kept for comparison), then L-BFGS-B. A case
# screened alone costs about as much as a batch of twelve, so in the seconds a timed search has,
# CMA-ES judges 3 to 8 times the cases, and on 8 s fuzzes it rose above Nelder-Mead's worst ratio
# by up to 23x where the supremum is far from the screened starts, and stayed within 1e-3 elsewhere.
CLIMBERS = ("cma", "nelder-mead")
# a first step of 5% of a coordinate (Nelder-Mead's, scipy's nonzdelt), 2.5e-4 for a zero one
STEP, ZERO_STEP = 0.05, 2.5e-4


def _cma(objective: Objective, x0: np.ndarray, cases: int, rng: np.random.Generator) -> np.ndarray:
    """CMA-ES with IPOP restarts from the best point so far; returns the best point (search coordinates)."""
    import cma  # the field's standard CMA-ES (N. Hansen's)

    best, popsize, start = x0, None, objective.evaluations
    while objective.evaluations - start < cases:
        stds = np.where(best != 0, STEP * np.abs(best), ZERO_STEP)
        options = {"CMA_stds": stds, "verbose": -9, "verb_log": 0, "verb_disp": 0, "seed": np.nan,
                   "randn": lambda lam, n: rng.standard_normal((lam, n)), "tolflatfitness": 10,
                   "maxfevals": cases - (objective.evaluations - start)}
        if popsize is not None:
            options["popsize"] = popsize
        with warnings.catch_warnings():  # cma warns of flat fitness and of its own restarts
            warnings.simplefilter("ignore")
            es = cma.CMAEvolutionStrategy(best, 1.0, options)
            while not es.stop() and objective.evaluations - start < cases:
                points = np.asarray(es.ask())
                es.tell(list(points), list(-objective.ratios(points)))
        popsize = 2 * es.popsize
        if objective.best_flat is not None:
            best = objective.coordinates.to_search(objective.best_flat)
    return best


def local_search(statement: Statement, dims: dict[str, int], start: dict[str, np.ndarray],
                 budget: Budget, max_cases: int, screen: Callable[..., Any],
                 rng: np.random.Generator | None = None, method: str = "cma") -> Objective:
    """Climb the ratio from one start; returns the objective, which holds the best point seen.
    ``rng``: CMA-ES's normals (the search's own stream; a fixed one if None); ``method``: of CLIMBERS."""
    if method not in CLIMBERS:
        raise ValueError(f"unknown climber {method!r}: one of {', '.join(CLIMBERS)}")
    flat = flatten(statement.space, dims, start)[0]
    coordinates = Offsets.of(statement, dims, flat)
    objective = Objective(statement, dims, budget, screen, coordinates=coordinates)
    x0 = coordinates.to_search(flat)
    try:
        first = max(int(max_cases * 0.6), 1)
        if method == "cma":
            x = _cma(objective, x0, first, rng if rng is not None else np.random.default_rng(0))
        else:
            x = minimize(objective, x0, method="Nelder-Mead",
                         options={"maxfev": first, "xatol": 1e-12, "fatol": 1e-15, "adaptive": len(x0) > 4}).x
        left = max_cases - objective.evaluations
        if left > 2 * len(x0) + 1:
            minimize(objective, x, jac=objective.gradient, method="L-BFGS-B",
                     options={"maxfun": max(left // (2 * len(x0) + 2), 1), "ftol": 1e-15, "gtol": 1e-12})
    except BudgetSpent:
        pass
    return objective
