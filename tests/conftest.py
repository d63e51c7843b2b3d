import mpmath
import pytest


@pytest.fixture(autouse=True)
def reset_mpmath_precision():
    """mpmath's precision is global state: every test starts and ends at the default."""
    mpmath.mp.dps = 15
    yield
    assert mpmath.mp.dps == 15, "a test or helper left mpmath's precision changed"
    mpmath.mp.dps = 15
