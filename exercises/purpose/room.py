"""How the room's dashboard reads and draws the purpose exercises' answers (workshop mode).

Beside each exercise's ``answer()`` in :mod:`exercises.purpose.widget`: ``VIEWS`` maps an
exercise name to its :class:`~exercises.room.dashboard.RoomView`, which
:mod:`exercises.room.dashboard` draws for the facilitator. The golden-circle sort is a
labelling exercise: the dashboard's generic labelling view draws it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH
from ..kit.theme import YOURS
from ..room.dashboard import RoomView

__all__ = ["VIEWS"]


def read_message(a: dict) -> list[dict]:
    """A row per golden-circle check: passed or not, with the participant's why."""
    return [{"check": str(check), "passed": bool(passed), "why": str(a["why"])}
            for check, passed in a["passed"].items()]


def message_chart(t: pd.DataFrame) -> alt.Chart:
    """A bar per check: the share of the room whose message passes it."""
    share = t.groupby("check", as_index=False).agg(passed=("passed", "mean"), people=("participant", "nunique"))
    return alt.Chart(share).mark_bar(color=YOURS).encode(
        y=alt.Y("check:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
        x=alt.X("passed:Q", title="Share of the room whose message passes", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        tooltip=["check", alt.Tooltip("passed:Q", format=".0%"), "people"]).properties(
        width=WIDTH - 120, height=120,
        title=alt.Title("Golden-circle checks", subtitle="Share of the room's messages that pass each check."),
        description="A bar per golden-circle check of the written message: the share of participants whose why, "
                    "how and what pass it.")


def read_bass(a: dict) -> dict:
    """One row: the innovation ``p`` and imitation ``q`` chosen, and when adoption peaks."""
    return {"p": float(a["p"]), "q": float(a["q"]), "peak": float(a["peak"])}


def bass_chart(t: pd.DataFrame) -> alt.Chart:
    """A dot per participant at their p and q, coloured by the peak period."""
    return alt.Chart(t).mark_circle(size=120, opacity=0.7).encode(
        x=alt.X("p:Q", title="Innovation p"), y=alt.Y("q:Q", title="Imitation q"),
        color=alt.Color("peak:Q", title="Peak period", scale=alt.Scale(scheme="viridis")),
        tooltip=["participant", "p", "q", "peak"]).properties(
        width=WIDTH, height=240,
        title=alt.Title("The room's S-curves", subtitle="Each dot: the p and q a participant chose, coloured by "
                        "when adoption peaks."),
        description="A dot per participant at the innovation p and imitation q they chose for the Bass curve, "
                    "coloured by the period at which adoption peaks.")


def read_cascade(a: dict) -> dict:
    """One row: the spread of thresholds and committed share chosen, and how many joined."""
    return {"spread": float(a["spread"]), "committed": float(a["committed"]), "joined": float(a["joined"])}


def cascade_chart(t: pd.DataFrame) -> alt.Chart:
    """A dot per participant at their spread and committed share, darker when more join."""
    return alt.Chart(t).mark_circle(size=120, opacity=0.8).encode(
        x=alt.X("spread:Q", title="Spread of thresholds (%)"), y=alt.Y("committed:Q", title="Committed believers (%)"),
        color=alt.Color("joined:Q", title="Joined in the end (%)", scale=alt.Scale(scheme="blues", domain=[0, 100])),
        tooltip=["participant", "spread", "committed", "joined"]).properties(
        width=WIDTH, height=240,
        title=alt.Title("Does the crowd tip?", subtitle="Each dot: a participant's spread and committed share, "
                        "darker when more join."),
        description="A dot per participant at the spread of thresholds and the committed share they chose, "
                    "coloured by the share of the crowd that joined in the end.")


#: Each exercise's view on the room's dashboard, by exercise name.
VIEWS = {
    "message": RoomView("Purpose: the room's messages", read_message, message_chart,
                        rows=lambda a: len(a["passed"])),
    "bass": RoomView("Purpose: the room's S-curves", read_bass, bass_chart),
    "cascade": RoomView("Purpose: does the crowd tip?", read_cascade, cascade_chart),
}
