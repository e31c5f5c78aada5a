"""Culture change through consistency: charts built from model output. Functions return altair charts; none displays."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, explorer, words
from ..kit.theme import YOURS

__all__ = ["adoption_chart", "adoption_explorer"]

_WEEK = alt.X("week:Q", title="Week")
_ADOPTED = alt.Y("adopted:Q", title="Share holding the new norm", axis=alt.Axis(format="%"),
                 scale=alt.Scale(domain=[0, 1]))
_SCHEDULE = alt.Color("schedule:N", title="Schedule", scale=alt.Scale(domain=["even", "burst"],
                                                                      range=[YOURS, "#999999"]))
_DASH = alt.StrokeDash("schedule:N", scale=alt.Scale(domain=["even", "burst"], range=[[1, 0], [6, 3]]), legend=None)


def adoption_chart(curves: pd.DataFrame) -> alt.Chart:
    """Both schedules' adoption over 52 weeks (the live exercise's chart; one dataset)."""
    return alt.Chart(curves).mark_line().encode(x=_WEEK, y=_ADOPTED, color=_SCHEDULE, strokeDash=_DASH).properties(
        width=WIDTH, title="Who holds the new norm, week by week",
        description="Line chart of the share of people holding the new norm each week, one solid line for the "
                    "even schedule and one dashed line for the launch burst, over the same budget.")


def adoption_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """The static explorer: pick a budget, a burst length and a half-life; see both schedules."""
    budget = alt.param(name="budget", value=26, bind=alt.binding_select(
        options=sorted(grid["budget"].unique().tolist()), name="Conversations in the year: "))
    burst = alt.param(name="burst", value=4, bind=alt.binding_select(
        options=sorted(grid["burst_weeks"].unique().tolist()), name="Burst lasts (weeks): "))
    half = alt.param(name="half", value=4, bind=alt.binding_select(
        options=sorted(grid["half_life"].unique().tolist()), name="Half-life in weeks (0 = never forgets): "))
    chosen = alt.Chart(grid).transform_filter(
        (alt.datum.budget == budget) & (alt.datum.burst_weeks == burst) & (alt.datum.half_life == half))
    verdict = words(chosen.transform_filter((alt.datum.week == 52) & (alt.datum.schedule == "even")).transform_calculate(
        label="datum.winner == 'tie' ? 'At week 52 the two schedules tie.' : 'At week 52 the ' + "
              "(datum.winner == 'even' ? 'even spread' : 'burst') + ' has more people holding the norm.'"))
    line = chosen.mark_line().encode(x=_WEEK, y=_ADOPTED, color=_SCHEDULE, strokeDash=_DASH).properties(
        width=WIDTH, height=240)
    return explorer(verdict, line, [budget, burst, half], title="Same budget, two schedules",
                    subtitle="Solid: one conversation spread evenly. Dashed: a launch burst.",
                    description="Interactive line chart. Choose the budget of conversations, how long the burst "
                                "lasts and how fast people forget; the lines show the share holding the new norm "
                                "each week under each schedule, and the text says which is ahead at week 52.")
