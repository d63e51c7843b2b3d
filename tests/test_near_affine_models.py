"""Models nearly affine on the ball (issue 21, item 5): h = J w + Q[w, w]/2 + (||w||^2/s^2)^k N w, whose
Dh departs from J + Q[w, .] 2^k times more at sqrt(2) s than anywhere on the ball of radius s. Their
flows' enclosures contain scipy's DOP853 at tight tolerance (written here independently of the model
code); a perturbed model's enclosure excludes the original's; the constants on the ball bound sampled
derivatives inside it (attained for p = n = 1) and are exceeded outside it. The finding: Proposition
1.1 with only its constant repaired (2, the printed horizon) is violated, certified, at a witness
whose error is re-derived here by a 1-D quadrature; ``proposition-1.1:repaired`` (2 and the horizon
alpha rho/(Lip(h) sqrt(2 R0))) holds on the family and keeps w(t) in the ball."""
import dataclasses

import flint
import mpmath
import numpy as np
from scipy.integrate import solve_ivp

from proofcheck.core.cases import mp_namespace, to_witness
from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.registry import resolve
from proofcheck.core.statement import Change
from proofcheck.numerics import flow_steps
from proofcheck.numerics.arb import ArbContext, arb_prec
from proofcheck.numerics.contexts import F64
from proofcheck.numerics.enclosed_polynomial import RadialPowerField
from proofcheck.numerics.enclosures import NotEnclosed
from proofcheck.search.certify import certify
from proofcheck.search.evaluate import sides_f64
from proofcheck_packs.ntk_tight_2023.models import near_affine, training
from proofcheck_packs.ntk_tight_2023.models.families import near_affine as family
from proofcheck_packs.ntk_tight_2023.statements import proposition_1_1 as printed

BITS = 170
K = near_affine.DEGREE
CASE = dict(J=[["0.5", "1"]], Q=[[["0.1", "0"], ["0", "-0.05"]]], N=[["0.3", "-0.2"]], r0=["1"], alpha="1", s="0.5")
# The planted witness (p = n = 1): h(w) = w + N w^13 / s^12 with N = 0.0015, s = rho = 0.01, y* = r0 = 1,
# alpha = 1, theta = 1 (the printed horizon).
PLANTED = {"dims": {"n": 1, "p": 1, "one": 1},
           "values": {"J": [["1"]], "Q": [[["0"]]], "N": [["0.0015"]], "knee": "0.01", "r0": [["1"]], "alpha": "1",
                      "rho": "0.01", "theta": "1"}}


def _reference(J, Q, N, r0, alpha, s, T):
    """w(T) and s(T) by DOP853 at rtol 1e-13, the radial term written out as (||w||^2/s^2)^k N w."""
    J, Q, N, r0 = (np.array(x, float) for x in (J, Q, N, r0))

    def f(t, y):
        w = y[:-1]
        q, Nw = w @ w / s ** 2, N @ w
        D = J + np.einsum("ijk,k->ij", Q, w) + q ** K * N + 2 * K / s ** 2 * q ** (K - 1) * np.outer(Nw, w)
        r = r0 - alpha * (J @ w + 0.5 * np.einsum("ijk,j,k->i", Q, w, w) + q ** K * Nw)
        dw = D.T @ r / alpha
        return np.concatenate([dw, [np.linalg.norm(dw)]])
    y = solve_ivp(f, (0, T), np.zeros(J.shape[1] + 1), method="DOP853", rtol=1e-13, atol=1e-15).y[:, -1]
    return y[:-1], y[-1]


def _field(J, Q, N, r0, alpha, s):
    a = flint.arb
    return RadialPowerField([[a(x) for x in row] for row in J], [[[a(x) for x in row] for row in Qi] for Qi in Q],
                            [[a(x) for x in row] for row in N], [a(x) for x in r0], a(alpha), a(s), K)


def test_a_near_affine_flow_is_enclosed_around_dop853_and_a_perturbed_model_is_not():
    T = flint.arb(1)  # w(T) reaches 1.25 s, where (||w||/s)^(2k) is 14.5
    with arb_prec(BITS):
        states, lengths = flow_steps.nonlinear_flow(_field(**CASE), T, 8, BITS, NotEnclosed)
        w, s = _reference(CASE["J"], CASE["Q"], CASE["N"], [1.0], 1.0, 0.5, 1.0)
        assert np.linalg.norm(w) > 1.2 * 0.5
        mids = np.array([float(x.mid()) for x in states[-1]])
        assert np.max(np.abs(mids - w)) < 1e-12 and max(float(x.rad()) for x in states[-1]) < 1e-20
        assert abs(float(lengths[-1].mid()) - s) < 1e-11
        # N in its 16th digit: the enclosures are disjoint, so the certificate sees the model it is given
        moved, _ = flow_steps.nonlinear_flow(_field(**dict(CASE, N=[["0.3000000000000001", "-0.2"]])), T, 8, BITS,
                                             NotEnclosed)
        assert not all(x.overlaps(y) for x, y in zip(states[-1], moved[-1]))
        # the radial term dropped (an affine-plus-quadratic model) excludes the model's DOP853 solution
        flat, _ = flow_steps.nonlinear_flow(_field(**dict(CASE, N=[["0", "0"]])), T, 8, BITS, NotEnclosed)
        assert not all(x.contains(flint.arb(float(v))) for x, v in zip(flat[-1], w))


def test_the_batch_model_and_the_enclosed_field_agree():
    rng = np.random.default_rng(3)
    J, Q, N = rng.standard_normal((1, 2, 3)), rng.standard_normal((1, 2, 3, 3)), rng.standard_normal((1, 2, 3))
    Q = (Q + np.swapaxes(Q, -1, -2)) / 2
    knee = np.array([1.3])
    m = near_affine.NearAffine(F64, J, Q, np.array([[1.0, -0.5]]), np.array([1.5]), N, knee)
    w, v, eps = rng.standard_normal((1, 3)), rng.standard_normal((1, 3)), 1e-6
    # Dh is the derivative of the residual, D^2 h of Dh (central differences)
    fd = -(m.residual(w + eps * v) - m.residual(w - eps * v)) / (2 * eps * 1.5)
    assert np.allclose(np.einsum("bij,bj->bi", m.jacobian(w), v), fd, rtol=1e-7, atol=1e-8)
    fd2 = (m.jacobian(w + eps * v) - m.jacobian(w - eps * v)) / (2 * eps)
    assert np.allclose(m.second_derivative(w, v), fd2, rtol=1e-6, atol=1e-7)
    with arb_prec(BITS):
        a = lambda x: flint.arb(float(x))  # noqa: E731
        obj = lambda x: np.vectorize(a, otypes=[object])(x)  # noqa: E731
        f = near_affine.NearAffine(None, obj(J), obj(Q), obj(np.array([[1.0, -0.5]])), obj(np.array([1.5])), obj(N),
                                   obj(knee)).polynomial_field()
        box = [a(x) for x in w[0]]
        assert np.allclose([[float(x.mid()) for x in row] for row in f.jacobian(box)], m.jacobian(w)[0])
        assert np.allclose([float(x.mid()) for x in f.residual(box)], m.residual(w)[0])
        # the field's Hessians against the model's directional second derivatives
        H = f.hessians(box)
        for i in range(2):
            Hi = np.array([[float(H[i][j, l].mid()) for l in range(3)] for j in range(3)])
            assert np.allclose(Hi @ v[0], m.second_derivative(w, v)[0][i])
        # and the truncated products of the Taylor path give the same field at a constant polynomial
        poly = f.field([flint.arb_poly([x]) for x in box], lambda x, y: (x * y).truncate(4))
        assert np.allclose([float(p(0).mid()) for p in poly], [float(x.mid()) for x in f.field(box)])


def test_the_constants_on_the_ball_bound_it_are_attained_in_1d_and_are_exceeded_outside_it():
    rng = np.random.default_rng(5)
    J, Q, N = rng.standard_normal((1, 2, 3)), 1e-3 * rng.standard_normal((1, 2, 3, 3)), rng.standard_normal((1, 2, 3))
    Q = (Q + np.swapaxes(Q, -1, -2)) / 2
    rho, knee = np.array([0.1]), np.array([0.1])
    m = near_affine.NearAffine(F64, J, Q, np.zeros((1, 2)), np.ones(1), 1e-2 * N, knee)
    lip_dh = float(near_affine.lip_dh_on_ball(F64, m.Q, m.N, knee, K, rho)[0])
    lip_h = float(near_affine.lip_h_on_ball(F64, m.J, m.Q, m.N, knee, K, rho)[0])

    def sampled(radius, on_sphere=False):
        worst_d2, worst_d = 0.0, 0.0
        for _ in range(400):
            w = rng.standard_normal((1, 3))
            w *= radius * (1 if on_sphere else rng.random() ** (1 / 3)) / np.linalg.norm(w)
            u = rng.standard_normal((1, 3))
            u /= np.linalg.norm(u)
            worst_d2 = max(worst_d2, np.linalg.norm(m.second_derivative(w, u)[0], 2))
            worst_d = max(worst_d, np.linalg.norm(m.jacobian(w)[0], 2))
        return worst_d2, worst_d
    inside_d2, inside_d = sampled(rho[0])
    assert inside_d2 <= lip_dh and inside_d <= lip_h
    outside_d2, _ = sampled(np.sqrt(2) * rho[0], on_sphere=True)
    assert outside_d2 > 4 * lip_dh  # at sqrt(2) rho, D^2 h is up to 2^(k - 1/2) = 45 times its bound on the ball
    # p = n = 1, Q = 0: h = w + N w^(2k+1)/s^(2k), both bounds attained at w = rho
    one = near_affine.NearAffine(F64, np.ones((1, 1, 1)), np.zeros((1, 1, 1, 1)), np.zeros((1, 1)), np.ones(1),
                                 np.full((1, 1, 1), 1e-3), knee)
    edge = rho[:, None]
    assert np.isclose(one.second_derivative(edge, np.ones((1, 1)))[0, 0, 0],
                      near_affine.lip_dh_on_ball(F64, one.Q, one.N, knee, K, rho)[0], rtol=1e-12)
    assert np.isclose(one.jacobian(edge)[0, 0, 0], near_affine.lip_h_on_ball(F64, one.J, one.Q, one.N, knee, K, rho)[0],
                      rtol=1e-12)
    assert np.isclose(one.second_derivative(np.sqrt(2) * edge, np.ones((1, 1)))[0, 0, 0]
                      / one.second_derivative(edge, np.ones((1, 1)))[0, 0, 0], np.sqrt(2) ** (2 * K - 1))


def constant_only_repair():
    """Proposition 1.1 with only the constant repaired: the repair's right side 2 T Lip(h)^2 kappa sqrt(R0)
    over the printed horizon T = theta alpha rho/(Lip(h) sqrt(R0)), theta in (0, 1]."""
    return dataclasses.replace(resolve("proposition-1.1:repaired"), space=printed.SPACE, repair_changes=(Change.CONSTANT,))


def _one_d_error(N, s, rho, alpha, r0, theta, dps=40):
    """The error of the planted 1-D witness, independently of the tool: for p = n = 1, alpha = 1 the
    flow w' = h'(w)(r0 - h(w)) has t(w) = int_0^w dv / (h'(v)(r0 - h(v))), so w(T) solves t(w) = T;
    the linearized flow gives hbar(wbar(T)) = r0 (1 - e^{-T}) (J = 1); the error is their difference."""
    assert alpha == 1
    with mpmath.workdps(dps):
        N, s, rho, r0, theta = (mpmath.mpf(x) for x in (N, s, rho, r0, theta))
        h = lambda v: v + N * v ** (2 * K + 1) / s ** (2 * K)  # noqa: E731
        dh = lambda v: 1 + (2 * K + 1) * N * (v / s) ** (2 * K)  # noqa: E731
        lip_h, lip_dh = dh(rho), 2 * K * (2 * K + 1) * N * rho ** (2 * K - 1) / s ** (2 * K)
        R0 = r0 ** 2 / 2
        T = theta * rho / (lip_h * mpmath.sqrt(R0))
        w = mpmath.findroot(lambda x: mpmath.quad(lambda v: 1 / (dh(v) * (r0 - h(v))), [0, x]) - T, (rho, 2 * rho),
                            solver="anderson")  # t(w) increases: one root, bracketed
        error = abs(h(w) - r0 * (1 - mpmath.exp(-T)))
        bound = 2 * T * lip_h ** 2 * (T * lip_dh * mpmath.sqrt(R0)) * mpmath.sqrt(R0)
        return T, w, error, bound


def test_proposition_1_1_with_only_its_constant_repaired_is_violated_certified():
    statement = training.near_affine_on_the_ball(constant_only_repair())
    cert = certify(statement, PLANTED)
    assert cert.status is CertificateStatus.CERTIFIED_VIOLATION, cert
    T, w, error, bound = _one_d_error("0.0015", "0.01", "0.01", 1, 1, 1)
    assert w > mpmath.mpf("0.015")  # w(T) = 1.58 rho: out of the ball
    assert error > 1.6 * bound  # 0.00797 > 0.00468
    with arb_prec(BITS):  # the certificate's enclosures (printed to 20 digits) meet the quadrature's numbers
        lhs, rhs = flint.arb(cert.lhs.strip("[]")), flint.arb(cert.rhs.strip("[]"))
        assert lhs.rad() < 1e-20 and rhs.rad() < 1e-20
        assert lhs.overlaps(flint.arb(mpmath.nstr(error, 32), 1e-30))
        assert rhs.overlaps(flint.arb(mpmath.nstr(bound, 32), 1e-30))
    # the printed statement (constant 1) at the same witness: twice the ratio, certified too
    assert certify(training.near_affine_on_the_ball(resolve("proposition-1.1")), PLANTED).status \
        is CertificateStatus.CERTIFIED_VIOLATION


def _reach(statement, witness):
    """||w(T) - w0|| and the case's rho, in Arb, at the statement's horizon."""
    ctx = ArbContext(BITS)
    with arb_prec(BITS):
        c = mp_namespace(ctx, statement.space, witness)
        traj = printed._traj(ctx, c)
        return training.displacement(ctx, traj).value, flint.arb(witness["values"]["rho"])


def test_the_repaired_proposition_holds_at_the_planted_witness_with_w_in_the_ball():
    repaired = training.near_affine_on_the_ball(resolve("proposition-1.1:repaired"))
    witness = {**PLANTED, "values": {**PLANTED["values"], "theta": "0.7071067811865475"}}  # the space's end, 1/sqrt(2)
    cert = certify(repaired, witness)
    assert cert.status is CertificateStatus.CERTIFIED, cert
    moved, rho = _reach(repaired, witness)
    with arb_prec(BITS):
        assert moved < rho  # certified: at alpha rho/(Lip(h) sqrt(2 R0)) w(T) is inside the ball
    moved, rho = _reach(training.near_affine_on_the_ball(constant_only_repair()), PLANTED)
    with arb_prec(BITS):
        assert moved > rho * flint.arb("1.5")  # at the printed horizon it is not


def test_the_repaired_proposition_holds_over_the_family_search():
    from proofcheck.search.engine import search
    statement = training.near_affine_on_the_ball(resolve("proposition-1.1:repaired"))
    result = search(statement, seed=0, cases=300)
    assert result.worst_ratio is not None and result.worst_ratio < 1, result


def _reach_f64(statement, dims, values):
    """max_k ||w(t_k)|| / rho over the flow the left side integrated, in float64 (rho the case's ball_radius)."""
    from proofcheck.core.cases import f64_namespace
    ns = f64_namespace(statement.space, dims, values)
    with np.errstate(all="ignore"):
        statement.lhs(F64, ns)
        rho = np.asarray(training.ball_radius(F64, ns), dtype=float).reshape(-1)
        (traj,) = [t for key, t in ns.__dict__["_cache"].items() if key[0] == "trajectory"]
        return np.linalg.norm(traj.parts(traj.fine)["w"], axis=-1).max(axis=1) / rho


def test_the_family_finds_the_constant_only_repair_violated_and_the_repair_keeps_w_in_the_ball():
    only = training.near_affine_on_the_ball(constant_only_repair())
    dims = only.space.with_derived({"n": 1, "p": 2, "one": 1})
    values = family(np.random.default_rng(7), only.space, dims, 256)  # about 2% violate
    left, right = sides_f64(only, dims, values)
    ratio = np.where(np.isfinite(left / right) & (left / right < 1e3), left / right, 0)  # not a float64 blow-up
    assert ratio.max() > 1
    cert = certify(only, to_witness(only.space, dims, values, int(np.argmax(ratio))))
    assert cert.status is CertificateStatus.CERTIFIED_VIOLATION, cert
    assert np.nanmax(_reach_f64(only, dims, values)) > 1.3  # at the printed horizon flows leave the ball
    repaired = training.near_affine_on_the_ball(resolve("proposition-1.1:repaired"))
    values = family(np.random.default_rng(7), repaired.space, dims, 256)
    reach = _reach_f64(repaired, dims, values)
    assert np.all(reach[np.isfinite(reach)] <= 1 + 1e-9) and np.mean(np.isfinite(reach)) > 0.9
    left, right = sides_f64(repaired, dims, values)
    assert np.nanmax(left / right) < 1
