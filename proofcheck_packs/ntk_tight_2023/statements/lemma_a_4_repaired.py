"""Lemma A.4, repaired: what its proof's steps give.

Statement as repaired: for any 0 <= t <= T, ||K_t|| <= 3 ||Dh(w(0))||^2 + 2 Lip(Dh)^2 t R0/alpha^2.
What changed and why: Lip(Dh) is squared. The proof's last line (lemma-a.4:step-3) expands
(||Dh(w(t)) - Dh(w(0))|| + ||Dh(w(0))||)^2 with Lemma A.3's ||Dh(w(t)) - Dh(w(0))|| <=
Lip(Dh) sqrt(t R0)/alpha, and (a + b)^2 <= 2a^2 + 2b^2 gives 2 Lip(Dh)^2 t R0/alpha^2; the symbolic
scaling audit predicts the missing power (a mismatch of Lip(Dh)^1 under every symmetry). The
lemma's ||K_t|| = ||Dh(w(t))||^2 <= 2 ||Dh(w(0))||^2 + 2 Lip(Dh)^2 t R0/alpha^2 is then within the bound.
Hypotheses: as lemma-a.4.
How it is checked: as lemma-a.4.
Kind: upper bound.
Place in the paper: Appendix A.3; Lemma A.6 uses only that K_t is bounded.
"""
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Change, repaired
from proofcheck_packs.ntk_tight_2023.statements import lemma_a_4 as printed
from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck.numerics import batch


def rhs(ctx, c, constant=2):
    """3 ||Dh(w0)||^2 + constant Lip(Dh)^2 T R0 / alpha^2."""
    T = batch.scalar(ctx, c.T)
    m = training.model(ctx, c)
    d0 = training.jacobian_norm(ctx, c)
    lip = training.lip_dh(ctx, c)
    return batch.result(ctx, 3 * d0 * d0 + constant * lip * lip * T * training.R0(ctx, c) / (m.alpha * m.alpha))


STATEMENT = repaired(
    printed.STATEMENT, rhs,
    statement="For any 0 <= t <= T: ||K_t|| <= 3 ||Dh(w(0))||^2 + 2 Lip(Dh)^2 t R0/alpha^2 (printed: Lip(Dh)).",
    notes="The printed bound with Lip(Dh) squared, as (a + b)^2 <= 2a^2 + 2b^2 gives it.",
    constant_printed="2 Lip(Dh)^2",
    changes=(Change.BOUND,),
    uses=("lemma-a.3",),
    dimensions=scaling.Dimensions("K", "3*Dh0**2 + 2*LipDh**2*T*R0/alpha**2", scaling.TRAINING,
                                  names=scaling.TRAINING_NAMES),
)
