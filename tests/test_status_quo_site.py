"""The status quo chapter as published: it fits a phone and a desk, shows no code, the map shows
one practice's boxes and sliders at a time, and the prose says what the charts show at their defaults.

Runs on the built site (``LEADING_PRODUCTS_SITE`` points at another build than ``_build/html``).
"""

from __future__ import annotations

import re

import pytest

from browser import SITE, Visit, chromium, serve  # noqa: F401 - chromium is a fixture
from exercises.status_quo import model

PAGE = "book/status_quo.html"
WIDTHS = (390, 1280)
PRACTICES = model.load_practices()

_OVERFLOW = """() => Array.from(document.querySelectorAll("figure.lp-chart")).flatMap((fig, i) => {
    const edge = fig.getBoundingClientRect().right + 1, words = '[aria-label="lp-words"]';
    const drawn = Array.from(fig.querySelectorAll("svg")).filter(svg => svg.width.baseVal.value > edge
        - fig.getBoundingClientRect().left).map(svg => `chart ${i}: drawn ${svg.width.baseVal.value} px wide, `
        + `shrunk to fit ${Math.round(fig.getBoundingClientRect().width)} px`);
    return drawn.concat(Array.from(fig.querySelectorAll("*"))
        .filter(el => !el.closest(words) && !el.querySelector(words))  // the words are HTML above the chart
        .filter(el => el.getBoundingClientRect().right > edge)
        .slice(0, 3).map(el => `chart ${i}: ${el.tagName} ${el.getAttribute("class") || ""} reaches `
            + `${Math.round(el.getBoundingClientRect().right)} px, past ${Math.round(edge)} px`));
})"""
#: The font size each axis label of each chart is drawn at on screen (its size times the drawing's scale).
_LABEL_SIZES = """() => Array.from(document.querySelectorAll("figure.lp-chart svg")).map(svg => {
    const scale = svg.getBoundingClientRect().width / (svg.width.baseVal.value || 1);
    return Array.from(svg.querySelectorAll(".role-axis-label text"))
        .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
})"""
#: The per-practice inputs of the map a reader can see (why, challenge and the two sliders), by name.
_SHOWN_SLIDERS = """() => Array.from(document.querySelectorAll(["importance_", "evidence_", "why_", "challenge_"]
    .map(box => `figure.lp-chart input[name^="${box}"]`).join(", "))).filter(el => el.getClientRects().length > 0)
    .map(el => el.name)"""
_PICK = """(key) => { const menu = document.querySelector('figure.lp-chart select[name="practice_id"]');
    menu.value = key; menu.dispatchEvent(new Event("change", {bubbles: true})); }"""
_SLIDE = """([name, value]) => { const el = document.querySelector(`figure.lp-chart input[name="${name}"]`);
    el.value = String(value); el.dispatchEvent(new Event("input", {bubbles: true}));
    el.dispatchEvent(new Event("change", {bubbles: true})); }"""


@pytest.fixture(scope="module")
def site_url():
    if not (SITE / PAGE).is_file():
        pytest.fail(f"no built chapter page {SITE / PAGE}: build the site first", pytrace=False)
    server, url = serve(SITE)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def page(request, chromium, site_url):
    visit = Visit(chromium, viewport={"width": request.param, "height": 900})
    visit.goto(f"{site_url}/{PAGE}")
    visit.page.wait_for_function("""() => document.querySelectorAll("figure.lp-chart").length >= 3 &&
        Array.from(document.querySelectorAll("figure.lp-chart")).every(f => f.querySelector("svg"))""")
    visit.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    visit.width = request.param
    yield visit
    visit.close()


def _settle(page) -> None:
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _text(page) -> str:
    return " ".join(page.evaluate("() => document.querySelector('main').textContent").replace("\u2019", "'").split())


def test_the_chapter_fits_the_screen_and_no_chart_runs_past_its_figure(page):
    assert page.page.evaluate("document.documentElement.scrollWidth") <= page.width
    assert page.page.evaluate(_OVERFLOW) == []


def test_every_axis_label_is_readable(page):
    """Every axis label of every chart is drawn at 11 px or more on screen (no chart is shrunk to fit)."""
    small = [round(size, 1) for sizes in page.page.evaluate(_LABEL_SIZES) for size in sizes if size < 11]
    assert small == []


def test_no_code_is_shown_on_the_page(page):
    assert page.page.evaluate("() => document.querySelectorAll('.cell_input, details.hide-input').length") == 0
    assert "Show code cell source" not in _text(page.page)


def _boxes(key: str) -> list[str]:
    return sorted(f"{box}{key}" for box in ("challenge_", "evidence_", "importance_", "why_"))


def test_the_map_shows_one_practices_boxes_and_two_sliders_at_a_time(page):
    """Regression (the static map had 24 sliders under the chart, unusable on a phone, and one "why"
    and one "challenge" box for whichever practice was picked): the menu picks a practice and only
    its why, challenge and two sliders show; a practice's ratings and why stay when another is picked."""
    first = model.PRACTICE.default
    assert sorted(page.page.evaluate(_SHOWN_SLIDERS)) == _boxes(first)
    other = next(str(k) for k in PRACTICES["id"] if str(k) != first)
    page.page.evaluate(_SLIDE, [f"importance_{first}", 1])
    page.page.evaluate(_SLIDE, [f"why_{first}", "It keeps promises"])
    page.page.evaluate(_PICK, other)
    _settle(page.page)
    assert sorted(page.page.evaluate(_SHOWN_SLIDERS)) == _boxes(other)
    value = "(name) => document.querySelector(`figure.lp-chart input[name=\"${name}\"]`).value"
    assert page.page.evaluate(value, f"why_{other}") == ""
    page.page.evaluate(_PICK, first)
    _settle(page.page)
    assert page.page.evaluate(value, f"importance_{first}") == "1"
    assert page.page.evaluate(value, f"why_{first}") == "It keeps promises"
    reference = int(PRACTICES.set_index("id").loc[first, "importance"])
    page.page.evaluate(_SLIDE, [f"importance_{first}", reference])
    page.page.evaluate(_SLIDE, [f"why_{first}", ""])


def test_the_tests_discussion_is_the_models_at_the_explorers_defaults(page):
    """The discussion's numbers (need 3, €10,000, the fake door at €3,000) are the model's, and the
    explorer on the page starts at that need and budget, its budget in euros."""
    story = model.tests_story(model.load_experiments())
    assert story in _text(page.page)
    values = page.page.evaluate("""() => Object.fromEntries(["need", "budget"].map(
        n => [n, Number(document.querySelector(`figure.lp-chart [name="${n}"]`).value)]))""")
    assert values == {"need": model.NEED.default, "budget": model.BUDGET.default}
    assert f"With a need of {values['need']} and a budget of €{values['budget']:,}" in story
    label = page.page.evaluate("""() => document.querySelector('figure.lp-chart [name="budget"]')
        .closest("label").textContent""")
    assert model.CURRENCY in label


def test_each_case_shows_its_number_and_both_scores(page):
    """Regression (the S-numbers existed only in hover tooltips, and the scores behind "act and
    inform" were never shown): each case in the list names its number and both scores."""
    text = _text(page.page)
    assert [item for item in model.decisions(model.load_situations())["item"] if item not in text] == []


def test_the_map_discussion_names_the_models_first_assumption(page):
    ranked = model.rank_assumptions(PRACTICES)
    assert re.search(rf"{re.escape(ranked.iloc[0]['practice'])}\W+tops the list", _text(page.page), re.I)


def test_the_page_closes_with_what_to_take_away_and_one_thing_to_try(page):
    headings = page.page.evaluate("() => Array.from(document.querySelectorAll('main h2')).map(h => h.textContent)")
    names = [" ".join(h.replace("#", "").split()) for h in headings]
    assert names[-2:] == ["What to take away", "Try this week"]
