"""Lemma A.4 (Appendix A.2): the kernel stays bounded.

Statement as printed: For any 0 <= t <= T: ||K_t|| <= 3 ||Dh(w(0))||^2 + 2 Lip(Dh) t R0/alpha^2.
Hypotheses: any t >= 0 (searched as T); trained quadratic models, Lip(Dh) through the valid constant
of ``proofcheck_packs.ntk_tight_2023.models.training`` (exact for n = 1).
How it is checked: K_T = Dh(w(T)) Dh(w(T))^T from the integrated flow. Checked as printed: the
proof's last line expands (||Dh(w(t)) - Dh(w(0))|| + ||Dh(w(0))||)^2 with Lemma A.3, which gives
Lip(Dh)^2 t R0/alpha^2, not Lip(Dh) t R0/alpha^2, so the printed bound is not scale-consistent
(Lip(Dh) -> s Lip(Dh) with s large). A sympy step records that expansion.
Kind: upper bound.
Place in the paper: Appendix A.2; Theorem A.8 needs only that K_t is bounded.
"""
import sympy as sp

from proofcheck.numerics import batch

from proofcheck_packs.ntk_tight_2023.models import training
from proofcheck_packs.ntk_tight_2023.models.families import QUADRATIC_FAMILIES
from proofcheck_packs.ntk_tight_2023 import dimensions as scaling
from proofcheck.core.statement import Scalar, ScaleFamily, Statement
from proofcheck.core.proof import Step
from proofcheck.core.symbolic import check_le

SPACE = training.quadratic_space(Scalar("T", open_low=True))


def lhs(ctx, c):
    """||K_T||."""
    T = batch.scalar(ctx, c.T)
    traj = training.trajectory(ctx, c, T)
    m = traj.model
    return traj.estimate(lambda s: batch.operator_norm(ctx, batch.gram(m.jacobian(training.end(s, "w")))))


def rhs(ctx, c, constant=2):
    """3 ||Dh(w0)||^2 + constant Lip(Dh) T R0 / alpha^2 (the printed constant: 2)."""
    T = batch.scalar(ctx, c.T)
    m = training.model(ctx, c)
    d0 = training.jacobian_norm(ctx, c)
    return batch.result(ctx, 3 * d0 * d0 + constant * training.lip_dh(ctx, c) * T * training.R0(ctx, c) / (m.alpha * m.alpha))


def symbolic(rng):
    d, L, x = sp.symbols("D0 Lip x", nonnegative=True)  # x = sqrt(t R0)/alpha
    proof = check_le("the proof's expansion: (Lip x + D0)^2 + D0^2 <= 3 D0^2 + 2 Lip^2 x^2", "proof step",
                     (L * x + d) ** 2 + d**2, 3 * d**2 + 2 * L**2 * x**2, {d: (0, 10), L: (0, 10), x: (0, 10)}, rng,
                     detail="(a + b)^2 <= 2a^2 + 2b^2; the square lands on Lip(Dh), which the printed bound drops.")
    printed = check_le("the printed last step: (Lip x + D0)^2 + D0^2 <= 3 D0^2 + 2 Lip x^2", "proof step",
                       (L * x + d) ** 2 + d**2, 3 * d**2 + 2 * L * x**2, {d: (0, 10), L: (0, 10), x: (0, 10)}, rng)
    return [proof, printed]


# The proof, Appendix A.3. It bounds ||K_t - K_0||; the lemma states ||K_t||.
PLACE = "Appendix A.3, proof of Lemma A.4"


def _squares(ctx, c):
    """||Dh(w(t))||^2 + ||Dh(w(0))||^2."""
    traj = training.trained(ctx, c)
    m = traj.model
    d0 = training.jacobian_norm(ctx, c)
    return traj.estimate(lambda s: batch.operator_norm(ctx, m.jacobian(training.end(s, "w"))) ** 2 + d0 * d0)


def _expanded(ctx, c):
    """(||Dh(w(t)) - Dh(w(0))|| + ||Dh(w(0))||)^2 + ||Dh(w(0))||^2."""
    traj = training.trained(ctx, c)
    m = traj.model
    d0 = training.jacobian_norm(ctx, c)
    return traj.estimate(lambda s: (batch.operator_norm(ctx, m.jacobian(training.end(s, "w")) - m.jacobian(m.w0)) + d0) ** 2
                         + d0 * d0)


def growing_lip(witness, s):
    """Lip(Dh) = s on the scalar model h(w) = w + s w^2/2 (J = 1, r0 = 1, alpha = 10, T = 1/100): the flow
    moves w by up to sqrt(T R0)/alpha, so ||Dh(w(T))||^2 reaches Lip(Dh)^2 T R0/alpha^2 while the printed
    bound charges Lip(Dh) T R0/alpha^2 (the witness found is not used: the family is the same whichever
    seed found a violation)."""
    return {"dims": {"n": 1, "p": 1, "one": 1},
            "values": {"J": [["1.0"]], "Q": [[[repr(float(s))]]], "r0": [["1.0"]], "alpha": "10.0", "T": "0.01"}}


PROOF = (
    Step("line 1", "||K_t - K_0|| = ||Dh(w(t)) Dh(w(t))^T - Dh(w(0)) Dh(w(0))^T|| <= ||Dh(w(t))||^2 + ||Dh(w(0))||^2",
         f"{PLACE}, display line 1", kind="upper", lhs=lambda ctx, c: training.kernel_change(ctx, training.trained(ctx, c)),
         rhs=_squares),
    Step("line 2", "<= (||Dh(w(t)) - Dh(w(0))|| + ||Dh(w(0))||)^2 + ||Dh(w(0))||^2", f"{PLACE}, display line 2",
         kind="upper", lhs=_squares, rhs=_expanded),
    Step("line 3", "<= 3 ||Dh(w(0))||^2 + 2 Lip(Dh) t R0/alpha^2 (by Lemma A.3)", f"{PLACE}, display line 3",
         kind="upper", lhs=_expanded, rhs=rhs, uses=("lemma-a.3",),
         reading="Lemma A.3 gives ||Dh(w(t)) - Dh(w(0))|| <= Lip(Dh) sqrt(t R0)/alpha; (a + b)^2 <= 2a^2 + 2b^2 then "
                 "gives 2 Lip(Dh)^2 t R0/alpha^2, and the line prints Lip(Dh) to the first power."),
)

STATEMENT = Statement(
    id="lemma-a.4",
    ref="Lemma A.4, Appendix A.2",
    statement="For any 0 <= t <= T: ||K_t|| <= 3 ||Dh(w(0))||^2 + 2 Lip(Dh) t R0/alpha^2.",
    kind="upper",
    space=SPACE,
    lhs=lhs,
    rhs=rhs,
    symbolic=symbolic,
    families=QUADRATIC_FAMILIES,
    uses=("lemma-a.3",),
    constant_printed="2 Lip(Dh)",
    constant_proof="2 Lip(Dh)^2",
    notes="Trained quadratic models; Lip(Dh) through a valid constant, exact for n = 1.",
    proof=PROOF,
    dimensions=scaling.Dimensions("K", "3*Dh0**2 + 2*LipDh*T*R0/alpha**2", scaling.TRAINING, names=scaling.TRAINING_NAMES),
    scale_families=(ScaleFamily("Lip(Dh) (Q on the scalar model, J = 1, alpha = 10, T = 1/100)", growing_lip,
                                tuple(10.0 ** (k / 2) for k in range(0, 9))),),
)
