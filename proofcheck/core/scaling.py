"""The symbolic scaling audit: how each side of a bound scales under the paper's symmetries.

A statement declares its two sides as printed in terms of base quantities (``Dimensions``), and the
symmetries that act on them, each a weight per base quantity: under the symmetry with parameter c,
a quantity q becomes c^{w_q} q. sympy substitutes, and reads off the exponent of c of the left side
and of every additive term of the right side (each argument of a min). A bound that is correct up
to a constant has the same exponent on both sides under every symmetry; a term whose exponent
differs is flagged before any search, as a predicted missing factor: the mismatch, and the base
quantity whose weights it matches, if one does.

The symmetries of training (flows (1) and (3) with the square loss) are below. Each leaves the
residuals' dynamics the same up to a change of the time variable:
- ``w -> c w``: reparametrizing the model as h(w/c) makes Dh -> Dh/c and the flow run c^2 slower;
- ``h -> c h, alpha -> alpha/c``: alpha h is unchanged, Dh -> c Dh, the flow runs c^2 faster;
- ``(y*, h) -> c (y*, h)``: residuals and Dh -> c, R0 -> c^2 R0, the flow runs c^2 faster.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import sympy as sp

C = sp.Symbol("c", positive=True)


@dataclass(frozen=True)
class Symmetry:
    """A one-parameter symmetry: base quantity -> the exponent of c it picks up."""

    name: str
    weights: Mapping[str, Any]


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


@dataclass(frozen=True)
class Dimensions:
    """The two sides of a bound as printed, in base quantities (sympy syntax; ``kappa`` may be used)."""

    lhs: str
    rhs: str
    symmetries: tuple[Symmetry, ...] = TRAINING
    names: Mapping[str, str] = field(default_factory=dict)  # a base quantity's name in the paper's words


def _expr(text: str) -> sp.Expr:
    local = {name: sp.Symbol(name, positive=True) for name in
             ("T", "alpha", "R0", "LipDh", "Liph", "Dh0", "dw", "r", "K", "rho", "X", "Y", "A", "B", "V", "t", "m",
              "S1", "S2")}
    local["kappa"] = sp.sympify(KAPPA, locals=local)
    return sp.sympify(text, locals=local)


def _terms(expr: sp.Expr) -> list[sp.Expr]:
    """The additive terms of a side, the arguments of a min or max taken apart."""
    if isinstance(expr, (sp.Min, sp.Max)):
        return [t for a in expr.args for t in _terms(a)]
    expanded = sp.expand(expr)
    return list(expanded.args) if isinstance(expanded, sp.Add) else [expanded]


def exponent(expr: sp.Expr, symmetry: Symmetry) -> sp.Expr | None:
    """The exponent of c that a monomial picks up under the symmetry (None if not a power of c)."""
    moved = expr.subs({sp.Symbol(q, positive=True): C ** sp.nsimplify(w) * sp.Symbol(q, positive=True)
                       for q, w in symmetry.weights.items()}, simultaneous=True)
    e = sp.simplify(C * sp.diff(sp.log(moved), C))
    return e if not e.free_symbols else None


def audit(dimensions: Dimensions) -> list[dict[str, Any]]:
    """Per symmetry: the exponents of the left side and of each term of the right side, and every
    mismatch (a predicted missing factor c^(left - term))."""
    lhs, rhs = _expr(dimensions.lhs), _expr(dimensions.rhs)
    out = []
    for sym in dimensions.symmetries:
        left = exponent(lhs, sym)
        terms = [(str(t), exponent(t, sym)) for t in _terms(rhs)]
        mismatches = [{"term": t, "missing": str(left - e)} for t, e in terms
                      if left is not None and e is not None and sp.simplify(left - e) != 0]
        out.append({"symmetry": sym.name, "lhs": str(left), "rhs_terms": [{"term": t, "exponent": str(e)} for t, e in terms],
                    "mismatches": mismatches})
    return out


def _partner(lhs: sp.Expr, term: sp.Expr, symmetries: tuple[Symmetry, ...]) -> sp.Expr:
    """The left side's term a right-side term bounds: the one with the same quantities the symmetries
    leave alone (for a left side that is a sum of such terms), else the whole left side."""
    moved = {q for sym in symmetries for q, w in sym.weights.items() if w != 0}
    key = {str(x) for x in term.free_symbols} - moved
    for t in _terms(lhs):
        if {str(x) for x in t.free_symbols} - moved == key:
            return t
    return lhs


def predicted_factor(dimensions: Dimensions) -> list[dict[str, Any]]:
    """For each right-side term that mismatches under some symmetry: the quantities (with powers)
    whose weights match the mismatch under every symmetry (``candidates``, those the term names
    first), and ``factor`` when exactly one does."""
    whole = _expr(dimensions.lhs)
    out = []
    for term in _terms(_expr(dimensions.rhs)):
        lhs = _partner(whole, term, dimensions.symmetries)
        gaps = []
        for sym in dimensions.symmetries:
            left, e = exponent(lhs, sym), exponent(term, sym)
            if left is None or e is None:
                break
            gaps.append(sp.simplify(left - e))
        else:
            if all(g == 0 for g in gaps):
                continue
            # the quantities that would restore the scaling under every symmetry; those the term names
            # first (a single symmetry cannot tell its quantities apart: the numeric families do)
            candidates = []
            named = {str(x) for x in term.free_symbols}
            weights = list(dimensions.symmetries[0].weights)
            for q in [q for q in weights if q in named] + [q for q in weights if q not in named]:
                ws = [sp.nsimplify(sym.weights.get(q, 0)) for sym in dimensions.symmetries]
                ratios = {sp.simplify(g / w) for g, w in zip(gaps, ws) if w != 0}
                consistent = all((w == 0) == (g == 0) for g, w in zip(gaps, ws))
                if consistent and len(ratios) == 1:
                    candidates.append({"quantity": dimensions.names.get(q, q), "power": str(ratios.pop()), "named": q in named})
            in_term = [c for c in candidates if c.pop("named")]
            pool = in_term or candidates
            factor = pool[0] if len(pool) == 1 else None
            out.append({"term": str(term), "against": str(lhs), "mismatch": [str(g) for g in gaps], "factor": factor,
                        "candidates": pool})
    return out
