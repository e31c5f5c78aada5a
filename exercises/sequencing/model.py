"""Sequencing the work that follows product-market fit: the models.

Two small models, pure pandas and numpy, no display.

**Exercise 1: order the backlog.** One team works through the initiatives one at a time, in
the order given. Initiative *i* takes ``e_i`` team-weeks and, once shipped at week ``C_i``
(the sum of the efforts up to and including it), earns ``v_i`` a week until the horizon
``H``. The value of an order by week ``w`` is

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
fine for ``n ≤ 15``).

**Exercise 2: allocate capacity across the four kinds of work.** Giving a share ``x_k``
(per cent of the team's capacity) to kind ``k`` returns ``r_k(x) = a_k ln(1 + x / s_k)``
a week: every extra per cent helps, but less than the one before (diminishing returns).
Each kind's owner, given an equal quarter, makes the most of it; a leader instead moves
capacity until the marginal returns ``a_k / (s_k + x_k)`` are equal wherever capacity is
used, which maximises the total. That is the water-filling solution (Boyd and Vandenberghe
2004, example 5.2): ``x_k = max(0, a_k / λ − s_k)`` with ``λ`` set so the shares sum to 100.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, file_error, load_csv

__all__ = [
    "ALLOCATIONS", "AS_LISTED", "BACKLOG_FILE", "BACKLOG_SCHEMA", "BEST", "DEFAULT_HORIZON", "EQUAL", "HORIZONS",
    "KINDS", "LEADER", "MAX_EXACT", "MAX_HORIZON", "MOVES", "ONE_KIND", "RETURNS_FILE", "RETURNS_SCHEMA", "STARTS",
    "START_STRATEGY", "STRATEGIES", "WSJF", "YOURS", "YOUR_SPLIT", "Advice", "OrderBuilderData", "OrderComparison",
    "OrderError", "allocation_advice", "allocation_grid", "allocation_returns", "allocation_table", "best_order",
    "canonical_order", "cd3", "check_horizon", "check_order", "check_shares", "compare_orders", "equal_allocation",
    "grid_start", "leader_allocation", "leader_moves", "load_backlog", "load_returns", "marginal_returns",
    "order_builder_data", "order_problems", "parse_order", "priority_order", "rebalance", "schedule", "start_order",
    "strategy_grid", "strategy_order", "total_value", "value_curve", "value_curves", "whole_shares", "wsjf_order",
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

#: Names of the capacity splits the chapter compares.
YOUR_SPLIT = "Your split"
EQUAL = "Equal quarters"
LEADER = "Leader's split"

BACKLOG_FILE = "sequencing_backlog.csv"
RETURNS_FILE = "sequencing_returns.csv"
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
RETURNS_SCHEMA = Schema(
    columns=(
        Column("kind", choices=KINDS),
        Column("scale", "float", minimum=0.001, maximum=1e6),
        Column("saturation", "float", minimum=0.001, maximum=1e6),
    ),
    key="kind",
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


def load_returns(name: str = RETURNS_FILE) -> pd.DataFrame:
    """Load the return curve of each kind of work (one row per kind, all four present)."""
    frame = load_csv(name, RETURNS_SCHEMA)
    missing = [k for k in KINDS if k not in set(frame["kind"])]
    if missing:
        raise file_error(name, f"no row for {missing[0]!r}", column="kind")
    return frame.set_index("kind").loc[list(KINDS)].reset_index()


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
    canon = {item.upper(): item for item in backlog["id"]}
    return [canon.get(str(raw).strip().upper(), str(raw).strip()) for raw in order]


def order_problems(backlog: pd.DataFrame, order: Sequence[str], dependencies: bool = True) -> list[str]:
    """Return every reason ``order`` cannot be scheduled, in plain words (empty if valid).

    Checks unknown ids, duplicates and missing initiatives (ids are matched by
    :func:`canonical_order`), then, unless ``dependencies`` is false, broken dependencies: an
    initiative placed before one it depends on.
    """
    names = dict(zip(backlog["id"], backlog["name"]))
    problems, seen = [], {}
    for item in canonical_order(backlog, order):
        if item not in names:
            shown = item if len(item) <= 20 else item[:20] + "…"
            problems.append(f"{shown!r} is not an initiative in this backlog.")
        elif item in seen:
            problems.append(f"{item} ({names[item]}) appears more than once.")
        else:
            seen[item] = len(seen)
    problems += [f"{item} ({names[item]}) is missing from the order." for item in names if item not in seen]
    if dependencies:
        for item, deps in zip(backlog["id"], backlog["depends_on"]):
            for dep in deps:
                if item in seen and dep in seen and seen[dep] > seen[item]:
                    problems.append(
                        f"{item} ({names[item]}) comes before {dep} ({names[dep]}), which it needs first.")
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
    plan = schedule(backlog, order)
    ship = plan["ship_week"].to_numpy()
    value = plan["value_per_week"].to_numpy(dtype=float)
    # rate[w]: value earned during week w (from w - 1 to w) = Σ v_i over ship_i <= w - 1
    placed = np.bincount(np.minimum(ship + 1, horizon + 1), weights=value, minlength=horizon + 2)[:horizon + 1]
    weekly = np.cumsum(placed)
    cumulative = np.cumsum(weekly)
    shipped = np.full(horizon + 1, "", dtype=object)
    for week, name in zip(ship, plan["name"]):
        if week <= horizon:
            shipped[week] = f"{shipped[week]}, {name}" if shipped[week] else name
    return pd.DataFrame({"week": np.arange(horizon + 1), "weekly_value": weekly,
                         "cumulative_value": cumulative, "shipped": shipped})


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
    index = {item: i for i, item in enumerate(ids)}
    effort = backlog["effort_weeks"].to_numpy(dtype=float)
    value = backlog["value_per_week"].to_numpy(dtype=float)
    # A set of bits: an id named twice is still one bit.
    need = [functools.reduce(operator.or_, (1 << index[d] for d in deps), 0) for deps in backlog["depends_on"]]
    size = 1 << n
    masks = np.arange(size)
    bits = (masks[:, None] >> np.arange(n)) & 1
    finish = bits @ effort  # T(S) for every subset
    best = np.full(size, -np.inf)
    best[0] = 0.0
    last = np.full(size, -1, dtype=int)
    for mask in range(1, size):
        gain_base = max(0.0, horizon - finish[mask])
        top, choice = -np.inf, -1
        for j in range(n):
            bit = 1 << j
            rest = mask ^ bit
            if mask & bit and need[j] & rest == need[j] and best[rest] > -np.inf:
                candidate = best[rest] + value[j] * gain_base
                if candidate > top + 1e-12:
                    top, choice = candidate, j
        best[mask], last[mask] = top, choice
    order, mask = [], size - 1
    while mask:
        j = last[mask]
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
        raise KeyError(f"unknown strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}")
    return STRATEGIES[strategy](backlog, horizon)


def start_order(backlog: pd.DataFrame, start: str, horizon: int = DEFAULT_HORIZON) -> list[str]:
    """The order a learner starts from: one of :data:`STARTS` (the backlog as listed, or a rule)."""
    return list(backlog["id"]) if start == AS_LISTED else strategy_order(backlog, start, horizon)


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
    """

    horizon: int
    curves: pd.DataFrame
    totals: dict[str, float]
    problems: list[str]
    best: list[str]

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
    problems = order_problems(backlog, order)
    orders = ({} if problems else {YOURS: canonical_order(backlog, order)}) | {WSJF: wsjf_order(backlog), BEST: best}
    curves = value_curves(backlog, orders, horizon)
    final = curves[curves["week"] == horizon].set_index("strategy")["cumulative_value"]
    return OrderComparison(horizon, curves, {name: float(final[name]) for name in orders}, problems, best)


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
    weeks : pandas.DataFrame
        Every initiative at every week from 0 to the longest horizon (``week``, ``id``,
        ``effort_weeks``, ``value_per_week``): the page sums ``v · max(0, week − ship)``
        over it to draw the learner's curve.
    reference : pandas.DataFrame
        The :func:`strategy_grid` rows of WSJF and the best order.
    totals : dict
        ``{horizon: {WSJF: value, BEST: value}}``, the values the learner's order is held against.
    horizons : tuple of int
    start : list of str
        The order the menus start from.
    """

    items: pd.DataFrame
    weeks: pd.DataFrame
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
    weeks = items[["id", "effort_weeks", "value_per_week"]].merge(
        pd.DataFrame({"week": np.arange(max(horizons) + 1)}), how="cross")[
        ["week", "id", "effort_weeks", "value_per_week"]]
    grid = strategy_grid(backlog, horizons)
    reference = grid[grid["strategy"].isin([WSJF, BEST])].reset_index(drop=True)
    final = reference[reference["week"] == reference["horizon"]]
    totals = {int(h): {name: float(v) for name, v in zip(rows["strategy"], rows["cumulative_value"])}
              for h, rows in final.groupby("horizon")}
    return OrderBuilderData(items, weeks, reference, totals, horizons, start)


def value_curves(backlog: pd.DataFrame, orders: dict[str, Sequence[str]], horizon: int) -> pd.DataFrame:
    """Value curves of several named orders, in long form.

    Returns
    -------
    pandas.DataFrame
        Columns ``strategy``, ``week``, ``cumulative_value``, ``shipped``,
        ``share_of_best`` (value at the horizon as a fraction of the order named
        :data:`BEST`, when there is one) and ``order`` (the ids in order, on the horizon's row).
    """
    best = total_value(backlog, orders[BEST], horizon) if BEST in orders else None
    frames = []
    for name, order in orders.items():
        curve = value_curve(backlog, order, horizon)
        curve.insert(0, "strategy", name)
        final = curve["cumulative_value"].iloc[-1]
        curve["share_of_best"] = final / best if best else np.nan
        curve["order"] = np.where(curve["week"] == horizon, " → ".join(check_order(backlog, order)), "")
        frames.append(curve.drop(columns="weekly_value"))
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- allocation


def check_shares(allocation: Sequence[float]) -> np.ndarray:
    """Return ``allocation`` as an array of one share per kind, or raise ``ValueError`` saying so."""
    x = np.asarray(allocation, dtype=float)
    if x.shape != (len(KINDS),):
        raise ValueError(f"expected {len(KINDS)} shares ({', '.join(KINDS)}), got {x.size}")
    return x


def allocation_returns(returns: pd.DataFrame, allocation: Sequence[float]) -> pd.Series:
    """Weekly return of each kind for ``allocation`` (per cent of capacity, in :data:`KINDS` order)."""
    x = check_shares(allocation)
    values = returns["scale"].to_numpy() * np.log1p(x / returns["saturation"].to_numpy())
    return pd.Series(values, index=list(returns["kind"]), name="weekly_return")


def marginal_returns(returns: pd.DataFrame, allocation: Sequence[float]) -> pd.Series:
    """Extra weekly return from one more per cent of capacity, per kind: ``a_k / (s_k + x_k)``."""
    x = check_shares(allocation)
    values = returns["scale"].to_numpy() / (returns["saturation"].to_numpy() + x)
    return pd.Series(values, index=list(returns["kind"]), name="marginal_return")


def equal_allocation(returns: pd.DataFrame, capacity: float = 100.0) -> np.ndarray:
    """Each kind's owner gets an equal share of capacity."""
    return np.full(len(returns), capacity / len(returns))


def leader_allocation(returns: pd.DataFrame, capacity: float = 100.0) -> np.ndarray:
    """Shares that maximise the total return: equal marginal returns (water-filling).

    ``x_k = max(0, a_k / λ − s_k)``; the kinds in use are found by dropping, one at a time,
    the kind whose share would be negative, which is exact for this family of curves.
    """
    a = returns["scale"].to_numpy(dtype=float)
    s = returns["saturation"].to_numpy(dtype=float)
    active = np.ones(len(a), dtype=bool)
    while True:
        level = (capacity + s[active].sum()) / a[active].sum()  # 1 / λ
        x = np.where(active, a * level - s, 0.0)
        if (x >= -1e-12).all():
            return np.clip(x, 0.0, None)
        active &= x > 0


def rebalance(allocation: Sequence[float], changed: int, value: float, capacity: float = 100.0) -> np.ndarray:
    """Set one share and rescale the others so the shares still sum to ``capacity``.

    The other shares keep their proportions to each other (or share equally if they were
    all zero). ``value`` is clipped to ``[0, capacity]``; non-numbers leave the allocation
    as it was.
    """
    x = np.asarray(allocation, dtype=float).copy()
    try:
        value = float(value)
    except (TypeError, ValueError):
        return x
    if not np.isfinite(value):
        return x
    value = min(max(value, 0.0), capacity)
    others = np.arange(len(x)) != changed
    rest = capacity - value
    weights = np.where(np.isfinite(x[others]), x[others], 0.0).clip(min=0)
    if weights.max() > 0:
        weights = weights / weights.max()  # no overflow, however tiny the shares
    total = weights.sum()
    x[others] = rest * weights / total if total > 0 else rest / others.sum()
    x[changed] = value
    return x


def whole_shares(shares: Sequence[float], capacity: int = 100, keep: int | None = None) -> np.ndarray:
    """Round shares to whole per cents that add up to exactly ``capacity``.

    Largest remainders: each share is rounded down, then the per cents still missing go to
    the shares that lost the most. Negative and non-finite shares count as 0; all zero
    gives equal shares. ``keep`` names a share that is already whole and must not move (the
    slider a learner is holding).

    Returns
    -------
    numpy.ndarray of int
    """
    x = np.asarray(shares, dtype=float)
    x = np.where(np.isfinite(x) & (x > 0), x, 0.0)
    fixed = np.zeros(len(x), dtype=bool)
    whole = np.zeros(len(x), dtype=np.int64)
    if keep is not None:
        fixed[keep] = True
        whole[keep] = int(min(max(round(x[keep]), 0), capacity))
    rest = capacity - whole.sum()
    free = x[~fixed]
    top = free.max() if free.size else 0.0
    scaled = rest * (free / top) / (free / top).sum() if top > 0 else np.full(free.size, rest / max(free.size, 1))
    floor = np.floor(scaled).astype(np.int64)
    missing = rest - floor.sum()
    floor[np.argsort(-(scaled - floor), kind="stable")[:missing]] += 1
    whole[~fixed] = floor
    return whole


@dataclass(frozen=True)
class Advice:
    """Where one more per cent of capacity would earn the most, for a whole-number split.

    Attributes
    ----------
    best : bool
        No move of one per cent from one kind to another earns more: the best whole-number split.
    gain_kind, loss_kind : str
        The kind where one more per cent earns the most, and the kind in use where one per
        cent less costs the least.
    gain, loss : float
        Those two marginal returns (k€ a week per per cent).
    """

    best: bool
    gain_kind: str
    loss_kind: str
    gain: float
    loss: float


def allocation_advice(returns: pd.DataFrame, allocation: Sequence[float]) -> Advice:
    """Advice for the split ``allocation``: which one-per-cent move would earn the most.

    Exact for whole-number shares: it compares the gain of one more per cent in each kind,
    ``r_k(x_k + 1) − r_k(x_k)``, with the loss of one less in each kind in use; the split
    is the best whole-number one when no move gains more than it loses.
    """
    x = check_shares(allocation)
    a, s = returns["scale"].to_numpy(dtype=float), returns["saturation"].to_numpy(dtype=float)
    gain = a * (np.log1p((x + 1) / s) - np.log1p(x / s))
    loss = np.where(x >= 1, a * (np.log1p(x / s) - np.log1p(np.maximum(x - 1, 0) / s)), np.inf)
    up, down = int(np.argmax(gain)), int(np.argmin(loss))
    best = up == down or gain[up] <= loss[down] + 1e-12
    return Advice(bool(best), KINDS[up], KINDS[down], float(gain[up]), float(loss[down]))


#: The splits the live exercise compares with the learner's: name -> function(returns) -> shares.
ALLOCATIONS: dict[str, Callable[[pd.DataFrame], np.ndarray]] = {EQUAL: equal_allocation, LEADER: leader_allocation}


def allocation_table(returns: pd.DataFrame, splits: dict[str, Sequence[float]]) -> pd.DataFrame:
    """Weekly return of each kind under several named splits, in long form (the live chart's data).

    Returns
    -------
    pandas.DataFrame
        Columns ``allocation`` (the split's name), ``kind``, ``share``, ``weekly_return``,
        ``total_return`` (of the split) and ``share_of_best`` (of the leader's split).
    """
    best = allocation_returns(returns, leader_allocation(returns)).sum()
    frames = []
    for label, shares in splits.items():
        values = allocation_returns(returns, shares)
        frames.append(pd.DataFrame({"allocation": label, "kind": list(KINDS), "share": check_shares(shares),
                                    "weekly_return": values.to_numpy(), "total_return": values.sum(),
                                    "share_of_best": values.sum() / best}))
    return pd.concat(frames, ignore_index=True)


#: How a kind's share moves from equal quarters to the leader's split, as the chapter's check words it.
MOVES = ("less", "about the same", "more")


def leader_moves(returns: pd.DataFrame, within: float = 5.0) -> pd.DataFrame:
    """How the leader's split moves each kind's share away from equal quarters.

    Parameters
    ----------
    returns : pandas.DataFrame
    within : float
        Percentage points a share may move and still count as "about the same".

    Returns
    -------
    pandas.DataFrame
        Columns ``kind``, ``equal`` and ``leader`` (shares in per cent), and ``move``: one of
        :data:`MOVES`.
    """
    equal, leader = equal_allocation(returns), leader_allocation(returns)
    move = np.where(leader > equal + within, MOVES[2], np.where(leader < equal - within, MOVES[0], MOVES[1]))
    return pd.DataFrame({"kind": list(KINDS), "equal": equal, "leader": leader, "move": move})


def allocation_grid(returns: pd.DataFrame, step: int = 10, capacity: int = 100) -> pd.DataFrame:
    """Weekly returns of every allocation on a ``step`` % grid: the static explorer's data.

    Returns
    -------
    pandas.DataFrame
        One row per allocation: the four shares (columns named after the kinds), the return
        of each kind (``return_<kind>``), ``total_return``, ``share_of_best`` (the total
        as a fraction of the leader's allocation) and ``best_return`` (the leader's total).
    """
    levels = range(0, capacity + 1, step)
    shares = np.array([combo + (capacity - sum(combo),)
                       for combo in itertools.product(levels, repeat=len(KINDS) - 1)
                       if sum(combo) <= capacity], dtype=float)
    per_kind = returns["scale"].to_numpy() * np.log1p(shares / returns["saturation"].to_numpy())
    best = allocation_returns(returns, leader_allocation(returns, capacity)).sum()
    grid = pd.DataFrame(shares.astype(int), columns=list(KINDS))
    for i, kind in enumerate(KINDS):
        grid[f"return_{kind}"] = per_kind[:, i].round(2)
    grid["total_return"] = per_kind.sum(axis=1).round(2)
    grid["share_of_best"] = (per_kind.sum(axis=1) / best).round(4)
    grid["best_return"] = round(float(best), 2)
    return grid


def grid_start(grid: pd.DataFrame) -> dict[str, int]:
    """The split of ``grid`` nearest equal quarters, where the static explorer starts."""
    shares = grid[list(KINDS)].to_numpy(dtype=float)
    row = int(np.argmin(np.abs(shares - 100 / len(KINDS)).sum(axis=1)))
    return {kind: int(grid[kind].iloc[row]) for kind in KINDS}
