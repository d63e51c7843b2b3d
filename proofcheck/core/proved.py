"""The result of proving a statement over its whole reduced domain by branch-and-bound."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

METHOD = "branch-and-bound"


@dataclass
class BranchAndBound:
    """``outcome``: proved, disproved or undecided (of the reduced inequality, ratio <= 1);
    ``covers``: "whole domain" or the part the reduction reaches (only a whole-domain proof proves the
    statement); ``boxes``/``depth``/``seconds`` of the proof and ``recheck_seconds`` of its independent
    re-check; ``point``/``witness``: a certified counterexample (reduced scalars, and the case they map
    to); ``sharp``: the supremum of the ratio certified from both sides, ``[low, high]``, with the
    constants it gives beside the printed one; ``certificate``: the tree and its leaves (JSON)."""

    outcome: str
    reason: str
    covers: str
    whole: bool
    scalars: list[str]
    box: list[list[str]]
    boxes: int = 0
    depth: int = 0
    seconds: float = 0.0
    recheck_seconds: float | None = None
    recheck_ok: bool | None = None
    methods: dict[str, int] = field(default_factory=dict)
    reduction: list[str] = field(default_factory=list)
    point: dict[str, str] | None = None
    witness: dict[str, Any] | None = None
    value: str = ""
    sharp: dict[str, Any] | None = None
    certificate: dict[str, Any] | None = None
    method: str = METHOD

    @property
    def proves_statement(self) -> bool:
        return self.outcome == "proved" and self.whole and self.recheck_ok is True

    def bound(self) -> float:
        """The ratio the proof guarantees: the sharp upper end when certified, else 1."""
        if self.sharp and self.sharp.get("high") is not None:
            return float(self.sharp["high"])
        return 1.0


def from_dict(d: Any) -> "BranchAndBound | None":
    if not isinstance(d, dict):
        return None
    return BranchAndBound(**{k: v for k, v in d.items() if k in BranchAndBound.__dataclass_fields__})
