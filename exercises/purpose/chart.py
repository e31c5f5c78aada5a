"""Purpose charts, built from model output. Functions return altair charts; none displays.

Each chart carries a ``description``: a sentence that says in words what it shows. Nothing is
computed here: the rows, the verdicts and the words' templates all come from the model; a static
explorer only picks the model's rows by its inputs and fills the model's words.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, bound, explorer, vega_sentence, words
from ..kit.theme import RULE, WARNING, YOURS
from .model import (BASS_WORDS, CASCADE_WORDS, CENTOLA_TIP, COMMITTED, MEAN, P, Q, ROGERS_TIP, SPREAD,
                    rogers_categories)

__all__ = ["bass_chart", "bass_explorer", "cascade_chart", "cascade_explorer", "checks_chart"]

_T = alt.X("t:Q", title="Period (e.g. year)", scale=alt.Scale(nice=False))
_CUM = alt.Y("cumulative:Q", title="Market that has adopted (%)", scale=alt.Scale(domain=[0, 100]))
_COMMITTED = alt.X("committed:Q", title="Committed believers at the start (%)", scale=alt.Scale(domain=[0, 50]))
_JOINED = alt.Y("joined:Q", title="Crowd joined in the end (%)", scale=alt.Scale(domain=[0, 100]))
#: The two reference marks: the value (per cent), its colour and its label, each naming its source.
_REFERENCES = ((100 * ROGERS_TIP, RULE, "16 %: Rogers' innovators + early adopters"),
               (100 * CENTOLA_TIP, WARNING, "25 %: Centola's minority"))


def _marks(base: alt.Chart, axis: str) -> alt.LayerChart:
    """Rules at Rogers' 16 % and Centola's 25 %, labelled, on ``axis`` ("x" or "y").

    On the x axis the labels sit on two rows (the rules are only 9 points apart), on the y axis
    both sit just above their rule at the left.
    """
    layers = []
    one = base.transform_filter("datum.row_one")
    for k, (value, colour, text) in enumerate(_REFERENCES):
        enc = {axis: alt.datum(value)}
        where = {"x": alt.value(2)} if axis == "y" else {"y": alt.value(12 + 16 * k)}
        layers += [one.mark_rule(color=colour, strokeDash=[6, 3], aria=False).encode(**enc),
                   one.mark_text(color=colour, align="left", dx=3, dy=-4 if axis == "y" else 0, baseline="bottom",
                                 fontSize=11, aria=False).encode(**enc, **where, text=alt.value(text))]
    return alt.layer(*layers)


def _bands(base: alt.Chart) -> alt.LayerChart:
    """Rogers' adopter categories as shaded bands of the cumulative share, each named at the right.

    The bands are cut from the normal curve (:func:`~exercises.purpose.model.rogers_categories`):
    whoever has adopted by the time the line crosses a band belongs to that category or an earlier one.
    """
    one, layers = base.transform_filter("datum.row_one"), []
    for k, row in enumerate(rogers_categories().itertuples()):
        layers += [one.mark_rect(color="#888888", opacity=0.12 if k % 2 else 0.04, aria=False).encode(
                       y=alt.datum(row.start), y2=alt.datum(row.end)),
                   one.mark_text(align="right", baseline="middle", dx=-4, fontSize=11, color="#555555",
                                 aria=False).encode(x=alt.value(WIDTH), y=alt.datum((row.start + row.end) / 2),
                                                    text=alt.value(f"{row.category} {row.share:.1f} %"))]
    return alt.layer(*layers)


def _said(words_by_verdict: dict) -> str:
    """A Vega expression choosing the model's lines by the row's ``verdict`` and filling them."""
    return " : ".join(f"datum.verdict == '{kind}' ? [{', '.join(vega_sentence(line) for line in lines)}]"
                      for kind, lines in words_by_verdict.items()) + " : ''"


def bass_chart(curve: pd.DataFrame) -> alt.LayerChart:
    """Cumulative Bass adoption of one ``p``, ``q`` with the 16 % and 25 % marks (one dataset).

    ``curve`` is :func:`~exercises.purpose.model.bass_curve` (with ``row_one``)."""
    base = alt.Chart(curve[["t", "cumulative", "row_one"]])
    line = base.mark_line(color=YOURS, strokeWidth=3).encode(x=_T, y=_CUM, tooltip=["t:Q", alt.Tooltip("cumulative:Q", format=".1f")])
    return alt.layer(_bands(base), line, _marks(base, "y")).properties(
        width=WIDTH, height=260, title="Who has adopted, period by period",
        description="S-shaped line of the share of the market that has adopted by each period, with dashed "
                    "lines at 16 % (Rogers' innovators plus early adopters) and 25 % (Centola's committed "
                    "minority), over shaded bands for Rogers' five adopter categories.")


def bass_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """Static face of the Bass exercise: menus for p and q pick a curve the model computed.

    ``grid`` is :func:`~exercises.purpose.model.bass_grid` (one row per setting, the curve packed
    as lists the page unpacks); the inputs are the model's declarations."""
    params = [bound(P, values=sorted(grid["p"].unique())), bound(Q, values=sorted(grid["q"].unique()))]
    chosen = alt.Chart(grid).transform_filter(f"datum.p == {P.name} && datum.q == {Q.name}")
    verdict = words(chosen.transform_calculate(label=_said(BASS_WORDS)), height=40)
    base = chosen.transform_flatten(["t", "cumulative"]).transform_calculate(row_one="datum.t == 0")
    line = base.mark_line(color=YOURS, strokeWidth=3).encode(x=_T, y=_CUM)
    picture = alt.layer(_bands(base), line, _marks(base, "y")).properties(width=WIDTH, height=260)
    return explorer(verdict, picture, params, title="Move innovation and imitation", words_height=40,
                    subtitle="The line is the Bass model's cumulative adoption.",
                    description="Interactive line chart. Choose p and q; the S-curve shows the share of the market "
                                "that has adopted by each period over shaded bands for Rogers' adopter categories, with "
                                "dashed lines at 16 % and 25 %, and the text "
                                "says when adoption peaks and when it reaches 16 % and 50 %.")


def cascade_chart(curve: pd.DataFrame) -> alt.LayerChart:
    """Final share joined against committed share for one crowd, your share marked (one dataset).

    ``curve`` is the ``curve`` of :func:`~exercises.purpose.model.crowd`: ``committed``,
    ``joined``, ``yours`` (true on the learner's row) and ``row_one``."""
    base = alt.Chart(curve[["committed", "joined", "yours", "row_one"]])
    line = base.mark_line(color=YOURS, strokeWidth=3, interpolate="step-after").encode(x=_COMMITTED, y=_JOINED)
    you = base.transform_filter("datum.yours").mark_point(size=140, filled=True, color=YOURS).encode(x=_COMMITTED, y=_JOINED)
    return alt.layer(line, you, _marks(base, "x")).properties(
        width=WIDTH, height=260, title="Does the crowd tip?",
        description="Step line of how much of the crowd joins in the end for each committed share, your share "
                    "marked with a dot, and dashed lines at 16 % and 25 % committed.")


def cascade_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """Static face of the cascade exercise: the spread, the average threshold and your committed share.

    ``grid`` is :func:`~exercises.purpose.model.cascade_grid`; the inputs are the model's declarations."""
    params = [bound(SPREAD, values=sorted(grid["spread"].unique())), bound(COMMITTED),
              bound(MEAN, values=sorted(grid["mean"].unique()))]
    base = alt.Chart(grid).transform_filter(f"datum.spread == {SPREAD.name} && datum.mean == {MEAN.name}"
                                            ).transform_flatten(["committed", "joined"]).transform_calculate(
        row_one="datum.committed == 0")
    at = base.transform_filter(f"datum.committed == {COMMITTED.name}")
    verdict = words(at.transform_calculate(label=_said(CASCADE_WORDS)), height=40)
    line = base.mark_line(color=YOURS, strokeWidth=3, interpolate="step-after").encode(x=_COMMITTED, y=_JOINED)
    you = at.mark_point(size=140, filled=True, color=YOURS).encode(x=_COMMITTED, y=_JOINED)
    picture = alt.layer(line, you, _marks(base, "x")).properties(width=WIDTH, height=260)
    return explorer(verdict, picture, params, title="Set the crowd and the committed share", words_height=40,
                    subtitle="Granovetter's threshold cascade in a crowd of 100.",
                    description="Interactive step chart. Choose the spread of thresholds, the average threshold and "
                                "the committed share; the line shows how much of the crowd joins for each committed "
                                "share, a dot marks yours, and the text says whether and where it tips, beside "
                                "Rogers' 16 % and Centola's 25 %.")


def checks_chart(checks: pd.DataFrame) -> alt.Chart:
    """One bar per check of a message: how many words tripped it (none is a pass).

    ``checks`` is :func:`~exercises.purpose.model.checks_frame`: ``check``, ``passed``, ``tripped``."""
    return alt.Chart(checks[["check", "passed", "tripped"]]).mark_bar().encode(
        y=alt.Y("check:N", title=None, sort=None),
        x=alt.X("tripped:Q", title="Words that tripped the check", axis=alt.Axis(tickMinStep=1),
                scale=alt.Scale(domainMin=0)),
        color=alt.Color("passed:N", title="Passes", scale=alt.Scale(domain=[True, False], range=[YOURS, WARNING])),
    ).properties(width=WIDTH, title="The checks of your why", description=(
        "Bar chart: for each check of your message, how many words tripped it; no bar means it passes."))
