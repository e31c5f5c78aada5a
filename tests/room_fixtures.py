"""Workshop mode's state for the room's tests, reset in one place.

``fresh``: no store, no participant, nothing listening: each test starts as a kernel does.
``room``: workshop mode on with a store in a temporary folder, saving attached to the kit
(:func:`exercises.room.participant.attach`, detached afterwards); returns the folder.
:func:`reset` does the same for a fixture of wider scope (with its own ``MonkeyPatch``), and
:func:`without_pictures` spares a test that plays many exercises their charts' SVG; :func:`journal_place`
gives a test the learner's journal in a folder of its own (outside a workshop).
Import the fixtures into a test module: ``from room_fixtures import fresh, room  # noqa: F401``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from exercises.room import participant


def without_pictures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Live faces in the static mode draw no SVG: most of the time a played exercise takes, and
    nothing a test of answers reads (their charts are tested in each chapter's widget tests)."""
    from exercises.kit import live

    monkeypatch.setattr(live.LiveChart, "_svg", staticmethod(lambda spec: ""))


def reset(monkeypatch: pytest.MonkeyPatch, folder: Path | str | None = None) -> None:
    """Workshop mode as a new kernel has it: no participant, no open store; on with a store at
    ``folder`` when given, else off (no store, no participant from the environment)."""
    monkeypatch.delenv(participant.PARTICIPANT_ENV, raising=False)
    if folder is None:
        monkeypatch.delenv(participant.STORE_ENV, raising=False)
    else:
        monkeypatch.setenv(participant.STORE_ENV, str(folder))
    monkeypatch.setattr(participant, "_state", {"participant": "", "store": None, "where": None, "pid": None,
                                                "problem": ""})
    # A new outbox (a kernel's own): what an earlier test left waiting stays with that test's store.
    if participant._box["outbox"] is not None:
        participant._box["outbox"].stop()
    monkeypatch.setattr(participant, "_box", {"outbox": None})
    if folder is None:  # no store: nothing waits on disk (a test that wants an outbox folder sets one)
        monkeypatch.setenv("LEADING_PRODUCTS_OUTBOX", "off")
    else:
        monkeypatch.setenv("LEADING_PRODUCTS_OUTBOX", str(Path(folder).parent / "outbox"))


@contextlib.contextmanager
def saving(monkeypatch: pytest.MonkeyPatch, folder: Path | str | None = None):
    """:func:`reset`, then save as the learner works (the kit's listener) until the block ends."""
    reset(monkeypatch, folder)
    participant.attach()
    try:
        yield folder
    finally:
        participant.detach()
        if participant._box["outbox"] is not None:  # this test's outbox: nothing of it outlives the test
            participant._box["outbox"].stop()
        participant._forget_store()


@contextlib.contextmanager
def journal_place(monkeypatch: pytest.MonkeyPatch, folder: Path, live: bool = False):
    """No workshop, no participant, the learner's journal at ``folder`` (not started), no renderer;
    with ``live``, the journal started as a live notebook starts it (``exercises.book.setup()``).
    Yields ``folder``; afterwards the journal stops and nothing of the participant is left."""
    from exercises.kit import display
    from exercises.room import journal

    reset(monkeypatch)
    without_pictures(monkeypatch)
    monkeypatch.setenv(journal.JOURNAL_ENV, str(folder))
    monkeypatch.setattr(display, "setup", lambda: None)  # the renderer is not what is tested here
    try:
        if live:
            from exercises import book

            monkeypatch.setenv(display.RENDER_ENV, "live")
            book.setup()
            assert journal.started()
        yield folder
    finally:
        journal.stop()
        participant.detach()
        participant._forget_store()

@pytest.fixture
def fresh(monkeypatch):
    """No store, no participant, saving attached (it saves nothing while no store is set)."""
    with saving(monkeypatch):
        yield


@pytest.fixture
def room(fresh, monkeypatch, tmp_path):
    """Workshop mode on, with a store in a temporary folder; returns the folder."""
    folder = tmp_path / "store"
    monkeypatch.setenv(participant.STORE_ENV, str(folder))
    monkeypatch.setenv("LEADING_PRODUCTS_OUTBOX", str(tmp_path / "outbox"))
    return folder
