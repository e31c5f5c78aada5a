"""Influence and buy-in: charts built from model output. Functions return altair charts; none displays."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..charts import WIDTH, explorer, words
from ..theme import YOURS

__all__ = ["reach_chart", "reach_explorer"]

_WEEK = alt.X("week:Q", title="Week")
_REACHED = alt.Y("reached:Q", title="Share of people reached", axis=alt.Axis(format="%"),
                 scale=alt.Scale(domain=[0, 1]))


def reach_chart(curve: pd.DataFrame) -> alt.Chart:
    """The reach curve of one weekly rate (the live exercise's chart; one dataset)."""
    return alt.Chart(curve).mark_line(color=YOURS).encode(x=_WEEK, y=_REACHED).properties(
        width=WIDTH, title="Who has heard the idea, week by week",
        description="Line chart of the share of people who have heard the idea by each week; it rises fast "
                    "at first and then more slowly, because fewer people are left to reach.")


def reach_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """The static explorer: pick a scenario, see its reach curve and its half-life."""
    names = list(dict.fromkeys(grid["scenario"]))
    scenario = alt.param(name="scenario", value=names[0], bind=alt.binding_select(options=names, name="Scenario: "))
    chosen = alt.Chart(grid).transform_filter(alt.datum.scenario == scenario)
    verdict = words(chosen.transform_filter(alt.datum.week == 0).transform_calculate(
        label="'Half the people have heard it after ' + format(datum.half_life, '.1f') + ' weeks.'"))
    line = chosen.mark_line(color=YOURS).encode(x=_WEEK, y=_REACHED).properties(width=WIDTH, height=240)
    return explorer(verdict, line, [scenario], title="Pick a scenario", subtitle="The line shows who has heard it.",
                    description="Interactive line chart. Choose a scenario; the line shows the share of people "
                                "who have heard the idea by each week, and the text says when half have.")
