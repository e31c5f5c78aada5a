"""Every live exercise of every chapter has an answer for workshop mode, saved under its key.

The test walks ``exercises.CHAPTERS`` and each chapter's ``EXERCISES``, so a new chapter is
covered as soon as it is listed; an exercise whose :meth:`~exercises.kit.live.LiveExercise.answer`
stays None however the learner plays fails here with what to add.
"""

from __future__ import annotations

import importlib
import json
import random

import pytest

import exercises
from exercises.room import participant
from exercises.room.store import open_store
from room_fixtures import fresh, room  # noqa: F401 (fixtures)

ALL = [(topic, exercise) for topic in exercises.CHAPTERS
       for exercise in importlib.import_module(f"exercises.{topic}.widget").EXERCISES]


@pytest.mark.parametrize("topic, exercise", ALL, ids=[f"{t}/{e.name}" for t, e in ALL])
def test_answer_is_plain_json_and_saved_under_its_key(room, topic, exercise):
    participant.set_participant("Ada")
    assert exercise.key == f"{topic}/{exercise.name}"
    face = exercise.live_face(mode="static")
    actions, rng = face.actions(), random.Random(exercise.key)
    answer, played = None, 0
    while played < 4 or (answer is None and played < 60):  # a few actions, then until there is an answer
        rng.choice(actions).act(rng)
        played += 1
        answer = face.answer()
    assert answer is not None, (f"{exercise.key}: answer() stays None after {played} actions: add an answer() "
                                "method to its LiveExercise (plain JSON data a facilitator shows the room)")
    text = json.dumps(answer, allow_nan=False)  # plain JSON: no NaN, no numpy, no DataFrame
    assert json.loads(text) == answer
    assert len(text) < 50_000, f"{exercise.key}: keep the answer small ({len(text):,} characters)"
    assert "Something went wrong" not in face.problems.value and "could not be saved" not in face.notice.value
    with open_store(room) as store:
        latest = store.latest(exercise.key)
    assert [(a.participant, a.answer) for a in latest] == [("Ada", answer)]
