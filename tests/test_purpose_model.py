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


def test_half_the_market_comes_after_rogers_sixteen_per_cent():
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


def test_a_narrow_spread_needs_more_than_rogers_sixteen_per_cent():
    """Mean threshold 40 %: spread 5 % tips only at 29 % committed; spread 25 % needs nobody."""
    assert model.tipping_share(0.05) == 29 and model.tipping_share(0.10) == 21
    assert model.tipping_share(0.25) == 0


# --------------------------------------------------------------------------- declared once

def test_inputs_are_declared_once_and_the_static_grids_come_from_them():
    assert model.SPREAD.low == 1 and model.SPREAD.high == 30  # one range for both faces (was 1–30 live, 5–25 static)
    assert set(model.cascade_grid()["spread"]) == set(model.SPREAD.grid)
    assert set(model.cascade_grid()["mean"]) == set(model.MEAN.grid)
    grid = model.bass_grid()
    assert set(grid["p"]) == set(model.P.grid) and set(grid["q"]) == set(model.Q.grid)


def test_the_never_tips_branch_is_reachable_on_the_static_grid():
    grid = model.cascade_grid()
    assert (grid["verdict"] == "never").any() and (grid["verdict"] == "tips").any()
    assert ((grid["tip"] < 0) == (grid["verdict"] == "never")).all()


def test_the_grids_hold_what_the_model_says_for_each_setting():
    for row in model.bass_grid().itertuples():
        found = model.bass(row.p, row.q)
        assert row.verdict == found["verdict"] and row.t16 == found["t16"]
        assert row.cumulative == [round(v, 1) for v in found["curve"]["cumulative"]]
    for row in model.cascade_grid().itertuples():
        assert list(row.joined) == model.cascade_curve(row.spread / 100, row.mean / 100)["joined"].tolist()


# --------------------------------------------------------------------------- hardening regressions

def test_bass_peak_time_of_zero_innovation_raises_a_value_error_not_zero_division():
    """Regression: ``bass_peak_time(0, q)`` raised ZeroDivisionError."""
    with pytest.raises(ValueError, match="Innovation p must be above 0"):
        model.bass_peak_time(0, 0.38)


def test_crowd_thresholds_with_a_committed_share_above_one_is_refused_not_150_people():
    """Regression: ``crowd_thresholds(1.5, .1)`` returned 150 people for a crowd of 100."""
    with pytest.raises(ValueError, match="committed share must be from 0 to 1"):
        model.crowd_thresholds(1.5, 0.1)
    assert len(model.crowd_thresholds(1.0, 0.1)) == model.CROWD


def test_message_checks_of_none_raises_a_value_error_not_attribute_error():
    """Regression: ``message_checks(None, '', '')`` raised AttributeError."""
    with pytest.raises(ValueError, match="The why must be text"):
        model.message_checks(None, "", "")
    with pytest.raises(ValueError, match="must be text"):
        model.why_checks(None)


@pytest.mark.parametrize("p, q", [(math.nan, 0.38), (0.03, math.nan), (math.inf, 0.3), (-0.1, 0.3), (0.03, -1),
                                  (0.03, 3), ("0.03", 0.38), (None, 0.38), (True, 0.38)])
def test_bass_given_nan_or_out_of_range_raises_a_sentence(p, q):
    """Regression: NaN reached the Bass model and came back as a NaN answer."""
    with pytest.raises(ValueError, match=r"^(Innovation p|Imitation q) must .*\.$"):
        model.bass(p, q)


@pytest.mark.parametrize("spread, committed, mean", [(math.nan, 16, 40), (10, 16.5, 40), (10, 51, 40), (10, -1, 40),
                                                     (101, 16, 40), (10, 16, math.inf), (None, 16, 40)])
def test_crowd_refuses_impossible_settings(spread, committed, mean):
    with pytest.raises(ValueError, match=r"must .*\.$"):
        model.crowd(spread, committed, mean)


def test_bass_time_to_refuses_the_whole_market():
    with pytest.raises(ValueError, match="below 1"):
        model.bass_time_to(1.0, 0.03, 0.38)


def test_cascade_refuses_nan_thresholds():
    with pytest.raises(ValueError, match="finite"):
        model.cascade([0, math.nan])


# --------------------------------------------------------------------------- properties over the documented domain

valid_p = st.floats(1e-4, 1.0)
valid_q = st.floats(0.0, 2.0)
not_finite = st.sampled_from([math.nan, math.inf, -math.inf])


@given(valid_p, valid_q)
def test_bass_gives_finite_in_range_results_for_every_valid_p_and_q(p, q):
    found = model.bass(p, q)
    assert all(math.isfinite(found[k]) and found[k] >= 0 for k in ("peak", "t16", "t50"))
    assert found["t16"] <= found["t50"] + 1e-9
    assert found["curve"]["cumulative"].between(0, 100 + 1e-9).all()
    assert found["verdict"] in model.BASS_WORDS and len(found["words"]) == 2


@given(st.one_of(not_finite, st.floats(-10, 0), st.floats(1.0001, 10)), valid_q)
def test_bass_refuses_every_invalid_p(p, q):
    with pytest.raises(ValueError):
        model.bass(p, q)
    with pytest.raises(ValueError):
        model.bass_peak_time(p, q)


@given(valid_p, st.one_of(not_finite, st.floats(-10, -1e-9), st.floats(2.0001, 10)))
def test_bass_refuses_every_invalid_q(p, q):
    with pytest.raises(ValueError):
        model.bass_curve(p, q)


@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_crowd_thresholds_are_a_crowd_of_100_within_0_and_100(committed, spread, mean):
    found = model.crowd_thresholds(committed, spread, mean)
    assert len(found) == model.CROWD and np.isfinite(found).all() and ((found >= 0) & (found <= 100)).all()


@given(st.one_of(not_finite, st.floats(-5, -1e-9), st.floats(1.0001, 5)), st.floats(0, 1))
def test_crowd_thresholds_refuse_every_share_outside_0_and_1(bad, ok):
    for args in ((bad, ok), (ok, bad), (ok, ok, bad)):
        with pytest.raises(ValueError):
            model.crowd_thresholds(*args)


@given(st.integers(0, 100), st.integers(0, 50), st.integers(0, 100))
def test_crowd_gives_a_share_and_a_tip_in_range(spread, committed, mean):
    found = model.crowd(spread, committed, mean)
    assert committed <= found["joined"] <= 100
    assert found["tip"] is None or 0 <= found["tip"] <= 50
    assert (found["verdict"] == "never") == (found["tip"] is None)
    assert (found["tip"] is not None and found["tip"] <= committed) == (found["joined"] >= model.TIPPED)


@given(st.one_of(st.none(), st.integers(), st.binary()), st.text(max_size=20))
def test_message_checks_refuse_anything_but_text(bad, ok):
    for args in ((bad, ok, ok), (ok, bad, ok), (ok, ok, bad)):
        with pytest.raises(ValueError):
            model.message_checks(*args)
    with pytest.raises(ValueError):
        model.assemble(bad, ok, ok)


@given(st.text(max_size=200), st.text(max_size=50), st.text(max_size=50))
def test_message_checks_give_three_checks_with_counts_that_match_the_words(why, how, what):
    checks = model.message_checks(why, how, what)
    assert len(checks) == 3
    assert (checks["passed"] == (checks["tripped"] == 0)).iloc[:2].all()
    assert all(n == len([w for w in words.split(", ") if w]) for n, words in zip(checks["tripped"], checks["words"]))


@given(valid_p, valid_q, st.floats(1e-6, 1 - 1e-6))
def test_bass_time_to_is_finite_and_grows_with_the_share(p, q, share):
    t = model.bass_time_to(share, p, q)
    assert math.isfinite(t) and t >= 0
    assert model.bass_time_to(min(share * 1.01, 1 - 1e-9), p, q) >= t - 1e-9


@given(st.one_of(not_finite, st.floats(-5, 0), st.floats(1, 5)), valid_p, valid_q)
def test_bass_time_to_refuses_every_share_outside_0_and_1(share, p, q):
    with pytest.raises(ValueError):
        model.bass_time_to(share, p, q)


@given(st.one_of(not_finite, st.floats(-100, -1e-9)), valid_p, valid_q)
def test_bass_cumulative_refuses_negative_or_non_finite_time(t, p, q):
    with pytest.raises(ValueError):
        model.bass_cumulative([0, t], p, q)


@given(st.lists(st.floats(0, 200), min_size=0, max_size=80))
def test_a_cascade_of_valid_thresholds_is_a_count_of_the_crowd(thresholds):
    joined = model.cascade(thresholds)
    assert 0 <= joined <= len(thresholds)
    assert joined == sum(t <= joined + 1e-9 for t in thresholds)  # a fixed point


@given(st.lists(st.one_of(not_finite, st.floats(-100, -1e-9)), min_size=1, max_size=5))
def test_a_cascade_refuses_negative_or_non_finite_thresholds(bad):
    with pytest.raises(ValueError):
        model.cascade([0, 1, *bad])


@given(st.floats(0, 1), st.floats(0, 1))
def test_cascade_curve_and_tipping_share_agree_and_stay_in_range(spread, mean):
    curve = model.cascade_curve(spread, mean)
    tip = model.tipping_share(spread, mean)
    assert curve["joined"].between(0, 100).all() and list(curve["committed"]) == list(model.COMMITTED_STEPS)
    assert (tip is None) == (curve["joined"].max() < model.TIPPED)


@given(st.one_of(not_finite, st.floats(-5, -1e-9), st.floats(1.0001, 5)))
def test_cascade_curve_and_tipping_share_refuse_shares_outside_0_and_1(bad):
    for args in ((bad,), (0.1, bad)):
        with pytest.raises(ValueError):
            model.cascade_curve(*args)
        with pytest.raises(ValueError):
            model.tipping_share(*args)


def test_checks_frame_refuses_anything_but_the_checks():
    with pytest.raises(ValueError, match="message_checks"):
        model.checks_frame(None)
    assert list(model.checks_frame(model.message_checks("a", "b", "c")).columns) == ["check", "passed", "tripped"]


@given(st.text(max_size=300))
def test_message_lines_head_each_check_and_name_at_most_the_shown_words(why):
    checks = model.message_checks(why, "", "")
    lines = model.message_lines(checks)
    heads = [line for line in lines if line[:1] in (model.PASS_MARK, model.TRIP_MARK)]
    assert heads == [("✓ " if ok else "✗ ") + check for ok, check in zip(checks["passed"], checks["check"])]
    for line in lines:
        if line.startswith("Tripped by: "):
            named = line.removeprefix("Tripped by: ").rsplit(" and ", 1)[0].rstrip(".").split(", ")
            assert len(named) <= model.SHOWN_WORDS
            assert all(len(w) <= model.WORD_CHARS + 1 for w in named)


def test_a_why_with_many_words_names_the_first_and_counts_the_rest():
    why = "app apps feature features dashboard dashboards button buttons " + "9" * 40
    lines = model.message_lines(model.message_checks(why, "", ""))
    assert "Tripped by: app, apps, feature, features, dashboard, dashboards and 2 more." in lines
    assert f"Tripped by: {'9' * model.WORD_CHARS}…." in lines


@given(st.text(alphabet=st.sampled_from("ab c\u0301🙂"), max_size=200), st.integers(1, 40))
def test_wrap_keeps_every_line_within_the_width_and_drops_only_spaces(text, width):
    lines = model.wrap(text, width)
    assert all(len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(st.text(max_size=200))
def test_preview_is_the_start_of_the_part_or_says_it_is_empty(text):
    shown = model.preview(text, "how")
    assert shown == "(no how yet)" if not text else (shown == text or shown == text[:model.PART_CHARS] + "…")


def test_the_page_reads_the_feature_words_the_model_checks_against():
    assert model.message_grid()["feature_words"].iloc[0] == sorted(model.FEATURE_WORDS)
    with pytest.raises(ValueError, match="width"):
        model.wrap("x", 0)


@given(st.sampled_from(model.SPREAD.grid), st.integers(0, 50), st.sampled_from(model.MEAN.grid))
def test_before_asking_the_words_never_name_the_tipping_share(spread, committed, mean):
    hidden, shown = model.crowd(spread, committed, mean, reveal=False), model.crowd(spread, committed, mean)
    assert hidden["said"] in ("tipped", "short") and shown["said"] == shown["verdict"]
    assert hidden["words"][0] == shown["words"][0] and hidden["words"][1] != shown["words"][1]
    assert (hidden["said"] == "tipped") == (hidden["joined"] >= model.TIPPED)
    assert hidden["curve"]["shown"].tolist() == (hidden["curve"]["committed"] <= committed).tolist()
    assert shown["curve"]["shown"].all()


def test_the_grid_holds_what_the_folded_words_say_at_each_share():
    for row in model.cascade_grid().itertuples():
        for committed, said in zip(row.committed, row.reached):
            assert said == model.crowd(row.spread, committed, row.mean, reveal=False)["said"]
