"""A witness's two sides as closed-form expressions, for a reader to check by hand.

The statement's ``lhs`` and ``rhs`` are evaluated unchanged in the exact sympy context
(``proofcheck.numerics.sympy_context``). A closed form is kept only when it is short enough to read and
agrees with the mpmath evaluation of the same witness to the confirmation's digits; otherwise the answer
says why there is none (a path or a flow has no closed form; a matrix too large to decompose in radicals;
an expression too long; a disagreement, which would be a defect of the exact context and is reported as
such rather than hidden).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import mpmath
import sympy as sp

from proofcheck.core.cases import mp_namespace
from proofcheck.core.judgement import oriented
from proofcheck.core.statement import Statement
from proofcheck.numerics.sympy_context import SYMPY, NotClosedForm
from proofcheck.search.evaluate import evaluate_mp

MAX_CHARACTERS = 160  # a closed form longer than this is not one a reader checks by hand
# a witness a reader checks by hand: few numbers, each short (sympy's exact arithmetic on a larger one can
# take minutes and gigabytes before the length above could refuse it)
MAX_NUMBERS = 12
MAX_DIGITS = 12
SIMPLIFY_OPS = 60  # sympy's simplify is tried on expressions up to this many operations (it is slow past them)


@dataclass(frozen=True)
class ClosedForm:
    """LHS, RHS and the oriented ratio (above 1: a violation) as sympy expressions in text, with the
    digits to which each agreed with mpmath."""

    lhs: str
    rhs: str
    ratio: str
    digits: int


def _tidy(expr: sp.Expr) -> sp.Expr:
    # a constant the statement's code writes as a float (0.5) read as the rational it names; the
    # comparison with mpmath below decides whether that reading is exact
    expr = sp.sympify(expr)
    expr = expr.xreplace({f: sp.nsimplify(f, rational=True) for f in expr.atoms(sp.Float)})
    if sp.count_ops(expr) <= SIMPLIFY_OPS:
        expr = sp.simplify(expr)
    return expr


def agrees(expr: sp.Expr, value: Any, digits: int) -> bool:
    """The exact expression equals an mpmath value to ``digits`` significant digits."""
    exact = sp.N(expr, digits + 10)
    if not exact.is_real or not exact.is_finite:
        return False
    with mpmath.mp.workdps(digits + 10):
        x, y = mpmath.mpf(str(exact)), mpmath.mpf(value)
        return abs(x - y) <= mpmath.mpf(10) ** (-digits) * max(abs(x), abs(y), mpmath.mpf(10) ** (-digits))


def _numbers(values: Any) -> Any:
    """Every number of a witness's values, as its decimal string."""
    if isinstance(values, dict):
        for v in values.values():
            yield from _numbers(v)
    elif isinstance(values, list):
        for v in values:
            yield from _numbers(v)
    else:
        yield str(values)


def closed_form(statement: Statement, witness: dict[str, Any], digits: int = 30) -> tuple[ClosedForm | None, str]:
    """The closed forms of a witness's sides, or None with the reason there are none."""
    if statement.kind == "identity":
        return None, "the left side is a residual computed by a discretization"
    numbers = list(_numbers(witness.get("values") or {}))
    if len(numbers) > MAX_NUMBERS or any(len(x.strip().lstrip("-")) > MAX_DIGITS for x in numbers):
        return None, (f"no closed form sought: the witness has more than {MAX_NUMBERS} numbers or one longer than "
                      f"{MAX_DIGITS} characters")
    try:
        c = mp_namespace(SYMPY, statement.space, witness)
        left, right = statement.lhs(SYMPY, c), statement.rhs(SYMPY, c)
    except NotClosedForm as exc:
        return None, f"no closed form: {exc}"
    except (TypeError, ValueError, AttributeError, ZeroDivisionError) as exc:
        return None, f"no closed form: the sides are not exact expressions ({type(exc).__name__})"
    if not all(isinstance(x, (sp.Basic, int)) for x in (left, right)):
        return None, "no closed form: a side is a discretized quantity (a path or a flow)"
    lhs, rhs = _tidy(left), _tidy(right)
    num, den = oriented(statement.kind, lhs, rhs)
    if den == 0:
        return None, "no closed form of the ratio: its denominator is 0"
    r = _tidy(num / den)
    if max(len(str(e)) for e in (lhs, rhs, r)) > MAX_CHARACTERS:
        return None, f"the closed form is longer than {MAX_CHARACTERS} characters"
    checked = evaluate_mp(statement, witness, digits + 10)
    if not (agrees(lhs, checked.lhs, digits) and agrees(rhs, checked.rhs, digits)):
        return None, "the exact evaluation disagrees with mpmath (a defect of the exact context): not shown"
    return ClosedForm(str(lhs), str(rhs), str(r), digits), ""


__all__ = ["ClosedForm", "closed_form", "agrees", "MAX_CHARACTERS"]
