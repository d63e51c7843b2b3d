"""Lemma (section "Validity of NTKs"), first display: the Taylor remainder of the linearization.

Statement as printed: "Suppose grad_theta f_theta(x) is beta-Lipschitz in theta, then
||f_theta(x) - g_theta(x)|| <= O(beta ||Delta theta||_2^2)", with g_theta(x) = f_{theta_0}(x) +
<grad_theta f_{theta_0}(x), theta - theta^0> (the section's first display).
Hypotheses: f_theta(x) real, theta in R^P, theta -> grad_theta f_theta(x) beta-Lipschitz on all of R^P (Euclidean
norms), x fixed; Delta theta = theta - theta_0 arbitrary. The norm on the left is read as the absolute value (the
proof writes |.| and h(theta) = f_theta(x) scalar); "theta^0" in g's display is read as theta_0. The O(.) hides an
absolute constant: existential, "there is C (depending on nothing) with |f - g| <= C beta ||Delta theta||^2 for
every such f, theta_0 and Delta theta". The sharp C is 1/2 (Taylor's integral remainder; equality for f = beta
theta^2/2).
How it is checked: over the notes' smooth model (``models/smooth.py``: a quadratic q^T A q/2 + b^T q plus a
layer of tanh units, with beta = max(||A||, max_j |a_j| ||x||^2 4/(3 sqrt 3)) a rigorous Lipschitz bound,
exact for the quadratic part), the cases check the sharp constant C = 1/2; the existential C is checked by
families along ||Delta theta||, along beta and along the width m (LHS / (beta ||Delta theta||^2) bounded).
Symbolically: the proof's integral bound int_0^1 beta t dt = beta/2, the equality case f = beta theta^2/2 (so
1/2 is sharp), and the model's constant sup|tanh''| = 4/(3 sqrt 3).
Kind: upper bound.
Place in the paper: section "Validity of NTKs"; its second display (lemma-1b) is this one on the ball of the
Theorem (theorem-1).
"""
import sympy as sp

from proofcheck.core.proof import Step
from proofcheck.core.statement import Matrix, Space, Statement, Uniformity
from proofcheck.core.symbolic import check_equal, check_le, supremum_step
from proofcheck.numerics import batch
from proofcheck_packs.ntk_notes_2025.models import smooth

SPACE = Space(dims={"p": (1, 5), "m": (1, 4), "d": (1, 4), "one": (1, 1)},
              matrices=(Matrix("A", "p", "p", symmetric=True), Matrix("b", "p", "one"), Matrix("q", "p", "one"),
                        Matrix("Dq", "p", "one"), Matrix("a", "m", "one"), Matrix("W", "m", "d"),
                        Matrix("DW", "m", "d"), Matrix("x", "d", "one")))


def lhs(ctx, c):
    """|f_theta(x) - g_theta(x)|, theta = theta_0 + Delta theta."""
    return smooth.remainder(ctx, c)


def rest_of_bound(ctx, c):
    """beta ||Delta theta||_2^2."""
    return batch.result(ctx, smooth.beta(ctx, c) * smooth.step_norm_squared(ctx, c))


def rhs(ctx, c, constant=0.5):
    """constant * beta ||Delta theta||^2: the sharp constant 1/2 (the notes print O(.))."""
    return constant * rest_of_bound(ctx, c)


def symbolic(rng, constant=sp.Rational(1, 2)):
    t, beta, D = sp.symbols("t beta Delta", positive=True)
    u = sp.Symbol("u", real=True)
    integral = sp.integrate(beta * t * D**2, (t, 0, 1))
    steps = [check_le(f"|h(theta) - h(theta_0) - <grad h(theta_0), Delta>| <= int_0^1 beta t ||Delta||^2 dt = "
                      f"beta ||Delta||^2 / 2 <= {constant} beta ||Delta||^2", "constant", integral, constant * beta * D**2,
                      {beta: (0, sp.oo), D: (0, sp.oo)}, rng, value=str(integral / (beta * D**2)),
                      detail="Taylor: h(theta) - h(theta_0) - <grad h(theta_0), Delta> = int_0^1 <grad h(theta_0 + t Delta) "
                             "- grad h(theta_0), Delta> dt, each integrand at most beta t ||Delta||^2."),
             check_equal("f = beta theta^2 / 2 attains it: its remainder is beta Delta^2 / 2 (C = 1/2 is sharp)", "proof step",
                         beta * D**2 / 2, (beta * (u + D)**2 / 2 - beta * u**2 / 2 - beta * u * D), {u: (-5, 5), beta: (0, 10), D: (0, 10)}, rng)]
    curvature, sup = supremum_step("sup over u of |tanh''(u)| = sup of 2 tanh(u) sech(u)^2 (odd)", "proof step",
                                   2 * sp.tanh(u) / sp.cosh(u)**2, u, {}, rng, low=0, high=sp.oo,
                                   detail="The model's beta bound.")
    steps.append(curvature)
    if sup is not None:
        steps.append(check_equal("that supremum is 4/(3 sqrt 3)", "proof step", sp.simplify(sup.rewrite(sp.exp)),
                                 4 / (3 * sp.sqrt(3)), {}, rng))
    return steps


def _case(A, Dq, a=0.0, scale=1.0, m=1):
    """A quadratic p = 2 part plus m tanh units of weight a at x = 1 (d = 1)."""
    rows = lambda M: [[repr(float(v)) for v in row] for row in M]
    return {"dims": {"p": 2, "m": m, "d": 1, "one": 1},
            "values": {"A": rows(A), "b": rows([[0.3], [-0.1]]), "q": rows([[0.5], [0.2]]),
                       "Dq": rows([[scale * v] for v in Dq]), "a": rows([[a]] * m),
                       "W": rows([[0.4 + 0.1 * j] for j in range(m)]), "DW": rows([[scale * 0.7]] * m),
                       "x": rows([[1.0]])}}


def along_step(s):
    """The step Delta theta scaled by s, tanh units dominating beta."""
    return _case([[0.01, 0.0], [0.0, 0.0]], [1.0, 0.5], a=1.0, scale=s)


def along_beta(s):
    """The quadratic part's curvature s (beta = s)."""
    return _case([[s, 0.0], [0.0, -0.5 * s]], [1.0, 0.0], a=0.1, scale=1.0)


def along_width(m):
    return _case([[0.01, 0.0], [0.0, 0.0]], [0.0, 0.0], a=1.0, scale=1.0, m=int(m))


PROOF = (
    Step("Taylor", "|f_theta(x) - g_theta(x)| = |h(theta) - h(theta_0) - <grad h(theta_0), theta - theta_0>| <= "
         "O(beta ||theta - theta_0||^2), from beta-Lipschitzness of grad h", 'section "Validity of NTKs", proof',
         symbolic=symbolic, reading="h(theta) = f_theta(x); the O(.) is read with the constant its argument gives, 1/2."),
)

STATEMENT = Statement(
    id="lemma-1",
    ref='Lemma, section "Validity of NTKs", first display',
    statement="If grad_theta f_theta(x) is beta-Lipschitz in theta, then |f_theta(x) - g_theta(x)| <= "
              "O(beta ||Delta theta||_2^2).",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    constant_printed="O(.) (an unnamed absolute constant C)",
    constant_proof="1/2 (Taylor's integral remainder), sharp",
    notes="C is existential (absolute): the families along ||Delta theta||, beta and the width decide it; the cases "
          "measure the sharp constant 1/2 (worst ratio against beta ||Delta theta||^2 / 2).",
    proof=PROOF,
    existential=(
        Uniformity("||Delta theta||", "nothing", along_step, tuple(2.0 ** k for k in range(-6, 12)),
                   normalizer=rest_of_bound, why="C is absolute: not dependent on the step's size."),
        Uniformity("beta", "nothing", along_beta, tuple(2.0 ** k for k in range(-6, 14)),
                   normalizer=rest_of_bound, why="C is absolute: not dependent on beta."),
        Uniformity("m", "nothing", along_width, tuple(float(2 ** k) for k in range(0, 7)),
                   normalizer=rest_of_bound, why="C is absolute: not dependent on the number of parameters."),
    ),
)
