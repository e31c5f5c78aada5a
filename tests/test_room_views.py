"""The contract between each exercise's ``answer()`` and the room's view of it.

Each chapter writes an exercise's answer in its ``widget.py`` and says how the room's dashboard
reads and draws it in its ``room.py`` (``VIEWS``: exercise name → :class:`RoomView`). Nothing
else ties the two, so this test plays every exercise of every chapter (a few seeded random
actions per participant), takes its answer through JSON as the store keeps it, sends a small
room of such answers through the exercise's own view, and checks nothing is lost: the rows the
view declares for each participant, nobody dropped, a chart that builds. A key a view reads,
renamed in the answer, must be caught here.
"""

from __future__ import annotations

import ast
import functools
import importlib
import json
import random
from pathlib import Path

import pytest

import exercises
from exercises.kit.live import LabelExercise
from exercises.room import dashboard
from exercises.room.dashboard import RoomView
from exercises.room.store import Answer
from room_fixtures import without_pictures

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = ("Ada", "Grace", "<b>Eve</b>")
ALL = [(topic, exercise) for topic in exercises.CHAPTERS
       for exercise in importlib.import_module(f"exercises.{topic}.widget").EXERCISES]
IDS = [exercise.key for _, exercise in ALL]
#: The generic view of a labelling exercise whose chapter declares none (the dashboard's own).
LABELLING = RoomView("", dashboard.read_labels, dashboard.labels_chart, rows=dashboard.labels_given)


def own_views(topic: str) -> dict:
    return importlib.import_module(f"exercises.{topic}.room").VIEWS


def play(face, rng: random.Random, at_least: int = 3, at_most: int = 60) -> dict | None:
    """A few random actions, then more until the face has an answer; the answer as the store keeps it."""
    actions, answer, played = face.actions(), None, 0
    while played < at_least or (answer is None and played < at_most):
        rng.choice(actions).act(rng)
        played += 1
        answer = face.answer()
    return None if answer is None else json.loads(json.dumps(answer, allow_nan=False))


@functools.cache
def room_of(key: str) -> tuple[tuple[str, dict], ...]:
    """``key``'s answers from a room of three participants taking turns at one live face."""
    topic, exercise = next((t, e) for t, e in ALL if e.key == key)
    with pytest.MonkeyPatch.context() as mp:
        without_pictures(mp)
        face = exercise.live_face(mode="static")
        rng = random.Random(key)
        answers = [(who, play(face, rng)) for who in PEOPLE]
    return tuple((who, answer) for who, answer in answers if answer is not None)


def view_for(topic: str, exercise) -> RoomView | None:
    """The exercise's own view, else the generic labelling view for a labelling exercise, else None."""
    own = own_views(topic).get(exercise.name)
    if own is not None:
        return own
    return LABELLING if isinstance(exercise.live_face(mode="static"), LabelExercise) else None


def broken(key: str, view: RoomView, answers) -> list[str]:
    """What the view loses or cannot draw of ``answers`` (``[(participant, answer)]``), as sentences."""
    rows = [Answer(who, key, answer, float(k)) for k, (who, answer) in enumerate(answers)]
    table = dashboard.rows_of(dashboard.frame(rows), view.read)
    problems, wanted = [], 0
    for who, answer in answers:
        try:
            want = view.expected(answer)
        except Exception as err:  # noqa: BLE001 - reported as a problem of the contract
            problems.append(f"{key}: its view's rows() cannot read {who}'s answer ({err!r})")
            continue
        got = int((table["participant"] == who).sum()) if not table.empty else 0
        wanted += want
        if got != want:
            problems.append(f"{key}: {who}'s answer gave {got} row(s), its view declares {want}"
                            + (" (dropped: the view cannot read it)" if got == 0 else ""))
    if not wanted:
        problems.append(f"{key}: nobody's answer gave a row to draw")
    if table.empty:
        return problems
    try:
        spec = view.chart(table).to_dict()  # validates against the Vega-Lite schema
    except Exception as err:  # noqa: BLE001
        problems.append(f"{key}: the chart of the room's table does not build ({err!r})")
        return problems
    if len(spec.get("description", "")) <= 40 or not spec.get("title"):
        problems.append(f"{key}: the chart needs a title and a description")
    return problems


class Reading(dict):
    """A dict that remembers which of its keys were read."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read: set = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)


def keys_read(view: RoomView, answer: dict) -> set:
    seen = Reading(answer)
    view.read(seen)
    view.expected(seen)
    return seen.read


# --------------------------------------------------------------------------- the contract


@pytest.mark.parametrize("topic, exercise", ALL, ids=IDS)
def test_every_exercise_has_a_view(topic, exercise):
    view = view_for(topic, exercise)
    assert view is not None, (f"{exercise.key} has no view on the room's dashboard: add "
                              f"VIEWS[{exercise.name!r}] = RoomView(...) to exercises/{topic}/room.py")
    if view is not LABELLING:
        assert dashboard.declared(exercise.key) is view  # the dashboard finds it by the chapter's name alone
        assert view.title


@pytest.mark.parametrize("topic, exercise", ALL, ids=IDS)
def test_a_room_of_answers_goes_through_its_view_with_nothing_lost(topic, exercise):
    view = view_for(topic, exercise)
    answers = room_of(exercise.key)
    assert len(answers) >= 2, f"{exercise.key}: fewer than two participants have an answer after playing"
    assert broken(exercise.key, view, answers) == []
    rows = [Answer(who, exercise.key, answer, float(k)) for k, (who, answer) in enumerate(answers)]
    (shown,) = dashboard.views(rows)  # the dashboard draws it with the chapter's view, not the fallback
    drawn = shown.chart.to_dict()
    assert drawn["description"] == view.chart(shown.table).to_dict()["description"]
    assert shown.participants == sum(1 for _, answer in answers if view.expected(answer) > 0)


@pytest.mark.parametrize("topic, exercise", ALL, ids=IDS)
def test_a_renamed_answer_key_its_view_reads_is_caught(topic, exercise):
    view = view_for(topic, exercise)
    answers = room_of(exercise.key)
    read = set.union(*(keys_read(view, answer) for _, answer in answers))
    assert read, f"{exercise.key}: its view reads no key of the answer"
    for key in sorted(read):
        renamed = [(who, {(f"{k}_renamed" if k == key else k): v for k, v in answer.items()})
                   for who, answer in answers]
        assert broken(exercise.key, view, renamed), (
            f"{exercise.key}: renaming the answer's {key!r} goes unnoticed: read it with answer[{key!r}], "
            "not answer.get(...)")


def test_a_chapter_that_renames_a_key_in_its_answer_fails_the_contract(monkeypatch):
    """The mutation through the chapter itself: its ``answer()`` writes ``ahead`` for ``winner``."""
    from exercises.culture import widget

    real = widget.CadenceExercise.answer

    def renamed(self):
        answer = real(self)
        answer["ahead"] = answer.pop("winner")
        return answer

    key = widget.cadence.key
    assert broken(key, own_views("culture")["cadence"], room_of(key)) == []
    monkeypatch.setattr(widget.CadenceExercise, "answer", renamed)
    face = widget.cadence.live_face(mode="static")
    rng = random.Random(0)
    answers = [(who, play(face, rng)) for who in PEOPLE]
    assert all("ahead" in answer and "winner" not in answer for _, answer in answers)
    problems = broken(key, own_views("culture")["cadence"], answers)
    assert sum("dropped" in p for p in problems) == len(PEOPLE), problems


# --------------------------------------------------------------------------- who may name whom


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            found |= {module} | {f"{module}.{alias.name}".replace("..", ".") for alias in node.names}
    return found


@pytest.mark.parametrize("topic", exercises.CHAPTERS)
def test_a_chapters_room_module_names_its_views_and_no_widget(topic):
    imports = _imports(ROOT / "exercises" / topic / "room.py")
    widgets = {name for name in imports if "ipywidgets" in name or name.endswith(("widget", "kit.live", "controls"))}
    assert not widgets, f"exercises/{topic}/room.py imports {widgets}: the room's views draw charts, not widgets"
    assert set(own_views(topic)) <= {e.name for e in importlib.import_module(f"exercises.{topic}.widget").EXERCISES}
    assert all(isinstance(v, RoomView) for v in own_views(topic).values())


def test_the_dashboard_names_no_chapter():
    text = (ROOT / "exercises" / "room" / "dashboard.py").read_text(encoding="utf-8").lower()
    named = [topic for topic in exercises.CHAPTERS if topic in text or topic.replace("_", " ") in text]
    assert not named, f"exercises/room/dashboard.py names {named}: a chapter's view belongs in its room.py"


def test_a_key_from_the_store_imports_nothing_outside_the_chapters():
    rows = [Answer("Ada", "os/path", {"x": 1}, 0.0), Answer("Bo", "../evil/x", {"y": 2}, 1.0)]
    assert dashboard.room_views("os") == {} and dashboard.declared("../evil/x") is None
    found = dashboard.views(rows)
    assert sorted(v.exercise for v in found) == ["../evil/x", "os/path"]
    assert all(v.participants == 1 and list(v.table.columns) == ["participant", "answer"] for v in found)
