"""Chart helpers every chapter shares: the explorer layout, words drawn in a chart, colours.

A chapter's ``chart.py`` holds only what is particular to its exercises; the layout of a
static explorer (words above a picture, inputs below, a title and a description a screen
reader reads) is written here once. Colours come only from :mod:`exercises.kit.theme`.
"""

from __future__ import annotations

import string
import textwrap

import altair as alt
import pandas as pd

from .inputs import Choice, Flag, Input, Number, Text
from .text import SHARED_FORMAT
from .theme import BEST, INK, PALETTE, WARNING

__all__ = ["LABEL_STATUSES", "WIDTH", "WORDS_FIELD", "WORDS_MARK", "is_words", "wrap_title", "best_line", "bound",
           "explorer", "label_chart", "one_at_a_time", "one_row", "quadrant_lines", "vega_sentence", "vega_string",
           "warning_words", "words"]

#: Width of a chart's plotting area in pixels. The whole chart (a y axis with its labels and title,
#: the plot, padding) fits the 358 px text column of a 390 px phone held upright; see
#: ``tests/test_site.py::test_page_in_every_mode_and_width``.
WIDTH = 270
#: Title and subtitle lines of an explorer are wrapped to this many characters (16 px and 13 px type).
TITLE_CHARS, SUBTITLE_CHARS = 38, 48
#: The item description that tags a result sentence (see :func:`words`); the page looks for it.
WORDS_MARK = "lp-words"
#: The field of a :func:`words` row the page reads its sentence from.
WORDS_FIELD = "label"


def words(chart: alt.Chart, colour: str = INK, height: int | None = None) -> alt.Chart:
    """The result sentence of an explorer: a computed ``label`` field the page shows as text.

    The words are computed in the page by Vega, but not drawn in the picture: the mark's items
    hold no text (their rows hold it, in :data:`WORDS_FIELD`), take a zero-height area, are hidden
    from screen readers (``aria=False``) and are tagged with the item description
    :data:`WORDS_MARK` (``WORDS_MARK + " warning"`` in the warning colour). The static page
    (:func:`exercises.kit.display.static_html`) reads the tagged items' rows after every change
    and writes their lines as HTML above the chart, in an ``aria-live="polite"`` region: HTML
    wraps on any width, and a screen reader hears each new sentence once. As the picture draws
    no text for them, a change of sentence costs the page no text layout inside the picture.

    Parameters
    ----------
    chart : altair.Chart
        A chart whose rows carry a ``label`` field (:data:`WORDS_FIELD`: a string, or a list of
        strings for several lines), usually made with ``transform_calculate(label=...)``.
    colour : str
        :data:`~exercises.kit.theme.WARNING` marks the lines as a warning (the page draws them in
        its warning colour); any other colour of :mod:`exercises.kit.theme`, as plain words.
    height : int, optional
        Kept for old callers; the words take no room in the picture whatever it says.

    Returns
    -------
    altair.Chart
    """
    tag = WORDS_MARK + (" warning" if colour == WARNING else "")
    return chart.mark_text(clip=True, opacity=0, aria=False, description=tag).encode(
        x=alt.value(0), y=alt.value(0), text=alt.value("")).properties(height=0)


def vega_string(text: str) -> str:
    """``text`` as a string literal inside a Vega expression: quotes, backslashes and every line
    terminator (``\\n``, ``\\r``, U+2028, U+2029) escaped, so no text can break the expression."""
    escaped = (str(text).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
               .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return f"'{escaped}'"


def vega_sentence(template: str, fields: dict[str, str] | None = None) -> str:
    """A Vega expression that fills ``template`` in the page as Python's ``template.format`` does.

    The words of a verdict are written once, in Python, as a ``str.format`` template (the live
    face fills it with :meth:`str.format`); this turns the same template into the static face's
    expression (the live face fills it with :func:`exercises.kit.text.fill`, which rounds as Vega
    does). ``{name}`` becomes ``datum.name`` (or ``fields[name]``, any Vega expression), and
    ``{name:.1f}`` / ``{name:,.0f}`` / ``{name:.0%}`` its d3 ``format`` (the same notation).

    Raises
    ------
    ValueError
        For a format the two languages do not share.
    """
    fields = fields or {}
    parts = []
    for literal, name, spec, _conv in string.Formatter().parse(template):
        if literal:
            parts.append(vega_string(literal))
        if name is None:
            continue
        value = fields.get(name, f"datum.{name}")
        if spec:
            if not SHARED_FORMAT.match(spec):
                raise ValueError(f"the format {{{name}:{spec}}} is not one Python and Vega share")
            parts.append(f"format({value}, {vega_string(spec)})")
        else:
            parts.append(f"('' + {value})")
    return " + ".join(parts) or "''"


def warning_words(chart: alt.Chart) -> alt.Chart:
    """Like :func:`words`, in the warning colour, for a message that explains why there is no value."""
    return words(chart, colour=WARNING)


def best_line(chart: alt.Chart, **encoding) -> alt.Chart:
    """The best possible answer as a dashed black line, hidden from screen readers (the
    chart's description and words say what it marks); ``encoding`` gives its x and y."""
    return chart.mark_line(color=BEST, strokeDash=[6, 3], strokeWidth=2, aria=False).encode(**encoding)


def one_row(base: alt.Chart) -> alt.Chart:
    """One row from ``base`` (for a mark drawn once, whatever the data): keeps a single dataset."""
    return base.transform_aggregate(rows="count()")


def quadrant_lines(base: alt.Chart, split: float, names: dict, corners: dict, font_size: int = 12) -> list[alt.Chart]:
    """The two dashed lines that split a 2x2 map at ``split`` on both axes, and each box's name.

    ``names`` and ``corners`` share their keys, ``(top, right)`` pairs of booleans: ``names``
    gives each box's name, ``corners`` the ``(x, y, align)`` where it is written (top names
    hang below ``y``, bottom names sit above it). Every layer reads ``base``'s one dataset.
    """
    rule = one_row(base).mark_rule(color="#999999", strokeDash=[4, 4], aria=False)
    layers = [rule.encode(x=alt.datum(split)), rule.encode(y=alt.datum(split))]
    for where, name in names.items():
        x, y, align = corners[where]
        layers.append(one_row(base).mark_text(align=align, baseline="top" if where[0] else "bottom",
                                              fontSize=font_size, fontStyle="italic", color="#444444",
                                              aria=False).encode(x=alt.datum(x), y=alt.datum(y), text=alt.value(name)))
    return layers


def wrap_title(text: str | list[str], chars: int) -> str | list[str]:
    """``text`` as it fits a phone: itself when it has at most ``chars`` characters, else a list
    of lines of at most ``chars`` (Vega draws a title's list as lines; a long line widens the chart)."""
    if not isinstance(text, str):
        return list(text)
    return text if len(text) <= chars else textwrap.wrap(text, chars, break_on_hyphens=False)


def is_words(chart: alt.TopLevelMixin) -> bool:
    """Whether ``chart`` holds only result sentences made by :func:`words` (a unit or a layer of them)."""
    spec = chart.to_dict(validate=False) if hasattr(chart, "to_dict") else chart
    units = spec.get("layer", [spec])
    return bool(units) and all(
        "layer" not in u and isinstance(u.get("mark"), dict)
        and str(u["mark"].get("description", "")).startswith(WORDS_MARK) for u in units)


def explorer(top: alt.TopLevelMixin, picture: alt.TopLevelMixin, params: list, *, title: str, subtitle: str,
             description: str, words_height: int = 40) -> alt.VConcatChart:
    """A static explorer: a result sentence and a picture, both driven by parameters bound to inputs.

    Parameters
    ----------
    top : altair chart
        The words (see :func:`words`), computed in the page from the model's data: the page
        shows them as HTML text above the picture (they take no room in it). Any other chart
        is drawn above the picture, ``words_height`` pixels high.
    picture : altair chart
        The chart itself, already sized.
    params : list of altair.Parameter
        Parameters bound to inputs (sliders, selects, radios); Vega draws them under the chart.
    title, subtitle : str
        What the explorer asks the reader to do, and how to read it (long ones are wrapped
        into lines that fit a phone, see :func:`wrap_title`).
    description : str
        A sentence saying in words what the chart shows (read by screen readers and printed
        under the chart on the static site).
    words_height : int
        Height of a ``top`` that is not only words, in pixels (20 a line).

    Returns
    -------
    altair.VConcatChart
    """
    heading = alt.Title(wrap_title(title, TITLE_CHARS), subtitle=wrap_title(subtitle, SUBTITLE_CHARS))
    if is_words(top):
        return alt.vconcat(top.properties(width=WIDTH, height=0), picture, spacing=0).add_params(
            *params).properties(title=heading, description=description)
    return alt.vconcat(top.properties(width=WIDTH, height=words_height), picture).add_params(*params).properties(
        title=heading, description=description)


def bound(spec: Input, widget: str = "", values=None) -> alt.Parameter:
    """The static face's input for ``spec``: an altair parameter named ``spec.name``, starting
    at ``spec.default`` and bound to an input labelled as the live control is.

    A :class:`~exercises.kit.inputs.Number` becomes a slider over its range in its step
    (``widget="select"``: a menu of its grid values); a :class:`~exercises.kit.inputs.Choice`
    a menu (``widget="radio"``: radio buttons) of its options, shown by their labels; a
    :class:`~exercises.kit.inputs.Flag` a check box; a :class:`~exercises.kit.inputs.Text` a text
    box (with its placeholder; the page's expressions read what is typed as a string, never as
    code). ``values`` narrows the options offered
    (the grid the model computed); the default must be among them.
    """
    # "Delegated (%): ", but a question keeps its own mark: "Your guess: who is ahead at week 52? "
    name = spec.described + ("" if spec.described.endswith(("?", ":")) else ":") + " "
    if isinstance(spec, Number):
        options = list(values if values is not None else spec.grid)
        if widget == "select" or (values is not None and widget != "range"):
            binding = alt.binding_select(options=[float(v) for v in options], name=name)
        else:
            binding = alt.binding_range(min=float(min(options)), max=float(max(options)), step=float(spec.step),
                                        name=name)
        value = float(spec.default)
    elif isinstance(spec, Choice):
        options = list(values if values is not None else spec.options)
        labels = [spec.labels[spec.options.index(o)] for o in options]
        kind = alt.binding_radio if widget == "radio" else alt.binding_select
        binding = kind(options=options, labels=labels, name=name)
        value = spec.default
    elif isinstance(spec, Flag):
        binding, value = alt.binding_checkbox(name=name), bool(spec.default)
    elif isinstance(spec, Text):
        extra = {"placeholder": spec.placeholder} if spec.placeholder else {}
        binding = alt.binding(input="text", name=name, **extra)
        value = str(spec.default)
    else:
        raise TypeError(f"input {spec.name!r} ({type(spec).__name__}) has no static binding")
    if values is not None and value not in ([float(v) for v in options] if isinstance(spec, Number) else options):
        raise ValueError(f"input {spec.name!r}: its default {spec.default!r} is not among the values offered")
    return alt.param(name=spec.name, value=value, bind=binding)


def one_at_a_time(chart: alt.TopLevelMixin, signal: str, groups: dict[str, list[str]]) -> alt.TopLevelMixin:
    """``chart`` with only the picked item's inputs shown under it on the static page.

    ``groups`` maps each item's key to the names of its bound inputs; the item picked is the page's
    value of ``signal`` (a menu's, or a click's on the chart). The page
    (:func:`exercises.kit.display.static_html`) hides every other item's inputs as the signal changes;
    they keep their values, and the journal keeps them all. Declared in the spec's ``usermeta``
    (``lp_one_at_a_time``), beside what the chart already had there.

    Raises
    ------
    ValueError
        If an input is named in two items, or ``groups`` is empty.
    """
    names = [name for inputs in groups.values() for name in inputs]
    if not names or len(set(names)) != len(names):
        raise ValueError("each input belongs to exactly one item, and there is at least one")
    usermeta = chart.usermeta if isinstance(chart.usermeta, dict) else {}
    return chart.properties(usermeta={**usermeta, "lp_one_at_a_time": {
        "signal": signal, "groups": {str(key): list(inputs) for key, inputs in groups.items()}}})


#: How a labelled item stands, in the order :func:`label_chart` stacks them.
LABEL_STATUSES = ("right", "wrong", "not yet")


def label_chart(answers: pd.DataFrame, title: str = "Your labels so far") -> alt.Chart:
    """How many items of each right label a learner has labelled right, wrong or not yet.

    The default chart of :class:`exercises.kit.live.LabelExercise`.

    Parameters
    ----------
    answers : pandas.DataFrame
        Columns ``item``, ``given`` (``""`` when unanswered), ``answer`` and ``correct``: the
        frame of :meth:`exercises.kit.live.LabelExercise.answers`.
    title : str

    Returns
    -------
    altair.Chart
    """
    status = alt.Color("status:N", title="Your label", sort=list(LABEL_STATUSES),
                       scale=alt.Scale(domain=list(LABEL_STATUSES), range=[PALETTE[2], WARNING, "#bbbbbb"]),
                       legend=alt.Legend(orient="bottom"))
    return alt.Chart(answers[["item", "given", "answer", "correct"]]).transform_calculate(
        status="datum.given === '' ? 'not yet' : datum.correct ? 'right' : 'wrong'",
        rank=f"indexof({list(LABEL_STATUSES)!r}, datum.status)",
    ).mark_bar().encode(
        y=alt.Y("answer:N", title="Right label", sort=None),
        x=alt.X("count():Q", title="Items", axis=alt.Axis(tickMinStep=1)),
        color=status, order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("answer:N", title="Right label"), alt.Tooltip("status:N", title="Your label"),
                 alt.Tooltip("count():Q", title="Items")],
    ).properties(title=title, width=WIDTH, description=(
        "Bar chart: for each right label, how many items you labelled right, wrong, or not yet. "
        "All green means every item has its right label."))
