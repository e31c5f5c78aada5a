"""Influence and buy-in: the model. Pure pandas and numpy; no display.

**Stakeholder map.** About twelve functional leaders of a fictional company, each with a
power and an interest score (1 to 10), a current stance and a threshold, and a weighted
"who listens to whom" network. The power–interest grid is the one later writers drew from
Mendelow's work on stakeholder power and dynamism :cite:p:`mendelow1991`.

**Linear threshold cascade** :cite:p:`granovetter1978,kempe2003`. Person ``i`` listens to
speakers ``j`` with weights ``w_ij >= 0``, normalised so each listener's weights sum to 1:
``b_ij = w_ij / sum_j w_ij``. The leaders you talk to first (the seeds ``S``) and those
already for the change are on board at step 0. At each step ``t`` every person not yet on
board joins if

.. math:: \\sum_{j \\in A_{t-1}} b_{ij} \\ge \\theta_i,

where ``A_{t-1}`` is who was on board after step ``t - 1`` and ``theta_i`` the person's
threshold. The cascade stops when a step adds no one (at most ``n`` steps).

Assumptions: thresholds are fixed and known (Kempe et al. draw them at random); nobody
leaves once on board; influence flows only along the listed edges; a first conversation
always wins the person over.

**Choosing whom to talk to.** ``greedy(k)`` adds, ``k`` times, the person who grows the
final set most (ties to the earlier row); ``exact_best(k)`` tries every set of ``k``
(``k <= 3``: at most 220 sets of twelve). With random thresholds the expected spread is
submodular and greedy reaches at least ``1 - 1/e`` of the best :cite:p:`kempe2003`; with
the fixed thresholds here it is not submodular (two people can unlock together what neither
unlocks alone), and greedy can fall short: see :func:`greedy_gap`.

**Obstacles.** :func:`plan_conversations` reads obstacles and owners a learner typed (each
field through :func:`exercises.kit.text.read_text`), groups them by owner and drafts a first
conversation per owner, the owners with most obstacles first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, load_csv
from ..kit.text import read_text

__all__ = ["GRID_MIDDLE", "LEADERS_FILE", "LEADERS_SCHEMA", "MAX_EXACT", "NETWORK_FILE", "NETWORK_SCHEMA",
           "QUADRANTS", "STANCES", "STATUSES", "WORKED_OBSTACLES", "cascade", "choice_key", "choice_outcomes",
           "exact_best", "final_set", "greedy", "greedy_gap", "load_leaders", "load_network", "outcome_grid",
           "plan_conversations", "quadrant", "round_status", "spread", "weights"]

#: Largest budget the exact search accepts (12 choose 3 = 220 sets).
MAX_EXACT = 3
STANCES = ("against", "neutral", "for")
#: Where the power–interest grid splits each axis (the middle of the 1 to 10 scale).
GRID_MIDDLE = 5.5
#: The four boxes of the power–interest grid, keyed by (high power, high interest).
QUADRANTS = {(True, True): "Manage closely", (True, False): "Keep satisfied",
             (False, True): "Keep informed", (False, False): "Monitor"}
#: How a person stands at a given round of the cascade (see :func:`round_status`).
STATUSES = ("Talked to first", "Already for", "Won over by others", "Not on board")
LEADERS_FILE = "influence_leaders.csv"
LEADERS_SCHEMA = Schema(
    columns=(Column("id"), Column("name"), Column("role"),
             Column("power", "float", minimum=1, maximum=10), Column("interest", "float", minimum=1, maximum=10),
             Column("support", choices=STANCES), Column("threshold", "float", minimum=0.01, maximum=1)),
    key="id", max_rows=30)
NETWORK_FILE = "influence_network.csv"
NETWORK_SCHEMA = Schema(
    columns=(Column("listener"), Column("speaker"), Column("weight", "float", minimum=0.01, maximum=100)),
    max_rows=500)


def load_leaders(name: str = LEADERS_FILE) -> pd.DataFrame:
    """Load and check the leaders file (a bare name means ``data/``)."""
    return load_csv(name, LEADERS_SCHEMA)


def load_network(name: str = NETWORK_FILE, leaders: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load the listens-to network; every listener and speaker must be a leader, no self-loops."""
    network = load_csv(name, NETWORK_SCHEMA)
    ids = set((load_leaders() if leaders is None else leaders)["id"])
    for row in network.itertuples():
        for who in (row.listener, row.speaker):
            if who not in ids:
                raise ValueError(f"{name}: {who!r} is not a leader in {LEADERS_FILE}")
        if row.listener == row.speaker:
            raise ValueError(f"{name}: {row.listener!r} listens to themself")
    return network


def quadrant(power: float, interest: float) -> str:
    """The box of the power–interest grid a leader falls in :cite:p:`mendelow1991`.

    Power and interest above :data:`GRID_MIDDLE` count as high. The advice in each box
    (manage closely, keep satisfied, keep informed, monitor) is the later writers' reading
    of Mendelow's grid, not his own words.
    """
    return QUADRANTS[(float(power) > GRID_MIDDLE, float(interest) > GRID_MIDDLE)]


def weights(leaders: pd.DataFrame, network: pd.DataFrame) -> np.ndarray:
    """The matrix ``b`` (listener rows, speaker columns, leaders' order), each row summing to 1 or 0."""
    index = {who: k for k, who in enumerate(leaders["id"])}
    w = np.zeros((len(index), len(index)))
    for row in network.itertuples():
        w[index[row.listener], index[row.speaker]] += row.weight
    total = w.sum(axis=1, keepdims=True)
    return np.divide(w, total, out=np.zeros_like(w), where=total > 0)


def _steps(b: np.ndarray, theta: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Step at which each person joins (-1 for never), from the boolean ``start`` vector."""
    step = np.where(start, 0, -1)
    on = start.copy()
    for t in range(1, len(theta) + 1):
        joins = ~on & (b @ on >= theta - 1e-12)
        if not joins.any():
            break
        step[joins] = t
        on |= joins
    return step


def _start(leaders: pd.DataFrame, seeds: Iterable[str]) -> np.ndarray:
    seeds = set(seeds)
    unknown = seeds - set(leaders["id"])
    if unknown:
        raise ValueError(f"not a leader: {', '.join(sorted(unknown))}")
    return (leaders["id"].isin(seeds) | (leaders["support"] == "for")).to_numpy()


def cascade(leaders: pd.DataFrame, network: pd.DataFrame, seeds: Iterable[str]) -> pd.DataFrame:
    """The cascade from the first conversations ``seeds``, person by person.

    Returns
    -------
    pandas.DataFrame
        The leaders' columns plus ``seed`` (talked to first), ``step`` (when they join: 0 for
        seeds and those already for, -1 for never) and ``joined``.
    """
    seeds = list(seeds)
    step = _steps(weights(leaders, network), leaders["threshold"].to_numpy(float), _start(leaders, seeds))
    return leaders.assign(seed=leaders["id"].isin(seeds), step=step, joined=step >= 0)


def round_status(frame: pd.DataFrame, shown: int) -> pd.Series:
    """How each person stands after round ``shown`` of a :func:`cascade` (one of :data:`STATUSES`).

    Seeds are "Talked to first", those for the change from the start "Already for", those who
    joined in rounds ``1 .. shown`` "Won over by others", everyone else "Not on board".
    """
    status = np.where(frame["seed"], STATUSES[0], np.where(frame["step"] == 0, STATUSES[1], STATUSES[3]))
    status = np.where((frame["step"] >= 1) & (frame["step"] <= int(shown)), STATUSES[2], status)
    return pd.Series(status, index=frame.index, name="status")


def final_set(leaders: pd.DataFrame, network: pd.DataFrame, seeds: Iterable[str]) -> frozenset[str]:
    """Who is on board when the cascade stops."""
    frame = cascade(leaders, network, seeds)
    return frozenset(frame.loc[frame["joined"], "id"])


def spread(leaders: pd.DataFrame, network: pd.DataFrame, seeds: Iterable[str]) -> int:
    """How many people are on board when the cascade stops."""
    return len(final_set(leaders, network, seeds))


def greedy(leaders: pd.DataFrame, network: pd.DataFrame, k: int) -> tuple[str, ...]:
    """Greedy seeding :cite:p:`kempe2003`: ``k`` times, add the person who grows the final set most."""
    chosen: list[str] = []
    for _ in range(min(int(k), len(leaders))):
        rest = [who for who in leaders["id"] if who not in chosen]
        chosen.append(max(rest, key=lambda who: spread(leaders, network, [*chosen, who])))
    return tuple(chosen)


def exact_best(leaders: pd.DataFrame, network: pd.DataFrame, k: int) -> tuple[str, ...]:
    """The best ``k`` first conversations by trying every set (``k <= MAX_EXACT``; first best wins)."""
    if not 0 <= k <= MAX_EXACT:
        raise ValueError(f"the exact search tries every set of at most {MAX_EXACT} people, got k = {k}")
    return max(combinations(leaders["id"], int(k)), key=lambda seeds: spread(leaders, network, seeds))


def greedy_gap(leaders: pd.DataFrame, network: pd.DataFrame, max_k: int = MAX_EXACT) -> pd.DataFrame:
    """Greedy against the exact best for ``k = 1 .. max_k``: columns ``k, greedy, best, greedy_reach, best_reach``."""
    rows = []
    for k in range(1, max_k + 1):
        g, e = greedy(leaders, network, k), exact_best(leaders, network, k)
        rows.append({"k": k, "greedy": g, "best": e, "greedy_reach": spread(leaders, network, g),
                     "best_reach": spread(leaders, network, e)})
    return pd.DataFrame(rows)


def choice_key(ids: Sequence[str], seeds: Iterable[str]) -> str:
    """The key of a choice of first conversations in :func:`outcome_grid`: ``"|a|b|"``, in ``ids`` order."""
    chosen = set(seeds)
    picked = [who for who in ids if who in chosen]
    return "|" + "".join(f"{who}|" for who in picked)


def outcome_grid(leaders: pd.DataFrame, network: pd.DataFrame, max_k: int = MAX_EXACT) -> pd.DataFrame:
    """Every choice of up to ``max_k`` first conversations, person by person: the static face's data.

    Returns
    -------
    pandas.DataFrame
        One row per choice and person: ``members`` (``"|a|b|"``, ids in leaders' order),
        ``size``, the person's ``id, name, role, power, interest``, ``seed``, ``step``, and
        ``reach`` (how many join in that choice).
    """
    b, theta = weights(leaders, network), leaders["threshold"].to_numpy(float)
    ids = list(leaders["id"])
    frames = []
    for size in range(max_k + 1):
        for seeds in combinations(ids, size):
            step = _steps(b, theta, _start(leaders, seeds))
            frames.append(pd.DataFrame({
                "members": choice_key(ids, seeds), "size": size,
                "id": ids, "name": leaders["name"], "role": leaders["role"], "power": leaders["power"],
                "interest": leaders["interest"], "seed": leaders["id"].isin(seeds).to_numpy(), "step": step,
                "reach": int((step >= 0).sum())}))
    return pd.concat(frames, ignore_index=True)


def choice_outcomes(grid: pd.DataFrame) -> pd.DataFrame:
    """One row per choice of :func:`outcome_grid`: ``members, size, reach, rounds, out``.

    ``rounds`` is the last round in which someone joined (0 if nobody did after the start);
    ``out`` the ids who never join, in leaders' order (a tuple).
    """
    rows = []
    for members, group in grid.groupby("members", sort=False):
        rows.append({"members": members, "size": int(group["size"].iloc[0]), "reach": int(group["reach"].iloc[0]),
                     "rounds": int(group["step"].max()), "out": tuple(group.loc[group["step"] < 0, "id"])})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- obstacles

#: A worked example for the page: a platform change and what stands in its way.
WORKED_OBSTACLES = (
    ("Market research is bought per product, so no one owns the cross-product view", "Market intelligence"),
    ("Operations measures teams on uptime only, so nobody gets time to retire old tooling", "Operations"),
    ("Suppliers are locked in yearly contracts that assume the old catalogue", "Supply chain"),
    ("Release trains are planned a quarter ahead with no slack", "Development"),
    ("The on-call rota has no owner for the shared services", "Operations"),
    ("Budgets are approved per project, not per platform", "Finance"),
)


def plan_conversations(entries: Sequence[tuple[object, object]]) -> tuple[pd.DataFrame, list[str]]:
    """Group obstacles by owner and draft the first conversation to have with each owner.

    Parameters
    ----------
    entries : sequence of (obstacle, owner)
        What a learner typed, raw; rows with both fields empty are skipped. Each field is read
        with :func:`exercises.kit.text.read_text`; an owner is matched ignoring case and spaces.

    Returns
    -------
    plan : pandas.DataFrame
        One row per owner, most obstacles first (ties in the order typed): ``order``,
        ``owner``, ``count``, ``obstacles`` (a tuple) and ``conversation`` (a plain-text
        draft; escape it before showing it).
    problems : list of str
        One sentence per row that could not be used.
    """
    groups: dict[str, list] = {}
    problems = []
    for n, (obstacle, owner) in enumerate(entries, start=1):
        if not str(obstacle or "").strip() and not str(owner or "").strip():
            continue
        what, p1 = read_text(obstacle, "the obstacle", max_chars=300)
        who, p2 = read_text(owner, "who owns it", max_chars=80)
        if p1 or p2:
            problems.append(f"Row {n}: " + " ".join(p for p in (p1, p2) if p))
        if not what or not who:
            continue
        key = " ".join(who.split()).casefold()
        groups.setdefault(key, [" ".join(who.split()), []])[1].append(what)
    rows = sorted(groups.values(), key=lambda g: -len(g[1]))
    plan = pd.DataFrame({
        "order": range(1, len(rows) + 1), "owner": [g[0] for g in rows], "count": [len(g[1]) for g in rows],
        "obstacles": [tuple(g[1]) for g in rows], "conversation": [_draft(g[0], g[1]) for g in rows]})
    return plan, problems


def _draft(owner: str, obstacles: list[str]) -> str:
    listed = "; ".join(obstacles)
    more = f"these {len(obstacles)} things stand" if len(obstacles) > 1 else "one thing stands"
    return (f"Ask {owner} for half an hour. Say what the change is for, then that {more} in its way: "
            f"{listed}. Ask what it would take on their side to remove "
            f"{'them' if len(obstacles) > 1 else 'it'}, and what they would need from you.")
