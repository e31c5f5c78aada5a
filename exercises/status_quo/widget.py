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

from ..kit.live import Action, Exercise, LabelExercise, LiveExercise
from ..kit.controls import button, checkbox, dropdown, pane, slider, text_box
from ..kit.quiz import Choice, Label, Quiz
from ..kit.text import safe_text
from . import chart, model

__all__ = ["EXERCISES", "DoorExercise", "MapExercise", "TestExercise", "assumptions", "check", "doors",
           "doors_question", "doors_regions", "tests"]

#: How many of the ranking the map exercise names as "test first".
SHOWN = 3
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
    test first (:func:`~exercises.status_quo.model.assumption_map`, after :cite:p:`bland2019`).

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).

    Attributes the tests drive: ``practice`` (menu), ``why`` (text box), ``importance`` and
    ``evidence`` (sliders), ``challenge`` (check box), ``restart``; read ``about``, ``summary``,
    ``notice``, :meth:`result` and :meth:`answer`.
    """

    def __init__(self, mode: str | None = None):
        self.practices = _practices()
        self._reference = {r.id: (int(r.importance), int(r.evidence)) for r in self.practices.itertuples()}
        self._rows = {r.id: r for r in self.practices.itertuples()}
        self._ratings = dict(self._reference)
        self._why: dict[str, str] = {}
        self._challenged: set[str] = set()
        first = self.practices["id"].iloc[0]
        self.practice = dropdown("Practice", [(f"{r.practice}", r.id) for r in self.practices.itertuples()], first)
        self.about = pane()
        self.why = text_box("Why it stands", "What does this practice protect? Press Enter when done")
        self.importance = slider("Importance", self._ratings[first][0], 1, 5, width="24em")
        self.evidence = slider("Evidence", self._ratings[first][1], 1, 5, width="24em")
        self.challenge = checkbox("Challenge this practice")
        self.restart = button("Start again", "Back to the reference ratings, with nothing written or challenged")
        super().__init__(controls=[self.practice, self.about, self.why,
                                   widgets.HBox([self.importance, self.evidence]),
                                   widgets.HBox([self.challenge, self.restart])],
                         chart=chart.map_chart(self.compute()), mode=mode)
        self.practice.observe(lambda _: self.run(self._show_practice), names="value")
        self.why.observe(lambda _: self.run(self._write), names="value")
        self.importance.observe(lambda _: self.run(self._rate), names="value")
        self.evidence.observe(lambda _: self.run(self._rate), names="value")
        self.challenge.observe(lambda _: self.run(self._toggle), names="value")
        self.on_click(self.restart, self._restart)
        self.refresh()

    # ---------------------------------------------------------------- the learner's map

    @property
    def current(self) -> str:
        """The id of the practice shown."""
        return self.practice.value

    def compute(self) -> pd.DataFrame:
        """The ranked map of the learner's ratings (see :func:`~exercises.status_quo.model.assumption_map`)."""
        return model.assumption_map(self.practices, self._ratings, self._challenged)

    def answer(self):
        """The learner's map as JSON data, or None while it is still the reference map with nothing written."""
        if self._ratings == self._reference and not self._why and not self._challenged:
            return None
        ranked = self.compute()
        return {"ratings": {key: {"importance": i, "evidence": e} for key, (i, e) in self._ratings.items()},
                "why": dict(self._why), "challenged": sorted(self._challenged),
                "test_first": [str(x) for x in ranked["id"].head(SHOWN)]}

    def _show_practice(self) -> None:
        key = self.current
        self.importance.value, self.evidence.value = self._ratings[key]
        self.why.value = self._why.get(key, "")
        self.challenge.value = key in self._challenged
        self.tell()

    def _write(self) -> None:
        text, problem = model.challenge(self.why.value)
        key = self.current
        if text:
            self._why[key] = text
        else:
            self._why.pop(key, None)
        if problem and key in self._challenged and not text:
            self._challenged.discard(key)
            self.challenge.value = False
            self.tell(f"{problem} Without it this practice is no longer challenged.")
        elif problem:
            self.tell(problem)
        else:
            self.tell("Noted. You may challenge this practice now." if key not in self._challenged else "Noted.")

    def _rate(self) -> None:
        self._ratings[self.current] = (int(self.importance.value), int(self.evidence.value))

    def _toggle(self) -> None:
        key = self.current
        if not self.challenge.value:
            self._challenged.discard(key)
            self.tell()
            return
        text, problem = model.challenge(self.why.value)
        if not text:
            self.challenge.value = False
            self.tell(f"{problem} Find out why the fence was put up before you take it down.")
            return
        self._why[key] = text
        self._challenged.add(key)
        self.tell(problem)

    def _restart(self) -> None:
        self._ratings, self._why, self._challenged = dict(self._reference), {}, set()
        self._show_practice()

    # ---------------------------------------------------------------- what the learner sees

    def update(self) -> None:
        """Rank the learner's map, redraw it, and say what to test first."""
        ranked = self.compute()
        self.chart.update(chart.map_data(ranked))
        row = self._rows[self.current]
        mine = ranked.set_index("id").loc[self.current]
        self.about.value = (f"<p><b>Assumption:</b> {safe_text(row.assumption)}.<br><b>How it began:</b> "
                            f"{safe_text(row.story)}.<br>On your map: rank {mine['rank']} of {len(ranked)}, "
                            f"<i>{safe_text(mine['quadrant'].lower())}</i>."
                            + (f"<br><b>Why it stands, you wrote:</b> {safe_text(self._why[self.current])}"
                               if self.current in self._why else "") + "</p>")
        first = "; ".join(f"{r.rank}. {safe_text(r.practice)} (importance {r.importance}, evidence {r.evidence})"
                          for r in ranked.head(SHOWN).itertuples())
        challenged = ranked[ranked["challenged"]]
        said = f"<p><b>Test first:</b> {first}.<br>"
        if challenged.empty:
            said += f"You challenge none of the {len(ranked)} practices yet."
        else:
            listed = ", ".join(f"{safe_text(r.practice)} (rank {r.rank})" for r in challenged.itertuples())
            said += f"You challenge {len(challenged)} of {len(ranked)}: {listed}."
            untested = challenged[challenged["quadrant"] != "Test first"]
            if not untested.empty:
                said += (f"<br>{len(untested)} of them sit{'s' if len(untested) == 1 else ''} outside "
                         "<i>test first</i>: is the challenge worth its cost?")
        self.summary.value = said + "</p>"

    def actions(self) -> list[Action]:
        ids = list(self.practices["id"])

        def pick(rng):
            self.practice.value = rng.choice(ids)

        def write(rng):
            self.why.value = rng.choice(FUZZ_TEXT)

        def rate(rng):
            rng.choice([self.importance, self.evidence]).value = rng.randint(1, 5)

        def toggle(rng):
            self.challenge.value = not self.challenge.value

        def restart(rng):
            self.restart.click()

        return [Action("pick a practice", pick), Action("write why the fence stands", write),
                Action("rate importance or evidence", rate), Action("challenge or not", toggle),
                Action("start again", restart)]


def _map_face():
    return chart.map_explorer(model.assumption_map(_practices()))


# --------------------------------------------------------------------------- exercise 2: the cheapest test


class TestExercise(LiveExercise):
    """Exercise 2: set the evidence you need and your budget; see which tests qualify, why, and the cheapest.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).

    Attributes the tests drive: ``need`` and ``budget`` (sliders); read ``summary``, ``reasons``,
    :meth:`result` and :meth:`answer`.
    """

    __test__ = False  # not a pytest class, whatever its name

    def __init__(self, mode: str | None = None):
        self.experiments = _experiments()
        _, need, low, high, step = chart.NEED_INPUT
        _, budget, b_low, b_high, b_step = chart.BUDGET_INPUT
        self.need = slider("Evidence you need", need, low, high, width="30em")
        self.budget = slider("Your budget", budget, b_low, b_high, width="36em")
        self.budget.step = b_step
        self.reasons = pane()
        self._touched = False
        super().__init__(controls=[self.need, self.budget], chart=chart.tests_chart(self._frame(self.compute())),
                         after=[self.reasons], mode=mode)
        self.need.observe(lambda _: self.run(self._touch), names="value")
        self.budget.observe(lambda _: self.run(self._touch), names="value")
        self.refresh()

    def _touch(self) -> None:
        self._touched = True

    def compute(self) -> pd.DataFrame:
        """Each experiment's status and reason (see :func:`~exercises.status_quo.model.qualify`)."""
        return model.qualify(self.experiments, self.need.value, self.budget.value)

    def _frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        return chart.tests_data(frame, self.need.value, self.budget.value)

    def answer(self):
        """The learner's need, budget and what qualifies, as JSON data; None before they move a slider."""
        if not self._touched:
            return None
        frame = self.compute()
        best = frame.loc[frame["status"] == model.CHEAPEST, "id"]
        return {"required": int(self.need.value), "budget": int(self.budget.value),
                "cheapest": str(best.iloc[0]) if len(best) else None,
                "qualifying": [str(x) for x in frame.loc[frame["status"].isin([model.CHEAPEST, model.QUALIFIES]),
                                                          "id"]]}

    def update(self) -> None:
        """Qualify every experiment, redraw, name the cheapest and give each experiment's reason."""
        frame = self.compute()
        self.chart.update(self._frame(frame))
        need, budget = self.need.value, self.budget.value
        ok = frame[frame["status"].isin([model.CHEAPEST, model.QUALIFIES])]
        best = frame[frame["status"] == model.CHEAPEST]
        if best.empty:
            strong = model.cheapest_test(self.experiments, need, float("inf"))
            hint = (f" The cheapest that reaches evidence {need}: {safe_text(strong['experiment'])} at "
                    f"{strong['cost']:,.0f}." if strong is not None else "")
            said = (f"<p>None of the {len(frame)} experiments reaches evidence {need} within {budget:,}.{hint} "
                    "Raise the budget, or ask whether you need that much evidence.</p>")
        else:
            b = best.iloc[0]
            said = (f"<p><b>Cheapest convincing test: {safe_text(b['experiment'])}</b>, {b['cost']:,.0f} in "
                    f"{b['weeks']:g} weeks (evidence {b['evidence']}). {len(ok)} of {len(frame)} qualify.</p>")
        self.summary.value = said
        rows = "".join(
            f"<tr><td>{safe_text(r.experiment)}</td><td>{safe_text(r.status)}</td><td>{safe_text(r.why)}"
            + ("" if r.on_frontier else f" Beaten on every count by {safe_text(self._name(r.beaten_by))}.")
            + "</td></tr>" for r in frame.itertuples())
        self.reasons.value = ("<table><thead><tr><th>Experiment</th><th>For you</th><th>Why</th></tr></thead>"
                              f"<tbody>{rows}</tbody></table>")

    def _name(self, key: str) -> str:
        return str(self.experiments.set_index("id").loc[key, "experiment"])

    def actions(self) -> list[Action]:
        def need(rng):
            self.need.value = rng.randint(self.need.min, self.need.max)

        def budget(rng):
            self.budget.value = rng.randrange(self.budget.min, self.budget.max + 1, self.budget.step)

        return [Action("set the evidence you need", need), Action("set your budget", budget)]


def _tests_face():
    experiments = _experiments()
    _, _, low, high, step = chart.BUDGET_INPUT
    grid = model.cheapest_grid(experiments, range(low, high + 1, step))
    return chart.tests_explorer(model.frontier(experiments), grid)


# --------------------------------------------------------------------------- exercise 3: forgiveness or permission


def doors_question() -> Label:
    """The forgiveness-or-permission cases as one label question; answers and reasons from the rule."""
    cases = model.decisions(model.load_situations())
    return Label.from_frame("For each situation: act and inform, consult, or ask first?", cases, "situation",
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
        return model.board(self._situations, frame["given"])


def _doors_static():
    return Quiz("status-quo-doors", "Forgiveness or permission?", [doors_question()])


#: Exercise 1, both faces: the learner's own map live, or the reference map with its stories on the page.
assumptions = Exercise("assumptions", MapExercise, _map_face)
#: Exercise 2, both faces: the learner's need and budget live, or the frontier explorer on the page.
tests = Exercise("tests", TestExercise, _tests_face)
#: Exercise 3, both faces: the live labelling board, or the quiz on the static page.
doors = Exercise("doors", DoorExercise, _doors_static)
#: The regions chart shown beside the static quiz.
doors_regions = lambda: chart.regions_explorer(model.board(model.load_situations()))  # noqa: E731

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
    return Quiz("status-quo-check", "Check your understanding", [
        Label.from_frame("Where does each assumption sit on the map?", one_each, "assumption", "quadrant",
                         labels=list(model.QUADRANTS.values()),
                         explain="Important and weakly evidenced: test first. Important and well evidenced: keep, "
                                 "and watch. Neither important nor evidenced: park. Well evidenced but unimportant: "
                                 "leave alone."),
        Choice(f"You need evidence of strength {need} and have {budget:,} to spend. Which test do you run?",
               options, correct=[correct],
               explain="Of the experiments strong enough, take the cheapest your budget covers; a stronger test "
                       "you cannot afford convinces nobody, and a cheaper weak one does not convince either."),
    ])
