"""__Title__: live exercises on :mod:`exercises.kit.live`, each paired with its static face."""

from __future__ import annotations

from ..kit.live import Exercise, LiveExercise
from ..kit.quiz import Choice, Quiz
from ..kit.text import fill, safe_text
from . import chart, model

__all__ = ["EXERCISES", "ReachExercise", "check", "reach"]


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


def check() -> Quiz:
    """A short check of the chapter's lesson; its answer comes from the model, and every option has
    a reason the learner reads after Check."""
    slow, fast = model.RATE.low, model.RATE.high
    return Quiz("__topic__-check", "Check your understanding", [
        Choice(f"Reaching {fast} % of the rest each week instead of {slow} %, half the people hear the idea...",
               ["sooner", "later", "at the same time"], correct=[0],
               explain=fill("At {fast} % a week half have heard after {weeks:.1f} weeks.", fast=fast,
                            weeks=model.half_life(fast / 100)),
               reasons=["Yes: more of the people left hear it each week, so the half arrives sooner.",
                        "A larger weekly share never slows the spread: look at the curve for each rate.",
                        "The weekly share sets the pace: compare the curves for two rates."]),
    ])
