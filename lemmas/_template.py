"""<Name> (<section of the paper>).

Statement as printed: <copy from ../shared/paper/STATEMENTS.md, unchanged>.
Hypotheses: <the domain of every quantity, as printed: shapes, signs, ranges>.
How it is checked: <numerically over what; symbolically, which steps and what each covers>.
Kind: <upper bound | lower bound>.
Place in the paper: <where it is proved, and which proofs use it>.

This file is a template: the registry skips modules whose names start with '_'.
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
    t = sp.Symbol("t", positive=True)
    return [check_le("<what is attempted>", "proof step", sp.exp(-t), constant, {t: (0, sp.oo)}, rng)]


STATEMENT = Statement(
    id="<id>",
    ref="<Name>, <section>",
    statement="<as printed, one line>",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    orthogonal_invariance=False,
    uses=(),
    constant_printed=None,
    constant_proof=None,
)
