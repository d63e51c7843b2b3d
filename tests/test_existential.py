"""Existential constants checked as uniformity claims: a family inside the hypotheses along which
LHS / (the rest of the bound) grows, certified at its points, refutes "there is C depending only on
K"; the same family with the hypothesis the argument needs names it when it stays bounded there."""
import dataclasses
import json

import pytest

from proofcheck.app.existential_diagnosis import existential_diagnosis, existential_findings
from proofcheck.core.registry import resolve
from proofcheck.core.results import to_dict
from proofcheck.core.statement import Uniformity
from proofcheck.core.verdicts import verdict_of
from proofcheck.numerics.linalg import spectral_norm
from proofcheck.core.cases import witness_values
from proofcheck.search.evaluate import sides_f64
from proofcheck.search.existential import check_family

SCALES = tuple(2.0 ** k for k in range(0, 9))


def _x(s, t="1e-6"):
    return {"dims": {"n": 1, "d": 1}, "values": {"X": [[repr(float(s))]], "t": t}}


def _planted(inside_scale):
    # Claim 3's left side ||X e^{-X^T X t}|| against g = e^{-||X||^2 t}: the ratio is ||X||, which grows
    # along X = s; the same family inside ||X|| <= 1 (X = inside_scale(s)) is bounded or grows as planted
    claim_3 = resolve("claim-3")
    family = Uniformity("the size of X", "t = 1e-6", _x, SCALES,
                        normalizer=lambda ctx, c: ctx.exp(-spectral_norm(ctx, c.X) ** 2 * c.t),
                        inside=lambda s: _x(inside_scale(s)), needs="||X|| <= 1")
    return claim_3, family


def test_a_planted_missing_hypothesis_is_found_certified_and_named():
    statement, family = _planted(lambda s: 1 / s)
    found = check_family(statement, family)
    assert found.grows and found.refutes and found.exponent.value == pytest.approx(1, abs=1e-3)
    assert found.inside_grows is False and found.missing_hypothesis
    verdict, reason = verdict_of([], [], [found])
    assert verdict == "violated" and "no constant depending only on t = 1e-6" in reason
    assert verdict_of([], [], [to_dict(found)]) == (verdict, reason)  # read back from a report, the same verdict
    d = existential_diagnosis(to_dict(found))
    assert d.klass == "missing-hypothesis" and d.hypothesis == "||X|| <= 1" and d.shrunk_certified


def test_growth_inside_the_hypothesis_too_is_not_a_missing_hypothesis():
    statement, family = _planted(lambda s: s)
    found = check_family(statement, family)
    assert found.refutes and found.inside_grows is True and not found.missing_hypothesis
    assert existential_diagnosis(to_dict(found)).klass == "missing-factor"


def test_over_two_refuting_families_the_growth_no_hypothesis_stops_decides():
    statement, family = _planted(lambda s: 1 / s)
    fixable = to_dict(check_family(statement, family))
    persistent = to_dict(check_family(*_planted(lambda s: s)))
    for order in ((fixable, persistent), (persistent, fixable)):
        d = existential_findings(list(order))
        assert d.klass == "missing-factor" and "also along" in d.evidence and "missing-hypothesis" in d.evidence


def test_a_bounded_family_refutes_nothing_and_an_uncertified_growth_leaves_it_inconclusive():
    statement, family = _planted(lambda s: 1 / s)
    bounded = check_family(statement, dataclasses.replace(family, cases=lambda s: _x(1 / s)))
    assert not bounded.grows and verdict_of([], [], [bounded]) == verdict_of([], [])
    uncertifiable = dataclasses.replace(statement, not_certified="planted: no enclosure")
    found = check_family(uncertifiable, family)
    assert found.grows and not found.refutes
    assert verdict_of([], [], [found])[0] == "inconclusive"


def test_a_family_point_outside_the_hypotheses_is_refused():
    statement, family = _planted(lambda s: 1 / s)
    found = check_family(statement, dataclasses.replace(family, within=lambda w: ["planted"] if float(
        w["values"]["X"][0][0]) > 8 else []))
    assert [r is None for r in found.ratios] == [False] * 4 + [True] * 5 and len(found.refused) == 5


@pytest.mark.slow
def test_corollary_2_2_grows_like_alpha_squared_without_h_w0_0_and_stays_bounded_with_it():
    statement = resolve("corollary-2.2")
    claim = statement.existential[0]
    found = check_family(statement, claim, certify_points=False)
    assert found.grows and found.exponent.interval[0] <= 2 <= found.exponent.interval[1]
    assert found.inside_grows is False and not found.refused
    centered = resolve("corollary-2.2:repaired").existential[0]
    assert not check_family(statement, centered, certify_points=False).grows


def test_corollary_2_2_grows_like_sqrt_m_with_h_w0_0_certified_and_its_repair_does_not():
    statement = resolve("corollary-2.2")
    by_parameter = {c.parameter: c for c in statement.existential}
    along_m = check_family(statement, by_parameter["the width m"])
    assert along_m.refutes and not along_m.refused  # every point inside (i)-(iii) at K = 2, h(w0) = 0
    assert along_m.exponent.interval[0] <= 0.5 <= along_m.exponent.interval[1]
    assert [p["value"] for p in along_m.certified] == [1024.0, 4096.0, 16384.0]
    for other in ("the data n", "the horizon T"):  # followed, and bounded: they could have grown
        assert not check_family(statement, by_parameter[other], certify_points=False).grows
    repaired = resolve("corollary-2.2:repaired")
    assert [c.parameter for c in repaired.existential] == ["alpha", "the width m", "the data n", "the horizon T"]
    assert not any(check_family(repaired, c, certify_points=False).grows for c in repaired.existential)


def test_a_wide_network_held_with_idle_neurons_is_the_wide_network():
    """Width 16 as 2 neurons and 14 idle (a = u = 0) gives the 16-neuron network's sides exactly
    (tanh leaves idle neurons where they are); with the sigmoid it is refused."""
    from proofcheck_packs.ntk_tight_2023.statements import corollary_2_2 as printed

    statement = resolve("corollary-2.2")
    unit = dataclasses.replace(statement, space=printed.WIDE, rhs=printed.rest_of_bound, existential=())
    held = printed.concentrated_along_m(16)
    whole = json.loads(json.dumps(held))
    whole["dims"].update(m=16, idle=0)
    whole["values"]["a"] += [["0.0"]] * 14
    whole["values"]["U"] += [["0.0"]] * 14
    sides = [sides_f64(unit, *witness_values(printed.WIDE, w)) for w in (held, whole)]
    assert float(sides[0][0][0]) == pytest.approx(float(sides[1][0][0]), rel=1e-10)
    assert float(sides[0][0][0]) > 0
    held["dims"]["tanh"] = 0
    with pytest.raises(ValueError, match="only for tanh"):
        sides_f64(unit, *witness_values(printed.WIDE, held))
