"""One parametrized suite drives every registered statement (PEPit's test template)."""
import numpy as np
import pytest

from proofcheck.core.cases import enforce_structure, to_witness
from proofcheck.core.pack import on_model_class
from proofcheck.core.registry import discover
from proofcheck.search.engine import search
from proofcheck.search.evaluate import evaluate_mp, sides_f64, sides_with_error_f64
from proofcheck.search.families import draw_dims, natural_scale
from tests.reference import BRACKETED, PATH_TOLERANCE, REFERENCE, REFERENCE_ABS

# the paper's statements as it declares them (their references are in tests/reference.py); the same
# statements on a model class are checked against these in tests/test_ball_models.py
STATEMENTS = {sid: s for sid, s in discover("ntk-tight-2023").items() if on_model_class(sid)[1] is None}
IDS = list(STATEMENTS)


def _trained(sid):
    """Statements about trained models (their flows are integrated, so each case costs more)."""
    names = STATEMENTS[sid].space.names()
    return "r0" in names or {"U", "theta"} <= set(names)  # a quadratic model's r0, or the network trained for theta alpha^2


def _short(sid, cases):
    """A short search's settings: product-integral statements are limited by their discretization
    error, not by digits, so their tests confirm at 20 digits (and 40) on fewer cases; statements
    about trained models integrate a flow per case, so they search 150 cases from one start."""
    if _trained(sid):
        return {"cases": 150, "dps": 20, "confirm_count": 1, "starts": 1}
    if "gap" in STATEMENTS[sid].space.names():
        return {"cases": max(cases // 2, 1200), "dps": 20, "confirm_count": 2}
    return {"cases": cases, "confirm_count": 3}


def _cases(statement, seed, count=12):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        dims = draw_dims(rng, statement.space)
        values = enforce_structure(statement.space, natural_scale(rng, statement.space, dims, 1))
        yield dims, values


def test_every_statement_has_an_independent_reference():
    known = set(REFERENCE) | set(BRACKETED)
    assert set(IDS) <= known, f"add a reference computation for {set(IDS) - known}"


@pytest.mark.parametrize("sid", [i for i in IDS if i not in BRACKETED])
def test_fast_path_agrees_with_independent_scipy_computation(sid):
    """Closed forms agree to 1e-7; product integrals agree within the error the fast path states;
    trained models agree with scipy's DOP853 to 1e-6 (cases too stiff for the fast path are set
    aside by it as NaN, as the search does)."""
    statement = STATEMENTS[sid]
    paths = "gap" in statement.space.names()
    compared = 0
    for dims, values in _cases(statement, seed=11, count=4 if paths or _trained(sid) else 12):
        lhs, rhs, err, rhs_err = sides_with_error_f64(statement, dims, values)
        if _trained(sid) and not np.isfinite(lhs[0]):
            continue
        compared += 1
        case = {**{k: v[0] for k, v in values.items()}, **dims}
        ref_lhs, ref_rhs = REFERENCE[sid](case)
        rel = PATH_TOLERANCE if paths else 1e-6 if _trained(sid) else 1e-7
        slack = REFERENCE_ABS[sid](case) if sid in REFERENCE_ABS else 0.0
        assert abs(lhs[0] - ref_lhs) <= rel * (abs(ref_lhs) + 1e-3 * abs(ref_rhs)) + 2 * err[0] + slack + 1e-300
        assert abs(rhs[0] - ref_rhs) <= (rel if paths or _trained(sid) else 1e-9) * abs(ref_rhs) + 2 * rhs_err[0]
    assert compared > 0


@pytest.mark.parametrize("sid", sorted(BRACKETED))
def test_fast_path_lies_in_the_independent_bracket(sid):
    """Lip(Dh) measured from below lies between the reference's bounds from finite-difference Hessians."""
    statement = STATEMENTS[sid]
    for dims, values in _cases(statement, seed=11, count=6):
        lhs, rhs = sides_f64(statement, dims, values)
        lower, upper, ref_rhs = BRACKETED[sid]({**{k: v[0] for k, v in values.items()}, **dims})
        assert lower * (1 - 1e-4) - 1e-9 <= lhs[0] <= upper * (1 + 1e-4) + 1e-9  # central differences: ~1e-5 relative
        assert rhs[0] == pytest.approx(ref_rhs, rel=1e-12)


@pytest.mark.parametrize("sid", [i for i in IDS if "gap" in STATEMENTS[i].space.names()])
def test_refined_product_integrals_agree_with_the_reference_within_their_error(sid):
    statement = STATEMENTS[sid]
    for dims, values in _cases(statement, seed=11, count=4):
        exact = evaluate_mp(statement, to_witness(statement.space, dims, values), 20)
        ref_lhs, ref_rhs = REFERENCE[sid]({**{k: v[0] for k, v in values.items()}, **dims})
        stated = float(exact.error) * float(exact.rhs) if statement.kind != "identity" else float(exact.rhs)
        assert abs(float(exact.lhs) - ref_lhs) <= PATH_TOLERANCE * (abs(ref_lhs) + 1e-3 * ref_rhs) + 2 * stated


# Statements whose fast path is known to disagree with mpmath beyond the stated errors (xfail, kept
# visible). Empty: lemma-a.9's path integral did (6.3e-5 against 5.8e-5 at seed 12) until its error
# estimate allowed for integrands with kinks, which converge at first order.
_KNOWN: dict[str, str] = {
    "lemma-2.1": "mpmath raises OverflowError (too many digits) on natural_scale networks with huge weights",
    "lemma-2.1:repaired": "the same left side as lemma-2.1: mpmath's OverflowError on natural_scale networks",
}


@pytest.mark.parametrize("sid", [pytest.param(i, marks=pytest.mark.xfail(reason=_KNOWN[i], strict=False))
                                 if i in _KNOWN else i for i in IDS])
@pytest.mark.slow
def test_mpmath_path_agrees_with_fast_path(sid):
    """To 1e-7 for closed forms; within both stated discretization errors for product integrals."""
    statement = STATEMENTS[sid]
    compared = 0
    for dims, values in _cases(statement, seed=12, count=4):
        lhs, rhs, err, rhs_err = sides_with_error_f64(statement, dims, values)
        if _trained(sid) and not np.isfinite(lhs[0]):
            continue  # set aside by the fast path as too stiff, as the search does
        exact = evaluate_mp(statement, to_witness(statement.space, dims, values), 30)
        if not np.isfinite(float(exact.error)):
            continue  # an error that cannot be estimated (stiff): undecidable, which the verdict reports
        if statement.kind == "identity":  # both sides of an identity are residuals within their allowances
            assert float(exact.lhs) <= float(exact.rhs)
            assert abs(lhs[0] - float(exact.lhs)) <= 2 * err[0] + 1e-9 * rhs[0] + float(exact.rhs) + 1e-12
            compared += 1
            continue
        stated = 2 * (err[0] + float(exact.error) * float(exact.rhs))
        # a trained model's LHS is a difference of residuals: float64 cancels to about 1e-12 of the RHS's scale
        floor = 1e-12 * abs(rhs[0]) if _trained(sid) else 0.0
        assert abs(float(exact.lhs) - lhs[0]) <= 1e-7 * abs(lhs[0]) + 1e-12 + stated + floor
        assert abs(float(exact.rhs) - rhs[0]) <= 1e-9 * abs(rhs[0]) + 2 * rhs_err[0] + stated
        compared += 1
    assert compared > 0, "no case could be compared: the agreement was not tested"


# Statements this checker finds violated as printed (each with a confirmed witness; see the closing
# notes of the issues that added them). Every other statement must survive a short search.
VIOLATED_AS_PRINTED = {"claim-2", "inequality-7", "proposition-1.1", "lemma-2.1"}
# Violated as printed, but a short search does not reach the large Lip(Dh) it takes; a confirmed
# witness is checked in tests/test_gradient_statements.py.
VIOLATED_BY_WITNESS = {"lemma-a.4"}
# Violated as printed through an existential constant refuted along a certified family, while every
# case of the route it is checked through holds (tests/test_existential.py follows the family).
VIOLATED_BY_FAMILY = {"corollary-2.2"}


@pytest.mark.slow
@pytest.mark.parametrize("sid", sorted(VIOLATED_BY_FAMILY))
def test_statement_violated_by_its_existential_family(sid):
    result = search(STATEMENTS[sid], seed=3, **_short(sid, 2500))
    assert result.verdict == "violated" and result.reason.startswith("no constant depending only on"), result.reason
    assert result.worst_ratio is not None and result.worst_ratio <= 1 + 1e-12  # the route's cases hold
    assert any(f["grows"] and all(p["certified"] for p in f["certified"]) for f in result.existential)


@pytest.mark.slow
@pytest.mark.parametrize("sid", sorted(VIOLATED_AS_PRINTED))
def test_statement_violated_as_printed_is_found_in_a_short_search(sid):
    result = search(STATEMENTS[sid], seed=3, **_short(sid, 2500))
    assert result.verdict == "violated", result.reason
    assert result.worst_ratio > 1 and result.confirmations[0].status == "violated"
    _assert_witness_replays(sid, result)


@pytest.mark.parametrize("sid", [i for i in IDS if i not in VIOLATED_AS_PRINTED | VIOLATED_BY_WITNESS | VIOLATED_BY_FAMILY])
@pytest.mark.slow
def test_statement_is_not_violated_in_a_short_search(sid):
    settings = _short(sid, 2500)
    result = search(STATEMENTS[sid], seed=3, **settings)
    assert result.verdict in ("proved", "holds", "inconclusive"), result.reason
    assert result.worst_ratio is not None and result.worst_ratio <= 1 + 1e-12
    # a 150-case budget in batches of 16 per family leaves a local search little room to spend the rest
    assert result.cases >= (0.5 if _trained(sid) else 0.8) * settings["cases"]
    assert result.witness is not None
    _assert_witness_replays(sid, result)


def _assert_witness_replays(sid, result):
    """The reported witness, re-evaluated from its JSON at the higher confirmation precision,
    gives the reported worst ratio."""
    again = evaluate_mp(STATEMENTS[sid], result.witness, result.confirmations[0].dps_hi)
    assert float(again.ratio) == pytest.approx(result.worst_ratio, rel=1e-12)


@pytest.mark.parametrize("sid", [i for i in IDS if i not in VIOLATED_AS_PRINTED | VIOLATED_BY_WITNESS | VIOLATED_BY_FAMILY])
def test_no_symbolic_step_is_disproved(sid):
    steps = STATEMENTS[sid].symbolic(np.random.default_rng(0)) if STATEMENTS[sid].symbolic else []
    assert all(step.outcome != "disproved" for step in steps), [s for s in steps if s.outcome == "disproved"]


def test_claim_2_is_disproved_symbolically_on_scalar_paths():
    steps = STATEMENTS["claim-2"].symbolic(np.random.default_rng(0))
    assert [s.outcome for s in steps if s.covers == "commuting case"] == ["disproved"]
    assert all(s.outcome == "proved" for s in steps if s.covers == "proof step")
