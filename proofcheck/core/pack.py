"""A pack: the unit of a document, everything the engine needs to know about it and nothing the
engine knows by name.

A pack is a Python package that declares ``PACK = Pack(...)`` and registers it through the entry-point
group ``proofcheck.packs`` (``[project.entry-points."proofcheck.packs"]`` in its ``pyproject.toml``), so
that it can live in a distribution of its own. Its statement modules sit in one package (``statements``),
one module per statement, each declaring ``STATEMENT``; the registry finds them, orders them by the
document's ``order`` and resolves the document's ``aliases``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

AS_USED = ":as-used"
REPAIRED = ":repaired"
# a pack-qualified id, 'PACK/ID', tells two packs' statements of the same id apart
QUALIFIER = "/"
# a statement checked on a model class of the pack's besides its own space: 'ID@CLASS'
MODEL_CLASS = "@"


@dataclass(frozen=True)
class ModelClass:
    """A wider class of models on which a pack checks some of its statements besides their own space,
    where a hypothesis the statements' own models cannot see comes into play (constants that hold on a
    ball only, say). ``transform`` gives the statement over the class: the same sides, proof and kind,
    its cases drawn from the class and its constants measured as the class needs; its result is reported
    as ``ID@NAME``. ``statements``: the ids it applies to (``:as-used`` and ``:repaired`` forms named
    explicitly); ``share``: the fraction of a statement's time in a campaign its check on the class gets
    (it is a second look, not the statement's own search)."""

    name: str
    title: str
    statements: tuple[str, ...]
    transform: Callable[[Any], Any]
    share: float = 0.5

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", self.name):
            raise ValueError(f"model class name {self.name!r}: lowercase letters, digits and '-' only")
        if not 0 < self.share <= 1:
            raise ValueError(f"model class {self.name}: share {self.share} is not in (0, 1]")


@dataclass(frozen=True)
class Pack:
    """A document's statements and what the reports say about it.

    ``statements``: the dotted name of the package whose modules declare them; ``order``: the numbered
    statements' ids in the document's order (their ``:as-used`` and ``:repaired`` forms follow each id);
    ``main_result``: the id findings say survives or not (None if the document has none); ``sections``:
    a regular expression whose first match in a statement's reference names its place in the document
    (the graph groups by it); ``studies``: name -> ``study(seed=, eps=, progress=, stem=)`` returning a
    ``Study`` list, what ``proofcheck study NAME`` measures."""

    name: str
    title: str
    version: str
    statements: str
    order: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)
    main_result: str | None = None
    sections: str = ""
    studies: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    description: str = ""
    model_classes: tuple[ModelClass, ...] = ()

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", self.name):
            raise ValueError(f"pack name {self.name!r}: lowercase letters, digits, '.' and '-' only")
        if self.main_result is not None and self.main_result not in self.order:
            raise ValueError(f"pack {self.name}: main result {self.main_result!r} is not one of its statements")
        if self.sections:
            re.compile(self.sections)
        for mc in self.model_classes:
            unknown = [sid for sid in mc.statements if base_id(sid) not in self.order]
            if unknown:
                raise ValueError(f"pack {self.name}: model class {mc.name} names statements it does not declare: "
                                 f"{', '.join(unknown)}")

    def is_statement_id(self, statement_id: str) -> bool:
        """An id of the document, the narrower form a proof uses (``<id>:as-used``), or the corrected form
        of a statement found violated (``<id>:repaired``)."""
        return base_id(statement_id) in self.order

    def meta(self) -> dict[str, Any]:
        """What a report says about the pack it checked."""
        return {"name": self.name, "version": self.version, "title": self.title, "main_result": self.main_result,
                "sections": self.sections}


@dataclass(frozen=True)
class Study:
    """One measurement a study made: a title, its summary lines, the plot it drew (a path) and its data."""

    name: str
    title: str
    lines: tuple[str, ...]
    plot: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    partial: bool = False


def on_model_class(statement_id: str) -> tuple[str, str | None]:
    """(the id as the document declares it, the model class it is checked on or None):
    'lemma-4:repaired@ball' -> ('lemma-4:repaired', 'ball')."""
    declared, sep, name = statement_id.partition(MODEL_CLASS)
    return (declared, name) if sep else (statement_id, None)


def base_id(statement_id: str) -> str:
    """The numbered statement an id belongs to: 'lemma-4:repaired' -> 'lemma-4' (and 'lemma-4@ball' too)."""
    statement_id = on_model_class(statement_id)[0]
    for suffix in (AS_USED, REPAIRED):
        if statement_id.endswith(suffix):
            return statement_id[: -len(suffix)]
    return statement_id


def module_name(statement_id: str) -> str:
    """The module in a pack's statements that declares an id: 'lemma-4.2' -> 'lemma_4_2', 'lemma-4:as-used'
    -> 'lemma_4_as_used', 'lemma-4:repaired' -> 'lemma_4_repaired'."""
    return (statement_id.replace(AS_USED, "_as_used").replace(REPAIRED, "_repaired")
            .replace("-", "_").replace(".", "_"))


__all__ = ["Pack", "Study", "ModelClass", "AS_USED", "REPAIRED", "QUALIFIER", "MODEL_CLASS", "base_id", "module_name",
           "on_model_class"]
