"""The arithmetic contexts a statement is evaluated in, each carrying its operations (as mpmath's
contexts do), so that a helper calls ``ctx.op(...)`` and never asks which context it has:

* ``F64``: batched IEEE double. Matrices are arrays of shape (B, rows, cols); scalars have shape
  (B, 1, 1) so that they broadcast against matrices. Used for screening and optimization.
* ``MP``: mpmath's multiprecision context, at whatever precision the caller scoped with
  ``MP.workdps``. Matrices are ``mpmath.matrix``; scalars ``mpf``. Used for confirmation.
* ``proofcheck.numerics.arb.ArbContext``: Arb ball arithmetic, for certification.

The operations every context has: ``sqrt``, ``exp``, ``log``, ``tanh``, ``mpf``, ``inf``, ``isinf``;
matrices: ``rows``, ``keep_rows``, ``transpose``, ``identity``, ``psd_exp``, ``gram_exp``, ``spectral_norm``,
``reciprocal``, ``minimum``, ``maximum``, ``select``; batches of models (numpy arrays with a
leading batch axis, of float64 or of mpf objects): ``as_batch``, ``batch_scalar``,
``scalar_result``, ``apply``, ``zeros``, ``absolute``, ``max_along``, ``operator_norms``,
``ratio``, ``quotient_or``, ``from_float64``, ``gram_exp_apply``. ``refines`` says whether
discretizations refine to a tolerance in this context (multiprecision) or keep their first level
(screening).
"""
from __future__ import annotations

from typing import Any, Callable

import flint
import mpmath
import numpy as np

from proofcheck.core.judgement import ratio_array
from proofcheck.numerics.arb import arb_prec, midpoint, midpoint_matrix, to_arb, to_arb_mat
from proofcheck.numerics.object_batch import ObjectBatchOps
from proofcheck.numerics import quadrature

ARB_GUARD_BITS = 20

# exp(-x) for x beyond this is 0 at every precision the checker uses (e^-1e15 has 4e14 zero digits),
# and mpmath's exp would exhaust memory computing it.
MP_DECAY_CUTOFF = 1e15

# Where a discretization refines (product integrals, path integrals, flows), it stops when its error
# estimate is below the context's tolerance: a confirmation asks 1e-12 of mpmath; a quick re-ranking
# uses a context with a looser one. Float64 flows step-halve to 1e-11 (their rounding allows no more).
F64_TOLERANCE = 1e-11
MP_TOLERANCE = 1e-12


def _finite_batch(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """M with non-finite batch entries zeroed, and the mask of those entries (LAPACK's batched
    routines fail the whole batch on one inf or nan; the engine treats such cases as unreliable)."""
    bad = ~np.isfinite(M).all(axis=(-2, -1))
    return (np.where(bad[..., None, None], 0.0, M) if bad.any() else M), bad


def _mark(result: np.ndarray, bad: np.ndarray) -> np.ndarray:
    return np.where(bad[..., None, None], np.nan, result) if bad.any() else result


def _inverse_f64(M: np.ndarray) -> np.ndarray:
    """M^{-1} for each matrix of a batch; NaN for a singular one (the others unaffected)."""
    M, bad = _finite_batch(M)
    try:
        return _mark(np.linalg.inv(M), bad)
    except np.linalg.LinAlgError:  # one singular matrix fails the batch: invert one by one
        out = np.full(M.shape, np.nan)
        for i in np.ndindex(M.shape[:-2]):
            try:
                out[i] = np.linalg.inv(M[i])
            except np.linalg.LinAlgError:
                pass
        return _mark(out, bad)


def _decay(lam: np.ndarray, t: np.ndarray) -> np.ndarray:
    """exp(-lambda t) with exp(-0 * inf) = 1 (a zero eigenvalue is never decayed, however long t)."""
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where(lam == 0, 1.0, np.exp(-lam * t))


class Float64Batch:
    """Batched float64 arithmetic with the names of mpmath's context API."""

    name = "float64"
    encloses = False  # values are approximations; discretizations carry error estimates
    inf = np.inf
    e = np.e
    pi = np.pi
    refines = False
    tolerance = F64_TOLERANCE

    sqrt = staticmethod(np.sqrt)
    integral = quadrature.f64_integral  # one-dimensional integrals (proofcheck.numerics.quadrature)
    log = staticmethod(np.log)
    tanh = staticmethod(np.tanh)
    isinf = staticmethod(np.isinf)

    @staticmethod
    def exp(x: Any) -> Any:
        # e^x past 709 is +inf, as the statements expect: the overflow is not worth a warning
        with np.errstate(over="ignore"):
            return np.exp(x)

    @staticmethod
    def mpf(x: Any) -> float:
        return float(x)

    # matrices (B, r, c)
    @staticmethod
    def rows(M: np.ndarray) -> int:
        return M.shape[-2]

    @staticmethod
    def transpose(M: np.ndarray) -> np.ndarray:
        return np.swapaxes(M, -1, -2)

    @staticmethod
    def identity(n: int, like: Any = None) -> np.ndarray:
        batch = 1 if like is None else np.shape(like)[0]
        return np.broadcast_to(np.eye(n), (batch, n, n)).copy()

    @staticmethod
    def psd_exp(K: np.ndarray, t: Any) -> np.ndarray:
        # K is PSD by hypothesis: a computed eigenvalue below 0 is rounding and is taken as 0
        K, bad = _finite_batch(0.5 * (K + np.swapaxes(K, -1, -2)))
        w, V = np.linalg.eigh(K)
        decay = _decay(np.clip(w, 0.0, None), np.reshape(t, (-1, 1)))
        return _mark((V * decay[:, None, :]) @ np.swapaxes(V, -1, -2), bad)

    @staticmethod
    def gram_exp(X: np.ndarray, t: Any) -> np.ndarray:
        X, bad = _finite_batch(X)
        U, s, _ = np.linalg.svd(X, full_matrices=True)
        n, k = U.shape[-1], s.shape[-1]
        decay = np.ones(U.shape[:-2] + (n,))
        decay[..., :k] = _decay(s**2, np.reshape(t, (-1, 1)))
        return _mark((U * decay[..., None, :]) @ np.swapaxes(U, -1, -2), bad)

    @staticmethod
    def spectral_norm(M: np.ndarray) -> np.ndarray:
        # sqrt of the top eigenvalue of M^T M (or M M^T): relative accuracy about eps for the top
        # singular value, at half the cost of a batched SVD; M is scaled by its largest entry
        # first so that the Gram matrix neither overflows nor underflows.
        M, bad = _finite_batch(M)
        scale = np.max(np.abs(M), axis=(-2, -1), keepdims=True)
        unit = M / np.where(scale == 0, 1.0, scale)
        G = np.swapaxes(unit, -1, -2) @ unit if M.shape[-1] <= M.shape[-2] else unit @ np.swapaxes(unit, -1, -2)
        top = np.sqrt(np.maximum(np.linalg.eigvalsh(G)[..., -1], 0.0)) * scale[..., 0, 0]
        return np.reshape(np.where(bad, np.nan, top), (-1, 1, 1))

    @staticmethod
    def inverse(M: np.ndarray) -> np.ndarray:
        """M^{-1} per matrix of a batch, NaN where singular."""
        return _inverse_f64(M)

    @staticmethod
    def pseudoinverse(M: np.ndarray) -> np.ndarray:
        M, bad = _finite_batch(M)
        return _mark(np.linalg.pinv(M, rcond=0.0), bad)  # SVD-based, every singular value inverted

    @staticmethod
    def smallest_singular_value(M: np.ndarray) -> np.ndarray:
        # the batched SVD: absolute error about eps ||M||, where the Gram matrix's eigenvalues lose eps ||M||^2
        M, bad = _finite_batch(M)
        low = np.linalg.svd(M, compute_uv=False)[..., -1]
        return np.reshape(np.where(bad, np.nan, low), (-1, 1, 1))

    @staticmethod
    def keep_rows(X: np.ndarray, m: int) -> np.ndarray:
        out = X.copy()
        out[..., m:, :] = 0.0
        return out

    @staticmethod
    def reciprocal(x: Any) -> Any:
        return ratio_array(np.ones_like(x, dtype=float), x)

    minimum = staticmethod(np.minimum)
    maximum = staticmethod(np.maximum)
    select = staticmethod(np.where)

    @staticmethod
    def difference_step() -> float:
        return 1e-5

    # batches of models: arrays with a leading batch axis
    @staticmethod
    def as_batch(M: Any) -> np.ndarray:
        return np.asarray(M)

    @staticmethod
    def batch_scalar(x: Any) -> np.ndarray:
        return np.asarray(x, dtype=float).reshape(-1)

    @staticmethod
    def scalar_result(x: np.ndarray) -> np.ndarray:
        return np.asarray(x, dtype=float).reshape(-1, 1, 1)

    def apply(self, name: str, x: Any) -> Any:
        # exp is the context's own (overflow to +inf without a warning); the rest are numpy's, with
        # no errstate's cost in the flows' inner loop
        return self.exp(x) if name == "exp" else getattr(np, name)(x)

    @staticmethod
    def zeros(shape: tuple[int, ...]) -> np.ndarray:
        return np.zeros(shape)

    @staticmethod
    def empty(shape: tuple[int, ...]) -> np.ndarray:
        return np.full(shape, np.nan)

    absolute = staticmethod(np.abs)

    @staticmethod
    def max_along(x: np.ndarray, axis: int) -> np.ndarray:
        return np.max(x, axis=axis)

    def operator_norms(self, M: np.ndarray) -> np.ndarray:
        return self.spectral_norm(M.reshape((-1,) + M.shape[-2:])).reshape(M.shape[:-2])

    ratio = staticmethod(ratio_array)

    @staticmethod
    def quotient_or(num: np.ndarray, den: np.ndarray, fallback: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.where(den == 0, fallback, num / np.where(den == 0, 1.0, den))

    @staticmethod
    def from_float64(x: np.ndarray) -> np.ndarray:
        return x

    def gram_exp_apply(self, D: np.ndarray, t: np.ndarray, v: np.ndarray) -> np.ndarray:
        return np.einsum("bij,bj->bi", self.gram_exp(D, t), v)


F64 = Float64Batch()


class NotConverged(ArithmeticError):
    """mpmath's SVD or symmetric eigensolver stopped at its iteration limit: the case cannot be
    evaluated at these digits, as an overflow cannot (callers set it aside)."""


def _converged(decomposition: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """mpmath's decomposition, its RuntimeError on non-convergence ("svd: no convergence to an
    eigenvalue after 60 iterations") raised as the arithmetic failure it is."""
    try:
        return decomposition(*args, **kwargs)
    except RuntimeError as exc:
        raise NotConverged(f"mpmath: {exc}") from None


class MpContext(ObjectBatchOps):
    """mpmath's context ``mpmath.mp`` with the operations of ``Float64Batch``; everything else
    (``mpf``, ``matrix``, ``workdps``, ``dps``, ...) is mpmath's own."""

    name = "mpmath"
    encloses = False
    refines = True

    integral = quadrature.mp_integral  # one-dimensional integrals (proofcheck.numerics.quadrature)

    def __init__(self, mp: Any = mpmath.mp, tolerance: float = MP_TOLERANCE):
        self._mp = mp
        self.tolerance = tolerance

    # what the shared batch operations (ObjectBatchOps) need: mpmath's numbers (max and min are theirs)
    def number(self, x: Any) -> Any:
        return self._mp.mpf(x)

    def not_a_number(self) -> Any:
        return self._mp.nan

    def matrix_of(self, rows: Any) -> Any:
        return self._mp.matrix(rows)

    def with_tolerance(self, tolerance: float) -> "MpContext":
        """The same context with discretizations refined only to ``tolerance``."""
        return MpContext(self._mp, tolerance)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._mp, name)

    @property
    def dps(self) -> int:
        return self._mp.dps

    @property
    def prec(self) -> int:
        return self._mp.prec

    # matrices (mpmath.matrix)
    @staticmethod
    def rows(M: Any) -> int:
        return M.rows

    @staticmethod
    def transpose(M: Any) -> Any:
        return M.T

    def identity(self, n: int, like: Any = None) -> Any:
        return self._mp.eye(n)

    def _decay(self, x: Any) -> Any:
        """exp(-x) for x >= 0, 0 past MP_DECAY_CUTOFF."""
        return self._mp.mpf(0) if x > MP_DECAY_CUTOFF else self._mp.exp(-x)

    def _arb_exp(self, kernel: Callable[[], Any], t: Any) -> Any:
        """exp(-t K) by Arb's matrix exponential at the context's precision plus ARB_GUARD_BITS, K built
        in Arb from the exact inputs (so its rounding is inside the ball too); None when the ball is
        wider than the context's own rounding (large t ||K||), for the caller's decomposition to take
        over. Several times faster than mpmath's eigsy or svd_r at 20-100 digits.

        Where the first ball is too wide, once more at twice the bits: large t ||K|| costs Arb's scaling
        and squaring bits, not digits of the answer, and the second try (3-10 ms on 7x7 at 20 digits) is
        still well under the decomposition's 60 ms. A growing exponential (t < 0) is judged as the
        decomposition's is, relative to its largest entry."""
        for bits in (self.prec + ARB_GUARD_BITS, 2 * self.prec + ARB_GUARD_BITS):
            with arb_prec(bits):
                E = (kernel() * (-to_arb(self._mp.mpf(t)))).exp()
                out, radius = midpoint_matrix(self._mp, E)
            if radius == float("inf"):  # some entry is not a finite ball
                continue
            size = max((abs(out[i, j]) for i in range(out.rows) for j in range(out.cols)), default=1)
            if radius <= self._mp.ldexp(max(self._mp.mpf(1), size), -self.prec):
                return out
        return None

    def psd_exp(self, K: Any, t: Any) -> Any:
        fast = self._arb_exp(lambda: to_arb_mat(K), t)
        if fast is not None:
            return fast
        E, Q = _converged(self._mp.eigsy, K)
        D = self._mp.matrix(K.rows, K.rows)
        for i in range(K.rows):
            D[i, i] = self._decay(t * max(E[i], 0))
        return Q * D * Q.T

    def gram_exp(self, X: Any, t: Any) -> Any:
        fast = self._arb_exp(lambda: (lambda A: A * A.transpose())(to_arb_mat(X)), t)
        if fast is not None:
            return fast
        U, S, _ = _converged(self._mp.svd_r, X, full_matrices=True, compute_uv=True)
        D = self._mp.eye(X.rows)
        for i in range(min(X.rows, X.cols)):
            D[i, i] = self._decay(t * S[i] ** 2)
        return U * D * U.T

    def spectral_norm(self, M: Any) -> Any:
        if M.rows == 0 or M.cols == 0:
            return self._mp.mpf(0)
        fast = self._arb_norm(M)
        return fast if fast is not None else max(_converged(self._mp.svd_r, M, compute_uv=False))

    def _arb_norm(self, M: Any) -> Any:
        """sqrt of the top of Arb's eigenvalue enclosures of M^T M (or M M^T, the smaller), at the context's
        precision plus ARB_GUARD_BITS, where they pin it closer than the context's rounding; None otherwise
        (clustered or non-finite: the SVD takes over, as Arb's slower certified fallbacks cost more than it).
        5-10 times faster than mpmath's svd_r at 20-50 digits on 4x4 to 16x16."""
        with arb_prec(self.prec + ARB_GUARD_BITS):
            try:
                A = to_arb_mat(M)
                G = A.transpose() * A if M.cols <= M.rows else A * A.transpose()
                eig = flint.acb_mat(G).eig(multiple=True)
            except (ValueError, ZeroDivisionError):  # a non-finite entry, or Arb's eigensolver did not converge
                return None
            # the endpoints are exact numbers, so max compares them exactly
            lo, hi = max(e.real.lower() for e in eig), max(e.real.upper() for e in eig)
            if not (lo.is_finite() and hi.is_finite()) or hi - lo > (abs(hi) * 2.0 ** -self.prec).upper():
                return None
            top = (lo + hi) / 2
            if top.mid() <= 0:  # a zero matrix, or one whose norm squared is below the rounding
                return self._mp.mpf(0)
            root = top.mid().sqrt()
        return midpoint(self._mp, root)
    def inverse(self, M: Any) -> Any:
        return self._mp.inverse(M)

    def smallest_singular_value(self, M: Any) -> Any:
        from proofcheck.numerics.pseudoinverse import accurate_in_arb
        return accurate_in_arb(self._mp, lambda arb, A: arb.smallest_singular_value(A), M)

    def pseudoinverse(self, M: Any) -> Any:
        from proofcheck.numerics.pseudoinverse import accurate_in_arb, pseudoinverse_formula
        return accurate_in_arb(self._mp, pseudoinverse_formula, M)

    @staticmethod
    def keep_rows(X: Any, m: int) -> Any:
        out = X.copy()
        for i in range(m, X.rows):
            for j in range(X.cols):
                out[i, j] = 0
        return out

    def difference_step(self) -> Any:
        return self._mp.mpf(10) ** (-(self.dps // 3))

    # batches of models: numpy object arrays of mpf with a batch of one case (ObjectBatchOps)
    def apply(self, name: str, x: Any) -> Any:
        f = getattr(self._mp, name)
        return np.vectorize(f, otypes=[object])(x) if isinstance(x, np.ndarray) else f(x)


MP = MpContext()

