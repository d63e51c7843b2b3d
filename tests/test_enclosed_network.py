"""The two-layer network's flow enclosed in Arb (CERTIFY.md, section 2; issue 25): the enclosure contains
scipy's DOP853 at tight tolerance (sigmoid and tanh), a weight changed in its last digit moves it off the
original, the Taylor model's defect bound contains the defect at sampled times and refuses a dropped term,
and corollary-2.2's witness is certified with the value mpmath confirms."""
import flint
import numpy as np
import pytest
from scipy.integrate import solve_ivp

from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.registry import resolve
from proofcheck_packs.ntk_tight_2023.models.network import Network
from proofcheck.numerics import flow_steps
from proofcheck.numerics.arb import arb_prec
from proofcheck.numerics.contexts import F64
from proofcheck.numerics.enclosed_network import NetworkField
from proofcheck.numerics.enclosures import NotEnclosed
from proofcheck.search.certify import certify
from proofcheck.search.evaluate import evaluate_mp

BITS = 170
A = flint.arb
X = [["0.5", "-1.2"], ["1.1", "0.3"]]
Y = ["0.7", "-0.4"]
W0 = ["1.0", "-0.5", "0.8", "0.3", "-0.2", "0.1", "0.4", "-0.6", "0.2"]  # a (m = 3), then u_1, u_2, u_3 (d = 2)


def _field(sigma, X=X, alpha="2"):
    ystar = [A(v) / A(2).sqrt() for v in Y]
    return NetworkField([[A(x) for x in row] for row in X], ystar, 3, A(alpha), sigma)


def _dop853(sigma, T, alpha=2.0):
    Xf = np.array(X, dtype=float)
    net = Network(F64, Xf[None], np.array(W0[:3], dtype=float)[None], np.array(W0[3:], dtype=float).reshape(1, 3, 2),
                  (np.array(Y, dtype=float) / np.sqrt(2))[None], np.array([alpha]), sigma)

    def f(t, w):
        D, r = net.jacobian_and_residual(w[None])
        return D[0].T @ r[0] / alpha
    return solve_ivp(f, (0, T), np.array(W0, dtype=float), method="DOP853", rtol=1e-13, atol=1e-15).y[:, -1], f


@pytest.mark.parametrize("sigma", ["sigmoid", "tanh"])
def test_the_network_flow_contains_dop853_and_a_changed_weight_moves_it(sigma):
    ref, _ = _dop853(sigma, 2.0)
    with arb_prec(BITS):
        start = [A(x) for x in W0]
        states, lengths = flow_steps.nonlinear_flow(_field(sigma), A(2), 8, BITS, NotEnclosed, start=start)
        end = states[-1]
        assert max(float(x.rad()) for x in end) < 1e-25
        assert np.max(np.abs(np.array([float(x.mid()) for x in end]) - ref)) < 1e-11
        assert lengths[-1] >= flow_steps.norm([x - y for x, y in zip(end, start)])  # a path is no shorter than its chord
        moved_X = [["0.5", "-1.2"], ["1.1", "0.30000000000000001"]]  # one datum changed in its last digit
        moved, _ = flow_steps.nonlinear_flow(_field(sigma, moved_X), A(2), 8, BITS, NotEnclosed, start=start)
        assert not all(x.overlaps(y) for x, y in zip(end, moved[-1]))


@pytest.mark.parametrize("sigma", ["sigmoid", "tanh"])
def test_the_field_and_its_jacobian_match_the_float64_network(sigma):
    _, f = _dop853(sigma, 0.0)
    w = np.array(W0, dtype=float)
    with arb_prec(BITS):
        F = _field(sigma)
        box = [A(x) for x in W0]
        assert np.max(np.abs(np.array([float(v.mid()) for v in F.field(box)]) - f(0, w))) < 1e-15
        eps = 1e-6
        numeric = np.array([(f(0, w + eps * e) - f(0, w - eps * e)) / (2 * eps) for e in np.eye(len(w))]).T
        M = F.jacobian_matrix(box)
        enclosed = np.array([[float(M[i, j].mid()) for j in range(len(w))] for i in range(len(w))])
        assert np.max(np.abs(enclosed - numeric)) < 1e-8
        assert np.max(np.abs(enclosed - enclosed.T)) < 1e-30  # the Hessian of -R / alpha^2: symmetric


def test_the_taylor_models_defect_bound_contains_the_defect_and_refuses_a_dropped_term():
    with arb_prec(BITS):
        F = _field("sigmoid")
        h = A("0.05")
        z = [flow_steps.exact(p) for p in F.taylor([A(x) for x in W0], 12)]
        bounds = F.defect_sup(z, h)
        for t in np.linspace(0, 0.05, 7):
            point = [zj(A(t)) for zj in z]
            values = F.field(point)
            for zj, v, b in zip(z, values, bounds):
                assert abs(zj.derivative()(A(t)) - v) <= b
        assert float(flow_steps.norm(bounds).upper()) < 1e-15
        dropped = [flint.arb_poly(p.coeffs()[:6]) for p in z]  # the polynomial from degree 6 on dropped
        assert min(float(b) for b in F.defect_sup(dropped, h)) > 1e-12
        assert flow_steps.flow_step(F, dropped, A(0), h, A(2) ** -60) is None


WITNESS = {"dims": {"n": 2, "m": 3, "d": 2, "one": 1, "tanh": 0},
           "values": {"X": [["0.5", "-1.2"], ["1.1", "0.3"]], "y": [["0.7"], ["-0.4"]], "a": [["1.0"], ["-0.5"], ["0.8"]],
                      "U": [["0.3", "-0.2"], ["0.1", "0.4"], ["-0.6", "0.2"]], "alpha": "2.0", "theta": "0.5"}}


def test_corollary_2_2s_witness_is_certified_at_the_value_mpmath_confirms():
    statement = resolve("corollary-2.2")
    cert = certify(statement, WITNESS)
    assert cert.status is CertificateStatus.CERTIFIED
    confirmed = evaluate_mp(statement, WITNESS, 30)
    with arb_prec(BITS):
        assert abs(A(cert.lhs) - A(str(confirmed.lhs))) < 1e-15
