"""Reductions: a statement (or a proof step) as an inequality between functions of a few scalars.

A statement module declares a ``Reduction``: the reduced scalars with the box they range over, the
map ``case(ctx, p)`` from reduced scalars to a case of the statement's space (its canonical point),
the map ``invariants(c)`` from a general case to the reduced scalars, and a positive ``scale(ctx, c)``
by which both sides of a general case exceed those of its canonical point. The reduction is itself
proved before anything rests on it (``check_reduction``): sympy shows, for a general case c with
every scalar a positive symbol,

    lhs(c) = scale(c) * lhs_reduced(p(c))   and   rhs(c) = scale(c) * rhs_reduced(p(c)),

where the reduced sides are, unless the module writes them, the statement's own sides at case(p):
then the identity is the statement's own definition read at two points. ``abs_side`` names a
side the statement writes as |x| while the reduction writes x: allowed only for the larger side
of the bound (then proving the smaller side <= x proves it <= |x|), and checked as lhs = scale |x|.
A reduction whose identity sympy does not confirm is refused, and nothing is proved from it.
The ranges: each reduced scalar's values on the statement's domain must lie in its box (sympy
decides signs; a reduced scalar that is a coordinate of the space has that coordinate's range);
where this is not shown, the reduction ``covers`` only part of the domain, and says which.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Callable, Literal, Sequence

import mpmath
import sympy as sp

from proofcheck.core.statement import Scalar

Side = Literal["lhs", "rhs"]


@dataclass(frozen=True)
class Face:
    """Equality where reduced scalar ``scalar`` is at its ``end``: the smaller side minus the larger
    and its first ``order - 1`` derivatives in that scalar vanish there (checked by sympy). ``corner``:
    other scalars at their ends, (name, end), where the face meets them and the ``order``-th derivative
    vanishes too (checked by sympy): the face's quotient is then 0 at that corner, and the prover
    bounds it by its mean-value form about the corner."""

    scalar: str
    end: Literal["low", "high"]
    order: int = 1
    corner: tuple[tuple[str, Literal["low", "high"]], ...] = ()


@dataclass(frozen=True)
class Tail:
    """The range of an unbounded reduced scalar v beyond its box's high end K, compactified: the variable
    w = chart(v) decreases to 0 as v grows, and the module writes both sides in w (``lhs``/``rhs``, with the
    limit-aware operations of ``proofcheck.numerics.jets`` such as ``xlogx``) so that the box [0, w_K]
    holds the whole tail, its end w = 0 (v = infinity) included; ``scale``, when given, replaces the reduction's
    on the tail (both sides of a tail case over it: bounded there where the box's would not be). ``solve_for`` names the scalar of the
    space that sympy solves from v(c) = K + t to write a general case of the tail (t > 0)."""

    scalar: str
    variable: Scalar
    chart: Callable[[Any], Any]
    solve_for: str
    lhs: Callable[[Any, Any], Any]
    rhs: Callable[[Any, Any], Any]
    abs_side: Side | None = None
    why: str = ""
    scale: Callable[[Any, Any], Any] | None = None  # the tail's own positive scale (None: the reduction's)
    faces: tuple[Face, ...] = ()  # the tail piece's declared faces (the box's do not carry over)


@dataclass(frozen=True)
class Reduction:
    """What a statement reduces to; see the module docstring. ``scalars``: the reduced scalars with
    finite dyadic ends (their box); ``case``, ``invariants``, ``scale`` as described there; ``lhs``/``rhs``:
    the reduced sides when the module writes them (None: the statement's own at case(p)); ``faces``:
    declared equality faces; ``why``: the mathematics of the reduction, in the document's words."""

    scalars: tuple[Scalar, ...]
    case: Callable[[Any, Any], dict[str, Any]]
    invariants: Callable[[Any], dict[str, Any]]
    scale: Callable[[Any, Any], Any] | None = None
    lhs: Callable[[Any, Any], Any] | None = None
    rhs: Callable[[Any, Any], Any] | None = None
    abs_side: Side | None = None
    faces: tuple[Face, ...] = ()
    why: str = ""
    tail: Tail | None = None

    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.scalars)


class SympyOps:
    """The context operations as sympy's exact functions, so a statement's own code builds its expression."""

    name = "sympy"
    sqrt = staticmethod(sp.sqrt)
    exp = staticmethod(sp.exp)
    log = staticmethod(sp.log)

    @staticmethod
    def mpf(x: Any) -> sp.Expr:
        return sp.nsimplify(x, rational=True)

    @staticmethod
    def minimum(x: Any, y: Any) -> sp.Expr:
        return sp.Min(x, y)

    @staticmethod
    def maximum(x: Any, y: Any) -> sp.Expr:
        return sp.Max(x, y)

    @staticmethod
    def xlogx(x: Any) -> sp.Expr:
        return x * sp.log(x)

    @staticmethod
    def power(x: Any, c: Any) -> sp.Expr:
        return x**c

    @staticmethod
    def decay(x: Any, c: Any) -> sp.Expr:
        return sp.exp(-c / x)

    @staticmethod
    def decay_over(x: Any, c: Any) -> sp.Expr:
        return sp.exp(-c / x) / x


SYMPY = SympyOps()


def reduced_sides(statement: Any, reduction: Reduction, ctx: Any, p: Any) -> tuple[Any, Any]:
    """(lhs, rhs) of the reduced statement at reduced scalars p (an object with one attribute each)."""
    case = None
    if reduction.lhs is None or reduction.rhs is None:
        case = SimpleNamespace(**reduction.case(ctx, p))
    lhs = reduction.lhs(ctx, p) if reduction.lhs is not None else statement.lhs(ctx, case)
    rhs = reduction.rhs(ctx, p) if reduction.rhs is not None else statement.rhs(ctx, case)
    return lhs, rhs


@dataclass
class ReductionCheck:
    """``proved`` when sympy confirmed both identities; ``covers``: "whole domain" or which part."""

    proved: bool
    detail: str
    covers: str = "whole domain"
    whole: bool = True
    identities: list[str] = field(default_factory=list)


def _pull_abs(e: sp.Expr) -> sp.Expr:
    """Abs(x) with its argument factored, so that sympy takes positive factors out of it."""
    return e.replace(lambda x: isinstance(x, sp.Abs), lambda x: sp.Abs(sp.factor(x.args[0])))


def _differ_somewhere(a: sp.Expr, b: sp.Expr, points: int = 4) -> bool:
    """Whether a and b differ at seeded points (mpmath, 30 digits): a broken identity is refused at once,
    before sympy spends a minute failing to simplify it; a proved identity is confirmed numerically too."""
    symbols = sorted((a - b).free_symbols, key=str)
    f = sp.lambdify(symbols, a - b, modules="mpmath")
    g = sp.lambdify(symbols, abs(a) + abs(b), modules="mpmath")
    with mpmath.workdps(30):
        for k in range(points):
            x = [mpmath.mpf(1 + k) / (2 + i) + mpmath.mpf(i) / 7 for i in range(len(symbols))]
            try:
                if abs(f(*x)) > mpmath.mpf(10) ** -20 * (1 + abs(g(*x))):
                    return True
            except (ZeroDivisionError, ValueError, TypeError, OverflowError):
                continue
    return False


def _equal(a: sp.Expr, b: sp.Expr) -> bool:
    try:
        if _differ_somewhere(sp.sympify(a), sp.sympify(b)):
            return False
        if sp.simplify(_pull_abs(a) - _pull_abs(b)) == 0:
            return True
        return bool(a.is_nonnegative and b.is_nonnegative and sp.simplify(sp.expand(a**2 - b**2)) == 0)
    except (TypeError, ValueError, NotImplementedError):
        return False


def general_case(space_scalars: Sequence[Scalar]) -> tuple[SimpleNamespace, dict[str, sp.Symbol]]:
    symbols = {s.name: sp.Symbol(s.name, positive=True) for s in space_scalars}
    return SimpleNamespace(**symbols), symbols


def _in_box(expr: Any, scalar: Scalar, space: dict[str, Scalar], symbols: dict[str, sp.Symbol]) -> bool:
    """Whether the reduced scalar's value on the domain lies in its box."""
    for name, sym in symbols.items():
        if expr == sym:  # a coordinate of the space: its own range
            own = space[name]
            return own.low >= scalar.low and own.high <= scalar.high
    expr = sp.sympify(expr)
    low_ok = _nonnegative(expr - sp.nsimplify(scalar.low))
    high_ok = math.isinf(scalar.high) or _at_most(expr, sp.nsimplify(scalar.high))
    return bool(low_ok and high_ok)


def _at_most(expr: sp.Expr, bound: sp.Expr) -> bool:
    """Whether sympy shows expr <= bound (a Min is at most any of its arguments)."""
    if isinstance(expr, sp.Min):
        return any(_at_most(a, bound) for a in expr.args)
    return _nonnegative(bound - expr)


def _nonnegative(e: sp.Expr) -> bool:
    """Whether sympy shows e >= 0, as written or over a common denominator (1 - 1/(1 + k) = k/(1 + k))."""
    return bool(e.is_nonnegative or sp.together(e).is_nonnegative)


def check_reduction(statement: Any, reduction: Reduction, space_scalars: Sequence[Scalar]) -> ReductionCheck:
    """Prove the reduction's identities with sympy (statement: anything with ``lhs``/``rhs``/``kind``)."""
    c, symbols = general_case(space_scalars)
    try:
        p = SimpleNamespace(**reduction.invariants(c))
        scale = reduction.scale(SYMPY, c) if reduction.scale is not None else sp.Integer(1)
        red_lhs, red_rhs = reduced_sides(statement, reduction, SYMPY, p)
        own = {"lhs": statement.lhs(SYMPY, c), "rhs": statement.rhs(SYMPY, c)}
    except Exception as exc:  # a reduction sympy cannot even build is refused, never fatal
        return ReductionCheck(False, f"sympy could not build the reduction: {type(exc).__name__}: {exc}")
    if reduction.abs_side is not None:
        bigger = "rhs" if statement.kind == "upper" else "lhs"
        if reduction.abs_side != bigger:
            return ReductionCheck(False, "|x| may be replaced by x only on the larger side of the bound")
    checked = []
    for name, reduced in (("lhs", red_lhs), ("rhs", red_rhs)):
        target = scale * (sp.Abs(reduced) if reduction.abs_side == name else reduced)
        if not _equal(own[name], target):
            return ReductionCheck(False, f"sympy does not confirm {name}(c) = scale(c) * {name}_reduced(p(c))")
        checked.append(f"{name}(c) = scale(c) * {'|' + name + '_reduced|' if reduction.abs_side == name else name + '_reduced'}(p(c))")
    if not (sp.sympify(scale).is_positive):
        return ReductionCheck(False, "sympy does not show the scale positive")
    space = {s.name: s for s in space_scalars}
    tail = reduction.tail
    ranges = [dataclasses.replace(s, high=math.inf) if tail is not None and s.name == tail.scalar else s
              for s in reduction.scalars]
    outside = [s.name for s in ranges if not _in_box(getattr(p, s.name), s, space, symbols)]
    if outside:
        box = ", ".join(f"{s.name} in [{s.low:g}, {s.high:g}]" for s in reduction.scalars)
        return ReductionCheck(True, "identities proved by sympy", covers=f"the part of the domain where {box}",
                              whole=False, identities=checked)
    return ReductionCheck(True, "identities proved by sympy", identities=checked)


def oriented_difference(statement: Any, reduction: Reduction, ctx: Any, p: Any, m: Any = 1) -> Any:
    """The smaller side minus m times the larger one (<= 0 is the statement with its ratio <= m)."""
    lhs, rhs = reduced_sides(statement, reduction, ctx, p)
    return lhs - m * rhs if statement.kind == "upper" else rhs - m * lhs


def check_faces(statement: Any, reduction: Reduction, m: Any = 1) -> str:
    """'' when sympy shows that at every declared face the oriented difference (with ratio bound m) and
    its first order - 1 derivatives in the face's scalar tend to 0; else why not."""
    syms = {s.name: sp.Symbol(s.name, positive=True) for s in reduction.scalars}
    try:
        F = oriented_difference(statement, reduction, SYMPY, SimpleNamespace(**syms), m)
        for face in reduction.faces:
            x = syms[face.scalar]
            scalar = next(s for s in reduction.scalars if s.name == face.scalar)
            end = sp.nsimplify(scalar.low if face.end == "low" else scalar.high)
            for j in range(face.order):
                derivative = sp.diff(F, x, j)
                value = sp.simplify(derivative.subs(x, end))  # continuous there: the value is the limit
                if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
                    value = sp.limit(derivative, x, end, "+" if face.end == "low" else "-")
                if sp.simplify(value) != 0:
                    return f"at the face {face.scalar} = {end}, derivative {j} tends to {value}, not 0"
            if face.corner:
                value = sp.diff(F, x, face.order).subs(x, end)
                if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
                    value = sp.limit(sp.diff(F, x, face.order), x, end, "+" if face.end == "low" else "-")
                for name, corner_end in face.corner:
                    other = next(s for s in reduction.scalars if s.name == name)
                    value = value.subs(syms[name], sp.nsimplify(other.low if corner_end == "low" else other.high))
                if sp.simplify(value) != 0:
                    return (f"at the corner {face.scalar} = {end}, {dict(face.corner)}, derivative {face.order} "
                            f"is {sp.simplify(value)}, not 0")
    except Exception as exc:  # sympy failing to decide refuses the face, never fatal
        return f"sympy could not decide the face: {type(exc).__name__}: {exc}"
    return ""


def check_tail(statement: Any, reduction: Reduction, space_scalars: Sequence[Scalar]) -> ReductionCheck:
    """Prove the tail's identities and its range with sympy: for a general case with v(c) = K + t (t > 0),
    both sides equal scale(c) times the tail's sides at w = chart(K + t); chart(K + t) >= 0 and decreases in
    t; chart(K) <= the end of w's box. Then the box [0, w_K] holds every case with v >= K."""
    tail = reduction.tail
    if tail is None:
        return ReductionCheck(False, "no tail declared")
    c, symbols = general_case(space_scalars)
    t = sp.Symbol("t", positive=True)
    scalar = next(s for s in reduction.scalars if s.name == tail.scalar)
    K = sp.nsimplify(scalar.high)
    try:
        v = reduction.invariants(c)[tail.scalar]
        solved = sp.solve(sp.Eq(v, K + t), symbols[tail.solve_for], dict=True)
        if len(solved) != 1:
            return ReductionCheck(False, f"sympy does not solve {tail.scalar} = K + t for {tail.solve_for} uniquely")
        c_t = SimpleNamespace(**{k: sp.sympify(x).subs(solved[0]) for k, x in vars(c).items()})
        w = tail.chart(K + t)
        others = {k: sp.sympify(x).subs(solved[0]) for k, x in reduction.invariants(c).items() if k != tail.scalar}
        p = SimpleNamespace(**{tail.variable.name: w}, **others)  # the box's other scalars ride along
        scaling = tail.scale if tail.scale is not None else reduction.scale
        scale = scaling(SYMPY, c_t) if scaling is not None else sp.Integer(1)
        own = {"lhs": statement.lhs(SYMPY, c_t), "rhs": statement.rhs(SYMPY, c_t)}
        reduced = {"lhs": tail.lhs(SYMPY, p), "rhs": tail.rhs(SYMPY, p)}
    except Exception as exc:  # refused, never fatal
        return ReductionCheck(False, f"sympy could not build the tail: {type(exc).__name__}: {exc}")
    if not sp.sympify(scale).is_positive:
        return ReductionCheck(False, "sympy does not show the tail's scale positive")
    checked = []
    for name in ("lhs", "rhs"):
        target = scale * (sp.Abs(reduced[name]) if tail.abs_side == name else reduced[name])
        if not _equal(own[name], target):
            return ReductionCheck(False, f"sympy does not confirm the tail's {name}(c) = scale(c) * {name}_tail(w)")
        checked.append(f"tail {tail.scalar} >= {K}: {name}(c) = scale(c) * {name}_tail({tail.variable.name})")
    if tail.abs_side is not None and tail.abs_side != ("rhs" if statement.kind == "upper" else "lhs"):
        return ReductionCheck(False, "|x| may be replaced by x only on the larger side of the bound")
    decreasing = sp.diff(w, t).is_negative
    inside = bool(w.is_nonnegative) and bool((sp.nsimplify(tail.variable.high) - tail.chart(K)).is_nonnegative)
    if not (decreasing and inside and tail.variable.low == 0):
        return ReductionCheck(False, f"sympy does not show that {tail.variable.name} = chart({tail.scalar}) maps "
                                     f"[{K}, oo) into [0, {tail.variable.high:g}]")
    return ReductionCheck(True, "tail identities and range proved by sympy", identities=checked)
