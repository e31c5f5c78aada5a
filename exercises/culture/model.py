"""Culture change through consistency: the model. Pure pandas and numpy; no display.

A team of people hears a fixed budget of ``B`` conversations about a new norm over 52 weeks.
A schedule puts a dose ``s_t`` of conversations in each week ``t`` (``sum s_t = B``). Each
person's exposure decays each week by a factor ``d = 2^(-1/h)`` (exponential forgetting with a
half-life of ``h`` weeks; ``h = inf`` means no forgetting) and grows by the week's dose and by
what peers say:

.. math:: E_t = d \\, E_{t-1} + s_t + p \\, A_{t-1}, \\qquad E_{-1} = 0,\\ A_{-1} = 0.

Person ``i`` holds the new norm in week ``t`` while ``E_t >= theta_i`` (a threshold model in the
spirit of Granovetter, 1978, and of Centola, 2018, who shows that norms need repeated
reinforcement, not one exposure). Adoption ``A_t`` is the share of people holding the norm.

**Peers** (the people are the roots of culture: a norm passes person to person). ``p`` is how
many conversations' worth of the norm a person hears from peers in a week when *everyone* holds
it; with a share ``A`` holding it, they hear ``p A`` (well mixed: everyone talks with everyone
alike, the imitation term of Bass, 1969, applied to exposure). Peer conversations fade as the
leader's do. Because a person needs several exposures to cross a threshold (complex contagion,
Centola, 2018), peers alone cannot start the norm (``A = 0`` stays 0) but can keep it going: a
norm everyone holds keeps itself with no further conversation from the leader once
``p >= theta_max (1 - d)`` (:func:`tipping`; ``0.634`` a week for a half-life of 4 weeks and
thresholds up to 3.985). ``p = 0`` is the model without peers exactly (the same arithmetic).

Two schedules spend the same budget: **even** spreads it over all 52 weeks (``B / 52`` a week,
one conversation every ``52 / B`` weeks on average); **burst** spends it in the first ``b`` weeks
(``B / b`` a week). Assumptions: everyone hears every conversation; exposure is the same for
everyone (only thresholds differ); thresholds are 100 people evenly spread from 1 to 4
conversations' worth of exposure (the chapter's people file); peers influence each other only
through ``p`` (no network structure).

Two measures compare the schedules: who is ahead **at week 52** (:func:`winner`: what is still
held at the end), and **weeks of adoption** (:func:`weeks_held`: the area under the adoption
curve, the weeks a person holds the norm on average over the year).

What follows exactly, without peers: with no decay, ``E_52 = B`` under both schedules, so they
tie at week 52 and the burst is ahead or level every week before. With decay, the even spread's
exposure at week 52 is at least the burst's (the burst's conversations are the oldest), so the
burst is never ahead at week 52: the even spread is ahead when a threshold falls between the two
exposures, and they tie otherwise (both above every threshold, as ``compare(200, 1, 52, theta)``
ties at 100 %, or both below every threshold, a tie at 0 %, where the burst still had its weeks).
"""

from __future__ import annotations

import bisect
import functools
import math
import numbers

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, load_csv
from ..kit.inputs import Choice, Number
from ..kit.text import fill

__all__ = ["BUDGET", "BURST", "CADENCE_INPUTS", "CADENCE_WORDS", "FOLDED_WORDS", "GUESS", "GUESS_NAMES", "GUESS_WORDS", "HALF_LIFE", "NEVER", "PEOPLE_FILE",
           "PEOPLE_SCHEMA", "SCHEDULES", "WEEKS", "WEEKS_WORDS", "PEER", "PEER_BUDGET", "PEER_HALF_LIFE", "PEER_INPUTS",
           "PEER_WORDS", "PEER_GUESS", "PEER_GUESS_NAMES", "PEER_FOLDED", "adoption", "cadence", "compare", "forgetting", "grid", "folded", "load_people", "peers",
           "peer_grid", "schedule", "thresholds", "tipping", "tally", "weeks_held", "winner"]

#: Weeks in the year the chapter looks at.
WEEKS = 52
#: The two schedules, in the order the charts draw them.
SCHEDULES = ("even", "burst")
PEOPLE_FILE = "culture_people.csv"
PEOPLE_SCHEMA = Schema(
    columns=(Column("id"), Column("threshold", "float", minimum=0.01, maximum=100)),
    key="id",
    max_rows=1000,
)

#: The half-life input's top value, which means "people never forget" (an infinite half-life):
#: the one place that says so (:func:`forgetting`).
NEVER = 27
#: The exercise's inputs, declared once: both faces start at 26 conversations, a 4-week burst and
#: a 4-week half-life; ``grid`` is what the static face offers.
BUDGET = Number("budget", "Conversations in the year", 26, low=1, high=104, grid=(13, 26, 52, 104))
BURST = Number("burst", "Burst lasts", 4, unit="weeks", low=1, high=26, grid=(1, 4, 8, 13, 26))
HALF_LIFE = Number("half_life", f"Half-life in weeks ({NEVER} = never forgets)", 4, low=1, high=NEVER,
                   grid=(2, 4, 8, NEVER))
#: The learner's guess of who is ahead at week 52, made before the curves and the verdict show
#: (no spoilers: the guess is the attempt). ``""``: not guessed yet.
GUESS = Choice("guess", "Your guess: who is ahead at week 52?", "", options=("", "even", "burst", "tie"),
               labels=("Not yet", "The even spread", "The burst", "They tie"))
CADENCE_INPUTS = (BUDGET, BURST, HALF_LIFE, GUESS)
#: The words of the verdict at week 52, chosen by who is ahead then: the live face fills them with
#: :func:`~exercises.kit.text.fill`, the static face in the page.
CADENCE_WORDS = {
    "even": ("The even spread is ahead at week 52: {even_52:.0f} % (even) against {burst_52:.0f} % (burst).",),
    "burst": ("The burst is ahead at week 52: {even_52:.0f} % (even) against {burst_52:.0f} % (burst).",),
    "tie": ("The two schedules tie at week 52: {even_52:.0f} % (even) against {burst_52:.0f} % (burst).",),
}
#: The second measure, chosen by which schedule gives more weeks of adoption over the year
#: (:func:`weeks_held`: the area under the curve, in weeks a person holds the norm on average).
WEEKS_WORDS = {
    "even": "The even spread gives more weeks of adoption: {even_held:.1f} (even) against {burst_held:.1f} (burst).",
    "burst": "The burst gives more weeks of adoption: {even_held:.1f} (even) against {burst_held:.1f} (burst).",
    "tie": "Both give the same weeks of adoption: {even_held:.1f} each.",
}

#: What the exercise says before a guess (no curve, no verdict yet): the settings chosen, in words,
#: so every input answers at once, then the question. The middle line depends on forgetting.
FOLDED_WORDS = ("{budget:.0f} conversations: spread evenly over the year, or all in the first {burst:.0f} weeks.",
                {"fades": "People forget half of what they heard in {half_life:.0f} weeks.",
                 "never": "People never forget what they heard."},
                "Which schedule wins at week 52? Guess first; then the curves appear.")
#: How a guess is named in :data:`GUESS_WORDS`.
GUESS_NAMES = {"even": "the even spread", "burst": "the burst", "tie": "a tie"}
#: The line after the verdict, once a guess is made.
GUESS_WORDS = {"right": "You guessed {guess}: right.", "wrong": "You guessed {guess}: not this time."}


#: Exercise 2, peers: how many conversations' worth of the norm a person hears from peers in a week
#: when everyone holds it (``p`` of the model); the leader's budget and the half-life have their own
#: names here, so the two explorers of the page keep their own inputs. The burst lasts
#: :data:`BURST`'s default.
PEER = Number("peer", "Peer talk a week when everyone holds it", 0.25, unit="conversations", low=0, high=1,
              step=0.05, grid=(0, 0.25, 0.5, 0.75, 1))
PEER_BUDGET = Number("conversations", "Your conversations in the year", 26, low=1, high=104, grid=(13, 26, 52))
PEER_HALF_LIFE = Number("fading", "Half-life", 4, unit="weeks", low=1, high=26, grid=(2, 4, 8))
#: The learner's guess before the curves show (no spoilers, as in Exercise 1): does the launch
#: burst still hold anyone at week 52 with these settings? ``""``: not guessed yet.
PEER_GUESS = Choice("peer_guess", "Your guess: does the burst still hold anyone at week 52?", "",
                    options=("", "yes", "no"), labels=("Not yet", "Yes, it lasts", "No, it fades to nobody"))
PEER_INPUTS = (PEER, PEER_BUDGET, PEER_HALF_LIFE, PEER_GUESS)
#: How a guess of Exercise 2 is named in :data:`GUESS_WORDS`; the answer is ``lasts`` (``yes`` when
#: the burst holds anyone at week 52).
PEER_GUESS_NAMES = {"yes": "that the burst lasts", "no": "that the burst fades"}
#: What Exercise 2 says before a guess: the settings chosen, then the question.
PEER_FOLDED = ("Peer talk {peer:.2f} a week, {conversations:.0f} conversations from you, a half-life of "
               "{fading:.0f} weeks.",
               "Does the launch burst still hold anyone at week 52? Guess first; then the curves appear.")
#: Exercise 2's words after the two measures (:data:`CADENCE_WORDS`, :data:`WEEKS_WORDS`): what
#: the same settings give with no peer talk, and the peer talk at which a norm keeps itself.
PEER_WORDS = ("With no peer talk: {alone_even_52:.0f} % (even) and {alone_burst_52:.0f} % (burst) at week 52.",
              "A norm everyone holds keeps itself from {tip:.2f} peer conversations a week.")


def load_people(name: str = PEOPLE_FILE) -> pd.DataFrame:
    """Load and check the people file (a bare name means ``data/``)."""
    return load_csv(name, PEOPLE_SCHEMA)


@functools.lru_cache(maxsize=1)
def _people() -> tuple[float, ...]:
    return tuple(load_people()["threshold"].astype(float))


def thresholds() -> np.ndarray:
    """The thresholds of ``data/culture_people.csv`` (read once)."""
    return np.array(_people())


thresholds_ = thresholds  # for functions whose argument is named ``thresholds``


def _finite(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{what} must be a number, got {value!r}.")
    value = float(value)
    if math.isnan(value):
        raise ValueError(f"{what} must be a number, not NaN.")
    return value


def _whole(value, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)) \
            or not float(value).is_integer() or not low <= value <= high:
        raise ValueError(f"{what} must be a whole number from {low} to {high}, got {value!r}.")
    return int(value)


def forgetting(half_life: float) -> float:
    """The half-life in weeks that the input ``half_life`` means: itself, or ``inf`` at :data:`NEVER` or above.

    Raises
    ------
    ValueError
        Unless ``half_life`` is a number above 0.
    """
    half_life = _finite(half_life, "The half-life")
    if half_life <= 0:
        raise ValueError(f"The half-life must be above 0 weeks (people cannot forget instantly), got {half_life:g}.")
    return math.inf if half_life >= NEVER else half_life


def schedule(kind: str, budget: float, burst_weeks: int = BURST.default, weeks: int = WEEKS) -> np.ndarray:
    """Conversations in each week: ``"even"`` over all weeks or ``"burst"`` in the first ``burst_weeks``.

    Raises
    ------
    ValueError
        Unless ``kind`` is ``"even"`` or ``"burst"``, ``budget`` a finite number at least 0,
        ``weeks`` a whole number from 1 to 520 and ``burst_weeks`` one from 1 to ``weeks``.
    """
    budget = _finite(budget, "The budget")
    if budget < 0 or not math.isfinite(budget):
        raise ValueError(f"The budget must be a finite number of conversations, at least 0, got {budget}.")
    weeks = _whole(weeks, "The number of weeks", 1, 520)
    b = _whole(burst_weeks, "The burst's length in weeks", 1, weeks)
    dose = np.zeros(weeks)
    if kind == "even":
        dose[:] = budget / weeks
    elif kind == "burst":
        dose[:b] = budget / b
    else:
        raise ValueError(f"A schedule is 'even' or 'burst', got {kind!r}.")
    return dose


@functools.lru_cache(maxsize=64)
def _weights(half_life: float, weeks: int) -> np.ndarray:
    """``d^(t-k)`` for ``k <= t``, else 0: ``E_t = sum_{k<=t} d^(t-k) s_k`` as a lower-triangular
    matrix product (read-only; cached per half-life)."""
    d = 1.0 if math.isinf(half_life) else 2.0 ** (-1.0 / half_life)
    t = np.arange(weeks)
    lag = t[:, None] - t[None, :]
    weight = np.where(lag >= 0, d ** np.clip(lag, 0, None), 0.0)
    weight.setflags(write=False)
    return weight


def _peer(peer) -> float:
    peer = _finite(peer, "Peer influence")
    if not 0 <= peer <= 100:
        raise ValueError(f"Peer influence must be from 0 to 100 conversations a week, got {peer:g}.")
    return peer


def adoption(dose: np.ndarray, thresholds: np.ndarray, half_life: float = math.inf, peer: float = 0.0) -> np.ndarray:
    """Share of people holding the norm at the end of each week (``E_t >= theta_i``).

    Parameters
    ----------
    dose : array of float
        Conversations each week (finite, at least 0).
    thresholds : array of float
        Each person's threshold (finite, above 0; at least one person).
    half_life : float
        Weeks for exposure to halve, above 0; ``inf`` means no forgetting.
    peer : float
        Conversations' worth of the norm a person hears from peers in a week when everyone holds
        it (0 to 100); ``0`` is the model without peers, computed the same way.

    Returns
    -------
    numpy.ndarray
        One share (0..1) per week.

    Raises
    ------
    ValueError
        For a half-life that is not above 0 (or NaN), a peer influence out of range, or a dose or
        threshold out of range.
    """
    half_life = _finite(half_life, "The half-life")
    if half_life <= 0:
        raise ValueError(f"The half-life must be above 0 weeks (people cannot forget instantly), got {half_life:g}.")
    peer = _peer(peer)
    dose = np.asarray(dose, dtype=float)
    theta = np.sort(np.asarray(thresholds, dtype=float).ravel())
    if dose.ndim != 1 or not len(dose) or not (np.isfinite(dose).all() and (dose >= 0).all()):
        raise ValueError("The dose must be one finite number of conversations, at least 0, per week.")
    if not len(theta) or not (np.isfinite(theta).all() and (theta > 0).all()):
        raise ValueError("Thresholds must be finite numbers above 0, at least one person's.")
    exposure = _weights(half_life, len(dose)) @ dose  # the leader's conversations, faded
    held = np.searchsorted(theta, exposure + 1e-9, side="right")
    if peer == 0:
        return held / len(theta)
    # Peers: their talk P_t = d P_{t-1} + p A_{t-1} adds to the leader's exposure, week by week
    # (adoption feeds back, so this part is a loop; with p = 0 it adds exactly nothing).
    d = 1.0 if math.isinf(half_life) else 2.0 ** (-1.0 / half_life)
    sorted_theta, base, people = theta.tolist(), exposure.tolist(), len(theta)
    talk, before = 0.0, 0.0
    for t in range(len(base)):
        talk = d * talk + peer * before
        held[t] = bisect.bisect_right(sorted_theta, base[t] + talk + 1e-9)  # = searchsorted(..., "right")
        before = int(held[t]) / people
    return held / people


def tipping(half_life: float, thresholds: np.ndarray | None = None) -> float:
    """The least peer influence at which a norm everyone holds keeps itself: ``theta_max (1 - d)``.

    With everyone holding it and no conversation from the leader, peer talk settles at
    ``p / (1 - d)``; everyone keeps the norm while that clears the highest threshold. Below it
    the person with the highest threshold drops out first, then the next (complex contagion).

    Parameters
    ----------
    half_life : float
        Weeks for exposure to halve, above 0 (``inf``: no forgetting, and any peer talk keeps it).
    thresholds : array of float, optional
        The people's thresholds (default: the chapter's people).

    Raises
    ------
    ValueError
        For a half-life that is not above 0.
    """
    half_life = _finite(half_life, "The half-life")
    if half_life <= 0:
        raise ValueError(f"The half-life must be above 0 weeks (people cannot forget instantly), got {half_life:g}.")
    theta = thresholds_() if thresholds is None else np.asarray(thresholds, dtype=float)
    d = 1.0 if math.isinf(half_life) else 2.0 ** (-1.0 / half_life)
    return float(theta.max() * (1 - d))


def compare(budget: float, burst_weeks: int, half_life: float, thresholds: np.ndarray, peer: float = 0.0) -> pd.DataFrame:
    """Adoption week by week under both schedules: columns ``week``, ``schedule``, ``adopted`` (share 0..1).

    ``half_life`` is in weeks (``inf``: no forgetting); ``peer`` as in :func:`adoption`. Raises
    ValueError as :func:`schedule` and :func:`adoption` do.
    """
    shares = [adoption(schedule(kind, budget, burst_weeks), thresholds, half_life, peer) for kind in SCHEDULES]
    return pd.DataFrame({"week": np.tile(np.arange(1, WEEKS + 1), len(SCHEDULES)),
                         "schedule": np.repeat(np.array(SCHEDULES, dtype=object), WEEKS),
                         "adopted": np.concatenate(shares)})


def weeks_held(frame: pd.DataFrame) -> dict:
    """Weeks of adoption of each schedule: the area under its curve (the sum of its weekly shares),
    the weeks a person holds the norm on average; ``{"even": ..., "burst": ...}``.

    Raises
    ------
    ValueError
        Unless ``frame`` is a :func:`compare` frame with both schedules.
    """
    _check_frame(frame, "weeks_held")
    return {kind: float(share) for kind, share in frame.groupby("schedule")["adopted"].sum().items()}


def _check_frame(frame, who: str) -> None:
    if not isinstance(frame, pd.DataFrame) or not {"week", "schedule", "adopted"} <= set(frame.columns) \
            or set(frame["schedule"]) != set(SCHEDULES):
        raise ValueError(f"{who}() needs the frame of compare(): week, schedule and adopted, both schedules.")


def _ahead(even: float, burst: float) -> str:
    if abs(even - burst) < 1e-9:
        return "tie"
    return "even" if even > burst else "burst"


def winner(frame: pd.DataFrame) -> str:
    """Which schedule has more people holding the norm at week 52: ``even``, ``burst`` or ``tie``.

    Raises
    ------
    ValueError
        Unless ``frame`` is a :func:`compare` frame with both schedules.
    """
    _check_frame(frame, "winner")
    last = frame[frame["week"] == frame["week"].max()].set_index("schedule")["adopted"]
    return _ahead(last["even"], last["burst"])


def _summary(curves: pd.DataFrame) -> dict:
    """Week 52 and the yearly mean of each schedule (per cent), the verdict at week 52, the weeks of
    adoption of each (``even_held``, ``burst_held``) and which gives more (``more_held``)."""
    kinds = curves["schedule"].to_numpy()
    adopted = curves["adopted"].to_numpy(dtype=float)
    return _measured(adopted[kinds == "even"], adopted[kinds == "burst"])


def _measured(even: np.ndarray, burst: np.ndarray) -> dict:
    """:func:`_summary` from the two weekly share arrays (numpy only: this runs on every change)."""
    area = {"even": round(float(even.sum()), 9), "burst": round(float(burst.sum()), 9)}
    per_cent = {"even_52": even[-1], "burst_52": burst[-1], "even_mean": even.mean(), "burst_mean": burst.mean()}
    return {"verdict": _ahead(float(even[-1]), float(burst[-1])),
            **{k: round(100 * float(v), 9) for k, v in per_cent.items()},
            "even_held": area["even"], "burst_held": area["burst"], "more_held": _ahead(area["even"], area["burst"])}


def _words(found: dict) -> list[str]:
    """The two measures in words: who is ahead at week 52, and who gives more weeks of adoption."""
    return [fill(CADENCE_WORDS[found["verdict"]][0], **found), fill(WEEKS_WORDS[found["more_held"]], **found)]


def folded(budget: float, burst: int, half_life: float) -> list[str]:
    """The three lines of :data:`FOLDED_WORDS` for these settings (what the exercise says before a guess)."""
    setting, forgets, ask = FOLDED_WORDS
    middle = forgets["never"] if half_life >= NEVER else fill(forgets["fades"], half_life=half_life)
    return [fill(setting, budget=budget, burst=burst), middle, ask]


def cadence(budget: float, burst: int, half_life: float, people: np.ndarray | None = None, guess: str = "") -> dict:
    """The exercise, once per change, from the inputs as declared (``half_life`` :data:`NEVER`
    means never forgets).

    Returns
    -------
    dict
        ``curves`` (:func:`compare`, ``adopted`` in per cent), ``half_life`` (weeks; ``inf`` for
        never), ``verdict`` (``even``, ``burst`` or ``tie``), ``even_52``, ``burst_52``,
        ``even_mean``, ``burst_mean`` (per cent), ``even_held``, ``burst_held`` (weeks of
        adoption, :func:`weeks_held`), ``more_held`` (which gives more) and ``words`` (the two
        measures: :data:`CADENCE_WORDS` and :data:`WEEKS_WORDS`, filled); ``guess`` and ``said``: what the exercise shows, the
        :func:`folded` words before a guess (:data:`GUESS`), else ``words`` and whether the guess
        was right (:data:`GUESS_WORDS`).

    Raises
    ------
    ValueError
        For inputs :func:`schedule`, :func:`forgetting` or :func:`adoption` refuse.
    """
    weeks = forgetting(half_life)
    curves = compare(budget, burst, weeks, thresholds() if people is None else people)
    found = _summary(curves)
    words = _words(found)
    guess = GUESS.check(guess)
    said = folded(budget, burst, half_life) if not guess else words + [
        fill(GUESS_WORDS["right" if guess == found["verdict"] else "wrong"], guess=GUESS_NAMES[guess])]
    return {"curves": curves.assign(adopted=(100 * curves["adopted"]).round(9)), "half_life": weeks, **found,
            "words": words, "guess": guess, "said": said}


_GRID_FIELDS = ("verdict", "even_52", "burst_52", "even_mean", "burst_mean", "even_held", "burst_held", "more_held")


def _packed(curves: pd.DataFrame) -> dict:
    """The curves as lists the page unpacks: ``week``, ``even``, ``burst_curve`` (per cent)."""
    per = {k: [round(float(v), 6) for v in curves.loc[curves["schedule"] == k, "adopted"]] for k in SCHEDULES}
    per = {k: [int(v) if float(v).is_integer() else v for v in vals] for k, vals in per.items()}
    return {"week": list(range(1, WEEKS + 1)), "even": per["even"], "burst_curve": per["burst"]}


def grid(people: np.ndarray | None = None, budgets=BUDGET.grid, bursts=BURST.grid,
         half_lives=HALF_LIFE.grid) -> pd.DataFrame:
    """Every setting of the static explorer, a row each, named as the inputs are (``budget``,
    ``burst``, ``half_life`` with :data:`NEVER` for never), with the words' numbers and verdicts
    and the curves packed as lists the page unpacks: ``week``, ``even`` and ``burst_curve``
    (per cent, whole numbers with 100 people)."""
    people = thresholds() if people is None else people
    rows = []
    for budget in budgets:
        for burst in bursts:
            for h in half_lives:
                found = cadence(budget, burst, h, people)
                rows.append({"budget": budget, "burst": burst, "half_life": h,
                             **{k: found[k] for k in _GRID_FIELDS}, **_packed(found["curves"])})
    return pd.DataFrame(rows)


def tally(frame: pd.DataFrame) -> dict:
    """How often each schedule wins each measure over a :func:`grid` (or :func:`peer_grid`):
    ``settings`` (rows), ``at_52`` and ``weeks`` (each ``{"even": n, "burst": n, "tie": n}``).
    The prose quotes these counts, so they are the explorer's own."""
    count = lambda column: {k: int((frame[column] == k).sum()) for k in ("even", "burst", "tie")}  # noqa: E731
    return {"settings": len(frame), "at_52": count("verdict"), "weeks": count("more_held")}


def peers(peer: float, conversations: float, fading: float, peer_guess: str = "",
          people: np.ndarray | None = None) -> dict:
    """Exercise 2, once per change: both schedules (the burst lasts :data:`BURST`'s default) with
    peers talking ``peer`` conversations' worth a week when everyone holds the norm
    (:data:`PEER_INPUTS`).

    Returns
    -------
    dict
        What :func:`cadence` returns for the two measures (``curves`` in per cent, ``verdict``,
        ``even_52``, ``burst_52``, ``even_held``, ``burst_held``, ``more_held``, ...), plus
        ``alone_even_52`` and ``alone_burst_52`` (per cent at week 52 with no peer talk),
        ``tip`` (:func:`tipping` at this half-life), ``lasts`` (``yes`` when the burst holds anyone
        at week 52, else ``no``), ``words`` (the two measures, then :data:`PEER_WORDS`, filled),
        ``guess`` and ``said``: before a guess the :data:`PEER_FOLDED` words, else ``words`` and
        whether the guess was right (:data:`GUESS_WORDS`).

    Raises
    ------
    ValueError
        For inputs :data:`PEER_INPUTS` or :func:`compare` refuse.
    """
    peer, conversations, fading = PEER.check(peer), PEER_BUDGET.check(conversations), PEER_HALF_LIFE.check(fading)
    guess = PEER_GUESS.check(peer_guess)
    people = thresholds() if people is None else people
    curves = compare(conversations, BURST.default, fading, people, peer)
    found = _summary(curves)
    alone = _measured(*(adoption(schedule(kind, conversations, BURST.default), people, fading) for kind in SCHEDULES))
    found.update(alone_even_52=alone["even_52"], alone_burst_52=alone["burst_52"], tip=tipping(fading, people),
                 lasts="yes" if found["burst_52"] > 0 else "no")
    words = _words(found) + [fill(line, **found) for line in PEER_WORDS]
    said = [fill(line, peer=peer, conversations=conversations, fading=fading) for line in PEER_FOLDED] if not guess \
        else words + [fill(GUESS_WORDS["right" if guess == found["lasts"] else "wrong"], guess=PEER_GUESS_NAMES[guess])]
    return {"curves": curves.assign(adopted=(100 * curves["adopted"]).round(9)), **found, "words": words,
            "guess": guess, "said": said}


_PEER_FIELDS = _GRID_FIELDS + ("alone_even_52", "alone_burst_52", "tip", "lasts")


def peer_grid(people: np.ndarray | None = None, peers_=PEER.grid, budgets=PEER_BUDGET.grid,
              half_lives=PEER_HALF_LIFE.grid) -> pd.DataFrame:
    """Every setting of exercise 2's static explorer, a row each, named as :data:`PEER_INPUTS` are,
    with the words' numbers and verdicts and the curves packed as in :func:`grid`."""
    rows = []
    for peer in peers_:
        for budget in budgets:
            for h in half_lives:
                found = peers(peer, budget, h, people=people)
                rows.append({PEER.name: peer, PEER_BUDGET.name: budget, PEER_HALF_LIFE.name: h,
                             **{k: found[k] for k in _PEER_FIELDS}, **_packed(found["curves"])})
    return pd.DataFrame(rows)
