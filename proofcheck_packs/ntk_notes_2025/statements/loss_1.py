"""The quadratic loss of the linearization (section "NTK For Quadratic Loss", first display).

Statement as printed: "Instead of minimizing the loss l(f_theta(x), y), we minimize l(g_theta(x), y) [...] If we
take the quadratic loss, L_hat = (1/n) sum_i (y_i - phi(x_i)^T Delta theta)^2 = (1/n) ||y - Phi Delta theta||_2^2
where y = [y_1, ..., y_n]^T and Delta theta = theta - theta_0. This is a linear regression problem in Delta theta."
Hypotheses: g_theta(x) = f_{theta_0}(x) + <grad_theta f_{theta_0}(x), theta - theta_0> (the notes' first display),
phi_i = grad_theta f_{theta_0}(x_i) the rows of Phi (n x p), any y in R^n, any Delta theta in R^p, and any values
f_{theta_0}(x_i) of the model at initialization (the notes assume nothing about them). The display is read as
the quadratic loss of g, the sentence before it says so: L_hat = (1/n) sum_i (y_i - g_theta(x_i))^2, claimed equal
to (1/n) ||y - Phi Delta theta||^2. (Read as a definition of L_hat, the first equality claims nothing and the
second is the definition of the norm; but then L_hat would not be the loss of g the section minimizes.) The
extraction's "phi(x) = grad_{theta_0}(x)" is read as grad_theta f_{theta_0}(x).
How it is checked: as an identity, numerically: the residual |(1/n) sum_i (y_i - g_theta(x_i))^2 - (1/n)
||y - Phi Delta theta||^2| against the size of the two losses, with the model's values f_{theta_0}(x_i) a free
vector f0 (a quadratic model's, a network's: any). It holds exactly when f_{theta_0}(x_i) = 0 for every i. The
evident intended line, the same display with the targets y - f_{theta_0}(X) (the term g carries and the display
drops), is declared as its intended reading and judged beside it by the diagnosis; whether the notes dropped the
term or silently assume f_{theta_0}(X) = 0 (an initialization they do not state), the repair is the same.
Kind: identity.
Place in the paper: section "NTK For Quadratic Loss"; the Theorem (theorem-1) bounds the minimum-norm minimizer
of this L_hat.
"""
import dataclasses

from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck.numerics.linalg import spectral_norm

SPACE = Space(dims={"n": (1, 6), "r": (0, 4), "one": (1, 1)},
              matrices=(Matrix("Phi", "n", "p"), Matrix("y", "n", "one"), Matrix("f0", "n", "one"),
                        Matrix("D", "p", "one")),
              derived={"p": ("n+r", 0)})


def _squared(ctx, v):
    s = spectral_norm(ctx, v)
    return s * s


def loss_of_g(ctx, c):
    """(1/n) sum_i (y_i - g_theta(x_i))^2, g_theta(x_i) = f_{theta_0}(x_i) + phi_i^T Delta theta."""
    return _squared(ctx, c.y - (c.f0 + c.Phi @ c.D)) / ctx.mpf(ctx.rows(c.Phi))


def printed_loss(ctx, c):
    """(1/n) ||y - Phi Delta theta||^2, as printed."""
    return _squared(ctx, c.y - c.Phi @ c.D) / ctx.mpf(ctx.rows(c.Phi))


def lhs(ctx, c):
    """|loss of g - printed L_hat|, the residual the display says is 0."""
    return abs(loss_of_g(ctx, c) - printed_loss(ctx, c))


def rhs(ctx, c):
    """The size of the two losses compared."""
    return loss_of_g(ctx, c) + printed_loss(ctx, c)


def _intended_lhs(ctx, c):
    """|loss of g - (1/n) ||(y - f0) - Phi Delta theta||^2|."""
    shifted = spectral_norm(ctx, (c.y - c.f0) - c.Phi @ c.D)
    return abs(loss_of_g(ctx, c) - shifted * shifted / ctx.mpf(ctx.rows(c.Phi)))


def _intended_rhs(ctx, c):
    shifted = spectral_norm(ctx, (c.y - c.f0) - c.Phi @ c.D)
    return loss_of_g(ctx, c) + shifted * shifted / ctx.mpf(ctx.rows(c.Phi))


PRINTED = Statement(
    id="loss-1",
    ref='Display of L_hat, section "NTK For Quadratic Loss"',
    statement="The quadratic loss of the linearization is L_hat = (1/n) sum_i (y_i - phi(x_i)^T Delta theta)^2 = "
              "(1/n) ||y - Phi Delta theta||_2^2.",
    kind="identity",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    notes="Read as the loss of g_theta, which carries f_{theta_0}(x_i); the display drops it.",
)

# the evident intended display: the targets y - f_{theta_0}(X), the term g carries (never registered)
STATEMENT = dataclasses.replace(PRINTED, intended=dataclasses.replace(
    PRINTED, id="loss-1:intended", statement="L_hat = (1/n) ||(y - f_{theta_0}(X)) - Phi Delta theta||_2^2",
    lhs=_intended_lhs, rhs=_intended_rhs, notes=""))
