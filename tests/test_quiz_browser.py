"""The quiz component in Chromium: keyboard only, announced, accessible, offline, and graded as in Python."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import sync_playwright

from browser import Visit, axe_violations, describe_violations, launch, serve, standalone_page
from exercises.kit.quiz import Choice, Label, Order, Quiz, grade

QUESTIONS = [
    Choice("Which comes first when you explain a change?", ["What", "Why", "How"], correct=[1], explain="Why first."),
    Choice("Which are true?", ["a <b>bold</b> claim", "b", "c", "d"], correct=[0, 3]),
    Label("Label each sentence", ["We exist to…", "We do it by…", "We make…"], ["why", "how", "what"],
          ["why", "how", "what"]),
    Order("Put these in order", ["first", "second", "third", "fourth"]),
]
FIRST = Quiz("first-quiz", "A quiz", QUESTIONS)
SECOND = Quiz("second-quiz", "Another quiz", [Order("Again", ["one", "two", "three"]),
                                               Label("Levels", ["x", "y"], ["low", "high"], ["high", "low"],
                                                     reasons=["x has <b>high</b> stakes.", "y is small."])])
DARK = ('<style>html[data-theme=dark]{--pst-color-background:#121212;--pst-color-text-base:#ced6dd;'
        '--pst-color-border:#8a8a8a;background:#121212;color:#ced6dd}</style>')


# Two quizzes whose ids once collided ("check" made "lpq-check-q1", as did "check-q1"), and
# questions long enough that the answer key passed the 500 characters text was once cut at.
LONG_ORDER = Order("Put all 125 in order", [f"step {k:03d}" for k in range(125)])
LONG_LABEL = Label("Label all 170", [f"row {k}" for k in range(170)], ["odd", "even"],
                   ["even" if k % 2 == 0 else "odd" for k in range(170)], explain="Even rows are even. " * 40)
CROWDED = [Quiz("check", "Check", [Choice("Pick b", ["a", "b"], correct=[1]), LONG_LABEL]),
           Quiz("check-q1", "Check again", [Choice("Pick a", ["a", "b"], correct=[0]), LONG_ORDER])]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quiz")
    (folder / "index.html").write_text(standalone_page(DARK + FIRST.html() + SECOND.html(), "Quiz"), encoding="utf-8")
    (folder / "crowded.html").write_text(standalone_page("".join(q.html() for q in CROWDED), "Crowded"),
                                         encoding="utf-8")
    server, url = serve(folder)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser, url
        browser.close()
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def visit(site):
    browser, url = site
    v = Visit(browser)
    v.goto(f"{url}/index.html")
    yield v
    v.close()


@pytest.fixture()
def crowded(site):
    browser, url = site
    v = Visit(browser)
    v.goto(f"{url}/crowded.html")
    yield v
    v.close()


def feedback(page, qid):
    return page.locator(f"#{qid} .lp-feedback").text_content()


def test_every_question_works_from_the_keyboard(visit):
    page = visit.page
    page.reload()
    # Choice: the radio group is one stop; arrows pick; Tab reaches Check; Enter checks.
    page.locator("#lpq-first-quiz--q1 input").first.focus()
    page.keyboard.press("ArrowDown")  # "Why"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "lp-check"
    page.keyboard.press("Enter")
    assert feedback(page, "lpq-first-quiz--q1").startswith("✓ Correct. Why first.")
    # Several: Space ticks boxes.
    boxes = page.locator("#lpq-first-quiz--q2 input")
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the third box: wrong
    page.locator("#lpq-first-quiz--q2 .lp-check").focus()
    page.keyboard.press("Enter")
    assert feedback(page, "lpq-first-quiz--q2").startswith("✗ 2 of 4 right.")
    assert "✗ not right" in page.locator("#lpq-first-quiz--q2 .lp-row").nth(2).text_content()
    # Label: arrows on a focused menu pick a label.
    for k, presses in enumerate([1, 2, 3]):
        page.locator(f"#lpq-first-quiz--q3--{k}").focus()
        for _ in range(presses):
            page.keyboard.press("ArrowDown")
    page.locator("#lpq-first-quiz--q3 .lp-check").focus()
    page.keyboard.press("Enter")
    assert feedback(page, "lpq-first-quiz--q3").startswith("✓ Correct.")
    # Order: move buttons keep focus and say where the item went.
    for target, item in enumerate(["first", "second", "third", "fourth"]):
        while True:
            items = page.locator("#lpq-first-quiz--q4 li > span:first-child").all_text_contents()
            if items.index(item) == target:
                break
            button = page.get_by_role("button", name=f"Move up: {item}", exact=True)
            button.focus()
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Move up: {item}"
            assert "is now in place" in feedback(page, "lpq-first-quiz--q4")
    page.locator("#lpq-first-quiz--q4 .lp-check").focus()
    page.keyboard.press("Enter")
    assert feedback(page, "lpq-first-quiz--q4").startswith("✓ Correct.")
    assert page.locator("#lpq-first-quiz--q4 .lp-feedback").get_attribute("aria-live") == "polite"
    assert not visit.problems()


def _set_answer(page, qid, question, answer) -> None:
    page.evaluate("""([qid, kind, answer]) => {
        const q = document.getElementById(qid);
        if (kind === "choice") q.querySelectorAll("input").forEach((el, i) => { el.checked = answer.includes(i); });
        else if (kind === "label") q.querySelectorAll("select").forEach((el, i) => { el.value = answer[i]; });
        else { const list = q.querySelector("ol"); answer.forEach(k => list.appendChild(list.querySelector(`li[data-item="${k}"]`))); }
    }""", [qid, type(question).__name__.lower(), answer])


def test_the_page_grades_as_python_does(visit):
    page, rng = visit.page, random.Random(7)
    page.reload()
    for trial in range(24):
        n = trial % len(QUESTIONS)
        question, qid = QUESTIONS[n], f"lpq-first-quiz--q{n + 1}"
        if isinstance(question, Choice):
            most = len(question.options) if question.multiple else 1  # a radio group holds one
            js = python = sorted(rng.sample(range(len(question.options)), rng.randint(0, most)))
        elif isinstance(question, Label):
            picks = [rng.choice(["", *question.labels]) for _ in question.items]
            js, python = [str(question.labels.index(p)) if p else "" for p in picks], picks
        else:
            js = rng.sample(range(len(question.items)), len(question.items))
            python = [question.items[k] for k in js]
        _set_answer(page, qid, question, js)
        shown = page.evaluate("qid => window.lpQuiz.grade(document.getElementById(qid))", qid)
        expected = grade(question, python)
        assert (shown["correct"], shown["right"], shown["total"], tuple(shown["wrong"])) == (
            expected.correct, expected.right, expected.total, expected.wrong), (question.prompt, python)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_accessibility_problem(visit, theme):
    page = visit.page
    page.reload()
    page.evaluate("theme => { document.documentElement.dataset.theme = theme; }", theme)
    for check in page.locator(".lp-check").all():  # feedback and marks showing, too
        check.click()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    assert not visit.problems()


def test_two_quizzes_on_a_page_work_apart(visit):
    page = visit.page
    page.reload()
    assert page.locator(".lp-quiz[data-lp-ready]").count() == 2
    page.locator("#lpq-second-quiz--q2 .lp-check").click()
    assert feedback(page, "lpq-second-quiz--q2").startswith("✗ 0 of 2 right.")
    assert feedback(page, "lpq-first-quiz--q1") == ""


def test_a_wrong_label_shows_its_reason_as_text(visit):
    page = visit.page
    page.reload()
    page.locator("#lpq-second-quiz--q2--0").select_option("0")  # x: low (wrong)
    page.locator("#lpq-second-quiz--q2--1").select_option("0")  # y: low (right)
    page.locator("#lpq-second-quiz--q2 .lp-check").click()
    marks = page.locator("#lpq-second-quiz--q2 .lp-mark").all_text_contents()
    assert marks == ["✗ not this one. x has <b>high</b> stakes.", ""]
    assert page.locator("#lpq-second-quiz--q2 .lp-mark b").count() == 0  # the reason is text, never markup
    fold = page.locator("#lpq-second-quiz--q2 details li").all_text_contents()
    assert fold == ["x: high. x has <b>high</b> stakes.", "y: low. y is small."]


def test_quiz_ids_collide_no_more(crowded):
    """Defect: Quiz("check") and Quiz("check-q1") on one page both made id="lpq-check-q1"."""
    page = crowded.page
    ids = page.evaluate("Array.from(document.querySelectorAll('[id]'), el => el.id)")
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]
    page.locator("#lpq-check--q1 input").nth(1).check()
    page.locator("#lpq-check--q1 .lp-check").click()
    assert feedback(page, "lpq-check--q1").startswith("✓ Correct.")
    assert feedback(page, "lpq-check-q1--q1") == ""  # the other quiz's first question is untouched
    assert not crowded.problems()


def test_quiz_text_is_cut_at_500_characters_no_more(crowded):
    """Defect: the answer key was cut at 500 characters like learner text, so an order of ~125 items
    or a label question of ~170 rows had a key that was not JSON, and Check threw in the page."""
    page = crowded.page
    for qid, question in (("lpq-check--q2", LONG_LABEL), ("lpq-check-q1--q2", LONG_ORDER)):
        key = page.locator(f"#{qid}").get_attribute("data-key")
        assert len(key) > 500
        page.locator(f"#{qid} .lp-check").click()
        said = feedback(page, qid)
        assert said.startswith("✗ ") and f" of {len(question.items)} right." in said
    # Everything right: the page agrees with Python, and says the whole explanation.
    _set_answer(page, "lpq-check--q2", LONG_LABEL, [str(LONG_LABEL.labels.index(a)) for a in LONG_LABEL.answers])
    page.locator("#lpq-check--q2 .lp-check").click()
    assert feedback(page, "lpq-check--q2") == "✓ Correct. " + LONG_LABEL.explain
    _set_answer(page, "lpq-check-q1--q2", LONG_ORDER, list(range(125)))
    assert page.evaluate("qid => window.lpQuiz.grade(document.getElementById(qid)).correct", "lpq-check-q1--q2")
    assert not crowded.problems()
