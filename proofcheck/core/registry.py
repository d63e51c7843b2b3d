"""Discovering the packs installed (entry-point group ``proofcheck.packs``) and the statements each
declares: no hand-kept list, and nothing here names a document."""
from __future__ import annotations

import difflib
import functools
import importlib
import importlib.metadata
import os
import pkgutil
import dataclasses
from dataclasses import dataclass
from types import ModuleType

from proofcheck.core.pack import MODEL_CLASS, QUALIFIER, Pack, base_id, module_name, on_model_class
from proofcheck.core.proof import split_step_id, step_id, step_statement
from proofcheck.core.statement import Statement

GROUP = "proofcheck.packs"
# names the pack a command uses when several are installed and none is named
PACK_VARIABLE = "PROOFCHECK_PACK"


class UnknownStatement(LookupError, ValueError):
    """An id that no module declares; carries the closest known ids (a bad argument: a ValueError)."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name, self.suggestions = name, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown statement id '{name}'{hint}")


class AlgebraStep(UnknownStatement):
    """A proof step checked as algebra only: there is nothing to search (a bad argument to fuzz)."""

    def __init__(self, name: str, statement_id: str):
        self.name, self.suggestions = name, []
        ValueError.__init__(self, f"{name} is checked as algebra (sympy), not searched; its steps run in "
                                  f"'proofcheck audit {statement_id}'")


class AmbiguousStatement(UnknownStatement):
    """An id that more than one pack declares: it must be qualified as ``PACK/ID``."""

    def __init__(self, name: str, qualified: list[str]):
        self.name, self.suggestions = name, qualified
        ValueError.__init__(self, f"'{name}' is declared by {len(qualified)} packs: name one, "
                                  f"{' or '.join(qualified)}")


class PackError(LookupError, ValueError):
    """An unknown pack, a pack that fails to load, or a choice of pack that is needed and not made."""


@dataclass(frozen=True)
class BrokenPack:
    """An entry point that did not give a pack: its name and why (the other packs are unaffected)."""

    name: str
    reason: str


def _entry_points() -> list[importlib.metadata.EntryPoint]:
    return sorted(importlib.metadata.entry_points(group=GROUP), key=lambda ep: ep.name)


@functools.lru_cache(maxsize=None)
def _load() -> tuple[dict[str, Pack], tuple[BrokenPack, ...]]:
    packs: dict[str, Pack] = {}
    broken: list[BrokenPack] = []
    for ep in _entry_points():
        try:
            pack = ep.load()
        except Exception as exc:  # a pack is someone else's code: any failure to import is its own
            broken.append(BrokenPack(ep.name, f"{ep.value} does not import: {type(exc).__name__}: {exc}"))
            continue
        if not isinstance(pack, Pack):
            broken.append(BrokenPack(ep.name, f"{ep.value} is a {type(pack).__name__}, not a proofcheck Pack"))
        elif pack.name in packs:
            broken.append(BrokenPack(ep.name, f"a second pack named {pack.name} ({ep.value})"))
        else:
            packs[pack.name] = pack
    return packs, tuple(broken)


def packs() -> dict[str, Pack]:
    """The packs installed and loaded, by name (sorted)."""
    return dict(_load()[0])


def broken_packs() -> tuple[BrokenPack, ...]:
    """The entry points of the group that did not give a pack, with the reason."""
    return _load()[1]


def pack(name: str) -> Pack:
    """The installed pack of that name; PackError (one line: the packs there are, or why it is broken)."""
    found = packs()
    if name in found:
        return found[name]
    for b in broken_packs():
        if b.name == name:
            raise PackError(f"pack '{name}' is installed but broken: {b.reason}")
    there = ", ".join(found) or "none"
    raise PackError(f"unknown pack '{name}' (installed: {there})")


def named_pack() -> str | None:
    """The pack ``$PROOFCHECK_PACK`` names, if any."""
    return os.environ.get(PACK_VARIABLE, "").strip() or None


def default_pack() -> Pack:
    """The pack a command uses when none is named: ``$PROOFCHECK_PACK``, or the one pack installed."""
    chosen = named_pack()
    if chosen:
        return pack(chosen)
    found = packs()
    if len(found) == 1:
        return next(iter(found.values()))
    if not found:
        broken = "; ".join(f"{b.name}: {b.reason}" for b in broken_packs())
        raise PackError("no pack is installed" + (f" that loads ({broken})" if broken else ""))
    raise PackError(f"{len(found)} packs are installed ({', '.join(found)}): name one with --pack NAME "
                    f"(or {PACK_VARIABLE})")


def _statements_package(p: Pack) -> ModuleType:
    try:
        return importlib.import_module(p.statements)
    except Exception as exc:
        raise PackError(f"pack '{p.name}': its statements ({p.statements}) do not import: "
                        f"{type(exc).__name__}: {exc}") from None


@functools.lru_cache(maxsize=None)
def _pack_statements(name: str) -> tuple[tuple[str, Statement], ...]:
    p = pack(name)
    package = _statements_package(p)
    found: dict[str, Statement] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{p.statements}.{info.name}")
        except Exception as exc:
            raise PackError(f"pack '{p.name}': {p.statements}.{info.name} does not import: "
                            f"{type(exc).__name__}: {exc}") from None
        statement = getattr(module, "STATEMENT", None)
        if isinstance(statement, Statement):
            found[statement.id] = statement
    found.update(_on_model_classes(p, found))
    order = {sid: i for i, sid in enumerate(p.order)}

    def place(sid: str) -> tuple[int, str, str]:
        declared, model_class = on_model_class(sid)
        return order.get(base_id(sid), len(order)), model_class or "", declared
    return tuple(sorted(found.items(), key=lambda kv: place(kv[0])))


def _on_model_classes(p: Pack, found: dict[str, Statement]) -> dict[str, Statement]:
    """Each statement a model class of the pack applies to, over that class, as ``ID@CLASS``."""
    out = {}
    for mc in p.model_classes:
        for sid in mc.statements:
            if sid not in found:
                raise PackError(f"pack '{p.name}': model class {mc.name} applies to {sid}, which no module declares")
            try:
                variant = mc.transform(found[sid])
            except Exception as exc:
                raise PackError(f"pack '{p.name}': model class {mc.name} cannot take {sid}: "
                                f"{type(exc).__name__}: {exc}") from None
            variant_id = f"{sid}{MODEL_CLASS}{mc.name}"
            out[variant_id] = dataclasses.replace(variant, id=variant_id)
    return out


def model_class_share(statement: Statement) -> float:
    """The fraction of a statement's time a campaign gives it: its model class's share for ``ID@CLASS``, else 1."""
    name = on_model_class(statement.id.split(":step-")[0])[1]
    owner = pack_of(statement) if name else None
    found = [mc.share for mc in (owner.model_classes if owner else ()) if mc.name == name]
    return found[0] if found else 1.0


def discover(pack_name: str | None = None) -> dict[str, Statement]:
    """Every ``STATEMENT`` of a pack by id, in its document's order (as-used and repaired forms after
    their id); with no name, those of every pack, an id two packs share qualified as ``PACK/ID``."""
    if pack_name is not None:
        return dict(_pack_statements(pack(pack_name).name))
    per_pack = {name: dict(_pack_statements(name)) for name in packs()}
    counts: dict[str, int] = {}
    for found in per_pack.values():
        for sid in found:
            counts[sid] = counts.get(sid, 0) + 1
    return {(sid if counts[sid] == 1 else f"{name}{QUALIFIER}{sid}"): s
            for name, found in per_pack.items() for sid, s in found.items()}


def pack_of(statement: Statement) -> Pack | None:
    """The pack that declares a statement (for a proof step or a planted variant, the pack of the
    statement it comes from), or None."""
    declared = statement.id.split(":step-")[0].removesuffix(":planted")
    candidates = [name for name in packs() if any(sid == declared for sid, _ in _pack_statements(name))]
    for name in candidates:
        if any(s is statement for _, s in _pack_statements(name)):
            return packs()[name]
    return packs()[candidates[0]] if candidates else None


def pack_name_of(statement: Statement) -> str | None:
    """The name of the pack that declares a statement (``pack_of``), or None."""
    owner = pack_of(statement)
    return owner.name if owner is not None else None


def qualified_id(statement: Statement) -> str:
    """``PACK/ID``: the id that names this statement whatever else is installed."""
    p = pack_of(statement)
    return statement.id if p is None else f"{p.name}{QUALIFIER}{statement.id}"


def _split_pack(name: str) -> tuple[str | None, str]:
    if QUALIFIER in name:
        prefix, rest = name.split(QUALIFIER, 1)
        return prefix.strip(), rest
    return None, name


def resolve(name: str, statements: dict[str, Statement] | None = None, pack_name: str | None = None) -> Statement:
    """The statement an id (or alias, any case; ``PACK/ID`` to name its pack) names, or the step
    ``<id>:step-<k>`` of its proof (as a statement of its own); UnknownStatement with suggestions otherwise."""
    prefix, rest = _split_pack(name.strip().lower())
    if prefix is not None:
        return resolve(rest, discover(prefix), prefix)
    statements = discover(pack_name) if statements is None else statements
    key = rest
    step = split_step_id(key)
    if step is not None:
        parent = resolve(step[0], statements, pack_name)
        k = step[1]
        if not 1 <= k <= len(parent.proof):
            raise UnknownStatement(name, [step_id(parent.id, i + 1) for i in range(len(parent.proof))][:3])
        if not parent.proof[k - 1].numeric:
            raise AlgebraStep(name, parent.id)
        return step_statement(parent, k)
    aliases = _aliases(pack_name)
    key = aliases.get(key, key)
    if key in statements:
        return statements[key]
    shared = [q for q in statements if q.endswith(f"{QUALIFIER}{key}")]
    if shared:
        raise AmbiguousStatement(name, shared)
    known = list(statements) + list(aliases)
    raise UnknownStatement(name, difflib.get_close_matches(key, known, n=3, cutoff=0.5))


def _aliases(pack_name: str | None) -> dict[str, str]:
    chosen = [pack(pack_name)] if pack_name is not None else list(packs().values())
    return {k: v for p in chosen for k, v in p.aliases.items()}


def steps(statements: dict[str, Statement] | None = None) -> list[tuple[str, Statement, int]]:
    """Every printed proof step: (step id, its statement, k), in the documents' order."""
    statements = discover() if statements is None else statements
    return [(step_id(s.id, k), s, k) for s in statements.values() for k in range(1, len(s.proof) + 1)]


def declared_modules(pack_name: str) -> list[str]:
    """Module names in a pack's statements that should each declare a statement (templates excluded)."""
    package = _statements_package(pack(pack_name))
    return [i.name for i in pkgutil.iter_modules(package.__path__) if not i.name.startswith("_")]


def refresh() -> None:
    """Forget what was discovered (a pack installed or removed while the process runs, in tests)."""
    _load.cache_clear()
    _pack_statements.cache_clear()


__all__ = ["UnknownStatement", "AlgebraStep", "AmbiguousStatement", "PackError", "BrokenPack", "packs", "broken_packs", "pack",
           "default_pack", "named_pack", "pack_name_of", "discover", "pack_of", "qualified_id", "resolve", "steps", "declared_modules",
           "module_name", "refresh", "campaign_pack", "model_class_share"]


def campaign_pack(statements: list[Statement]) -> Pack | None:
    """The one pack a campaign's statements come from (None for statements no pack declares, as a
    test's own); PackError when they come from several (a report checks one document)."""
    found = {p.name: p for p in (pack_of(s) for s in statements) if p is not None}
    if len(found) > 1:
        raise PackError(f"these statements come from {len(found)} packs ({', '.join(sorted(found))}): "
                        f"check one pack at a time")
    return next(iter(found.values()), None)
