"""Show text a learner typed, safely.

Learner text is data, never markup: it is escaped before it reaches any HTML, capped in
length so a pasted novel cannot swamp the page, and never evaluated.
"""

from __future__ import annotations

import html
import unicodedata

__all__ = ["MAX_ANSWER_CHARS", "MAX_CHARS", "read_text", "safe_text"]

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
