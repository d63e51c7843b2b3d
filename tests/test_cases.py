"""Cases: flat vectors, structure, and witnesses."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofcheck_packs.ntk_tight_2023.statements.claim_1_as_used import SPACE as PRODUCT_SPACE
from proofcheck_packs.ntk_tight_2023.statements.claim_5 import SPACE as SYMMETRIC_SPACE
from proofcheck.core.cases import (WitnessError, check_witness, flat_size, flatten, mp_namespace, to_witness,
                              unflatten, witness_values)
from proofcheck.search.families import GENERIC, draw_dims
from proofcheck.numerics.contexts import MP


@pytest.mark.parametrize("space", [SYMMETRIC_SPACE, PRODUCT_SPACE])
@pytest.mark.parametrize("family", sorted(GENERIC))
def test_flat_round_trip_for_every_family(space, family):
    rng = np.random.default_rng(1)
    from proofcheck.core.cases import enforce_structure
    dims = draw_dims(rng, space)
    values = enforce_structure(space, GENERIC[family](rng, space, dims, 5))
    flat = flatten(space, dims, values)
    assert flat.shape == (5, flat_size(space, dims))
    back = unflatten(space, dims, flat)
    for name in space.names():
        positive = values[name] > 0 if name in ("t", "delta") else np.ones_like(values[name], bool)
        assert np.allclose(back[name][positive], values[name][positive], rtol=1e-12, atol=0)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 5), st.integers(0, 2**32))
def test_unflatten_gives_exactly_symmetric_matrices(n, seed):
    dims = {"n": n}
    flat = np.random.default_rng(seed).standard_normal((3, flat_size(SYMMETRIC_SPACE, dims)))
    values = unflatten(SYMMETRIC_SPACE, dims, flat)
    for name in ("X", "Y"):
        assert np.array_equal(values[name], np.swapaxes(values[name], -1, -2))
    assert (values["t"] > 0).all()


def test_witness_round_trip_is_exact():
    rng = np.random.default_rng(2)
    dims = {"n": 3}
    values = unflatten(SYMMETRIC_SPACE, dims, rng.standard_normal((1, flat_size(SYMMETRIC_SPACE, dims))))
    witness = to_witness(SYMMETRIC_SPACE, dims, values)
    dims2, values2 = witness_values(SYMMETRIC_SPACE, witness)
    assert dims2 == dims
    for name in values:
        assert np.array_equal(values2[name], values[name])


def _witness():
    return {"dims": {"n": 2}, "values": {"X": [["1", "2"], ["2", "3"]], "Y": [["0", "1e-3"], ["1e-3", "0"]], "t": "0.5"}}


@pytest.mark.parametrize("mutate, message", [
    (lambda w: w["values"].update(X=[["1", "2"], ["3", "4"]]), "symmetric"),
    (lambda w: w["values"].update(t="-1"), "outside"),
    (lambda w: w["values"].update(t="nan"), "decimal"),
    (lambda w: w["values"].update(t="1e400x"), "decimal"),
    (lambda w: w["values"].update(Y=[["0", "1"]]), "shape"),
    (lambda w: w["values"].update(X=[[1, 2], [2, 3]]), "decimal"),
    (lambda w: w["dims"].update(n="2"), "integer"),
    (lambda w: w.pop("values"), "'values'"),
    (lambda w: w["values"].update(t="__import__('os')"), "decimal"),
])
def test_bad_witnesses_are_rejected_with_a_reason(mutate, message):
    w = _witness()
    mutate(w)
    with pytest.raises(WitnessError, match=message):
        check_witness(SYMMETRIC_SPACE, w)


def test_mpmath_reads_the_decimal_strings_exactly():
    import mpmath
    with mpmath.workdps(40):
        ns = mp_namespace(MP, SYMMETRIC_SPACE, _witness())
        assert ns.Y[0, 1] == mpmath.mpf("0.001")  # the decimal, not the nearest double
        assert ns.Y[0, 1] != mpmath.mpf(0.001)
