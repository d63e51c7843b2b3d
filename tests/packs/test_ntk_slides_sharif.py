"""The pack ntk-slides-sharif (the Sharif NTK slides) and the two statement kinds it brought to the engine:
identities of expectations (proofcheck.core.expectation) and statements with probability
(proofcheck.core.probability)."""
import dataclasses
import json
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import flint
import mpmath
import numpy as np
import pytest

from proofcheck import api
from proofcheck.app.selftest import selftest
from proofcheck.core.cases import f64_namespace, mp_namespace, to_witness, witness_values
from proofcheck.core.expectation import MonteCarloCase
from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.probability import Probability, clopper_pearson, quantile_bounds
from proofcheck.core.registry import resolve
from proofcheck.core.statement import Scalar, Space, Statement
from proofcheck.core.symbolic import SymbolicStep
from proofcheck.core.verdicts import expectation_verdict, probability_verdict
from proofcheck.numerics.arb import ArbContext, arb_prec
from proofcheck.numerics.contexts import F64, MP
from proofcheck.numerics.paths import value
from proofcheck.search.certify import certify
from proofcheck.search.engine import search
from proofcheck.search.expectation import monte_carlo
from proofcheck.search.probability import search as search_probability
from proofcheck_packs.ntk_slides_sharif import PACK
from proofcheck_packs.ntk_slides_sharif.statements import eq_2

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORT = FIXTURES / "ntk_slides_sharif_report.json"
ERRATA = FIXTURES / "ntk_slides_sharif_errata.md"
IDS = PACK.order + tuple(f"{i}:repaired" for i in ("diagonal-value", "quadratic-form", "quadratic-form-end",
                                                   "max-correlation-subgaussian"))


def statement(statement_id):
    return resolve(f"{PACK.name}/{statement_id}")


def cases(s, rng, count=3):
    """A few witnesses of the statement's space: random X (and y), delta = 0.1."""
    out = []
    for _ in range(count):
        dims = {name: int(rng.integers(lo, min(hi, 5) + 1)) for name, (lo, hi) in s.space.dims.items()}
        values = {m.name: rng.standard_normal((1, dims[m.rows], dims[m.cols])) for m in s.space.matrices}
        values.update({sc.name: np.full((1,), 0.1) for sc in s.space.scalars})
        out.append(to_witness(s.space, dims, values))
    return out


def _float(x):
    return float(np.asarray(value(x), dtype=object).reshape(-1)[0])


@pytest.mark.parametrize("statement_id", IDS)
def test_statement_agrees_in_float64_mpmath_and_arb(statement_id):
    s = statement(statement_id)
    for witness in cases(s, np.random.default_rng(3)):
        dims, values = witness_values(s.space, witness)
        c64 = f64_namespace(s.space, dims, values)
        f64 = [_float(side(F64, c64)) for side in (s.lhs, s.rhs)]
        with mpmath.mp.workdps(40):
            cmp = mp_namespace(MP, s.space, witness)
            mp = [_float(side(MP, cmp)) for side in (s.lhs, s.rhs)]
        with arb_prec(170):
            arb = ArbContext(170)
            cab = mp_namespace(arb, s.space, witness)
            balls = [flint.arb(value(side(arb, cab))) for side in (s.lhs, s.rhs)]
        for a, b, ball in zip(f64, mp, balls):
            if not np.isfinite(b) or abs(b) > 1e12:  # ||H^{-1}|| of a singular H (parallel inputs, d = 1)
                assert abs(a) > 1e6 and not (ball.is_finite() and ball.rad() < 1)
                continue
            scale = max(1.0, abs(b))
            if s.kind == "identity" and b < 1e-12 * scale:  # a residual: zero to rounding in each
                assert abs(a) <= 1e-9 * scale and abs(float(ball.mid())) <= float(ball.rad()) + 1e-30 * scale
                continue
            assert a == pytest.approx(b, rel=1e-8, abs=1e-12)
            # Arb's ball contains mpmath's value; it is wide only where arccos meets +-1 (d = 1: u = +-1 exactly)
            assert abs(float(ball.mid()) - b) <= float(ball.rad()) + 1e-25 * scale and ball.rad() < 1e-4 * scale


def test_pack_declares_its_statements_in_order():
    assert PACK.name == "ntk-slides-sharif" and PACK.main_result is None
    for statement_id in IDS:
        s = statement(statement_id)
        assert s.id == statement_id
        assert "Section" in s.ref or "Equation" in s.ref


# identities of expectations ---------------------------------------------------------------------

def planted_eq_2(factor=2, **changes):
    """eq-2 with its closed form multiplied by ``factor`` (a factor 2 off), everywhere it appears."""
    s = statement("eq-2")
    closed = partial(eq_2.closed, constant=factor)
    fields = {"id": "eq-2:planted", "lhs": partial(eq_2.lhs, constant=factor), "rhs": partial(eq_2.rhs, constant=factor),
              "symbolic": partial(eq_2.symbolic, constant=factor),
              "expectation": dataclasses.replace(s.expectation, closed=closed)}
    return dataclasses.replace(s, **{**fields, **changes})


WITNESS = {"dims": {"two": 2, "d": 3}, "values": {"X": [["1", "0.5", "0.2"], ["0.3", "1", "-0.4"]]}}


def test_eq_2_exact_step_proves_the_printed_form_and_refuses_a_factor_2():
    rng = np.random.default_rng(0)
    assert [s.outcome for s in eq_2.symbolic(rng)] == ["proved"]
    assert [s.outcome for s in eq_2.symbolic(rng, constant=2)] == ["disproved"]


def test_eq_2_certified_quadrature_certifies_the_printed_form_and_refuses_a_factor_2():
    good = certify(statement("eq-2"), {**WITNESS, "statement": "eq-2"})
    bad = certify(planted_eq_2(), {**WITNESS, "statement": "eq-2:planted"})
    assert good.status is CertificateStatus.CERTIFIED
    assert bad.status is CertificateStatus.CERTIFIED_VIOLATION


def test_eq_2_quadrature_agrees_with_the_arcsine_law():
    """The reduced integral against an independent closed form: P = 1/4 + arcsin(u)/(2 pi)."""
    with mpmath.mp.workdps(30):
        u = mpmath.mpf("0.37")
        s = mpmath.sqrt(1 - u * u)
        e = MP.integral(lambda q, t: q.exp(-t * t / 2) * (1 + q.erf(u * t / (s * mpmath.sqrt(2)))) / (2 * mpmath.sqrt(2 * mpmath.pi)),
                        0, 20)
        assert abs(e.value - (mpmath.mpf(1) / 4 + mpmath.asin(u) / (2 * mpmath.pi))) < 1e-25


def _confirmation(witness):
    return SimpleNamespace(witness=witness, ratio_hi="0", ratio_hi_value=0.0, certificate=None, ratio=0.0,
                           error=0.0, status=None)


def test_eq_2_monte_carlo_agrees_with_the_printed_form_and_refuses_a_factor_2(monkeypatch):
    monkeypatch.setattr("proofcheck.search.expectation.judged_ratio", lambda c: 0.0)
    witness = {**WITNESS, "statement": "eq-2"}
    good = monte_carlo(statement("eq-2"), 5, [_confirmation(witness)])
    bad = monte_carlo(planted_eq_2(), 5, [_confirmation(witness)])
    assert good[0].agrees and not bad[0].agrees
    assert abs(good[0].mean - good[0].closed) < 0.02


def test_expectation_verdict_names_the_method_and_never_certifies_monte_carlo():
    refuting = [MonteCarloCase({}, 100, 0.2, 0.19, 0.21, 0.4, 0.999999)]
    agreeing = [MonteCarloCase({}, 100, 0.2, 0.19, 0.21, 0.2, 0.999999)]
    verdict, reason = expectation_verdict("inconclusive", "not certified", [], [], refuting)
    assert verdict == "violated" and "Monte Carlo, not certified" in reason
    verdict, reason = expectation_verdict("inconclusive", "not certified", [], [], agreeing)
    assert verdict == "holds" and "not certified" in reason
    proved = [SymbolicStep("E = F", "statement", "proved", "")]
    assert expectation_verdict("proved", "r", proved, [], agreeing)[1].startswith("decided exactly (sympy)")
    assert expectation_verdict("proved", "r", proved, [], refuting)[0] == "error"


@pytest.mark.slow
def test_eq_2_search_proves_it_and_finds_a_factor_2_by_each_method():
    assert search(statement("eq-2"), seed=0, cases=100, confirm_count=2).verdict == "proved"
    quadrature = search(planted_eq_2(symbolic=None), seed=0, cases=100, confirm_count=2)
    assert quadrature.verdict == "violated" and "certified quadrature" in quadrature.reason
    carlo = search(planted_eq_2(symbolic=None, not_certified="planted: Arb withheld"), seed=0, cases=100,
                   confirm_count=2)
    assert carlo.verdict == "violated" and "Monte Carlo, not certified" in carlo.reason
    assert carlo.certification["monte_carlo"] and not any(m["certified"] for m in carlo.certification["monte_carlo"])


# statements with probability --------------------------------------------------------------------

def uniform_event(level):
    """'With probability at least ``level``, U <= 0.9' for U ~ Unif(0, 1): its true probability is 0.9."""
    space = Space(dims={"one": (1, 1)}, matrices=(), scalars=(Scalar("U", 0.0, 1.0),))

    def draw(rng, point, count):
        return {"one": 1}, {"U": rng.uniform(0, 1, count)}

    return Statement(id="uniform", ref="a test", statement="P(U <= 0.9) >= level", kind="upper", space=space,
                     lhs=lambda ctx, c: c.U, rhs=lambda ctx, c, constant=0.9: constant + 0 * c.U,
                     probability=Probability(draw=draw, failure=lambda p: 1 - level, distribution="U ~ Unif(0, 1)",
                                             points=({"n": 1},), draws=4000))


def test_a_frequency_0_9_claimed_at_0_99_is_violated_with_its_failing_draws():
    result = search_probability(uniform_event(0.99), seed=1)
    assert result.verdict == "violated" and "Clopper-Pearson" in result.reason
    point = result.certification["frequencies"][0]
    assert point["high"] < 0.99 and point["draws"] == 4000 and 0 < point["holding"] < 4000
    assert point["failing"] and all(f["lhs"] > f["rhs"] for f in point["failing"])
    assert result.witness is not None


def test_a_true_frequency_holds_and_a_level_at_the_truth_is_inconclusive():
    assert search_probability(uniform_event(0.85), seed=1).verdict == "holds"
    assert search_probability(uniform_event(0.9), seed=1).verdict == "inconclusive"


def test_clopper_pearson_and_quantile_bounds_cover_the_truth():
    low, high = clopper_pearson(900, 1000, 0.999)
    assert low < 0.9 < high and high - low < 0.07
    e, lo, hi = quantile_bounds(np.random.default_rng(0).uniform(size=4000), 0.9, 0.999)
    assert lo < 0.9 < hi and abs(e - 0.9) < 0.02


def test_probability_verdict_rules():
    grows = SimpleNamespace(parameter="d", values=[1, 4], lower=[1, 9], upper=[2, 10], grows=True, exponent=0.5,
                            draws=10, confidence=0.9)
    bounded = dataclasses.replace(grows) if False else SimpleNamespace(**{**grows.__dict__, "grows": False})
    assert probability_verdict([], [grows])[0] == "violated"
    assert probability_verdict([], [bounded])[0] == "holds"
    assert probability_verdict([], [SimpleNamespace(**{**bounded.__dict__, "upper": [2, np.inf]})])[0] == "inconclusive"


def smaller(statement_id, draws=600):
    s = statement(statement_id)
    return dataclasses.replace(s, probability=dataclasses.replace(s.probability, draws=draws))


def test_sphere_needs_a_bounded_constant_and_subgaussian_a_growing_one():
    sphere = search_probability(smaller("max-correlation-sphere"), seed=2)
    gaussian = search_probability(smaller("max-correlation-subgaussian"), seed=2)
    repaired = search_probability(smaller("max-correlation-subgaussian:repaired"), seed=2)
    assert sphere.verdict == "holds" and repaired.verdict == "holds"
    assert gaussian.verdict == "violated" and "along d" in gaussian.reason
    along_d = gaussian.certification["needed_constant"][0]
    assert along_d["grows"] and 0.35 < along_d["exponent"] < 0.65


# the checker's power, the errata ----------------------------------------------------------------

@pytest.mark.slow
def test_selftest_finds_the_planted_variants():
    stmts = [statement(i) for i in ("off-diagonal-bound", "off-diagonal-half", "gershgorin-bound", "eq-2",
                                    "max-correlation-sphere")]
    results = {r.id: r for r in selftest(stmts, seed=0, cases=400, dps=30)}
    for i in ("off-diagonal-bound", "off-diagonal-half", "gershgorin-bound"):
        assert results[i].outcome == "detected", (i, results[i])
    assert results["eq-2"].outcome.startswith("skipped") and results["max-correlation-sphere"].outcome.startswith("skipped")


@pytest.mark.slow
def test_errata_of_the_fixture_report_is_the_stored_one():
    text, _ = api.errata(REPORT)
    assert text == ERRATA.read_text()
    report = json.loads(REPORT.read_text())
    assert report["meta"]["pack"]["name"] == PACK.name
