"""__Title__ model: a reference number and properties that must always hold."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.__topic__ import model


def test_half_life_reproduces_the_geometric_formula():
    """At 10 % a week, half are reached after ln 2 / -ln 0.9 = 6.58 weeks."""
    assert model.half_life(0.10) == pytest.approx(6.5788, abs=1e-4)


@given(st.floats(0.001, 0.999))
def test_reach_rises_from_zero_towards_everyone(rate):
    curve = model.reach(rate)
    assert curve["reached"].iloc[0] == 0
    assert (curve["reached"].diff().dropna() >= 0).all() and (curve["reached"] <= 1).all()
    assert model.reach(rate, 1000)["reached"].iloc[-1] > 0.6  # everyone, eventually


@given(st.one_of(st.floats(allow_nan=True), st.none(), st.text(max_size=3)).filter(
    lambda r: not (isinstance(r, float) and 0 < r < 1)))
def test_a_rate_outside_zero_and_one_is_refused_with_a_sentence(rate):
    with pytest.raises(ValueError, match="between 0 and 1"):
        model.reach(rate)


def test_every_declared_rate_has_a_finite_half_life():
    assert all(math.isfinite(model.reach_result(rate)["half_life"]) for rate in model.RATE.grid)


def test_scenarios_load():
    assert len(model.load_scenarios()) >= 2
