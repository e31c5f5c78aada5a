"""The Python package behind every Leading Products exercise.

One folder per topic: ``model.py`` computes (pure pandas), ``chart.py`` shows (altair),
``widget.py`` lets a person play (ipywidgets). Shared helpers: :mod:`exercises.data`
(scenario files with schemas), :mod:`exercises.text` (learner text, escaped),
:mod:`exercises.theme` (chart theme), :mod:`exercises.display` (renderer per context).
"""
