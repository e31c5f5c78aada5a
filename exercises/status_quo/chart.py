"""Challenging the status quo: charts built from model output. Functions return altair charts; none displays."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..charts import WIDTH
from . import model

__all__ = ["LEVEL_COLOURS", "regions_chart", "regions_explorer"]

#: Colours of the rule's three answers (Okabe-Ito: green, orange, vermillion).
LEVEL_COLOURS = ("#009E73", "#E69F00", "#D55E00")
_COLOUR = alt.Color("answer:N", title="The rule says", scale=alt.Scale(domain=list(model.LEVELS),
                                                                       range=list(LEVEL_COLOURS)))
_X = alt.X("blast_radius:O", title="Blast radius (1 = your team, 5 = every customer)", axis=alt.Axis(labelAngle=0))
_Y = alt.Y("reversibility:O", title="Reversibility (5 = undone in a day)", sort="descending")
_DESCRIPTION = ("Grid of reversibility against blast radius, each cell coloured by the rule: act and inform "
                "where a decision is easy to undo and contained, ask first where it is hard to undo or reaches "
                "many people, consult in between; the cases are drawn as numbered points.")


def _layers(data: alt.Chart, opacity) -> alt.LayerChart:
    regions = data.transform_filter(alt.datum.layer == "region").mark_rect().encode(
        x=_X, y=_Y, color=_COLOUR, opacity=opacity)
    cases = data.transform_filter(alt.datum.layer == "case")
    points = cases.mark_point(filled=True, size=140, color="black").encode(
        x=_X, y=_Y, shape=alt.Shape("status:N", title="Your label",
                                    scale=alt.Scale(domain=["not yet", "right", "wrong"],
                                                    range=["circle", "square", "cross"])),
        tooltip=[alt.Tooltip("situation:N", title="Situation"), alt.Tooltip("given:N", title="You said")])
    labels = cases.mark_text(dx=14, align="left", fontSize=11).encode(x=_X, y=_Y, text="id:N")
    return alt.layer(regions, points, labels).properties(width=WIDTH, height=300)


def regions_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """The live chart: the rule's regions and the cases, marked by the learner's labels (one dataset)."""
    return _layers(alt.Chart(frame), alt.value(0.55)).properties(
        title="Where each case sits, and what the rule says", description=_DESCRIPTION)


def regions_explorer(frame: pd.DataFrame) -> alt.LayerChart:
    """The static chart: pick one of the rule's answers to highlight its region."""
    options = ["all", *model.LEVELS]
    pick = alt.param(name="highlight", value="all", bind=alt.binding_select(options=options, name="Highlight: "))
    opacity = alt.condition((pick == "all") | (alt.datum.answer == pick), alt.value(0.6), alt.value(0.1))
    return _layers(alt.Chart(frame), opacity).add_params(pick).properties(
        title=alt.Title("The rule's regions", subtitle="Pick an answer to highlight where the rule gives it."),
        description=_DESCRIPTION)
