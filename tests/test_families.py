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
            dims = draw_dims(rng, statement.space, getattr(family, "sizes", None))
            values = enforce_structure(statement.space, family(rng, statement.space, dims, 16))
            for i in range(16):
                witness = to_witness(statement.space, dims, values, i)
                try:
                    check_witness(statement.space, witness)
                except WitnessError as exc:
                    pytest.fail(f"{sid}: family {name} drew a case outside the domain: {exc}")


def test_a_family_with_its_own_sizes_is_drawn_only_there_and_the_others_draw_as_before():
    space = STATEMENTS["theorem-a.8"].space
    sizes = STATEMENTS["theorem-a.8"].families["rotating_offset"].sizes
    a, b = np.random.default_rng(3), np.random.default_rng(3)
    seen = set()
    for _ in range(200):
        narrowed, plain = draw_dims(a, space, sizes), draw_dims(b, space)
        assert all(sizes[k][0] <= narrowed[k] <= sizes[k][1] for k in sizes), narrowed
        assert all(space.dims[k][0] <= v <= space.dims[k][1] for k, v in narrowed.items() if k in space.dims)
        assert {k: v for k, v in narrowed.items() if k not in sizes and k != "g"} == \
               {k: v for k, v in plain.items() if k not in sizes and k != "g"}  # the same random numbers taken
        seen |= {(narrowed["n"], narrowed["d"])}
    assert {(2, 2), (4, 4)} <= seen and all(n >= 2 and d >= 2 for n, d in seen)
    # a range outside the space's is clamped into it
    assert all(draw_dims(a, space, {"n": (9, 12)})["n"] == space.dims["n"][1] for _ in range(20))


def test_the_screen_draws_a_family_at_its_own_sizes(monkeypatch):
    from proofcheck.search import engine

    statement = STATEMENTS["theorem-a.8"]
    seen = []
    family = statement.families["rotating_offset"]

    def recorded(rng, space, dims, batch):
        seen.append((dims["n"], dims["d"]))
        return family(rng, space, dims, batch)

    recorded.sizes = family.sizes
    monkeypatch.setitem(statement.families, "rotating_offset", recorded)
    engine.search(statement, seed=0, cases=3000, confirm_count=1, dps=20)
    assert seen and all(n >= 2 and d >= 2 for n, d in seen), seen
