"""Challenging the status quo: live exercises on :mod:`exercises.live`, each paired with its static face."""

from __future__ import annotations

import pandas as pd

from ..live import Exercise, LabelExercise
from ..quiz import Label, Quiz
from . import chart, model

__all__ = ["EXERCISES", "DoorExercise", "check", "doors", "doors_question", "doors_regions"]


def doors_question() -> Label:
    """The forgiveness-or-permission cases as one label question; answers and reasons from the rule."""
    cases = model.decisions(model.load_situations())
    return Label.from_frame("For each situation: act and inform, consult, or ask first?", cases, "situation",
                            "answer", labels=list(model.LEVELS), reason="reason",
                            explain="Easy to undo and contained: act and inform. Hard to undo or wide: ask first. "
                                    "In between: consult.")


class DoorExercise(LabelExercise):
    """Label each situation and see it on the reversibility x blast-radius board with the rule's regions.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.live.LiveChart`).
    """

    def __init__(self, mode: str | None = None):
        self._situations = model.load_situations()
        super().__init__(doors_question(), mode=mode, chart=chart.regions_chart)

    def chart_data(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The board: the rule's 25 cells and the cases, each with the learner's label."""
        return model.board(self._situations, frame["given"])


def _doors_static():
    return Quiz("status-quo-doors", "Forgiveness or permission?", [doors_question()])


#: Exercise 3, both faces: the live labelling board, or the quiz on the static page.
doors = Exercise("doors", DoorExercise, _doors_static)
#: The regions chart shown beside the static quiz.
doors_regions = lambda: chart.regions_explorer(model.board(model.load_situations()))  # noqa: E731


def check() -> Quiz:
    """A short check of the chapter's lesson; its answers come from the model, not from prose."""
    ranked = model.rank_assumptions(model.load_practices())
    return Quiz("status-quo-check", "Check your understanding", [
        Label.from_frame("Where does each assumption sit on the map?", ranked.head(4), "assumption", "quadrant",
                         labels=list(model.QUADRANTS.values())),
    ])


#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (doors,)
