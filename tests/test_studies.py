"""The studies' arithmetic: the slope fit, and Appendix B's measured error between the two theorems."""
import numpy as np
import pytest

from proofcheck_packs.ntk_tight_2023 import studies


def test_fit_slope_recovers_a_power_law_with_its_uncertainty():
    rng = np.random.default_rng(0)
    alphas = np.logspace(0, 3, 9)
    times = 0.3 * alphas ** 0.75 * np.exp(0.02 * rng.standard_normal(9))
    fit = studies.fit_slope(alphas, times)
    assert fit["slope"] == pytest.approx(0.75, abs=3 * fit["stderr"] + 1e-3)
    assert fit["ci95"][0] < 0.75 < fit["ci95"][1]
    assert studies.fit_slope(alphas[:2], times[:2])["slope"] is None  # too few points say so


def test_sandwich_measured_error_lies_between_theorems_1_3_and_1_2():
    s = studies.sandwich(kappas=(1e-3, 1e-1, 1.0, 10.0, 100.0))
    measured = np.asarray(s["measured"])
    assert np.all(np.asarray(s["lower_theorem_1_3"]) <= measured)
    assert np.all(measured <= np.asarray(s["upper_theorem_1_2"]))
    assert np.all(np.asarray(s["integration_error"]) < 1e-8)


def test_validity_time_brackets_the_first_crossing():
    model = studies.models(0)["quadratic"](np.array([1.0, 10.0]))
    T, _ = studies.validity_time(model, 0.01, t_start=1e-2, t_cap=1e4)
    below, _ = studies._error(model, T * 0.99)
    above, _ = studies._error(model, T * 1.01)
    assert np.all(below <= 0.01) and np.all(above > 0.01)
    assert T[1] > T[0]  # a larger alpha stays accurate longer
