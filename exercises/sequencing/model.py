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

import itertools
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from ..data import Column, DataFileError, Schema, file_label, load_csv

__all__ = [
    "BACKLOG_FILE", "BACKLOG_SCHEMA", "DEFAULT_HORIZON", "KINDS", "MAX_EXACT", "OrderError",
    "RETURNS_FILE", "RETURNS_SCHEMA", "STRATEGIES", "allocation_grid", "allocation_returns",
    "best_order", "canonical_order", "check_order", "compare_orders", "equal_allocation", "leader_allocation",
    "load_backlog", "load_returns", "marginal_returns", "order_problems", "parse_order",
    "priority_order", "rebalance", "schedule", "strategy_grid", "strategy_order",
    "total_value", "value_curve", "value_curves", "wsjf_order",
]

#: The four kinds of work after product-market fit, in the order the book presents them.
KINDS = ("feature", "growth", "scaling", "expansion")
#: Weeks the value of an order is counted over, unless the learner picks another horizon.
DEFAULT_HORIZON = 52
#: Largest backlog the exact optimiser accepts (2^15 subsets).
MAX_EXACT = 15

BACKLOG_FILE = "sequencing_backlog.csv"
RETURNS_FILE = "sequencing_returns.csv"
BACKLOG_SCHEMA = Schema(
    columns=(
        Column("id"),
        Column("name"),
        Column("kind", choices=KINDS),
        Column("effort_weeks", "int", minimum=1, maximum=104),
        Column("value_per_week", "float", minimum=0, maximum=1e6),
        Column("depends_on", required=False),
    ),
    key="id",
    max_rows=MAX_EXACT,
)
RETURNS_SCHEMA = Schema(
    columns=(
        Column("kind", choices=KINDS),
        Column("scale", "float", minimum=0.001, maximum=1e6),
        Column("saturation", "float", minimum=0.001, maximum=1e6),
        Column("label"),
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
        File in ``data/`` (or a path) with the columns of :data:`BACKLOG_SCHEMA`;
        ``depends_on`` lists ids separated by ``;``.

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
    label = file_label(name)
    ids = set(frame["id"])
    deps = []
    for line, (item, raw) in enumerate(zip(frame["id"], frame["depends_on"]), start=2):
        parts = tuple(p.strip() for p in raw.split(";") if p.strip())
        for dep in parts:
            if dep not in ids:
                raise DataFileError(f"{label}, line {line}, column 'depends_on': unknown id {dep!r}")
            if dep == item:
                raise DataFileError(f"{label}, line {line}, column 'depends_on': {item!r} depends on itself")
        deps.append(parts)
    frame["depends_on"] = deps
    cycle = _find_cycle(frame)
    if cycle:
        line = int(frame.index[frame["id"] == cycle[0]][0]) + 2
        raise DataFileError(
            f"{label}, line {line}, column 'depends_on': dependency cycle {' -> '.join(cycle)}")
    return frame


def load_returns(name: str = RETURNS_FILE) -> pd.DataFrame:
    """Load the return curve of each kind of work (one row per kind, all four present)."""
    frame = load_csv(name, RETURNS_SCHEMA)
    missing = [k for k in KINDS if k not in set(frame["kind"])]
    if missing:
        raise DataFileError(f"{file_label(name)}, column 'kind': no row for {missing[0]!r}")
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

    Returns
    -------
    pandas.DataFrame
        Columns ``week``, ``weekly_value`` (earned during that week) and
        ``cumulative_value`` (earned by the end of that week), and ``shipped``: the names
        of initiatives that ship at the end of that week, joined by ", ".
    """
    plan = schedule(backlog, order)
    weeks = np.arange(0, int(horizon) + 1)
    ship = plan["ship_week"].to_numpy()
    value = plan["value_per_week"].to_numpy()
    cumulative = (value[None, :] * np.clip(weeks[:, None] - ship[None, :], 0, None)).sum(axis=1)
    weekly = np.diff(cumulative, prepend=0.0)
    shipped = plan.groupby("ship_week")["name"].agg(", ".join)
    return pd.DataFrame({
        "week": weeks,
        "weekly_value": weekly,
        "cumulative_value": cumulative.astype(float),
        "shipped": [shipped.get(w, "") for w in weeks],
    })


def total_value(backlog: pd.DataFrame, order: Sequence[str], horizon: int = DEFAULT_HORIZON) -> float:
    """Value earned by ``order`` by the end of week ``horizon``."""
    plan = schedule(backlog, order)
    earning = np.clip(horizon - plan["ship_week"].to_numpy(), 0, None)
    return float((plan["value_per_week"].to_numpy() * earning).sum())


def priority_order(backlog: pd.DataFrame, priority: Iterable[float]) -> list[str]:
    """Work on the highest-priority initiative whose dependencies have shipped, repeatedly.

    Ties go to the initiative listed first in the backlog. The result always respects
    dependencies.
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
    return priority_order(backlog, backlog["value_per_week"] / backlog["effort_weeks"])


def best_order(backlog: pd.DataFrame, horizon: int = DEFAULT_HORIZON) -> list[str]:
    """The order that earns the most by ``horizon`` while respecting dependencies.

    Dynamic programming over subsets: the best value of finishing a set ``S`` first is
    ``f(S) = max_j f(S − j) + v_j max(0, H − T(S))`` over the ``j`` in ``S`` whose
    dependencies lie in ``S − j``, where ``T(S)`` is the total effort of ``S``. Exact, and
    deterministic (ties go to the initiative listed first).

    Raises
    ------
    ValueError
        If the backlog has more than :data:`MAX_EXACT` initiatives.
    """
    ids = list(backlog["id"])
    n = len(ids)
    if n > MAX_EXACT:
        raise ValueError(f"best_order handles at most {MAX_EXACT} initiatives, got {n}")
    index = {item: i for i, item in enumerate(ids)}
    effort = backlog["effort_weeks"].to_numpy(dtype=float)
    value = backlog["value_per_week"].to_numpy(dtype=float)
    need = [sum(1 << index[d] for d in deps) for deps in backlog["depends_on"]]
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
    rank = backlog["kind"].map({k: len(KINDS) - i for i, k in enumerate(KINDS)})
    return priority_order(backlog, rank * 1e6 + backlog["value_per_week"])


#: Strategies the static explorer compares: name -> function(backlog, horizon) -> order.
STRATEGIES: dict[str, Callable[[pd.DataFrame, int], list[str]]] = {
    "Biggest value first": lambda b, h: priority_order(b, b["value_per_week"]),
    "Quickest first": lambda b, h: priority_order(b, -b["effort_weeks"]),
    "One kind at a time": lambda b, h: _one_kind_at_a_time(b),
    "WSJF (CD3)": lambda b, h: wsjf_order(b),
    "Best possible": best_order,
}


def strategy_order(backlog: pd.DataFrame, strategy: str, horizon: int = DEFAULT_HORIZON) -> list[str]:
    """The order a named strategy (a key of :data:`STRATEGIES`) picks for ``horizon``."""
    if strategy not in STRATEGIES:
        raise KeyError(f"unknown strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}")
    return STRATEGIES[strategy](backlog, horizon)


def compare_orders(backlog: pd.DataFrame, order: Sequence[str], horizon: int = DEFAULT_HORIZON) -> pd.DataFrame:
    """Value curves of the learner's ``order``, WSJF and the best order, in long form.

    Returns
    -------
    pandas.DataFrame
        Columns ``strategy`` ("Your order", "WSJF (CD3)", "Best possible"), ``week``,
        ``cumulative_value``, ``shipped``, ``share_of_best`` (value at the horizon as a
        fraction of the best order's) and ``order`` (the ids in order, on the horizon's row).
    """
    orders = {"Your order": list(order), "WSJF (CD3)": wsjf_order(backlog),
              "Best possible": best_order(backlog, horizon)}
    return value_curves(backlog, orders, horizon)


def strategy_grid(backlog: pd.DataFrame, horizons: Sequence[int]) -> pd.DataFrame:
    """Every strategy's value curve for every horizon: the data of the static explorer.

    Returns
    -------
    pandas.DataFrame
        Columns ``horizon, strategy, week, cumulative_value, shipped, share_of_best,
        order`` with weeks 0..horizon for each horizon.
    """
    frames = []
    for horizon in horizons:
        orders = {name: strategy_order(backlog, name, horizon) for name in STRATEGIES}
        frame = value_curves(backlog, orders, horizon)
        frame.insert(0, "horizon", int(horizon))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def value_curves(backlog: pd.DataFrame, orders: dict[str, Sequence[str]], horizon: int) -> pd.DataFrame:
    """Value curves of several named orders, in long form (see :func:`compare_orders`).

    ``share_of_best`` is relative to the order named "Best possible" when there is one.
    """
    best = total_value(backlog, orders["Best possible"], horizon) if "Best possible" in orders else None
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


def allocation_returns(returns: pd.DataFrame, allocation: Sequence[float]) -> pd.Series:
    """Weekly return of each kind for ``allocation`` (per cent of capacity, in :data:`KINDS` order)."""
    x = np.asarray(allocation, dtype=float)
    values = returns["scale"].to_numpy() * np.log1p(x / returns["saturation"].to_numpy())
    return pd.Series(values, index=list(returns["kind"]), name="weekly_return")


def marginal_returns(returns: pd.DataFrame, allocation: Sequence[float]) -> pd.Series:
    """Extra weekly return from one more per cent of capacity, per kind: ``a_k / (s_k + x_k)``."""
    x = np.asarray(allocation, dtype=float)
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


def allocation_grid(returns: pd.DataFrame, step: int = 10, capacity: int = 100) -> pd.DataFrame:
    """Weekly returns of every allocation on a ``step`` % grid: the static explorer's data.

    Returns
    -------
    pandas.DataFrame
        One row per allocation: the four shares (columns named after the kinds), the return
        of each kind (``return_<kind>``), ``total_return`` and ``share_of_best`` (the total
        as a fraction of the leader's allocation).
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
    return grid
