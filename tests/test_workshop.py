"""Workshop mode in a kernel: the participant, the store from the environment, saving from the kit."""

from __future__ import annotations

import html
import urllib.parse
from pathlib import Path

import pytest

from exercises.room import participant
from exercises.room.store import FILE_NAME, AnswerError, open_store
from exercises.kit.live import Exercise, LabelExercise, LiveExercise
from exercises.kit.quiz import Label, Quiz
from room_fixtures import fresh, room  # noqa: F401 (fixtures)


def question() -> Label:
    return Label("Sort these.", ["a why", "a what"], ["why", "what"], ["why", "what"])


def label_exercise() -> Exercise:
    return Exercise("probe", lambda mode=None: LabelExercise(question(), mode=mode), lambda: Quiz("p", "P", [question()]),
                    topic="testing")


def stored(folder: Path):
    with open_store(folder) as store:
        return [(a.participant, a.exercise, a.answer) for a in store.answers()]


# --------------------------------------------------------------------------- off by default

def test_without_a_store_nothing_is_saved_or_shown(fresh, tmp_path):
    assert not participant.enabled() and participant.store() is None
    participant.set_participant("Ada")
    assert participant.save("sequencing/order", {"v": 1}) is False and participant.last_problem() == ""
    face = label_exercise().live_face(mode="static")
    face.menus[0].value = "why"
    assert face.notice.value == "" and participant.kept(face) is None
    box = participant.name_box()
    assert box.children == () and box.layout.display == "none"
    assert not list(tmp_path.iterdir())


def test_every_exercise_knows_its_key():
    from exercises.sequencing import widget

    assert widget.order.topic == "sequencing" and widget.order.key == "sequencing/order"
    assert Exercise("x", lambda: None, lambda: None).key is None  # defined outside a chapter: nothing saved


# --------------------------------------------------------------------------- the participant

def test_participant_from_the_environment_then_set(fresh, monkeypatch):
    assert participant.participant() == ""
    monkeypatch.setenv(participant.PARTICIPANT_ENV, "  hub-user\x1b ")
    assert participant.participant() == "hub-user"
    assert participant.set_participant("  Ada   Lovelace ") == "Ada Lovelace"
    assert participant.participant() == "Ada Lovelace"


@pytest.mark.parametrize("name, match", [("   ", "box is empty"), ("x" * 1_000_000, "at most 80 characters"),
                                         (None, "as text"), (12, "as text")])
def test_bad_names_are_refused_with_a_sentence(fresh, name, match):
    participant.set_participant("Ada")
    with pytest.raises(AnswerError, match=match):
        participant.set_participant(name)
    assert participant.participant() == "Ada"  # the last good name stays


@pytest.mark.parametrize("name", ["../../etc/passwd", "'; DROP TABLE answers; --", "bad \ud800 surrogate",
                                  "<img src=x onerror=alert(1)>", "/etc/shadow\x00"])
def test_hostile_names_are_stored_as_data_inside_the_folder(room, tmp_path, name):
    who = participant.set_participant(name)
    assert participant.save("testing/probe", {"name": name}) is True
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith(FILE_NAME)) == []
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {room}
    assert stored(room)[0][0] == who
    assert "\x00" not in who and "\ud800" not in who


# --------------------------------------------------------------------------- saving

def test_save_needs_a_participant_and_says_so(room):
    assert participant.save("testing/probe", {"v": 1}) is False
    assert "display name" in participant.last_problem()
    participant.set_participant("Ada")
    assert participant.save("testing/probe", {"v": 1}) is True and participant.last_problem() == ""
    assert participant.save("testing/probe", None) is False and participant.last_problem() == ""
    assert stored(room) == [("Ada", "testing/probe", {"v": 1})]
    assert participant.store() is participant.store()  # one per process


def test_an_answer_that_cannot_be_stored_is_a_sentence(room):
    participant.set_participant("Ada")
    assert participant.save("testing/probe", "y" * 1_000_000) is False
    assert "too long to save" in participant.last_problem()
    assert participant.save("testing/probe", {"v": float("nan")}) is False


def test_an_unreachable_store_is_one_honest_note_and_the_answer_lands_when_it_can(fresh, monkeypatch, tmp_path):
    """Defect: a store that could not be reached said "saved with your next change", then "not kept",
    and the answer was dropped. Now one note, "not saved yet, trying again", and the answer lands."""
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    where = blocker / "store"
    monkeypatch.setenv(participant.STORE_ENV, str(where))  # cannot be created while the file is there
    monkeypatch.setenv("LEADING_PRODUCTS_OUTBOX", str(tmp_path / "outbox"))
    participant.set_participant("Ada")
    assert participant.save("testing/probe", {"v": 1}) is False
    said = participant.last_problem()
    assert said.startswith("Not saved yet, trying again") and "NotADirectoryError" in said
    assert "next change" not in said and "not kept" not in said
    assert [i.exercise for i in participant.waiting()] == ["testing/probe"]
    blocker.unlink()  # the folder can be made now: the waiting answer lands by itself
    assert participant.outbox().wait(15)
    assert stored(where) == [("Ada", "testing/probe", {"v": 1})] and participant.waiting() == []
    monkeypatch.setenv(participant.STORE_ENV, "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert participant.save("testing/probe", {"v": 2}) is False
    assert participant.last_problem().startswith("Not saved yet, trying again")
    monkeypatch.setenv(participant.STORE_ENV, str(tmp_path / "good"))  # another store is not held up by it
    assert participant.save("testing/probe", {"v": 3}, wait=10) is True


def test_the_kit_saves_after_each_change_only_when_the_answer_changed(room):
    participant.set_participant("Ada")
    face = label_exercise().live_face(mode="static")
    assert stored(room) == []  # opening an exercise saves nothing
    face.menus[0].value = "why"
    face.reveal.value = True  # the answer is the same: not saved again
    face.menus[1].value = "why"
    rows = stored(room)
    assert [r[1] for r in rows] == ["testing/probe"] * 2
    assert rows[-1][2] == {"labels": {"a why": "why", "a what": "why"}, "marks": {"a why": True, "a what": False},
                           "labelled": 2, "right": 1, "items": 2}
    participant.set_participant("Grace")  # a new name: the same answer is saved under it
    face.reveal.value = False
    assert stored(room)[-1][0] == "Grace"


def test_in_a_kernel_the_save_waits_for_the_learner_to_pause(room):
    import asyncio
    import time

    participant.set_participant("Ada")

    async def play():
        face = label_exercise().live_face(mode="static")
        start = time.perf_counter()
        for label in ["why", "what", "why", "what", "why"]:  # a burst of changes, as a drag makes
            face.menus[0].value = label
        assert stored(room) == [] and participant.kept(face) is None  # not yet: the learner has not paused
        await asyncio.sleep(participant.SAVE_DELAY + 0.3)
        assert time.perf_counter() - start > participant.SAVE_DELAY
        return face

    face = asyncio.run(play())
    rows = stored(room)
    assert len(rows) == 1 and rows[0][2]["labels"]["a why"] == "why"  # one save, of the last answer
    assert participant.flush(face) is True and len(stored(room)) == 1  # unchanged: not saved again


def test_a_failed_save_is_a_sentence_in_the_notice_never_a_traceback(room, monkeypatch):
    face = label_exercise().live_face(mode="static")
    face.menus[0].value = "why"
    assert "display name" in face.notice.value  # no name yet
    participant.set_participant("Ada")

    class Broken:
        def save_encoded(self, *args):
            raise OSError("disk full")

        def close(self):
            pass

    monkeypatch.setitem(participant._state, "store", Broken())
    monkeypatch.setitem(participant._state, "where", str(room))
    monkeypatch.setitem(participant._state, "pid", __import__("os").getpid())
    face.menus[1].value = "what"
    assert "Not saved yet, trying again" in face.notice.value and "OSError" in face.notice.value
    assert face.notice.value.count("<p") == 1  # the sentence replaces the last one, never piles up
    assert "Something went wrong" not in face.problems.value
    assert participant.outbox().wait(10)  # the store opens again from the environment: it lands by itself
    assert face.notice.value == "" and stored(room)[-1][2]["labels"]["a what"] == "what"
    face.menus[1].value = "why"
    assert face.notice.value == "" and stored(room)[-1][2]["labels"]["a what"] == "why"


def test_answers_given_before_a_name_are_saved_once_the_name_is_known(room):
    face = label_exercise().live_face(mode="static")
    untouched = label_exercise().live_face(mode="static")
    face.menus[0].value = "why"
    assert "display name" in face.notice.value and stored(room) == []
    participant.set_participant("Ada")
    assert participant.keep_waiting() == 1  # the exercise changed before the name; not the untouched one
    assert face.notice.value == "" and participant.kept(untouched) is None
    assert stored(room) == [("Ada", "testing/probe", face.answer())]
    assert participant.keep_waiting() == 0


def test_once_detached_nothing_more_is_saved(room):
    participant.set_participant("Ada")
    face = label_exercise().live_face(mode="static")
    face.menus[0].value = "why"
    participant.detach()
    face.menus[0].value = "what"
    assert [r[2]["labels"]["a why"] for r in stored(room)] == ["why"]
    participant.attach()
    participant.attach()  # idempotent: one listener, one save per change
    face.menus[1].value = "what"
    assert [r[2]["labels"] for r in stored(room)] == [{"a why": "why", "a what": ""},
                                                      {"a why": "what", "a what": "what"}]


def test_an_answer_method_that_raises_never_breaks_the_exercise(room):
    participant.set_participant("Ada")

    class Raising(LabelExercise):
        def answer(self):
            raise KeyError("boom")

    face = Raising(question(), mode="static")
    face.key = "testing/raising"
    face.menus[0].value = "why"
    assert "could not be saved" in face.notice.value and "✓" in face.marks[0].value


def test_the_base_exercise_has_no_answer():
    assert LiveExercise.answer(object()) is None


# --------------------------------------------------------------------------- the name box

def test_name_box_sets_the_name_and_refuses_bad_ones(room):
    seen = []
    box = participant.name_box(on_change=seen.append)
    assert "Enter a display name" in box.message.value
    box.field.value = "<b>Ada</b>"
    assert participant.participant() == "<b>Ada</b>" and seen == ["<b>Ada</b>"]
    assert "&lt;b&gt;Ada&lt;/b&gt;" in box.message.value and "<b>Ada" not in box.message.value
    box.field.value = "z" * 1_000_000
    assert "at most 80 characters" in box.message.value and participant.participant() == "<b>Ada</b>"
    assert 'role="alert"' in box.message.value and len(box.message.value) < 500
    box.field.value = "../../etc/passwd"
    assert participant.participant() == "../../etc/passwd"


def test_name_box_shows_the_name_the_server_knows(room, monkeypatch):
    monkeypatch.setenv(participant.PARTICIPANT_ENV, "hub-ada")
    box = participant.name_box()
    assert box.field.value == "hub-ada" and "saved as hub-ada" in box.message.value


def test_download_my_answers_is_a_data_url_of_my_answers_only(room):
    box = participant.name_box()
    box.download.click()
    assert "display name first" in box.link.value
    box.field.value = "Ada"
    box.download.click()
    assert "Nothing saved yet" in box.link.value
    participant.save("testing/probe", {"text": "=1+1, \"quoted\""})
    participant.set_participant("Grace")
    participant.save("testing/probe", {"text": "Grace's"})
    participant.set_participant("Ada")
    box.download.click()
    link = box.link.value
    assert 'download="my-answers.csv"' in link and "1 saved answer" in link
    url = html.unescape(link.split('href="')[1].split('"')[0])
    assert url.startswith("data:text/csv;charset=utf-8,") and "http" not in url
    text = urllib.parse.unquote(url.split(",", 1)[1])
    assert text.startswith("\ufeff")  # a spreadsheet opens it as UTF-8
    assert text[1:].splitlines()[0] == "participant,exercise,answer,saved_at"
    assert "Ada" in text and "Grace" not in text


# --------------------------------------------------------------------------- any name at all

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=120))
def test_any_name_is_stored_as_data_or_refused_with_a_sentence(room, tmp_path, name):
    try:
        who = participant.set_participant(name)
    except AnswerError as err:
        assert str(err).endswith(".") and len(str(err)) < 200
        return
    assert participant.save("testing/any", {"name": name}) is True, participant.last_problem()
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {room}
    with open_store(room) as store:
        assert store.answers(who)[-1].participant == who


from postgres import postgres_url  # noqa: E402,F401 (a fixture)


@pytest.mark.integration  # a PostgreSQL server: make test runs it, make unit does not
def test_the_kit_saves_to_a_postgresql_store(fresh, monkeypatch, postgres_url):
    monkeypatch.setenv(participant.STORE_ENV, postgres_url)
    participant.set_participant("Ada on the hub")
    face = label_exercise().live_face(mode="static")
    face.menus[0].value = "why"
    assert face.notice.value == ""
    assert participant.store().kind == "postgresql"
    assert participant.store().latest("testing/probe")[-1].answer["labels"]["a why"] == "why"
