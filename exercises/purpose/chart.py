"""Purpose charts, built from model output. Functions return altair charts; none displays.

Each chart carries a ``description``: a sentence that says in words what it shows. Nothing is
computed here: the rows, the verdicts and the words' templates all come from the model; a static
explorer only picks the model's rows by its inputs and fills the model's words.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, bound, explorer, vega_sentence, vega_string, words
from ..kit.text import MAX_ANSWER_CHARS
from ..kit.theme import INK, RULE, WARNING, YOURS
from .model import (BASS_WORDS, CASCADE_WORDS, CENTOLA_TIP, COLUMN_CHARS, COMMITTED, LINE_CHARS, MEAN, CHECK_LINES, MESSAGE_LINES,
                    MESSAGE_CHECKS, MESSAGE_INPUTS, MESSAGE_WORDS, P, PART_CHARS, PASS_MARK, Q, REVEAL, ROGERS_TIP,
                    SHOWN_WORDS, SPREAD, TRIP_MARK, WORD_CHARS, WRAP_PATTERN, rogers_categories)

__all__ = ["bass_chart", "bass_explorer", "cascade_chart", "cascade_explorer", "checks_chart", "message_explorer"]

_T = alt.X("t:Q", title="Period (e.g. year)", scale=alt.Scale(nice=False))
_CUM = alt.Y("cumulative:Q", title="Market that has adopted (%)", scale=alt.Scale(domain=[0, 100]))
_COMMITTED = alt.X("committed:Q", title="Committed believers at the start (%)", scale=alt.Scale(domain=[0, 50]))
_JOINED = alt.Y("joined:Q", title="Crowd joined in the end (%)", scale=alt.Scale(domain=[0, 100]))
#: The two reference marks: the value (per cent), its colour and its label, each naming its claim
#: and source (the popular tipping point after Rogers' adopter categories; Centola's experiment).
_REFERENCES = ((100 * ROGERS_TIP, RULE, "16 %: Rogers' innovators + early adopters"),
               (100 * CENTOLA_TIP, WARNING, "25 %: Centola's committed minority"))
#: Where a label on the x axis breaks into two lines (so it fits a phone-wide chart right of its rule).
_BREAKS = {0: ("16 %: Rogers' innovators", "+ early adopters"), 1: ("25 %: Centola's", "committed minority")}
_LINE = 13  # px between the lines of a label (11 px type)


def _marks(base: alt.Chart, axis: str) -> alt.LayerChart:
    """Rules at Rogers' 16 % and Centola's 25 %, labelled, on ``axis`` ("x" or "y").

    On the x axis the rules are only 9 points apart: each label is two short lines right of its
    rule, the two labels on rows far enough apart never to overlap, even on a phone (the tests
    measure them). On the y axis each label is one line just above its rule at the left.
    """
    layers = []
    one = base.transform_filter("datum.row_one")
    for k, (value, colour, text) in enumerate(_REFERENCES):
        enc = {axis: alt.datum(value)}
        if axis == "y":
            where, label, dy = {"x": alt.value(2)}, alt.value(text), -4
        else:
            where, label, dy = {"y": alt.value(4 + k * (2 * _LINE + 8))}, alt.value(list(_BREAKS[k])), 0
        layers += [one.mark_rule(color=colour, strokeDash=[6, 3], aria=False).encode(**enc),
                   one.mark_text(color=colour, align="left", dx=3, dy=dy, baseline="top" if axis == "x" else "bottom",
                                 fontSize=11, lineHeight=_LINE, aria=False).encode(**enc, **where, text=label)]
    return alt.layer(*layers)


def _bands(base: alt.Chart) -> alt.LayerChart:
    """Rogers' adopter categories as shaded bands of the cumulative share, each named at the right.

    The bands are cut from the normal curve (:func:`~exercises.purpose.model.rogers_categories`):
    whoever has adopted by the time the line crosses a band belongs to that category or an earlier one.
    """
    one, layers = base.transform_filter("datum.row_one"), []
    for k, row in enumerate(rogers_categories().itertuples()):
        layers += [one.mark_rect(color="#888888", opacity=0.12 if k % 2 else 0.04, aria=False).encode(
                       y=alt.datum(row.start), y2=alt.datum(row.end)),
                   one.mark_text(align="right", baseline="middle", dx=-4, fontSize=11, color="#555555",
                                 aria=False).encode(x=alt.value(WIDTH), y=alt.datum((row.start + row.end) / 2),
                                                    text=alt.value(f"{row.category} {row.share:.1f} %"))]
    return alt.layer(*layers)


def _said(words_by_verdict: dict, verdict: str = "datum.verdict") -> str:
    """A Vega expression choosing the model's lines by ``verdict`` (the row's ``verdict`` unless
    told) and filling them."""
    return " : ".join(f"{verdict} == '{kind}' ? [{', '.join(vega_sentence(line) for line in lines)}]"
                      for kind, lines in words_by_verdict.items()) + " : ''"


def bass_chart(curve: pd.DataFrame) -> alt.LayerChart:
    """Cumulative Bass adoption of one ``p``, ``q`` with the 16 % and 25 % marks (one dataset).

    ``curve`` is :func:`~exercises.purpose.model.bass_curve` (with ``row_one``)."""
    base = alt.Chart(curve[["t", "cumulative", "row_one"]])
    line = base.mark_line(color=YOURS, strokeWidth=3).encode(x=_T, y=_CUM, tooltip=["t:Q", alt.Tooltip("cumulative:Q", format=".1f")])
    return alt.layer(_bands(base), line, _marks(base, "y")).properties(
        width=WIDTH, height=260, title="Who has adopted, period by period",
        description="S-shaped line of the share of the market that has adopted by each period, with dashed "
                    "lines at 16 % (Rogers' innovators plus early adopters) and 25 % (Centola's committed "
                    "minority), over shaded bands for Rogers' five adopter categories.")


def bass_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """Static face of the Bass exercise: menus for p and q pick a curve the model computed.

    ``grid`` is :func:`~exercises.purpose.model.bass_grid` (one row per setting, the curve packed
    as lists the page unpacks); the inputs are the model's declarations."""
    params = [bound(P, values=sorted(grid["p"].unique())), bound(Q, values=sorted(grid["q"].unique()))]
    chosen = alt.Chart(grid).transform_filter(f"datum.p == {P.name} && datum.q == {Q.name}")
    verdict = words(chosen.transform_calculate(label=_said(BASS_WORDS)), height=40)
    base = chosen.transform_flatten(["t", "cumulative"]).transform_calculate(row_one="datum.t == 0")
    line = base.mark_line(color=YOURS, strokeWidth=3).encode(x=_T, y=_CUM)
    picture = alt.layer(_bands(base), line, _marks(base, "y")).properties(width=WIDTH, height=260)
    return explorer(verdict, picture, params, title="Move innovation and imitation", words_height=40,
                    subtitle="The line is the Bass model's cumulative adoption.",
                    description="Interactive line chart. Choose p and q; the S-curve shows the share of the market "
                                "that has adopted by each period over shaded bands for Rogers' adopter categories, with "
                                "dashed lines at 16 % and 25 %, and the text "
                                "says when adoption peaks and when it reaches 16 % and 50 %.")


def cascade_chart(curve: pd.DataFrame) -> alt.LayerChart:
    """Final share joined against committed share for one crowd, your share marked (one dataset).

    ``curve`` is the ``curve`` of :func:`~exercises.purpose.model.crowd`: ``committed``,
    ``joined``, ``yours`` (true on the learner's row), ``row_one`` and ``shown`` (the line is drawn
    only where it is shown: up to the learner's share until they ask where it tips)."""
    base = alt.Chart(curve[["committed", "joined", "yours", "row_one", "shown"]])
    line = base.transform_filter("datum.shown").mark_line(color=YOURS, strokeWidth=3, interpolate="step-after").encode(
        x=_COMMITTED, y=_JOINED)
    you = base.transform_filter("datum.yours").mark_point(size=140, filled=True, color=YOURS).encode(x=_COMMITTED, y=_JOINED)
    return alt.layer(line, you, _marks(base, "x")).properties(
        width=WIDTH, height=260, title="Does the crowd tip?",
        description="Step line of how much of the crowd joins in the end for each committed share, your share "
                    "marked with a dot, and dashed lines at 16 % and 25 % committed.")


def cascade_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """Static face of the cascade exercise: the spread, the average threshold and your committed share.

    ``grid`` is :func:`~exercises.purpose.model.cascade_grid`; the inputs are the model's declarations.
    Where the crowd tips stays folded until the learner ticks "Show where it tips": until then the
    words say only what their own share does and the line is drawn up to their share."""
    params = [bound(SPREAD, values=sorted(grid["spread"].unique())), bound(COMMITTED),
              bound(MEAN, values=sorted(grid["mean"].unique())), bound(REVEAL)]
    base = alt.Chart(grid).transform_filter(f"datum.spread == {SPREAD.name} && datum.mean == {MEAN.name}"
                                            ).transform_flatten(["committed", "joined", "reached"]).transform_calculate(
        row_one="datum.committed == 0")
    at = base.transform_filter(f"datum.committed == {COMMITTED.name}")
    said = f"({REVEAL.name} ? datum.verdict : datum.reached)"
    verdict = words(at.transform_calculate(label=_said(CASCADE_WORDS, said)), height=40)
    line = base.transform_filter(f"{REVEAL.name} || datum.committed <= {COMMITTED.name}").mark_line(
        color=YOURS, strokeWidth=3, interpolate="step-after").encode(x=_COMMITTED, y=_JOINED)
    you = at.mark_point(size=140, filled=True, color=YOURS).encode(x=_COMMITTED, y=_JOINED)
    picture = alt.layer(line, you, _marks(base, "x")).properties(width=WIDTH, height=260)
    return explorer(verdict, picture, params, title="Set the crowd and the committed share", words_height=40,
                    subtitle="Granovetter's threshold cascade in a crowd of 100.",
                    description="Interactive step chart. Choose the spread of thresholds, the average threshold and "
                                "the committed share; the line shows how much of the crowd joins for each committed "
                                "share up to yours (all of them once you ask where it tips), a dot marks yours, and "
                                "the text says whether it has tipped, beside Rogers' 16 % and Centola's 25 %.")


def checks_chart(checks: pd.DataFrame) -> alt.Chart:
    """One bar per check of a message: how many words tripped it (none is a pass).

    ``checks`` is :func:`~exercises.purpose.model.checks_frame`: ``check``, ``passed``, ``tripped``."""
    return alt.Chart(checks[["check", "passed", "tripped"]]).mark_bar().encode(
        y=alt.Y("check:N", title=None, sort=None),
        x=alt.X("tripped:Q", title="Words that tripped the check", axis=alt.Axis(tickMinStep=1),
                scale=alt.Scale(domainMin=0)),
        color=alt.Color("passed:N", title="Passes", scale=alt.Scale(domain=[True, False], range=[YOURS, WARNING])),
    ).properties(width=WIDTH, title="The checks of your why", description=(
        "Bar chart: for each check of your message, how many words tripped it; no bar means it passes."))


# --------------------------------------------------------------------------- exercise 2 in the page
#
# The page reads what the learner types in three text boxes and says what the live face says,
# with JavaScript regular expressions that mirror the model's Python ones (the tests hold them to
# each other in a browser). Learner text only ever flows through replace() and test() as a string:
# nothing typed is evaluated or drawn as markup (Vega draws text marks as SVG text).

#: Python's white space (``str.isspace``: what ``strip`` removes and ``\s`` matches), as a JS class body.
def _js_class(chars: list[int]) -> str:
    """Code points below U+10000 as the body of a JavaScript character class, in ranges."""
    runs: list[list[int]] = []
    for c in chars:
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(f"\\u{a:04x}" + (f"-\\u{b:04x}" if b > a else "") for a, b in runs)


_SPACE = _js_class([c for c in range(0x10000) if chr(c).isspace()])
#: What :func:`exercises.kit.text.clean_text` drops (lone surrogates aside, which no keyboard types).
_UNSAFE = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\p{Noncharacter_Code_Point}]"
#: A character that continues the one before it, where :func:`exercises.kit.text.read_text` never cuts.
_RI = r"[\u{1F1E6}-\u{1F1FF}]"
_GLUED = (r"[\u200c\u200d\p{Mn}\p{Me}\p{Mc}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]"
          rf"|(?={_RI})(?<=(?<!{_RI})(?:{_RI}{_RI})*{_RI})")
_LOW = MAX_ANSWER_CHARS - 31
_CUT = rf"^(?:([^]{{{_LOW},{MAX_ANSWER_CHARS}}})(?<!\u200d)(?!{_GLUED})|([^]{{{MAX_ANSWER_CHARS}}}))[^]*$"
#: The model's word pattern (``model._WORD``) in JavaScript's syntax: letters (and numerals that
#: are not digits), a number with its per cent sign, or a currency sign.
_LETTER = r"[\p{L}\p{Nl}\p{No}]"
_TOKEN = rf"{_LETTER}+(?:['’-]{_LETTER}+)*|\p{{Nd}}+(?:[.,]\p{{Nd}}+)*(?:[{_SPACE}]*%)?|[€$£]"
#: Found words are kept as ``\u0001word\u0002`` between steps.
_JUNK = r"[^\u0001\u0002]*(\u0001[^\u0002]*\u0002)?"
_LATER = r"\u0001([^\u0002]*)\u0002(?<=\u0001\1\u0002[^]*\u0001\1\u0002)"


def _re(pattern: str, flags: str = "") -> str:
    return f"regexp({vega_string(pattern)}, {vega_string(flags)})"


def _replace(text: str, pattern: str, flags: str, by: str) -> str:
    return f"replace({text}, {_re(pattern, flags)}, {vega_string(by)})"


def _read(name: str) -> list[tuple[str, str]]:
    """Calculate steps: what :func:`exercises.kit.text.read_text` keeps of the box ``name``, as
    ``datum.<name>`` (``''`` when it shows nothing)."""
    raw = f"('' + ({name} == null ? '' : {name}))"
    lead = _replace(_replace(raw, _UNSAFE, "gu", ""), f"^[{_SPACE}]+", "u", "")
    long, held = _re(f"^[^]{{{MAX_ANSWER_CHARS + 1}}}", "u"), f"datum.{name}_0"
    cut = _replace(f"(test({long}, {held}) ? {_replace(held, _CUT, 'u', '$1$2')} : {held})", f"[{_SPACE}]+$", "u", "")
    visible = _re(f"[^{_SPACE}" + r"\p{Cf}]", "u")
    return [(f"{name}_0", lead), (f"{name}_1", cut),
            (name, f"test({visible}, datum.{name}_1) ? datum.{name}_1 : ''")]


def _found(field: str, keep: str, flags: str) -> list[tuple[str, str]]:
    """Calculate steps: the distinct words of ``datum.tokens`` that ``keep`` (a pattern of what may
    follow ``\\u0001``) lets through, in order, as ``<field>`` (joined), ``<field>_n`` (how many)."""
    kept = f"replace(datum.tokens, regexp('\\\\u0001(?!' + {keep} + ')[^\\\\u0002]*\\\\u0002', {vega_string(flags)}), '')"
    distinct = _replace(_replace(kept, _JUNK, "g", "$1"), _LATER, "g", "")
    first = _replace(_replace(f"datum.{field}_all", rf"^((?:\u0001[^\u0002]*\u0002){{0,{SHOWN_WORDS}}})[^]*$", "", "$1"),
                     rf"\u0001([^\u0002]{{{WORD_CHARS}}})[^\u0002]+\u0002", "gu", "\u0001$1…\u0002")
    listed = _replace(_replace(first, r"\u0002\u0001", "g", ", "), r"[\u0001\u0002]", "g", "")
    unmarked = _replace(f"datum.{field}_all", r"\u0001", "g", "")
    return [(f"{field}_all", distinct), (f"{field}_n", f"length(datum.{field}_all) - length({unmarked})"),
            (field, listed)]


def _wrap(text: str, width: int) -> str:
    return _replace(text, WRAP_PATTERN.format(width=width).replace(r"\Z", "$"), "gu", "$1$2\n")


def _check_lines(key: str, plain: str) -> str:
    """The lines of one check (joined by newlines), as :func:`model.message_lines` writes them."""
    tripped = f"datum.{key}_n > 0"
    head = vega_sentence(MESSAGE_WORDS["check"], {"mark": f"({tripped} ? {vega_string(TRIP_MARK)} : {vega_string(PASS_MARK)})",
                                                  "check": vega_string(plain)})
    listed = {"words": f"datum.{key}", "more": f"(datum.{key}_n - {SHOWN_WORDS})"}
    said = (f"(datum.{key}_n <= {SHOWN_WORDS} ? {vega_sentence(MESSAGE_WORDS['tripped'], listed)} : "
            f"{vega_sentence(MESSAGE_WORDS['more'], listed)}) + '\\n' + {vega_string(MESSAGE_WORDS['advice'])}")
    return f"{head} + '\\n' + ({tripped} ? {said} : {vega_string(MESSAGE_WORDS['passes'])})"


def _column(title: str, parts: tuple[str, ...]) -> str:
    shown = []
    for part in parts:
        blank = vega_sentence(MESSAGE_WORDS["blank"], {"part": vega_string(part)})
        cut = _replace(f"datum.{part}", rf"^([^]{{{PART_CHARS}}})[^]+$", "u", "$1…")
        shown.append(_wrap(f"(datum.{part} == '' ? {blank} : {cut})", COLUMN_CHARS))
    return f"{vega_string(MESSAGE_WORDS[title])} + '\\n' + " + " + '\\n\\n' + ".join(shown)


def message_explorer(grid: pd.DataFrame) -> alt.VConcatChart:
    """Static face of exercise 2: the learner's why, how and what in three text boxes, the message
    told inside out beside outside in, and the checks of the why, all worked out in the page.

    ``grid`` is :func:`~exercises.purpose.model.message_grid` (the feature words the page checks
    against); the boxes are the model's declarations. Each box is read as
    :func:`~exercises.kit.text.read_text` reads it, the why is cut into words as
    :func:`~exercises.purpose.model.why_checks` cuts it, and the lines are
    :func:`~exercises.purpose.model.message_lines`'s, filled from the model's templates.
    """
    names = [spec.name for spec in MESSAGE_INPUTS]
    why, how, what = names
    params = [bound(spec) for spec in MESSAGE_INPUTS]
    base = alt.Chart(grid)
    for name in names:
        for field, expression in _read(name):
            base = base.transform_calculate(**{field: expression})
    features = "'(?:' + join(datum.feature_words, '|') + ')\\\\u0002'"
    checks = base.transform_calculate(tokens=_replace(f"datum.{why}", _TOKEN, "gu", "\u0001$&\u0002"))
    for field, expression in _found("features", features, "gi") + _found("numbers", "'[\\\\p{Nd}€$£]'", "gu"):
        checks = checks.transform_calculate(**{field: expression})
    first_key, first_plain = MESSAGE_CHECKS[2]
    first = (vega_sentence(MESSAGE_WORDS["check"], {"mark": f"(datum.{why} == '' ? {vega_string(TRIP_MARK)} : "
                                                            f"{vega_string(PASS_MARK)})", "check": vega_string(first_plain)})
             + f" + '\\n' + (datum.{why} == '' ? {vega_string(MESSAGE_WORDS['empty'])} : {vega_string(MESSAGE_WORDS['passes'])})")
    lines = " + '\\n' + ".join([_check_lines(key, plain) for key, plain in MESSAGE_CHECKS[:2]] + [first])
    checks = checks.transform_calculate(label=_wrap(f"({lines})", LINE_CHARS))
    text = dict(align="left", baseline="top", fontSize=13, lineHeight=18, lineBreak="\n", color=INK)
    # One column: the message inside out, then outside in, then the checks; each wraps at a width
    # that fits a phone's column (the model's COLUMN_CHARS and LINE_CHARS), so nothing is cut off.
    inside, outside = _column("inside", (why, how, what)), _column("outside", (what, how, why))
    columns = base.transform_calculate(label=f"{inside} + '\\n\\n' + {outside}").mark_text(**text).encode(
        x=alt.value(0), y=alt.value(0), text="label:N").properties(width=WIDTH, height=18 * MESSAGE_LINES)
    said = checks.mark_text(**text).encode(x=alt.value(0), y=alt.value(0), text="label:N").properties(
        width=WIDTH, height=18 * CHECK_LINES)
    return explorer(columns, said, params, title="Say it inside out", words_height=18 * MESSAGE_LINES,
                    subtitle=["Write your why, how and what in the boxes", "below; the checks read your why."],
                    description="Your message told inside out (why, how, what), then outside in (what, how, why), "
                                "then the checks of your why: each says whether it passes and which words tripped it.")
