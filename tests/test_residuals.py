"""An identity's stable nonzero residual is violated in mpmath (proofcheck.search.residuals), and nothing else
changes: a true identity still holds, a bound is not touched."""
import dataclasses

from proofcheck.core.judgement import CaseStatus
from proofcheck.core.statement import Matrix, Space, Statement
from proofcheck.numerics.linalg import spectral_norm
from proofcheck.search.certify import certify
from proofcheck.search.confirm import confirm
from proofcheck.search.residuals import residual_status

SPACE = Space(dims={"n": (1, 1)}, matrices=(Matrix("X", "n", "n"),))
# "||X|| = 1": an identity true only at |x| = 1
UNIT = Statement(id="unit-norm", ref="test", statement="||X|| = 1", kind="identity", space=SPACE,
                 lhs=lambda ctx, c: abs(spectral_norm(ctx, c.X) - 1), rhs=lambda ctx, c: spectral_norm(ctx, c.X))


def _case(x):
    return {"statement": UNIT.id, "dims": {"n": 1}, "values": {"X": [[x]]}}


def test_a_false_identity_is_violated_in_mpmath_as_arb_certifies():
    c = confirm(UNIT, _case("1.5"), 30)
    assert c.status is CaseStatus.VIOLATED
    assert certify(UNIT, _case("1.5")).status == "certified violation"


def test_a_true_identity_still_holds():
    assert confirm(UNIT, _case("-1"), 30).status is CaseStatus.HOLDS


def test_only_a_stable_residual_above_the_allowance_is_violated():
    class V:  # the two precisions' values, as MpValue carries them
        def __init__(self, dps, lhs, rhs, error=0):
            self.dps, self.lhs, self.rhs, self.error = dps, lhs, rhs, error

    import mpmath
    stable = (V(30, mpmath.mpf("0.5"), mpmath.mpf("1e-20")), V(60, mpmath.mpf("0.5"), mpmath.mpf("1e-50")))
    assert residual_status(UNIT, *stable, CaseStatus.BOUNDARY) is CaseStatus.VIOLATED
    shrinking = (V(30, mpmath.mpf("1e-25"), mpmath.mpf("1e-20")), V(60, mpmath.mpf("1e-55"), mpmath.mpf("1e-50")))
    assert residual_status(UNIT, *shrinking, CaseStatus.BOUNDARY) is CaseStatus.BOUNDARY
    estimated = (V(30, mpmath.mpf("0.5"), mpmath.mpf("1e-20"), 1e-3), V(60, mpmath.mpf("0.5"), mpmath.mpf("1e-50"), 1e-3))
    assert residual_status(UNIT, *estimated, CaseStatus.BOUNDARY) is CaseStatus.BOUNDARY
    bound = dataclasses.replace(UNIT, kind="upper")
    assert residual_status(bound, *stable, CaseStatus.BOUNDARY) is CaseStatus.BOUNDARY
