"""A mutated expression makes the static-versus-model tests fail.

Each own-answer static face computes in the page (Vega expressions over data the model wrote), and
its chapter's static test holds what the page says against the model on seeded random answers. Here
one expression of each is changed, as a slip in the code would change it, and the same comparison
must then disagree with the model somewhere: so those tests hold the computation, not just its shape.
"""

from __future__ import annotations

import pytest

from browser import explorer_page, mutated
from exercises.delegation import chart as delegation_chart
from exercises.delegation import model as delegation
from exercises.status_quo import model as status_quo
from exercises.status_quo import widget as status_quo_widget
from test_delegation_static import POINTS as BOTTLENECK_POINTS
from test_delegation_static import _said as bottleneck_said
from test_delegation_static_score import SCORINGS, _score_said
from test_status_quo_static import MAP_POINTS, PICK, _map_model_says, _map_page_says


def _disagrees(explorer, points, settle, page_says, model_says) -> int:
    """How many of ``points`` the page and the model disagree on."""
    wrong = 0
    for point in points:
        settle(explorer, point)
        wrong += page_says(explorer) != model_says(point)
    return wrong


def test_rounding_the_rule_down_instead_of_to_nearest_fails_the_own_decision(tmp_path):
    spec = mutated(delegation_chart.score_explorer(), "floor(datum.points / 3 + 0.5)", "floor(datum.points / 3)")
    names = [s.name for s in delegation.SCORE_INPUTS]
    with explorer_page(tmp_path, spec, anchor=names[0]) as page:
        wrong = _disagrees(page, SCORINGS, lambda e, p: e.set(**dict(zip(names, p))), _score_said,
                           lambda p: delegation.score(*p)["words"])
    assert wrong, "the own-decision test would not notice a rule rounded down"


def test_choosing_the_wrong_verdict_fails_the_bottleneck(tmp_path):
    spec = mutated(delegation_chart.bottleneck_explorer(delegation.bottleneck_grid()),
                   "datum.verdict == 'grows'", "datum.verdict == 'none'")
    with explorer_page(tmp_path, spec, anchor=delegation.DECISIONS.name) as page:
        wrong = _disagrees(page, BOTTLENECK_POINTS,
                           lambda e, p: e.set(decisions=p[0], capacity=p[1], delegated=p[2]), bottleneck_said,
                           lambda p: delegation.bottleneck(*p)["words"])
    assert wrong, "the bottleneck test would not notice the words of a growing queue going missing"


def test_moving_the_midpoint_fails_the_learners_own_map(tmp_path):
    spec = mutated(status_quo_widget.assumptions.static(), f"datum.importance >= {status_quo.MIDPOINT}",
                   f"datum.importance > {status_quo.MIDPOINT}")

    with explorer_page(tmp_path, spec, anchor=PICK) as page:
        wrong = _disagrees(page, MAP_POINTS, lambda e, setting: e.set(**setting), _map_page_says, _map_model_says)
    assert wrong, "the map test would not notice a practice rated at the midpoint put on the wrong side"


def test_a_feature_check_that_needs_two_words_fails_the_learners_own_message(tmp_path):
    from exercises.purpose import chart as purpose_chart
    from exercises.purpose import model as purpose
    from test_purpose_static import MESSAGES, _live_words, _message_said

    spec = mutated(purpose_chart.message_explorer(purpose.message_grid()), "datum.features_n > 0",
                   "datum.features_n > 1")
    with explorer_page(tmp_path, spec, anchor=purpose.WHY.name) as page:
        wrong = 0
        for why, how, what in MESSAGES:
            page.set(why=why, how=how, what=what)
            held = page.values()
            wrong += _message_said(page) != _live_words(held["why"], held["how"], held["what"])
    assert wrong, "the message test would not notice a why with one feature word passing the check"
