"""Your transition plan: charts built from model output. Functions return altair charts; none displays."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, bound, explorer, vega_sentence, vega_string, words
from ..kit.theme import PALETTE, YOURS
from .model import (COMPETENCIES, QUESTION_INPUTS, QUESTION_WORDS, SELF_INPUTS, SELF_WORDS, WEEK, WEEK_INPUTS)

__all__ = ["plan_chart", "plan_rows", "question_rows", "questions_chart", "questions_explorer", "self_chart", "self_explorer", "week_chart", "week_explorer"]

#: The reference profile's colour, beside the learner's.
REFERENCE = PALETTE[1]
#: Width of a plot whose names are written above its bars: the kit's width (a phone's column).
PLOT = WIDTH


def _named(field: str, sort) -> dict:
    """The y channel of a chart whose names are written above their bars (no axis at the left, so
    the plot takes the whole width of a phone's column)."""
    return {"scale": alt.Scale(paddingInner=0.5, paddingOuter=0.45), "sort": sort, "axis": None, "title": None}


def _names(base: alt.Chart, sort) -> alt.Chart:
    """Each row's name, just above its bar(s), at the left of the plot; decorative for screen
    readers (the chart's description and tooltips say the same)."""
    return base.mark_text(align="left", baseline="bottom", dy=-2, fontSize=12, limit=WIDTH, aria=False).encode(
        x=alt.value(0), y=alt.Y("name:N", bandPosition=0, **_named("name", sort)), text="name:N")


def _gap_bars(base: alt.Chart) -> alt.LayerChart:
    order = alt.EncodingSortField("rank", order="ascending")
    bars = base.mark_bar(color=YOURS).encode(
        x=alt.X("gap:Q", title="Gap (in six months minus now)", scale=alt.Scale(domain=[-4, 4])),
        y=alt.Y("name:N", **_named("name", order)),
        tooltip=[alt.Tooltip("name:N", title="Competency"), alt.Tooltip("gap:Q", title="Gap"),
                 alt.Tooltip("where:N", title="Practise it in")])
    return alt.layer(bars, _names(base, order)).properties(width=PLOT, height=8 * 40)


def self_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """The gaps of :func:`~.model.gaps`, largest first (the live exercise's chart; one dataset)."""
    data = frame.assign(rank=range(1, len(frame) + 1))[["name", "gap", "where", "rank"]]
    return _gap_bars(alt.Chart(data)).properties(
        title="Your gaps, largest first",
        description="Bar chart of the gap between where you rate each competency now and where you want it in "
                    "six months, largest gap at the top; hover a bar for the chapter that practises it.")


def _chain(prefix: str) -> str:
    """A Vega expression picking the bound ``<prefix>_<id>`` parameter of each row's competency."""
    expression = "0"
    for key in reversed(list(COMPETENCIES["id"])):
        expression = f"(datum.id == {vega_string(key)} ? {prefix}_{key} : {expression})"
    return expression


def self_explorer() -> alt.VConcatChart:
    """Static face of exercise 1: a now and a six-months slider per competency (the model's
    declarations), the gaps worked out in the page, largest first (ties in the book's order, as
    :func:`~.model.gaps` sorts), and the model's words for the largest."""
    params = [bound(spec) for spec in SELF_INPUTS]
    data = COMPETENCIES.assign(order=range(len(COMPETENCIES)))[["id", "name", "where", "order"]]
    base = alt.Chart(data).transform_calculate(now=_chain("now"), goal=_chain("goal")).transform_calculate(
        gap="datum.goal - datum.now").transform_window(
        rank="row_number()", sort=[alt.SortField("gap", order="descending"), alt.SortField("order", order="ascending")])
    top = base.transform_filter("datum.rank == 1").transform_calculate(
        label=f"datum.gap > 0 ? {vega_sentence(SELF_WORDS['gap'])} : {vega_string(SELF_WORDS['none'])}")
    return explorer(words(top), _gap_bars(base), params, title="Where are your largest gaps?",
                    subtitle="Rate each competency now and in six months (1 to 5); the largest gap is at the top.",
                    description="Interactive bar chart of the gap between your rating of each of eight competencies "
                                "now and in six months, largest first; the text names the largest gap and the "
                                "chapter that practises it.")


def _week_bars(base: alt.Chart) -> alt.LayerChart:
    order = list(WEEK["name"])
    bars = base.mark_bar().encode(
        y=alt.Y("name:N", **_named("name", order)),
        yOffset=alt.YOffset("whose:N", sort=["Yours", "Reference"]),
        x=alt.X("share:Q", title="Share of a week (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("whose:N", title=None, scale=alt.Scale(domain=["Yours", "Reference"], range=[YOURS, REFERENCE]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("name:N", title="Activity"), alt.Tooltip("whose:N", title="Whose"),
                 alt.Tooltip("share:Q", title="Share (%)")])
    return alt.layer(bars, _names(base.transform_filter("datum.whose == 'Reference'"), order)).properties(
        width=PLOT, height=3 * 64)


def _week_rows(week: pd.DataFrame) -> pd.DataFrame:
    yours = week.assign(whose="Yours", share=week["yours"])
    reference = week.assign(whose="Reference", share=week["reference"])
    return pd.concat([yours, reference], ignore_index=True)[["name", "whose", "share"]]


def week_chart(week: pd.DataFrame) -> alt.Chart:
    """Your week beside the reference profile (the live exercise's chart; one dataset).

    ``week`` is :func:`~.model.week_result`'s ``week``; with no ``yours`` (over 100 %) only the
    reference is drawn.
    """
    rows = _week_rows(week).dropna(subset=["share"])
    return _week_bars(alt.Chart(rows)).properties(
        title="Your week beside the reference profile",
        description="Bar chart of the share of a week you give customers and the market, internal teams and "
                    "external parties, each beside the reference profile's share.")


def week_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """Static face of exercise 2: the two declared shares, the rest going to external parties,
    bars beside the reference profile, and the words the model wrote for each pair (``grid`` is
    :func:`~.model.week_grid`)."""
    market, internal = (spec.name for spec in WEEK_INPUTS)
    params = [bound(spec) for spec in WEEK_INPUTS]
    said = words(alt.Chart(grid).transform_filter(
        f"datum.market == {market} && datum.internal == {internal}").transform_calculate(label="datum.words"))
    reference = WEEK.assign(order=range(len(WEEK)))[["id", "name", "reference"]]
    yours = (f"(datum.id == 'market' ? {market} : datum.id == 'internal' ? {internal} : "
             f"100 - {market} - {internal})")
    base = alt.Chart(reference).transform_calculate(Yours=yours, Reference="datum.reference").transform_fold(
        ["Yours", "Reference"], as_=["whose", "share"]).transform_filter(
        f"datum.whose == 'Reference' || {market} + {internal} <= 100")
    return explorer(said, _week_bars(base), params, title="Where does your week go?",
                    subtitle="Set your share of a typical week for customers and for internal teams; external "
                             "parties get the rest.",
                    description="Interactive bar chart of your week (customers and the market, internal teams, "
                                "external parties) beside a reference profile in which half the week goes to the "
                                "market; the text says where your week differs most.")


def questions_chart(answers: dict) -> alt.Chart:
    """The three questions with the learner's answers under each (the live exercise's chart)."""
    return _question_marks(alt.Chart(question_rows(answers))).properties(
        title="Your three questions",
        description="The three questions, each with your answer under it; they open the first 30 days of your plan.")


def question_rows(answers: dict) -> pd.DataFrame:
    """The live chart's rows: each question, and the learner's answer (shortened) under it."""
    labels = [[spec.label, _short(answers.get(spec.name) or "(not answered yet)")] for spec in QUESTION_INPUTS]
    return pd.DataFrame({"label": labels, "row": range(len(labels))})


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _question_marks(base: alt.Chart) -> alt.Chart:
    return base.mark_text(align="left", baseline="top", fontSize=13, lineHeight=18, limit=WIDTH).encode(
        x=alt.value(0), y=alt.Y("row:O", axis=None), text="label:N").properties(width=WIDTH, height=3 * 56)


def questions_explorer() -> alt.VConcatChart:
    """Static face of exercise 3: three text boxes (the model's declarations) and the answers
    read back, with the model's words counting them; what is typed stays text (Vega draws it)."""
    params = [bound(spec) for spec in QUESTION_INPUTS]
    names = [spec.name for spec in QUESTION_INPUTS]
    rows = pd.DataFrame({"row": range(3), "question": [spec.label for spec in QUESTION_INPUTS], "name": names})
    answer = "(" + " : ".join(f"datum.name == {vega_string(n)} ? {n}" for n in names) + " : '')"
    shown = (f"(trim({answer}) == '' ? '(not answered yet)' : "
             f"(length(trim({answer})) > 40 ? substring(trim({answer}), 0, 39) + '…' : trim({answer})))")
    base = alt.Chart(rows).transform_calculate(label=f"[datum.question, {shown}]")
    count = " + ".join(f"(trim({n}) == '' ? 0 : 1)" for n in names)
    said = words(alt.Chart(rows.head(1)).transform_calculate(
        label=vega_sentence(QUESTION_WORDS, {"answered": f"({count})"})))
    return explorer(said, _question_marks(base), params, title="The three questions",
                    subtitle="Answer them for your own team, in a sentence each.",
                    description="Three text boxes for the three questions: what is not happening that should be, "
                                "what is happening that should not be, and what you want to have happened; your "
                                "answers are read back under each question.")


_PART_NAMES = ["Days 1–30", "Days 31–60", "Days 61–90"]


def plan_rows(plan: dict) -> pd.DataFrame:
    """Per part of an assembled plan (:func:`~.model.assemble`): lines filled from answers and lines still to answer."""
    rows = []
    for name, part in zip(_PART_NAMES, plan["parts"]):
        done = sum(1 for line in part["items"] if "missing" not in line)
        rows += [{"part": name, "status": "From your answers", "lines": done},
                 {"part": name, "status": "Still to answer", "lines": len(part["items"]) - done}]
    return pd.DataFrame(rows)


def plan_chart(plan: dict) -> alt.Chart:
    """How much of each part of the plan comes from the learner's answers (the live exercise's chart)."""
    return alt.Chart(plan_rows(plan)).mark_bar().encode(
        y=alt.Y("part:N", sort=_PART_NAMES, axis=alt.Axis(title=None)),
        x=alt.X("lines:Q", title="Lines of the plan", stack=True),
        color=alt.Color("status:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=["From your answers", "Still to answer"], range=[YOURS, "#BBBBBB"])),
        tooltip=["part", "status", "lines"]).properties(
        width=WIDTH - 70, height=3 * 30, title="Your plan so far",
        description="Bar chart of the lines of each part of your plan (days 1 to 30, 31 to 60, 61 to 90) "
                    "that come from your answers and those still to answer.")
