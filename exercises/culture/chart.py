"""Culture change through consistency: charts built from model output. Functions return altair charts; none displays.

Nothing is computed here: the curves, the week-52 values, the yearly means and the verdict all come
from the model; the static explorer only picks the model's row by its inputs, unpacks its curves
and fills the model's words.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, bound, explorer, vega_sentence, vega_string, words
from ..kit.theme import YOURS
from .model import (BUDGET, BURST, CADENCE_WORDS, FOLDED_WORDS, GUESS, GUESS_NAMES, GUESS_WORDS, HALF_LIFE, NEVER,
                    PEER, PEER_BUDGET, PEER_FOLDED, PEER_GUESS, PEER_GUESS_NAMES, PEER_HALF_LIFE, PEER_WORDS, SCHEDULES,
                    WEEKS_WORDS)

__all__ = ["adoption_chart", "adoption_explorer", "peer_explorer"]

_WEEK = alt.X("week:Q", title="Week")
_ADOPTED = alt.Y("adopted:Q", title="Share holding the new norm (%)", scale=alt.Scale(domain=[0, 100]))
# The legend sits under the chart, so the chart fits a phone's column.
_SCHEDULE = alt.Color("schedule:N", title="Schedule", scale=alt.Scale(domain=list(SCHEDULES), range=[YOURS, "#999999"]),
                      legend=alt.Legend(orient="bottom", labelExpr="datum.label == 'even' ? 'even (solid)' : "
                                                                   "'burst (dashed)'"))
_DASH = alt.StrokeDash("schedule:N", scale=alt.Scale(domain=list(SCHEDULES), range=[[1, 0], [6, 3]]), legend=None)


def adoption_chart(curves: pd.DataFrame) -> alt.Chart:
    """Both schedules' adoption over 52 weeks (the live exercise's chart; one dataset).

    ``curves`` is the ``curves`` of :func:`~exercises.culture.model.cadence` (``adopted`` in per cent)."""
    return alt.Chart(curves[["week", "schedule", "adopted"]]).mark_line().encode(
        x=_WEEK, y=_ADOPTED, color=_SCHEDULE, strokeDash=_DASH).properties(
        width=WIDTH, title="Who holds the new norm, week by week",
        description="Line chart of the share of people holding the new norm each week, one solid line for the "
                    "even schedule and one dashed line for the launch burst, over the same budget.")


def _measures(verdict: str = "datum.verdict", more: str = "datum.more_held") -> str:
    """The two measures' lines as one Vega array: the week-52 line chosen by ``verdict``, the
    weeks-of-adoption line chosen by ``more`` (the model's columns)."""
    at_52 = " : ".join(f"{verdict} == {vega_string(k)} ? {vega_sentence(lines[0])}" for k, lines in CADENCE_WORDS.items())
    weeks = " : ".join(f"{more} == {vega_string(k)} ? {vega_sentence(line)}" for k, line in WEEKS_WORDS.items())
    return f"({at_52} : ''), ({weeks} : '')"


def adoption_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """The static explorer: pick a budget, a burst length and a half-life; see both schedules.

    ``grid`` is :func:`~exercises.culture.model.grid`; the inputs are the model's declarations
    (:data:`~exercises.culture.model.CADENCE_INPUTS`), so they start where the live sliders do."""
    params = [bound(BUDGET, values=sorted(grid["budget"].unique())),
              bound(BURST, values=sorted(grid["burst"].unique())),
              bound(HALF_LIFE, values=sorted(grid["half_life"].unique())), bound(GUESS, widget="radio")]
    chosen = alt.Chart(grid).transform_filter(
        f"datum.budget == {BUDGET.name} && datum.burst == {BURST.name} && datum.half_life == {HALF_LIFE.name}")
    # No spoilers: before a guess the words ask for one and no curve is drawn (the guess is the attempt).
    named = " : ".join(f"{GUESS.name} == {vega_string(k)} ? {vega_string(v)}" for k, v in GUESS_NAMES.items()) + " : ''"
    mark = {kind: vega_sentence(line, {"guess": f"({named})"}) for kind, line in GUESS_WORDS.items()}
    guessed = f"(datum.verdict == {GUESS.name} ? {mark['right']} : {mark['wrong']})"
    said = f"[{_measures()}, {guessed}]"
    setting, forgets, ask = FOLDED_WORDS
    forgetting = (f"{HALF_LIFE.name} >= {NEVER} ? {vega_string(forgets['never'])} : "
                  f"{vega_sentence(forgets['fades'], {'half_life': HALF_LIFE.name})}")
    folded = (f"[{vega_sentence(setting, {'budget': BUDGET.name, 'burst': BURST.name})}, {forgetting}, "
              f"{vega_string(ask)}]")
    verdict = words(chosen.transform_calculate(label=f"{GUESS.name} == '' ? {folded} : {said}"), height=60)
    curves = chosen.transform_filter(f"{GUESS.name} != ''").transform_flatten(["week", "even", "burst_curve"]).transform_fold(
        ["even", "burst_curve"], as_=["key", "adopted"]).transform_calculate(
        schedule="datum.key == 'even' ? 'even' : 'burst'")
    line = curves.mark_line().encode(x=_WEEK, y=_ADOPTED, color=_SCHEDULE, strokeDash=_DASH).properties(
        width=WIDTH, height=240)
    return explorer(verdict, line, params, title="Same budget, two schedules", words_height=60,
                    subtitle=f"Guess first. Solid line: the budget spread evenly over the year. Dashed: all of it in "
                             f"a launch burst. A half-life of {NEVER} means people never forget.",
                    description="Interactive line chart. Choose the budget of conversations, how long the burst "
                                "lasts and how fast people forget, and guess who will be ahead; once you have "
                                "guessed, the lines show the share holding the new norm each week under each "
                                "schedule, and the text says which is ahead at week 52, which gives more weeks of "
                                "adoption over the year, and whether your guess was right.")


def peer_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """Exercise 2's static explorer: pick the peer talk, your budget and the half-life; see both
    schedules with peers, the two measures, and what the same settings give with no peer talk.

    ``grid`` is :func:`~exercises.culture.model.peer_grid`; the inputs are the model's declarations
    (:data:`~exercises.culture.model.PEER_INPUTS`), so they start where the live sliders do."""
    params = [bound(PEER, values=sorted(grid[PEER.name].unique())),
              bound(PEER_BUDGET, values=sorted(grid[PEER_BUDGET.name].unique())),
              bound(PEER_HALF_LIFE, values=sorted(grid[PEER_HALF_LIFE.name].unique())),
              bound(PEER_GUESS, widget="radio")]
    chosen = alt.Chart(grid).transform_filter(" && ".join(
        f"datum.{spec.name} == {spec.name}" for spec in (PEER, PEER_BUDGET, PEER_HALF_LIFE)))
    # No spoilers: before a guess the words say the settings and ask; no curve is drawn.
    named = " : ".join(f"{PEER_GUESS.name} == {vega_string(k)} ? {vega_string(v)}"
                       for k, v in PEER_GUESS_NAMES.items()) + " : ''"
    mark = {kind: vega_sentence(line, {"guess": f"({named})"}) for kind, line in GUESS_WORDS.items()}
    guessed = f"(datum.lasts == {PEER_GUESS.name} ? {mark['right']} : {mark['wrong']})"
    said = f"[{_measures()}, {', '.join(vega_sentence(line) for line in PEER_WORDS)}, {guessed}]"
    asked = "[" + ", ".join(vega_sentence(line, {spec.name: spec.name for spec in (PEER, PEER_BUDGET, PEER_HALF_LIFE)})
                            for line in PEER_FOLDED) + "]"
    top = words(chosen.transform_calculate(label=f"{PEER_GUESS.name} == '' ? {asked} : {said}"), height=100)
    curves = chosen.transform_filter(f"{PEER_GUESS.name} != ''").transform_flatten(
        ["week", "even", "burst_curve"]).transform_fold(["even", "burst_curve"], as_=["key", "adopted"]).transform_calculate(
        schedule="datum.key == 'even' ? 'even' : 'burst'")
    line = curves.mark_line().encode(x=_WEEK, y=_ADOPTED, color=_SCHEDULE, strokeDash=_DASH).properties(
        width=WIDTH, height=240)
    return explorer(top, line, params, title="Peers keep the norm going", words_height=100,
                    subtitle=f"Guess first. Solid line: your budget spread evenly. Dashed: all of it in the first "
                             f"{BURST.default} weeks. Peer talk adds to both.",
                    description="Interactive line chart. Choose how much people talk about the norm among "
                                "themselves, how many conversations you have in the year and how fast people "
                                "forget, and guess whether the launch burst still holds anyone at week 52; once "
                                "you have guessed, the lines show the share holding the new norm each week under "
                                "the even spread and the launch burst, and the text says which is ahead at week "
                                "52, which gives more weeks of adoption, what the same settings give with no peer "
                                "talk, how much peer talk keeps a norm going by itself, and whether your guess "
                                "was right.")
