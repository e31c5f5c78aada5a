"""Show text a learner typed, safely.

Learner text is data, never markup: it is escaped before it reaches any HTML, capped in
length so a pasted novel cannot swamp the page, and never evaluated.

Cleaning drops only what is unsafe: C0 and C1 control characters (all but tab and newline),
noncharacters, and the bidi embedding, override and isolate controls (U+202A–U+202E,
U+2066–U+2069), which could make the page show text in an order other than the one stored.
A lone surrogate (invalid unicode) becomes U+FFFD, and a surrogate pair becomes the character
it encodes. Everything people write with is kept: the zero-width non-joiner and joiner
(Persian, Hindi, emoji sequences), tag characters (subdivision flags), soft hyphens, the
left-to-right and right-to-left marks, variation selectors, private-use characters and
characters newer than this Python's unicode tables.

Long text is cut before it is cleaned, so a 1 MB paste costs what its first few thousand
characters cost; a cut never splits a character (a base and its marks, an emoji sequence, a
flag).
"""

from __future__ import annotations

import html
import math
import re
import string
import threading
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["MAX_ANSWER_CHARS", "MAX_CHARS", "SHARED_FORMAT", "clean_text", "fill", "markdown_text", "read_text",
           "safe_text", "visible_key"]

#: Longest learner text shown in full; longer text is cut and marked with an ellipsis.
MAX_CHARS = 500
#: Longest answer a free-text field keeps (:func:`read_text`).
MAX_ANSWER_CHARS = 2000

#: What cleaning drops, in two classes so that each scan stays fast in C (a class mixing
#: characters beyond U+FFFF with the rest is several times slower): C0 controls but tab and
#: newline, DEL and C1 controls, bidi embedding / override / isolate controls, the noncharacters
#: U+FDD0–U+FDEF, U+FFFE and U+FFFF; then the noncharacters at the end of planes 1 to 16.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL_NONCHARACTERS = tuple(chr(plane * 0x10000 + end) for plane in range(1, 17) for end in (0xFFFE, 0xFFFF))
_ASTRAL_UNSAFE = re.compile("[" + "".join(_ASTRAL_NONCHARACTERS) + "]")
#: Characters at or after the first astral noncharacter: only a text holding one needs the second class.
_HIGH = re.compile("[\U0001fffe-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE_OR_SURROGATE = re.compile(_UNSAFE.pattern[:-1] + "\ud800-\udfff]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_ASCII_UNSAFE = bytes([*range(0, 9), *range(11, 32), 127])
_ZWJ = "\u200d"
#: How far a cut may step back to keep a character whole (Unicode's stream-safe text format
#: allows 30 marks on one base); a longer run of marks is cut where the limit says.
_BACKOFF = 32
#: Texts at least this long have their full length remembered (by length and hash), so a box
#: that did not change costs nothing on the next update.
_REMEMBER_FROM = 16_384
_totals: dict[tuple[int, int], int] = {}
_totals_lock = threading.Lock()


def clean_text(value: object) -> str:
    """``value`` as text with what is unsafe dropped (see the module's docstring).

    Parameters
    ----------
    value : object
        Anything (turned into ``str``; ``None`` is ``""``).

    Returns
    -------
    str
        Valid unicode (no lone surrogates), without C0/C1 controls other than tab and newline,
        noncharacters or bidi embedding, override and isolate controls; not escaped.

    Examples
    --------
    >>> clean_text("a\\x00b\\u202ec")
    'abc'
    >>> clean_text("می\\u200cخواهم") == "می\\u200cخواهم"   # the zero-width non-joiner stays
    True
    """
    text = "" if value is None else str(value)
    if text.isascii():  # the common case, cleaned by one table look-up per byte
        return text.encode("ascii").translate(None, _ASCII_UNSAFE).decode("ascii")
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = _UNSAFE.sub("", text)
    return _ASTRAL_UNSAFE.sub("", text) if _HIGH.search(text) else text


_printable = clean_text  # the name the kit used before


def visible_key(value: object) -> str:
    """What ``value`` looks like on a page, for telling apart texts people would read as the same.

    Cleaned (:func:`clean_text`), composed (NFC), without format characters (zero-width
    spaces and joiners, soft hyphens, marks of direction: on their own they show nothing),
    runs of white space as one space (as HTML shows them), stripped and case-folded.

    Examples
    --------
    >>> visible_key("  Ship  weekly\\u200b ") == visible_key("ship weekly")
    True
    """
    text = unicodedata.normalize("NFC", clean_text(value))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split()).casefold()


def _boundary(raw: str, i: int) -> int:
    """``i``, or one less when ``raw[i - 1:i + 1]`` is a surrogate pair (never split one)."""
    if 0 < i < len(raw) and "\ud800" <= raw[i - 1] <= "\udbff" and "\udc00" <= raw[i] <= "\udfff":
        return i - 1
    return i


def _regional(c: str) -> bool:
    return "\U0001f1e6" <= c <= "\U0001f1ff"


def _continues(text: str, k: int) -> bool:
    """Whether ``text[k]`` belongs to the character before it (cutting at ``k`` would split it)."""
    c, before = text[k], text[k - 1]
    if before == _ZWJ or c in "\u200c\u200d" or unicodedata.category(c) in ("Mn", "Me", "Mc"):
        return True
    if "\U0001f3fb" <= c <= "\U0001f3ff" or "\U000e0020" <= c <= "\U000e007f":  # skin tones, tags
        return True
    if _regional(c) and _regional(before):  # a flag is a pair of regional indicators
        run = 0
        while k - 1 - run >= 0 and _regional(text[k - 1 - run]):
            run += 1
        return run % 2 == 1
    return False


def _cut(text: str, limit: int) -> str:
    """The first ``limit`` characters of clean ``text``, or fewer so as not to split a character."""
    if len(text) <= limit:
        return text
    for k in range(limit, max(limit - _BACKOFF, 0), -1):
        if not _continues(text, k):
            return text[:k]
    return text[:limit]


def _clean_prefix(raw: str, need: int, lstrip: bool = False) -> tuple[str, int]:
    """Clean ``raw`` from its start until ``need`` characters are kept (or ``raw`` ends).

    Returns the cleaned text (at least ``need`` characters, or all of ``raw`` cleaned; leading
    white space removed if ``lstrip``) and where in ``raw`` the cleaned part ends. The work is
    in proportion to what is kept, not to the length of ``raw``.
    """
    pieces, have, start, step = [], 0, 0, need + 64
    while start < len(raw) and have < need:
        end = _boundary(raw, min(len(raw), start + step))
        piece = clean_text(raw[start:end])
        if lstrip and not have:
            piece = piece.lstrip()
        pieces.append(piece)
        have += len(piece)
        start, step = end, step * 2
    return "".join(pieces), start


def _edge_space(raw: str, leading: bool) -> tuple[int, bool]:
    """How many white-space characters the cleaned ``raw`` starts (or ends) with, and whether it
    holds anything else; reads from that end only as far as it must."""
    count, step, start, end = 0, 256, 0, len(raw)
    while start < end:
        if leading:
            cut = _boundary(raw, min(end, start + step))
            piece = clean_text(raw[start:cut])
            kept = piece.lstrip()
            start = cut
        else:
            cut = _boundary(raw, max(start, end - step))
            piece = clean_text(raw[cut:end])
            kept = piece.rstrip()
            end = cut
        count += len(piece) - len(kept)
        if kept:
            return count, True
        step *= 2
    return count, False


def _dropped(raw: str) -> int:
    """``len(raw) - len(clean_text(raw))``, counted in a scan or two in C."""
    if raw.isascii():  # known without a scan: only C0 controls and DEL can be unsafe
        return len(raw) - len(raw.encode("ascii").translate(None, _ASCII_UNSAFE))
    dropped = _UNSAFE_OR_SURROGATE.subn("", raw)[1]
    if dropped:  # rare: surrogates were counted too, but each lone one stays (as U+FFFD) and a pair stays one
        surrogates = _SURROGATE.subn("", raw)[1]
        dropped += _PAIR.subn("", raw)[1] - surrogates if surrogates else 0
    if len(raw.encode("utf-16-le", "surrogatepass")) > 2 * len(raw) and _HIGH.search(raw):  # beyond U+1FFFD
        dropped += sum(raw.count(c) for c in _ASTRAL_NONCHARACTERS)
    return dropped


def _clean_length(raw: str) -> int:
    """``len(clean_text(raw).strip())``, without building the cleaned text (one scan in C)."""
    key = (len(raw), hash(raw))
    remembered = _totals.get(key) if len(raw) >= _REMEMBER_FROM else None
    if remembered is not None:
        return remembered
    lead, visible = _edge_space(raw, leading=True)
    total = 0
    if visible:
        trail, _ = _edge_space(raw, leading=False)
        total = len(raw) - _dropped(raw) - lead - trail
    if len(raw) >= _REMEMBER_FROM:
        with _totals_lock:
            if len(_totals) >= 64:
                _totals.pop(next(iter(_totals)))
            _totals[key] = total
    return total


def _shows_something(text: str) -> bool:
    return any(not c.isspace() and unicodedata.category(c) != "Cf" for c in text)


def read_text(value: object, what: str, max_chars: int = MAX_ANSWER_CHARS) -> tuple[str, str]:
    """Clean what a learner typed into a free-text field, and say what is wrong with it.

    The text is cut before it is cleaned, so a pasted megabyte costs about what its first
    ``max_chars`` characters cost; the message still counts every character of it.

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
        Plain text (not escaped: show it with :func:`safe_text`): stripped, cleaned
        (:func:`clean_text`), at most ``max_chars`` characters, never ending in half a
        character. Text that shows nothing (only spaces and invisible characters) is ``""``.
    problem : str
        ``""`` when the answer can be used, else one sentence for the learner.

    Examples
    --------
    >>> read_text("  We help teams rest.  ", "your why")
    ('We help teams rest.', '')
    >>> read_text(" \\t ", "your why")
    ('', 'Write your why first: the box is empty.')
    """
    raw = "" if value is None else str(value)
    head, end = _clean_prefix(raw, max_chars + 1, lstrip=True)
    if end == len(raw):
        head = head.rstrip()
        total = len(head)
    else:
        total = _clean_length(raw)
    text = _cut(head, max_chars).rstrip()
    if not _shows_something(text):
        return "", f"Write {what} first: the box is empty."
    if total > max_chars:
        return text, (f"That is {total:,} characters; keep {what} under {max_chars:,}. "
                      f"Only the first {len(text):,} were kept.")
    return text, ""


def safe_text(value: object, max_chars: int = MAX_CHARS) -> str:
    """Return ``value`` as HTML-escaped text of at most ``max_chars`` visible characters.

    Parameters
    ----------
    value : object
        Anything a learner typed (or anything at all: it is turned into ``str`` first).
    max_chars : int
        Characters kept before the text is cut and ``…`` appended. The text is cut before it
        is cleaned (a long text costs what its first ``max_chars`` characters cost), and never
        in the middle of a character.

    Returns
    -------
    str
        Text safe to place inside HTML: ``<``, ``>``, ``&`` and quotes are escaped, and what
        is unsafe is dropped (:func:`clean_text`).

    Examples
    --------
    >>> safe_text("<b>bold</b> & brave")
    '&lt;b&gt;bold&lt;/b&gt; &amp; brave'
    >>> safe_text("x" * 10, max_chars=4)
    'xxxx…'
    """
    text, _ = _clean_prefix("" if value is None else str(value), max_chars + 1)
    if len(text) > max_chars:
        text = _cut(text, max_chars) + "…"
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


_MARKDOWN_MARKS = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_text(text: str) -> str:
    r"""``text`` as plain words inside Markdown: every ASCII punctuation mark backslash-escaped
    (CommonMark lets any of them be), so no emphasis, link, table cell, HTML tag or entity of the
    text reaches the page or the document. ``book/_assets/plan.js`` applies the same rule.

    >>> print(markdown_text("**bold** <b> & a|b"))
    \*\*bold\*\* \<b\> \& a\|b
    """
    return _MARKDOWN_MARKS.sub(r"\\\1", str(text))
