"""Answers on their way to the store: kept until they land, retried in the background.

Workshop mode and the journal save through one :class:`Outbox` per process. :meth:`Outbox.post`
puts an answer (already encoded by :func:`exercises.room.store.encode_answer`) in a queue and
returns at once; a worker thread saves the queue in order, so no call to the store, however
slow or hung, runs on the kernel's event loop. An answer whose save fails (a server that is
down or hung, a stale connection, a full disk) stays in the queue and is tried again, sooner
then less often (:data:`RETRY_SECONDS`), until it lands; from its first failure it is also
written to a small file in :func:`folder` (the participant's own data folder, or the journal's),
so an answer survives the kernel too: the next kernel of the same person adopts the answers a
dead one left (:meth:`Outbox.adopt`). Each failed save, and each late landing, is written for
the facilitator to standard error (the server's log) and to :func:`log_path` (beside a SQLite
store: ``save-problems.log``).

Whoever posted an answer hears of it (``listener(pending)``) when it lands, when its first
save fails and when the store refuses it for good (an answer the store cannot hold, a name the
participant may not save under); the listener runs in the worker thread.
"""

from __future__ import annotations

import collections
import contextlib
import fcntl
import hashlib
import itertools
import json
import os
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .store import AnswerError

__all__ = ["LOG_ENV", "LOG_NAME", "OUTBOX_ENV", "RETRY_SECONDS", "Outbox", "Pending", "folder", "log_path",
           "problems", "refused"]

#: Environment variable naming the folder of the outbox files (``off``: kept in memory only).
OUTBOX_ENV = "LEADING_PRODUCTS_OUTBOX"
#: Environment variable naming the facilitator's log of failed saves (default: beside a SQLite store).
LOG_ENV = "LEADING_PRODUCTS_SAVE_LOG"
#: The log's name in a SQLite store's folder.
LOG_NAME = "save-problems.log"
#: Seconds before each new try of a failing save (the last is repeated until it lands).
RETRY_SECONDS = (0.5, 1.0, 2.0, 3.0)


def folder(where: str, journal: str | None = None) -> Path | None:
    """The folder of the outbox files: :data:`OUTBOX_ENV`, else the journal's ``outbox`` folder, else
    ``outbox`` in the participant's data folder (``~/.local/share/leading-products/outbox``); None: off."""
    value = os.environ.get(OUTBOX_ENV, "").strip()
    if value.lower() in ("off", "0", "no", "false", "none"):
        return None
    if value:
        return Path(value).expanduser()
    if journal:
        return Path(journal) / "outbox"
    import platformdirs

    return Path(platformdirs.user_data_dir("leading-products", appauthor=False)) / "outbox"


def log_path(where: str) -> Path | None:
    """Where failed saves are logged for the facilitator: :data:`LOG_ENV`, else :data:`LOG_NAME` in a
    SQLite store's folder, else None (a PostgreSQL room: the server's log only)."""
    value = os.environ.get(LOG_ENV, "").strip()
    if value:
        return Path(value).expanduser()
    if where and "://" not in where:
        return Path(where) / LOG_NAME
    return None


def _store_id(where: str) -> str:
    """A stand-in for the store's address in the outbox file (never the address: it may hold a password)."""
    return hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def refused(error: BaseException) -> bool:
    """True when ``error`` means the store will never take this answer (trying again cannot help)."""
    if isinstance(error, AnswerError):
        return True
    errors = sys.modules.get("psycopg.errors")
    if errors is not None:
        return isinstance(error, (errors.InsufficientPrivilege, errors.DataError, errors.IntegrityError))
    return False


@dataclass(eq=False)
class Pending:
    """One answer on its way to the store (see :class:`Outbox`)."""

    where: str
    participant: str
    exercise: str
    text: str
    saved_at: float
    seq: int = 0
    listener: Callable[["Pending"], None] | None = None
    #: "" while on its way; "saved" once committed; "refused" when the store will never take it;
    #: "dropped" when its store was forgotten (:meth:`Outbox.drop`).
    outcome: str = ""
    attempts: int = 0
    error: str = ""
    problem: str = ""
    on_disk: bool | None = None  # None: not written yet; False: it could not be
    tried: threading.Event = field(default_factory=threading.Event)
    landed: threading.Event = field(default_factory=threading.Event)

    @property
    def failing(self) -> bool:
        """True once a save of it failed and it has not landed yet."""
        return not self.outcome and self.attempts > 0

    def record(self) -> dict:
        return {"add": self.seq, "store": _store_id(self.where), "participant": self.participant,
                "exercise": self.exercise, "answer": self.text, "saved_at": self.saved_at}


class Outbox:
    """The answers of this process on their way to the store, saved in order by one worker thread.

    Parameters
    ----------
    open_store : callable
        ``open_store(where)``: the open :class:`~exercises.room.store.Store` at ``where`` (may raise).
    forget_store : callable
        ``forget_store(where)``: drop it after a failure, so the next try opens it again.
    place : callable
        ``place(where)``: the folder of the outbox files for that store (:func:`folder`), or None.
    """

    def __init__(self, open_store: Callable, forget_store: Callable, place: Callable[[str], Path | None]):
        self._open, self._forget, self._place = open_store, forget_store, place
        self._queue: collections.deque[Pending] = collections.deque()
        self._cond = threading.Condition()
        self._seq = itertools.count(1)
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()
        self._stopped = False
        self._retry_at: dict[str, float] = {}
        self._files: dict[Path, object] = {}  # outbox folder -> our open, locked file
        self._io = threading.RLock()  # one writer of the files at a time (the posting thread, the worker)
        self._adopted: set[tuple[str, str]] = set()
        self._adopt_due: set[str] = set()
        self._taking = False  # the worker is taking over a dead kernel's answers
        self._taken: list[Pending] = []  # the answers taken over, until they land
        self._busy: set[str] = set()  # the stores the worker is saving to (or taking over for) now
        self._held: collections.Counter[str] = collections.Counter()  # stores it must leave alone (held)
        self.saved = 0

    # ------------------------------------------------------------------ posting

    def post(self, where: str, participant: str, exercise: str, text: str,
             listener: Callable[[Pending], None] | None = None, saved_at: float | None = None) -> Pending:
        """Queue an encoded answer for the store at ``where``; returns at once (see :class:`Pending`)."""
        item = Pending(where, participant, exercise, text, time.time() if saved_at is None else saved_at,
                       next(self._seq), listener)
        with self._cond:
            if self._pid != os.getpid():  # a forked process: its parent's files are not its own
                self._pid, self._files, self._thread = os.getpid(), {}, None
            # Written ahead, before it is queued: a kernel killed before the worker saves it leaves it
            # in its outbox file, and the next kernel of this person saves it (:meth:`adopt`). Flushed
            # to the system, not synced: a killed process loses nothing, and the page never waits for a disk.
            item.on_disk = self._write(where, item.record(), sync=False)
            self._queue.append(item)
            self._cond.notify_all()
        self._start()
        return item

    def adopt(self, where: str) -> None:
        """Take over, in the background, the answers a dead kernel left for ``where`` (once per store)."""
        with self._cond:
            self._adopt_due.add(where)
            self._cond.notify_all()
        self._start()

    def settle(self, timeout: float) -> bool:
        """Wait, at most ``timeout`` seconds, until the answers a dead kernel left (:meth:`adopt`) are
        taken over and have landed, so a reader of the store finds them; True when they have."""
        end = time.monotonic() + timeout
        while True:
            with self._cond:
                busy = bool(self._adopt_due) or self._taking
                taken = [item for item in self._taken if not item.landed.is_set()]
                self._taken = taken
            if not busy and all(item.landed.wait(max(0.0, end - time.monotonic())) for item in taken):
                return True
            if time.monotonic() >= end:
                return False
            time.sleep(0.02)

    def pending(self) -> list[Pending]:
        """The answers not saved yet, oldest first."""
        with self._cond:
            return list(self._queue)

    def wait(self, timeout: float) -> bool:
        """Wait until every answer posted so far has landed (or was refused); True if they all did."""
        end = time.monotonic() + timeout
        for item in self.pending():
            if not item.landed.wait(max(0.0, end - time.monotonic())):
                return False
        return True

    def drop(self, where: str) -> int:
        """Forget the answers waiting for the store at ``where`` (the learner forgot their journal); how many."""
        with self._cond:
            gone = [item for item in self._queue if item.where == where]
            self._queue = collections.deque(item for item in self._queue if item.where != where)
            emptied = not self._queue
            if emptied:  # nothing left to keep: our outbox files go too
                self._empty_files()
        for item in gone:
            item.outcome = "dropped"
            item.tried.set()
            item.landed.set()
            if item.on_disk and not emptied:
                self._write(where, {"done": item.seq})
        return len(gone)

    @contextlib.contextmanager
    def held(self, where: str, timeout: float = 10.0):
        """While inside, the worker starts nothing for the store at ``where``, and nothing it started
        for it is still under way: what :func:`exercises.room.journal.forget` needs before it closes
        the store and deletes its files. Waits at most ``timeout`` seconds for a save under way."""
        end = time.monotonic() + timeout
        with self._cond:
            self._held[where] += 1
            while where in self._busy and time.monotonic() < end:
                self._cond.wait(max(0.0, end - time.monotonic()))
        try:
            yield
        finally:
            with self._cond:
                self._held[where] -= 1
                if self._held[where] <= 0:
                    del self._held[where]
                self._cond.notify_all()

    def stop(self) -> None:
        """Stop the worker (what is pending stays in the outbox files, for the next kernel)."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        for handle in self._files.values():
            with contextlib.suppress(OSError):
                handle.close()
        self._files.clear()

    def _start(self) -> None:
        with self._cond:
            if self._thread is None or not self._thread.is_alive() or self._pid != os.getpid():
                if self._pid != os.getpid():  # a forked process: its parent's files are not its own
                    self._pid = os.getpid()
                    self._files = {}
                self._thread = threading.Thread(target=self._run, name="leading-products-outbox", daemon=True)
                self._thread.start()

    # ------------------------------------------------------------------ the worker

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopped and not self._queue and not self._adopt_due - self._held.keys():
                    self._cond.wait()
                if self._stopped:
                    return
                due = self._adopt_due - self._held.keys()
                self._adopt_due -= due
                self._taking = bool(due)
                self._busy |= due
            for where in due:
                with contextlib.suppress(Exception):  # open the store now: the first save need not wait for it
                    self._open(where)
                self._take_over(where)
            if due:
                with self._cond:
                    self._taking = False
                    self._busy -= due
                    self._cond.notify_all()
            with self._cond:
                item, wait = self._next()
                # Answers given while their store is failing are kept on disk at once, not at the next try.
                unkept = [] if item is not None else [i for i in self._queue if i.on_disk is None
                                                       and i.where in self._retry_at and i.where not in self._held]
                if item is None and not unkept:
                    self._cond.wait(wait)  # None: until something changes (a post, a store let go)
                    continue
                if item is not None:
                    self._busy.add(item.where)
            if unkept:
                for other in unkept:
                    other.on_disk = self._write(other.where, other.record())
                continue
            try:
                self._try(item)
            finally:
                with self._cond:
                    self._busy.discard(item.where)
                    self._cond.notify_all()

    def _next(self) -> tuple[Pending | None, float | None]:
        """The oldest answer of each store, the first whose store is not waiting to be tried again
        (nor held); else None and how long until one is (answers of one store stay in order)."""
        now, seen, soonest = time.monotonic(), set(), None
        for item in self._queue:
            if item.where in seen or item.where in self._held:
                continue
            seen.add(item.where)
            at = self._retry_at.get(item.where, 0.0)
            if at <= now:
                return item, None
            soonest = at - now if soonest is None else min(soonest, at - now)
        return None, soonest

    def _try(self, item: Pending) -> None:
        try:
            store = self._open(item.where)
            store.save_encoded(item.participant, item.exercise, item.text, item.saved_at)
        except Exception as error:  # noqa: BLE001 - every failure is kept and said, never raised here
            if refused(error):
                self._refuse(item, error)
            else:
                self._fail(item, error)
            return
        late = time.time() - item.saved_at
        with self._cond:
            if item not in self._queue:  # dropped while it was saved
                return
            self._queue.remove(item)
            self._retry_at.pop(item.where, None)
            if not self._queue:  # nothing left to keep: empty the files before another answer is posted
                self._empty_files()
            elif item.on_disk:
                self._write(item.where, {"done": item.seq}, sync=False)
        item.outcome = "saved"
        self.saved += 1
        if item.attempts:
            _log(item.where, f"saved after {item.attempts + 1} tries, {late:.1f} s late: {_who(item)}")
        self._tell(item)

    def _refuse(self, item: Pending, error: BaseException) -> None:
        with self._cond:
            if item not in self._queue:  # dropped while it was tried
                return
            self._queue.remove(item)
        item.outcome, item.error = "refused", type(error).__name__
        item.problem = str(error) if isinstance(error, AnswerError) else (
            f"The answers store does not take this answer from you ({type(error).__name__}): "
            f"“{item.participant}” may not save here. Tell your facilitator.")
        if item.on_disk:
            self._write(item.where, {"done": item.seq})
        _log(item.where, f"refused ({type(error).__name__}: {_short(error)}): {_who(item)}")
        self._tell(item)

    def _fail(self, item: Pending, error: BaseException) -> None:
        item.attempts += 1
        item.error = type(error).__name__
        first = item.attempts == 1
        with contextlib.suppress(Exception):
            self._forget(item.where)
        with self._cond:
            waiting = [other for other in self._queue if other.where == item.where]
        for other in waiting:  # everything behind it waits too: keep it all on disk
            if not other.on_disk:
                other.on_disk = self._write(other.where, other.record())
        delay = RETRY_SECONDS[min(item.attempts, len(RETRY_SECONDS)) - 1]
        with self._cond:
            self._retry_at[item.where] = time.monotonic() + delay
        if first:
            _log(item.where, f"could not save ({type(error).__name__}: {_short(error)}), trying again "
                             f"every {RETRY_SECONDS[-1]:.0f} s at most; {len(waiting)} waiting: {_who(item)}")
            self._tell(item)

    def _tell(self, item: Pending) -> None:
        item.tried.set()
        if item.outcome:
            item.landed.set()
        if item.listener is not None:
            try:
                item.listener(item)
            except Exception:  # noqa: BLE001 - a listener's failure never stops the saving
                pass

    # ------------------------------------------------------------------ the files

    def _file(self, where: str):
        place = self._place(where)
        if place is None:
            return None
        handle = self._files.get(place)
        if handle is None:
            place.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                os.chmod(place, 0o700)
            path = place / f"outbox-{os.getpid()}-{uuid.uuid4().hex[:8]}.jsonl"
            handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open (and locked) while we live
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._files[place] = handle
        return handle

    def _write(self, where: str, record: dict, sync: bool = True) -> bool:
        """Append ``record`` to our outbox file, on disk before it returns (``sync``; else handed to
        the system, which a killed process cannot lose); False when it cannot be kept there."""
        try:
            with self._io:
                handle = self._file(where)
                if handle is None:
                    return False
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                handle.flush()
                if sync:
                    os.fsync(handle.fileno())
            return True
        except OSError as error:  # a full disk here too: the answer is still kept in memory
            _log(where, f"the outbox file cannot be written ({type(error).__name__}: {_short(error)}); "
                        "waiting answers are kept in this kernel only")
            return False

    def _empty_files(self) -> None:
        with self._io:
            self._empty_files_locked()

    def _empty_files_locked(self) -> None:
        """Nothing is waiting: our outbox files go (a new one is made for the next answer)."""
        for handle in self._files.values():
            with contextlib.suppress(OSError, ValueError):
                os.unlink(handle.name)
            with contextlib.suppress(OSError, ValueError):
                handle.close()
        self._files.clear()

    def _take_over(self, where: str) -> None:
        """Queue the answers for ``where`` left in outbox files whose kernel is gone, then delete them."""
        place = self._place(where)
        if place is None or not place.is_dir() or (str(place), where) in self._adopted:
            return
        self._adopted.add((str(place), where))
        mine = {Path(h.name) for h in self._files.values()}
        wanted, found = _store_id(where), []
        for path in sorted(place.glob("outbox-*.jsonl")):
            if path in mine:
                continue
            try:
                with open(path, "r+", encoding="utf-8") as handle:
                    try:
                        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except OSError:
                        continue  # its kernel is alive and saving them
                    added, done = {}, set()
                    for line in handle:
                        with contextlib.suppress(ValueError, TypeError):
                            record = json.loads(line)
                            if "done" in record:
                                done.add(record["done"])
                            elif "add" in record:
                                added[record["add"]] = record
                    left = [r for seq, r in added.items() if seq not in done]
                    if any(r.get("store") != wanted for r in left):
                        continue  # answers for another store: leave the file for a kernel of that store
                    found += left
                    adopted = [Pending(where, r["participant"], r["exercise"], r["answer"], float(r["saved_at"]),
                                       next(self._seq)) for r in left]
                    kept = all(self._write(where, item.record()) for item in adopted)
                    for item in adopted:
                        item.on_disk = kept
                    with self._cond:
                        self._queue.extend(adopted)
                        self._taken.extend(adopted)
                    if kept:
                        path.unlink()
            except OSError:
                continue
        if found:
            _log(where, f"{len(found)} answer(s) left by an earlier kernel are being saved")


def _who(item: Pending) -> str:
    return f"{item.participant!r}, {item.exercise!r}, given at {time.strftime('%H:%M:%S', time.localtime(item.saved_at))}"


def _short(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]


_log_lock = threading.Lock()


def _log(where: str, message: str) -> None:
    """Tell the facilitator: a line on standard error (the server's log) and in :func:`log_path`."""
    line = f"{time.strftime('%Y-%m-%dT%H:%M:%S')} leading-products saving [pid {os.getpid()}] {message}"
    with _log_lock:
        stream = sys.__stderr__
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.write(line + "\n")
                stream.flush()
        path = log_path(where)
        if path is not None and path.parent.is_dir():
            with contextlib.suppress(OSError):
                with open(path, "a", encoding="utf-8") as handle:
                    handle.write(line + "\n")


def problems(where: str, last: int = 20) -> list[str]:
    """The last ``last`` lines of the facilitator's log of saves for the store at ``where`` (may be empty)."""
    path = log_path(where)
    if path is None or not path.is_file():
        return []
    with contextlib.suppress(OSError):
        return path.read_text(encoding="utf-8", errors="replace").splitlines()[-last:]
    return []

