"""__Title__: live exercises on :mod:`exercises.kit.live`, each paired with its static face."""

from __future__ import annotations

import pandas as pd

from ..live import Action, Exercise, LiveExercise, slider
from . import chart, model

__all__ = ["EXERCISES", "ReachExercise", "reach"]


class ReachExercise(LiveExercise):
    """Set a weekly rate and see how long it takes to reach half the people.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).
    """

    def __init__(self, mode: str | None = None):
        self.rate = slider("Reached a week (%)", 10, 1, 50)
        super().__init__(controls=[self.rate], chart=chart.reach_chart(self._curve()), mode=mode)
        self.watch(self.rate)
        self.refresh()

    def _curve(self) -> pd.DataFrame:
        return model.reach(self.rate.value / 100)

    def update(self) -> None:
        """Recompute the curve for the current rate and say when half are reached."""
        self.chart.update(self._curve())
        weeks = model.half_life(self.rate.value / 100)
        self.summary.value = f"<p>Half the people have heard it after <b>{weeks:.1f} weeks</b>.</p>"

    def actions(self) -> list[Action]:
        def move(rng):
            self.rate.value = rng.randint(self.rate.min, self.rate.max)

        return [Action("move the weekly rate", move)]


#: The exercise, both faces: the live slider, or the scenario explorer on the static page.
reach = Exercise("reach", ReachExercise, lambda: chart.reach_explorer(model.reach_grid(model.load_scenarios())))
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (reach,)
