"""Culture live exercise, driven in-process as a learner would."""

import random

from exercises.culture import widget
from exercises.culture.widget import CadenceExercise


def test_forgetting_makes_the_even_spread_win_at_week_52():
    ex = CadenceExercise(mode="live")
    ex.budget.value, ex.burst.value, ex.half.value = 26, 4, 4
    assert "even spread is ahead" in ex.summary.value and "71%" in ex.summary.value


def test_never_forgetting_ties():
    ex = CadenceExercise(mode="live")
    ex.half.value = widget.NEVER
    assert "tie" in ex.summary.value


def test_every_action_runs():
    ex = CadenceExercise(mode="live")
    rng = random.Random(1)
    for _ in range(30):
        rng.choice(ex.actions()).act(rng)
    assert "<p>" in ex.summary.value


def test_check_has_three_questions():
    assert len(widget.check().questions) == 3
