"""The Python package behind every Leading Products exercise.

Three kinds of folder, each its own layer:

* one folder per chapter topic (listed in :data:`CHAPTERS`): ``model.py`` computes (pure
  pandas) and declares the exercise's inputs, ``chart.py`` shows (altair), ``widget.py`` lets a
  person play (ipywidgets) and pairs each live exercise with its static face, ``room.py`` draws
  the room's answers on the facilitator's dashboard;
* :mod:`exercises.kit`, the shared layer every chapter is built on, written once (inputs, data,
  text, theme, charts, controls, the live exercise, the quiz); it imports no chapter and nothing
  of workshop mode;
* :mod:`exercises.room`, workshop mode: the answers store, the participant, saving by listening
  to the kit, and the dashboard.

:func:`exercises.book.setup` (every notebook's first cell) is where the kit and the room meet.
"""

__all__ = ["CHAPTERS"]

#: Every chapter's topic, in book order: the one list the benchmark, the contract test, the
#: browser tests, the dashboard and the live-notebook test read. ``make chapter TOPIC=name`` adds to it.
CHAPTERS = ("sequencing", "purpose", "status_quo", "delegation", "influence", "culture", "plan")
