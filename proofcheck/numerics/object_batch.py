"""The batch operations the mpmath and Arb contexts share: numpy object arrays of their numbers
(a batch of one case, as the quadratic models and the network are written for batches), with the
number type's constructor, its NaN, its max and min, and its matrix type as the only differences."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from proofcheck.core.judgement import ratio


def elementwise(f: Callable[..., Any], *xs: Any) -> np.ndarray:
    """f over the entries of arrays of one shape, as an object array of that shape."""
    return np.array([f(*row) for row in zip(*(np.asarray(x).reshape(-1) for x in xs))],
                    dtype=object).reshape(np.shape(xs[0]))


class ObjectBatchOps:
    """Mixed into a context whose numbers are objects. A subclass names ``number(x)``, ``not_a_number()``,
    ``matrix_of(rows)``, ``spectral_norm`` and ``gram_exp``, and ``largest(*xs)``, ``smallest(*xs)`` where its
    numbers do not compare exactly."""

    def number(self, x: Any) -> Any:
        raise NotImplementedError

    def not_a_number(self) -> Any:
        raise NotImplementedError

    @staticmethod
    def largest(*xs: Any) -> Any:
        """The largest of exactly comparable numbers (a context of balls orders its own)."""
        return max(xs)

    @staticmethod
    def smallest(*xs: Any) -> Any:
        return min(xs)

    def matrix_of(self, rows: Any) -> Any:
        raise NotImplementedError

    def reciprocal(self, x: Any) -> Any:
        return ratio(self, 1, x)

    def minimum(self, x: Any, y: Any) -> Any:
        return elementwise(self.smallest, x, y) if isinstance(x, np.ndarray) else self.smallest(x, y)

    def maximum(self, x: Any, y: Any) -> Any:
        return elementwise(self.largest, x, y) if isinstance(x, np.ndarray) else self.largest(x, y)

    @staticmethod
    def select(condition: Any, x: Any, y: Any) -> Any:
        return x if condition else y

    def batch_scalar(self, x: Any) -> np.ndarray:
        return np.array([self.number(x)], dtype=object)

    def scalar_result(self, x: np.ndarray) -> Any:
        return self.number(x.reshape(-1)[0])

    def _filled(self, shape: tuple[int, ...], value: Any) -> np.ndarray:
        out = np.empty(shape, dtype=object)
        out.fill(value)
        return out

    def zeros(self, shape: tuple[int, ...]) -> np.ndarray:
        return self._filled(shape, self.number(0))

    def empty(self, shape: tuple[int, ...]) -> np.ndarray:
        return self._filled(shape, self.not_a_number())

    @staticmethod
    def absolute(x: np.ndarray) -> np.ndarray:
        return np.vectorize(abs, otypes=[object])(x)

    def max_along(self, x: np.ndarray, axis: int) -> np.ndarray:
        rows = np.moveaxis(x, axis, -1).reshape(-1, x.shape[axis])
        return np.array([self.largest(*row) for row in rows], dtype=object).reshape(
            np.delete(np.array(x.shape), axis).tolist())

    def operator_norms(self, M: np.ndarray) -> np.ndarray:
        flat = M.reshape((-1,) + M.shape[-2:])
        return np.array([self.spectral_norm(self.matrix_of(m.tolist())) for m in flat],  # type: ignore[attr-defined]
                        dtype=object).reshape(M.shape[:-2])

    def ratio(self, num: np.ndarray, den: np.ndarray) -> np.ndarray:
        return elementwise(lambda a, b: ratio(self, a, b), num, den)

    @staticmethod
    def as_batch(M: Any) -> np.ndarray:
        """A matrix as a batch of one case (a matrix type with ``tolist``, ``rows`` and ``cols``)."""
        return np.array(M.tolist(), dtype=object).reshape(1, M.rows, M.cols)

    @staticmethod
    def quotient_or(num: np.ndarray, den: np.ndarray, fallback: np.ndarray) -> np.ndarray:
        """num/den, and ``fallback`` where den is exactly 0 (exact numbers: a zero is a zero)."""
        return elementwise(lambda a, b, f: f if b == 0 else a / b, num, den, fallback)

    def gram_exp_apply(self, D: np.ndarray, t: np.ndarray, v: np.ndarray) -> np.ndarray:
        """exp(-D D^T t) v for a batch of one case."""
        E = self.gram_exp(self.matrix_of(D[0].tolist()), t[0])  # type: ignore[attr-defined]
        n = v.shape[1]
        return np.array([[sum(E[i, j] * v[0, j] for j in range(n)) for i in range(n)]], dtype=object)

    def from_float64(self, x: np.ndarray) -> np.ndarray:
        """A float64 batch as exact numbers (every double is a dyadic number)."""
        return np.array([[self.number(float(v)) for v in row] for row in x], dtype=object)
