"""How the room's dashboard reads and draws __Title__'s answers (workshop mode).

Beside each exercise's ``answer()`` in ``widget.py``: ``VIEWS`` maps an exercise name to its
:class:`~exercises.room.dashboard.RoomView`, which the facilitator's dashboard draws. A contract
test (``tests/test_room_views.py``) sends every exercise's answer through its own view, so a key
renamed in ``answer()`` and not here fails at once.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH
from ..kit.theme import YOURS
from ..room.dashboard import RoomView, height_for

__all__ = ["VIEWS"]


def read_reach(answer: dict) -> dict:
    """One row per participant: the weekly rate they chose and the weeks until half have heard."""
    return {"rate": float(answer["rate"]), "half_life": float(answer["half_life"])}


def reach_chart(table: pd.DataFrame) -> alt.Chart:
    """A dot per participant: the rate they tried against the weeks until half the people have heard."""
    return alt.Chart(table).mark_point(size=120, filled=True, color=YOURS).encode(
        x=alt.X("rate:Q", title="Reached a week (%)"), y=alt.Y("participant:N", title=None, sort="-x"),
        tooltip=["participant", "rate", "half_life"]).properties(
        width=WIDTH, height=height_for(table["participant"].nunique()), title="The rates the room tried",
        description="A dot per participant at the weekly rate they chose; hover for the weeks until half the "
                    "people have heard.")


#: Each exercise's view on the room's dashboard, by exercise name.
VIEWS = {"reach": RoomView("__Title__: how fast the idea spreads", read_reach, reach_chart)}
