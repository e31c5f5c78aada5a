"""The Python package behind every Leading Products exercise.

One folder per chapter topic (listed in :data:`CHAPTERS`): ``model.py`` computes (pure
pandas), ``chart.py`` shows (altair), ``widget.py`` lets a person play (ipywidgets) and
pairs each live exercise with its static face. The shared layer, written once:
:mod:`exercises.kit.data` (scenario files with schemas), :mod:`exercises.kit.text` (learner text,
escaped), :mod:`exercises.kit.theme` (chart theme and colours), :mod:`exercises.kit.charts` (explorer
layout and chart helpers), :mod:`exercises.kit.display` (renderer per context),
:mod:`exercises.kit.live` (the base of every live exercise) and :mod:`exercises.kit.quiz` (the
static quiz component).
"""

__all__ = ["CHAPTERS"]

#: Every chapter's topic, in book order: the one list the benchmark, the contract test, the
#: browser tests and the live-notebook test read. ``make chapter TOPIC=name`` adds to it.
CHAPTERS = ("sequencing", "purpose", "status_quo", "delegation", "influence", "culture")
