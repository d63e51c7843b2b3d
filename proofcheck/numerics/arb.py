"""Arb ball arithmetic (python-flint) beside mpmath: exact conversions and scoped precision.

Every mpf is a dyadic number man * 2^exp, so it converts to an Arb ball of radius 0 exactly, and
a ball's midpoint converts back exactly; only Arb's own operations round, and their rounding is
inside the balls they return.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

import flint
import numpy as np

from proofcheck.numerics.object_batch import ObjectBatchOps, elementwise


@contextmanager
def arb_prec(bits: int) -> Iterator[None]:
    """Arb's working precision set to ``bits`` inside the block and restored after it."""
    saved = flint.ctx.prec
    flint.ctx.prec = int(bits)
    try:
        yield
    finally:
        flint.ctx.prec = saved


class NotFinite(ArithmeticError, ValueError):
    """An mpmath inf or nan where a ball is wanted: an arithmetic failure of the case (a flow set aside
    with NaN states), which the search's checks set aside as they do an overflow."""


def to_arb(x: Any) -> flint.arb:
    """The mpf (or int) x as an exact Arb ball."""
    if not hasattr(x, "_mpf_"):
        return flint.arb(int(x))
    sign, man, exp, _ = x._mpf_  # mpf.man_exp drops the sign
    if not man:
        if exp:  # mpmath's inf, -inf and nan have a zero mantissa and a special exponent
            raise NotFinite(f"not a finite number: {x}")
        return flint.arb(0)
    return flint.arb(-int(man) if sign else int(man)) * flint.arb(2) ** int(exp)


def to_arb_mat(M: Any) -> flint.arb_mat:
    """An mpmath matrix as an exact arb_mat."""
    return flint.arb_mat([[to_arb(M[i, j]) for j in range(M.cols)] for i in range(M.rows)])


def midpoint(ctx: Any, x: flint.arb) -> Any:
    """The ball's midpoint as an mpf of ``ctx`` (exact, then rounded to ctx's precision)."""
    man, exp = x.mid().man_exp()
    return ctx.mpf((int(man), int(exp)))


def midpoint_matrix(ctx: Any, A: flint.arb_mat) -> tuple[Any, float]:
    """The midpoints of an arb_mat as an mpmath matrix, and the largest radius (a float upper bound;
    inf when some entry is not a finite ball)."""
    out = ctx.matrix(A.nrows(), A.ncols())
    radius = 0.0
    for i in range(A.nrows()):
        for j in range(A.ncols()):
            if not A[i, j].is_finite():
                return out, float("inf")
            out[i, j] = midpoint(ctx, A[i, j])
            radius = max(radius, float(A[i, j].rad()))
    return out, radius


class ArbMatrix:
    """An arb_mat with the operators statements use on matrices (@, +, -, scalar *, .T, rows, cols)."""

    __array_priority__ = 1000

    def __init__(self, m: flint.arb_mat):
        self.m = m

    rows = property(lambda self: self.m.nrows())
    cols = property(lambda self: self.m.ncols())
    T = property(lambda self: ArbMatrix(self.m.transpose()))

    def __matmul__(self, other: "ArbMatrix") -> "ArbMatrix":
        return ArbMatrix(self.m * other.m)

    def __add__(self, other: "ArbMatrix") -> "ArbMatrix":
        return ArbMatrix(self.m + other.m)

    def __sub__(self, other: "ArbMatrix") -> "ArbMatrix":
        return ArbMatrix(self.m - other.m)

    def __neg__(self) -> "ArbMatrix":
        return ArbMatrix(-self.m)

    def __mul__(self, x: Any) -> "ArbMatrix":
        return ArbMatrix(self.m * flint.arb(x))

    __rmul__ = __mul__


class ArbContext(ObjectBatchOps):
    """Ball arithmetic with the names of mpmath's context API: every value is an enclosure."""

    name = "arb"
    # Every value is an enclosure: a discretized quantity (a product integral, a flow) comes back
    # as a ball that contains the exact one, its discretization error inside the radius.
    encloses = True

    def __init__(self, bits: int):
        self.prec = int(bits)

    def integral(self, f: Callable[[Any, Any], Any], a: Any, b: Any, tail: Any = None) -> Any:
        from proofcheck.numerics.quadrature import arb_integral  # one-dimensional integrals, enclosed
        return arb_integral(self, f, a, b, tail)

    # what the shared batch operations (ObjectBatchOps) need: Arb's numbers, and the ball max and
    # min (Python's max on overlapping balls would pick one arbitrarily)
    number = staticmethod(flint.arb)
    not_a_number = staticmethod(flint.arb.nan)

    @staticmethod
    def largest(*xs: Any) -> flint.arb:
        return ball_max(*xs)

    @staticmethod
    def smallest(*xs: Any) -> flint.arb:
        return ball_min(*xs)

    @staticmethod
    def matrix_of(rows: Any) -> "ArbMatrix":
        return ArbMatrix(flint.arb_mat(rows))

    @staticmethod
    def wrap(m: flint.arb_mat) -> "ArbMatrix":
        return ArbMatrix(m)

    def enclosed(self, value: Any) -> Any:
        """An enclosure in the Estimate form the statements read: the ball, and an error of exactly 0."""
        from proofcheck.numerics.paths import Estimate
        return Estimate(ArbMatrix(value) if isinstance(value, flint.arb_mat) else value, flint.arb(0))

    inf = property(lambda self: flint.arb.pos_inf())

    @staticmethod
    def mpf(x: Any) -> flint.arb:
        """A decimal string (or number) as a ball containing it exactly."""
        return flint.arb(x)

    @staticmethod
    def sqrt(x: Any) -> flint.arb:
        return _sqrt(x)

    @staticmethod
    def exp(x: Any) -> flint.arb:
        return flint.arb(x).exp()

    @staticmethod
    def eye(n: int) -> ArbMatrix:
        return ArbMatrix(flint.arb_mat([[1 if i == j else 0 for j in range(n)] for i in range(n)]))

    @staticmethod
    def matrix(rows: Any) -> ArbMatrix:
        return ArbMatrix(flint.arb_mat([[flint.arb(x) for x in row] for row in rows]))

    @staticmethod
    def isinf(x: Any) -> bool:
        """Whether x is +inf or -inf itself (not a ball of infinite radius)."""
        return not flint.arb(x).mid().is_finite()

    # matrices: enclosures of the same operations the float64 and mpmath contexts carry
    @staticmethod
    def rows(M: ArbMatrix) -> int:
        return M.rows

    @staticmethod
    def transpose(M: ArbMatrix) -> ArbMatrix:
        return M.T

    def identity(self, n: int, like: Any = None) -> ArbMatrix:
        return self.eye(n)

    @staticmethod
    def psd_exp(K: ArbMatrix, t: Any) -> ArbMatrix:
        return ArbMatrix((K.m * (-flint.arb(t))).exp())

    @staticmethod
    def gram_exp(X: ArbMatrix, t: Any) -> ArbMatrix:
        return ArbMatrix((X.m * X.m.transpose() * (-flint.arb(t))).exp())

    @staticmethod
    def spectral_norm(M: ArbMatrix) -> flint.arb:
        return flint.arb(0) if M.rows == 0 or M.cols == 0 else spectral_norm_ball(M)

    def pseudoinverse(self, M: ArbMatrix) -> ArbMatrix:
        from proofcheck.numerics.pseudoinverse import pseudoinverse_formula
        return pseudoinverse_formula(self, M)

    def smallest_singular_value(self, M: ArbMatrix) -> flint.arb:
        # Arb has no SVD: the square root of the least of Arb's eigenvalue enclosures of M M^T, else an
        # enclosure from spectral norms (wider: its cancellation lies in the ball)
        G = M.m * M.m.transpose()
        try:
            low = ball_min(*(e.real for e in flint.acb_mat(G).eig(multiple=True)))
            if low.is_finite():
                return _sqrt(low)
        except (ValueError, ZeroDivisionError):
            pass
        from proofcheck.numerics.pseudoinverse import singular_value_from_norms
        return singular_value_from_norms(self, M)

    @staticmethod
    def inverse(M: ArbMatrix) -> ArbMatrix:
        return ArbMatrix(M.m.inv())  # raises ZeroDivisionError where the balls cannot prove M invertible

    @staticmethod
    def keep_rows(X: ArbMatrix, m: int) -> ArbMatrix:
        return ArbMatrix(flint.arb_mat([[X.m[i, j] if i < m else 0 for j in range(X.cols)] for i in range(X.rows)]))

    # batches of models: numpy object arrays of balls with a batch of one case, as in mpmath
    @staticmethod
    def as_batch(M: ArbMatrix) -> np.ndarray:
        return np.array([[M.m[i, j] for j in range(M.cols)] for i in range(M.rows)], dtype=object).reshape(1, M.rows, M.cols)

    @staticmethod
    def apply(name: str, x: Any) -> Any:
        f = _ELEMENTWISE[name]
        return np.vectorize(f, otypes=[object])(x) if isinstance(x, np.ndarray) else f(x)

    @staticmethod
    def quotient_or(num: np.ndarray, den: np.ndarray, fallback: np.ndarray) -> np.ndarray:
        def pick(a: Any, b: Any, f: Any) -> Any:
            if b.is_zero():
                return f
            if b.contains(0):
                raise ArithmeticError("a time limit's denominator is not certainly nonzero")
            return a / b
        return elementwise(pick, num, den, fallback)

    def gram_exp_apply(self, D: np.ndarray, t: np.ndarray, v: np.ndarray) -> np.ndarray:
        E = self.gram_exp(ArbMatrix(flint.arb_mat(D[0].tolist())), t[0]).m
        n = v.shape[1]
        return np.array([[sum((E[i, j] * v[0, j] for j in range(n)), flint.arb(0)) for i in range(n)]], dtype=object)


def ball_max(*xs: Any) -> flint.arb:
    """A ball containing max(x_1, ...) for every choice of each x_i in its ball (Python's max would
    pick one ball where the comparison is undecided)."""
    xs = tuple(flint.arb(x) for x in xs)
    lo = max((x.lower() for x in xs), key=lambda v: v.mid())
    hi = max((x.upper() for x in xs), key=lambda v: v.mid())
    return lo.union(hi)


def ball_min(*xs: Any) -> flint.arb:
    """A ball containing min(x_1, ...) for every choice of each x_i in its ball."""
    return -ball_max(*(-flint.arb(x) for x in xs))


def _sqrt(x: Any) -> flint.arb:
    """sqrt of a quantity that is nonnegative by construction (a sum of squares, a squared norm, a time): the
    part of its ball below 0 is rounding, and is cut (Arb's sqrt of such a ball is indeterminate)."""
    x = flint.arb(x)
    return x.nonnegative_part().sqrt() if x.lower() < 0 and x.upper() >= 0 else x.sqrt()


def _acos(x: Any) -> flint.arb:
    """arccos of a quantity in [-1, 1] by construction (a cosine, a correlation): the part of its ball outside
    [-1, 1] is rounding, and is cut, as ``_sqrt`` cuts below 0 (Arb's acos of such a ball is indeterminate).
    arccos decreases, so the cut ball's image lies between arccos at its two (exact) ends."""
    x = flint.arb(x)
    if x.lower() >= -1 and x.upper() <= 1 or x.upper() < -1 or x.lower() > 1:
        return x.acos()
    lo, hi = flint.arb(max(x.lower(), flint.arb(-1))), flint.arb(min(x.upper(), flint.arb(1)))
    return hi.acos().union(lo.acos())


_ELEMENTWISE: dict[str, Callable[[Any], flint.arb]] = {
    "sqrt": _sqrt, "exp": lambda x: flint.arb(x).exp(), "log": lambda x: flint.arb(x).log(),
    "tanh": lambda x: flint.arb(x).tanh(), "cosh": lambda x: flint.arb(x).cosh(),
    "acos": _acos,
}


def _leading_minors_positive(A: flint.arb_mat) -> bool:
    """Sylvester's criterion, decided in Arb: every leading principal minor of the symmetric A is
    certainly positive, so A is positive definite."""
    n = A.nrows()
    for k in range(1, n + 1):
        sub = flint.arb_mat([[A[i, j] for j in range(k)] for i in range(k)])
        if not sub.det() > 0:
            return False
    return True


def _top_eigenvalue(G: flint.arb_mat) -> tuple[flint.arb, flint.arb] | None:
    """Rigorous bounds lo <= lambda_max(G) <= hi for a symmetric PSD G: mpmath's eigsy gives the top
    eigenpair to the working precision; its Rayleigh quotient, computed in Arb, is a lower bound;
    and an upper bound mu is proved by showing mu I - G positive definite (Sylvester)."""
    import mpmath

    bits = flint.ctx.prec
    with mpmath.mp.workprec(bits):
        Gm = mpmath.mp.matrix([[midpoint(mpmath.mp, G[i, j]) for j in range(G.ncols())] for i in range(G.nrows())])
        E, Q = mpmath.mp.eigsy(Gm)
        top = max(range(len(E)), key=lambda i: E[i])
        v = flint.arb_mat([[to_arb(Q[i, top])] for i in range(G.nrows())])
        lam = to_arb(E[top])
    lo = ((v.transpose() * G * v)[0, 0] / (v.transpose() * v)[0, 0]).lower()
    scale = abs(lam) + flint.arb(2) ** -bits
    n = G.nrows()
    for slack_bits in (bits - 40, bits - 80, bits // 2, 20):
        mu = (lam + scale * flint.arb(2) ** -slack_bits).upper()
        A = flint.arb_mat([[(mu if i == j else 0) - G[i, j] for j in range(n)] for i in range(n)])
        if _leading_minors_positive(A):
            return flint.arb(lo), flint.arb(mu)
    return None


def spectral_norm_ball(M: ArbMatrix) -> flint.arb:
    """A ball containing ||M|| for every matrix in the ball M. A wide ball (a path over a piece, a
    flow's tube) is its exact midpoint plus at most the Frobenius norm of its radii (the triangle
    inequality); a narrow one is enclosed directly by ``_narrow_norm``."""
    entries = [M.m[i, j] for i in range(M.rows) for j in range(M.cols)]
    if not all(x.is_finite() for x in entries):
        return flint.arb(0).union(flint.arb.pos_inf())
    spread = max(float(x.rad()) for x in entries)
    size = max(float(abs(x.mid())) for x in entries)
    if spread <= 2.0 ** -(flint.ctx.prec // 2) * max(size, 2.0 ** -(flint.ctx.prec // 2)):
        return _narrow_norm(M)
    mid = flint.arb_mat([[x.mid() for x in entries[i * M.cols:(i + 1) * M.cols]] for i in range(M.rows)])
    radius = sum((x.rad() ** 2 for x in entries), flint.arb(0)).sqrt().upper()
    centre = _narrow_norm(ArbMatrix(mid))
    lo = (centre.lower() - radius).lower()
    return max(lo, flint.arb(0), key=lambda v: v.mid()).union((centre.upper() + radius).upper())


def _narrow_norm(M: ArbMatrix) -> flint.arb:
    """A ball containing ||M|| = sqrt(lambda_max(G)), G = M^T M (or M M^T, the smaller). Arb's
    eigenvalue enclosures (``multiple=True``) first; where they are wide (repeated or clustered
    eigenvalues), a Rayleigh quotient below and a Sylvester-certified bound above; where both fail,
    the Frobenius norm above and a column norm below."""
    G = M.m.transpose() * M.m if M.cols <= M.rows else M.m * M.m.transpose()
    lo = hi = None
    try:
        eig = flint.acb_mat(G).eig(multiple=True)
        lo = max(e.real.lower() for e in eig)
        hi = max(e.real.upper() for e in eig)
        if not (lo.is_finite() and hi.is_finite()):
            lo = hi = None
    except (ValueError, ZeroDivisionError):
        pass
    tight = 2.0 ** -(flint.ctx.prec - 30)
    if lo is None or float(hi - lo) > tight * max(float(hi), 1.0):
        bounds = _top_eigenvalue(G)
        if bounds is not None:
            lo, hi = bounds
    if lo is None:
        frob = sum((G[i, i] for i in range(G.nrows())), flint.arb(0))
        col = max((sum((M.m[i, j] ** 2 for i in range(M.rows)), flint.arb(0)) for j in range(M.cols)),
                  key=lambda x: x.mid())
        lo, hi = col.lower(), frob.upper()
    lo = max(flint.arb(lo), flint.arb(0))
    hi = flint.arb(hi)
    return lo.sqrt().union(hi.sqrt()) if hi > lo else hi.sqrt()
