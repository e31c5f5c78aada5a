"""Culture change through consistency: live exercises on :mod:`exercises.kit.live`, each paired with its static face."""

from __future__ import annotations

import math

import pandas as pd

from ..kit.live import Action, Exercise, LiveExercise
from ..kit.controls import slider
from ..kit.quiz import Choice, Quiz
from . import chart, model

__all__ = ["EXERCISES", "CadenceExercise", "cadence", "check"]

#: The half-life slider's top value, read as "never forgets".
NEVER = 27


class CadenceExercise(LiveExercise):
    """Spend the same budget evenly or in a burst, with a forgetting half-life; see adoption.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).
    """

    def __init__(self, mode: str | None = None):
        self.thresholds = model.load_people()["threshold"].to_numpy()
        self.budget = slider("Conversations in the year", 26, 1, 104)
        self.burst = slider("Burst lasts (weeks)", 4, 1, 26)
        self.half = slider(f"Half-life, weeks ({NEVER} = never)", 4, 1, NEVER)
        super().__init__(controls=[self.budget, self.burst, self.half],
                         chart=chart.adoption_chart(self._curves()), mode=mode)
        for control in (self.budget, self.burst, self.half):
            self.watch(control)
        self.refresh()

    def _half_life(self) -> float:
        return math.inf if self.half.value >= NEVER else float(self.half.value)

    def _curves(self) -> pd.DataFrame:
        return model.compare(self.budget.value, self.burst.value, self._half_life(), self.thresholds)

    def update(self) -> None:
        """Recompute both schedules and say which is ahead at week 52 and on average."""
        curves = self._curves()
        self.chart.update(curves)
        last = curves[curves["week"] == model.WEEKS].set_index("schedule")["adopted"]
        mean = curves.groupby("schedule")["adopted"].mean()
        who = {"tie": "The two schedules tie", "even": "The even spread is ahead",
               "burst": "The burst is ahead"}[model.winner(curves)]
        self.summary.value = (f"<p>{who} at week 52: <b>{last['even']:.0%}</b> (even) against "
                              f"<b>{last['burst']:.0%}</b> (burst). Over the year on average: "
                              f"{mean['even']:.0%} against {mean['burst']:.0%}.</p>")

    def answer(self) -> dict:
        """The schedules for workshop mode: ``budget``, ``burst_weeks``, ``half_life`` (weeks; None
        for never), the share holding the norm at week 52 with the even spread (``even_at_52``)
        and the burst (``burst_at_52``), and the ``winner`` (``even``, ``burst`` or ``tie``)."""
        curves = self._curves()
        last = curves[curves["week"] == model.WEEKS].set_index("schedule")["adopted"]
        half = self._half_life()
        return {"budget": int(self.budget.value), "burst_weeks": int(self.burst.value),
                "half_life": None if math.isinf(half) else half, "even_at_52": float(last["even"]),
                "burst_at_52": float(last["burst"]), "winner": model.winner(curves)}

    def actions(self) -> list[Action]:
        def move(control):
            def act(rng):
                control.value = rng.randint(control.min, control.max)
            return act

        return [Action("move the budget", move(self.budget)), Action("move the burst", move(self.burst)),
                Action("move the half-life", move(self.half))]


def check() -> Quiz:
    """A short check of the chapter's lesson; its answers come from the model, not from prose."""
    theta = model.load_people()["threshold"].to_numpy()
    kinds = ["even", "burst", "tie"]
    words = ["The even spread", "The burst", "They tie"]
    never = model.winner(model.compare(26, 4, math.inf, theta))
    fades = model.winner(model.compare(26, 4, 4, theta))
    thin = model.winner(model.compare(13, 4, 2, theta))
    return Quiz("culture-check", "Check your understanding", [
        Choice("26 conversations, a 4-week burst, and people never forget. Who has more people holding the norm "
               "at week 52?", words, correct=[kinds.index(never)],
               explain="With no forgetting every conversation still counts at week 52, whenever it happened."),
        Choice("Same budget and burst, but exposure halves every 4 weeks. Who is ahead at week 52?", words,
               correct=[kinds.index(fades)],
               explain="The burst's exposure fades after launch; a steady cadence keeps topping it up."),
        Choice("Only 13 conversations and a half-life of 2 weeks. Who is ahead at week 52?", words,
               correct=[kinds.index(thin)],
               explain="Spread too thin, a cadence never lifts anyone over their threshold: consistency needs "
                       "enough conversations to keep people above it."),
    ])


#: The exercise, both faces: the live sliders, or the precomputed explorer on the static page.
cadence = Exercise("cadence", CadenceExercise,
                   lambda: chart.adoption_explorer(model.grid(model.load_people()["threshold"].to_numpy())))
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (cadence,)
