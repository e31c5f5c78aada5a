"""__Title__: charts built from model output. Functions return altair charts; none displays."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, bound, explorer, vega_sentence, words
from ..kit.theme import YOURS
from .model import RATE, REACH_WORDS

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
    """The static explorer: the same slider as the live face (:data:`~.model.RATE`), the curve the
    model computed for it, and the model's words filled in the page.

    Parameters
    ----------
    grid : pandas.DataFrame
        Output of :func:`~.model.reach_grid`.
    """
    rate = bound(RATE)
    chosen = alt.Chart(grid).transform_filter(f"datum.rate == {RATE.name}")
    verdict = words(chosen.transform_filter(alt.datum.week == 0).transform_calculate(
        label=vega_sentence(REACH_WORDS)))
    line = chosen.mark_line(color=YOURS).encode(x=_WEEK, y=_REACHED).properties(width=WIDTH, height=240)
    return explorer(verdict, line, [rate], title="How fast does an idea spread?",
                    subtitle="Move the slider: the line shows who has heard it.",
                    description="Interactive line chart. Choose how many people in a hundred hear the idea each "
                                "week; the line shows the share who have heard it by each week, and the text says "
                                "when half have.")
