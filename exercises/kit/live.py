"""The base of every live exercise: panes, one guarded refresh, one result per change, two faces.

A chapter's ``widget.py`` subclasses :class:`LiveExercise` and writes only what is
particular to it. Its inputs are declared once in the chapter's model
(:mod:`exercises.kit.inputs`) and listed as the class's :attr:`~LiveExercise.INPUTS`; the base
builds their controls (:func:`exercises.kit.controls.control`), refuses a value the declaration
does not accept (the last good value stays, with a sentence), and refreshes on every change.
The subclass then writes:

* :meth:`~LiveExercise.compute`: ask the model once about the current inputs and return the
  result (a dict of frames and numbers, say);
* :meth:`~LiveExercise.show`: lay that result out in the panes and the chart;
* :meth:`~LiveExercise.answer`: the learner's answer as plain JSON, read from
  :attr:`~LiveExercise.result` (never by asking the model again);
* :meth:`~LiveExercise.actions`: what a learner can do, for the benchmark and the fuzz test;
* :meth:`~LiveExercise.restore_answer`, when the learner's state is not all in declared inputs
  (an order, a menu per item): put it back from a kept answer, so a face built again in a new
  kernel (the learner's journal, :func:`restore_with`) shows everything the learner did.

The base owns the rest, written once:

* four panes under the controls: ``summary`` (what the model says), ``notice`` (feedback on
  the learner's last action, such as a refused typed order), ``problems`` (why the current
  answer has no value, as an escaped list) and ``solution`` (the solution, when revealed);
* the :class:`LiveChart`, redrawn by swapping its data;
* wiring: :meth:`~LiveExercise.watch` connects controls to one :meth:`~LiveExercise.refresh`,
  :meth:`~LiveExercise.quietly` changes controls without re-entering it, and an unexpected
  error becomes a message in the exercise instead of a traceback, cleared by the next change
  that works;
* telling whoever listens: after every change that worked, each callback given to
  :func:`listen` is called with the exercise. Workshop mode (:mod:`exercises.room.participant`)
  listens to save answers; the kit knows nothing of saving.

:class:`LabelExercise` is the live face of a :class:`~exercises.kit.quiz.Label` question (a menu
per item, a mark and a reason per item, a score), so one question built from a chapter's data
gives both faces: this one live, the :class:`~exercises.kit.quiz.Quiz` on the page.

:class:`Exercise` pairs a live exercise with its static face (a chart whose inputs are bound
in the page, or a quiz): a notebook cell calls it, and it shows the face that works in the
current context (see :func:`exercises.kit.display.render_mode`).
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import altair as alt
import ipywidgets as widgets
import pandas as pd

from .charts import label_chart
from .controls import button, checkbox, control, pane, problem_list
from .display import VL_VERSION, render_mode
from .inputs import Input
from .quiz import Label, grade
from .text import safe_text
from .theme import WARNING

__all__ = ["Action", "Exercise", "LabelExercise", "LiveChart", "LiveExercise", "listen", "restore_with",
           "snapshot"]

#: Callbacks told of every change that worked (see :func:`listen`).
_LISTENERS: list[Callable[["LiveExercise"], None]] = []


def listen(callback: Callable[["LiveExercise"], None]) -> Callable[[], None]:
    """Call ``callback(exercise)`` after every change of any live exercise that worked.

    The callback runs after the exercise has shown its new result, so it can read
    :meth:`LiveExercise.answer`; it may add a sentence under the exercise with
    :meth:`LiveExercise.footnote`. An error in a callback becomes such a sentence, never a
    traceback. Returns a function that stops the calls. Listening twice with the same
    callback calls it once.
    """
    if callback not in _LISTENERS:
        _LISTENERS.append(callback)

    def stop() -> None:
        if callback in _LISTENERS:
            _LISTENERS.remove(callback)
    return stop


#: The one restorer (see :func:`restore_with`), and the key of the face :meth:`Exercise.live_face` is building.
_RESTORER: dict = {"call": None, "answer": None}
_BUILDING: contextvars.ContextVar = contextvars.ContextVar("lp_building", default=None)


def restore_with(restorer: Callable[["LiveExercise", str], dict] | None,
                 answer: Callable[["LiveExercise", str], object] | None = None) -> Callable[[], None]:
    """Let ``restorer(face, key)`` give a live face its starting values (the learner's journal does).

    When :meth:`Exercise.live_face` builds a face, the kit calls ``restorer`` with the face and
    the exercise's key (``"<topic>/<exercise>"``) as soon as the controls of its declared inputs
    exist (:meth:`LiveExercise.build_inputs`), before its first chart and its first refresh. It
    returns ``{input name: value}``; each value goes through the declaration's
    :meth:`~exercises.kit.inputs.Input.check` and one it refuses (or the control refuses) is
    skipped, as is an unknown name. A restorer that raises changes nothing. There is one
    restorer at a time (None: none); the kit knows nothing of where the values come from.

    ``answer(face, key)``, if given, returns the exercise's last kept :meth:`LiveExercise.answer`
    (or None): a face that implements :meth:`LiveExercise.restore_answer` gets it in its first
    refresh, after its declared inputs took their values and before its first compute, so what
    the learner did besides the declared inputs (an order, a menu per item, a text) comes back
    too. An answer that no longer fits is skipped (see :meth:`LiveExercise.restore_answer`).
    Returns a function that removes this restorer.
    """
    _RESTORER["call"], _RESTORER["answer"] = restorer, answer

    def stop() -> None:
        if _RESTORER["call"] is restorer:
            _RESTORER["call"] = None
            _RESTORER["answer"] = None
    return stop


def _restore(face: "LiveExercise") -> None:
    """Set ``face``'s just-built input controls to the restorer's values for the face being built,
    and hold its last kept answer for its first refresh (:meth:`LiveExercise.restore_answer`)."""
    key, restorer, kept = _BUILDING.get(), _RESTORER["call"], _RESTORER["answer"]
    wants_answer = kept is not None and type(face).restore_answer is not LiveExercise.restore_answer
    if key is None or (restorer is None or not face.inputs) and not wants_answer:
        return
    _BUILDING.set(None)  # the face being built takes its values once; a face it builds takes none
    if wants_answer:
        try:
            face._kept_answer = kept(face, key)
        except Exception:  # noqa: BLE001 - a journal we cannot read: the face starts as it would
            face._kept_answer = None
    if restorer is None or not face.inputs:
        return
    try:
        values = dict(restorer(face, key) or {})
    except Exception:  # noqa: BLE001 - a journal we cannot read: start from the declared defaults
        return
    for name, value in values.items():
        made = face.inputs.get(name)
        if made is None:
            continue
        try:
            made.value = made.spec.check(value)
        except Exception:  # noqa: BLE001 - a value no longer valid (or the control refuses it): skipped
            continue


def _values(widget: widgets.Widget, into: list) -> list:
    """``(widget, value)`` of every control with a value under ``widget`` (itself included)."""
    if isinstance(widget, widgets.ValueWidget) and not isinstance(widget, (widgets.HTML, widgets.Label)):
        into.append((widget, widget.value))
    for child in getattr(widget, "children", ()):
        _values(child, into)
    return into


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
        Defaults to :func:`~exercises.kit.display.render_mode`.
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

    Subclasses list their declared inputs in :attr:`INPUTS` (their controls are built and
    watched here, in :attr:`inputs`), build any other controls and the initial chart, call
    ``super().__init__``, connect other controls with :meth:`watch` or :meth:`on_click`, call
    :meth:`refresh` once, and implement :meth:`compute`, :meth:`show`, :meth:`answer` and
    :meth:`actions`.

    Parameters
    ----------
    controls : sequence of ipywidgets.Widget
        What the learner changes besides the declared inputs, shown under them.
    chart : altair chart
        The initial chart (one dataset); later updates swap its data.
    after : sequence of ipywidgets.Widget
        Controls shown under the chart (a "show the answer" check box, say).
    mode : {"live", "static"}, optional
        Chart face (see :class:`LiveChart`).
    """

    #: The exercise's inputs, declared in the chapter's model; their controls are :attr:`inputs`.
    INPUTS: Sequence[Input] = ()
    #: Where this exercise's answer is kept, ``"<topic>/<exercise name>"``; set by
    #: :meth:`Exercise.live_face`. None for an exercise built directly.
    key: str | None = None

    def __init__(self, controls: Sequence[widgets.Widget] = (), chart=None, after: Sequence[widgets.Widget] = (),
                 mode: str | None = None):
        self.summary, self.notice, self.problems, self.solution = pane(), pane(), pane(), pane()
        if not hasattr(self, "inputs"):
            self.build_inputs()
        self.chart = LiveChart(chart, mode=mode)
        self._busy = False
        self._error = ""  # the "something went wrong" list last shown, cleared by the next change that works
        self._footnote = ""  # the sentence a listener last added under the notice
        #: The last result of :meth:`compute`: what the panes, the chart and :meth:`answer` read.
        self.result = None
        super().__init__(children=[*self.inputs.values(), *controls, self.summary, self.notice, self.problems,
                                   self.chart.widget, *after, self.solution], layout=widgets.Layout(width="100%"))
        self.watch(*self.inputs.values())

    def build_inputs(self) -> dict:
        """Build the controls of :attr:`INPUTS` (once), as :attr:`inputs`, keyed by input name.

        A subclass that needs them before ``super().__init__`` (to draw its first chart, say)
        calls this first. A face built by :meth:`Exercise.live_face` may start from kept values
        here (see :func:`restore_with`).
        """
        if not hasattr(self, "inputs"):
            self.inputs = {spec.name: control(spec) for spec in self.INPUTS}
            _restore(self)  # a face built by Exercise.live_face may start from kept values (restore_with)
        return self.inputs

    def values(self) -> dict:
        """The current value of every declared input, keyed by name."""
        return {name: made.value for name, made in self.inputs.items()}

    # ---------------------------------------------------------------- wiring

    def watch(self, *controls: widgets.Widget) -> None:
        """Refresh whenever one of ``controls`` changes value; a value it should never take is refused.

        A control built from a declared input refuses what its declaration does not accept
        (:meth:`exercises.kit.inputs.Input.check`); any menu refuses ``None`` unless it is one
        of its options, and any slider a value that is not a finite number. The last good value
        stays and the notice says why.
        """
        for made in controls:
            made.observe(self._changed, names="value")

    def _changed(self, change) -> None:
        if self._busy:
            return
        problem = _refused(change["owner"], change["new"])
        if problem:
            with self.quietly():
                change["owner"].value = change["old"]
            self.tell(problem)
            return
        self.refresh()

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
        re-enter. An unexpected error becomes a message in the exercise, never a traceback; the
        next change that works clears it. Every change that works is told to the listeners."""
        if self._busy:
            return
        try:
            with self.quietly():
                self._resume()
                if action is not None:
                    action()
                self.update()
        except Exception as err:  # noqa: BLE001 - the last line of defence for a learner
            self.tell_error(err)
            return
        if self._error and self.problems.value == self._error:
            self.problems.value = ""
        self._error = ""
        for callback in list(_LISTENERS):
            try:
                callback(self)
            except Exception as err:  # noqa: BLE001 - a listener must never break the exercise
                self.footnote(f"Something around this exercise failed ({type(err).__name__}); "
                              "your answer on screen is right. Tell your facilitator.")

    def refresh(self) -> None:
        """Recompute from the model and redraw; does nothing while the exercise updates itself."""
        self.run()

    def _resume(self) -> None:
        """Give :meth:`restore_answer` the answer held for this face (once; its first refresh).

        An answer that does not fit (it raises) is skipped: every control it changed goes back
        to the value it had, and the face starts as if nothing had been kept.
        """
        kept = self.__dict__.pop("_kept_answer", None)
        if kept is None:
            return
        before = _values(self, [])
        try:
            self.restore_answer(kept)
        except Exception:  # noqa: BLE001 - an answer kept by an older book, or of another shape: skipped
            for made, value in before:
                with contextlib.suppress(Exception):
                    if made.value != value:
                        made.value = value

    def tell_error(self, err: Exception) -> None:
        """Show an unexpected error as a message in the exercise (until a change works)."""
        self._error = problem_list(
            "Something went wrong in this exercise. Your last change was not used; "
            "tell your facilitator what you did:", [f"{type(err).__name__}: {err}"])
        self.problems.value = self._error

    # ---------------------------------------------------------------- what the learner sees

    def tell(self, message: str = "", problems: Sequence[str] = ()) -> None:
        """Feedback on the learner's last action, with a list of ``problems`` if any (escaped).

        It is kept apart from :attr:`problems` (what is wrong with the current answer), so a
        refused action never hides why the current answer has no value. No message clears it.
        A listener's :meth:`footnote` stays under it.
        """
        if problems:
            said = problem_list(message, problems)
        else:
            said = f'<p role="status">{safe_text(message)}</p>' if message else ""
        self.notice.value = said + self._footnote

    def footnote(self, sentence: str) -> None:
        """Put ``sentence`` (escaped) under the notice, replacing the last footnote; ``""`` removes it.

        For listeners (workshop mode says here whether the answer was kept).
        """
        note = f'<p role="status">{safe_text(sentence)}</p>' if sentence else ""
        current = self.notice.value
        if self._footnote and current.endswith(self._footnote):
            current = current[:-len(self._footnote)]
        self._footnote = note
        if current + note != self.notice.value:
            self.notice.value = current + note

    def show_problems(self, heading: str, problems: Sequence[str]) -> None:
        """Why the current answer has no value (escaped list); no problems clears the pane."""
        self.problems.value = problem_list(heading, problems) if problems else ""

    # ---------------------------------------------------------------- for subclasses

    def update(self) -> None:
        """Compute once and show it: :attr:`result` is what :meth:`show` and :meth:`answer` read."""
        self.result = self.compute()
        self.show(self.result)

    def compute(self):
        """Ask the model, once, about the current inputs; return what the exercise shows (subclasses)."""
        raise NotImplementedError

    def show(self, result) -> None:
        """Lay ``result`` out in the panes and the chart (subclasses)."""
        raise NotImplementedError

    def actions(self) -> list[Action]:
        """The learner's possible actions, for the benchmark and the fuzz test.

        By default, setting each declared input to a random value its declaration allows;
        subclasses add their own (``super().actions() + [...]``).
        """
        def setter(made):
            return lambda rng: setattr(made, "value", made.spec.random(rng))

        return [Action(f"set {made.spec.label.lower()}", setter(made)) for made in self.inputs.values()]

    def restore_answer(self, answer) -> None:
        """Put back what the learner did besides the declared inputs, from a kept :meth:`answer`.

        The base does nothing: an exercise whose learner state is all in its declared inputs
        needs nothing more. One with other controls (an order, a menu per item, a text box)
        implements it: it sets those controls from ``answer`` (what :meth:`answer` returned in an
        earlier kernel, read back from JSON) and computes nothing; the kit calls it in the face's
        first refresh, quietly, after the declared inputs took their kept values and before the
        one compute. When ``answer`` no longer fits (an item renamed, a shape changed), raise
        (``ValueError``, ``KeyError``, ``TypeError``...): the kit puts every control back and
        skips it, with no sentence and no traceback. Check before changing anything that is not
        a control.
        """

    def answer(self):
        """The learner's current answer as plain JSON data (dicts, lists, strings, numbers), or
        None when there is nothing worth keeping yet (subclasses; the base has none).

        Read it from :attr:`result`: it is called after every change (workshop mode keeps it,
        and the chapter's ``room.py`` draws the room's answers from it), so it never asks the
        model again. Keep it small and say what a facilitator shows the room: the choice and
        what the model makes of it.
        """
        return None


def _refused(made: widgets.Widget, value) -> str:
    """Why ``made`` must not take ``value`` (a sentence), or ``""``."""
    spec = getattr(made, "spec", None)
    if isinstance(spec, Input):
        try:
            spec.check(value)
        except ValueError as err:
            return str(err)
        return ""
    if isinstance(made, widgets.Dropdown) and value is None and None not in getattr(made, "_options_values", ()):
        return f"Choose one of the options for {made.description or 'this menu'}; the last choice is kept."
    if isinstance(made, (widgets.FloatSlider, widgets.IntSlider)):
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"{made.description or 'This slider'} must be a finite number; the last good value is kept."
    return ""


class LabelExercise(LiveExercise):
    """The live face of a :class:`~exercises.kit.quiz.Label` question: a menu per item, graded as you go.

    Each item has a menu ("Choose…", then the labels) and a mark beside it: ✓ when right, ✗
    and the item's reason when wrong. The summary counts what is labelled and right; *Start
    again* empties every menu and *Show the answers* lists each item's label and reason.
    Grading is :func:`exercises.kit.quiz.grade`, the rule the static quiz uses on the page.

    A chapter subclasses it to draw its own chart (override :meth:`chart_data` and pass
    ``chart``) or to add to the summary (override :meth:`feedback`).

    Parameters
    ----------
    question : exercises.kit.quiz.Label
    mode : {"live", "static"}, optional
        Chart face (see :class:`LiveChart`).
    chart : callable, optional
        Takes the frame :meth:`chart_data` returns and returns an altair chart with one
        dataset; defaults to :func:`exercises.kit.charts.label_chart`.

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
        return [menu.value if menu.value in self.question.labels else self.NONE for menu in self.menus]

    def set_answers(self, labels: Sequence[str]) -> None:
        """Choose ``labels`` (one per item; a missing or unknown label leaves the menu empty)."""
        def apply():
            for k, menu in enumerate(self.menus):
                label = labels[k] if k < len(labels) else self.NONE
                menu.value = label if label in self.question.labels else self.NONE
        self.run(apply)

    def restore_answer(self, answer) -> None:
        """Choose again the labels of a kept :meth:`answer` (its ``labels``: ``{item: label or ""}``).

        An item the question no longer has, or a label it no longer offers, means the answer
        does not fit: ``ValueError``, and nothing is chosen (the kit skips it). An item the kept
        answer does not name stays empty.
        """
        labels = answer.get("labels") if isinstance(answer, dict) else None
        if not isinstance(labels, dict):
            raise ValueError("a kept label answer has no labels")
        items, offered = list(self.question.items), {self.NONE, *self.question.labels}
        if any(item not in items or label not in offered for item, label in labels.items()):
            raise ValueError("a kept label answer no longer fits the question")
        for item, menu in zip(items, self.menus):
            menu.value = labels.get(item, self.NONE)

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
        frame = self.result if self.result is not None else self.answers()
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

    def compute(self) -> pd.DataFrame:
        """Grade the labels: the frame of :meth:`answers`."""
        return self.answers()

    def show(self, frame: pd.DataFrame) -> None:
        """Mark every item, redraw and count."""
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

    Calling it returns the face for the current context (:func:`~exercises.kit.display.render_mode`):
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
    def inputs(self) -> tuple[Input, ...]:
        """The exercise's declared inputs (its live class's :attr:`LiveExercise.INPUTS`)."""
        return tuple(getattr(self.live, "INPUTS", ()))

    def input_keys(self) -> dict[str, str]:
        """Where a learner's value of each input is kept: ``{name: "<topic>/<exercise>/<name>"}``."""
        return {spec.name: spec.key(self.key or self.name) for spec in self.inputs}

    @property
    def key(self) -> str | None:
        """``"<topic>/<name>"``: where workshop mode saves this exercise's answers (None without a topic)."""
        return f"{self.topic}/{self.name}" if self.topic else None

    def live_face(self, mode: str | None = None) -> LiveExercise:
        """Build the live face, knowing its :attr:`key` so workshop mode can save its answers.

        With a restorer set (:func:`restore_with`: the learner's journal), the face's declared
        inputs start from the values it gives, before the face's first refresh.
        """
        token = _BUILDING.set(self.key)
        try:
            face = self.live() if mode is None else self.live(mode=mode)
        finally:
            _BUILDING.reset(token)
        face.key = self.key
        return face

    def __call__(self):
        """The face for the current context: the live widget, or the static face.

        A static face that is a chart carries the exercise's :attr:`key` in its Vega-Lite
        ``usermeta`` (``{"lp_exercise": key}``), so the published page's journal
        (``book/_assets/journal.js``) knows which exercise it is and keeps the learner's values
        of its bound inputs in the browser.
        """
        if render_mode() == "live":
            return self.live_face()
        face = self.static()
        if self.key and isinstance(face, alt.TopLevelMixin):
            usermeta = getattr(face, "usermeta", None)
            usermeta = usermeta if isinstance(usermeta, dict) else {}
            face = face.properties(usermeta={**usermeta, "lp_exercise": self.key})
        return face
