"""Discovering the statements declared in ``lemmas/``: no hand-kept list."""
from __future__ import annotations

import difflib
import importlib
import pkgutil
from types import ModuleType

from proofcheck.core.paper import ALIASES, STATEMENT_IDS, module_name
from proofcheck.core.proof import split_step_id, step_id, step_statement
from proofcheck.core.statement import Statement


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


STATEMENTS_PACKAGE = "proofcheck.lemmas"


def _statements_package() -> ModuleType:
    # imported by name: the statements sit above the core, and the registry finds them as plugins
    return importlib.import_module(STATEMENTS_PACKAGE)


def discover() -> dict[str, Statement]:
    """Every ``STATEMENT`` in lemmas/, by id, in the paper's order (as-used forms after their id)."""
    found: dict[str, Statement] = {}
    for info in pkgutil.iter_modules(_statements_package().__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{STATEMENTS_PACKAGE}.{info.name}")
        statement = getattr(module, "STATEMENT", None)
        if isinstance(statement, Statement):
            found[statement.id] = statement
    order = {sid: i for i, sid in enumerate(STATEMENT_IDS)}
    return dict(sorted(found.items(), key=lambda kv: (order.get(kv[0].split(":")[0], len(order)), kv[0])))


def resolve(name: str, statements: dict[str, Statement] | None = None) -> Statement:
    """The statement an id (or alias, any case) names, or the step ``<id>:step-<k>`` of its proof
    (as a statement of its own); UnknownStatement with suggestions otherwise."""
    statements = discover() if statements is None else statements
    key = name.strip().lower()
    step = split_step_id(key)
    if step is not None:
        parent = resolve(step[0], statements)
        k = step[1]
        if not 1 <= k <= len(parent.proof):
            raise UnknownStatement(name, [step_id(parent.id, i + 1) for i in range(len(parent.proof))][:3])
        if not parent.proof[k - 1].numeric:
            raise AlgebraStep(name, parent.id)
        return step_statement(parent, k)
    key = ALIASES.get(key, key)
    if key in statements:
        return statements[key]
    known = list(statements) + list(ALIASES)
    raise UnknownStatement(name, difflib.get_close_matches(key, known, n=3, cutoff=0.5))


def steps(statements: dict[str, Statement] | None = None) -> list[tuple[str, Statement, int]]:
    """Every printed proof step: (step id, its statement, k), in the paper's order."""
    statements = discover() if statements is None else statements
    return [(step_id(s.id, k), s, k) for s in statements.values() for k in range(1, len(s.proof) + 1)]


def declared_modules() -> list[str]:
    """Module names in lemmas/ that should each declare a statement (templates excluded)."""
    return [i.name for i in pkgutil.iter_modules(_statements_package().__path__) if not i.name.startswith("_")]


__all__ = ["UnknownStatement", "discover", "resolve", "steps", "declared_modules", "module_name"]
