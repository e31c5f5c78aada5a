"""The workshop's hidden cells in each app: charts made cheaply, and who is answering.

Copied next to the apps as ``lp_workshop.py`` (the kernels' working folder).

Charts. The book's live charts are altair ``JupyterChart`` widgets in offline mode; turning that
on makes every kernel build the same Vega bundle with vl-convert, which costs about 100 MB and
2 s per kernel. ``make workshop`` builds it once (``tools/room/apps.py`` writes
``_workshop/jupyterchart-offline.json``, the very script ``JupyterChart.enable_offline`` makes)
and :func:`place`, the first code cell of every app, hands it to ``JupyterChart``, whose
``enable_offline`` then has nothing left to do.

Names. A participant types a display name once, on the workshop's landing page; it is kept in the
browser (``localStorage``) and every app link carries it as ``?name=...``. With preheated
kernels (Voilà's ``preheat_kernel``) the notebook runs *before* anyone asks for the page, so
the name cannot be read in the first cell:

* :func:`place` (the app's first code cell) only shows an empty box near the top of the page;
* :func:`join` (the app's last cell) waits for the page's request (``voila.utils.get_query_string``
  blocks a preheated kernel until Voilà hands it the request; in a kernel started for the
  request it returns at once), reads ``name`` from the query string and hands it to
  ``exercises.room.participant.set_participant``. The box then shows the display-name field
  (``exercises.room.participant.name_box``): filled in with the name, or empty with the reason when
  the link had none or a bad one.

When the server knows the participant (``LEADING_PRODUCTS_PARTICIPANT``, set by JupyterHub)
that name wins. When no store is configured (``LEADING_PRODUCTS_STORE`` unset) nothing is
saved, so nothing about names is shown.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets
from IPython.display import display

from exercises.room import participant as workshop

__all__ = ["join", "keep_all", "name_from_query", "offline_charts", "place"]

#: Written by tools/room/apps.py into _workshop/, the parent of the apps' folder.
BUNDLE = Path(__file__).resolve().parent.parent / "jupyterchart-offline.json"

_box = widgets.VBox(layout=widgets.Layout(margin="0 0 1em 0"))
_box.add_class("lp-participant")


def _saving() -> bool:
    return workshop.enabled()


def name_from_query(query: str | None) -> str:
    """The ``name`` parameter of a query string ("" when absent); the first one wins."""
    values = parse_qs(query or "", keep_blank_values=True).get("name", [""])
    return values[0]


def offline_charts(bundle: Path = BUNDLE) -> bool:
    """Give altair's JupyterChart the offline script made once for the workshop; True if it took it.

    Nothing changes when the file is missing or was made by another altair version: the kit's
    ``setup()`` then builds the script in this kernel as usual.
    """
    import altair as alt

    if alt.JupyterChart._is_offline:
        return True
    try:
        made = json.loads(bundle.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if made.get("altair") != alt.__version__ or not made.get("esm"):
        return False
    alt.JupyterChart._esm = made["esm"]  # exactly what JupyterChart.enable_offline(True) sets
    alt.JupyterChart._is_offline = True
    return True


def place(name: bool = True) -> widgets.VBox | None:
    """The app's first code cell: offline charts made cheap, then (for a chapter) the still empty
    box where the participant's name goes; no box when nothing is saved."""
    offline_charts()
    if not name or not _saving():
        return None
    display(_box)
    return _box


def _query() -> str:
    try:
        from voila.utils import get_query_string
    except ImportError:  # not served by Voilà
        return os.environ.get("QUERY_STRING", "")
    return get_query_string() or ""


def _said(text: str) -> widgets.HTML:
    from exercises.kit.text import safe_text
    line = widgets.HTML(f"<p>{safe_text(text)}</p>")
    line.add_class("lp-participant-name")
    return line


def keep_all() -> int:
    """Save the answers given before a name was typed (:func:`exercises.room.participant.keep_waiting`)."""
    return workshop.keep_waiting()


def join(query: str | None = None) -> str:
    """Set the participant from the page's query string (or the server); return the name ("" when none).

    ``query`` defaults to the request's, waited for when the kernel was preheated.
    """
    if not _saving():
        return ""
    asked = name_from_query(_query() if query is None else query)
    problem = ""
    if not workshop.participant() and asked.strip():
        try:
            workshop.set_participant(asked)
        except Exception as err:  # AnswerError: a sentence for the participant
            problem = str(err)
    # The cells end with ";" so nothing returned here is shown twice. The name box shows the name (or asks for one) and offers the participant's own answers as CSV.
    box = workshop.name_box(on_change=lambda _: keep_all())
    if os.environ.get("LEADING_PRODUCTS_NAME_GATE") and hasattr(box, "field"):
        # The server's gate (tools/room/server/lp_gate.py) checked the page's name against this
        # browser's key: the name is chosen on the first page only, never typed here as someone else.
        box.field.disabled = True
        if not workshop.participant():
            problem = problem or ("Choose your display name on the workshop's first page, "
                                  "then open this chapter from there.")
    _box.children = ([_said(problem)] if problem else []) + [box]
    return workshop.participant()
