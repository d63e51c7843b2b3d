"""`proofcheck selftest`: planted bugs are found; what cannot be planted is said, not hidden."""

from proofcheck_packs.ntk_tight_2023.statements import claim_3
from proofcheck.cli import main
from proofcheck.core.registry import resolve
from proofcheck.app.selftest import detection_rate, planted, selftest


def test_the_planted_variant_moves_the_worst_case_past_the_bound():
    variant, factor = planted(claim_3.STATEMENT, 0.8577638849607068)
    assert variant.id == "claim-3:planted" and variant.symbolic is None
    assert abs(factor - 0.9 * 0.8577638849607068) < 1e-15


def test_selftest_detects_the_planted_bugs_and_skips_what_it_cannot_plant():
    results = selftest([resolve("claim-3"), resolve("claim-5"), resolve("lemma-a.6"), resolve("claim-2")], cases=2500)
    by_id = {r.id: r for r in results}
    assert by_id["claim-3"].outcome == by_id["claim-5"].outcome == "detected"
    assert by_id["claim-3"].planted_ratio > 1.1
    assert by_id["lemma-a.6"].outcome.startswith("skipped: an identity")
    assert by_id["claim-2"].outcome == "skipped: the statement itself is violated"
    assert detection_rate(results) == (2, 2)


def test_a_planted_variant_that_is_not_violated_is_reported_missed_with_exit_1(capsys, monkeypatch):
    # MARGIN 1.2 loosens the bound instead (worst planted ratio 1/1.2): nothing can be found, and
    # the selftest must say so rather than pass
    monkeypatch.setattr("proofcheck.app.selftest.MARGIN", 1.2)
    assert main(["selftest", "lemma-3.3", "--cases", "1500"]) == 1
    out = capsys.readouterr().out
    assert "missed" in out and "detection rate: 0/1" in out


def test_a_planted_search_cut_short_is_reported_interrupted_not_missed(monkeypatch):
    from types import SimpleNamespace

    from proofcheck.core.results import StopReason
    calls = []

    def fake_search(statement, **kwargs):  # the true search finishes; the planted one is interrupted
        calls.append(statement.id)
        if len(calls) == 1:
            return SimpleNamespace(verdict="holds", worst_ratio=0.8, stop_reason=StopReason.CASE_BUDGET)
        return SimpleNamespace(verdict="inconclusive", worst_ratio=0.5, stop_reason=StopReason.INTERRUPTED)
    monkeypatch.setattr("proofcheck.app.selftest.search", fake_search)
    [result] = selftest([claim_3.STATEMENT], cases=100)
    assert calls == ["claim-3", "claim-3:planted"]
    assert result.outcome == "interrupted" and detection_rate([result]) == (0, 0)


def test_statements_not_started_when_stopped_are_interrupted():
    results = selftest([claim_3.STATEMENT, resolve("claim-5")], cases=100, should_stop=lambda: True)
    assert [r.outcome for r in results] == ["interrupted", "interrupted"]


def test_a_selftest_in_worker_processes_stores_its_planted_witnesses(tmp_path):
    """`proofcheck selftest` (two workers, a database by default) stopped with a traceback on its first planted
    variant: the result coming back from a worker carried the variant, whose scaled right side is a closure that
    cannot be pickled. What travels now is what storing needs (``Found``: id, definition hash, space, entries)."""
    from proofcheck.app.database import WitnessDatabase

    database = WitnessDatabase(tmp_path / "db")
    results = selftest([resolve("claim-3"), resolve("claim-5")], cases=300, workers=2, database=database)
    assert [r.outcome for r in results] == ["detected", "detected"]
    stored = {e.statement for e in database.all_entries()}
    assert {"claim-3", "claim-3:planted", "claim-5:planted"} <= stored, stored
