"""Culture change through consistency: the model. Pure pandas and numpy; no display.

A team of people hears a fixed budget of ``B`` conversations about a new norm over 52 weeks.
A schedule puts a dose ``s_t`` of conversations in each week ``t`` (``sum s_t = B``). Each
person's exposure decays each week by a factor ``d = 2^(-1/h)`` (exponential forgetting with a
half-life of ``h`` weeks; ``h = inf`` means no forgetting) and grows by the week's dose:

.. math:: E_t = d \\, E_{t-1} + s_t, \\qquad E_{-1} = 0.

Person ``i`` holds the new norm in week ``t`` while ``E_t >= theta_i`` (a threshold model in the
spirit of Granovetter, 1978, and of Centola, 2018, who shows that norms need repeated
reinforcement, not one exposure). Adoption is the share of people holding the norm.

Two schedules spend the same budget: **even** spreads it over all 52 weeks (``B / 52`` a week,
one conversation every ``52 / B`` weeks on average); **burst** spends it in the first ``b`` weeks
(``B / b`` a week). Assumptions: everyone hears every conversation; exposure is the same for
everyone (only thresholds differ); thresholds come from ``data/culture_people.csv`` (100 people,
evenly spread from 1 to 4 conversations' worth of exposure); people do not influence each other.

What follows exactly: with no decay, ``E_52 = B`` under both schedules, so they tie at week 52
and the burst is ahead or level every week before. With decay, the burst's exposure has faded
by week 52 while the even spread settles near ``(B / 52) / (1 - d)``: consistency wins at the
end of the year if that level clears some thresholds; if not, both end at zero and the burst
still had its weeks of adoption.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, load_csv

__all__ = ["PEOPLE_FILE", "PEOPLE_SCHEMA", "WEEKS", "adoption", "compare", "grid", "load_people", "schedule",
           "winner"]

#: Weeks in the year the chapter looks at.
WEEKS = 52
PEOPLE_FILE = "culture_people.csv"
PEOPLE_SCHEMA = Schema(
    columns=(Column("id"), Column("threshold", "float", minimum=0.01, maximum=100)),
    key="id",
    max_rows=1000,
)


def load_people(name: str = PEOPLE_FILE) -> pd.DataFrame:
    """Load and check the people file (a bare name means ``data/``)."""
    return load_csv(name, PEOPLE_SCHEMA)


def schedule(kind: str, budget: float, burst_weeks: int = 4, weeks: int = WEEKS) -> np.ndarray:
    """Conversations in each week: ``"even"`` over all weeks or ``"burst"`` in the first ``burst_weeks``."""
    if budget < 0 or not math.isfinite(budget):
        raise ValueError(f"a budget is a finite number of conversations, at least 0, got {budget}")
    dose = np.zeros(int(weeks))
    if kind == "even":
        dose[:] = budget / weeks
    elif kind == "burst":
        b = int(min(max(burst_weeks, 1), weeks))
        dose[:b] = budget / b
    else:
        raise ValueError(f"a schedule is 'even' or 'burst', got {kind!r}")
    return dose


def adoption(dose: np.ndarray, thresholds: np.ndarray, half_life: float = math.inf) -> np.ndarray:
    """Share of people holding the norm at the end of each week (``E_t >= theta_i``)."""
    d = 1.0 if math.isinf(half_life) else 2.0 ** (-1.0 / half_life)
    t = np.arange(len(dose))
    # E_t = sum_{k<=t} d^(t-k) s_k, vectorised as a lower-triangular matrix product
    lag = t[:, None] - t[None, :]
    weight = np.where(lag >= 0, d ** np.clip(lag, 0, None), 0.0)
    exposure = weight @ dose
    theta = np.sort(np.asarray(thresholds, dtype=float))
    held = np.searchsorted(theta, exposure + 1e-9, side="right")
    return held / len(theta)


def compare(budget: float, burst_weeks: int, half_life: float, thresholds: np.ndarray) -> pd.DataFrame:
    """Adoption week by week under both schedules: columns ``week``, ``schedule``, ``adopted``."""
    rows = []
    for kind in ("even", "burst"):
        share = adoption(schedule(kind, budget, burst_weeks), thresholds, half_life)
        rows.append(pd.DataFrame({"week": np.arange(1, WEEKS + 1), "schedule": kind, "adopted": share}))
    return pd.concat(rows, ignore_index=True)


def winner(frame: pd.DataFrame) -> str:
    """Which schedule has more people holding the norm at week 52: ``even``, ``burst`` or ``tie``."""
    last = frame[frame["week"] == frame["week"].max()].set_index("schedule")["adopted"]
    if abs(last["even"] - last["burst"]) < 1e-9:
        return "tie"
    return "even" if last["even"] > last["burst"] else "burst"


#: The static explorer's grid (small: 3 x 4 x 4 settings x 52 weeks x 2 schedules).
BUDGETS = (13, 26, 52)
BURSTS = (1, 4, 8, 13)
HALF_LIVES = (2, 4, 8, 0)  # 0 stands for "never forgets"


def grid(thresholds: np.ndarray) -> pd.DataFrame:
    """Every setting of the static explorer, with its week-52 winner."""
    frames = []
    for budget in BUDGETS:
        for burst in BURSTS:
            for h in HALF_LIVES:
                f = compare(budget, burst, math.inf if h == 0 else h, thresholds)
                frames.append(f.assign(budget=budget, burst_weeks=burst, half_life=h, winner=winner(f)))
    return pd.concat(frames, ignore_index=True)
