"""Challenging the status quo: the models.

Three small models, pure pandas, no display.

**Exercise 1: the assumption map.** Every established practice rests on an assumption and has a
story (why it began) and a fence (what it still protects). Before challenging one, the learner
writes why the fence stands (Chesterton 1929: learn why a fence was put up before you take it
down). Each assumption is rated for *importance* ``I`` (how much
the practice depends on it) and *evidence* ``E`` (how well it is known to be true), both 1-5.
Assumption mapping (Bland and Osterwalder 2019) tests first what is important and weakly
evidenced. Quadrants split each axis at :data:`MIDPOINT`; the ranking takes the quadrants in the
order of :data:`QUADRANTS` (test first; keep, and watch; park for now; leave alone) and, inside
a quadrant, sorts by ``(-I, E)``, ties broken by id. So an important, weakly evidenced
assumption is never ranked below one that is less important and better evidenced, and every
"test first" assumption comes before every other. Assumption: the two ratings are independent
judgements on the same scale.

**Exercise 2: the cheapest convincing test.** Each experiment has a cost ``c``, a duration
``w`` (weeks) and a strength of evidence ``s`` (1-5). Experiment *a* dominates *b* when
``c_a <= c_b``, ``w_a <= w_b`` and ``s_a >= s_b`` with at least one strict; the frontier is
the set no other experiment dominates. The cheapest convincing test is the choice
``argmin c`` over experiments with ``s >= required`` and ``c <= budget`` (ties: shorter,
then stronger, then id). Assumptions: costs and durations are known, evidence is ordinal, and
one test is run, not a combination.

**Exercise 3: forgiveness or permission.** A decision has a reversibility ``r`` (5 = undone in
a day, 1 = cannot be undone) and a blast radius ``b`` (1 = your team only, 5 = every
customer), both 1-5. In the spirit of one-way and two-way door decisions, the rule is::

    ask first       if r <= 2 or b >= 4      (a one-way door, or many people affected)
    act and inform  if r >= 4 and b <= 2     (a two-way door, contained)
    consult         otherwise

It is monotone: lowering ``r`` or raising ``b`` never moves a decision towards more freedom.

**Inputs and words, declared once.** Each exercise's inputs are declared here (:data:`MAP_INPUTS`,
:data:`TEST_INPUTS`, :data:`HIGHLIGHT`) and the words of each verdict are templates here
(:data:`MAP_WORDS`, :data:`TEST_WORDS`, :data:`WHY_WORDS`): the live face fills them with
:func:`exercises.kit.text.fill`, the static face with :func:`exercises.kit.charts.vega_sentence`,
and the page only chooses among them by the ``verdict`` column the model writes. Every public
function checks its inputs and raises :class:`ValueError` with a sentence when they are impossible.

**The learner's own map on the static page.** The page rates every practice at once with two
sliders each (:data:`RATING_INPUTS`, at the reference ratings), ranks them in the page by the rule
above (held against :func:`rank_assumptions` in a browser), and says :func:`map_page_lines` in
:data:`PAGE_WORDS` and :data:`MAP_WORDS`. Each practice has its own "why" box and "challenge" box
(:data:`WHY_INPUTS`, :data:`CHALLENGE_INPUTS`; the page shows the picked practice's); "challenge" does
nothing while its why shows nothing (:func:`is_blank`, from :func:`blank_ranges`, agrees with
:func:`challenge`). Answers stay folded until asked
(:data:`REVEAL_CHEAPEST`, :data:`REVEAL_RULE`; Tessera's own fence once the learner has written).
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, load_csv
from ..kit.inputs import Choice, Flag, Number, Text
from ..kit.text import MAX_ANSWER_CHARS, fill, read_text

__all__ = [
    "ACT", "ASK", "BUDGET", "BUDGET_STEP", "CHALLENGE", "CHEAPEST", "CONSULT", "CURRENCY", "EVIDENCE",
    "EXPERIMENTS_FILE", "EXPERIMENTS_SCHEMA", "HIGHLIGHT", "IMPORTANCE", "KEY_SCALE", "LEVELS", "MAP_INPUTS",
    "MAP_WORDS", "MIDPOINT", "NEED", "OVER_BUDGET", "PRACTICE", "PRACTICES_FILE", "PRACTICES_SCHEMA", "QUADRANTS",
    "QUALIFIES", "SITUATIONS_FILE", "SITUATIONS_SCHEMA", "STATUSES", "TEST_INPUTS", "TEST_WORDS", "TOO_WEAK",
    "WHY", "WHY_WORDS", "CASE_WORDS", "LABEL_STATUS", "SHOWN", "STORY_HEAD", "assumption_map", "assumptions",
    "board", "challenge", "cheapest", "cheapest_grid", "cheapest_test",
    "decide", "decisions", "dominates", "frontier", "grid_key", "load_experiments", "load_practices",
    "load_situations", "map_words", "quadrant", "qualify", "rank_assumptions", "rate", "reason", "region_grid",
    "stories", "test_verdict", "weeks_text",
    "EMPTY_WHY", "blank_ranges", "PAGE_WORDS", "RATING_INPUTS", "REVEAL_CHEAPEST", "REVEAL_RULE", "is_blank",
    "map_page", "map_page_lines", "ratings_from", "TEST_HIDDEN", "test_page_lines", "TESTS_STORY", "tests_story",
    "DOOR_WORDS", "LABEL_INPUTS", "LEGEND_WORDS", "NO_LABEL", "board_lines", "door_page_lines",
    "WHY_INPUTS", "CHALLENGE_INPUTS", "boxes_from",
]

PRACTICES_FILE = "status_quo_practices.csv"
EXPERIMENTS_FILE = "status_quo_experiments.csv"
SITUATIONS_FILE = "status_quo_situations.csv"

#: Ratings at or above this count as important (importance) or well evidenced (evidence).
MIDPOINT = 3
#: Quadrant labels keyed by (important, well evidenced), in the order the ranking takes them.
QUADRANTS = {
    (True, False): "Test first",
    (True, True): "Keep, and watch",
    (False, False): "Park for now",
    (False, True): "Leave alone",
}
_QUADRANT_ORDER = {label: k for k, label in enumerate(QUADRANTS.values())}
#: How an experiment stands against a required evidence level and a budget (:func:`qualify`).
CHEAPEST, QUALIFIES, TOO_WEAK, OVER_BUDGET = "cheapest", "qualifies", "too weak", "over budget"
STATUSES = (CHEAPEST, QUALIFIES, TOO_WEAK, OVER_BUDGET)
#: The currency every cost and budget is in.
CURRENCY = "€"
#: Budgets the static face offers are multiples of this (in :data:`CURRENCY`).
BUDGET_STEP = 500
#: The page looks a (need, budget) pair up by ``need * KEY_SCALE + budget`` (:func:`grid_key`);
#: budgets of the grid stay below it.
KEY_SCALE = 10**7
ACT, CONSULT, ASK = "act and inform", "consult", "ask first"
#: The three answers, from most to least freedom to act.
LEVELS = (ACT, CONSULT, ASK)

PRACTICES_SCHEMA = Schema(
    columns=(
        Column("id"), Column("practice"), Column("assumption"), Column("story"), Column("fence"),
        Column("importance", "int", minimum=1, maximum=5),
        Column("evidence", "int", minimum=1, maximum=5),
    ),
    key="id", max_rows=50, unique=("practice", "assumption"),
)
EXPERIMENTS_SCHEMA = Schema(
    columns=(
        Column("id"), Column("experiment"),
        Column("cost", "float", minimum=0, maximum=1e7),
        Column("weeks", "float", minimum=0, maximum=520),
        Column("evidence", "int", minimum=1, maximum=5),
    ),
    key="id", max_rows=50, unique=("experiment",),
)
SITUATIONS_SCHEMA = Schema(
    columns=(
        Column("id"), Column("situation"),
        Column("reversibility", "int", minimum=1, maximum=5),
        Column("blast_radius", "int", minimum=1, maximum=5),
    ),
    key="id", max_rows=50, unique=("situation",),
)


def load_practices(name: str = PRACTICES_FILE) -> pd.DataFrame:
    """Load and check the practices file (columns of :data:`PRACTICES_SCHEMA`)."""
    return load_csv(name, PRACTICES_SCHEMA)


def load_experiments(name: str = EXPERIMENTS_FILE) -> pd.DataFrame:
    """Load and check the experiments file (columns of :data:`EXPERIMENTS_SCHEMA`)."""
    return load_csv(name, EXPERIMENTS_SCHEMA)


def load_situations(name: str = SITUATIONS_FILE) -> pd.DataFrame:
    """Load and check the situations file (columns of :data:`SITUATIONS_SCHEMA`)."""
    return load_csv(name, SITUATIONS_SCHEMA)


# --------------------------------------------------------------------------- checks


def _real(value, what: str) -> float:
    """``value`` as a finite float; raises ValueError with a sentence otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{what} must be a number, not {value!r}.")
    if not math.isfinite(float(value)):
        raise ValueError(f"{what} must be a finite number, not {value!r}.")
    return float(value)


def _rating(value, what: str) -> int:
    """A whole rating from 1 to 5; a fraction or a number out of range is refused, never cut."""
    number = _real(value, what)
    if not number.is_integer() or not 1 <= number <= 5:
        raise ValueError(f"{what} must be a whole number from 1 to 5, not {value!r}.")
    return int(number)


def _frame(frame, columns: Iterable[str], what: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what} must be a table (a pandas DataFrame), not {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}.")
    return frame


def _has_flags(column: pd.Series) -> bool:
    """True when a column holds a yes or no (True, False) where a number belongs."""
    return column.dtype == bool or (column.dtype == object
                                    and any(isinstance(v, (bool, np.bool_)) for v in column))


def _whole_ratings(frame: pd.DataFrame, column: str, what: str) -> None:
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)
    bad = ~(np.isfinite(values) & (values == np.round(values)) & (values >= 1) & (values <= 5))
    if bad.any():
        raise ValueError(f"{what} must be a whole number from 1 to 5, not {frame[column].iloc[int(np.argmax(bad))]!r}.")
    if _has_flags(frame[column]):
        raise ValueError(f"{what} must be a number, not a yes or no.")


def _practices_frame(practices) -> pd.DataFrame:
    frame = _frame(practices, ("id", "importance", "evidence"), "The practices")
    for column in ("importance", "evidence"):
        _whole_ratings(frame, column, f"Every {column} rating")
    return frame


def _experiments_frame(experiments) -> pd.DataFrame:
    frame = _frame(experiments, ("id", "experiment", "cost", "weeks", "evidence"), "The experiments")
    for column in ("cost", "weeks"):
        values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)
        bad = ~(np.isfinite(values) & (values >= 0))
        if bad.any():
            raise ValueError(f"Every {column} must be a finite number, 0 or more, not "
                             f"{frame[column].iloc[int(np.argmax(bad))]!r}.")
        if _has_flags(frame[column]):
            raise ValueError(f"Every {column} must be a number, not a yes or no.")
    _whole_ratings(frame, "evidence", "Every strength of evidence")
    return frame


def _need(required) -> float:
    number = _real(required, "The evidence you need")
    if not 1 <= number <= 5:
        raise ValueError(f"The evidence you need must be from 1 to 5, not {required!r}.")
    return number


def _budget(budget, allow_inf: bool = False) -> float:
    if allow_inf and isinstance(budget, numbers.Real) and not isinstance(budget, bool) and budget == math.inf:
        return math.inf
    number = _real(budget, "The budget")
    if number < 0:
        raise ValueError(f"The budget must be 0 or more, not {budget!r}.")
    return number


# --------------------------------------------------------------------------- exercise 1: the assumption map


def challenge(why_it_stands: object) -> tuple[str, str]:
    """Check the "why the fence stands" text before a practice may be marked "challenge".

    Parameters
    ----------
    why_it_stands : object
        What the learner typed (anything: turned into text; None counts as empty).

    Returns
    -------
    (str, str)
        The cleaned text and a problem sentence ("" when the practice may be challenged).
    """
    return read_text(why_it_stands, "why the fence stands")


def quadrant(importance: float, evidence: float) -> str:
    """The quadrant label of one assumption (see :data:`QUADRANTS`).

    Parameters
    ----------
    importance, evidence : int
        Whole ratings from 1 to 5.

    Raises
    ------
    ValueError
        For a rating that is not a whole number from 1 to 5.
    """
    importance, evidence = _rating(importance, "Importance"), _rating(evidence, "Evidence")
    return QUADRANTS[(importance >= MIDPOINT, evidence >= MIDPOINT)]


def rank_assumptions(practices: pd.DataFrame) -> pd.DataFrame:
    """Order assumptions by what to test first: by quadrant (test first, keep and watch, park,
    leave alone), then most important, then least evidenced, then id.

    Parameters
    ----------
    practices : pandas.DataFrame
        Columns ``id``, ``importance`` and ``evidence`` (whole ratings 1-5), and any others.

    Returns
    -------
    pandas.DataFrame
        A copy with a ``rank`` column (1 = test first) and a ``quadrant`` column.
    """
    practices = _practices_frame(practices)
    importance = [int(v) for v in practices["importance"]]
    evidence = [int(v) for v in practices["evidence"]]
    labels = [QUADRANTS[(i >= MIDPOINT, e >= MIDPOINT)] for i, e in zip(importance, evidence)]
    ids = [str(k) for k in practices["id"]]
    order = sorted(range(len(ids)), key=lambda k: (_QUADRANT_ORDER[labels[k]], -importance[k], evidence[k], ids[k]))
    ranked = practices.iloc[order].reset_index(drop=True)
    ranked["rank"] = range(1, len(order) + 1)
    ranked["quadrant"] = [labels[k] for k in order]
    return ranked


def rate(practices: pd.DataFrame, ratings: Mapping | None = None) -> pd.DataFrame:
    """The practices with the learner's ratings in place of the reference ones.

    Parameters
    ----------
    practices : pandas.DataFrame
        Output of :func:`load_practices`.
    ratings : dict, optional
        ``{id: (importance, evidence)}``, each a whole number from 1 to 5; ids not given keep
        their reference ratings.

    Raises
    ------
    ValueError
        For an id that is not a practice, a rating that is not a pair, or a rating that is not
        a whole number from 1 to 5 (2.9 is refused, not cut to 2: that would change its quadrant).
    """
    practices = _practices_frame(practices)
    ratings = {} if ratings is None else ratings
    if not isinstance(ratings, Mapping):
        raise ValueError(f"The ratings must be a mapping of practice id to (importance, evidence), "
                         f"not {type(ratings).__name__}.")
    known = set(practices["id"])
    unknown = [key for key in ratings if key not in known]
    if unknown:
        raise ValueError(f"There is no practice {unknown[0]!r} to rate.")
    importance, evidence = [int(v) for v in practices["importance"]], [int(v) for v in practices["evidence"]]
    for k, key in enumerate(practices["id"]):
        if key not in ratings:
            continue
        pair = ratings[key]
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Iterable) or len(tuple(pair)) != 2:
            raise ValueError(f"The rating of {key} must be a pair (importance, evidence), not {pair!r}.")
        i, e = tuple(pair)
        importance[k] = _rating(i, f"The importance of {key}")
        evidence[k] = _rating(e, f"The evidence of {key}")
    return practices.assign(importance=importance, evidence=evidence)


def assumption_map(practices: pd.DataFrame, ratings: Mapping | None = None, challenged=()) -> pd.DataFrame:
    """What the assumption map draws: :func:`rank_assumptions` of the rated practices (:func:`rate`),
    with a ``challenged`` flag (True for the ids in ``challenged``).

    Raises
    ------
    ValueError
        As :func:`rate` does, and for a challenged id that is not a practice.
    """
    rated = rate(practices, ratings)
    challenged = [challenged] if isinstance(challenged, str) else list(challenged)
    unknown = [key for key in challenged if key not in set(rated["id"])]
    if unknown:
        raise ValueError(f"There is no practice {unknown[0]!r} to challenge.")
    ranked = rank_assumptions(rated)
    ranked["challenged"] = ranked["id"].isin(challenged)
    return ranked


def _wrapped(text: str, width: int = 70) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


#: The story of one practice as the static map tells it (its first line; the rest is wrapped text).
STORY_HEAD = "{rank}. {practice} ({quadrant}: importance {importance}, evidence {evidence})"


def stories(frame: pd.DataFrame) -> pd.DataFrame:
    """What the map says about each practice: one ``text`` (lines joined by newlines) per ``id``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`assumption_map` (with ``practice``, ``assumption``, ``story``, ``fence``).
    """
    frame = _frame(frame, ("id", "rank", "practice", "quadrant", "importance", "evidence", "assumption", "story",
                           "fence"), "The map")
    rows = []
    for row in frame.itertuples():
        lines = [fill(STORY_HEAD, rank=int(row.rank), practice=row.practice, quadrant=row.quadrant.lower(),
                      importance=int(row.importance), evidence=int(row.evidence))]
        lines += _wrapped(f"Assumption: {row.assumption}.")
        lines += _wrapped(f"How it began: {row.story}.")
        lines += _wrapped(f"Why the fence stands: {row.fence}.")
        rows.append({"id": row.id, "text": "\n".join(lines)})
    return pd.DataFrame(rows, columns=["id", "text"])


#: How many of the ranking the live map names as "test first".
SHOWN = 3
#: The live map's words: ``head`` then one ``first`` per assumption named, then what the learner challenges.
MAP_WORDS = {
    "first": "{rank}. {practice} (importance {importance}, evidence {evidence})",
    "none": "You challenge none of the {total} practices yet.",
    "some": "You challenge {count} of {total}: {listed}.",
    "challenged": "{practice} (rank {rank})",
    "outside_one": "1 of them sits outside test first: is the challenge worth its cost?",
    "outside_many": "{outside} of them sit outside test first: is the challenge worth its cost?",
    "place": "On your map: rank {rank} of {total}, {quadrant}.",
    # What the learner is told after writing why a fence stands, or ticking "challenge".
    "noted": "Noted. You may challenge this practice now.",
    "noted again": "Noted.",
    "withdrawn": "{problem} Without it this practice is no longer challenged.",
    "refused": "{problem} Find out why the fence was put up before you take it down.",
    "why first": "Find out why the fence was put up before you take it down.",
    # Shown once the learner has written why the fence stands: what Tessera's people answer.
    "fence": "Tessera's own answer: {fence}.",
}


def map_words(ranked: pd.DataFrame, shown: int = SHOWN) -> dict:
    """The live map's sentences for a ranked map (:data:`MAP_WORDS`, filled).

    Returns
    -------
    dict
        ``first`` (the ``shown`` assumptions to test first, one string each), ``challenged`` (the
        sentence on what is challenged) and ``outside`` (how many challenged sit outside test
        first: a sentence, or "").
    """
    ranked = _frame(ranked, ("rank", "practice", "importance", "evidence", "quadrant", "challenged"), "The map")
    first = [fill(MAP_WORDS["first"], rank=int(r.rank), practice=r.practice, importance=int(r.importance),
                  evidence=int(r.evidence)) for r in ranked.head(shown).itertuples()]
    mine = ranked[ranked["challenged"]]
    if mine.empty:
        said, outside = fill(MAP_WORDS["none"], total=len(ranked)), ""
    else:
        listed = ", ".join(fill(MAP_WORDS["challenged"], practice=r.practice, rank=int(r.rank))
                           for r in mine.itertuples())
        said = fill(MAP_WORDS["some"], count=len(mine), total=len(ranked), listed=listed)
        away = int((mine["quadrant"] != QUADRANTS[(True, False)]).sum())
        outside = "" if away == 0 else (MAP_WORDS["outside_one"] if away == 1
                                        else fill(MAP_WORDS["outside_many"], outside=away))
    return {"first": first, "challenged": said, "outside": outside}


def assumptions(practices: pd.DataFrame, ratings: Mapping | None = None, challenged=(), current: str | None = None
                ) -> dict:
    """Exercise 1, once per change: the learner's map and what it says.

    Parameters
    ----------
    practices : pandas.DataFrame
        Output of :func:`load_practices`.
    ratings, challenged
        As :func:`assumption_map` takes them.
    current : str, optional
        The id of the practice shown (defaults to :data:`PRACTICE`'s default).

    Returns
    -------
    dict
        ``ranked`` (:func:`assumption_map`), ``words`` (:func:`map_words`), ``place`` (where the
        practice shown sits, a sentence), ``test_first`` (the ids named first) and ``current``.

    Raises
    ------
    ValueError
        As :func:`assumption_map` does, and for a ``current`` that is not a practice.
    """
    ranked = assumption_map(practices, ratings, challenged)
    current = PRACTICE.default if current is None else current
    mine = ranked[ranked["id"] == current]
    if mine.empty:
        raise ValueError(f"There is no practice {current!r} to show.")
    row = mine.iloc[0]
    place = fill(MAP_WORDS["place"], rank=int(row["rank"]), total=len(ranked), quadrant=row["quadrant"].lower())
    return {"ranked": ranked, "words": map_words(ranked), "place": place, "current": current,
            "test_first": [str(x) for x in ranked["id"].head(SHOWN)]}


# --------------------------------------------------------------------------- exercise 2: the cheapest test


def dominates(a: Mapping, b: Mapping) -> bool:
    """Whether experiment ``a`` beats ``b``: no costlier, no slower, no weaker, and better on one.

    Parameters
    ----------
    a, b : mapping
        Each with ``cost``, ``weeks`` and ``evidence`` (finite numbers).
    """
    values = []
    for which, row in (("a", a), ("b", b)):
        if not isinstance(row, Mapping) and not hasattr(row, "__getitem__"):
            raise ValueError(f"Experiment {which} must have a cost, weeks and evidence.")
        try:
            values.append([_real(row[key], f"The {key} of experiment {which}")
                           for key in ("cost", "weeks", "evidence")])
        except (KeyError, IndexError, TypeError) as err:
            raise ValueError(f"Experiment {which} must have a cost, weeks and evidence ({err}).") from None
    (ca, wa, sa), (cb, wb, sb) = values
    return bool(ca <= cb and wa <= wb and sa >= sb and (ca < cb or wa < wb or sa > sb))


def weeks_text(weeks: float) -> str:
    """``"1 week"``, ``"4 weeks"``, ``"1.5 weeks"``: a duration as a learner reads it."""
    weeks = _real(weeks, "The weeks")
    return f"{weeks:g} week" + ("" if weeks == 1 else "s")


def frontier(experiments: pd.DataFrame) -> pd.DataFrame:
    """The experiments with an ``on_frontier`` flag, ``beaten_by`` (the id of one dominating one
    on the frontier, or "") and what the chart says of each: ``beaten_name`` (its name, or ""),
    ``frontier_note`` ("yes" or "no, beaten by ...") and ``tag`` (the name and its weeks).

    Raises
    ------
    ValueError
        For a missing column, or a cost, weeks or evidence that is not a finite number in range.
    """
    experiments = _experiments_frame(experiments)
    cost, weeks, strength = (experiments[c].to_numpy(dtype=float) for c in ("cost", "weeks", "evidence"))
    # beats[a, b]: a is no costlier, no slower, no weaker than b, and better on one.
    no_worse = (cost[:, None] <= cost) & (weeks[:, None] <= weeks) & (strength[:, None] >= strength)
    better = (cost[:, None] < cost) | (weeks[:, None] < weeks) | (strength[:, None] > strength)
    beats = no_worse & better
    on = ~beats.any(axis=0)
    ids, names = [str(k) for k in experiments["id"]], [str(n) for n in experiments["experiment"]]
    beaten = []
    for b in range(len(ids)):
        # The winner reported is itself on the frontier: the strongest, then cheapest, then fastest dominator.
        winners = [a for a in range(len(ids)) if beats[a, b] and on[a]]
        winners.sort(key=lambda a: (-strength[a], cost[a], weeks[a], ids[a]))
        beaten.append(ids[winners[0]] if winners else "")
    by_id = dict(zip(ids, names))
    out = experiments.copy()
    out["beaten_by"] = beaten
    out["on_frontier"] = out["beaten_by"] == ""
    out["beaten_name"] = [by_id.get(key, "") for key in beaten]
    out["frontier_note"] = ["yes" if not key else f"no, beaten by {by_id[key]}" for key in beaten]
    out["tag"] = [f"{n} ({w:g} wk)" for n, w in zip(names, weeks)]
    return out


def _pick(rows: list[dict], required: float, budget: float) -> dict | None:
    ok = [r for r in rows if r["evidence"] >= required and r["cost"] <= budget]
    if not ok:
        return None
    return min(ok, key=lambda r: (r["cost"], r["weeks"], -r["evidence"], str(r["id"])))


def cheapest_test(experiments: pd.DataFrame, required: float, budget: float) -> pd.Series | None:
    """The cheapest experiment with evidence >= ``required`` and cost <= ``budget``, or None.

    Ties go to the shorter, then the stronger, then the lower id.

    Parameters
    ----------
    experiments : pandas.DataFrame
        Output of :func:`load_experiments`.
    required : float
        The evidence needed, from 1 to 5.
    budget : float
        The most you will spend (0 or more; ``math.inf`` for no limit).
    """
    experiments = _experiments_frame(experiments)
    required, budget = _need(required), _budget(budget, allow_inf=True)
    best = _pick(experiments.to_dict("records"), required, budget)
    if best is None:
        return None
    return experiments.loc[experiments["id"].astype(str) == str(best["id"])].iloc[0]


#: Why each experiment does or does not convince, per status (:func:`qualify`).
WHY_WORDS = {
    "weak": "Evidence {evidence} is below the {need} you need.",
    "weak and dear": "Evidence {evidence} is below the {need} you need, and it costs €{cost:,.0f}, over your "
                     "€{budget:,.0f}.",
    OVER_BUDGET: "Strong enough, but it costs €{cost:,.0f}, over your €{budget:,.0f}.",
    QUALIFIES: "Evidence {evidence} for €{cost:,.0f} in {duration}.",
    CHEAPEST: "Evidence {evidence} for €{cost:,.0f} in {duration}: the cheapest that convinces.",
    "beaten": "Beaten on every count by {beaten_name}.",
}


def _status(row: dict, required: float, budget: float, best_id: str | None) -> tuple[str, str]:
    weak, dear = row["evidence"] < required, row["cost"] > budget
    if weak:
        return TOO_WEAK, "weak and dear" if dear else "weak"
    if dear:
        return OVER_BUDGET, OVER_BUDGET
    kind = CHEAPEST if str(row["id"]) == best_id else QUALIFIES
    return kind, kind


def qualify(experiments: pd.DataFrame, required: float, budget: float) -> pd.DataFrame:
    """Which experiments reach ``required`` evidence within ``budget``, and why the others do not.

    Returns :func:`frontier` with a ``status`` column (one of :data:`STATUSES`: the one
    :func:`cheapest_test` picks is ``"cheapest"``; an experiment both too weak and over budget
    counts as ``"too weak"``) and a ``why`` sentence per experiment (:data:`WHY_WORDS`).

    Raises
    ------
    ValueError
        For experiments :func:`frontier` refuses, a need outside 1-5 or a budget below 0 or not finite.
    """
    out = frontier(experiments)
    required, budget = _need(required), _budget(budget)
    rows = out.to_dict("records")
    best = _pick(rows, required, budget)
    best_id = None if best is None else str(best["id"])
    status, why = [], []
    for row in rows:
        kind, words = _status(row, required, budget, best_id)
        status.append(kind)
        why.append(fill(WHY_WORDS[words], evidence=int(row["evidence"]), need=required, cost=float(row["cost"]),
                        budget=budget, duration=weeks_text(row["weeks"])))
    out["status"], out["why"] = status, why
    return out


#: The verdict of the cheapest convincing test, three lines each; the page chooses by ``verdict``.
TEST_WORDS = {
    "many": ("You need evidence {need} or more, within €{budget:,.0f}.",
             "Cheapest convincing test: {experiment}, €{cost:,.0f} in {duration} (evidence {evidence}).",
             "{count} experiments qualify."),
    "one": ("You need evidence {need} or more, within €{budget:,.0f}.",
            "Cheapest convincing test: {experiment}, €{cost:,.0f} in {duration} (evidence {evidence}).",
            "It is the only one that qualifies."),
    "short": ("You need evidence {need} or more, within €{budget:,.0f}: no experiment qualifies.",
              "The cheapest that reaches evidence {need} is {experiment}, at €{cost:,.0f}.",
              "Raise the budget, or ask whether you need that much evidence."),
    "none": ("You need evidence {need} or more, within €{budget:,.0f}: no experiment qualifies.",
             "None reaches evidence {need} at any price.",
             "Ask whether you need that much evidence."),
}


def _verdict(rows: list[dict], required: float, budget: float) -> dict:
    best = _pick(rows, required, budget)
    count = sum(1 for r in rows if r["evidence"] >= required and r["cost"] <= budget)
    if best is None:
        best = _pick(rows, required, math.inf)
        kind = "none" if best is None else "short"
    else:
        kind = "one" if count == 1 else "many"
    fields = {"need": required, "budget": budget, "count": count,
              "id": "" if best is None else str(best["id"]),
              "experiment": "" if best is None else str(best["experiment"]),
              "cost": 0.0 if best is None else float(best["cost"]),
              "duration": "" if best is None else weeks_text(best["weeks"]),
              "evidence": 0 if best is None else int(best["evidence"])}
    words = [fill(line, **fields) for line in TEST_WORDS[kind]]
    codes = "".join(str(STATUSES.index(_status(r, required, budget, fields["id"] if kind in ("one", "many")
                                                else None)[0])) for r in rows)
    return {"verdict": kind, **fields, "words": words, "codes": codes}


#: The second line of the static explorer's words until the learner asks to see the cheapest.
TEST_HIDDEN = "Which is the cheapest that convinces? Guess, then tick \u201cShow the cheapest\u201d."


def test_page_lines(experiments: pd.DataFrame, required: float, budget: float, reveal: bool = False) -> list[str]:
    """What the static frontier explorer says: :func:`test_verdict`'s words, with the line that names
    the cheapest replaced by :data:`TEST_HIDDEN` until the learner asks (``reveal``)."""
    said = test_verdict(experiments, required, budget)["words"]
    return said if reveal else [said[0], TEST_HIDDEN, *said[2:]]


def test_verdict(experiments: pd.DataFrame, required: float, budget: float) -> dict:
    """What the cheapest convincing test says for a need and a budget (:data:`TEST_WORDS`).

    Returns
    -------
    dict
        ``verdict`` (a key of :data:`TEST_WORDS`), ``need``, ``budget``, ``count`` (how many
        qualify), ``id``, ``experiment``, ``cost``, ``duration`` and ``evidence`` of the cheapest
        that qualifies (for ``"short"``: of the cheapest that reaches the need at any price; "" and
        0 when none), ``words`` (the lines, filled) and ``codes`` (each experiment's status, in row
        order, as its index in :data:`STATUSES`).
    """
    experiments = _experiments_frame(experiments)
    return _verdict(experiments.to_dict("records"), _need(required), _budget(budget))


test_verdict.__test__ = False  # not a pytest test, whatever its name


def cheapest(experiments: pd.DataFrame, need: float, budget: float) -> dict:
    """Exercise 2, once per change: :func:`qualify` as ``frame`` and :func:`test_verdict`'s fields."""
    frame = qualify(experiments, need, budget)
    return {"frame": frame, **_verdict(frame.to_dict("records"), _need(need), _budget(budget))}


def grid_key(need: float, budget: float) -> float:
    """The key the page looks a (need, budget) pair up by: ``need * KEY_SCALE + budget``."""
    return _need(need) * KEY_SCALE + _budget(budget)


def cheapest_grid(experiments: pd.DataFrame, budgets=None, needs=None) -> pd.DataFrame:
    """:func:`test_verdict` for every need and every budget (the static explorer's data).

    Parameters
    ----------
    experiments : pandas.DataFrame
        Output of :func:`load_experiments`.
    budgets : iterable of int, optional
        Whole budgets from 0 to below :data:`KEY_SCALE`; defaults to :data:`BUDGET`'s grid.
    needs : iterable of int, optional
        Whole needs from 1 to 5; defaults to :data:`NEED`'s grid.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``need``, ``budget``, ``key`` (:func:`grid_key`), ``verdict``, ``count``,
        ``experiment``, ``cost``, ``duration``, ``evidence`` and ``codes`` (see :func:`test_verdict`).

    Raises
    ------
    ValueError
        For a budget that is not a whole number from 0 to below :data:`KEY_SCALE` (infinity
        included), or a need that is not a whole number from 1 to 5.
    """
    experiments = _experiments_frame(experiments)
    budgets = list(BUDGET.grid if budgets is None else budgets)
    needs = list(NEED.grid if needs is None else needs)
    for budget in budgets:
        number = _budget(budget)
        if not number.is_integer() or number >= KEY_SCALE:
            raise ValueError(f"Every budget of the grid must be a whole number below {KEY_SCALE:,}, not {budget!r}.")
    needs = [_rating(n, "Every need of the grid") for n in needs]
    rows = experiments.to_dict("records")
    out = []
    for need in needs:
        for budget in budgets:
            said = _verdict(rows, need, float(budget))
            out.append({"need": need, "budget": int(budget), "key": need * KEY_SCALE + int(budget),
                        **{k: said[k] for k in ("verdict", "count", "experiment", "cost", "duration", "evidence",
                                                "codes", "id")}})
    return pd.DataFrame(out)


# --------------------------------------------------------------------------- exercise 3: forgiveness or permission


def decide(reversibility: int, blast_radius: int) -> str:
    """The rule of Exercise 3: one of :data:`LEVELS`.

    Parameters
    ----------
    reversibility, blast_radius : int
        Whole scores from 1 to 5.

    Raises
    ------
    ValueError
        For a score that is not a whole number from 1 to 5.
    """
    r, b = _rating(reversibility, "Reversibility"), _rating(blast_radius, "Blast radius")
    if r <= 2 or b >= 4:
        return ASK
    if r >= 4 and b <= 2:
        return ACT
    return CONSULT


def reason(reversibility: int, blast_radius: int) -> str:
    """One sentence saying why :func:`decide` gives its answer (same inputs, same checks)."""
    level = decide(reversibility, blast_radius)
    r, b = int(reversibility), int(blast_radius)
    if level == ASK:
        why = "it is hard to undo" if r <= 2 else "it reaches many people"
        return f"Ask first: {why} (reversibility {r}, blast radius {b})."
    if level == ACT:
        return f"Act and inform: easy to undo and contained (reversibility {r}, blast radius {b})."
    return f"Consult: neither clearly safe nor clearly risky (reversibility {r}, blast radius {b})."


#: How a case is put to the learner: its number (as the board names it) and the two scores the rule reads.
CASE_WORDS = "{situation} ({id}: reversibility {reversibility}, blast radius {blast_radius})"


def decisions(situations: pd.DataFrame) -> pd.DataFrame:
    """The situations with the rule's ``answer``, its ``reason`` and the ``item`` a learner reads
    (:data:`CASE_WORDS`: the case's number and both scores, so nobody is graded on numbers unseen).

    Raises
    ------
    ValueError
        For a missing column or a score that is not a whole number from 1 to 5.
    """
    out = _frame(situations, ("id", "situation", "reversibility", "blast_radius"), "The situations").copy()
    out["answer"] = [decide(r, b) for r, b in zip(out["reversibility"], out["blast_radius"])]
    out["reason"] = [reason(r, b) for r, b in zip(out["reversibility"], out["blast_radius"])]
    out["item"] = [fill(CASE_WORDS, id=i, situation=s, reversibility=int(r), blast_radius=int(b))
                   for i, s, r, b in zip(out["id"], out["situation"], out["reversibility"], out["blast_radius"])]
    return out


def region_grid() -> pd.DataFrame:
    """Every (reversibility, blast radius) cell of the 5 x 5 board with the rule's answer (25 rows)."""
    cells = [(r, b) for r in range(1, 6) for b in range(1, 6)]
    return pd.DataFrame({"reversibility": [c[0] for c in cells], "blast_radius": [c[1] for c in cells],
                         "answer": [decide(*c) for c in cells]})


#: How a learner's label stands against the rule, and how the board's legend names it.
LABEL_STATUS = ("not yet", "right", "wrong")
#: The board's legend word for a status, with how many cases have it ("right (3)").
LEGEND_WORDS = "{status} ({count})"


def board(situations: pd.DataFrame, given=None) -> pd.DataFrame:
    """One frame for the regions chart: the 25 cells (``layer`` "region") and the cases (``layer`` "case").

    ``given`` holds the learner's label for each case ("" when not labelled yet), in row order.
    Each case has a ``status`` (one of :data:`LABEL_STATUS`) and the ``legend`` word of its status
    with how many cases have it ("right (3)"), so the legend follows the learner; three ``layer``
    "key" rows before the cases, one per status in that order, carry the legend words even for a status no case has.

    Raises
    ------
    ValueError
        When ``given`` is not one label per case, or a label is not "" or one of :data:`LEVELS`.
    """
    cases = decisions(situations)
    given = [""] * len(cases) if given is None else list(given)
    if len(given) != len(cases):
        raise ValueError(f"Give one label per case: {len(cases)} cases, {len(given)} labels.")
    bad = [g for g in given if g != "" and g not in LEVELS]
    if bad:
        raise ValueError(f"A label must be one of {', '.join(LEVELS)}, not {bad[0]!r}.")
    cases = cases.assign(layer="case", given=given)
    cases["status"] = ["not yet" if g == "" else ("right" if g == a else "wrong")
                       for g, a in zip(cases["given"], cases["answer"])]
    counts = cases["status"].value_counts()
    legend = {s: fill(LEGEND_WORDS, status=s, count=int(counts.get(s, 0))) for s in LABEL_STATUS}
    cases["legend"] = cases["status"].map(legend)
    regions = region_grid().assign(layer="region", situation="", given="", status="", legend="", reason="", id="")
    keys = pd.DataFrame({"reversibility": 5, "blast_radius": 1, "answer": "", "layer": "key", "situation": "",
                         "given": "", "status": list(LABEL_STATUS), "legend": [legend[s] for s in LABEL_STATUS],
                         "reason": "", "id": ""})
    return pd.concat([regions, keys[regions.columns], cases[regions.columns]], ignore_index=True)


# --------------------------------------------------------------------------- exercise 3 on the static page

#: What the static board says about the learner's labels (the live face says the same): ``none`` before
#: any label; ``count`` how many agree with the rule; ``left`` how many are still to label; once the
#: rule is shown, one ``wrong`` line per label that differs from it, with the rule's reason.
DOOR_WORDS = {
    "none": "Label each case in its menu under the board; the board marks your labels as you go.",
    "count": "{right} of {labelled} agree with the rule.",
    "left": "{left} of {total} cases still to label.",
    "wrong": "{id}: you said {given}. {reason}",
}
#: What a case's menu shows before the learner picks a label.
NO_LABEL = "Choose\u2026"


def _label_inputs() -> tuple:
    cases = decisions(load_situations())
    return tuple(Choice(f"label_{row.id}", str(row.item), "", options=("", *LEVELS), labels=(NO_LABEL, *LEVELS))
                 for row in cases.itertuples())


def door_page_lines(situations: pd.DataFrame, given=None, reveal: bool = False) -> list[str]:
    """What the static board says, line by line, for the learner's labels (``given``: one per case,
    "" where none; see :func:`board`) and whether the rule is shown (``reveal``), in :data:`DOOR_WORDS`.

    Raises
    ------
    ValueError
        As :func:`board` does.
    """
    return board_lines(board(situations, given), reveal)


def board_lines(frame: pd.DataFrame, reveal: bool = False) -> list[str]:
    """:func:`door_page_lines` of a board already made (the output of :func:`board`)."""
    cases = _frame(frame, ("layer", "id", "given", "status", "reason"), "The board")
    cases = cases[cases["layer"] == "case"]
    labelled = int((cases["given"] != "").sum())
    if labelled == 0:
        return [DOOR_WORDS["none"]]
    lines = [fill(DOOR_WORDS["count"], right=int((cases["status"] == "right").sum()), labelled=labelled)]
    if labelled < len(cases):
        lines.append(fill(DOOR_WORDS["left"], left=len(cases) - labelled, total=len(cases)))
    if reveal:
        lines += [fill(DOOR_WORDS["wrong"], id=r.id, given=r.given, reason=r.reason)
                  for r in cases.itertuples() if r.status == "wrong"]
    return lines


# --------------------------------------------------------------------------- inputs, declared once


def _map_inputs():
    reference = rank_assumptions(load_practices())
    first = reference.iloc[0]
    ordered = load_practices()
    practice = Choice("practice", "Practice", str(first["id"]), options=tuple(str(k) for k in ordered["id"]),
                      labels=tuple(str(p) for p in ordered["practice"]))
    importance = Number("importance", "Importance", int(first["importance"]), low=1, high=5)
    evidence = Number("evidence", "Evidence", int(first["evidence"]), low=1, high=5)
    return practice, importance, evidence


#: Exercise 1's inputs. Both faces open on the assumption the reference map tests first; the
#: sliders start at its reference ratings and follow the practice shown.
PRACTICE, IMPORTANCE, EVIDENCE = _map_inputs()
#: Why the fence stands, in the learner's words (read with :func:`challenge`).
WHY = Text("why", "Why it stands", placeholder="What does this practice protect? Press Enter when done",
           max_chars=MAX_ANSWER_CHARS)
#: Whether the learner challenges the practice shown (only once they have written why it stands).
CHALLENGE = Flag("challenge", "Challenge this practice")
MAP_INPUTS = (PRACTICE, WHY, IMPORTANCE, EVIDENCE, CHALLENGE)

#: Exercise 2's inputs: the evidence you need, and your budget in :data:`CURRENCY`.
NEED = Number("need", "Evidence you need", 3, low=1, high=5)
BUDGET = Number("budget", "Your budget", 10_000, unit=CURRENCY, low=0, high=60_000, step=BUDGET_STEP)
TEST_INPUTS = (NEED, BUDGET)

#: The static board's menu: every region, or the one where the rule gives an answer.
HIGHLIGHT = Choice("highlight", "Highlight", "all", options=("all", *LEVELS))
#: The static board draws the rule's regions only once the learner asks (after labelling the cases).
REVEAL_RULE = Flag("reveal", "Show the rule's answers")
#: The static frontier names the cheapest only once the learner asks (after making a guess).
REVEAL_CHEAPEST = Flag("reveal", "Show the cheapest")
#: The static board's labels: one menu per case (``label_<id>``, read as :data:`CASE_WORDS`), empty
#: at first, as the live face's menus are; the journal keeps each on the page.
LABEL_INPUTS = _label_inputs()


# --------------------------------------------------------------------------- exercise 1 on the static page


def _rating_inputs() -> tuple:
    out = []
    for row in load_practices().itertuples():
        out.append(Number(f"importance_{row.id}", f"{row.practice}: importance", int(row.importance), low=1, high=5))
        out.append(Number(f"evidence_{row.id}", f"{row.practice}: evidence", int(row.evidence), low=1, high=5))
    return tuple(out)


#: The static map rates every practice at once: two sliders per practice (``importance_<id>``,
#: ``evidence_<id>``), starting at its reference ratings, as the live sliders do for the practice shown.
RATING_INPUTS = _rating_inputs()


def _box_inputs() -> tuple[tuple, tuple]:
    whys, challenges = [], []
    for row in load_practices().itertuples():
        whys.append(Text(f"why_{row.id}", f"{row.practice}: why it stands", placeholder=WHY.placeholder,
                         max_chars=WHY.max_chars))
        challenges.append(Flag(f"challenge_{row.id}", f"Challenge {row.practice}"))
    return tuple(whys), tuple(challenges)


#: The static map keeps a "why" box (``why_<id>``) and a "challenge" box (``challenge_<id>``) per
#: practice, as the live face keeps what was written and challenged for each; the page shows the
#: picked practice's, and the journal keeps them all.
WHY_INPUTS, CHALLENGE_INPUTS = _box_inputs()


def boxes_from(values: Mapping) -> tuple[dict, dict]:
    """``({id: why}, {id: challenged})`` from the static boxes' values (``{"why_P1": "...",
    "challenge_P1": True, ...}``); a practice whose box is not given has nothing written and is not
    challenged."""
    whys, challenges = {}, {}
    for key in load_practices()["id"]:
        if f"why_{key}" in values:
            whys[str(key)] = values[f"why_{key}"]
        if f"challenge_{key}" in values:
            challenges[str(key)] = bool(values[f"challenge_{key}"])
    return whys, challenges


def ratings_from(values: Mapping) -> dict:
    """``{id: (importance, evidence)}`` from the static sliders' values (``{"importance_P1": 4, ...}``);
    a practice whose sliders are not both given keeps its reference ratings (see :func:`rate`)."""
    out = {}
    for key in load_practices()["id"]:
        i, e = values.get(f"importance_{key}"), values.get(f"evidence_{key}")
        if i is not None and e is not None:
            out[str(key)] = (i, e)
    return out


@functools.lru_cache(maxsize=1)
def blank_ranges() -> tuple:
    """Every run of code points that shows nothing on its own: white space, format characters,
    control characters and noncharacters (what :func:`challenge` ignores), as (first, last) pairs."""
    import sys
    import unicodedata

    def blank(c: str) -> bool:
        return (c.isspace() or unicodedata.category(c) in ("Cf", "Cc")
                or 0xFDD0 <= ord(c) <= 0xFDEF or ord(c) & 0xFFFE == 0xFFFE)

    runs, start = [], None
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            inside = False
        else:
            inside = blank(chr(code))
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            runs.append((start, code - 1))
            start = None
    if start is not None:
        runs.append((start, sys.maxunicode))
    return tuple(runs)


_BLANK = None


def is_blank(text: object) -> bool:
    """True when ``text`` shows nothing: only white space, format, control or noncharacters (as
    :func:`challenge` judges it for any text up to its length cap; the page uses :func:`blank_ranges`)."""
    import re

    global _BLANK
    if _BLANK is None:
        _BLANK = re.compile("[" + "".join(f"\\U{a:08X}-\\U{b:08X}" for a, b in blank_ranges()) + "]+")
    return _BLANK.sub("", "" if text is None else str(text)) == ""


#: The problem sentence when "challenge" is ticked with nothing written (:func:`challenge` of "").
EMPTY_WHY = challenge("")[1]
#: What the static map says, line by line (the live face says the same in its panes).
PAGE_WORDS = {
    "head": "Test first, on your ratings:",
    "place": "{practice}: rank {rank} of {total}, {quadrant}.",
    # Other practices ticked "challenge" whose why shows nothing (by rank): not challenged yet.
    "unwritten": "Ticked, but not challenged until you write why its fence stands: {listed}.",
}


def map_page(practices: pd.DataFrame) -> pd.DataFrame:
    """The data the static map computes in the page: one row per practice, in the order of
    :data:`RATING_INPUTS`, with ``slot`` (its place in that order: where its sliders are),
    ``practice``, ``story`` (the assumption and how it began, wrapped, lines joined by newlines)
    and ``fence`` (Tessera's own answer, wrapped likewise, shown only once the learner has written
    theirs).

    Raises
    ------
    ValueError
        For a table without those columns, or a practice that has no sliders in :data:`RATING_INPUTS`.
    """
    practices = _frame(practices, ("id", "practice", "assumption", "story", "fence"), "The practices")
    slots = [spec.name.split("_", 1)[1] for spec in RATING_INPUTS[::2]]
    unknown = [str(k) for k in practices["id"] if str(k) not in slots]
    if unknown:
        raise ValueError(f"There is no slider for practice {unknown[0]!r}.")
    rows = []
    for row in sorted(practices.itertuples(), key=lambda r: slots.index(str(r.id))):
        k = slots.index(str(row.id))
        story = _wrapped(f"Assumption: {row.assumption}.") + _wrapped(f"How it began: {row.story}.")
        rows.append({"id": str(row.id), "slot": k, "practice": str(row.practice), "story": "\n".join(story),
                     "fence": "\n".join(_wrapped(fill(MAP_WORDS["fence"], fence=row.fence)))})
    return pd.DataFrame(rows)


def map_page_lines(practices: pd.DataFrame, ratings: Mapping | None = None, current: str | None = None,
                   whys: Mapping | None = None, challenges: Mapping | None = None) -> list[str]:
    """What the static map says, line by line, for the learner's ratings, the practice picked, what
    they wrote for each practice (``whys``: ``{id: text}``) and which they ticked "challenge"
    (``challenges``: ``{id: bool}``); the page computes the same lines.

    A practice is challenged only when its "why" shows something (:func:`challenge`); the words on
    what is challenged are the live face's (:func:`map_words`). For the practice picked: its place
    and story, Tessera's own answer once the learner has written theirs, and, ticked with nothing
    written, why it is not challenged; then the other practices ticked with nothing written, by rank
    (``PAGE_WORDS["unwritten"]``).

    Raises
    ------
    ValueError
        As :func:`assumptions` does, and for a box of a practice that does not exist.
    """
    current = PRACTICE.default if current is None else current
    whys, challenges = dict(whys or {}), dict(challenges or {})
    known = {str(k) for k in _frame(practices, ("id",), "The practices")["id"]}
    unknown = [key for key in [*whys, *challenges] if key not in known]
    if unknown:
        raise ValueError(f"There is no practice {unknown[0]!r} to write about or challenge.")
    written = {key for key, text in whys.items() if challenge(text)[0]}
    mine = [key for key, ticked in challenges.items() if ticked and key in written]
    result = assumptions(practices, ratings, mine, current)
    ranked = result["ranked"]
    row = ranked[ranked["id"] == current].iloc[0]
    page = map_page(practices).set_index("id").loc[current]
    lines = [PAGE_WORDS["head"], *result["words"]["first"],
             fill(PAGE_WORDS["place"], practice=row["practice"], rank=int(row["rank"]), total=len(ranked),
                  quadrant=row["quadrant"].lower()),
             *page["story"].split("\n")]
    if current in written:
        lines += page["fence"].split("\n")
    elif challenges.get(current):
        lines += [EMPTY_WHY, MAP_WORDS["why first"]]
    lines.append(result["words"]["challenged"])
    if result["words"]["outside"]:
        lines.append(result["words"]["outside"])
    waiting = ranked[ranked["id"].map(lambda key: bool(challenges.get(key)) and key not in written and key != current)]
    if not waiting.empty:
        lines.append(fill(PAGE_WORDS["unwritten"], listed=", ".join(waiting["practice"])))
    return lines


# --------------------------------------------------------------------------- the chapter's prose

#: Exercise 2's discussion, made from the model at the declared need and budget (:func:`tests_story`).
TESTS_STORY = (
    "With a need of {need} and a budget of €{budget:,.0f}, the {cheapest} (€{cost:,.0f}, {duration}) wins: it "
    "is on the frontier, and nothing cheaper convinces enough. Raise the need to {top} and only {strongest} "
    "{are} strong enough; the {best_top} at €{best_top_cost:,.0f} is the cheapest of them.{beaten}"
)
#: The sentence :data:`TESTS_STORY` ends with for a strongest experiment off the frontier.
TESTS_BEATEN = (" The {loser} is never on the frontier: the {winner} is at least as cheap, as quick and as strong, "
                "and better on one of them.")


def _common(name: str) -> str:
    """An experiment's name inside a sentence: "Fake door" becomes "fake door", "A/B test" stays."""
    return name[:1].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def tests_story(experiments: pd.DataFrame, need: float | None = None, budget: float | None = None) -> str:
    """Exercise 2's discussion from the model: the cheapest convincing test at ``need`` and ``budget``
    (the declared defaults unless given), then the strongest evidence any experiment reaches, the
    cheapest of those, and each of them off the frontier with the one that beats it.

    Raises
    ------
    ValueError
        As :func:`qualify` does, or when no experiment qualifies at ``need`` and ``budget``.
    """
    need = NEED.default if need is None else need
    budget = BUDGET.default if budget is None else budget
    said = cheapest(experiments, need, budget)
    if said["verdict"] not in ("one", "many"):
        raise ValueError(f"no experiment reaches evidence {need} within €{budget:,.0f}: the story needs one")
    frame = said["frame"]
    top = int(frame["evidence"].max())
    strongest = frame[frame["evidence"] == top].sort_values(["cost", "weeks", "id"])
    names = {str(r.id): str(r.experiment) for r in frame.itertuples()}
    beaten = "".join(fill(TESTS_BEATEN, loser=_common(str(r.experiment)), winner=_common(names[str(r.beaten_by)]))
                     for r in strongest.itertuples() if not r.on_frontier and str(r.beaten_by) in names)
    best = strongest.iloc[0]
    return fill(TESTS_STORY, need=need, budget=budget, cheapest=_common(said["experiment"]), cost=said["cost"],
                duration=said["duration"], top=top,
                strongest=_and([f"the {_common(n)}" for n in strongest["experiment"]]),
                are="is" if len(strongest) == 1 else "are", best_top=_common(str(best["experiment"])),
                best_top_cost=float(best["cost"]), beaten=beaten)
