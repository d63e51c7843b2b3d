"""Proof chains: printed steps judged like statements, a broken proof located to its line."""
import dataclasses
import json

import pytest

from proofcheck.app.proofs import check_proof, search_with_proof
from proofcheck.cli import main
from proofcheck.core.proof import Step, split_step_id, step_statement, witness_grid
from proofcheck.core.registry import AlgebraStep, UnknownStatement, discover, resolve, steps
from proofcheck.core.results import statement_from_dict, to_dict
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck.numerics.linalg import spectral_norm
from proofcheck.report import graph, html
from proofcheck.search.engine import search

CASES = 600


def _planted(statement, k, **changes):
    """The statement with its k-th step replaced by a changed copy."""
    proof = list(statement.proof)
    proof[k - 1] = dataclasses.replace(proof[k - 1], **changes)
    return dataclasses.replace(statement, proof=tuple(proof))


def test_a_planted_false_step_is_found_and_named_first_failing():
    # Claim 5's step (a): ||X(tau) e^{-X(tau)^2 t/2}|| <= 1/sqrt(e t); the planted line prints 0.9/sqrt(e t)
    claim_5 = resolve("claim-5")
    assert check_proof(claim_5, search(claim_5, seed=1, cases=CASES), seed=1, cases=CASES).first_failing is None
    original = claim_5.proof[1].rhs
    planted = _planted(claim_5, 2, rhs=lambda ctx, c: original(ctx, c) * ctx.mpf(9) / 10)
    result = search_with_proof(planted, seed=1, cases=CASES)
    assert result.verdict == "holds"
    proof = result.proof
    assert proof.first_failing == "claim-5:step-2"
    failing = proof.steps[1]
    assert failing.verdict == "violated" and failing.worst_ratio > 1.05
    assert failing.witness is not None and "tau" in failing.witness["values"]
    assert proof.gap  # the statement stands while a step of its proof fails
    assert proof.holds == proof.total - 1


def _norm(ctx, c):
    return spectral_norm(ctx, c.X)


# A hand-built statement that holds (||X|| <= 2 ||X||) with a proof whose second line is false.
HAND_BUILT = Statement(
    id="hand-built", ref="a test", statement="||X|| <= 2 ||X||", kind="upper",
    space=Space(dims={"n": (1, 3)}, matrices=(Matrix("X", "n", "n"),)),
    lhs=_norm, rhs=lambda ctx, c: 2 * _norm(ctx, c),
    proof=(Step("line 1", "||X|| <= 1.5 ||X||", "here", kind="upper", lhs=_norm, rhs=lambda ctx, c: 1.5 * _norm(ctx, c)),
           Step("line 2", "1.5 ||X|| <= 0.5 ||X||", "here", kind="upper", lhs=lambda ctx, c: 1.5 * _norm(ctx, c),
                rhs=lambda ctx, c: _norm(ctx, c) / 2),
           Step("line 3", "0.5 ||X|| <= 2 ||X||", "here", kind="upper", lhs=lambda ctx, c: _norm(ctx, c) / 2,
                rhs=lambda ctx, c: 2 * _norm(ctx, c))),
)


def test_a_proof_gap_is_reported_when_the_statement_holds_and_a_step_fails():
    result = search_with_proof(HAND_BUILT, seed=0, cases=400)
    assert result.verdict == "holds"
    proof = result.proof
    assert [s.verdict for s in proof.steps] == ["holds", "violated", "holds"]
    assert proof.gap and proof.first_failing == "hand-built:step-2" and proof.cause is None
    assert (proof.holds, proof.total) == (2, 3)
    # the step fails on the statement's own witness too, certified
    assert proof.steps[1].on_witness_status == "violated"
    assert proof.steps[1].certificate.status.value == "certified violation"


def test_a_violated_statement_names_the_first_step_its_witness_breaks():
    # Inequality (7) fails by sqrt 2 at its "using that ||r|| <= sqrt(R0)"
    result = search_with_proof(resolve("inequality-7"), seed=0, cases=400)
    assert result.verdict == "violated"
    assert result.proof.cause == "inequality-7:step-3" and not result.proof.gap


def test_every_chain_step_appears_in_list_steps(capsys):
    assert main(["list", "--steps"]) == 0
    out = capsys.readouterr().out
    listed = steps(discover("ntk-tight-2023"))  # the pack PROOFCHECK_PACK names (conftest)
    assert len(listed) >= 60
    for sid, statement, k in listed:
        assert f"  {sid} " in out
        assert split_step_id(sid) == (statement.id, k)


def test_proofs_the_issue_names_have_chains():
    chained = {s.id for s in discover().values() if s.proof}
    assert {"proposition-3.1", "proposition-1.1", "first-attempt-3.1", "inequality-7", "lemma-3.3", "theorem-3.2",
            "lemma-a.1", "lemma-a.2", "lemma-a.3", "lemma-a.4", "theorem-1.2", "lemma-a.9", "theorem-a.8",
            "lemma-a.10", "claim-1", "claim-2", "claim-3", "claim-4", "claim-5", "claim-6", "theorem-1.3",
            "lemma-2.1"} <= chained


def test_a_step_resolves_as_a_statement_and_bad_step_ids_are_refused():
    step = resolve("theorem-1.3:step-11")
    assert step.id == "theorem-1.3:step-11" and step.kind == "lower"
    with pytest.raises(UnknownStatement, match="did you mean"):
        resolve("theorem-1.3:step-99")
    with pytest.raises(AlgebraStep, match="algebra"):
        resolve("theorem-1.3:step-1")


@pytest.mark.parametrize("argv", [["fuzz", "theorem-1.3:step-99"], ["fuzz", "theorem-1.3:step-1"]])
def test_fuzz_of_a_bad_step_is_one_line_and_exit_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_fuzz_of_a_step_reports_it(tmp_path, capsys):
    out = tmp_path / "step.json"
    assert main(["fuzz", "theorem-1.3:step-11", "--cases", "300", "--out", str(out)]) == 1  # violated: exit 1
    s = json.loads(out.read_text())["statements"][0]
    assert s["id"] == "theorem-1.3:step-11" and s["verdict"] == "violated"
    assert s["witness"]["statement"] == "theorem-1.3:step-11"


def test_step_parameters_extend_the_space_and_the_witness_grid():
    statement = resolve("lemma-a.10")
    k = next(i for i, s in enumerate(statement.proof, start=1) if s.extra_dims)
    stmt = step_statement(statement, k)
    assert "j" in stmt.space.dims
    witness = {"dims": {"n": 1, "d": 1, "k": 2, "g": 1}, "values": {}}
    grid = witness_grid(statement.proof[k - 1], witness)
    assert sorted(w["dims"]["j"] for w in grid) == [0, 1, 2, 3]
    claim_5 = resolve("claim-5")
    tau_step = claim_5.proof[1]
    grid = witness_grid(tau_step, {"statement": "claim-5", "dims": {"n": 1}, "values": {"t": "1.0"}})
    assert [w["values"]["tau"] for w in grid] == ["0.0", "0.25", "0.5", "0.75", "1.0"]
    open_low = Step("x", "x", "x", extra=(Scalar("s", 0.0, 1.0, open_low=True),))
    assert "0.0" not in [w["values"]["s"] for w in witness_grid(open_low, {"dims": {}, "values": {}})]


def test_the_proof_survives_the_json_round_trip():
    result = search_with_proof(HAND_BUILT, seed=0, cases=300)
    back = statement_from_dict(json.loads(json.dumps(to_dict(result))))
    assert back.proof == result.proof


@pytest.mark.skipif(not graph.available(), reason="Graphviz dot is not installed")
def test_the_html_lays_out_the_step_graph_with_dot_and_marks_the_gap():
    result = search_with_proof(HAND_BUILT, seed=0, cases=300)
    report = {"version": "t", "seed": 0, "dps": 50, "meta": {}, "statements": [json.loads(json.dumps(to_dict(result)))]}
    page = html.render(report)
    assert "Proof gaps: hand-built" in page
    assert 'id="step-graph"' in page and "hand-built:step-2" in page
    assert page.count("<svg") >= 2 and "PROOF GAP" in page


def test_dot_source_groups_statements_by_section_and_steps_under_their_statement():
    result = search_with_proof(HAND_BUILT, seed=0, cases=300)
    s = json.loads(json.dumps(to_dict(result)))
    s["ref"] = "Claim 9, Appendix A.10"
    source = graph.dot_source([s], {"hand-built": "hand-built"}, with_steps=True, sections=r"Section \d+|Appendix [A-Z]")
    assert 'label="Appendix A"' in source
    assert '"hand-built:step-2"' in source and "peripheries=2" in source
    assert "hand-built:step-2" not in graph.dot_source([s], {}, with_steps=False)
