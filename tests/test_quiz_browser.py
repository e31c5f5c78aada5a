"""The quiz component in Chromium: keyboard only, announced, accessible, offline, graded and worded
as in Python, no answer before an attempt, and answers remembered through the learner's journal."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import sync_playwright

from browser import ROOT, Visit, axe_violations, describe_violations, launch, serve, standalone_page
from exercises.kit.quiz import WORDS, Choice, Label, Order, Quiz, feedback, grade

QUESTIONS = [
    Choice("Which comes first when you explain a change?", ["What", "Why", "How"], correct=[1], explain="Why first.",
           reasons=["What you change comes later.", "People follow a reason before a plan.", "How comes second."]),
    Choice("Which are true?", ["a <b>bold</b> claim", "b", "c", "d"], correct=[0, 3],
           reasons=["A <i>true</i> claim.", "Not so.", "Not so either.", "True too."]),
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
CROWDED = [Quiz("check", "Check", [Choice("Pick b", ["a", "b"], correct=[1], reasons=["Not a.", "b it is."]),
                                    LONG_LABEL]),
           Quiz("check-q1", "Check again", [Choice("Pick a", ["a", "b"], correct=[0], reasons=["a.", "Not b."]),
                                            LONG_ORDER])]

REAL_JOURNAL = ROOT / "book" / "_assets" / "journal.js"
#: A stand-in for book/_assets/journal.js, with its API: load, save, forget, keys; kept in localStorage.
JOURNAL = """<script>window.lpJournal = {
  load: function (k) { var v = localStorage.getItem(k); return v === null ? undefined : JSON.parse(v); },
  save: function (k, v) { if (window.lpFull) return "Your answers can't be kept in this browser (storage is full or turned off); the exercise still works.";
                          localStorage.setItem(k, JSON.stringify(v)); return true; },
  forget: function (k) { if (window.lpFull) return "Your answers can't be kept in this browser (storage is full or turned off); the exercise still works.";
                          localStorage.removeItem(k); return true; },
  keys: function () { return Object.keys(localStorage).filter(function (k) { return k.indexOf("lp:v1:") === 0; }); }
};</script>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quiz")
    (folder / "index.html").write_text(standalone_page(DARK + FIRST.html() + SECOND.html(), "Quiz"), encoding="utf-8")
    (folder / "crowded.html").write_text(standalone_page("".join(q.html() for q in CROWDED), "Crowded"),
                                         encoding="utf-8")
    (folder / "journal.html").write_text(standalone_page(JOURNAL + FIRST.html() + SECOND.html(), "Journal"),
                                         encoding="utf-8")
    # The journal defined after the quizzes (a script at the end of the page): restored all the same.
    (folder / "late.html").write_text(standalone_page(FIRST.html() + JOURNAL, "Late"), encoding="utf-8")
    # The book's own journal, as the site loads it (in the head, before the page's quizzes).
    if REAL_JOURNAL.is_file():
        (folder / "journal.js").write_text(REAL_JOURNAL.read_text(encoding="utf-8"), encoding="utf-8")
        (folder / "book.html").write_text(standalone_page(FIRST.html() + SECOND.html(), "Book").replace(
            "</title>", '</title><script src="journal.js"></script>', 1), encoding="utf-8")
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
def journal(site):
    """A fresh browser context (empty storage) on a page whose journal keeps answers in localStorage."""
    browser, url = site
    v = Visit(browser)
    v.goto(f"{url}/journal.html")
    v.url = url
    yield v
    v.close()


@pytest.fixture()
def crowded(site):
    browser, url = site
    v = Visit(browser)
    v.goto(f"{url}/crowded.html")
    yield v
    v.close()


def said(page, qid):
    return page.locator(f"#{qid} .lp-feedback").text_content()


def marks(page, qid):
    return page.locator(f"#{qid} .lp-mark").all_text_contents()


def test_every_question_works_from_the_keyboard(visit):
    page = visit.page
    page.reload()
    # Choice: the radio group is one stop; arrows pick; Tab reaches Check; Enter checks.
    page.locator("#lpq-first-quiz--q1 input").first.focus()
    page.keyboard.press("ArrowDown")  # "Why"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "lp-check"
    page.keyboard.press("Enter")
    assert said(page, "lpq-first-quiz--q1") == "✓ Correct. Why first."
    assert marks(page, "lpq-first-quiz--q1") == ["", "✓ People follow a reason before a plan.", ""]
    # Several: Space ticks boxes.
    boxes = page.locator("#lpq-first-quiz--q2 input")
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the third box: wrong
    page.locator("#lpq-first-quiz--q2 .lp-check").focus()
    page.keyboard.press("Enter")
    assert said(page, "lpq-first-quiz--q2").startswith("✗ Not yet. Chosen but not right: 1. Right but not chosen: 1.")
    assert marks(page, "lpq-first-quiz--q2") == ["✓ A <i>true</i> claim.", "", "✗ Not so either.", ""]
    # Label: arrows on a focused menu pick a label.
    for k, presses in enumerate([1, 2, 3]):
        page.locator(f"#lpq-first-quiz--q3--{k}").focus()
        for _ in range(presses):
            page.keyboard.press("ArrowDown")
    page.locator("#lpq-first-quiz--q3 .lp-check").focus()
    page.keyboard.press("Enter")
    assert said(page, "lpq-first-quiz--q3").startswith("✓ Correct.")
    # Order: move buttons keep focus (or, at an end, hand it to the other button) and say where the item went.
    for target, item in enumerate(["first", "second", "third", "fourth"]):
        while True:
            items = page.locator("#lpq-first-quiz--q4 li > span:first-child").all_text_contents()
            if items.index(item) == target:
                break
            button = page.get_by_role("button", name=f"Move up: {item}", exact=True)
            button.focus()
            page.keyboard.press("Enter")
            now = page.locator("#lpq-first-quiz--q4 li > span:first-child").all_text_contents().index(item)
            focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
            assert focused == (f"Move down: {item}" if now == 0 else f"Move up: {item}")
            assert said(page, "lpq-first-quiz--q4") == f"{item} is now in place {now + 1} of 4."
    page.locator("#lpq-first-quiz--q4 .lp-check").focus()
    page.keyboard.press("Enter")
    assert said(page, "lpq-first-quiz--q4").startswith("✓ Correct.")
    assert page.locator("#lpq-first-quiz--q4 .lp-feedback").get_attribute("aria-live") == "polite"
    # Forget my answers: reached by Tab from the last Check, pressed with Enter.
    page.locator("#lpq-first-quiz--q4 summary").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Forget my answers"
    page.keyboard.press("Enter")
    assert page.locator("#lpq-first-quiz .lp-quiz-status").text_content() == WORDS["cleared"]  # no journal here
    assert not visit.problems()


def _set_answer(page, qid, question, answer) -> None:
    page.evaluate("""([qid, kind, answer]) => {
        const q = document.getElementById(qid);
        if (kind === "choice") q.querySelectorAll("input").forEach((el, i) => { el.checked = answer.includes(i); });
        else if (kind === "label") q.querySelectorAll("select").forEach((el, i) => { el.value = answer[i]; });
        else if (!answer.length) delete q.dataset.moved;  // untouched: no answer yet
        else { const list = q.querySelector("ol"); answer.forEach(k => list.appendChild(list.querySelector(`li[data-item="${k}"]`)));
               q.dataset.moved = ""; }
    }""", [qid, type(question).__name__.lower(), answer])


def _random_answer(rng, question):
    """A random answer as the page holds it (js) and as Python grades it (python)."""
    if isinstance(question, Choice):
        most = len(question.options) if question.multiple else 1  # a radio group holds one
        js = python = sorted(rng.sample(range(len(question.options)), rng.randint(0, most)))
    elif isinstance(question, Label):
        picks = [rng.choice(["", *question.labels]) for _ in question.items]
        js, python = [str(question.labels.index(p)) if p else "" for p in picks], picks
    else:
        js = rng.sample(range(len(question.items)), len(question.items))
        python = [question.items[k] for k in js]
    return js, python


def _edges(question):
    """Edge answers: nothing, everything right, everything chosen or the reverse order."""
    if isinstance(question, Choice):
        every = list(range(len(question.options))) if question.multiple else [len(question.options) - 1]
        return [([], []), (list(question.correct), list(question.correct)), (every, every)]
    if isinstance(question, Label):
        right = [question.labels.index(a) for a in question.answers]
        return [([""] * len(question.items), [""] * len(question.items)),
                ([str(i) for i in right], list(question.answers))]
    n = len(question.items)
    return [([], []), (list(range(n)), list(question.items)), (list(range(n))[::-1], list(question.items)[::-1])]


@pytest.mark.parametrize("n", range(len(QUESTIONS)), ids=["choice", "several", "label", "order"])
def test_the_page_grades_and_words_as_python_does(visit, n):
    """One rule: on 24 seeded random answers and the edges per kind, the page's grade, its verdict
    and every mark are Python's (exercises.kit.quiz.grade and feedback)."""
    page, rng = visit.page, random.Random(7 + n)
    page.reload()
    question, qid = QUESTIONS[n], f"lpq-first-quiz--q{n + 1}"
    trials = [_random_answer(rng, question) for _ in range(24)] + _edges(question)
    for js, python in trials:
        _set_answer(page, qid, question, js)
        shown = page.evaluate("""qid => { const q = document.getElementById(qid);
            q.querySelector(".lp-check").click();
            return [window.lpQuiz.grade(q), q.querySelector(".lp-feedback").textContent,
                    Array.from(q.querySelectorAll(".lp-mark"), m => m.textContent)]; }""", qid)
        result, words, marked = shown
        expected, checked = grade(question, python), feedback(question, python)
        assert (result["correct"], result["right"], result["total"], tuple(result["wrong"]),
                tuple(result["missing"]), result["answered"]) == (
            expected.correct, expected.right, expected.total, expected.wrong, expected.missing,
            expected.answered), (question.prompt, python)
        assert (words, tuple(marked)) == (checked.words, checked.marks), (question.prompt, python)
    assert not visit.problems()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_accessibility_problem(visit, theme):
    page = visit.page
    page.reload()
    page.evaluate("theme => { document.documentElement.dataset.theme = theme; }", theme)
    _set_answer(page, "lpq-first-quiz--q2", QUESTIONS[1], [0, 1])  # marks right and wrong, reasons showing
    _set_answer(page, "lpq-second-quiz--q2", SECOND.questions[1], ["0", ""])
    for check in page.locator(".lp-check").all():  # feedback, marks and the answer folds showing, too
        check.click()
    for fold in page.locator("details.lp-answer:not([hidden])").all():
        fold.evaluate("d => { d.open = true; }")
    page.locator("#lpq-second-quiz .lp-forget").click()  # its status showing
    violations = axe_violations(page, impacts=None)
    assert not violations, describe_violations(violations)
    assert not visit.problems()


def test_two_quizzes_on_a_page_work_apart(visit):
    page = visit.page
    page.reload()
    assert page.locator(".lp-quiz[data-lp-ready]").count() == 2
    page.locator("#lpq-second-quiz--q2--0").select_option("0")
    page.locator("#lpq-second-quiz--q2 .lp-check").click()
    assert said(page, "lpq-second-quiz--q2").startswith("✗ 0 of 2 right; 1 with no label yet.")
    assert said(page, "lpq-first-quiz--q1") == ""


def test_a_wrong_label_shows_its_reason_as_text_only_after_check(visit):
    page = visit.page
    page.reload()
    page.locator("#lpq-second-quiz--q2--0").select_option("0")  # x: low (wrong)
    page.locator("#lpq-second-quiz--q2--1").select_option("0")  # y: low (right)
    assert marks(page, "lpq-second-quiz--q2") == ["", ""]
    assert "stakes" not in page.locator("main").inner_text()  # no reason before Check
    page.locator("#lpq-second-quiz--q2 .lp-check").click()
    assert marks(page, "lpq-second-quiz--q2") == ["✗ not this one. x has <b>high</b> stakes.", "✓ right"]
    assert page.locator("#lpq-second-quiz--q2 .lp-mark b").count() == 0  # the reason is text, never markup
    fold = page.locator("#lpq-second-quiz--q2 details li").all_text_contents()
    assert fold == ["x: high. x has <b>high</b> stakes.", "y: low. y is small."]
    # Changing an answer takes the marks of the old one away.
    page.locator("#lpq-second-quiz--q2--0").select_option("1")
    assert marks(page, "lpq-second-quiz--q2") == ["", ""] and said(page, "lpq-second-quiz--q2") == ""


def test_check_with_nothing_chosen_asks_and_marks_nothing(visit):
    """Defect: Check with nothing chosen graded the empty answer ("✗ 0 of 2 right") and marked
    every row wrong; it also opened the way to the answer without an attempt (an order not yet
    moved is no answer either)."""
    page = visit.page
    page.reload()
    for qid in ("lpq-first-quiz--q1", "lpq-first-quiz--q2", "lpq-first-quiz--q3", "lpq-second-quiz--q2",
                "lpq-first-quiz--q4"):
        page.locator(f"#{qid} .lp-check").click()
        assert said(page, qid) == WORDS["ask_order" if qid.endswith("q4") else "ask"]
        assert not any(marks(page, qid))
        assert page.locator(f"#{qid} details").is_hidden()
    assert not visit.problems()


def test_a_single_choice_is_right_or_wrong_with_the_reason_of_the_choice(visit):
    """Defect: a wrong single choice said "✗ 2 of 3 right"."""
    page = visit.page
    page.reload()
    page.locator("#lpq-first-quiz--q1 input").nth(0).check()
    page.locator("#lpq-first-quiz--q1 .lp-check").click()
    assert said(page, "lpq-first-quiz--q1") == WORDS["choice"]
    assert " of " not in said(page, "lpq-first-quiz--q1")
    assert marks(page, "lpq-first-quiz--q1") == ["✗ What you change comes later.", "", ""]


def _tab_stops(page, limit=80):
    """What Tab reaches from the top of the page, in order: (tag, class, text) per stop."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.locator("h1").first.evaluate("h => { h.tabIndex = -1; h.focus(); }")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => { const el = document.activeElement;
            return el === document.body ? null : [el.tagName, el.className, el.textContent.slice(0, 40)]; }""")
        if stop is None or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


def test_the_answer_is_not_reachable_before_an_attempt(visit):
    """Defect: "Show the answer" was a Tab stop (and read in reading order) before any attempt, and
    could be opened without trying."""
    page = visit.page
    page.reload()
    assert not any(tag == "SUMMARY" for tag, _, _ in _tab_stops(page))
    text = page.locator("main").inner_text()
    assert "Show the answer" not in text and "Why first." not in text
    for reason in (*QUESTIONS[0].reasons, *QUESTIONS[1].reasons, *SECOND.questions[1].reasons):
        assert reason not in text
    tree = page.locator("main").aria_snapshot()  # what a screen reader reads, in order
    assert "Show the answer" not in tree and "Why first." not in tree
    assert "Which comes first" in tree
    # An attempt: the fold appears, still folded; only that question's.
    page.locator("#lpq-first-quiz--q1 input").nth(2).check()
    page.locator("#lpq-first-quiz--q1 .lp-check").click()
    fold = page.locator("#lpq-first-quiz--q1 details")
    assert fold.is_visible() and not fold.evaluate("d => d.open")
    assert page.locator("#lpq-first-quiz--q2 details").is_hidden()
    stops = [text for tag, _, text in _tab_stops(page) if tag == "SUMMARY"]
    assert stops == ["Show the answer"]


def test_move_up_on_the_first_and_move_down_on_the_last_are_disabled(visit):
    page = visit.page
    page.reload()
    qid = "lpq-first-quiz--q4"

    def ends():
        return page.evaluate("""qid => Array.from(document.querySelectorAll(`#${qid} li`),
            li => [li.querySelector(".lp-up").disabled, li.querySelector(".lp-down").disabled])""", qid)

    assert ends() == [[True, False], [False, False], [False, False], [False, True]]
    last = page.locator(f"#{qid} li > span:first-child").last.text_content()
    page.get_by_role("button", name=f"Move up: {last}", exact=True).click()
    assert ends() == [[True, False], [False, False], [False, False], [False, True]]
    first = page.locator(f"#{qid} li > span:first-child").first.text_content()
    page.get_by_role("button", name=f"Move down: {first}", exact=True).click()
    assert ends() == [[True, False], [False, False], [False, False], [False, True]]
    assert page.locator(f"#{qid} li > span:first-child").nth(1).text_content() == first


def test_quiz_ids_collide_no_more(crowded):
    """Defect: Quiz("check") and Quiz("check-q1") on one page both made id="lpq-check-q1"."""
    page = crowded.page
    ids = page.evaluate("Array.from(document.querySelectorAll('[id]'), el => el.id)")
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]
    page.locator("#lpq-check--q1 input").nth(1).check()
    page.locator("#lpq-check--q1 .lp-check").click()
    assert said(page, "lpq-check--q1").startswith("✓ Correct.")
    assert said(page, "lpq-check-q1--q1") == ""  # the other quiz's first question is untouched
    assert not crowded.problems()


def test_quiz_text_is_cut_at_500_characters_no_more(crowded):
    """Defect: the answer key was cut at 500 characters like learner text, so an order of ~125 items
    or a label question of ~170 rows had a key that was not JSON, and Check threw in the page."""
    page = crowded.page
    _set_answer(page, "lpq-check--q2", LONG_LABEL, ["0"] * 170)
    page.locator("#lpq-check-q1--q2 .lp-down").first.click()
    for qid, question in (("lpq-check--q2", LONG_LABEL), ("lpq-check-q1--q2", LONG_ORDER)):
        key = page.locator(f"#{qid}").get_attribute("data-key")
        assert len(key) > 500
        page.locator(f"#{qid} .lp-check").click()
        assert said(page, qid).startswith("✗ ") and f" of {len(question.items)} " in said(page, qid)
    # Everything right: the page agrees with Python, and says the whole explanation.
    _set_answer(page, "lpq-check--q2", LONG_LABEL, [str(LONG_LABEL.labels.index(a)) for a in LONG_LABEL.answers])
    page.locator("#lpq-check--q2 .lp-check").click()
    assert said(page, "lpq-check--q2") == "✓ Correct. " + LONG_LABEL.explain
    _set_answer(page, "lpq-check-q1--q2", LONG_ORDER, list(range(125)))
    assert page.evaluate("qid => window.lpQuiz.grade(document.getElementById(qid)).correct", "lpq-check-q1--q2")
    assert not crowded.problems()


# --------------------------------------------------------------------------- remembered in the journal

KEY = "lp:v1:quiz/first-quiz"


def _answer_first_quiz(page):
    page.locator("#lpq-first-quiz--q1 input").nth(2).check()                   # How (wrong)
    page.locator("#lpq-first-quiz--q2 input").nth(0).check()
    page.locator("#lpq-first-quiz--q2 input").nth(3).check()                   # a and d (right)
    page.locator("#lpq-first-quiz--q3--1").select_option("2")                 # the second: what (wrong)
    first = page.locator("#lpq-first-quiz--q4 li > span:first-child").nth(1).text_content()
    page.get_by_role("button", name=f"Move up: {first}", exact=True).click()
    page.locator("#lpq-first-quiz--q1 .lp-check").click()


def _state(page, qid_root="lpq-first-quiz"):
    return page.evaluate("""root => Array.from(document.querySelectorAll(`#${root} fieldset.lp-q`),
        q => window.lpQuiz.given(q))""", qid_root)


def test_answers_are_kept_and_come_back_unchecked(journal):
    page = journal.page
    assert page.evaluate("window.lpJournal.keys()") == []  # nothing kept until the learner answers
    _answer_first_quiz(page)
    before = _state(page)
    kept = page.evaluate("k => window.lpJournal.load(k)", KEY)
    assert [a["value"] for a in kept["answers"]] == before
    assert [a["tried"] for a in kept["answers"]] == [True, False, False, False]
    assert page.evaluate("window.lpJournal.keys()") == [KEY]  # the other quiz, untouched, keeps nothing
    page.reload()
    assert _state(page) == before
    assert page.locator("#lpq-first-quiz .lp-quiz-status").text_content() == WORDS["restored"]
    assert all(said(page, f"lpq-first-quiz--q{n}") == "" for n in range(1, 5))  # not checked again
    assert not any(m for n in range(1, 5) for m in marks(page, f"lpq-first-quiz--q{n}"))
    fold = page.locator("#lpq-first-quiz--q1 details")  # tried before: its answer is there, folded
    assert fold.is_visible() and not fold.evaluate("d => d.open")
    assert page.locator("#lpq-first-quiz--q2 details").is_hidden()
    assert _state(page, "lpq-second-quiz")[1] == ["", ""]
    # Checking after the return grades the answer that came back.
    page.locator("#lpq-first-quiz--q2 .lp-check").click()
    assert said(page, "lpq-first-quiz--q2").startswith("✓ Correct.")
    assert not journal.problems()


def test_forget_my_answers_clears_the_quiz_and_the_journal(journal):
    page = journal.page
    start = _state(page)
    _answer_first_quiz(page)
    assert _state(page) != start
    forget = page.locator("#lpq-first-quiz .lp-forget")
    assert forget.get_attribute("aria-describedby") == "lpq-first-quiz--title"
    forget.focus()
    page.keyboard.press("Enter")
    assert _state(page) == start
    assert page.evaluate("k => window.lpJournal.load(k)", KEY) is None
    assert page.locator("#lpq-first-quiz .lp-quiz-status").text_content() == WORDS["forgot"]
    assert page.locator("#lpq-first-quiz details:not([hidden])").count() == 0
    assert all(said(page, f"lpq-first-quiz--q{n}") == "" for n in range(1, 5))
    page.reload()
    assert _state(page) == start and page.locator("#lpq-first-quiz .lp-quiz-status").text_content() == ""
    assert not journal.problems()


def test_a_saved_answer_that_no_longer_fits_is_not_put_back(journal):
    """Answers kept for other text (another signature), of the wrong shape, or hostile, are ignored."""
    page = journal.page
    start = _state(page)
    sigs = page.evaluate("Array.from(document.querySelectorAll('#lpq-first-quiz fieldset'), q => q.dataset.sig)")
    page.evaluate("""([key, sigs]) => localStorage.setItem(key, JSON.stringify({answers: [
        {sig: "000000000000", value: [0], tried: true},
        {sig: sigs[1], value: [0, 9], tried: "yes"},
        {sig: sigs[2], value: ["0", "<img src=x onerror=alert(1)>", "1"]},
        {sig: sigs[3], value: [0, 0, 1, 2]}]}))""", [KEY, sigs])
    page.reload()
    assert _state(page) == start
    assert page.locator("#lpq-first-quiz details:not([hidden])").count() == 0
    assert page.locator("#lpq-first-quiz .lp-quiz-status").text_content() == ""
    for junk in ('"a string"', "[1, 2]", '{"answers": 5}', "null"):
        page.evaluate("([key, junk]) => localStorage.setItem(key, junk)", [KEY, junk])
        page.reload()
        assert _state(page) == start
    assert not journal.problems()


def test_a_journal_defined_after_the_quiz_still_restores_it(journal):
    page = journal.page
    _answer_first_quiz(page)
    before = _state(page)
    page.goto(f"{journal.url}/late.html")
    assert _state(page) == before
    assert not journal.problems()


def test_when_storage_fails_the_quiz_says_so_and_still_works(journal):
    page = journal.page
    page.evaluate("window.lpFull = true")
    page.locator("#lpq-first-quiz--q1 input").nth(1).check()
    status = page.locator("#lpq-first-quiz .lp-quiz-status").text_content()
    assert status.startswith("Your answers can't be kept in this browser")
    page.locator("#lpq-first-quiz--q1 .lp-check").click()
    assert said(page, "lpq-first-quiz--q1").startswith("✓ Correct.")
    assert not journal.problems()


def test_no_accessibility_problem_with_the_journal(journal):
    page = journal.page
    _answer_first_quiz(page)
    page.reload()
    for theme in ("light", "dark"):
        page.evaluate("theme => { document.documentElement.dataset.theme = theme; }", theme)
        violations = axe_violations(page, impacts=None)
        assert not violations, describe_violations(violations)


def test_forget_says_when_the_journal_cannot_forget(journal):
    page = journal.page
    _answer_first_quiz(page)
    page.evaluate("window.lpFull = true")
    page.locator("#lpq-first-quiz .lp-forget").click()
    assert page.locator("#lpq-first-quiz .lp-quiz-status").text_content().startswith("Your answers can't be kept")
    assert not journal.problems()


def test_answers_imported_into_the_journal_come_back(journal):
    """The journal's Import tells the page which keys it brought (the lp-journal-import event): the
    quiz puts those answers back, unchecked, even after the learner has touched it."""
    page = journal.page
    _answer_first_quiz(page)
    before, kept = _state(page), page.evaluate("k => window.lpJournal.load(k)", KEY)
    page.locator("#lpq-first-quiz .lp-forget").click()
    assert _state(page) != before
    page.evaluate("""([key, kept]) => { localStorage.setItem(key, JSON.stringify(kept));
        window.dispatchEvent(new CustomEvent("lp-journal-import", {detail: {keys: [key]}})); }""", [KEY, kept])
    assert _state(page) == before and said(page, "lpq-first-quiz--q1") == ""
    assert page.locator("#lpq-first-quiz--q1 details").is_visible()
    assert not journal.problems()


def test_the_books_own_journal_keeps_quiz_answers(site):
    """With book/_assets/journal.js itself (not the stand-in): kept, restored after a reload, forgotten."""
    if not REAL_JOURNAL.is_file():
        pytest.skip("book/_assets/journal.js is not there yet")
    browser, url = site
    v = Visit(browser)
    try:
        page = v.goto(f"{url}/book.html")
        start = _state(page)
        _answer_first_quiz(page)
        before = _state(page)
        assert page.evaluate("window.lpJournal.keys()") == [KEY]
        page.reload()
        assert _state(page) == before
        assert page.locator("#lpq-first-quiz .lp-quiz-status").text_content() == WORDS["restored"]
        page.locator("#lpq-first-quiz .lp-forget").click()
        assert page.evaluate("window.lpJournal.keys()") == [] and _state(page) == start
        page.reload()
        assert _state(page) == start
        assert not v.problems()
    finally:
        v.close()
