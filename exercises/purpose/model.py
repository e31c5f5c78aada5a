"""Purpose-led communication and the tipping point: the models.

Pure pandas and numpy, no display.

**Exercise 1: the golden circle.** Each statement of a fictional product team is a *why*
(a belief, the reason the team exists), a *how* (a way of working that makes the belief
real) or a *what* (a product, a feature, a price). The labels and a one-line reason for
each come from ``data/purpose_statements.csv`` (Sinek 2009).

**Exercise 2: say it inside out.** A message is assembled why → how → what (inside out)
or what → how → why (outside in). :func:`why_checks` flags a why that talks about features
or numbers, and names the words that tripped the check. The checks are word lists, not
judgement: a flagged why may still be fine, and a passing one may still be empty. Their words
are templates (:data:`MESSAGE_WORDS`, laid out by :func:`message_lines`); the static face works
out the same checks in the page from :func:`message_grid` (the word list as data).

**Exercise 3: the tipping point.**

*Bass diffusion* (Bass 1969): a share ``F(t)`` of the market has adopted by time ``t``;
adoption comes from innovation ``p`` and imitation ``q``:

.. math:: F(t) = \\frac{1 - e^{-(p+q)t}}{1 + (q/p)\\,e^{-(p+q)t}}, \\qquad
          t^* = \\frac{\\ln(q/p)}{p+q}

where ``t*`` is the peak of adoption per period (when ``q > p``). The time to reach a
share ``s`` inverts ``F``: ``t_s = -\\ln\\big((1-s)/(1 + s q/p)\\big)/(p+q)``. Assumptions:
one fixed market, no repeat purchase, constant ``p`` and ``q``, everyone eventually
adopts. ``p = 0.03, q = 0.38`` are the averages of Sultan, Farley and Lehmann's
meta-analysis of Bass fits.

*Rogers' adopter categories* (Rogers 2003): time of adoption is taken to be normal, cut at
the mean and one and two standard deviations: innovators (before −2σ), early adopters
(−2σ to −σ), early majority (−σ to mean), late majority (mean to +σ), laggards (after +σ):
2.3 / 13.6 / 34.1 / 34.1 / 15.9 %, which Rogers rounds to 2.5 / 13.5 / 34 / 34 / 16 %.
Innovators plus early adopters, about 16 %, is where the "15–18 %" tipping point comes from.

*Threshold cascade* (Granovetter 1978): person ``i`` joins once the share already joined
reaches their threshold ``θ_i``; the crowd joins in rounds until no one else will. A
committed share ``c`` has threshold 0. The rest have thresholds at the quantiles of a normal
curve with mean ``m`` and spread ``σ`` (clipped to 0..1). Assumptions: everyone sees the
whole crowd, thresholds are fixed, no one leaves. Centola et al. (2018) found a committed
minority near 25 % overturned a convention in their experiment; the popular claim of a
tipping point at 15–18 % comes from Rogers' innovators plus early adopters. The models disagree because they describe different things: the first
is when adoption *speeds up*, the second what it takes to *overturn* a norm.
"""

from __future__ import annotations

import functools
import math
import re
from statistics import NormalDist

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, load_csv
from ..kit.inputs import Flag, Number, Text
from ..kit.text import fill

__all__ = [
    "BASS_INPUTS", "BASS_WORDS", "CASCADE_INPUTS", "CASCADE_WORDS", "HOW", "MESSAGE_INPUTS", "WHAT", "WHY", "CATEGORIES", "CENTOLA_TIP", "CIRCLES",
    "COMMITTED", "COMMITTED_STEPS", "CROWD", "FEATURE_WORDS", "MEAN", "MEAN_THRESHOLD", "P", "PERIODS", "P_STEPS",
    "REVEAL", "Q", "Q_STEPS", "ROGERS_TIP", "SEEDS_TIP", "SPREAD", "SPREAD_STEPS", "STATEMENTS_FILE", "STATEMENTS_SCHEMA",
    "TIPPED", "WORKED",
    "assemble", "bass", "bass_curve", "bass_cumulative", "bass_grid", "bass_peak_time", "bass_time_to", "cascade",
    "cascade_curve", "cascade_grid", "checks_frame", "crowd", "crowd_thresholds", "load_statements",
    "message_checks", "rogers_categories", "tipping_share", "why_checks",
    "MESSAGE_CHECKS", "MESSAGE_WORDS", "PASS_MARK", "TRIP_MARK", "SHOWN_WORDS", "WORD_CHARS", "PART_CHARS",
    "COLUMN_CHARS", "LINE_CHARS", "MESSAGE_LINES", "CHECK_LINES", "WRAP_PATTERN", "message_grid", "message_lines", "preview", "wrap",
]

#: The three rings of the golden circle, inside out.
CIRCLES = ("why", "how", "what")
STATEMENTS_FILE = "purpose_statements.csv"
STATEMENTS_SCHEMA = Schema(columns=(Column("id"), Column("statement"), Column("circle", choices=CIRCLES),
                                    Column("reason")), key="id", max_rows=60, unique=("statement",))

#: Rogers' innovators plus early adopters (about 16 %: the popular "15–18 %" tipping point) and
#: Centola et al.'s committed minority (about 25 %).
ROGERS_TIP, CENTOLA_TIP = 0.16, 0.25
#: The old name of :data:`ROGERS_TIP`, kept for readers of earlier code.
SEEDS_TIP = ROGERS_TIP


def load_statements(name: str = STATEMENTS_FILE) -> pd.DataFrame:
    """The golden-circle statements: ``id``, ``statement``, ``circle`` (why/how/what), ``reason``."""
    return load_csv(name, STATEMENTS_SCHEMA)


def _number(value, what: str) -> float:
    """``value`` as a finite float, or a ValueError naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{what} must be a number, got {value!r}.")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value}.")
    return value


def _text(value, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, got {type(value).__name__}.")
    return value


# --------------------------------------------------------------------------- exercise 2

#: Words that belong to the what: a why that uses them talks about the product.
FEATURE_WORDS = frozenset("""
app apps feature features dashboard dashboards button buttons screen screens release version
integration integrations api sync syncs import export plugin module platform
pricing price prices cheaper faster discount plan plans tier subscription
""".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*\s*%?|[€$£]", re.UNICODE)
_NUMBER = re.compile(r"\d|[€$£%]")


#: Exercise 2's inputs, declared once: the three parts of the learner's message.
WHY = Text("why", "Your why", placeholder="What do you believe, and for whom?")
HOW = Text("how", "Your how", placeholder="How do you work to make it real?")
WHAT = Text("what", "Your what", placeholder="What do you make?")
MESSAGE_INPUTS = (WHY, HOW, WHAT)


def why_checks(why: str) -> list[tuple[str, list[str]]]:
    """Honest, explainable checks of a *why*; each tripped check with the words that tripped it.

    Parameters
    ----------
    why : str
        Plain text.

    Returns
    -------
    list of (str, list of str)
        ``("features", words)`` if the why names product words from :data:`FEATURE_WORDS`;
        ``("numbers", words)`` if it holds digits, prices or percentages. Empty when it passes.

    Raises
    ------
    ValueError
        If ``why`` is not text.
    """
    tokens = _WORD.findall(_text(why, "The why"))
    features = [t for t in tokens if t.lower() in FEATURE_WORDS]
    numbers = [t.strip() for t in tokens if _NUMBER.search(t)]
    return [(name, found) for name, found in (("features", features), ("numbers", numbers)) if found]


#: Exercise 2's checks, in the order they are shown: a key and what passing it means.
MESSAGE_CHECKS = (("features", "the why names no product or feature"),
                  ("numbers", "the why holds no numbers or prices"),
                  ("first", "the why comes first and is the shortest way in"))
#: Exercise 2's words, written once: the live face fills them with :func:`~exercises.kit.text.fill`,
#: the static face with :func:`~exercises.kit.charts.vega_sentence`. ``check`` heads each check;
#: a tripped check names its words (``tripped``, or ``more`` when some are only counted) and gives
#: the ``advice``; ``blank`` stands for a part not written yet.
MESSAGE_WORDS = {
    "check": "{mark} {check}",
    "passes": "Passes.",
    "tripped": "Tripped by: {words}.",
    "more": "Tripped by: {words} and {more} more.",
    "advice": "Those belong to the what: say what you believe, and for whom.",
    "empty": "Write a why first.",
    "inside": "Inside out: why, how, what",
    "outside": "Outside in: what, how, why",
    "blank": "(no {part} yet)",
}
#: The marks of a passed and a tripped check.
PASS_MARK, TRIP_MARK = "✓", "✗"
#: How many of a check's words are named (the rest are counted), and how long a named word may
#: be before it is cut and marked "…" (in characters).
SHOWN_WORDS, WORD_CHARS = 6, 20
#: How much of each part the static face's columns preview, and the widths at which the page wraps
#: its lines at spaces (characters): a column of the message, a line of the checks. Both fit a
#: phone's text column (about 38 characters of 13 px type in the kit's 270 px), the message's two
#: columns one above the other.
PART_CHARS, COLUMN_CHARS, LINE_CHARS = 60, 38, 38
#: How many lines of 18 px the static face keeps for the message (both columns) and for the checks.
MESSAGE_LINES, CHECK_LINES = 22, 22


def message_checks(why: str, how: str, what: str) -> pd.DataFrame:
    """The checks of one message, a row each.

    Parameters
    ----------
    why, how, what : str
        The three parts, as plain text.

    Returns
    -------
    pandas.DataFrame
        ``key`` (a key of :data:`MESSAGE_CHECKS`), ``check``, ``passed``, ``words``
        (comma-separated, once each, in the order they first appear), ``tripped`` (how many
        distinct words tripped it) and ``explanation``.

    Raises
    ------
    ValueError
        If any part is not text.
    """
    why, how, what = _text(why, "The why"), _text(how, "The how"), _text(what, "The what")
    tripped = dict(why_checks(why))
    rows = []
    for key, plain in MESSAGE_CHECKS[:2]:
        found = list(dict.fromkeys(tripped.get(key, [])))
        rows.append({"key": key, "check": plain, "passed": not found, "words": ", ".join(found), "tripped": len(found),
                     "explanation": (fill(MESSAGE_WORDS["tripped"], words=", ".join(found)) + " "
                                     + MESSAGE_WORDS["advice"] if found else MESSAGE_WORDS["passes"])})
    key, plain = MESSAGE_CHECKS[2]
    rows.append({"key": key, "check": plain, "passed": bool(why.strip()), "words": "", "tripped": 0,
                 "explanation": MESSAGE_WORDS["passes"] if why.strip() else MESSAGE_WORDS["empty"]})
    return pd.DataFrame(rows)


def _shown(word: str) -> str:
    return word if len(word) <= WORD_CHARS else word[:WORD_CHARS] + "…"


def message_lines(checks: pd.DataFrame) -> list[str]:
    """The words of a message's checks, a line each, from :data:`MESSAGE_WORDS`.

    Each check gives its heading (``✓`` or ``✗`` and what it checks), then ``Passes.``, or the
    words that tripped it (the first :data:`SHOWN_WORDS`, each cut at :data:`WORD_CHARS`
    characters, the rest counted) and the advice, or ``Write a why first.``. Both faces say
    these lines; the static face computes them in the page.

    Raises
    ------
    ValueError
        Unless ``checks`` is a frame of :func:`message_checks`.
    """
    if not isinstance(checks, pd.DataFrame) or not {"key", "check", "passed", "words"} <= set(checks.columns):
        raise ValueError("message_lines() needs the frame of message_checks(): key, check, passed and words.")
    lines = []
    for r in checks.itertuples():
        lines.append(fill(MESSAGE_WORDS["check"], mark=PASS_MARK if r.passed else TRIP_MARK, check=r.check))
        if r.key == "first":
            lines.append(MESSAGE_WORDS["passes" if r.passed else "empty"])
        elif r.passed:
            lines.append(MESSAGE_WORDS["passes"])
        else:
            found = r.words.split(", ")  # no word holds ", " (a number's comma is followed by a digit)
            shown = ", ".join(_shown(w) for w in found[:SHOWN_WORDS])
            lines.append(fill(MESSAGE_WORDS["tripped"], words=shown) if len(found) <= SHOWN_WORDS
                         else fill(MESSAGE_WORDS["more"], words=shown, more=len(found) - SHOWN_WORDS))
            lines.append(MESSAGE_WORDS["advice"])
    return lines


def preview(text: str, part: str) -> str:
    """What the static face's column shows of one part: its first :data:`PART_CHARS` characters
    (``…`` when cut), or ``(no why yet)`` when it is empty.

    Raises
    ------
    ValueError
        If ``text`` is not text.
    """
    text = _text(text, f"The {part}")
    if not text:
        return fill(MESSAGE_WORDS["blank"], part=part)
    return text if len(text) <= PART_CHARS else text[:PART_CHARS] + "…"


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` characters, at a space where there is one
    (the space is dropped), else inside a long word; exactly as the static face wraps in the page.

    Raises
    ------
    ValueError
        If ``text`` is not text or ``width`` is not a whole number from 1 to 1,000.
    """
    text = _text(text, "The text")
    if isinstance(width, bool) or not isinstance(width, int) or not 1 <= width <= 1000:
        raise ValueError(f"The width must be a whole number from 1 to 1,000, got {width!r}.")
    return re.sub(WRAP_PATTERN.format(width=width), r"\1\2\n", text).split("\n")


#: The wrap of :func:`wrap`, written once for both languages: where the rest of a line is longer
#: than ``width``, break after the longest run of at most ``width`` characters followed by a space,
#: or after ``width`` characters when there is no such space. (``\Z`` is Python's end of text; the
#: page writes ``$``.)
WRAP_PATTERN = r"(?![^\n]{{1,{width}}}(?:\n|\Z))(?:([^\n]{{1,{width}}}) |([^\n]{{{width}}}))"


def message_grid() -> pd.DataFrame:
    """The static face's data for exercise 2: one row holding :data:`FEATURE_WORDS`
    (``feature_words``, sorted), the list the page checks a why against."""
    words = sorted(FEATURE_WORDS)
    if not all(re.fullmatch("[a-z]+", w) for w in words):
        raise ValueError("Every feature word must be plain lower-case letters a to z.")
    return pd.DataFrame([{"feature_words": words}])


def checks_frame(checks: pd.DataFrame) -> pd.DataFrame:
    """The chart's rows for :func:`message_checks`: ``check``, ``passed``, ``tripped``.

    Raises
    ------
    ValueError
        Unless ``checks`` is a frame of :func:`message_checks`.
    """
    if not isinstance(checks, pd.DataFrame) or not {"check", "passed", "tripped"} <= set(checks.columns):
        raise ValueError("checks_frame() needs the frame of message_checks(): check, passed and tripped.")
    return checks[["check", "passed", "tripped"]]


def assemble(why: str, how: str, what: str, inside_out: bool = True) -> list[str]:
    """The message's three parts in order: why, how, what (inside out) or the reverse.

    Raises
    ------
    ValueError
        If any part is not text.
    """
    parts = [_text(why, "The why"), _text(how, "The how"), _text(what, "The what")]
    return parts if inside_out else parts[::-1]


#: The fictional team's worked example (exercise 2's static face).
WORKED = {
    "why": "We believe the people who care for others deserve tools that care for them.",
    "how": "So we design with receptionists, remove steps before adding any, and ship a small change every week.",
    "what": "Our clinic app books, reminds and bills in one place, from 29 euros a month.",
    "weak_why": "Our app is 40% faster than other booking tools, with a new dashboard.",
}


# --------------------------------------------------------------------------- exercise 3: Bass

#: Exercise 3a's inputs, declared once: Sultan, Farley and Lehmann's averages (p = 0.03, q = 0.38)
#: are the default; ``grid`` is what the static face offers.
P = Number("p", "Innovation p", 0.03, low=0.005, high=0.1, step=0.005, grid=(0.01, 0.02, 0.03, 0.04, 0.05))
Q = Number("q", "Imitation q", 0.38, low=0.0, high=0.8, step=0.01, grid=(0.0, 0.2, 0.3, 0.38, 0.5, 0.6))
BASS_INPUTS = (P, Q)
P_DEFAULT, Q_DEFAULT = P.default, Q.default
#: The static grid's steps, in per cent (from the declarations).
P_STEPS = tuple(round(v * 100) for v in P.grid)
Q_STEPS = tuple(round(v * 100) for v in Q.grid)
PERIODS = 30
#: The words of exercise 3a, two lines each, chosen by ``verdict``: the live face fills them with
#: :func:`~exercises.kit.text.fill`, the static face in the page.
BASS_WORDS = {
    "peaks": ("Adoption per period peaks at period {peak:.1f}; half the market by {t50:.1f}.",
              "{tip:.0f} % (innovators + early adopters) by period {t16:.1f}."),
    "falls": ("Adoption is fastest at the start (q ≤ p); half the market by {t50:.1f}.",
              "{tip:.0f} % (innovators + early adopters) by period {t16:.1f}."),
}


def _check_pq(p, q) -> tuple[float, float]:
    p, q = _number(p, "Innovation p"), _number(q, "Imitation q")
    if not 0 < p <= 1:
        raise ValueError(f"Innovation p must be above 0 and at most 1, got {p}.")
    if not 0 <= q <= 2:
        raise ValueError(f"Imitation q must be from 0 to 2, got {q}.")
    return p, q


def bass_cumulative(t, p: float, q: float):
    """Bass's closed-form cumulative share ``F(t)`` (0..1) for innovation ``p`` and imitation ``q``.

    Raises
    ------
    ValueError
        Unless ``0 < p ≤ 1``, ``0 ≤ q ≤ 2`` and every ``t`` is a finite number at least 0.
    """
    p, q = _check_pq(p, q)
    t = np.asarray(t, dtype=float)
    if not (np.isfinite(t).all() and (t >= 0).all()):
        raise ValueError("Time must be finite and at least 0.")
    e = np.exp(-(p + q) * t)
    return (1 - e) / (1 + (q / p) * e)


def bass_peak_time(p: float, q: float) -> float:
    """When adoption per period peaks: ``ln(q/p)/(p+q)`` if ``q > p``, else 0 (it falls from the start).

    Raises
    ------
    ValueError
        Unless ``0 < p ≤ 1`` and ``0 ≤ q ≤ 2``.
    """
    p, q = _check_pq(p, q)
    return math.log(q / p) / (p + q) if q > p else 0.0


def bass_time_to(share: float, p: float, q: float) -> float:
    """The time cumulative adoption reaches ``share`` (0 < share < 1): ``F`` inverted.

    Raises
    ------
    ValueError
        Unless ``0 < share < 1``, ``0 < p ≤ 1`` and ``0 ≤ q ≤ 2``.
    """
    p, q = _check_pq(p, q)
    share = _number(share, "The share")
    if not 0 < share < 1:
        raise ValueError(f"The share must be above 0 and below 1 (the whole market is never quite reached), got {share}.")
    return -math.log((1 - share) / (1 + share * q / p)) / (p + q)


def bass_curve(p: float, q: float, periods: int = PERIODS) -> pd.DataFrame:
    """Adoption over ``periods``: ``t``, ``cumulative`` and ``per_period`` (per cent of the market),
    and ``row_one`` (true on the first row, where the chart draws its marks once).

    Raises
    ------
    ValueError
        Unless ``0 < p ≤ 1``, ``0 ≤ q ≤ 2`` and ``periods`` is a whole number from 1 to 1,000.
    """
    p, q = _check_pq(p, q)
    if isinstance(periods, bool) or not isinstance(periods, (int, np.integer)) or not 1 <= periods <= 1000:
        raise ValueError(f"periods must be a whole number from 1 to 1,000, got {periods!r}.")
    t = np.arange(periods + 1)
    f = bass_cumulative(t, p, q)
    return pd.DataFrame({"t": t, "cumulative": 100 * f, "per_period": 100 * np.diff(f, prepend=0.0),
                         "row_one": t == 0})


def _bass_summary(p: float, q: float) -> dict:
    peak = bass_peak_time(p, q)
    return {"verdict": "peaks" if q > p else "falls", "peak": peak, "tip": 100 * ROGERS_TIP,
            "t16": bass_time_to(ROGERS_TIP, p, q), "t50": bass_time_to(0.5, p, q)}


def bass(p: float, q: float) -> dict:
    """Exercise 3a, once per change: the curve for ``p`` and ``q`` and what it says.

    Returns
    -------
    dict
        ``curve`` (:func:`bass_curve`), ``verdict`` (a key of :data:`BASS_WORDS`), ``peak``,
        ``t16`` and ``t50`` (periods; all finite) and ``words`` (the two filled lines).

    Raises
    ------
    ValueError
        Unless ``0 < p ≤ 1`` and ``0 ≤ q ≤ 2``.
    """
    p, q = _check_pq(p, q)
    found = _bass_summary(p, q)
    words = [fill(line, **found) for line in BASS_WORDS[found["verdict"]]]
    return {"curve": bass_curve(p, q), **found, "words": words}


def bass_grid(ps=P.grid, qs=Q.grid, periods: int = PERIODS) -> pd.DataFrame:
    """The static explorer's data: one row per ``p`` and ``q`` of the declarations' grids.

    Each row holds ``p``, ``q``, the words' numbers (``verdict``, ``peak``, ``tip``, ``t16``,
    ``t50``) and the curve packed as two lists, ``t`` and ``cumulative`` (per cent, one decimal),
    which the page unpacks: a tenth of the size of one row per period.
    """
    rows = []
    for p in ps:
        for q in qs:
            curve = bass_curve(p, q, periods)
            rows.append({"p": float(p), "q": float(q), **_bass_summary(p, q), "t": curve["t"].tolist(),
                         "cumulative": [round(float(v), 1) for v in curve["cumulative"]]})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- Rogers

#: Rogers' categories: name, lower and upper cut in standard deviations, Rogers' rounded share.
CATEGORIES = (("innovators", -math.inf, -2, 2.5), ("early adopters", -2, -1, 13.5),
              ("early majority", -1, 0, 34.0), ("late majority", 0, 1, 34.0), ("laggards", 1, math.inf, 16.0))


def _phi(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2))) if math.isfinite(z) else (0.0 if z < 0 else 1.0)


def rogers_categories() -> pd.DataFrame:
    """Rogers' adopter categories from the normal curve: ``category``, ``low``, ``high`` (σ),
    ``share`` (per cent, exact), ``rogers`` (Rogers' rounding), ``start``/``end`` (cumulative per cent)."""
    rows, start = [], 0.0
    for name, low, high, rounded in CATEGORIES:
        share = 100 * (_phi(high) - _phi(low))
        rows.append({"category": name, "low": low, "high": high, "share": share, "rogers": rounded,
                     "start": start, "end": start + share})
        start += share
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- Granovetter

CROWD = 100
#: The share that must end up joined for the crowd to count as tipped (per cent).
TIPPED = 90
#: Exercise 3b's inputs, declared once. The mean threshold is an input so that a crowd that never
#: tips (a reluctant crowd with little spread) can be found on both faces.
SPREAD = Number("spread", "Spread of thresholds", 10, unit="%", low=1, high=30, step=1,
                grid=(1, 5, 10, 15, 20, 25, 30))
COMMITTED = Number("committed", "Committed believers", 16, unit="%", low=0, high=50, step=1)
MEAN = Number("mean", "Average threshold", 40, unit="%", low=20, high=70, step=5, grid=(30, 40, 50, 60, 70))
#: Where the crowd tips is what the exercise asks: it stays folded until the learner asks for it.
REVEAL = Flag("reveal", "Show where it tips", False)
CASCADE_INPUTS = (SPREAD, COMMITTED, MEAN, REVEAL)
MEAN_THRESHOLD = MEAN.default / 100
SPREAD_STEPS = SPREAD.grid
COMMITTED_STEPS = COMMITTED.grid
#: The words of exercise 3b, two lines each: ``tips`` or ``never`` once the learner asks where it
#: tips, else ``tipped`` or ``short`` (what their own committed share does, nothing more).
CASCADE_WORDS = {
    "tipped": ("With {committed:.0f} % committed, {joined:.0f} % of the crowd join in the end.",
               "It has tipped: 90 % or more join."),
    "short": ("With {committed:.0f} % committed, {joined:.0f} % of the crowd join in the end.",
              "Not tipped: fewer than 90 % join. Where does it tip?"),
    "tips": ("With {committed:.0f} % committed, {joined:.0f} % of the crowd join in the end.",
             "It tips (90 % or more join) from {tip:.0f} % committed."),
    "never": ("With {committed:.0f} % committed, {joined:.0f} % of the crowd join in the end.",
              "It never tips here, even with 50 % committed."),
}


def cascade(thresholds) -> int:
    """How many of the crowd end up joined (Granovetter 1978).

    Parameters
    ----------
    thresholds : sequence of float
        Each person's threshold as a *count* of people already joined (0 joins at once).

    Returns
    -------
    int
        The fixed point: the number ``n`` with ``#{θ_i ≤ n} = n`` reached from ``n = 0``.

    Raises
    ------
    ValueError
        If a threshold is not a finite number at least 0.
    """
    try:
        values = np.sort(np.asarray(thresholds, dtype=float).ravel())
    except (TypeError, ValueError):
        raise ValueError("Thresholds must be numbers.") from None
    if not (np.isfinite(values).all() and (values >= 0).all()):
        raise ValueError("Thresholds must be finite numbers, at least 0.")
    joined = 0
    while True:
        now = int(np.searchsorted(values, joined + 1e-9, side="right"))
        if now == joined:
            return joined
        joined = now


@functools.lru_cache(maxsize=256)
def _normal_scores(rest: int) -> np.ndarray:
    unit = NormalDist()
    return np.array([unit.inv_cdf((i + 0.5) / rest) for i in range(rest)])


def _check_crowd(committed, spread, mean) -> tuple[float, float, float]:
    committed = _number(committed, "The committed share")
    spread, mean = _number(spread, "The spread of thresholds"), _number(mean, "The average threshold")
    if not 0 <= committed <= 1:
        raise ValueError(f"The committed share must be from 0 to 1 (a share of the crowd), got {committed}.")
    if not 0 <= spread <= 1:
        raise ValueError(f"The spread of thresholds must be from 0 to 1, got {spread}.")
    if not 0 <= mean <= 1:
        raise ValueError(f"The average threshold must be from 0 to 1, got {mean}.")
    return committed, spread, mean


def crowd_thresholds(committed: float, spread: float, mean: float = MEAN_THRESHOLD, n: int = CROWD) -> np.ndarray:
    """Thresholds (counts of people) for a crowd of ``n``: ``round(committed·n)`` at 0, the rest at
    the normal quantiles of mean ``mean`` and spread ``spread`` (shares), clipped to 0..1.

    Raises
    ------
    ValueError
        Unless the shares are from 0 to 1 and ``n`` is a whole number from 1 to 100,000.
    """
    committed, spread, mean = _check_crowd(committed, spread, mean)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 100_000:
        raise ValueError(f"The crowd must be a whole number of people from 1 to 100,000, got {n!r}.")
    k = int(round(committed * n))
    rest = n - k
    shares = (mean + spread * _normal_scores(rest)) if rest else np.array([])
    return np.concatenate([np.zeros(k), np.clip(shares, 0, 1) * n])


@functools.lru_cache(maxsize=512)
def _joined(spread: float, mean: float) -> tuple[float, ...]:
    return tuple(cascade(crowd_thresholds(c / 100, spread, mean)) * 100 / CROWD for c in COMMITTED_STEPS)


def cascade_curve(spread: float, mean: float = MEAN_THRESHOLD) -> pd.DataFrame:
    """Final share joined (per cent) for each committed share 0..50 %: ``committed``, ``joined``.

    Raises
    ------
    ValueError
        Unless ``spread`` and ``mean`` are shares from 0 to 1.
    """
    _, spread, mean = _check_crowd(0, spread, mean)
    return pd.DataFrame({"committed": list(COMMITTED_STEPS), "joined": list(_joined(spread, mean))})


def tipping_share(spread: float, mean: float = MEAN_THRESHOLD) -> float | None:
    """The smallest committed share (per cent) at which at least :data:`TIPPED` % end up joined, or None.

    Raises
    ------
    ValueError
        Unless ``spread`` and ``mean`` are shares from 0 to 1.
    """
    _, spread, mean = _check_crowd(0, spread, mean)
    for committed, joined in zip(COMMITTED_STEPS, _joined(spread, mean)):
        if joined >= TIPPED:
            return float(committed)
    return None


def crowd(spread: float, committed: float, mean: float = MEAN.default, reveal: bool = True) -> dict:
    """Exercise 3b, once per change; every input in per cent, as the controls give them.

    ``reveal`` (the learner asked where it tips; the exercise starts without) chooses the words
    that name the tipping share and a curve shown in full; otherwise the words say only what the
    learner's own committed share does and the curve is ``shown`` up to it.

    Returns
    -------
    dict
        ``curve`` (``committed``, ``joined``, ``yours``: true on your row; ``row_one``; ``shown``:
        drawn), ``joined`` (per cent), ``tip`` (per cent committed, None if it never tips),
        ``verdict`` (``tips`` or ``never``), ``said`` (the key of :data:`CASCADE_WORDS` used) and
        ``words`` (the two filled lines).

    Raises
    ------
    ValueError
        Unless the spread and the mean are from 0 to 100 and ``committed`` one of 0, 1, …, 50.
    """
    spread, committed, mean = (_number(spread, "The spread of thresholds"),
                               _number(committed, "The committed share"), _number(mean, "The average threshold"))
    if committed not in COMMITTED_STEPS:
        raise ValueError(f"The committed share must be a whole per cent from 0 to 50, got {committed}.")
    curve = cascade_curve(spread / 100, mean / 100)
    tip = tipping_share(spread / 100, mean / 100)
    if not isinstance(reveal, (bool, np.bool_)):
        raise ValueError(f"Show where it tips must be ticked or not, got {reveal!r}.")
    joined = float(curve["joined"].iloc[int(committed)])
    verdict = "never" if tip is None else "tips"
    said = verdict if reveal else ("tipped" if joined >= TIPPED else "short")
    words = [fill(line, committed=committed, joined=joined, tip=-1 if tip is None else tip)
             for line in CASCADE_WORDS[said]]
    curve = curve.assign(yours=curve["committed"] == committed, row_one=curve["committed"] == 0,
                         shown=bool(reveal) | (curve["committed"] <= committed))
    return {"curve": curve, "joined": joined, "tip": tip, "verdict": verdict, "said": said, "words": words}


def cascade_grid(spreads=SPREAD.grid, means=MEAN.grid) -> pd.DataFrame:
    """The static explorer's data: one row per spread and mean (per cent) of the declarations' grids,
    with ``tip`` (-1 when it never tips), ``verdict`` and the curve packed as lists, ``committed``,
    ``joined`` and ``reached`` (the words' key while the tip is folded: ``tipped`` or ``short``),
    which the page unpacks."""
    rows = []
    for s in spreads:
        for m in means:
            tip = tipping_share(s / 100, m / 100)
            joined = _joined(s / 100, m / 100)
            rows.append({"spread": s, "mean": m, "tip": -1.0 if tip is None else tip,
                         "verdict": "never" if tip is None else "tips", "committed": list(COMMITTED_STEPS),
                         "joined": [round(v) if float(v).is_integer() else v for v in joined],
                         "reached": ["tipped" if v >= TIPPED else "short" for v in joined]})
    return pd.DataFrame(rows)
