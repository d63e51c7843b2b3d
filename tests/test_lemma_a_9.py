"""Lemma A.9: on a family with decaying spectra, truncation to the first m coordinates converges,
and (13) bounds the gap at every m."""
import numpy as np

from proofcheck_packs.ntk_tight_2023.statements.lemma_a_9 import STATEMENT
from proofcheck.core.cases import to_witness
from proofcheck.search.evaluate import evaluate_mp


def test_truncated_product_integrals_converge_and_respect_13():
    N, d = 6, 2
    rng = np.random.default_rng(4)
    decay = 0.5 ** np.arange(N)[:, None]
    knots = np.stack([decay * rng.standard_normal((N, d)) for _ in range(2)])
    gaps = []
    for m in range(N):
        values = {"A": knots[None], "gap": np.array([[1.0]]), "T": np.array([2.0])}
        dims = {"m": m, "r": N - m, "d": d, "k": 2, "n": N, "g": 1}
        v = evaluate_mp(STATEMENT, to_witness(STATEMENT.space, dims, values), 20)
        assert v.ratio <= 1 + v.error
        gaps.append(float(v.lhs))
    assert all(b <= a * 1.0001 + 1e-15 for a, b in zip(gaps, gaps[1:])), gaps
    # the rows left out at m have sizes 2^-m .. 2^-(N-1), so the gap shrinks about as fast as 2^-m
    assert gaps[-1] < 4 * 0.5 ** (N - 1) * gaps[0], gaps
