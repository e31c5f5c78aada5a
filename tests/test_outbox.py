"""The outbox lets a store go when asked: nothing under way, nothing started (journal.forget's need).

A store that can be made slow shows the worker's timing: ``held`` waits for the save under way,
answers posted meanwhile wait for the store to be let go, and an answer dropped while it is
being saved ends the worker's turn quietly instead of raising in its thread.
"""

from __future__ import annotations

import threading
import time

import pytest

from exercises.room.outbox import Outbox

WHERE = "/journal"


class SlowStore:
    """Saves in memory; each save waits for ``gate`` when it is closed (and says it has started)."""

    def __init__(self):
        self.saved: list[str] = []
        self.gate = threading.Event()
        self.gate.set()
        self.started = threading.Event()

    def save_encoded(self, participant, exercise, text, saved_at):
        self.started.set()
        assert self.gate.wait(10), "the test never opened the gate"
        self.saved.append(text)


@pytest.fixture
def store_and_box():
    store = SlowStore()
    box = Outbox(lambda where: store, lambda where: None, lambda where: None)  # no outbox files
    yield store, box
    store.gate.set()
    box.stop()


def test_held_waits_for_the_save_under_way(store_and_box):
    store, box = store_and_box
    store.gate.clear()
    first = box.post(WHERE, "me", "k", "first")
    assert store.started.wait(5)
    entered, landed_inside = threading.Event(), []

    def hold():
        with box.held(WHERE):
            landed_inside.append(first.landed.is_set())
            entered.set()

    holder = threading.Thread(target=hold)
    holder.start()
    assert not entered.wait(0.3), "held did not wait for the save under way"
    store.gate.set()
    assert entered.wait(5)
    holder.join(5)
    assert landed_inside == [True], "held let a save under way go on inside it"
    assert store.saved == ["first"]


def test_nothing_is_saved_to_a_held_store_until_it_is_let_go(store_and_box):
    store, box = store_and_box
    with box.held(WHERE):
        waiting = box.post(WHERE, "me", "k", "later")
        other = box.post("/elsewhere", "me", "k", "elsewhere")  # another store is not held up
        assert other.landed.wait(5)
        time.sleep(0.2)
        assert not waiting.landed.is_set() and store.saved == ["elsewhere"]
    assert waiting.landed.wait(5)
    assert store.saved == ["elsewhere", "later"]


def test_an_answer_dropped_while_it_is_saved_ends_the_turn_quietly(store_and_box, monkeypatch):
    store, box = store_and_box
    raised = []
    monkeypatch.setattr(threading, "excepthook", raised.append)
    store.gate.clear()
    first = box.post(WHERE, "me", "k", "first")
    assert store.started.wait(5)
    assert box.drop(WHERE) == 1 and first.outcome == "dropped"
    store.gate.set()
    after = box.post(WHERE, "me", "k", "after")  # the worker is still alive and saving
    assert after.landed.wait(5) and after.outcome == "saved"
    assert box.pending() == [] and raised == []


def test_held_gives_up_waiting_after_its_timeout(store_and_box):
    """A save that hangs does not hang the learner's "forget" for ever."""
    store, box = store_and_box
    store.gate.clear()
    box.post(WHERE, "me", "k", "stuck")
    assert store.started.wait(5)
    started = time.monotonic()
    with box.held(WHERE, timeout=0.3):
        waited = time.monotonic() - started
    assert 0.25 <= waited < 3
