"""Sequencing charts, built from model output. Functions return altair charts; none displays.

Each chart carries a ``description``: a sentence that says in words what it shows, read by
screen readers and printed under the chart on the static site.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..charts import WIDTH, best_line, explorer, warning_words, words
from ..theme import BEST as BEST_COLOUR
from ..theme import YOURS as YOURS_COLOUR
from . import model
from .model import BEST, KINDS, WSJF, YOURS

__all__ = ["allocation_chart", "allocation_explorer", "backlog_table", "strategy_explorer", "value_curves_chart"]

_WEEK = alt.X("week:Q", title="Week", axis=alt.Axis(tickMinStep=1), scale=alt.Scale(nice=False))
_VALUE = alt.Y("cumulative_value:Q", title="Value earned so far (k€)")
_KIND_COLOUR = alt.Color("kind:N", title="Kind of work", sort=list(KINDS),
                         scale=alt.Scale(domain=list(KINDS)), legend=alt.Legend(orient="bottom"))
_KIND_RANK = f"indexof({list(KINDS)!r}, datum.kind)"


def value_curves_chart(curves: pd.DataFrame) -> alt.LayerChart:
    """Value earned week by week by several orders of the same backlog.

    Parameters
    ----------
    curves : pandas.DataFrame
        The ``curves`` of :func:`~exercises.sequencing.model.compare_orders`: columns
        ``strategy``, ``week``, ``cumulative_value``, ``shipped``, ``share_of_best``, ``order``.
    """
    strategies = [YOURS, WSJF, BEST]  # fixed, so colours never move when "Your order" has no curve
    legend = alt.Legend(symbolType="stroke", symbolSize=400, orient="bottom")
    colour = alt.Color("strategy:N", title="Order", sort=strategies, legend=legend,
                       scale=alt.Scale(domain=strategies))
    dash = alt.StrokeDash("strategy:N", title="Order", sort=strategies, legend=legend,
                          scale=alt.Scale(domain=strategies, range=[[1, 0], [6, 3], [2, 2]]))
    base = alt.Chart(curves).encode(x=_WEEK, y=_VALUE, color=colour)
    lines = base.mark_line().encode(strokeDash=dash)
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


def strategy_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """The static explorer: pick a strategy and a horizon, see its value curve against the best.

    Parameters
    ----------
    grid : pandas.DataFrame
        Output of :func:`~exercises.sequencing.model.strategy_grid`.
    """
    horizons = sorted(int(h) for h in grid["horizon"].unique())
    names = [s for s in dict.fromkeys(grid["strategy"]) if s != BEST]
    horizon = alt.param(name="horizon", value=horizons[-1],
                        bind=alt.binding_radio(options=horizons, name="Horizon (weeks): "))
    strategy = alt.param(name="strategy", value=names[0],
                         bind=alt.binding_select(options=names, name="Strategy: "))
    base = alt.Chart(grid).transform_filter(alt.datum.horizon == horizon)
    best = best_line(base.transform_filter(alt.datum.strategy == BEST), x=_WEEK, y=_VALUE)
    chosen = base.transform_filter(alt.datum.strategy == strategy)
    line = chosen.mark_line(color=YOURS_COLOUR).encode(x=_WEEK, y=_VALUE)
    ships = chosen.transform_filter("datum.shipped != ''").mark_point(
        filled=True, size=70, color=YOURS_COLOUR).encode(
        x=_WEEK, y=_VALUE,
        tooltip=[alt.Tooltip("week:Q", title="Week"), alt.Tooltip("shipped:N", title="Ships"),
                 alt.Tooltip("cumulative_value:Q", title="Value so far (k€)", format=",.1f")])
    verdict = words(chosen.transform_filter(alt.datum.week == horizon).transform_calculate(
        label="['This strategy earns ' + format(datum.cumulative_value, ',.0f') + ' k€ by week ' "
              "+ datum.week + ': ' + format(datum.share_of_best, '.0%') + ' of the best possible order.', "
              "'Order: ' + datum.order]"))
    return explorer(
        verdict, alt.layer(best, line, ships).properties(width=WIDTH, height=300), [horizon, strategy],
        title="Pick a strategy and a horizon",
        subtitle="Solid line: the strategy you picked. Dashed line: the best possible order.",
        description="Interactive line chart. Choose a way of ordering the backlog and how many weeks count; the solid "
        "line shows the value that order earns week by week, the dashed line the best possible order for "
        "the same horizon, and the text says what share of the best your strategy captures and lists the order.",
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


def allocation_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """The static explorer for capacity: three sliders, the rest goes to expansion.

    Parameters
    ----------
    grid : pandas.DataFrame
        Output of :func:`~exercises.sequencing.model.allocation_grid`.
    """
    step = int(sorted(grid["feature"].unique())[1])
    start = model.grid_start(grid)
    sliders = [alt.param(name=kind, value=start[kind],
                         bind=alt.binding_range(min=0, max=100, step=step, name=f"{kind.capitalize()} work (%): "))
               for kind in KINDS[:-1]]
    match = " && ".join(f"datum.{kind} == {kind}" for kind in KINDS[:-1])
    chosen = alt.Chart(grid).transform_filter(match)
    bars = chosen.transform_fold([f"return_{k}" for k in KINDS], as_=["column", "weekly_return"]).transform_calculate(
        kind="slice(datum.column, 7)").transform_calculate(kind_rank=_KIND_RANK).mark_bar(height=36).encode(
        x=alt.X("weekly_return:Q", title="Extra value a week (k€)", stack="zero",
                scale=alt.Scale(domain=[0, float(grid["total_return"].max()) * 1.05])),
        color=_KIND_COLOUR, order=alt.Order("kind_rank:Q"),
        tooltip=[alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("weekly_return:Q", title="Value a week (k€)", format=",.1f")],
    )
    best = chosen.mark_rule(color=BEST_COLOUR, strokeDash=[6, 3], strokeWidth=2, aria=False).encode(
        x="best_return:Q")
    verdict = words(chosen.transform_calculate(
        label=("['Expansion gets the remaining ' + datum.expansion + '%.', 'This split earns ' + "
               "format(datum.total_return, ',.1f') + ' k€ a week: ' + format(datum.share_of_best, '.0%') + "
               "' of the best split (dashed line).']")))
    # When the three shares exceed 100 % no row matches; one fixed row carries the warning instead.
    over = warning_words(alt.Chart(grid).transform_filter(alt.datum.expansion == 100).transform_filter(
        f"{' + '.join(KINDS[:-1])} > 100").transform_calculate(
        label="'These three shares add up to more than 100%. Lower one of them.'"))
    return explorer(
        alt.layer(verdict, over), alt.layer(bars, best).properties(width=WIDTH, height=50), sliders,
        title="Split the team's capacity",
        subtitle="Set feature, growth and scaling work; expansion gets what is left.",
        description="Interactive bar chart. Three sliders set the share of capacity for feature, growth and "
        "scaling work, and expansion gets the rest; the bar stacks the weekly value each kind returns, the "
        "dashed line marks the best possible split, and the text gives the total and its share of the best.",
    )


def backlog_table(backlog: pd.DataFrame) -> pd.DataFrame:
    """The backlog as a reader-friendly table, indexed by id, with plain column names."""
    table = backlog.assign(
        depends_on=[", ".join(deps) or "–" for deps in backlog["depends_on"]],
        cd3=model.cd3(backlog).round(2),
    ).rename(columns={"id": "Id", "name": "Initiative", "kind": "Kind", "effort_weeks": "Team-weeks",
                      "value_per_week": "k€ a week once shipped", "depends_on": "Needs first",
                      "cd3": "CD3 (value ÷ weeks)"})
    return table.set_index("Id")
