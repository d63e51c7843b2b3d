"""Models nearly affine on the ball (issue 21, item 5): h(w) = h0 + J w + Q[w, w]/2 + q(w)^k N w with
q = ||w||^2 / s^2 and w0 = 0 (N an n x p matrix, s > 0 the knee, k = ``DEGREE``), in both arithmetics
(arrays with a leading batch axis).

Why this family: Proposition 1.1 assumes "h is Lip(h)-Lipschitz and Dh is Lip(Dh)-Lipschitz in a
ball of radius rho around w0" and allows "0 <= T <= alpha rho / (Lip(h) sqrt(R0))", at which w(t)
may reach sqrt(2) rho (``proposition-1.1:repaired``). A referee's model h(w) = w - (c/3)(w - rho)_+^3 is
affine on the ball and not on sqrt(2) rho: its bound is 0 and its error is not. It is not
analytic, so its flows cannot be enclosed by Taylor steps; this family is its analytic stand-in:
Dh(w) - J - Q[w, .] grows like (||w|| / s)^(2k), so going from the ball's edge (s = rho) to sqrt(2) rho
it is (sqrt 2)^(2k) = 2^k times larger, while on the ball Dh is within (2k + 1) ||N|| of J + Q[w, .].
The cubic models of ``cubic`` change only by the factor ||Q|| + ||G|| sqrt(2) rho there, too little
for the printed horizon's excursion to show.

The constants, with u, v unit vectors, phi(w) = q^k N w and r = ||w|| (the derivatives in
``proofcheck.numerics.enclosed_polynomial``'s docstring):
  D phi(w) = q^k N + (2k/s^2) q^(k-1) (N w) w^T, so ||D phi(w)|| <= q^k ||N|| + (2k/s^2) q^(k-1) ||N|| r^2
  = (2k + 1) ||N|| (r/s)^(2k); hence ||Dh(w)|| <= ||J|| + ||Q|| r + (2k + 1) ||N|| (r/s)^(2k) and,
  the ball being convex, Lip(h) on the ball of radius rho is at most
  ||J|| + rho ||Q|| + (2k + 1) ||N|| (rho/s)^(2k).
  D^2 phi(w)[u, v] = (2k/s^2) q^(k-1) ((N u)(w.v) + (N v)(w.u) + (N w)(u.v))
  + (4k(k-1)/s^4) q^(k-2) (N w)(w.u)(w.v), whose norm is at most
  ||N|| r^(2k-1) / s^(2k) (3 (2k) + 4k(k-1)) = 2k (2k + 1) ||N|| r^(2k-1) / s^(2k); hence Lip(Dh) on the
  ball is at most ||Q|| + 2k (2k + 1) ||N|| rho^(2k-1) / s^(2k).
For p = n = 1 (h = J w + Q w^2/2 + N w^(2k+1)/s^(2k)) with Q = 0 both are attained at w = rho:
h' = J + (2k+1) N (w/s)^(2k), h'' = 2k (2k+1) N w^(2k-1)/s^(2k). ||Q|| is used through its valid upper
bound (``lip_dh_quadratic``), so both constants are valid on the ball.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from proofcheck.numerics import batch
from proofcheck.numerics.enclosed_polynomial import RadialPowerField
from proofcheck_packs.ntk_tight_2023.models.quadratic import Quadratic, lip_dh_quadratic

DEGREE = 6  # k: Dh's departure from J + Q[w, .] is 2^6 = 64 times larger at sqrt(2) s than at s


@dataclass
class NearAffine(Quadratic):
    """h(w) = h0 + J w + Q[w, w]/2 + (||w||^2 / s^2)^k N w around w0 = 0: N (B, n, p), the knee
    s (B,), k an integer, the rest as ``Quadratic``'s."""

    N: np.ndarray = None  # type: ignore[assignment]
    knee: np.ndarray = None  # type: ignore[assignment]
    k: int = DEGREE

    def _q(self, w: np.ndarray) -> np.ndarray:
        """q = ||w||^2 / s^2, (B,)."""
        return (w * w).sum(axis=-1) / (self.knee * self.knee)

    def _radial_jacobian(self, w: np.ndarray) -> np.ndarray:
        """D(q^k N w) = q^k N + (2k/s^2) q^(k-1) (N w) w^T."""
        q, Nw = self._q(w), np.einsum("bij,bj->bi", self.N, w)
        low = q ** (self.k - 1)
        c = 2 * self.k * low / (self.knee * self.knee)
        return (low * q)[:, None, None] * self.N + c[:, None, None] * np.einsum("bi,bj->bij", Nw, w)

    def jacobian(self, w: np.ndarray) -> np.ndarray:
        return super().jacobian(w) + self._radial_jacobian(w)

    def _radial_part(self, w: np.ndarray) -> np.ndarray:
        """q^k N w."""
        return (self._q(w) ** self.k)[:, None] * np.einsum("bij,bj->bi", self.N, w)

    def nonlinear_part(self, w: np.ndarray) -> np.ndarray:
        """h(w) - hbar(w) = Q[w, w]/2 + q^k N w (D(q^k N w) = 0 at w0 = 0 for k >= 1)."""
        return super().nonlinear_part(w) + self._radial_part(w)

    def residual(self, w: np.ndarray) -> np.ndarray:
        return super().residual(w) - self.alpha[:, None] * self._radial_part(w)

    def jacobian_and_residual(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.jacobian(w), self.residual(w)

    def second_derivative(self, w: np.ndarray, v: np.ndarray) -> np.ndarray:
        """D^2 h(w)[v] = Q[v, .] + (2k/s^2) q^(k-1) ((w.v) N + (N w) v^T + (N v) w^T)
        + (4k(k-1)/s^4) q^(k-2) (w.v) (N w) w^T (for k = 1 the last term is 0)."""
        k, s2 = self.k, self.knee * self.knee
        q, wv = self._q(w), (w * v).sum(axis=-1)
        Nw, Nv = np.einsum("bij,bj->bi", self.N, w), np.einsum("bij,bj->bi", self.N, v)
        first = 2 * k * q ** (k - 1) / s2
        extra = first[:, None, None] * (wv[:, None, None] * self.N + np.einsum("bi,bj->bij", Nw, v)
                                        + np.einsum("bi,bj->bij", Nv, w))
        if k >= 2:
            second = 4 * k * (k - 1) * q ** (k - 2) / (s2 * s2) * wv
            extra = extra + second[:, None, None] * np.einsum("bi,bj->bij", Nw, w)
        return super().second_derivative(w, v) + extra

    def polynomial_field(self) -> RadialPowerField:
        """The field of flow (1) of the batch's single case, in balls, for its Arb enclosure."""
        return RadialPowerField(self.J[0].tolist(), self.Q[0].tolist(), self.N[0].tolist(), list(self.r0[0]),
                                self.alpha[0], self.knee[0], self.k)


def lip_dh_on_ball(ctx: Any, Q: np.ndarray, N: np.ndarray, knee: np.ndarray, k: int, rho: np.ndarray) -> np.ndarray:
    """A valid Lip(Dh) on the ball of radius rho around w0: ||Q|| (its upper bound)
    + 2k (2k + 1) ||N|| rho^(2k-1) / s^(2k) (the module's docstring derives it)."""
    x = rho / knee
    return lip_dh_quadratic(ctx, Q)[1] + 2 * k * (2 * k + 1) * batch.operator_norm(ctx, N) * x ** (2 * k - 1) / knee


def lip_h_on_ball(ctx: Any, J: np.ndarray, Q: np.ndarray, N: np.ndarray, knee: np.ndarray, k: int,
                  rho: np.ndarray) -> np.ndarray:
    """A valid Lip(h) on the ball of radius rho: ||J|| + rho ||Q|| + (2k + 1) ||N|| (rho/s)^(2k)."""
    x = rho / knee
    return (batch.operator_norm(ctx, J) + rho * lip_dh_quadratic(ctx, Q)[1]
            + (2 * k + 1) * batch.operator_norm(ctx, N) * x ** (2 * k))


__all__ = ["DEGREE", "NearAffine", "lip_dh_on_ball", "lip_h_on_ball"]
