"""Delegation models: reference numbers and properties that must always hold."""

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.kit.data import DataFileError
from exercises.delegation import model as m

DECISIONS = m.load_decisions()
score = st.integers(1, 5)


def one(**scores):
    row = {"id": "X", "decision": "x", **{f: 3 for f in m.FACTORS}, **scores}
    return m.recommend(pd.DataFrame([row])).iloc[0]


def test_appelos_seven_levels_in_order():
    """Appelo (2016): tell, sell, consult, agree, advise, inquire, delegate."""
    assert m.LEVELS == ("tell", "sell", "consult", "agree", "advise", "inquire", "delegate")


def test_every_decision_gets_a_level_and_a_one_line_reason():
    rec = m.recommend(DECISIONS)
    assert len(rec) == 12 and set(rec["level"]) <= set(m.LEVELS)
    assert len(set(rec["level"])) == 7  # the board uses every level
    assert all(r.startswith(lvl.capitalize()) and "\n" not in r for r, lvl in zip(rec["reason"], rec["level"]))


def test_middle_scores_mean_agree_and_extremes_the_ends():
    assert one()["level"] == "agree"
    assert one(reversibility=5, team_expertise=5, impact=1)["level"] == "delegate"
    assert one(reversibility=1, team_expertise=1, impact=5)["level"] == "tell"


@settings(max_examples=300)
@given(st.fixed_dictionaries({f: score for f in m.FACTORS}), st.sampled_from(m.FACTORS))
def test_recommendation_is_monotone(scores, factor):
    """More reversible, more team expertise or more urgency never means less delegation;
    more impact or more leader expertise never means more."""
    if scores[factor] == 5:
        return
    before = one(**scores)["rank"]
    after = one(**{**scores, factor: scores[factor] + 1})["rank"]
    if m.WEIGHTS[factor] > 0:
        assert after >= before
    else:
        assert after <= before


def test_board_frame_counts_levels_off():
    rec = m.recommend(DECISIONS)
    board = m.board_frame(rec, ["tell", "", "<b>x</b>"])
    assert board["gap"].iloc[0] == 1 - rec["rank"].iloc[0]
    assert board["given"].tolist()[1:3] == ["", ""] and board["gap"].isna().sum() == 11
    lines = m.level_feedback(board)
    assert f"{rec['rank'].iloc[0] - 1} levels less delegation" in lines[1]
    assert m.level_feedback(m.board_frame(rec, list(rec["level"])))[0].endswith("the same on 12.")


def test_duties_file_has_both_owners_and_reasons():
    duties = m.load_duties()
    assert set(duties["owner"]) == set(m.OWNERS) and duties["reason"].str.len().min() > 20


def test_malformed_decision_file_names_file_line_and_column(tmp_path):
    bad = tmp_path / "d.csv"
    bad.write_text("id,decision,reversibility,impact,team_expertise,leader_expertise,urgency\nA,x,9,1,1,1,1\n")
    with pytest.raises(DataFileError, match=r"line 2, column 'reversibility'"):
        m.load_decisions(str(bad))


# --------------------------------------------------------------------------- the bottleneck


def test_textbook_mm1_numbers():
    """Kleinrock (1975): λ = 8, μ = 10 gives W = 1 / (μ − λ) = 0.5; Reinertsen (2009): time in
    system over service time is 1 / (1 − ρ): 2 at 50 %, 4 at 75 %, 10 at 90 % utilisation."""
    assert m.lead_time(8, 10, 0) == pytest.approx(0.5)
    for rho, factor in [(0.5, 2), (0.75, 4), (0.9, 10)]:
        assert m.lead_time(rho, 1, 0) == pytest.approx(factor)
    assert m.lead_time(20, 15, 0) == math.inf and m.explosion_share(20, 15) == pytest.approx(0.25)
    assert m.lead_time(20, 15, 0.5) == pytest.approx(0.2)


rates = st.floats(0.5, 60)
share = st.floats(0, 1)


@settings(max_examples=300)
@given(rates, rates, share, st.floats(0, 10), st.floats(0, 10), st.floats(0, 1))
def test_lead_time_is_monotone(lam, mu, d, more_lam, more_mu, more_d):
    """Never decreases in λ; never increases in d or μ."""
    w = m.lead_time(lam, mu, d)
    assert m.lead_time(lam + more_lam, mu, d) >= w
    assert m.lead_time(lam, mu + more_mu, d) <= w
    assert m.lead_time(lam, mu, min(1, d + more_d)) <= w


@settings(max_examples=40, deadline=None)
@given(st.floats(1, 40), st.floats(1, 40), share)
def test_simulation_agrees_with_the_formula(lam, mu, d):
    """Mean and 90th percentile within TOLERANCE of 1/(μ − λ(1−d)) and ln(10) times that, up to RHO_CHECK."""
    rho = lam * (1 - d) / mu
    if rho > m.RHO_CHECK:
        return
    times = m.simulate(lam, mu, d)
    w = m.lead_time(lam, mu, d)
    assert times.mean() == pytest.approx(w, rel=m.TOLERANCE)
    assert np.quantile(times, 0.9) == pytest.approx(math.log(10) * w, rel=m.TOLERANCE)


def test_simulation_is_seeded_and_monotone_in_the_share_delegated():
    a, b = m.simulate(20, 15, 0.4), m.simulate(20, 15, 0.4)
    np.testing.assert_array_equal(a, b)
    means = [m.simulate(20, 15, d).mean() for d in (0.3, 0.4, 0.6, 0.9)]
    assert means == sorted(means, reverse=True)


def test_curve_marks_your_point_and_the_explosion():
    curve = m.bottleneck_curve(20, 15, 0.5)
    assert curve.loc[curve["yours"], "share"].tolist() == [50.0]
    assert curve["explodes_at"].iloc[0] == pytest.approx(25)
    assert curve.loc[curve["share"] <= 25, "lead_days"].isna().all()
    assert curve.loc[curve["share"] > 25, "lead_days"].notna().all()
    both = curve.dropna(subset=["p10_days", "lead_days"])
    assert len(both) > 50
    assert (both["p10_days"] <= both["lead_days"]).all() and (both["p90_days"] >= both["lead_days"]).all()


@pytest.mark.parametrize("bad", [(0, 1, 0), (1, -1, 0), (1, 1, 1.5), ("x", 1, 0), (float("nan"), 1, 0)])
def test_bad_rates_are_refused_with_a_message(bad):
    with pytest.raises(ValueError):
        m.check_rates(*bad)


def test_grid_stays_small():
    grid = m.bottleneck_grid((10, 20), (10, 15))
    assert len(grid) == 4 * 21


@pytest.mark.parametrize("lam, mu", [(0, 15), (-5, 15), (15, 0), (float("inf"), 15), (float("nan"), 1), ("x", 1)])
def test_explosion_share_refuses_impossible_rates_with_a_sentence(lam, mu):
    """Hardening 2, item 14: ``explosion_share(0, 15)`` raised ZeroDivisionError and
    ``explosion_share(-5, 15)`` returned 4.0 (400 %)."""
    with pytest.raises(ValueError, match="number"):
        m.explosion_share(lam, mu)


@given(st.integers(1, 60), st.integers(1, 60), st.integers(0, 100))
def test_the_queue_grows_exactly_when_as_many_arrive_as_you_decide(lam, mu, share):
    """Hardening 2, item 1: whole rates and per cents compare exactly (no 0.9999999999999998)."""
    grows = lam * (100 - share) >= mu * 100
    assert m.queue_grows(lam, mu, share / 100) is grows
    assert (m.lead_time(lam, mu, share / 100) == float("inf")) is grows
    result = m.bottleneck(lam, mu, share)
    assert result["grows"] is grows and (result["at"]["verdict"] == "grows") is grows


@given(st.integers(1, 60), st.integers(1, 60), st.sampled_from(m.DELEGATED.grid))
def test_the_bottleneck_always_says_two_finite_lines(lam, mu, share):
    words = m.bottleneck(lam, mu, share)["words"]
    assert len(words) == 2 and all(words)
    assert not re.search(r"\b(nan|NaN|inf|Infinity|None)\b", " ".join(words)), words


def test_the_default_inputs_show_the_proses_cliff():
    """The prose's example is what both faces start from: 20 a week, 15 you decide, a cliff at 25 %."""
    assert (m.DECISIONS.default, m.CAPACITY.default) == (20, 15)
    assert m.explosion_share(m.DECISIONS.default, m.CAPACITY.default) == pytest.approx(0.25)
    assert m.bottleneck(20, 15, 25)["grows"] and not m.bottleneck(20, 15, 30)["grows"]


# --------------------------------------------------------------------------- your own decision

_score = st.integers(min_value=1, max_value=5)


@given(_score, _score, _score, _score, _score)
@settings(max_examples=200, deadline=None)
def test_your_own_decision_gets_the_rules_level_and_its_points_add_up(r, i, t, lead, u):
    scores = {"reversibility": r, "impact": i, "team_expertise": t, "leader_expertise": lead, "urgency": u}
    found = m.score(**scores)
    rule = m.recommend(pd.DataFrame([{"id": "x", "decision": "x", **scores}])).iloc[0]
    assert (found["level"], found["rank"], found["points"]) == (rule["level"], rule["rank"], rule["points"])
    assert sum(found["parts"].values()) == found["points"]
    assert list(found["frame"]["points"]) == [found["parts"][f] for f in m.FACTORS]
    assert found["words"][0].startswith(f"The rule says {rule['level'].capitalize()} (")


def test_your_own_decision_starts_in_the_middle_at_agree():
    found = m.score(**{spec.name: spec.default for spec in m.SCORE_INPUTS})
    assert (found["points"], found["level"]) == (0, "agree")


@pytest.mark.parametrize("bad", [0, 6, 5.6, float("nan"), None, "3", True])
def test_a_score_outside_1_to_5_is_refused_with_a_sentence(bad):
    with pytest.raises(ValueError, match=r"\w+ .*(must|number)"):
        m.score(bad, 3, 3, 3, 3)


# --------------------------------------------------------------------------- the chapter's prose


def test_everything_delegated_says_none_reach_you():
    """Regression (at 100 % it said "you get 0.0 decisions … each waits 0.3 days"): with everything
    delegated the words say, as a person would, that no decision reaches you."""
    for lam, mu in [(20, 15), (10, 20), (60, 1)]:
        said = " ".join(m.bottleneck(lam, mu, 100)["words"])
        assert "no decision reaches you" in said and "none waits for you" in said
        assert not re.search(r"\b0\.0\b|\bdays\b", said), said


def test_the_story_is_made_from_the_model_at_the_declared_defaults():
    story = m.bottleneck_story()
    lam, mu, d = m.DECISIONS.default, m.CAPACITY.default, m.DELEGATED.default
    assert (story["decisions"], story["capacity"], story["delegated"]) == (lam, mu, d)
    assert story["waiting"] == (lam - mu) * m.QUARTER_WEEKS
    assert story["cliff"] == pytest.approx(m.explosion_share(lam, mu) * 100)
    assert m.bottleneck(lam, mu, story["cliff"])["grows"] and not m.bottleneck(lam, mu, story["near"])["grows"]
    at = m.bottleneck(lam, mu, d)["at"]
    assert f"spends {at['lead_days']:.1f} working day" in story["solution"]
    assert f"{(lam - mu) * m.QUARTER_WEEKS:.0f} decisions are waiting" in story["intro"]
    assert f"Imagine {lam:.0f} decisions reach you each week and you can properly take {mu:.0f}." in story["intro"]


@given(st.integers(2, 60), st.integers(1, 59), st.sampled_from(m.DELEGATED.grid))
@settings(max_examples=80, deadline=None)
def test_the_story_follows_any_rates_or_refuses_with_a_sentence(lam, mu, d):
    try:
        story = m.bottleneck_story(lam, mu, d)
    except ValueError as err:
        assert re.search(r"\w+ \w+", str(err))
        assert lam <= mu or m.bottleneck(lam, mu, d)["at"]["verdict"] not in ("settled", "busy") or \
            m.explosion_share(lam, mu) * 100 + m.DELEGATED.step > 100 or \
            m.bottleneck(lam, mu, min(100, (math.floor(m.explosion_share(lam, mu) * 100 / 5 + 1e-9) + 1) * 5))[
                "at"]["verdict"] not in ("settled", "busy")
        return
    assert f"fall {lam - mu} behind every week" in story["intro"]
    assert not re.search(r"\b(nan|inf|None)\b", story["intro"] + story["solution"])


def test_each_decision_carries_its_five_scores_in_words():
    rec = m.recommend(m.load_decisions())
    for row in rec.itertuples():
        assert row.scores == m.SCORES_WORDS.format(**{f: getattr(row, f) for f in m.FACTORS})
