"""How the room's dashboard reads and draws the delegation exercises' answers (workshop mode).

Beside each exercise's ``answer()`` in :mod:`exercises.delegation.widget`: ``VIEWS`` maps an
exercise name to its :class:`~exercises.room.dashboard.RoomView`, which
:mod:`exercises.room.dashboard` draws for the facilitator. The duties are a labelling exercise:
the dashboard's generic labelling view draws them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH
from ..kit.theme import BEST, WARNING, YOURS
from ..room.dashboard import RoomView, height_for, labels_chart, labels_given, number, read_labels
from . import model

__all__ = ["VIEWS"]

QUEUES = ["settles", "grows without end"]


def board_chart(t: pd.DataFrame) -> alt.LayerChart:
    """The room's levels per decision (the labelling view), with the recommended level outlined."""
    rec = model.recommend(model.load_decisions())[["decision", "level"]].rename(
        columns={"decision": "item", "level": "label"})
    return labels_chart(t, rec[rec["item"].isin(t["item"])], labels=list(model.LEVELS),
                        title="The room's delegation levels", what="level",
                        description="For each decision, a dot per level of delegation the room chose, sized by "
                                    "how many chose it, with the recommended level outlined: the spread of levels "
                                    "against the recommendation.")


def read_bottleneck(a: dict) -> dict:
    """One row: the share delegated, the mean days a decision waits (None when the queue grows
    without end), whether the queue settles, and the share below which it explodes."""
    lead = number(a["lead_days"])
    return {"delegated": float(a["delegated"]), "lead_days": lead,
            "queue": QUEUES[1] if a["grows"] or lead is None else QUEUES[0],
            "explodes_below": float(a["explodes_below"])}


def bottleneck_chart(t: pd.DataFrame) -> alt.LayerChart:
    """A mark per participant at the share they delegated, shaped by their queue, with the edge as a tick."""
    base = alt.Chart(t).encode(y=alt.Y("participant:N", title=None, sort="-x"))
    dots = base.mark_point(size=140, filled=True).encode(
        x=alt.X("delegated:Q", title="Share of decisions delegated (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("queue:N", title="Their queue", scale=alt.Scale(domain=QUEUES, range=[YOURS, WARNING])),
        shape=alt.Shape("queue:N", title="Their queue", scale=alt.Scale(domain=QUEUES,
                                                                        range=["circle", "triangle-up"])),
        tooltip=["participant", "delegated", "lead_days", "queue"])
    edge = base.mark_tick(color=BEST, thickness=2, size=18).encode(x="explodes_below:Q")
    return (dots + edge).properties(
        width=WIDTH, height=height_for(t["participant"].nunique()),
        title=alt.Title("How much the room delegates", subtitle="Each mark: the share a participant delegated; "
                        "black tick: below it their queue grows without end."),
        description="A mark per participant at the share of decisions they delegated, shaped and coloured by "
                    "whether their decision queue settles or grows without end, with a tick at the share below "
                    "which it explodes.")


def read_score(a: dict) -> dict:
    """One row: the level the rule gives the participant's own decision, and its points."""
    return {"rank": int(a["rank"]), "level": str(a["level"]), "points": int(a["points"])}


def score_chart(t: pd.DataFrame) -> alt.Chart:
    """A dot per participant at the level the rule gives their own decision."""
    return alt.Chart(t).mark_point(size=140, filled=True, color=YOURS).encode(
        x=alt.X("rank:Q", title="Level of delegation (1 tell … 7 delegate)", scale=alt.Scale(domain=[0.5, 7.5]),
                axis=alt.Axis(values=list(range(1, 8)), labelExpr=f"{list(model.LEVELS)!r}[datum.value - 1]")),
        y=alt.Y("participant:N", title=None, sort="x"),
        tooltip=["participant", "level", "points"]).properties(
        width=WIDTH, height=height_for(t["participant"].nunique()),
        title=alt.Title("The room's own decisions", subtitle="Each dot: the level the rule gives a participant's "
                        "own decision."),
        description="A dot per participant at the level of delegation, from tell to delegate, that the rule "
                    "gives the decision they scored themselves: where the room's real decisions sit.")


#: Each exercise's view on the room's dashboard, by exercise name.
VIEWS = {
    "board": RoomView("Delegation: the room's levels", read_labels, board_chart, rows=labels_given),
    "score": RoomView("Delegation: the room's own decisions", read_score, score_chart),
    "bottleneck": RoomView("Delegation: how much the room delegates", read_bottleneck, bottleneck_chart),
}
