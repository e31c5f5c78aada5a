"""Sequencing, exercise 2: allocate capacity across the four kinds of work. Pure pandas and
numpy; no display.

Giving a share ``x_k`` (per cent of the team's capacity) to kind ``k`` returns
``r_k(x) = a_k ln(1 + x / s_k)`` a week: every extra per cent helps, but less than the one
before (diminishing returns). Each kind's owner, given an equal quarter, makes the most of it;
a leader instead moves capacity until the marginal returns ``a_k / (s_k + x_k)`` are equal
wherever capacity is used, which maximises the total. That is the water-filling solution
(Boyd and Vandenberghe 2004, example 5.2): ``x_k = max(0, a_k / λ − s_k)`` with ``λ`` set so
the shares sum to 100. Assumptions: returns depend only on each kind's own share, the curves
are known, and capacity moves freely between kinds.

The four shares are declared once here (:data:`SPLIT_INPUTS`): the live face has a slider per
kind (whole per cents that always add up to 100), the static face a slider for each of the
first three on :data:`STEP` % steps, expansion taking what is left. The words of the verdicts
are written once (:data:`SPLIT_WORDS`, :data:`ADVICE_WORDS`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, file_error, load_csv
from ..kit.inputs import Flag, Number
from ..kit.text import fill
from .model_order import KINDS

__all__ = [
    "ADVICE_WORDS", "ALLOCATIONS", "BREAKDOWN_WORDS", "LEADER_WORDS", "leader_words", "level_table", "BEST_SPLIT_WORDS", "SHOW_SPLIT", "best_split_words", "EQUAL", "EXPANSION", "FEATURE", "GROWTH", "LEADER", "MOVES", "RETURNS_FILE",
    "RETURNS_SCHEMA", "SCALING", "SPLIT_INPUTS", "SPLIT_WORDS", "STEP", "SUMMARY_WORDS", "YOUR_SPLIT", "Advice",
    "allocation_advice", "allocation_explorer_data", "allocation_grid", "allocation_returns", "allocation_table",
    "allocation_verdicts", "check_shares", "check_split", "equal_allocation", "grid_start", "leader_allocation",
    "leader_moves", "load_returns", "marginal_returns", "rebalance", "split", "split_key", "split_verdict",
    "split_words", "whole_shares",
]


#: Names of the capacity splits the chapter compares.
YOUR_SPLIT = "Your split"
EQUAL = "Equal quarters"
LEADER = "Leader's split"

#: Per cents of capacity between two values the static explorer offers: 5, so equal quarters
#: (25 each) and a split close to the leader's (5, 25, 15, 55) can both be set there.
STEP = 5
_GRID = tuple(range(0, 101, STEP))
#: Exercise 2's inputs, declared once: a share of capacity per kind of work, in whole per cents,
#: starting at equal quarters on both faces. The live sliders move by 1 %; the static face offers
#: every :data:`STEP` % (its grid) for the first three, expansion taking what is left.
FEATURE = Number("feature", "Feature", 25, unit="%", low=0, high=100, step=1, grid=_GRID)
GROWTH = Number("growth", "Growth", 25, unit="%", low=0, high=100, step=1, grid=_GRID)
SCALING = Number("scaling", "Scaling", 25, unit="%", low=0, high=100, step=1, grid=_GRID)
EXPANSION = Number("expansion", "Expansion", 25, unit="%", low=0, high=100, step=1, grid=_GRID)
SPLIT_INPUTS = (FEATURE, GROWTH, SCALING, EXPANSION)

#: The static explorer's verdict, made once, chosen in the page by the ``verdict`` column the
#: model writes (:func:`allocation_verdicts`): the first three shares fit in 100 %, or not.
SPLIT_WORDS = {
    "fits": ("Expansion gets the remaining {expansion:.0f}%.",
             "This split earns {total_return:,.1f} k€ a week: {share_of_best:.0%} of the best split."),
    "over": ("These three shares add up to more than 100%. Lower one of them.",),
}
#: The best split, in words, once the learner asks for it (:data:`SHOW_SPLIT`).
BEST_SPLIT_WORDS = ("The leader's split: feature {feature:.0f}%, growth {growth:.0f}%, scaling {scaling:.0f}%, "
                    "expansion {expansion:.0f}%. It earns {best_return:,.1f} k€ a week (dashed line).")
#: The best split stays folded until the learner asks: both faces' check box (off at first).
SHOW_SPLIT = Flag("show_split", "Show the leader's split", False)
#: The live face's summary of the learner's split.
SUMMARY_WORDS = "Your split earns {total_return:,.1f} k€ a week: {share_of_best:.0%} of the best split."
#: What each kind earns in the learner's split, said under the bars (the bars' hover, in words).
BREAKDOWN_WORDS = ("Each week: feature {feature:,.1f} k€ ({feature_share:.0f} %), growth {growth:,.1f} k€ ({growth_share:.0f} %), "
                   "scaling {scaling:,.1f} k€ ({scaling_share:.0f} %), expansion {expansion:,.1f} k€ ({expansion_share:.0f} %).")
#: The live face's advice (:func:`allocation_advice`): the split is the best, or a move earns more.
ADVICE_WORDS = {
    "best": "No move of one per cent from one kind to another earns more: that is the best split.",
    "move": "One more per cent of capacity returns {gain:.2f} k€ a week in {gain_kind} work; one less costs "
            "only {loss:.2f} in {loss_kind} work: moving capacity from {loss_kind} to {gain_kind} earns more.",
}

RETURNS_FILE = "sequencing_returns.csv"
RETURNS_SCHEMA = Schema(
    columns=(
        Column("kind", choices=KINDS),
        Column("scale", "float", minimum=0.001, maximum=1e6),
        Column("saturation", "float", minimum=0.001, maximum=1e6),
    ),
    key="kind",
)



def load_returns(name: str = RETURNS_FILE) -> pd.DataFrame:
    """Load the return curve of each kind of work (one row per kind, all four present)."""
    frame = load_csv(name, RETURNS_SCHEMA)
    missing = [k for k in KINDS if k not in set(frame["kind"])]
    if missing:
        raise file_error(name, f"no row for {missing[0]!r}", column="kind")
    return frame.set_index("kind").loc[list(KINDS)].reset_index()


# --------------------------------------------------------------------------- allocation


def check_shares(allocation: Sequence[float]) -> np.ndarray:
    """Return ``allocation`` as an array of one share per kind, or raise ``ValueError`` saying so
    (any numbers: :func:`whole_shares` makes them a split)."""
    try:
        x = np.asarray(allocation, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"expected {len(KINDS)} shares ({', '.join(KINDS)}) as numbers") from None
    if x.shape != (len(KINDS),):
        raise ValueError(f"expected {len(KINDS)} shares ({', '.join(KINDS)}), got {x.size}")
    return x


def check_split(allocation: Sequence[float]) -> np.ndarray:
    """:func:`check_shares`, and every share a finite number of per cents, zero or more.

    Raises
    ------
    ValueError
        With a sentence naming the first share that is not.
    """
    x = check_shares(allocation)
    bad = ~(np.isfinite(x) & (x >= 0))
    if bad.any():
        kind = KINDS[int(np.argmax(bad))]
        raise ValueError(f"The share of {kind} work must be a finite number of per cents, zero or more, "
                         f"not {x[bad][0]}.")
    return x


def _check_capacity(capacity) -> float:
    try:
        value = float(capacity)
    except (TypeError, ValueError):
        value = float("nan")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"The capacity to split must be a positive number of per cents, not {str(capacity)[:40]}.")
    return value


def allocation_returns(returns: pd.DataFrame, allocation: Sequence[float]) -> pd.Series:
    """Weekly return of each kind for ``allocation`` (per cent of capacity, in :data:`KINDS` order)."""
    x = check_split(allocation)
    values = returns["scale"].to_numpy() * np.log1p(x / returns["saturation"].to_numpy())
    return pd.Series(values, index=list(returns["kind"]), name="weekly_return")


def marginal_returns(returns: pd.DataFrame, allocation: Sequence[float]) -> pd.Series:
    """Extra weekly return from one more per cent of capacity, per kind: ``a_k / (s_k + x_k)``."""
    x = check_split(allocation)
    values = returns["scale"].to_numpy() / (returns["saturation"].to_numpy() + x)
    return pd.Series(values, index=list(returns["kind"]), name="marginal_return")


def equal_allocation(returns: pd.DataFrame, capacity: float = 100.0) -> np.ndarray:
    """Each kind's owner gets an equal share of capacity."""
    capacity = _check_capacity(capacity)
    return np.full(len(returns), capacity / len(returns))


def leader_allocation(returns: pd.DataFrame, capacity: float = 100.0) -> np.ndarray:
    """Shares that maximise the total return: equal marginal returns (water-filling).

    ``x_k = max(0, a_k / λ − s_k)``; the kinds in use are found by dropping, one at a time,
    the kind whose share would be negative, which is exact for this family of curves.
    """
    capacity = _check_capacity(capacity)
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
    x = check_split(allocation)
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


def allocation_grid(returns: pd.DataFrame, step: int = STEP, capacity: int = 100) -> pd.DataFrame:
    """Weekly returns of every allocation on a ``step`` % grid: the static explorer's data.

    Returns
    -------
    pandas.DataFrame
        One row per allocation: the four shares (columns named after the kinds), the return
        of each kind (``return_<kind>``), ``total_return``, ``share_of_best`` (the total
        as a fraction of the leader's allocation) and ``best_return`` (the leader's total).
    """
    if not (isinstance(step, (int, np.integer)) and 1 <= step <= capacity):
        raise ValueError(f"The grid's step must be a whole number of per cents from 1 to {capacity}, not {step}.")
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


# --------------------------------------------------------------------------- one result per change


def _totals(returns: pd.DataFrame, shares: np.ndarray) -> tuple[float, float]:
    """Total weekly return of ``shares`` and its share of the leader's, rounded as the static
    explorer's grid holds them (k€ to 0.01, the share to 0.0001), so both faces say the same."""
    per_kind = returns["scale"].to_numpy() * np.log1p(shares / returns["saturation"].to_numpy())
    best = allocation_returns(returns, leader_allocation(returns)).sum()
    total = per_kind.sum()
    return float(np.round(total, 2)), float(np.round(total / best, 4))


def split(returns: pd.DataFrame, shares: Sequence[float], show_leader: bool = False) -> dict:
    """Exercise 2 live, once per change: what the split ``shares`` earns and what to move.

    Parameters
    ----------
    returns : pandas.DataFrame
        Output of :func:`load_returns`.
    shares : sequence of float
        One share per kind (per cent of capacity, finite, zero or more).
    show_leader : bool
        Add the leader's split to the table (the learner asked to see it).

    Returns
    -------
    dict
        ``table`` (:func:`allocation_table` of your split, equal quarters and, if asked, the
        leader's), ``shares``, ``total_return`` (k€ a week), ``share_of_best``, ``advice``
        (:class:`Advice`) and ``words``: two sentences, from :data:`SUMMARY_WORDS` and
        :data:`ADVICE_WORDS`; ``breakdown``: what each kind earns at its share, in words
        (:data:`BREAKDOWN_WORDS`).

    Raises
    ------
    ValueError
        For a share that is not a finite number of per cents, zero or more, or not four shares.
    """
    x = check_split(shares)
    splits = {YOUR_SPLIT: x, EQUAL: equal_allocation(returns)}
    if show_leader:
        splits[LEADER] = leader_allocation(returns)
    total, share = _totals(returns, x)
    advice = allocation_advice(returns, x)
    hint = (ADVICE_WORDS["best"] if advice.best else
            fill(ADVICE_WORDS["move"], gain=advice.gain, loss=advice.loss, gain_kind=advice.gain_kind,
                 loss_kind=advice.loss_kind))
    return {"table": allocation_table(returns, splits), "shares": x, "total_return": total, "share_of_best": share,
            "advice": advice, "words": (fill(SUMMARY_WORDS, total_return=total, share_of_best=share), hint),
            "breakdown": fill(BREAKDOWN_WORDS, **dict(zip(KINDS, allocation_returns(returns, x))),
                              **{f"{kind}_share": share for kind, share in zip(KINDS, x)})}


def split_verdict(feature: float, growth: float, scaling: float) -> str:
    """The static explorer's verdict on its three sliders: ``"fits"`` when they add up to 100 %
    or less (expansion gets the rest), ``"over"`` when they add up to more."""
    return "fits" if feature + growth + scaling <= 100 else "over"


def best_split_words(returns: pd.DataFrame) -> str:
    """The leader's split and what it earns (:data:`BEST_SPLIT_WORDS`, filled)."""
    best = leader_allocation(returns)
    total = allocation_returns(returns, best).sum()
    return fill(BEST_SPLIT_WORDS, **dict(zip(KINDS, best)), best_return=round(float(total), 2))


def split_words(returns: pd.DataFrame, feature: float, growth: float, scaling: float,
                show_split: bool = False) -> list[str]:
    """What the static explorer says for its three sliders (:data:`SPLIT_WORDS`, filled), and
    the leader's split (:func:`best_split_words`) when ``show_split``.

    Raises
    ------
    ValueError
        For a share that is not a finite number of per cents from 0 to 100.
    """
    three = np.array([feature, growth, scaling], dtype=float)
    if not (np.isfinite(three).all() and (three >= 0).all() and (three <= 100).all()):
        raise ValueError("Each of the three shares must be a finite number of per cents from 0 to 100.")
    verdict = split_verdict(*three)
    best = [best_split_words(returns)] if show_split else []
    if verdict == "over":
        return list(SPLIT_WORDS["over"]) + best
    expansion = 100 - three.sum()
    total, share = _totals(returns, np.append(three, expansion))
    return [fill(line, expansion=expansion, total_return=total, share_of_best=share)
            for line in SPLIT_WORDS["fits"]] + best


def split_key(feature, growth, scaling):
    """The key of a split of the first three shares in :func:`allocation_explorer_data`:
    ``feature·10⁶ + growth·10³ + scaling`` (each share 0 to 100, so keys never collide)."""
    return feature * 1_000_000 + growth * 1_000 + scaling


def allocation_verdicts(returns: pd.DataFrame, step: int = STEP) -> pd.DataFrame:
    """The static explorer's verdict for every sum of its three sliders (0 to 300 by ``step``).

    Returns
    -------
    pandas.DataFrame
        Columns ``given`` (the three shares' sum), ``verdict`` (:func:`split_verdict`),
        ``expansion`` (what is left, 0 when over), ``best_return`` (the leader's total) and
        ``best_words`` (:func:`best_split_words`, shown once asked for).
    """
    given = np.arange(0, 3 * 100 + 1, step)
    best = allocation_returns(returns, leader_allocation(returns)).sum()
    return pd.DataFrame({"given": given, "verdict": [split_verdict(g, 0, 0) for g in given],
                         "expansion": np.maximum(0, 100 - given), "best_return": round(float(best), 2),
                         "best_words": best_split_words(returns)})


def allocation_explorer_data(returns: pd.DataFrame, step: int = STEP) -> dict[str, pd.DataFrame]:
    """Everything the static capacity explorer shows, precomputed (its page only picks rows).

    Returns
    -------
    dict of pandas.DataFrame
        ``levels``: each kind's weekly return at each share of the grid (``kind``, ``share``,
        ``weekly_return``); ``splits``: for every split on the grid, its :func:`split_key`
        (``at``), what it earns (``earns``, k€ a week) and its ``share`` of the best (rounded as
        :func:`split_words` rounds them; short names keep the page small);
        ``verdicts``: :func:`allocation_verdicts`.
    """
    grid = allocation_grid(returns, step=step)
    shares = np.array(range(0, 101, step), dtype=float)
    per_kind = returns["scale"].to_numpy()[:, None] * np.log1p(shares[None, :] / returns["saturation"].to_numpy()[:, None])
    levels = pd.DataFrame({"kind": np.repeat(list(KINDS), len(shares)), "share": np.tile(shares.astype(int), len(KINDS)),
                           "weekly_return": per_kind.ravel().round(3)})
    splits = pd.DataFrame({"at": split_key(grid["feature"], grid["growth"], grid["scaling"]),
                           "earns": grid["total_return"], "share": grid["share_of_best"]})
    return {"levels": levels, "splits": splits, "verdicts": allocation_verdicts(returns, step)}


#: The leader's split against equal quarters, as the discussion of exercise 2 says it.
LEADER_WORDS = ("The leader's split gives roughly {feature:.0f} % to feature work, {growth:.0f} % to growth, "
                "{scaling:.0f} % to scaling and {expansion:.0f} % to expansion, and earns about {gain:.0f} % more "
                "each week than equal quarters ({best:,.1f} against {equal:,.1f} k€), with the same people.")


def leader_words(returns: pd.DataFrame) -> str:
    """:data:`LEADER_WORDS` filled from the model: the leader's shares and what they earn over equal quarters."""
    best = allocation_returns(returns, leader_allocation(returns)).sum()
    equal = allocation_returns(returns, equal_allocation(returns)).sum()
    return fill(LEADER_WORDS, **dict(zip(KINDS, leader_allocation(returns))), gain=100 * (best / equal - 1),
                best=float(best), equal=float(equal))


def level_table(returns: pd.DataFrame, step: int = STEP) -> pd.DataFrame:
    """What each kind of work returns at each share of the static explorer's grid (k€ a week):
    one row per share (``share``), one column per kind; the numbers behind the capacity explorer's bars."""
    levels = allocation_explorer_data(returns, step)["levels"]
    table = levels.pivot(index="share", columns="kind", values="weekly_return")[list(KINDS)].round(1)
    return table.reset_index()
