"""The delegation chapter as published: it fits a phone and a desk, shows no code, and its prose
says what its charts show at their declared defaults (the prose is made from the model).

Runs on the built site (``LEADING_PRODUCTS_SITE`` points at another build than ``_build/html``).
"""

from __future__ import annotations

import re

import pytest

from browser import SITE, Visit, chromium, serve  # noqa: F401 - chromium is a fixture
from exercises.delegation import model, widget

PAGE = "book/delegation.html"
WIDTHS = (390, 1280)

#: Every descendant of a chart figure that reaches past the figure's right edge (none may).
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


def _text(page) -> str:
    """The page's text (closed folds included), white space made single."""
    return " ".join(page.evaluate("() => document.querySelector('main').textContent").replace("\u2019", "'").split())


def _plain(markdown: str) -> str:
    return " ".join(re.sub(r"[*_]", "", markdown).split())


def test_the_chapter_fits_the_screen_and_no_chart_runs_past_its_figure(page):
    assert page.page.evaluate("document.documentElement.scrollWidth") <= page.width
    assert page.page.evaluate(_OVERFLOW) == []


def test_the_boards_text_is_readable(page):
    """Regression (the board's text was about 8 px at 1280 px): every axis label of every chart is
    drawn at 11 px or more on screen, at a phone's width and a desk's."""
    small = [round(size, 1) for sizes in page.page.evaluate(_LABEL_SIZES) for size in sizes if size < 11]
    assert small == []


def test_no_code_is_shown_on_the_page(page):
    assert page.page.evaluate("() => document.querySelectorAll('.cell_input, details.hide-input').length") == 0
    assert "Show code cell source" not in _text(page.page)


def test_the_proses_example_is_what_the_explorer_starts_from(page):
    """Regression (the prose's 20/15/cliff at 25 % was not what the chart showed): the intro is the
    model's story at the declared defaults, and the explorer on the page starts at those defaults."""
    story = model.bottleneck_story()
    assert _plain(story["intro"]) in _text(page.page)
    values = page.page.evaluate("""() => Object.fromEntries(["decisions", "capacity", "delegated"].map(
        n => [n, Number(document.querySelector(`figure.lp-chart [name="${n}"]`).value)]))""")
    assert values == {spec.name: spec.default for spec in model.BOTTLENECK_INPUTS}
    assert (story["decisions"], story["capacity"], story["delegated"]) == (values["decisions"], values["capacity"],
                                                                           values["delegated"])
    assert f"Imagine {values['decisions']} decisions reach you each week and you can properly take " \
           f"{values['capacity']}." in _text(page.page)


def test_a_quarter_of_falling_behind_is_counted_by_the_model(page):
    """Regression ("by the end of a quarter, 60 decisions are waiting" was 65 for 13 weeks)."""
    story = model.bottleneck_story()
    waiting = (model.DECISIONS.default - model.CAPACITY.default) * model.QUARTER_WEEKS
    assert story["waiting"] == waiting
    assert f"({model.QUARTER_WEEKS} weeks), {waiting:.0f} decisions are waiting" in _text(page.page)


def test_the_solution_is_the_models_and_says_the_time_includes_deciding(page):
    """Regression ("waits about a day" was the time with the leader including the decision): the
    solution on the page is the model's, and it says the time with you is waiting and being decided."""
    solution = _plain(model.bottleneck_story()["solution"])
    assert solution in _text(page.page)
    assert "waiting for you, then being decided" in solution
    at = model.bottleneck(model.DECISIONS.default, model.CAPACITY.default, model.DELEGATED.default)["at"]
    assert f"spends {at['lead_days']:.1f} working day" in solution


def test_each_decisions_scores_are_on_the_page(page):
    """Regression (delegate beside advise read as a contradiction): the five scores of each decision
    are on the page before the learner chooses, as the model writes them."""
    text = _text(page.page)
    missing = [r.decision for r in model.recommend(model.load_decisions()).itertuples()
               if f"{r.decision}: {r.scores}" not in text]
    assert missing == []
    assert "The five scores of each decision" in widget.decision_scores().data


def test_the_page_closes_with_what_to_take_away_and_one_thing_to_try(page):
    headings = page.page.evaluate("() => Array.from(document.querySelectorAll('main h2')).map(h => h.textContent)")
    names = [" ".join(h.replace("#", "").split()) for h in headings]
    assert names[-2:] == ["What to take away", "Try this week"]
