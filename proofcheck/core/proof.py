"""Proof chains: the printed steps of a statement's proof, each checkable like a statement.

A step is one displayed (in)equality or labelled step ((a), (b), ...) of the document's proof, in the
paper's order, transcribed as printed. It is checked either as algebra (``symbolic``: sympy steps,
proved, disproved or undecided) or as a relation between quantities computed on the statement's
case space (``lhs``, ``rhs``, ``kind``), extended by the step's own parameters where it needs more:
an intermediate time, the index of a finite product, an interpolation parameter (``extra``). A
numeric step becomes a ``Statement`` of its own (``step_statement``), id ``<statement>:step-<k>``,
so the same search, confirmation and certification judge it.
"""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from proofcheck.core.statement import Kind, Scalar, Space, Statement
from proofcheck.core.symbolic import SymbolicStep

INTENDED = ":intended"  # the id suffix of a line's intended reading (never registered: judged beside the line)
STEP_ID = re.compile(r"^(?P<statement>.+):step-(?P<k>\d+)$")


@dataclass(frozen=True)
class Step:
    """One printed step of a proof.

    ``label``: as printed ("(a)", "(b)") or the line it is ("line 3").
    ``text``: the step as printed. ``place``: where (section, display, line).
    ``uses``: the statements it invokes. ``reading``: how ambiguous extracted text was read.
    ``kind``/``lhs``/``rhs``: the numeric relation (None for a step checked as algebra only).
    ``extra``: parameters the step adds to the statement's space (bounded scalars); ``extra_dims``:
    integer ones (an index j of a finite product, a knot where a path is cut), read as ``c.dims[name]``.
    ``not_certified``: why Arb cannot judge the step's cases (else the statement's reason, if any).
    ``symbolic``: sympy steps ``symbolic(rng) -> [SymbolicStep]`` (algebra, or beside the numeric form).
    ``intended``/``intended_lhs``/``intended_rhs``: where the printed line is an evident typo, the
    line the surrounding text intends, checked beside it (a typo is a line that fails as printed while
    its intended reading holds). ``follows``: the ids of the lines it is derived from, for root causes.
    """

    label: str
    text: str
    place: str
    kind: Kind | None = None
    lhs: Callable[[Any, Any], Any] | None = None
    rhs: Callable[[Any, Any], Any] | None = None
    extra: tuple[Scalar, ...] = ()
    symbolic: Callable[[Any], Sequence[SymbolicStep]] | None = None
    uses: tuple[str, ...] = ()
    reading: str = ""
    extra_dims: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    not_certified: str | None = None
    # a line read as a typo: the evident intended line (from the surrounding text), checked beside the
    # printed one; a side left None is the printed side
    intended: str = ""
    intended_lhs: Callable[[Any, Any], Any] | None = None
    intended_rhs: Callable[[Any, Any], Any] | None = None
    # the earlier lines of the chain (or another statement's steps) this line is derived from, by id
    follows: tuple[str, ...] = ()
    reduction: Any = None  # a proofcheck.core.reduction.Reduction over the statement's space and ``extra``
    constant: str | None = None  # the printed constant of a line that is a bound with one (its sharp value is proved)

    @property
    def numeric(self) -> bool:
        return self.lhs is not None and self.rhs is not None and self.kind is not None


def step_id(statement_id: str, k: int) -> str:
    """The id of the k-th step (1-based) of a statement's proof."""
    return f"{statement_id}:step-{k}"


def split_step_id(name: str) -> tuple[str, int] | None:
    """(statement id, k) for a step id; None for a statement id."""
    match = STEP_ID.match(name)
    return (match["statement"], int(match["k"])) if match else None


def _extra_values(rng: np.random.Generator, extra: Sequence[Scalar], batch: int) -> dict[str, np.ndarray]:
    out = {}
    for s in extra:
        if math.isinf(s.high):
            out[s.name] = s.low + 10.0 ** rng.uniform(-3, 3, size=batch)
        else:
            x = rng.uniform(s.low, s.high, size=batch)
            # the ends of an intermediate range ([0, t], [0, 1]) are where steps are tight (an open end excluded)
            ends = [s.high] if s.open_low else [s.low, s.high]
            out[s.name] = np.where(rng.random(batch) < 0.1, rng.choice(ends, size=batch), x)
    return out


def _extended_family(family: Callable[..., Any], base: Space, extra: Sequence[Scalar]) -> Callable[..., Any]:
    def draw(rng: np.random.Generator, space: Space, dims: dict[str, int], batch: int) -> Any:
        values = dict(family(rng, base, dims, batch))
        values.update(_extra_values(rng, extra, batch))
        return values
    return draw


def step_statement(statement: Statement, k: int) -> Statement:
    """The k-th step (1-based) of the statement's proof as a statement of its own, over the
    statement's space extended by the step's parameters (its families draw those uniformly)."""
    step = statement.proof[k - 1]
    if not step.numeric:
        raise ValueError(f"{step_id(statement.id, k)} is checked as algebra only")
    space = statement.space
    if step.extra or step.extra_dims:
        space = dataclasses.replace(space, scalars=tuple(space.scalars) + tuple(step.extra),
                                    dims={**space.dims, **step.extra_dims})
    families = {name: _extended_family(f, statement.space, step.extra) for name, f in statement.families.items()}
    printed = Statement(
        id=step_id(statement.id, k), ref=f"{statement.ref}, proof, step {step.label} ({step.place})",
        statement=step.text, kind=step.kind, space=space, lhs=step.lhs, rhs=step.rhs,  # type: ignore[arg-type]
        symbolic=step.symbolic, uses=step.uses, families=families, orthogonal_invariance=False,
        notes=step.reading, not_certified=step.not_certified or statement.not_certified,
        scale_families=statement.scale_families, reduction=step.reduction, constant_printed=step.constant)
    if not step.intended:
        return printed
    reading = dataclasses.replace(printed, id=f"{printed.id}{INTENDED}", statement=step.intended, symbolic=None,
                                  lhs=step.intended_lhs or step.lhs, rhs=step.intended_rhs or step.rhs)
    return dataclasses.replace(printed, intended=reading)


def witness_grid(step: Step, witness: dict[str, Any], points: int = 5) -> list[dict[str, Any]]:
    """A statement's witness extended by the step's parameters on a grid (ends included), so the
    step is judged where the statement failed or was tightest, at every sampled value of its own
    parameters."""
    witness = {k: v for k, v in witness.items() if k != "statement"}
    dims_grid: list[dict[str, int]] = [dict(witness.get("dims") or {})]
    for name, (low, high) in step.extra_dims.items():
        dims_grid = [{**d, name: j} for d in dims_grid for j in range(low, high + 1)]
    if not step.extra:
        return [{**witness, "dims": d} for d in dims_grid]
    axes = []
    for s in step.extra:
        if math.isinf(s.high):
            axes.append([s.low + 10.0 ** e for e in (-2, 0, 2)])
        else:
            axis = [s.low + (s.high - s.low) * i / (points - 1) for i in range(points)]
            axes.append(axis[1:] if s.open_low else axis)
    out: list[dict[str, Any]] = [dict(witness["values"])]
    for s, axis in zip(step.extra, axes):
        out = [{**w, s.name: repr(float(x))} for w in out for x in axis]
    return [{**witness, "dims": d, "values": values} for d in dims_grid for values in out]
