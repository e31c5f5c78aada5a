"""The facilitator's dashboard: frames and charts from a seeded store, the anonymised view, the notebook."""

from __future__ import annotations

import importlib
import json
import random
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import exercises
from exercises.room import dashboard, participant
from exercises.room.store import Answer, open_store
from room_fixtures import reset, saving, without_pictures

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = ("Ada", "Grace", "<b>Eve</b>")
KEYS = [e.key for t in exercises.CHAPTERS for e in importlib.import_module(f"exercises.{t}.widget").EXERCISES]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A store where three participants played every live exercise of every chapter a little."""
    folder = tmp_path_factory.mktemp("room") / "store"
    with pytest.MonkeyPatch.context() as mp, saving(mp, folder):
        without_pictures(mp)
        faces = [e.live_face(mode="static") for t in exercises.CHAPTERS
                 for e in importlib.import_module(f"exercises.{t}.widget").EXERCISES]
        for who in PEOPLE:
            participant.set_participant(who)
            rng = random.Random(who)
            for face in faces:
                actions = face.actions()
                for step in range(40):
                    rng.choice(actions).act(rng)
                    if step >= 5 and face.answer() is not None:
                        break
    with open_store(folder) as store:
        return folder, store.latest()


def row(who, exercise, answer, at=0.0):
    return Answer(who, exercise, answer, at)


# --------------------------------------------------------------------------- frames and views

def test_every_exercise_with_answers_gets_a_view_in_book_order(seeded):
    _, rows = seeded
    found = dashboard.views(rows)
    assert [v.exercise for v in found] == [k for k in KEYS if any(r.exercise == k for r in rows)]
    assert len(found) == len(KEYS)  # every exercise was answered by someone
    for view in found:
        spec = view.chart.to_dict()  # validates against the Vega-Lite schema
        assert len(spec.get("description", "")) > 40, f"{view.exercise}: a chart needs a description"
        assert spec.get("title"), view.exercise
        assert not view.table.empty and 1 <= view.participants <= len(PEOPLE)
        assert set(view.table["participant"]) <= set(PEOPLE)


def test_frame_keeps_each_participants_last_answer():
    rows = [row("Ada", "e", {"v": 1}, 1), row("Ada", "e", {"v": 2}, 2), row("Bo", "e", {"v": 3}, 3)]
    room = dashboard.frame(rows)
    assert room[["participant", "answer"]].values.tolist() == [["Ada", {"v": 2}], ["Bo", {"v": 3}]]
    assert dashboard.frame([]).empty and dashboard.views([]) == []


def test_sequencing_order_shows_each_share_of_the_best():
    rows = [row("Ada", "sequencing/order", {"order": ["S1", "G1"], "horizon": 52, "start_from": "WSJF",
                                            "total": 10.0, "share_of_best": 0.9, "best_total": 11.0,
                                            "wsjf_share": 0.8}),
            row("Bo", "sequencing/order", {"order": ["G1", "S1"], "horizon": 52, "start_from": "WSJF", "total": None,
                                           "share_of_best": None, "best_total": 11.0, "wsjf_share": 0.8})]
    (view,) = dashboard.views(rows)
    table = view.table.set_index("participant")
    assert table.loc["Ada", "share_of_best"] == 0.9 and not table.loc["Bo", "schedulable"]
    assert table.loc["Ada", "order"] == "S1 → G1"


def test_status_quo_views_count_the_practices_and_tests_the_room_chose():
    rows = [row("Ada", "status_quo/assumptions", {"ratings": {}, "why": {"P1": "x"}, "challenged": ["P1"],
                                                  "test_first": ["P1", "P9"]}),
            row("Bo", "status_quo/assumptions", {"ratings": {}, "why": {}, "challenged": [], "test_first": ["P9"]}),
            row("Ada", "status_quo/tests", {"required": 5, "budget": 20000, "cheapest": "E8", "qualifying": ["E8"]}),
            row("Bo", "status_quo/tests", {"required": 5, "budget": 100, "cheapest": None, "qualifying": []})]
    first, tests = dashboard.views(rows)
    assert first.table.groupby("id")[["test_first", "challenged"]].sum().to_dict("index") == {
        "P1": {"test_first": 1, "challenged": 1}, "P9": {"test_first": 2, "challenged": 0}}
    counts = next(iter(first.chart.to_dict()["datasets"].values()))
    assert sum(c["people"] for c in counts) == 4
    chosen = {c["test"]: c["people"] for c in next(iter(tests.chart.to_dict()["datasets"].values()))}
    assert sum(chosen.values()) == 2 and chosen["none within the budget"] == 1


def test_delegation_board_marks_the_recommended_level_of_each_decision(seeded):
    from exercises.delegation import model

    _, rows = seeded
    view = next(v for v in dashboard.views(rows) if v.exercise == "delegation/board")
    spec = view.chart.to_dict()
    datasets = list(spec["datasets"].values())
    recommended = next(d for d in datasets if d and "people" not in d[0])
    rule = dict(zip(*model.recommend(model.load_decisions())[["decision", "level"]].T.values))
    assert {r["item"] for r in recommended} == set(view.table["item"])
    assert all(rule[r["item"]] == r["label"] for r in recommended)
    counted = next(d for d in datasets if d and "people" in d[0])
    labelled = sum(r.answer["labelled"] for r in rows if r.exercise == "delegation/board")
    assert sum(r["people"] for r in counted) == labelled  # every label chosen is drawn once


def test_labelling_views_count_right_and_wrong(seeded):
    _, rows = seeded
    for key in ("purpose/sort", "delegation/duties", "status_quo/doors"):
        view = next(v for v in dashboard.views(rows) if v.exercise == key)
        right = sum(r.answer["right"] for r in rows if r.exercise == key)
        assert (view.table["mark"] == dashboard.RIGHT).sum() == right, key


def test_obstacle_owners_are_merged_across_spellings():
    answer = lambda *owners: {"owners": [{"owner": o, "obstacles": ["x"]} for o in owners], "count": len(owners)}  # noqa: E731
    rows = [row("Ada", "influence/obstacles", answer("Operations", "Finance")),
            row("Bo", "influence/obstacles", answer("  operations ", "finance"))]
    (view,) = dashboard.views(rows)
    owners = {r["owner"]: r["obstacles"] for r in next(iter(view.chart.to_dict()["datasets"].values()))}
    assert owners == {"Operations": 2, "Finance": 2}


@pytest.mark.parametrize("answer", [None, 3, "text", [1, 2], {}, {"order": "S1"}, {"share_of_best": "high"},
                                    {"labels": "x"}, {"owners": [{"nobody": 1}]}])
def test_a_row_a_view_cannot_read_is_left_out(answer):
    rows = [row("Old kernel", key, answer) for key in KEYS]
    rows.append(row("Ada", "culture/cadence", {"budget": 26, "burst_weeks": 4, "half_life": None,
                                               "even_at_52": 0.5, "burst_at_52": 0.4, "winner": "even"}))
    found = dashboard.views(rows)
    cadence = next(v for v in found if v.exercise == "culture/cadence")
    assert cadence.table["participant"].tolist() == ["Ada"]
    for view in found:
        view.chart.to_dict()


def test_an_exercise_with_no_view_of_its_own_still_shows_who_answered():
    rows = [row("Ada", "newchapter/newexercise", {"anything": [1, 2]}), row("Bo", "newchapter/newexercise", {"x": 1})]
    (view,) = dashboard.views(rows)
    assert view.exercise == "newchapter/newexercise" and view.participants == 2
    assert "newchapter/newexercise" in view.chart.to_dict()["description"]


# --------------------------------------------------------------------------- the anonymised view

names = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=12)


@settings(max_examples=80)
@given(st.lists(st.tuples(names, st.sampled_from(["sequencing/order", "purpose/bass", "culture/cadence"]),
                          st.floats(0, 1000)), max_size=30))
def test_anonymising_keeps_every_count_and_hides_every_name(entries):
    room = dashboard.frame([row(who, key, {"v": 1}, at) for who, key, at in entries])
    hidden = dashboard.anonymise(room)
    assert len(hidden) == len(room)
    assert hidden.groupby("exercise").size().to_dict() == room.groupby("exercise").size().to_dict()
    assert hidden["participant"].nunique() == room["participant"].nunique()
    mapping = dict(zip(room["participant"], hidden["participant"]))
    assert len(set(mapping.values())) == len(mapping)  # one number per person, one person per number
    assert set(mapping.values()) == {f"Participant {k}" for k in range(1, len(mapping) + 1)}
    first = room.sort_values("saved_at", kind="stable")["participant"].drop_duplicates().iloc[0] if len(room) else None
    assert first is None or mapping[first] == "Participant 1"


def test_anonymised_charts_hold_no_name(seeded):
    _, rows = seeded
    found = dashboard.views(rows, anonymous=True)
    assert len(found) == len(dashboard.views(rows))
    text = json.dumps([v.chart.to_dict() for v in found]) + "".join(v.table.to_json() for v in found)
    assert not [who for who in PEOPLE if who in text and who != "Ada"] and '"Ada"' not in text
    assert "Participant 1" in text


# --------------------------------------------------------------------------- the live face and the notebook

def test_board_reads_the_store_refreshes_and_hides_names(seeded, monkeypatch):
    folder, _ = seeded
    reset(monkeypatch, folder)
    face = dashboard.board()
    assert "<b>3</b> participants" in face.status.value
    assert f"<b>{len(KEYS)}</b> exercises" in face.status.value
    assert "&lt;b&gt;Eve&lt;/b&gt;" in face.views.value and "<b>Eve</b>" not in face.views.value
    assert face.views.value.count("<svg") == len(KEYS) and "lp-chart-snapshot" in face.views.value
    face.anonymous.value = True
    assert "Grace" not in face.views.value and "Participant 3" in face.views.value
    participant.set_participant("Dora")
    participant.save("culture/cadence", {"budget": 1, "burst_weeks": 1, "half_life": 1, "even_at_52": 0.1,
                                         "burst_at_52": 0.2, "winner": "burst"})
    face.refresh.click()
    assert "<b>4</b> participants" in face.status.value
    participant._forget_store()


def test_board_without_a_store_says_how_to_start_one(monkeypatch):
    monkeypatch.delenv(participant.STORE_ENV, raising=False)
    face = dashboard.board()
    assert "Workshop mode is off" in face.status.value and face.views.value == ""


@pytest.mark.integration  # a kernel runs the notebook: about 5 s; make test runs it, make unit does not
def test_dashboard_notebook_runs_against_a_store(seeded, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    folder, _ = seeded
    monkeypatch.setenv(participant.STORE_ENV, str(folder))
    notebook = nbformat.read(ROOT / "tools" / "room" / "dashboard.ipynb", as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(len(c.source.splitlines()) <= 3 for c in code), "the dashboard notebook stays thin"
    NotebookClient(notebook, timeout=120, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors
    state = json.dumps(notebook.metadata["widgets"])
    assert "participants" in state and "Workshop mode is off" not in state and "<svg" in state
