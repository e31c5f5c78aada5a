"""Sequencing, exercise 1: order the backlog. Pure pandas and numpy; no display.

One team works through the initiatives one at a time, in the order given. Initiative *i* takes
``e_i`` team-weeks and, once shipped at week ``C_i`` (the sum of the efforts up to and including
it), earns ``v_i`` a week until the horizon ``H``. The value of an order by week ``w`` is

.. math:: V(w) = \\sum_i v_i \\, \\max(0,\\; w - C_i).

An initiative may depend on others: it cannot start before they have shipped. Assumptions:
one team, no parallel work, no switching cost, efforts and values known and constant,
nothing is worth anything before it ships, and value after the horizon is ignored.

*WSJF / CD3* (Reinertsen 2009; Arnold, "Cost of Delay Divided by Duration") ranks work by
cost of delay divided by duration, here ``v_i / e_i``. With no dependencies and a horizon
that every initiative reaches, that order is optimal: it is Smith's rule (Smith 1956) for
minimising weighted completion time, because ``V(H) = H·Σv_i − Σ v_i C_i``. With
dependencies we apply the rule to whatever is ready next, and with a short horizon the
rule can be beaten, because work that ships after the horizon earns nothing. The exact
best order is found by dynamic programming over subsets of initiatives (``2^n`` states;
fine for ``n ≤ 15``), vectorised over the subsets of each size.

The exercise's inputs are declared once here (:data:`START`, :data:`HORIZON`,
:data:`STRATEGY`), and the words of its verdicts written once (:data:`ORDER_WORDS`,
:data:`PROBLEM_WORDS`, :data:`STRATEGY_WORDS` and, once the best is asked for,
:data:`STRATEGY_BEST_WORDS`): the live face fills them with :func:`~exercises.kit.text.fill`, the
static face in the page. The chapter's discussion quotes the model too: :func:`rule_gap` says why
one rule beats another here (:data:`RULE_GAP_WORDS`), :func:`one_kind_words` what one kind at a
time costs, and :func:`ship_weeks` lists when each strategy ships what (the numbers behind the
strategy explorer's dots).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
import math

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, file_error, load_csv
from ..kit.inputs import Choice, Flag, Number
from ..kit.text import fill


__all__ = [
    "AS_LISTED", "BACKLOG_FILE", "BACKLOG_SCHEMA", "BEST", "DEFAULT_HORIZON", "HORIZON", "HORIZONS", "KINDS",
    "MAX_EXACT", "MAX_HORIZON", "SHOW_BEST", "ONE_KIND", "ORDER_INPUTS", "ORDER_WORDS", "PROBLEM_WORDS", "START", "STARTS",
    "START_STRATEGY", "STRATEGIES", "STRATEGY", "ONE_KIND_WORDS", "RULE_GAP_WORDS", "STRATEGY_BEST_WORDS", "STRATEGY_INPUTS", "STRATEGY_WORDS", "WSJF", "YOURS",
    "OrderBuilderData", "OrderComparison", "OrderError", "best_order", "canonical_order", "cd3", "check_horizon",
    "check_order", "compare_orders", "load_backlog", "order_builder_data", "order_problems", "parse_order",
    "one_kind_words", "priority_order", "rule_gap", "ship_weeks", "schedule", "start_order", "strategy_grid", "strategy_order", "strategy_words", "total_value",
    "value_curve", "value_curves", "wsjf_order",
]


#: The four kinds of work after product-market fit, in the order the book presents them.
KINDS = ("feature", "growth", "scaling", "expansion")
#: Weeks the value of an order is counted over, unless the learner picks another horizon.
DEFAULT_HORIZON = 52
#: The horizons the chapter's static explorers offer: a quarter, two, three and a year.
HORIZONS = (13, 26, 39, 52)
#: Longest horizon the model accepts (twenty years of weeks); the live slider stops at 104.
MAX_HORIZON = 1040
#: Largest backlog the exact optimiser accepts (2^15 subsets).
MAX_EXACT = 15

#: Names of the orders the chapter compares (the words a learner reads in legends and menus).
YOURS = "Your order"
WSJF = "WSJF (CD3)"
BEST = "Best possible"
ONE_KIND = "One kind at a time"
AS_LISTED = "Backlog as listed"
#: Where the learner's own order starts: the habit the chapter asks them to beat.
START_STRATEGY = ONE_KIND

BACKLOG_FILE = "sequencing_backlog.csv"
BACKLOG_SCHEMA = Schema(
    columns=(
        Column("id"),
        Column("name"),
        Column("kind", choices=KINDS),
        Column("effort_weeks", "int", minimum=1, maximum=104),
        Column("value_per_week", "float", minimum=0, maximum=1e6),
        Column("depends_on", "ids", required=False),
    ),
    key="id",
    max_rows=MAX_EXACT,
)


class OrderError(ValueError):
    """An order the model cannot schedule; the message says which initiative and why."""


# --------------------------------------------------------------------------- loading


def load_backlog(name: str = BACKLOG_FILE) -> pd.DataFrame:
    """Load and check a backlog file.

    Parameters
    ----------
    name : str
        File in ``data/`` (a bare name) or a path, with the columns of
        :data:`BACKLOG_SCHEMA`; ``depends_on`` lists ids separated by ``;``.

    Returns
    -------
    pandas.DataFrame
        One row per initiative, with ``depends_on`` as a tuple of ids.

    Raises
    ------
    DataFileError
        If a cell breaks the schema, a dependency names an unknown id or the
        dependencies form a cycle (the message names file, line and column).
    """
    frame = load_csv(name, BACKLOG_SCHEMA)
    # Popped: pandas deep-copies attrs into every frame derived from this one (6 ms an update).
    lines = dict(zip(frame["id"], frame.attrs.pop("lines")))
    for item, deps in zip(frame["id"], frame["depends_on"]):
        for dep in deps:
            if dep not in lines:
                raise file_error(name, f"unknown id {dep!r}", line=lines[item], column="depends_on")
            if dep == item:
                raise file_error(name, f"{item!r} depends on itself", line=lines[item], column="depends_on")
    cycle = _find_cycle(frame)
    if cycle:
        raise file_error(name, f"dependency cycle {' -> '.join(cycle)}", line=lines[cycle[0]], column="depends_on")
    return frame



def _find_cycle(backlog: pd.DataFrame) -> list[str]:
    deps = dict(zip(backlog["id"], backlog["depends_on"]))
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for dep in deps[node]:
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep not in state and (found := visit(dep)):
                return found
        state[node] = 2
        path.pop()
        return []

    for node in deps:
        if node not in state and (found := visit(node)):
            return found
    return []


def check_horizon(horizon) -> int:
    """Return ``horizon`` as whole weeks, or raise ``ValueError`` saying what a horizon must be.

    A horizon is a whole number of weeks from 1 to :data:`MAX_HORIZON`.
    """
    try:
        weeks = float(horizon)
    except (TypeError, ValueError):
        raise ValueError(f"a horizon is a whole number of weeks, got {str(horizon)[:40]!r}") from None
    if not math.isfinite(weeks) or not weeks.is_integer() or not 1 <= weeks <= MAX_HORIZON:
        raise ValueError(f"a horizon is a whole number of weeks from 1 to {MAX_HORIZON}, got {str(horizon)[:40]}")
    return int(weeks)


# --------------------------------------------------------------------------- orders


def parse_order(text: str) -> list[str]:
    """Split typed text such as ``"S1, G1 E3"`` into ids (commas, semicolons or spaces)."""
    for sep in ",;\n\t":
        text = text.replace(sep, " ")
    return [part for part in text.split(" ") if part]


def canonical_order(backlog: pd.DataFrame, order: Sequence[str]) -> list[str]:
    """Match typed ids to the backlog's (trimming spaces, ignoring case); unknown ids are kept as typed."""
    if isinstance(order, (str, bytes)) or not isinstance(order, Iterable):
        raise ValueError("An order is a list of initiative ids (split typed text with parse_order first), "
                         f"not {type(order).__name__}.")
    canon = {item.upper(): item for item in backlog["id"]}
    return [canon.get(str(raw).strip().upper(), str(raw).strip()) for raw in order]


def order_problems(backlog: pd.DataFrame, order: Sequence[str], dependencies: bool = True) -> list[str]:
    """Return every reason ``order`` cannot be scheduled, in plain words (empty if valid).

    Checks unknown ids, duplicates and missing initiatives (ids are matched by
    :func:`canonical_order`), then, unless ``dependencies`` is false, broken dependencies: an
    initiative placed before one it depends on. The words are :data:`PROBLEM_WORDS`.
    """
    return [text for _kind, text in _problems(backlog, order, dependencies)]


def _problems(backlog: pd.DataFrame, order: Sequence[str], dependencies: bool = True) -> list[tuple[str, str]]:
    """:func:`order_problems` as ``(kind, sentence)`` pairs, kind a key of :data:`PROBLEM_WORDS`."""
    names = dict(zip(backlog["id"], backlog["name"]))
    problems, seen = [], {}
    for item in canonical_order(backlog, order):
        if item not in names:
            shown = item if len(item) <= 20 else item[:20] + "…"
            problems.append(("unknown", fill(PROBLEM_WORDS["unknown"], item=shown)))
        elif item in seen:
            problems.append(("repeat", fill(PROBLEM_WORDS["repeat"], item=f"{item} ({names[item]})")))
        else:
            seen[item] = len(seen)
    problems += [("missing", fill(PROBLEM_WORDS["missing"], item=f"{item} ({names[item]})"))
                 for item in names if item not in seen]
    if dependencies:
        for item, deps in zip(backlog["id"], backlog["depends_on"]):
            for dep in deps:
                if item in seen and dep in seen and seen[dep] > seen[item]:
                    problems.append(("broken", fill(PROBLEM_WORDS["broken"], item=f"{item} ({names[item]})",
                                                    need=f"{dep} ({names[dep]})")))
    return problems


def check_order(backlog: pd.DataFrame, order: Sequence[str]) -> list[str]:
    """Return ``order`` as canonical ids, or raise :class:`OrderError` naming every problem."""
    problems = order_problems(backlog, order)
    if problems:
        raise OrderError(" ".join(problems))
    return canonical_order(backlog, order)


def cd3(backlog: pd.DataFrame) -> pd.Series:
    """Cost of delay divided by duration, ``v_i / e_i``: what WSJF ranks by."""
    return (backlog["value_per_week"] / backlog["effort_weeks"]).rename("cd3")


def schedule(backlog: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """When each initiative starts and ships if one team works through ``order``.

    Returns
    -------
    pandas.DataFrame
        Columns ``position, id, name, kind, effort_weeks, value_per_week, start_week,
        ship_week``, one row per initiative in the order worked.
    """
    order = check_order(backlog, order)
    plan = backlog.set_index("id").loc[order].reset_index()
    plan.insert(0, "position", np.arange(1, len(plan) + 1))
    plan["ship_week"] = plan["effort_weeks"].cumsum()
    plan["start_week"] = plan["ship_week"] - plan["effort_weeks"]
    return plan[["position", "id", "name", "kind", "effort_weeks", "value_per_week",
                 "start_week", "ship_week"]]


def value_curve(backlog: pd.DataFrame, order: Sequence[str], horizon: int = DEFAULT_HORIZON) -> pd.DataFrame:
    """Cumulative value of ``order`` at every week from 0 to ``horizon``.

    Vectorised: the value earned during week ``w`` is the sum of ``v_i`` over initiatives
    shipped by the start of that week, a cumulative sum of values placed at their ship weeks.

    Returns
    -------
    pandas.DataFrame
        Columns ``week``, ``weekly_value`` (earned during that week),
        ``cumulative_value`` (earned by the end of that week), and ``shipped``: the names
        of initiatives that ship at the end of that week, joined by ", ".
    """
    horizon = check_horizon(horizon)
    weekly, cumulative, shipped = _curve(_Columns.of(backlog), check_order(backlog, order), horizon)
    return pd.DataFrame({"week": np.arange(horizon + 1), "weekly_value": weekly,
                         "cumulative_value": cumulative, "shipped": shipped})


@dataclass(frozen=True)
class _Columns:
    """The backlog's columns as plain arrays, read once per call (pandas indexing costs more
    than the arithmetic at this size)."""

    row: dict
    effort: np.ndarray
    value: np.ndarray
    names: list

    @classmethod
    def of(cls, backlog: pd.DataFrame) -> "_Columns":
        return cls({item: k for k, item in enumerate(backlog["id"])}, backlog["effort_weeks"].to_numpy(dtype=np.int64),
                   backlog["value_per_week"].to_numpy(dtype=float), list(backlog["name"]))


def _curve(columns: _Columns, order: list[str], horizon: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weekly value, cumulative value and names shipped at each week 0..horizon of a valid ``order``.

    Vectorised: the value earned during week ``w`` (from ``w − 1`` to ``w``) is the sum of
    ``v_i`` over initiatives shipped by week ``w − 1``: a cumulative sum of values placed at
    their ship weeks.
    """
    rows = np.fromiter((columns.row[item] for item in order), dtype=np.int64, count=len(order))
    ship = np.cumsum(columns.effort[rows])
    placed = np.bincount(np.minimum(ship + 1, horizon + 1), weights=columns.value[rows],
                         minlength=horizon + 2)[:horizon + 1]
    weekly = np.cumsum(placed)
    cumulative = np.cumsum(weekly)
    shipped = np.full(horizon + 1, "", dtype=object)
    for week, row in zip(ship, rows):
        if week <= horizon:
            name = columns.names[row]
            shipped[week] = f"{shipped[week]}, {name}" if shipped[week] else name
    return weekly, cumulative, shipped


def total_value(backlog: pd.DataFrame, order: Sequence[str], horizon: int = DEFAULT_HORIZON) -> float:
    """Value earned by ``order`` by the end of week ``horizon``."""
    horizon = check_horizon(horizon)
    plan = schedule(backlog, order)
    earning = np.clip(horizon - plan["ship_week"].to_numpy(), 0, None)
    return float((plan["value_per_week"].to_numpy() * earning).sum())


def priority_order(backlog: pd.DataFrame, priority: Iterable) -> list[str]:
    """Work on the highest-priority initiative whose dependencies have shipped, repeatedly.

    ``priority`` holds one comparable value per initiative (numbers, or tuples compared
    element by element). Ties go to the initiative listed first in the backlog. The result
    always respects dependencies.
    """
    ids = list(backlog["id"])
    score = dict(zip(ids, priority))
    deps = dict(zip(ids, backlog["depends_on"]))
    done: list[str] = []
    while len(done) < len(ids):
        ready = [i for i in ids if i not in done and all(d in done for d in deps[i])]
        done.append(max(ready, key=lambda i: (score[i], -ids.index(i))))
    return done


def wsjf_order(backlog: pd.DataFrame) -> list[str]:
    """WSJF / CD3 order: cost of delay (value per week) divided by duration, highest first,
    taking each initiative only once its dependencies have shipped."""
    return priority_order(backlog, cd3(backlog))


def best_order(backlog: pd.DataFrame, horizon: int = DEFAULT_HORIZON) -> list[str]:
    """The order that earns the most by ``horizon`` while respecting dependencies.

    Dynamic programming over subsets: the best value of finishing a set ``S`` first is
    ``f(S) = max_j f(S − j) + v_j max(0, H − T(S))`` over the ``j`` in ``S`` whose
    dependencies lie in ``S − j``, where ``T(S)`` is the total effort of ``S``. Exact, and
    deterministic (ties go to the initiative listed first).

    Raises
    ------
    ValueError
        If the backlog has more than :data:`MAX_EXACT` initiatives, or the horizon is not
        valid (see :func:`check_horizon`).
    """
    horizon = check_horizon(horizon)
    ids = list(backlog["id"])
    n = len(ids)
    if n > MAX_EXACT:
        raise ValueError(f"best_order handles at most {MAX_EXACT} initiatives, got {n}")
    if n == 0:
        return []
    index = {item: i for i, item in enumerate(ids)}
    effort = backlog["effort_weeks"].to_numpy(dtype=float)
    value = backlog["value_per_week"].to_numpy(dtype=float)
    # A set of bits: an id named twice is still one bit.
    need = np.array([functools.reduce(operator.or_, (1 << index[d] for d in deps), 0)
                     for deps in backlog["depends_on"]], dtype=np.int64)
    size = 1 << n
    masks = np.arange(size, dtype=np.int64)
    bits = (masks[:, None] >> np.arange(n)) & 1
    finish = bits @ effort  # T(S) for every subset
    gain_base = np.maximum(0.0, horizon - finish)
    best = np.full(size, -np.inf)
    best[0] = 0.0
    last = np.full(size, -1, dtype=np.int64)
    count = bits.sum(axis=1)
    # Subsets of k items only need subsets of k - 1: one vectorised step per size. Within a
    # step the candidates j are tried in backlog order and a later j must win by more than
    # 1e-12, so ties go to the initiative listed first (as a plain loop over j would).
    for k in range(1, n + 1):
        layer = masks[count == k]
        top = np.full(layer.size, -np.inf)
        choice = np.full(layer.size, -1, dtype=np.int64)
        for j in range(n):
            bit = 1 << j
            has = (layer & bit) != 0
            rest = layer ^ bit
            ok = has & ((need[j] & rest) == need[j])
            prior = best[np.where(ok, rest, 0)]
            candidate = np.where(ok & (prior > -np.inf), prior + value[j] * gain_base[layer], -np.inf)
            better = candidate > top + 1e-12
            top = np.where(better, candidate, top)
            choice = np.where(better, j, choice)
        best[layer], last[layer] = top, choice
    order, mask = [], size - 1
    while mask:
        j = int(last[mask])
        order.append(ids[j])
        mask ^= 1 << j
    return order[::-1]


def _one_kind_at_a_time(backlog: pd.DataFrame) -> list[str]:
    """Finish each kind of work (in :data:`KINDS` order) before the next, biggest value first,
    whatever the values: the priority is the pair (kind, value), compared kind first."""
    rank = backlog["kind"].map({k: -i for i, k in enumerate(KINDS)})
    return priority_order(backlog, zip(rank, backlog["value_per_week"]))


#: Strategies the chapter compares: name -> function(backlog, horizon) -> order.
STRATEGIES: dict[str, Callable[[pd.DataFrame, int], list[str]]] = {
    "Biggest value first": lambda b, h: priority_order(b, b["value_per_week"]),
    "Quickest first": lambda b, h: priority_order(b, -b["effort_weeks"]),
    ONE_KIND: lambda b, h: _one_kind_at_a_time(b),
    WSJF: lambda b, h: wsjf_order(b),
    BEST: best_order,
}
#: Orders a learner can start from in the live exercise: the backlog as listed, or a rule.
STARTS = (AS_LISTED, *[name for name in STRATEGIES if name != BEST])


def strategy_order(backlog: pd.DataFrame, strategy: str, horizon: int = DEFAULT_HORIZON) -> list[str]:
    """The order a named strategy (a key of :data:`STRATEGIES`) picks for ``horizon``."""
    if strategy not in STRATEGIES:
        raise ValueError(f"There is no strategy called {str(strategy)[:40]!r}; choose one of {', '.join(STRATEGIES)}.")
    return STRATEGIES[strategy](backlog, horizon)


def start_order(backlog: pd.DataFrame, start: str, horizon: int = DEFAULT_HORIZON) -> list[str]:
    """The order a learner starts from: one of :data:`STARTS` (the backlog as listed, or a rule).

    Raises
    ------
    ValueError
        For anything else (``None`` included), with a sentence naming the choices.
    """
    if start not in STARTS:
        raise ValueError(f"Start from one of: {', '.join(STARTS)} (not {str(start)[:40]!r}).")
    return list(backlog["id"]) if start == AS_LISTED else strategy_order(backlog, start, horizon)


# --------------------------------------------------------------------------- inputs and words, declared once

#: Exercise 1's inputs: the rule the learner's order starts from, and the weeks counted. Both
#: faces start from one kind at a time over a year; the static face offers :data:`HORIZONS`.
START = Choice("start_from", "Start from", START_STRATEGY, options=STARTS)
HORIZON = Number("horizon", "Horizon", DEFAULT_HORIZON, unit="weeks", low=4, high=104, grid=HORIZONS)
ORDER_INPUTS = (START, HORIZON)
#: The strategy explorer's inputs: a horizon (as above) and a strategy (every rule but the best).
STRATEGY = Choice("strategy", "Strategy", "Biggest value first",
                  options=tuple(name for name in STRATEGIES if name != BEST))

#: The words of an order's verdict, made once: the live face fills them with
#: :func:`~exercises.kit.text.fill`, the static order builder in the page (``vega_sentence``).
ORDER_WORDS = {
    "earns": "Your order earns {total:,.1f} k€ by week {horizon}: {share:.0%} of the best possible.",
    "reference": "The best possible order earns {best:,.1f} k€; WSJF earns {wsjf:,.1f} k€ "
                 "({wsjf_share:.0%} of the best).",
    "no_value": "Your order cannot be scheduled yet, so it has no value: the list below says why.",
    "move": "It cannot be scheduled yet, so it has no value: move one of them.",
    "queue": "Your order: {order}",
    "best_order": "The best order for {horizon} weeks: {order}",
}
#: The best order and what it earns stay folded until the learner asks: both faces' check box.
SHOW_BEST = Flag("show_best", "Show the best order", False)
#: Why an order cannot be scheduled, one template per sort of problem (``item`` and ``need`` are
#: labels such as "G1 (Referral programme)").
PROBLEM_WORDS = {
    "unknown": "'{item}' is not an initiative in this backlog.",
    "repeat": "{item} appears more than once.",
    "missing": "{item} is missing from the order.",
    "broken": "{item} comes before {need}, which it needs first.",
}
#: What the strategy explorer says about the strategy and horizon picked (two lines), before the
#: learner asks for the best order (:data:`SHOW_BEST`, the explorer's own check box).
STRATEGY_WORDS = ("This strategy earns {cumulative_value:,.0f} k€ by week {week}.", "Order: {order}")
#: What it adds once the learner asks for the best: the strategy's share of it, and the best order named.
STRATEGY_BEST_WORDS = ("That is {share_of_best:.0%} of the best possible order, which earns {best_value:,.0f} k€.",
                       "The best order for {week} weeks: {best_order}")
#: The strategy explorer's inputs: a horizon (as above), a strategy (every rule but the best), and
#: the check box that shows the best order (folded at first, as in the order builder).
STRATEGY_INPUTS = (HORIZON, STRATEGY, SHOW_BEST)


@dataclass(frozen=True)
class OrderComparison:
    """The learner's order against WSJF and the best possible order, for one horizon.

    Attributes
    ----------
    horizon : int
    curves : pandas.DataFrame
        Value curves in long form (see :func:`value_curves`); the learner's order is
        left out when it cannot be scheduled.
    totals : dict of str to float
        Value by the horizon of each order shown, by name.
    problems : list of str
        Why the learner's order cannot be scheduled (empty when it can).
    best : list of str
        The best order for this horizon.
    verdict : {"valid", "repeat", "broken"}
        Whether the order can run, and if not, whether it names an initiative twice (and so
        misses another) or only puts one before work it needs.
    words : tuple of str
        What the order builder says about it before the best is shown, filled from
        :data:`ORDER_WORDS` and :data:`PROBLEM_WORDS`: for a valid order what it earns (and
        its share of the best); for a repeat the first repeat and the first missing initiative;
        for a broken dependency the first one and why it has no value; then the order itself.
    reference : str
        What the best order and WSJF earn (:data:`ORDER_WORDS` ``"reference"``).
    best_words : tuple of str
        What is added once the learner asks for the best (:data:`SHOW_BEST`): ``reference``,
        then the best order itself (:data:`ORDER_WORDS` ``"best_order"``).
    """

    horizon: int
    curves: pd.DataFrame
    totals: dict[str, float]
    problems: list[str]
    best: list[str]
    verdict: str = "valid"
    words: tuple[str, ...] = ()
    reference: str = ""
    best_words: tuple[str, ...] = ()

    def share(self, name: str) -> float:
        """Value of the order ``name`` as a fraction of the best (1.0 when the best earns nothing)."""
        best = self.totals[BEST]
        return self.totals[name] / best if best > 0 else 1.0


def compare_orders(backlog: pd.DataFrame, order: Sequence[str], horizon: int = DEFAULT_HORIZON,
                   best: Sequence[str] | None = None) -> OrderComparison:
    """Compare the learner's ``order`` with WSJF and the best order for ``horizon``.

    Parameters
    ----------
    backlog : pandas.DataFrame
    order : sequence of str
        The learner's order (ids; it may be invalid: the problems say why).
    horizon : int
    best : sequence of str, optional
        The best order for this horizon, if the caller already has it (it is the costly part).

    Returns
    -------
    OrderComparison
    """
    horizon = check_horizon(horizon)
    best = list(best) if best is not None else best_order(backlog, horizon)
    found = _problems(backlog, order)
    problems = [text for _kind, text in found]
    orders = ({} if problems else {YOURS: canonical_order(backlog, order)}) | {WSJF: wsjf_order(backlog), BEST: best}
    curves = value_curves(backlog, orders, horizon)
    final = curves[curves["week"] == horizon].set_index("strategy")["cumulative_value"]
    totals = {name: float(final[name]) for name in orders}
    top = totals[BEST]

    def share(total: float) -> float:
        return total / top if top > 0 else 1.0

    reference = fill(ORDER_WORDS["reference"], best=top, wsjf=totals[WSJF], wsjf_share=share(totals[WSJF]))
    queue = fill(ORDER_WORDS["queue"], order=" → ".join(str(item) for item in canonical_order(backlog, order)))
    if not problems:
        verdict = "valid"
        words = (fill(ORDER_WORDS["earns"], total=totals[YOURS], horizon=horizon, share=share(totals[YOURS])),
                 queue)
    else:
        first = {}
        for kind, text in found:
            first.setdefault(kind, text)
        if "broken" not in first or len(first) > 1:
            verdict = "repeat"
            words = tuple(first[kind] for kind in ("unknown", "repeat", "missing") if kind in first) + (queue,)
        else:
            verdict = "broken"
            words = (first["broken"], ORDER_WORDS["move"], queue)
    best_words = (reference, fill(ORDER_WORDS["best_order"], horizon=horizon, order=" → ".join(best)))
    return OrderComparison(horizon, curves, totals, problems, best, verdict, words, reference, best_words)


def strategy_grid(backlog: pd.DataFrame, horizons: Sequence[int] = HORIZONS) -> pd.DataFrame:
    """Every strategy's value curve for every horizon: the data of the static explorer.

    Returns
    -------
    pandas.DataFrame
        Columns ``horizon, strategy, week, cumulative_value, shipped, share_of_best,
        order`` with weeks 0..horizon for each horizon.
    """
    frames = []
    for horizon in map(check_horizon, horizons):
        orders = {name: strategy_order(backlog, name, horizon) for name in STRATEGIES}
        frame = value_curves(backlog, orders, horizon)
        frame.insert(0, "horizon", horizon)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class OrderBuilderData:
    """What the static order builder needs: the page computes a learner's order from it.

    Attributes
    ----------
    items : pandas.DataFrame
        One row per initiative, in backlog order: ``id``, ``label`` ("F1 (Shift swapping)",
        as problems name it), ``option`` (what a menu shows), ``index`` (backlog position),
        ``effort_weeks``, ``value_per_week``, and ``needs_1 .. needs_k`` with
        ``needs_label_1 .. needs_label_k``: the ids it depends on and how problems name them
        (empty strings when it needs fewer than ``k``).
    reference : pandas.DataFrame
        The :func:`strategy_grid` rows of WSJF and the best order.
    totals : dict
        ``{horizon: {WSJF: value, BEST: value}}``, the values the learner's order is held against.
    horizons : tuple of int
    start : list of str
        The order the menus start from.
    """

    items: pd.DataFrame
    reference: pd.DataFrame
    totals: dict[int, dict[str, float]]
    horizons: tuple[int, ...]
    start: list[str]

    @property
    def needs(self) -> int:
        """How many ``needs_`` columns :attr:`items` has (the most dependencies of one initiative)."""
        return sum(1 for column in self.items if column.startswith("needs_label_"))


def order_builder_data(backlog: pd.DataFrame, horizons: Sequence[int] = HORIZONS,
                       start: Sequence[str] | None = None) -> OrderBuilderData:
    """The data of the static order builder, where a reader picks an initiative per position.

    Parameters
    ----------
    backlog : pandas.DataFrame
    horizons : sequence of int
        The horizons the reader can choose between.
    start : sequence of str, optional
        The order the menus start from (default: :data:`START_STRATEGY`'s).
    """
    horizons = tuple(map(check_horizon, horizons))
    start = check_order(backlog, start if start is not None else start_order(backlog, START_STRATEGY))
    labels = dict(zip(backlog["id"], [f"{i} ({n})" for i, n in zip(backlog["id"], backlog["name"])]))
    items = backlog[["id", "effort_weeks", "value_per_week"]].copy()
    items.insert(1, "label", [labels[i] for i in backlog["id"]])
    items.insert(2, "option", [f"{i} · {n}" for i, n in zip(backlog["id"], backlog["name"])])
    items.insert(3, "index", np.arange(len(backlog)))
    most = max((len(deps) for deps in backlog["depends_on"]), default=0)
    for k in range(most):
        needs = [deps[k] if k < len(deps) else "" for deps in backlog["depends_on"]]
        items[f"needs_{k + 1}"] = needs
        items[f"needs_label_{k + 1}"] = [labels.get(d, "") for d in needs]
    grid = strategy_grid(backlog, horizons)
    reference = grid[grid["strategy"].isin([WSJF, BEST])].reset_index(drop=True)
    final = reference[reference["week"] == reference["horizon"]]
    totals = {int(h): {name: float(v) for name, v in zip(rows["strategy"], rows["cumulative_value"])}
              for h, rows in final.groupby("horizon")}
    return OrderBuilderData(items, reference, totals, horizons, start)


def value_curves(backlog: pd.DataFrame, orders: dict[str, Sequence[str]], horizon: int) -> pd.DataFrame:
    """Value curves of several named orders, in long form.

    Returns
    -------
    pandas.DataFrame
        Columns ``strategy``, ``week``, ``cumulative_value``, ``shipped``,
        ``share_of_best`` (value at the horizon as a fraction of the order named
        :data:`BEST`, when there is one) and ``order`` (the ids in order, on the horizon's row).
    """
    horizon = check_horizon(horizon)
    columns = _Columns.of(backlog)
    checked = {name: check_order(backlog, order) for name, order in orders.items()}
    curves = {name: _curve(columns, order, horizon) + (order,) for name, order in checked.items()}
    best = float(curves[BEST][1][-1]) if BEST in curves else None
    weeks = horizon + 1
    share, said = [], []
    for name, (_weekly, cumulative, _shipped, order) in curves.items():
        share.append(np.full(weeks, cumulative[-1] / best if best else np.nan))
        line = np.full(weeks, "", dtype=object)
        line[-1] = " → ".join(order)
        said.append(line)
    return pd.DataFrame({
        "strategy": np.repeat(np.array(list(curves), dtype=object), weeks),
        "week": np.tile(np.arange(weeks), len(curves)),
        "cumulative_value": np.concatenate([c[1] for c in curves.values()]),
        "shipped": np.concatenate([c[2] for c in curves.values()]),
        "share_of_best": np.concatenate(share),
        "order": np.concatenate(said)})


def strategy_words(grid: pd.DataFrame, horizon: int, strategy: str, show_best: bool = False) -> list[str]:
    """What the strategy explorer says for ``strategy`` and ``horizon`` (:data:`STRATEGY_WORDS`,
    filled from the :func:`strategy_grid` row at the horizon), and, when ``show_best``, its share
    of the best order and the best order itself (:data:`STRATEGY_BEST_WORDS`).

    Raises
    ------
    ValueError
        If the grid has no such strategy (or no best order) at that horizon.
    """
    at = grid[(grid["horizon"] == horizon) & (grid["week"] == horizon)]
    rows, best = at[at["strategy"] == strategy], at[at["strategy"] == BEST]
    if rows.empty or best.empty:
        raise ValueError(f"The grid has no {str(strategy)[:40]!r} at a horizon of {str(horizon)[:20]} weeks.")
    row, top = rows.iloc[0], best.iloc[0]
    values = dict(cumulative_value=float(row["cumulative_value"]), week=int(row["week"]),
                  share_of_best=float(row["share_of_best"]), order=row["order"],
                  best_value=float(top["cumulative_value"]), best_order=top["order"])
    return [fill(line, **values) for line in STRATEGY_WORDS + (STRATEGY_BEST_WORDS if show_best else ())]


#: Why one rule beats another on the chapter's backlog, as the discussion of exercise 1 says it
#: (filled by :func:`rule_gap`, from the model's numbers).
RULE_GAP_WORDS = (
    "In the strategy explorer the default rule, {first_lower}, earns {first_total:,.0f} k€ by week {horizon} "
    "and WSJF earns {second_total:,.0f} k€. That is not because it is the better rule: with no dependencies "
    "and a horizon that every initiative reaches, WSJF is the best possible order. Here both rules are blind "
    "to what the {enabler_lower} ({enabler}) unlocks. WSJF does {before} before it: small as they are, they "
    "earn more per week of work than it does. {first_cap} leaves them to the end, because they are "
    "worth little. So the {enabler_lower} ships at week {first_ship} instead of week {second_ship}, and the "
    "{unlocked} it unlocks, {unlocked_value:,.0f} k€ a week together, earn for {gap} more weeks. Neither rule sees the enabler; one simply stumbles on it sooner. "
    "With another backlog WSJF wins.")


def rule_gap(backlog: pd.DataFrame, horizon: int = DEFAULT_HORIZON, first: str = "Biggest value first",
             second: str = WSJF) -> dict:
    """Why one rule beats another on this backlog: what each earns by ``horizon`` and when each
    ships the enabler (the initiative others depend on, unlocking the most value a week).

    Returns
    -------
    dict
        ``first``, ``second`` (the rules' names), ``first_total``, ``second_total`` (k€ by the
        horizon), ``enabler`` and ``enabler_name``, ``first_ship``, ``second_ship`` (the week each
        rule ships it), ``unlocked`` (the names of what it unlocks, joined by " and "),
        ``unlocked_value`` (their value a week), and ``before``: the names of what ``second``
        does before the enabler and ``first`` after it (joined by " and "), and ``words``:
        :data:`RULE_GAP_WORDS` filled.

    Raises
    ------
    ValueError
        For an unknown rule or an impossible horizon; or a backlog where nothing depends on anything.
    """
    horizon = check_horizon(horizon)
    orders = {name: strategy_order(backlog, name, horizon) for name in (first, second)}
    unlocks: dict[str, list[str]] = {}
    for item, deps in zip(backlog["id"], backlog["depends_on"]):
        for dep in deps:
            unlocks.setdefault(dep, []).append(item)
    if not unlocks:
        raise ValueError("Nothing in this backlog depends on anything, so no initiative is an enabler.")
    value = dict(zip(backlog["id"], backlog["value_per_week"]))
    names = dict(zip(backlog["id"], backlog["name"]))
    enabler = max(unlocks, key=lambda item: (sum(value[i] for i in unlocks[item]), -list(backlog["id"]).index(item)))
    ships = {name: dict(zip(*schedule(backlog, order)[["id", "ship_week"]].T.to_numpy())) for name, order in orders.items()}
    a, b = orders[first], orders[second]
    before = [i for i in b[:b.index(enabler)] if a.index(i) > a.index(enabler)]
    label = {i: f"{names[i].lower()} ({i})" for i in names}
    found = {"first": first, "second": second,
            "first_total": total_value(backlog, a, horizon), "second_total": total_value(backlog, b, horizon),
            "enabler": enabler, "enabler_name": names[enabler],
            "first_ship": int(ships[first][enabler]), "second_ship": int(ships[second][enabler]),
            "unlocked": " and ".join(label[i] for i in unlocks[enabler]),
            "unlocked_value": float(sum(value[i] for i in unlocks[enabler])),
            "before": " and ".join(label[i] for i in before), "horizon": horizon}
    found["words"] = fill(RULE_GAP_WORDS, **found, first_lower=first.lower(), first_cap=first[:1].upper() + first[1:].lower(), enabler_lower=names[enabler].lower(),
                          gap=found["second_ship"] - found["first_ship"])
    return found


#: What one kind at a time costs, as the discussion of exercise 1 says it.
ONE_KIND_WORDS = ("Doing every feature first, then every growth item, and so on, earns {total:,.0f} k€ by week "
                  "{horizon}: about {loss:.0f} % less than the best order's {best:,.0f} k€.")


def one_kind_words(backlog: pd.DataFrame, horizon: int = DEFAULT_HORIZON) -> str:
    """:data:`ONE_KIND_WORDS` filled from the model for ``horizon``."""
    total = total_value(backlog, strategy_order(backlog, ONE_KIND, horizon), horizon)
    best = total_value(backlog, best_order(backlog, horizon), horizon)
    return fill(ONE_KIND_WORDS, total=total, horizon=check_horizon(horizon), best=best,
                loss=100 * (1 - total / best) if best > 0 else 0.0)


def ship_weeks(backlog: pd.DataFrame, strategies: Sequence[str] | None = None,
               horizon: int = DEFAULT_HORIZON) -> pd.DataFrame:
    """When each strategy ships each initiative: the numbers behind the strategy explorer's dots.

    Parameters
    ----------
    strategies : sequence of str, optional
        Names of :data:`STRATEGIES` (default: every one the explorer offers, the best left out:
        it stays folded until asked for).

    Returns
    -------
    pandas.DataFrame
        One row per strategy: ``strategy`` and ``ships`` ("G2 week 4, F1 week 7, …", in order).
    """
    names = list(strategies) if strategies is not None else list(STRATEGY.options)
    rows = []
    for name in names:
        plan = schedule(backlog, strategy_order(backlog, name, horizon))
        rows.append({"strategy": name, "ships": ", ".join(f"{i} week {w}" for i, w in zip(plan["id"], plan["ship_week"]))})
    return pd.DataFrame(rows)
