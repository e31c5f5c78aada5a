"""Show text a learner typed, safely.

Learner text is data, never markup: it is escaped before it reaches any HTML, capped in
length so a pasted novel cannot swamp the page, and never evaluated.
"""

from __future__ import annotations

import html
import unicodedata

__all__ = ["MAX_CHARS", "safe_text"]

#: Longest learner text shown in full; longer text is cut and marked with an ellipsis.
MAX_CHARS = 500


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
    text = "" if value is None else str(value)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    if len(text) > max_chars:
        text = text[:max_chars] + "…"
    return html.escape(text, quote=True)
