"""Influence and buy-in live exercises, driven in-process as a learner would."""

import json
import random

import pytest

from exercises.influence import model, widget
from exercises.influence.widget import CascadeExercise, ObstacleExercise
from exercises.kit.text import safe_text

LEADERS = model.load_leaders()


def test_the_cascade_starts_from_the_chief_executive_and_compares_with_greedy_and_best():
    ex = CascadeExercise(mode="live")
    assert ex.seeds == ("ceo",)
    assert "5 of 12 on board after 2 rounds" in ex.summary.value
    ex.menus[1].value = "ops"
    assert "Greedy with" not in ex.summary.value and "Show the best" in ex.summary.value  # asked for, not given
    ex.show_best.value = True
    assert "Greedy with 2: Lena, Priya → 9" in ex.summary.value and "The best 2: Priya, Marco → 10" in ex.summary.value


def test_the_rounds_step_through_the_cascade():
    ex = CascadeExercise(mode="live")
    ex.choose(["dev", "sal"])
    frame = LEADERS.assign(step=ex.result["step"])
    ex.first_round.click()
    assert "Round 0: 3 on board" in ex.summary.value
    for shown in range(1, frame["step"].max() + 1):
        ex.next_round.click()
        joined = frame.loc[frame["step"] == shown, "name"].tolist()
        assert f"Round {shown}: " in ex.summary.value and all(name in ex.summary.value for name in joined)
    ex.next_round.click()
    assert "stopped after round 3" in ex.notice.value
    (data,) = ex.chart.spec["datasets"].values()
    people = [r for r in data if r["kind"] == "person"]
    assert {r["status"] for r in people} == set(model.STATUSES)
    assert [r["status"] for r in people if r["joins"] == "Never"] == ["Not on board"] * 2
    assert [r["on_board"] for r in data if r["kind"] == "round"] == ex.result["on_board"]


def test_the_live_matrix_shows_who_is_on_board_at_the_round_shown():
    """Issue #22 (both faces): the live chart draws the network matrix, every pair of the network
    with its share, each cell on exactly when its speaker is on board at the round shown; Dana's
    row is named with her threshold."""
    ex = CascadeExercise(mode="live")
    ex.choose(["dev", "sal"])
    ex.first_round.click()
    for shown in range(0, 4):
        (data,) = ex.chart.spec["datasets"].values()
        edges = [r for r in data if r["kind"] == "edge"]
        on = {name for name, s in zip(LEADERS["name"], ex.result["step"]) if 0 <= s <= shown}
        assert len(edges) == len(model.load_network(leaders=LEADERS))
        assert [r["on"] for r in edges] == [r["speaker_name"] in on for r in edges]
        assert {r["label"] for r in edges if r["speaker_name"] == "Marco"} >= {"Dana needs 50%"}
        ex.next_round.click()


def test_the_same_person_twice_is_one_conversation_with_a_message():
    ex = CascadeExercise(mode="live")
    ex.menus[1].value = "ceo"
    assert ex.seeds == ("ceo",) and "same person twice" in ex.problems.value


def test_a_choice_from_code_refuses_strangers_and_more_than_three():
    ex = CascadeExercise(mode="live")
    ex.choose(["ceo", "<b>x</b>"])
    assert "not a leader: &lt;b&gt;x&lt;/b&gt;" in ex.notice.value and ex.seeds == ("ceo",)
    ex.choose(["ceo", "cfo", "dev", "ops"])
    assert "at most 3" in ex.notice.value and ex.seeds == ("ceo",)
    ex.choose([])
    assert ex.seeds == () and "Nobody talked to yet: 1 of 12" in ex.summary.value


def test_the_obstacles_group_by_owner_and_keep_the_plan():
    ex = ObstacleExercise(mode="live")
    assert "0 obstacles" in ex.summary.value and ex.answers().empty
    ex.worked.click()
    assert "6 obstacles with 5 owners. Talk first to Operations: they own 2." in ex.summary.value
    plan = ex.answers()
    assert plan["owner"].tolist()[0] == "Operations" and "Ask Finance" in ex.solution.value
    ex.clear.click()
    assert ex.answers().empty and ex.solution.value == ""


def test_typed_markup_is_shown_as_text_and_bad_rows_are_explained():
    ex = ObstacleExercise(mode="live")
    ex.obstacles[0].value, ex.owners[0].value = "<script>alert(1)</script> tooling", "<b>Ops</b>"
    ex.obstacles[1].value = "x" * 5000
    ex.owners[1].value = "   "
    ex.obstacles[2].value, ex.owners[2].value = "\x00\x07", "Ops"
    html = ex.summary.value + ex.solution.value + ex.problems.value
    assert "<script>" not in html and "<b>Ops</b>" not in html and "&lt;b&gt;Ops&lt;/b&gt;" in html
    assert "Row 2:" in ex.problems.value and "Write who owns it first" in ex.problems.value
    assert "Row 3:" in ex.problems.value and "Write the obstacle first" in ex.problems.value
    assert ex.answers()["count"].tolist() == [1]


def test_every_action_runs_without_an_error():
    for ex in (CascadeExercise(mode="live"), ObstacleExercise(mode="live")):
        rng = random.Random(7)
        for _ in range(40):
            rng.choice(ex.actions()).act(rng)
            assert "Something went wrong" not in ex.problems.value
            assert any(ch.isdigit() for ch in ex.summary.value)


def test_the_check_takes_its_answers_from_the_model():
    quiz = widget.check()
    first, second, _, label = quiz.questions
    assert first.options[first.correct[0]].startswith("Lena")
    assert second.options[second.correct[0]].startswith("10: ")
    # the options name no one of the best pair: the explanation, shown after an answer, does
    assert not any(name in option for option in second.options for name in ("Priya", "Marco"))
    assert "Priya and Marco" in second.explain
    assert dict(zip(label.items, label.answers))["Priya, Development (power 8, interest 8)"] == "Manage closely"


def test_the_live_menus_and_slider_start_from_the_declarations():
    ex = CascadeExercise(mode="live")
    assert [m.value for m in ex.menus] == [spec.default for spec in model.CASCADE_INPUTS[:model.MENUS]]
    assert ex.round.value == model.ROUND.default and ex.menus[0].value == model.FIRST_DEFAULT
    ob = ObstacleExercise(mode="live")
    assert [ob.inputs[spec.name].value for spec in model.OBSTACLE_INPUTS] == [s.default for s in model.OBSTACLE_INPUTS]


def test_a_menu_set_to_none_made_answer_raise():
    """Regression: a menu set to None (from code) made answer() raise; the kit now refuses it."""
    ex = CascadeExercise(mode="live")
    ex.menus[1].value = "ops"
    before = ex.answer()
    for menu in ex.menus:
        menu.value = None
        assert "Choose one of the options for First conversation" in ex.notice.value
    assert [m.value for m in ex.menus] == ["ceo", "ops", ""] and ex.answer() == before
    assert "Something went wrong" not in ex.problems.value
    json.dumps(ex.answer())


def test_answer_reads_the_result_and_never_recomputes(monkeypatch):
    """One result per change: each change asks the model once; answer() only reads it."""
    ex = CascadeExercise(mode="live")
    calls = []
    real = model.cascade_result
    monkeypatch.setattr(model, "cascade_result", lambda *a, **k: calls.append(1) or real(*a, **k))
    ex.menus[2].value = "sal"
    assert len(calls) == 1
    for _ in range(3):
        assert ex.answer()["seeds"] == ["ceo", "sal"]
    assert len(calls) == 1 and ex.answer()["reach"] == ex.result["reach"]
    ob = ObstacleExercise(mode="live")
    seen = []
    real_plan = model.obstacle_result
    monkeypatch.setattr(model, "obstacle_result", lambda *a, **k: seen.append(1) or real_plan(*a, **k))
    ob.obstacles[0].value, ob.owners[0].value = "Budgets are yearly", "Finance"
    assert len(seen) == 2  # one per field changed
    assert ob.answer() == {"owners": [{"owner": "Finance", "obstacles": ["Budgets are yearly"]}], "count": 1}
    assert len(seen) == 2


def test_the_live_face_reads_the_conversation_the_static_face_offers():
    ob = ObstacleExercise(mode="live")
    ob.worked.click()
    for order in model.CONVERSATION.options:
        ob.conversation.value = order
        for line in model.obstacle_result(model.WORKED_OBSTACLES, order)["card"]:
            assert safe_text(line) in ob.summary.value
    (data,) = ob.chart.spec["datasets"].values()
    assert not any(r["chosen"] for r in data)  # conversation 6: the plan has 5 owners
    ob.conversation.value = 2
    (data,) = ob.chart.spec["datasets"].values()
    assert [r["owner"] for r in data if r["chosen"]] == ["Market intelligence"]


@pytest.mark.parametrize("name", ["Sara\u2028Legal", "Para\u2029graph", "it's \"quoted\""])
def test_odd_owner_names_are_text_in_the_live_face(name):
    ob = ObstacleExercise(mode="live")
    ob.obstacles[0].value, ob.owners[0].value = "Contracts", name
    assert ob.answer()["owners"][0]["owner"] == " ".join(name.split())
    assert "Something went wrong" not in ob.problems.value
