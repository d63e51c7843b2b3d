"""Models where the ball matters (issue 21, item 5): the cubic models h = J w + Q[w, w]/2 + ||w||^2 G w / 6,
whose Lip(Dh) and Lip(h) on the ball of radius rho differ from their global values. Their flows'
enclosures contain scipy's DOP853 at tight tolerance, written here independently of the model code;
a perturbed model's enclosure excludes the original's; the constants on the ball bound sampled
derivatives inside it and are exceeded outside it; and a trained statement over the ball family is
certified through these enclosures."""
import flint
import numpy as np
import pytest
from scipy.integrate import solve_ivp

from proofcheck.core.cases import to_witness
from proofcheck.core.judgement import CertificateStatus
from proofcheck.core.registry import resolve
from proofcheck.core.statement import Change
from proofcheck.numerics import flow_steps
from proofcheck.numerics.arb import arb_prec
from proofcheck.numerics.contexts import F64
from proofcheck.numerics.enclosed_polynomial import CubicField
from proofcheck.numerics.enclosures import NotEnclosed
from proofcheck.search.certify import certify
from proofcheck.search.evaluate import sides_f64
from proofcheck_packs.ntk_tight_2023.models import cubic, training
from proofcheck_packs.ntk_tight_2023 import TRAINED_ON_A_BALL
from proofcheck_packs.ntk_tight_2023.models.families import ball_cubic
from proofcheck_packs.ntk_tight_2023.models.families import near_affine as near_affine_family
from proofcheck.core.cases import enforce_structure
from proofcheck.search.families import draw_dims, natural_scale

BITS = 170
CASE = dict(J=[["0.5", "1"]], Q=[[["0.25", "0"], ["0", "-0.5"]]], G=[["3", "-2"]], r0=["1"], alpha="1", T="2")


def _reference(J, Q, G, r0, alpha, T):
    """w(T) and s(T) by DOP853 at rtol 1e-13, the cubic term written out as ||w||^2 G w / 6."""
    J, Q, G, r0 = (np.array(x, float) for x in (J, Q, G, r0))

    def f(t, y):
        w = y[:-1]
        sq, Gw = w @ w, G @ w
        D = J + np.einsum("ijk,k->ij", Q, w) + (2 * np.outer(Gw, w) + sq * G) / 6
        r = r0 - alpha * (J @ w + 0.5 * np.einsum("ijk,j,k->i", Q, w, w) + sq * Gw / 6)
        dw = D.T @ r / alpha
        return np.concatenate([dw, [np.linalg.norm(dw)]])
    y = solve_ivp(f, (0, T), np.zeros(J.shape[1] + 1), method="DOP853", rtol=1e-13, atol=1e-15).y[:, -1]
    return y[:-1], y[-1]


def _field(J, Q, G, r0, alpha, **_):
    a = flint.arb
    C = cubic.cubic_tensor(np.array([[float(a(x)) for x in row] for row in G]))
    Cb = [[[[(a(G[i][l]) * (j == k) + a(G[i][k]) * (j == l) + a(G[i][j]) * (k == l)) / 3 for l in range(len(G[0]))]
            for k in range(len(G[0]))] for j in range(len(G[0]))] for i in range(len(G))]
    assert np.allclose(np.array([[[[float(x) for x in c] for c in b] for b in m] for m in Cb]), C)
    return CubicField([[a(x) for x in row] for row in J], [[[a(x) for x in row] for row in Qi] for Qi in Q], Cb,
                      [a(x) for x in r0], a(alpha))


def test_a_cubic_flow_is_enclosed_around_dop853_and_a_perturbed_model_is_not():
    with arb_prec(BITS):
        states, lengths = flow_steps.nonlinear_flow(_field(**CASE), flint.arb(2), 8, BITS, NotEnclosed)
        w, s = _reference(CASE["J"], CASE["Q"], CASE["G"], [1.0], 1.0, 2.0)
        mids = np.array([float(x.mid()) for x in states[-1]])
        assert np.max(np.abs(mids - w)) < 1e-10 and max(float(x.rad()) for x in states[-1]) < 1e-15
        assert abs(float(lengths[-1].mid()) - s) < 1e-9
        # G in its 16th digit: the enclosures are disjoint, so the certificate sees the model it is given
        moved, _ = flow_steps.nonlinear_flow(_field(**dict(CASE, G=[["3.000000000000001", "-2"]])), flint.arb(2), 8,
                                             BITS, NotEnclosed)
        assert not all(a.overlaps(b) for a, b in zip(states[-1], moved[-1]))
        # the quadratic part alone (the cubic term dropped) excludes the cubic model's DOP853 solution
        flat, _ = flow_steps.nonlinear_flow(_field(**dict(CASE, G=[["0", "0"]])), flint.arb(2), 8, BITS, NotEnclosed)
        assert not all(x.contains(flint.arb(float(v))) for x, v in zip(flat[-1], w))


def test_the_batch_model_and_the_enclosed_field_agree():
    rng = np.random.default_rng(3)
    J, Q, G = rng.standard_normal((1, 2, 3)), rng.standard_normal((1, 2, 3, 3)), rng.standard_normal((1, 2, 3))
    Q = (Q + np.swapaxes(Q, -1, -2)) / 2
    m = cubic.Cubic(F64, J, Q, np.array([[1.0, -0.5]]), np.array([1.5]), G)
    w, v, eps = rng.standard_normal((1, 3)), rng.standard_normal((1, 3)), 1e-6
    # Dh is the derivative of the residual, D^2 h of Dh (central differences)
    fd = -(m.residual(w + eps * v) - m.residual(w - eps * v)) / (2 * eps * 1.5)
    assert np.allclose(np.einsum("bij,bj->bi", m.jacobian(w), v), fd, rtol=1e-7, atol=1e-8)
    fd2 = (m.jacobian(w + eps * v) - m.jacobian(w - eps * v)) / (2 * eps)
    assert np.allclose(m.second_derivative(w, v), fd2, rtol=1e-7, atol=1e-8)
    with arb_prec(BITS):
        a = lambda x: flint.arb(float(x))  # noqa: E731
        f = cubic.Cubic(None, np.vectorize(a, otypes=[object])(J), np.vectorize(a, otypes=[object])(Q),
                        np.array([[a(1.0), a(-0.5)]], dtype=object), np.array([a(1.5)], dtype=object),
                        np.vectorize(a, otypes=[object])(G)).polynomial_field()
        D = f.jacobian([a(x) for x in w[0]])
        assert np.allclose([[float(x.mid()) for x in row] for row in D], m.jacobian(w)[0])
        r = f.residual([a(x) for x in w[0]])
        assert np.allclose([float(x.mid()) for x in r], m.residual(w)[0])
        # the Hessians the logarithmic norm reads: D^2 h_i(w) contracted with v is row i of D^2 h(w)[v]
        H = [np.array([[float(H_i[j, k].mid()) for k in range(3)] for j in range(3)]) for H_i in f.hessians([a(x) for x in w[0]])]
        assert np.allclose(np.array([v[0] @ H_i for H_i in H]), m.second_derivative(w, v)[0])


def test_the_constants_on_the_ball_bound_it_and_are_exceeded_outside_it():
    rng = np.random.default_rng(5)
    J, Q, G = rng.standard_normal((1, 2, 3)), 1e-2 * rng.standard_normal((1, 2, 3, 3)), 10 * rng.standard_normal((1, 2, 3))
    Q = (Q + np.swapaxes(Q, -1, -2)) / 2
    m = cubic.Cubic(F64, J, Q, np.zeros((1, 2)), np.ones(1), G)
    rho = 0.1
    lip_dh = float(cubic.lip_dh_on_ball(F64, Q, G, np.array([rho]))[0])
    lip_h = float(cubic.lip_h_on_ball(F64, J, Q, G, np.array([rho]))[0])

    def sampled(radius):
        worst_d2, worst_d = 0.0, 0.0
        for _ in range(400):
            w = rng.standard_normal((1, 3))
            w *= radius * rng.random() ** (1 / 3) / np.linalg.norm(w)
            v = rng.standard_normal((1, 3))
            v /= np.linalg.norm(v)
            worst_d2 = max(worst_d2, np.linalg.norm(m.second_derivative(w, v)[0], 2))
            worst_d = max(worst_d, np.linalg.norm(m.jacobian(w)[0], 2))
        return worst_d2, worst_d
    inside_d2, inside_d = sampled(rho)
    assert inside_d2 <= lip_dh and inside_d <= lip_h
    outside_d2, outside_d = sampled(10 * rho)
    assert outside_d2 > 2 * lip_dh and outside_d > lip_h  # leaving the ball, Dh changes far faster


@pytest.mark.parametrize("sid", ["proposition-1.1:repaired", "theorem-1.2"])
def test_a_trained_statement_over_the_ball_family_is_certified_by_the_cubic_enclosure(sid):
    statement = training.on_the_ball(resolve(sid))
    dims = statement.space.with_derived({"n": 1, "p": 2, "one": 1})
    values = ball_cubic(np.random.default_rng(0), statement.space, dims, 16)
    left, right = sides_f64(statement, dims, values)
    i = int(np.nanargmax(left / right))
    witness = to_witness(statement.space, dims, values, i)
    cert = certify(statement, witness)
    assert cert.status is CertificateStatus.CERTIFIED, cert
    assert abs(cert.ratio_upper - left[i] / right[i]) < 1e-6 * max(1.0, left[i] / right[i])
    # the same witness with G changed in its 12th digit: a left side whose enclosure excludes the first
    g = witness["values"]["G"][0][0]
    moved = {**witness, "values": {**witness["values"], "G": [[repr(float(g) * (1 + 1e-12))] + witness["values"]["G"][0][1:]]}}
    other = certify(statement, moved)
    with arb_prec(BITS):
        assert not flint.arb(cert.lhs.strip("[]")).overlaps(flint.arb(other.lhs.strip("[]")))


def test_the_printed_horizon_lets_w_leave_the_ball_and_the_repaired_horizon_keeps_it_inside():
    # J = 1, Q = 0, G = 1e4 at rho = 0.01: Lip(h) = 1 + rho^2 G / 2 = 3/2 on the ball, T = alpha rho/(Lip(h) sqrt(R0))
    from proofcheck.core.cases import mp_namespace
    from proofcheck.numerics.arb import ArbContext
    from proofcheck_packs.ntk_tight_2023.statements import proposition_1_1 as printed

    def reach(statement, theta):
        witness = {"dims": {"n": 1, "p": 1, "one": 1},
                   "values": {"J": [["1"]], "Q": [[["0"]]], "G": [["10000"]], "r0": [["1"]], "alpha": "1",
                              "rho": "0.01", "theta": theta}}
        ctx = ArbContext(BITS)
        with arb_prec(BITS):
            c = mp_namespace(ctx, statement.space, witness)
            lip_h, _ = printed.constants(ctx, c)
            traj = printed._traj(ctx, c)
            end = traj.parts(traj.fine)["w"][:, -1]
            return training.displacement(ctx, traj).value, traj.model.jacobian(end)[0, 0, 0], np.ravel(lip_h)[0], witness

    moved, speed, lip_h, _ = reach(training.on_the_ball(resolve("proposition-1.1")), "1")
    with arb_prec(BITS):
        assert moved > flint.arb("0.01")  # certified: at the printed horizon w(T) is outside the ball of radius rho
        assert speed > lip_h  # and there ||Dh|| exceeds the Lip(h) measured on the ball
    repaired = training.on_the_ball(resolve("proposition-1.1:repaired"))
    moved, _, _, witness = reach(repaired, "0.7071067811865475")  # 1/sqrt(2), the space's end
    with arb_prec(BITS):
        assert moved < flint.arb("0.01")  # at the repaired horizon alpha rho/(Lip(h) sqrt(2 R0)) it stays inside
    assert certify(repaired, witness).status is CertificateStatus.CERTIFIED
    assert repaired.repair_changes == (Change.CONSTANT, Change.HORIZON)


def test_every_repair_says_what_it_changes():
    from proofcheck.core.registry import discover
    repairs = [s for s in discover().values() if s.id.endswith(":repaired")]
    assert len(repairs) >= 6
    for s in repairs:
        assert s.repair_changes and all(isinstance(x, Change) for x in s.repair_changes), s.id
        assert all(isinstance(k, Change) and why for k, why in s.repair_needs), s.id


# each model class's family with the shapes and the share of finite (not stiff) cases it is held to
DRAWS = [(training.on_the_ball, ball_cubic, sid, 3, 0.8) for sid in ("proposition-1.1", "lemma-a.2", "theorem-1.2")]
DRAWS += [(training.near_affine_on_the_ball, near_affine_family, sid, 2, 0.9)
          for sid in ("proposition-1.1", "proposition-1.1:repaired", "theorem-1.2", "lemma-a.3")]


@pytest.mark.parametrize("over, family, sid, p, finite", DRAWS, ids=[f"{d[0].__name__}-{d[2]}" for d in DRAWS])
def test_each_model_classs_family_draws_cases_of_the_space_that_train_without_being_stiff(over, family, sid, p, finite):
    from proofcheck.core.cases import check_witness
    statement = over(resolve(sid))
    dims = statement.space.with_derived({"n": 2, "p": p, "one": 1})
    values = family(np.random.default_rng(1), statement.space, dims, 32)
    for i in range(32):
        check_witness(statement.space, to_witness(statement.space, dims, values, i))
    left, right = sides_f64(statement, dims, values)
    assert np.mean(np.isfinite(left / right)) > finite  # the horizons the family's radii give are not stiff


@pytest.mark.parametrize("over, family", [(training.on_the_ball, ball_cubic),
                                          (training.near_affine_on_the_ball, near_affine_family)])
def test_the_mpmath_path_of_a_model_classs_case_agrees_with_float64(over, family):
    from proofcheck.search.evaluate import evaluate_mp
    statement = over(resolve("lemma-a.3"))
    dims = statement.space.with_derived({"n": 2, "p": 2, "one": 1})
    values = family(np.random.default_rng(2), statement.space, dims, 4)
    left, right = sides_f64(statement, dims, values)
    for i in range(4):
        mp = evaluate_mp(statement, to_witness(statement.space, dims, values, i), 30)
        assert abs(float(mp.ratio) - left[i] / right[i]) < 1e-8 * max(1.0, left[i] / right[i])


@pytest.mark.parametrize("sid", TRAINED_ON_A_BALL)
def test_on_the_ball_a_model_without_its_cubic_term_is_the_printed_statements(sid):
    """``ID@ball`` with G = 0 is the quadratic model, its constants on the ball the global ones: both
    sides are the printed statement's on the same case (so the variant checks the same statement)."""
    printed, variant = resolve(sid), resolve(f"{sid}@ball")
    rng = np.random.default_rng(5)
    compared = 0
    for _ in range(6):
        dims = draw_dims(rng, printed.space)
        values = enforce_structure(printed.space, natural_scale(rng, printed.space, dims, 1))
        with np.errstate(all="ignore"):
            left, right = sides_f64(printed, dims, values)
            vl, vr = sides_f64(variant, dims, {**values, "G": np.zeros((1, dims["n"], dims["p"]))})
        if not (np.isfinite(left[0]) and np.isfinite(right[0])):
            continue
        compared += 1
        assert vl[0] == pytest.approx(left[0], rel=1e-9, abs=1e-300) and vr[0] == pytest.approx(right[0], rel=1e-9)
    assert compared > 0
