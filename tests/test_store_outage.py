"""No answer lost when the store falters: a stopped, a hung and a full store (issue 23, item 5).

A participant keeps answering while the store is away; every answer given meanwhile must land
once it is back, the page (the event loop the kit saves from) must never stall, and the
exercise must say one honest thing ("not saved yet, trying again") that goes away when the
answers land. The PostgreSQL tests start a server of their own (``tests/postgres.py``) and are
marked ``integration``; the full-disk ones simulate SQLite's error and run everywhere.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time

import pytest

from exercises.room import outbox as outbox_module
from exercises.room import participant
from exercises.room.store import CALL_TIMEOUT, Store, open_store
from postgres import postgres_server  # noqa: F401 (a fixture)
from room_fixtures import saving, without_pictures

# A real PostgreSQL per test, stopped, hung and restarted: about 70 s in all, so make test runs them, not make unit.
pytestmark = pytest.mark.integration

KEY = "delegation/bottleneck"


def _text(answer) -> str:
    return json.dumps(answer, sort_keys=True, ensure_ascii=False)


def stored_texts(where, who: str = "Ada") -> list[str]:
    with open_store(where) as store:
        return [_text(a.answer) for a in store.answers(who, KEY)]


def missing(given: list[str], stored: list[str]) -> list[str]:
    """The answers given that are not in the store in the order given (each must be there)."""
    rest = iter(stored)
    return [g for g in given if not any(s == g for s in rest)]


async def play(seconds: float, events: dict, pause: float = 0.3) -> dict:
    """Answer the delegation bottleneck for ``seconds`` as a participant would, on this event loop,
    running ``events`` ({second: blocking callable}) off the loop at their time; returns what
    was given, the longest stall of the loop, and the notes the exercise showed."""
    from exercises.delegation import widget

    face = widget.bottleneck.live_face(mode="static")
    decisions, delegated = face.inputs["decisions"], face.inputs["delegated"]
    given, notes, stalls, running = [], [], [0.0], True

    async def heartbeat():
        last = time.perf_counter()
        while running:
            await asyncio.sleep(0.02)
            now = time.perf_counter()
            stalls.append(now - last - 0.02)
            last = now

    beat = asyncio.create_task(heartbeat())
    start, k, due = time.monotonic(), 0, sorted(events.items())
    while time.monotonic() - start < seconds:
        while due and time.monotonic() - start >= due[0][0]:
            await asyncio.to_thread(due.pop(0)[1])  # the harness's own work, never on the page's loop
        decisions.value = 1 + (k // 21) % 60
        delegated.value = 5 * (k % 21)
        await asyncio.sleep(pause)  # the learner pauses: the kit saves
        given.append(_text(face.answer()))
        notes.append(face.notice.value)
        k += 1
    for _, event in due:
        await asyncio.to_thread(event)
    running = False
    await beat
    return {"face": face, "given": given, "notes": notes, "stall": max(stalls)}


async def until(check, seconds: float) -> float:
    """Wait (off the loop) until ``check()`` is true; how long it took, or fail after ``seconds``."""
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        if await asyncio.to_thread(check):
            return time.monotonic() - began
        await asyncio.sleep(0.25)
    raise AssertionError(f"not within {seconds:.0f} s")


@pytest.fixture
def answering(monkeypatch, tmp_path):
    """Saving attached as in a kernel, the learner's pause short, pictures spared; yields a setter of the store."""
    without_pictures(monkeypatch)
    monkeypatch.setattr(participant, "SAVE_DELAY", 0.05)

    def use(where) -> None:
        monkeypatch.setenv(participant.STORE_ENV, str(where))
        monkeypatch.setenv(outbox_module.OUTBOX_ENV, str(tmp_path / "outbox"))
        participant.set_participant("Ada")

    with saving(monkeypatch):
        yield use


# --------------------------------------------------------------------------- PostgreSQL stopped, then started

@pytest.mark.integration  # a PostgreSQL server of its own, stopped for 10 s: about 40 s
def test_postgresql_stopped_for_10_s_loses_nothing_and_never_stalls_the_page(answering, postgres_server):
    """Defect: with PostgreSQL stopped, saves failed with two contradictory notes, nothing was
    retried, and after a restart the first save failed on the stale connection."""
    answering(postgres_server.url)

    restarted = []

    def start() -> None:
        postgres_server.start()
        restarted.append(time.monotonic())

    async def scenario():
        played = await play(16, {2: postgres_server.stop, 12: start})
        await until(lambda: not missing(played["given"], stored_texts(postgres_server.url)), 30)
        landed = time.monotonic()
        await asyncio.sleep(0.2)  # the landing is heard on the loop
        return played, landed - restarted[0]

    played, took = asyncio.run(scenario())  # took: at most this long after the restart, every answer was in
    print(f"\n{len(played['given'])} answers given, PostgreSQL stopped 10 s; all in the store {took:.1f} s "
          f"after the restart; longest stall of the page {played['stall'] * 1000:.0f} ms")
    assert played["stall"] < 1.0, f"the page stalled {played['stall']:.2f} s"
    assert len(played["given"]) > 30 and took < 30
    waiting_notes = [n for n in played["notes"] if "Not saved yet, trying again" in n]
    assert waiting_notes, "the participant was never told the answers wait"
    assert not any("next change" in n or "not kept" in n for n in played["notes"])  # one honest note only
    assert all(n.count("<p") <= 1 for n in played["notes"])
    assert "Not saved yet" not in played["face"].notice.value  # it went away when they landed
    assert participant.waiting() == []


@pytest.mark.integration
def test_a_stale_connection_is_replaced_after_a_restart(postgres_server):
    with open_store(postgres_server.url) as store:
        store.save("Ada", KEY, {"before": 1})
        postgres_server.stop()
        postgres_server.start()
        saved = store.save("Ada", KEY, {"after": 1})  # the pool checks the connection and opens a new one
        assert saved.answer == {"after": 1}
        assert [a.answer for a in store.answers("Ada")] == [{"before": 1}, {"after": 1}]


# --------------------------------------------------------------------------- PostgreSQL hung (SIGSTOP)

@pytest.mark.integration
def test_a_hung_postgresql_never_blocks_a_save_over_1_s(answering, postgres_server):
    answering(postgres_server.url)
    assert participant.save(KEY, {"k": 0}, wait=10) is True  # connected, warm
    postgres_server.hang()
    try:
        for k in range(1, 4):
            began = time.perf_counter()
            assert participant.save(KEY, {"k": k}) is False
            assert time.perf_counter() - began < 1.0
            assert participant.last_problem().startswith("Not saved yet, trying again")

        async def on_the_loop():  # the kit's path in a kernel: the loop never waits for the store
            played = await play(3, {})
            return played

        played = asyncio.run(on_the_loop())
        assert played["stall"] < 1.0, f"the page stalled {played['stall']:.2f} s"
    finally:
        postgres_server.wake()
    assert participant.outbox().wait(30)
    texts = stored_texts(postgres_server.url)
    assert not missing([_text({"k": k}) for k in range(4)] + played["given"], texts)


@pytest.mark.integration
def test_a_call_to_a_hung_postgresql_is_cut_after_its_deadline(postgres_server):
    with open_store(postgres_server.url) as store:
        store.save("Ada", KEY, {"k": 1})
        postgres_server.hang()
        try:
            began = time.monotonic()
            with pytest.raises(Exception):
                store.count()
            assert time.monotonic() - began < 2 * CALL_TIMEOUT + 2
        finally:
            postgres_server.wake()
        assert store.count() == 1  # and the store works again once the server does


@pytest.mark.integration
def test_a_participant_role_that_may_only_insert_and_read_needs_no_ddl(postgres_server):
    """The room's participants connect as roles that may insert and read only (roomsec): the store
    must open and save without creating anything."""
    import psycopg

    with open_store(postgres_server.url):  # the facilitator's role makes the table and its indexes
        pass
    with psycopg.connect(postgres_server.url, autocommit=True) as admin:
        admin.execute("CREATE ROLE limited LOGIN")
        admin.execute("GRANT SELECT, INSERT ON answers TO limited")
        admin.execute("GRANT USAGE ON SEQUENCE answers_id_seq TO limited")
        admin.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        indexes = {r[0] for r in admin.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'answers'")}
    assert {"answers_exercise", "answers_participant"} <= indexes
    limited = postgres_server.url.replace("postgres@", "limited@", 1)
    with open_store(limited) as store:
        assert store.save("Ada", KEY, {"k": 1}).answer == {"k": 1}
        assert store.answers("Ada")[-1].answer == {"k": 1}


# --------------------------------------------------------------------------- SQLite: the disk is full

class FullDisk:
    """Make every store's save fail as SQLite does on a full disk, until :meth:`clear`."""

    def __init__(self, monkeypatch):
        self.full = True
        self.refused = 0
        real = Store.save_encoded

        def save_encoded(store, *args, **kwargs):
            if self.full:
                self.refused += 1
                raise sqlite3.OperationalError("database or disk is full")
            return real(store, *args, **kwargs)

        monkeypatch.setattr(Store, "save_encoded", save_encoded)

    def clear(self) -> None:
        self.full = False


def test_a_full_disk_loses_nothing_and_the_note_clears(answering, monkeypatch, tmp_path):
    """Defect: with SQLite's disk full, every answer given meanwhile was lost."""
    where = tmp_path / "store"
    answering(where)
    assert participant.save(KEY, {"k": "before"}) is True
    disk = FullDisk(monkeypatch)

    async def scenario():
        played = await play(4, {3: disk.clear})
        took = await until(lambda: not missing(played["given"], stored_texts(where)), 30)
        await asyncio.sleep(0.2)
        return played, took

    played, took = asyncio.run(scenario())
    assert disk.refused > 0 and played["stall"] < 1.0
    assert not missing(played["given"], stored_texts(where))
    assert any("Not saved yet, trying again" in n and "OperationalError" in n for n in played["notes"])
    assert "Not saved yet" not in played["face"].notice.value
    log = (where / outbox_module.LOG_NAME).read_text(encoding="utf-8")
    assert "could not save (OperationalError: database or disk is full)" in log  # for the facilitator
    assert "saved after" in log
    from exercises.room.dashboard import board, save_problems_html

    with open_store(where) as store:
        said = save_problems_html(store)
        assert "1 save had to wait for the store" in said and "disk is full" in said
        assert "1 save had to wait" in board(store).status.value  # the facilitator's dashboard shows it
    with open_store(tmp_path / "calm") as calm:
        assert save_problems_html(calm) == ""


def test_answers_waiting_on_disk_survive_the_kernel(answering, monkeypatch, tmp_path):
    """An answer that could not be saved is in the outbox file; a new kernel of the same person
    saves what a dead one left."""
    where = tmp_path / "store"
    answering(where)
    disk = FullDisk(monkeypatch)
    for k in range(5):
        assert participant.save(KEY, {"k": k}) is False
    box = participant.outbox()
    files = list((tmp_path / "outbox").glob("outbox-*.jsonl"))
    assert len(files) == 1 and files[0].read_text(encoding="utf-8").count('"add"') == 5
    box.stop()  # the kernel dies: its file stays, unlocked
    disk.clear()
    monkeypatch.setattr(participant, "_box", {"outbox": None})  # a new kernel
    participant.detach()
    participant.attach()  # as exercises.book.setup() does: adopts what was left
    deadline = time.monotonic() + 20
    while len(stored_texts(where)) < 5 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert stored_texts(where) == [_text({"k": k}) for k in range(5)]  # all, once, in order
    assert not files[0].exists()


def test_an_answer_is_on_disk_before_the_worker_saves_it_so_a_killed_kernel_loses_nothing(
        answering, monkeypatch, tmp_path):
    """Regression: a kernel restarted right after its last answers lost them (the plan's restart test):
    the outbox wrote an answer to disk only once its store had failed. Now it is written ahead,
    before it is queued; a new kernel takes it over and a reader of the store finds it."""
    where = tmp_path / "store"
    answering(where)
    monkeypatch.setattr(outbox_module.Outbox, "_start", lambda self: None)  # the worker never runs: killed first
    for k in range(3):
        participant.save(KEY, {"k": k})
    files = list((tmp_path / "outbox").glob("outbox-*.jsonl"))
    assert len(files) == 1 and files[0].read_text(encoding="utf-8").count('"add"') == 3
    assert stored_texts(where) == []
    for handle in list(participant.outbox()._files.values()):  # the kernel dies: its file stays, unlocked
        handle.close()
    monkeypatch.undo()
    answering(where)
    monkeypatch.setattr(participant, "_box", {"outbox": None})  # a new kernel
    participant.detach()
    participant.attach()  # as exercises.book.setup() does: takes over what was left
    participant.store()  # a reader waits (briefly) for what a killed kernel left
    assert stored_texts(where) == [_text({"k": k}) for k in range(3)]
    assert not files[0].exists()


def test_an_outbox_that_cannot_be_written_still_keeps_the_answer_in_the_kernel(answering, monkeypatch, tmp_path):
    where = tmp_path / "store"
    answering(where)
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    monkeypatch.setenv(outbox_module.OUTBOX_ENV, str(blocker / "outbox"))
    disk = FullDisk(monkeypatch)
    assert participant.save(KEY, {"k": 1}) is False
    disk.clear()
    assert participant.outbox().wait(15)
    assert stored_texts(where) == [_text({"k": 1})]


def test_download_my_answers_never_freezes_the_page_on_a_slow_store(answering, monkeypatch, tmp_path):
    """In a kernel the "Download my answers" button reads the store in a thread: a store that takes
    3 s (or hangs) leaves the page answering, and the link appears when the answers are read."""
    where = tmp_path / "store"
    answering(where)
    assert participant.save(KEY, {"k": 1}) is True
    real = Store.export_csv

    def slow(store, *args, **kwargs):
        time.sleep(3)
        return real(store, *args, **kwargs)

    monkeypatch.setattr(Store, "export_csv", slow)

    async def click():
        box = participant.name_box()
        began = time.perf_counter()
        box.download.click()
        clicked = time.perf_counter() - began
        said = box.link.value
        try:
            await until(lambda: "Download my answers" in box.link.value, 20)
        except AssertionError as err:
            raise AssertionError(f"{err}; the link says {box.link.value!r}") from None
        return clicked, said, box.link.value

    clicked, said, link = asyncio.run(click())
    assert clicked < 0.5 and "Reading your answers" in said
    assert 'download="my-answers.csv"' in link and "1 saved answer" in link


def test_forgetting_the_journal_forgets_the_answers_waiting_for_it(monkeypatch, tmp_path):
    """The learner's "forget" leaves nothing behind: not the answers that waited on disk for a full journal."""
    from exercises.room import journal

    without_pictures(monkeypatch)
    with saving(monkeypatch):
        monkeypatch.setenv(journal.JOURNAL_ENV, str(tmp_path / "journal"))
        monkeypatch.delenv(outbox_module.OUTBOX_ENV, raising=False)  # the default: the journal's own folder
        journal.start()
        try:
            disk = FullDisk(monkeypatch)
            assert participant.save(KEY, {"k": 1}) is False
            files = list((tmp_path / "journal" / "outbox").glob("outbox-*.jsonl"))
            assert len(files) == 1 and '"add"' in files[0].read_text(encoding="utf-8")
            assert files[0] in journal.forget()
            assert participant.waiting() == []
            disk.clear()
            time.sleep(outbox_module.RETRY_SECONDS[-1] + 0.5)  # a retry would have landed by now
            journal_store = tmp_path / "journal" / "answers.sqlite"
            assert not journal_store.exists() or stored_texts(tmp_path / "journal", "me") == []
        finally:
            journal.stop()


def test_every_postgresql_call_has_short_deadlines_unless_the_url_sets_its_own():
    from exercises.room.store import CONNECT_TIMEOUT, STATEMENT_TIMEOUT, _pg_options

    options = _pg_options("postgresql://ada@127.0.0.1:5432/room")
    assert options["connect_timeout"] == CONNECT_TIMEOUT and options["keepalives"] == 1
    assert options["keepalives_idle"] and options["keepalives_count"] and options["tcp_user_timeout"]
    assert options["options"] == f"-c statement_timeout={1000 * STATEMENT_TIMEOUT}"
    own = _pg_options("postgresql://ada@127.0.0.1:5432/room?connect_timeout=9&options=-c%20statement_timeout%3D100")
    assert "connect_timeout" not in own and "options" not in own  # the facilitator's own settings win
