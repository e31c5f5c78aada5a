"""Influence and buy-in charts, built from model output. Functions return altair charts; none displays.

Each chart carries a ``description``: a sentence that says in words what it shows, read by
screen readers and printed under the chart on the static site. Every count and every word is
the model's: the static explorers pick the model's rows and fill its templates
(:func:`exercises.kit.charts.vega_sentence`); any text quoted into a Vega expression goes
through :func:`exercises.kit.charts.vega_string`.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, bound, explorer, quadrant_lines, vega_sentence, vega_string, warning_words, words
from ..kit.theme import INK, PALETTE, YOURS
from . import model
from .model import (CASCADE_INPUTS, CASCADE_WORDS, CONVERSATION, GRID_MIDDLE, JOINS_BY_STATUS, JOINS_WORDS, MENUS,
                    NOBODY, QUADRANTS, REPEAT_WORDS, ROWS, STANCES, STATUSES)

__all__ = ["MENUS", "cascade_chart", "cascade_explorer", "obstacle_chart", "obstacle_explorer", "stakeholder_map"]

_SCALE = alt.Scale(domain=[0.5, 10.5], nice=False)
_INTEREST = alt.X("interest:Q", title="Interest in the change (1 to 10)", scale=_SCALE, axis=alt.Axis(values=[1, 10]))
_POWER = alt.Y("power:Q", title="Power over the change (1 to 10)", scale=_SCALE, axis=alt.Axis(values=[1, 10]))
_STANCE = alt.Color("support:N", title="Today", sort=list(STANCES), legend=alt.Legend(orient="bottom"),
                    scale=alt.Scale(domain=list(STANCES), range=[PALETTE[5], "#777777", PALETTE[2]]))
_STANCE_SHAPE = alt.Shape("support:N", title="Today", sort=list(STANCES),
                          scale=alt.Scale(domain=list(STANCES), range=["triangle-down", "circle", "square"]))
_STATUS = alt.Color("status:N", title="Buy-in", sort=list(STATUSES), legend=alt.Legend(orient="bottom", columns=2),
                    scale=alt.Scale(domain=list(STATUSES), range=[YOURS, PALETTE[2], PALETTE[1], "#aaaaaa"]))
_STATUS_SHAPE = alt.Shape("status:N", title="Buy-in", sort=list(STATUSES),
                          scale=alt.Scale(domain=list(STATUSES), range=["diamond", "square", "circle", "cross"]))
# Where each box's name sits: high power at the top, high interest on the right.
_CORNERS = {(True, True): (10.4, 10.4, "right"), (True, False): (0.6, 10.4, "left"),
            (False, True): (10.4, 0.9, "right"), (False, False): (0.6, 0.9, "left")}
_TOOLTIP = [alt.Tooltip("name:N", title="Name"), alt.Tooltip("role:N", title="Leads"),
            alt.Tooltip("status:N", title="Buy-in"), alt.Tooltip("joins:N", title="Joins")]


def _counts(field: str, top: int, title: str) -> alt.X:
    """A count axis from 0 to ``top`` with a tick at each whole number only."""
    return alt.X(f"{field}:Q", title=title, scale=alt.Scale(domain=[0, top], nice=False),
                 axis=alt.Axis(values=list(range(top + 1)), format="d"))


def _array(values) -> str:
    """A Vega array literal of texts, each quoted with :func:`~exercises.kit.charts.vega_string`."""
    return "[" + ", ".join(vega_string(v) for v in values) + "]"


def _grid_lines(base: alt.Chart) -> list[alt.Chart]:
    """The two lines that split the map into four boxes, and each box's name in its corner."""
    return quadrant_lines(base, GRID_MIDDLE, QUADRANTS, _CORNERS, font_size=12)


def _points(base: alt.Chart, colour, shape, tooltip: list) -> list[alt.Chart]:
    points = base.mark_point(filled=True, size=140, opacity=1).encode(
        x=_INTEREST, y=_POWER, color=colour, shape=shape, tooltip=tooltip)
    names = base.mark_text(align="left", dx=9, fontSize=12, color=INK).encode(x=_INTEREST, y=_POWER, text="name:N")
    return [points, names]


def stakeholder_map(leaders: pd.DataFrame) -> alt.LayerChart:
    """The power–interest grid (after Mendelow): each leader placed by power and interest, coloured by stance.

    Parameters
    ----------
    leaders : pandas.DataFrame
        Output of :func:`~exercises.influence.model.load_leaders`.
    """
    base = alt.Chart(leaders)
    tooltip = [alt.Tooltip("name:N", title="Name"), alt.Tooltip("role:N", title="Leads"),
               alt.Tooltip("power:Q", title="Power"), alt.Tooltip("interest:Q", title="Interest"),
               alt.Tooltip("support:N", title="Today")]
    return alt.layer(*_grid_lines(base), *_points(base, _STANCE, _STANCE_SHAPE, tooltip)).properties(
        title=alt.Title("Who holds power over the change, and who cares about it",
                        subtitle="The power–interest grid later writers drew from Mendelow's stakeholder work."),
        description="Scatter chart of the twelve leaders of the company, placed by their interest in the change "
                    "(across) and their power over it (up), in four boxes: manage closely, keep satisfied, keep "
                    "informed, monitor. Colour and shape give each leader's stance today: against, neutral or for.",
        width=WIDTH, height=WIDTH)


def _picture(people: alt.Chart, rounds: alt.Chart, total: int, fade: bool = False) -> alt.VConcatChart:
    """The grid coloured by buy-in (``people``: one row per leader with ``status`` and ``joins``),
    and a bar per round giving how many are on board after it (``rounds``: ``round``, ``on_board``
    and, with ``fade``, ``shown``: rounds after it are faded)."""
    grid = alt.layer(*_grid_lines(people), *_points(people, _STATUS, _STATUS_SHAPE, _TOOLTIP)).properties(
        width=WIDTH, height=WIDTH * 0.8)
    x = alt.X("round:O", title="Round (0: before anyone talks to anyone else)", axis=alt.Axis(labelAngle=0))
    y = alt.Y("on_board:Q", title="On board", scale=alt.Scale(domain=[0, total], nice=False),
              axis=alt.Axis(values=list(range(0, total + 1, 2 if total > 8 else 1)), format="d"))
    opacity = alt.condition("datum.round <= datum.shown", alt.value(1), alt.value(0.3)) if fade else alt.value(1)
    bars = rounds.mark_bar(color=YOURS).encode(x=x, y=y, opacity=opacity, tooltip=[
        alt.Tooltip("round:O", title="Round"), alt.Tooltip("on_board:Q", title="On board after it")])
    labels = rounds.mark_text(dy=-8, fontSize=13, color=INK).encode(x=x, y=y, text="on_board:Q")
    return alt.vconcat(grid, alt.layer(bars, labels).properties(width=WIDTH, height=140))


def cascade_chart(frame: pd.DataFrame) -> alt.VConcatChart:
    """The live exercise's chart: the grid coloured by buy-in at the round shown, and the rounds.

    Parameters
    ----------
    frame : pandas.DataFrame
        The ``chart`` frame of :func:`~exercises.influence.model.cascade_result`: rows of ``kind``
        ``"person"`` (``id, name, role, power, interest, status, joins``) and ``"round"``
        (``round, on_board``), each with ``shown`` (the round shown).
    """
    base = alt.Chart(frame)
    total = int((frame["kind"] == "person").sum())
    picture = _picture(base.transform_filter("datum.kind == 'person'"),
                       base.transform_filter("datum.kind == 'round'"), total, fade=True)
    return picture.properties(
        title=alt.Title("The cascade, round by round",
                        subtitle="Each round, a leader joins once enough of those they listen to are on board."),
        description="Scatter chart of the leaders on the power–interest grid, coloured and shaped by buy-in at "
                    "the round shown: talked to first, already for, won over by others, or not on board; under "
                    "it, a bar per round of the cascade giving how many are on board after that round.")


def _lines(templates) -> str:
    """A Vega array of the model's lines, each filled in the page from the datum."""
    return "[" + ", ".join(vega_sentence(line) for line in templates) + "]"


def cascade_explorer(leaders: pd.DataFrame, outcomes: pd.DataFrame, gap: pd.DataFrame) -> alt.VConcatChart:
    """The static explorer: choose up to three first conversations, see the cascade and compare.

    The menus are the model's declarations (:data:`~exercises.influence.model.CASCADE_INPUTS`
    for the book's leaders, :func:`~exercises.influence.model.cascade_inputs` for others), so
    they start where the live menus do. Everything the page shows is the model's: Vega
    expressions only find the row of the choice made, and choose the model's words
    (:data:`~exercises.influence.model.CASCADE_WORDS`) by its ``verdict``.

    Parameters
    ----------
    leaders : pandas.DataFrame
        Output of :func:`~exercises.influence.model.load_leaders`.
    outcomes : pandas.DataFrame
        Output of :func:`~exercises.influence.model.choice_outcomes` (up to ``MENUS`` people).
    gap : pandas.DataFrame
        Output of :func:`~exercises.influence.model.greedy_gap` (k = 1 .. ``MENUS``).
    """
    ids = list(leaders["id"])
    specs = CASCADE_INPUTS if tuple(ids) == CASCADE_INPUTS[0].options[1:] else model.cascade_inputs(leaders)
    menus = specs[:MENUS]
    picked = {who: "(" + " || ".join(f"{m.name} == {vega_string(who)}" for m in menus) + ")" for who in ids}
    choice = " + ".join(f"({picked[who]} ? {2 ** i} : 0)" for i, who in enumerate(ids))
    used = " + ".join(f"({m.name} != {vega_string(NOBODY)} ? 1 : 0)" for m in menus)
    params = [*(bound(m) for m in menus), alt.param(name="choice", expr=choice), alt.param(name="menus_used", expr=used)]

    at = alt.Chart(outcomes.drop(columns=["status", "step", "on_board"])).transform_filter(
        "datum.choice == choice").transform_lookup(
        lookup="k", from_=alt.LookupData(model.gap_words(leaders, gap), key="k",
                                         fields=["greedy", "greedy_reach", "best", "best_reach"]))
    said = " : ".join(f"datum.verdict == {vega_string(kind)} ? {_lines(lines)}"
                      for kind, lines in CASCADE_WORDS.items()) + " : ''"
    repeat = warning_words(at.transform_filter("menus_used > datum.k").transform_calculate(
        label=vega_string(REPEAT_WORDS))).encode(y=alt.value(100))

    chosen = alt.Chart(outcomes[["choice", "status", "step", "rounds", "on_board"]]).transform_filter(
        "datum.choice == choice")
    joins = " : ".join(f"datum.joins_key == {vega_string(key)} ? {vega_sentence(line)}"
                       for key, line in JOINS_WORDS.items()) + " : ''"
    people = chosen.transform_calculate(id=_array(ids)).transform_flatten(
        ["id", "status", "step"], as_=["id", "status_code", "step"]).transform_lookup(
        lookup="id", from_=alt.LookupData(leaders[["id", "name", "role", "power", "interest"]], key="id",
                                          fields=["name", "role", "power", "interest"])).transform_calculate(
        status=f"{_array(STATUSES)}[datum.status_code]", joins_key=f"{_array(JOINS_BY_STATUS)}[datum.status_code]"
    ).transform_calculate(joins=joins)
    rounds = chosen.transform_calculate(round="sequence(0, datum.rounds + 1)").transform_flatten(
        ["round", "on_board"])
    return explorer(
        alt.layer(words(at.transform_calculate(label=said)), repeat), _picture(people, rounds, len(ids)), params,
        words_height=120, title="Choose your first conversations",
        subtitle="Pick up to three leaders in the menus under the chart; the cascade does the rest.",
        description="Interactive chart. Up to three menus choose the leaders you talk to first; the text says how "
                    "many are on board when the cascade stops and after how many rounds, compares your choice with "
                    "the greedy choice and the best choice of as many people, and names who never joins; the grid "
                    "colours each leader by how they came on board, and the bars count who is on board after each "
                    "round.")


def obstacle_chart(plan: pd.DataFrame) -> alt.Chart:
    """Obstacles per owner, most first (the live exercise's chart; one dataset).

    Parameters
    ----------
    plan : pandas.DataFrame
        Columns ``order``, ``owner`` and ``count`` of :func:`~exercises.influence.model.plan_conversations`,
        and ``chosen`` (the conversation being read).
    """
    y = alt.Y("owner:N", title=None, sort=alt.EncodingSortField("order"))
    return alt.Chart(plan).mark_bar().encode(
        x=_counts("count", ROWS, "Obstacles they own"), y=y,
        color=alt.condition("datum.chosen", alt.value(YOURS), alt.value("#bbbbbb")),
        tooltip=[alt.Tooltip("owner:N", title="Owner"), alt.Tooltip("count:Q", title="Obstacles"),
                 alt.Tooltip("order:Q", title="Conversation")],
    ).properties(
        width=WIDTH, title="Who owns the obstacles", description=(
            "Bar chart: one bar per person or team who owns obstacles to your change, as long as the number of "
            "obstacles they own; the first conversation goes to the top bar."))


def _wrapped(text: str, width: int = 64) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def obstacle_explorer(plan: pd.DataFrame) -> alt.VConcatChart:
    """The static face of the obstacles exercise: the worked plan, one owner at a time.

    The menu is the model's declaration (:data:`~exercises.influence.model.CONVERSATION`, offering
    the plan's conversations), and what it says of each owner the model's
    (:func:`~exercises.influence.model.owner_card`).

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`~exercises.influence.model.plan_conversations` (the worked example).
    """
    rows = []
    for row in plan.to_dict("records"):
        heading, *listed, draft = model.owner_card(row)
        lines = [heading, *(line for item in listed for line in _wrapped(item)), "", *_wrapped(draft)]
        rows.append({"order": row["order"], "owner": row["owner"], "count": row["count"], "lines": lines})
    frame = pd.DataFrame(rows)
    height = 20 * max(len(lines) for lines in frame["lines"])
    menu = CONVERSATION
    said = words(alt.Chart(frame).transform_filter(f"datum.order == {menu.name}").transform_calculate(
        label="datum.lines"))
    bars = alt.Chart(frame).mark_bar().encode(
        x=_counts("count", int(frame["count"].max()), "Obstacles they own"),
        y=alt.Y("owner:N", title=None, sort=alt.EncodingSortField("order")),
        color=alt.condition(f"datum.order == {menu.name}", alt.value(YOURS), alt.value("#bbbbbb")),
        tooltip=[alt.Tooltip("owner:N", title="Owner"), alt.Tooltip("count:Q", title="Obstacles")],
    ).properties(width=WIDTH, height=26 * len(frame))
    return explorer(
        said, bars, [bound(menu, values=list(frame["order"]))], words_height=height,
        title="A worked plan: the obstacles to a platform change",
        subtitle="Pick a conversation under the chart to read its owner's obstacles and the draft.",
        description="Interactive bar chart of the worked example: one bar per owner of obstacles to a platform "
                    "change, as long as the number they own, the chosen owner highlighted; the text lists that "
                    "owner's obstacles and the first conversation drafted for them.")
