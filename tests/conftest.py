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
