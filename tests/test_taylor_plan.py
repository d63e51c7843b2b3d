"""The step and order plan of a flow's Taylor steps (``taylor_plan``): estimates only, so a planned
step must still pass the rigorous defect bound, and a perturbed polynomial at the planned step (a term
dropped, a coefficient changed in its last digits, a step far longer than planned) must be refused."""
import flint
import numpy as np
from scipy.integrate import solve_ivp

from proofcheck.numerics import enclosed_flows, flow_steps, taylor_plan
from proofcheck.numerics.arb import arb_prec

BITS = 170
TOL = flint.arb(2) ** -(BITS // 2)


def _linear(J):
    """w' = (J/alpha)(r0 - alpha J w), n = p = 1, r0 = 1, alpha = 2: w(t) = (1 - e^{-J^2 t}) / (2 J)."""
    a = flint.arb
    return enclosed_flows.QuadraticField([[a(J)]], [[[a(0)]]], [a(1)], a(2))


def test_a_planned_step_passes_the_defect_bound_and_perturbed_polynomials_are_refused():
    with arb_prec(BITS):
        f, J, interval = _linear("1.5"), flint.arb("1.5"), flint.arb(2)
        z = [flow_steps.exact(p) for p in f.taylor([flint.arb(0)], 30)]
        share, order = taylor_plan.plan(z, float(TOL.mid()) / 2, 2.0)
        assert 0 < share < 1 and taylor_plan.MIN_ORDER <= order <= taylor_plan.MAX_ORDER
        share = flint.arb(share)
        h = interval * share
        step = flow_steps.flow_step(f, z, flint.arb(0), h, TOL * share)
        assert step is not None
        exact = (1 - (-J * J * h).exp()) / (2 * J)  # the closed form at the step's end
        assert flow_steps.widen(step.centre[0], step.error).contains(exact)
        dropped = [flint.arb_poly(p.coeffs()[:-4]) for p in z]  # the plan keeps a margin of about one term
        changed = [flint.arb_poly(p.coeffs()[:5] + [p.coeffs()[5] * (1 + flint.arb(2) ** -60)] + p.coeffs()[6:]) for p in z]
        for wrong in (dropped, changed):
            assert flow_steps.flow_step(f, wrong, flint.arb(0), h, TOL * share) is None
        assert flow_steps.flow_step(f, z, flint.arb(0), 4 * h, TOL * 4 * share) is None  # far past the plan


def test_the_planned_order_follows_the_series_growth_and_is_capped():
    with arb_prec(BITS):
        orders = []
        for J in ("1", "2", "3"):  # the series of e^{-J^2 t}: growth about J^2 / k
            z = [flow_steps.exact(p) for p in _linear(J).taylor([flint.arb(0)], 30)]
            orders.append(taylor_plan.plan(z, float(TOL.mid()), 0.5)[1])
        assert orders[0] == taylor_plan.MIN_ORDER < orders[1] < orders[2] == taylor_plan.MAX_ORDER
        steep = [flow_steps.exact(p) for p in _linear("40").taylor([flint.arb(0)], 30)]
        assert taylor_plan.plan(steep, float(TOL.mid()), 1.0)[1] == taylor_plan.MAX_ORDER
        rest = [flint.arb_poly([flint.arb("0.25")])] * 2  # a constant: a rest point steps the whole interval
        assert taylor_plan.plan(rest, float(TOL.mid()), 1.0) == (1.0, None)


def test_a_planned_flow_agrees_with_dop853_in_one_step_per_sample():
    # the 2 x 2 case of test_enclosed_flows: planned steps meet every sample time, none is refused
    a = flint.arb
    J, r0, alpha = [["0.5", "1"], ["-0.3", "0.2"]], ["1", "-0.5"], "1.5"
    Q = [[["1", "0.25"], ["0.25", "-0.5"]], [["0.375", "0"], ["0", "0.75"]]]
    calls = []
    original = flow_steps.flow_step

    def counted(*args, **kwargs):
        step = original(*args, **kwargs)
        calls.append(step is not None)
        return step
    with arb_prec(BITS):
        f = enclosed_flows.QuadraticField([[a(x) for x in row] for row in J], [[[a(x) for x in row] for row in Qi] for Qi in Q],
                                          [a(x) for x in r0], a(alpha))
        flow_steps.flow_step = counted
        try:
            states, _ = flow_steps.nonlinear_flow(f, a(2), 8, BITS, RuntimeError)
        finally:
            flow_steps.flow_step = original
    Jf, Qf, rf = np.array(J, float), np.array(Q, float), np.array(r0, float)

    def field(t, w):
        D = Jf + np.einsum("ijk,k->ij", Qf, w)
        return D.T @ (rf - 1.5 * (Jf @ w + 0.5 * np.einsum("ijk,j,k->i", Qf, w, w))) / 1.5
    ref = solve_ivp(field, (0, 2), np.zeros(2), method="DOP853", rtol=1e-13, atol=1e-15).y[:, -1]
    assert np.max(np.abs(np.array([float(x.mid()) for x in states[-1]]) - ref)) < 1e-10
    assert all(calls) and len(calls) <= 12
