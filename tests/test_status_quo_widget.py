"""Challenging the status quo live exercises, driven in-process as a learner would.

They run with the live chart (no SVG drawn at each step; the contract test draws each one once).
"""

import json

import pytest

from exercises.kit.text import fill, safe_text
from exercises.status_quo import model, widget
from exercises.status_quo.widget import DoorExercise, MapExercise, TestExercise

FENCE = "It stops customers hearing promises the roadmap cannot keep."
#: What a learner might type into "why the fence stands", and a piece of what they must be told.
BAD_WHY = [
    ("", "the box is empty"),
    ("   \n\t  ", "the box is empty"),
    ("x" * 50_000, "50,000 characters"),
]
MARKUP = ["<b>bold</b><script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']


def panes(ex) -> str:
    return "".join(w.value for w in (ex.summary, ex.notice, ex.problems, ex.about))


# --------------------------------------------------------------------------- exercise 1: the assumption map


def test_the_map_starts_from_the_reference_ratings_and_says_what_to_test_first():
    ex = MapExercise(mode="live")
    assert ex.current == model.PRACTICE.default == "P5"
    assert (ex.importance.value, ex.evidence.value) == (model.IMPORTANCE.default, model.EVIDENCE.default) == (5, 1)
    assert "1. No customer calls without sales (importance 5, evidence 1)" in ex.summary.value
    assert "none of the 12" in ex.summary.value and ex.answer() is None


@pytest.mark.parametrize("typed, told", BAD_WHY)
def test_a_practice_cannot_be_challenged_without_a_usable_why(typed, told):
    ex = MapExercise(mode="live")
    ex.why.value = typed
    ex.challenge.value = True
    if told == "the box is empty":
        assert ex.challenge.value is False and "P5" not in ex.result["ranked"].query("challenged")["id"].tolist()
        assert "Write why the fence stands first: the box is empty." in ex.notice.value
        assert "before you take it down" in ex.notice.value
    else:  # huge: the first 2,000 characters are kept, with a message, and the challenge stands
        assert told in ex.notice.value and ex.challenge.value is True
        assert ex.answer()["why"]["P5"] == "x" * 2000 and ex.answer()["challenged"] == ["P5"]
    assert "Something went wrong" not in ex.problems.value


def test_a_huge_why_is_cut_with_a_message_when_typed():
    ex = MapExercise(mode="live")
    ex.why.value = "x" * 50_000
    assert "50,000 characters" in ex.notice.value and "2,000" in ex.notice.value
    assert len(ex.answer()["why"]["P5"]) == 2000


@pytest.mark.parametrize("typed", MARKUP)
def test_a_why_with_markup_is_shown_as_text_never_rendered(typed):
    ex = MapExercise(mode="live")
    ex.why.value = typed
    ex.challenge.value = True
    shown = panes(ex)
    assert "<script" not in shown and "<img" not in shown and "<svg" not in shown and "<b>bold" not in shown
    assert "&lt;" in ex.about.value and ex.answer()["why"]["P5"] == typed  # kept as data, shown escaped
    assert ex.challenge.value is True


def test_invalid_unicode_and_control_characters_are_cleaned_not_raised():
    ex = MapExercise(mode="live")
    ex.why.value = "Opérations \ud800 \x00\x07 🙂"
    assert "Something went wrong" not in ex.problems.value
    kept = ex.answer()["why"]["P5"]
    assert "\ud800" not in kept and "\x00" not in kept and "🙂" in kept
    assert "You may challenge this practice now" in ex.notice.value  # cleaned, then accepted, with a message
    json.dumps(ex.answer())


def test_challenging_with_a_why_marks_the_map_and_emptying_the_why_withdraws_it():
    ex = MapExercise(mode="live")
    ex.practice.value = "P5"
    ex.why.value = FENCE
    ex.challenge.value = True
    assert ex.challenge.value is True and "You challenge 1 of 12" in ex.summary.value
    assert ex.result["ranked"].set_index("id").loc["P5", "challenged"]
    ex.practice.value = "P12"  # the boxes follow the practice shown
    assert ex.why.value == "" and ex.challenge.value is False
    ex.practice.value = "P5"
    assert ex.why.value == FENCE and ex.challenge.value is True
    ex.why.value = "  "
    assert ex.challenge.value is False and "no longer challenged" in ex.notice.value
    assert "none of the 12" in ex.summary.value


def test_rating_moves_the_practice_on_the_map_and_in_the_ranking():
    ex = MapExercise(mode="live")
    ex.practice.value = "P9"  # 1, 2: park for now, last but one
    ex.importance.value, ex.evidence.value = 5, 1
    ranked = ex.result["ranked"]
    assert ranked["id"].iloc[0] == "P5" and ranked.set_index("id").loc["P9", "quadrant"] == "Test first"
    assert ranked.set_index("id").loc["P9", "rank"] == 2  # 5,1 ties P5; ids break the tie
    points = {r["id"]: r for r in ex.chart.spec["datasets"][ex.chart._dataset]}
    assert (points["P9"]["importance"], points["P9"]["evidence"]) == (5, 1)
    assert ex.answer()["ratings"]["P9"] == {"importance": 5, "evidence": 1}


def test_start_again_forgets_everything():
    ex = MapExercise(mode="live")
    ex.why.value = FENCE
    ex.challenge.value = True
    ex.importance.value = 1
    ex.restart.click()
    assert ex.answer() is None and ex.why.value == "" and ex.importance.value == 5


def test_random_play_never_renders_markup_or_raises():
    import random

    ex = MapExercise(mode="live")
    rng = random.Random(8)
    actions = ex.actions()
    for _ in range(120):
        rng.choice(actions).act(rng)
        assert "Something went wrong" not in ex.problems.value
        assert "<script" not in panes(ex) and "<img" not in panes(ex)
        json.dumps(ex.answer())
        # Nothing is challenged without a why.
        challenged = ex.result["ranked"].query("challenged")["id"]
        assert all(key in ex.answer()["why"] for key in challenged)


# --------------------------------------------------------------------------- exercise 2: the cheapest test


def test_the_cheapest_test_follows_the_need_and_the_budget():
    ex = TestExercise(mode="live")
    assert ex.summary.value == ("<p>You need evidence 3 or more, within €10,000.<br><b>Cheapest convincing test: "
                                "Fake door, €3,000 in 2 weeks (evidence 3).</b><br>3 experiments qualify.</p>")
    assert ex.answer() is None
    ex.need.value, ex.budget.value = 5, 20_000
    assert "A/B test" in ex.summary.value and "It is the only one that qualifies." in ex.summary.value
    assert ex.answer() == {"required": 5, "budget": 20000, "cheapest": "E8", "qualifying": ["E8"], "verdict": "one"}
    ex.budget.value = 5_000
    assert "You need evidence 5 or more, within €5,000: no experiment qualifies." in ex.summary.value
    assert "A/B test, at €12,000" in ex.summary.value and ex.answer()["cheapest"] is None


def test_every_experiment_says_why_it_qualifies_or_not():
    ex = TestExercise(mode="live")
    ex.need.value, ex.budget.value = 4, 10_000
    table = ex.reasons.value
    assert table.count("<tr>") == 11  # a header and one row per experiment
    assert "Evidence 2 is below the 4 you need" in table and "over your €10,000" in table
    assert "the cheapest that convinces" in table and "Beaten on every count by" in table
    statuses = {r["id"]: r["status"] for r in ex.chart.spec["datasets"][ex.chart._dataset]}
    assert statuses["E6"] == model.CHEAPEST and statuses["E8"] == model.OVER_BUDGET
    assert statuses["E1"] == model.TOO_WEAK


# --------------------------------------------------------------------------- exercise 3: forgiveness or permission


def test_a_wrong_label_shows_the_rules_reason_on_the_board():
    ex = DoorExercise(mode="live")
    ex.menus[0].value = model.ASK  # S1 is act and inform
    answers = ex.answers()
    assert not answers.loc[0, "correct"]
    board = ex.chart_data(answers)
    assert board.loc[board["id"] == "S1", "status"].item() == "wrong"
    assert "Act and inform" in answers.loc[0, "reason"]


def test_the_live_board_says_what_the_static_board_says_of_the_same_labels():
    """One template, two faces: the live summary carries the model's board words for the labels given."""
    ex = DoorExercise(mode="live")
    assert model.DOOR_WORDS["none"] in ex.summary.value
    ex.menus[0].value, ex.menus[5].value = model.ASK, model.ASK  # S1 wrong, S6 right
    said = model.door_page_lines(model.load_situations(), [model.ASK, "", "", "", "", model.ASK, "", "", "", ""])
    assert said[:2] == ["1 of 2 agree with the rule.", "8 of 10 cases still to label."]
    assert all(line in ex.summary.value for line in said)


def test_the_doors_answer_is_the_labels_given():
    ex = DoorExercise(mode="live")
    assert ex.answer() is None
    ex.menus[0].value, ex.menus[5].value = model.ASK, model.ASK
    saved = ex.answer()
    first, sixth = ex.question.items[0], ex.question.items[5]
    assert {item: label for item, label in saved["labels"].items() if label} == {first: model.ASK, sixth: model.ASK}
    assert (saved["labelled"], saved["right"], saved["items"]) == (2, 1, 10)
    ex.reveal.value = True
    assert "Act and inform" in ex.solution.value


# --------------------------------------------------------------------------- every exercise


@pytest.mark.parametrize("exercise", widget.EXERCISES, ids=lambda e: e.name)
def test_every_answer_is_plain_json_after_a_few_actions(exercise):
    import random

    ex = exercise.live(mode="live")
    rng = random.Random(exercise.name)
    seen = 0
    for _ in range(12):
        for action in ex.actions():
            action.act(rng)
            answer = ex.answer()
            assert json.loads(json.dumps(answer)) == answer
            seen += answer is not None
    assert seen, f"{exercise.name}: answer() was None after every action"


# --------------------------------------------------------------------------- one result per change, declared inputs


def test_a_practice_menu_set_to_none_is_refused_not_stored_under_none():
    ex = MapExercise(mode="live")
    assert ex.practice.spec is model.PRACTICE  # the menu is the declared Choice
    ex.why.value = FENCE
    ex.practice.value = None
    assert ex.practice.value == "P5" and "Choose one of the options for Practice" in ex.notice.value
    ex.why.value = "Another reason"
    saved = ex.answer()
    assert None not in saved["why"] and "None" not in saved["why"] and set(saved["why"]) == {"P5"}
    assert None not in saved["ratings"] and "Something went wrong" not in ex.problems.value


@pytest.mark.parametrize("name, bad", [("importance", float("nan")), ("evidence", float("inf")),
                                        ("need", float("nan")), ("budget", float("inf")), ("budget", None)])
def test_a_value_the_declaration_refuses_keeps_the_last_good_one(name, bad):
    ex = MapExercise(mode="live") if name in ("importance", "evidence") else TestExercise(mode="live")
    before = ex.inputs[name].value
    try:
        ex.inputs[name].value = bad
    except Exception:  # noqa: BLE001 - an ipywidgets trait may refuse it first: also fine
        pass
    assert ex.inputs[name].value == before and "Something went wrong" not in ex.problems.value


@pytest.mark.parametrize("name, bad", [("importance", 9), ("evidence", 0), ("need", 7), ("budget", -500)])
def test_a_number_out_of_range_never_leaves_the_declared_range(name, bad):
    ex = MapExercise(mode="live") if name in ("importance", "evidence") else TestExercise(mode="live")
    ex.inputs[name].value = bad  # the slider clamps it; the model never sees it
    spec = ex.inputs[name].spec
    assert spec.low <= ex.inputs[name].value <= spec.high and "Something went wrong" not in ex.problems.value


@pytest.mark.parametrize("make, function", [(MapExercise, "assumptions"), (TestExercise, "cheapest")])
def test_each_change_asks_the_model_once_and_the_answer_never_asks_again(monkeypatch, make, function):
    ex = make(mode="live")
    calls = []
    real = getattr(model, function)
    monkeypatch.setattr(model, function, lambda *a, **k: calls.append(1) or real(*a, **k))
    spec = ex.INPUTS[2] if make is MapExercise else ex.INPUTS[0]  # importance, need
    ex.inputs[spec.name].value = 2
    assert len(calls) == 1
    for _ in range(3):
        ex.answer()
    assert len(calls) == 1 and ex.answer() is not None


@pytest.mark.parametrize("exercise", [widget.assumptions, widget.tests], ids=lambda e: e.name)
def test_the_live_face_starts_at_the_declared_defaults(exercise):
    ex = exercise.live(mode="live")
    assert ex.values() == {spec.name: spec.default for spec in ex.INPUTS}


def test_the_doors_items_show_the_case_number_and_both_scores():
    ex = DoorExercise(mode="live")
    assert ex.question.items[0] == "Rename a column in your team's dashboard (S1: reversibility 5, blast radius 1)"


def test_tesseras_own_answer_appears_only_once_the_learner_has_written_why_the_fence_stands():
    ex = widget.MapExercise()
    fence = model.load_practices().set_index("id").loc[ex.current, "fence"]
    assert "Tessera" not in ex.about.value and fence not in ex.about.value
    ex.why.value = "   "
    assert "Tessera" not in ex.about.value
    ex.why.value = FENCE
    assert safe_text(fill(model.MAP_WORDS["fence"], fence=fence)) in ex.about.value
