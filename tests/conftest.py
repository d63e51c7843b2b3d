import mpmath
import pytest


@pytest.fixture(autouse=True)
def reset_mpmath_precision():
    """mpmath's precision is global state: every test starts and ends at the default."""
    mpmath.mp.dps = 15
    yield
    assert mpmath.mp.dps == 15, "a test or helper left mpmath's precision changed"
    mpmath.mp.dps = 15


@pytest.fixture(autouse=True)
def no_witness_database(monkeypatch):
    """The command line's default witness database (.proofcheck in the folder it runs in) is off in
    tests: a test that wants one passes --db under its tmp_path, never the repository's."""
    monkeypatch.setenv("PROOFCHECK_DB", "")


@pytest.fixture(autouse=True)
def the_paper_by_default(monkeypatch):
    """Several packs are installed; a command that names none speaks of the paper's, as a user who set
    PROOFCHECK_PACK would. The tests of choosing a pack (tests/test_packs.py) unset it."""
    monkeypatch.setenv("PROOFCHECK_PACK", "ntk-tight-2023")


@pytest.fixture(autouse=True)
def no_flows_kept_between_tests():
    """The flows a process keeps (``proofcheck.numerics.flows.FLOWS``) start empty in every test: a test
    that perturbs the numerics (a dropped step, a patched field) must compute its flows, not be handed
    another test's."""
    from proofcheck.numerics import flows

    flows.FLOWS.clear()
    yield
    flows.FLOWS.clear()
