"""The plan on the built site: answers given on each chapter page appear in the plan page's text.

One browser context, as one reader: on each chapter page set an input of an exercise the plan
reads (as a reader does, through the page's own inputs), go on to the next page, and at the
end open ``book/plan.html``: every answer is in the plan's text. Then the plan page in light and
dark mode and at 390 px: no sideways scrolling, nothing for axe-core of any impact, and its
buttons all answer. Needs a built site (``LEADING_PRODUCTS_SITE``, default ``_build/html``).
"""

from __future__ import annotations

import pytest

from browser import SETTLED, TIMEOUT_MS, Visit, axe_violations, chromium, describe_violations, draw_every_block  # noqa: F401 - chromium is a fixture
from chapter_page import draw_charts, open_page, site_fixture

_SET = """([name, value]) => {
    const els = Array.from(document.querySelectorAll(`figure.lp-chart [name="${name}"]`));
    if (!els.length) throw new Error(`no input named ${name}`);
    const el = els[0], fire = (t, kind) => t.dispatchEvent(new Event(kind, {bubbles: true}));
    if (el.tagName === "SELECT") {
        const i = Array.from(el.options).findIndex(o => o.value === String(value));
        if (i < 0) throw new Error(`${name} has no option ${value}`);
        el.selectedIndex = i; fire(el, "change");
    } else { el.value = String(value); fire(el, "input"); fire(el, "change"); }
}"""

#: (page, inputs to set, or a quiz menu as ("quiz", css selector, value), words the plan must then show).
JOURNEY = [
    ("book/purpose.html", {"why": "Shifts should fit lives"}, "your why: Shifts should fit lives"),
    ("book/status_quo.html", {"why_P5": "Investors wanted a say"}, "Why it stands, as you see it: Investors wanted a say"),
    ("book/status_quo.html", {"need": "4"}, "evidence of strength 4 of 5"),
    ("book/delegation.html", ("quiz", "#lpq-delegation-board--q1--0", "6"), "Scope of the next two-week sprint: delegate"),
    ("book/influence.html", {"first_2": "qa"}, "Talk first with: Chief executive, Quality"),
    ("book/influence.html", {"obstacle_1": "No discovery time"}, "No discovery time (no owner yet)"),
    ("book/sequencing.html", {"pos_1": "E1"}, "your order starts with"),
    ("book/culture.html", {"budget": "104"}, "Hold 104 conversations"),
    ("book/plan.html", {"goal_courage": "5"}, "Entrepreneurial courage (now 3, in six months 5)"),
    ("book/plan.html", {"market": "40", "internal": "40"}, "Now: 40% with customers and the market"),
    ("book/plan.html", {"want": "Teams own outcomes"}, "By day 90: Teams own outcomes"),
]


site_url = site_fixture("book/plan.html")


def _drawn(page) -> None:
    """Every chart drawn (scrolled into view), each with the element the page puts after it."""
    draw_charts(page)
    page.wait_for_function("() => Array.from(document.querySelectorAll('figure.lp-chart')).every("
                           "f => f.nextElementSibling)", timeout=TIMEOUT_MS)


def _plan_text(page) -> str:
    page.wait_for_selector(".lp-plan[data-plan-answered]", state="attached")
    draw_every_block(page)
    return " ".join(page.inner_text(".lp-plan-body").split())


def test_answers_given_on_each_chapter_page_appear_in_the_plan(site_url, chromium):
    v = Visit(chromium)
    try:
        v.goto(f"{site_url}/book/plan.html")
        assert "An example" in _plan_text(v.page)  # a first visit: the example
        for path, given, _ in JOURNEY:
            if not v.page.url.endswith(path):
                v.goto(f"{site_url}/{path}")
            _drawn(v.page)
            if isinstance(given, tuple):
                _, selector, value = given
                v.page.select_option(selector, value)
            else:
                for name, value in given.items():
                    v.page.evaluate(_SET, [name, value])
            v.page.evaluate(SETTLED)
            v.page.wait_for_timeout(400)  # the journal keeps a change a moment after the last one
        v.goto(f"{site_url}/book/plan.html")
        shown = _plan_text(v.page)
        missing = [want for _, _, want in JOURNEY if want not in shown]
        assert not missing, f"not in the plan: {missing}\n{shown[:3000]}"
        assert "An example" not in shown
        assert not v.errors and not v.foreign, (v.errors, v.foreign)
    finally:
        v.close()


@pytest.mark.parametrize("mode, width", [("light", 1280), ("dark", 1280), ("light", 390), ("dark", 390)])
def test_the_plan_page_fits_a_phone_and_passes_axe(site_url, chromium, mode, width):
    kept = ("localStorage.setItem('lp:v1:plan/questions', JSON.stringify({inputs: "
            "{want: 'مرحبا <b>x</b> ' + 'w'.repeat(300)}}));")
    v = open_page(chromium, site_url, "book/plan.html", width, mode, init=kept)
    try:
        _drawn(v.page)
        assert "مرحبا <b>x</b>" in _plan_text(v.page)
        problems = []
        if (wide := v.page.evaluate("document.documentElement.scrollWidth")) > width:
            problems.append(f"the page is {wide} px wide on a {width} px screen")
        if violations := axe_violations(v.page, impacts=None):
            problems.append(describe_violations(violations))
        assert not problems and not v.errors, problems + v.errors
    finally:
        v.close()


def test_every_plan_button_answers_and_print_hides_the_navigation(site_url, chromium):
    v = Visit(chromium)
    try:
        v.goto(f"{site_url}/book/plan.html")
        _plan_text(v.page)
        v.page.evaluate("() => { window.print = () => { window.lpPrinted = true; }; }")
        for which in ("markdown", "html"):
            with v.page.expect_download():
                v.page.click(f'button[data-plan="{which}"]')
            assert "downloads" in v.page.inner_text(".lp-plan-status")
        v.page.click('button[data-plan="print"]')
        assert v.page.evaluate("() => window.lpPrinted === true")
        v.page.click('button[data-plan="forget"]')
        assert "forgotten" in v.page.inner_text(".lp-plan-status")
        v.page.emulate_media(media="print")
        hidden = v.page.evaluate("""() => ['.bd-sidebar-primary', '.bd-header', '.lp-plan-controls', '.prev-next-area']
            .map(s => document.querySelector(s)).filter(Boolean).every(el => getComputedStyle(el).display === 'none')""")
        assert hidden, "printing shows the navigation or the plan's buttons"
        assert v.page.evaluate("() => Array.from(document.querySelectorAll('figure.lp-chart svg'))"
                               ".every(s => getComputedStyle(s.closest('figure')).display !== 'none')")
        breaks = v.page.evaluate("() => Array.from(document.querySelectorAll('.lp-plan-part'))"
                                 ".map(p => getComputedStyle(p).breakBefore)")
        assert breaks[0] == "auto" and all(b == "page" for b in breaks[1:]), breaks
        assert not v.errors, v.errors
    finally:
        v.close()
