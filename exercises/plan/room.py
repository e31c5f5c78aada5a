"""Your transition plan and the room: where the plan reads a learner's kept answers, and how the
facilitator's dashboard draws this chapter's answers (workshop mode).

:func:`kept` reads, for the participant of this kernel, every answer and input value kept: in
the learner's journal outside a workshop, or in the room's store in a workshop. ``VIEWS`` maps
each exercise name to its :class:`~exercises.room.dashboard.RoomView`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH
from ..kit.theme import YOURS
from ..room import participant
from ..room.dashboard import RoomView, height_for

__all__ = ["VIEWS", "kept"]


def kept() -> tuple[dict, dict]:
    """``(inputs, answers)`` kept for this kernel's participant.

    ``inputs`` is ``{"<topic>/<exercise>": {input name: value}}`` (the journal keeps each
    declared input under ``"<topic>/<exercise>/<name>"``), ``answers`` is
    ``{"<topic>/<exercise>": answer()}``, the last of each. Both are empty when nothing is kept
    (no journal, no workshop, no participant) or the store cannot be read: the plan then names
    every answer as missing, never raising.
    """
    try:
        if not participant.keeping():
            return {}, {}
        who = participant.participant()
        opened = participant.store()
        if not who or opened is None:
            return {}, {}
        rows = opened.answers(participant=who)
    except Exception:  # noqa: BLE001 - a store that cannot be read: the plan names every answer as missing
        return {}, {}
    inputs: dict = {}
    answers: dict = {}
    for row in rows:
        parts = row.exercise.split("/")
        if len(parts) == 3:
            inputs.setdefault(f"{parts[0]}/{parts[1]}", {})[parts[2]] = row.answer
        elif len(parts) == 2:
            answers[row.exercise] = row.answer
    return inputs, answers


def read_self(answer: dict) -> dict:
    """One row: the competency with the largest gap (or none) and its size."""
    gaps = answer["gaps"]
    largest = answer["largest"]
    return {"largest": str(largest) if largest else "no gap", "gap": int(gaps[largest]) if largest else 0}


def read_week(answer: dict) -> dict:
    """One row: the share of the week with customers and the market, and with internal teams."""
    return {"market": int(answer["market"]), "internal": int(answer["internal"]), "verdict": str(answer["verdict"])}


def read_questions(answer: dict) -> dict:
    """One row: how many of the three questions are answered."""
    return {"answered": int(answer["answered"])}


def read_plan(answer: dict) -> dict:
    """One row: how many lines of the plan come from the participant's answers."""
    return {"answered": int(answer["answered"]), "total": int(answer["total"])}


def _dots(x: str, title: str, heading: str, description: str):
    def draw(table: pd.DataFrame) -> alt.Chart:
        return alt.Chart(table).mark_point(size=120, filled=True, color=YOURS).encode(
            x=alt.X(f"{x}:Q", title=title), y=alt.Y("participant:N", title=None, sort="-x"),
            tooltip=list(table.columns)).properties(
            width=WIDTH, height=height_for(table["participant"].nunique()), title=heading, description=description)
    return draw


def _largest_chart(table: pd.DataFrame) -> alt.Chart:
    return alt.Chart(table).mark_bar(color=YOURS).encode(
        y=alt.Y("largest:N", title=None), x=alt.X("count():Q", title="Participants"),
        tooltip=["largest", "count()"]).properties(
        width=WIDTH, title="The room's largest gaps",
        description="Bar chart: how many participants name each competency as their largest gap.")


#: Each exercise's view on the room's dashboard, by exercise name.
VIEWS = {
    "gaps": RoomView("Your transition plan: the largest gaps", read_self, _largest_chart),
    "week": RoomView("Your transition plan: time with customers and the market", read_week,
                     _dots("market", "Share of the week with customers and the market (%)", "Time in the market",
                           "A dot per participant at the share of their week they spend with customers and the market.")),
    "questions": RoomView("Your transition plan: the three questions", read_questions,
                          _dots("answered", "Questions answered (of 3)", "The three questions",
                                "A dot per participant at how many of the three questions they answered.")),
    "plan": RoomView("Your transition plan: how complete", read_plan,
                     _dots("answered", "Lines of the plan from their answers", "Plans so far",
                           "A dot per participant at how many lines of their plan come from their own answers.")),
}
