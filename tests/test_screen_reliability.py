"""The float64 screen's reliability flag is honest at stiff points (a referee's finding): where a product
integral's midpoint levels are all wrong alike, the value is not ranked, however steady it is under a
change of basis. Planted: Claim 2's turning path at a fixed gap (the turn lasting 1e-4 of T = 1, not
shrinking with the size s), checked against an implicit Radau solution."""
import numpy as np
from scipy.integrate import solve_ivp

from proofcheck.core.cases import witness_values
from proofcheck.core.registry import resolve
from proofcheck.search.evaluate import screen_f64


def turning_at_a_fixed_gap(s, gap=1e-4):
    size = repr(float(s))
    return {"dims": {"n": 2, "d": 1, "k": 3, "g": 2},
            "values": {"A": [[[size], ["0"]], [["0"], [size]], [["0"], [size]]],
                       "B": [[[repr(s + 0.001)], ["0"]], [["0.001"], [size]], [["0.001"], [size]]],
                       "gap": [repr(gap), repr(1 - gap)], "L": "1", "zeta": "0"}}


def radau_ratio(witness):
    """||P(1, 0) A_0|| / (1/2) (zeta = 0 and C constant, so the bound is 1/(2 sqrt 1))."""
    v = witness["values"]
    X = [np.array(a, float) for a in v["A"]]
    gap = float(v["gap"][0])
    t = [0.0, gap, 1.0]
    Y = np.eye(2)
    for j in range(2):
        C = (X[j + 1] - X[j]) / (t[j + 1] - t[j])

        def at(s, j=j, C=C):
            return X[j] + (s - t[j]) * C
        sol = solve_ivp(lambda s, y: (-(at(s) @ (at(s).T @ y.reshape(2, 2)))).ravel(), (t[j], t[j + 1]), Y.ravel(),
                        method="Radau", rtol=1e-12, atol=1e-14, jac=lambda s, y: np.kron(-(at(s) @ at(s).T), np.eye(2)))
        Y = sol.y[:, -1].reshape(2, 2)
    return np.linalg.norm(Y @ X[0], 2) / 0.5


def screened(witness):
    statement = resolve("claim-2")
    dims, values = witness_values(statement.space, witness)
    return screen_f64(statement, dims, values, np.random.default_rng(0))


def test_a_stiff_turning_path_wrong_17_fold_in_float64_is_not_reliable():
    witness = turning_at_a_fixed_gap(3000)
    s = screened(witness)
    reference = radau_ratio(witness)
    assert abs(reference - 6.664) < 1e-2
    assert s.ratio[0] > 10 * reference  # the float64 value is wrong ...
    assert not s.reliable[0]  # ... and says so


def test_the_same_family_at_a_moderate_size_stays_reliable_and_right():
    witness = turning_at_a_fixed_gap(100)
    s = screened(witness)
    assert s.reliable[0]
    assert abs(s.ratio[0] - radau_ratio(witness)) <= s.error[0] + 1e-9
