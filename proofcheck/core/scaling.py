"""The symbolic scaling audit: how each side of a bound scales under the document's symmetries.

A statement declares its two sides as printed in terms of base quantities (``Dimensions``), and the
symmetries that act on them, each a weight per base quantity: under the symmetry with parameter c,
a quantity q becomes c^{w_q} q. sympy substitutes, and reads off the exponent of c of the left side
and of every additive term of the right side (each argument of a min). A bound that is correct up
to a constant has the same exponent on both sides under every symmetry; a term whose exponent
differs is flagged before any search, as a predicted missing factor: the mismatch, and the base
quantity whose weights it matches, if one does.

A document's symmetries belong to its pack (declared beside its statements).
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


@dataclass(frozen=True)
class Dimensions:
    """The two sides of a bound as printed, in base quantities (sympy syntax), the symmetries that act on
    them, a base quantity's name in the document's words, and abbreviations the sides may use (a name ->
    its expression in base quantities)."""

    lhs: str
    rhs: str
    symmetries: tuple[Symmetry, ...]
    names: Mapping[str, str] = field(default_factory=dict)
    definitions: Mapping[str, str] = field(default_factory=dict)


def _positive(expr: sp.Expr) -> sp.Expr:
    return expr.subs({x: sp.Symbol(x.name, positive=True) for x in expr.free_symbols if not x.is_positive},
                     simultaneous=True)


def _expr(text: str, dimensions: "Dimensions") -> sp.Expr:
    """A side parsed with every base quantity positive and the abbreviations expanded."""
    quantities = {q for sym in dimensions.symmetries for q in sym.weights}
    local: dict[str, Any] = {name: sp.Symbol(name, positive=True) for name in quantities}
    for name, definition in dimensions.definitions.items():
        local[name] = _positive(sp.sympify(definition, locals=dict(local)))
    # the sides are text a statement module declares in code (never read from a file or a report): the
    # same trust as the module's own Python
    return _positive(sp.sympify(text, locals=local))


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
    lhs, rhs = _expr(dimensions.lhs, dimensions), _expr(dimensions.rhs, dimensions)
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
    whole = _expr(dimensions.lhs, dimensions)
    out = []
    for term in _terms(_expr(dimensions.rhs, dimensions)):
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
