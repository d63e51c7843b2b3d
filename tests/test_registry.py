"""Discovery with a self-check: no hand-kept list."""
import dataclasses
import importlib

import pytest

from proofcheck.core.pack import ModelClass, base_id, module_name, on_model_class
from proofcheck.core.registry import (PackError, UnknownStatement, _on_model_classes, declared_modules, discover, pack,
                                      resolve)
from proofcheck.core.statement import Statement
from proofcheck_packs.ntk_tight_2023 import PACK, STATEMENT_IDS

is_paper_id = PACK.is_statement_id
PAPER = PACK.name


def test_every_module_declares_a_statement_named_after_it():
    statements = discover(PAPER)
    for name in declared_modules(PAPER):
        module = importlib.import_module(f"{PACK.statements}.{name}")
        assert isinstance(getattr(module, "STATEMENT", None), Statement), f"{name}.py declares no STATEMENT"
        assert module_name(module.STATEMENT.id) == name
    declared = [sid for sid in statements if on_model_class(sid)[1] is None]
    assert len(declared) == len(declared_modules(PAPER))
    assert pack(PAPER) is PACK  # found through its entry point


def test_each_model_class_checks_its_statements_under_their_own_ids():
    statements = discover(PAPER)
    assert PACK.model_classes, "the paper's pack checks its trained statements on a model class"
    for mc in PACK.model_classes:
        for sid in mc.statements:
            variant = statements[f"{sid}@{mc.name}"]
            printed = statements[sid]
            # the same statement (sides, kind, proof), over another model class that says what it is
            assert variant.lhs is printed.lhs and variant.kind == printed.kind
            assert len(variant.proof) == len(printed.proof)
            assert variant.space.describe() != printed.space.describe()
            assert resolve(f"{sid.upper()}@{mc.name}") is variant
    assert on_model_class("lemma-a.4:repaired@ball") == ("lemma-a.4:repaired", "ball")
    assert base_id("lemma-a.4:repaired@ball") == "lemma-a.4"


def test_a_model_class_that_cannot_take_a_statement_is_one_line():
    def broken(statement):
        raise ValueError("no ball here")
    p = dataclasses.replace(PACK, model_classes=(ModelClass("ball", "t", ("claim-3",), broken),))
    with pytest.raises(PackError) as err:
        _on_model_classes(p, dict(discover(PAPER)))
    assert "model class ball cannot take claim-3: ValueError: no ball here" in str(err.value)
    with pytest.raises(ValueError, match="does not declare: claim-99"):
        dataclasses.replace(PACK, model_classes=(ModelClass("ball", "t", ("claim-99",), broken),))
    with pytest.raises(ValueError, match="share"):
        ModelClass("ball", "t", ("claim-3",), broken, share=0)


def test_ids_are_the_papers():
    for sid in discover(PAPER):
        assert is_paper_id(sid), f"{sid} is not a numbered statement of the paper"
    assert len(set(STATEMENT_IDS)) == len(STATEMENT_IDS)


def test_foundation_statements_are_registered():
    assert {"claim-1", "claim-3", "claim-5", "claim-6", "lemma-3.3"} <= set(discover(PAPER))


def test_uses_name_paper_statements():
    for s in discover(PAPER).values():
        for used in s.uses:
            assert is_paper_id(used), f"{s.id} uses unknown {used}"


def test_resolve_is_case_insensitive_and_suggests_close_ids():
    assert resolve("Claim-5").id == "claim-5"
    with pytest.raises(UnknownStatement) as err:
        resolve("claim-55")
    assert "claim-5" in err.value.suggestions


def test_statements_never_import_the_search_runner_report_or_cli():
    import pathlib
    import re
    root = pathlib.Path(__file__).parents[1] / "proofcheck_packs"
    forbidden = re.compile(r"^\s*(from|import)\s+proofcheck\.(cli|search|app|report|progress|api)", re.M)
    offenders = [str(p) for p in root.rglob("*.py") if forbidden.search(p.read_text())]
    assert offenders == []


def test_the_uses_graph_names_paper_statements_and_has_no_cycle():
    statements = discover(PAPER)
    for s in statements.values():
        assert all(is_paper_id(u) for u in s.uses), (s.id, s.uses)

    def reaches(start, target, seen=()):
        return any(u == target or (u not in seen and reaches(u, target, seen + (u,)))
                   for u in getattr(statements.get(start), "uses", ()))

    assert not [s for s in statements if reaches(s, s)]


def test_theorem_1_2s_chain_uses_the_forms_with_b_constant():
    # the printed forms' failures (Claim 2) must not be charged to the chain Theorem 1.2 uses
    statements = discover(PAPER)
    assert "lemma-a.10:as-used" in statements["theorem-a.8:as-used"].uses
    assert "claim-2:as-used" in statements["lemma-a.10:as-used"].uses
    assert "claim-2" in statements["lemma-a.10"].uses and "lemma-a.10" in statements["theorem-a.8"].uses
