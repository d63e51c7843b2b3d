"""One parametrized suite drives every registered statement (PEPit's test template)."""
import numpy as np
import pytest

from proofcheck.cases import enforce_structure, take, to_witness
from proofcheck.registry import discover
from proofcheck.search.engine import search
from proofcheck.search.evaluate import evaluate_mp, sides_f64
from proofcheck.search.families import draw_dims, natural_scale
from tests.reference import REFERENCE

STATEMENTS = discover()
IDS = list(STATEMENTS)


def _cases(statement, seed, count=12):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        dims = draw_dims(rng, statement.space)
        values = enforce_structure(statement.space, natural_scale(rng, statement.space, dims, 1))
        yield dims, values


def test_every_statement_has_an_independent_reference():
    assert set(IDS) <= set(REFERENCE), f"add a reference computation for {set(IDS) - set(REFERENCE)}"


@pytest.mark.parametrize("sid", IDS)
def test_fast_path_agrees_with_independent_scipy_computation(sid):
    statement = STATEMENTS[sid]
    for dims, values in _cases(statement, seed=11):
        lhs, rhs = sides_f64(statement, dims, values)
        ref_lhs, ref_rhs = REFERENCE[sid]({k: v[0] for k, v in values.items()})
        assert lhs[0] == pytest.approx(ref_lhs, rel=1e-7, abs=1e-10 * (1 + abs(ref_lhs)))
        assert rhs[0] == pytest.approx(ref_rhs, rel=1e-9)


@pytest.mark.parametrize("sid", IDS)
def test_mpmath_path_agrees_with_fast_path(sid):
    statement = STATEMENTS[sid]
    for dims, values in _cases(statement, seed=12, count=4):
        lhs, rhs = sides_f64(statement, dims, values)
        exact = evaluate_mp(statement, to_witness(statement.space, dims, values), 30)
        assert float(exact.lhs) == pytest.approx(lhs[0], rel=1e-7, abs=1e-12)
        assert float(exact.rhs) == pytest.approx(rhs[0], rel=1e-9)


@pytest.mark.parametrize("sid", IDS)
def test_statement_is_not_violated_in_a_short_search(sid):
    result = search(STATEMENTS[sid], seed=3, cases=2500, confirm_count=3)
    assert result.verdict in ("proved", "holds", "inconclusive"), result.reason
    assert result.worst_ratio is not None and result.worst_ratio <= 1 + 1e-12
    assert result.cases >= 2000
    assert result.witness is not None


@pytest.mark.parametrize("sid", IDS)
def test_no_symbolic_step_is_disproved(sid):
    steps = STATEMENTS[sid].symbolic(np.random.default_rng(0)) if STATEMENTS[sid].symbolic else []
    assert all(step.outcome != "disproved" for step in steps), [s for s in steps if s.outcome == "disproved"]


@pytest.mark.parametrize("sid", IDS)
def test_witness_replays_to_the_reported_ratio(sid):
    result = search(STATEMENTS[sid], seed=5, cases=1200, confirm_count=1)
    again = evaluate_mp(STATEMENTS[sid], result.witness, result.confirmations[0].dps_hi)
    assert float(again.ratio) == pytest.approx(result.worst_ratio, rel=1e-12)
