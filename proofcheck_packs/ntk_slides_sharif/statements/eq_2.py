"""The closed form of the Gram matrix H^infinity, equations (1)-(2) (Section 2, "Analysis of Convergence and
Generalization").

Statement as printed: "Resulting NTK gram matrix: H_ij^infinity = E_{w ~ N(0, I)}[x_i^T x_j 1{w^T x_i >= 0,
w^T x_j >= 0}] (1) = x_i^T x_j (pi - arccos(x_i^T x_j)) / (2 pi), for all i, j in [n]. (2)"
Hypotheses: unit inputs ||x_i|| = ||x_j|| = 1 (the slides' main reference, and Section 5's "Most papers and our
main reference assume ||x|| = 1": arccos(x_i^T x_j) is the angle between them only then); w ~ N(0, I_d), d >= 2
(d = 1 leaves only u = +-1, covered by the exact step). Reading: the extraction's "E w ~ N(0, I)" is the
expectation over w; the statement is the equality of (1) and (2) for every pair, i = j included.
How it is checked: as an identity of expectations (``proofcheck.core.expectation``), the entry for the two rows
of X (normalised), u = x_i^T x_j. Reduction: w^T x_i = g1 and w^T x_j = u g1 + s g2 with s = sqrt(1 - u^2),
g1, g2 independent standard normals, so (1) = u int_0^inf phi(t) Phi(u t / s) dt, truncated at T = 20 with the
tail below phi(T)/T; the left side is |u I - (2)| with I by ``ctx.integral`` (certified by Arb's acb.integral).
Exactly (sympy): in polar coordinates of (g1, g2) the event is the wedge theta - pi/2 <= phi <= pi/2 of angle
pi - theta, theta = arccos u in [0, pi], and the radial integral of r e^{-r^2/2} is 1, so (1) = u (pi - theta)/(2 pi).
Monte Carlo in R^d: seeded w, the mean of the expectand with its interval.
Kind: identity.
Place in the paper: Section 2, the slide on Du et al.'s two-layer ReLU network; used by every Section 5 bound.
"""
import numpy as np
import sympy as sp

from proofcheck.core.expectation import Expectation
from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck.core.symbolic import check_equal
from proofcheck.numerics.paths import Estimate
from proofcheck_packs.ntk_slides_sharif.models.gram import arc_kernel, cosines, pi

SPACE = Space(dims={"two": (2, 2), "d": (2, 6)}, matrices=(Matrix("X", "two", "d"),))
TRUNCATION = 20


def _u(ctx, c):
    return ctx.scalar_result(cosines(ctx, c.X)[..., 0, 1])


def closed(ctx, c, constant=1):
    """(2): constant * u (pi - arccos u) / (2 pi); printed without a constant (1)."""
    return constant * arc_kernel(ctx, _u(ctx, c))


def expectation(ctx, c):
    """(1) through its reduction: u int_0^T phi(t) Phi(u t / s) dt, with its tail (an Estimate)."""
    u = _u(ctx, c)
    s = ctx.sqrt(1 - u * u)
    root = ctx.sqrt(2 * pi(ctx))
    slope = u / (s * ctx.sqrt(ctx.mpf(2)))
    T = ctx.mpf(TRUNCATION)

    def integrand(q, t):
        return q.exp(-t * t / 2) * (1 + q.erf(slope * t)) / (2 * root)

    tail = ctx.exp(-T * T / 2) / (T * root)
    integral = ctx.integral(integrand, ctx.mpf(0), T, tail)
    return Estimate(u * integral.value, abs(u) * integral.error)


def lhs(ctx, c, constant=1):
    """|(1) - (2)|, the residual, with the quadrature's error (0 in Arb: an enclosure)."""
    e = expectation(ctx, c)
    return Estimate(abs(e.value - closed(ctx, c, constant)), e.error)


def rhs(ctx, c, constant=1):
    """The size of the terms compared: |(2)| + |(1)|."""
    return abs(closed(ctx, c, constant)) + abs(expectation(ctx, c).value)


def sample(rng, c, draws):
    """x_i^T x_j 1{w^T x_i >= 0, w^T x_j >= 0} at seeded w ~ N(0, I_d), the rows of X normalised."""
    X = np.asarray(c.X, dtype=float)[0]
    x = X / np.linalg.norm(X, axis=1, keepdims=True)
    w = rng.standard_normal((draws, x.shape[1]))
    p = w @ x.T
    return (x[0] @ x[1]) * ((p[:, 0] >= 0) & (p[:, 1] >= 0))


def bounds(c):
    """The expectand lies between 0 and u."""
    X = np.asarray(c.X, dtype=float)[0]
    u = float(X[0] @ X[1] / (np.linalg.norm(X[0]) * np.linalg.norm(X[1])))
    return min(0.0, u), max(0.0, u)


def symbolic(rng, constant=1):
    theta, phi, r = sp.symbols("theta phi r", nonnegative=True)
    radial = sp.integrate(r * sp.exp(-r**2 / 2), (r, 0, sp.oo))
    wedge = sp.integrate(radial / (2 * sp.pi), (phi, theta - sp.pi / 2, sp.pi / 2))
    u = sp.cos(theta)
    # arccos(cos theta) = theta on [0, pi]: the closed form (2) at u = cos theta
    printed = constant * u * (sp.pi - theta) / (2 * sp.pi)
    return [check_equal("E[u 1{g1 >= 0, u g1 + s g2 >= 0}] = u (pi - arccos u)/(2 pi), in polar coordinates",
                        "statement", u * wedge, printed, {theta: (0, sp.pi)}, rng,
                        detail="The event is the wedge theta - pi/2 <= phi <= pi/2 of (g1, g2) = r(cos phi, sin phi), "
                               "u = cos theta; sympy integrates r e^{-r^2/2} over r >= 0 and the wedge's angle.")]


STATEMENT = Statement(
    id="eq-2",
    ref="Equations (1)-(2), Section 2, Analysis of Convergence and Generalization",
    statement="For unit x_i, x_j: E_{w ~ N(0, I)}[x_i^T x_j 1{w^T x_i >= 0, w^T x_j >= 0}] = x_i^T x_j (pi - arccos(x_i^T x_j))/(2 pi).",
    kind="identity",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    uses=(),
    constant_printed="1/(2 pi)",
    expectation=Expectation(closed=closed, sample=sample, bounds=bounds, expectand="x_i^T x_j 1{w^T x_i >= 0, w^T x_j >= 0}",
                            reduction="w^T x_i = g1, w^T x_j = u g1 + sqrt(1 - u^2) g2: u int_0^inf phi(t) Phi(u t / s) dt"),
)
