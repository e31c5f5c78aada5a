"""The quiz component in Python: grading rules, validation, escaping and byte-identical output."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.kit.quiz import Choice, Label, Order, Quiz, grade, shuffled

CHOICE = Choice("Pick one", ["a", "b", "c"], correct=[1], explain="b it is")
SEVERAL = Choice("Pick all", ["a", "b", "c", "d"], correct=[0, 2])
LABEL = Label("Label them", ["start with why", "the roadmap", "the app"], ["why", "how", "what"],
              ["why", "how", "what"])
ORDER = Order("In order", ["first", "second", "third", "fourth"])


def quiz(quiz_id="q-one"):
    return Quiz(quiz_id, "A quiz", [CHOICE, SEVERAL, LABEL, ORDER])


def test_a_perfect_answer_is_correct():
    assert grade(CHOICE, [1]).correct and grade(SEVERAL, [2, 0]).correct
    assert grade(LABEL, ["why", "how", "what"]).correct and grade(ORDER, list(ORDER.items)).correct


def test_parts_are_counted_as_the_page_shows_them():
    assert grade(SEVERAL, [0]) == grade(SEVERAL, [0, 1, 2, 3]).__class__(False, 3, 4, (2,))
    assert grade(SEVERAL, [0, 1, 2, 3]).wrong == (1, 3)
    assert grade(LABEL, ["why", "", "how"]).wrong == (1, 2)
    assert grade(ORDER, ["second", "first", "third", "fourth"]).wrong == (0, 1)


@given(st.permutations(range(4)))
def test_only_the_right_order_is_correct(perm):
    result = grade(ORDER, [ORDER.items[i] for i in perm])
    assert result.correct == (list(perm) == [0, 1, 2, 3])
    assert result.right + len(result.wrong) == result.total == 4


@given(st.lists(st.sampled_from(["why", "how", "what", ""]), min_size=3, max_size=3))
def test_label_grading_counts_each_item_once(labels):
    result = grade(LABEL, labels)
    assert result.right == sum(given == right for given, right in zip(labels, LABEL.answers))
    assert result.correct == (result.right == 3)


@given(st.sets(st.integers(0, 3)))
def test_choice_grading_counts_each_option_once(chosen):
    result = grade(SEVERAL, chosen)
    assert result.right + len(result.wrong) == 4 and result.correct == (chosen == {0, 2})


@pytest.mark.parametrize("build, message", [
    (lambda: Choice("?", ["only"], [0]), "at least 2 options"),
    (lambda: Choice("?", ["a", "a"], [0]), "'a' is given twice"),
    (lambda: Choice("?", ["a", "b"], [2]), "correct must name options 0 to 1"),
    (lambda: Choice("?", ["a", "b"], []), "correct must name"),
    (lambda: Label("?", ["x"], ["why", "how"], ["when"]), "'when' is not one of the labels"),
    (lambda: Label("?", ["x", "y"], ["why", "how"], ["why"]), "one answer per item"),
    (lambda: Order("?", ["x", " "]), "cannot be empty"),
    (lambda: Quiz("Bad Id", "t", [CHOICE]), "lowercase letters, digits and hyphens"),
    (lambda: Quiz("ok", "t", []), "at least one question"),
])
def test_bad_questions_say_what_is_wrong(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_output_is_byte_identical_and_ids_come_from_the_quiz_id():
    assert quiz().html() == quiz().html()
    ids = lambda html: set(re.findall(r'\bid="([^"]+)"', html))  # noqa: E731
    one, two = ids(quiz("q-one").html()), ids(quiz("q-two").html())
    assert one and not one & two
    assert len(re.findall(r'\bid="', quiz().html())) == len(ids(quiz().html()))  # unique within the quiz
    assert '<div class="lp-quiz" id="lpq-q-one">' in quiz().html()


def test_text_is_escaped_everywhere():
    nasty = '<script>alert("x")</script>'
    html = Quiz("x", nasty, [Choice(nasty, [nasty, "b"], [0], explain=nasty), Order(nasty, [nasty, "b"]),
                              Label(nasty, [nasty], [nasty, "b"], [nasty])]).html()
    assert nasty not in html and "&lt;script&gt;" in html
    assert html.count("<script>") == 1  # only the quiz's own


def test_order_starts_shuffled_and_never_already_right():
    for n in range(2, 8):
        question = Order("?", [f"item {i}" for i in range(n)])
        for seed in ("a", "b", "c", "lpq-x-q1"):
            places = shuffled(question, seed)
            assert sorted(places) == list(range(n)) and places != list(range(n))


def test_label_from_frame_takes_the_models_table():
    frame = pd.DataFrame({"kind": ["feature", "growth"], "move": ["less", "more"]})
    question = Label.from_frame("?", frame, "kind", "move", labels=["less", "same", "more"])
    assert question.items == ("feature", "growth") and question.answers == ("less", "more")
    assert question.labels == ("less", "same", "more")


def test_the_assets_stay_small():
    html = quiz().html()
    own = sum(len(m) for m in re.findall(r"<(?:style|script)>(.*?)</(?:style|script)>", html, re.S))
    assert own < 6_000


def test_plain_text_face_is_deterministic():
    assert repr(quiz()) == repr(quiz()) == "Quiz('q-one': A quiz, 4 questions)"


def test_label_reasons_are_one_per_item_and_escaped():
    with pytest.raises(ValueError, match="one reason per item"):
        Label("?", ["a", "b"], ["x", "y"], ["x", "y"], reasons=["only one"])
    question = Label("?", ["a", "b"], ["x", "y"], ["x", "y"], reasons=["<i>a</i> is x", "b is y"])
    assert question.reason(0) == "<i>a</i> is x" and LABEL.reason(0) == ""
    page = Quiz("q-reasons", "Reasons", [question]).html()
    assert 'data-reason="&lt;i&gt;a&lt;/i&gt; is x"' in page and "<i>a</i>" not in page
    assert "<li>a: <strong>x</strong>. &lt;i&gt;a&lt;/i&gt; is x</li>" in page
    assert "data-reason" not in Quiz("q-plain", "Plain", [LABEL]).html()  # no reasons, no attribute


def test_label_from_frame_reads_reasons():
    frame = pd.DataFrame({"thing": ["a", "b"], "kind": ["why", "what"], "because": ["r1", "r2"]})
    question = Label.from_frame("?", frame, "thing", "kind", labels=["why", "how", "what"], reason="because")
    assert question.reasons == ("r1", "r2") and question.labels == ("why", "how", "what")
