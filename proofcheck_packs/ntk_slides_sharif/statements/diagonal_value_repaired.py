"""The diagonal of H^infinity, repaired.

Statement as repaired: for ||x_i|| = 1, H_ii^infinity = 1/2.
What changed and why: the printed 1/1 becomes 1/2: (2) at x_i^T x_i = 1 is 1 (pi - arccos 1)/(2 pi) = 1/2, the
centre the slides' own Gershgorin line uses. An identity's residual names its value, so both sides' printed 1
become 1/2 (``repaired`` keeps the space, the kind and everything else).
Hypotheses: as diagonal-value.
How it is checked: as diagonal-value, with the corrected right side.
Kind: identity.
Place in the paper: the corrected form of diagonal-value; nothing in the slides states it.
"""
import dataclasses
from functools import partial

from proofcheck.core.statement import Change, repaired
from proofcheck_packs.ntk_slides_sharif.statements.diagonal_value import STATEMENT as PRINTED, lhs, rhs

STATEMENT = dataclasses.replace(repaired(
    PRINTED, partial(rhs, constant=0.5),
    statement="For ||x_i|| = 1: H_ii^infinity = 1/2.",
    notes="(2) at x_i^T x_i = 1 is 1 (pi - arccos 1)/(2 pi) = 1/2; the slides' Gershgorin line centres its discs there.",
    constant_printed="1/2", changes=(Change.CONSTANT,)), lhs=partial(lhs, constant=0.5))
