"""Lemma 2.1 (= Lemma C.1): Lip(Dh) of the mean-field two-layer network, with the bound its proof prints.

Statement as printed: If (i) ||sigma||, ||sigma'||, ||sigma''||, ||sigma'''|| <= K, (ii) ||a|| + ||U|| <= K,
(iii) max_i ||x_i|| <= K, then Lip(Dh) <= K' for a constant K' depending only on K. The proof
(Appendix C) ends with Lip(Dh) <= max_i [2 ||sigma'|| ||x_i|| / sqrt(m) + ||sigma''|| ||x_i||^2 ||a||_inf].
Hypotheses: the network f_w(x) = (1/sqrt m) sum_j a_j sigma(sqrt m <x, u_j>), h(w) = [f_w(x_i)]_i / sqrt n,
with sigmoid or tanh (every K-condition holds for some K at any finite case); n <= 16, m <= 64, d <= 4.
How it is checked: the existence of K' cannot be refuted by cases; the explicit bound the proof
prints can. At a point w = (a, U), LHS = ||D^2 h(w)[v]|| at a unit v maximized by the higher-order
power method (a lower bound of ||D^2 h(w)||, so of Lip(Dh) on every ball around w); RHS = the printed
bound with ||a||_inf at w (its limit on small balls). LHS > RHS beyond the error is a violation.
sympy derives ||sigma'|| and ||sigma''|| for both activations.
Kind: upper bound.
Place in the paper: Section 2 and Appendix C; gives Corollary 2.2.
"""
import numpy as np
import sympy as sp

from proofcheck.numerics import batch

from proofcheck_packs.ntk_tight_2023.models import network
from proofcheck.numerics.contexts import F64
from proofcheck_packs.ntk_tight_2023.models.families import NETWORK_FAMILIES
from proofcheck.core.proof import Step
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import ScaleFamily, Statement, Uniformity
from proofcheck.core.symbolic import supremum_step

SPACE = network.network_space(16, 64, 4)


def lhs(ctx, c):
    """||D^2 h(w)[v]|| at a maximizing unit v: Lip(Dh) from below."""
    net = network.model(ctx, c)
    return batch.result(ctx, network.lip_dh_lower(ctx, net, net.w0))


def rhs(ctx, c, constant=1):
    """constant max_i [2 ||sigma'|| ||x_i|| / sqrt m + ||sigma''|| ||x_i||^2 ||a||_inf] (printed: constant 1)."""
    net = network.model(ctx, c)
    a_inf = batch.maximum(ctx, batch.absolute(ctx, net.a0), axis=1)
    return batch.result(ctx, constant * network.printed_bound(ctx, net, a_inf))


def symbolic(rng):
    x = sp.Symbol("x", real=True)
    steps = []
    for name, f in (("sigmoid", 1 / (1 + sp.exp(-x))), ("tanh", sp.tanh(x))):
        d1, d2 = sp.diff(f, x), sp.diff(f, x, 2)
        code = network.sup_derivatives(F64, name)  # the constants the checker computes with
        for order, expr, known in ((1, d1, code[0]), (2, sp.Abs(d2), code[1])):
            step, sup = supremum_step(f"||{name}{chr(39) * order}||_inf", "constant", expr, x, {}, rng, low=-sp.oo, high=sp.oo)
            if sup is not None and abs(float(sup) - known) > 1e-12:
                step = type(step)(step.claim, step.covers, "disproved", f"sympy gives {sup}, the code uses {known}", step.value)
            steps.append(step)
    return steps


# The proof, Appendix C (Lemma C.1). Each side at the case's w in the direction v that nearly
# maximizes ||D^2 h(w)[v]||: a left side there is a lower bound of the Lipschitz constant it stands
# for, so a certified excess over the right side is a failure of the line.
PLACE = "Appendix C, proof of Lemma C.1"


def _df_lower(ctx, c):
    net = network.model(ctx, c)
    return batch.result(ctx, network.lip_df_lower(ctx, net, net.w0))


PROOF = (
    Step("rows", "Dh = (1/sqrt n)[Df_w(x_1); ...; Df_w(x_n)], so Lip(Dh) <= max_i Lip(Df_w(x_i))", f"{PLACE}, first displays",
         kind="upper", lhs=lhs, rhs=_df_lower,
         reading="Checked at w in the direction v: ||D^2 h(w)[v]|| <= max_i ||D^2 f_w(x_i)[v]||, whose right side is a "
                 "lower bound of max_i Lip(Df_w(x_i)) (a stricter test than the line)."),
    Step("to the end", "max_i Lip(Df_w(x_i)) <= max_i [(1/m) Lip([sigma(sqrt m <u_j, x_i>)]_j) + (1/sqrt m) "
         "Lip([a_j sigma'(sqrt m <u_j, x_i>) x_i^T]_j)] <= ... <= max_i [2 ||sigma'|| ||x_i|| / sqrt m + ||sigma''|| ||x_i||^2 ||a||_inf]",
         f"{PLACE}, second display to the last line", kind="upper", lhs=_df_lower, rhs=rhs,
         reading="The lines after the first are bounds on Lip(Df_w(x_i)) whose intermediate Lipschitz constants of "
                 "sub-blocks are not computed; the chain from max_i Lip(Df_w(x_i)) to its last line is checked as one step, "
                 "with max_i ||D^2 f_w(x_i)[v]|| (a lower bound) on the left. The display's factors 1/m and 1/sqrt m are "
                 "where it parts from the derivative: d f_w(x)/d a_j = sigma(sqrt m <u_j, x>)/sqrt m and "
                 "d f_w(x)/d u_j = a_j sigma'(sqrt m <u_j, x>) x."),
)

def tiled(witness, c):
    """The width m -> c m at the same function of the data: every neuron repeated c times, a and U
    divided by sqrt(c), so ||a|| and ||U|| (hypothesis (ii)) are unchanged."""
    c = int(round(c))
    shrink_by = float(1 / np.sqrt(c))
    values = dict(witness["values"])
    for name in ("a", "U"):
        values[name] = [[repr(float(x) * shrink_by) for x in row] for row in witness["values"][name]] * c
    return {**witness, "dims": {**witness["dims"], "m": witness["dims"]["m"] * c}, "values": values}


# The uniformity claim is followed at K = 2 with every hypothesis holding: tanh (its sup norms 1, 1,
# 4/(3 sqrt 3), 2 are all <= 2), one datum x = 1, a = (3K/4, 0, ..., 0).
UNIFORM_K = 2.0
TANH_PEAK = float(np.arctanh(1 / np.sqrt(3)))  # where |tanh''| is largest


def concentrated(m, K=UNIFORM_K):
    """A network at width m inside the hypotheses with constant K where ||U|| allows it: tanh, one
    datum x = 1 (d = n = 1), a = (3K/4, 0, ..., 0) and u_1 = z/sqrt(m) with z where |tanh''| is
    largest, so that sqrt(m) <u_1, x> = z at every width (||U|| = z/sqrt m: (ii) holds from m = 2)."""
    m = int(round(m))
    a = [[repr(3 * K / 4)]] + [["0.0"]] * (m - 1)
    U = [[repr(float(TANH_PEAK / np.sqrt(m)))]] + [["0.0"]] * (m - 1)
    return {"dims": {"n": 1, "m": m, "d": 1, "one": 1, "tanh": 1},
            "values": {"X": [["1.0"]], "y": [["0.0"]], "a": a, "U": U}}


def within_k(witness, K=UNIFORM_K):
    """Hypotheses (i)-(iii) at the fixed K, each one the case violates named."""
    return network.k_conditions(witness, K)


def width_dimensions() -> scaling.Dimensions:
    """The second derivatives of one neuron's f = a sigma(sqrt m <u, x>)/sqrt m, derived by sympy, with
    sigma' and sigma'' replaced by their sup norms S1, S2 (the left side), against the printed bound's
    terms; |a| = A, ||x|| = X."""
    a, u, x, m = sp.symbols("A u X m", positive=True)
    S1, S2 = sp.symbols("S1 S2", positive=True)
    sigma = sp.Function("sigma")
    f = a * sigma(sp.sqrt(m) * u * x) / sp.sqrt(m)
    blocks = []
    sup = {1: S1, 2: S2}
    for d in (sp.diff(f, u, 2), sp.diff(f, a, u)):
        d = d.replace(lambda e: isinstance(e, sp.Derivative), lambda e: sup[e.derivative_count])
        d = d.replace(lambda e: isinstance(e, sp.Subs), lambda e: e.expr)
        blocks.append(sp.simplify(d))
    return scaling.Dimensions(" + ".join(str(b) for b in blocks), "2*S1*X/sqrt(m) + S2*X**2*A", scaling.WIDTH,
                              names={"m": "the width m"})


STATEMENT = Statement(
    id="lemma-2.1",
    ref="Lemma 2.1, Section 2 (= Lemma C.1, Appendix C)",
    statement="Under (i)-(iii), Lip(Dh) <= K'(K); the proof prints Lip(Dh) <= max_i [2 ||sigma'|| ||x_i|| / sqrt(m) "
              "+ ||sigma''|| ||x_i||^2 ||a||_inf].",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    families=NETWORK_FAMILIES,
    constant_printed="2/sqrt(m) and 1",
    notes="The explicit bound at the end of Appendix C's proof, against Lip(Dh) measured from below at the point w.",
    proof=PROOF,
    dimensions=width_dimensions(),
    scale_families=(ScaleFamily("the width m", tiled, (1, 2, 4, 8, 16, 32, 64)),),
    uniformity=Uniformity("the width m", "K = 2", concentrated, (1, 2, 4, 8, 16, 32, 64, 128, 256),
                          why="Lemma 2.1 says K' depends only on K, at every width: Lip(Dh) (from below) along m at K = 2, "
                              "with (i)-(iii) holding at every width, must stay bounded.",
                          within=within_k),
)
