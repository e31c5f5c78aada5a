"""How the room's dashboard reads and draws the influence exercises' answers (workshop mode).

Beside each exercise's ``answer()`` in :mod:`exercises.influence.widget`: ``VIEWS`` maps an
exercise name to its :class:`~exercises.room.dashboard.RoomView`, which
:mod:`exercises.room.dashboard` draws for the facilitator.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH
from ..kit.theme import YOURS
from ..room.dashboard import RoomView, bars_with_tick

__all__ = ["VIEWS"]


def read_cascade(a: dict) -> dict:
    """One row: the leaders the participant's first conversations bring on board, and the best of as many."""
    return {"reach": int(a["reach"]), "best_reach": int(a["best_reach"]), "people": len(a["seeds"]),
            "seeds": ", ".join(map(str, a["seeds"]))}


def cascade_chart(t: pd.DataFrame) -> alt.LayerChart:
    """A bar per participant at their reach, the best choice of as many people as a tick."""
    return bars_with_tick(
        t, alt.X("reach:Q", title="Leaders on board in the end"), "best_reach",
        ["participant", "seeds", "reach", "best_reach"], "Whom the room talks to first",
        "Bar: leaders on board from a participant's first conversations; black tick: the best choice of as many.",
        "A bar per participant: how many leaders their first conversations bring on board, with the reach of "
        "the best choice of as many people as a tick.")


def read_obstacles(a: dict) -> list[dict]:
    """A row per owner the participant named (spelling tidied), with how many obstacles they own."""
    return [{"owner": " ".join(str(o["owner"]).split()).capitalize(), "obstacles": len(o["obstacles"])}
            for o in a["owners"]]


def obstacles_chart(t: pd.DataFrame) -> alt.Chart:
    """A bar per owner: the room's obstacles they own, the twelve named most."""
    owners = t.groupby("owner", as_index=False).agg(obstacles=("obstacles", "sum"), people=("participant", "nunique"))
    owners = owners.sort_values(["obstacles", "owner"], ascending=[False, True]).head(12)
    return alt.Chart(owners).mark_bar(color=YOURS).encode(
        y=alt.Y("owner:N", title=None, sort="-x"), x=alt.X("obstacles:Q", title="Obstacles the room gives them"),
        tooltip=["owner", "obstacles", "people"]).properties(
        width=WIDTH, height=max(60, 24 * len(owners)),
        title=alt.Title("Who owns the room's obstacles", subtitle="The twelve owners named most, by obstacles owned."),
        description="A bar per owner the room named: how many of the room's obstacles they own, most first.")


#: Each exercise's view on the room's dashboard, by exercise name.
VIEWS = {
    "cascade": RoomView("Influence: whom the room talks to first", read_cascade, cascade_chart),
    "obstacles": RoomView("Influence: who owns the room's obstacles", read_obstacles, obstacles_chart,
                          rows=lambda a: len(a["owners"])),
}
