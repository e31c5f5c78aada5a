"""Delegation live exercises, built on :mod:`exercises.kit.live`; each paired with its static face.

A notebook shows an exercise with one call: ``widget.board()``, ``widget.bottleneck()`` or
``widget.duties()``: the live widget with a kernel, the static face on the published site.
"""

from __future__ import annotations

import pandas as pd

from ..kit.live import Action, Exercise, LabelExercise, LiveExercise
from ..kit.controls import slider
from ..kit.quiz import Choice, Label, Quiz
from ..kit.text import safe_text
from . import chart, model

__all__ = ["EXERCISES", "BoardExercise", "BottleneckExercise", "board", "board_question", "bottleneck",
           "check", "duties", "duties_question"]

#: The starting point of the live bottleneck: 20 decisions a week, 15 you can take, half delegated.
START = {"lam": 20, "mu": 15, "d": 50}
#: The static explorer's grid: decisions a week, and what the leader decides a week.
GRID_LAMS = (10, 15, 20, 30, 40)
GRID_MUS = (10, 15, 20, 25)


def board_question() -> Label:
    """Exercise 1's question: a level per decision; the rule's levels and reasons are the answers."""
    rec = model.recommend(model.load_decisions())
    return Label.from_frame("Choose the level of delegation for each decision.", rec, "decision", "level",
                            labels=list(model.LEVELS), reason="reason",
                            explain="The rule adds points for what favours the team and takes them off for "
                            "what favours you; every three points move one level from agree.")


class BoardExercise(LabelExercise):
    """Exercise 1 live: a level per decision, drawn on the board against the rule's, with the gaps explained."""

    def __init__(self, mode: str | None = None):
        self.recommended = model.recommend(model.load_decisions())
        super().__init__(board_question(), mode=mode, chart=chart.board_chart)

    def chart_data(self, answers: pd.DataFrame) -> pd.DataFrame:
        return model.board_frame(self.recommended, answers["given"].tolist())

    def feedback(self, answers: pd.DataFrame) -> str:
        lines = model.level_feedback(model.board_frame(self.recommended, answers["given"].tolist()))
        rest = "".join(f"<li>{safe_text(line)}</li>" for line in lines[1:])
        return f"<p>{safe_text(lines[0])}</p>" + (f"<ul>{rest}</ul>" if rest else "")


class BottleneckExercise(LiveExercise):
    """Exercise 2 live: sliders for decisions a week, your deciding rate and the share delegated."""

    def __init__(self, mode: str | None = None):
        self.lam = slider("Decisions a week", START["lam"], 1, 60)
        self.mu = slider("You decide a week", START["mu"], 1, 60)
        self.share = slider("Delegated (%)", START["d"], 0, 100)
        super().__init__(controls=[self.lam, self.mu, self.share],
                         chart=chart.bottleneck_chart(self._curve()), mode=mode)
        self.watch(self.lam, self.mu, self.share)
        self.refresh()

    def _curve(self) -> pd.DataFrame:
        return model.bottleneck_curve(self.lam.value, self.mu.value, self.share.value / 100)

    def update(self) -> None:
        """Recompute the curve for the sliders and say how long a decision waits."""
        curve = self._curve()
        self.chart.update(curve)
        lam, mu, d = self.lam.value, self.mu.value, self.share.value / 100
        arrivals, boom = lam * (1 - d), model.explosion_share(lam, mu) * 100
        row = curve[curve["yours"]].iloc[0]
        if arrivals >= mu:
            self.summary.value = (f"<p>{arrivals:.1f} decisions a week reach you and you decide {mu}: "
                                  f"<b>the queue grows without end</b>. Delegate more than {boom:.0f} %.</p>")
            return
        spread = (f"1 in 10 waits more than <b>{row['p90_days']:.1f} days</b> (simulated)."
                  if pd.notna(row["p90_days"]) else "Over 95 % busy, the wait swings wildly.")
        self.summary.value = (f"<p>{arrivals:.1f} decisions a week reach you and you decide {mu}: each waits "
                              f"<b>{row['lead_days']:.1f} working days</b> on average. {spread}</p>")

    def answer(self) -> dict:
        """The queue for workshop mode: ``decisions`` a week, ``you_decide`` a week, ``delegated``
        (per cent), and the mean wait ``lead_days`` (None when the queue grows without end)."""
        lam, mu, d = self.lam.value, self.mu.value, self.share.value / 100
        row = self._curve().query("yours").iloc[0]
        grows = lam * (1 - d) >= mu or pd.isna(row["lead_days"])
        return {"decisions": int(lam), "you_decide": int(mu), "delegated": int(self.share.value),
                "lead_days": None if grows else round(float(row["lead_days"]), 2), "grows": bool(grows),
                "explodes_below": round(float(model.explosion_share(lam, mu) * 100), 1)}

    def actions(self) -> list[Action]:
        def move(control):
            return lambda rng: setattr(control, "value", rng.randint(control.min, control.max))

        return [Action("move decisions a week", move(self.lam)), Action("move your deciding rate", move(self.mu)),
                Action("move the share delegated", move(self.share))]


def duties_question() -> Label:
    """Exercise 3's question: each duty is ``delegate`` or ``still mine``, with why."""
    return Label.from_frame("Which of these do you delegate, and which stay yours?", model.load_duties(), "duty",
                            "owner", labels=list(model.OWNERS), reason="reason",
                            explain="Delegating hands over the decision, not your support for it.")


#: Exercise 1, both faces: the live board, or the same question as a quiz on the page.
board = Exercise("board", BoardExercise, lambda: Quiz("delegation-board", "Set the levels", [board_question()]))
#: Exercise 2, both faces: the live sliders, or the explorer over the model's grid.
bottleneck = Exercise("bottleneck", BottleneckExercise,
                      lambda: chart.bottleneck_explorer(model.bottleneck_grid(GRID_LAMS, GRID_MUS)))
#: Exercise 3, both faces: the live sort, or the same question as a quiz.
duties = Exercise("duties", lambda mode=None: LabelExercise(duties_question(), mode=mode),
                  lambda: Quiz("delegation-duties", "Delegate or still mine?", [duties_question()]))
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (board, bottleneck, duties)


def check() -> Quiz:
    """A short check of the chapter's lesson; its answers come from the model."""
    lam, mu = START["lam"], START["mu"]
    boom = model.explosion_share(lam, mu)
    half = model.lead_time(lam, mu, 0.5) * model.WORK_DAYS
    return Quiz("delegation-check", "Check your understanding", [
        Choice(f"{lam} decisions a week reach a leader who can take {mu}. What happens if they delegate none?",
               ["Each decision waits a little longer.", "The queue grows without end.",
                "The team waits exactly a week."], correct=[1],
               explain=f"More arrive than leave; the queue explodes unless over {boom:.0%} is delegated."),
        Choice(f"Delegating half of them, the mean wait is {half:.1f} days. Is that what most decisions wait?",
               ["Yes, every decision waits about that long.",
                "No: many wait less, and 1 in 10 waits over twice as long."], correct=[1],
               explain="Waits in a queue are spread out; the mean hides the long tail."),
        Choice("After delegating a decision, what is still yours?",
               ["Nothing: it is theirs now.", "The business case, escalation and coaching.",
                "Re-deciding it if you disagree."], correct=[1],
               explain="Delegation hands over the decision, not your support for it."),
    ])
