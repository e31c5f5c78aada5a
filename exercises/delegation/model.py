"""Delegation: decide less, support more: the model. Pure pandas and numpy; no display.

A template made by ``make chapter``: replace the model, keep the shape. Each week, a share
``r`` of the people who have not yet heard an idea hear it, so the share reached after
``t`` weeks is

.. math:: F(t) = 1 - (1 - r)^t,

and half the people have heard it after ``ln 2 / -ln(1 - r)`` weeks (the half-life of
geometric decay). Assumptions: everyone is equally reachable, ``r`` stays constant, and no
one forgets. State your model's equations, assumptions and source here, and cite the
source in ``book/references.bib``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import Column, Schema, load_csv

__all__ = ["SCENARIOS_FILE", "SCENARIOS_SCHEMA", "WEEKS", "half_life", "load_scenarios", "reach", "reach_grid"]

#: Weeks the chapter looks ahead.
WEEKS = 26
SCENARIOS_FILE = "delegation_scenarios.csv"
SCENARIOS_SCHEMA = Schema(
    columns=(Column("id"), Column("name"), Column("weekly_rate", "float", minimum=0.001, maximum=0.999)),
    key="id",
    max_rows=50,
)


def load_scenarios(name: str = SCENARIOS_FILE) -> pd.DataFrame:
    """Load and check the scenarios file (a bare name means ``data/``)."""
    return load_csv(name, SCENARIOS_SCHEMA)


def reach(weekly_rate: float, weeks: int = WEEKS) -> pd.DataFrame:
    """Share of people reached by the end of each week, 0 to ``weeks``.

    Returns
    -------
    pandas.DataFrame
        Columns ``week`` and ``reached`` (a fraction from 0 to 1).
    """
    if not 0 < weekly_rate < 1:
        raise ValueError(f"a weekly rate is a fraction between 0 and 1, got {weekly_rate}")
    week = np.arange(int(weeks) + 1)
    return pd.DataFrame({"week": week, "reached": 1 - (1 - weekly_rate) ** week})


def half_life(weekly_rate: float) -> float:
    """Weeks until half the people are reached: ``ln 2 / -ln(1 - r)``."""
    return float(np.log(2) / -np.log1p(-weekly_rate))


def reach_grid(scenarios: pd.DataFrame, weeks: int = WEEKS) -> pd.DataFrame:
    """Every scenario's reach curve: the static explorer's data, with its half-life."""
    frames = [reach(row.weekly_rate, weeks).assign(scenario=row.name, half_life=half_life(row.weekly_rate))
              for row in scenarios.itertuples()]
    return pd.concat(frames, ignore_index=True)
