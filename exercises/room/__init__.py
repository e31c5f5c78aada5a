"""Workshop mode: a room of participants whose answers are kept for the facilitator.

:mod:`~exercises.room.store` (the answers store: SQLite or PostgreSQL, and its export),
:mod:`~exercises.room.participant` (who is answering, and saving each exercise's answer as it
changes, by listening to the kit) and :mod:`~exercises.room.dashboard` (the facilitator's view of
the room, drawn by each chapter's own ``room.py``). It builds on the kit; the kit never imports it.
"""
