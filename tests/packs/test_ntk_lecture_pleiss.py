"""The pack of Pleiss' Lecture 08 (ntk-lecture-pleiss): its statements in three arithmetics, its model's
derivatives, its planted variants, its orders and its errata."""
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from proofcheck import api
from proofcheck.core.cases import to_witness
from proofcheck.core.registry import discover
from proofcheck.numerics.contexts import F64
from proofcheck.search.certify import certify
from proofcheck.search.evaluate import evaluate_mp, sides_f64
from proofcheck_packs.ntk_lecture_pleiss import STATEMENT_IDS
from proofcheck_packs.ntk_lecture_pleiss.models import network

PACK = "ntk-lecture-pleiss"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _statements():
    return discover(PACK)


def _case(d=4, seed=3, p=2, n=3):
    """The initialized network with generic data (every coordinate of every input nonzero), as a witness."""
    w = network.draw(d, seed, p=p, n=n)
    values = {k: np.asarray(v, dtype=float)[None] for k, v in w["values"].items()}
    values["X"] = np.random.default_rng(seed).standard_normal((1, n, p))
    return to_witness(network.space(d=(d, d), p=(p, p), n=(n, n)), w["dims"], values)


def _f64(values):
    return {k: np.asarray(v, dtype=float)[None] for k, v in values.items()}


def test_ntk_lecture_pleiss_ids_are_the_documents():
    ids = set(_statements())
    assert set(STATEMENT_IDS) <= ids
    assert {"theorem-1-loss:repaired", "remark-hessian-sparsity:repaired", "remark-hessian-norm:repaired"} <= ids


@pytest.mark.parametrize("seed", [1, 2])
def test_ntk_lecture_pleiss_every_statement_agrees_in_float64_mpmath_and_arb(seed):
    for sid, s in _statements().items():
        w = _case(seed=seed)
        left, right = sides_f64(s, w["dims"], _f64(w["values"]))
        mp = evaluate_mp(s, w, 30)
        assert np.isclose(float(left[0]), float(mp.lhs), rtol=1e-9, atol=1e-14), sid
        if s.kind != "identity":  # an identity's mpmath right side is its allowance, not the size
            assert np.isclose(float(right[0]), float(mp.rhs), rtol=1e-9, atol=1e-14), sid
        cert = certify(s, {**w, "statement": sid})
        assert cert.lhs and cert.rhs, (sid, cert.detail)


def test_ntk_lecture_pleiss_model_derivatives_match_finite_differences():
    w = _case(d=3, seed=5)
    v = _f64(w["values"])
    c = SimpleNamespace(dims=w["dims"], **v)
    J = network.jacobian(F64, c)[0]
    d, p = 3, 2
    theta = np.concatenate([v["W"][0].reshape(-1), v["beta"][0].reshape(-1)])

    def at(t):
        return SimpleNamespace(dims=w["dims"], W=t[:d * p].reshape(1, d, p), beta=t[d * p:].reshape(1, d, 1),
                               X=v["X"], y=v["y"])
    h = 1e-6
    fd = np.stack([(network.outputs(F64, at(theta + h * e))[0] - network.outputs(F64, at(theta - h * e))[0]) / (2 * h)
                   for e in np.eye(theta.size)], axis=-1)
    assert np.allclose(J, fd, atol=1e-8)
    for k in range(3):
        H = network.hessian(F64, c, k)[0]
        fdh = np.stack([(network.jacobian(F64, at(theta + h * e))[0, k] - network.jacobian(F64, at(theta - h * e))[0, k])
                        / (2 * h) for e in np.eye(theta.size)], axis=-1)
        assert np.allclose(H, fdh, atol=1e-7)
        assert np.isclose(np.linalg.norm(H, 2), network.hessian_block_norms(F64, c)[0, k].max())


def test_ntk_lecture_pleiss_sparsity_is_two_only_for_scalar_inputs():
    s = _statements()["remark-hessian-sparsity"]
    for p, count in ((1, 2), (2, 3), (3, 4)):
        w = _case(d=3, p=p, n=2)
        left, _ = sides_f64(s, w["dims"], _f64(w["values"]))
        assert float(left[0]) == count


@pytest.mark.slow
def test_ntk_lecture_pleiss_planted_variants_are_detected():
    from proofcheck.app.selftest import selftest
    chosen = [s for sid, s in _statements().items() if sid in ("display-gradient-loss", "display-jacobian-norm",
                                                                "remark-hessian-sparsity:repaired")]
    results = selftest(chosen, seed=0, cases=600, dps=30)
    outcomes = {r.id: r.outcome for r in results}
    assert all(o == "detected" or o.startswith("skipped") for o in outcomes.values()), outcomes
    assert any(o == "detected" for o in outcomes.values()), outcomes


@pytest.mark.slow
def test_ntk_lecture_pleiss_errata_of_the_fixture_report_is_stored():
    text, _ = api.errata(FIXTURES / "ntk_lecture_pleiss_report.json")
    assert text == (FIXTURES / "ntk_lecture_pleiss_errata.md").read_text()


def test_ntk_lecture_pleiss_fixture_reports_the_measured_orders():
    import json
    report = json.loads((FIXTURES / "ntk_lecture_pleiss_report.json").read_text())
    by_id = {s["id"]: s for s in report["statements"]}
    norm = by_id["remark-hessian-norm"]
    assert norm["verdict"] == "violated" and norm["order"]["certified"]
    assert -0.6 < norm["order"]["exponent"] < -0.35 and norm["order"]["interval"][0] > -0.95
    assert norm["diagnosis"]["klass"] == "missing-factor"
    assert by_id["remark-hessian-terms"]["verdict"] == "holds"
    assert by_id["remark-hessian-norm:repaired"]["verdict"] == "holds"
    text = (FIXTURES / "ntk_lecture_pleiss_errata.md").read_text()
    assert "printed O(d^-1)" in text and "measured d^-0.4" in text


HEADINGS = ("Statement as printed:", "Hypotheses:", "How it is checked:", "Kind:", "Place in the paper:")


def test_ntk_lecture_pleiss_modules_keep_the_headings_and_constant():
    import importlib
    import inspect

    from proofcheck.core.registry import declared_modules
    for name in declared_modules(PACK):
        module = importlib.import_module(f"proofcheck_packs.ntk_lecture_pleiss.statements.{name}")
        doc = module.__doc__ or ""
        places = [doc.find(h) for h in HEADINGS]
        assert all(p >= 0 for p in places) and places == sorted(places), name
        s = module.STATEMENT
        if s.kind != "identity":
            assert "constant" in inspect.signature(s.rhs).parameters, name
