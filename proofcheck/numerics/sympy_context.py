"""A fourth arithmetic context: sympy's exact numbers, so that a statement's sides at a small witness of
short rationals come out as closed-form expressions a reader can check by hand.

It carries the operations of the other contexts (``proofcheck.numerics.contexts``) where they have an
exact form small enough to read: scalars (``sqrt``, ``exp``, ``log``, ``tanh``), and matrices whose
spectral quantities sympy can write in radicals (at most ``MAX_EXACT_ORDER`` rows or columns on the side
that is decomposed). Anything else raises ``NotClosedForm``, naming the operation: a discretization (a
path or a flow, which has no closed form), a matrix too large, an eigenvalue sympy cannot isolate.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from proofcheck.numerics.object_batch import ObjectBatchOps

MAX_EXACT_ORDER = 2  # eigenvalues in radicals: quadratics read; Cardano's formula does not
DIGITS = 30  # choosing the largest of several exact eigenvalues by their values at these digits


class NotClosedForm(ArithmeticError):
    """An operation this context has no readable exact form for."""


class UnknownOperation(NotClosedForm, AttributeError):
    """An operation of the other contexts that this one does not have (also an AttributeError, so that
    probing for an optional operation behaves as it does elsewhere)."""


def _largest(values: list[sp.Expr]) -> sp.Expr:
    """The largest of exact real numbers, chosen by their values (sympy's Max would stay unevaluated)."""
    return max(values, key=lambda v: sp.N(v, DIGITS))


class SympyContext(ObjectBatchOps):
    """Exact arithmetic in sympy; numbers are sympy expressions, matrices ``sp.Matrix``."""

    name = "sympy"
    encloses = False
    refines = False  # a discretization asked of this context is refused, not approximated
    inf = sp.oo
    pi = sp.pi

    # what the shared batch operations need
    def number(self, x: Any) -> Any:
        return self.mpf(x)

    def not_a_number(self) -> Any:
        return sp.nan

    @staticmethod
    def largest(*xs: Any) -> Any:
        return _largest(list(xs))

    @staticmethod
    def smallest(*xs: Any) -> Any:
        return min(xs, key=lambda v: sp.N(v, DIGITS))

    def matrix_of(self, rows: Any) -> Any:
        return sp.Matrix(rows)

    # scalars
    @staticmethod
    def mpf(x: Any) -> Any:
        if isinstance(x, sp.Basic):
            return x
        if isinstance(x, str):
            return sp.Rational(x.strip())
        if isinstance(x, (int, np.integer)):
            return sp.Integer(int(x))
        if isinstance(x, (float, np.floating)):
            return sp.Rational(float(x))  # a double is a dyadic rational, exactly
        return sp.sympify(x)

    matrix = matrix_of

    sqrt = staticmethod(sp.sqrt)
    exp = staticmethod(sp.exp)
    log = staticmethod(sp.log)
    tanh = staticmethod(sp.tanh)

    @staticmethod
    def isinf(x: Any) -> bool:
        return x in (sp.oo, -sp.oo, sp.zoo)

    @staticmethod
    def isfinite(x: Any) -> bool:
        return bool(sp.sympify(x).is_finite)

    def apply(self, name: str, x: Any) -> Any:
        f = getattr(self, name)
        return np.vectorize(f, otypes=[object])(x) if isinstance(x, np.ndarray) else f(x)

    # matrices
    @staticmethod
    def rows(M: Any) -> int:
        return M.rows

    @staticmethod
    def transpose(M: Any) -> Any:
        return M.T

    @staticmethod
    def identity(n: int, like: Any = None) -> Any:
        return sp.eye(n)

    @staticmethod
    def keep_rows(X: Any, m: int) -> Any:
        out = X.copy()
        out[m:, :] = sp.zeros(max(X.rows - m, 0), X.cols)
        return out

    @staticmethod
    def _eigenvalues(K: Any) -> list[sp.Expr]:
        if K.rows > MAX_EXACT_ORDER:
            raise NotClosedForm(f"the eigenvalues of a {K.rows} x {K.rows} matrix (more than {MAX_EXACT_ORDER})")
        found = K.eigenvals(multiple=True)
        if any(not v.is_real and v.is_real is not None for v in found):
            raise NotClosedForm("a symmetric matrix's eigenvalues that sympy does not see as real")
        return [sp.nsimplify(sp.re(v)) if sp.im(v) == 0 else v for v in found]

    def spectral_norm(self, M: Any) -> Any:
        if M.rows == 0 or M.cols == 0:
            return sp.Integer(0)
        if M.rows == 1 or M.cols == 1:
            return sp.sqrt(sum(x ** 2 for x in M))
        G = M.T * M if M.cols <= M.rows else M * M.T
        return sp.sqrt(_largest(self._eigenvalues(G)))

    def psd_exp(self, K: Any, t: Any) -> Any:
        if K.rows > MAX_EXACT_ORDER:
            raise NotClosedForm(f"the exponential of a {K.rows} x {K.rows} matrix (more than {MAX_EXACT_ORDER})")
        return (-K * t).exp().applyfunc(sp.simplify)

    def gram_exp(self, X: Any, t: Any) -> Any:
        return self.psd_exp(X * X.T, t)

    def difference_step(self) -> Any:
        raise NotClosedForm("a finite difference")

    @property
    def tolerance(self) -> float:
        raise NotClosedForm("a discretization refined to a tolerance (a path or a flow)")

    @property
    def dps(self) -> int:
        raise NotClosedForm("a quantity computed at a working precision")

    prec = dps

    def __getattr__(self, name: str) -> Any:
        raise UnknownOperation(f"the operation {name}")


SYMPY = SympyContext()

__all__ = ["SympyContext", "SYMPY", "NotClosedForm", "MAX_EXACT_ORDER"]
