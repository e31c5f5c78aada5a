"""Influence and buy-in live exercise, driven in-process as a learner would."""

from exercises.influence import model
from exercises.influence.widget import ReachExercise


def test_moving_the_rate_changes_the_answer():
    ex = ReachExercise(mode="live")
    ex.rate.value = 20
    assert f"{model.half_life(0.2):.1f} weeks" in ex.summary.value
