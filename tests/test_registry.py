"""Discovery with a self-check: no hand-kept list."""
import importlib

import pytest

from proofcheck.core.pack import module_name
from proofcheck.core.registry import UnknownStatement, declared_modules, discover, pack, resolve
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
    assert len(statements) == len(declared_modules(PAPER))
    assert pack(PAPER) is PACK  # found through its entry point


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
