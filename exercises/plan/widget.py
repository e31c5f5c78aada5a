"""Your transition plan: live exercises on :mod:`exercises.kit.live`, each paired with its static face.

Exercises 1 to 3 are ordinary exercises (declared inputs, one result per change, both faces).
Exercise 4 assembles the plan: live from the learner's journal (or, in a workshop, the room's
store for the signed-in participant), read through :func:`exercises.plan.room.kept`; on the
page from the browser's kept answers, by ``book/_assets/plan.js`` reading the same recipe
(:func:`exercises.plan.model.recipe`).
"""

from __future__ import annotations

import base64
import html
import json

from ..kit.controls import button
from ..kit.inputs import Choice
from ..kit.live import Action, Exercise, LiveExercise
from ..kit.quiz import Choice as Option
from ..kit.quiz import Quiz
from ..kit.text import safe_text
from . import chart, model

__all__ = ["EXERCISES", "PlanExercise", "PlanPage", "QuestionsExercise", "SelfExercise", "WeekExercise", "check",
           "plan", "gaps", "plan_fragment", "questions", "week"]


class SelfExercise(LiveExercise):
    """Exercise 1: rate each competency now and in six months; the gaps, largest first.

    Inputs: :data:`~exercises.plan.model.SELF_INPUTS`; read ``summary``, ``chart.spec`` and :meth:`answer`.
    """

    INPUTS = model.SELF_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.self_chart(self.compute()["gaps"]), mode=mode)
        self.refresh()

    def compute(self) -> dict:
        return model.self_result(**self.values())

    def show(self, result: dict) -> None:
        frame = result["gaps"]
        self.chart.update(frame.assign(rank=range(1, len(frame) + 1))[["name", "gap", "where", "rank"]])
        self.summary.value = f"<p><b>{safe_text(result['words'])}</b></p>"

    def answer(self) -> dict:
        """Every rating (``ratings``: ``now_<id>``, ``goal_<id>``), each competency's ``gaps`` and
        the id of the ``largest`` gap (None when no gap is positive)."""
        frame = self.result["gaps"]
        return {"ratings": {k: int(v) for k, v in self.values().items()},
                "gaps": {str(r.id): int(r.gap) for r in frame.itertuples()},
                "largest": str(frame.iloc[0]["id"]) if frame.iloc[0]["gap"] > 0 else None}


class WeekExercise(LiveExercise):
    """Exercise 2: split a typical week; see it beside the reference profile.

    Inputs: :data:`~exercises.plan.model.WEEK_INPUTS` (the rest of the week goes to external parties).
    """

    INPUTS = model.WEEK_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.week_chart(self.compute()["week"]), mode=mode)
        self.refresh()

    def compute(self) -> dict:
        return model.week_result(**self.values())

    def show(self, result: dict) -> None:
        rows = chart._week_rows(result["week"]).dropna(subset=["share"])
        self.chart.update(rows)
        self.summary.value = f"<p><b>{safe_text(result['words'])}</b></p>"

    def answer(self) -> dict:
        """``market``, ``internal`` and ``external`` (per cent; ``external`` None when over 100 %) and the ``verdict``."""
        values, result = self.values(), self.result
        market, internal = int(values["market"]), int(values["internal"])
        external = None if result["verdict"] == "over" else 100 - market - internal
        return {"market": market, "internal": internal, "external": external, "verdict": result["verdict"]}


class QuestionsExercise(LiveExercise):
    """Exercise 3: the three diagnostic questions, answered for the learner's own team."""

    INPUTS = model.QUESTION_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.questions_chart(self.compute()["answers"]), mode=mode)
        self.refresh()

    def compute(self) -> dict:
        return model.question_result(**self.values())

    def show(self, result: dict) -> None:
        self.chart.update(chart.question_rows(result["answers"]))
        items = "".join(f"<li>{safe_text(spec.label)} <bdi>{safe_text(result['answers'][spec.name] or '—')}</bdi></li>"
                        for spec in model.QUESTION_INPUTS)
        self.summary.value = f"<p><b>{safe_text(result['words'])}</b></p><ul>{items}</ul>"

    def answer(self) -> dict | None:
        """The three answers as the plan shows them and how many are ``answered``; None while all are empty."""
        result = self.result
        if not result["answered"]:
            return None
        return {**result["answers"], "answered": int(result["answered"])}


# --------------------------------------------------------------------------- exercise 4: the plan

#: Whose plan the live face shows.
WHOSE = Choice("whose", "Show", "mine", options=("mine", "example"), labels=("My plan", "The example plan"))


def kept_answers() -> tuple[dict, dict]:
    """``(inputs, answers)`` kept for this learner: the journal, or the room's store (see :mod:`.room`)."""
    from . import room  # the plan's own view of where answers are kept

    return room.kept()


def plan_html(plan: dict) -> str:
    """The plan as an HTML fragment for the page or the live face (learner text escaped, in ``<bdi>``)."""
    out = []
    if plan["example"]:
        out.append(f'<p class="lp-plan-example"><strong>An example:</strong> the plan of {html.escape(plan["who"])}. '
                   "Your own answers replace it as you give them.</p>")
    for part in plan["parts"]:
        out += [f'<section class="lp-plan-part"><h3>{html.escape(part["title"])}</h3><ul>']
        out += [model._line_html(line) for line in part["items"]]
        out += ["</ul></section>"]
    return "".join(out)


def _download(name: str, kind: str, text: str, label: str) -> str:
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f'<a class="lp-plan-download" download="{name}" href="data:{kind};charset=utf-8;base64,{data}">{label}</a>'


class PlanExercise(LiveExercise):
    """Exercise 4: the plan, assembled from every chapter's kept answers, with its exports.

    ``reader()`` gives ``(inputs, answers)`` (default :func:`kept_answers`); "Read my answers
    again" reads them afresh. Read ``summary`` (the plan and its download links) and :meth:`answer`.
    """

    INPUTS = (WHOSE,)

    def __init__(self, mode: str | None = None, reader=None):
        self.reader = reader or kept_answers
        self.build_inputs()
        self.again = button("Read my answers again", tooltip="Read your kept answers afresh")
        super().__init__(controls=[self.again], chart=chart.plan_chart(self.compute()["plan"]), mode=mode)
        self.on_click(self.again, lambda: None)
        self.refresh()

    def compute(self) -> dict:
        problem = ""
        try:
            inputs, answers = self.reader()
        except Exception as err:  # noqa: BLE001 - a journal or store that cannot be read: say so, show the plan
            inputs, answers = {}, {}
            problem = (f"Your kept answers could not be read just now ({type(err).__name__}); "
                       "press Read my answers again in a moment.")
        example = True if self.values()["whose"] == "example" else None
        made = model.assemble(inputs, answers, example=example)
        return {"plan": made, "markdown": model.to_markdown(made), "html": model.to_html(made), "problem": problem}

    def show(self, result: dict) -> None:
        made = result["plan"]
        self.chart.update(chart.plan_rows(made))
        said = (f"This is the example plan: {made['answered']} of {made['total']} lines filled from its answers."
                if made["example"] else f"{made['answered']} of {made['total']} lines of your plan come from your answers.")
        links = (_download("my-transition-plan.md", "text/markdown", result["markdown"], "Download as Markdown") + " · "
                 + _download("my-transition-plan.html", "text/html", result["html"], "Download as a web page"))
        problem = f"<p>{safe_text(result['problem'])}</p>" if result["problem"] else ""
        self.summary.value = f"<p><b>{safe_text(said)}</b></p>{problem}<p>{links}</p>{plan_html(made)}"

    def answer(self) -> dict:
        """How many lines are ``answered`` of ``total``, the ids still ``missing`` and whether the ``example`` shows."""
        made = self.result["plan"]
        missing = [line["id"] for part in made["parts"] for line in part["items"] if "missing" in line]
        return {"answered": int(made["answered"]), "total": int(made["total"]), "missing": missing,
                "example": bool(made["example"])}

    def actions(self) -> list[Action]:
        return super().actions() + [Action("read my answers again", lambda rng: self.again.click())]


class PlanPage:
    """The plan's static face: the example plan drawn in Python, replaced in the page by
    ``book/_assets/plan.js`` with the plan from the browser's kept answers."""

    def _repr_html_(self) -> str:
        return plan_fragment()

    def __repr__(self) -> str:  # the notebook's text/plain output: deterministic, for strict nbval
        return "PlanPage(your transition plan)"


def plan_fragment() -> str:
    """The page's plan: its recipe and the example's answers as JSON data, its buttons, and the
    example plan as the page shows it before the script runs (and without it)."""
    data = json.dumps({"recipe": model.recipe(), "example": model.EXAMPLE}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")
    return ('<div class="lp-plan" id="lp-plan">'
            f'<script type="application/json" class="lp-plan-data">{data}</script>'
            '<div class="lp-plan-controls" role="group" aria-label="Your plan">'
            '<button type="button" class="lp-plan-button" data-plan="markdown">Download as Markdown</button>'
            '<button type="button" class="lp-plan-button" data-plan="html">Download as a web page</button>'
            '<button type="button" class="lp-plan-button" data-plan="print">Print</button>'
            '<button type="button" class="lp-plan-button" data-plan="forget">Forget all my answers</button>'
            '<p class="lp-plan-status" role="status" aria-live="polite"></p></div>'
            f'<div class="lp-plan-body">{plan_html(model.assemble())}</div></div>')


#: Exercise 1, both faces: sliders live, the same sliders on the page.
gaps = Exercise("gaps", SelfExercise, chart.self_explorer)
#: Exercise 2, both faces.
week = Exercise("week", WeekExercise, lambda: chart.week_explorer(model.week_grid()))
#: Exercise 3, both faces.
questions = Exercise("questions", QuestionsExercise, chart.questions_explorer)
#: Exercise 4: the plan, live from the journal, on the page from the browser's kept answers.
plan = Exercise("plan", PlanExercise, PlanPage)
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (gaps, week, questions, plan)


def check() -> Quiz:
    """A short check of the chapter's lesson; every option has a reason the learner reads after Check."""
    reference = dict(zip(model.WEEK["id"], model.WEEK["reference"]))
    return Quiz("plan-check", "Check your understanding", [
        Option("Calling a product manager the \u201cCEO of the product\u201d is mostly about...",
               ["authority over the people who build the product", "accountability for how the product does",
                "a title on the organisation chart"], correct=[1],
               explain="A product manager rarely has authority over engineering, sales or support; they answer for the outcome.",
               reasons=["Most product managers lead people who do not report to them: influence, not authority.",
                        "Yes: accountability for the outcome, earned through influence rather than power.",
                        "The phrase describes an attitude to the outcome, not a place on the chart."]),
        Option(f"The reference week in this chapter gives {reference['market']} % to customers and the market. It is...",
               ["a rule every product manager must follow", "a guideline to compare your week with",
                "a measurement of what product managers actually do"], correct=[1],
               explain="It draws one article's advice that a large share of the week belongs in the market.",
               reasons=["No: the right week depends on your product and your team; the profile is a guideline, not a law.",
                        "Yes: use it to ask where your week differs most, and whether that is a choice.",
                        "No: it is advice drawn as numbers, not a survey of how people spend their time."]),
    ])
