"""mpmath's gradient flows integrated on MPFR numbers give what mpmath's own numbers give, to its precision,
for every model class a statement trains (quadratic, cubic, near-affine, the two-layer network)."""
import mpmath
import numpy as np
import pytest

from proofcheck.core.cases import enforce_structure, to_witness
from proofcheck.core.registry import resolve
from proofcheck.numerics import flows
from proofcheck.search.evaluate import evaluate_mp
from proofcheck.search.families import draw_dims, natural_scale

# a quadratic model, the cubic models on the ball, the nearly affine ones, the network; each with a seed whose
# natural-scale case mpmath evaluates (seed 7's nearly affine case leaves the ball: NaN on both paths)
TRAINED = {"theorem-1.2": 7, "theorem-1.2@ball": 7, "theorem-1.2@near-affine": 8, "corollary-2.2": 7}


def _witness(sid, seed):
    statement = resolve(sid)
    rng = np.random.default_rng(seed)
    dims = draw_dims(rng, statement.space)
    values = enforce_structure(statement.space, natural_scale(rng, statement.space, dims, 1))
    return statement, to_witness(statement.space, dims, values)


def _plain(*args, **kwargs):
    raise NotImplementedError  # as a field that needs mpmath would: the integration falls back to mpmath


@pytest.mark.parametrize("sid", sorted(TRAINED))
def test_a_flow_on_mpfr_agrees_with_mpmaths_and_is_taken_without_falling_back(sid, monkeypatch):
    statement, witness = _witness(sid, TRAINED[sid])
    calls = []
    real = flows._on_mpfr

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    flows.FLOWS.clear()
    monkeypatch.setattr(flows, "_on_mpfr", counted)
    monkeypatch.setattr(flows, "flow_field", _guarded(flows.flow_field))
    fast = evaluate_mp(statement, witness, 30)
    assert calls, "the mpmath flow did not run on MPFR numbers"
    flows.FLOWS.clear()
    monkeypatch.setattr(flows, "_on_mpfr", _plain)
    monkeypatch.setattr(flows, "flow_field", flows.flow_field.__wrapped__)
    slow = evaluate_mp(statement, witness, 30)
    flows.FLOWS.clear()
    assert mpmath.isfinite(slow.lhs) and mpmath.isfinite(slow.rhs)
    for a, b in ((fast.lhs, slow.lhs), (fast.rhs, slow.rhs)):
        assert abs(a - b) <= mpmath.mpf(10) ** -25 * max(abs(b), 1), (a, b)
    assert fast.error <= 10 * slow.error + mpmath.mpf(10) ** -25


def _guarded(field_of):
    """flow_field, failing where an mpmath number reaches it inside the MPFR run (a model field left unconverted)."""
    def checked(model, dh0, w0):
        if getattr(model.ctx, "name", None) == "mpfr":
            arrays = [dh0, w0] + [v for v in vars(model).values() if isinstance(v, np.ndarray) and v.dtype == object]
            assert not any(isinstance(x, mpmath.mpf) for a in arrays for x in a.reshape(-1)), "an mpf in the MPFR run"
        return field_of(model, dh0, w0)
    checked.__wrapped__ = field_of
    return checked


def test_mpfr_numbers_convert_exactly_both_ways():
    from proofcheck.numerics.mpfr import MpfrContext, to_mpf

    with mpmath.workdps(40):
        xs = np.array([mpmath.mpf(1) / 3, -mpmath.mpf(2) ** -300, mpmath.mpf(0), mpmath.pi * 10 ** 80], dtype=object)
        fast = MpfrContext(mpmath.mp.prec)
        with fast.working():
            back = to_mpf(mpmath.mp, fast.convert(xs))
            third = fast.convert(xs[0]) * 3  # and MPFR's arithmetic rounds at the context's precision
        assert all(a == b for a, b in zip(back, xs))
        assert abs(to_mpf(mpmath.mp, np.array([third], dtype=object))[0] - 1) <= mpmath.mpf(2) ** (1 - mpmath.mp.prec)
