"""Workshop mode's state for the room's tests, reset in one place.

``fresh``: no store, no participant, nothing listening: each test starts as a kernel does.
``room``: workshop mode on with a store in a temporary folder, saving attached to the kit
(:func:`exercises.room.participant.attach`, detached afterwards); returns the folder.
:func:`reset` does the same for a fixture of wider scope (with its own ``MonkeyPatch``), and
:func:`without_pictures` spares a test that plays many exercises their charts' SVG.
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
