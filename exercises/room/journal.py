"""The learner's journal: outside a workshop, live answers kept on the learner's own computer.

In JupyterLab, Voilà or Binder with no workshop store (:data:`~exercises.room.participant.STORE_ENV`
unset), :func:`exercises.book.setup` calls :func:`start` in the live context. From then on the
kernel keeps every live exercise's answer, and the value of each of its declared inputs, in an
answers store (:mod:`exercises.room.store`, one SQLite file) in the journal's folder, saved as
workshop mode saves (:func:`exercises.room.participant.keep`: a moment after the learner pauses,
only what changed, every save committed before it counts). Answers survive a kernel restart and
carry from chapter to chapter, and an exercise built again (:meth:`exercises.kit.live.Exercise.live_face`)
starts from the learner's last values (:func:`restore`, given to the kit with
:func:`exercises.kit.live.restore_with`), and gets its last kept answer (:func:`last_answer`) to
put back what the learner did besides the declared inputs
(:meth:`exercises.kit.live.LiveExercise.restore_answer`: an order, a menu per item, a text).

Where it lives: the folder :data:`JOURNAL_ENV` (``LEADING_PRODUCTS_JOURNAL``) names, else
``leading-products/journal`` in the platform's user data folder (``platformdirs``: on Linux
``~/.local/share/leading-products/journal``, or under ``$XDG_DATA_HOME``; on macOS
``~/Library/Application Support/leading-products/journal``). ``LEADING_PRODUCTS_JOURNAL=off``
keeps nothing. Answers are kept under :data:`~exercises.room.participant.JOURNAL_PARTICIPANT`
(``"me"``) unless a name is set. Nothing is written until the learner changes an exercise.

To forget it: :func:`forget`, or from a shell ``python -m exercises.room.journal forget``
(``python -m exercises.room.journal where`` says where it is); deleting the folder does the same.

In the static context (notebooks executed for the site, the tests) :func:`exercises.book.setup`
never starts the journal: nothing is kept and nothing about saving is shown.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from . import participant
from .store import FILE_NAME

__all__ = ["APP_NAME", "JOURNAL_ENV", "OFF", "folder", "forget", "last_answer", "restore", "start", "started",
           "stop"]

#: Environment variable naming the journal's folder, or ``off`` to keep nothing.
JOURNAL_ENV = "LEADING_PRODUCTS_JOURNAL"
#: Values of :data:`JOURNAL_ENV` (any case) that turn the journal off.
OFF = frozenset({"off", "0", "no", "false", "none"})
#: The book's folder name in the platform's user data folder.
APP_NAME = "leading-products"

_started: dict = {"stop_restoring": None}


def folder() -> Path | None:
    """The journal's folder (it may not exist yet), or None when :data:`JOURNAL_ENV` turns it off."""
    value = os.environ.get(JOURNAL_ENV, "").strip()
    if value.lower() in OFF:
        return None
    if value:
        return Path(value).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "journal"


def start() -> Path | None:
    """Keep this kernel's live answers in the journal, and start exercises from it; idempotent.

    Does nothing in workshop mode (the workshop's store keeps the answers) or when the journal
    is off. Returns the journal's folder, or None.
    """
    where = None if participant.enabled() else folder()
    if where is None:
        stop()
        return None
    from ..kit.live import restore_with

    participant.use_journal(where)
    participant.attach()
    _started["stop_restoring"] = restore_with(restore, answer=last_answer)
    return where


def started() -> bool:
    """True when this kernel keeps its answers in a journal."""
    return participant.journal() is not None and _started["stop_restoring"] is not None


def stop() -> None:
    """Keep nothing more in the journal (what was kept stays) and start exercises from their defaults."""
    halt, _started["stop_restoring"] = _started["stop_restoring"], None
    if halt is not None:
        halt()
    if participant.journal() is not None:
        participant.use_journal(None)
        if not participant.enabled():
            participant.detach()


def restore(face, key: str) -> dict:
    """``{input name: value}`` last kept in the journal for ``face``'s declared inputs (exercise ``key``).

    The restorer the kit calls as a face is built (:func:`exercises.kit.live.restore_with`); the
    kit checks each value against its declaration and skips one no longer valid. Empty when the
    journal is not in use or holds nothing yet (it is not created by reading).
    """
    where = participant.journal()
    specs = getattr(face, "INPUTS", ())
    if not where or not specs or not (Path(where) / FILE_NAME).is_file():
        return {}
    opened, who = participant.store(), participant.participant()
    values = {}
    for spec in specs:
        rows = opened.answers(participant=who, exercise=spec.key(key))
        if rows:
            values[spec.name] = rows[-1].answer
    return values


def last_answer(face, key: str):
    """The answer last kept in the journal for exercise ``key`` (plain JSON), or None.

    What the kit gives ``face``'s :meth:`~exercises.kit.live.LiveExercise.restore_answer` as it is
    built (:func:`exercises.kit.live.restore_with`); the face skips one that no longer fits.
    None when the journal is not in use or holds nothing yet (it is not created by reading).
    """
    where = participant.journal()
    if not where or not key or not (Path(where) / FILE_NAME).is_file():
        return None
    rows = participant.store().answers(participant=participant.participant(), exercise=key)
    return rows[-1].answer if rows else None


def forget(where: Path | str | None = None) -> list[Path]:
    """Delete the journal's answers (its store's files) in ``where`` (default: :func:`folder`).

    Only the store's own files are deleted (``answers.sqlite`` and its ``-wal``/``-shm``
    companions, the log of saves that waited, and the outbox files of answers that waited for
    it), never anything else in the folder. Returns the files deleted.
    """
    target = Path(where) if where is not None else folder()
    if target is None:
        return []
    kept = _files(target)
    if participant.journal() is not None and Path(participant.journal()) == target:
        # This process's own journal: its outbox's worker first lets it go (no save under way,
        # none started), and nothing opens it again until its files are gone. An old connection
        # left writing would put its frames in the next file of the same name.
        box = participant._box["outbox"]
        with box.held(str(target)) if box is not None else contextlib.nullcontext(), participant._opening:
            participant._forget_store()
            if box is not None:  # answers still on their way to it are forgotten too (and its files)
                box.drop(str(target))
            kept += [path for path in _files(target) if path not in kept]  # a -wal the last save made
            _delete(kept)
    else:
        _delete(kept)
    return [path for path in kept if not path.exists()]


def _files(target: Path) -> list[Path]:
    """The journal store's own files in ``target`` (see :func:`forget`)."""
    names = (FILE_NAME, f"{FILE_NAME}-wal", f"{FILE_NAME}-shm", f"{FILE_NAME}-journal", "save-problems.log")
    outbox = target / "outbox"  # answers that waited for the journal (exercises.room.outbox)
    return ([target / name for name in names if (target / name).is_file()]
            + (sorted(outbox.glob("outbox-*.jsonl")) if outbox.is_dir() else []))


def _delete(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def main(argv=None) -> int:
    """``python -m exercises.room.journal where|forget``: say where the journal is, or forget it."""
    parser = argparse.ArgumentParser(prog="python -m exercises.room.journal",
                                     description="The learner's journal of live answers.")
    parser.add_argument("command", choices=["where", "forget"], help="say where it is, or delete its answers")
    args = parser.parse_args(argv)
    where = folder()
    if where is None:
        print(f"The journal is off ({JOURNAL_ENV}={os.environ.get(JOURNAL_ENV, '').strip()}).")
        return 0
    if args.command == "where":
        kept = (where / FILE_NAME).is_file()
        print(f"{where}{'' if kept else ' (nothing kept yet)'}")
        return 0
    gone = forget(where)
    print(f"Forgot your journal in {where}." if gone else f"Nothing to forget in {where}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
