"""__Title__ live exercise, driven in-process as a learner would."""

from exercises.__topic__ import model
from exercises.__topic__.widget import ReachExercise


def test_the_exercise_starts_at_the_declared_rate():
    ex = ReachExercise(mode="live")
    assert ex.inputs["rate"].value == model.RATE.default
    assert model.reach_result(model.RATE.default)["words"] in ex.summary.value


def test_moving_the_rate_changes_the_answer():
    ex = ReachExercise(mode="live")
    ex.inputs["rate"].value = 20
    assert f"{model.half_life(0.2):.1f} weeks" in ex.summary.value
    assert ex.answer() == {"rate": 20, "half_life": round(model.half_life(0.2), 2)}
