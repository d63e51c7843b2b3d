"""The template a new statement starts from is itself a working declaration."""
import numpy as np
import pytest

from proofcheck_packs.ntk_tight_2023.statements import _template
from proofcheck.core.cases import to_witness
from proofcheck.search.evaluate import evaluate_mp, sides_f64
from proofcheck.search.families import draw_dims, natural_scale
from proofcheck.core.statement import Statement


def test_template_declares_a_statement_that_evaluates_in_both_arithmetics():
    s = _template.STATEMENT
    assert isinstance(s, Statement)
    rng = np.random.default_rng(0)
    for _ in range(5):
        dims = draw_dims(rng, s.space)
        values = natural_scale(rng, s.space, dims, 1)
        lhs, rhs = sides_f64(s, dims, values)
        exact = evaluate_mp(s, to_witness(s.space, dims, values), 30)
        assert float(exact.rhs) == pytest.approx(rhs[0], rel=1e-9)
        assert float(exact.lhs) == pytest.approx(lhs[0], rel=1e-7, abs=1e-12 * float(exact.rhs))
