"""Sequencing charts, built from model output. Functions return altair charts; none displays.

Each chart carries a ``description``: a sentence that says in words what it shows, read by
screen readers and printed under the chart on the static site.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, best_line, bound, explorer, vega_sentence, vega_string, warning_words, words
from ..kit.theme import BEST as BEST_COLOUR
from ..kit.theme import RULE as RULE_COLOUR
from ..kit.theme import YOURS as YOURS_COLOUR
from . import model
from .model import (BEST, FEATURE, SHOW_BEST, SHOW_SPLIT, GROWTH, HORIZON, KINDS, ORDER_WORDS, PROBLEM_WORDS, SCALING, SPLIT_WORDS, STEP,
                    STRATEGY, STRATEGY_BEST_WORDS, STRATEGY_WORDS, WSJF, YOURS)

__all__ = [
    "allocation_chart", "allocation_explorer", "backlog_table", "order_builder", "strategy_explorer",
    "value_curves_chart",
]

_WEEK = alt.X("week:Q", title="Week", axis=alt.Axis(tickMinStep=1), scale=alt.Scale(nice=False))
# The value axis' title sits level above its labels, not turned beside them: the turned title took
# 20 px of a phone's width.
_VALUE = alt.Y("cumulative_value:Q", title="Value earned so far (k€)",
               axis=alt.Axis(titleAngle=0, titleAlign="left", titleBaseline="bottom", titleX=-44, titleY=-8))
_KIND_COLOUR = alt.Color("kind:N", title="Kind of work", sort=list(KINDS),
                         scale=alt.Scale(domain=list(KINDS)), legend=alt.Legend(orient="bottom"))
_KIND_RANK = f"indexof({list(KINDS)!r}, datum.kind)"
#: The line charts' plot width: the kit's WIDTH (their words above them are as wide, from the plot's
#: left edge, so a narrower plot would not make the drawn chart narrower).
_LINE_WIDTH = WIDTH


_ORDERS = [YOURS, WSJF, BEST]  # fixed, so colours never move when "Your order" has no curve
_ORDER_LEGEND = alt.Legend(symbolType="stroke", symbolSize=400, orient="bottom", direction="vertical")
_ORDER_COLOUR = alt.Color("strategy:N", title="Order", sort=_ORDERS, legend=_ORDER_LEGEND,
                          scale=alt.Scale(domain=_ORDERS, range=[YOURS_COLOUR, RULE_COLOUR, BEST_COLOUR]))
_ORDER_DASH = alt.StrokeDash("strategy:N", title="Order", sort=_ORDERS, legend=_ORDER_LEGEND,
                             scale=alt.Scale(domain=_ORDERS, range=[[1, 0], [6, 3], [2, 2]]))


def value_curves_chart(curves: pd.DataFrame) -> alt.LayerChart:
    """Value earned week by week by several orders of the same backlog.

    Parameters
    ----------
    curves : pandas.DataFrame
        The ``curves`` of :func:`~exercises.sequencing.model.compare_orders`: columns
        ``strategy``, ``week``, ``cumulative_value``, ``shipped``, ``share_of_best``, ``order``.
    """
    base = alt.Chart(curves).encode(x=_WEEK, y=_VALUE, color=_ORDER_COLOUR)
    lines = base.mark_line().encode(strokeDash=_ORDER_DASH)
    ships = base.mark_point(filled=True, size=60).encode(
        tooltip=[alt.Tooltip("strategy:N", title="Order"), alt.Tooltip("week:Q", title="Week"),
                 alt.Tooltip("shipped:N", title="Ships"),
                 alt.Tooltip("cumulative_value:Q", title="Value so far (k€)", format=",.1f")],
    ).transform_filter("datum.shipped != ''")
    return alt.layer(lines, ships).properties(
        title=alt.Title("Value earned, week by week", subtitle="Each dot is an initiative shipping."),
        description=("Line chart of the value each order has earned by each week. A steeper line "
                     "earns sooner; the higher a line ends, the more its order earns by the horizon."),
        width=WIDTH,
    )


def order_builder(data: model.OrderBuilderData) -> alt.VConcatChart:
    """The static order builder: a menu per position, the schedule computed in the page.

    The page holds no kernel, so Vega expressions do what :func:`~exercises.sequencing.model.schedule`
    and :func:`~exercises.sequencing.model.order_problems` do, from the data the model wrote:
    an initiative ships when the efforts up to it are done, and earns ``v · max(0, H − ship)``.
    The browser test holds these figures against the model on random orders.

    Parameters
    ----------
    data : OrderBuilderData
        Output of :func:`~exercises.sequencing.model.order_builder_data`.
    """
    ids, n = list(data.items["id"]), len(data.items)
    quote = json.dumps  # ids and names are data: quoted as literals, never spliced raw
    horizon = bound(HORIZON, values=data.horizons)
    menus = [alt.param(name=f"pos_{k}", value=item,
                       bind=alt.binding_select(options=ids, labels=list(data.items["option"]), name=f"Place {k}: "))
             for k, item in enumerate(data.start, start=1)]
    order = alt.param(name="order", expr="[" + ", ".join(f"pos_{k}" for k in range(1, n + 1)) + "]")
    # Valid: every place holds a different initiative, and each comes after what it needs.
    rules = [f"indexof(order, pos_{k}) == {k - 1}" for k in range(1, n + 1)]
    rules += [f"indexof(order, {quote(need)}) < indexof(order, {quote(item)})"
              for item, needs in zip(ids, data.items.filter(regex=r"^needs_\d+$").itertuples(index=False))
              for need in needs if need]
    valid = alt.param(name="valid", expr=" && ".join(rules))
    totals = {name: " : ".join([*(f"horizon == {h} ? {t[name]!r}" for h, t in data.totals.items()), "0"])
              for name in (WSJF, BEST)}
    best, wsjf = alt.param(name="best_total", expr=totals[BEST]), alt.param(name="wsjf_total", expr=totals[WSJF])
    # The best order stays folded until the reader ticks the model's SHOW_BEST box (off at first).
    show = bound(SHOW_BEST)
    final = data.reference[(data.reference["strategy"] == BEST) & (data.reference["week"] == data.reference["horizon"])]
    best_ids = alt.param(name="best_order", expr=" : ".join(
        [*(f"horizon == {int(h)} ? {vega_string(order)}" for h, order in zip(final["horizon"], final["order"])), "''"]))

    # Your line bends only where an initiative ships, so it is drawn exactly through week 0, each
    # ship week (or the horizon, if that comes first) and the horizon. From a ship week on, value
    # grows at the rate of what has shipped: w·V − S, where V sums v and S sums v·ship over the
    # initiatives shipped by then (within the horizon): n + 2 points, not one per week.
    last = n - 1
    yours = alt.Chart(data.items).transform_filter("valid").transform_calculate(
        pos="indexof(order, datum.id)").transform_window(
        ship="sum(effort_weeks)", sort=[alt.SortField("pos")], frame=[None, 0]).transform_calculate(
        rate="datum.ship <= horizon ? datum.value_per_week : 0",
        banked="datum.ship <= horizon ? datum.value_per_week * datum.ship : 0",
        first_week="0", last_week="horizon").transform_window(
        rate_sum="sum(rate)", banked_sum="sum(banked)", sort=[alt.SortField("pos")], frame=[None, 0]).transform_fold(
        ["first_week", "ship", "last_week"], as_=["point", "at"]).transform_filter(
        f"datum.point == 'ship' || (datum.point == 'first_week' && datum.pos == 0) "
        f"|| (datum.point == 'last_week' && datum.pos == {last})").transform_calculate(
        week="min(datum.at, horizon)").transform_calculate(
        cumulative_value="datum.point == 'first_week' ? 0 : datum.week * datum.rate_sum - datum.banked_sum",
        strategy=quote(YOURS))
    reference = alt.Chart(data.reference).transform_filter(alt.datum.horizon == horizon).transform_filter(
        f"datum.strategy != {quote(BEST)} || {SHOW_BEST.name}")
    # The legend lists only the lines drawn: the best order's once the box shows it.
    drawn = "[" + ", ".join(map(vega_string, (YOURS, WSJF))) + "]"
    legend = alt.Legend(**_ORDER_LEGEND.to_dict(), values=alt.ExprRef(
        f"{SHOW_BEST.name} ? [{', '.join(map(vega_string, _ORDERS))}] : {drawn}"))
    colour, dash = (alt.Color(**{**_ORDER_COLOUR.to_dict(), "legend": legend}),
                    alt.StrokeDash(**{**_ORDER_DASH.to_dict(), "legend": legend}))
    # The frame is set by the horizon alone: weeks 0 to the horizon, and values up to what the best
    # order earns by then (no order earns more; the words already say what share of it yours earns).
    # A move that keeps the horizon leaves both axes as they are, and the page does not lay them out again.
    weeks = alt.X(**{**_WEEK.to_dict(), "scale": {"nice": False, "domain": {"expr": f"[0, {horizon.name}]"}}})
    value = alt.Y(**{**_VALUE.to_dict(), "scale": {"domain": {"expr": f"[0, {best.name}]"}}})
    lines = [chart.mark_line().encode(x=weeks, y=value, color=colour, strokeDash=dash)
             for chart in (reference, yours)]

    # One row of verdict: the total, and the first problem of each sort, as order_problems words them.
    broken = "".join(f"datum.needs_{k} != '' && indexof(order, datum.needs_{k}) > datum.pos ? datum.needs_label_{k} : "
                     for k in range(1, data.needs + 1)) + "''"
    count = " + ".join(f"(pos_{k} == datum.id)" for k in range(1, n + 1))
    never = 1e9
    summary = alt.Chart(data.items).transform_calculate(
        pos="indexof(order, datum.id)", count=count,
        again="indexof(slice(order, datum.pos + 1), datum.id)").transform_calculate(
        dup_key=f"datum.again >= 0 ? datum.pos + 1 + datum.again : {never}",
        missing_key=f"datum.count == 0 ? datum.index : {never}",
        broken=broken).transform_calculate(
        broken_key=f"datum.broken != '' ? datum.index : {never}").transform_window(
        ship="sum(effort_weeks)", sort=[alt.SortField("pos")], frame=[None, 0]).transform_calculate(
        earned="datum.value_per_week * max(0, horizon - datum.ship)").transform_aggregate(
        total="sum(earned)", dup="argmin(dup_key)", missing="argmin(missing_key)", first_broken="argmin(broken_key)")
    share = "(best_total > 0 ? {} / best_total : 1)"
    # The words are the model's templates (ORDER_WORDS, PROBLEM_WORDS), filled in the page.
    queue = vega_sentence(ORDER_WORDS["queue"], {"order": "join(order, ' → ')"})  # every menu shows here
    reference = vega_sentence(ORDER_WORDS["reference"], {"best": "best_total", "wsjf": "wsjf_total",
                                                         "wsjf_share": share.format("wsjf_total")})
    earns = vega_sentence(ORDER_WORDS["earns"], {"total": "datum.total", "horizon": "horizon",
                                                 "share": share.format("datum.total")})
    best_line = vega_sentence(ORDER_WORDS["best_order"], {"horizon": "horizon", "order": "best_order"})
    verdict = words(summary.transform_filter("valid").transform_calculate(
        label=f"{SHOW_BEST.name} ? [{earns}, {queue}, {reference}, {best_line}] : [{earns}, {queue}]"))
    repeat = vega_sentence(PROBLEM_WORDS["repeat"], {"item": "datum.dup.label"})
    missing = vega_sentence(PROBLEM_WORDS["missing"], {"item": "datum.missing.label"})
    broken_words = vega_sentence(PROBLEM_WORDS["broken"], {"item": "datum.first_broken.label",
                                                           "need": "datum.first_broken.broken"})
    move = vega_string(ORDER_WORDS['move'])
    problem = warning_words(summary.transform_filter("!valid").transform_calculate(label=(
        f"datum.dup.dup_key < {never} ? ({SHOW_BEST.name} ? [{repeat}, {missing}, {queue}, {reference}, {best_line}] "
        f": [{repeat}, {missing}, {queue}]) : ({SHOW_BEST.name} ? [{broken_words}, {move}, {queue}, {reference}, "
        f"{best_line}] : [{broken_words}, {move}, {queue}])")))
    return explorer(
        alt.layer(verdict, problem), alt.layer(*lines).properties(width=_LINE_WIDTH, height=300),
        [horizon, *menus, show, order, valid, best, wsjf, best_ids], words_height=100,
        title="Build your own order",
        subtitle="Pick what the team works on first, second, third… in the menus under the chart.",
        description="Interactive line chart. A menu per place in the queue sets your order; the solid line shows "
        "the value your order earns week by week, the dashed line WSJF's, and the text says what your order "
        "earns and what share of the best that is, or which initiative is out of place. A check box shows the "
        "best possible order for the horizon you pick: its line, what it earns and the order itself.",
    )


def strategy_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """The static explorer: pick a strategy and a horizon, see its value curve against the best.

    Parameters
    ----------
    grid : pandas.DataFrame
        Output of :func:`~exercises.sequencing.model.strategy_grid`.
    """
    horizons = sorted(int(h) for h in grid["horizon"].unique())
    names = [s for s in STRATEGY.options if s in set(grid["strategy"])]
    horizon, strategy, show = bound(HORIZON, values=horizons), bound(STRATEGY, values=names), bound(SHOW_BEST)
    base = alt.Chart(grid).transform_filter(alt.datum.horizon == horizon)
    # The best order stays folded until the reader ticks the model's SHOW_BEST box (off at first):
    # then its line is drawn, and the words give the strategy's share of it and name it.
    best = best_line(base.transform_filter(f"datum.strategy == {json.dumps(BEST)} && {SHOW_BEST.name}"), x=_WEEK, y=_VALUE)
    chosen = base.transform_filter(alt.datum.strategy == strategy)
    line = chosen.mark_line(color=YOURS_COLOUR).encode(x=_WEEK, y=_VALUE)
    ships = chosen.transform_filter("datum.shipped != ''").mark_point(
        filled=True, size=70, color=YOURS_COLOUR).encode(
        x=_WEEK, y=_VALUE,
        tooltip=[alt.Tooltip("week:Q", title="Week"), alt.Tooltip("shipped:N", title="Ships"),
                 alt.Tooltip("cumulative_value:Q", title="Value so far (k€)", format=",.1f")])
    # The chosen strategy's row at the horizon: its words.
    at = chosen.transform_filter(alt.datum.week == horizon)
    said = ", ".join(vega_sentence(line) for line in STRATEGY_WORDS)
    fields = {"best_value": "best_total", "best_order": "best_order", "share_of_best": "datum.share_of_best",
              "week": "datum.week"}
    more = ", ".join(vega_sentence(line, fields) for line in STRATEGY_BEST_WORDS)
    verdict = words(at.transform_calculate(label=f"{SHOW_BEST.name} ? [{said}, {more}] : [{said}]"))
    final = grid[(grid["strategy"] == BEST) & (grid["week"] == grid["horizon"])]
    best_total = alt.param(name="best_total", expr=" : ".join(
        [*(f"{HORIZON.name} == {int(h)} ? {float(v)!r}" for h, v in zip(final["horizon"], final["cumulative_value"])), "0"]))
    best_order = alt.param(name="best_order", expr=" : ".join(
        [*(f"{HORIZON.name} == {int(h)} ? {vega_string(o)}" for h, o in zip(final["horizon"], final["order"])), "''"]))
    return explorer(
        verdict, alt.layer(best, line, ships).properties(width=_LINE_WIDTH, height=300),
        [horizon, strategy, show, best_total, best_order], words_height=80,
        title="Pick a strategy and a horizon",
        subtitle="The line is the value the strategy you picked earns, week by week.",
        description="Interactive line chart. Choose a way of ordering the backlog and how many weeks count; the line "
        "shows the value that order earns week by week and the text says what it earns by the horizon and lists the "
        "order. A check box shows the best possible order for the same horizon: a dashed line, the strategy's share "
        "of it, and the best order itself.",
    )


def allocation_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Weekly return of each kind of work under several allocations of capacity, stacked.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``allocation`` (a label such as "Your split"), ``kind``, ``share`` (per cent
        of capacity), ``weekly_return`` and ``total_return``.
    """
    order = list(dict.fromkeys(table["allocation"]))
    y = alt.Y("allocation:N", title=None, sort=order)
    bars = alt.Chart(table).mark_bar().encode(
        x=alt.X("weekly_return:Q", title="Extra value a week (k€)", stack="zero", axis=alt.Axis(tickCount=6)),
        y=y, color=_KIND_COLOUR, order=alt.Order("kind_rank:Q"),
        tooltip=[alt.Tooltip("allocation:N", title="Allocation"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("share:Q", title="Share of capacity (%)", format=".0f"),
                 alt.Tooltip("weekly_return:Q", title="Value a week (k€)", format=",.1f")],
    ).transform_calculate(kind_rank=_KIND_RANK)
    totals = alt.Chart(table).transform_filter(alt.datum.kind == KINDS[0]).mark_text(
        align="left", dx=6, fontSize=13).encode(
        x=alt.X("total_return:Q"), y=y, text=alt.Text("total_return:Q", format=",.1f"))
    return alt.layer(bars, totals).properties(
        title=alt.Title("What each split of capacity earns",
                        subtitle="Bars stack the extra weekly value of each kind of work."),
        description=("Stacked bar chart: one bar per way of splitting the team's capacity, made of the "
                     "weekly value each kind of work returns; the number at the end is the total."),
        width=WIDTH, height=150,
        # room for labels: a static snapshot measures text with other fonts than the browser
        padding={"left": 16, "right": 16, "top": 4, "bottom": 4},
    )


def allocation_explorer(data: dict[str, pd.DataFrame]) -> alt.VConcatChart:
    """The static explorer for capacity: three sliders, the rest goes to expansion.

    The sliders are the model's declarations (:data:`~exercises.sequencing.model.FEATURE`,
    ``GROWTH``, ``SCALING``) on :data:`~exercises.sequencing.model.STEP` % steps, so they start
    at equal quarters as the live sliders do. The page only picks rows the model wrote: the
    verdict for the three shares' sum (``verdicts``: fits, or over 100 %), what each kind returns
    at its share (``levels``) and what the split earns (``splits``, by its key); the words are the
    model's (:data:`~exercises.sequencing.model.SPLIT_WORDS`), chosen by the ``verdict`` column.

    Parameters
    ----------
    data : dict of pandas.DataFrame
        Output of :func:`~exercises.sequencing.model.allocation_explorer_data`.
    """
    specs = (FEATURE, GROWTH, SCALING)
    sliders = []
    for spec in specs:
        slider = bound(spec, widget="range", values=spec.grid)
        slider.param.bind.step = float(STEP)  # the grid's step; the live sliders move by 1 %
        sliders.append(slider)
    given = " + ".join(spec.name for spec in specs)
    key = f"{FEATURE.name} * 1000000 + {GROWTH.name} * 1000 + {SCALING.name}"  # model.split_key
    verdicts = alt.Chart(data["verdicts"]).transform_filter(f"datum.given == {given}")
    row = verdicts.transform_calculate(at=key).transform_lookup(
        lookup="at", from_=alt.LookupData(data["splits"], "at", ["earns", "share"]))
    picked = " || ".join(f"(datum.kind == {vega_string(spec.name)} && datum.share == {spec.name})" for spec in specs)
    bars = alt.Chart(data["levels"]).transform_calculate(given=given).transform_lookup(
        lookup="given", from_=alt.LookupData(data["verdicts"], "given", ["verdict", "expansion"])).transform_filter(
        f"datum.verdict == 'fits' && ({picked} || (datum.kind == {vega_string(KINDS[-1])} "
        "&& datum.share == datum.expansion))").transform_calculate(kind_rank=_KIND_RANK).mark_bar(height=36).encode(
        x=alt.X("weekly_return:Q", title="Extra value a week (k€)", stack="zero",
                scale=alt.Scale(domain=[0, float(data["splits"]["earns"].max()) * 1.05])),
        color=_KIND_COLOUR, order=alt.Order("kind_rank:Q"),
        tooltip=[alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("weekly_return:Q", title="Value a week (k€)", format=",.1f")],
    )
    best = verdicts.transform_filter(f"datum.verdict == 'fits' && {SHOW_SPLIT.name}").mark_rule(
        color=BEST_COLOUR, strokeDash=[6, 3], strokeWidth=2, aria=False).encode(x="best_return:Q")
    fields = {"total_return": "datum.earns", "share_of_best": "datum.share"}
    said = {kind: "[" + ", ".join(vega_sentence(line, fields) for line in lines) + "]"
            for kind, lines in SPLIT_WORDS.items()}
    # The leader's split stays folded until the reader ticks SHOW_SPLIT: then its words follow.
    said = {kind: f"{SHOW_SPLIT.name} ? {lines[:-1]}, datum.best_words] : {lines}" for kind, lines in said.items()}
    fits = words(row.transform_filter("datum.verdict == 'fits'").transform_calculate(label=said["fits"]))
    over = warning_words(row.transform_filter("datum.verdict == 'over'").transform_calculate(label=said["over"]))
    return explorer(
        alt.layer(fits, over), alt.layer(bars, best).properties(width=WIDTH, height=50),
        [*sliders, bound(SHOW_SPLIT)], words_height=60,
        title="Split the team's capacity",
        subtitle="Set feature, growth and scaling work; expansion gets what is left.",
        description="Interactive bar chart. Three sliders set the share of capacity for feature, growth and "
        "scaling work, and expansion gets the rest; the bar stacks the weekly value each kind returns, and the "
        "text gives the total and its share of the best. A check box shows the leader's split: a dashed line at "
        "what it earns, and its shares in words.",
    )


def backlog_table(backlog: pd.DataFrame) -> pd.DataFrame:
    """The backlog as a reader-friendly table, indexed by id, with plain column names.

    The index's name is written as the columns' name, so the table has one header row with "Id"
    over the ids (a named index adds a second row of empty header cells, which screen readers
    announce as nothing: axe-core's ``empty-table-header``)."""
    table = backlog.assign(
        depends_on=[", ".join(deps) or "–" for deps in backlog["depends_on"]],
        cd3=model.cd3(backlog).round(2),
    ).rename(columns={"id": "Id", "name": "Initiative", "kind": "Kind", "effort_weeks": "Team-weeks",
                      "value_per_week": "k€ a week once shipped", "depends_on": "Needs first",
                      "cd3": "CD3 (value ÷ weeks)"})
    return table.set_index("Id").rename_axis(index=None, columns="Id")
