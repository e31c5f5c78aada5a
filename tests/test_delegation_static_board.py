"""No spoilers: the rule's delegation board stays folded until the learner asks for it.

The board (:func:`exercises.delegation.chart.recommendation_board`) answers Exercise 1. On the page
it shows no level, no reason and no dot until its "Show the rule's board" check box is ticked;
then every decision's level and reason are there.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from browser import explorer_page
from exercises.delegation import chart, model

REC = model.recommend(model.load_decisions())
# --------------------------------------------------------------------------- no spoilers


@pytest.fixture(scope="module")
def rule_board(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("board"), chart.recommendation_board(REC),
                       anchor=model.BOARD_REVEAL.name) as found:
        yield found




def _answers_visible(explorer) -> list[str]:
    """Lines of the board that give a rule's level or reason away."""
    reasons = set(REC["reason"])
    return [line for line in explorer.lines() if line in reasons or any(
        line == f"{d}: {lvl}" for d, lvl in zip(REC["decision"], REC["level"]))]


def test_the_rules_board_shows_no_answer_before_it_is_asked_for(rule_board):
    assert rule_board.values()[model.BOARD_REVEAL.name] is False
    assert _answers_visible(rule_board) == []
    assert rule_board.lines(r"^Choose your own|^Then tick") == list(model.BOARD_FOLDED)
    dots = rule_board.page.evaluate("""() => document.querySelectorAll(
        'figure.lp-chart path[role="graphics-symbol"], figure.lp-chart .mark-symbol path').length""")
    assert dots == 0
    for pick in REC.itertuples():  # picking a decision gives nothing away either
        rule_board.set(decision_pick=pick.decision)
        assert _answers_visible(rule_board) == []


def test_once_asked_the_board_gives_each_decisions_level_and_reason(rule_board):
    rule_board.set(**{model.BOARD_REVEAL.name: True})
    for pick in REC.itertuples():
        rule_board.set(decision_pick=pick.decision)
        assert rule_board.lines(r"^" + re.escape(pick.decision) + ": |^" + re.escape(pick.reason) + "|^Scores: ") == [
            f"{pick.decision}: {pick.level}", model.SCORES_HEAD + pick.scores, pick.reason]
    dots = rule_board.page.evaluate("() => document.querySelectorAll('figure.lp-chart .mark-symbol path').length")
    assert dots == len(REC)
    rule_board.set(**{model.BOARD_REVEAL.name: False})


def test_the_scores_behind_each_level_are_shown_beside_it(rule_board):
    """Regression ("scope of the next two-week sprint: delegate" beside "order of work within the
    team's own area: advise" read as a contradiction): the board says each decision's five scores,
    folded or not, so the learner sees what the rule reads."""
    for reveal in (False, True):
        rule_board.set(**{model.BOARD_REVEAL.name: reveal})
        for pick in REC.itertuples():
            rule_board.set(decision_pick=pick.decision)
            assert rule_board.lines(r"^Scores: ") == [model.SCORES_HEAD + pick.scores]
    rule_board.set(**{model.BOARD_REVEAL.name: False})
    first = REC.iloc[0]
    assert first["scores"] == "reversibility {reversibility}, impact {impact}, team {team_expertise}, you " \
        "{leader_expertise}, urgency {urgency}".format(**first.to_dict())
