"""__Title__: live exercises on :mod:`exercises.kit.live`, each paired with its static face."""

from __future__ import annotations

from ..kit.live import Exercise, LiveExercise
from ..kit.text import safe_text
from . import chart, model

__all__ = ["EXERCISES", "ReachExercise", "reach"]


class ReachExercise(LiveExercise):
    """Set a weekly rate and see how long it takes to reach half the people.

    The slider comes from the model's declaration (:data:`~.model.REACH_INPUTS`); each change
    computes once (:meth:`compute`), and the summary, the chart and :meth:`answer` read that result.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).
    """

    INPUTS = model.REACH_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.reach_chart(self.compute()["curve"]), mode=mode)
        self.refresh()

    def compute(self) -> dict:
        return model.reach_result(**self.values())

    def show(self, result: dict) -> None:
        self.chart.update(result["curve"])
        self.summary.value = f"<p><b>{safe_text(result['words'])}</b></p>"

    def answer(self) -> dict:
        """The learner's rate (per cent a week) and the weeks until half have heard: what the room's
        dashboard shows (see ``room.py``)."""
        return {"rate": int(self.inputs["rate"].value), "half_life": round(self.result["half_life"], 2)}


#: The exercise, both faces: the live slider, or the same slider over the model's grid on the page.
reach = Exercise("reach", ReachExercise, lambda: chart.reach_explorer(model.reach_grid()))
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (reach,)
