"""Shrinking a violating witness to the smallest readable one, as Hypothesis shrinks a failing example.

Passes, repeated until none makes progress: fewer dimensions (drop the last row, column, knot or
neuron of a dim), scales normalized (each parameter multiplied by the power of ten that brings its
largest entry near 1: the statements' own symmetries keep the ratio), numbers simplified (a whole
parameter rounded to integers or short rationals (halves, quarters), single entries to integers, then
to 1, 2 or 3 significant digits, then single entries set to 0). A candidate outside the statement's
hypotheses is never tried. A candidate is
kept when it is simpler (``complexity``: fewer dimensions, then fewer digits and decades away from
1, an order that makes shrinking end) and its float64 ratio still exceeds 1 by a margin; the result is then confirmed in mpmath at
two precisions and certified in Arb, walking back to the last kept witness that certifies (the
original, at worst). Every kept change is recorded in words.
"""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import numpy as np

from proofcheck.core.cases import WitnessError, witness_values
from proofcheck.core.judgement import CaseStatus, CertificateStatus
from proofcheck.core.results import Certificate, Confirmation
from proofcheck.core.statement import Statement
from proofcheck.search.certify import certify
from proofcheck.search.confirm import confirm
from proofcheck.search.evaluate import screen_f64

MARGIN = 1e-3  # a candidate keeps the violation when its float64 ratio exceeds 1 + MARGIN
MAX_ROUNDS = 60
MAX_EVALUATIONS = 400


@dataclass
class Shrunk:
    """The smallest witness found, its confirmation and certificate, and what was changed."""

    witness: dict[str, Any]
    ratio: float
    ratio_text: str
    certificate: Certificate | None
    changes: list[str] = field(default_factory=list)
    evaluations: int = 0
    confirmation: Confirmation | None = None  # the shrunk witness confirmed in mpmath, with its certificate

    @property
    def certified(self) -> bool:
        return self.certificate is not None and self.certificate.status is CertificateStatus.CERTIFIED_VIOLATION


def f64_ratio(statement: Statement, witness: dict[str, Any]) -> float:
    """The float64 ratio of one witness (nan when it cannot be evaluated or is rounding-dominated)."""
    try:
        dims, values = witness_values(statement.space, witness)
        with np.errstate(all="ignore"):
            screened = screen_f64(statement, dims, values, np.random.default_rng(0))
    except (WitnessError, ArithmeticError, ValueError, FloatingPointError, np.linalg.LinAlgError):
        return float("nan")
    r = float(screened.ratio[0])
    return r if bool(screened.reliable[0]) else float("nan")


def _number(x: float) -> str:
    return repr(float(x))


def _rational(x: float, denominator: int) -> float:
    """x rounded to the nearest multiple of 1/denominator (never to 0: that is a pass of its own)."""
    q = round(x * denominator) / denominator
    return q if q != 0 else x


def _at(value: Any, index: tuple[int, ...]) -> Any:
    for i in index:
        value = value[i]
    return value


def _round(x: float, digits: int) -> float:
    return float(f"{x:.{digits}g}") if x != 0 and math.isfinite(x) else x


def map_numbers(value: Any, f: Callable[[float], float]) -> Any:
    """A witness value (a decimal string or nested lists of them) with f applied to every number."""
    if isinstance(value, list):
        return [map_numbers(v, f) for v in value]
    return _number(f(float(value)))


def _flat(value: Any) -> list[float]:
    return [float(x) for x in _flat_text(value)]


def _drop_last(value: list[Any], axis: int) -> list[Any]:
    if axis == 0:
        return value[:-1]
    return [_drop_last(v, axis - 1) for v in value]


def _with_dim(statement: Statement, witness: dict[str, Any], dim: str) -> dict[str, Any] | None:
    """The witness with dim ``dim`` one smaller (its last index dropped everywhere), None at its floor."""
    space = statement.space
    dims = dict(witness["dims"])
    low = space.dims[dim][0]
    if dims[dim] - 1 < low:
        return None
    base = {k: (dims[k] - 1 if k == dim else dims[k]) for k in space.dims}
    new_dims = space.with_derived(base)
    shrunk = [k for k in new_dims if new_dims[k] < dims.get(k, new_dims[k])]
    values = copy.deepcopy(witness["values"])
    for m in space.matrices:
        v = values[m.name]
        lead = 1 if m.count else 0
        if m.count in shrunk:
            v = v[:-1]
        if m.rows in shrunk:
            v = _drop_last(v, lead)
        if m.cols in shrunk:
            v = _drop_last(v, lead + 1)
        values[m.name] = v
    for s in space.scalars:
        if s.count in shrunk:
            values[s.name] = values[s.name][:-1]
    if any(new_dims[k] < 0 for k in new_dims):
        return None
    return {**witness, "dims": new_dims, "values": values}


def _entries(value: Any, prefix: tuple[int, ...] = ()) -> Iterator[tuple[int, ...]]:
    if isinstance(value, list):
        for i, v in enumerate(value):
            yield from _entries(v, prefix + (i,))
    else:
        yield prefix


def _set(value: Any, index: tuple[int, ...], text: str) -> Any:
    if not index:
        return text
    out = list(value)
    out[index[0]] = _set(value[index[0]], index[1:], text)
    return out


def _symmetric_twin(statement: Statement, name: str, index: tuple[int, ...]) -> tuple[int, ...] | None:
    m = next((m for m in statement.space.matrices if m.name == name), None)
    if m is None or not m.symmetric:
        return None
    return index[:-2] + (index[-1], index[-2])


def _candidates(statement: Statement, witness: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Simpler witnesses, the biggest simplifications first."""
    space = statement.space
    for dim in space.dims:
        now = witness["dims"][dim]
        for target in sorted({max(space.dims[dim][0], 1 if space.dims[dim][0] >= 1 else 0), now // 2, now - 1}):
            smaller: dict[str, Any] | None = witness
            while smaller is not None and smaller["dims"][dim] > target:
                smaller = _with_dim(statement, smaller, dim)
            if smaller is not None and target < now:
                yield f"{dim} {now} -> {smaller['dims'][dim]}", smaller
    scalable = [m.name for m in space.matrices] + [s.name for s in space.scalars if math.isinf(s.high) and s.low == 0]
    for name in scalable:
        entries = [abs(x) for x in _flat(witness["values"][name]) if x != 0]
        if not entries:
            continue
        top = math.floor(math.log10(max(entries)))
        # the largest entry brought into [1, 10) or [0.1, 1), or half or one decade of the way to 1
        toward = -1 if top > 0 else 1
        for power in dict.fromkeys((-top, -top - 1, -(top // 2) if top > 0 else (-top) // 2, toward)):
            if power != 0:
                factor = 10.0 ** power
                yield f"{name} scaled by 1e{power}", {**witness, "values": {
                    **witness["values"], name: map_numbers(witness["values"][name], lambda x, f=factor: x * f)}}
    # small integers and short rationals first: a reader checks 3 and 1/2 by hand, not 2.87
    for name in space.names():
        for denominator in (1, 2, 4):
            rounded = map_numbers(witness["values"][name], lambda x, q=denominator: _rational(x, q))
            if rounded != witness["values"][name]:
                yield (f"{name} rounded to {'integers' if denominator == 1 else f'multiples of 1/{denominator}'}",
                       {**witness, "values": {**witness["values"], name: rounded}})
    for name in [m.name for m in space.matrices]:
        value = witness["values"][name]
        for index in _entries(value):
            entry = float(_at(value, index))
            if entry != round(entry) and round(entry) != 0:
                yield (f"{name}{list(index)} rounded to {round(entry)}",
                       {**witness, "values": {**witness["values"], name: _set(value, index, _number(round(entry)))}})
    for digits in (1, 2, 3):
        for name in space.names():
            rounded = map_numbers(witness["values"][name], lambda x: _round(x, digits))
            if rounded != witness["values"][name]:
                yield f"{name} rounded to {digits} digit(s)", {**witness, "values": {**witness["values"], name: rounded}}
    for name in [m.name for m in space.matrices]:
        value = witness["values"][name]
        for index in _entries(value):
            if float(_at(value, index)) == 0:
                continue
            zeroed = _set(value, index, "0.0")
            twin = _symmetric_twin(statement, name, index)
            if twin is not None:
                zeroed = _set(zeroed, twin, "0.0")
            yield f"{name}{list(index)} set to 0", {**witness, "values": {**witness["values"], name: zeroed}}


def _digits(text: str) -> int:
    """Significant digits of a decimal string ('0.0' has none)."""
    mantissa = text.lower().split("e")[0].replace("-", "").replace(".", "").lstrip("0")
    return len(mantissa.rstrip("0")) if mantissa else 0


def complexity(witness: dict[str, Any]) -> tuple[int, int]:
    """The order shrinking descends (so it always ends): total dimension, then the digits and the
    decades away from 1 of every number."""
    size = sum(int(v) for v in witness["dims"].values())
    cost = 0
    for value in witness["values"].values():
        for x in (_flat_text(value)):
            f = float(x)
            if f != 0:
                cost += _digits(x) + abs(math.floor(math.log10(abs(f))))
    return size, cost


def _flat_text(value: Any) -> list[str]:
    if isinstance(value, list):
        return [x for v in value for x in _flat_text(v)]
    return [value]


def judge_case(statement: Statement, witness: dict[str, Any], dps: int) -> tuple[Confirmation | None, Certificate | None]:
    """A case confirmed in mpmath at two precisions and, where mpmath sees a violation, certified in Arb."""
    try:
        confirmation = confirm(statement, witness, dps)
    except (ArithmeticError, MemoryError, ValueError):
        return None, None
    if confirmation.status is not CaseStatus.VIOLATED:
        return confirmation, None
    return confirmation, certify(statement, witness)


def shrink(statement: Statement, witness: dict[str, Any], dps: int = 30, max_evaluations: int = MAX_EVALUATIONS,
           should_stop: Callable[[], bool] | None = None) -> Shrunk:
    """The smallest readable witness that still violates the statement, certified (see the module)."""
    stop = should_stop or (lambda: False)
    current = {k: v for k, v in witness.items() if k != "statement"}
    kept: list[tuple[dict[str, Any], list[str]]] = [(current, [])]
    changes: list[str] = []
    evaluations = 0
    for _ in range(MAX_ROUNDS):
        progress = False
        for what, candidate in _candidates(statement, current):
            if evaluations >= max_evaluations or stop():
                break
            # the space's ranges are checked by f64_ratio itself; the statement's own hypotheses here
            if complexity(candidate) >= complexity(current) or (
                    statement.hypotheses is not None and statement.hypotheses(candidate)):
                continue
            evaluations += 1
            r = f64_ratio(statement, candidate)
            if np.isfinite(r) and r > 1 + MARGIN:
                current, progress = candidate, True
                changes.append(f"{what} (ratio {r:.4g})")
                kept.append((current, list(changes)))
                break  # restart from the simplest changes on the smaller witness
        if not progress or evaluations >= max_evaluations or stop():
            break
    for candidate, its_changes in reversed(kept):
        tagged = {"statement": statement.id, **candidate}
        confirmation, certificate = judge_case(statement, tagged, dps)
        if confirmation is not None and certificate is not None \
                and certificate.status is CertificateStatus.CERTIFIED_VIOLATION:
            confirmation.certificate = certificate
            confirmation.family, confirmation.phase = "shrunk", "diagnosis"
            return Shrunk(tagged, float(confirmation.ratio_hi_value), confirmation.ratio_hi, certificate, its_changes,
                          evaluations, confirmation)
        if candidate is kept[0][0]:
            ratio = float(confirmation.ratio_hi_value) if confirmation is not None else float("nan")
            text = confirmation.ratio_hi if confirmation is not None else "nan"
            return Shrunk(tagged, ratio, text, certificate, [], evaluations)
    raise AssertionError("unreachable: the original witness is always tried")
