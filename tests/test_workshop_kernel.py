"""A real kernel saving answers in workshop mode is killed mid-save: nothing acknowledged is lost.

The kernel plays the delegation bottleneck exercise in a loop, each change saved by workshop
mode's debounced save (:func:`exercises.room.participant.keep`, listening to the kit) on the
kernel's own event loop, and prints each change once its save was acknowledged (committed). It
is killed with SIGKILL while it saves; every acknowledged answer must be in the store, in order,
and the store must pass SQLite's integrity check and take new answers.

:func:`acknowledged_until_killed` and :func:`lost` also serve the journal's kernel test
(``tests/test_journal_live.py``): the same play, saving to the learner's journal instead.
"""

from __future__ import annotations

import os
import queue
import signal
import time
from pathlib import Path

import pytest

from exercises.room.store import open_store

jupyter_client = pytest.importorskip("jupyter_client")

ROOT = Path(__file__).resolve().parents[1]
KEY = "delegation/bottleneck"

#: The kernel's play: ``{setup}`` starts saving; each change is printed once its save is acknowledged.
PLAY = """
import asyncio, json
from exercises.room import participant
from exercises.delegation import widget
participant.SAVE_DELAY = 0.01  # the debounced save, run by the kernel's event loop, quickly
{setup}
face = widget.bottleneck.live_face(mode="static")
decisions, delegated = face.inputs["decisions"], face.inputs["delegated"]

async def play():
    k = 0
    while True:
        decisions.value = 1 + (k // 21) % 60
        delegated.value = 5 * (k % 21)
        await asyncio.sleep(0.03)  # the learner pauses: the answer is saved
        current = json.dumps(face.answer(), sort_keys=True, ensure_ascii=False, default=str)
        if participant.kept(face) == (participant.participant(), current):  # the last save, committed, holds this
            print(f"ack {{decisions.value}} {{delegated.value}}", flush=True)
        k += 1

await play()
"""

#: Workshop mode's start, as exercises.book.setup() does it with a store set, and a name.
WORKSHOP = """participant.attach()
participant.set_participant("kernel")"""


def acknowledged_until_killed(env: dict, setup: str, wanted: int = 40) -> list[tuple[int, int]]:
    """Play the delegation bottleneck in a real kernel started with ``env`` (saving started by the
    code ``setup``) until ``wanted`` saves are acknowledged, then kill it with SIGKILL mid-save.

    Returns the acknowledged ``(decisions, delegated)`` in order; fails the test if the kernel
    raises or acknowledges too few.
    """
    manager = jupyter_client.KernelManager(kernel_name="python3")
    manager.start_kernel(env={**os.environ, "PYTHONPATH": str(ROOT), **env}, cwd=str(ROOT))
    client = manager.client()
    client.start_channels()
    acknowledged = []
    try:
        client.wait_for_ready(timeout=60)
        client.execute(PLAY.format(setup=setup))
        deadline = time.monotonic() + 90
        while len(acknowledged) < wanted and time.monotonic() < deadline:
            try:
                message = client.get_iopub_msg(timeout=5)
            except queue.Empty:
                continue
            if message["msg_type"] == "stream":
                acknowledged += [tuple(map(int, line.split()[1:])) for line in message["content"]["text"].splitlines()
                                 if line.startswith("ack ")]
            elif message["msg_type"] == "error":
                pytest.fail("\n".join(message["content"]["traceback"]))
        assert len(acknowledged) >= wanted, f"the kernel acknowledged only {len(acknowledged)} saves"
        os.kill(manager.provisioner.process.pid, signal.SIGKILL)  # mid-save: it never stops saving
        manager.provisioner.process.wait(timeout=30)
    finally:
        client.stop_channels()
        if manager.is_alive():
            manager.shutdown_kernel(now=True)
        manager.cleanup_resources()
    return acknowledged


def lost(acknowledged: list, saved: list) -> list:
    """The acknowledged answers missing from ``saved`` (each must be there, in the order acknowledged)."""
    rest = iter(saved)
    return [ack for ack in acknowledged if not any(row == ack for row in rest)]


@pytest.mark.integration  # a real kernel, killed: about 10 s; runs in make test, not in make unit
def test_a_killed_kernel_loses_no_acknowledged_answer(tmp_path):
    store_dir = tmp_path / "store"
    acknowledged = acknowledged_until_killed(
        {"LEADING_PRODUCTS_STORE": str(store_dir), "LEADING_PRODUCTS_RENDER": "static"}, WORKSHOP)
    with open_store(store_dir) as store:  # opens cleanly: SQLite recovers its write-ahead log
        assert store.check()
        saved = [(a.answer["decisions"], a.answer["delegated"]) for a in store.answers("kernel", KEY)]
        missing = lost(acknowledged, saved)
        assert not missing, f"acknowledged but lost: {missing[:5]}"
        store.save("after", KEY, {"ok": True})
        assert store.latest(KEY)[-1].answer == {"ok": True}
