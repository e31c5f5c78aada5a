"""Purpose models: the published reference numbers, Granovetter's examples, and properties
that must always hold."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.purpose import model

ps = st.floats(0.001, 0.2)
qs = st.floats(0.0, 1.0)


def test_bass_peak_time_for_the_meta_analysis_averages():
    """p = 0.03, q = 0.38: ln(q/p)/(p+q) = ln(12.67)/0.41 = 6.19."""
    assert model.bass_peak_time(0.03, 0.38) == pytest.approx(6.19, abs=0.01)


def test_adoption_per_period_peaks_at_the_peak_time():
    curve = model.bass_curve(0.03, 0.38, 30)
    assert int(curve.loc[curve["per_period"].idxmax(), "t"]) in (6, 7)  # the period ending after t* = 6.19


@given(ps, qs)
def test_cumulative_adoption_never_decreases_and_stays_within_the_market(p, q):
    curve = model.bass_curve(p, q, 60)
    assert curve["cumulative"].iloc[0] == 0
    assert (curve["cumulative"].diff().dropna() >= -1e-12).all()
    assert (curve["cumulative"] <= 100 + 1e-9).all() and (curve["per_period"] >= -1e-12).all()


@given(ps, qs, st.floats(0.01, 0.99))
def test_time_to_a_share_inverts_the_closed_form(p, q, share):
    t = model.bass_time_to(share, p, q)
    assert float(model.bass_cumulative(t, p, q)) == pytest.approx(share, abs=1e-9)


def test_half_the_market_comes_after_the_seeds_tipping_point():
    assert model.bass_time_to(0.16, 0.03, 0.38) < model.bass_time_to(0.5, 0.03, 0.38)


def test_bad_bass_parameters_are_refused():
    with pytest.raises(ValueError, match="p must be"):
        model.bass_curve(0, 0.38)


def test_rogers_categories_come_from_the_normal_curve():
    cats = model.rogers_categories()
    assert list(cats["share"].round(1)) == [2.3, 13.6, 34.1, 34.1, 15.9]
    assert list(cats["rogers"]) == [2.5, 13.5, 34, 34, 16]
    assert cats["share"].sum() == pytest.approx(100) and cats["rogers"].sum() == pytest.approx(100)
    assert cats["end"].iloc[1] == pytest.approx(15.87, abs=0.01)  # innovators + early adopters ≈ 16 %


def test_granovetter_riot_everyone_joins():
    """Thresholds 0, 1, …, 99 in a crowd of 100: each joiner tips the next; all 100 join."""
    assert model.cascade(range(100)) == 100


def test_granovetter_moved_threshold_only_one_joins():
    """Move the threshold-1 person to 2: the instigator joins alone."""
    thresholds = [0, 2, *range(2, 100)]
    assert model.cascade(thresholds) == 1


@given(st.lists(st.integers(0, 60), min_size=1, max_size=60), st.data())
def test_a_cascade_never_shrinks_when_a_threshold_is_lowered(thresholds, data):
    k = data.draw(st.integers(0, len(thresholds) - 1))
    lower = data.draw(st.integers(0, thresholds[k]))
    lowered = thresholds.copy()
    lowered[k] = lower
    assert model.cascade(lowered) >= model.cascade(thresholds)


@given(st.integers(0, 50), st.sampled_from(model.SPREAD_STEPS))
def test_more_committed_people_never_means_fewer_joined(committed, spread):
    curve = model.cascade_curve(spread / 100)
    assert (curve["joined"].diff().dropna() >= 0).all()
    assert (curve["joined"] >= curve["committed"]).all()


def test_the_tipping_share_lies_between_nothing_and_everyone():
    tips = [model.tipping_share(s / 100) for s in model.SPREAD_STEPS]
    assert all(t is None or 0 <= t <= 50 for t in tips)
    assert any(t is not None for t in tips)


def test_why_checks_name_the_words_that_tripped_them():
    tripped = dict(model.why_checks("Our app is 40% faster, with a new Dashboard for 29 €"))
    assert tripped["features"] == ["app", "faster", "Dashboard"]
    assert "40%" in tripped["numbers"] and "29" in tripped["numbers"] and "€" in tripped["numbers"]
    assert model.why_checks("We believe carers deserve care too.") == []


@given(st.text(max_size=300))
def test_why_checks_never_raise_and_only_name_words_in_the_text(text):
    for _, words in model.why_checks(text):
        assert words and all(w in text for w in words)


def test_the_worked_example_passes_and_its_weak_why_fails():
    good = model.message_checks(model.WORKED["why"], model.WORKED["how"], model.WORKED["what"])
    weak = model.message_checks(model.WORKED["weak_why"], model.WORKED["how"], model.WORKED["what"])
    assert good["passed"].all() and not weak["passed"].all()


def test_inside_out_is_outside_in_reversed():
    assert model.assemble("a", "b", "c") == ["a", "b", "c"]
    assert model.assemble("a", "b", "c", inside_out=False) == ["c", "b", "a"]


def test_statements_cover_every_circle_with_a_reason():
    frame = model.load_statements()
    assert 12 <= len(frame) <= 20 and set(frame["circle"]) == set(model.CIRCLES)
    assert (frame["reason"].str.len() > 10).all()


def test_a_narrow_spread_needs_more_than_the_seeds_sixteen_per_cent():
    """Mean threshold 40 %: spread 5 % tips only at 29 % committed; spread 25 % needs nobody."""
    assert model.tipping_share(0.05) == 29 and model.tipping_share(0.10) == 21
    assert model.tipping_share(0.25) == 0
