"""How the room's dashboard reads and draws the culture exercise's answers (workshop mode).

Beside the exercise's ``answer()`` in :mod:`exercises.culture.widget`: ``VIEWS`` maps an
exercise name to its :class:`~exercises.room.dashboard.RoomView`, which
:mod:`exercises.room.dashboard` draws for the facilitator.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.theme import BEST, RULE, YOURS
from ..room.dashboard import RoomView

__all__ = ["VIEWS"]

WINNERS = ["even", "burst", "tie"]


def read_cadence(a: dict) -> dict:
    """One row: the share holding the norm at week 52 with each schedule, and which is ahead."""
    return {"even_at_52": float(a["even_at_52"]), "burst_at_52": float(a["burst_at_52"]), "winner": str(a["winner"])}


def cadence_chart(t: pd.DataFrame) -> alt.LayerChart:
    """A mark per participant: the burst (across) against the even spread (up) at week 52."""
    dots = alt.Chart(t).mark_point(size=140, filled=True, opacity=0.8).encode(
        x=alt.X("burst_at_52:Q", title="Burst: holding the norm at week 52", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("even_at_52:Q", title="Even spread: at week 52", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("winner:N", title="Ahead", scale=alt.Scale(domain=WINNERS, range=[YOURS, RULE, BEST])),
        shape=alt.Shape("winner:N", title="Ahead", scale=alt.Scale(domain=WINNERS,
                                                                   range=["circle", "square", "diamond"])),
        tooltip=["participant", "even_at_52", "burst_at_52", "winner"])
    diagonal = alt.Chart(pd.DataFrame({"x": [0, 1], "y": [0, 1]})).mark_line(
        color=BEST, strokeDash=[6, 3], strokeWidth=1, aria=False).encode(x="x:Q", y="y:Q")
    return alt.layer(dots, diagonal).properties(
        width=300, height=300,
        title=alt.Title("Even spread or burst?", subtitle="Above the dashed line the even spread is ahead at week 52."),
        description="A mark per participant: the share holding the norm at week 52 with the burst (across) and "
                    "the even spread (up) for the budget and half-life they chose; above the diagonal the even "
                    "spread is ahead.")


def read_peers(a: dict) -> dict:
    """One row: the peer talk chosen, the share holding the norm at week 52 with the burst, with and
    without peers, and which schedule gives more weeks of adoption."""
    return {"peer": float(a["peer"]), "burst_at_52": float(a["burst_at_52"]),
            "alone_burst_at_52": float(a["alone_burst_at_52"]), "more_weeks_held": str(a["more_weeks_held"])}


def peers_chart(t: pd.DataFrame) -> alt.Chart:
    """A mark per participant: the peer talk they chose (across) against the burst's share at week 52 (up)."""
    return alt.Chart(t).mark_point(size=140, filled=True, opacity=0.8).encode(
        x=alt.X("peer:Q", title="Peer talk a week", scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("burst_at_52:Q", title="Burst: holding the norm at week 52", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("more_weeks_held:N", title="More weeks of adoption",
                        scale=alt.Scale(domain=WINNERS, range=[YOURS, RULE, BEST])),
        shape=alt.Shape("more_weeks_held:N", title="More weeks of adoption",
                        scale=alt.Scale(domain=WINNERS, range=["circle", "square", "diamond"])),
        tooltip=["participant", "peer", "burst_at_52", "alone_burst_at_52", "more_weeks_held"]).properties(
        width=300, height=300,
        title=alt.Title("Do peers keep the burst going?", subtitle="High on the left: little peer talk was enough."),
        description="A mark per participant: the peer talk they chose (across) and the share still holding the "
                    "norm at week 52 after a launch burst (up); colour and shape say which schedule gave more "
                    "weeks of adoption.")


#: Each exercise's view on the room's dashboard, by exercise name.
VIEWS = {"cadence": RoomView("Culture: even spread or burst?", read_cadence, cadence_chart),
         "peers": RoomView("Culture: do peers keep the norm going?", read_peers, peers_chart)}
