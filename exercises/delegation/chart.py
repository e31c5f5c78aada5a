"""Delegation charts: the delegation board and the bottleneck curve, built from model output."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, bound, explorer, one_row, vega_sentence, vega_string, words
from ..kit.theme import BEST, RULE, WARNING, YOURS
from .model import (BOARD_FOLDED, BOARD_REVEAL, BOTTLENECK_WORDS, CAPACITY, DECISIONS, DELEGATED, FACTORS,
                    LEVEL_MEANING, LEVELS, SCORE_INPUTS, SCORE_WORDS, SCORES_HEAD, WEIGHTS, WORK_DAYS, factor_frame)

__all__ = ["BOARD_WIDTH", "LABEL_CHARS", "LABEL_ROOM", "MAX_DAYS", "board_chart", "bottleneck_chart", "bottleneck_explorer",
           "recommendation_board", "score_chart", "score_explorer"]

#: Top of the lead-time axis (working days): beyond it the line leaves the chart.
MAX_DAYS = 20
#: Room the boards leave for their wrapped decision names (px), and characters per line of a name.
LABEL_ROOM, LABEL_CHARS = 125, 16
#: The boards' plot width: the kit's width less the names, so name and plot fit a phone's column together.
BOARD_WIDTH = max(160, WIDTH - LABEL_ROOM)
_LEVEL_AXIS = alt.Axis(values=list(range(1, 8)), labelExpr=f"{list(LEVELS)!r}[datum.value - 1]", labelAngle=-90,
                       labelOverlap=False, labelAlign="right", labelBaseline="middle", grid=True)
_LEVEL_X = alt.X("rank:Q", title="Level (1 tell … 7 delegate)", scale=alt.Scale(domain=[0.5, 7.5]), axis=_LEVEL_AXIS)


def _name_axis(names) -> alt.Axis:
    """A y axis that writes each decision's name on lines of at most :data:`LABEL_CHARS` characters
    (the page looks each name up; a name it does not know is written as it is)."""
    import textwrap

    table = ", ".join(f"{vega_string(n)}: [{', '.join(vega_string(line) for line in textwrap.wrap(n, LABEL_CHARS))}]"
                      for n in dict.fromkeys(str(n) for n in names))
    return alt.Axis(labelExpr=f"({{{table}}})[datum.label] || datum.label", labelLimit=LABEL_ROOM, labelLineHeight=15)


def board_chart(board: pd.DataFrame) -> alt.LayerChart:
    """The live board: decisions down, levels across; black ring the rule, blue dot yours.

    Parameters
    ----------
    board : pandas.DataFrame
        Output of :func:`~exercises.delegation.model.board_frame`.
    """
    y = alt.Y("decision:N", title=None, sort=None, axis=_name_axis(board["decision"]))
    base = alt.Chart(board)
    tip = [alt.Tooltip("decision:N", title="Decision"), alt.Tooltip("given:N", title="Yours"),
           alt.Tooltip("answer:N", title="Rule"), alt.Tooltip("reason:N", title="Why")]
    gap = base.transform_filter("isValid(datum.given_rank) && datum.gap != 0").mark_rule(
        color=WARNING, strokeWidth=2).encode(x=alt.X("given_rank:Q"), x2="answer_rank:Q", y=y)
    # The rule's ring only where it is shown (a decision you chose a level for, or all when asked).
    rule = base.transform_filter("isValid(datum.answer_rank)").mark_point(
        shape="circle", size=260, strokeWidth=2, color=BEST, filled=False).encode(
        x=alt.X("answer_rank:Q", title="Level (1 tell … 7 delegate)", scale=alt.Scale(domain=[0.5, 7.5]),
                axis=_LEVEL_AXIS),
        y=y, tooltip=tip)
    yours = base.transform_filter("isValid(datum.given_rank)").mark_point(
        shape="circle", size=90, filled=True, color=YOURS).encode(x="given_rank:Q", y=y, tooltip=tip)
    return alt.layer(gap, rule, yours).properties(
        title=alt.Title("Your levels against the rule", subtitle="Ring: the rule. Dot: yours. Red line: the gap."),
        description=("Board of the twelve decisions against the seven levels of delegation. A black ring marks "
                     "the level the rule recommends, a blue dot the level you chose, and a red line joins them "
                     "where they differ: the longer the line, the further apart you are."),
        width=BOARD_WIDTH, height=12 * 48)


def _narrow(chart: alt.VConcatChart) -> alt.VConcatChart:
    """An explorer whose picture is :data:`BOARD_WIDTH` wide: its words (shown as HTML, no room in the
    picture) take that width too, so names, plot and words together fit a phone's column."""
    chart.vconcat[0] = chart.vconcat[0].properties(width=BOARD_WIDTH)
    return chart


def recommendation_board(recommended: pd.DataFrame) -> alt.VConcatChart:
    """The static board of the rule's levels, folded until asked; pick a decision to read why.

    The board answers Exercise 1, so its dots and words stay hidden until the reader ticks the
    model's :data:`~exercises.delegation.model.BOARD_REVEAL` check box (off at first): until then
    the words are :data:`~exercises.delegation.model.BOARD_FOLDED`.

    Parameters
    ----------
    recommended : pandas.DataFrame
        Output of :func:`~exercises.delegation.model.recommend`.
    """
    data = recommended[["id", "decision", "rank", "level", "reason", "scores"]]
    shown = bound(BOARD_REVEAL)
    pick = alt.param(name="decision_pick", value=data["decision"].iloc[0],
                     bind=alt.binding_select(options=list(data["decision"]), name="Decision: "))
    y = alt.Y("decision:N", title=None, sort=None, axis=_name_axis(data["decision"]),
              scale=alt.Scale(domain=list(data["decision"])))  # the rows stay while the dots are folded
    base = alt.Chart(data)
    # Hidden from screen readers (aria=False): while folded the layer is empty, and the words and
    # the menu say each decision's level once it is shown.
    dots = base.transform_filter(BOARD_REVEAL.name).mark_point(shape="circle", filled=True, aria=False).encode(
        x=_LEVEL_X, y=y,
        size=alt.condition("datum.decision == decision_pick", alt.value(320), alt.value(90)),
        color=alt.condition("datum.decision == decision_pick", alt.value(RULE), alt.value(BEST)),
        tooltip=[alt.Tooltip("decision:N", title="Decision"), alt.Tooltip("level:N", title="Level"),
                 alt.Tooltip("reason:N", title="Why")])
    scores = f"{vega_string(SCORES_HEAD)} + datum.scores"
    folded = "[" + ", ".join([*(vega_string(line) for line in BOARD_FOLDED), scores]) + "]"
    why = words(base.transform_filter("datum.decision == decision_pick").transform_calculate(
        label=f"{BOARD_REVEAL.name} ? [datum.decision + ': ' + datum.level, {scores}, datum.reason] : {folded}"))
    return _narrow(explorer(
        why, dots.properties(width=BOARD_WIDTH, height=12 * 48), [shown, pick], words_height=60,
        title="The rule's delegation board",
        subtitle="Tick the box under the chart once you have chosen your levels; pick a decision to read why.",
        description="Interactive board, folded until you ask: one row per decision, and once shown a dot at the "
        "level of delegation the rule recommends, from tell on the left to delegate on the right. The menu "
        "highlights one decision and the text gives its level and the reason."))


def _curve_layers(base: alt.Chart) -> list:
    x = alt.X("share:Q", title="Share of decisions delegated (%)", scale=alt.Scale(domain=[0, 100]))
    y = alt.Y("lead_days:Q", title="Days a decision waits with you", scale=alt.Scale(domain=[0, MAX_DAYS]))
    band = base.mark_area(opacity=0.25, color=YOURS, clip=True).encode(
        x=x, y=alt.Y("p10_days:Q", scale=alt.Scale(domain=[0, MAX_DAYS])), y2="p90_days:Q")
    line = base.mark_line(color=YOURS, clip=True).encode(
        x=x, y=y, tooltip=[alt.Tooltip("share:Q", title="Delegated (%)"),
                           alt.Tooltip("lead_days:Q", title="Mean days", format=".1f"),
                           alt.Tooltip("p90_days:Q", title="1 in 10 waits more than (days)", format=".1f")])
    # Decorative for screen readers (aria=False): the chart's words say where the queue explodes,
    # and a leader who keeps up alone leaves this mark empty, which axe-core reports as an image
    # with no text (svg-img-alt) if it keeps its role.
    explode = base.transform_filter("datum.explodes_at > 0").transform_aggregate(
        at="max(explodes_at)").mark_rule(color=WARNING, strokeDash=[6, 3], strokeWidth=2, aria=False).encode(x="at:Q")
    return [band, line, explode]


def bottleneck_chart(curve: pd.DataFrame) -> alt.LayerChart:
    """The live chart: mean wait against the share delegated, the 10–90 % band, your point, the explosion.

    Parameters
    ----------
    curve : pandas.DataFrame
        Output of :func:`~exercises.delegation.model.bottleneck_curve`.
    """
    base = alt.Chart(curve)
    point = base.transform_filter("datum.yours && isValid(datum.lead_days)").mark_point(
        filled=True, size=160, color=BEST, clip=True).encode(x="share:Q", y="lead_days:Q")
    return alt.layer(*_curve_layers(base), point).properties(
        title=alt.Title("You as the bottleneck", subtitle=f"Working days ({WORK_DAYS} a week). Band: 8 in 10 "
                        "decisions wait this long (simulated). Red dashes: the queue explodes to the left."),
        description=("Line chart of the mean days a decision waits with the leader against the share of "
                     "decisions delegated, with a shaded band from the 10th to the 90th percentile of a "
                     "simulation, a black dot at your share, and a dashed red line where the queue starts to "
                     "grow without end."),
        width=WIDTH, height=280)


def bottleneck_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """The static explorer: pick λ, μ and the share delegated over the model's grid.

    The inputs are the model's declarations (:data:`~exercises.delegation.model.BOTTLENECK_INPUTS`),
    so they start where the live sliders do; the words are the model's
    (:data:`~exercises.delegation.model.BOTTLENECK_WORDS`), chosen by each row's ``verdict``.

    Parameters
    ----------
    grid : pandas.DataFrame
        Output of :func:`~exercises.delegation.model.bottleneck_grid`.
    """
    params = [bound(DECISIONS, values=sorted(grid["decisions"].unique())),
              bound(CAPACITY, values=sorted(grid["capacity"].unique())), bound(DELEGATED)]
    base = alt.Chart(grid).transform_filter(
        f"datum.decisions == {DECISIONS.name} && datum.capacity == {CAPACITY.name}")
    at = base.transform_filter(f"abs(datum.share - {DELEGATED.name}) < 0.001")
    point = at.transform_filter("isValid(datum.lead_days)").mark_point(
        filled=True, size=160, color=BEST, clip=True).encode(x="share:Q", y="lead_days:Q")
    fields = {"delegated": "datum.share"}
    said = " : ".join(f"datum.verdict == '{kind}' ? [{', '.join(vega_sentence(line, fields) for line in lines)}]"
                      for kind, lines in BOTTLENECK_WORDS.items()) + " : ''"
    return explorer(
        words(at.transform_calculate(label=said), height=40),
        alt.layer(*_curve_layers(base), point).properties(width=WIDTH, height=280), params,
        words_height=40, title="How much must you delegate?",
        subtitle="Pick how many decisions arrive, how many you can take, and the share you delegate.",
        description="Interactive line chart of the mean days a decision waits with the leader against the share "
        "delegated, for the arrival rate and deciding rate you pick, with a simulated 10th to 90th percentile "
        "band, a dot at your share and a dashed red line where the queue explodes; the text gives the wait.")


# --------------------------------------------------------------------------- your own decision

#: Most points one factor can give or take (twice two steps from the middle).
_MOST = 2 * max(abs(w) for w in WEIGHTS.values())
_TOWARDS = alt.Color("towards:N", title="Pushes towards", scale=alt.Scale(
    domain=["the team", "you", "neither"], range=[YOURS, WARNING, "#999999"]), legend=alt.Legend(orient="bottom"))


def _factor_bars(base: alt.Chart) -> alt.LayerChart:
    """Each factor's points as a bar from 0 (right: towards the team), over rows with ``label``,
    ``order`` and ``points``; the zero line marks the middle."""
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("order"), axis=alt.Axis(labelLimit=LABEL_ROOM))
    bars = base.transform_calculate(
        towards="datum.points > 0 ? 'the team' : datum.points < 0 ? 'you' : 'neither'").mark_bar(height=18).encode(
        x=alt.X("points:Q", title=["Points (right: towards the team;", "left: towards you)"],
                scale=alt.Scale(domain=[-_MOST, _MOST]), axis=alt.Axis(values=list(range(-_MOST, _MOST + 1)))),
        y=y, color=_TOWARDS,
        tooltip=[alt.Tooltip("label:N", title="Factor"), alt.Tooltip("score:Q", title="Score (1 to 5)"),
                 alt.Tooltip("points:Q", title="Points")])
    zero = one_row(base).mark_rule(color=BEST, aria=False).encode(x=alt.datum(0))
    return alt.layer(bars, zero)


def score_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """The live chart of your own decision: each factor's points, towards the team or towards you.

    Parameters
    ----------
    frame : pandas.DataFrame
        The ``frame`` of :func:`~exercises.delegation.model.score`.
    """
    return _factor_bars(alt.Chart(frame[["label", "order", "score", "points"]])).properties(
        title=alt.Title("Your decision, factor by factor",
                        subtitle="Every three points move one level from agree."),
        description="Bar chart of the points each of the five factors gives your decision: bars to the right push "
        "towards the team deciding, bars to the left towards you deciding; the words say the level they add up to.",
        width=BOARD_WIDTH, height=150)


def score_explorer() -> alt.VConcatChart:
    """The static face of your own decision: five sliders (the model's
    :data:`~exercises.delegation.model.SCORE_INPUTS`), each factor's points and the level, in the page.

    The page adds ``weight × (score − 3)`` over the model's factor rows
    (:func:`~exercises.delegation.model.factor_frame`) and takes level ``clip(4 + floor(p/3 + 1/2), 1, 7)``
    as :func:`~exercises.delegation.model.recommend` does; the words are the model's
    (:data:`~exercises.delegation.model.SCORE_WORDS`). The browser test holds both against the model.
    """
    params = [bound(spec) for spec in SCORE_INPUTS]
    score = " : ".join(f"datum.factor == {vega_string(f)} ? {f}" for f in FACTORS) + " : 3"
    base = alt.Chart(factor_frame()).transform_calculate(score=score).transform_calculate(
        points="datum.weight * (datum.score - 3)")
    levels = "[" + ", ".join(vega_string(level.capitalize()) for level in LEVELS) + "]"
    meanings = "[" + ", ".join(vega_string(LEVEL_MEANING[level]) for level in LEVELS) + "]"
    fields = {"level": f"{levels}[datum.rank - 1]", "meaning": f"{meanings}[datum.rank - 1]",
              **{f"{f}_points": f"{WEIGHTS[f]} * ({f} - 3)" for f in FACTORS}}
    said = words(base.transform_aggregate(points="sum(points)").transform_calculate(
        rank="clamp(4 + floor(datum.points / 3 + 0.5), 1, 7)").transform_calculate(
        label="[" + ", ".join(vega_sentence(line, fields) for line in SCORE_WORDS) + "]"), height=70)
    return _narrow(explorer(
        said, _factor_bars(base).properties(width=BOARD_WIDTH, height=150), params, words_height=70,
        title="Score a decision of your own",
        subtitle="Think of a decision on your desk this week and score it from 1 to 5 on each factor.",
        description="Interactive bar chart. Five sliders score your own decision from 1 to 5 on reversibility, "
        "impact, the team's expertise, your expertise and urgency; a bar per factor shows the points it gives, "
        "to the right towards the team deciding and to the left towards you, and the text gives the level of "
        "delegation the rule recommends and each factor's points."))
