"""The kit every live exercise is built on: panes, one guarded refresh, builders, two faces.

A chapter's ``widget.py`` subclasses :class:`LiveExercise` and writes only what is
particular to it: its controls, and an :meth:`~LiveExercise.update` that asks the model and
lays out the answer. The base owns the rest, written once:

* four panes under the controls: ``summary`` (what the model says), ``notice`` (feedback on
  the learner's last action, such as a refused typed order), ``problems`` (why the current
  answer has no value, as an escaped list) and ``solution`` (the solution, when revealed);
* the :class:`LiveChart`, redrawn by swapping its data;
* wiring: :meth:`~LiveExercise.watch` connects controls to one :meth:`~LiveExercise.refresh`,
  :meth:`~LiveExercise.quietly` changes controls without re-entering it, and an unexpected
  error becomes a message in the exercise instead of a traceback;
* :meth:`~LiveExercise.actions`: named learner actions, which the benchmark times and the
  contract test fuzzes, for every exercise of every chapter;
* workshop mode: :meth:`~LiveExercise.answer` is the learner's current answer as plain JSON
  data, and after each update the base saves it through :func:`exercises.workshop.save`
  under :attr:`~LiveExercise.key` (``"<topic>/<exercise name>"``, set by :class:`Exercise`),
  only when a store is set (``LEADING_PRODUCTS_STORE``) and the answer changed, a moment after
  the learner pauses (:data:`SAVE_DELAY`), so it never slows an update. A failed save is a
  sentence in the notice, never a traceback; with no store nothing is saved or shown.

:class:`LabelExercise` is the live face of a :class:`~exercises.quiz.Label` question (a menu
per item, a mark and a reason per item, a score), so one question built from a chapter's data
gives both faces: this one live, the :class:`~exercises.quiz.Quiz` on the page.

:class:`Exercise` pairs a live exercise with its static face (a chart whose inputs are bound
in the page, or a quiz): a notebook cell calls it, and it shows the face that works in the
current context (see :func:`exercises.display.render_mode`).

This module and the chapters' ``widget.py`` are the only ones that import ipywidgets
(:mod:`exercises.workshop` and :mod:`exercises.dashboard` build their controls with the
builders here).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import altair as alt
import ipywidgets as widgets
import pandas as pd

from .charts import label_chart
from . import workshop
from .display import VL_VERSION, render_mode
from .quiz import Label, grade
from .text import safe_text
from .theme import WARNING

__all__ = ["Action", "Exercise", "LabelExercise", "LiveChart", "LiveExercise", "button", "checkbox", "column",
           "dropdown", "pane", "problem_list", "row", "slider", "snapshot", "text_box"]

#: Width of the description column of labelled controls, so inputs line up.
LABEL_STYLE = {"description_width": "10em"}
#: Most problems listed at once; the rest are counted.
MAX_PROBLEMS = 6
#: Seconds a live exercise waits after the learner's last change before saving it (workshop mode).
SAVE_DELAY = 0.4


# --------------------------------------------------------------------------- builders


def pane(text: str = "") -> widgets.HTML:
    """An HTML area for words the exercise writes (always escaped by the caller)."""
    return widgets.HTML(value=text, layout=widgets.Layout(width="100%"))


def button(description: str, tooltip: str, icon: str = "") -> widgets.Button:
    """A button sized to its words; ``tooltip`` says what it does."""
    return widgets.Button(description=description, tooltip=tooltip, icon=icon, layout=widgets.Layout(width="auto"))


def slider(description: str, value: int, low: int, high: int, width: str = "36em") -> widgets.IntSlider:
    """A labelled whole-number slider that answers when released (not at every pixel of a drag)."""
    return widgets.IntSlider(value=int(value), min=int(low), max=int(high), step=1, description=description,
                             continuous_update=False, style=LABEL_STYLE, layout=widgets.Layout(width=width))


def dropdown(description: str, options: Sequence, value, width: str = "30em") -> widgets.Dropdown:
    """A labelled dropdown."""
    return widgets.Dropdown(options=list(options), value=value, description=description, style=LABEL_STYLE,
                            layout=widgets.Layout(width=width))


def checkbox(description: str) -> widgets.Checkbox:
    """A check box whose label is its description (not indented)."""
    return widgets.Checkbox(value=False, description=description, indent=False)


def text_box(description: str, placeholder: str, width: str = "36em") -> widgets.Text:
    """A labelled text field whose value changes when the learner presses Enter or leaves it."""
    return widgets.Text(description=description, placeholder=placeholder, continuous_update=False,
                        style=LABEL_STYLE, layout=widgets.Layout(width=width))


def row(children: Sequence[widgets.Widget]) -> widgets.HBox:
    """Widgets side by side."""
    return widgets.HBox(list(children))


def column(children: Sequence[widgets.Widget]) -> widgets.VBox:
    """Widgets one under the other, full width."""
    return widgets.VBox(list(children), layout=widgets.Layout(width="100%"))


def problem_list(heading: str, problems: Sequence[str]) -> str:
    """HTML for a list of problems under a heading, escaped and announced to screen readers."""
    shown = "".join(f"<li>{safe_text(p)}</li>" for p in problems[:MAX_PROBLEMS])
    more = f"<li>…and {len(problems) - MAX_PROBLEMS} more.</li>" if len(problems) > MAX_PROBLEMS else ""
    return f'<div role="alert" style="color:{WARNING}"><p>{safe_text(heading)}</p><ul>{shown}{more}</ul></div>'


# --------------------------------------------------------------------------- the chart


class LiveChart:
    """A chart inside a live exercise, redrawn cheaply when its data changes.

    The chart is turned into a Vega-Lite spec once; :meth:`update` swaps in new data
    without rebuilding or revalidating the chart, which keeps a live update well inside
    the book's 50 ms budget. In the ``live`` context the chart is an
    :class:`altair.JupyterChart` with Vega bundled in (draws with no network); in the
    ``static`` context it is an SVG image in an :class:`ipywidgets.HTML` (tests and
    snapshots, which have no browser).

    Parameters
    ----------
    chart : altair.TopLevelMixin
        A chart whose data is one pandas DataFrame (all layers share it).
    mode : {"live", "static"}, optional
        Defaults to :func:`~exercises.display.render_mode`.
    """

    def __init__(self, chart, mode: str | None = None):
        self.mode = mode or render_mode()
        self._template = chart.to_dict()
        datasets = self._template.get("datasets", {})
        if len(datasets) != 1:
            raise ValueError(f"LiveChart needs a chart with exactly one dataset, got {len(datasets)}")
        self._dataset = next(iter(datasets))
        self.spec = self._template
        if self.mode == "live":
            alt.JupyterChart.enable_offline(True)
            self.widget = alt.JupyterChart(chart, embed_options={"actions": False})
        else:
            self.widget = widgets.HTML(value=self._svg(self._template))

    def update(self, data: pd.DataFrame) -> None:
        """Redraw the chart with ``data`` (same columns as the chart's original data)."""
        records = json.loads(data.to_json(orient="records", double_precision=6))
        self.spec = {**self._template, "datasets": {self._dataset: records}}
        if self.mode == "live":
            self.widget.spec = self.spec
        else:
            self.widget.value = self._svg(self.spec)

    @staticmethod
    def _svg(spec: dict) -> str:
        return snapshot(spec)


def snapshot(spec: dict) -> str:
    """A Vega-Lite ``spec`` drawn in the kernel as an SVG figure (no browser, no network),
    labelled with the chart's description for screen readers."""
    import vl_convert

    description = safe_text(spec.get("description", ""))
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION)
    return f'<figure class="lp-chart-snapshot" role="img" aria-label="{description}">{svg}</figure>'


# --------------------------------------------------------------------------- the base


@dataclass(frozen=True)
class Action:
    """A learner action on a live exercise, drawn at random: ``act(rng)`` performs it.

    The benchmark times every action of every exercise; the contract test plays random
    sequences of them and checks the exercise always shows a value or says why not.
    """

    name: str
    act: Callable[[random.Random], None]


class LiveExercise(widgets.VBox):
    """The base of every live exercise (see the module docstring).

    Subclasses build their controls and initial chart, call ``super().__init__``, connect
    controls with :meth:`watch` or :meth:`on_click`, call :meth:`refresh` once, and
    implement :meth:`update` and :meth:`actions`.

    Parameters
    ----------
    controls : sequence of ipywidgets.Widget
        What the learner changes, shown above the panes.
    chart : altair chart
        The initial chart (one dataset); later updates swap its data.
    after : sequence of ipywidgets.Widget
        Controls shown under the chart (a "show the answer" check box, say).
    mode : {"live", "static"}, optional
        Chart face (see :class:`LiveChart`).
    """

    #: Where workshop mode saves this exercise's answer, ``"<topic>/<exercise name>"``; set by
    #: :meth:`Exercise.live_face`. None (an exercise built directly) saves nothing.
    key: str | None = None

    def __init__(self, controls: Sequence[widgets.Widget], chart, after: Sequence[widgets.Widget] = (),
                 mode: str | None = None):
        self.summary, self.notice, self.problems, self.solution = pane(), pane(), pane(), pane()
        self.chart = LiveChart(chart, mode=mode)
        self._busy = False
        self._kept: tuple | None = None  # (participant, answer as JSON text) last saved
        self._pending = None  # the save waiting for the learner to pause (an asyncio timer)
        self._save_note = ""  # the sentence about saving last added to the notice
        super().__init__(children=[*controls, self.summary, self.notice, self.problems, self.chart.widget,
                                   *after, self.solution], layout=widgets.Layout(width="100%"))

    # ---------------------------------------------------------------- wiring

    def watch(self, *controls: widgets.Widget) -> None:
        """Refresh whenever one of ``controls`` changes value."""
        for control in controls:
            control.observe(lambda _change: self.refresh(), names="value")

    def on_click(self, control: widgets.Button, action: Callable[[], None]) -> None:
        """Run ``action`` when ``control`` is clicked, guarded like :meth:`refresh`."""
        control.on_click(lambda _button: self.run(action))

    @contextlib.contextmanager
    def quietly(self) -> Iterator[None]:
        """Change controls without each change refreshing the exercise (refresh once afterwards)."""
        busy, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = busy

    @property
    def busy(self) -> bool:
        """True while the exercise is updating itself: control callbacks should do nothing."""
        return self._busy

    def run(self, action: Callable[[], None] | None = None) -> None:
        """Run a learner action, then :meth:`update`, once: controls the action changes do not
        re-enter. An unexpected error becomes a message in the exercise, never a traceback."""
        if self._busy:
            return
        try:
            with self.quietly():
                if action is not None:
                    action()
                self.update()
        except Exception as err:  # noqa: BLE001 - the last line of defence for a learner
            self.tell_error(err)
            return
        self.keep()

    def keep(self) -> None:
        """In workshop mode, save :meth:`answer` under :attr:`key` soon, once the learner pauses.

        Does nothing (and costs nothing) when no store is set or the exercise has no key. In a
        kernel (a running event loop) the save waits :data:`SAVE_DELAY` seconds after the last
        change and runs between messages, so a live update never waits for :meth:`answer` or the
        store, and a slider dragged through ten values saves once; with no running loop (a
        script, the tests) it saves at once. See :meth:`flush`.
        """
        if self.key is None or not workshop.enabled():
            return
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or SAVE_DELAY <= 0:
            self.flush()
        else:
            self._pending = loop.call_later(SAVE_DELAY, self.flush)

    def flush(self) -> bool:
        """Save the current answer now if it changed since the last save; True when it is stored.

        A save that fails, or an answer that cannot be stored, adds a sentence to the notice
        (see :func:`exercises.workshop.save`); it never raises.
        """
        self._pending = None
        if self.key is None or not workshop.enabled():
            return False
        saved, problem = False, ""
        try:
            answer = self.answer()
            if answer is None:
                return False
            kept = (workshop.participant(), json.dumps(answer, sort_keys=True, ensure_ascii=False, default=str))
            if kept == self._kept:
                return True
            saved = workshop.save(self.key, answer)
            problem = "" if saved else workshop.last_problem()
        except Exception as err:  # noqa: BLE001 - saving must never break the exercise
            problem = f"Your answer could not be saved ({type(err).__name__}); tell your facilitator."
        if saved:
            self._kept = kept
        self._note_saving(problem)
        return saved

    def _note_saving(self, sentence: str) -> None:
        """Put ``sentence`` (escaped) at the end of the notice, replacing the last one about saving."""
        note = f'<p role="status">{safe_text(sentence)}</p>' if sentence else ""
        current = self.notice.value
        if self._save_note and current.endswith(self._save_note):
            current = current[:-len(self._save_note)]
        self._save_note = note
        if current + note != self.notice.value:
            self.notice.value = current + note

    def refresh(self) -> None:
        """Recompute from the model and redraw; does nothing while the exercise updates itself."""
        self.run()

    def tell_error(self, err: Exception) -> None:
        """Show an unexpected error as a message in the exercise."""
        self.problems.value = problem_list(
            "Something went wrong in this exercise. Your last change was not used; "
            "tell your facilitator what you did:", [f"{type(err).__name__}: {err}"])

    # ---------------------------------------------------------------- what the learner sees

    def tell(self, message: str = "", problems: Sequence[str] = ()) -> None:
        """Feedback on the learner's last action, with a list of ``problems`` if any (escaped).

        It is kept apart from :attr:`problems` (what is wrong with the current answer), so a
        refused action never hides why the current answer has no value. No message clears it.
        """
        if problems:
            self.notice.value = problem_list(message, problems)
        else:
            self.notice.value = f'<p role="status">{safe_text(message)}</p>' if message else ""

    def show_problems(self, heading: str, problems: Sequence[str]) -> None:
        """Why the current answer has no value (escaped list); no problems clears the pane."""
        self.problems.value = problem_list(heading, problems) if problems else ""

    # ---------------------------------------------------------------- for subclasses

    def update(self) -> None:
        """Ask the model about the current inputs and show the result (subclasses)."""
        raise NotImplementedError

    def actions(self) -> list[Action]:
        """The learner's possible actions, for the benchmark and the fuzz test (subclasses)."""
        raise NotImplementedError

    def answer(self):
        """The learner's current answer as plain JSON data (dicts, lists, strings, numbers), or
        None when there is nothing worth saving yet (subclasses; the base has none).

        Workshop mode saves it after each update (see :meth:`keep`) and the facilitator's
        dashboard (:mod:`exercises.dashboard`) draws the room's answers from it, so keep it
        small and say what a facilitator shows the room: the choice and what the model makes
        of it.
        """
        return None


class LabelExercise(LiveExercise):
    """The live face of a :class:`~exercises.quiz.Label` question: a menu per item, graded as you go.

    Each item has a menu ("Choose…", then the labels) and a mark beside it: ✓ when right, ✗
    and the item's reason when wrong. The summary counts what is labelled and right; *Start
    again* empties every menu and *Show the answers* lists each item's label and reason.
    Grading is :func:`exercises.quiz.grade`, the rule the static quiz uses on the page.

    A chapter subclasses it to draw its own chart (override :meth:`chart_data` and pass
    ``chart``) or to add to the summary (override :meth:`feedback`).

    Parameters
    ----------
    question : exercises.quiz.Label
    mode : {"live", "static"}, optional
        Chart face (see :class:`LiveChart`).
    chart : callable, optional
        Takes the frame :meth:`chart_data` returns and returns an altair chart with one
        dataset; defaults to :func:`exercises.charts.label_chart`.

    Attributes the tests drive: ``menus`` (one per item), ``reset``, ``reveal``; read
    ``marks``, ``summary``, ``solution`` and :meth:`answer`.
    """

    #: The value of a menu with no label chosen.
    NONE = ""

    def __init__(self, question: Label, mode: str | None = None, chart: Callable[[pd.DataFrame], object] | None = None):
        if not isinstance(question, Label):
            raise TypeError(f"LabelExercise needs a quiz.Label question, got {type(question).__name__}")
        self.question = question
        options = [("Choose…", self.NONE), *((label, label) for label in question.labels)]
        self.menus = [widgets.Dropdown(options=options, value=self.NONE, description="", tooltip=item,
                                       layout=widgets.Layout(width="12em")) for item in question.items]
        self.marks = [pane() for _ in question.items]
        rows = [widgets.HBox([widgets.HTML(f"<b>{k}.</b> {safe_text(item)}",
                                           layout=widgets.Layout(width="28em", flex="0 0 auto")),
                              menu, mark]) for k, (item, menu, mark) in
                enumerate(zip(question.items, self.menus, self.marks), start=1)]
        self.reset = button("Start again", "Empty every menu")
        self.reveal = checkbox("Show the answers")
        prompt = widgets.HTML(f"<p><b>{safe_text(question.prompt)}</b></p>")
        super().__init__(controls=[prompt, *rows, self.reset],
                         chart=(chart or label_chart)(self.chart_data(self.answers())),
                         after=[self.reveal], mode=mode)
        self.watch(*self.menus, self.reveal)
        self.on_click(self.reset, self.clear)
        self.refresh()

    # ---------------------------------------------------------------- the learner's labels

    @property
    def given(self) -> list[str]:
        """The label chosen for each item (:attr:`NONE` where none is)."""
        return [menu.value for menu in self.menus]

    def set_answers(self, labels: Sequence[str]) -> None:
        """Choose ``labels`` (one per item; a missing or unknown label leaves the menu empty)."""
        def apply():
            for k, menu in enumerate(self.menus):
                label = labels[k] if k < len(labels) else self.NONE
                menu.value = label if label in self.question.labels else self.NONE
        self.run(apply)

    def clear(self) -> None:
        """Empty every menu."""
        for menu in self.menus:
            menu.value = self.NONE

    def answers(self) -> pd.DataFrame:
        """One row per item: ``item``, ``given`` (``""`` if none), ``answer``, ``correct``, ``reason``."""
        q, given = self.question, self.given
        wrong = set(grade(q, given).wrong)
        return pd.DataFrame({"item": list(q.items), "given": given, "answer": list(q.answers),
                             "correct": [k not in wrong for k in range(len(q.items))],
                             "reason": [q.reason(k) for k in range(len(q.items))]})

    def answer(self) -> dict | None:
        """The labels chosen, for workshop mode: ``{"labels": {item: label or ""}, "marks": {item:
        true (right), false (wrong) or null (no label)}, "labelled": n, "right": k, "items": m}``;
        None while no menu has a label."""
        frame = self.answers()
        given = frame["given"] != self.NONE
        if not given.any():
            return None
        return {"labels": dict(zip(frame["item"], frame["given"])),
                "marks": {item: (bool(right) if has else None)
                          for item, right, has in zip(frame["item"], frame["correct"], given)},
                "labelled": int(given.sum()), "right": int((frame["correct"] & given).sum()), "items": len(frame)}

    # ---------------------------------------------------------------- for subclasses

    def chart_data(self, answers: pd.DataFrame) -> pd.DataFrame:
        """The chart's data for these answers (the answers themselves, unless a subclass says)."""
        return answers

    def feedback(self, answers: pd.DataFrame) -> str:
        """Extra HTML for the summary (escaped by the subclass); none by default."""
        return ""

    # ---------------------------------------------------------------- what the learner sees

    def update(self) -> None:
        """Grade the labels, mark every item, redraw and count."""
        frame = self.answers()
        for mark, row in zip(self.marks, frame.itertuples()):
            if row.given == self.NONE:
                mark.value = ""
            elif row.correct:
                mark.value = "<span>✓ right</span>"
            else:
                why = f". {safe_text(row.reason)}" if row.reason else ""
                mark.value = f'<span style="color:{WARNING}">✗ not this one{why}</span>'
        self.chart.update(self.chart_data(frame))
        labelled, right = int((frame["given"] != self.NONE).sum()), int(frame["correct"].sum())
        self.summary.value = (f"<p>{labelled} of {len(frame)} labelled, <b>{right} right</b>.</p>"
                              + self.feedback(frame))
        self.solution.value = ("<ul>" + "".join(
            f"<li>{safe_text(r.item)}: <b>{safe_text(r.answer)}</b>. {safe_text(r.reason)}</li>"
            for r in frame.itertuples()) + "</ul>") if self.reveal.value else ""

    def actions(self) -> list[Action]:
        choices = [self.NONE, *self.question.labels]

        def choose(rng):
            rng.choice(self.menus).value = rng.choice(choices)

        def reset(rng):
            self.reset.click()

        def reveal(rng):
            self.reveal.value = not self.reveal.value

        return [Action("choose a label", choose), Action("start again", reset),
                Action("show or hide the answers", reveal)]


@dataclass(frozen=True)
class Exercise:
    """One exercise with two faces from one model: live with a kernel, static on the site.

    Calling it returns the face for the current context (:func:`~exercises.display.render_mode`):
    the live widget in JupyterLab, Voilà or Binder; the static face (a chart whose inputs
    are bound in the page, or a quiz) when notebooks are executed for the site.

    Parameters
    ----------
    name : str
        Short name, unique in its chapter (used by the benchmark and the tests).
    live : callable
        Builds the :class:`LiveExercise`; takes an optional ``mode`` keyword.
    static : callable
        Builds the static face.
    """

    name: str
    live: Callable[..., LiveExercise]
    static: Callable[[], object]
    #: The chapter's topic; by default the folder of the module that defines ``live``
    #: (``exercises.<topic>.widget``), so a chapter never repeats it.
    topic: str = ""

    def __post_init__(self):
        if not self.topic:
            parts = getattr(self.live, "__module__", "").split(".")
            if len(parts) >= 3 and parts[0] == "exercises":
                object.__setattr__(self, "topic", parts[1])

    @property
    def key(self) -> str | None:
        """``"<topic>/<name>"``: where workshop mode saves this exercise's answers (None without a topic)."""
        return f"{self.topic}/{self.name}" if self.topic else None

    def live_face(self, mode: str | None = None) -> LiveExercise:
        """Build the live face, knowing its :attr:`key` so workshop mode can save its answers."""
        face = self.live() if mode is None else self.live(mode=mode)
        face.key = self.key
        return face

    def __call__(self):
        return self.live_face() if render_mode() == "live" else self.static()
