"""Show text a learner typed, safely.

Learner text is data, never markup: it is escaped before it reaches any HTML, capped in
length so a pasted novel cannot swamp the page, and never evaluated.
"""

from __future__ import annotations

import html
import math
import re
import string
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["MAX_ANSWER_CHARS", "MAX_CHARS", "SHARED_FORMAT", "fill", "read_text", "safe_text"]

#: Longest learner text shown in full; longer text is cut and marked with an ellipsis.
MAX_CHARS = 500
#: Longest answer a free-text field keeps (:func:`read_text`).
MAX_ANSWER_CHARS = 2000


def _printable(text: str) -> str:
    """``text`` with invalid unicode (lone surrogates) replaced and control characters dropped."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def read_text(value: object, what: str, max_chars: int = MAX_ANSWER_CHARS) -> tuple[str, str]:
    """Clean what a learner typed into a free-text field, and say what is wrong with it.

    Parameters
    ----------
    value : object
        What the field holds (turned into ``str``; ``None`` counts as empty).
    what : str
        What the field asks for, as the learner reads it ("your why", "why the fence stands").
    max_chars : int
        Longest answer kept.

    Returns
    -------
    text : str
        Plain text (not escaped: show it with :func:`safe_text`): stripped, control characters
        other than newlines and tabs dropped, invalid unicode replaced, at most ``max_chars``.
    problem : str
        ``""`` when the answer can be used, else one sentence for the learner.

    Examples
    --------
    >>> read_text("  We help teams rest.  ", "your why")
    ('We help teams rest.', '')
    >>> read_text(" \t ", "your why")
    ('', 'Write your why first: the box is empty.')
    """
    text = _printable("" if value is None else str(value)).strip()
    if not text:
        return "", f"Write {what} first: the box is empty."
    if len(text) > max_chars:
        return text[:max_chars].rstrip(), (f"That is {len(text):,} characters; keep {what} under {max_chars:,}. "
                                           f"Only the first {max_chars:,} were kept.")
    return text, ""


def safe_text(value: object, max_chars: int = MAX_CHARS) -> str:
    """Return ``value`` as HTML-escaped text of at most ``max_chars`` visible characters.

    Parameters
    ----------
    value : object
        Anything a learner typed (or anything at all: it is turned into ``str`` first).
    max_chars : int
        Characters kept before the text is cut and ``…`` appended.

    Returns
    -------
    str
        Text safe to place inside HTML: ``<``, ``>``, ``&`` and quotes are escaped, and
        control characters (other than newlines and tabs) are dropped.

    Examples
    --------
    >>> safe_text("<b>bold</b> & brave")
    '&lt;b&gt;bold&lt;/b&gt; &amp; brave'
    >>> safe_text("x" * 10, max_chars=4)
    'xxxx…'
    """
    text = _printable("" if value is None else str(value))
    if len(text) > max_chars:
        text = text[:max_chars] + "…"
    return html.escape(text, quote=True)


#: The number formats Python's ``str.format`` and d3-format (Vega's ``format``) share:
#: an optional ``,`` (thousands), an optional precision, and ``f`` or ``%``.
SHARED_FORMAT = re.compile(r"^,?(\.\d+)?[f%]?$")


def _number(value, spec: str) -> str:
    if not spec:
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            return str(int(value))  # as Vega writes '' + 20.0
        return str(value)
    if not SHARED_FORMAT.match(spec):
        raise ValueError(f"the format {spec!r} is not one Python and Vega share")
    if not math.isfinite(value):
        return "NaN" if value != value else ("Infinity" if value > 0 else "−Infinity")
    percent = spec.endswith("%")
    places = int(spec.split(".")[1].rstrip("f%")) if "." in spec else (0 if percent else 6)
    # Vega rounds a tie away from zero (JavaScript's toFixed on the exact binary value); Python's
    # format rounds it to even. Decimal(value) is that exact binary value.
    exact = Decimal(value) * (100 if percent else 1)
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}" if spec.startswith(",") else f"{rounded:.{places}f}"
    return text.replace("-", "−") + ("%" if percent else "")


def fill(template: str, **values) -> str:
    """``template.format(**values)`` as Vega fills the same template in the page.

    A verdict's words are written once, as a ``str.format`` template: the live face fills them
    here, the static face in the page (:func:`exercises.kit.charts.vega_sentence`), and the two
    agree to the character: numbers round half away from zero as Vega's ``format`` does (Python
    rounds 11.25 to "11.2", Vega to "11.3"), and a whole float is written as a whole number.
    """
    out = []
    for literal, name, spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if name is None:
            continue
        value = values[name]
        out.append(_number(float(value), spec) if isinstance(value, (int, float)) and not isinstance(value, bool)
                   else str(value))
    return "".join(out)
