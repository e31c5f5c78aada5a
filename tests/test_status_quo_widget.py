"""Challenging the status quo live exercise, driven in-process as a learner would."""

from exercises.status_quo import model
from exercises.status_quo.widget import DoorExercise


def test_a_wrong_label_shows_the_rules_reason_on_the_board():
    ex = DoorExercise(mode="live")
    ex.menus[0].value = model.ASK  # S1 is act and inform
    answers = ex.answers()
    assert not answers.loc[0, "correct"]
    board = ex.chart_data(answers)
    assert board.loc[board["id"] == "S1", "status"].item() == "wrong"
    assert "Act and inform" in answers.loc[0, "reason"]
