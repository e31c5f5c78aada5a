"""Workshop mode in a kernel: who is answering, where answers go, and saving them.

Workshop mode is on when the environment variable :data:`STORE_ENV`
(``LEADING_PRODUCTS_STORE``) names an answers store: a folder (SQLite) or a
``postgresql://`` URL (see :mod:`exercises.room.store`). When it is unset nothing is saved and
nothing about saving is shown, so the book, its build and its tests are unchanged.

The participant is the display name given to :func:`set_participant` (the name box, or the
server on the participant's behalf), else :data:`PARTICIPANT_ENV`
(``LEADING_PRODUCTS_PARTICIPANT``, which JupyterHub sets to the hub user's name).

Outside a workshop, the same saving keeps a learner's live answers in their own journal (a
store in a folder of theirs, opened by :mod:`exercises.room.journal` through
:func:`use_journal`), under :data:`JOURNAL_PARTICIPANT` unless a name is set. In the journal,
the value of each declared input of an exercise is kept too (under
:meth:`exercises.kit.inputs.Input.key`), so the exercise can start from it again. Workshop mode
wins over the journal: with :data:`STORE_ENV` set, the journal is not used.

:func:`attach` (called by :func:`exercises.book.setup` when a store is set) listens to the kit
(:func:`exercises.kit.live.listen`): after each change of a live exercise, its answer
(:meth:`exercises.kit.live.LiveExercise.answer`) is saved under the key
``"<topic>/<exercise name>"``, a moment after the learner pauses (:data:`SAVE_DELAY`) and only
when it changed (:func:`keep`, :func:`flush`).

Nothing is lost when the store falters. Every save goes through this process's outbox
(:mod:`exercises.room.outbox`): a worker thread talks to the store, never the kernel's event
loop, so a slow or hung store never freezes a page; an answer that could not be saved is kept
(in the kernel, and in a small file on disk) and tried again in the background until it lands.
Meanwhile the exercise says so once, "not saved yet, trying again" (:data:`NOT_YET`), and the
sentence goes away when it lands. :func:`save` never raises and, once the store is open, never
waits more than :data:`SAVE_WAIT` seconds: it returns ``False`` and :func:`last_problem` says why.

Examples
--------
>>> import os; os.environ["LEADING_PRODUCTS_STORE"] = folder     # doctest: +SKIP
>>> set_participant("Ada")                                        # doctest: +SKIP
'Ada'
>>> save("sequencing/order", {"order": ["S1", "G1"]})             # doctest: +SKIP
True
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import threading
import urllib.parse
import weakref

from . import outbox as _outbox_module
from .store import BOM, AnswerError, Store, clean_name, encode_answer, open_store
from ..kit.text import safe_text

__all__ = ["FIRST_WAIT", "JOURNAL_PARTICIPANT", "NOT_YET", "PARTICIPANT_ENV", "SAVE_DELAY", "SAVE_WAIT", "STORE_ENV", "attach",
           "download_link", "enabled", "flush", "journal", "keep", "keep_waiting", "keeping", "kept", "last_problem",
           "name_box", "outbox", "participant", "save", "set_participant", "store", "use_journal", "waiting"]

#: Seconds after the learner's last change before an exercise's answer is saved.
SAVE_DELAY = 0.4
#: Longest a caller waits to hear that its answer landed (the kernel's page never waits on the store).
SAVE_WAIT = 0.8
#: Longest the first :func:`save` of a process waits: the store is opened then (a connection at most).
FIRST_WAIT = 5.0
#: Seconds after a save in a kernel before the exercise says it has not landed yet (a hung or very busy
#: store; a save that fails says so at once). A busy room takes a few seconds: no note for that.
NOTE_AFTER = 5.0
#: How long a reader of the store waits, at most, for the answers a killed kernel left to land.
SETTLE_WAIT = 3.0
#: The one note an exercise shows while its answer waits for the store; it goes away when it lands.
NOT_YET = ("Not saved yet, trying again: {why} Keep working; your answers wait here and are saved "
           "as soon as it answers.")

#: Environment variable naming the answers store: a folder or a ``postgresql://`` URL.
STORE_ENV = "LEADING_PRODUCTS_STORE"
#: Environment variable holding the participant's display name, when the server knows it.
PARTICIPANT_ENV = "LEADING_PRODUCTS_PARTICIPANT"
#: Whose answers a journal keeps when no name is set: the learner themselves.
JOURNAL_PARTICIPANT = "me"

_state: dict = {"participant": "", "store": None, "where": None, "pid": None, "problem": "", "journal": None}


def _workshop() -> str:
    return os.environ.get(STORE_ENV, "").strip()


def _where() -> str:
    """Where answers go: the workshop's store, else the journal's folder when one is in use, else ``""``."""
    return _workshop() or (_state.get("journal") or "")


def enabled() -> bool:
    """True when workshop mode is on (:data:`STORE_ENV` names a store). Cheap: reads the environment."""
    return bool(_workshop())


def journal() -> str | None:
    """The folder of the learner's journal when answers go there (outside a workshop), else None."""
    return None if _workshop() else _state.get("journal") or None


def keeping() -> bool:
    """True when answers are kept: in workshop mode, or in the learner's journal."""
    return bool(_where())


def use_journal(folder) -> None:
    """Keep answers in the journal at ``folder`` when workshop mode is off (None: keep none).

    Called by :func:`exercises.room.journal.start`; the store is opened at the first save.
    """
    where = str(folder) if folder else None
    if where != _state.get("journal"):
        _forget_store()
    _state["journal"] = where


def _help() -> str:
    """Whom to tell when saving fails, as the end of a sentence."""
    if journal():
        return "check that you can write to your journal's folder, " + journal()
    return "tell your facilitator"


def participant() -> str:
    """The participant's display name: the one set by :func:`set_participant`, else
    :data:`PARTICIPANT_ENV` (cleaned), else, in a journal, :data:`JOURNAL_PARTICIPANT`, else ``""``."""
    if _state["participant"]:
        return _state["participant"]
    try:
        return clean_name(os.environ.get(PARTICIPANT_ENV, ""))
    except AnswerError:
        return JOURNAL_PARTICIPANT if journal() else ""


def set_participant(name) -> str:
    """Make ``name`` this kernel's participant and return it as stored.

    The name is cleaned with :func:`exercises.room.store.clean_name` (one line, control
    characters dropped, invalid unicode replaced, at most 80 characters); it is data only
    and never becomes a path.

    Raises
    ------
    exercises.room.store.AnswerError
        With a sentence for the person, when the name is empty, too long or not text.
    """
    cleaned = clean_name(name)
    _state["participant"] = cleaned
    return cleaned


def store() -> Store | None:
    """The answers store named by :data:`STORE_ENV` (else the journal in use), opened once per
    process; None when neither.

    Raises
    ------
    exercises.room.store.AnswerError
        When the store cannot be opened (the next call tries again).
    """
    where = _where()
    if not where:
        return None
    if _box["outbox"] is not None and _box.get("pid") == os.getpid():
        _box["outbox"].settle(SETTLE_WAIT)  # answers a killed kernel left are read like the rest
    try:
        return _open(where)
    except Exception as err:  # noqa: BLE001 - a folder we cannot write, a server that is down
        if journal():
            raise AnswerError("Your journal cannot be opened just now; "
                              f"{_help()} ({type(err).__name__}).") from err
        raise AnswerError("The answers store cannot be reached just now. "
                          f"Tell your facilitator ({type(err).__name__}).") from err


_opening = threading.RLock()


def _open(where: str) -> Store:
    """The store at ``where``, opened once per process and shared with the outbox's worker (may raise).

    The lock is held only to read and set which store is open, never while a store opens: a
    server that hangs while one thread connects does not hold up another thread (a reader, the
    download link) that wants a store already open, or another store."""
    def current():
        state = _state
        if state["store"] is not None and state["where"] == where and state["pid"] == os.getpid():
            return state["store"]
        return None

    with _opening:
        found = current()
    if found is not None:
        return found
    opened = open_store(where)
    with _opening:
        found = current()
        if found is not None:  # another thread opened it meanwhile: keep theirs
            with contextlib.suppress(Exception):
                opened.close()
            return found
        if _state["store"] is not None and _state["pid"] == os.getpid():
            _forget_store()
        _state.update(store=opened, where=where, pid=os.getpid())
        return opened


def _forget_store(where: str | None = None) -> None:
    """Drop the open store (after a failure: the next save opens it again); only the one at
    ``where`` when given. A PostgreSQL store is kept: its pool replaces broken connections itself."""
    with _opening:
        opened = _state["store"]
        if opened is None or (where is not None and (_state["where"] != where
                                                     or getattr(opened, "kind", "") == "postgresql")):
            return
        _state["store"] = None
        if _state["pid"] == os.getpid():
            try:
                opened.close()
            except Exception:  # noqa: BLE001 - it is already broken
                pass


_box: dict = {"outbox": None}


def outbox() -> "_outbox_module.Outbox":
    """This process's outbox (:class:`exercises.room.outbox.Outbox`), made at first use."""
    if _box["outbox"] is None or _box.get("pid") != os.getpid():
        _box.update(outbox=_outbox_module.Outbox(_open, _forget_store, _place), pid=os.getpid())
    return _box["outbox"]


def _place(where: str):
    return _outbox_module.folder(where, journal=journal())


def waiting() -> list:
    """The answers of this process not saved yet (:class:`exercises.room.outbox.Pending`), oldest first."""
    return outbox().pending() if _box["outbox"] is not None else []


def _not_yet(error: str = "") -> str:
    if journal():
        why = "your journal cannot be written just now" + (f" ({error})." if error else ".")
    else:
        why = "the answers store is not answering just now" + (f" ({error})." if error else ".")
    return NOT_YET.format(why=why[0].upper() + why[1:])


def _post(key: str, answer, listener=None):
    """Check and encode ``answer``, then queue it for the store; the :class:`~exercises.room.outbox.Pending`,
    or None with :func:`last_problem` set (no name, an answer or name the store cannot hold)."""
    who = participant()
    if not who:
        _state["problem"] = "Your answer is not kept yet: enter your display name first."
        return None
    try:
        which = clean_name(key, "an exercise name")
        text = encode_answer(answer)
    except AnswerError as err:
        _state["problem"] = str(err)
        return None
    return outbox().post(_where(), who, which, text, listener)


def _outcome(item, waited: bool) -> bool:
    """True when ``item`` landed; else :func:`last_problem` says why (refused, or not yet)."""
    if item.outcome == "saved":
        return True
    _state["problem"] = item.problem if item.outcome == "refused" else _not_yet(item.error if waited else "")
    return False


def save(key: str, answer, wait: float | None = None) -> bool:
    """Save ``answer`` (plain JSON data) for the current participant under ``key``.

    The answer goes to the store through this process's outbox (a worker thread). Returns True
    once it is committed (acknowledged), waiting at most ``wait`` seconds to hear so (default
    :data:`SAVE_WAIT`; :data:`FIRST_WAIT` while this process has not opened the store yet, as
    opening takes a connection; the kit's own saves, :func:`flush`, never wait in a kernel). Returns False, and never raises, when nothing is kept (no
    workshop, no journal), no participant is set, ``answer`` is None, the store cannot hold it,
    or it has not landed yet: it is then kept and tried again until it lands. :func:`last_problem`
    says which, in a sentence for the person (empty when there was nothing to save).
    """
    _state["problem"] = ""
    if not keeping() or answer is None:
        return False
    if wait is None:  # the first save of a process also waits for the store to open (a connection, at most)
        opened = _state["store"] is not None and _state["where"] == _where() and _state["pid"] == os.getpid()
        wait = SAVE_WAIT if opened else FIRST_WAIT
    item = _post(key, answer)
    if item is None:
        return False
    item.tried.wait(wait)
    return _outcome(item, item.tried.is_set())


# --------------------------------------------------------------------------- saving as the learner works

#: Per live exercise: the (participant, answer JSON) last saved, the save waiting for a pause,
#: whether its last save failed for want of a name, and (in a journal) the participant and the
#: ``{input key: value JSON}`` of its declared inputs last kept.
_exercises: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_attached: dict = {"stop": None}


def attach() -> None:
    """Save every live exercise's answer as the learner works (listen to the kit); idempotent."""
    from ..kit.live import listen

    if _attached["stop"] is None:
        _attached["stop"] = listen(keep)
    if keeping():  # open the store now, off the event loop, and take over what a dead kernel left
        outbox().adopt(_where())


def detach() -> None:
    """Stop saving (the tests; a kernel that leaves workshop mode)."""
    stop, _attached["stop"] = _attached["stop"], None
    if stop is not None:
        stop()


def _kept_state(exercise) -> dict:
    if exercise not in _exercises:
        _exercises[exercise] = {"kept": None, "sent": None, "pending": None, "waiting": False, "inputs": (None, {}),
                                "posted": [], "problem": ""}
    return _exercises[exercise]


def kept(exercise):
    """``(participant, answer as JSON text)`` last saved for ``exercise``, or None."""
    return _kept_state(exercise)["kept"]


def keep(exercise) -> None:
    """Save ``exercise``'s answer soon, once the learner pauses.

    Does nothing (and costs nothing) when nothing is kept (no workshop, no journal) or the exercise has no key. In
    a kernel (a running event loop) the save waits :data:`SAVE_DELAY` seconds after the last
    change and runs between messages, so a live update never waits for the store, and a slider
    dragged through ten values saves once; with no running loop (a script, the tests) it saves
    at once. See :func:`flush`.
    """
    if getattr(exercise, "key", None) is None or not keeping():
        return
    state = _kept_state(exercise)
    if state["pending"] is not None:
        state["pending"].cancel()
        state["pending"] = None
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is None or SAVE_DELAY <= 0:
        flush(exercise)
    else:
        state["pending"] = loop.call_later(SAVE_DELAY, flush, exercise)


def _as_json(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _inputs_due(exercise, who: str, state: dict) -> dict:
    """In a journal, ``{input key: value}`` of ``exercise``'s declared inputs not kept yet for ``who``."""
    if not journal() or not getattr(exercise, "INPUTS", ()):
        return {}
    last_who, last = state["inputs"]
    last = last if last_who == who else {}
    values = exercise.values()
    due = {}
    for spec in exercise.INPUTS:
        key, value = spec.key(exercise.key), values.get(spec.name)
        if last.get(key) != _as_json(value):
            due[key] = value
    return due


def flush(exercise) -> bool:
    """Save ``exercise``'s current answer now if it changed since the last save; True when stored.

    In a journal the values of its declared inputs that changed are saved too, each under its
    key (:meth:`exercises.kit.inputs.Input.key`), before the answer: an answer acknowledged
    (:func:`kept`) has its inputs kept with it. The answer goes to the store through the outbox
    (:func:`outbox`): in a kernel (a running event loop) this returns at once and the exercise
    hears when it lands; elsewhere it waits at most :data:`SAVE_WAIT` seconds. An answer the
    store cannot hold puts the store's own sentence under the exercise's notice
    (:meth:`exercises.kit.live.LiveExercise.footnote`); one that waits for the store puts
    :data:`NOT_YET` there until it lands. It never raises.
    """
    state = _kept_state(exercise)
    state["pending"] = None
    if getattr(exercise, "key", None) is None or not keeping():
        return False
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    try:
        answer = exercise.answer()
        who = participant()
        inputs = _inputs_due(exercise, who, state)
        if answer is None and not inputs:
            return False
        state["problem"] = ""
        if not who:
            state["problem"] = "Your answer is not kept yet: enter your display name first."
        else:
            current = None
            if answer is not None:
                try:  # the store's own check: an answer too deep or too long gets its sentence, not a RecursionError
                    current = (who, encode_answer(answer))
                except AnswerError as err:
                    state["problem"] = str(err)
            listener = _listener(exercise, loop)
            for key, value in inputs.items():
                item = _post(key, value, listener)
                if item is None:  # a value the store refuses (a huge text): the answer is still kept
                    state["problem"] = state["problem"] or last_problem()
                    continue
                state["posted"].append(item)
                state["inputs"] = (who, {**(state["inputs"][1] if state["inputs"][0] == who else {}),
                                         key: _as_json(value)})
            if current is not None and current != state["sent"]:
                item = _post(exercise.key, answer, listener)
                if item is None:
                    state["problem"] = last_problem()
                else:
                    state["posted"].append(item)
                    state["sent"] = current
        if state["posted"]:
            if loop is None:
                state["posted"][-1].tried.wait(SAVE_WAIT)
            else:
                loop.call_later(NOTE_AFTER, _show, weakref.ref(exercise), True)
    except Exception as err:  # noqa: BLE001 - saving must never break the exercise
        state["problem"] = f"Your answer could not be saved ({type(err).__name__}); {_help()}."
    state["waiting"] = bool(state["problem"]) and not participant()
    return _show(exercise, loop is None)


def _listener(exercise, loop):
    """What the outbox calls (in its thread) about an answer of ``exercise``: handled on ``loop`` if any."""
    ref = weakref.ref(exercise)

    def heard(item) -> None:
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(_heard, ref, item)
                return
            except RuntimeError:  # the loop closed meanwhile
                pass
        _heard(ref, item)

    return heard


def _heard(ref, item) -> None:
    exercise = ref() if isinstance(ref, weakref.ref) else ref
    if exercise is None:
        return
    state = _kept_state(exercise)
    if item.outcome == "saved" and item.exercise == exercise.key:
        state["kept"] = (item.participant, item.text)
    if item.outcome == "refused":
        state["problem"] = item.problem
        if item.exercise == exercise.key:
            state["sent"] = None
    if item.outcome:
        state["posted"] = [i for i in state["posted"] if i is not item]
    _show(exercise, False)


def _show(exercise, late: bool = False) -> bool:
    """Put the one right sentence under ``exercise``'s notice; True when none of its answers waits.

    The sentence is :data:`NOT_YET` while an answer waits for the store after a failed save (or,
    when ``late``, has not landed yet), else the last problem (no name, an answer refused), else none.
    """
    if isinstance(exercise, weakref.ref):
        exercise = exercise()
        if exercise is None:
            return False
    state = _kept_state(exercise)
    posted = [i for i in state["posted"] if not i.outcome]
    state["posted"] = posted
    stuck = [i for i in posted if i.failing or late]
    note = _not_yet(stuck[0].error) if stuck else state["problem"]
    try:
        exercise.footnote(note)
    except Exception:  # noqa: BLE001 - a closed page: nothing to say it on
        pass
    return not posted and not state["problem"]


def keep_waiting() -> int:
    """Save, now that a name is known, the answers that could not be saved without one.

    A participant who changed an exercise before typing a name sees "enter your display name
    first" under it; this saves its current answer and clears the sentence. Exercises nobody has
    touched are left alone (nothing was given). Returns how many it tried.
    """
    waiting = [exercise for exercise, state in list(_exercises.items()) if state["waiting"]]
    for exercise in waiting:
        flush(exercise)
    return len(waiting)


def last_problem() -> str:
    """Why the last :func:`save` kept nothing, as a sentence (``""`` if it saved or had nothing to save)."""
    return _state["problem"]


def download_link(name: str | None = None) -> str:
    """HTML: a link that downloads ``name``'s answers (default: the participant's) as CSV.

    The CSV is inside the link (a ``data:`` URL), so it needs no server route and no network.
    Returns a sentence instead when there is no store, no participant or nothing saved yet.
    """
    who = participant() if name is None else name
    if not who:
        return "<p>Enter your display name first: your answers are kept under it.</p>"
    try:
        opened = store()
        if opened is None:
            return "<p>Workshop mode is off: no answers are kept.</p>"
        text = opened.export_csv(participant=who)
    except AnswerError as err:
        return f"<p>{safe_text(str(err))}</p>"
    except Exception as err:  # noqa: BLE001
        _forget_store()
        return f"<p>Your answers cannot be read just now ({safe_text(type(err).__name__)}); try again.</p>"
    rows = text.count("\n") - 1
    if rows <= 0:
        return "<p>Nothing saved yet: your answers appear here once you change an exercise.</p>"
    url = "data:text/csv;charset=utf-8," + urllib.parse.quote(BOM + text)  # a spreadsheet reads it as UTF-8
    return (f'<p><a href="{url}" download="my-answers.csv">Download my answers</a> '
            f"({rows} saved answer{'s' if rows != 1 else ''}, CSV).</p>")


def name_box(on_change=None):
    """The participant's display-name field, with a message and a "Download my answers" link.

    Pressing Enter (or leaving the field) sets the name with :func:`set_participant`; a bad
    name is refused with a sentence and the previous one is kept. When the server already
    knows the name (:data:`PARTICIPANT_ENV`) the field shows it. When workshop mode is off the
    box is empty and hidden: nothing about saving is shown.

    Parameters
    ----------
    on_change : callable, optional
        Called with the cleaned name each time a name is accepted (for a server that carries
        the name across a participant's apps).

    Returns
    -------
    ipywidgets.VBox
        With attributes ``field`` (the text box), ``message`` (HTML), ``download`` (button)
        and ``link`` (HTML) for tests and servers.
    """
    from ..kit.controls import button, column, pane, row, text_box

    if not enabled():
        box = column([])
        box.layout.display = "none"
        return box
    field = text_box("Your name", "The name the room sees, e.g. Ada L.", width="30em")
    field.value = participant()
    message, link = pane(), pane()
    download = button("Download my answers", "Make a CSV file of every answer you saved")

    def said(text: str, problem: bool = False) -> None:
        role = "alert" if problem else "status"
        message.value = f'<p role="{role}">{safe_text(text)}</p>'

    def accept(change) -> None:
        try:
            name = set_participant(change["new"])
        except AnswerError as err:
            kept = participant()
            said(f"{err} Your answers stay under “{kept}”." if kept else str(err), problem=True)
            return
        said(f"Your answers are saved as {name}.")
        if on_change is not None:
            on_change(name)

    def prepare(_button) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            link.value = download_link()
            return
        # In a kernel the store is read in a thread, so a slow or hung store never freezes the page.
        link.value = '<p role="status">Reading your answers…</p>'

        def read() -> None:
            made = download_link()
            try:
                loop.call_soon_threadsafe(setattr, link, "value", made)
            except RuntimeError:  # the kernel is closing
                pass

        threading.Thread(target=read, name="leading-products-download", daemon=True).start()

    if participant():
        said(f"Your answers are saved as {participant()}.")
    else:
        said("Enter a display name and press Enter: your answers are kept under it for the facilitator.")
    field.observe(accept, names="value")
    download.on_click(prepare)
    box = column([row([field, download]), message, link])
    box.field, box.message, box.download, box.link = field, message, download, link
    return box
