"""Purpose charts, built from model output. Functions return altair charts; none displays.

Each chart carries a ``description``: a sentence that says in words what it shows.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, explorer, words
from ..kit.theme import RULE, WARNING, YOURS
from .model import CENTOLA_TIP, SEEDS_TIP, rogers_categories

__all__ = ["bass_chart", "bass_explorer", "cascade_chart", "cascade_explorer", "checks_chart"]

_T = alt.X("t:Q", title="Period (e.g. year)", scale=alt.Scale(nice=False))
_CUM = alt.Y("cumulative:Q", title="Market that has adopted (%)", scale=alt.Scale(domain=[0, 100]))
_COMMITTED = alt.X("committed:Q", title="Committed believers at the start (%)", scale=alt.Scale(domain=[0, 50]))
_JOINED = alt.Y("joined:Q", title="Crowd joined in the end (%)", scale=alt.Scale(domain=[0, 100]))


def _marks(base: alt.Chart, axis: str) -> alt.LayerChart:
    """Rules at the seeds' 16 % and Centola's 25 %, labelled, on ``axis`` ("x" or "y")."""
    layers = []
    for value, colour, text in ((100 * SEEDS_TIP, RULE, "16 % (seeds)"), (100 * CENTOLA_TIP, WARNING, "25 % (Centola)")):
        enc = {axis: alt.datum(value)}
        one = base.transform_filter("datum.row_one")
        layers += [one.mark_rule(color=colour, strokeDash=[6, 3], aria=False).encode(**enc),
                   one.mark_text(color=colour, align="left", dx=3, dy=-6 if axis == "y" else 0, baseline="bottom",
                                 aria=False).encode(**enc, **({"x": alt.value(2)} if axis == "y" else {"y": alt.value(12)}),
                                                    text=alt.value(text))]
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


def bass_chart(curve: pd.DataFrame) -> alt.LayerChart:
    """Cumulative Bass adoption of one ``p``, ``q`` with the 16 % and 25 % marks (one dataset)."""
    base = alt.Chart(curve.assign(row_one=curve["t"] == 0))
    line = base.mark_line(color=YOURS, strokeWidth=3).encode(x=_T, y=_CUM, tooltip=["t:Q", alt.Tooltip("cumulative:Q", format=".1f")])
    return alt.layer(_bands(base), line, _marks(base, "y")).properties(
        width=WIDTH, height=260, title="Who has adopted, period by period",
        description="S-shaped line of the share of the market that has adopted by each period, with dashed "
                    "lines at 16 % (innovators plus early adopters) and 25 % (Centola's committed minority), over "
                    "shaded bands for Rogers' five adopter categories.")


def bass_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """Static face of the Bass exercise: sliders for p and q pick a precomputed curve."""
    p = alt.param(name="p_pct", value=3, bind=alt.binding_range(min=1, max=5, step=1, name="Innovation p (%): "))
    q = alt.param(name="q_pct", value=38, bind=alt.binding_select(options=sorted(set(grid["q_pct"])),
                                                                  name="Imitation q (%): "))
    base = alt.Chart(grid.assign(row_one=grid["t"] == 0)).transform_filter(
        "datum.p_pct == p_pct && datum.q_pct == q_pct")
    verdict = words(base.transform_filter("datum.row_one").transform_calculate(
        label="'Adoption peaks at period ' + format(datum.peak, '.1f') + '; 16 % by ' + format(datum.t16, '.1f')"
              " + ', half the market by ' + format(datum.t50, '.1f') + '.'"))
    line = base.mark_line(color=YOURS, strokeWidth=3).encode(x=_T, y=_CUM)
    picture = alt.layer(_bands(base), line, _marks(base, "y")).properties(width=WIDTH, height=260)
    return explorer(verdict, picture, [p, q], title="Move innovation and imitation",
                    subtitle="The line is the Bass model's cumulative adoption.",
                    description="Interactive line chart. Choose p and q; the S-curve shows the share of the market "
                                "that has adopted by each period over shaded bands for Rogers' adopter categories, with "
                                "dashed lines at 16 % and 25 %, and the text "
                                "says when adoption peaks and when it reaches 16 % and 50 %.")


def cascade_chart(curve: pd.DataFrame) -> alt.LayerChart:
    """Final share joined against committed share for one spread, your share marked (one dataset).

    ``curve`` has ``committed``, ``joined`` and ``yours`` (true on the learner's row)."""
    base = alt.Chart(curve.assign(row_one=curve["committed"] == 0))
    line = base.mark_line(color=YOURS, strokeWidth=3, interpolate="step-after").encode(x=_COMMITTED, y=_JOINED)
    you = base.transform_filter("datum.yours").mark_point(size=140, filled=True, color=YOURS).encode(x=_COMMITTED, y=_JOINED)
    return alt.layer(line, you, _marks(base, "x")).properties(
        width=WIDTH, height=260, title="Does the crowd tip?",
        description="Step line of how much of the crowd joins in the end for each committed share, your share "
                    "marked with a dot, and dashed lines at 16 % and 25 % committed.")


def cascade_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """Static face of the cascade exercise: the spread of thresholds and your committed share."""
    spread = alt.param(name="spread", value=10, bind=alt.binding_range(min=5, max=25, step=5,
                                                                       name="Spread of thresholds (%): "))
    share = alt.param(name="share", value=16, bind=alt.binding_range(min=0, max=50, step=1,
                                                                     name="Committed believers (%): "))
    base = alt.Chart(grid.assign(row_one=grid["committed"] == 0)).transform_filter("datum.spread == spread")
    verdict = words(base.transform_filter("datum.committed == share").transform_calculate(
        label="'With ' + datum.committed + ' % committed, ' + datum.joined + ' % join. '"
              " + (datum.tip < 0 ? 'It never tips here.' : 'It tips from ' + datum.tip + ' % committed.')"))
    line = base.mark_line(color=YOURS, strokeWidth=3, interpolate="step-after").encode(x=_COMMITTED, y=_JOINED)
    you = base.transform_filter("datum.committed == share").mark_point(size=140, filled=True, color=YOURS).encode(
        x=_COMMITTED, y=_JOINED)
    picture = alt.layer(line, you, _marks(base, "x")).properties(width=WIDTH, height=260)
    return explorer(verdict, picture, [spread, share], title="Set the spread and the committed share",
                    subtitle="Granovetter's threshold cascade in a crowd of 100; mean threshold 40 %.",
                    description="Interactive step chart. Choose the spread of thresholds and the committed share; "
                                "the line shows how much of the crowd joins for each committed share, a dot marks "
                                "yours, and the text says whether and where it tips against 16 % and 25 %.")


def checks_chart(checks: pd.DataFrame) -> alt.Chart:
    """One bar per check of a message: how many words tripped it (none is a pass)."""
    frame = checks.assign(tripped=[len([w for w in words.split(", ") if w]) for words in checks["words"]])
    return alt.Chart(frame[["check", "passed", "tripped"]]).mark_bar().encode(
        y=alt.Y("check:N", title=None, sort=None),
        x=alt.X("tripped:Q", title="Words that tripped the check", axis=alt.Axis(tickMinStep=1),
                scale=alt.Scale(domainMin=0)),
        color=alt.Color("passed:N", title="Passes", scale=alt.Scale(domain=[True, False], range=[YOURS, WARNING])),
    ).properties(width=WIDTH, title="The checks of your why", description=(
        "Bar chart: for each check of your message, how many words tripped it; no bar means it passes."))
