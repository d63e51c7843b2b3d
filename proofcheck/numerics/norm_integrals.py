"""A second-order lower bound for the integral of a spectral norm along a piecewise-linear path.

The first-order enclosure of ``enclosures.path_integral`` evaluates the integrand on the ball of a
whole piece, so its width shrinks only like the piece's length: at 1024 pieces a ball is about
1e-3 of its value wide, and a bound that is tight to 1e-7 (Lemma A.9's (13) near A = 0) cannot be
certified by it. Where the integrand is ||G(X_s)|| with G a matrix polynomial of degree at most 3
in X, the lower end can be had to second order: for any nonzero vectors u, v,

    ||G(X_s)|| >= |u^T G(X_s) v| / (||u|| ||v||),

and on a piece where X_s is affine in s the right side's numerator is a polynomial of degree at
most 3 in s, which Simpson's rule integrates exactly; with u, v the top singular vectors of G at
the piece's midpoint (computed in float64: any vectors give a valid bound, good ones a tight one)
the bound misses the integral by O(h^2) per unit length. Summing |Simpson| over the pieces
(0 where the Simpson ball contains 0) gives a lower bound of the integral. Boole's five-point rule
(exact to degree 5) is computed beside it: where the two disagree, G is not of the degree declared
and the bound is refused (``NotPolynomial``), never returned.
"""
from __future__ import annotations

from typing import Callable, Sequence

import flint
import numpy as np

PIECES = 256  # per segment: the bound's deficit falls like 1/PIECES^2 (1e-7 of the value at 16 on Lemma A.9's witness)


class NotPolynomial(ArithmeticError):
    """The matrix function is not a polynomial of degree at most 3 along the path (Simpson and Boole
    disagree on a piece), so Simpson's rule is not exact there and no lower bound is given."""


def _top_vectors(G: flint.arb_mat) -> tuple[flint.arb_mat, flint.arb_mat]:
    mid = np.array([[float(G[i, j].mid()) for j in range(G.ncols())] for i in range(G.nrows())])
    U, _, Vt = np.linalg.svd(mid)
    return (flint.arb_mat([[float(x)] for x in U[:, 0]]), flint.arb_mat([[float(x)] for x in Vt[0]]))


def norm_integral_lower(knots: Sequence[flint.arb_mat], times: Sequence[flint.arb],
                        matrix_of: Callable[[flint.arb_mat], flint.arb_mat], pieces: int = PIECES) -> flint.arb:
    """A ball whose lower end is at most int_0^T ||matrix_of(X_s)|| ds along the piecewise-linear path
    (knots at ``times``), for ``matrix_of`` a polynomial of degree <= 3 in X; raises NotPolynomial
    where a piece shows it is not. Only the lower end is a bound: the ball's upper end is not one."""
    total = flint.arb(0)
    for j in range(len(knots) - 1):
        length = times[j + 1] - times[j]
        if length.is_zero():
            continue
        X0, X1 = knots[j], knots[j + 1]
        # G at the 4 pieces + 1 nodes of the segment, once: neighbouring pieces share an end, and a
        # piece's midpoint (its node 2) also gives its singular vectors
        G = [matrix_of(X0 * (1 - f) + X1 * f) for f in (flint.arb(k) / (4 * pieces) for k in range(4 * pieces + 1))]
        for i in range(pieces):
            u, v = _top_vectors(G[4 * i + 2])
            scale = ((u.transpose() * u)[0, 0] * (v.transpose() * v)[0, 0]).sqrt()
            nodes = [(u.transpose() * G[4 * i + k] * v)[0, 0] for k in range(5)]
            simpson = (nodes[0] + 4 * nodes[2] + nodes[4]) / 6
            boole = (7 * nodes[0] + 32 * nodes[1] + 12 * nodes[2] + 32 * nodes[3] + 7 * nodes[4]) / 90
            if not (simpson - boole).contains(0):
                raise NotPolynomial(f"on piece {i} of segment {j} Simpson's rule and Boole's disagree "
                                    f"({simpson.str(5)} against {boole.str(5)}): not of degree <= 3")
            if not simpson.contains(0):
                total += abs(simpson) * length / (pieces * scale)
    return total
