"""The facilitator's dashboard: the room's answers, exercise by exercise, as tables and charts.

Pure functions from the store's rows (:meth:`exercises.room.store.Store.latest`: each
participant's last answer to each exercise) to pandas frames and altair charts, one view per
exercise that has answers, in book order:

==========================  ========================================================================
``sequencing/order``        each participant's order as a share of the best possible, against WSJF's
``sequencing/allocation``   the room's capacity splits per kind of work, against the leader's split
``purpose/message``         the share of the room whose message passes each golden-circle check
``purpose/bass``            the innovation and imitation each participant chose, and when adoption peaks
``purpose/cascade``         spread of thresholds against committed share, and how many joined
``status_quo/assumptions``  how many put each practice among their first to test, and how many challenged it
``status_quo/tests``        the cheapest convincing test each participant found for their need and budget
``delegation/board``        the spread of levels per decision, against the recommended level
``delegation/bottleneck``   the share each participant delegated, and whether their queue settles
``influence/cascade``       how many leaders each choice brings on board, against the best choice
``influence/obstacles``     the owners the room names most, by obstacles owned
``culture/cadence``         who is ahead at week 52, the even spread or the burst, per participant
labelling exercises         the room's labels per item, right or wrong (the golden-circle sort,
                            delegate or still mine, forgiveness or permission, and any new one)
anything else               how many answers each participant saved
==========================  ========================================================================

Answers are data from many kernels (and versions): a row a view cannot read is left out, never
an error. :func:`anonymise` replaces names by "Participant 1, 2…" (numbered in the order they
first answered) for projecting. :func:`board` is the thin live face the notebook
``tools/room/dashboard.ipynb`` shows: a refresh button and the anonymised toggle.
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import CHAPTERS
from ..kit.charts import WIDTH
from ..kit.theme import BEST, PALETTE, RULE, WARNING, YOURS

__all__ = ["View", "anonymise", "board", "chart", "frame", "order_of", "summary", "table", "views"]

COLUMNS = ["participant", "exercise", "answer", "saved_at"]
RIGHT, WRONG = "right", "not this one"


@dataclass(frozen=True)
class View:
    """One exercise's view: its key, a title, the table behind the chart, and the chart."""

    exercise: str
    title: str
    participants: int
    table: pd.DataFrame
    chart: alt.TopLevelMixin


# --------------------------------------------------------------------------- the room's rows


def frame(rows: Iterable) -> pd.DataFrame:
    """The store's rows (:class:`~exercises.room.store.Answer`) as a frame: participant, exercise,
    answer (decoded JSON), saved_at (Unix time); each participant's last answer per exercise."""
    records = [{"participant": r.participant, "exercise": r.exercise, "answer": r.answer, "saved_at": r.saved_at}
               for r in rows]
    room = pd.DataFrame(records, columns=COLUMNS)
    if room.empty:
        return room
    return (room.sort_values("saved_at", kind="stable").drop_duplicates(["participant", "exercise"], keep="last")
            .reset_index(drop=True))


def anonymise(room: pd.DataFrame) -> pd.DataFrame:
    """``room`` with each name replaced by "Participant N", numbered in the order people first
    answered (so numbers stay put as the room grows); answers and counts are unchanged."""
    first = room.sort_values("saved_at", kind="stable")["participant"].drop_duplicates().tolist()
    names = {who: f"Participant {k}" for k, who in enumerate(first, start=1)}
    return room.assign(participant=room["participant"].map(names))


def order_of(exercise: str) -> tuple[int, int, str]:
    """Sort key: book order of the chapter, then the chapter's order of its exercises."""
    topic, _, name = exercise.partition("/")
    if topic not in CHAPTERS:
        return (len(CHAPTERS), 0, exercise)
    try:
        names = [e.name for e in importlib.import_module(f"exercises.{topic}.widget").EXERCISES]
    except Exception:  # noqa: BLE001 - a chapter that cannot load still has its answers shown
        names = []
    return (CHAPTERS.index(topic), names.index(name) if name in names else len(names), exercise)


def summary(room: pd.DataFrame) -> pd.DataFrame:
    """One row per exercise, in book order: how many participants answered, and when last."""
    if room.empty:
        return pd.DataFrame(columns=["exercise", "participants", "last_saved"])
    grouped = room.groupby("exercise").agg(participants=("participant", "nunique"), last=("saved_at", "max"))
    grouped["last_saved"] = [time.strftime("%H:%M:%S", time.localtime(t)) for t in grouped["last"]]
    ordered = sorted(grouped.index, key=order_of)
    return grouped.loc[ordered, ["participants", "last_saved"]].reset_index()


# --------------------------------------------------------------------------- tables per exercise


def _rows(room: pd.DataFrame, read: Callable[[str, dict], list[dict] | dict | None]) -> pd.DataFrame:
    """Apply ``read(participant, answer)`` to every row; rows it cannot read are left out."""
    out = []
    for who, answer in zip(room["participant"], room["answer"]):
        try:
            got = read(who, answer) if isinstance(answer, dict) else None
        except (KeyError, TypeError, ValueError, AttributeError):
            got = None
        if got is None:
            continue
        out.extend(got if isinstance(got, list) else [got])
    return pd.DataFrame(out)


def _number(value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    number = float(value)
    return number if pd.notna(number) else None


def _order(who, a):
    share = _number(a.get("share_of_best"))
    return {"participant": who, "share_of_best": share, "schedulable": share is not None,
            "wsjf_share": _number(a["wsjf_share"]), "horizon": int(a["horizon"]), "order": " → ".join(a["order"])}


def _allocation(who, a):
    return [{"participant": who, "kind": str(kind), "share": float(share)} for kind, share in a["shares"].items()]


def _message(who, a):
    return [{"participant": who, "check": str(check), "passed": bool(passed), "why": str(a.get("why", ""))}
            for check, passed in a["passed"].items()]


def _bass(who, a):
    return {"participant": who, "p": float(a["p"]), "q": float(a["q"]), "peak": float(a["peak"])}


def _cascade(who, a):
    return {"participant": who, "spread": float(a["spread"]), "committed": float(a["committed"]),
            "joined": float(a["joined"])}


def _labels(who, a):
    marks = a.get("marks", {})
    return [{"participant": who, "item": str(item), "label": str(label),
             "mark": RIGHT if marks.get(item) else WRONG} for item, label in a["labels"].items() if label]


def _bottleneck(who, a):
    lead = _number(a.get("lead_days"))
    return {"participant": who, "delegated": float(a["delegated"]), "lead_days": lead,
            "queue": "grows without end" if a.get("grows") or lead is None else "settles",
            "explodes_below": float(a["explodes_below"])}


def _influence(who, a):
    return {"participant": who, "reach": int(a["reach"]), "best_reach": int(a["best_reach"]),
            "people": len(a["seeds"]), "seeds": ", ".join(map(str, a["seeds"]))}


def _obstacles(who, a):
    return [{"participant": who, "owner": " ".join(str(o["owner"]).split()).capitalize(),
             "obstacles": len(o["obstacles"])} for o in a["owners"]]


def _cadence(who, a):
    return {"participant": who, "even_at_52": float(a["even_at_52"]), "burst_at_52": float(a["burst_at_52"]),
            "winner": str(a["winner"])}


def _assumptions(who, a):
    first, challenged = set(map(str, a.get("test_first", []))), set(map(str, a.get("challenged", [])))
    return [{"participant": who, "id": key, "test_first": key in first, "challenged": key in challenged}
            for key in sorted(first | challenged)] or None


def _tests(who, a):
    return {"participant": who, "required": int(a["required"]), "budget": int(a["budget"]),
            "cheapest": str(a["cheapest"]) if a.get("cheapest") else ""}


def _generic(who, a):
    return {"participant": who, "answer": json.dumps(a, ensure_ascii=False, sort_keys=True)[:200]}


READERS: dict[str, Callable] = {
    "sequencing/order": _order, "sequencing/allocation": _allocation, "purpose/message": _message,
    "purpose/bass": _bass, "purpose/cascade": _cascade, "status_quo/assumptions": _assumptions,
    "status_quo/tests": _tests, "delegation/board": _labels, "delegation/bottleneck": _bottleneck,
    "influence/cascade": _influence, "influence/obstacles": _obstacles, "culture/cadence": _cadence,
}


def _is_labelling(room: pd.DataFrame) -> bool:
    return any(isinstance(a, dict) and isinstance(a.get("labels"), dict) for a in room["answer"])


def table(exercise: str, room: pd.DataFrame) -> pd.DataFrame:
    """The table behind ``exercise``'s chart, from the room's rows for it (see the module docstring)."""
    mine = room[room["exercise"] == exercise]
    if exercise in READERS:
        return _rows(mine, READERS[exercise])
    if _is_labelling(mine):
        return _rows(mine, _labels)
    return _rows(mine, _generic)


# --------------------------------------------------------------------------- charts per exercise


def _whole(most: int) -> alt.Axis:
    """An axis of counts up to ``most``: whole numbers only (no tick at 0.5 when few have answered)."""
    return alt.Axis(format="d", tickCount=max(1, min(int(most), 10)))


def _people(n: int) -> int:
    return max(60, 22 * n)


def _bars_with_tick(t: pd.DataFrame, x: alt.X, tick: str, tooltip: list, title: str, subtitle: str,
                    description: str, tick_colour: str = BEST) -> alt.LayerChart:
    """A bar per participant at ``x``, best first, with a tick at the ``tick`` column to compare with."""
    base = alt.Chart(t).encode(y=alt.Y("participant:N", sort="-x", title=None))
    bars = base.mark_bar(color=YOURS).encode(x=x, tooltip=tooltip)
    ticks = base.mark_tick(color=tick_colour, thickness=3, size=18).encode(x=f"{tick}:Q")
    return (bars + ticks).properties(width=WIDTH, height=_people(t["participant"].nunique()),
                                     title=alt.Title(title, subtitle=subtitle), description=description)


def _order_chart(t):
    return _bars_with_tick(
        t.assign(share=t["share_of_best"].fillna(0)),
        alt.X("share:Q", title="Share of the best possible order", axis=alt.Axis(format="%"),
              scale=alt.Scale(domain=[0, 1])),
        "wsjf_share", ["participant", alt.Tooltip("share_of_best:Q", format=".0%"), "horizon", "order"],
        "The room's orders", "Bar: your order's share of the best; orange tick: WSJF's, same horizon. An order "
        "that cannot be scheduled shows 0.",
        "A bar per participant: the share of the best possible value their order of the backlog earns by their "
        "horizon, with WSJF's share as a tick for comparison.", tick_colour=RULE)


def _allocation_chart(t):
    from ..sequencing import model

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


def _message_chart(t):
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


def _bass_chart(t):
    return alt.Chart(t).mark_circle(size=120, opacity=0.7).encode(
        x=alt.X("p:Q", title="Innovation p"), y=alt.Y("q:Q", title="Imitation q"),
        color=alt.Color("peak:Q", title="Peak period", scale=alt.Scale(scheme="viridis")),
        tooltip=["participant", "p", "q", "peak"]).properties(
        width=WIDTH, height=240,
        title=alt.Title("The room's S-curves", subtitle="Each dot: the p and q a participant chose, coloured by "
                        "when adoption peaks."),
        description="A dot per participant at the innovation p and imitation q they chose for the Bass curve, "
                    "coloured by the period at which adoption peaks.")


def _cascade_chart(t):
    return alt.Chart(t).mark_circle(size=120, opacity=0.8).encode(
        x=alt.X("spread:Q", title="Spread of thresholds (%)"), y=alt.Y("committed:Q", title="Committed believers (%)"),
        color=alt.Color("joined:Q", title="Joined in the end (%)", scale=alt.Scale(scheme="blues", domain=[0, 100])),
        tooltip=["participant", "spread", "committed", "joined"]).properties(
        width=WIDTH, height=240,
        title=alt.Title("Does the crowd tip?", subtitle="Each dot: a participant's spread and committed share, "
                        "darker when more join."),
        description="A dot per participant at the spread of thresholds and the committed share they chose, "
                    "coloured by the share of the crowd that joined in the end.")


def _labels_chart(t, recommended: pd.DataFrame | None = None, labels: list[str] | None = None,
                  title="The room's labels", what="label", description=None):
    counts = t.groupby(["item", "label", "mark"], as_index=False).agg(people=("participant", "nunique"))
    items = list(dict.fromkeys(t["item"]))
    labels = labels or list(dict.fromkeys(t["label"]))
    y = alt.Y("item:N", title=None, sort=items, axis=alt.Axis(labelLimit=300))
    x = alt.X("label:N", title=None, sort=labels, scale=alt.Scale(domain=labels),
              axis=alt.Axis(labelAngle=0, orient="top"))
    layers = [alt.Chart(counts).mark_circle(opacity=0.85).encode(
        y=y, x=x, size=alt.Size("people:Q", title="Participants", scale=alt.Scale(range=[60, 600]),
                      legend=alt.Legend(format="d", tickMinStep=1)),
        color=alt.Color("mark:N", title=None, scale=alt.Scale(domain=[RIGHT, WRONG], range=[PALETTE[2], WARNING])),
        tooltip=["item", "label", "people", "mark"])]
    if recommended is not None and not recommended.empty:
        layers.append(alt.Chart(recommended).mark_square(size=420, filled=False, color=BEST, strokeWidth=2).encode(
            y=y, x=x, tooltip=[alt.Tooltip("label:N", title="recommended")]))
    return alt.layer(*layers).properties(
        width=max(240, 70 * len(labels)), height=max(80, 26 * len(items)),
        title=alt.Title(title, subtitle=f"Dot size: how many chose each {what}; green when right"
                        + ("; square: the recommended level." if recommended is not None else ".")),
        description=description or f"For each item, a dot for every {what} the room chose, sized by how many "
                                   "participants chose it and coloured right or wrong.")


def _board_chart(t):
    from ..delegation import model

    rec = model.recommend(model.load_decisions())[["decision", "level"]].rename(
        columns={"decision": "item", "level": "label"})
    return _labels_chart(t, rec[rec["item"].isin(t["item"])], labels=list(model.LEVELS),
                         title="The room's delegation levels", what="level",
                         description="For each decision, a dot per level of delegation the room chose, sized by "
                                     "how many chose it, with the recommended level outlined: the spread of levels "
                                     "against the recommendation.")


def _bottleneck_chart(t):
    base = alt.Chart(t).encode(y=alt.Y("participant:N", title=None, sort="-x"))
    dots = base.mark_point(size=140, filled=True).encode(
        x=alt.X("delegated:Q", title="Share of decisions delegated (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("queue:N", title="Their queue", scale=alt.Scale(domain=["settles", "grows without end"],
                                                                        range=[YOURS, WARNING])),
        shape=alt.Shape("queue:N", title="Their queue", scale=alt.Scale(domain=["settles", "grows without end"],
                                                                        range=["circle", "triangle-up"])),
        tooltip=["participant", "delegated", "lead_days", "queue"])
    edge = base.mark_tick(color=BEST, thickness=2, size=18).encode(x="explodes_below:Q")
    return (dots + edge).properties(
        width=WIDTH, height=_people(t["participant"].nunique()),
        title=alt.Title("How much the room delegates", subtitle="Each mark: the share a participant delegated; "
                        "black tick: below it their queue grows without end."),
        description="A mark per participant at the share of decisions they delegated, shaped and coloured by "
                    "whether their decision queue settles or grows without end, with a tick at the share below "
                    "which it explodes.")


def _influence_chart(t):
    return _bars_with_tick(
        t, alt.X("reach:Q", title="Leaders on board in the end"), "best_reach",
        ["participant", "seeds", "reach", "best_reach"], "Whom the room talks to first",
        "Bar: leaders on board from a participant's first conversations; black tick: the best choice of as many.",
        "A bar per participant: how many leaders their first conversations bring on board, with the reach of "
        "the best choice of as many people as a tick.")


def _assumptions_chart(t):
    from ..status_quo import model

    names = dict(zip(model.load_practices()["id"], model.load_practices()["practice"]))
    counts = (t.assign(practice=t["id"].map(names).fillna(t["id"]))
              .groupby("practice", as_index=False)[["test_first", "challenged"]].sum()
              .melt("practice", var_name="what", value_name="people"))
    counts["what"] = counts["what"].map({"test_first": "among their first to test", "challenged": "challenged"})
    return alt.Chart(counts).mark_bar().encode(
        y=alt.Y("practice:N", title=None, sort=alt.EncodingSortField("people", op="sum", order="descending")),
        yOffset="what:N", x=alt.X("people:Q", title="Participants", axis=_whole(counts["people"].max())),
        color=alt.Color("what:N", title=None, scale=alt.Scale(range=[YOURS, PALETTE[5]])),
        tooltip=["practice", "what", "people"]).properties(
        width=WIDTH, height=max(80, 30 * counts["practice"].nunique()),
        title=alt.Title("Which fences the room would test", subtitle="Per practice: how many put it among their "
                        "first to test, and how many challenged it after writing why it stands."),
        description="Bars per practice of the organisation: how many participants rank it among the assumptions "
                    "to test first, and how many marked it to challenge.")


def _tests_chart(t):
    from ..status_quo import model

    names = dict(zip(model.load_experiments()["id"], model.load_experiments()["experiment"]))
    chosen = t.assign(test=t["cheapest"].map(names).fillna("none within the budget"))
    counts = chosen.groupby("test", as_index=False).agg(people=("participant", "nunique"))
    return alt.Chart(counts).mark_bar(color=YOURS).encode(
        y=alt.Y("test:N", title=None, sort="-x"),
        x=alt.X("people:Q", title="Participants", axis=_whole(counts["people"].max())),
        tooltip=["test", "people"]).properties(
        width=WIDTH, height=max(60, 24 * len(counts)),
        title=alt.Title("The cheapest convincing tests the room found",
                        subtitle="For the evidence each participant needs and the budget they have."),
        description="A bar per experiment: how many participants found it the cheapest test that reaches the "
                    "evidence they need within their budget, and how many found none.")


def _obstacles_chart(t):
    owners = t.groupby("owner", as_index=False).agg(obstacles=("obstacles", "sum"), people=("participant", "nunique"))
    owners = owners.sort_values(["obstacles", "owner"], ascending=[False, True]).head(12)
    return alt.Chart(owners).mark_bar(color=YOURS).encode(
        y=alt.Y("owner:N", title=None, sort="-x"), x=alt.X("obstacles:Q", title="Obstacles the room gives them"),
        tooltip=["owner", "obstacles", "people"]).properties(
        width=WIDTH, height=max(60, 24 * len(owners)),
        title=alt.Title("Who owns the room's obstacles", subtitle="The twelve owners named most, by obstacles owned."),
        description="A bar per owner the room named: how many of the room's obstacles they own, most first.")


def _cadence_chart(t):
    winners = ["even", "burst", "tie"]
    dots = alt.Chart(t).mark_point(size=140, filled=True, opacity=0.8).encode(
        x=alt.X("burst_at_52:Q", title="Burst: holding the norm at week 52", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("even_at_52:Q", title="Even spread: at week 52", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("winner:N", title="Ahead", scale=alt.Scale(domain=winners, range=[YOURS, RULE, BEST])),
        shape=alt.Shape("winner:N", title="Ahead", scale=alt.Scale(domain=winners,
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


def _generic_chart(t, exercise):
    counts = t.groupby("participant", as_index=False).size()
    return alt.Chart(counts).mark_bar(color=YOURS).encode(
        y=alt.Y("participant:N", title=None),
        x=alt.X("size:Q", title="Answers saved", axis=_whole(counts["size"].max())),
        tooltip=["participant", "size"]).properties(
        width=WIDTH, height=_people(len(counts)), title=alt.Title(exercise, subtitle="Who has answered."),
        description=f"A bar per participant who answered {exercise}.")


CHARTS: dict[str, Callable] = {
    "sequencing/order": _order_chart, "sequencing/allocation": _allocation_chart, "purpose/message": _message_chart,
    "purpose/bass": _bass_chart, "purpose/cascade": _cascade_chart, "status_quo/assumptions": _assumptions_chart,
    "status_quo/tests": _tests_chart, "delegation/board": _board_chart,
    "delegation/bottleneck": _bottleneck_chart, "influence/cascade": _influence_chart,
    "influence/obstacles": _obstacles_chart, "culture/cadence": _cadence_chart,
}


def chart(exercise: str, data: pd.DataFrame) -> alt.TopLevelMixin:
    """The chart of ``exercise`` drawn from its :func:`table` (in the book's theme, with a description)."""
    if exercise in CHARTS:
        return CHARTS[exercise](data)
    if {"item", "label", "mark"} <= set(data.columns):
        return _labels_chart(data)
    return _generic_chart(data, exercise)


def views(rows: Iterable, anonymous: bool = False) -> list[View]:
    """One :class:`View` per exercise with answers, in book order, from the store's rows."""
    room = frame(rows)
    if anonymous and not room.empty:
        room = anonymise(room)
    found = []
    for exercise in sorted(room["exercise"].unique(), key=order_of):
        data = table(exercise, room)
        if data.empty:
            continue
        try:
            drawn = chart(exercise, data)
        except (KeyError, TypeError, ValueError):  # answers of an older shape: still show who answered
            drawn = _generic_chart(data, exercise)
        found.append(View(exercise, exercise.replace("/", ": ").replace("_", " "),
                          int(data["participant"].nunique()), data, drawn))
    return found


# --------------------------------------------------------------------------- the live face


def _view_html(view: View) -> str:
    from ..kit.live import snapshot
    from ..kit.text import safe_text

    people = f"{view.participants} participant{'s' if view.participants != 1 else ''}"
    shown = view.table.head(40)
    return (f'<section class="lp-dash"><h3>{safe_text(view.title)} <small>({people})</small></h3>'
            f"{snapshot(view.chart.to_dict())}"
            f"<details><summary>The table</summary>{shown.to_html(index=False, escape=True, border=0)}</details>"
            "</section>")


def board(store=None):
    """The dashboard's live face: a refresh button, an anonymised toggle, a view per exercise.

    Reads the store of :func:`exercises.room.participant.store` (``LEADING_PRODUCTS_STORE``) unless one
    is given. Charts are drawn in the kernel as SVG, so the page needs no network.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``refresh`` (button), ``anonymous`` (check box), ``status`` and
        ``views`` (HTML) for tests.
    """
    from . import participant as workshop
    from ..kit.controls import button, checkbox, column, pane, row
    from ..kit.text import safe_text
    from ..kit.theme import enable_theme

    enable_theme()
    refresh = button("Refresh", "Read the room's latest answers again", icon="refresh")
    anonymous = checkbox("Hide names (for projecting)")
    status, shown = pane(), pane()

    def draw(*_):
        try:
            opened = store if store is not None else workshop.store()
        except Exception as err:  # noqa: BLE001 - say it, keep the page
            status.value = f"<p role='alert'>{safe_text(str(err))}</p>"
            return
        if opened is None:
            status.value = ("<p>Workshop mode is off: start the server with LEADING_PRODUCTS_STORE set to the "
                            "answers folder (or a postgresql:// URL).</p>")
            shown.value = ""
            return
        try:
            rows = opened.latest()
            found = views(rows, anonymous=anonymous.value)
        except Exception as err:  # noqa: BLE001 - a lost connection: say so, keep the last views
            workshop._forget_store() if store is None else None
            status.value = f"<p role='alert'>The answers cannot be read just now ({safe_text(type(err).__name__)}).</p>"
            return
        people = len({r.participant for r in rows})
        status.value = (f"<p role='status'><b>{people}</b> participant{'s' if people != 1 else ''}, "
                        f"<b>{len(found)}</b> exercise{'s' if len(found) != 1 else ''} with answers; "
                        f"read at {time.strftime('%H:%M:%S')}.</p>")
        shown.value = "".join(_view_html(v) for v in found) or "<p>No answers yet.</p>"

    refresh.on_click(draw)
    anonymous.observe(draw, names="value")
    draw()
    box = column([row([refresh, anonymous]), status, shown])
    box.refresh, box.anonymous, box.status, box.views = refresh, anonymous, status, shown
    return box
