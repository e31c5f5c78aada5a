"""Your own decision's static face, in a real browser, held against the Python model.

On the published page the learner scores a decision of their own on the rule's five factors
(:func:`exercises.delegation.chart.score_explorer`); the page adds each factor's points and takes
the level as :func:`exercises.delegation.model.recommend` does, and fills the model's words
(:data:`~exercises.delegation.model.SCORE_WORDS`). For extremes and seeded random scorings the two
lines it draws must be exactly what :func:`exercises.delegation.model.score` says, and its level
and points :func:`~exercises.delegation.model.recommend`'s.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from browser import explorer_page
from exercises.delegation import chart, model
# --------------------------------------------------------------------------- your own decision

_seeded = random.Random(2026)
#: Extremes (everything in the middle, everything towards the team, everything towards you, each
#: edge of the level's clip, a tie at half a level) and seeded random scorings.
SCORINGS = [(3, 3, 3, 3, 3), (5, 1, 5, 1, 5), (1, 5, 1, 5, 1), (4, 3, 3, 3, 3), (3, 3, 3, 3, 4), (3, 3, 3, 4, 3),
            (5, 5, 5, 5, 5), (1, 1, 1, 1, 1), (4, 2, 3, 3, 3), (2, 4, 3, 3, 3)] + [
    tuple(_seeded.randint(1, 5) for _ in model.FACTORS) for _ in range(24)]


@pytest.fixture(scope="module")
def scorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("score"), chart.score_explorer(),
                       anchor=model.SCORE_INPUTS[0].name) as found:
        yield found


def _score_said(explorer) -> list[str]:
    return explorer.lines(r"^The rule says |^Each factor's points |^reversibility -?\d|^your expertise -?\d")


def test_the_score_words_come_in_short_lines():
    """Regression (the "score your own decision" chart was drawn small at 1280 px under one long
    words line): no line of the model's words runs past 80 characters (the one line was 190)."""
    for scores in SCORINGS:
        assert max(len(line) for line in model.score(*scores)["words"]) <= 80


def test_your_own_decision_starts_where_the_live_face_starts(scorer):
    defaults = {spec.name: spec.default for spec in model.SCORE_INPUTS}
    assert {k: float(v) for k, v in scorer.values().items()} == pytest.approx(defaults)
    assert _score_said(scorer) == model.score(**defaults)["words"]


@pytest.mark.parametrize("scores", SCORINGS)
def test_your_own_decision_gets_the_rules_level_and_points_in_the_page(scorer, scores):
    values = dict(zip(model.FACTORS, scores))
    scorer.set(**values)
    said = _score_said(scorer)
    assert said == model.score(**values)["words"]
    rule = model.recommend(pd.DataFrame([{"id": "x", "decision": "x", **values}])).iloc[0]
    assert said[0].startswith(f"The rule says {rule['level'].capitalize()} (")
    assert f": {rule['points']} points in all." in said[0]
