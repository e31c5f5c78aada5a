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


def test_grid_is_small_complete_and_from_the_declarations():
    g = model.grid(THETA)
    assert len(g) == len(model.BUDGET.grid) * len(model.BURST.grid) * len(model.HALF_LIFE.grid)
    assert {"even", "tie"} <= set(g["verdict"]) <= set(model.CADENCE_WORDS)
    assert all(len(c) == model.WEEKS and all(0 <= v <= 100 for v in c) for c in [*g["even"], *g["burst_curve"]])


def test_the_grid_holds_what_the_model_says_for_each_setting():
    for row in model.grid(THETA).itertuples():
        found = model.cadence(row.budget, row.burst, row.half_life, THETA)
        assert row.verdict == found["verdict"] and row.even_mean == found["even_mean"]
        curves = found["curves"]
        assert list(row.even) == curves.loc[curves.schedule == "even", "adopted"].tolist()
        assert list(row.burst_curve) == curves.loc[curves.schedule == "burst", "adopted"].tolist()


def test_the_defaults_are_declared_once_and_never_means_no_forgetting():
    assert (model.BUDGET.default, model.BURST.default, model.HALF_LIFE.default) == (26, 4, 4)
    assert model.forgetting(model.NEVER) == math.inf and model.forgetting(4) == 4
    assert model.HALF_LIFE.high == model.NEVER and model.NEVER in model.HALF_LIFE.grid
    assert model.cadence(26, 4, model.NEVER)["verdict"] == model.winner(model.compare(26, 4, math.inf, THETA))


def test_the_week_52_slice_and_the_yearly_mean_are_the_models():
    found = model.cadence(26, 4, 4)
    assert (found["even_52"], found["burst_52"]) == (71, 0)
    assert found["even_mean"] == pytest.approx(100 * model.compare(26, 4, 4, THETA).query("schedule == 'even'")
                                               ["adopted"].mean())
    assert found["words"][0] == "The even spread is ahead at week 52: 71 % (even) against 0 % (burst)."


# --------------------------------------------------------------------------- hardening regressions

def test_adoption_with_a_half_life_of_zero_raises_a_value_error_not_zero_division():
    """Regression: ``adoption(..., half_life=0)`` raised ZeroDivisionError."""
    with pytest.raises(ValueError, match="half-life must be above 0"):
        model.adoption(model.schedule("even", 26), THETA, half_life=0)


@pytest.mark.parametrize("half_life", [math.nan, -4, 0, -math.inf])
def test_compare_with_a_nan_or_negative_half_life_is_refused_not_100_per_cent(half_life):
    """Regression: ``compare(26, 4, nan, T)`` and ``compare(26, 4, -4, T)`` reported 100 % adoption."""
    with pytest.raises(ValueError, match="half-life"):
        model.compare(26, 4, half_life, THETA)


@pytest.mark.parametrize("args", [(math.nan, 4, 4), (math.inf, 4, 4), (26, 0, 4), (26, 53, 4), (26, 4.5, 4),
                                  (26, 4, None), ("26", 4, 4), (True, 4, 4)])
def test_cadence_refuses_impossible_settings_with_a_sentence(args):
    with pytest.raises(ValueError, match=r"must .*\.$"):
        model.cadence(*args)


def test_adoption_refuses_bad_thresholds_and_doses():
    with pytest.raises(ValueError, match="Thresholds"):
        model.adoption(model.schedule("even", 26), [], 4)
    with pytest.raises(ValueError, match="Thresholds"):
        model.adoption(model.schedule("even", 26), [1, math.nan], 4)
    with pytest.raises(ValueError, match="dose"):
        model.adoption(np.array([1.0, -1.0]), THETA, 4)


def test_winner_refuses_a_frame_that_is_not_comparing_both_schedules():
    with pytest.raises(ValueError, match="compare"):
        model.winner(model.compare(26, 4, 4, THETA).query("schedule == 'even'"))


# --------------------------------------------------------------------------- properties over the documented domain

@given(st.floats(0, 1000), st.integers(1, 52), st.one_of(st.just(math.inf), st.floats(1e-3, 1e3)))
def test_adoption_is_a_finite_share_for_every_valid_input(budget, burst, half):
    for kind in model.SCHEDULES:
        a = model.adoption(model.schedule(kind, budget, burst), THETA, half)
        assert len(a) == model.WEEKS and np.isfinite(a).all() and ((a >= 0) & (a <= 1)).all()


@given(st.one_of(st.sampled_from([math.nan, -math.inf]), st.floats(-1e3, 0)))
def test_every_half_life_at_or_below_zero_or_nan_is_refused(half):
    with pytest.raises(ValueError):
        model.adoption(model.schedule("even", 26), THETA, half)
    with pytest.raises(ValueError):
        model.forgetting(half)


@given(st.one_of(st.sampled_from([math.nan, math.inf, -math.inf]), st.floats(-1e3, -1e-9)))
def test_every_invalid_budget_is_refused(budget):
    with pytest.raises(ValueError):
        model.schedule("even", budget)


@given(st.one_of(st.integers(-10, 0), st.integers(53, 100), st.floats(1.01, 51.99).filter(lambda x: not x.is_integer())))
def test_every_invalid_burst_length_is_refused(burst):
    with pytest.raises(ValueError):
        model.schedule("burst", 26, burst)


@given(st.integers(1, 104), st.integers(1, 26), st.integers(1, model.NEVER))
def test_cadence_gives_finite_per_cents_and_words_for_every_declared_setting(budget, burst, half):
    found = model.cadence(budget, burst, half)
    numbers = [found[k] for k in ("even_52", "burst_52", "even_mean", "burst_mean")]
    assert all(math.isfinite(v) and 0 <= v <= 100 for v in numbers)
    assert found["verdict"] in model.CADENCE_WORDS and len(found["words"]) == 2
    assert (found["verdict"] == "tie") == (found["even_52"] == found["burst_52"])


@given(st.floats(0, 300), st.integers(1, 52), st.one_of(st.just(math.inf), st.floats(1e-3, 1e3)))
def test_compare_gives_both_schedules_every_week_and_a_verdict(budget, burst, half):
    frame = model.compare(budget, burst, half, THETA)
    assert len(frame) == 2 * model.WEEKS and set(frame["schedule"]) == set(model.SCHEDULES)
    assert np.isfinite(frame["adopted"]).all() and model.winner(frame) in model.CADENCE_WORDS


@given(st.floats(1e-6, 1e6))
def test_forgetting_keeps_every_half_life_below_never_and_reads_never_above(half):
    weeks = model.forgetting(half)
    assert weeks == (math.inf if half >= model.NEVER else half)


# --------------------------------------------------------------------------- two measures

def test_the_comparison_reports_both_measures_week_52_and_weeks_of_adoption():
    """Regression (issue #22): only "who leads at week 52" was reported, so the burst never won,
    though it gives more weeks of adoption in many settings of the explorer."""
    found = model.cadence(13, 4, 2)
    assert found["verdict"] == "tie" and found["more_held"] == "burst"
    assert found["words"][1] == model.WEEKS_WORDS["burst"].format(**found)
    counts = model.tally(model.grid(THETA))
    assert counts["at_52"]["burst"] == 0 and counts["weeks"]["burst"] > 0
    assert sum(counts["at_52"].values()) == sum(counts["weeks"].values()) == counts["settings"]


@given(st.floats(0, 300), st.integers(1, 52), halves, st.floats(0, 3))
def test_weeks_of_adoption_is_the_area_under_each_curve(budget, burst, half, peer):
    frame = model.compare(budget, burst, half, THETA, peer)
    held = model.weeks_held(frame)
    for kind in model.SCHEDULES:
        assert held[kind] == pytest.approx(frame.loc[frame.schedule == kind, "adopted"].sum())
        assert 0 <= held[kind] <= model.WEEKS


def test_the_grid_holds_both_measures_for_each_setting():
    for row in model.grid(THETA).itertuples():
        found = model.cadence(row.budget, row.burst, row.half_life, THETA)
        assert (row.even_held, row.burst_held, row.more_held) == (found["even_held"], found["burst_held"],
                                                                   found["more_held"])


# --------------------------------------------------------------------------- the docstring's claims

@given(budgets, bursts, st.floats(0.5, 60))
def test_with_forgetting_the_burst_is_never_ahead_at_week_52(budget, burst, half):
    """The docstring's claim, as stated now: the burst's conversations are the oldest at week 52."""
    assert model.winner(model.compare(budget, burst, half, THETA)) in ("even", "tie")


def test_compare_200_1_52_is_a_tie_at_100_per_cent_as_the_docstring_now_says():
    """Regression (issue #22): the docstring said consistency wins whenever the even level clears
    some thresholds; with 200 conversations, a 1-week burst and a 52-week half-life both clear all."""
    frame = model.compare(200, 1, 52, THETA)
    assert model.winner(frame) == "tie"
    assert frame.loc[frame.week == 52, "adopted"].tolist() == [1.0, 1.0]
    assert "compare(200, 1, 52, theta)" in model.__doc__ and "ties at 100 %" in model.__doc__


# --------------------------------------------------------------------------- peers

doses = st.lists(st.floats(0, 20), min_size=1, max_size=60).map(np.array)
peers = st.floats(0, 5)


@given(doses, halves)
def test_zero_peer_influence_reproduces_the_model_without_peers_exactly(dose, half):
    """The peer loop with p = 0 adds exactly nothing: the same shares as the model without peers."""
    alone = model.adoption(dose, THETA, half)
    assert np.array_equal(model.adoption(dose, THETA, half, peer=0.0), alone)
    frame = model.compare(float(dose.sum()), 4, half, THETA, peer=0)
    assert frame.equals(model.compare(float(dose.sum()), 4, half, THETA))


@given(doses, halves, peers, st.floats(0, 5))
def test_more_peer_influence_never_lowers_adoption(dose, half, peer, extra):
    low = model.adoption(dose, THETA, half, peer)
    high = model.adoption(dose, THETA, half, peer + extra)
    assert (high >= low).all()


@given(st.integers(1, 60), halves, peers)
def test_peers_alone_cannot_start_a_norm(weeks, half, peer):
    """Complex contagion: with no conversation from the leader nobody crosses a threshold."""
    assert not model.adoption(np.zeros(weeks), THETA, half, peer).any()


def test_peer_reference_numbers_by_hand():
    """Never forgets, 2 conversations in week 1, p = 1: A = 0.33, then 2 + 0.33 = 2.33 -> 0.44,
    then 2 + 0.33 + 0.44 = 2.77 -> 0.59 (thresholds 1.015 + 0.03 i)."""
    dose = np.zeros(3)
    dose[0] = 2
    assert model.adoption(dose, THETA, math.inf, peer=1.0).tolist() == pytest.approx([0.33, 0.44, 0.59])


def test_the_tipping_point_is_the_highest_threshold_times_one_minus_d():
    """theta_max (1 - 2^(-1/4)) = 3.985 x 0.1591 = 0.634 a week: just above, a norm everyone holds
    keeps itself all year with no more conversations; just below, it does not."""
    tip = model.tipping(4)
    assert tip == pytest.approx(3.985 * (1 - 2 ** -0.25)) and round(tip, 3) == 0.634
    dose = np.zeros(model.WEEKS)
    dose[0] = 10  # everyone holds it in week 1
    assert model.adoption(dose, THETA, 4, peer=1.01 * tip)[-1] == 1.0
    assert model.adoption(dose, THETA, 4, peer=0.99 * tip)[-1] < 1.0
    assert model.tipping(math.inf) == 0.0


@pytest.mark.parametrize("peer", [-0.1, math.nan, math.inf, 101, "1", True])
def test_an_impossible_peer_influence_is_refused_with_a_sentence(peer):
    with pytest.raises(ValueError, match=r"(Peer influence|Peer talk).*\.$"):
        model.adoption(model.schedule("even", 26), THETA, 4, peer)


@pytest.mark.parametrize("args", [(-0.1, 26, 4), (2, 26, 4), (0.5, 0, 4), (0.5, 26, 0), (math.nan, 26, 4)])
def test_peers_refuses_settings_out_of_its_declarations(args):
    with pytest.raises(ValueError, match=r"\.$"):
        model.peers(*args)


def test_peers_at_the_defaults_reference_numbers():
    """Defaults (p 0.25, 26 conversations, half-life 4): peers lift the even spread from 71 % to
    100 % at week 52; the burst still fades to 0 %; the no-peer numbers are exercise 1's."""
    found = model.peers(model.PEER.default, model.PEER_BUDGET.default, model.PEER_HALF_LIFE.default)
    assert (found["even_52"], found["burst_52"], found["alone_even_52"], found["alone_burst_52"]) == (100, 0, 71, 0)
    alone = model.cadence(26, model.BURST.default, 4)
    assert (alone["even_52"], alone["burst_52"]) == (found["alone_even_52"], found["alone_burst_52"])
    assert found["words"][2] == "With no peer talk: 71 % (even) and 0 % (burst) at week 52."
    assert found["words"][3] == "A norm everyone holds keeps itself from 0.63 peer conversations a week."


def test_peers_with_zero_peer_talk_is_exercise_1_at_the_same_settings():
    for budget in model.PEER_BUDGET.grid:
        for half in model.PEER_HALF_LIFE.grid:
            with_none, before = model.peers(0, budget, half), model.cadence(budget, model.BURST.default, half)
            assert with_none["words"][:2] == before["words"]
            assert with_none["curves"].equals(before["curves"])


def test_enough_peer_talk_keeps_the_burst_going_all_year():
    """Past the tipping point the launch burst holds everyone at week 52 (and gives more weeks)."""
    found = model.peers(0.75, 26, 4)
    assert found["burst_52"] == 100 and found["more_held"] == "burst"
    assert model.peers(0.5, 26, 4)["burst_52"] == 0


def test_the_peer_grid_is_small_and_holds_what_the_model_says():
    g = model.peer_grid(THETA)
    assert len(g) == len(model.PEER.grid) * len(model.PEER_BUDGET.grid) * len(model.PEER_HALF_LIFE.grid) <= 60
    for row in g.sample(10, random_state=3).itertuples():
        found = model.peers(row.peer, row.conversations, row.fading, people=THETA)
        assert (row.verdict, row.more_held, row.tip, row.lasts) == (found["verdict"], found["more_held"], found["tip"],
                                                                    found["lasts"])
        assert list(row.burst_curve) == found["curves"].query("schedule == 'burst'")["adopted"].tolist()


def test_peers_asks_for_a_guess_first_then_says_the_words_and_whether_it_was_right():
    """No spoilers in Exercise 2 either: its words at the defaults would give Exercise 1's answer."""
    asked = model.peers(0.25, 26, 4)
    assert asked["guess"] == "" and asked["said"] == [
        "Peer talk 0.25 a week, 26 conversations from you, a half-life of 4 weeks.", model.PEER_FOLDED[1]]
    assert not any("%" in line for line in asked["said"])
    right, wrong = model.peers(0.25, 26, 4, "no"), model.peers(0.25, 26, 4, "yes")
    assert right["lasts"] == "no" and right["said"][:-1] == right["words"]
    assert right["said"][-1] == "You guessed that the burst fades: right."
    assert wrong["said"][-1] == "You guessed that the burst lasts: not this time."
