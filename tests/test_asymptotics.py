"""The asymptotic exponent of a family: the limit of its local slopes, with the model's misfit as its
uncertainty, and never an exponent for a family that has not reached its asymptotic regime."""
import dataclasses
import math

import pytest

from proofcheck.core.registry import resolve
from proofcheck.core.statement import ScaleFamily
from proofcheck.search.asymptotics import asymptotic_exponent
from proofcheck.search.scaling import classify, family_from, follow_declared

WIDTHS = [2.0 ** k for k in range(9)]  # m = 1 .. 256


@pytest.mark.parametrize("c", [0.5, 1.0, 3.0])
def test_a_curved_family_gives_its_limit_exponent_inside_its_interval(c):
    # c sqrt(m) + sqrt(c^2 m + 4): slopes rise toward 1/2 along the whole range; a straight line
    # through them reads about 0.45 with a Student-t interval that excludes 1/2
    found = asymptotic_exponent(WIDTHS, [c * math.sqrt(m) + math.sqrt(c * c * m + 4) for m in WIDTHS])
    assert found.converged
    low, high = found.interval
    assert low <= 0.5 <= high and high - low < 0.1
    assert found.value == pytest.approx(0.5, abs=0.01)


def test_a_pure_power_law_is_read_exactly():
    found = asymptotic_exponent(WIDTHS, [7 * m ** 1.5 for m in WIDTHS])
    assert found.value == pytest.approx(1.5, abs=1e-9) and found.interval[1] - found.interval[0] < 1e-5


@pytest.mark.parametrize("values, reason", [
    ([0.1 * math.sqrt(m) + math.sqrt(0.01 * m + 4) for m in WIDTHS], "not converged"),  # the crossover is past m = 256
    ([math.log(1 + m) for m in WIDTHS], "logarithmic"),
    ([math.exp(m / 10) for m in WIDTHS], "exponential"),
])
def test_no_exponent_for_a_family_not_yet_asymptotic(values, reason):
    found = asymptotic_exponent(WIDTHS, values)
    assert not found.converged and found.interval is None and "not" in found.why, reason


def test_too_few_points_give_no_exponent():
    assert not asymptotic_exponent([1, 2, 4], [1, 2, 4]).converged


def test_three_slopes_equal_to_rounding_are_a_pure_power_law_and_three_curved_ones_are_not():
    # seed 0's Lemma 2.1 witness, tiled from m = 40 to 240: r = c sqrt(s) exactly at s = 1, 2, 4, 6
    tiled = asymptotic_exponent([1, 2, 4, 6], [6.021 * math.sqrt(s) for s in (1, 2, 4, 6)])
    assert tiled.converged and tiled.interval[0] <= 0.5 <= tiled.interval[1] and tiled.interval[1] - tiled.interval[0] < 1e-5
    curved = [0.1 * math.sqrt(m) + math.sqrt(0.01 * m + 4) for m in (16, 32, 64, 128)]
    assert not asymptotic_exponent([16, 32, 64, 128], curved).converged


def test_a_last_point_off_the_grid_shows_the_growth_but_not_in_the_slopes():
    # a square root with a last point at s = 18 between the grid's 16 and 32: the grid's slopes read
    # 0.5 while the growth counts the last point
    scales = [1.0, 2.0, 4.0, 8.0, 16.0, 18.0]
    ratios = [math.sqrt(s) + 1e-3 * (s == 18.0) for s in scales]
    family = family_from("the width m", scales, ratios, grid=[1.0, 2.0, 4.0, 8.0, 16.0, 32.0])
    assert family.high_end.converged and family.high_end.value == pytest.approx(0.5, abs=1e-6)
    assert family.growth == pytest.approx(ratios[-1])
    assert not family_from("the width m", scales, ratios).high_end.converged


def test_a_family_cut_short_is_unclassified_with_how_far_it_got():
    flat = family_from("x", [10.0 ** k for k in range(-4, 5)], [2.0] * 5 + [None] * 4, ["upward: at s = 10 ..."])
    found = classify([flat], "3", 2.0)
    assert found.klass == "unclassified" and "5 of 9 points" in found.reason and found.constant is None


def test_a_family_that_leaves_the_hypotheses_is_refused():
    # Lemma 2.1's width family moved past what check_witness admits (m <= 256), and a planted
    # hypothesis that refuses every width above 4: both stop the family there, named
    statement = resolve("lemma-2.1")
    witness = statement.uniformity.cases(1)
    wide = follow_declared(statement, witness, ScaleFamily("the width m", statement.scale_families[0].move,
                                                           (1, 2, 4, 512)))
    assert wide.scales == [1.0, 2.0, 4.0, 256.0, 512.0]
    assert None not in wide.ratios[:4] and wide.ratios[4] is None
    assert "larger than the space allows (m = 512)" in wide.stopped[0] and not wide.complete
    narrow = dataclasses.replace(statement, hypotheses=lambda w: ["m <= 4 (planted)"] if w["dims"]["m"] > 4 else [])
    cut = follow_declared(narrow, witness, statement.scale_families[0])
    assert [r is not None for r in cut.ratios] == [True, True, True, False, False, False, False]
    assert "m <= 4 (planted)" in cut.stopped[0] and not cut.complete


def test_a_width_family_is_followed_to_the_largest_width_the_space_holds():
    # seed 1's witness had m = 9: doubling stopped at m = 144 (s = 16, then 288 > 256); the family's
    # last point is s = 28 (m = 252), the widest tiling of 9 neurons the space holds
    statement = resolve("lemma-2.1")
    witness = statement.uniformity.cases(9)
    family = follow_declared(statement, witness, statement.scale_families[0])
    assert 28.0 in family.scales and 29.0 not in family.scales
    assert family.cases[28.0]["dims"]["m"] == 252 and family.ratios[family.scales.index(28.0)] is not None
    assert all(family.ratios[family.scales.index(s)] is None for s in (32.0, 64.0)) and not family.complete


def test_the_sup_norms_behind_hypothesis_i_are_sympys():
    import sympy as sp
    from proofcheck_packs.ntk_tight_2023.models.network import SUP_NORMS

    x = sp.Symbol("x", real=True)
    for name, f in (("sigmoid", 1 / (1 + sp.exp(-x))), ("tanh", sp.tanh(x))):
        for order, printed in enumerate(SUP_NORMS[name]):
            g = sp.diff(f, x, order)
            critical = [c for c in sp.solve(sp.diff(g, x), x) if c.is_real] if order else []
            candidates = [abs(float(g.subs(x, c))) for c in critical] + [abs(float(sp.limit(g, x, sp.oo)))]
            assert max(candidates) == pytest.approx(printed, rel=1e-12), (name, order)


def test_lemma_2_1s_uniformity_family_keeps_every_hypothesis_at_its_k():
    from proofcheck.app.diagnosis import uniformity_of
    from proofcheck_packs.ntk_tight_2023.statements import lemma_2_1
    from proofcheck_packs.ntk_tight_2023.models.network import k_conditions

    found = uniformity_of(resolve("lemma-2.1"))
    assert found["refused"] == ["the width m = 1: (ii) ||a|| + ||U|| = 2.158 > K = 2"]
    for m in found["values"]:
        assert k_conditions(lemma_2_1.concentrated(m), lemma_2_1.UNIFORM_K) == []
    assert k_conditions(lemma_2_1.concentrated(8), 1.0)[0].startswith("(i) ||tanh'''|| = 2")
    low, high = found["interval"]
    assert found["grows"] and low <= 0.5 <= high


def test_an_end_that_decayed_before_the_family_stopped_counts_as_reached_and_is_said():
    scales = [10.0 ** k for k in range(-4, 5)]
    decayed = family_from("J", scales, [1.36, 1.36, 1.36, 1.36, 1.33, 0.25, 3e-20, None, None], ["upward: stiff"])
    found = classify([decayed], "2", 1.36)
    assert found.klass == "constant-slip" and "J could not be followed further" in found.evidence
    # stopped while still near its peak: not known to be bounded there
    cut = family_from("J", scales, [1.36, 1.36, 1.36, 1.36, 1.33, 0.25, 0.1, None, None], ["upward: stiff"])
    assert classify([cut], "2", 1.36).klass == "unclassified"


def test_slopes_on_a_plateau_are_one_power_and_slopes_that_move_are_not():
    # seed 0's lemma-2.1:step-2 witness along the width, m = 1 .. 16 (mpmath's ratios): its slopes
    # stay within 1e-5 of 1/2, with increments (1e-7, 9e-6, 1e-6) whose ratios mean nothing
    ratios = [2.038929923057704, 2.883466487153302, 4.077815315931499, 5.766904956073106, 8.155647882832257]
    found = asymptotic_exponent([1.0, 2.0, 4.0, 8.0, 16.0], ratios)
    assert found.converged and found.interval[0] <= 0.5 <= found.interval[1]
    assert found.interval[1] - found.interval[0] < 1e-4
    # a square root with a wobble of 1% in its slopes is on no plateau, and its increments are not geometric
    wobbly = [math.sqrt(m) * math.exp(0.01 * math.sin(3 * math.log(m))) for m in WIDTHS]
    assert not asymptotic_exponent(WIDTHS, wobbly).converged


def test_a_confirmed_family_reads_its_exponent_from_the_same_grid_as_its_float64_one():
    # a last point off the grid (the space's largest width) bent a confirmed family's slopes: seed 0
    # classed lemma-2.1:step-2 unbounded where seeds 1 and 2 found the missing sqrt(m)
    from proofcheck.search import scaling

    grid = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0]
    scales = [1.0, 2.0, 4.0, 8.0, 16.0, 18.0]
    family = family_from("the width m", scales, [math.sqrt(s) + 1e-3 * (s == 18.0) for s in scales], grid=grid)
    assert family.grid == grid
    family.cases = {s: {} for s in scales}

    class Value:
        def __init__(self, s):
            self.ratio, self.error = math.sqrt(s) + 1e-3 * (s == 18.0), 0.0

    values = iter(scales)
    original = scaling.evaluate_mp
    scaling.evaluate_mp = lambda statement, case, digits: Value(next(values))
    try:
        again = scaling.confirmed(None, family)
    finally:
        scaling.evaluate_mp = original
    assert again.confirmed and again.grid == grid
    assert again.high_end.converged and again.high_end.value == pytest.approx(0.5, abs=1e-6)
