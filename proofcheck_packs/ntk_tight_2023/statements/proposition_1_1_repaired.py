"""Proposition 1.1, repaired: what the sketch of its proof in Section 3.1 gives.

Statement as repaired: for 0 <= T <= alpha rho/(Lip(h) sqrt(R0)),
||alpha h(w(T)) - alpha hbar(wbar(T))|| <= 2 T Lip(h)^2 kappa sqrt(R0).
What changed and why: the constant 1 becomes 2. The sketch uses ||r|| <= sqrt(R0) twice, once in
(7) (proposition-1.1:step-2) and once in the weight bound ||w(t) - w0|| <= t sqrt(R0) Lip(h)/alpha
(proposition-1.1:step-3); with R(y) = ||y - y*||^2/2 both hold with sqrt(2 R0), and the product of
the two factors sqrt 2 is the 2 the audit measures. Nothing else in the statement changes; its proof
needs a radius too (``needs``): the same weight bound with sqrt(2 R0) reaches sqrt(2) rho at the printed
horizon, so the constants must hold on the ball of radius sqrt(2) rho (on the cubic models of
``training.on_the_ball`` w(t) leaves the ball of radius rho, where Dh grows past Lip(h)).
Hypotheses: as proposition-1.1.
How it is checked: as proposition-1.1.
Kind: upper bound.
Place in the paper: Section 1.2 (Theorem 2.3 of Chizat et al. 2019).
"""
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Change, repaired
from proofcheck_packs.ntk_tight_2023.statements import proposition_1_1 as printed


def rhs(ctx, c, constant=2):
    """constant T Lip(h)^2 kappa sqrt(R0) (repaired constant 2; printed 1)."""
    return printed.rhs(ctx, c, constant=constant)


STATEMENT = repaired(
    printed.STATEMENT, rhs,
    statement="||alpha h(w(T)) - alpha hbar(wbar(T))|| <= 2 T Lip(h)^2 kappa sqrt(R0) for 0 <= T <= alpha rho/(Lip(h) "
              "sqrt(R0)) (printed constant: 1).",
    notes="The printed bound with the factor sqrt 2 of each use of ||r|| <= sqrt(2 R0).",
    constant_printed="2",
    factor=2.0,
    changes=(Change.CONSTANT,),
    # the cubic models of training.on_the_ball show it: at theta = 1, w(t) reaches 1.41 rho
    needs=((Change.RADIUS, "the sketch's weight bound ||w(t) - w0|| <= t Lip(h) ||r||/alpha with ||r|| <= sqrt(2 R0) "
                           "gives sqrt(2) rho at the printed horizon, so w(t) may leave the ball of radius rho "
                           "(proposition-1.1:step-3): Lip(h) and Lip(Dh) must hold on the ball of radius sqrt(2) rho, "
                           "or the horizon shrink to alpha rho/(sqrt(2) Lip(h) sqrt(R0))"),),
    uses=("inequality-7:repaired",),
    dimensions=scaling.Dimensions("r", "2*T*Liph**2*kappa*sqrt(R0)", scaling.TRAINING, names=scaling.TRAINING_NAMES),
)
