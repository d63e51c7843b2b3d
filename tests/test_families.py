"""Every case family of every statement draws cases inside the statement's domain (a case outside it
would be searched, then refused as a witness: found by corollary-2.2's theta > 1)."""
import numpy as np
import pytest

from proofcheck.core.cases import WitnessError, check_witness, enforce_structure, to_witness
from proofcheck.core.registry import discover
from proofcheck.search.families import GENERIC, draw_dims

STATEMENTS = discover()


@pytest.mark.parametrize("sid", list(STATEMENTS))
def test_every_family_draws_inside_the_domain(sid):
    statement = STATEMENTS[sid]
    if statement.order is not None or statement.probability is not None:
        pytest.skip("an order or a probability is measured over seeded draws, never searched through families")
    rng = np.random.default_rng(7)
    for name, family in {**GENERIC, **statement.families}.items():
        for _ in range(3):
            dims = draw_dims(rng, statement.space)
            values = enforce_structure(statement.space, family(rng, statement.space, dims, 16))
            for i in range(16):
                witness = to_witness(statement.space, dims, values, i)
                try:
                    check_witness(statement.space, witness)
                except WitnessError as exc:
                    pytest.fail(f"{sid}: family {name} drew a case outside the domain: {exc}")
