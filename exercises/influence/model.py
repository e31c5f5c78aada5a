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

**Who listens to whom, round by round.** :func:`network_cells` gives each pair's share ``b_ij``
in words (:data:`SHARE_WORDS`) and :func:`listener_labels` each leader's threshold in words
(:data:`LISTENER_WORDS`): both faces draw them as a matrix. The ``round`` input (:data:`ROUND`)
shows the cascade after a given round: who is on board by then (:func:`round_status`: a leader
won over by others counts from their ``step``), and :func:`round_words` says who joins in it.

**Obstacles.** :func:`plan_conversations` reads obstacles and owners a learner typed (each
field through :func:`exercises.kit.text.read_text`), groups them by owner and drafts a first
conversation per owner, the owners with most obstacles first. The static face offers the same
rows with an owner menu of the leaders (:func:`owner_menus`) and runs the same rule in the page
on the same words (:data:`OBSTACLE_WORDS`, :data:`CARD_WORDS`, :data:`DRAFT_WORDS`,
:data:`ROW_WORDS`, :data:`READ_WORDS`, each line cut by :func:`wrap`).

**No spoilers.** Greedy's and the best choice are said only once the learner has changed the
menus and ticked :data:`SHOW_BEST` (:func:`best_verdict`, :data:`BEST_WORDS`).

**Inputs and words, declared once.** Each exercise's inputs are declared here
(:data:`CASCADE_INPUTS`, :data:`OBSTACLE_INPUTS` with :data:`CONVERSATION`), and so are the words of its
verdicts (:data:`CASCADE_WORDS`, :data:`ROUND_WORDS`, :data:`JOINS_WORDS`, :data:`OBSTACLE_WORDS`):
the live face fills them with :func:`exercises.kit.text.fill`, the static face in the page with
:func:`exercises.kit.charts.vega_sentence`, choosing among them by a ``verdict`` the model writes.
:func:`cascade_result` and :func:`obstacle_result` are each exercise's one answer per change.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, file_error, file_label, load_csv
from ..kit.inputs import Choice, Flag, Number, Text
from ..kit.text import fill, read_text

__all__ = ["CASCADE_INPUTS", "CASCADE_WORDS", "FIRST_DEFAULT", "GRID_MIDDLE", "JOINS_BY_STATUS", "JOINS_WORDS", "LEADERS_FILE",
           "LEADERS_SCHEMA", "MAX_EXACT", "MENUS", "NETWORK_FILE", "NETWORK_SCHEMA", "NOBODY", "OBSTACLE_FIELDS", "OBSTACLE_INPUTS",
           "OBSTACLE_WORDS", "CONVERSATION", "CARD_WORDS", "DRAFT_WORDS", "FIELD_NAMES", "NOUNS", "READ_WORDS",
           "ROW_WORDS", "STATIC_OBSTACLE_INPUTS", "USE_WORKED", "WRAP", "WRAP_PATTERN", "QUADRANTS", "REPEAT_WORDS", "ROUND", "ROUND_WORDS", "ROWS", "STANCES",
           "STATUSES", "SHOW_BEST", "BEST_WORDS", "WORKED_OBSTACLES", "WORKED_PLAN", "cascade", "cascade_inputs", "cascade_result",
           "best_verdict", "cascade_words", "choice_key", "choice_outcomes", "menu_defaults", "exact_best", "final_set", "gap_words", "greedy", "greedy_gap",
           "joins_verdict", "LISTENER_WORDS", "listener_labels", "load_leaders", "network_cells", "round_words", "SHARE_WORDS", "load_network", "obstacle_result", "outcome_grid", "owner_card", "owner_menus", "as_sentence", "nouns", "static_obstacle_inputs", "wrap",
           "plan_conversations", "quadrant", "round_status", "spread", "weights"]

#: Largest budget the exact search accepts (12 choose 3 = 220 sets).
MAX_EXACT = 3
#: How many "first conversation" menus both faces offer (the exact search's limit).
MENUS = MAX_EXACT
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
    key="id", max_rows=30, unique=("name",))
NETWORK_FILE = "influence_network.csv"
NETWORK_SCHEMA = Schema(
    columns=(Column("listener"), Column("speaker"), Column("weight", "float", minimum=0.01, maximum=100)),
    max_rows=500)
_LEADER_COLUMNS = ("id", "name", "role", "power", "interest", "support", "threshold")
_NETWORK_COLUMNS = ("listener", "speaker", "weight")


# --------------------------------------------------------------------------- loading and checking


def load_leaders(name: str = LEADERS_FILE) -> pd.DataFrame:
    """Load and check the leaders file (a bare name means ``data/``).

    Raises
    ------
    exercises.kit.data.DataFileError
        With the file, line and column of the first problem (ids must differ even ignoring case).
    """
    frame = load_csv(name, LEADERS_SCHEMA)
    frame.attrs.pop("lines", None)
    frame.attrs["file"] = file_label(name)
    return frame


def load_network(name: str = NETWORK_FILE, leaders: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load the listens-to network and check it against the leaders.

    Every listener and speaker must be a leader's id, exactly (``CEO`` is not ``ceo``); nobody
    listens to themself; each pair appears once (a repeated pair would add its weights up).

    Parameters
    ----------
    name : str
        The network file (a bare name means ``data/``).
    leaders : pandas.DataFrame, optional
        The leaders (default: :func:`load_leaders` of the book's file).

    Raises
    ------
    exercises.kit.data.DataFileError
        Naming the network file, the line and the column of the first problem.
    """
    network = load_csv(name, NETWORK_SCHEMA)
    lines = network.attrs.pop("lines")
    leaders = load_leaders() if leaders is None else leaders
    where = leaders.attrs.get("file", "the leaders given")
    ids = [str(i) for i in leaders["id"]]
    known, folded, seen = set(ids), {i.casefold(): i for i in ids}, {}
    for row, line in zip(network.itertuples(), lines):
        for column in ("listener", "speaker"):
            who = getattr(row, column)
            if who not in known:
                twin = folded.get(who.casefold())
                hint = (f"; ids must match exactly: did you mean {twin!r}?" if twin else
                        "; add them there, or remove this line")
                raise file_error(name, f"{who!r} is not a leader in {where}{hint}", line=line, column=column)
        if row.listener == row.speaker:
            raise file_error(name, f"{row.listener!r} listens to themself", line=line, column="speaker")
        pair = (row.listener, row.speaker)
        if pair in seen:
            raise file_error(name, f"{row.listener!r} already listens to {row.speaker!r} on line {seen[pair]}; "
                             "give each pair one weight", line=line, column="speaker")
        seen[pair] = line
    return network


def _numbers(column: pd.Series) -> np.ndarray:
    try:
        return column.to_numpy(dtype=float)
    except (TypeError, ValueError):
        return np.full(len(column), np.nan)


def _check_leaders(leaders) -> None:
    if not isinstance(leaders, pd.DataFrame) or not set(_LEADER_COLUMNS) <= set(leaders.columns):
        raise ValueError(f"the leaders must be a table with the columns {', '.join(_LEADER_COLUMNS)}.")
    if leaders.empty:
        raise ValueError("the leaders table is empty: the cascade needs at least one leader.")
    ids = leaders["id"].tolist()
    if not all(isinstance(i, str) and i for i in ids):
        raise ValueError("every leader needs an id: a non-empty piece of text.")
    if len(set(ids)) != len(ids):
        twin = next(i for k, i in enumerate(ids) if i in ids[:k])
        raise ValueError(f"two leaders share the id {twin!r}.")
    theta = _numbers(leaders["threshold"])
    if not (np.isfinite(theta) & (theta > 0) & (theta <= 1)).all():
        raise ValueError("every threshold must be a number above 0 and at most 1.")


def _check_network(leaders: pd.DataFrame, network) -> None:
    if not isinstance(network, pd.DataFrame) or not set(_NETWORK_COLUMNS) <= set(network.columns):
        raise ValueError(f"the network must be a table with the columns {', '.join(_NETWORK_COLUMNS)}.")
    known = set(leaders["id"].tolist())
    listeners, speakers = network["listener"].tolist(), network["speaker"].tolist()
    for column, values in (("listener", listeners), ("speaker", speakers)):
        strangers = [who for who in values if who not in known]
        if strangers:
            raise ValueError(f"the network's {column} {strangers[0]!r} is not a leader.")
    pairs = list(zip(listeners, speakers))
    if any(a == b for a, b in pairs):
        raise ValueError("a leader in the network listens to themself.")
    if len(set(pairs)) != len(pairs):
        raise ValueError("a pair of leaders appears twice in the network; give each pair one weight.")
    w = _numbers(network["weight"])
    if not (np.isfinite(w) & (w > 0)).all():
        raise ValueError("every weight in the network must be a positive number.")


def _check_company(leaders, network) -> None:
    _check_leaders(leaders)
    _check_network(leaders, network)


def _whole(value, what: str, low: int, high: int | None = None) -> int:
    """``value`` as a whole number from ``low`` to ``high``; a ValueError with a sentence otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)) \
            or not float(value).is_integer():
        raise ValueError(f"{what} must be a whole number, got {value!r}.")
    value = int(value)
    if value < low or (high is not None and value > high):
        top = f" to {high}" if high is not None else " or more"
        raise ValueError(f"{what} must be from {low}{top}, got {value}.")
    return value


def _seeds(leaders: pd.DataFrame, seeds) -> list[str]:
    """The first conversations as a list of ids, each once, in the order given; refused with a sentence."""
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, Iterable):
        raise ValueError("the first conversations must be a list of leaders' ids, not a single value.")
    seeds = list(seeds)
    odd = [s for s in seeds if not isinstance(s, str)]
    if odd:
        raise ValueError(f"a first conversation must be a leader's id, got {odd[0]!r}.")
    unknown = sorted(set(seeds) - set(leaders["id"]))
    if unknown:
        raise ValueError(f"not a leader: {', '.join(unknown)}")
    return list(dict.fromkeys(seeds))


# --------------------------------------------------------------------------- the cascade


def quadrant(power: float, interest: float) -> str:
    """The box of the power–interest grid a leader falls in :cite:p:`mendelow1991`.

    Power and interest (each from 1 to 10) above :data:`GRID_MIDDLE` count as high. The advice
    in each box (manage closely, keep satisfied, keep informed, monitor) is the later writers'
    reading of Mendelow's grid, not his own words.

    Raises
    ------
    ValueError
        When power or interest is not a number from 1 to 10.
    """
    for value, what in ((power, "power"), (interest, "interest")):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 1 <= float(value) <= 10:
            raise ValueError(f"{what} must be a number from 1 to 10, got {value!r}.")
    return QUADRANTS[(float(power) > GRID_MIDDLE, float(interest) > GRID_MIDDLE)]


def weights(leaders: pd.DataFrame, network: pd.DataFrame) -> np.ndarray:
    """The matrix ``b`` (listener rows, speaker columns, leaders' order), each row summing to 1 or 0.

    Raises
    ------
    ValueError
        When the leaders or the network are malformed (see :func:`load_network` for the rules).
    """
    _check_company(leaders, network)
    return _weights(leaders, network)


def _weights(leaders: pd.DataFrame, network: pd.DataFrame) -> np.ndarray:
    index = {who: k for k, who in enumerate(leaders["id"])}
    w = np.zeros((len(index), len(index)))
    w[[index[a] for a in network["listener"]], [index[b] for b in network["speaker"]]] = \
        network["weight"].to_numpy(float)
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
    return (leaders["id"].isin(list(seeds)) | (leaders["support"] == "for")).to_numpy()


def cascade(leaders: pd.DataFrame, network: pd.DataFrame, seeds: Iterable[str]) -> pd.DataFrame:
    """The cascade from the first conversations ``seeds``, person by person.

    Parameters
    ----------
    leaders, network : pandas.DataFrame
        As :func:`load_leaders` and :func:`load_network` give them.
    seeds : iterable of str
        Leaders' ids (a repeat counts once).

    Returns
    -------
    pandas.DataFrame
        The leaders' columns plus ``seed`` (talked to first), ``step`` (when they join: 0 for
        seeds and those already for, -1 for never) and ``joined``.

    Raises
    ------
    ValueError
        For a seed that is not a leader's id (``None`` included), or a malformed company.
    """
    _check_company(leaders, network)
    seeds = _seeds(leaders, seeds)
    step = _steps(_weights(leaders, network), leaders["threshold"].to_numpy(float), _start(leaders, seeds))
    return leaders.assign(seed=leaders["id"].isin(seeds), step=step, joined=step >= 0)


def round_status(frame: pd.DataFrame, shown: int) -> pd.Series:
    """How each person stands after round ``shown`` of a :func:`cascade` (one of :data:`STATUSES`).

    Seeds are "Talked to first", those for the change from the start "Already for", those who
    joined in rounds ``1 .. shown`` "Won over by others", everyone else "Not on board".

    Raises
    ------
    ValueError
        When ``shown`` is not a whole number of at least 0, or ``frame`` lacks ``seed`` and ``step``.
    """
    shown = _whole(shown, "the round shown", 0)
    if not isinstance(frame, pd.DataFrame) or not {"seed", "step"} <= set(frame.columns):
        raise ValueError("round_status needs a cascade frame, with the columns seed and step.")
    status = np.where(frame["seed"], STATUSES[0], np.where(frame["step"] == 0, STATUSES[1], STATUSES[3]))
    status = np.where((frame["step"] >= 1) & (frame["step"] <= shown), STATUSES[2], status)
    return pd.Series(status, index=frame.index, name="status")


def final_set(leaders: pd.DataFrame, network: pd.DataFrame, seeds: Iterable[str]) -> frozenset[str]:
    """Who is on board when the cascade stops (ids); inputs as :func:`cascade`."""
    frame = cascade(leaders, network, seeds)
    return frozenset(frame.loc[frame["joined"], "id"])


def spread(leaders: pd.DataFrame, network: pd.DataFrame, seeds: Iterable[str]) -> int:
    """How many people are on board when the cascade stops; inputs as :func:`cascade`."""
    return len(final_set(leaders, network, seeds))


def _spreader(leaders: pd.DataFrame, network: pd.DataFrame):
    """``reach(seeds)``, the spread, with the company checked once (for searches over many seeds)."""
    _check_company(leaders, network)
    b, theta = _weights(leaders, network), leaders["threshold"].to_numpy(float)
    return lambda seeds: int((_steps(b, theta, _start(leaders, seeds)) >= 0).sum())


def greedy(leaders: pd.DataFrame, network: pd.DataFrame, k: int) -> tuple[str, ...]:
    """Greedy seeding :cite:p:`kempe2003`: ``k`` times, add the person who grows the final set most
    (ties to the earlier row); ``k`` from 0 to the number of leaders.

    Raises
    ------
    ValueError
        When ``k`` is not a whole number from 0 to the number of leaders.
    """
    reach = _spreader(leaders, network)
    k = _whole(k, "the number of first conversations", 0, len(leaders))
    chosen: list[str] = []
    for _ in range(k):
        rest = [who for who in leaders["id"] if who not in chosen]
        chosen.append(max(rest, key=lambda who: reach([*chosen, who])))
    return tuple(chosen)


def exact_best(leaders: pd.DataFrame, network: pd.DataFrame, k: int) -> tuple[str, ...]:
    """The best ``k`` first conversations by trying every set (``k <= MAX_EXACT``; first best wins).

    Raises
    ------
    ValueError
        When ``k`` is not a whole number from 0 to :data:`MAX_EXACT` and the number of leaders.
    """
    if not isinstance(k, bool) and isinstance(k, numbers.Real) and math.isfinite(k) and k > MAX_EXACT:
        raise ValueError(f"the exact search tries every set of at most {MAX_EXACT} people, got k = {k}")
    reach = _spreader(leaders, network)
    k = _whole(k, "the number of first conversations", 0, min(MAX_EXACT, len(leaders)))
    return max(combinations(leaders["id"], k), key=reach)


def greedy_gap(leaders: pd.DataFrame, network: pd.DataFrame, max_k: int = MAX_EXACT) -> pd.DataFrame:
    """Greedy against the exact best for ``k = 1 .. max_k``: columns ``k, greedy, best, greedy_reach,
    best_reach`` (``max_k`` from 0 to :data:`MAX_EXACT` and the number of leaders)."""
    reach = _spreader(leaders, network)
    max_k = _whole(max_k, "the largest number of first conversations", 0, min(MAX_EXACT, len(leaders)))
    rows = []
    for k in range(1, max_k + 1):
        g, e = greedy(leaders, network, k), exact_best(leaders, network, k)
        rows.append({"k": k, "greedy": g, "best": e, "greedy_reach": reach(g), "best_reach": reach(e)})
    return pd.DataFrame(rows, columns=["k", "greedy", "best", "greedy_reach", "best_reach"])


def choice_key(ids: Sequence[str], seeds: Iterable[str]) -> int:
    """The key of a choice of first conversations: the sum of ``2**i`` over the positions ``i`` in
    ``ids`` of the people chosen (so any ids, ``|`` and all, give distinct keys; a repeat counts once).

    Raises
    ------
    ValueError
        When ``ids`` repeat, or a seed is not among them.
    """
    if isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable) or \
            isinstance(seeds, bytes) or not isinstance(seeds, Iterable):
        raise ValueError("a choice needs the list of ids and the list of those chosen.")
    ids = list(ids)
    if not all(isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
        raise ValueError("the ids of a choice must be texts that differ from each other.")
    position = {who: i for i, who in enumerate(ids)}
    chosen = set(seeds) if not isinstance(seeds, str) else {seeds}
    unknown = [who for who in chosen if who not in position]
    if unknown:
        raise ValueError(f"not among the ids: {unknown[0]!r}.")
    return sum(2 ** position[who] for who in chosen)


def outcome_grid(leaders: pd.DataFrame, network: pd.DataFrame, max_k: int = MAX_EXACT) -> pd.DataFrame:
    """Every choice of up to ``max_k`` first conversations, person by person.

    Returns
    -------
    pandas.DataFrame
        One row per choice and person: ``choice`` (:func:`choice_key`), ``size``, the person's
        ``id, name, role, power, interest``, ``seed``, ``step``, and ``reach`` (how many join).
    """
    _check_company(leaders, network)
    max_k = _whole(max_k, "the largest number of first conversations", 0, min(MAX_EXACT, len(leaders)))
    b, theta = _weights(leaders, network), leaders["threshold"].to_numpy(float)
    ids = list(leaders["id"])
    frames = []
    for size in range(max_k + 1):
        for seeds in combinations(ids, size):
            step = _steps(b, theta, _start(leaders, seeds))
            frames.append(pd.DataFrame({
                "choice": choice_key(ids, seeds), "size": size,
                "id": ids, "name": leaders["name"], "role": leaders["role"], "power": leaders["power"],
                "interest": leaders["interest"], "seed": leaders["id"].isin(seeds).to_numpy(), "step": step,
                "reach": int((step >= 0).sum())}))
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- exercise 1's words

#: The words of the cascade's verdict, made once: the live face fills them with
#: :func:`~exercises.kit.text.fill`, the static face in the page, each choice's ``verdict``
#: choosing the lines.
CASCADE_WORDS = {
    "nobody": ("Nobody talked to yet: {reach} of {total} on board, those already for.",
               "Choose a first conversation in the menus."),
    "some": ("You talk first to {chosen}: {reach} of {total} on board after {rounds} {rounds_word}.",
             "Never on board: {out}."),
    "everyone": ("You talk first to {chosen}: {reach} of {total} on board after {rounds} {rounds_word}.",
                 "Everyone is on board."),
}
#: The comparison with greedy and the best choice, after the first line of :data:`CASCADE_WORDS`,
#: by ``best_verdict``: ``none`` (nobody chosen), ``hidden`` (:data:`SHOW_BEST` is off: no spoiler
#: until the learner asks, so the tick box always answers) or ``shown``.
BEST_WORDS = {
    "none": (),
    "hidden": ("Choose, then tick “Show the best” to compare with greedy and the best.",),
    "shown": ("Greedy with {k}: {greedy} → {greedy_reach} on board.",
              "The best {k}: {best} → {best_reach} on board."),
}


def cascade_words(verdict: str, best_verdict: str) -> tuple[str, ...]:
    """The lines (templates) said for a choice: the first line of ``CASCADE_WORDS[verdict]``, then
    ``BEST_WORDS[best_verdict]``, then the rest.

    Raises
    ------
    ValueError
        For a verdict that is not a key of :data:`CASCADE_WORDS` or :data:`BEST_WORDS`.
    """
    if verdict not in CASCADE_WORDS or best_verdict not in BEST_WORDS:
        raise ValueError(f"no words for the verdict {verdict!r} with {best_verdict!r}.")
    head, *rest = CASCADE_WORDS[verdict]
    return (head, *BEST_WORDS[best_verdict], *rest)


def best_verdict(k: int, show_best: bool) -> str:
    """The key of :data:`BEST_WORDS`: ``none`` when nobody is chosen (``k == 0``), ``shown`` once the
    learner has ticked ``show_best``, ``hidden`` before."""
    return "none" if not k else "shown" if show_best else "hidden"
#: Said when a menu repeats a person already chosen.
REPEAT_WORDS = "You chose the same person twice: that is one conversation, not two."
#: The live face's line about the round shown (keys: ``start``, ``one`` joins, ``many`` join).
ROUND_WORDS = {"start": "Round 0: {on_board} on board before anyone talks to anyone else.",
               "one": "Round {shown}: {joined} joins, and {on_board} are on board after it.",
               "many": "Round {shown}: {joined} join, and {on_board} are on board after it."}
#: When a person joins, in a point's tooltip (keys: ``start``, ``round``, ``never``).
JOINS_WORDS = {"start": "From the start", "round": "In round {step}", "never": "Never"}
#: The key of :data:`JOINS_WORDS` for each of :data:`STATUSES` once the cascade has stopped.
JOINS_BY_STATUS = ("start", "start", "round", "never")


def joins_verdict(step: int) -> str:
    """The key of :data:`JOINS_WORDS` for a person who joins at ``step`` (-1: never)."""
    step = _whole(step, "the round someone joins in", -1)
    return "never" if step < 0 else "start" if step == 0 else "round"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def round_words(names: Sequence[str], step: Sequence[int], on_board: Sequence[int], shown: int) -> str:
    """The line of :data:`ROUND_WORDS` about round ``shown`` (at most the last round, ``len(on_board) - 1``):
    who joins in it (``names`` whose ``step`` is ``shown``, "A, B and C") and how many are on board after it.

    Raises
    ------
    ValueError
        When ``shown`` is not a whole number from 0, or the lists do not fit together.
    """
    shown = _whole(shown, "the round shown", 0)
    names, step, on_board = list(names), [int(s) for s in step], [int(c) for c in on_board]
    if len(names) != len(step) or not on_board:
        raise ValueError("round_words needs a name per step and a count per round.")
    shown = min(shown, len(on_board) - 1)
    joined = [name for name, s in zip(names, step) if shown and s == shown]
    kind = "start" if not shown else "one" if len(joined) == 1 else "many"
    return fill(ROUND_WORDS[kind], shown=shown, joined=_and(joined) if joined else "", on_board=on_board[shown])


#: How a row of the network matrix names its leader: their name and threshold, in words.
LISTENER_WORDS = "{name} needs {threshold:.0%}"
#: A cell of the network matrix: the share, in per cent, of what the row's leader hears that comes
#: from the column's leader (:func:`weights`).
SHARE_WORDS = "{share:.0f}"


def listener_labels(leaders: pd.DataFrame) -> list[str]:
    """Each leader's row label in the network matrix (:data:`LISTENER_WORDS`), in leaders' order."""
    _check_leaders(leaders)
    return [fill(LISTENER_WORDS, name=str(n), threshold=float(t))
            for n, t in zip(leaders["name"], _numbers(leaders["threshold"]))]


def network_cells(leaders: pd.DataFrame, network: pd.DataFrame) -> pd.DataFrame:
    """Who listens to whom, as the network matrix draws it: one row per pair with a weight.

    Returns
    -------
    pandas.DataFrame
        ``listener`` and ``speaker`` (ids), ``row`` and ``column`` (their places in the leaders'
        order), ``label`` (the listener's :func:`listener_labels`), ``speaker_name``, ``share``
        (:func:`weights`' ``b``: the part of what the listener hears that comes from the speaker)
        and ``share_words`` (:data:`SHARE_WORDS`, in per cent); rows by listener, then speaker,
        in leaders' order.

    Raises
    ------
    ValueError
        When the leaders or the network are malformed.
    """
    return _cells(leaders, weights(leaders, network))


def _cells(leaders: pd.DataFrame, b: np.ndarray) -> pd.DataFrame:
    ids, names, labels = list(leaders["id"]), [str(n) for n in leaders["name"]], listener_labels(leaders)
    rows, columns = np.nonzero(b)
    return pd.DataFrame({
        "listener": [ids[i] for i in rows], "speaker": [ids[j] for j in columns],
        "row": rows.astype(int), "column": columns.astype(int), "label": [labels[i] for i in rows],
        "speaker_name": [names[j] for j in columns], "share": b[rows, columns],
        "share_words": [fill(SHARE_WORDS, share=100 * float(b[i, j])) for i, j in zip(rows, columns)]})


def _check_gap(leaders: pd.DataFrame, gap) -> None:
    columns = {"k", "greedy", "best", "greedy_reach", "best_reach"}
    if not isinstance(gap, pd.DataFrame) or not columns <= set(gap.columns):
        raise ValueError("the greedy-against-best table must come from greedy_gap (columns "
                         "k, greedy, best, greedy_reach, best_reach).")
    known = set(leaders["id"])
    if any(who not in known for choice in (*gap["greedy"], *gap["best"]) for who in choice):
        raise ValueError("the greedy-against-best table names someone who is not a leader.")


def gap_words(leaders: pd.DataFrame, gap: pd.DataFrame) -> pd.DataFrame:
    """The greedy and best choices of :func:`greedy_gap` as the words say them: one row per ``k``
    (0 included) with ``greedy`` and ``best`` (names, ", " between) and their reaches."""
    _check_leaders(leaders)
    _check_gap(leaders, gap)
    names = dict(zip(leaders["id"], leaders["name"]))
    rows = [{"k": 0, "greedy": "", "greedy_reach": 0, "best": "", "best_reach": 0}]
    rows += [{"k": int(r.k), "greedy": ", ".join(names[w] for w in r.greedy), "greedy_reach": int(r.greedy_reach),
              "best": ", ".join(names[w] for w in r.best), "best_reach": int(r.best_reach)} for r in gap.itertuples()]
    return pd.DataFrame(rows)


def _choice_fields(ids: list[str], names: list[str], step: np.ndarray, seeds: Sequence[str]) -> dict:
    """What the words say about one choice: the fields of :data:`CASCADE_WORDS` and its ``verdict``
    (greedy and best come from :func:`gap_words`)."""
    chosen = set(seeds)
    rounds = max(int(step.max()), 0)  # 0 when nobody is on board at all
    out = [name for name, s in zip(names, step) if s < 0]
    reach = int((step >= 0).sum())
    return {"k": len(chosen), "reach": reach, "total": len(ids), "rounds": rounds,
            "rounds_word": "round" if rounds == 1 else "rounds",
            "chosen": ", ".join(name for who, name in zip(ids, names) if who in chosen),
            "out": ", ".join(out), "verdict": "nobody" if not chosen else "some" if out else "everyone",
            "on_board": [int(((step >= 0) & (step <= t)).sum()) for t in range(rounds + 1)]}


def choice_outcomes(leaders: pd.DataFrame, network: pd.DataFrame, max_k: int = MAX_EXACT) -> pd.DataFrame:
    """Every choice of up to ``max_k`` first conversations, one row each: the static face's data.

    Returns
    -------
    pandas.DataFrame
        ``choice`` (:func:`choice_key`), the fields of :data:`CASCADE_WORDS` (``k, reach, total,
        rounds, rounds_word, chosen, out``) and ``verdict``; ``status`` (per leader, in leaders'
        order, the index in :data:`STATUSES` when the cascade stops; :data:`JOINS_BY_STATUS` gives
        its key of :data:`JOINS_WORDS`), ``step`` (per leader, the round they join, -1 never) and
        ``on_board`` (how many are on board after each round 0 .. ``rounds``).
    """
    _check_company(leaders, network)
    max_k = _whole(max_k, "the largest number of first conversations", 0, min(MAX_EXACT, len(leaders)))
    b, theta = _weights(leaders, network), leaders["threshold"].to_numpy(float)
    ids, names = list(leaders["id"]), list(leaders["name"])
    already = (leaders["support"] == "for").to_numpy()
    rows = []
    for size in range(max_k + 1):
        for seeds in combinations(ids, size):
            seed = np.isin(ids, seeds)
            step = _steps(b, theta, seed | already)
            status = np.where(seed, 0, np.where(step == 0, 1, np.where(step > 0, 2, 3)))
            rows.append({"choice": choice_key(ids, seeds), **_choice_fields(ids, names, step, seeds),
                         "status": status.tolist(), "step": step.tolist()})
    return pd.DataFrame(rows)


#: Whom the first menu starts on, in both faces (when the company has them).
FIRST_DEFAULT = "ceo"
#: The value of a "first conversation" menu with nobody chosen.
NOBODY = ""
#: The check box that shows greedy's and the best choice before the learner has changed the menus.
SHOW_BEST = Flag("show_best", "Show the best", False)


def cascade_inputs(leaders: pd.DataFrame) -> tuple:
    """Exercise 1's inputs, declared once for ``leaders``: :data:`MENUS` menus ``first_1 ..``
    (nobody or a leader; the first starts on :data:`FIRST_DEFAULT`, the others on nobody) and
    the ``round`` shown (the live face's slider, from 0 to the number of leaders, starting at the end)
    and :data:`SHOW_BEST` (off)."""
    _check_leaders(leaders)
    ids = tuple(leaders["id"])
    options = (NOBODY, *ids)
    labels = ("Nobody", *(f"{r.name} ({r.role})" for r in leaders.itertuples()))
    first = FIRST_DEFAULT if FIRST_DEFAULT in ids else ids[0]
    menus = tuple(Choice(f"first_{k}", f"First conversation {k}", first if k == 1 else NOBODY,
                         options=options, labels=labels) for k in range(1, MENUS + 1))
    shown = Number("round", "Show round", len(ids), low=0, high=len(ids))
    return (*menus, shown, SHOW_BEST)


#: Exercise 1's inputs for the book's leaders (see :func:`cascade_inputs`).
CASCADE_INPUTS = cascade_inputs(load_leaders())
#: The round slider of the live face: from 0 (before anyone talks to anyone else) to the last.
ROUND = next(spec for spec in CASCADE_INPUTS if spec.name == "round")


def menu_defaults(leaders: pd.DataFrame) -> list[str]:
    """What the :data:`MENUS` menus hold at first for ``leaders`` (see :func:`cascade_inputs`)."""
    return [spec.default for spec in cascade_inputs(leaders)[:MENUS]]


def cascade_result(leaders: pd.DataFrame, network: pd.DataFrame, gap: pd.DataFrame, menus: Sequence[str],
                   shown: int, show_best: bool = False) -> dict:
    """Exercise 1, once per change: the cascade from the menus' choice, and what to say about it.

    Parameters
    ----------
    leaders, network : pandas.DataFrame
        The company (:func:`load_leaders`, :func:`load_network`).
    gap : pandas.DataFrame
        :func:`greedy_gap` of the company (k = 1 .. :data:`MENUS`).
    menus : sequence of str
        What each menu holds: a leader's id or :data:`NOBODY` (repeats count once).
    shown : int
        The round asked for (the last round if larger).
    show_best : bool
        :data:`SHOW_BEST`: say greedy's and the best choice even before the menus are changed.

    Returns
    -------
    dict
        ``seeds`` (ids, each once, in the menus' order), ``step`` (per leader, as :func:`cascade`), the fields
        of :data:`CASCADE_WORDS` (as :func:`choice_outcomes` writes them) with ``greedy``,
        ``best`` (names) and their reaches, ``best_ids``, ``verdict``, ``attempted`` (the menus differ
        from :func:`menu_defaults`), ``best_verdict`` (:func:`best_verdict`), ``words`` (the lines of
        :func:`cascade_words`, filled), ``repeat`` (a menu repeats someone), ``shown``, ``round_words`` (the line about
        the round shown) and ``chart`` (one frame for the live chart: a row per person, then a
        row per round).
    """
    if isinstance(menus, (str, bytes)) or not isinstance(menus, Iterable):
        raise ValueError("the menus must be a list of leaders' ids or nobody.")
    menus = list(menus)
    if any(m is None for m in menus):
        raise ValueError("a menu holds nobody or a leader's id, never None.")
    _check_company(leaders, network)
    _check_gap(leaders, gap)
    picked = [m for m in menus if m != NOBODY]
    seeds = _seeds(leaders, picked)
    if len(seeds) > MENUS:
        raise ValueError(f"choose at most {MENUS} first conversations.")
    shown = _whole(shown, "the round shown", 0)
    ids, names = leaders["id"].tolist(), leaders["name"].tolist()
    seed = np.isin(ids, seeds)
    b = _weights(leaders, network)
    step = _steps(b, _numbers(leaders["threshold"]), seed | (leaders["support"] == "for").to_numpy())
    fields = _choice_fields(ids, names, step, seeds)
    fields.update(greedy="", greedy_reach=0, best="", best_reach=0)
    best_ids: list[str] = []
    if seeds:
        who = dict(zip(ids, names))
        row = next((r for r in gap.itertuples() if r.k == len(seeds)), None)
        if row is None:
            raise ValueError(f"the greedy-against-best table has no row for {len(seeds)} first conversations.")
        fields.update(greedy=", ".join(who[w] for w in row.greedy), greedy_reach=int(row.greedy_reach),
                      best=", ".join(who[w] for w in row.best), best_reach=int(row.best_reach))
        best_ids = list(row.best)
    if not isinstance(show_best, bool):
        raise ValueError(f"{SHOW_BEST.label} is ticked or not, got {show_best!r}.")
    size = max(len(menus), MENUS)
    attempted = [*menus, *[NOBODY] * (size - len(menus))] != [*menu_defaults(leaders), *[NOBODY] * (size - MENUS)]
    verdict_best = best_verdict(len(seeds), show_best)
    words = [fill(line, **fields) for line in cascade_words(fields["verdict"], verdict_best)]
    shown = min(shown, fields["rounds"])
    said_round = round_words(names, step, fields["on_board"], shown)
    status = np.where(seed, STATUSES[0], np.where(step == 0, STATUSES[1], np.where(
        (step >= 1) & (step <= shown), STATUSES[2], STATUSES[3])))
    n, rounds = len(ids), fields["rounds"] + 1
    on = (step >= 0) & (step <= shown)
    rows, columns = np.nonzero(b)
    labels, e = listener_labels(leaders), len(rows)
    none_r, none_e = [None] * rounds, [None] * e
    # one frame, built at once (a row per person, then per round, then per pair who listen)
    chart = pd.DataFrame({
        "kind": ["person"] * n + ["round"] * rounds + ["edge"] * e,
        "id": ids + none_r + none_e, "name": names + none_r + none_e,
        "role": leaders["role"].tolist() + none_r + none_e,
        "power": _numbers(leaders["power"]).tolist() + none_r + none_e,
        "interest": _numbers(leaders["interest"]).tolist() + none_r + none_e,
        "status": status.tolist() + none_r + none_e,
        "joins": [fill(JOINS_WORDS[joins_verdict(int(s))], step=int(s)) for s in step] + none_r + none_e,
        "round": [-1] * n + list(range(rounds)) + [-1] * e, "on_board": [0] * n + fields["on_board"] + [0] * e,
        "shown": shown,
        "label": labels + none_r + [labels[i] for i in rows],
        "speaker_name": names + none_r + [names[j] for j in columns],
        "share_words": [None] * (n + rounds) + [fill(SHARE_WORDS, share=100 * float(b[i, j])) for i, j in zip(rows, columns)],
        "on": [None] * (n + rounds) + on[columns].tolist()})
    return {**fields, "seeds": tuple(seeds), "step": step.tolist(), "best_ids": best_ids, "attempted": attempted,
            "best_verdict": verdict_best, "words": words,
            "repeat": len(picked) > len(seeds), "shown": shown, "round_words": said_round, "chart": chart}


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
#: Rows of obstacle and owner fields the live obstacles exercise offers.
ROWS = 6
#: Longest obstacle and owner kept.
OBSTACLE_CHARS, OWNER_CHARS = 300, 80
#: Exercise 2's text fields, declared once: an obstacle and its owner per row (``obstacle_1``,
#: ``owner_1``, ...), each empty to start. :data:`OBSTACLE_INPUTS` adds :data:`CONVERSATION`.
OBSTACLE_FIELDS = tuple(field for k in range(1, ROWS + 1) for field in (
    Text(f"obstacle_{k}", f"Obstacle {k}", placeholder="What stands in the way?", max_chars=OBSTACLE_CHARS),
    Text(f"owner_{k}", "Owned by", placeholder="Who could remove it?", max_chars=OWNER_CHARS)))
#: Which conversation of the plan to read, declared once: both faces have this menu (the live face
#: over the learner's plan, the static face over the worked plan's owners).
CONVERSATION = Choice("conversation", "Read conversation", 1, options=tuple(range(1, ROWS + 1)),
                      labels=tuple(f"Conversation {k}" for k in range(1, ROWS + 1)))
#: The summary of exercise 2 (keys: ``empty``, ``plan``; ``beyond`` for a conversation the plan lacks).
OBSTACLE_WORDS = {
    "empty": "0 obstacles listed so far, so conversation {conversation} has no owner yet. Write an obstacle "
             "and who owns it in a row above (press Enter or leave the box).",
    "plan": "{count} {obstacles_word} with {owners} {owners_word}. Talk first to {first}: they own {first_count}.",
    "beyond": "Conversation {conversation} has no owner yet: the plan has {owners} {owners_word} so far.",
}
#: The singular and plural of the nouns the words count.
NOUNS = {"obstacle": ("obstacle", "obstacles"), "owner": ("owner", "owners")}
#: What :func:`owner_card` says of one owner: a heading, a line per obstacle, the draft.
CARD_WORDS = {"heading": "Conversation {order}: {owner}, {count} {obstacles_word}.", "item": "• {obstacle}",
              "draft": "Draft: {draft}"}
#: The drafted first conversation with an owner of one obstacle, or of several; ``{obstacles}`` is
#: each obstacle as a sentence (:func:`as_sentence`), a space between.
DRAFT_WORDS = {
    "one": "Ask {owner} for half an hour. Say what the change is for, and what stands in its way on their side. "
           "{obstacles} Then ask what it would take on their side to remove it, and what they would need from you.",
    "many": "Ask {owner} for half an hour. Say what the change is for, and the {count} things that stand in its way "
            "on their side. {obstacles} Then ask what it would take on their side to remove them, and what they "
            "would need from you.",
}
#: A row that could not be used, and why (the sentences of :data:`READ_WORDS`, a space between).
ROW_WORDS = "Row {row}: {problems}"
#: What :func:`exercises.kit.text.read_text` says of a field, as templates (``what``: :data:`FIELD_NAMES`);
#: a test holds them to read_text's own sentences, which the model uses.
READ_WORDS = {"empty": "Write {what} first: the box is empty.",
              "long": "That is {total:,.0f} characters; keep {what} under {limit:,.0f}. "
                      "Only the first {kept:,.0f} were kept."}
#: How the problems name each field of a row.
FIELD_NAMES = {"obstacle": "the obstacle", "owner": "who owns it"}
#: Width, in characters, of the lines the static face wraps the words into (:func:`wrap`).
WRAP = 64
#: The one rule for wrapping a line (:func:`wrap` in Python; the static face runs the same pattern in
#: the page, with ``$`` for ``\Z``): the longest run of at most ``width`` characters that ends before
#: spaces or at the end, else exactly ``width`` characters (a word longer than a line is cut).
WRAP_PATTERN = "(.{{1,{width}}})(?: +|\\Z)|(.{{{width}}})"


def wrap(line: str, width: int = WRAP) -> list[str]:
    """``line`` cut into lines of at most ``width`` characters (code points) by :data:`WRAP_PATTERN`:
    at spaces (dropped at each cut) where possible; an empty line gives no lines.

    Raises
    ------
    ValueError
        When ``width`` is not a whole number from 1.
    """
    width = _whole(width, "the width of a line", 1)
    pattern = re.compile(WRAP_PATTERN.format(width=width), re.S)
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in pattern.finditer(str(line))]


def nouns(count: int, noun: str) -> str:
    """The singular (for 1) or the plural of ``noun`` (a key of :data:`NOUNS`)."""
    return NOUNS[noun][0 if count == 1 else 1]


def as_sentence(text: str) -> str:
    """``text`` as a sentence of its own: stripped, a capital first letter and a full stop if it
    ends with none of ``. ! ? …``."""
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text[-1:] in ".!?…" else text + "."


def _draft(owner: str, obstacles: list[str]) -> str:
    return fill(DRAFT_WORDS["one" if len(obstacles) == 1 else "many"], owner=owner, count=len(obstacles),
                obstacles=" ".join(as_sentence(o) for o in obstacles))


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
        draft in prose, each obstacle a sentence; escape it before showing it).
    problems : list of str
        One sentence per row that could not be used.

    Raises
    ------
    ValueError
        When ``entries`` is not a sequence of pairs.
    """
    if isinstance(entries, (str, bytes)) or not isinstance(entries, Iterable):
        raise ValueError("the obstacles must be a list of (obstacle, owner) pairs.")
    groups: dict[str, list] = {}
    problems = []
    for n, entry in enumerate(entries, start=1):
        if isinstance(entry, (str, bytes)) or not isinstance(entry, Sequence) or len(entry) != 2:
            raise ValueError(f"row {n} must be a pair: an obstacle and who owns it.")
        obstacle, owner = entry
        if not str(obstacle or "").strip() and not str(owner or "").strip():
            continue
        what, p1 = read_text(obstacle, FIELD_NAMES["obstacle"], max_chars=OBSTACLE_CHARS)
        who, p2 = read_text(owner, FIELD_NAMES["owner"], max_chars=OWNER_CHARS)
        if p1 or p2:
            problems.append(fill(ROW_WORDS, row=n, problems=" ".join(p for p in (p1, p2) if p)))
        if not what or not who:
            continue
        key = " ".join(who.split()).casefold()
        groups.setdefault(key, [" ".join(who.split()), []])[1].append(what)
    rows = sorted(groups.values(), key=lambda g: -len(g[1]))
    plan = pd.DataFrame({
        "order": range(1, len(rows) + 1), "owner": [g[0] for g in rows], "count": [len(g[1]) for g in rows],
        "obstacles": [tuple(g[1]) for g in rows], "conversation": [_draft(g[0], g[1]) for g in rows]})
    return plan, problems


def obstacle_result(entries: Sequence[tuple[object, object]], conversation: int = CONVERSATION.default) -> dict:
    """Exercise 2, once per change: the plan for what the rows hold, and the summary's words.

    Parameters
    ----------
    entries : sequence of (obstacle, owner)
        As :func:`plan_conversations`.
    conversation : int
        Which conversation to read (one of :data:`CONVERSATION`'s options).

    Returns
    -------
    dict
        ``plan`` and ``problems`` (:func:`plan_conversations`), ``count`` (obstacles used),
        ``verdict`` (a key of :data:`OBSTACLE_WORDS`), ``words`` (that line, filled),
        ``conversation`` and ``card`` (:func:`owner_card` of that conversation; the line saying
        it has no owner yet when the plan is shorter; empty for an empty plan).
    """
    conversation = CONVERSATION.check(conversation) if not isinstance(conversation, bool) else None
    if conversation is None:
        raise ValueError(f"{CONVERSATION.label} must be one of {', '.join(map(str, CONVERSATION.options))}.")
    plan, problems = plan_conversations(entries)
    count = int(plan["count"].sum())
    if plan.empty:
        return {"plan": plan, "problems": problems, "count": 0, "verdict": "empty",
                "words": fill(OBSTACLE_WORDS["empty"], conversation=conversation), "conversation": conversation,
                "card": []}
    first = plan.iloc[0]
    words = fill(OBSTACLE_WORDS["plan"], count=count, obstacles_word=nouns(count, "obstacle"),
                 owners=len(plan), owners_word=nouns(len(plan), "owner"), first=first["owner"],
                 first_count=int(first["count"]))
    card = (owner_card(plan.iloc[conversation - 1].to_dict()) if conversation <= len(plan)
            else [fill(OBSTACLE_WORDS["beyond"], conversation=conversation, owners=len(plan),
                       owners_word=nouns(len(plan), "owner"))])
    return {"plan": plan, "problems": problems, "count": count, "verdict": "plan", "words": words,
            "conversation": conversation, "card": card}


def owner_card(row) -> list[str]:
    """What both faces say about one owner of a plan (a row of :func:`plan_conversations`): the
    lines of :data:`CARD_WORDS`, a heading, a line per obstacle and the draft."""
    try:
        count, order, owner = int(row["count"]), int(row["order"]), str(row["owner"])
        obstacles, draft = [str(o) for o in row["obstacles"]], str(row["conversation"])
    except (KeyError, TypeError, ValueError):
        raise ValueError("an owner's card needs a row of plan_conversations (order, owner, count, obstacles, "
                         "conversation).") from None
    return [fill(CARD_WORDS["heading"], order=order, owner=owner, count=count, obstacles_word=nouns(count, "obstacle")),
            *(fill(CARD_WORDS["item"], obstacle=obstacle) for obstacle in obstacles),
            fill(CARD_WORDS["draft"], draft=draft)]


#: The worked plan (:func:`plan_conversations` of :data:`WORKED_OBSTACLES`).
WORKED_PLAN = plan_conversations(WORKED_OBSTACLES)[0]
#: Exercise 2's inputs, declared once: the rows' text fields and the conversation to read.
OBSTACLE_INPUTS = (*OBSTACLE_FIELDS, CONVERSATION)
#: The static face's check box that reads the worked example instead of the rows (the live face's
#: "Use the worked example" button writes it into the rows).
USE_WORKED = Flag("worked", "Read the worked example", False)


def owner_menus(leaders: pd.DataFrame) -> tuple:
    """The static face's owner of each row, declared once for ``leaders``: a menu ``owner_1 ..``
    of nobody (:data:`NOBODY`, the default, as the live face's empty owner box) or a leader's
    role (what the owner box would hold: the worked example's owners are roles), labelled
    with the leader's name.

    Raises
    ------
    ValueError
        When two roles read the same ignoring case and spaces, or a role is too long or empty
        for an owner (the plan would group or refuse them where the menu does not).
    """
    _check_leaders(leaders)
    roles = [str(r) for r in leaders["role"]]
    keys = [" ".join(r.split()).casefold() for r in roles]
    if len(set(keys)) != len(keys) or any(read_text(r, FIELD_NAMES["owner"], OWNER_CHARS) != (r, "") for r in roles):
        raise ValueError("each leader's role must be a different owner of at most "
                         f"{OWNER_CHARS} characters, without spaces at its ends.")
    labels = ("Nobody yet", *(f"{r.role} ({r.name})" for r in leaders.itertuples()))
    return tuple(Choice(f"owner_{k}", "Owned by", NOBODY, options=(NOBODY, *roles), labels=labels)
                 for k in range(1, ROWS + 1))


def static_obstacle_inputs(leaders: pd.DataFrame) -> tuple:
    """Exercise 2's static inputs for ``leaders``: row by row an obstacle (the live face's text
    box, :data:`OBSTACLE_FIELDS`) and its owner (:func:`owner_menus`), then :data:`CONVERSATION`
    and :data:`USE_WORKED`."""
    menus = owner_menus(leaders)
    texts = OBSTACLE_FIELDS[::2]
    return (*(spec for pair in zip(texts, menus) for spec in pair), CONVERSATION, USE_WORKED)


#: Exercise 2's static inputs for the book's leaders (:func:`static_obstacle_inputs`).
STATIC_OBSTACLE_INPUTS = static_obstacle_inputs(load_leaders())
