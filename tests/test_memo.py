"""The flows kept across cases (``proofcheck.numerics.memo``): a kept flow is the flow computed
again, and any argument that differs, in its last bit, its precision or its tolerance, misses."""
import mpmath
import numpy as np
import pytest

from proofcheck.numerics import flows
from proofcheck.numerics.contexts import MP
from proofcheck.numerics.memo import Memo, exact_key
from proofcheck_packs.ntk_tight_2023.models.quadratic import Quadratic


def _model(J00=0.7):
    obj = lambda a: np.array(np.asarray(a, dtype=float).tolist(), dtype=object) * mpmath.mpf(1)
    J = obj([[[J00, -0.4], [0.2, 1.1]]])
    Q = obj(np.array([[[[0.3, 0.1], [0.1, -0.2]], [[0.0, 0.5], [0.5, 0.4]]]]))
    return Quadratic(MP, J, Q, obj([[1.0, -2.0]]), obj([1.5]))


def _ends(traj):
    return [str(v) for v in traj.fine[0, -1]]


def test_a_kept_flow_is_the_flow_computed_again_and_a_changed_input_misses():
    flows.FLOWS.clear()
    T = np.array([mpmath.mpf("0.8")], dtype=object)
    with mpmath.workdps(30):
        first = flows.gradient_flows(MP, _model(), T)
        again = flows.gradient_flows(MP, _model(), T)
        assert again is first and flows.FLOWS.hits == 1
        fresh = flows._gradient_flows(MP, _model(), T, None, flows.MAX_STIFFNESS)
        assert _ends(fresh) == _ends(first)
        # a weight changed in its last bit, a longer horizon, a looser tolerance: each a new flow
        bumped = flows.gradient_flows(MP, _model(float(np.nextafter(0.7, 1.0))), T)
        assert bumped is not first and _ends(bumped) != _ends(first)
        flows.gradient_flows(MP, _model(), np.array([mpmath.mpf("0.9")], dtype=object))
        flows.gradient_flows(MP.with_tolerance(1e-6), _model(), T)
    with mpmath.workdps(60):  # the same inputs at another precision
        deeper = flows.gradient_flows(MP, _model(), T)
    assert deeper is not first and flows.FLOWS.hits == 1 and flows.FLOWS.misses == 5


def test_exact_keys_tell_apart_numbers_that_agree_to_double_precision():
    with mpmath.workdps(50):
        third = mpmath.mpf(1) / 3
    with mpmath.workdps(15):
        assert float(third) == float(mpmath.mpf(1) / 3)
        assert exact_key(third) != exact_key(mpmath.mpf(1) / 3)
    assert exact_key(0.1) != exact_key(float(np.nextafter(0.1, 1)))


def test_an_argument_without_an_exact_key_is_computed_every_time_and_a_refusal_is_kept():
    memo, calls = Memo(), []
    for _ in range(2):
        memo.get((object(),), lambda: calls.append(1))
    assert len(calls) == 2 and not memo.kept

    def refuse():
        calls.append(1)
        raise ArithmeticError("not enclosed")
    for _ in range(2):
        with pytest.raises(ArithmeticError, match="not enclosed"):
            memo.get((1.5,), refuse)
    assert len(calls) == 3


def test_the_least_recently_used_result_goes_first():
    memo = Memo(size=2)
    for x in (1, 2, 1, 3):
        memo.get((x,), lambda: x)
    assert set(memo.kept) == {exact_key((1,)), exact_key((3,))}
