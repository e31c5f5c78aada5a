"""The static capacity explorer, in a real browser, held against the Python model.

The page only picks rows the model wrote (:func:`exercises.sequencing.model.allocation_explorer_data`),
by the verdict the model wrote for the three sliders' sum: they fit in 100 % (expansion gets the
rest) or they are over. On seeded random settings and edge cases (exactly 100 %, just over, all
at the top, all nothing) the words it draws must be exactly :func:`~exercises.sequencing.model.split_words`,
and it must start at the declared defaults (equal quarters), where the live sliders start.
"""

from __future__ import annotations

import random

import pytest

from browser import explorer_page
from exercises.sequencing import chart, model

RETURNS = model.load_returns()
_SPLIT = r"^Expansion gets|^This split earns|^These three shares|^The leader.s split: "


# --------------------------------------------------------------------------- the capacity explorer

# (feature, growth, scaling): equal quarters, the leader's split on the grid, exactly 100 % (expansion
# gets nothing), just over, all at the top, all nothing, one kind takes all; then seeded random settings.
SPLIT_EDGES = [(25, 25, 25), (5, 25, 15), (40, 30, 30), (40, 30, 35), (100, 100, 100), (0, 0, 0), (100, 0, 0),
               (0, 0, 100), (35, 35, 35), (30, 35, 35)]
_rng = random.Random(2004)
SPLITS = SPLIT_EDGES + [tuple(_rng.choice(model.FEATURE.grid) for _ in range(3)) for _ in range(24)]


@pytest.fixture(scope="module")
def capacity(tmp_path_factory):
    face = chart.allocation_explorer(model.allocation_explorer_data(RETURNS))
    with explorer_page(tmp_path_factory.mktemp("capacity"), face, anchor=model.FEATURE.name) as found:
        yield found


def test_the_capacity_explorer_starts_at_equal_quarters_as_the_live_face_does(capacity):
    defaults = {spec.name: spec.default for spec in model.SPLIT_INPUTS[:3]}
    values = capacity.values()
    assert {name: float(values[name]) for name in defaults} == defaults
    assert values[model.SHOW_SPLIT.name] is model.SHOW_SPLIT.default is False  # the leader's split folded
    assert capacity.lines(_SPLIT) == model.split_words(RETURNS, **defaults)


def test_the_random_settings_cover_both_verdicts():
    over = [sum(point) > 100 for point in SPLITS]
    assert over.count(True) >= 5 and over.count(False) >= 5


@pytest.mark.parametrize("feature, growth, scaling", SPLITS)
def test_the_over_100_rule_and_its_words_are_the_models(capacity, feature, growth, scaling):
    capacity.set(feature=feature, growth=growth, scaling=scaling)
    said = capacity.lines(_SPLIT)
    assert said == model.split_words(RETURNS, feature, growth, scaling)
    over = feature + growth + scaling > 100  # the rule, as the chapter states it
    assert (said == list(model.SPLIT_WORDS["over"])) == over
    if not over:
        assert said[0] == f"Expansion gets the remaining {100 - feature - growth - scaling}%."
    bars = capacity.page.evaluate(
        """(anchor) => document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart")
               .querySelectorAll("svg g.mark-rect path").length""", capacity.anchor)
    assert (bars == 0) == over  # no bars for a split that does not fit


def test_the_leaders_split_is_folded_until_asked_then_shown_in_full(capacity):
    """No spoilers: no dashed line and no word of the leader's split before the check box; then both,
    the split's four shares in the model's words, whatever the sliders say."""
    def dashed():
        return capacity.page.evaluate(
            """(anchor) => document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart")
                   .querySelectorAll("svg g.mark-rule.role-mark line, svg g.mark-rule.role-mark path").length""", capacity.anchor)
    capacity.set(feature=25, growth=25, scaling=25, **{model.SHOW_SPLIT.name: False})
    assert capacity.values()[model.SHOW_SPLIT.name] is False
    assert not capacity.lines(r"leader") and dashed() == 0
    try:
        for three in [(25, 25, 25), (5, 25, 15), (100, 100, 100), (0, 0, 0)]:
            capacity.set(**dict(zip(("feature", "growth", "scaling"), three)), **{model.SHOW_SPLIT.name: True})
            assert capacity.lines(_SPLIT) == model.split_words(RETURNS, *three, show_split=True)
            assert dashed() == (1 if sum(three) <= 100 else 0)
    finally:
        capacity.set(**{model.SHOW_SPLIT.name: False})
