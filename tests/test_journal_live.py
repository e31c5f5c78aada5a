"""The learner's journal: outside a workshop, live answers and input values kept, and restored.

In-process, with a journal in a temporary folder (``LEADING_PRODUCTS_JOURNAL``): the book's
``setup()`` starts it in the live context only; a changed input is kept and an exercise built
again starts from it (before its first refresh); a kept value no longer valid is skipped;
the static context and ``LEADING_PRODUCTS_JOURNAL=off`` keep nothing; workshop mode wins. The
last test kills a real kernel keeping a journal (marked ``integration``; it reuses the workshop
kernel test's helpers).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises import book
from exercises.kit import display, live
from exercises.room import journal, participant
from exercises.room.store import FILE_NAME, open_store
from room_fixtures import journal_place, reset

KEY = "delegation/bottleneck"


def bottleneck():
    from exercises.delegation import widget

    return widget.bottleneck


@pytest.fixture
def place(monkeypatch, tmp_path):
    """No workshop, no participant, the journal's folder in a temporary folder (not started)."""
    with journal_place(monkeypatch, tmp_path / "journal") as folder:
        yield folder


def live_context(monkeypatch) -> None:
    monkeypatch.setenv(display.RENDER_ENV, "live")


@pytest.fixture
def kept(place, monkeypatch):
    """The journal started as a live notebook starts it (``exercises.book.setup()``); returns its folder."""
    live_context(monkeypatch)
    book.setup()
    assert journal.started()
    return place


def rows(folder: Path, exercise: str | None = None):
    with open_store(folder) as store:
        return [(a.participant, a.exercise, a.answer) for a in store.answers(exercise=exercise)]


def restart(monkeypatch) -> None:
    """What a kernel restart leaves: no open store, no name, nothing listening; then setup() again."""
    journal.stop()
    reset(monkeypatch)
    book.setup()


# --------------------------------------------------------------------------- kept, then restored


def test_a_rebuilt_exercise_starts_from_the_kept_value(kept, monkeypatch):
    face = bottleneck().live_face(mode="static")
    face.inputs["decisions"].value = 37
    face.inputs["delegated"].value = 65
    assert face.notice.value == ""  # kept quietly
    assert rows(kept, KEY)[-1] == ("me", KEY, face.answer())  # the answer's shape is unchanged

    seen = []
    compute = type(face).compute
    monkeypatch.setattr(type(face), "compute", lambda self: (seen.append(self.values()), compute(self))[1])
    again = bottleneck().live_face(mode="static")
    assert again.values() == {"decisions": 37, "capacity": 15, "delegated": 65}
    assert seen[0] == again.values()  # restored before the first chart and the first refresh
    assert again.answer() == face.answer()


def test_answers_survive_a_restart_and_carry_from_chapter_to_chapter(kept, monkeypatch):
    from exercises.purpose import widget as purpose

    bottleneck().live_face(mode="static").inputs["capacity"].value = 25
    message = purpose.message.live_face(mode="static")
    message.why.value = "We believe <b>clinics</b> deserve time 🙂"
    restart(monkeypatch)
    assert journal.started() and participant.participant() == participant.JOURNAL_PARTICIPANT
    assert bottleneck().live_face(mode="static").values()["capacity"] == 25
    again = purpose.message.live_face(mode="static")
    assert again.why.value == "We believe <b>clinics</b> deserve time 🙂" and again.how.value == ""
    assert {e for _, e, _ in rows(kept)} >= {KEY, "purpose/message", "purpose/message/why"}


def test_only_the_inputs_that_changed_are_written(kept):
    face = bottleneck().live_face(mode="static")
    face.inputs["delegated"].value = 70
    first = [e for _, e, _ in rows(kept)]
    assert sorted(first) == sorted([f"{KEY}/decisions", f"{KEY}/capacity", f"{KEY}/delegated", KEY])
    face.inputs["delegated"].value = 75
    assert [e for _, e, _ in rows(kept)][len(first):] == [f"{KEY}/delegated", KEY]  # inputs before the answer
    face.inputs["delegated"].value = 75  # no change, nothing written
    assert len(rows(kept)) == len(first) + 2


def test_a_name_set_keeps_and_restores_under_that_name(kept):
    participant.set_participant("Ada")
    bottleneck().live_face(mode="static").inputs["decisions"].value = 12
    assert {who for who, _, _ in rows(kept)} == {"Ada"}
    assert bottleneck().live_face(mode="static").values()["decisions"] == 12
    participant._state["participant"] = ""  # back to "me", who kept nothing
    assert bottleneck().live_face(mode="static").values()["decisions"] == 20


# --------------------------------------------------------------------------- what is not restored


def keep_directly(folder: Path, values: dict) -> None:
    with open_store(folder) as store:
        for key, value in values.items():
            store.save("me", key, value)


def test_a_kept_value_no_longer_valid_is_skipped(kept):
    from exercises.sequencing import widget as sequencing

    keep_directly(kept, {f"{KEY}/decisions": 10_000, f"{KEY}/delegated": "half", f"{KEY}/capacity": 25,
                         f"{KEY}/retired": 3, "sequencing/order/start_from": "a strategy since removed",
                         "sequencing/order/horizon": 26})
    face = bottleneck().live_face(mode="static")
    assert face.values() == {"decisions": 20, "capacity": 25, "delegated": 50}
    assert face.problems.value == "" and face.notice.value == ""
    order = sequencing.order.live_face(mode="static")
    assert order.values()["horizon"] == 26 and order.values()["start_from"] == sequencing.model.START.default


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False), st.none(),
                       st.booleans(), st.text(max_size=5), st.lists(st.integers(), max_size=2)))
def test_any_kept_value_is_applied_as_its_declaration_keeps_it_or_skipped(kept, value):
    from exercises.delegation import model

    journal.forget(kept)
    keep_directly(kept, {f"{KEY}/decisions": value})
    try:
        expected = model.DECISIONS.check(value)
    except ValueError:
        expected = model.DECISIONS.default
    assert bottleneck().live_face(mode="static").values()["decisions"] == expected


def test_a_face_built_directly_is_never_restored_and_a_failing_restorer_changes_nothing(place):
    from exercises.delegation.widget import BottleneckExercise

    calls = []
    stop = live.restore_with(lambda face, key: calls.append(key) or {"decisions": 9})
    try:
        assert BottleneckExercise(mode="static").values()["decisions"] == 20 and calls == []
        assert bottleneck().live_face(mode="static").values()["decisions"] == 9 and calls == [KEY]
        live.restore_with(lambda face, key: 1 / 0)
        assert bottleneck().live_face(mode="static").values()["decisions"] == 20
    finally:
        stop()
        live.restore_with(None)


# --------------------------------------------------------------------------- nothing kept


def test_the_static_context_keeps_nothing_and_shows_nothing(place, monkeypatch):
    monkeypatch.setenv(display.RENDER_ENV, "static")
    book.setup()
    assert not journal.started() and not participant.keeping() and participant.participant() == ""
    face = bottleneck().live_face(mode="static")
    face.inputs["decisions"].value = 37
    assert face.notice.value == "" and participant.kept(face) is None
    assert not place.exists()
    assert bottleneck().live_face(mode="static").values()["decisions"] == 20


@pytest.mark.parametrize("off", ["off", "OFF", " off "])
def test_journal_off_keeps_nothing(place, monkeypatch, off, capsys):
    monkeypatch.setenv(journal.JOURNAL_ENV, off)
    live_context(monkeypatch)
    book.setup()
    assert journal.folder() is None and not journal.started() and not participant.keeping()
    face = bottleneck().live_face(mode="static")
    face.inputs["decisions"].value = 37
    assert face.notice.value == "" and not place.exists()
    assert journal.main(["where"]) == 0 and "off" in capsys.readouterr().out


def test_turning_the_journal_off_in_a_running_kernel_keeps_nothing_more(kept, monkeypatch):
    bottleneck().live_face(mode="static").inputs["decisions"].value = 30
    monkeypatch.setenv(journal.JOURNAL_ENV, "off")
    book.setup()
    count = len(rows(kept))
    face = bottleneck().live_face(mode="static")
    assert face.values()["decisions"] == 20  # nothing restored either
    face.inputs["decisions"].value = 31
    assert len(rows(kept)) == count


def test_workshop_mode_wins_over_the_journal(place, monkeypatch, tmp_path):
    room = tmp_path / "room"
    monkeypatch.setenv(participant.STORE_ENV, str(room))
    live_context(monkeypatch)
    book.setup()
    assert not journal.started() and participant.journal() is None and participant.participant() == ""
    participant.set_participant("Ada")
    face = bottleneck().live_face(mode="static")
    face.inputs["decisions"].value = 37
    assert [(w, e) for w, e, _ in rows(room)] == [("Ada", KEY)]  # the workshop's store keeps answers only
    assert not place.exists()


def test_the_workshop_server_keeps_no_journal_even_when_it_saves_nothing(monkeypatch, tmp_path):
    """Regression: with ``make workshop STORE=`` the room's kernels (live, no store) would all have
    kept, and restored, one shared journal as "me"."""
    spec = importlib.util.spec_from_file_location("lp_serve_journal", Path(book.__file__).parents[1] / "tools" / "room"
                                                  / "serve.py")
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    monkeypatch.setenv(journal.JOURNAL_ENV, str(tmp_path / "mine"))
    for store in ("", "/s"):
        _, env, _ = serve.command(tmp_path / "apps", tmp_path / "share", store=store)
        assert env[journal.JOURNAL_ENV] == "off"


# --------------------------------------------------------------------------- where it lives, forgetting it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME is the Linux convention")
def test_the_default_folder_is_the_user_data_folder_honouring_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv(journal.JOURNAL_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert journal.folder() == tmp_path / "data" / "leading-products" / "journal"
    monkeypatch.setenv(journal.JOURNAL_ENV, "~/elsewhere")
    assert journal.folder() == Path.home() / "elsewhere"


def test_forget_deletes_the_journal_and_nothing_else(kept, capsys):
    bottleneck().live_face(mode="static").inputs["decisions"].value = 37
    (kept / "notes.txt").write_text("mine")
    assert journal.main(["where"]) == 0 and str(kept) in capsys.readouterr().out
    assert journal.main(["forget"]) == 0 and "Forgot" in capsys.readouterr().out
    assert sorted(p.name for p in kept.iterdir()) == ["notes.txt"]
    assert bottleneck().live_face(mode="static").values()["decisions"] == 20
    face = bottleneck().live_face(mode="static")
    face.inputs["decisions"].value = 38  # keeps again after forgetting
    assert rows(kept, KEY)[-1][2]["decisions"] == 38
    assert journal.main(["forget"]) == 0 and journal.main(["forget"]) == 0
    assert "Nothing to forget" in capsys.readouterr().out.splitlines()[-1]


def test_an_unusable_journal_is_a_sentence_never_a_traceback(place, monkeypatch, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(journal.JOURNAL_ENV, str(blocked / "journal"))
    live_context(monkeypatch)
    book.setup()
    face = bottleneck().live_face(mode="static")
    face.inputs["decisions"].value = 37
    assert "journal" in face.notice.value and "Traceback" not in face.notice.value
    assert face.problems.value == "" and face.values()["decisions"] == 37  # the exercise goes on


def test_a_text_too_long_to_keep_is_a_sentence_and_the_answer_is_still_kept(kept):
    from exercises.purpose import widget as purpose

    face = purpose.message.live_face(mode="static")
    face.why.value = "x" * 200_000  # the exercise reads its first 2,000 characters; the store refuses the rest
    assert "too long" in face.notice.value
    assert rows(kept, "purpose/message")[-1][2]["why"] == "x" * 2000
    assert rows(kept, "purpose/message/why") == []


# --------------------------------------------------------------------------- a killed kernel


@pytest.mark.integration  # a real kernel, killed: about 10 s; runs in make test, not in make unit
def test_a_killed_kernel_keeping_a_journal_loses_no_acknowledged_answer(place, monkeypatch):
    pytest.importorskip("jupyter_client")
    from test_workshop_kernel import acknowledged_until_killed, lost

    acknowledged = acknowledged_until_killed(
        {journal.JOURNAL_ENV: str(place), participant.STORE_ENV: "", display.RENDER_ENV: "live"},
        "from exercises.book import setup\nsetup()  # the live context: the journal")
    with open_store(place) as store:  # opens cleanly: SQLite recovers its write-ahead log
        assert store.check()
        saved = [(a.answer["decisions"], a.answer["delegated"]) for a in store.answers("me", KEY)]
    assert not lost(acknowledged, saved), f"acknowledged but lost: {lost(acknowledged, saved)[:5]}"

    # The kernel started again: the exercise starts no older than the last acknowledged answer.
    played = [(1 + (k // 21) % 60, 5 * (k % 21)) for k in range(60 * 21)]
    last = played.index(acknowledged[-1])
    live_context(monkeypatch)
    book.setup()
    values = bottleneck().live_face(mode="static").values()
    restored = (values["decisions"], values["delegated"])
    # A state played since, whole or (killed between two inputs' saves) its decisions with the delegated before.
    assert any(restored in {played[j], (played[j + 1][0], played[j][1])} for j in range(last, len(played) - 1)), (
        f"restored {restored}, older than the last acknowledged {acknowledged[-1]}")
    assert values["capacity"] == 15
