"""Statement modules are uniform declarations: the paper's ids all have one, the docstring keeps its
five headings in order, the symbolic checks have one name, and every bound takes ``constant=``."""
import importlib
import inspect
import re

import pytest

from proofcheck.core.pack import module_name
from proofcheck.core.registry import declared_modules, discover
from proofcheck_packs.ntk_tight_2023 import PACK, STATEMENT_IDS

HEADINGS = ("Statement", "Hypotheses:", "How it is checked:", "Kind:", "Place in the paper:")
MODULES = declared_modules(PACK.name) + ["_template"]


def _module(name):
    return importlib.import_module(f"{PACK.statements}.{name}")


def test_every_id_of_the_paper_has_a_module():
    found = set(declared_modules(PACK.name))
    missing = [sid for sid in STATEMENT_IDS if module_name(sid) not in found]
    assert not missing, f"no module for {missing}"
    assert set(STATEMENT_IDS) <= {sid.split(":")[0] for sid in discover(PACK.name)}


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_has_the_five_headings_in_order(name):
    doc = _module(name).__doc__ or ""
    places = [doc.find(h) for h in HEADINGS]
    assert all(p >= 0 for p in places), f"{name}: missing {[h for h, p in zip(HEADINGS, places) if p < 0]}"
    assert places == sorted(places), f"{name}: headings out of order"


@pytest.mark.parametrize("name", MODULES)
def test_symbolic_checks_have_one_name(name):
    module = _module(name)
    statement = module.STATEMENT
    if statement.symbolic is not None:
        assert statement.symbolic.__name__ == "symbolic", f"{name}: symbolic checks named {statement.symbolic.__name__}"
        assert getattr(module, "symbolic", None) is statement.symbolic


@pytest.mark.parametrize("name", MODULES)
def test_every_bound_takes_constant(name):
    statement = _module(name).STATEMENT
    if statement.kind == "identity":
        return  # an identity has no bound: its right side is the size of the terms compared
    parameter = inspect.signature(statement.rhs).parameters.get("constant")
    assert parameter is not None and parameter.default is not inspect.Parameter.empty, f"{name}: rhs has no constant="


def test_the_template_refers_to_nothing_outside_the_repository():
    text = inspect.getsource(_module("_template"))
    assert not re.search(r"\.\./|shared/", text)
    for field in ("kind=", "families=", "not_certified=", "notes=", "constant_printed=", "constant_proof=", "uses=",
                  "orthogonal_invariance=", "symbolic="):
        assert field in text, f"the template does not show {field}"
    assert "identity" in text
