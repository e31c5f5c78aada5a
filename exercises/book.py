"""The book's own set-up, called once by every chapter notebook: where the layers meet.

:func:`setup` draws charts for the current context (:func:`exercises.kit.display.setup`) and,
in workshop mode (a store named by ``LEADING_PRODUCTS_STORE``), saves every live exercise's
answer as the learner works (:func:`exercises.room.participant.attach`). It is the one place
that knows both the kit and the room; neither imports the other's way.
"""

from __future__ import annotations

import os

__all__ = ["setup"]


def setup() -> None:
    """Charts for this context; in workshop mode, answers kept as the learner works."""
    from .kit import display

    display.setup()
    if os.environ.get("LEADING_PRODUCTS_STORE", "").strip():
        from .room import participant

        participant.attach()
