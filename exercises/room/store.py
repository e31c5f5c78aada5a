"""The answers store of workshop mode: who answered which exercise, what, and when.

One small API over two back ends:

* **SQLite** (the default, standard library): one file, ``answers.sqlite``, in a folder the
  facilitator chooses, in WAL mode so many kernels write at once; every save is one committed
  transaction with ``synchronous=FULL``, so an acknowledged answer survives a killed kernel and
  the store recovers on the next open.
* **PostgreSQL**: pass a ``postgresql://`` URL instead of a folder (needs ``psycopg`` 3 and
  ``psycopg_pool``) so a workshop that outgrows one machine shares one store. Connections come
  from a small pool that checks each one before use (a connection left stale by a server restart
  is replaced, not failed on); every call has a short deadline: :data:`CONNECT_TIMEOUT` to
  connect, ``statement_timeout`` on the server, TCP keepalives, and :data:`CALL_TIMEOUT` on this
  side, after which a call to a hung server (stopped, unreachable) is cut and fails, so no caller
  waits on it for ever. The table and its indexes are created only when missing, so a role that
  may only insert and read (the room's participants) needs no right to change the schema.

Names and answers are data only. The file name is fixed, so no participant or exercise name
ever becomes a path; every value reaches SQL as a bound parameter, never as SQL text. Text is
cleaned as the kit cleans it (:func:`exercises.kit.text.clean_text`: unsafe control characters
dropped, invalid unicode replaced, what people write with kept) and bounded; what cannot be
stored safely or faithfully is refused with :class:`AnswerError`, whose message a page can show
as it is: an answer too long, nested deeper than :data:`MAX_DEPTH` levels (or holding itself),
or a table two of whose names become one once stored (``1`` and ``"1"``; ``"a\x00"`` and
``"a"``). An answer is never merged or cut to make it fit.

Examples
--------
>>> store = open_store(folder)                      # doctest: +SKIP
>>> store.save("Ada", "sequencing/order", {"order": ["A", "B"]})   # doctest: +SKIP
>>> store.export_csv("all.csv")                     # doctest: +SKIP

From a shell (what ``make export STORE=... OUT=...`` runs)::

    python -m exercises.room.store export FOLDER_OR_URL --out answers.csv [--participant NAME]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import contextlib
import os
import re
import socket
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..kit.text import clean_text, visible_key

__all__ = ["AnswerError", "Answer", "Store", "open_store", "clean_name", "encode_answer", "spreadsheet_cell",
           "CALL_TIMEOUT", "CONNECT_TIMEOUT", "FILE_NAME", "MAX_NAME_CHARS", "MAX_ANSWER_CHARS", "MAX_DEPTH",
           "STATEMENT_TIMEOUT"]

#: The store's one file inside the facilitator's folder (fixed: never built from a name).
FILE_NAME = "answers.sqlite"
#: Longest display name or exercise name kept.
MAX_NAME_CHARS = 80
#: Longest answer, as JSON text, that is stored; longer ones are refused.
MAX_ANSWER_CHARS = 100_000
#: Deepest nesting of lists and tables an answer may have (an exercise's answer has 3 or 4).
MAX_DEPTH = 100
COLUMNS = ("participant", "exercise", "answer", "saved_at")
#: Seconds a PostgreSQL connection may take to open (a server that does not answer fails by then).
CONNECT_TIMEOUT = 3
#: Seconds one statement may run on the PostgreSQL server before the server cancels it.
STATEMENT_TIMEOUT = 4
#: Seconds one call to PostgreSQL may take on this side before its connection is cut (a hung server).
CALL_TIMEOUT = 6

_SCHEMA = """CREATE TABLE IF NOT EXISTS answers (
    id {id} PRIMARY KEY,
    participant TEXT NOT NULL,
    exercise TEXT NOT NULL,
    answer TEXT NOT NULL,
    saved_at DOUBLE PRECISION NOT NULL)"""
#: Indexes the dashboard's and the participant's reads use (one exercise; one participant).
_INDEXES = {"answers_exercise": "CREATE INDEX {exists}answers_exercise ON answers (exercise)",
            "answers_participant": "CREATE INDEX {exists}answers_participant ON answers (participant)"}


class AnswerError(ValueError):
    """An answer or name that cannot be stored; the message is a sentence for a person."""


@dataclass(frozen=True)
class Answer:
    """One saved answer: ``answer`` is the decoded JSON value; ``saved_at`` is Unix time."""

    participant: str
    exercise: str
    answer: object
    saved_at: float


def _clean_text(value: str) -> str:
    """``value`` as the kit cleans learner text (:func:`exercises.kit.text.clean_text`)."""
    return clean_text(value)


def clean_name(value, what: str = "a display name") -> str:
    """A display or exercise name as stored: one line, stripped, at most :data:`MAX_NAME_CHARS`.

    Raises :class:`AnswerError` when nothing visible is left, or the name is longer than the limit.
    """
    if not isinstance(value, str):
        raise AnswerError(f"Write {what} as text.")
    text = " ".join(_clean_text(value).split())
    if text and len(text) > MAX_NAME_CHARS:
        raise AnswerError(f"{what[0].upper()}{what[1:]} can have at most {MAX_NAME_CHARS} characters; "
                          f"this one has {len(text)}.")
    if not visible_key(text):  # nothing, or only invisible characters
        raise AnswerError(f"Write {what} first: the box is empty.")
    return text


def _json_safe(value, depth: int = 0, holding: frozenset = frozenset()):
    """``value`` as plain JSON data: strings cleaned, non-finite numbers refused, nesting bounded,
    and a table whose names would become one once cleaned refused (never merged)."""
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if value.bit_length() > 1024:  # beyond any float: no page or spreadsheet could read it
            raise AnswerError("An answer cannot hold a number this large (more than 300 digits).")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AnswerError("An answer cannot hold an infinite or missing number.")
        return value
    if isinstance(value, (dict, list, tuple)):
        if id(value) in holding:
            raise AnswerError("This answer holds itself (a list or table inside itself), so it cannot be saved.")
        if depth >= MAX_DEPTH:
            raise AnswerError(f"This answer is nested too deeply to save: more than {MAX_DEPTH} levels of lists "
                              "and tables. Nothing was saved.")
        holding = holding | {id(value)}
        if isinstance(value, dict):
            out, named = {}, {}
            for key, item in value.items():
                name = _clean_text(str(key))
                if name in out:
                    raise AnswerError(f"Two entries of this answer, {_shown(named[name])} and {_shown(key)}, would be "
                                      f"saved under the same name {_shown(name)}, and one would be lost. Nothing was saved.")
                out[name], named[name] = _json_safe(item, depth + 1, holding), key
            return out
        return [_json_safe(v, depth + 1, holding) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return _json_safe(value.item(), depth, holding)
    raise AnswerError(f"An answer can hold text, numbers, lists and tables, not {type(value).__name__}.")


def _shown(key) -> str:
    """A table's name as a sentence shows it (``1``, ``'1'``), short, with invisible characters visible."""
    text = repr(key)
    return text if len(text) <= 40 else text[:39] + "…"


def encode_answer(value) -> str:
    """The JSON text stored for ``value``, or :class:`AnswerError` when it cannot be stored as it is
    (too long, too deep, a table whose names collide once cleaned, a number JSON cannot hold)."""
    try:
        text = json.dumps(_json_safe(value), ensure_ascii=False, sort_keys=True)
    except (RecursionError, ValueError) as err:  # belt and braces: whatever json still refuses
        if isinstance(err, AnswerError):
            raise
        raise AnswerError(f"This answer cannot be saved ({type(err).__name__}). Nothing was saved.") from None
    if len(text) > MAX_ANSWER_CHARS:
        raise AnswerError(f"This answer is too long to save: {len(text):,} characters, "
                          f"the limit is {MAX_ANSWER_CHARS:,}. Shorten it and save again.")
    return text


class _Deadline:
    """Cut a PostgreSQL connection's socket if the call holding it takes more than ``seconds``.

    The socket is shut down (not closed: the file descriptor stays valid for psycopg), so a call
    waiting on a server that stopped answering wakes at once with an ``OperationalError``, and the
    pool discards the broken connection. A call that finished in time disarms it first.
    """

    def __init__(self, connection, seconds: float):
        self.connection, self.seconds = connection, seconds
        self._lock = threading.Lock()
        self._over = False
        self.cut = False

    def _fire(self) -> None:
        with self._lock:
            if self._over:
                return
            self.cut = True
        try:
            with socket.socket(fileno=os.dup(self.connection.fileno())) as sock:
                sock.shutdown(socket.SHUT_RDWR)
        except (OSError, ValueError, Exception):  # noqa: BLE001 - already closed: nothing to cut
            pass

    def __enter__(self):
        self._timer = threading.Timer(self.seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, *exc):
        with self._lock:
            self._over = True
        self._timer.cancel()


def _pg_options(where: str) -> dict:
    """The connection settings a store adds to a ``postgresql://`` URL, unless the URL sets them."""
    from psycopg.conninfo import conninfo_to_dict

    given = conninfo_to_dict(where)
    wanted = {"connect_timeout": CONNECT_TIMEOUT, "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
              "keepalives_count": 3, "tcp_user_timeout": 1000 * CALL_TIMEOUT}
    options = {key: value for key, value in wanted.items() if key not in given}
    if "statement_timeout" not in str(given.get("options", "")):
        options["options"] = (str(given.get("options", "")) + f" -c statement_timeout={1000 * STATEMENT_TIMEOUT}").strip()
    return options


class Store:
    """The answers of one workshop. Use :func:`open_store` to make one; safe across threads."""

    def __init__(self, where: str | Path):
        self.where = str(where)
        self.kind = "postgresql" if self.where.startswith(("postgresql://", "postgres://")) else "sqlite"
        self._lock = threading.Lock()
        self._pool = None
        if self.kind == "postgresql":
            self._open_postgresql()
        else:
            folder = Path(where)
            folder.mkdir(parents=True, exist_ok=True)
            self.path = folder / FILE_NAME
            self._connection = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                               check_same_thread=False)
            self._mark = "?"
            self._connection.execute("PRAGMA busy_timeout=30000")
            self._connection.execute("PRAGMA synchronous=FULL")
            # Switching to WAL and creating the table take a lock that SQLite may refuse at once
            # (without waiting) while other kernels open the same new file: retry for a while.
            for attempt in range(300):
                try:
                    self._connection.execute("PRAGMA journal_mode=WAL")
                    self._connection.execute(_SCHEMA.format(id="INTEGER"))
                    for statement in _INDEXES.values():
                        self._connection.execute(statement.format(exists="IF NOT EXISTS "))
                    break
                except sqlite3.OperationalError as error:
                    if "locked" not in str(error) or attempt == 299:
                        raise
                    time.sleep(0.05)

    # ------------------------------------------------------------------ PostgreSQL

    def _open_postgresql(self) -> None:
        import psycopg  # noqa: F401 - a clear ImportError before the pool's
        from psycopg_pool import ConnectionPool

        def check(connection) -> None:  # before each use: a stale connection fails here and is replaced
            with _Deadline(connection, CALL_TIMEOUT):
                ConnectionPool.check_connection(connection)

        self._mark = "%s"
        self._pool = ConnectionPool(self.where, kwargs={"autocommit": True, **_pg_options(self.where)},
                                    min_size=1, max_size=2, open=False, check=check, timeout=CALL_TIMEOUT,
                                    num_workers=1, reconnect_timeout=24 * 3600, name="leading-products-answers")
        try:
            # A server that is down or unreachable fails within seconds, not after minutes.
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT + 2)
            with self._pg() as connection:
                self._prepare(connection)
        except BaseException:
            self._pool.close(timeout=0)
            raise

    @contextlib.contextmanager
    def _pg(self):
        """A checked connection from the pool, cut if the call takes more than :data:`CALL_TIMEOUT`."""
        with self._pool.connection(timeout=CALL_TIMEOUT) as connection:
            deadline = _Deadline(connection, CALL_TIMEOUT)
            try:
                with deadline:
                    yield connection
            except Exception as error:
                if deadline.cut:
                    raise TimeoutError(f"the answers store did not answer within {CALL_TIMEOUT} s") from error
                raise

    @staticmethod
    def _prepare(connection) -> None:
        """Create the table and its indexes where they are missing, and only then: a role that may
        only insert and read (a participant's) finds them made and needs no right to make them."""
        if connection.execute("SELECT to_regclass('answers')").fetchone()[0] is None:
            connection.execute(_SCHEMA.format(id="BIGSERIAL"))
        made = {row[0] for row in connection.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'answers'").fetchall()}
        for name, statement in _INDEXES.items():
            if name not in made:
                try:
                    connection.execute(statement.format(exists="IF NOT EXISTS "))
                except Exception:  # noqa: BLE001 - not the table's owner: reads are slower, nothing is lost
                    pass

    def _execute(self, statement: str, values=(), fetch: bool = False):
        """Run one statement (``?`` marks its values) and return its rows when ``fetch``."""
        statement = statement.replace("?", self._mark)
        if self._pool is not None:
            with self._pg() as connection:
                cursor = connection.execute(statement, values)
                return cursor.fetchall() if fetch else None
        with self._lock:
            cursor = self._connection.execute(statement, values)
            return cursor.fetchall() if fetch else None

    # ------------------------------------------------------------------ the API

    def save(self, participant, exercise, answer, saved_at: float | None = None) -> Answer:
        """Store ``answer`` (JSON data) for ``participant`` and ``exercise``; returns what was stored.

        It returns only once the answer is committed (acknowledged). ``saved_at`` (Unix time) is
        when the answer was given, if not now (an answer that waited for the store keeps its time).
        Raises :class:`AnswerError` with a sentence for the person when a name or the answer
        cannot be stored; any other error (a server that is down or hung, a full disk) means
        nothing was stored and the same save may be tried again.
        """
        who = clean_name(participant, "a display name")
        which = clean_name(exercise, "an exercise name")
        text = encode_answer(answer)
        return self.save_encoded(who, which, text, saved_at)

    def save_encoded(self, participant: str, exercise: str, text: str, saved_at: float | None = None) -> Answer:
        """:meth:`save` for an answer already encoded by :func:`encode_answer` (names cleaned again)."""
        who = clean_name(participant, "a display name")
        which = clean_name(exercise, "an exercise name")
        now = time.time() if saved_at is None else float(saved_at)
        self._execute("INSERT INTO answers (participant, exercise, answer, saved_at) VALUES (?, ?, ?, ?)",
                      (who, which, text, now))
        return Answer(who, which, json.loads(text), now)

    def answers(self, participant: str | None = None, exercise: str | None = None) -> list[Answer]:
        """Every saved answer in the order saved, optionally of one participant and/or exercise."""
        where, values = [], []
        if participant is not None:
            where.append("participant = ?")
            values.append(clean_name(participant))
        if exercise is not None:
            where.append("exercise = ?")
            values.append(clean_name(exercise, "an exercise name"))
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._execute(f"SELECT participant, exercise, answer, saved_at FROM answers{clause} ORDER BY id",
                             values, fetch=True)
        return [Answer(p, e, json.loads(a), float(t)) for p, e, a, t in rows]

    def latest(self, exercise: str | None = None) -> list[Answer]:
        """Each participant's last answer to each exercise (what a dashboard shows)."""
        last = {}
        for row in self.answers(exercise=exercise):
            last[(row.participant, row.exercise)] = row
        return list(last.values())

    def count(self) -> int:
        """How many answers are stored."""
        return int(self._execute("SELECT COUNT(*) FROM answers", fetch=True)[0][0])

    def export_csv(self, target=None, participant: str | None = None) -> str:
        """Write the answers (all, or one participant's) as CSV to ``target`` (a path or file).

        Columns: participant, exercise, answer (JSON), saved_at (UTC, ISO 8601). Each cell is
        written by :func:`spreadsheet_cell`: a text a spreadsheet would run as a formula gets an
        apostrophe first (and so does one that already starts with an apostrophe, so two cells
        never become one), a number stays a number. A file is written as UTF-8 with a byte order
        mark, so a spreadsheet opens it as UTF-8. Returns the CSV text (without the mark).
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        for row in self.answers(participant=participant):
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(row.saved_at))
            cells = [row.participant, row.exercise, json.dumps(row.answer, ensure_ascii=False, sort_keys=True), stamp]
            writer.writerow([spreadsheet_cell(c) for c in cells])
        text = buffer.getvalue()
        if target is not None:
            if hasattr(target, "write"):
                target.write(BOM + text)
            else:
                Path(target).write_text(BOM + text, encoding="utf-8", newline="")
        return text

    def check(self) -> bool:
        """True when the store's file passes SQLite's integrity check (always True for PostgreSQL)."""
        if self.kind != "sqlite":
            return True
        with self._lock:
            return self._connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def close(self) -> None:
        """Close the connection (the data stays)."""
        if self._pool is not None:
            self._pool.close(timeout=1)
            return
        with self._lock:
            self._connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


#: The byte order mark a CSV file starts with, so a spreadsheet reads it as UTF-8.
BOM = "\ufeff"
#: A cell's first characters that make a spreadsheet run it (formulas, and what some read as them).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_cell(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as it is and never runs as a formula.

    A number (``-3``, ``2.5e-4``) is left as it is, so it stays a number. A text that starts
    like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets an
    apostrophe first, and so does a text that already starts with one: two different texts
    stay two different cells (``=1`` becomes ``'=1``; ``'=1`` becomes ``''=1``).
    """
    if _NUMBER.fullmatch(text):
        return text
    if text[:1] in _FORMULA_START or text[:1] == "'":
        return "'" + text
    return text


def open_store(where: str | Path) -> Store:
    """The store in folder ``where`` (SQLite, created if needed) or at a ``postgresql://`` URL."""
    return Store(where)


def main(argv=None) -> int:
    """``python -m exercises.room.store export WHERE [--out FILE] [--participant NAME]``.

    Writes every answer (or one participant's) as CSV to ``--out`` (default: standard output)
    and says on standard error how many it wrote. A folder holding no store is an error, not a
    new empty store, so a mistyped folder never exports nothing silently.
    """
    parser = argparse.ArgumentParser(prog="python -m exercises.room.store",
                                     description="The answers store of workshop mode.")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write the answers as CSV")
    export.add_argument("where", help="the store's folder, or a postgresql:// URL")
    export.add_argument("--out", default="-", help="the CSV file to write (default: standard output)")
    export.add_argument("--participant", default=None, help="only this participant's answers")
    args = parser.parse_args(argv)
    where = args.where.strip()
    if not where:
        parser.error("say which store: a folder or a postgresql:// URL (STORE=... with make export)")
    if not where.startswith(("postgresql://", "postgres://")) and not (Path(where) / FILE_NAME).is_file():
        print(f"No answers store in {where}: it holds no {FILE_NAME}. Give the folder the workshop used "
              "(LEADING_PRODUCTS_STORE).", file=sys.stderr)
        return 1
    try:
        with open_store(where) as store:
            target = None if args.out == "-" else args.out
            text = store.export_csv(target, participant=args.participant)
    except AnswerError as err:
        print(err, file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - a server that is down, a file we cannot write
        print(f"The answers could not be exported: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
    rows = len(list(csv.reader(io.StringIO(text)))) - 1
    if target is None:
        sys.stdout.write(text)
    print(f"Exported {rows} answer{'s' if rows != 1 else ''} to {target or 'standard output'}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
