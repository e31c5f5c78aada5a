"""How the room's dashboard reads and draws the sequencing exercises' answers (workshop mode).

Beside each exercise's ``answer()`` in :mod:`exercises.sequencing.widget`: ``VIEWS`` maps an
exercise name to its :class:`~exercises.room.dashboard.RoomView`, which
:mod:`exercises.room.dashboard` draws for the facilitator.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH
from ..kit.theme import BEST, RULE, YOURS
from ..room.dashboard import RoomView, bars_with_tick, number
from . import model

__all__ = ["VIEWS"]


def read_order(a: dict) -> dict:
    """One row: the order's ``share_of_best`` (None when it cannot be scheduled), WSJF's, the horizon."""
    share = number(a["share_of_best"])
    return {"share_of_best": share, "schedulable": share is not None, "wsjf_share": number(a["wsjf_share"]),
            "horizon": int(a["horizon"]), "order": " → ".join(a["order"])}


def order_chart(t: pd.DataFrame) -> alt.LayerChart:
    """A bar per participant: their order's share of the best, WSJF's share as a tick."""
    return bars_with_tick(
        t.assign(share=t["share_of_best"].fillna(0)),
        alt.X("share:Q", title="Share of the best possible order", axis=alt.Axis(format="%"),
              scale=alt.Scale(domain=[0, 1])),
        "wsjf_share", ["participant", alt.Tooltip("share_of_best:Q", format=".0%"), "horizon", "order"],
        "The room's orders", "Bar: your order's share of the best; orange tick: WSJF's, same horizon. An order "
        "that cannot be scheduled shows 0.",
        "A bar per participant: the share of the best possible value their order of the backlog earns by their "
        "horizon, with WSJF's share as a tick for comparison.", tick_colour=RULE)


def read_allocation(a: dict) -> list[dict]:
    """A row per kind of work: the share of capacity the participant gave it."""
    return [{"kind": str(kind), "share": float(share)} for kind, share in a["shares"].items()]


def allocation_chart(t: pd.DataFrame) -> alt.LayerChart:
    """Per kind of work, a dot per participant at the share they gave it, the leader's split as a tick."""
    leader = pd.DataFrame({"kind": list(model.KINDS),
                           "leader": model.whole_shares(model.leader_allocation(model.load_returns()))})
    base = alt.Chart(t.merge(leader, on="kind", how="left"))
    kinds = alt.Y("kind:N", title=None, sort=list(model.KINDS))
    dots = base.mark_circle(size=90, opacity=0.6, color=YOURS).encode(
        y=kinds, x=alt.X("share:Q", title="Share of capacity (%)", scale=alt.Scale(domain=[0, 100])),
        tooltip=["participant", "kind", "share"])
    best = base.mark_tick(color=BEST, thickness=3, size=22).encode(y=kinds, x="leader:Q")
    return (dots + best).properties(
        width=WIDTH, height=160,
        title=alt.Title("The room's capacity splits", subtitle="Dots: each participant's share per kind of work; "
                        "black tick: the leader's split."),
        description="For each kind of work, a dot per participant at the share of capacity they gave it, and a "
                    "black tick at the share the leader's split gives it.")


#: Each exercise's view on the room's dashboard, by exercise name.
VIEWS = {
    "order": RoomView("Sequencing: the room's orders", read_order, order_chart),
    "allocation": RoomView("Sequencing: the room's capacity splits", read_allocation, allocation_chart,
                           rows=lambda a: len(a["shares"])),
}
