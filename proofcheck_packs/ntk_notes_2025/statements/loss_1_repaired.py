"""The quadratic loss of the linearization, repaired: the targets are the residuals at initialization.

Statement as repaired: L_hat = (1/n) sum_i (y_i - g_theta(x_i))^2 = (1/n) ||(y - f_{theta_0}(X)) - Phi Delta theta||^2,
f_{theta_0}(X) = [f_{theta_0}(x_1), ..., f_{theta_0}(x_n)]^T.
What changed and why: g_theta(x_i) = f_{theta_0}(x_i) + phi_i^T Delta theta carries the model's value at
initialization, which the printed display drops; it holds as printed only when f_{theta_0}(x_i) = 0 for every i
(an initialization the notes do not assume; the paper of Boix-Adsera and Littwin needs the same h(w0) = 0 for its
lazy-training corollary). With y replaced by the residual y - f_{theta_0}(X) the regression, the minimum-norm
solution Phi^+ (y - f_{theta_0}(X)) and the Theorem's bound hold unchanged, the Theorem's assumption then reading
||y - f_{theta_0}(X)||_2 = O(sqrt n).
Hypotheses: as loss-1.
How it is checked: as loss-1: the residual of the identity, entry by entry against the matrix form.
Kind: identity.
Place in the paper: section "NTK For Quadratic Loss"; what theorem-1 minimizes.
"""
import dataclasses

from proofcheck.core.statement import Change

from proofcheck.numerics.linalg import keep_rows, spectral_norm

from proofcheck_packs.ntk_notes_2025.statements import loss_1 as printed


def _entrywise(ctx, c):
    """(1/n) sum_i (y_i - g_theta(x_i))^2, one data point at a time: the i-th residual is the column r with its
    rows below i + 1 kept, minus it with its rows below i kept (``keep_rows``, as the contexts allow)."""
    n = ctx.rows(c.Phi)
    r = c.y - (c.f0 + c.Phi @ c.D)
    total = 0 * printed.loss_of_g(ctx, c)
    for i in range(n):
        term = spectral_norm(ctx, keep_rows(ctx, r, i + 1) - keep_rows(ctx, r, i))
        total = total + term * term
    return total / ctx.mpf(n)


def repaired_loss(ctx, c):
    """(1/n) ||(y - f_{theta_0}(X)) - Phi Delta theta||^2."""
    r = (c.y - c.f0) - c.Phi @ c.D
    s = spectral_norm(ctx, r)
    return s * s / ctx.mpf(ctx.rows(c.Phi))


def lhs(ctx, c):
    return abs(_entrywise(ctx, c) - repaired_loss(ctx, c))


def rhs(ctx, c):
    return _entrywise(ctx, c) + repaired_loss(ctx, c)


STATEMENT = dataclasses.replace(
    printed.STATEMENT, intended=None, id="loss-1:repaired", ref=f"{printed.STATEMENT.ref}, repaired",
    statement="L_hat = (1/n) sum_i (y_i - g_theta(x_i))^2 = (1/n) ||(y - f_{theta_0}(X)) - Phi Delta theta||_2^2.",
    lhs=lhs, rhs=rhs, repair_changes=(Change.BOUND,),
    notes="The targets of the regression are the residuals y - f_{theta_0}(X); the printed display is right under "
          "the unstated convention f_{theta_0} = 0 at initialization (or y read as the residual), which the notes "
          "do not state.")
