"""Theorem 1.3 (Section 1, the converse; construction in Appendix B).

Statement as printed: For any alpha, T, Lip(Dh) and R0 there is a model h : R -> R, an
initialization w0 in R and a target y* in R such that, for R(y) = (y - y*)^2 / 2,
R(alpha h(w0)) = R0, Dh is Lip(Dh)-Lipschitz, and
||alpha h(w(T)) - alpha hbar(wbar(T))|| >= min(kappa sqrt(R0) / 5, sqrt(R0) / 5),
kappa = (T / alpha) Lip(Dh) sqrt(R0). Construction: h(w) = a w + b w^2 / 2, a = 1/sqrt(T),
b = Lip(Dh), w0 = 0, y* = sqrt(2 R0); the residuals follow (18):
dr/dt = -(a^2 + 2b(y* - r)/alpha) r, drbar/dt = -a^2 rbar.
Hypotheses: alpha, T, Lip(Dh), R0 > 0 (the whole parameter space, not only where the proof's own
assumptions hold).
How it is checked: (18) is a Bernoulli equation; sympy verifies that the model's flow gives (18)
(the kernel h'(w)^2 = a^2 + 2b(y* - r)/alpha), and that the closed form
r(t) = 1 / (d/c + (a^2/(c y*)) e^{ct}), c = a^2 + 2b y*/alpha, d = 2b/alpha, solves it with
r(0) = y*; rbar(t) = y* e^{-a^2 t}. The lower bound is then searched over (alpha, T, Lip, R0) with
the closed form, in float64 and mpmath. (The closed form against a numerical solve of (18) is a test.)
Appendix B's lines declare reductions to kappa (and s), some written by the module in forms without
cancellation (line 1 over rbar(sT) as (1 + u)/(u e^{-s} + e^{us}), u = 2 sqrt(2) kappa), each identity proved by sympy.
Kind: lower bound; the ratio is RHS / LHS.
Place in the paper: Section 1.2, proved in Appendix B; shows Theorem 1.2 is tight up to constants.
"""
import dataclasses
from types import SimpleNamespace

import sympy as sp

from proofcheck.numerics.linalg import minimum
from proofcheck.core.proof import Step
from proofcheck.core.reduction import Face, Reduction, Tail
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, Space, Statement
from proofcheck.core.symbolic import check_equal, check_le, check_le_on_interval

SPACE = Space(dims={}, matrices=(),
              scalars=(Scalar("alpha", open_low=True), Scalar("T", open_low=True), Scalar("lip", open_low=True),
                       Scalar("R0", open_low=True)))


def residuals(ctx, c, t=None, b=None):
    """r(t) and rbar(t) from the closed forms (t = T and b = Lip(Dh) unless given; written so that
    nothing overflows: e^{-ct} may underflow to 0)."""
    t = c.T if t is None else t
    b = c.lip if b is None else b
    a2 = 1 / c.T
    ystar = ctx.sqrt(2 * c.R0)
    rate = a2 + 2 * b * ystar / c.alpha
    d = 2 * b / c.alpha
    decay = ctx.exp(-rate * t)
    r = decay / (d / rate * decay + a2 / (rate * ystar))
    rbar = ystar * ctx.exp(-a2 * t)
    return r, rbar


def lhs(ctx, c):
    """|alpha h(w(T)) - alpha hbar(wbar(T))| = |r(T) - rbar(T)| (both residuals start at y*)."""
    r, rbar = residuals(ctx, c)
    return abs(r - rbar)


def rhs(ctx, c, constant=5):
    """min(kappa sqrt(R0), sqrt(R0)) / constant; the paper's constant is 5."""
    kappa = c.T / c.alpha * c.lip * ctx.sqrt(c.R0)
    return minimum(ctx, kappa, 1) * ctx.sqrt(c.R0) / constant


def symbolic(rng):
    a, b, al, ys, w, t = sp.symbols("a b alpha y_star w t", positive=True)
    r_of_w = ys - al * (a * w + b * w**2 / 2)
    kernel = check_equal("the model's kernel: h'(w)^2 = a^2 + 2b(y* - r)/alpha with r = y* - alpha h(w)", "proof step",
                         (a + b * w) ** 2, a**2 + 2 * b * (ys - r_of_w) / al, {a: (0, 10), b: (0, 10), al: (0.1, 10),
                                                                             ys: (0, 10), w: (0, 10)}, rng,
                         detail="dw/dt = h'(w) r / alpha and dr/dt = -alpha h'(w) dw/dt give dr/dt = -h'(w)^2 r: (18).")
    c, d = a**2 + 2 * b * ys / al, 2 * b / al
    r = 1 / (d / c + (a**2 / (c * ys)) * sp.exp(c * t))
    domain = {a: (0.1, 3), b: (0, 3), al: (0.5, 5), ys: (0.1, 3), t: (0, 2)}
    solves = check_equal("the closed form solves (18): dr/dt = -(a^2 + 2b(y* - r)/alpha) r", "proof step",
                         sp.diff(r, t), -(a**2 + 2 * b * (ys - r) / al) * r, domain, rng,
                         detail="(18) is the Bernoulli equation dr/dt = -c r + d r^2; u = 1/r solves du/dt = c u - d.")
    start = check_equal("and starts at r(0) = y*", "proof step", r.subs(t, 0), ys, domain, rng)
    return [kernel, solves, start]


# Appendix B's chain, line by line. ``s`` places an intermediate time t = s T where a line says "at
# all times" or "for times t >= T/2".
# Open at the low end: at t = 0 (and at t = T/2 for line 2) the lines hold with equality, a case no
# finite precision can decide.
S_ALL = Scalar("s", 0.0, 1.0, open_low=True)
S_LATE = Scalar("s", 0.5, 1.0, open_low=True)
PLACE = "Appendix B"
WLOG = ("From 'assuming kappa <= 1 without loss of generality' on, the lines are read at the construction with "
        "b = min(Lip(Dh), alpha/(T sqrt(R0))), so kappa = min(kappa, 1): that model is still Lip(Dh)-Lipschitz, "
        "which is what makes the assumption free.")


def _kappa(ctx, c):
    return c.T / c.alpha * c.lip * ctx.sqrt(c.R0)


def _wlog(ctx, c):
    """(kappa, b) after the proof's reduction to kappa <= 1."""
    k = minimum(ctx, _kappa(ctx, c), 1)
    return k, k * c.alpha / (c.T * ctx.sqrt(c.R0))


def _decay(ctx, c, r, b):
    """-dr/dt by (18): (a^2 + 2b(y* - r)/alpha) r (the lines compare decay rates: both sides positive)."""
    return (1 / c.T + 2 * b * (ctx.sqrt(2 * c.R0) - r) / c.alpha) * r


def _late_rate(ctx, c):
    """a^2 + 2 Lip(Dh)(1 - e^{-1/2}) sqrt(2 R0)/alpha."""
    return 1 / c.T + 2 * c.lip * (1 - _e_half(ctx)) * ctx.sqrt(2 * c.R0) / c.alpha


def _half(ctx):
    return ctx.mpf(1) / 2


def _e_half(ctx):
    return ctx.exp(-_half(ctx))


def _e_one(ctx):
    return ctx.exp(-2 * _half(ctx))


def _kappa_line(rng):
    k = sp.Symbol("kappa", nonnegative=True)
    step = check_le("e^{-0.55 kappa} <= 1 - 0.4 kappa for 0 <= kappa <= 1", "proof step",
                    sp.exp(-sp.Rational(55, 100) * k), 1 - sp.Rational(2, 5) * k, {k: (0, 1)}, rng)
    return [check_le_on_interval(step, sp.exp(-sp.Rational(55, 100) * k) - 1 + sp.Rational(2, 5) * k, k, 0, 1)]


def _rate_constant(rng):
    return [check_le("1.1 <= 2 (1 - e^{-1/2}) sqrt(2): the late rate is at least a^2 + 1.1 kappa / T", "proof step",
                     sp.Rational(11, 10), 2 * (1 - sp.exp(-sp.Rational(1, 2))) * sp.sqrt(2), {}, rng,
                     value=str(sp.N(2 * (1 - sp.exp(-sp.Rational(1, 2))) * sp.sqrt(2), 12)))]


# Reductions (proofcheck.core.reduction): every side is sqrt(R0) times a function of kappa (and of the
# step's s), read at the canonical case alpha = T = R0 = 1, Lip(Dh) = kappa; sympy proves the identity.
KAPPA_MAX = 5  # the reduced box; beyond it a declared tail (Theorem 1.3 itself) or nothing (the lines)
KAPPA = Scalar("kappa", 0.0, float(KAPPA_MAX), open_low=True)  # kappa > 0: 0 is a limit, not a case
KAPPA_WLOG = Scalar("kappa", 0.0, 1.0, open_low=True)
AT_KAPPA_0 = Face("kappa", "low", 1)  # b = 0: the model is linear, r = rbar, both sides vanish or agree
# line 4: the face derivative in kappa, 2 sqrt(2)(e^{-s} - e^{-1/2}), vanishes where the face meets s = 1/2
AT_KAPPA_0_AT_HALF = Face("kappa", "low", 1, corner=(("s", "low"),))


def _canonical(ctx, p):
    one = ctx.mpf(1)
    out = {"alpha": one, "T": one, "R0": one, "lip": p.kappa}
    if hasattr(p, "s"):
        out["s"] = p.s
    return out


def _invariants(wlog=False):
    def invariants(c):
        k = c.T / c.alpha * c.lip * sp.sqrt(c.R0)
        out = {"kappa": sp.Min(k, 1) if wlog else k}
        if hasattr(c, "s"):
            out["s"] = c.s
        return out
    return invariants


def _scale(ctx, c):
    return ctx.sqrt(c.R0)


def _gap(ctx, p, wlog=False):
    """rbar(T) - r(T) at the canonical case: |r(T) - rbar(T)| without its sign (r <= rbar, line 1)."""
    c = SimpleNamespace(**_canonical(ctx, p))
    r, rbar = _wlog_residuals(ctx, c) if wlog else residuals(ctx, c)
    return rbar - r


def _rate_scale(ctx, c):
    """Decay rates (lines 4 and 5) are residuals per unit time: sqrt(R0)/T."""
    return ctx.sqrt(c.R0) / c.T


def _reduction(wlog=False, faces=(AT_KAPPA_0,), gap=False, extra=(), why="", scale=_scale):
    return Reduction(scalars=(KAPPA_WLOG if wlog else KAPPA,) + tuple(extra), case=_canonical,
                     invariants=_invariants(wlog), scale=scale, faces=faces,
                     lhs=(lambda ctx, p: _gap(ctx, p, wlog)) if gap else None, abs_side="lhs" if gap else None,
                     why=why or "kappa = (T/alpha) Lip(Dh) sqrt(R0) is the only parameter once both sides are divided by sqrt(R0).")


def _tail_gap(ctx, p):
    """rbar(T) - r(T) at the canonical case for kappa >= KAPPA_MAX, in w = e^{-2 sqrt(2) kappa}: with
    c = 1 + 2 sqrt(2) kappa, e^{-c} = w/e and c = 1 - log w, so r(T)/y* = c e^{-c}/((c - 1) e^{-c} + 1)
    = e^{-1}(w - w log w)/(1 - e^{-1} w log w); w log w -> 0 as w -> 0 (kappa -> infinity)."""
    e1 = ctx.exp(-ctx.mpf(1))
    wlogw = ctx.xlogx(p.w)
    return ctx.sqrt(ctx.mpf(2)) * (e1 - e1 * (p.w - wlogw) / (1 - e1 * wlogw))


TAIL = Tail(scalar="kappa", variable=Scalar("w", 0.0, 2.0**-20), chart=lambda k: sp.exp(-2 * sp.sqrt(2) * k),
            solve_for="lip", lhs=_tail_gap, rhs=lambda ctx, p: ctx.mpf(1) / 5, abs_side="lhs",
            why="for kappa >= 5, min(kappa, 1) = 1 and the residual r(T) is a function of w = e^{-2 sqrt(2) kappa}, "
                "continuous up to w = 0 (kappa = infinity) with x log x")
REDUCTION = dataclasses.replace(_reduction(gap=True), tail=TAIL)


def _tail_half(ctx, p):
    """r(T/2) at the canonical case for kappa >= KAPPA_MAX, in w = e^{-sqrt(2) kappa}: with c = 1 + 2 sqrt(2) kappa,
    e^{-c/2} = e^{-1/2} w and c - 1 = -2 log w, so r(T/2)/y* = e^{-1/2}(w - 2 w log w)/(1 - 2 e^{-1/2} w log w)."""
    e_half, wlogw = ctx.exp(-ctx.mpf(1) / 2), ctx.xlogx(p.w)
    return ctx.sqrt(ctx.mpf(2)) * e_half * (p.w - 2 * wlogw) / (1 - 2 * e_half * wlogw)


TAIL_HALF = Tail(scalar="kappa", variable=Scalar("w", 0.0, 2.0**-10), chart=lambda k: sp.exp(-sp.sqrt(2) * k),
                 solve_for="lip", lhs=_tail_half, rhs=lambda ctx, p: ctx.sqrt(ctx.mpf(2)) * ctx.exp(-ctx.mpf(1) / 2),
                 why="r(T/2) for kappa >= 5 is a function of w = e^{-sqrt(2) kappa}, continuous up to w = 0")


def _rho(ctx, p):
    """r(sT)/rbar(sT) at the canonical case, written without cancellation: with u = 2 sqrt(2) kappa (so that
    c = 1 + u and d y* = u), 1/r = d/c + e^{cs}/(c y*) gives r/rbar = (1 + u)/(u e^{-s} + e^{us})."""
    u = 2 * ctx.sqrt(ctx.mpf(2)) * p.kappa
    return (1 + u) / (u * ctx.exp(-p.s) + ctx.exp(u * p.s))


def _residual_scale(ctx, c):
    """rbar(sT) = sqrt(2 R0) e^{-s}: both sides of line 1 divided by it."""
    return ctx.sqrt(2 * c.R0) * ctx.exp(-c.s)


def _line4_scale(ctx, c):
    """r(sT)/T > 0: both decay rates of lines 4 and 5 are rates times r, divided by it."""
    return residuals(ctx, c, c.s * c.T)[0] / c.T


def _line4_lhs(ctx, p):
    """-dr/dt / (r/T) at the canonical case: 1 + 2 kappa (y* - r) = 1 + 2 sqrt(2) kappa (1 - e^{-s} rho)."""
    return 1 + 2 * ctx.sqrt(ctx.mpf(2)) * p.kappa * (1 - ctx.exp(-p.s) * _rho(ctx, p))


def _late_rate_reduced(ctx, p):
    return 1 + 2 * p.kappa * (1 - _e_half(ctx)) * ctx.sqrt(ctx.mpf(2))


def _rho_tail(ctx, p):
    """e^{-s} rho for kappa >= 4 in x = 1/kappa: u = 2 sqrt(2)/x, and over e^{us} (with e^{-us} = e^{-c/x},
    c = 2 sqrt(2) s), rho = (e^{-c/x} + 2 sqrt(2) e^{-c/x}/x)/(2 sqrt(2) e^{-s} e^{-c/x}/x + 1): 0 at x = 0."""
    r2 = ctx.sqrt(ctx.mpf(2))
    c = 2 * r2 * p.s
    over = ctx.decay_over(p.x, c)
    return ctx.exp(-p.s) * (ctx.decay(p.x, c) + 2 * r2 * over) / (2 * r2 * ctx.exp(-p.s) * over + 1)


def _line4_tail_scale(ctx, c):
    """r(sT) 2 sqrt(2) kappa / T on the tail, where both rates grow like kappa."""
    return residuals(ctx, c, c.s * c.T)[0] * 2 * ctx.sqrt(ctx.mpf(2)) * _kappa(ctx, c) / c.T


TAIL_LINE4 = Tail(scalar="kappa", variable=Scalar("x", 0.0, 0.25), chart=lambda k: 1 / k, solve_for="lip",
                  scale=_line4_tail_scale,
                  lhs=lambda ctx, p: p.x / (2 * ctx.sqrt(ctx.mpf(2))) + 1 - _rho_tail(ctx, p),
                  rhs=lambda ctx, p: p.x / (2 * ctx.sqrt(ctx.mpf(2))) + 1 - _e_half(ctx),
                  why="for kappa >= 4, both rates over r 2 sqrt(2) kappa/T are x/(2 sqrt 2) + 1 - e^{-s} rho and "
                      "x/(2 sqrt 2) + 1 - e^{-1/2}, x = 1/kappa, with e^{-s} rho -> 0 as x -> 0 uniformly in s >= 1/2")


def _line7_scale(ctx, c):
    """sqrt(R0) e^{-0.55 kappa}: the factor both sides of line 7 share, so that it is line 3 times e^{-1/2}."""
    return ctx.sqrt(c.R0) * ctx.exp(-11 * _kappa(ctx, c) / 20)


def _line7_lhs(ctx, p):
    c = SimpleNamespace(**_canonical(ctx, p))
    return residuals(ctx, c, c.T / 2)[0] * _e_half(ctx)


TAIL_LINE7 = dataclasses.replace(
    TAIL_HALF, lhs=lambda ctx, p: _e_half(ctx) * _tail_half(ctx, p),
    rhs=lambda ctx, p: ctx.sqrt(ctx.mpf(2)) * _e_one(ctx),
    why="line 7 over sqrt(R0) e^{-0.55 kappa} is line 3 times e^{-1/2}: r(T/2) e^{-1/2} in w = e^{-sqrt(2) kappa}")
LINE7 = dataclasses.replace(
    _reduction(scale=_line7_scale, why="both sides share e^{-0.55 kappa}; divided by sqrt(R0) e^{-0.55 kappa} they "
                                       "are r(T/2) e^{-1/2} and y* e^{-1} at the canonical case"),
    lhs=_line7_lhs, rhs=lambda ctx, p: ctx.sqrt(ctx.mpf(2)) * _e_one(ctx), tail=TAIL_LINE7)


def _line6_scale(ctx, c):
    """The right side, r(T/2) e^{-1/2 - 0.55 kappa} > 0: line 6 divided by it is r(T) over it, against 1."""
    return residuals(ctx, c, c.T / 2)[0] * ctx.exp(-_half(ctx) - 11 * _kappa(ctx, c) / 20)


def _line6_lhs(ctx, p):
    """r(T) / (r(T/2) e^{-1/2 - 0.55 kappa}) = e^{0.55 kappa} rho(u, 1)/rho(u, 1/2)
    = e^{0.55 kappa} (u e^{-1/2} + e^{u/2}) / (u e^{-1} + e^{u}), u = 2 sqrt(2) kappa."""
    u = 2 * ctx.sqrt(ctx.mpf(2)) * p.kappa
    return ctx.exp(11 * p.kappa / 20) * (u * _e_half(ctx) + ctx.exp(u / 2)) / (u * _e_one(ctx) + ctx.exp(u))


def _line6_tail(ctx, p):
    """The same for kappa >= 5 in w = e^{-kappa}, over e^{u}: with a = 2 sqrt(2) - 0.55 and b = sqrt(2) - 0.55,
    (u e^{-1/2} w^a + w^b)/(u e^{-1} w^{2 sqrt 2} + 1), and u w^c = -(2 sqrt(2)/c) (w^c) log(w^c): continuous at w = 0."""
    r2 = ctx.sqrt(ctx.mpf(2))
    a, b, c = 2 * r2 - ctx.mpf(11) / 20, r2 - ctx.mpf(11) / 20, 2 * r2
    wa, wc = ctx.power(p.w, a), ctx.power(p.w, c)
    return (-(2 * r2 / a) * _e_half(ctx) * ctx.xlogx(wa) + ctx.power(p.w, b)) / (1 - _e_one(ctx) * ctx.xlogx(wc))


TAIL_LINE6 = Tail(scalar="kappa", variable=Scalar("w", 0.0, 2.0**-7), chart=lambda k: sp.exp(-k), solve_for="lip",
                  lhs=_line6_tail, rhs=lambda ctx, p: ctx.mpf(1),
                  why="for kappa >= 5 the ratio is a function of w = e^{-kappa} with powers w^c (c > 0), 0 at w = 0")
LINE6 = dataclasses.replace(
    _reduction(scale=_line6_scale, why="divided by its right side, line 6 is e^{0.55 kappa} rho(u, 1)/rho(u, 1/2) <= 1"),
    lhs=_line6_lhs, rhs=lambda ctx, p: ctx.mpf(1), tail=TAIL_LINE6)


# Line 5 compactified without a tail: v = kappa/(1 + kappa) in [0, 1] (v = 1 is kappa = infinity, a limit the
# reduced sides reach continuously); both decay rates divided by r (1 + kappa)/T are affine in v.
V = Scalar("v", 0.0, 1.0, open_low=True)


def _line5_scale(ctx, c):
    return residuals(ctx, c, c.s * c.T)[0] * (1 + _kappa(ctx, c)) / c.T


LINE5 = Reduction(
    scalars=(V,), scale=_line5_scale, faces=(Face("v", "low", 1),),
    case=lambda ctx, p: {"alpha": ctx.mpf(1), "T": ctx.mpf(1), "R0": ctx.mpf(1), "lip": p.v / (1 - p.v), "s": ctx.mpf(1)},
    invariants=lambda c: {"v": 1 - 1 / (1 + c.T / c.alpha * c.lip * sp.sqrt(c.R0))},
    lhs=lambda ctx, p: 1 - p.v + 2 * p.v * (1 - _e_half(ctx)) * ctx.sqrt(ctx.mpf(2)),
    rhs=lambda ctx, p: 1 - p.v + 11 * p.v / 10,
    why="both sides are (a^2 + c kappa/T) r(sT); divided by r (1 + kappa)/T they are (1 - v) + c v, v = kappa/(1 + kappa)")


PROOF = (
    Step("(18)", "dr/dt = -(a^2 + 2b(y* - r)/alpha) r and drbar/dt = -a^2 rbar", f"{PLACE}, display (18)",
         symbolic=symbolic),
    Step("line 1", "since b(y* - r)/alpha >= 0 at all times, r(t) <= rbar(t) = e^{-a^2 t} y*", f"{PLACE}, after (18)",
         kind="upper", extra=(S_ALL,), lhs=lambda ctx, c: residuals(ctx, c, c.s * c.T)[0],
         rhs=lambda ctx, c: residuals(ctx, c, c.s * c.T)[1],
         reduction=dataclasses.replace(
             _reduction(extra=(S_ALL,), faces=(AT_KAPPA_0, Face("s", "low", 2)), scale=_residual_scale,
                        why="r(sT)/rbar(sT) = (1 + u)/(u e^{-s} + e^{us}), u = 2 sqrt(2) kappa: both sides over rbar(sT)"),
             lhs=_rho, rhs=lambda ctx, p: ctx.mpf(1))),
    Step("line 2", "at any time t >= T/2, r(t) <= r(T/2)", f"{PLACE}, display 2", kind="upper", extra=(S_LATE,),
         lhs=lambda ctx, c: residuals(ctx, c, c.s * c.T)[0], rhs=lambda ctx, c: residuals(ctx, c, c.T / 2)[0],
         reduction=_reduction(extra=(S_LATE,), faces=(Face("s", "low", 1),))),
    Step("line 3", "r(T/2) <= rbar(T/2) = e^{-(1/sqrt T)^2 (T/2)} y* = e^{-1/2} y*", f"{PLACE}, display 2",
         kind="upper", lhs=lambda ctx, c: residuals(ctx, c, c.T / 2)[0],
         rhs=lambda ctx, c: _e_half(ctx) * ctx.sqrt(2 * c.R0),
         reduction=dataclasses.replace(_reduction(), tail=TAIL_HALF)),
    Step("line 4", "for t >= T/2, dr/dt <= -(a^2 + 2 Lip(Dh)(1 - e^{-1/2}) sqrt(2 R0)/alpha) r", f"{PLACE}, display 3",
         kind="lower", extra=(S_LATE,), lhs=lambda ctx, c: _decay(ctx, c, residuals(ctx, c, c.s * c.T)[0], c.lip),
         rhs=lambda ctx, c: _late_rate(ctx, c) * residuals(ctx, c, c.s * c.T)[0],
         reading="Compared as decay rates, -dr/dt >= (...) r, so both sides are positive.",
         reduction=dataclasses.replace(
             _reduction(extra=(S_LATE,), faces=(AT_KAPPA_0_AT_HALF,), scale=_line4_scale,
                        why="both sides are rates times r(sT) > 0; divided by r/T they are functions of kappa and s"),
             lhs=_line4_lhs, rhs=_late_rate_reduced, tail=TAIL_LINE4)),
    Step("line 5", "... <= -(a^2 + 1.1 kappa/T) r", f"{PLACE}, display 3", kind="lower", extra=(S_LATE,),
         lhs=lambda ctx, c: _late_rate(ctx, c) * residuals(ctx, c, c.s * c.T)[0],
         rhs=lambda ctx, c: (1 / c.T + 11 * _kappa(ctx, c) / (10 * c.T)) * residuals(ctx, c, c.s * c.T)[0],
         symbolic=_rate_constant, reading="Compared as decay rates, so both sides are positive.",
         reduction=LINE5),
    Step("line 6", "r(T) <= r(T/2) e^{-(1/T + 1.1 kappa/T)(T/2)} = r(T/2) e^{-1/2 - 0.55 kappa}", f"{PLACE}, display 4",
         kind="upper", lhs=lambda ctx, c: residuals(ctx, c)[0],
         rhs=lambda ctx, c: residuals(ctx, c, c.T / 2)[0] * ctx.exp(-_half(ctx) - 11 * _kappa(ctx, c) / 20),
         reduction=LINE6),
    Step("line 7", "r(T/2) e^{-1/2 - 0.55 kappa} <= y* e^{-1} e^{-0.55 kappa}", f"{PLACE}, display 4", kind="upper",
         lhs=lambda ctx, c: residuals(ctx, c, c.T / 2)[0] * ctx.exp(-_half(ctx) - 11 * _kappa(ctx, c) / 20),
         rhs=lambda ctx, c: ctx.sqrt(2 * c.R0) * _e_one(ctx) * ctx.exp(-11 * _kappa(ctx, c) / 20),
         reduction=LINE7),
    Step("line 8", "assuming kappa <= 1 without loss of generality, y* e^{-1} e^{-0.55 kappa} <= y* e^{-1}(1 - 0.4 kappa)",
         f"{PLACE}, display 4", symbolic=_kappa_line, reading=WLOG),
    Step("line 9", "|alpha h(w(T)) - alpha hbar(wbar(T))| = |r(T) - rbar(T)| >= |e^{-1} y* - (1 - 0.4 kappa) e^{-1} y*|",
         f"{PLACE}, last display", kind="lower", reading=WLOG,
         lhs=lambda ctx, c: abs(_wlog_residuals(ctx, c)[0] - _wlog_residuals(ctx, c)[1]),
         rhs=lambda ctx, c: 2 * _wlog(ctx, c)[0] * _e_one(ctx) * ctx.sqrt(2 * c.R0) / 5,
         reduction=_reduction(wlog=True, gap=True)),
    Step("line 10", "0.4 kappa e^{-1} sqrt(2 R0) >= sqrt(R0)/5", f"{PLACE}, last display", kind="lower", reading=WLOG,
         lhs=lambda ctx, c: 2 * _wlog(ctx, c)[0] * _e_one(ctx) * ctx.sqrt(2 * c.R0) / 5,
         rhs=lambda ctx, c: ctx.sqrt(c.R0) / 5, reduction=_reduction(wlog=True, faces=())),
)


def _wlog_residuals(ctx, c):
    return residuals(ctx, c, b=_wlog(ctx, c)[1])


STATEMENT = Statement(
    id="theorem-1.3",
    ref="Theorem 1.3, Section 1 (construction in Appendix B)",
    statement="For any alpha, T, Lip(Dh), R0 there are h : R -> R, w0, y* with R(alpha h(w0)) = R0 and Dh Lip(Dh)-Lipschitz "
              "such that ||alpha h(w(T)) - alpha hbar(wbar(T))|| >= min(kappa sqrt(R0)/5, sqrt(R0)/5).",
    kind="lower",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    orthogonal_invariance=False,
    uses=(),
    constant_printed="1/5",
    constant_proof=None,
    notes="Checked on the paper's own construction (Appendix B), over the whole parameter space.",
    proof=PROOF,
    reduction=REDUCTION,
    dimensions=scaling.Dimensions("r", "Min(kappa*sqrt(R0)/5, sqrt(R0)/5)", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
