"""What a statement declares: the protocol every module in ``lemmas/`` fills in.

A statement module builds one ``Statement`` and names it ``STATEMENT``. It says what is claimed
and nothing about how it is searched.
"""
from __future__ import annotations

import dataclasses
import enum
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Literal, Mapping, Sequence

from proofcheck.core.symbolic import SymbolicStep

if TYPE_CHECKING:
    from proofcheck.core.proof import Step
    from proofcheck.core.orders import Order
    from proofcheck.core.reduction import Reduction
    from proofcheck.core.expectation import Expectation
    from proofcheck.core.probability import Probability
    from proofcheck.core.scaling import Dimensions

Kind = Literal["upper", "lower", "identity"]


class Change(enum.Enum):
    """What a repair changes, or what its proof's steps need besides: each is something a step uses."""

    CONSTANT = "a constant"
    BOUND = "a term of the bound"
    HORIZON = "the horizon (the largest time allowed)"
    RADIUS = "the radius of the ball the constants are measured on"
    HYPOTHESIS = "a hypothesis"


@dataclass(frozen=True)
class Matrix:
    """A real matrix parameter of shape (rows, cols), dims named in the space.

    ``symmetric``: the statement quantifies over symmetric matrices only.
    ``count``: the parameter is a list of that many matrices (a dim name), e.g. factors of a product.
    """

    name: str
    rows: str
    cols: str
    symmetric: bool = False
    count: str | None = None


@dataclass(frozen=True)
class Scalar:
    """A real scalar parameter ranging over [low, high] (high may be inf); ``open_low`` excludes low."""

    name: str
    low: float = 0.0
    high: float = math.inf
    count: str | None = None
    open_low: bool = False


@dataclass(frozen=True)
class Space:
    """The parameter space: integer dims with inclusive ranges, then matrices and scalars.

    ``derived`` dims follow others: {"g": ("k", -1)} makes g = k - 1 (gaps between k knots);
    {"n": ("m+r", 0)} makes n = m + r. ``model``: the model class its cases are, in the document's
    words (what a "holds" was checked on); ``describe()`` falls back to the dims and matrices.
    """

    dims: Mapping[str, tuple[int, int]]
    matrices: tuple[Matrix, ...]
    scalars: tuple[Scalar, ...] = ()
    derived: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    model: str = ""

    def describe(self) -> str:
        """The model class, or else the space itself: its dims' ranges, its matrices and scalars."""
        if self.model:
            return self.model
        dims = ", ".join(f"{k} in {lo}..{hi}" if lo != hi else f"{k} = {lo}" for k, (lo, hi) in self.dims.items()
                         if k not in self.derived)
        mats = ", ".join(f"{m.name} ({m.rows} x {m.cols}{', symmetric' if m.symmetric else ''}"
                         f"{f', {m.count} of them' if m.count else ''})" for m in self.matrices)
        scalars = ", ".join(s.name for s in self.scalars)
        return "; ".join(x for x in (dims, mats, f"scalars {scalars}" if scalars else "") if x)

    def with_derived(self, dims: dict[str, int]) -> dict[str, int]:
        out = dict(dims)
        for name, (base, offset) in self.derived.items():
            out[name] = sum(out[b] for b in base.split("+")) + offset
        return out

    def names(self) -> list[str]:
        return [m.name for m in self.matrices] + [s.name for s in self.scalars]


Family = Callable[..., Any]
"""A named adversarial family: ``family(rng, dims, batch) -> {name: array}`` (see proofcheck.search.families); a
family defined only at some sizes says so in ``family.sizes`` ({dim: (low, high)}), and is drawn only there."""


@dataclass(frozen=True)
class ScaleFamily:
    """A one-parameter family of cases through a witness, in the document's words: ``move(witness, s)``
    is the witness moved to parameter value s (s = 1 is the witness itself), for s in ``values``."""

    parameter: str
    move: Callable[[dict[str, Any], float], dict[str, Any]]
    values: tuple[float, ...]


@dataclass(frozen=True)
class Uniformity:
    """A claim that a constant depends only on some quantities: ``cases(s)`` is a witness for the
    value s of a ``parameter`` the constant must not depend on, inside the statement's hypotheses
    with those quantities fixed; the left side must stay bounded along ``values``."""

    parameter: str
    fixed: str
    cases: Callable[[float], dict[str, Any]]
    values: tuple[float, ...]
    why: str = ""
    # the hypotheses at the fixed quantities: ``within(witness)`` names every one a case violates
    within: Callable[[dict[str, Any]], list[str]] | None = None
    # an existential constant: the rest of its bound g (LHS / g must stay bounded), against the contexts
    normalizer: Callable[[Any, Any], Any] | None = None
    # the same family with a hypothesis the argument needs (``needs``, in words) holding
    inside: Callable[[float], dict[str, Any]] | None = None
    needs: str = ""
    # the space the family is followed in where it reaches past the search's (a width the search's
    # mpmath could not integrate, say); its cases are checked against it as the search's are against its own
    space: "Space | None" = None


@dataclass(frozen=True)
class Statement:
    """A numbered statement of the paper, as printed.

    ``lhs(ctx, c)`` and ``rhs(ctx, c)`` are written against the context's operations (``ctx.sqrt``,
    ``ctx.spectral_norm``, ... or their function form in ``proofcheck.numerics.linalg``), so the same
    code is the float64 fast path (ctx = F64, batched), the mpmath path (ctx = MP at a scoped
    precision) and the Arb path. ``c`` has one attribute per parameter. The ratio they make is
    judged by ``proofcheck.core.judgement``.
    ``not_certified``: why Arb enclosures cannot judge the statement's cases (an integrated flow,
    whose discretization error is estimated, not bounded); None when they can.
    For ``kind == "upper"`` the claim is lhs <= rhs; for ``"lower"``, lhs >= rhs. For ``"identity"``,
    lhs is the norm of a residual that the statement says is 0 (an Estimate with its discretization
    error) and rhs the size of the terms compared; the ratio is the residual over its allowance
    (twice its error estimate plus the rounding floor times rhs), so above 1 means it fails.
    ``orthogonal_invariance``: both sides are unchanged when every matrix M of shape (rows, cols)
    becomes Q_rows M Q_cols^T, one orthogonal Q per dim; the search then re-evaluates each case in
    a random basis to expose float64 ratios that are rounding rather than mathematics.
    ``proof``: the printed steps of its proof in the document's order (``proofcheck.core.proof``).
    ``dimensions``: its two sides in the document's base quantities, for the symbolic scaling audit
    (``proofcheck.core.scaling``). ``scale_families``: families of cases along the document's own
    scales beyond multiplying one parameter (a width), for diagnosis. ``uniformity``: a claim that
    its constant depends only on some quantities, checked along a parameter it must not depend on.
    ``hypotheses``: conditions on a case beyond its space's ranges (None: the ranges are all); every
    case a diagnosis builds passes through them as the search's cases pass through the ranges.
    """

    id: str
    ref: str
    statement: str
    kind: Kind
    space: Space
    lhs: Callable[[Any, Any], Any]
    rhs: Callable[[Any, Any], Any]
    symbolic: Callable[[Any], Sequence[SymbolicStep]] | None = None
    uses: tuple[str, ...] = ()
    families: Mapping[str, Family] = field(default_factory=dict)
    orthogonal_invariance: bool = False
    constant_printed: str | None = None
    constant_proof: str | None = None
    notes: str = ""
    not_certified: str | None = None
    proof: tuple["Step", ...] = ()
    dimensions: "Dimensions | None" = None
    scale_families: tuple[ScaleFamily, ...] = ()
    uniformity: Uniformity | None = None
    # hypotheses beyond the space's ranges: ``hypotheses(witness)`` names every one a case violates
    hypotheses: Callable[[dict[str, Any]], list[str]] | None = None
    # "there is C depending only on ...": families along which LHS / (the rest of the bound) must stay
    # bounded (proofcheck.search.existential); the verdict of the printed statement follows from them
    existential: tuple[Uniformity, ...] = ()
    # a repaired statement's right side over the printed one, where that is a constant (``repaired``)
    repair_factor: float | None = None
    # what a repair changes, and what its proof's steps need besides, each with why (``repaired``)
    repair_changes: tuple[Change, ...] = ()
    repair_needs: tuple[tuple[Change, str], ...] = ()
    # a proof line's evident intended reading (proofcheck.core.proof.Step.intended), as a statement
    intended: "Statement | None" = None
    # a reduction to a few scalars (proofcheck.core.reduction): the statement is then proved by
    # branch-and-bound over the reduced box before it is searched
    reduction: "Reduction | None" = None
    # an identity of expectations (proofcheck.core.expectation): its closed form and sampler
    expectation: "Expectation | None" = None
    # a statement with probability (proofcheck.core.probability): its draw, delta and points or families
    probability: "Probability | None" = None
    # a claimed order of growth "X = O(d^e)" (proofcheck.core.orders): the exponent is measured instead of cases
    order: "Order | None" = None

    @property
    def checked_by(self) -> str:
        """'both' when symbolic steps are declared beside the numeric search, else 'numeric'."""
        return "both" if self.symbolic is not None else "numeric"


def repaired(printed: Statement, rhs: Callable[[Any, Any], Any], statement: str, notes: str,
             constant_printed: str | None = None, uses: tuple[str, ...] | None = None,
             dimensions: "Dimensions | None" = None, factor: float | None = None,
             changes: tuple[Change, ...] = (), needs: tuple[tuple[Change, str], ...] = ()) -> Statement:
    """``<id>:repaired``: the printed statement with its right side changed and nothing else (the
    same space, left side, families and kind); no proof chain and no symbolic steps of its own.
    ``factor``: the repaired right side over the printed one, where that is a constant (a constant
    slip's repair: the upper end of the constant the evidence demands). ``changes``: what the repair
    changes (a constant, a term of the bound, a hypothesis, ...); ``needs``: what its proof's steps
    need besides, each with why (a radius, a horizon), where the repair leaves it unchanged."""
    return dataclasses.replace(
        printed, id=f"{printed.id}:repaired", ref=f"{printed.ref}, repaired", statement=statement, rhs=rhs,
        notes=notes, symbolic=None, proof=(), uniformity=None,
        constant_printed=constant_printed if constant_printed is not None else printed.constant_printed,
        uses=printed.uses if uses is None else uses, dimensions=dimensions, repair_factor=factor,
        repair_changes=tuple(changes), repair_needs=tuple(needs))
