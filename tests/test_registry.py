"""Discovery with a self-check: no hand-kept list."""
import importlib

import pytest

from proofcheck.paper import STATEMENT_IDS, is_paper_id, module_name
from proofcheck.registry import UnknownStatement, declared_modules, discover, resolve
from proofcheck.statement import Statement


def test_every_module_declares_a_statement_named_after_it():
    statements = discover()
    for name in declared_modules():
        module = importlib.import_module(f"lemmas.{name}")
        assert isinstance(getattr(module, "STATEMENT", None), Statement), f"lemmas/{name}.py declares no STATEMENT"
        assert module_name(module.STATEMENT.id) == name
    assert len(statements) == len(declared_modules())


def test_ids_are_the_papers():
    for sid in discover():
        assert is_paper_id(sid), f"{sid} is not a numbered statement of the paper"
    assert len(set(STATEMENT_IDS)) == len(STATEMENT_IDS)


def test_foundation_statements_are_registered():
    assert {"claim-1", "claim-3", "claim-5", "claim-6", "lemma-3.3"} <= set(discover())


def test_uses_name_paper_statements():
    for s in discover().values():
        for used in s.uses:
            assert is_paper_id(used), f"{s.id} uses unknown {used}"


def test_resolve_is_case_insensitive_and_suggests_close_ids():
    assert resolve("Claim-5").id == "claim-5"
    with pytest.raises(UnknownStatement) as err:
        resolve("claim-55")
    assert "claim-5" in err.value.suggestions


def test_lemmas_never_import_the_search_runner_report_or_cli():
    import pathlib
    import re
    root = pathlib.Path(__file__).parents[1] / "lemmas"
    forbidden = re.compile(r"^\s*(from|import)\s+proofcheck\.(cli|search|runner|report|progress)", re.M)
    offenders = [p.name for p in root.glob("*.py") if forbidden.search(p.read_text())]
    assert offenders == []
