"""The status quo chapter as published: it fits a phone and a desk, shows no code, the map shows
one practice's boxes and sliders at a time, and the prose says what the charts show at their defaults.

Runs on the built site (``LEADING_PRODUCTS_SITE`` points at another build than ``_build/html``).
"""

from __future__ import annotations

import re

from browser import SETTLED, chromium  # noqa: F401 - chromium is a fixture
from chapter_page import code_cells_shown, h2_names, overflow, page_fixture, page_text, site_fixture, small_labels
from exercises.status_quo import model

PAGE = "book/status_quo.html"
WIDTHS = (390, 1280)
PRACTICES = model.load_practices()

#: The per-practice inputs of the map a reader can see (why, challenge and the two sliders), by name.
_SHOWN_SLIDERS = """() => Array.from(document.querySelectorAll(["importance_", "evidence_", "why_", "challenge_"]
    .map(box => `figure.lp-chart input[name^="${box}"]`).join(", "))).filter(el => el.getClientRects().length > 0)
    .map(el => el.name)"""
_PICK = """(key) => { const menu = document.querySelector('figure.lp-chart select[name="practice_id"]');
    menu.value = key; menu.dispatchEvent(new Event("change", {bubbles: true})); }"""
_SLIDE = """([name, value]) => { const el = document.querySelector(`figure.lp-chart input[name="${name}"]`);
    el.value = String(value); el.dispatchEvent(new Event("input", {bubbles: true}));
    el.dispatchEvent(new Event("change", {bubbles: true})); }"""


site_url = site_fixture(PAGE)
page = page_fixture(PAGE, WIDTHS)


def test_the_chapter_fits_the_screen_and_no_chart_runs_past_its_figure(page):
    assert overflow(page.page, page.width) == []


def test_every_axis_label_is_readable(page):
    """Every axis label of every chart is drawn at 11 px or more on screen (no chart is shrunk to fit)."""
    assert small_labels(page.page) == []


def test_no_code_is_shown_on_the_page(page):
    assert code_cells_shown(page.page) == 0  # the toggles' words: test_site.py, for every chapter


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
    page.page.evaluate(SETTLED)
    assert sorted(page.page.evaluate(_SHOWN_SLIDERS)) == _boxes(other)
    value = "(name) => document.querySelector(`figure.lp-chart input[name=\"${name}\"]`).value"
    assert page.page.evaluate(value, f"why_{other}") == ""
    page.page.evaluate(_PICK, first)
    page.page.evaluate(SETTLED)
    assert page.page.evaluate(value, f"importance_{first}") == "1"
    assert page.page.evaluate(value, f"why_{first}") == "It keeps promises"
    reference = int(PRACTICES.set_index("id").loc[first, "importance"])
    page.page.evaluate(_SLIDE, [f"importance_{first}", reference])
    page.page.evaluate(_SLIDE, [f"why_{first}", ""])


def test_the_tests_discussion_is_the_models_at_the_explorers_defaults(page):
    """The discussion's numbers (need 3, €10,000, the fake door at €3,000) are the model's, and the
    explorer on the page starts at that need and budget, its budget in euros."""
    story = model.tests_story(model.load_experiments())
    assert story in page_text(page.page, folded=True)
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
    text = page_text(page.page, folded=True)
    assert [item for item in model.decisions(model.load_situations())["item"] if item not in text] == []


def test_the_map_discussion_names_the_models_first_assumption(page):
    ranked = model.rank_assumptions(PRACTICES)
    text = page_text(page.page, folded=True)
    assert re.search(rf"{re.escape(ranked.iloc[0]['practice'])}\W+tops the list", text, re.I)


def test_the_page_closes_with_what_to_take_away_and_one_thing_to_try(page):
    assert h2_names(page.page)[-2:] == ["What to take away", "Try this week"]
