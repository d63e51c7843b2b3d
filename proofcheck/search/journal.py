"""The journal of one statement's search: every float64 batch and quick mpmath verification, in
the order the search asked for them, with the search's clock at each.

A search is deterministic for its seed, so a search run again with the journal of an interrupted
one asks for the same evaluations in the same order; the journal answers them from what it
recorded (no case is evaluated twice) until it runs out, and the search goes on from there. An
entry whose inputs differ from what is asked (the interrupted run's winding-down, or different
code) ends the replay: it and everything after it are dropped and evaluated afresh.

Entries are plain JSON: batches as base64 of little-endian float64 bytes (exact), keyed by a hash
of the batch's inputs.
"""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from proofcheck.search.evaluate import Screened


def _key(dims: dict[str, int], values: dict[str, np.ndarray]) -> str:
    h = hashlib.sha256(repr(sorted(dims.items())).encode())
    for name in sorted(values):
        h.update(name.encode())
        h.update(np.ascontiguousarray(values[name], dtype="<f8").tobytes())
    return h.hexdigest()[:24]


def _pack(a: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f8").tobytes()).decode("ascii")


def _unpack(s: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s.encode("ascii"), validate=True), dtype="<f8").copy()


class JournalError(ValueError):
    """A journal that is not one this version wrote."""


@dataclass
class Journal:
    """Recorded evaluations; ``replayed`` counts those answered from the record.

    Records keep their raw values (arrays, floats) while the search runs; they are encoded as JSON
    only when a checkpoint is written (``to_json``), which keeps the hot loop to one hash per batch."""

    records: list[tuple[str, str, float, Any]] = field(default_factory=list)
    cursor: int = 0
    replayed: int = 0
    clock: Callable[[float], None] = lambda elapsed: None

    @classmethod
    def from_json(cls, entries: Any) -> "Journal":
        if not isinstance(entries, list) or not all(
                isinstance(e, dict) and e.get("kind") in ("screen", "verify") and isinstance(e.get("key"), str)
                and isinstance(e.get("elapsed"), (int, float)) for e in entries):
            raise JournalError("the checkpoint's journal is not a list of screen/verify entries")
        try:
            return cls([(e["kind"], e["key"], float(e["elapsed"]), _decode(e)) for e in entries])
        except (KeyError, ValueError, TypeError) as exc:
            raise JournalError(f"an entry of the journal is damaged: {exc}") from None

    def to_json(self) -> list[dict[str, Any]]:
        """The records as plain JSON entries (exact: base64 float64 bytes, float reprs)."""
        return [_encode(kind, key, elapsed, payload) for kind, key, elapsed, payload in self.records]

    def _recorded(self, kind: str, key: str) -> Any:
        if self.cursor < len(self.records):
            k, recorded_key, elapsed, payload = self.records[self.cursor]
            if k == kind and recorded_key == key:
                self.cursor += 1
                self.replayed += 1
                self.clock(elapsed)
                return payload
            del self.records[self.cursor:]  # the search went another way from here: evaluate afresh
        return None

    def _record(self, kind: str, key: str, elapsed: float, payload: Any) -> None:
        self.records.append((kind, key, round(elapsed, 6), payload))
        self.cursor = len(self.records)

    def screen(self, evaluate: Callable[[], Screened], dims: dict[str, int], values: dict[str, np.ndarray],
               elapsed: float) -> Screened:
        """A float64 batch's ratios: recorded, or evaluated and recorded."""
        key = _key(dims, values)
        recorded = self._recorded("screen", key)
        if recorded is not None:
            return recorded
        s = evaluate()
        self._record("screen", key, elapsed, s)
        return s

    def verify(self, evaluate: Callable[[], tuple[float, float]], witness: dict[str, Any],
               elapsed: float) -> tuple[float, float]:
        """A quick mpmath (ratio, error) of one witness: recorded, or evaluated and recorded."""
        key = hashlib.sha256(repr(witness).encode()).hexdigest()[:24]
        recorded = self._recorded("verify", key)
        if recorded is not None:
            return recorded
        ratio, error = evaluate()
        self._record("verify", key, elapsed, (float(ratio), float(error)))
        return ratio, error


def _encode(kind: str, key: str, elapsed: float, payload: Any) -> dict[str, Any]:
    if kind == "screen":
        return {"kind": kind, "key": key, "elapsed": elapsed, "ratio": _pack(payload.ratio),
                "reliable": _pack(payload.reliable.astype(float)), "error": _pack(payload.error)}
    return {"kind": kind, "key": key, "elapsed": elapsed, "ratio": repr(payload[0]), "error": repr(payload[1])}


def _decode(e: dict[str, Any]) -> Any:
    if e["kind"] == "screen":
        return Screened(_unpack(e["ratio"]), _unpack(e["reliable"]) != 0, _unpack(e["error"]))
    return float(e["ratio"]), float(e["error"])
