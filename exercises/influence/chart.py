"""Influence and buy-in charts, built from model output. Functions return altair charts; none displays.

Each chart carries a ``description``: a sentence that says in words what it shows, read by
screen readers and printed under the chart on the static site.
"""

from __future__ import annotations

import json
import textwrap

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, explorer, quadrant_lines, warning_words, words
from ..kit.theme import INK, PALETTE, YOURS
from . import model
from .model import GRID_MIDDLE, QUADRANTS, STANCES, STATUSES

__all__ = ["MENUS", "cascade_chart", "cascade_explorer", "obstacle_chart", "obstacle_explorer", "stakeholder_map"]

#: How many "first conversation" menus the static explorer offers (the exact search's limit).
MENUS = model.MAX_EXACT
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
_WHOLE = alt.Axis(tickMinStep=1, format="d")  # counts: no tick at 0.5
_STATUS_CALC = (f"datum.seed ? {STATUSES[0]!r} : datum.step == 0 ? {STATUSES[1]!r} : "
                f"datum.step > 0 ? {STATUSES[2]!r} : {STATUSES[3]!r}")


def _quote(value: str) -> str:
    """A Vega string literal: ids and names are data, quoted, never spliced into an expression raw."""
    return json.dumps(value, ensure_ascii=False)


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


def _rounds(base: alt.Chart, shown: bool = False) -> alt.LayerChart:
    """How many are on board after each round of the cascade (with ``shown``, rounds after the
    data's ``shown`` field are faded)."""
    counts = base.transform_filter("datum.step >= 0").transform_aggregate(
        joined="count()", groupby=["step", "shown"] if shown else ["step"]).transform_window(
        on_board="sum(joined)", sort=[alt.SortField("step")], frame=[None, 0])
    opacity = alt.condition("datum.step <= datum.shown", alt.value(1), alt.value(0.3)) if shown else alt.value(1)
    x = alt.X("step:O", title="Round (0: before anyone talks to anyone else)", axis=alt.Axis(labelAngle=0))
    y = alt.Y("on_board:Q", title="On board", scale=alt.Scale(domain=[0, 12]), axis=alt.Axis(tickMinStep=1))
    bars = counts.mark_bar(color=YOURS).encode(x=x, y=y, opacity=opacity, tooltip=[
        alt.Tooltip("step:O", title="Round"), alt.Tooltip("joined:Q", title="Join in this round"),
        alt.Tooltip("on_board:Q", title="On board after it")])
    labels = counts.mark_text(dy=-8, fontSize=13, color=INK).encode(x=x, y=y, text="on_board:Q")
    return alt.layer(bars, labels).properties(width=WIDTH, height=140)


def cascade_chart(frame: pd.DataFrame) -> alt.VConcatChart:
    """The live exercise's chart: the grid coloured by buy-in at the round shown, and the rounds.

    Parameters
    ----------
    frame : pandas.DataFrame
        A :func:`~exercises.influence.model.cascade` frame with a ``status`` column
        (:func:`~exercises.influence.model.round_status`) and ``shown`` (the round shown).
    """
    base = alt.Chart(frame)
    tooltip = [alt.Tooltip("name:N", title="Name"), alt.Tooltip("role:N", title="Leads"),
               alt.Tooltip("status:N", title="Buy-in"), alt.Tooltip("step:Q", title="Joins in round (-1: never)")]
    grid = alt.layer(*_grid_lines(base), *_points(base, _STATUS, _STATUS_SHAPE, tooltip)).properties(
        width=WIDTH, height=WIDTH * 0.8)
    rounds = _rounds(base, shown=True)
    return alt.vconcat(grid, rounds).properties(
        title=alt.Title("The cascade, round by round",
                        subtitle="Each round, a leader joins once enough of those they listen to are on board."),
        description="Scatter chart of the leaders on the power–interest grid, coloured and shaped by buy-in at "
                    "the round shown: talked to first, already for, won over by others, or not on board; under "
                    "it, a bar per round of the cascade giving how many are on board after that round.")


def _label_expr(ids: list[str], names: list[str], menus: list[str]) -> tuple[str, str, str, str]:
    """Vega expressions for a choice of first conversations: its key, size, names and menus used."""
    quote = _quote
    picked = {who: "(" + " || ".join(f"{m} == {quote(who)}" for m in menus) + ")" for who in ids}
    key = quote("|") + "".join(f" + ({picked[who]} ? {quote(who + '|')} : '')" for who in ids)
    size = " + ".join(f"({picked[who]} ? 1 : 0)" for who in ids)
    listed = "slice(" + " + ".join(f"({picked[who]} ? {quote(name + ', ')} : '')"
                                   for who, name in zip(ids, names)) + ", 0, -2)"
    used = " + ".join(f"({m} != '' ? 1 : 0)" for m in menus)
    return key, size, listed, used


def _people(names: dict[str, str], ids) -> str:
    return ", ".join(names[who] for who in ids)


def cascade_explorer(leaders: pd.DataFrame, grid: pd.DataFrame, gap: pd.DataFrame) -> alt.VConcatChart:
    """The static explorer: choose up to three first conversations, see the cascade and compare.

    Everything the page shows comes from the model's precomputed outcome of every choice;
    Vega expressions only pick the row of the choice made in the menus.

    Parameters
    ----------
    leaders : pandas.DataFrame
        Output of :func:`~exercises.influence.model.load_leaders`.
    grid : pandas.DataFrame
        Output of :func:`~exercises.influence.model.outcome_grid` (up to ``MENUS`` people).
    gap : pandas.DataFrame
        Output of :func:`~exercises.influence.model.greedy_gap` (k = 1 .. ``MENUS``).
    """
    ids, names = list(leaders["id"]), dict(zip(leaders["id"], leaders["name"]))
    quote = _quote
    options = ["", *ids]
    labels = ["Nobody", *(f"{row.name} ({row.role})" for row in leaders.itertuples())]
    start = ["ceo" if "ceo" in ids else ids[0]] + [""] * (MENUS - 1)
    menus = [alt.param(name=f"first_{k}", value=start[k - 1],
                       bind=alt.binding_select(options=options, labels=labels, name=f"First conversation {k}: "))
             for k in range(1, MENUS + 1)]
    key, size, listed, used = _label_expr(ids, [names[i] for i in ids], [f"first_{k}" for k in range(1, MENUS + 1)])
    params = [alt.param(name="choice", expr=key), alt.param(name="k", expr=size),
              alt.param(name="chosen_names", expr=listed), alt.param(name="menus_used", expr=used)]
    for which in ("greedy", "best"):
        lines = [f"k == {row.k} ? " + quote(
            (f"Greedy with {row.k}: " if which == "greedy" else f"The best {row.k}: ")
            + _people(names, getattr(row, which)) + f" → {getattr(row, which + '_reach')} on board.")
            for row in gap.itertuples()]
        params.append(alt.param(name=f"{which}_line", expr=" : ".join([*lines, "''"])))

    outcomes = model.choice_outcomes(grid).assign(out_names=lambda f: [_people(names, out) for out in f["out"]])
    outcomes = outcomes[["members", "reach", "rounds", "out_names"]]
    total = len(ids)
    said = alt.Chart(outcomes).transform_filter("datum.members == choice").transform_calculate(label=(
        "k == 0 ? ['Nobody talked to yet: ' + datum.reach + ' of " f"{total}" " on board, those already for.', "
        "'Pick a first conversation in the menus under the chart.'] : "
        "['You talk first to ' + chosen_names + ': ' + datum.reach + ' of " f"{total}" " on board after ' "
        "+ datum.rounds + (datum.rounds == 1 ? ' round.' : ' rounds.'), greedy_line, best_line, "
        "datum.out_names == '' ? 'Everyone is on board.' : 'Never on board: ' + datum.out_names + '.']"))
    repeat = warning_words(alt.Chart(outcomes).transform_filter("datum.members == choice").transform_filter(
        "menus_used > k").transform_calculate(
        label="'You chose the same person twice: that is one conversation, not two.'")).encode(y=alt.value(100))

    people = grid[["members", "id", "seed", "step"]]
    base = alt.Chart(people).transform_filter("datum.members == choice").transform_lookup(
        lookup="id", from_=alt.LookupData(leaders, key="id", fields=["name", "role", "power", "interest"])
    ).transform_calculate(status=_STATUS_CALC)
    tooltip = [alt.Tooltip("name:N", title="Name"), alt.Tooltip("role:N", title="Leads"),
               alt.Tooltip("status:N", title="Buy-in"), alt.Tooltip("step:Q", title="Joins in round (-1: never)")]
    picture = alt.vconcat(
        alt.layer(*_grid_lines(base), *_points(base, _STATUS, _STATUS_SHAPE, tooltip)).properties(
            width=WIDTH, height=WIDTH * 0.8),
        _rounds(base))
    top = alt.layer(words(said), repeat)
    return explorer(
        top, picture, [*menus, *params], words_height=120,
        title="Choose your first conversations",
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
        Columns ``order``, ``owner`` and ``count`` of :func:`~exercises.influence.model.plan_conversations`.
    """
    y = alt.Y("owner:N", title=None, sort=alt.EncodingSortField("order"))
    return alt.Chart(plan).mark_bar(color=YOURS).encode(
        x=alt.X("count:Q", title="Obstacles they own", axis=_WHOLE), y=y,
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

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`~exercises.influence.model.plan_conversations` (the worked example).
    """
    rows = []
    for row in plan.itertuples():
        lines = [f"Conversation {row.order}: {row.owner}, {row.count} obstacle{'s' if row.count > 1 else ''}."]
        lines += [line for obstacle in row.obstacles for line in _wrapped("• " + obstacle)]
        lines += ["", *_wrapped("Draft: " + row.conversation)]
        rows.append({"order": row.order, "owner": row.owner, "count": row.count, "text": "\n".join(lines)})
    frame = pd.DataFrame(rows)
    height = 20 * max(len(t.split("\n")) for t in frame["text"])
    owners = list(frame["owner"])
    owner = alt.param(name="owner", value=owners[0], bind=alt.binding_select(
        options=owners, labels=[f"{o} ({c})" for o, c in zip(owners, frame["count"])], name="Owner: "))
    said = words(alt.Chart(frame).transform_filter("datum.owner == owner").transform_calculate(
        label="split(datum.text, '\\n')"))
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("count:Q", title="Obstacles they own", axis=_WHOLE),
        y=alt.Y("owner:N", title=None, sort=alt.EncodingSortField("order")),
        color=alt.condition("datum.owner == owner", alt.value(YOURS), alt.value("#bbbbbb")),
        tooltip=[alt.Tooltip("owner:N", title="Owner"), alt.Tooltip("count:Q", title="Obstacles")],
    ).properties(width=WIDTH, height=26 * len(frame))
    return explorer(
        said, bars, [owner], words_height=height,
        title="A worked plan: the obstacles to a platform change",
        subtitle="Pick an owner under the chart to read their obstacles and the first conversation drafted.",
        description="Interactive bar chart of the worked example: one bar per owner of obstacles to a platform "
                    "change, as long as the number they own, the chosen owner highlighted; the text lists that "
                    "owner's obstacles and the first conversation drafted for them.")

