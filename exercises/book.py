"""The book's own set-up, called once by every chapter notebook: where the layers meet.

:func:`setup` draws charts for the current context (:func:`exercises.kit.display.setup`) and
keeps the learner's live answers as they work:

* in workshop mode (a store named by ``LEADING_PRODUCTS_STORE``), in the workshop's store
  (:func:`exercises.room.participant.attach`);
* otherwise, in the live context (JupyterLab, Voilà, Binder), in the learner's own journal
  (:func:`exercises.room.journal.start`: a folder of theirs, ``LEADING_PRODUCTS_JOURNAL=off``
  turns it off), from which an exercise built again starts;
* in the static context (notebooks executed for the site, the tests), nowhere: nothing is kept
  and nothing about saving is shown.

It is the one place that knows both the kit and the room; neither imports the other's way.
"""

from __future__ import annotations

import os

__all__ = ["setup"]


def setup() -> None:
    """Charts for this context; answers kept as the learner works (workshop store, else journal when live)."""
    from .kit import display

    display.setup()
    if os.environ.get("LEADING_PRODUCTS_STORE", "").strip():
        from .room import participant

        participant.attach()
    elif display.render_mode() == "live":
        from .room import journal

        journal.start()
