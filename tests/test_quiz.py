"""The quiz component in Python: grading rules, validation, escaping and byte-identical output."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.kit.quiz import (MAX_EXPLAIN, MAX_TEXT, WORDS, Choice, Label, Order, Quiz, Result, feedback, grade,
                                shuffled, signature)
from exercises.kit.text import clean_text


def why(options) -> list[str]:
    """A reason per option, for questions whose reasons a test does not read."""
    return [f"Because of option {k}." for k in range(1, len(options) + 1)]


def choice(prompt, options, correct, **kw) -> Choice:
    return Choice(prompt, options, correct, reasons=kw.pop("reasons", None) or why(options), **kw)


CHOICE = choice("Pick one", ["a", "b", "c"], correct=[1], explain="b it is",
                reasons=["a is too small.", "b is just right.", "c is too big."])
SEVERAL = choice("Pick all", ["a", "b", "c", "d"], correct=[0, 2])
LABEL = Label("Label them", ["start with why", "the roadmap", "the app"], ["why", "how", "what"],
              ["why", "how", "what"])
ORDER = Order("In order", ["first", "second", "third", "fourth"])


def quiz(quiz_id="q-one"):
    return Quiz(quiz_id, "A quiz", [CHOICE, SEVERAL, LABEL, ORDER])


def test_a_perfect_answer_is_correct():
    assert grade(CHOICE, [1]).correct and grade(SEVERAL, [2, 0]).correct
    assert grade(LABEL, ["why", "how", "what"]).correct and grade(ORDER, list(ORDER.items)).correct


def test_parts_are_counted_as_the_page_shows_them():
    assert grade(SEVERAL, [0]) == Result(False, 0, 1, (2,), (2,), True)
    assert grade(SEVERAL, [0, 1, 2, 3]).wrong == (1, 3) and grade(SEVERAL, [0, 1, 2, 3]).missing == ()
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
    assert result.correct == (chosen == {0, 2}) and result.total == 1 and result.right == int(result.correct)
    assert set(result.wrong) == chosen ^ {0, 2} and set(result.missing) == {0, 2} - chosen
    assert result.answered == bool(chosen)


@pytest.mark.parametrize("build, message", [
    (lambda: choice("?", ["only"], [0]), "at least 2 options"),
    (lambda: choice("?", ["a", "a"], [0]), "'a' is given twice"),
    (lambda: choice("?", ["a", "b"], [2]), "correct must name options 0 to 1"),
    (lambda: choice("?", ["a", "b"], []), "correct must name"),
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
    assert '<div class="lp-quiz" id="lpq-q-one" data-words="' in quiz().html()


def test_text_is_escaped_everywhere():
    nasty = '<script>alert("x")</script>'
    html = Quiz("x", nasty, [choice(nasty, [nasty, "b"], [0], explain=nasty, reasons=[nasty, "b"]), Order(nasty, [nasty, "b"]),
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
    """Every quiz carries its own script and style (a notebook output stands alone): ~10 KB each."""
    html = quiz().html()
    own = sum(len(m) for m in re.findall(r"<(?:style|script)>(.*?)</(?:style|script)>", html, re.S))
    assert own < 11_000


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
    one = Quiz("check", "A", [choice("?", ["a", "b"], [0]), LABEL])
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
    page = Quiz("why", "Why", [choice("?", ["a", "b"], [0], explain=explain)]).html()
    assert f"<p>{explain}</p>" in page and f'data-explain="{explain}"' in page


@pytest.mark.parametrize("build, message", [
    (lambda: choice("?", ["a" * 501, "b"], [0]), "Option 1 is 501 characters long; a quiz shows at most 500"),
    (lambda: choice("?", ["x" * 500 + "1", "x" * 500 + "2"], [0]), "Option 1 is 501 characters long"),
    (lambda: Order("?", ["a", "b" * 600]), "Item 2 is 600 characters long"),
    (lambda: Label("?", ["a"], ["why", "w" * 501], ["why"]), "Label 2 is 501 characters long"),
    (lambda: Label("?", ["a"], ["x", "y"], ["x"], reasons=["r" * 700]), "Reason 1 is 700 characters long"),
    (lambda: choice("p" * 501, ["a", "b"], [0]), "The prompt is 501 characters long"),
    (lambda: choice("?", ["a", "b"], [0], explain="e" * (MAX_EXPLAIN + 1)), "The explanation is 1,001 characters"),
    (lambda: Quiz("t", "t" * 501, [CHOICE]), "The title is 501 characters long"),
    (lambda: choice("?", ["Ship weekly", "Ship\u200b weekly"], [0]), "look the same"),
    (lambda: choice("?", ["Ship weekly", "ship  WEEKLY"], [0]), "differ only by case, spacing or invisible"),
    (lambda: Order("?", ["café", "cafe\u0301"]), "look the same"),
    (lambda: Label("?", ["x"], ["why", "Why"], ["why"]), "labels must differ as a reader sees them"),
    (lambda: choice("?", ["a", "\u200b"], [0]), "options cannot be empty"),
])
def test_long_or_lookalike_text_is_refused_with_a_sentence(build, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        build()


TEXTS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=MAX_TEXT)


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXTS, min_size=2, max_size=12), st.integers(1, 200))
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


# --------------------------------------------------------------------------- honest feedback, no spoilers, remembered

class Visible(HTMLParser):
    """The text a reader sees: no attributes, nothing inside ``hidden`` elements, scripts or styles."""

    VOID = {"input", "br", "img", "meta", "link", "hr"}

    def __init__(self):
        super().__init__()
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        names = dict(attrs)
        self.stack.append("hidden" in names or tag in ("script", "style") or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def visible(page: str) -> str:
    parser = Visible()
    parser.feed(page)
    return " ".join(parser.text)


def test_a_single_choice_is_right_or_wrong_never_counted():
    """Defect: a one-answer question said "✗ 2 of 3 right" for a wrong answer (each option not
    chosen counted as a part got right)."""
    for chosen in ([0], [2]):
        said = feedback(CHOICE, chosen).words
        assert said == WORDS["choice"] and " of " not in said
        assert grade(CHOICE, chosen) == Result(False, 0, 1, tuple(sorted({chosen[0], 1})), (1,), True)
    assert feedback(CHOICE, [1]).words == "✓ Correct. b it is"
    assert grade(CHOICE, [1]) == Result(True, 1, 1, (), (), True)


def test_several_says_what_is_wrong_and_what_is_missing_without_naming_them():
    said = feedback(SEVERAL, [0, 1]).words
    assert "Chosen but not right: 1. Right but not chosen: 1." in said
    assert feedback(SEVERAL, [0, 2, 3]).words.startswith("✗ Not yet. Chosen but not right: 1. Right but not chosen: 0.")
    assert feedback(SEVERAL, [2, 0]).words == "✓ Correct."


def test_check_with_nothing_chosen_asks_for_an_answer_and_marks_nothing():
    """Defect: Check with nothing chosen graded the empty answer ("✗ 0 of 2 right") and marked rows."""
    for question, empty in ((CHOICE, []), (SEVERAL, []), (LABEL, ["", "", ""]), (LABEL, []), (ORDER, [])):
        checked = feedback(question, empty)
        assert checked.words == (WORDS["ask_order"] if question is ORDER else "Choose an answer first, then check.")
        assert not any(checked.marks) and not grade(question, empty).answered


def test_every_option_needs_its_reason():
    with pytest.raises(ValueError, match="give one reason per option .*: 3 options, 0 reasons"):
        Choice("?", ["a", "b", "c"], [0])
    with pytest.raises(ValueError, match="3 options, 2 reasons"):
        Choice("?", ["a", "b", "c"], [0], reasons=["x", "y"])
    with pytest.raises(ValueError, match="reasons cannot be empty"):
        Choice("?", ["a", "b"], [0], reasons=["x", " \u200b"])
    with pytest.raises(ValueError, match="Reason 2 is 501 characters long"):
        Choice("?", ["a", "b"], [0], reasons=["x", "r" * 501])


def test_the_reason_shows_for_the_option_chosen_only():
    assert feedback(CHOICE, [0]).marks == ("✗ a is too small.", "", "")
    assert feedback(CHOICE, [1]).marks == ("", "✓ b is just right.", "")
    assert feedback(SEVERAL, [0, 3]).marks == ("✓ Because of option 1.", "", "", "✗ Because of option 4.")


def test_label_marks_say_why_only_where_wrong():
    question = Label("?", ["a", "b", "c"], ["x", "y"], ["x", "y", "x"], reasons=["a is x", "b is y", "c is x"])
    checked = feedback(question, ["y", "y", ""])
    assert checked.marks == ("✗ not this one. a is x", "✓ right", "no label yet")
    assert checked.words == _words("label_missing", right=1, total=3, missing=1)
    assert feedback(LABEL, ["how", "how", "what"]).marks == ("✗ not this one.", "✓ right", "✓ right")


def test_order_marks_each_place():
    assert feedback(ORDER, ["second", "first", "third", "fourth"]).marks == (
        "✗ not in its place", "✗ not in its place", "✓ in its place", "✓ in its place")
    assert feedback(ORDER, list(ORDER.items)).words == "✓ Correct."


def _words(name, **values):
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m[1]]), WORDS[name])


def test_fill_replaces_once_and_keeps_braces_an_author_wrote():
    """An explanation or reason holding {braces} is shown as written, never filled again."""
    question = Choice("?", ["a", "b"], [0], explain="Set {x} to {right}.", reasons=["{reason} stays", "{b}"])
    assert feedback(question, [0]).words == "✓ Correct. Set {x} to {right}."
    assert feedback(question, [0]).marks == ("✓ {reason} stays", "")


ANSWERS = st.sampled_from([CHOICE, SEVERAL, LABEL, ORDER]).flatmap(lambda q: st.tuples(st.just(q), (
    st.sets(st.integers(0, len(q.options) - 1), max_size=1 if not q.multiple else len(q.options)).map(sorted)
    if isinstance(q, Choice) else
    st.lists(st.sampled_from(["", *q.labels]), min_size=len(q.items), max_size=len(q.items))
    if isinstance(q, Label) else st.one_of(st.just([]), st.permutations(q.items)))))


@settings(max_examples=300, deadline=None)
@given(ANSWERS)
def test_feedback_is_honest(pair):
    """Right means every part right; nothing chosen asks and marks nothing; a one-answer choice
    never counts parts; a mark appears only on a part the learner answered (or a place)."""
    question, answer = pair
    checked, result = feedback(question, answer), grade(question, answer)
    assert checked.words.startswith("✓ Correct.") == result.correct
    assert (checked.words in (WORDS["ask"], WORDS["ask_order"])) == (not result.answered)
    if not result.answered:
        assert not any(checked.marks)
    if isinstance(question, Choice):
        assert result.total == 1 and (result.correct or " of " not in checked.words)
        assert all(bool(mark) == (i in answer and result.answered) for i, mark in enumerate(checked.marks))
    assert len(checked.marks) == len(getattr(question, "options", getattr(question, "items", ())))


def test_the_answer_fold_is_hidden_until_an_attempt():
    """Defect: "Show the answer" could be opened (and read by a screen reader in reading order)
    before any attempt."""
    page = quiz().html()
    folds = re.findall(r"<details[^>]*>", page)
    assert folds and all(f == '<details class="lp-answer" hidden>' for f in folds)
    shown = visible(page)
    assert "Show the answer" not in shown and "b it is" not in shown
    assert "Pick one" in shown and "Check" in shown  # the parser does see the rest


def test_no_reason_is_on_the_visible_page_before_check():
    label = Label("Sort", ["a", "b"], ["x", "y"], ["x", "y"], reasons=["Reason of a.", "Reason of b."])
    page = Quiz("r", "R", [CHOICE, label]).html()
    shown = visible(page)
    for reason in (*CHOICE.reasons, *label.reasons):
        assert reason in page and reason not in shown
    assert 'data-reason="a is too small."' in page


def test_move_up_on_the_first_and_move_down_on_the_last_are_disabled():
    page = Quiz("o", "O", [ORDER]).html()
    items = re.findall(r"<li class=\"lp-row\".*?</li>", page)
    assert len(items) == 4
    ups = ["disabled" in re.search(r'class="lp-up"[^>]*>', li)[0] for li in items]
    downs = ["disabled" in re.search(r'class="lp-down"[^>]*>', li)[0] for li in items]
    assert ups == [True, False, False, False] and downs == [False, False, False, True]


def test_each_quiz_has_a_labelled_forget_button_and_a_status():
    page = quiz("q-one").html()
    assert ('<button type="button" class="lp-forget" aria-describedby="lpq-q-one--title">Forget my answers</button>'
            in page)
    assert 'id="lpq-q-one--title"' in page and 'class="lp-quiz-status" role="status" aria-live="polite"' in page


def test_the_page_gets_the_words_as_data():
    page = quiz().html()
    data = re.search(r'<div class="lp-quiz" id="lpq-q-one" data-words="([^"]*)">', page)[1]
    assert json.loads(html.unescape(data)) == WORDS


def test_a_question_signature_follows_its_text_only():
    sigs = re.findall(r'data-sig="([0-9a-f]{12})"', quiz().html())
    assert sigs == [signature(q) for q in (CHOICE, SEVERAL, LABEL, ORDER)] and len(set(sigs)) == 4
    assert signature(choice("Pick one", ["a", "b", "c"], [2])) == signature(CHOICE)  # same text, same place
    assert signature(choice("Pick one", ["a", "b", "d"], [1])) != signature(CHOICE)
    assert signature(Order("In order", list(reversed(ORDER.items)))) == signature(ORDER)


@pytest.mark.parametrize("topic", ["culture", "delegation", "influence", "purpose", "sequencing", "status_quo"])
def test_every_chapter_check_gives_a_reason_per_option(topic):
    import importlib

    quiz = importlib.import_module(f"exercises.{topic}.widget").check()
    choices = [q for q in quiz.questions if isinstance(q, Choice)]
    assert choices
    for question in choices:
        assert len(question.reasons) == len(question.options) and all(question.reasons)
        for k, reason in enumerate(question.reasons):  # a wrong option's reason never names the right one
            if k not in question.correct:
                assert not any(question.options[i].lower() in reason.lower() for i in question.correct), reason
