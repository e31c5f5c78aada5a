"""Purpose-led communication and the tipping point: the models.

Pure pandas and numpy, no display.

**Exercise 1: the golden circle.** Each statement of a fictional product team is a *why*
(a belief, the reason the team exists), a *how* (a way of working that makes the belief
real) or a *what* (a product, a feature, a price). The labels and a one-line reason for
each come from ``data/purpose_statements.csv`` (Sinek 2009).

**Exercise 2: say it inside out.** A message is assembled why → how → what (inside out)
or what → how → why (outside in). :func:`why_checks` flags a why that talks about features
or numbers, and names the words that tripped the check. The checks are word lists, not
judgement: a flagged why may still be fine, and a passing one may still be empty.

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
minority near 25 % overturned a convention in their experiment; the seeds put the tipping
point at 15–18 %. The models disagree because they describe different things: the first
is when adoption *speeds up*, the second what it takes to *overturn* a norm.
"""

from __future__ import annotations

import math
import re
from statistics import NormalDist

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, load_csv

__all__ = [
    "CATEGORIES", "CIRCLES", "COMMITTED_STEPS", "FEATURE_WORDS", "MEAN_THRESHOLD", "P_STEPS", "PERIODS",
    "Q_STEPS", "SEEDS_TIP", "CENTOLA_TIP", "SPREAD_STEPS", "STATEMENTS_FILE", "STATEMENTS_SCHEMA", "WORKED",
    "assemble", "bass_curve", "bass_cumulative", "bass_grid", "bass_peak_time", "bass_time_to", "cascade",
    "cascade_curve", "cascade_grid", "crowd_thresholds", "load_statements", "message_checks",
    "rogers_categories", "tipping_share", "why_checks",
]

#: The three rings of the golden circle, inside out.
CIRCLES = ("why", "how", "what")
STATEMENTS_FILE = "purpose_statements.csv"
STATEMENTS_SCHEMA = Schema(columns=(Column("id"), Column("statement"), Column("circle", choices=CIRCLES),
                                    Column("reason")), key="id", max_rows=60)

#: The seeds' tipping point (innovators plus early adopters) and Centola et al.'s critical mass.
SEEDS_TIP, CENTOLA_TIP = 0.16, 0.25


def load_statements(name: str = STATEMENTS_FILE) -> pd.DataFrame:
    """The golden-circle statements: ``id``, ``statement``, ``circle`` (why/how/what), ``reason``."""
    return load_csv(name, STATEMENTS_SCHEMA)


# --------------------------------------------------------------------------- exercise 2

#: Words that belong to the what: a why that uses them talks about the product.
FEATURE_WORDS = frozenset("""
app apps feature features dashboard dashboards button buttons screen screens release version
integration integrations api sync syncs import export plugin module platform
pricing price prices cheaper faster discount plan plans tier subscription
""".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*\s*%?|[€$£]", re.UNICODE)
_NUMBER = re.compile(r"\d|[€$£%]")


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
    """
    tokens = _WORD.findall(str(why))
    features = [t for t in tokens if t.lower() in FEATURE_WORDS]
    numbers = [t.strip() for t in tokens if _NUMBER.search(t)]
    return [(name, found) for name, found in (("features", features), ("numbers", numbers)) if found]


def message_checks(why: str, how: str, what: str) -> pd.DataFrame:
    """The checks of one message, a row each: ``check``, ``passed``, ``words``, ``explanation``."""
    tripped = dict(why_checks(why))
    rows = []
    for name, plain in (("features", "the why names no product or feature"),
                        ("numbers", "the why holds no numbers or prices")):
        found = tripped.get(name, [])
        rows.append({"check": plain, "passed": not found, "words": ", ".join(dict.fromkeys(found)),
                     "explanation": (f"Tripped by: {', '.join(dict.fromkeys(found))}. Those belong to the what; "
                                     "a why says what you believe and for whom." if found else "Passes.")})
    rows.append({"check": "the why comes first and is the shortest way in", "passed": bool(why.strip()),
                 "words": "", "explanation": "Passes." if why.strip() else "Write a why first."})
    return pd.DataFrame(rows)


def assemble(why: str, how: str, what: str, inside_out: bool = True) -> list[str]:
    """The message's three parts in order: why, how, what (inside out) or the reverse."""
    parts = [why, how, what]
    return parts if inside_out else parts[::-1]


#: The fictional team's worked example (exercise 2's static face).
WORKED = {
    "why": "We believe the people who care for others deserve tools that care for them.",
    "how": "So we design with receptionists, remove steps before adding any, and ship a small change every week.",
    "what": "Our clinic app books, reminds and bills in one place, from 29 euros a month.",
    "weak_why": "Our app is 40% faster than other booking tools, with a new dashboard.",
}


# --------------------------------------------------------------------------- exercise 3: Bass

#: Sultan, Farley and Lehmann's averages; the static grid's steps (per cent).
P_DEFAULT, Q_DEFAULT = 0.03, 0.38
P_STEPS = (1, 2, 3, 4, 5)
Q_STEPS = (20, 30, 38, 50, 60)
PERIODS = 30


def bass_cumulative(t, p: float, q: float):
    """Bass's closed-form cumulative share ``F(t)`` (0..1) for innovation ``p`` and imitation ``q``."""
    t = np.asarray(t, dtype=float)
    e = np.exp(-(p + q) * t)
    return (1 - e) / (1 + (q / p) * e)


def bass_peak_time(p: float, q: float) -> float:
    """When adoption per period peaks: ``ln(q/p)/(p+q)`` if ``q > p``, else 0 (it falls from the start)."""
    return math.log(q / p) / (p + q) if q > p else 0.0


def bass_time_to(share: float, p: float, q: float) -> float:
    """The time cumulative adoption reaches ``share`` (0 < share < 1): ``F`` inverted."""
    return -math.log((1 - share) / (1 + share * q / p)) / (p + q)


def bass_curve(p: float, q: float, periods: int = PERIODS) -> pd.DataFrame:
    """Adoption over ``periods``: ``t``, ``cumulative`` and ``per_period`` (per cent of the market)."""
    if not (0 < p <= 1 and 0 <= q <= 2):
        raise ValueError(f"p must be in (0, 1] and q in [0, 2], got p={p!r}, q={q!r}")
    t = np.arange(periods + 1)
    f = bass_cumulative(t, p, q)
    return pd.DataFrame({"t": t, "cumulative": 100 * f, "per_period": 100 * np.diff(f, prepend=0.0)})


def bass_grid(p_steps=P_STEPS, q_steps=Q_STEPS, periods: int = PERIODS) -> pd.DataFrame:
    """:func:`bass_curve` for every ``p`` and ``q`` (per cent) of the static explorer, with its
    ``peak``, ``t16`` and ``t50`` on every row."""
    frames = []
    for pp in p_steps:
        for qq in q_steps:
            p, q = pp / 100, qq / 100
            frame = bass_curve(p, q, periods).assign(p_pct=pp, q_pct=qq, peak=bass_peak_time(p, q),
                                                      t16=bass_time_to(SEEDS_TIP, p, q), t50=bass_time_to(0.5, p, q))
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


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

MEAN_THRESHOLD = 0.40
SPREAD_STEPS = (5, 10, 15, 20, 25)
COMMITTED_STEPS = tuple(range(0, 51))
CROWD = 100


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
    """
    values = np.sort(np.asarray(thresholds, dtype=float))
    joined = 0
    while True:
        now = int(np.searchsorted(values, joined + 1e-9, side="right"))
        if now == joined:
            return joined
        joined = now


def crowd_thresholds(committed: float, spread: float, mean: float = MEAN_THRESHOLD, n: int = CROWD) -> np.ndarray:
    """Thresholds (counts of people) for a crowd of ``n``: ``round(committed·n)`` at 0, the rest at
    the normal quantiles of mean ``mean`` and spread ``spread`` (shares), clipped to 0..1."""
    k = int(round(committed * n))
    rest = n - k
    if spread <= 0:
        shares = np.full(rest, mean)
    else:
        dist = NormalDist(mean, spread)
        shares = np.array([dist.inv_cdf((i + 0.5) / rest) for i in range(rest)]) if rest else np.array([])
    return np.concatenate([np.zeros(k), np.clip(shares, 0, 1) * n])


def cascade_curve(spread: float, mean: float = MEAN_THRESHOLD) -> pd.DataFrame:
    """Final share joined (per cent) for each committed share 0..50 %: ``committed``, ``joined``."""
    rows = [{"committed": c, "joined": cascade(crowd_thresholds(c / 100, spread, mean)) * 100 / CROWD}
            for c in COMMITTED_STEPS]
    return pd.DataFrame(rows)


def tipping_share(spread: float, mean: float = MEAN_THRESHOLD) -> float | None:
    """The smallest committed share (per cent) at which at least 90 % end up joined, or None."""
    curve = cascade_curve(spread, mean)
    tipped = curve[curve["joined"] >= 90]
    return float(tipped["committed"].iloc[0]) if len(tipped) else None


def cascade_grid(spreads=SPREAD_STEPS, mean: float = MEAN_THRESHOLD) -> pd.DataFrame:
    """:func:`cascade_curve` for every spread (per cent) with its ``tip`` (-1 when it never tips)."""
    frames = []
    for s in spreads:
        curve = cascade_curve(s / 100, mean)
        tip = tipping_share(s / 100, mean)
        frames.append(curve.assign(spread=s, tip=-1.0 if tip is None else tip))
    return pd.concat(frames, ignore_index=True)
