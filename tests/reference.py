"""Independent float64 computations of each statement's two sides (scipy.linalg.expm, numpy norms).

Written from the printed statements without the engine's helpers, so that a wrong transcription in
a module, or a wrong helper, shows up as a disagreement.
"""
import numpy as np
from scipy.linalg import expm


def norm(M):
    return np.linalg.norm(M, 2)


def claim_1_as_used(v):
    P = np.eye(v["X"].shape[1])
    for X, delta in zip(v["X"], v["delta"]):
        P = expm(-delta * X @ X.T) @ P
    return norm(P), 1.0


def claim_3(v):
    X, t = v["X"], v["t"]
    return norm(expm(-X @ X.T * t) @ X), (np.inf if t == 0 else 1 / (2 * np.sqrt(t)))


def claim_5(v):
    X, Y, t = v["X"], v["Y"], v["t"]
    S = X + Y
    return norm(expm(-S @ S * t) @ S - expm(-X @ X * t) @ X), 3 * norm(Y)


def claim_6(v):
    X, Y, t = v["X"], v["Y"], v["t"]
    S = X + Y
    return norm(expm(-S @ S.T * t) @ S - expm(-X @ X.T * t) @ X), 3 * norm(Y)


def lemma_3_3(v):
    A, B, t = v["A"], v["B"], v["t"]
    S = A + B
    return norm(expm(-S.T @ S * t) - expm(-A.T @ A * t)), 2 * norm(B) * np.sqrt(t)


REFERENCE = {"claim-1:as-used": claim_1_as_used, "claim-3": claim_3, "claim-5": claim_5, "claim-6": claim_6, "lemma-3.3": lemma_3_3}


def _times(gaps, length):
    c = np.concatenate([[0.0], np.cumsum(gaps)])
    return length * c / c[-1]


def _path_product(knots, times, steps=2000):
    """prod e^{-X_s X_s^T ds} by the plain midpoint rule, ``steps`` per segment (no extrapolation).

    Each step's exponential comes from one batched eigendecomposition of the step kernels K = X X^T
    (the engine uses the SVD of X instead, and extrapolates)."""
    P = np.eye(knots[0].shape[0])
    f = (np.arange(steps) + 0.5) / steps
    for j in range(len(knots) - 1):
        h = (times[j + 1] - times[j]) / steps
        X = (1 - f)[:, None, None] * knots[j] + f[:, None, None] * knots[j + 1]
        w, V = np.linalg.eigh(X @ np.swapaxes(X, -1, -2))
        E = (V * np.exp(-h * np.clip(w, 0, None))[:, None, :]) @ np.swapaxes(V, -1, -2)
        for step in E:
            P = step @ P
    return P


def _variation(knots):
    return sum(norm(b - a) for a, b in zip(knots[:-1], knots[1:]))


def theorem_a_8(v):
    t = _times(v["gap"], v["T"])
    diff = v["A"] - v["B"]
    lhs = norm(_path_product(v["A"], t) - _path_product(v["B"], t))
    return lhs, max(norm(m) for m in diff) * (2 * np.sqrt(v["T"]) + 3 * v["T"] * _variation(diff))


def theorem_a_8_as_used(v):
    t = _times(v["gap"], v["T"])
    lhs = norm(_path_product(v["A"], t) - expm(-v["T"] * v["B"] @ v["B"].T))
    return lhs, max(norm(a - v["B"]) for a in v["A"]) * (2 * np.sqrt(v["T"]) + 3 * v["T"] * _variation(v["A"]))


def claim_2(v):
    X = (1 - v["zeta"]) * v["A"] + v["zeta"] * v["B"]
    P = _path_product(X, _times(v["gap"], v["L"]))
    return norm(P @ X[0]), 1 / (2 * np.sqrt(v["L"])) + 3 * _variation(v["B"] - v["A"])


def claim_2_as_used(v):
    X = (1 - v["zeta"]) * v["A"] + v["zeta"] * v["B"][None]
    P = _path_product(X, _times(v["gap"], v["L"]))
    return norm(P @ X[0]), 1 / (2 * np.sqrt(v["L"])) + 3 * _variation(v["A"])


def claim_1(v):
    X = (1 - v["zeta"]) * v["A"] + v["zeta"] * v["B"]
    return norm(_path_product(X, _times(v["gap"], v["L"]))), 1.0


def claim_4(v):
    X, L = v["X"], v["L"]
    P = _path_product(X, _times(v["gap"], L))
    return norm(expm(-L * X[-1] @ X[-1].T) @ X[-1] - P @ X[0]), 3 * _variation(X)


REFERENCE.update({"theorem-a.8": theorem_a_8, "theorem-a.8:as-used": theorem_a_8_as_used, "claim-2": claim_2,
                  "claim-2:as-used": claim_2_as_used, "claim-4": claim_4, "claim-1": claim_1})
# The plain midpoint rule above is second order: path statements are compared at this tolerance.
PATH_TOLERANCE = 1e-4


def _derivative(A, B, times, zeta, h=1e-6):
    plus, minus = (1 - zeta - h) * A + (zeta + h) * B, (1 - zeta + h) * A + (zeta - h) * B
    return (_path_product(plus, times) - _path_product(minus, times)) / (2 * h)


def lemma_a_10(v):
    t = _times(v["gap"], v["T"])
    C = v["B"] - v["A"]
    rhs = max(norm(m) for m in C) * (2 * np.sqrt(v["T"]) + 3 * v["T"] * _variation(C))
    return norm(_derivative(v["A"], v["B"], t, v["zeta"])), rhs


def lemma_a_10_as_used(v):
    B = np.repeat(v["B"][None], len(v["A"]), axis=0)
    return lemma_a_10({**v, "B": B})


REFERENCE.update({"lemma-a.10": lemma_a_10, "lemma-a.10:as-used": lemma_a_10_as_used})


def lemma_a_6(v, steps=2000):
    """Residual of (12) by a plain midpoint walk: P advanced by e^{-h K}, the integral by h K P(mid)."""
    X, t = v["X"], _times(v["gap"], v["L"])
    n = X[0].shape[0]
    P, integral = np.eye(n), np.zeros((n, n))
    f = (np.arange(steps) + 0.5) / steps
    for j in range(len(X) - 1):
        h = (t[j + 1] - t[j]) / steps
        for fi in f:
            Xm = (1 - fi) * X[j] + fi * X[j + 1]
            K = Xm @ Xm.T
            w, V = np.linalg.eigh(K)
            half = (V * np.exp(-0.5 * h * np.clip(w, 0, None))) @ V.T
            integral += h * K @ half @ P
            P = half @ half @ P
    return norm(P - np.eye(n) + integral), norm(P) + 1


def lemma_a_9(v, steps=2000):
    A, t = v["A"], _times(v["gap"], v["T"])
    m = int(v["m"])
    cut = A.copy()
    cut[:, m:, :] = 0.0
    lhs = norm(_path_product(A, t) - _path_product(cut, t))
    rhs = 0.0
    f = (np.arange(steps) + 0.5) / steps
    for j in range(len(A) - 1):
        h = (t[j + 1] - t[j]) / steps
        for fi in f:
            X = (1 - fi) * A[j] + fi * A[j + 1]
            Xc = (1 - fi) * cut[j] + fi * cut[j + 1]
            rhs += h * norm(X @ X.T - Xc @ Xc.T)
    return lhs, rhs


REFERENCE.update({"lemma-a.6": lemma_a_6, "lemma-a.9": lemma_a_9})


def theorem_1_3(v):
    """Appendix B's model: (18) integrated numerically for log r (scipy's Radau, tight tolerances)
    in rescaled time s = t / T, so that neither stiffness nor decay to 1e-300 overflows; rbar is
    the plain exponential y* e^{-a^2 T}. No closed form of r is used."""
    from scipy.integrate import solve_ivp
    alpha, T, lip, R0 = (float(v[k]) for k in ("alpha", "T", "lip", "R0"))
    a2, ystar = 1 / T, np.sqrt(2 * R0)

    def flow(s, z):
        return [-T * (a2 + 2 * lip * (ystar - np.exp(z[0])) / alpha)]

    sol = solve_ivp(flow, (0.0, 1.0), [np.log(ystar)], method="Radau", rtol=1e-13, atol=1e-13)
    kappa = T / alpha * lip * np.sqrt(R0)
    return abs(np.exp(sol.y[0, -1]) - ystar * np.exp(-1.0)), min(kappa, 1.0) * np.sqrt(R0) / 5


REFERENCE.update({"theorem-1.3": theorem_1_3})

# Absolute slack a reference's own method needs beyond the relative tolerance: the ODE solve of
# theorem-1.3 carries about 1e-13 of y* = sqrt(2 R0) in r, and LHS = |r - rbar| cancels it.
REFERENCE_ABS = {"theorem-1.3": lambda v: 1e-11 * np.sqrt(2 * float(v["R0"]))}


# --- trained models: flows (1) and (3) by scipy's DOP853, independently of proofcheck.numerics.flows -------

def _quadratic(v):
    J = np.asarray(v["J"], dtype=float)
    Q = np.asarray(v["Q"], dtype=float)
    r0 = np.asarray(v["r0"], dtype=float)[:, 0]
    return J, Q, r0, float(v["alpha"])


def _lip_dh(Q):
    if Q.shape[0] == 1:
        return np.linalg.norm(Q[0], 2)
    return np.sqrt(np.linalg.norm(sum(q @ q for q in Q), 2))


def _trained(J, Q, r0, alpha, T, times=None):
    """w(t), path length s(t), wbar(t), sbar(t) at ``times`` (default [T]) by DOP853 at rtol 1e-12, and the gap
    r - rbar = -alpha (J d + Q[w, w]/2) from d = w - wbar integrated as a state of its own: r and rbar are of
    size ||r0|| and their difference can be far below ||r0|| 1e-16 (small alpha or T), so subtracting them loses it."""
    from scipy.integrate import solve_ivp
    n, p = J.shape

    def field(t, y):
        w, wb, d = y[:p], y[p + 1:2 * p + 1], y[2 * p + 2:]
        Qw = np.einsum("ijk,k->ij", Q, w)
        r = r0 - alpha * (J @ w + 0.5 * np.einsum("ijk,j,k->i", Q, w, w))
        gap = -alpha * (J @ d + 0.5 * np.einsum("ijk,j,k->i", Q, w, w))
        dw = (J + Qw).T @ r / alpha
        dwb = J.T @ (r0 - alpha * J @ wb) / alpha
        dd = (Qw.T @ r + J.T @ gap) / alpha  # dw - dwb, formed without subtracting them
        return np.concatenate([dw, [np.linalg.norm(dw)], dwb, [np.linalg.norm(dwb)], dd])

    times = [T] if times is None else times
    atol = np.r_[np.full(2 * p + 2, 1e-14), np.full(p, 1e-40)]  # d: relative accuracy down to |d| ~ 1e-28
    sol = solve_ivp(field, (0.0, T), np.zeros(3 * p + 2), method="DOP853", rtol=1e-12, atol=atol, t_eval=times)
    out = []
    for k in range(len(times)):
        y = sol.y[:, k]
        w, wb, d = y[:p], y[p + 1:2 * p + 1], y[2 * p + 2:]
        r = r0 - alpha * (J @ w + 0.5 * np.einsum("ijk,j,k->i", Q, w, w))
        rbar = r0 - alpha * J @ wb
        gap = -alpha * (J @ d + 0.5 * np.einsum("ijk,j,k->i", Q, w, w))
        out.append({"w": w, "s": y[p], "wbar": wb, "sbar": y[2 * p + 1], "r": r, "rbar": rbar, "gap": gap,
                    "D": J + np.einsum("ijk,k->ij", Q, w)})
    return out


def _setting(v):
    J, Q, r0, alpha = _quadratic(v)
    R0 = r0 @ r0 / 2
    return J, Q, r0, alpha, R0, _lip_dh(Q)


def theorem_1_2(v, constant=6):
    J, Q, r0, alpha, R0, lip = _setting(v)
    T = float(v["T"])
    end = _trained(J, Q, r0, alpha, T)[0]
    kappa = T / alpha * lip * np.sqrt(R0)
    return np.linalg.norm(end["gap"]), min(constant * kappa * np.sqrt(R0), np.sqrt(8 * R0))


def theorem_3_2(v):
    J, Q, r0, alpha, R0, lip = _setting(v)
    T = float(v["T"])
    end = _trained(J, Q, r0, alpha, T)[0]
    frozen = expm(-end["D"] @ end["D"].T * T) @ r0
    kappa = T / alpha * lip * np.sqrt(R0)
    return np.linalg.norm(frozen - end["rbar"]), min(3 * kappa * np.sqrt(R0), np.sqrt(8 * R0))


def proposition_1_1(v):
    J, Q, r0, alpha, R0, lip = _setting(v)
    rho, theta = float(v["rho"]), float(v["theta"])
    lip_h = np.linalg.norm(J, 2) + rho * lip
    T = theta * alpha * rho / (lip_h * np.sqrt(R0)) if lip_h * R0 > 0 else theta
    end = _trained(J, Q, r0, alpha, T)[0]
    kappa = T / alpha * lip * np.sqrt(R0)
    return np.linalg.norm(end["gap"]), T * lip_h ** 2 * kappa * np.sqrt(R0)


def first_attempt(v):
    J, Q, r0, alpha, R0, lip = _setting(v)
    T = float(v["T"])
    end = _trained(J, Q, r0, alpha, T)[0]
    lip_h = np.linalg.norm(J, 2) + np.sqrt(T * R0) / alpha * lip
    return np.linalg.norm(end["gap"]), 4 / 3 * T ** 1.5 * lip_h * lip * R0 / alpha


def proposition_3_1(v):
    J, Q, r0, alpha, R0, _ = _setting(v)
    T = float(v["T"])
    end = _trained(J, Q, r0, alpha, T)[0]
    return max(np.linalg.norm(end["w"]), np.linalg.norm(end["wbar"])), np.sqrt(T * R0) / alpha


def lemma_a_1(v):
    J, Q, r0, alpha, R0, _ = _setting(v)
    T = float(v["T"])
    end = _trained(J, Q, r0, alpha, T)[0]
    return max(np.linalg.norm(end["w"]), np.linalg.norm(end["wbar"]), end["s"], end["sbar"]), np.sqrt(T * R0) / alpha


def lemma_a_2(v):
    J, Q, r0, alpha, R0, _ = _setting(v)
    rho, theta = float(v["rho"]), float(v["theta"])
    T = theta * rho ** 2 * alpha ** 2 / R0 if R0 > 0 else theta
    states = _trained(J, Q, r0, alpha, T, times=list(np.linspace(0, T, 9)))
    return max(np.linalg.norm(s["w"]) for s in states), rho


def lemma_a_3(v):
    J, Q, r0, alpha, R0, lip = _setting(v)
    T = float(v["T"])
    end = _trained(J, Q, r0, alpha, T)[0]
    return np.linalg.norm(end["D"] - J, 2), lip * np.sqrt(T * R0) / alpha


def lemma_a_4(v):
    J, Q, r0, alpha, R0, lip = _setting(v)
    T = float(v["T"])
    end = _trained(J, Q, r0, alpha, T)[0]
    return np.linalg.norm(end["D"] @ end["D"].T, 2), 3 * np.linalg.norm(J, 2) ** 2 + 2 * lip * T * R0 / alpha ** 2


def lemma_a_5(v):
    J, Q, r0, alpha, R0, lip = _setting(v)
    T = float(v["T"])
    times = list(np.linspace(0, T, 9))
    K = [s["D"] @ s["D"].T for s in _trained(J, Q, r0, alpha, T, times=times)]
    big = np.linalg.norm(J, 2) + lip * np.sqrt(T * R0) / alpha
    worst = 0.0
    for a, b in [(j, j + 1) for j in range(8)] + [(0, 8)]:
        gap = np.linalg.norm(K[b] - K[a], 2)
        omega = 2 * big * lip * np.sqrt(T * (b - a) / 8 * R0) / alpha
        worst = max(worst, 0.0 if gap == 0 else gap / omega if omega > 0 else np.inf)
    return worst, 1.0


def inequality_7(v):
    J, Q, r0, alpha, R0, lip = _setting(v)
    T = float(v["T"])
    end = _trained(J, Q, r0, alpha, T)[0]
    moved = np.linalg.norm(end["w"])
    middle = np.linalg.norm(end["D"] @ end["D"].T - J @ J.T, 2) * np.linalg.norm(end["r"])
    return middle, 2 * (np.linalg.norm(J, 2) + moved * lip) * lip * moved * np.sqrt(R0)


REFERENCE.update({"theorem-1.2": theorem_1_2, "theorem-3.2": theorem_3_2, "proposition-1.1": proposition_1_1,
                  "first-attempt-3.1": first_attempt, "proposition-3.1": proposition_3_1, "lemma-a.1": lemma_a_1,
                  "lemma-a.2": lemma_a_2, "lemma-a.3": lemma_a_3, "lemma-a.4": lemma_a_4, "lemma-a.5": lemma_a_5,
                  "inequality-7": inequality_7})


def _network(v):
    """f(x) = sum_j a_j s(sqrt m <x, u_j>)/sqrt m written directly, with its gradient in w = (a, U)."""
    X = np.asarray(v["X"], dtype=float)
    a = np.asarray(v["a"], dtype=float)[:, 0]
    U = np.asarray(v["U"], dtype=float)
    n, m = X.shape[0], a.shape[0]
    tanh = int(v["tanh"]) == 1
    s = np.tanh if tanh else (lambda z: 1 / (1 + np.exp(np.clip(-z, None, 700))))  # e^-z past 700: s = 0 either way
    ds = (lambda z: 1 - np.tanh(z) ** 2) if tanh else (lambda z: s(z) * (1 - s(z)))

    def h(w):
        aa, UU = w[:m], w[m:].reshape(m, -1)
        return s(np.sqrt(m) * X @ UU.T) @ aa / np.sqrt(m * n)

    def grad(w):  # Dh(w), n x p
        aa, UU = w[:m], w[m:].reshape(m, -1)
        z = np.sqrt(m) * X @ UU.T
        dU = (ds(z) * aa)[:, :, None] * X[:, None, :]
        return np.concatenate([s(z) / np.sqrt(m * n), dU.reshape(n, -1) / np.sqrt(n)], axis=1)
    return np.concatenate([a, U.ravel()]), h, grad, X, a, tanh


def corollary_2_2(v):
    from scipy.integrate import solve_ivp
    w0, h, grad, X, a, tanh = _network(v)
    n, m = X.shape[0], a.shape[0]
    alpha, T = float(v["alpha"]), float(v["theta"]) * float(v["alpha"]) ** 2
    ystar = np.asarray(v["y"], dtype=float)[:, 0] / np.sqrt(n)
    D0, h0 = grad(w0), h(w0)

    def field(t, y):
        w, wb = y[:w0.size], y[w0.size:]
        return np.concatenate([grad(w).T @ (ystar - alpha * h(w)) / alpha,
                               D0.T @ (ystar - alpha * (h0 + D0 @ (wb - w0))) / alpha])

    sol = solve_ivp(field, (0, T), np.concatenate([w0, w0]), method="DOP853", rtol=1e-12, atol=1e-14)
    w, wb = sol.y[:w0.size, -1], sol.y[w0.size:, -1]
    err = np.linalg.norm(alpha * h(w) - alpha * (h0 + D0 @ (wb - w0)))
    r0 = ystar - alpha * h0
    R0 = r0 @ r0 / 2
    rho = np.sqrt(T * R0) / alpha
    d1, d2 = (1.0, 4 / (3 * np.sqrt(3))) if tanh else (0.25, 1 / (6 * np.sqrt(3)))
    xn = np.linalg.norm(X, axis=1)
    lip = np.max(2 * d1 * xn / np.sqrt(m) + d2 * xn ** 2 * (np.max(np.abs(a)) + rho))
    return err, min(6 * T / alpha * lip * R0, np.sqrt(8 * R0))


def lemma_2_1_bracket(v):
    """Lip(Dh) at w bracketed from the Hessians of the h_i (central differences of the gradient):
    max_i ||H_i|| / ... <= ||D^2 h(w)|| <= sqrt(||sum_i H_i^2||); and the printed bound."""
    w0, h, grad, X, a, tanh = _network(v)
    n, m, p = X.shape[0], a.shape[0], w0.size
    eps = 1e-5
    H = np.stack([(grad(w0 + eps * e) - grad(w0 - eps * e)) / (2 * eps) for e in np.eye(p)], axis=2)  # n x p x p
    lower = max(np.linalg.norm(H[i], 2) for i in range(n))
    upper = np.sqrt(np.linalg.norm(np.einsum("ijk,ikl->jl", H, H), 2))
    d1, d2 = (1.0, 4 / (3 * np.sqrt(3))) if tanh else (0.25, 1 / (6 * np.sqrt(3)))
    xn = np.linalg.norm(X, axis=1)
    return lower, upper, np.max(2 * d1 * xn / np.sqrt(m) + d2 * xn ** 2 * np.max(np.abs(a)))


REFERENCE.update({"corollary-2.2": corollary_2_2})
BRACKETED = {"lemma-2.1": lemma_2_1_bracket}


# The repaired statements, written from their repaired text.
def claim_2_repaired(v):
    X = (1 - v["zeta"]) * v["A"] + v["zeta"] * v["B"]
    P = _path_product(X, _times(v["gap"], v["L"]))
    return norm(P @ X[0]), 1 / (2 * np.sqrt(v["L"])) + 3 * _variation(X)


def inequality_7_repaired(v):
    middle, printed = inequality_7(v)
    return middle, printed * np.sqrt(2)


def proposition_1_1_repaired(v):
    error, printed = proposition_1_1(v)
    return error, 2 * printed


def lemma_a_4_repaired(v):
    J, Q, r0, alpha, R0, lip = _setting(v)
    T = float(v["T"])
    end = _trained(J, Q, r0, alpha, T)[0]
    return np.linalg.norm(end["D"] @ end["D"].T, 2), 3 * np.linalg.norm(J, 2) ** 2 + 2 * lip ** 2 * T * R0 / alpha ** 2


def lemma_2_1_repaired_bracket(v):
    lower, upper, _ = lemma_2_1_bracket(v)
    _, _, _, X, a, tanh = _network(v)
    d1, d2 = (1.0, 4 / (3 * np.sqrt(3))) if tanh else (0.25, 1 / (6 * np.sqrt(3)))
    xn, m = np.linalg.norm(X, axis=1), a.shape[0]
    return lower, upper, np.max(2 * d1 * xn + np.sqrt(m) * d2 * xn ** 2 * np.max(np.abs(a)))


REFERENCE.update({"claim-2:repaired": claim_2_repaired, "inequality-7:repaired": inequality_7_repaired,
                  "proposition-1.1:repaired": proposition_1_1_repaired, "lemma-a.4:repaired": lemma_a_4_repaired})
BRACKETED["lemma-2.1:repaired"] = lemma_2_1_repaired_bracket


def corollary_2_2_repaired(v):
    # the repair adds a hypothesis (h(w0) = 0) and keeps the route's two sides
    return corollary_2_2(v)


REFERENCE["corollary-2.2:repaired"] = corollary_2_2_repaired
