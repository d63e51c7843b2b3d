"""The pack of the notes "Neural Tangent Kernels" (2025-08-10): its statements against independent numpy
computations, in the three arithmetics; its planted variants found; its existential constants' families able
to refute; the sharp constants measured; its erratum from a stored report."""
import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

from proofcheck import api
from proofcheck.app.selftest import selftest
from proofcheck.core.cases import enforce_structure, to_witness
from proofcheck.core.registry import discover, packs
from proofcheck.search.certify import certify
from proofcheck.search.engine import search
from proofcheck.search.evaluate import evaluate_mp, sides_f64
from proofcheck.search.existential import check_family
from proofcheck.search.families import draw_dims, natural_scale

PACK = "ntk-notes-2025"
STATEMENTS = discover(PACK)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _cases(statement, seed, count=5):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        dims = draw_dims(rng, statement.space)
        yield dims, enforce_structure(statement.space, natural_scale(rng, statement.space, dims, 1))


def _one(values):
    return {k: v[0] for k, v in values.items()}


def _sigma(Phi):
    return np.linalg.svd(Phi, compute_uv=False)[-1]


# independent references: numpy's SVD and pinv, the models written out by hand
def _theorem_1(c, dims):
    y = c["y"][:, 0]
    return np.linalg.norm(np.linalg.pinv(c["Phi"]) @ y), 2 * np.linalg.norm(y) / _sigma(c["Phi"])


def _tanh_model(c, q, W):
    A, b, a, x = c["A"], c["b"][:, 0], c["a"][:, 0], c["x"][:, 0]
    return q @ A @ q / 2 + b @ q + a @ np.tanh(W @ x)


def _lemma_1(c, dims):
    A, b, a, x, q, W = c["A"], c["b"][:, 0], c["a"][:, 0], c["x"][:, 0], c["q"][:, 0], c["W"]
    dq, dW = c["Dq"][:, 0], c["DW"]
    grad = (A @ q + b) @ dq + (a * (1 - np.tanh(W @ x) ** 2)) @ (dW @ x)
    rem = abs(_tanh_model(c, q + dq, W + dW) - _tanh_model(c, q, W) - grad)
    beta = max(np.linalg.norm(A, 2), np.max(np.abs(a)) * (x @ x) * 4 / (3 * math.sqrt(3)))
    return rem, beta * (dq @ dq + np.sum(dW * dW)) / 2


def _lemma_1b(c, dims):
    A = (c["M"] + c["M"].T) / 2
    n = c["Phi"].shape[0]
    u = c["u"][:, 0]
    D = c["s"] * c["K"] * math.sqrt(n) / _sigma(c["Phi"]) * u / np.linalg.norm(u)
    return abs(D @ A @ D) / 2, c["K"] ** 2 * np.linalg.norm(A, 2) * n / _sigma(c["Phi"]) ** 2


REFERENCES = {"theorem-1": _theorem_1, "lemma-1": _lemma_1, "lemma-1b": _lemma_1b}


@pytest.mark.parametrize("sid", sorted(REFERENCES))
def test_bounds_agree_with_independent_numpy_computations(sid):
    statement = STATEMENTS[sid]
    for dims, values in _cases(statement, seed=5):
        lhs, rhs = sides_f64(statement, dims, values)
        ref_lhs, ref_rhs = REFERENCES[sid](_one(values), dims)
        assert lhs[0] == pytest.approx(ref_lhs, rel=1e-6, abs=1e-9 * ref_rhs)
        assert rhs[0] == pytest.approx(ref_rhs, rel=1e-9)
        exact = evaluate_mp(statement, to_witness(statement.space, dims, values), 30)
        assert float(exact.lhs) == pytest.approx(ref_lhs, rel=1e-6, abs=1e-9 * ref_rhs)


@pytest.mark.parametrize("sid", sorted(STATEMENTS))
def test_every_statement_is_judged_alike_in_float64_mpmath_and_arb(sid):
    """On drawn cases the three arithmetics reach the same judgement: mpmath's ratio, and Arb's certificate
    (holds where mpmath holds; a certified violation where mpmath finds one)."""
    statement = STATEMENTS[sid]
    for dims, values in _cases(statement, seed=6, count=3):
        witness = to_witness(statement.space, dims, values)
        exact = evaluate_mp(statement, witness, 30)
        cert = certify(statement, witness)
        if float(exact.ratio) < 1:
            assert cert.status == "certified", (sid, cert.detail)
        else:
            assert cert.status == "certified violation", (sid, cert.detail)


def test_the_pack_is_installed_and_named():
    p = packs()[PACK]
    assert p.order[0] == "loss-1" and p.main_result is None
    assert "no author named" in p.title
    assert set(STATEMENTS) == set(p.order) | {"loss-1:repaired"}


def test_loss_1_fails_as_printed_and_holds_with_the_residual_targets():
    """The display drops f_{theta_0}(x_i): certified violated wherever f0 != 0, exact where f0 = 0."""
    s = STATEMENTS["loss-1"]
    witness = {"dims": {"n": 1, "r": 0, "one": 1, "p": 1},
               "values": {"Phi": [["1.0"]], "y": [["2.0"]], "f0": [["0.5"]], "D": [["1.0"]]}}
    assert certify(s, witness).status == "certified violation"
    assert certify(STATEMENTS["loss-1:repaired"], witness).status == "certified"
    zero = {**witness, "values": {**witness["values"], "f0": [["0.0"]]}}
    assert certify(s, zero).status == "certified"


def test_selftest_detects_the_planted_bounds():
    """Each bound tightened below its worst case is found violated; identities are skipped by the selftest
    (and planted by hand below)."""
    results = {r.id: r for r in selftest(list(STATEMENTS.values()), cases=400, seed=0)}
    for sid in ("theorem-1", "lemma-1", "lemma-1b"):
        assert results[sid].outcome == "detected", (sid, results[sid])
    for sid in ("pseudoinverse-1", "scaling-1", "loss-1:repaired"):
        assert results[sid].outcome.startswith("skipped: an identity")


def _planted_identity(statement, lhs):
    return dataclasses.replace(statement, id=statement.id + ":planted", lhs=lhs, symbolic=None)


@pytest.mark.parametrize("sid, wrong", [
    ("pseudoinverse-1", "1.01/sigma"),
    ("scaling-1", "sigma = alpha^2 sigmabar"),
])
def test_a_planted_identity_is_found_violated(sid, wrong):
    from proofcheck.numerics.linalg import reciprocal, spectral_norm
    from proofcheck.numerics.pseudoinverse import pseudoinverse
    from proofcheck_packs.ntk_notes_2025.models.least_squares import sigma

    s = STATEMENTS[sid]
    if sid == "pseudoinverse-1":
        def lhs(ctx, c):
            return abs(spectral_norm(ctx, pseudoinverse(ctx, c.Phi)) - ctx.mpf("1.01") * reciprocal(ctx, sigma(ctx, c.Phi)))
    else:
        def lhs(ctx, c):
            return abs(sigma(ctx, c.Phi * c.alpha) * reciprocal(ctx, c.alpha * c.alpha * sigma(ctx, c.Phi)) - ctx.mpf(1))
    result = search(_planted_identity(s, lhs), seed=1, cases=200, dps=30, confirm_count=2, starts=1)
    assert result.verdict == "violated", (wrong, result.reason)
    truth = search(s, seed=1, cases=200, dps=30, confirm_count=2, starts=1)
    assert truth.verdict in ("holds", "proved"), truth.reason


def _rest(ctx, c, power):
    from proofcheck.numerics.linalg import reciprocal
    from proofcheck_packs.ntk_notes_2025.models.least_squares import sigma

    return ctx.sqrt(ctx.mpf(ctx.rows(c.Phi))) ** power * reciprocal(ctx, sigma(ctx, c.Phi))


def test_theorem_1s_families_stay_bounded_and_refute_a_bound_without_sqrt_n():
    """The existential checker can fail: with sqrt(n)/sigma replaced by 1/sigma the family along n grows like
    n^(1/2), certified; with the printed sqrt(n)/sigma it stays at 1."""
    s = STATEMENTS["theorem-1"]
    along_n = s.existential[0]
    assert along_n.parameter == "n"
    printed = check_family(s, along_n)
    assert not printed.grows and max(r for r in printed.ratios if r is not None) <= 1 + 1e-9
    wrong = dataclasses.replace(along_n, normalizer=lambda ctx, c: _rest(ctx, c, 0))
    found = check_family(s, wrong)
    assert found.refutes and found.exponent is not None and found.exponent.value == pytest.approx(0.5, abs=0.05)


def test_lemma_1s_families_stay_bounded_and_refute_a_linear_remainder():
    """Against beta ||Delta theta|| (one power too few) the family along the step's size grows like s."""
    from proofcheck.numerics import batch
    from proofcheck_packs.ntk_notes_2025.models import smooth

    s = STATEMENTS["lemma-1"]
    for claim in s.existential:
        assert not check_family(s, claim, certify_points=False).grows, claim.parameter
    along_step = next(f for f in s.existential if f.parameter == "||Delta theta||")
    quad = dataclasses.replace(along_step, cases=_quadratic_step,
                               normalizer=lambda ctx, c: batch.result(
                                   ctx, smooth.beta(ctx, c) * batch.apply(ctx, "sqrt", smooth.step_norm_squared(ctx, c))))
    found = check_family(s, quad)
    assert found.refutes, (found.ratios, found.certified)


def _quadratic_step(v):
    from proofcheck_packs.ntk_notes_2025.statements.lemma_1 import _case

    return _case([[1.0, 0.0], [0.0, 0.2]], [1.0, 0.0], a=0.0, scale=v)


def test_the_sharp_constants_are_measured():
    """lemma-1's 1/2 is attained (worst ratio against beta ||Delta theta||^2 / 2 near 1); theorem-1's and
    lemma-1b's cases check twice the sharp constant, and their worst ratio is 1/2."""
    lemma = search(STATEMENTS["lemma-1"], seed=0, cases=1500, dps=30, confirm_count=3)
    assert lemma.verdict == "holds" and lemma.worst_ratio > 0.999
    for sid in ("theorem-1", "lemma-1b"):
        r = search(STATEMENTS[sid], seed=0, cases=1500, dps=30, confirm_count=3)
        assert r.verdict == "holds" and r.worst_ratio == pytest.approx(0.5, abs=1e-6), (sid, r.reason)


@pytest.mark.parametrize("sid", sorted(s for s in STATEMENTS if STATEMENTS[s].symbolic is not None))
def test_no_symbolic_step_is_disproved_and_all_are_proved(sid):
    steps = STATEMENTS[sid].symbolic(np.random.default_rng(0))
    assert steps and all(step.outcome == "proved" for step in steps), [(s.claim, s.outcome) for s in steps]


def test_the_errata_of_the_stored_report_equal_the_stored_file():
    markdown, _ = api.errata(FIXTURES / "ntk_notes_2025_report.json")
    assert markdown == (FIXTURES / "ntk_notes_2025_errata.md").read_text()
    assert "loss-1" in markdown and "typo" in markdown
