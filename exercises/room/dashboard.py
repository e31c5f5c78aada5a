"""The facilitator's dashboard: the room's answers, exercise by exercise, as tables and charts.

Pure functions from the store's rows (:meth:`exercises.room.store.Store.latest`: each
participant's last answer to each exercise) to pandas frames and altair charts, one
:class:`View` per exercise that has answers, in book order.

Each chapter says how its exercises are read and drawn, beside their ``answer()``: its module
``exercises/<topic>/room.py`` holds ``VIEWS``, a mapping from exercise name to a
:class:`RoomView` (a reader from one answer to table rows, a chart of the room's table, a title).
This module knows no chapter: it walks :data:`exercises.CHAPTERS` and imports a chapter's
``room`` module by name when one of its exercises has answers. An exercise with no view of its
own is drawn by one of two generic views written here:

==========================  ========================================================================
labelling exercises         the room's labels per item, right or wrong (any
                            :class:`~exercises.kit.live.LabelExercise` whose chapter declares no view)
anything else               how many answers each participant saved
==========================  ========================================================================

The chapters' views are built from the helpers here (:func:`number`, :func:`bars_with_tick`,
:func:`height_for`, :func:`whole_axis`, :func:`read_labels`, :func:`labels_chart`).

Answers are data from many kernels (and versions): a row a view cannot read is left out, never
an error. :func:`anonymise` replaces names by "Participant 1, 2…" (numbered in the order they
first answered) for projecting. :func:`board` is the thin live face the notebook
``tools/room/dashboard.ipynb`` shows: a refresh button and the anonymised toggle.
"""

from __future__ import annotations

import functools
import importlib
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import CHAPTERS
from ..kit.charts import WIDTH
from ..kit.theme import BEST, PALETTE, WARNING, YOURS

__all__ = ["RIGHT", "WRONG", "RoomView", "View", "anonymise", "bars_with_tick", "board", "chart", "declared",
           "frame", "height_for", "labels_chart", "labels_given", "number", "order_of", "read_labels", "room_views",
           "rows_of", "save_problems_html", "summary", "table", "title_of", "views", "whole_axis"]

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


@dataclass(frozen=True)
class RoomView:
    """How the dashboard reads and draws one exercise's answers, declared by its chapter.

    Parameters
    ----------
    title : str
        The heading the room sees above the chart.
    read : callable
        ``read(answer)``: one participant's answer (the dict its ``answer()`` gave, after a JSON
        round trip) as a table row (a dict), a list of rows, or None when there is nothing to
        show. The dashboard adds the ``participant`` column. Read the keys ``answer()`` always
        writes with ``answer["key"]``: an answer without them (another shape) raises, and the row
        is left out, so a renamed key is caught by ``tests/test_room_views.py``.
    chart : callable
        ``chart(table)``: the altair chart of the room's table (every participant's rows), with a
        title and a description.
    rows : int or callable, optional
        How many rows one answer gives: a number, or ``rows(answer)``; the contract test holds
        :attr:`read` to it. Defaults to one row per participant.
    """

    title: str
    read: Callable[[dict], Mapping | list | None]
    chart: Callable[[pd.DataFrame], alt.TopLevelMixin]
    rows: int | Callable[[dict], int] = 1

    def expected(self, answer: dict) -> int:
        """How many rows :attr:`read` should give for ``answer`` (see :attr:`rows`)."""
        return int(self.rows(answer) if callable(self.rows) else self.rows)


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


# --------------------------------------------------------------------------- each chapter's views


@functools.lru_cache(maxsize=None)
def room_views(topic: str) -> Mapping[str, RoomView]:
    """The views chapter ``topic`` declares (``exercises.<topic>.room.VIEWS``), by exercise name.

    Only a topic of :data:`exercises.CHAPTERS` is imported (an exercise key is data from the
    store); a chapter without a ``room`` module, or one that cannot load, declares none, and its
    answers are drawn by the generic views.
    """
    if topic not in CHAPTERS:
        return {}
    try:
        module = importlib.import_module(f"exercises.{topic}.room")
    except Exception:  # noqa: BLE001 - no room module, or one that cannot load: its answers are still shown
        return {}
    return dict(getattr(module, "VIEWS", {}))


def declared(exercise: str) -> RoomView | None:
    """The :class:`RoomView` the chapter of ``exercise`` (``"<topic>/<name>"``) declares for it, or None."""
    topic, _, name = exercise.partition("/")
    return room_views(topic).get(name)


# --------------------------------------------------------------------------- generic helpers for the views


def number(value) -> float | None:
    """``value`` as a float, or None for None, NaN or a bool (never a number of the room's)."""
    if isinstance(value, bool) or value is None:
        return None
    got = float(value)
    return got if pd.notna(got) else None


def read_labels(a: dict) -> list[dict]:
    """A labelling answer (``labels``: item → label, ``marks``: item → right) as a row per label given."""
    marks = a["marks"]
    return [{"item": str(item), "label": str(label), "mark": RIGHT if marks.get(item) else WRONG}
            for item, label in a["labels"].items() if label]


def labels_given(a: dict) -> int:
    """How many rows :func:`read_labels` gives for ``a``: the labels given."""
    return sum(1 for label in a["labels"].values() if label)


def _read_generic(a: dict) -> dict:
    return {"answer": json.dumps(a, ensure_ascii=False, sort_keys=True)[:200]}


def rows_of(room: pd.DataFrame, read: Callable[[dict], Mapping | list | None]) -> pd.DataFrame:
    """The table of ``room`` (a :func:`frame`) read by ``read(answer)`` (a :attr:`RoomView.read`):
    each row it gives, under its participant; an answer it cannot read is left out whole."""
    out = []
    for who, answer in zip(room["participant"], room["answer"]):
        try:
            got = read(answer) if isinstance(answer, dict) else None
            got = [] if got is None else [got] if isinstance(got, Mapping) else list(got)
            out.extend([{"participant": who, **dict(one)} for one in got])
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return pd.DataFrame(out)


def _is_labelling(room: pd.DataFrame) -> bool:
    return any(isinstance(a, dict) and isinstance(a.get("labels"), dict) for a in room["answer"])


def table(exercise: str, room: pd.DataFrame) -> pd.DataFrame:
    """The table behind ``exercise``'s chart, from the room's rows for it: read by the view its
    chapter declares, else as labels (a labelling exercise), else one row per participant."""
    mine = room[room["exercise"] == exercise]
    view = declared(exercise)
    if view is not None:
        return rows_of(mine, view.read)
    if _is_labelling(mine):
        return rows_of(mine, read_labels)
    return rows_of(mine, _read_generic)


def whole_axis(most: int) -> alt.Axis:
    """An axis of counts up to ``most``: whole numbers only (no tick at 0.5 when few have answered)."""
    return alt.Axis(format="d", tickCount=max(1, min(int(most), 10)))


def height_for(n: int) -> int:
    """The height of a chart with a row per participant, for ``n`` participants."""
    return max(60, 22 * n)


def bars_with_tick(t: pd.DataFrame, x: alt.X, tick: str, tooltip: list, title: str, subtitle: str,
                   description: str, tick_colour: str = BEST) -> alt.LayerChart:
    """A bar per participant at ``x``, best first, with a tick at the ``tick`` column to compare with."""
    base = alt.Chart(t).encode(y=alt.Y("participant:N", sort="-x", title=None))
    bars = base.mark_bar(color=YOURS).encode(x=x, tooltip=tooltip)
    ticks = base.mark_tick(color=tick_colour, thickness=3, size=18).encode(x=f"{tick}:Q")
    return (bars + ticks).properties(width=WIDTH, height=height_for(t["participant"].nunique()),
                                     title=alt.Title(title, subtitle=subtitle), description=description)


def labels_chart(t: pd.DataFrame, recommended: pd.DataFrame | None = None, labels: list[str] | None = None,
                 title: str = "The room's labels", what: str = "label", description: str | None = None):
    """The room's labels (a :func:`read_labels` table): per item, a dot per label chosen, sized by how
    many chose it and coloured right or wrong; ``recommended`` (item, label) outlined as squares."""
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


def _generic_chart(t, exercise):
    counts = t.groupby("participant", as_index=False).size()
    return alt.Chart(counts).mark_bar(color=YOURS).encode(
        y=alt.Y("participant:N", title=None),
        x=alt.X("size:Q", title="Answers saved", axis=whole_axis(counts["size"].max())),
        tooltip=["participant", "size"]).properties(
        width=WIDTH, height=height_for(len(counts)), title=alt.Title(exercise, subtitle="Who has answered."),
        description=f"A bar per participant who answered {exercise}.")


def chart(exercise: str, data: pd.DataFrame) -> alt.TopLevelMixin:
    """The chart of ``exercise`` drawn from its :func:`table` (in the book's theme, with a description)."""
    view = declared(exercise)
    if view is not None:
        return view.chart(data)
    if {"item", "label", "mark"} <= set(data.columns):
        return labels_chart(data)
    return _generic_chart(data, exercise)


def title_of(exercise: str) -> str:
    """The heading of ``exercise``'s view: its chapter's title for it, else its key made readable."""
    view = declared(exercise)
    return view.title if view is not None and view.title else exercise.replace("/", ": ").replace("_", " ")


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
        found.append(View(exercise, title_of(exercise), int(data["participant"].nunique()), data, drawn))
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


def save_problems_html(store) -> str:
    """HTML: the saves that had to wait for ``store`` (the kernels' log of failed saves), or ``""``.

    The kernels write each failed save, and each late landing, to the log beside a SQLite store
    (:func:`exercises.room.outbox.log_path`); the answers themselves waited in the kernels'
    outboxes and were saved once the store answered. A PostgreSQL room's kernels write them to
    the server's log instead.
    """
    from ..kit.text import safe_text
    from .outbox import log_path, problems

    where = getattr(store, "where", "")
    lines = problems(where) if where else []
    failed = sum(1 for line in lines if "could not save" in line)
    if not failed:
        return ""
    path = log_path(where)
    shown = "".join(f"<li>{safe_text(line)}</li>" for line in lines[-10:])
    return (f"<details><summary>{failed} save{'s' if failed != 1 else ''} had to wait for the store lately "
            f"(the answers waited in the participants' kernels and were tried again)</summary>"
            f"<ul>{shown}</ul><p>The whole log: {safe_text(str(path))}</p></details>")


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
    from . import participant
    from ..kit.controls import button, checkbox, column, pane, row
    from ..kit.text import safe_text
    from ..kit.theme import enable_theme

    enable_theme()
    refresh = button("Refresh", "Read the room's latest answers again", icon="refresh")
    anonymous = checkbox("Hide names (for projecting)")
    status, shown = pane(), pane()

    def draw(*_):
        try:
            opened = store if store is not None else participant.store()
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
            participant._forget_store() if store is None else None
            status.value = f"<p role='alert'>The answers cannot be read just now ({safe_text(type(err).__name__)}).</p>"
            return
        people = len({r.participant for r in rows})
        status.value = (f"<p role='status'><b>{people}</b> participant{'s' if people != 1 else ''}, "
                        f"<b>{len(found)}</b> exercise{'s' if len(found) != 1 else ''} with answers; "
                        f"read at {time.strftime('%H:%M:%S')}.</p>") + save_problems_html(opened)
        shown.value = "".join(_view_html(v) for v in found) or "<p>No answers yet.</p>"

    refresh.on_click(draw)
    anonymous.observe(draw, names="value")
    draw()
    box = column([row([refresh, anonymous]), status, shown])
    box.refresh, box.anonymous, box.status, box.views = refresh, anonymous, status, shown
    return box
