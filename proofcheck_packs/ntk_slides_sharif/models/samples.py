"""The slides' random samples: n i.i.d. points on the sphere S^{d-1} or isotropic Gaussian vectors (the
sub-Gaussian example), drawn in float64 batches, and the maximal correlation they are measured by,
written once against the arithmetic contexts."""
from __future__ import annotations

from typing import Any

import numpy as np

from proofcheck.core.probability import Along

from proofcheck_packs.ntk_slides_sharif.models.gram import off_diagonal


def sphere(rng: np.random.Generator, count: int, n: int, d: int) -> np.ndarray:
    """``count`` samples of n i.i.d. points of Unif(S^{d-1}), shape (count, n, d)."""
    g = rng.standard_normal((count, n, d))
    return g / np.linalg.norm(g, axis=-1, keepdims=True)


def gaussian(rng: np.random.Generator, count: int, n: int, d: int) -> np.ndarray:
    """``count`` samples of n i.i.d. N(0, I_d) vectors (isotropic, mean zero, sub-Gaussian), shape (count, n, d)."""
    return rng.standard_normal((count, n, d))


def gram_batch(ctx: Any, X: Any) -> np.ndarray:
    A = ctx.as_batch(X)
    return A @ np.swapaxes(A, -1, -2)


def max_correlation(ctx: Any, X: Any) -> Any:
    """max_{i < j} |<X_i, X_j>|, a scalar result of the context."""
    return ctx.scalar_result(ctx.max_along(ctx.absolute(off_diagonal(gram_batch(ctx, X))), -1))


def max_norm(ctx: Any, X: Any) -> Any:
    """max_i ||X_i||, a scalar result of the context."""
    G = gram_batch(ctx, X)
    return ctx.scalar_result(ctx.max_along(ctx.apply("sqrt", np.diagonal(G, axis1=-2, axis2=-1)), -1))


def log_rate(ctx: Any, X: Any, delta: Any) -> Any:
    """sqrt(log(n / delta) / d) for the n x d sample X."""
    A = ctx.as_batch(X)
    n, d = A.shape[-2], A.shape[-1]
    return ctx.sqrt(ctx.apply("log", ctx.mpf(n) / delta) / ctx.mpf(d))


# The maximal-correlation statements' shared declaration: their space, their draw of a point's cases from
# a sampler, the probability they fail at a point, and the families along which the C they need is measured.
CORRELATION_DIMS = {"n": (2, 64), "d": (1, 1024)}


def correlation_draw(sample: Any) -> Any:
    """``draw(rng, point, count)`` for a point {n, d, delta_inverse}: X from ``sample(rng, count, n, d)``."""
    def draw(rng: np.random.Generator, point: dict[str, Any], count: int) -> tuple[dict[str, int], dict[str, Any]]:
        n, d = int(point["n"]), int(point["d"])
        return {"n": n, "d": d}, {"X": sample(rng, count, n, d), "delta": np.full(count, 1 / point["delta_inverse"])}
    return draw


CORRELATION_FAMILIES = (Along("d", (4, 16, 64, 256, 1024), {"n": 10, "delta_inverse": 10}),
                        Along("n", (2, 4, 8, 16, 32, 64), {"d": 64, "delta_inverse": 10}),
                        Along("delta_inverse", (2, 5, 10, 20, 50), {"n": 10, "d": 64}))


def correlation_failure(point: dict[str, Any]) -> float:
    """delta at a point."""
    return 1 / point["delta_inverse"]
