"""The kit: the shared layer every chapter is built on, written once.

:mod:`~exercises.kit.inputs` (each input of an exercise, declared once), :mod:`~exercises.kit.data`
(scenario files with schemas), :mod:`~exercises.kit.text` (learner text, cleaned and escaped),
:mod:`~exercises.kit.theme` (chart theme and colours), :mod:`~exercises.kit.charts` (explorer
layout and chart helpers), :mod:`~exercises.kit.display` (the renderer per context),
:mod:`~exercises.kit.controls` (ipywidgets builders), :mod:`~exercises.kit.live` (the base of
every live exercise, and :class:`~exercises.kit.live.Exercise`, its two faces) and
:mod:`~exercises.kit.quiz` (the static quiz component).

The kit imports no chapter and nothing of workshop mode (:mod:`exercises.room`): a live
exercise tells whoever listens that it changed (:func:`exercises.kit.live.listen`).
"""
