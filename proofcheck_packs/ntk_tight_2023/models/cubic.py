"""Cubic models where the ball matters: h(w) = h0 + J w + Q[w, w]/2 + ||w||^2 G w / 6 with w0 = 0
(G an n x p matrix), in both arithmetics (arrays with a leading batch axis).

Dh(w) = J + Q[w, .] + (2 (G w) w^T + ||w||^2 G) / 6 varies at the rate ||Q|| + ||G|| ||w||: slowly
on a small ball around w0 and without bound outside it, so Lip(Dh) and Lip(h) on the ball of
radius rho (``lip_dh_on_ball``, ``lip_h_on_ball``) differ from their global values (+infinity when
G != 0). The cubic part is C[w, w, w]/6 for the symmetric tensor
C_ijkl = (d_jk G_il + d_jl G_ik + d_kl G_ij) / 3 (C[w, w, w] = ||w||^2 G w), which is what the flows' enclosure takes
(``proofcheck.numerics.enclosed_polynomial``).

The constants, with u, v unit vectors and g(w) = ||w||^2 G w:
D^2 g(w)[u, v] = 2 (u.v) G w + 2 (w.v) G u + 2 (w.u) G v, so ||D^2 h(w)|| <= ||Q|| + ||G|| ||w|| and,
the ball being convex, Lip(Dh) on it is at most ||Q|| + rho ||G||; ||Dh(w)|| <= ||J|| + ||Q|| ||w|| +
||G|| ||w||^2 / 2, so Lip(h) on the ball is at most ||J|| + rho ||Q|| + rho^2 ||G|| / 2.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import flint
import numpy as np

from proofcheck.numerics import batch
from proofcheck.numerics.enclosed_polynomial import RadialPowerField
from proofcheck_packs.ntk_tight_2023.models.quadratic import Quadratic, lip_dh_quadratic


@dataclass
class Cubic(Quadratic):
    """h(w) = h0 + J w + Q[w, w]/2 + ||w||^2 G w / 6 around w0 = 0: G (B, n, p), the rest as
    ``Quadratic``'s."""

    G: np.ndarray = None  # type: ignore[assignment]

    def _cubic_jacobian(self, w: np.ndarray) -> np.ndarray:
        """D(||w||^2 G w / 6) = (2 (G w) w^T + ||w||^2 G) / 6."""
        Gw = np.einsum("bij,bj->bi", self.G, w)
        sq = (w * w).sum(axis=-1)
        return (2 * np.einsum("bi,bj->bij", Gw, w) + sq[:, None, None] * self.G) / 6

    def jacobian(self, w: np.ndarray) -> np.ndarray:
        return super().jacobian(w) + self._cubic_jacobian(w)

    def _cubic_part(self, w: np.ndarray) -> np.ndarray:
        """||w||^2 G w / 6."""
        return (w * w).sum(axis=-1)[:, None] * np.einsum("bij,bj->bi", self.G, w) / 6

    def nonlinear_part(self, w: np.ndarray) -> np.ndarray:
        """h(w) - hbar(w) = Q[w, w]/2 + ||w||^2 G w / 6."""
        return super().nonlinear_part(w) + self._cubic_part(w)

    def residual(self, w: np.ndarray) -> np.ndarray:
        return super().residual(w) - self.alpha[:, None] * self._cubic_part(w)

    def jacobian_and_residual(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Dh(w) and r(w) together, from one Q[w, .] and one G w: J w + Q[w, w]/2 = (J + J + Q[w, .]) w / 2 as
        for the quadratic part, and the cubic part ||w||^2 G w / 6 shares G w with its Jacobian."""
        quadratic = super().jacobian(w)
        Gw = np.einsum("bij,bj->bi", self.G, w)
        sq = (w * w).sum(axis=-1)
        D = quadratic + (2 * np.einsum("bi,bj->bij", Gw, w) + sq[:, None, None] * self.G) / 6
        h_part = np.einsum("bij,bj->bi", self.J + quadratic, w) / 2 + sq[:, None] * Gw / 6
        return D, self.r0 - self.alpha[:, None] * h_part

    def second_derivative(self, w: np.ndarray, v: np.ndarray) -> np.ndarray:
        """D^2 h(w)[v] = Q[v, .] + ((w.v) G + (G w) v^T + (G v) w^T) / 3."""
        Gw, Gv = np.einsum("bij,bj->bi", self.G, w), np.einsum("bij,bj->bi", self.G, v)
        wv = (w * v).sum(axis=-1)
        extra = (wv[:, None, None] * self.G + np.einsum("bi,bj->bij", Gw, v) + np.einsum("bi,bj->bij", Gv, w)) / 3
        return super().second_derivative(w, v) + extra

    def polynomial_field(self) -> RadialPowerField:
        """The field of flow (1) of the batch's single case, in balls, for its Arb enclosure: ||w||^2 G w / 6 is
        q^k N w with q = ||w||^2 (s = 1), k = 1 and N = G / 6, whose Dh and r cost O(n p) truncated products where
        the dense tensor C's (``CubicField``, ``cubic_tensor``) cost O(n p^3)."""
        J, Q = self.J[0].tolist(), self.Q[0].tolist()
        N = [[flint.arb(x) / 6 for x in row] for row in self.G[0].tolist()]
        return RadialPowerField(J, Q, N, list(self.r0[0]), self.alpha[0], flint.arb(1), 1)


def cubic_tensor(G: np.ndarray) -> np.ndarray:
    """C_ijkl = (d_jk G_il + d_jl G_ik + d_kl G_ij) / 3 for one G (n, p), in float64."""
    p = G.shape[1]
    I = np.eye(p)
    return (np.einsum("jk,il->ijkl", I, G) + np.einsum("jl,ik->ijkl", I, G) + np.einsum("kl,ij->ijkl", I, G)) / 3


def lip_dh_on_ball(ctx: Any, Q: np.ndarray, G: np.ndarray, rho: np.ndarray) -> np.ndarray:
    """A valid Lip(Dh) on the ball of radius rho around w0: ||Q|| (its upper bound) + rho ||G||."""
    return lip_dh_quadratic(ctx, Q)[1] + rho * batch.operator_norm(ctx, G)


def lip_h_on_ball(ctx: Any, J: np.ndarray, Q: np.ndarray, G: np.ndarray, rho: np.ndarray) -> np.ndarray:
    """A valid Lip(h) on the ball of radius rho: ||J|| + rho ||Q|| + rho^2 ||G|| / 2."""
    return (batch.operator_norm(ctx, J) + rho * lip_dh_quadratic(ctx, Q)[1]
            + rho * rho * batch.operator_norm(ctx, G) / 2)


__all__ = ["Cubic", "cubic_tensor", "lip_dh_on_ball", "lip_h_on_ball"]
