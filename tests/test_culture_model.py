"""Culture model: reference numbers and properties that must always hold."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.culture import model

THETA = model.load_people()["threshold"].to_numpy()
budgets = st.floats(0, 200)
bursts = st.integers(1, 52)
halves = st.one_of(st.just(math.inf), st.floats(0.5, 60))


@given(budgets, bursts)
def test_budget_is_conserved_across_schedules(budget, burst):
    assert model.schedule("even", budget).sum() == pytest.approx(budget)
    assert model.schedule("burst", budget, burst).sum() == pytest.approx(budget)


@given(budgets, bursts)
def test_without_decay_the_burst_is_level_or_ahead_every_week_and_ties_at_week_52(budget, burst):
    f = model.compare(budget, burst, math.inf, THETA)
    even, fast = (f[f.schedule == k]["adopted"].to_numpy() for k in ("even", "burst"))
    assert (fast >= even).all()
    assert fast[-1] == even[-1]


@given(budgets, st.floats(0, 50), bursts, halves)
def test_more_budget_never_lowers_adoption(budget, extra, burst, half):
    for kind in ("even", "burst"):
        low = model.adoption(model.schedule(kind, budget, burst), THETA, half)
        high = model.adoption(model.schedule(kind, budget + extra, burst), THETA, half)
        assert (high >= low).all()


@given(budgets, bursts, halves)
def test_adoption_is_a_share(budget, burst, half):
    a = model.compare(budget, burst, half, THETA)["adopted"]
    assert ((a >= 0) & (a <= 1)).all()


def test_with_forgetting_consistency_wins_the_end_of_the_year():
    """26 conversations, 4-week burst, half-life 4 weeks: even 71 %, burst 0 % at week 52."""
    f = model.compare(26, 4, 4, THETA)
    last = f[f.week == 52].set_index("schedule")["adopted"]
    assert last["even"] == pytest.approx(0.71) and last["burst"] == 0
    assert model.winner(f) == "even"


def test_spread_too_thin_consistency_does_not_win():
    """13 conversations, half-life 2 weeks: the cadence never clears a threshold; the burst had its weeks."""
    f = model.compare(13, 4, 2, THETA)
    assert model.winner(f) == "tie"
    mean = f.groupby("schedule")["adopted"].mean()
    assert mean["even"] == 0 and mean["burst"] > 0.1


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="budget"):
        model.schedule("even", -1)
    with pytest.raises(ValueError, match="schedule"):
        model.schedule("sometimes", 10)


def test_grid_is_small_and_complete():
    g = model.grid(THETA)
    assert len(g) == len(model.BUDGETS) * len(model.BURSTS) * len(model.HALF_LIVES) * 52 * 2 < 10_000
    assert set(g["winner"]) <= {"even", "burst", "tie"}
    assert np.isfinite(g["adopted"]).all()
