"""The local search's coordinates: two nearly coincident matrices are searched as one and its offset."""
import numpy as np
import pytest

from proofcheck.core.cases import flatten, matrix_blocks, unflatten
from proofcheck.search.budget import Budget
from proofcheck.search.evaluate import screen_f64
from proofcheck.search.optimize import CLIMBERS, Offsets, local_search
from proofcheck_packs.ntk_tight_2023.statements.theorem_a_8 import STATEMENT as THEOREM_A_8

DIMS = THEOREM_A_8.space.with_derived({"n": 2, "d": 2, "k": 2})


def _case(offset: float, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((1, 2, 2, 2))
    C = rng.standard_normal((1, 1, 2, 2))
    C *= offset * np.linalg.norm(A) / np.linalg.norm(C)
    return {"A": A, "B": A + C, "gap": np.array([[0.5]]), "T": np.array([0.7])}


def test_a_nearly_coincident_pair_is_searched_as_its_offset_and_maps_back_exactly():
    case = _case(1e-4)
    flat = flatten(THEOREM_A_8.space, DIMS, case)[0]
    coords = Offsets.of(THEOREM_A_8, DIMS, flat)
    blocks = matrix_blocks(THEOREM_A_8.space, DIMS)
    assert coords.pairs == ((blocks["A"], blocks["B"]),)
    point = coords.to_search(flat)
    assert np.allclose(point[blocks["B"]], (case["B"] - case["A"]).ravel(), rtol=0, atol=1e-15)
    assert np.array_equal(point[blocks["A"]], flat[blocks["A"]])
    assert np.allclose(coords.to_flat(point), flat, rtol=0, atol=1e-15)
    back = unflatten(THEOREM_A_8.space, DIMS, coords.to_flat(point)[None, :])
    assert np.allclose(back["B"], case["B"], rtol=0, atol=1e-15)


def test_matrices_far_apart_keep_the_case_coordinates():
    flat = flatten(THEOREM_A_8.space, DIMS, _case(0.5))[0]
    coords = Offsets.of(THEOREM_A_8, DIMS, flat)
    assert coords.pairs == ()
    assert np.array_equal(coords.to_search(flat), flat)


@pytest.mark.parametrize("method", CLIMBERS)
def test_the_first_steps_stay_in_the_regime_of_a_small_offset(method):
    # B_t = A_t + C with ||C|| = 1e-4 ||A||: in the case's own coordinates Nelder-Mead's first simplex
    # (and CMA-ES's first population) moves an entry of B by 5% of itself, so the offset jumps to about
    # 5% of A and leaves the regime
    case = _case(1e-4)
    seen: list[float] = []

    def screen(statement, dims, values):
        seen.extend(np.linalg.norm((values["B"] - values["A"]).reshape(len(values["B"]), -1), axis=1)
                    / np.linalg.norm(values["A"].reshape(len(values["A"]), -1), axis=1))
        return screen_f64(statement, dims, values, np.random.default_rng(0))

    size = flatten(THEOREM_A_8.space, DIMS, case).shape[1]
    local_search(THEOREM_A_8, DIMS, case, Budget(200, None), 200, screen, np.random.default_rng(1), method)
    assert len(seen) > size + 1
    assert max(seen[:size + 1]) < 1e-3  # the start and the simplex's vertices, or the first population


def test_an_unknown_climber_is_refused():
    with pytest.raises(ValueError, match="unknown climber"):
        local_search(THEOREM_A_8, DIMS, _case(1e-4), Budget(10, None), 10, lambda *a: None, method="newton")


def test_a_gradient_whose_difference_quotient_overflows_is_finite_and_warns_nothing():
    # ratios near 1e308 on a violation growing without bound overflowed -(r+ - r-) / 2h: a RuntimeWarning on the
    # audit's terminal, and an infinite slope handed to L-BFGS-B (fails before, as an error under pytest's filter)
    import warnings

    import numpy as np

    from proofcheck.search.optimize import Objective

    class Steep(Objective):
        def ratios(self, points):
            return np.where(points[:, 0] != 0, np.sign(points[:, 0]) * 1.7e308, points[:, 1])

    objective = Steep(None, {}, None, None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = objective.gradient(np.array([0.0, 2.0]))
    assert g[0] == 0.0 and abs(g[1] + 1.0) < 1e-6  # the overflowing slope unknown, the other one kept
