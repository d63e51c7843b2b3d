"""<Name> (<section of the paper>).

Statement as printed: <the statement, unchanged, as the paper prints it>.
Hypotheses: <the domain of every quantity, as printed: shapes, signs, ranges>.
How it is checked: <numerically over what; symbolically, which steps and what each covers>.
Kind: <upper bound | lower bound | identity>.
Place in the paper: <where it is proved, and which proofs use it>.

This file is a template: the registry skips modules whose names start with '_'. Copy it to
lemmas/<id>.py (claim-5 is claim_5.py; an as-used form claim-2:as-used is claim_2_as_used.py).
"""
import sympy as sp

from proofcheck.numerics.linalg import gram_exp, spectral_norm
from proofcheck.core.statement import Matrix, Scalar, Space, Statement
from proofcheck.core.symbolic import check_le

SPACE = Space(dims={"n": (1, 8), "d": (1, 8)},
              matrices=(Matrix("X", "n", "d"),),
              scalars=(Scalar("t", low=0.0),))


def lhs(ctx, c):
    """<the left-hand side, in the paper's notation>."""
    return spectral_norm(ctx, gram_exp(ctx, c.X, c.t) @ c.X)


def rhs(ctx, c, constant=1):
    """<the right-hand side>; keep the printed constant a keyword so tests can plant weaker ones."""
    return constant * spectral_norm(ctx, c.X)


def symbolic(rng, constant=1):
    """The symbolic steps, always under this name: each proved, disproved or undecided, and what it
    covers ("statement", "commuting case", "constant" or "proof step")."""
    t = sp.Symbol("t", positive=True)
    return [check_le("<what is attempted>", "proof step", sp.exp(-t), constant, {t: (0, sp.oo)}, rng)]


def scaled_up(rng, space, dims, batch):
    """A named adversarial family (optional): ``family(rng, space, dims, batch) -> {name: array}``,
    arrays with a leading batch axis, as proofcheck.search.families' generic ones."""
    return {"X": 1e3 * rng.standard_normal((batch, dims["n"], dims["d"])), "t": rng.uniform(0, 1, (batch,))}


STATEMENT = Statement(
    id="<id>",
    ref="<Name>, <section>",
    statement="<as printed, one line>",
    kind="upper",  # "upper" (lhs <= rhs), "lower" (lhs >= rhs) or "identity" (lhs: a residual, rhs: the size it is judged against)
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    uses=(),  # the ids of the statements its proof invokes
    families={"scaled_up": scaled_up},
    orthogonal_invariance=False,  # True when both sides are unchanged by orthogonal changes of basis
    constant_printed=None,  # the constant as printed, in words ("3", "1/2 and 3")
    constant_proof=None,  # the constant the printed proof actually yields, where it says
    notes="",  # shown in the reports beside the verdict
    not_certified=None,  # why Arb cannot certify its cases (e.g. an integrated flow), or None
    # proof=(Step("(a)", "<the line as printed>", "<place>", kind="upper", lhs=..., rhs=..., uses=(...)), ...):
    #   the printed proof, line by line (proofcheck.core.proof), each checked as algebra or numerically
    # dimensions=scaling.Dimensions("<lhs>", "<rhs>", scaling.MATRICES): the sides in the paper's
    #   quantities, for the symbolic scaling audit (proofcheck.core.scaling)
    # reduction=Reduction(scalars=(Scalar("kappa", 0.0, 4.0, open_low=True),), case=..., invariants=..., scale=...):
    #   when the sides are functions of 1-3 scalars (proofcheck.core.reduction): proved by branch-and-bound over
    #   the reduced box before the search (a Step takes reduction= too); see lemmas/theorem_1_3.py
)
