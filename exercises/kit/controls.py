"""The controls a live exercise is made of: ipywidgets builders, and a control per declared input.

:func:`control` turns an input declared in a chapter's model (:mod:`exercises.kit.inputs`) into
its live control, labelled, ranged and started as declared. The other builders lay out panes,
buttons and rows, so every exercise (and workshop mode's name box and the room's dashboard)
looks the same. This module, :mod:`exercises.kit.live` and the chapters' ``widget.py`` are the
only ones that import ipywidgets.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from .inputs import Choice, Flag, Input, Number, Text
from .text import safe_text
from .theme import WARNING

__all__ = ["LABEL_STYLE", "MAX_PROBLEMS", "button", "checkbox", "column", "control", "dropdown", "pane",
           "problem_list", "row", "slider", "text_box"]

#: Width of the description column of labelled controls, so inputs line up.
LABEL_STYLE = {"description_width": "10em"}
#: Most problems listed at once; the rest are counted.
MAX_PROBLEMS = 6


def pane(text: str = "") -> widgets.HTML:
    """An HTML area for words the exercise writes (always escaped by the caller)."""
    return widgets.HTML(value=text, layout=widgets.Layout(width="100%"))


def button(description: str, tooltip: str, icon: str = "") -> widgets.Button:
    """A button sized to its words; ``tooltip`` says what it does."""
    return widgets.Button(description=description, tooltip=tooltip, icon=icon, layout=widgets.Layout(width="auto"))


def slider(description: str, value: int, low: int, high: int, width: str = "36em") -> widgets.IntSlider:
    """A labelled whole-number slider that answers when released (not at every pixel of a drag)."""
    return widgets.IntSlider(value=int(value), min=int(low), max=int(high), step=1, description=description,
                             continuous_update=False, style=LABEL_STYLE, layout=widgets.Layout(width=width))


def dropdown(description: str, options: Sequence, value, width: str = "30em") -> widgets.Dropdown:
    """A labelled dropdown."""
    return widgets.Dropdown(options=list(options), value=value, description=description, style=LABEL_STYLE,
                            layout=widgets.Layout(width=width))


def checkbox(description: str, value: bool = False) -> widgets.Checkbox:
    """A check box whose label is its description (not indented)."""
    return widgets.Checkbox(value=bool(value), description=description, indent=False)


def text_box(description: str, placeholder: str, width: str = "36em") -> widgets.Text:
    """A labelled text field whose value changes when the learner presses Enter or leaves it."""
    return widgets.Text(description=description, placeholder=placeholder, continuous_update=False,
                        style=LABEL_STYLE, layout=widgets.Layout(width=width))


def control(spec: Input, width: str = "36em") -> widgets.ValueWidget:
    """The live control for an input declared in a model: labelled, ranged and started as declared.

    A whole-number :class:`~exercises.kit.inputs.Number` is an ``IntSlider``, any other a
    ``FloatSlider``; a :class:`~exercises.kit.inputs.Choice` a menu; a
    :class:`~exercises.kit.inputs.Text` a text field; a :class:`~exercises.kit.inputs.Flag` a
    check box. The control carries its declaration as ``control.spec``.
    """
    if isinstance(spec, Number):
        kind = widgets.IntSlider if spec.whole else widgets.FloatSlider
        made = kind(value=spec.default, min=spec.low, max=spec.high, step=spec.step, description=spec.described,
                    continuous_update=False, style=LABEL_STYLE, layout=widgets.Layout(width=width))
    elif isinstance(spec, Choice):
        made = dropdown(spec.described, spec.pairs(), spec.default, width=width)
    elif isinstance(spec, Text):
        made = text_box(spec.described, spec.placeholder, width=width)
        made.value = spec.default
    elif isinstance(spec, Flag):
        made = checkbox(spec.described, spec.default)
    else:
        raise TypeError(f"no control for input {spec.name!r} ({type(spec).__name__})")
    made.spec = spec
    return made


def row(children: Sequence[widgets.Widget]) -> widgets.HBox:
    """Widgets side by side."""
    return widgets.HBox(list(children))


def column(children: Sequence[widgets.Widget]) -> widgets.VBox:
    """Widgets one under the other, full width."""
    return widgets.VBox(list(children), layout=widgets.Layout(width="100%"))


def problem_list(heading: str, problems: Sequence[str]) -> str:
    """HTML for a list of problems under a heading, escaped and announced to screen readers."""
    shown = "".join(f"<li>{safe_text(p)}</li>" for p in problems[:MAX_PROBLEMS])
    more = f"<li>…and {len(problems) - MAX_PROBLEMS} more.</li>" if len(problems) > MAX_PROBLEMS else ""
    return f'<div role="alert" style="color:{WARNING}"><p>{safe_text(heading)}</p><ul>{shown}{more}</ul></div>'
