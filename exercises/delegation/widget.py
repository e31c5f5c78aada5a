"""Delegation live exercises, built on :mod:`exercises.kit.live`; each paired with its static face.

A notebook shows an exercise with one call: ``widget.board()``, ``widget.bottleneck()`` or
``widget.duties()``: the live widget with a kernel, the static face on the published site.
"""

from __future__ import annotations

import pandas as pd

from ..kit.display import markdown
from ..kit.live import Exercise, LabelExercise, LiveExercise
from ..kit.quiz import Choice, Label, Quiz
from ..kit.text import markdown_text, safe_text
from . import chart, model

__all__ = ["EXERCISES", "BoardExercise", "BottleneckExercise", "ScoreExercise", "board", "board_question",
           "bottleneck", "check", "decision_scores", "duties", "duties_question", "score", "story", "story_markdown"]



def board_question() -> Label:
    """Exercise 1's question: a level per decision; the rule's levels and reasons are the answers."""
    rec = model.recommend(model.load_decisions())
    return Label.from_frame("Choose the level of delegation for each decision.", rec, "decision", "level",
                            labels=list(model.LEVELS), reason="reason",
                            explain="The rule adds points for what favours the team and takes them off for "
                            "what favours you; every three points move one level from agree.")


class BoardExercise(LabelExercise):
    """Exercise 1 live: a level per decision, drawn on the board against the rule's, with the gaps explained."""

    def __init__(self, mode: str | None = None):
        self.recommended = model.recommend(model.load_decisions())
        super().__init__(board_question(), mode=mode, chart=chart.board_chart)

    def chart_data(self, answers: pd.DataFrame) -> pd.DataFrame:
        """The board's rows; the rule's level and reason only where you have chosen a level, or all
        once *Show the answers* is ticked: the board does not answer a decision before you try it."""
        frame = model.board_frame(self.recommended, answers["given"].tolist())
        if not self.reveal.value:
            folded = frame["given"] == ""
            frame.loc[folded, ["answer", "reason"]] = ""
            frame.loc[folded, "answer_rank"] = float("nan")
        return frame

    def feedback(self, answers: pd.DataFrame) -> str:
        lines = model.level_feedback(model.board_frame(self.recommended, answers["given"].tolist()))
        rest = "".join(f"<li>{safe_text(line)}</li>" for line in lines[1:])
        return f"<p>{safe_text(lines[0])}</p>" + (f"<ul>{rest}</ul>" if rest else "")


class BottleneckExercise(LiveExercise):
    """Exercise 2 live: sliders for decisions a week, your deciding rate and the share delegated."""

    INPUTS = model.BOTTLENECK_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.bottleneck_chart(self.compute()["curve"]), mode=mode)
        self.refresh()

    def compute(self) -> dict:
        return model.bottleneck(**self.values())

    def show(self, result: dict) -> None:
        """Redraw the curve and say, in the model's words, how long a decision waits."""
        self.chart.update(result["curve"])
        first, second = result["words"]
        self.summary.value = f"<p>{safe_text(first)} <b>{safe_text(second)}</b></p>"

    def answer(self) -> dict:
        """The queue: ``decisions`` a week, ``you_decide`` a week, ``delegated`` (per cent), the
        mean days with you ``lead_days`` (None when the queue grows without end), ``grows`` and
        ``explodes_below`` (per cent)."""
        at = self.result["at"]
        return {"decisions": int(self.inputs["decisions"].value), "you_decide": int(at["capacity"]),
                "delegated": int(self.inputs["delegated"].value),
                "lead_days": None if self.result["grows"] else round(float(at["lead_days"]), 2),
                "grows": bool(self.result["grows"]), "explodes_below": round(self.result["explodes_below"], 1)}


class ScoreExercise(LiveExercise):
    """Exercise 1, your own decision: five sliders score it 1 to 5 per factor; the rule's level,
    each factor's points and the rule's reason, in the model's words (:func:`~exercises.delegation.model.score`)."""

    INPUTS = model.SCORE_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.score_chart(self.compute()["frame"]), mode=mode)
        self.refresh()

    def compute(self) -> dict:
        return model.score(**self.values())

    def show(self, result: dict) -> None:
        """Redraw each factor's points and say the level, in the model's words."""
        self.chart.update(result["frame"][["label", "order", "score", "points"]])
        first, *rest = result["words"]
        self.summary.value = f"<p><b>{safe_text(first)}</b> {safe_text(' '.join(rest))}</p>"

    def answer(self) -> dict:
        """Your own decision: ``scores`` (1 to 5, by factor), its ``points``, ``rank`` (1 tell …
        7 delegate) and ``level``; read from :attr:`result`."""
        r = self.result
        return {"scores": dict(r["scores"]), "points": r["points"], "rank": r["rank"], "level": r["level"]}


def duties_question() -> Label:
    """Exercise 3's question: each duty is ``delegate`` or ``still mine``, with why."""
    return Label.from_frame("Which of these do you delegate, and which stay yours?", model.load_duties(), "duty",
                            "owner", labels=list(model.OWNERS), reason="reason",
                            explain="Delegating hands over the decision, not your support for it.")


#: Exercise 1, both faces: the live board, or the same question as a quiz on the page.
board = Exercise("board", BoardExercise, lambda: Quiz("delegation-board", "Set the levels", [board_question()]))
#: Exercise 2, both faces: the live sliders, or the explorer over the model's grid.
bottleneck = Exercise("bottleneck", BottleneckExercise,
                      lambda: chart.bottleneck_explorer(model.bottleneck_grid()))
#: Exercise 1, your own decision, both faces: the live sliders, or the same sliders computed in the page.
score = Exercise("score", ScoreExercise, chart.score_explorer)
#: Exercise 3, both faces: the live sort, or the same question as a quiz.
duties = Exercise("duties", lambda mode=None: LabelExercise(duties_question(), mode=mode),
                  lambda: Quiz("delegation-duties", "Delegate or still mine?", [duties_question()]))
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (board, score, bottleneck, duties)


def check() -> Quiz:
    """A short check of the chapter's lesson; its answers come from the model."""
    lam, mu = model.DECISIONS.default, model.CAPACITY.default
    boom = model.explosion_share(lam, mu)
    half = model.lead_time(lam, mu, 0.5) * model.WORK_DAYS
    return Quiz("delegation-check", "Check your understanding", [
        Choice(f"{lam} decisions a week reach a leader who can take {mu}. What happens if they delegate none?",
               ["Each decision waits a little longer.", "The queue grows without end.",
                "The team waits exactly a week."], correct=[1],
               explain=f"More arrive than leave; the queue explodes unless over {boom:.0%} is delegated.",
               reasons=["With more arriving than the leader can take, the wait does not settle at a longer level.",
                        f"Yes: {lam} arrive each week and only {mu} leave, so the pile grows every week.",
                        "Nothing here holds the wait at a week: compare how many arrive with how many are taken."]),
        Choice(f"Delegating half of them, a decision spends {half:.1f} working days with you on average, waiting "
               "and being decided. Is that how long most decisions spend with you?",
               ["Yes, every decision waits about that long.",
                "No: many wait less, and 1 in 10 waits over twice as long."], correct=[1],
               explain="Waits in a queue are spread out; the mean hides the long tail.",
               reasons=["Waits in a queue vary a lot: a mean says nothing about how they spread.",
                        "Yes: many decisions wait less than the mean, and a long tail waits far longer."]),
        Choice("After delegating a decision, what is still yours?",
               ["Nothing: it is theirs now.", "The business case, escalation and coaching.",
                "Re-deciding it if you disagree."], correct=[1],
               explain="Delegation hands over the decision, not your support for it.",
               reasons=["Handing over a decision is not handing over your part in helping it succeed.",
                        "Yes: you still make the case to those who fund the work, escalate what the team cannot, "
                        "and coach.",
                        "Taking a decision back when you disagree teaches the team it was never theirs."]),
    ])


# --------------------------------------------------------------------------- prose made from the model


def story_markdown(part: str) -> str:
    """The bottleneck's prose as Markdown, from the model at the declared defaults
    (:func:`~exercises.delegation.model.bottleneck_story`): ``"intro"``, or ``"solution"`` in its fold."""
    said = model.bottleneck_story()
    if part == "intro":
        return said["intro"]
    if part == "solution":
        return ('<details class="lp-solution" id="delegation-bottleneck-solution">\n'
                "<summary>Exercise 2, solution</summary>\n\n" + said["solution"] + "\n\n</details>")
    raise ValueError(f"the story has an intro and a solution, not {part!r}")


def story(part: str):
    """:func:`story_markdown` shown as Markdown in the notebook (on the site, as part of the page)."""
    return markdown(story_markdown(part))


def decision_scores():
    """The five scores of every decision of Exercise 1, as a Markdown list the learner reads before
    choosing levels (:data:`~exercises.delegation.model.SCORES_WORDS`); the names are text, escaped."""
    rec = model.recommend(model.load_decisions())
    lines = [f"- **{markdown_text(r.decision)}**: {markdown_text(r.scores)}" for r in rec.itertuples()]
    return markdown("The five scores of each decision, from 1 to 5: reversibility (5: easy to undo), impact "
                    "(5: the whole company), team (the team's expertise), you (your expertise) and urgency "
                    "(5: needed today).\n\n" + "\n".join(lines))

