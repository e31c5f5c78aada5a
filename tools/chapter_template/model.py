"""__Title__: the model. Pure pandas and numpy; no display.

A template made by ``make chapter``: replace the model, keep the shape. Each week, a share
``r`` of the people who have not yet heard an idea hear it, so the share reached after
``t`` weeks is

.. math:: F(t) = 1 - (1 - r)^t,

and half the people have heard it after ``ln 2 / -ln(1 - r)`` weeks (the half-life of
geometric decay). Assumptions: everyone is equally reachable, ``r`` stays constant, and no
one forgets. State your model's equations, assumptions and source here, and cite the
source in ``book/references.bib``.

The shape every chapter's model keeps:

* **Inputs declared once** (:data:`RATE`), beside the model's constants: the live slider, the
  static face's bound input, the static grid and the key a learner's answer is kept under all
  come from the declaration, so both faces start from the same value.
* **Words made once** (:data:`REACH_WORDS`): templates the live face fills with
  :func:`exercises.kit.text.fill` and the static face fills in the page.
* **One result per change** (:func:`reach_result`): everything the exercise shows, computed once.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..kit.data import Column, Schema, load_csv
from ..kit.inputs import Number
from ..kit.text import fill

__all__ = ["RATE", "REACH_INPUTS", "REACH_WORDS", "SCENARIOS_FILE", "SCENARIOS_SCHEMA", "WEEKS", "half_life",
           "load_scenarios", "reach", "reach_grid", "reach_result"]

#: Weeks the chapter looks ahead.
WEEKS = 26
#: The exercise's one input, declared once: its live slider and its static slider start here.
RATE = Number("rate", "Reached a week", 10, unit="%", low=1, high=50)
REACH_INPUTS = (RATE,)
#: What the exercise says, written once (the live face and the static page fill it in).
REACH_WORDS = "Half the people have heard it after {half_life:.1f} weeks."
SCENARIOS_FILE = "__topic___scenarios.csv"
SCENARIOS_SCHEMA = Schema(
    columns=(Column("id"), Column("name"), Column("weekly_rate", "float", minimum=0.001, maximum=0.999)),
    key="id",
    max_rows=50,
)


def load_scenarios(name: str = SCENARIOS_FILE) -> pd.DataFrame:
    """Load and check the scenarios file (a bare name means ``data/``)."""
    return load_csv(name, SCENARIOS_SCHEMA)


def _check_rate(weekly_rate) -> float:
    if isinstance(weekly_rate, bool) or not isinstance(weekly_rate, (int, float)) or not 0 < weekly_rate < 1:
        raise ValueError(f"a weekly rate is a fraction between 0 and 1, got {weekly_rate!r}")
    return float(weekly_rate)


def reach(weekly_rate: float, weeks: int = WEEKS) -> pd.DataFrame:
    """Share of people reached by the end of each week, 0 to ``weeks``.

    Returns
    -------
    pandas.DataFrame
        Columns ``week`` and ``reached`` (a fraction from 0 to 1).
    """
    rate = _check_rate(weekly_rate)
    week = np.arange(int(weeks) + 1)
    return pd.DataFrame({"week": week, "reached": 1 - (1 - rate) ** week})


def half_life(weekly_rate: float) -> float:
    """Weeks until half the people are reached: ``ln 2 / -ln(1 - r)``."""
    return float(math.log(2) / -math.log1p(-_check_rate(weekly_rate)))


def reach_result(rate: float) -> dict:
    """The exercise, once per change, for a weekly ``rate`` in per cent: ``curve``
    (:func:`reach`), ``half_life`` (weeks) and ``words`` (:data:`REACH_WORDS` filled in)."""
    weeks = half_life(rate / 100)
    return {"curve": reach(rate / 100), "half_life": weeks, "words": fill(REACH_WORDS, half_life=weeks)}


def reach_grid(rates=RATE.grid, weeks: int = WEEKS) -> pd.DataFrame:
    """Every declared rate's reach curve (per cent in ``rate``) with its ``half_life``: the static face's data."""
    frames = [reach(rate / 100, weeks).assign(rate=rate, half_life=half_life(rate / 100)) for rate in rates]
    return pd.concat(frames, ignore_index=True)
