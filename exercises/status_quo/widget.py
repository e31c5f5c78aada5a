"""Challenging the status quo: live exercises on :mod:`exercises.kit.live`, each paired with its static face.

A notebook shows an exercise with one call (``widget.assumptions()``, ``widget.tests()``,
``widget.doors()``): the live widget with a kernel, the static face on the published site.
Every live exercise's :meth:`answer` returns the learner's current answer as plain JSON data
(or None before there is one), for the workshop's answer store.
"""

from __future__ import annotations

import functools

import ipywidgets as widgets
import pandas as pd

from ..kit.display import markdown
from ..kit.live import Action, Exercise, LabelExercise, LiveExercise
from ..kit.controls import button, pane
from ..kit.quiz import Choice, Label, Quiz
from ..kit.text import fill, markdown_text, safe_text
from . import chart, model

__all__ = ["EXERCISES", "DoorExercise", "MapExercise", "TestExercise", "assumptions", "check", "doors",
           "doors_question", "experiments_table", "tests", "tests_discussion",
           "tests_discussion_markdown"]

#: How many of the ranking the map exercise names as "test first".
SHOWN = model.SHOWN
#: What the fuzzing actions type into the "why the fence stands" box.
FUZZ_TEXT = ("", "   \n\t ", "<b>bold</b><script>alert(1)</script>", "x" * 5000, "Opérations 🙂 \ud800",
             "\x00\x07 \u202e", "<img src=x onerror=alert(1)>",
             "It stops customers hearing promises the roadmap cannot keep.")


@functools.lru_cache(maxsize=1)
def _practices() -> pd.DataFrame:
    return model.load_practices()


@functools.lru_cache(maxsize=1)
def _experiments() -> pd.DataFrame:
    return model.load_experiments()


# --------------------------------------------------------------------------- exercise 1: the assumption map


class MapExercise(LiveExercise):
    """Exercise 1: map the organisation's assumptions, and challenge a practice once you know why it stands.

    Pick a practice; read the assumption behind it and how it began; write why the fence stands
    (read with :func:`~exercises.status_quo.model.challenge`); only then may you mark it
    "challenge". Rate its importance and evidence: the map redraws and the model ranks what to
    test first (:func:`~exercises.status_quo.model.assumptions`, after :cite:p:`bland2019`).

    The inputs are the model's :data:`~exercises.status_quo.model.MAP_INPUTS`; the rating
    sliders, the text box and the check box follow the practice shown, and the learner's
    ratings, words and challenges are kept per practice.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).

    Attributes the tests drive: ``practice`` (menu), ``why`` (text box), ``importance`` and
    ``evidence`` (sliders), ``challenge`` (check box), ``restart``; read ``about``, ``summary``,
    ``notice``, ``result`` and :meth:`answer`.
    """

    INPUTS = model.MAP_INPUTS

    def __init__(self, mode: str | None = None):
        self.practices = _practices()
        self._reference = {r.id: (int(r.importance), int(r.evidence)) for r in self.practices.itertuples()}
        self._rows = {r.id: r for r in self.practices.itertuples()}
        self._ratings = dict(self._reference)
        self._why: dict[str, str] = {}
        self._challenged: set[str] = set()
        made = self.build_inputs()
        self.practice, self.why, self.importance, self.evidence, self.challenge = (
            made[spec.name] for spec in model.MAP_INPUTS)
        for slider_ in (self.importance, self.evidence):
            slider_.layout.width = "24em"
        self._shown, self._typed = self.practice.value, self.why.value
        self.about = pane()
        self.restart = button("Start again", "Back to the reference ratings, with nothing written or challenged")
        super().__init__(controls=[self.about, self.restart],
                         chart=chart.map_chart(model.assumption_map(self.practices)), mode=mode)
        self.children = (self.practice, self.about, self.why, widgets.HBox([self.importance, self.evidence]),
                         widgets.HBox([self.challenge, self.restart]), self.summary, self.notice, self.problems,
                         self.chart.widget, self.solution)
        self.on_click(self.restart, self._restart)
        self.refresh()

    @property
    def current(self) -> str:
        """The id of the practice shown."""
        return self.practice.value

    # ---------------------------------------------------------------- what the learner did

    def _keep(self) -> None:
        """Keep what the learner just did for the practice shown; when another practice is picked,
        the sliders, the text box and the check box follow it (quietly: this runs inside a change)."""
        key = self.current
        if key != self._shown:  # another practice: the boxes follow it
            self._shown = key
            self.importance.value, self.evidence.value = self._ratings[key]
            self.why.value = self._typed = self._why.get(key, "")
            self.challenge.value = key in self._challenged
            self.tell()
            return
        self._ratings[key] = (int(self.importance.value), int(self.evidence.value))
        if self.why.value != self._typed:
            self._typed = self.why.value
            self._write(key)
        if self.challenge.value != (key in self._challenged):
            self._toggle(key)

    def _write(self, key: str) -> None:
        text, problem = model.challenge(self.why.value)
        if text:
            self._why[key] = text
        else:
            self._why.pop(key, None)
        if problem and key in self._challenged and not text:
            self._challenged.discard(key)
            self.challenge.value = False
            self.tell(fill(model.MAP_WORDS["withdrawn"], problem=problem))
        elif problem:
            self.tell(problem)
        else:
            self.tell(model.MAP_WORDS["noted" if key not in self._challenged else "noted again"])

    def _toggle(self, key: str) -> None:
        if not self.challenge.value:
            self._challenged.discard(key)
            self.tell()
            return
        text, problem = model.challenge(self.why.value)
        if not text:
            self.challenge.value = False
            self.tell(fill(model.MAP_WORDS["refused"], problem=problem))
            return
        self._why[key] = text
        self._challenged.add(key)
        self.tell(problem)

    def _restart(self) -> None:
        self._ratings, self._why, self._challenged = dict(self._reference), {}, set()
        self._shown = None  # reload the boxes of the practice shown

    # ---------------------------------------------------------------- once per change

    def compute(self) -> dict:
        """Keep what the learner just did (:meth:`_keep`), then ask the model once: the learner's map
        (:func:`~exercises.status_quo.model.assumptions`), with what they wrote."""
        self._keep()
        result = model.assumptions(self.practices, self._ratings, self._challenged, self.current)
        result.update(ratings=dict(self._ratings), why=dict(self._why), challenged=sorted(self._challenged),
                      touched=self._ratings != self._reference or bool(self._why) or bool(self._challenged))
        return result

    def show(self, result: dict) -> None:
        """Redraw the map and say, in the model's words, what to test first and what is challenged."""
        self.chart.update(chart.map_data(result["ranked"]))
        row, key = self._rows[result["current"]], result["current"]
        self.about.value = (f"<p><b>Assumption:</b> {safe_text(row.assumption)}.<br><b>How it began:</b> "
                            f"{safe_text(row.story)}.<br>{safe_text(result['place'])}"
                            + (f"<br><b>Why it stands, you wrote:</b> {safe_text(result['why'][key])}<br>"
                               + safe_text(fill(model.MAP_WORDS["fence"], fence=row.fence))
                               if key in result["why"] else "") + "</p>")
        said = result["words"]
        self.summary.value = (f"<p><b>Test first:</b> {safe_text('; '.join(said['first']))}.<br>"
                              f"{safe_text(said['challenged'])}"
                              + (f"<br>{safe_text(said['outside'])}" if said["outside"] else "") + "</p>")

    def answer(self):
        """The learner's map as JSON data (``ratings``, ``why``, ``challenged``, ``test_first``), or
        None while it is still the reference map with nothing written."""
        result = self.result
        if result is None or not result["touched"]:
            return None
        return {"ratings": {key: {"importance": i, "evidence": e} for key, (i, e) in result["ratings"].items()},
                "why": dict(result["why"]), "challenged": list(result["challenged"]),
                "test_first": list(result["test_first"])}

    def actions(self) -> list[Action]:
        def write(rng):
            self.why.value = rng.choice(FUZZ_TEXT)

        def restart(rng):
            self.restart.click()

        return super().actions() + [Action("write why the fence stands", write), Action("start again", restart)]


def _map_face():
    return chart.map_explorer(_practices())


# --------------------------------------------------------------------------- exercise 2: the cheapest test


class TestExercise(LiveExercise):
    """Exercise 2: set the evidence you need and your budget; see which tests qualify, why, and the cheapest.

    The inputs are the model's :data:`~exercises.status_quo.model.TEST_INPUTS`; the words are the
    model's (:data:`~exercises.status_quo.model.TEST_WORDS`, :data:`~exercises.status_quo.model.WHY_WORDS`).

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).

    Attributes the tests drive: ``need`` and ``budget`` (sliders); read ``summary``, ``reasons``,
    ``result`` and :meth:`answer`.
    """

    __test__ = False  # not a pytest class, whatever its name
    INPUTS = model.TEST_INPUTS

    def __init__(self, mode: str | None = None):
        self.experiments = _experiments()
        made = self.build_inputs()
        self.need, self.budget = made[model.NEED.name], made[model.BUDGET.name]
        self.reasons = pane()
        first = self.compute()
        super().__init__(chart=chart.tests_chart(chart.tests_data(first["frame"], first["need"], first["budget"])),
                         after=[self.reasons], mode=mode)
        self.refresh()

    def compute(self) -> dict:
        """Each experiment's status and reason, and the verdict (:func:`~exercises.status_quo.model.cheapest`)."""
        result = model.cheapest(self.experiments, **self.values())
        result["touched"] = getattr(self, "result", None) is not None  # every change after the first drawing
        return result

    def show(self, result: dict) -> None:
        """Redraw, name the cheapest in the model's words and give each experiment's reason."""
        frame = result["frame"]
        self.chart.update(chart.tests_data(frame, result["need"], result["budget"]))
        first, second, third = result["words"]
        self.summary.value = f"<p>{safe_text(first)}<br><b>{safe_text(second)}</b><br>{safe_text(third)}</p>"
        rows = "".join(
            f"<tr><td>{safe_text(r.experiment)}</td><td>{safe_text(r.status)}</td><td>{safe_text(r.why)}"
            + ("" if r.on_frontier else " " + safe_text(fill(model.WHY_WORDS["beaten"], beaten_name=r.beaten_name)))
            + "</td></tr>" for r in frame.itertuples())
        self.reasons.value = ("<table><thead><tr><th>Experiment</th><th>For you</th><th>Why</th></tr></thead>"
                              f"<tbody>{rows}</tbody></table>")

    def answer(self):
        """The learner's need (``required``), ``budget``, the ``cheapest`` id (None when none
        qualifies), the ``qualifying`` ids and the ``verdict``, as JSON data; None before they move
        a slider."""
        result = self.result
        if result is None or not result["touched"]:
            return None
        frame = result["frame"]
        qualifying = frame.loc[frame["status"].isin([model.CHEAPEST, model.QUALIFIES]), "id"]
        return {"required": int(result["need"]), "budget": int(result["budget"]),
                "cheapest": result["id"] if result["verdict"] in ("one", "many") else None,
                "qualifying": [str(x) for x in qualifying], "verdict": result["verdict"]}


def _tests_face():
    experiments = _experiments()
    return chart.tests_explorer(model.frontier(experiments), model.cheapest_grid(experiments))


# --------------------------------------------------------------------------- exercise 3: forgiveness or permission


def doors_question() -> Label:
    """The forgiveness-or-permission cases as one label question; answers and reasons from the rule."""
    cases = model.decisions(model.load_situations())
    return Label.from_frame("For each situation: act and inform, consult, or ask first?", cases, "item",
                            "answer", labels=list(model.LEVELS), reason="reason",
                            explain="Easy to undo and contained: act and inform. Hard to undo or wide: ask first. "
                                    "In between: consult.")


class DoorExercise(LabelExercise):
    """Label each situation and see it on the reversibility x blast-radius board with the rule's regions.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).
    """

    def __init__(self, mode: str | None = None):
        self._situations = model.load_situations()
        super().__init__(doors_question(), mode=mode, chart=chart.regions_chart)

    def chart_data(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The board: the rule's 25 cells and the cases, each with the learner's label."""
        self._board = model.board(self._situations, frame["given"])
        return self._board

    def feedback(self, frame: pd.DataFrame) -> str:
        """What the static board says of the same labels (:func:`~exercises.status_quo.model.board_lines`
        of the board just drawn, without the reasons: each menu's mark gives its own)."""
        drawn = getattr(self, "_board", None)
        if drawn is None or list(drawn.loc[drawn["layer"] == "case", "given"]) != list(frame["given"]):
            drawn = self.chart_data(frame)
        return "<p>" + "<br>".join(safe_text(line) for line in model.board_lines(drawn)) + "</p>"


def _doors_static():
    return chart.doors_explorer(model.load_situations())


#: Exercise 1, both faces: the learner's own map live, or the reference map with its stories on the page.
assumptions = Exercise("assumptions", MapExercise, _map_face)
#: Exercise 2, both faces: the learner's need and budget live, or the frontier explorer on the page.
tests = Exercise("tests", TestExercise, _tests_face)
#: Exercise 3, both faces: the live labelling board, or the static board with a menu per case.
doors = Exercise("doors", DoorExercise, _doors_static)

#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (assumptions, tests, doors)


def check() -> Quiz:
    """A short check of the chapter's lesson; its answers come from the model, not from prose."""
    ranked = model.rank_assumptions(_practices())
    one_each = ranked.groupby("quadrant", sort=False).head(1)
    experiments = _experiments()
    need, budget = 4, 10_000
    best = model.cheapest_test(experiments, need, budget)
    options = ["Wizard of Oz", "Pilot with one customer", "A/B test", "None of them: raise the budget"]
    correct = options.index(best["experiment"]) if best is not None and best["experiment"] in options else 3
    why = dict(zip(*model.qualify(experiments, need, budget)[["experiment", "why"]].to_dict("list").values()))
    reasons = [why[o] for o in options[:3]] + [
        "No experiment is both strong enough and within your budget." if correct == 3
        else "One of these is strong enough and within your budget: no need to raise it."]
    return Quiz("status-quo-check", "Check your understanding", [
        Label.from_frame("Where does each assumption sit on the map?", one_each, "assumption", "quadrant",
                         labels=list(model.QUADRANTS.values()),
                         explain="Important and weakly evidenced: test first. Important and well evidenced: keep, "
                                 "and watch. Neither important nor evidenced: park. Well evidenced but unimportant: "
                                 "leave alone."),
        Choice(f"You need evidence of strength {need} and have {model.CURRENCY}{budget:,} to spend. "
               "Which test do you run?",
               options, correct=[correct],
               explain="Of the experiments strong enough, take the cheapest your budget covers; a stronger test "
                       "you cannot afford convinces nobody, and a cheaper weak one does not convince either.",
               reasons=reasons),
    ])


# --------------------------------------------------------------------------- the page around the exercises


def tests_discussion_markdown() -> str:
    """Exercise 2's discussion as Markdown, its first paragraph made from the model at the declared
    need and budget (:func:`~exercises.status_quo.model.tests_story`)."""
    return ('<details class="lp-solution" id="status_quo-tests-discussion"><summary>Exercise 2, discussion</summary>'
            "\n\n" + model.tests_story(_experiments()) + "\n\n"
            '- Who decides how much evidence is enough for the "no customer calls without sales" challenge?\n'
            "  Ask them before you pick the test.\n"
            "- When is the strongest test the wrong choice, even when you can afford it?\n"
            "- What would make you run two cheap tests instead of one expensive one? (The model assumes you\n"
            "  run one.)\n\n</details>")


def tests_discussion():
    """:func:`tests_discussion_markdown` shown as Markdown (on the site, as part of the page)."""
    return markdown(tests_discussion_markdown())



def experiments_table():
    """The numbers behind the frontier chart (what its tooltips say), as a Markdown table any reader
    reaches without a mouse: each experiment's cost, time, strength of evidence and whether it is on
    the frontier (from :func:`~exercises.status_quo.model.frontier`; no need or budget, so no answer)."""
    rows = model.frontier(_experiments()).sort_values(["evidence", "cost"])
    lines = ["| Experiment | Cost | Time | Evidence | On the frontier? |", "|---|--:|--:|--:|---|"]
    cells = [(r.experiment, fill(model.CURRENCY + "{c:,.0f}", c=float(r.cost)), model.weeks_text(r.weeks),
              int(r.evidence), r.frontier_note.removeprefix("no, ")) for r in rows.itertuples()]
    lines += ["| " + " | ".join(markdown_text(cell) for cell in row) + " |" for row in cells]
    return markdown("The numbers behind the chart:\n\n" + "\n".join(lines))
