"""Delegation: decide less, support more: the models. Pure pandas and numpy; no display.

**Exercise 1: the delegation board.** Appelo's seven levels of delegation (Appelo 2016):
tell, sell, consult, agree, advise, inquire, delegate. Each decision is scored 1 to 5 on
reversibility (5: easy to undo), impact (5: the whole company), the team's expertise, the
leader's expertise and urgency (5: needed today). Our rule (not Appelo's) adds the points

.. math:: p = 2(R-3) - 2(I-3) + 2(T-3) - (L-3) + (U-3)

and recommends level ``clip(4 + floor(p / 3 + 1/2), 1, 7)``: every three points move one
level from *agree*. More reversible, more team expertise or more urgency never means less
delegation; more impact or more leader expertise never means more. The reason names the
strongest factor each way. Assumptions: the five scores are known and the weights are ours.
A learner can also score a decision of their own (:data:`SCORE_INPUTS`, :func:`score`): the same
rule, with each factor's part in the points (:data:`SCORE_WORDS`).

**Exercise 2: the bottleneck.** Decisions arrive at rate ``λ`` a week; a share ``d`` is
delegated, so the leader's queue gets ``λ(1 − d)`` a week and decides ``μ`` a week. As an
M/M/1 queue (Kleinrock 1975; Reinertsen 2009) the mean time in system is

.. math:: W = 1 / (μ - λ(1 - d)) \\quad \\text{while } λ(1 - d) < μ,

unbounded otherwise, and the time in system is exponential, so its 90th percentile is
``ln(10) W``. A seeded simulation of the same queue (Lindley's recursion, Lindley 1952,
``w_{n+1} = max(0, w_n + s_n − a_{n+1})``, vectorised) agrees with the formula within
:data:`TOLERANCE` for utilisation up to :data:`RHO_CHECK`. Assumptions: arrivals Poisson,
decision times exponential, first come first served, one leader, delegated decisions never
come back; a week is :data:`WORK_DAYS` working days.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, load_csv
from ..kit.inputs import Flag, Number
from ..kit.text import fill

__all__ = [
    "DECISIONS_FILE", "DECISIONS_SCHEMA", "DUTIES_FILE", "DUTIES_SCHEMA", "FACTORS", "LEVELS", "LEVEL_MEANING",
    "OWNERS", "RHO_CHECK", "RHO_MAX", "SHARES", "SIM_CUSTOMERS", "SIM_SEED", "TOLERANCE", "WEIGHTS", "WORK_DAYS",
    "BOTTLENECK_INPUTS", "BOTTLENECK_WORDS", "CAPACITY", "DECISIONS", "DELEGATED", "BOARD_FOLDED", "BOARD_REVEAL",
    "FACTOR_LABELS", "SCORE_INPUTS", "SCORE_WORDS", "SCORES_HEAD", "SCORES_WORDS", "STORY_WORDS", "QUARTER_WEEKS",
    "bottleneck_story", "factor_frame", "score",
    "board_frame", "bottleneck", "bottleneck_curve", "bottleneck_grid", "check_rates", "explosion_share",
    "lead_time", "queue_grows", "verdict",
    "level_feedback", "load_decisions", "load_duties", "recommend", "simulate", "spread_table",
]

#: Appelo's seven levels of delegation, from "the leader decides" to "the team decides".
LEVELS = ("tell", "sell", "consult", "agree", "advise", "inquire", "delegate")
#: What each level means, in a line.
LEVEL_MEANING = {
    "tell": "you decide and announce it", "sell": "you decide and win them over",
    "consult": "you ask for input, then decide", "agree": "you decide together",
    "advise": "you give your view, they decide", "inquire": "they decide, then tell you",
    "delegate": "they decide; you need not hear",
}
FACTORS = ("reversibility", "impact", "team_expertise", "leader_expertise", "urgency")
#: Points per step above the middle score (3) of each factor.
WEIGHTS = {"reversibility": 2, "impact": -2, "team_expertise": 2, "leader_expertise": -1, "urgency": 1}
#: How each factor reads when it pushes towards the team (+) or towards you (−).
_PHRASES = {
    "reversibility": ("it is easy to undo", "it is hard to undo"),
    "impact": ("it stays within one team", "it reaches across the company"),
    "team_expertise": ("the team knows this well", "the team is new to this"),
    "leader_expertise": ("you know little about it", "you know this area well"),
    "urgency": ("it cannot wait for you", "there is time to talk it through"),
}
#: How each factor is named in the words and on the chart of your own decision's points.
FACTOR_LABELS = {"reversibility": "Reversibility", "impact": "Impact", "team_expertise": "Team's expertise",
                 "leader_expertise": "Your expertise", "urgency": "Urgency"}
#: Your own decision's inputs, declared once: a score of 1 to 5 per factor, starting in the middle
#: (0 points: *agree*). The label says what a 5 means.
SCORE_INPUTS = (
    Number("reversibility", "Reversibility (5: easy to undo)", 3, low=1, high=5),
    Number("impact", "Impact (5: the whole company)", 3, low=1, high=5),
    Number("team_expertise", "Team's expertise (5: they know it best)", 3, low=1, high=5),
    Number("leader_expertise", "Your expertise (5: you know it best)", 3, low=1, high=5),
    Number("urgency", "Urgency (5: needed today)", 3, low=1, high=5),
)
#: The words for your own decision, made once (two lines): the level the rule gives with its points,
#: then each factor's part in them. The live face fills them with :func:`~exercises.kit.text.fill`,
#: the static face in the page (:func:`exercises.kit.charts.vega_sentence`).
SCORE_WORDS = (
    "The rule says {level} ({meaning}): {points} points in all.",
    "Each factor's points (above 0 towards the team, below 0 towards you):",
    "reversibility {reversibility_points}, impact {impact_points}, team's expertise {team_expertise_points},",
    "your expertise {leader_expertise_points}, urgency {urgency_points}.",
)
#: A decision's five scores as the learner reads them beside it (short, so a phone shows it on one line).
SCORES_HEAD = "Scores: "
SCORES_WORDS = ("reversibility {reversibility}, impact {impact}, team {team_expertise}, you {leader_expertise}, "
                "urgency {urgency}")
#: Exercise 1's static board of the rule's levels stays folded until the learner asks for it.
BOARD_REVEAL = Flag("show_board", "Show the rule's board", False)
#: What the folded board says instead of the rule's levels (two lines).
BOARD_FOLDED = ("Choose your own level for each decision above first.",
                "Then tick \u201cShow the rule's board\u201d to see the rule's level for each decision, and why.")
OWNERS = ("delegate", "still mine")
DECISIONS_FILE = "delegation_decisions.csv"
DUTIES_FILE = "delegation_duties.csv"
DECISIONS_SCHEMA = Schema(
    columns=(Column("id"), Column("decision"),
             *(Column(f, "int", minimum=1, maximum=5) for f in FACTORS)),
    key="id", max_rows=30, unique=("decision",))
DUTIES_SCHEMA = Schema(columns=(Column("id"), Column("duty"), Column("owner", choices=OWNERS), Column("reason")),
                       key="id", max_rows=30, unique=("duty",))

WORK_DAYS = 5
#: Shares delegated the curves are drawn at (0 to 1 by 0.01).
SHARES = np.round(np.linspace(0, 1, 101), 2)
SIM_CUSTOMERS = 200_000
SIM_SEED = 2016
#: Utilisation up to which formula and simulation are held to agree within TOLERANCE.
RHO_CHECK = 0.9
TOLERANCE = 0.05
#: Highest utilisation the simulated spread is shown for (beyond it a finite run never settles).
RHO_MAX = 0.95

#: Exercise 2's inputs, declared once: both faces start from the prose's example (20 decisions a
#: week, 15 you can take, half delegated: a cliff at 25 %). ``grid`` is what the static face offers.
DECISIONS = Number("decisions", "Decisions a week", 20, low=1, high=60, grid=(10, 15, 20, 30, 40))
CAPACITY = Number("capacity", "You decide a week", 15, low=1, high=60, grid=(10, 15, 20, 25))
DELEGATED = Number("delegated", "Delegated", 50, unit="%", low=0, high=100, step=5)
BOTTLENECK_INPUTS = (DECISIONS, CAPACITY, DELEGATED)
#: The words of the bottleneck's verdict, made once (two lines each): the live face fills them with
#: :func:`~exercises.kit.text.fill`, the static face in the page (:func:`exercises.kit.charts.vega_sentence`).
BOTTLENECK_WORDS = {
    "settled": ("With {delegated:.0f} % delegated, {arrivals:.1f} decisions a week reach you and you decide "
                "{capacity:.0f}:", "each spends {lead_days:.1f} working days with you on average, waiting and "
                "being decided; 1 in 10 more than {p90_days:.1f}."),
    "busy": ("With {delegated:.0f} % delegated, {arrivals:.1f} decisions a week reach you and you decide "
             "{capacity:.0f}:", "each spends {lead_days:.1f} working days with you on average, and the wait "
             "swings wildly (you are over 95 % busy)."),
    "grows": ("With {delegated:.0f} % delegated, {arrivals:.1f} decisions a week reach you and you decide "
              "{capacity:.0f}:", "the queue grows without end. Delegate more than {explodes_at:.0f} %."),
    "none": ("With {delegated:.0f} % delegated, no decision reaches you:", "the team decides them all, and "
             "none waits for you."),
}


def load_decisions(name: str = DECISIONS_FILE) -> pd.DataFrame:
    """Load and check the decisions file (a bare name means ``data/``)."""
    frame = load_csv(name, DECISIONS_SCHEMA)
    frame.attrs.pop("lines", None)
    return frame


def load_duties(name: str = DUTIES_FILE) -> pd.DataFrame:
    """Load and check the duties file: each duty, ``delegate`` or ``still mine``, and why."""
    frame = load_csv(name, DUTIES_SCHEMA)
    frame.attrs.pop("lines", None)
    return frame


def _reason(level: str, pushes: dict[str, float], row) -> str:
    ups = sorted(((v, f) for f, v in pushes.items() if v > 0), reverse=True)
    downs = sorted((v, f) for f, v in pushes.items() if v < 0)
    up = [_PHRASES[f][0] for _, f in ups]
    down = [_PHRASES[f][1] for _, f in downs]
    rank = LEVELS.index(level) + 1
    main, other = (up, down) if rank > 4 else (down, up) if rank < 4 else (up[:1] + down[:1], [])
    main = main[:2] if rank != 4 else main
    text = " and ".join(main) or "every factor sits in the middle"
    if other and rank != 4:
        text += f", but {other[0]}"
    elif rank == 4 and len(main) == 2:
        text = f"{main[0]}, but {main[1]}"
    return f"{level.capitalize()} ({LEVEL_MEANING[level]}): {text}."


def recommend(decisions: pd.DataFrame) -> pd.DataFrame:
    """The rule's level for each decision, with its points and a one-line reason.

    Returns
    -------
    pandas.DataFrame
        The decisions with ``points``, ``rank`` (1 tell … 7 delegate), ``level``, ``reason`` and
        ``scores`` (the five scores in words, :data:`SCORES_WORDS`: what the learner reasons from).
    """
    pushes = pd.DataFrame({f: WEIGHTS[f] * (decisions[f] - 3) for f in FACTORS})
    points = pushes.sum(axis=1).astype(int)
    rank = np.clip(4 + np.floor(points / 3 + 0.5), 1, 7).astype(int)
    out = decisions.assign(points=points, rank=rank, level=[LEVELS[r - 1] for r in rank])
    out["reason"] = [_reason(lvl, pushes.loc[i].to_dict(), None) for i, lvl in zip(out.index, out["level"])]
    out["scores"] = [fill(SCORES_WORDS, **{f: int(row[f]) for f in FACTORS}) for _, row in decisions.iterrows()]
    return out


def factor_frame() -> pd.DataFrame:
    """The five factors as rows (``factor``, ``label``, ``weight``, ``order``): the data the
    static face of your own decision computes each factor's points from."""
    return pd.DataFrame({"factor": list(FACTORS), "label": [FACTOR_LABELS[f] for f in FACTORS],
                         "weight": [WEIGHTS[f] for f in FACTORS], "order": range(len(FACTORS))})


def score(reversibility: int, impact: int, team_expertise: int, leader_expertise: int, urgency: int) -> dict:
    """Your own decision, scored 1 to 5 on each factor, through :func:`recommend`'s rule.

    Returns
    -------
    dict
        ``scores`` (by factor), ``parts`` (each factor's points, by factor), ``points``, ``rank``
        (1 tell … 7 delegate), ``level``, ``reason`` (:func:`recommend`'s), ``frame`` (one row per
        factor: ``factor``, ``label``, ``score``, ``points``, ``order``) and ``words``
        (:data:`SCORE_WORDS`, filled).

    Raises
    ------
    ValueError
        When a score is not a number from 1 to 5 (a fraction is rounded, as the slider would).
    """
    scores = {"reversibility": reversibility, "impact": impact, "team_expertise": team_expertise,
              "leader_expertise": leader_expertise, "urgency": urgency}
    for spec in SCORE_INPUTS:
        scores[spec.name] = int(spec.check(scores[spec.name]))  # a whole number from 1 to 5, or a sentence
    row = recommend(pd.DataFrame([{"id": "yours", "decision": "Your decision", **scores}])).iloc[0]
    parts = {f: WEIGHTS[f] * (scores[f] - 3) for f in FACTORS}
    level = str(row["level"])
    values = {"level": level.capitalize(), "meaning": LEVEL_MEANING[level], "points": int(row["points"]),
              **{f"{f}_points": parts[f] for f in FACTORS}}
    frame = factor_frame().assign(score=[scores[f] for f in FACTORS], points=[parts[f] for f in FACTORS])
    return {"scores": scores, "parts": parts, "points": int(row["points"]), "rank": int(row["rank"]),
            "level": level, "reason": str(row["reason"]), "frame": frame,
            "words": [fill(line, **values) for line in SCORE_WORDS]}


def board_frame(recommended: pd.DataFrame, given: Sequence[str]) -> pd.DataFrame:
    """Your level against the rule's for each decision: the board's data.

    ``given`` holds one level per decision (``""`` or anything unknown: not chosen yet).
    ``gap`` is your rank minus the rule's (positive: you delegate more); NaN when not chosen.
    """
    given = [g if g in LEVELS else "" for g in list(given) + [""] * (len(recommended) - len(given))]
    given_rank = [LEVELS.index(g) + 1 if g else np.nan for g in given]
    frame = pd.DataFrame({"decision": recommended["decision"].to_list(), "given": given,
                          "answer": recommended["level"].to_list(),
                          "given_rank": given_rank, "answer_rank": recommended["rank"].to_list(),
                          "reason": recommended["reason"].to_list()})
    frame["gap"] = frame["given_rank"] - frame["answer_rank"]
    return frame


def level_feedback(board: pd.DataFrame) -> list[str]:
    """Sentences on how far your levels are from the rule's (from :func:`board_frame`)."""
    chosen = board.dropna(subset=["given_rank"])
    if chosen.empty:
        return ["Choose a level for a decision to see how it compares with the rule."]
    gaps = chosen["gap"].astype(int)
    lines = [f"Across {len(chosen)} decision{'s' if len(chosen) > 1 else ''} you are {gaps.abs().mean():.1f} levels from the rule on average: "
             f"more delegation on {(gaps > 0).sum()}, less on {(gaps < 0).sum()}, the same on {(gaps == 0).sum()}."]
    for row in chosen[gaps != 0].itertuples():
        way = "more delegation" if row.gap > 0 else "less delegation"
        n = abs(int(row.gap))
        lines.append(f"{row.decision}: you chose {row.given}, {n} level{'s' if n > 1 else ''} {way} than "
                     f"the rule's {row.answer}. {row.reason}")
    return lines


# --------------------------------------------------------------------------- the bottleneck


def check_rates(lam, mu, d) -> tuple[float, float, float]:
    """Return ``(λ, μ, d)`` as floats, or raise ``ValueError`` saying what each must be."""
    try:
        lam, mu, d = float(lam), float(mu), float(d)
    except (TypeError, ValueError):
        raise ValueError("rates and the share delegated are numbers") from None
    if not (math.isfinite(lam) and lam > 0):
        raise ValueError(f"decisions a week must be a number above 0, got {lam}")
    if not (math.isfinite(mu) and mu > 0):
        raise ValueError(f"the leader's decisions a week must be a number above 0, got {mu}")
    if not (math.isfinite(d) and 0 <= d <= 1):
        raise ValueError(f"the share delegated is between 0 and 1, got {d}")
    return lam, mu, d


def lead_time(lam, mu, d):
    """Mean weeks a decision spends with the leader, ``1 / (μ − λ(1 − d))``; ``inf`` when unstable.

    The M/M/1 mean time in system (``kleinrock1975``). Vectorised: arrays broadcast.
    """
    gap = _gap_x100(lam, mu, d) / 100
    with np.errstate(divide="ignore"):
        out = np.where(gap > 0, 1 / np.where(gap > 0, gap, 1), np.inf)
    return out if out.ndim else float(out)


def _gap_x100(lam, mu, d):
    """``100 (μ − λ(1 − d))``, with ``d`` in whole hundredths of a per cent, so that whole
    rates and shares compare exactly: 10 a week, 90 % delegated, 1 decided is at capacity
    (``10 × (1 − 0.9)`` is 0.9999999999999998 in floating point)."""
    per_cent = np.round(np.asarray(d, dtype=float) * 100, 4)
    return np.asarray(mu, dtype=float) * 100 - np.asarray(lam, dtype=float) * (100 - per_cent)


def queue_grows(lam, mu, d):
    """True where the leader's queue grows without end: ``λ(1 − d) ≥ μ``, compared exactly for
    whole rates and shares in hundredths of a per cent. Vectorised."""
    out = _gap_x100(lam, mu, d) <= 0
    return out if np.ndim(out) else bool(out)


def explosion_share(lam: float, mu: float) -> float:
    """The share delegated at which the leader's queue stops exploding: ``max(0, 1 − μ/λ)``.

    Any share above it keeps the queue finite; at it or below (when positive) the queue grows without end.

    Raises
    ------
    ValueError
        Unless both rates are finite numbers above 0.
    """
    lam, mu, _ = check_rates(lam, mu, 0)
    return max(0.0, 1 - mu / lam)


@functools.lru_cache(maxsize=1)
def _unit_draws(n: int = SIM_CUSTOMERS, seed: int = SIM_SEED) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.standard_exponential(n), rng.standard_exponential(n)


def simulate(lam: float, mu: float, d: float, n: int = SIM_CUSTOMERS, seed: int = SIM_SEED) -> np.ndarray:
    """Weeks each of ``n`` decisions spends with the leader, by a seeded simulation.

    Gaps between arrivals and decision times are exponential draws (the same draws for any
    rates: common random numbers, so a faster leader or more delegation never looks worse by
    chance). Lindley's recursion (``lindley1952``) gives each wait; vectorised as
    ``w = c − min(0, cummin c)`` where ``c`` is the running sum of ``s_n − a_{n+1}``.
    """
    lam, mu, d = check_rates(lam, mu, d)
    ea, es = _unit_draws(n, seed) if (n, seed) == (SIM_CUSTOMERS, SIM_SEED) else _unit_draws.__wrapped__(n, seed)
    rate = lam * (1 - d)
    service = es / mu
    if rate == 0:
        return service
    gaps = ea / rate
    c = np.concatenate([[0.0], np.cumsum(service[:-1] - gaps[1:])])
    return c - np.minimum.accumulate(np.minimum(c, 0.0)) + service


@functools.lru_cache(maxsize=1)
def spread_table(step: float = 0.01) -> pd.DataFrame:
    """Simulated mean, 10th and 90th percentile of the time with the leader, per utilisation.

    In units of one decision time (``1/μ``): with common random numbers the simulation at
    utilisation ``ρ`` scales exactly with ``1/μ``. Utilisation from 0 to :data:`RHO_MAX`.
    """
    rhos = np.round(np.arange(0, RHO_MAX + step / 2, step), 6)
    rows = []
    for rho in rhos:
        times = simulate(max(rho, 1e-12), 1.0, 0.0)
        p10, p90 = np.quantile(times, [0.1, 0.9])
        rows.append((rho, times.mean(), p10, p90))
    return pd.DataFrame(rows, columns=["utilisation", "mean", "p10", "p90"])


def bottleneck_curve(lam: float, mu: float, d: float, shares: np.ndarray = SHARES) -> pd.DataFrame:
    """Lead time with the leader against the share delegated, for one ``λ`` and ``μ``.

    Returns
    -------
    pandas.DataFrame
        Columns ``share`` (per cent), ``utilisation``, ``arrivals`` (decisions a week that reach
        the leader), ``lead_days`` (formula; NaN when the queue explodes), ``p10_days``/``p90_days``
        (simulated, NaN above :data:`RHO_MAX`), ``yours`` (the row nearest ``d``), ``verdict``
        (a key of :data:`BOTTLENECK_WORDS`) and ``explodes_at`` (per cent, 0 if never).
    """
    lam, mu, d = check_rates(lam, mu, d)
    shares = np.asarray(shares, dtype=float)
    rho = lam * (1 - shares) / mu
    lead = lead_time(lam, mu, shares) * WORK_DAYS
    grows = queue_grows(lam, mu, shares)
    table = spread_table()
    ok = rho <= RHO_MAX
    p10 = np.where(ok, np.interp(rho, table["utilisation"], table["p10"]) / mu * WORK_DAYS, np.nan)
    p90 = np.where(ok, np.interp(rho, table["utilisation"], table["p90"]) / mu * WORK_DAYS, np.nan)
    yours = np.zeros(len(shares), dtype=bool)
    yours[int(np.argmin(np.abs(shares - d)))] = True
    arrivals = lam * (1 - shares)
    kind = np.where(grows, "grows", np.where(np.round(shares * 100, 4) >= 100, "none",
                                             np.where(rho > RHO_MAX, "busy", "settled")))
    return pd.DataFrame({"share": np.round(shares * 100, 6), "utilisation": rho,
                         "arrivals": np.round(arrivals, 6),
                         "lead_days": np.where(grows, np.nan, lead), "p10_days": np.where(grows, np.nan, p10),
                         "p90_days": np.where(grows, np.nan, p90), "yours": yours, "verdict": kind,
                         "explodes_at": round(explosion_share(lam, mu) * 100, 6)})


def bottleneck_grid(lams: Sequence[float] = DECISIONS.grid, mus: Sequence[float] = CAPACITY.grid,
                    shares: Sequence[float] = DELEGATED.grid) -> pd.DataFrame:
    """:func:`bottleneck_curve` for every ``λ`` and ``μ`` (the static explorer's data), named as
    the inputs are (``decisions``, ``capacity``); ``shares`` in per cent."""
    shares = np.asarray(shares, dtype=float) / 100
    parts = [bottleneck_curve(lam, mu, 0.0, shares).drop(columns="yours").assign(decisions=lam, capacity=mu)
             for lam in lams for mu in mus]
    return pd.concat(parts, ignore_index=True)


def verdict(row) -> list[str]:
    """The two lines :data:`BOTTLENECK_WORDS` says for one row of :func:`bottleneck_curve` (plus
    ``capacity``), filled in; the static face fills the same template in the page."""
    values = {"delegated": row["share"], "arrivals": row["arrivals"], "capacity": row["capacity"],
              "lead_days": row["lead_days"], "p90_days": row["p90_days"], "explodes_at": row["explodes_at"]}
    return [fill(line, **values) for line in BOTTLENECK_WORDS[row["verdict"]]]


def bottleneck(decisions: int, capacity: int, delegated: float) -> dict:
    """Exercise 2, once per change: the curve for ``decisions`` and ``capacity`` a week, and what
    it says at ``delegated`` (per cent).

    Returns
    -------
    dict
        ``curve`` (:func:`bottleneck_curve`), ``at`` (its row at your share, with ``capacity``),
        ``words`` (:func:`verdict`), ``grows`` (bool, exact) and ``explodes_below`` (per cent).
    """
    curve = bottleneck_curve(decisions, capacity, delegated / 100)
    at = curve[curve["yours"]].iloc[0].to_dict()
    at["capacity"] = capacity
    return {"curve": curve, "at": at, "words": verdict(at), "grows": at["verdict"] == "grows",
            "explodes_below": float(at["explodes_at"])}


# --------------------------------------------------------------------------- the chapter's prose

#: Weeks in a quarter, for the prose's pile of waiting decisions.
QUARTER_WEEKS = 13
#: The bottleneck's prose, made once from the model at the declared defaults (:func:`bottleneck_story`):
#: ``intro`` before the explorer, ``solution`` in its fold. Markdown; every number is a field.
STORY_WORDS = {
    "intro": ("Imagine {decisions} decisions reach you each week and you can properly take {capacity}. Keep them "
              "all and you fall {behind} behind every week: by the end of a quarter ({weeks} weeks), {waiting} "
              "decisions are waiting. So you delegate some. But how much is enough? Is delegating *just* enough "
              "to keep up really enough, and how long does a decision then spend with you? The explorer starts "
              "from these numbers, with {delegated} % delegated: find out before you open the solution."),
    "solution": ("With {decisions} decisions a week and {capacity} you can take, delegating {cliff} % or less makes "
                 "the queue grow without end: that is the cliff. Just past it is not enough either. Delegate "
                 "{near} % and {near_arrivals} a week reach you; a decision spends {near_days} with "
                 "you on average, waiting and being decided, because you are busy {near_busy} % of the time and "
                 "every small rush piles up. Delegate {delegated} %, where the explorer starts, and {arrivals} a "
                 "week reach you; a decision spends {lead_days} with you on average (waiting for "
                 "you, then being decided), but 1 in 10 spends more than {p90_days}. The average hides the "
                 "spread: some decisions wait far longer than the mean, and those are the ones people remember."),
}


def bottleneck_story(decisions: float | None = None, capacity: float | None = None,
                     delegated: float | None = None, weeks: int = QUARTER_WEEKS) -> dict:
    """The bottleneck's prose from the model, at the declared defaults unless given.

    Returns
    -------
    dict
        The numbers (``decisions``, ``capacity``, ``delegated``, ``behind``, ``weeks``, ``waiting``,
        ``cliff``, ``near`` (the first share of :data:`DELEGATED`'s step past the cliff),
        ``near_arrivals``, ``near_days``, ``near_busy``, ``arrivals``, ``lead_days``, ``p90_days``)
        and the paragraphs ``intro`` and ``solution`` (:data:`STORY_WORDS`, filled).

    Raises
    ------
    ValueError
        Unless more decisions arrive than the leader can take (the story is about falling behind),
        and the explorer's share keeps the queue finite.
    """
    lam = DECISIONS.default if decisions is None else decisions
    mu = CAPACITY.default if capacity is None else capacity
    d = DELEGATED.default if delegated is None else delegated
    lam, mu, _ = check_rates(lam, mu, 0)
    if lam <= mu:
        raise ValueError(f"the story needs more decisions ({lam:g}) than the leader can take ({mu:g})")
    cliff = explosion_share(lam, mu) * 100
    step = DELEGATED.step or 5
    near = (math.floor(cliff / step + 1e-9) + 1) * step
    here, there = bottleneck(lam, mu, near)["at"], bottleneck(lam, mu, d)["at"]
    if here["verdict"] == "grows" or there["verdict"] not in ("settled", "busy"):
        raise ValueError("the explorer's share must leave decisions with the leader and keep the queue finite")
    values = {"decisions": lam, "capacity": mu, "delegated": d, "behind": lam - mu, "weeks": weeks,
              "waiting": (lam - mu) * weeks, "cliff": cliff, "near": near, "near_arrivals": here["arrivals"],
              "near_days": here["lead_days"], "near_busy": here["utilisation"] * 100,
              "arrivals": there["arrivals"], "lead_days": there["lead_days"], "p90_days": there["p90_days"]}
    tenths = ("near_days", "lead_days", "p90_days")  # days to a tenth; counts and per cents whole
    shown = {k: fill("{v:.0f}", v=v) for k, v in values.items()}
    for k in tenths:  # "1.0 working day", "2.3 working days"
        number = fill("{v:.1f}", v=values[k])
        shown[k] = f"{number} working day" + ("" if number == "1.0" else "s")
    return {**values, **{k: fill(t, **shown) for k, t in STORY_WORDS.items()}}
