"""The quiz component in Python: grading rules, validation, escaping and byte-identical output."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.kit.quiz import MAX_EXPLAIN, MAX_TEXT, Choice, Label, Order, Quiz, grade, shuffled
from exercises.kit.text import clean_text

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


# --------------------------------------------------------------------------- ids that collided, text that was cut

def ids(page: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', page)


def keys(page: str) -> list:
    return [json.loads(html.unescape(k)) for k in re.findall(r'data-key="([^"]*)"', page)]


def test_quiz_ids_collide_no_more():
    """Defect: Quiz("check") and Quiz("check-q1") on one page both made id="lpq-check-q1" (and a
    label question's menus collided with another quiz's questions the same way)."""
    one = Quiz("check", "A", [Choice("?", ["a", "b"], [0]), LABEL])
    two = Quiz("check-q1", "B", [LABEL, ORDER])
    three = Quiz("check-q2-0", "C", [CHOICE])
    page = ids(one.html() + two.html() + three.html())
    assert len(page) == len(set(page)), sorted(i for i in page if page.count(i) > 1)
    assert "lpq-check--q1" in page and "lpq-check-q1" in page and "lpq-check--q2--0" in page


QUIZ_IDS = st.from_regex(r"[a-z0-9]{1,3}(-[a-z0-9]{1,3}){0,3}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(QUIZ_IDS, QUIZ_IDS)
def test_two_quizzes_never_share_an_id(first, second):
    """The property that would have caught the collision: distinct quiz ids, disjoint element ids."""
    if first == second:
        return
    a, b = ids(Quiz(first, "A", [LABEL, CHOICE]).html()), ids(Quiz(second, "B", [LABEL, CHOICE]).html())
    assert not set(a) & set(b) and len(set(a)) == len(a)


def test_quiz_text_is_cut_at_500_characters_no_more():
    """Defect: every quiz text went through safe_text's 500-character cut, the answer key too: an
    order of ~125 items or a label question of ~170 rows got a key that was not JSON."""
    order = Order("All in order", [f"step {k:03d}" for k in range(125)])
    label = Label("Label all", [f"row {k}" for k in range(170)], ["odd", "even"],
                  ["even" if k % 2 == 0 else "odd" for k in range(170)])
    page = Quiz("long", "Long", [order, label]).html()
    assert keys(page) == [list(range(125)), [1 if k % 2 == 0 else 0 for k in range(170)]]
    explain = "Because. " * 100  # 900 characters: shown whole, in the fold and in the verdict
    page = Quiz("why", "Why", [Choice("?", ["a", "b"], [0], explain=explain)]).html()
    assert f"<p>{explain}</p>" in page and f'data-explain="{explain}"' in page


@pytest.mark.parametrize("build, message", [
    (lambda: Choice("?", ["a" * 501, "b"], [0]), "Option 1 is 501 characters long; a quiz shows at most 500"),
    (lambda: Choice("?", ["x" * 500 + "1", "x" * 500 + "2"], [0]), "Option 1 is 501 characters long"),
    (lambda: Order("?", ["a", "b" * 600]), "Item 2 is 600 characters long"),
    (lambda: Label("?", ["a"], ["why", "w" * 501], ["why"]), "Label 2 is 501 characters long"),
    (lambda: Label("?", ["a"], ["x", "y"], ["x"], reasons=["r" * 700]), "Reason 1 is 700 characters long"),
    (lambda: Choice("p" * 501, ["a", "b"], [0]), "The prompt is 501 characters long"),
    (lambda: Choice("?", ["a", "b"], [0], explain="e" * (MAX_EXPLAIN + 1)), "The explanation is 1,001 characters"),
    (lambda: Quiz("t", "t" * 501, [CHOICE]), "The title is 501 characters long"),
    (lambda: Choice("?", ["Ship weekly", "Ship\u200b weekly"], [0]), "look the same"),
    (lambda: Choice("?", ["Ship weekly", "ship  WEEKLY"], [0]), "differ only by case, spacing or invisible"),
    (lambda: Order("?", ["café", "cafe\u0301"]), "look the same"),
    (lambda: Label("?", ["x"], ["why", "Why"], ["why"]), "labels must differ as a reader sees them"),
    (lambda: Choice("?", ["a", "\u200b"], [0]), "options cannot be empty"),
])
def test_long_or_lookalike_text_is_refused_with_a_sentence(build, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        build()


WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=MAX_TEXT)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=2, max_size=12), st.integers(1, 200))
def test_any_question_that_is_made_is_shown_whole_with_a_key_that_parses(texts, copies):
    """Whatever a question accepts, the page shows whole (escaped, never cut) with a JSON key."""
    items = [f"{k}. {t}"[:MAX_TEXT] for k, t in enumerate(texts)]
    try:
        order = Order("?", items)
        label = Label("?", items, ["a", "b"], ["a"] * len(items), explain="x" * min(MAX_EXPLAIN, copies * 10))
    except ValueError as err:  # refused: only for a reason it can say
        assert re.search(r"look the same|cannot be empty|is given twice", str(err)), str(err)
        return
    page = Quiz("any", "Any", [order, label]).html()
    assert keys(page) == [list(range(len(items))), [0] * len(items)]
    for item in items:  # whole: never cut, whatever its length up to the limit
        assert f"<span>{html.escape(clean_text(item))}</span>" in page
