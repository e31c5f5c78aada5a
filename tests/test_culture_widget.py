"""Culture live exercise, driven in-process as a learner would."""

import json
import random

import pytest

from exercises.culture import model, widget
from exercises.culture.widget import CadenceExercise


def test_forgetting_makes_the_even_spread_win_at_week_52():
    ex = CadenceExercise(mode="live")
    ex.budget.value, ex.burst.value, ex.half.value = 26, 4, 4
    ex.inputs["guess"].value = "even"
    assert "You guessed the even spread: right." in ex.summary.value
    assert "even spread is ahead" in ex.summary.value and "71 % (even)" in ex.summary.value
    assert ex.answer()["winner"] == "even" and ex.answer()["even_at_52"] == 0.71


def test_never_forgetting_ties():
    ex = CadenceExercise(mode="live")
    ex.half.value = widget.NEVER
    ex.inputs["guess"].value = "burst"
    assert "You guessed the burst: not this time." in ex.summary.value
    assert "tie" in ex.summary.value and ex.answer()["half_life"] is None


def test_no_curve_and_no_verdict_before_a_guess():
    """No spoilers: the guess is the attempt; before it the summary asks for one and the chart is empty."""
    ex = CadenceExercise(mode="live")
    assert ex.inputs["guess"].value == ""
    assert "ahead at week 52:" not in ex.summary.value and "tie at week 52" not in ex.summary.value
    assert "Guess first" in ex.summary.value and "26 conversations: spread evenly" in ex.summary.value
    assert not any(next(iter(ex.chart.spec["datasets"].values()), []))
    ex.inputs["guess"].value = "tie"
    drawn = next(iter(ex.chart.spec["datasets"].values()))
    assert {row["schedule"] for row in drawn} == set(model.SCHEDULES) and len(drawn) >= 2 * model.WEEKS
    assert "ahead at week 52" in ex.summary.value and ex.answer()["guess"] == "tie"


def test_the_live_face_starts_at_the_declared_defaults():
    ex = CadenceExercise(mode="static")
    assert ex.values() == {spec.name: spec.default for spec in model.CADENCE_INPUTS}
    assert widget.NEVER is model.NEVER


def test_every_action_runs_and_every_answer_is_finite_json():
    ex = CadenceExercise(mode="live")
    rng = random.Random(1)
    for _ in range(30):
        rng.choice(ex.actions()).act(rng)
        json.dumps(ex.answer(), allow_nan=False)
    assert "<p>" in ex.summary.value


def test_a_half_life_below_the_slider_still_gives_a_finite_answer():
    ex = CadenceExercise(mode="static")
    before = ex.answer()
    ex.half.value = 0  # below the slider: clamped by the slider to its lowest value, a value the model takes
    json.dumps(ex.answer(), allow_nan=False)
    assert "Something went wrong" not in ex.problems.value
    assert before["winner"] in {"even", "burst", "tie"}


def test_answer_reads_the_result_and_never_asks_the_model_again(monkeypatch):
    ex = CadenceExercise(mode="static")
    for name in ("cadence", "compare", "adoption", "winner"):
        monkeypatch.setattr(model, name, lambda *a, **k: pytest.fail("answer() asked the model again"))
    assert ex.answer()["budget"] == model.BUDGET.default


def test_check_has_four_questions_built_from_the_declared_defaults():
    questions = widget.check().questions
    assert len(questions) == 4
    assert "more weeks of adoption" in questions[3].prompt and tuple(questions[3].correct) == (1,)  # the burst
    assert f"{model.BUDGET.default} conversations, a {model.BURST.default}-week burst" in questions[0].prompt


def test_the_cadence_answer_keeps_its_keys_and_adds_the_weeks_of_adoption():
    """answer() keys are read by the room's dashboard and the plan chapter: only added to."""
    answer = CadenceExercise(mode="static").answer()
    assert {"budget", "burst_weeks", "half_life", "even_at_52", "burst_at_52", "winner", "guess"} <= set(answer)
    assert answer["burst_weeks"] == model.BURST.default  # the burst's length, not weeks of adoption
    assert (answer["even_weeks_held"], answer["burst_weeks_held"], answer["more_weeks_held"]) == (31.72, 16.0, "even")


def test_the_cadence_summary_says_both_measures_once_guessed():
    ex = CadenceExercise(mode="live")
    ex.budget.value, ex.half.value = 13, 2
    ex.inputs["guess"].value = "tie"
    assert "tie at week 52" in ex.summary.value and "The burst gives more weeks of adoption" in ex.summary.value


def test_the_peer_exercise_starts_at_the_declared_defaults_and_says_the_models_words():
    ex = widget.PeerExercise(mode="live")
    assert ex.values() == {spec.name: spec.default for spec in model.PEER_INPUTS}
    found = model.peers(**ex.values())
    assert all(line in ex.summary.value for line in found["said"]) and "Guess first" in ex.summary.value
    assert not any(next(iter(ex.chart.spec["datasets"].values()), []))  # no curve before a guess
    ex.inputs["peer_guess"].value = "yes"
    assert all(line in ex.summary.value for line in model.peers(**ex.values())["words"])
    assert "You guessed that the burst lasts: not this time." in ex.summary.value
    ex.inputs["peer"].value = 0.75
    assert "The burst gives more weeks of adoption" in ex.summary.value
    assert ex.answer()["burst_at_52"] == 1.0 and ex.answer()["more_weeks_held"] == "burst"


def test_the_peer_exercise_refuses_a_value_out_of_range_and_keeps_the_last_good_one():
    ex = widget.PeerExercise(mode="static")
    before = ex.answer()
    ex.inputs["peer"].value = float("nan")
    assert ex.answer() == before
    json.dumps(ex.answer(), allow_nan=False)


def test_every_peer_action_runs_and_every_answer_is_finite_json():
    ex = widget.PeerExercise(mode="live")
    rng = random.Random(7)
    for _ in range(30):
        rng.choice(ex.actions()).act(rng)
        json.dumps(ex.answer(), allow_nan=False)
    assert "<p>" in ex.summary.value and "Something went wrong" not in ex.problems.value


def test_the_peer_answer_reads_the_result_and_never_asks_the_model_again(monkeypatch):
    ex = widget.PeerExercise(mode="static")
    for name in ("peers", "cadence", "compare", "adoption"):
        monkeypatch.setattr(model, name, lambda *a, **k: pytest.fail("answer() asked the model again"))
    assert ex.answer()["peer"] == model.PEER.default
