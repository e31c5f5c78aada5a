"""How the room's dashboard reads and draws the status-quo exercises' answers (workshop mode).

Beside each exercise's ``answer()`` in :mod:`exercises.status_quo.widget`: ``VIEWS`` maps an
exercise name to its :class:`~exercises.room.dashboard.RoomView`, which
:mod:`exercises.room.dashboard` draws for the facilitator. The doors are a labelling exercise:
the dashboard's generic labelling view draws them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH
from ..kit.theme import PALETTE, YOURS
from ..room.dashboard import RoomView, whole_axis
from . import model

__all__ = ["VIEWS"]


def _picked(a: dict) -> tuple[set, set]:
    return set(map(str, a["test_first"])), set(map(str, a["challenged"]))


def read_assumptions(a: dict) -> list[dict]:
    """A row per practice the participant put among their first to test or challenged."""
    first, challenged = _picked(a)
    return [{"id": key, "test_first": key in first, "challenged": key in challenged}
            for key in sorted(first | challenged)]


def assumptions_chart(t: pd.DataFrame) -> alt.Chart:
    """Per practice: how many put it among their first to test, and how many challenged it."""
    practices = model.load_practices()
    names = dict(zip(practices["id"], practices["practice"]))
    counts = (t.assign(practice=t["id"].map(names).fillna(t["id"]))
              .groupby("practice", as_index=False)[["test_first", "challenged"]].sum()
              .melt("practice", var_name="what", value_name="people"))
    counts["what"] = counts["what"].map({"test_first": "among their first to test", "challenged": "challenged"})
    return alt.Chart(counts).mark_bar().encode(
        y=alt.Y("practice:N", title=None, sort=alt.EncodingSortField("people", op="sum", order="descending")),
        yOffset="what:N", x=alt.X("people:Q", title="Participants", axis=whole_axis(counts["people"].max())),
        color=alt.Color("what:N", title=None, scale=alt.Scale(range=[YOURS, PALETTE[5]])),
        tooltip=["practice", "what", "people"]).properties(
        width=WIDTH, height=max(80, 30 * counts["practice"].nunique()),
        title=alt.Title("Which fences the room would test", subtitle="Per practice: how many put it among their "
                        "first to test, and how many challenged it after writing why it stands."),
        description="Bars per practice of the organisation: how many participants rank it among the assumptions "
                    "to test first, and how many marked it to challenge.")


def read_tests(a: dict) -> dict:
    """One row: the evidence needed, the budget, and the cheapest convincing test ("" for none)."""
    return {"required": int(a["required"]), "budget": int(a["budget"]),
            "cheapest": str(a["cheapest"]) if a["cheapest"] else ""}


def tests_chart(t: pd.DataFrame) -> alt.Chart:
    """A bar per experiment: how many found it the cheapest convincing test (and how many found none)."""
    names = dict(zip(model.load_experiments()["id"], model.load_experiments()["experiment"]))
    chosen = t.assign(test=t["cheapest"].map(names).fillna("none within the budget"))
    counts = chosen.groupby("test", as_index=False).agg(people=("participant", "nunique"))
    return alt.Chart(counts).mark_bar(color=YOURS).encode(
        y=alt.Y("test:N", title=None, sort="-x"),
        x=alt.X("people:Q", title="Participants", axis=whole_axis(counts["people"].max())),
        tooltip=["test", "people"]).properties(
        width=WIDTH, height=max(60, 24 * len(counts)),
        title=alt.Title("The cheapest convincing tests the room found",
                        subtitle="For the evidence each participant needs and the budget they have."),
        description="A bar per experiment: how many participants found it the cheapest test that reaches the "
                    "evidence they need within their budget, and how many found none.")


#: Each exercise's view on the room's dashboard, by exercise name.
VIEWS = {
    "assumptions": RoomView("The status quo: the fences the room would test", read_assumptions, assumptions_chart,
                            rows=lambda a: len(set.union(*_picked(a)))),
    "tests": RoomView("The status quo: the room's cheapest tests", read_tests, tests_chart),
}
