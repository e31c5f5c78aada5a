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
"""

from __future__ import annotations

import pandas as pd

from ..kit.data import Column, Schema, load_csv
from ..kit.text import read_text

__all__ = [
    "ACT", "ASK", "BUDGET_STEP", "CHEAPEST", "CONSULT", "EXPERIMENTS_FILE", "EXPERIMENTS_SCHEMA", "LEVELS",
    "MIDPOINT", "OVER_BUDGET", "PRACTICES_FILE", "PRACTICES_SCHEMA", "QUADRANTS", "QUALIFIES", "SITUATIONS_FILE",
    "SITUATIONS_SCHEMA", "STATUSES", "TOO_WEAK", "assumption_map", "board", "challenge", "cheapest_grid",
    "cheapest_test", "decide", "decisions", "dominates", "frontier", "load_experiments", "load_practices",
    "load_situations", "quadrant", "qualify", "rank_assumptions", "rate", "reason", "region_grid",
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
#: Budgets the static face offers are multiples of this (currency units).
BUDGET_STEP = 500
ACT, CONSULT, ASK = "act and inform", "consult", "ask first"
#: The three answers, from most to least freedom to act.
LEVELS = (ACT, CONSULT, ASK)

PRACTICES_SCHEMA = Schema(
    columns=(
        Column("id"), Column("practice"), Column("assumption"), Column("story"), Column("fence"),
        Column("importance", "int", minimum=1, maximum=5),
        Column("evidence", "int", minimum=1, maximum=5),
    ),
    key="id", max_rows=50,
)
EXPERIMENTS_SCHEMA = Schema(
    columns=(
        Column("id"), Column("experiment"),
        Column("cost", "float", minimum=0, maximum=1e7),
        Column("weeks", "float", minimum=0, maximum=520),
        Column("evidence", "int", minimum=1, maximum=5),
    ),
    key="id", max_rows=50,
)
SITUATIONS_SCHEMA = Schema(
    columns=(
        Column("id"), Column("situation"),
        Column("reversibility", "int", minimum=1, maximum=5),
        Column("blast_radius", "int", minimum=1, maximum=5),
    ),
    key="id", max_rows=50,
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


def challenge(why_it_stands: object) -> tuple[str, str]:
    """Check the "why the fence stands" text before a practice may be marked "challenge".

    Returns
    -------
    (str, str)
        The cleaned text and a problem sentence ("" when the practice may be challenged).
    """
    return read_text(why_it_stands, "why the fence stands")


def quadrant(importance: float, evidence: float) -> str:
    """The quadrant label of one assumption (see :data:`QUADRANTS`)."""
    return QUADRANTS[(importance >= MIDPOINT, evidence >= MIDPOINT)]


def rank_assumptions(practices: pd.DataFrame) -> pd.DataFrame:
    """Order assumptions by what to test first: by quadrant (test first, keep and watch, park,
    leave alone), then most important, then least evidenced, then id.

    Returns a copy with a ``rank`` column (1 = test first) and a ``quadrant`` column.
    """
    labels = [quadrant(i, e) for i, e in zip(practices["importance"], practices["evidence"])]
    ranked = practices.assign(quadrant=labels, _q=[_QUADRANT_ORDER[q] for q in labels],
                              _id=practices["id"].astype(str))
    ranked = ranked.sort_values(["_q", "importance", "evidence", "_id"], ascending=[True, False, True, True],
                                kind="stable")
    ranked = ranked.drop(columns=["_q", "_id"]).reset_index(drop=True)
    ranked.insert(len(ranked.columns) - 1, "rank", range(1, len(ranked) + 1))
    return ranked


def rate(practices: pd.DataFrame, ratings: dict | None = None) -> pd.DataFrame:
    """The practices with the learner's ratings in place of the reference ones.

    Parameters
    ----------
    practices : pandas.DataFrame
        Output of :func:`load_practices`.
    ratings : dict, optional
        ``{id: (importance, evidence)}``; ids not given keep their reference ratings. A rating
        outside 1-5 is clipped into it (a slider cannot give one, code might).
    """
    ratings = ratings or {}
    given = [ratings.get(key) for key in practices["id"]]
    importance = [int(p[0]) if p else int(i) for p, i in zip(given, practices["importance"])]
    evidence = [int(p[1]) if p else int(e) for p, e in zip(given, practices["evidence"])]
    return practices.assign(importance=[min(5, max(1, v)) for v in importance],
                            evidence=[min(5, max(1, v)) for v in evidence])


def assumption_map(practices: pd.DataFrame, ratings: dict | None = None, challenged=()) -> pd.DataFrame:
    """What the assumption map draws: :func:`rank_assumptions` of the rated practices, with a
    ``challenged`` flag (True for the ids in ``challenged``).
    """
    ranked = rank_assumptions(rate(practices, ratings))
    ranked["challenged"] = ranked["id"].isin(list(challenged))
    return ranked


def dominates(a, b) -> bool:
    """Whether experiment ``a`` beats ``b``: no costlier, no slower, no weaker, and better on one."""
    no_worse = a["cost"] <= b["cost"] and a["weeks"] <= b["weeks"] and a["evidence"] >= b["evidence"]
    better = a["cost"] < b["cost"] or a["weeks"] < b["weeks"] or a["evidence"] > b["evidence"]
    return bool(no_worse and better)


def frontier(experiments: pd.DataFrame) -> pd.DataFrame:
    """The experiments with an ``on_frontier`` flag and ``beaten_by`` (the id of one dominating one, or "")."""
    rows = experiments.to_dict("records")
    beaten = []
    for b in rows:
        winners = [a for a in rows if dominates(a, b)]
        # The winner reported is itself on the frontier: the strongest, then cheapest, then fastest dominator.
        winners.sort(key=lambda a: (-a["evidence"], a["cost"], a["weeks"], str(a["id"])))
        beaten.append(next((str(a["id"]) for a in winners if not any(dominates(c, a) for c in rows)), ""))
    out = experiments.copy()
    out["beaten_by"] = beaten
    out["on_frontier"] = out["beaten_by"] == ""
    return out


def cheapest_test(experiments: pd.DataFrame, required: float, budget: float) -> pd.Series | None:
    """The cheapest experiment with evidence >= ``required`` and cost <= ``budget``, or None.

    Ties go to the shorter, then the stronger, then the lower id.
    """
    ok = experiments[(experiments["evidence"] >= required) & (experiments["cost"] <= budget)]
    if ok.empty:
        return None
    ok = ok.assign(_neg=-ok["evidence"], _id=ok["id"].astype(str))
    return ok.sort_values(["cost", "weeks", "_neg", "_id"], kind="stable").iloc[0].drop(["_neg", "_id"])


def _money(value: float) -> str:
    return f"{value:,.0f}"


def qualify(experiments: pd.DataFrame, required: float, budget: float) -> pd.DataFrame:
    """Which experiments reach ``required`` evidence within ``budget``, and why the others do not.

    Returns :func:`frontier` with a ``status`` column (one of :data:`STATUSES`: the one
    :func:`cheapest_test` picks is ``"cheapest"``; an experiment both too weak and over budget
    counts as ``"too weak"``) and a ``why`` sentence per experiment.
    """
    out = frontier(experiments)
    best = cheapest_test(experiments, required, budget)
    best_id = None if best is None else str(best["id"])
    status, why = [], []
    for row in out.itertuples():
        weak, dear = row.evidence < required, row.cost > budget
        if weak:
            status.append(TOO_WEAK)
            why.append(f"Evidence {row.evidence} is below the {required:g} you need"
                       + (f", and it costs {_money(row.cost)}, over your {_money(budget)}." if dear else "."))
        elif dear:
            status.append(OVER_BUDGET)
            why.append(f"Strong enough, but it costs {_money(row.cost)}, over your {_money(budget)}.")
        else:
            status.append(CHEAPEST if str(row.id) == best_id else QUALIFIES)
            why.append(f"Evidence {row.evidence} for {_money(row.cost)} in {row.weeks:g} weeks"
                       + (": the cheapest that convinces." if str(row.id) == best_id else "."))
    out["status"], out["why"] = status, why
    return out


def cheapest_grid(experiments: pd.DataFrame, budgets) -> pd.DataFrame:
    """:func:`cheapest_test` for every required level 1-5 and every budget in ``budgets``.

    One row per pair: ``required``, ``budget``, ``key`` (``required * 10**7 + budget``, for a
    lookup in the page), ``id``, ``experiment``, ``cost`` (whole units), ``weeks`` and ``evidence``
    of the cheapest test ("" and 0 when none qualifies) and ``count`` (how many qualify).
    Budgets are whole currency units (``int``).
    """
    rows = []
    for required in range(1, 6):
        for budget in budgets:
            best = cheapest_test(experiments, required, budget)
            count = int(((experiments["evidence"] >= required) & (experiments["cost"] <= budget)).sum())
            rows.append({"required": required, "budget": int(budget), "key": required * 10**7 + int(budget),
                         "id": "" if best is None else str(best["id"]),
                         "experiment": "" if best is None else str(best["experiment"]),
                         "cost": 0 if best is None else int(best["cost"]),
                         "weeks": 0 if best is None else float(best["weeks"]),
                         "evidence": 0 if best is None else int(best["evidence"]), "count": count})
    return pd.DataFrame(rows)


def decide(reversibility: int, blast_radius: int) -> str:
    """The rule of Exercise 3: one of :data:`LEVELS`."""
    if reversibility <= 2 or blast_radius >= 4:
        return ASK
    if reversibility >= 4 and blast_radius <= 2:
        return ACT
    return CONSULT


def reason(reversibility: int, blast_radius: int) -> str:
    """One sentence saying why :func:`decide` gives its answer."""
    level = decide(reversibility, blast_radius)
    if level == ASK:
        why = "it is hard to undo" if reversibility <= 2 else "it reaches many people"
        return f"Ask first: {why} (reversibility {reversibility}, blast radius {blast_radius})."
    if level == ACT:
        return f"Act and inform: easy to undo and contained (reversibility {reversibility}, blast radius {blast_radius})."
    return f"Consult: neither clearly safe nor clearly risky (reversibility {reversibility}, blast radius {blast_radius})."


def decisions(situations: pd.DataFrame) -> pd.DataFrame:
    """The situations with the rule's ``answer`` and its ``reason``."""
    out = situations.copy()
    out["answer"] = [decide(r, b) for r, b in zip(out["reversibility"], out["blast_radius"])]
    out["reason"] = [reason(r, b) for r, b in zip(out["reversibility"], out["blast_radius"])]
    return out


def region_grid() -> pd.DataFrame:
    """Every (reversibility, blast radius) cell of the 5 x 5 board with the rule's answer (25 rows)."""
    cells = [(r, b) for r in range(1, 6) for b in range(1, 6)]
    return pd.DataFrame({"reversibility": [c[0] for c in cells], "blast_radius": [c[1] for c in cells],
                         "answer": [decide(*c) for c in cells]})


def board(situations: pd.DataFrame, given: pd.Series | None = None) -> pd.DataFrame:
    """One frame for the regions chart: the 25 cells (``layer`` "region") and the cases (``layer`` "case").

    ``given`` holds the learner's label for each case ("" when not labelled yet), in row order.
    """
    cases = decisions(situations)
    cases = cases.assign(layer="case", given=list(given) if given is not None else [""] * len(cases))
    cases["status"] = ["not yet" if g == "" else ("right" if g == a else "wrong")
                       for g, a in zip(cases["given"], cases["answer"])]
    regions = region_grid().assign(layer="region", situation="", given="", status="", reason="", id="")
    return pd.concat([regions, cases[regions.columns]], ignore_index=True)
