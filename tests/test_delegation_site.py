"""The delegation chapter as published: it fits a phone and a desk, shows no code, and its prose
says what its charts show at their declared defaults (the prose is made from the model).

Runs on the built site (``LEADING_PRODUCTS_SITE`` points at another build than ``_build/html``).
"""

from __future__ import annotations

from browser import chromium  # noqa: F401 - chromium is a fixture
from chapter_page import (code_cells_shown, h2_names, overflow, page_fixture, page_text,
                           plain, site_fixture, small_labels)
from exercises.delegation import model, widget

PAGE = "book/delegation.html"
WIDTHS = (390, 1280)


site_url = site_fixture(PAGE)
page = page_fixture(PAGE, WIDTHS)


def test_the_chapter_fits_the_screen_and_no_chart_runs_past_its_figure(page):
    assert overflow(page.page, page.width) == []


def test_the_boards_text_is_readable(page):
    """Regression (the board's text was about 8 px at 1280 px): every axis label of every chart is
    drawn at 11 px or more on screen, at a phone's width and a desk's."""
    assert small_labels(page.page) == []


def test_no_code_is_shown_on_the_page(page):
    assert code_cells_shown(page.page) == 0  # the toggles' words: test_site.py, for every chapter


def test_the_proses_example_is_what_the_explorer_starts_from(page):
    """Regression (the prose's 20/15/cliff at 25 % was not what the chart showed): the intro is the
    model's story at the declared defaults, and the explorer on the page starts at those defaults."""
    story = model.bottleneck_story()
    assert plain(story["intro"]) in page_text(page.page, folded=True)
    values = page.page.evaluate("""() => Object.fromEntries(["decisions", "capacity", "delegated"].map(
        n => [n, Number(document.querySelector(`figure.lp-chart [name="${n}"]`).value)]))""")
    assert values == {spec.name: spec.default for spec in model.BOTTLENECK_INPUTS}
    assert (story["decisions"], story["capacity"], story["delegated"]) == (values["decisions"], values["capacity"],
                                                                           values["delegated"])
    assert f"Imagine {values['decisions']} decisions reach you each week and you can properly take " \
           f"{values['capacity']}." in page_text(page.page, folded=True)


def test_a_quarter_of_falling_behind_is_counted_by_the_model(page):
    """Regression ("by the end of a quarter, 60 decisions are waiting" was 65 for 13 weeks)."""
    story = model.bottleneck_story()
    waiting = (model.DECISIONS.default - model.CAPACITY.default) * model.QUARTER_WEEKS
    assert story["waiting"] == waiting
    assert f"({model.QUARTER_WEEKS} weeks), {waiting:.0f} decisions are waiting" in page_text(page.page, folded=True)


def test_the_solution_is_the_models_and_says_the_time_includes_deciding(page):
    """Regression ("waits about a day" was the time with the leader including the decision): the
    solution on the page is the model's, and it says the time with you is waiting and being decided."""
    solution = plain(model.bottleneck_story()["solution"])
    assert solution in page_text(page.page, folded=True)
    assert "waiting for you, then being decided" in solution
    at = model.bottleneck(model.DECISIONS.default, model.CAPACITY.default, model.DELEGATED.default)["at"]
    assert f"spends {at['lead_days']:.1f} working day" in solution


def test_each_decisions_scores_are_on_the_page(page):
    """Regression (delegate beside advise read as a contradiction): the five scores of each decision
    are on the page before the learner chooses, as the model writes them."""
    text = page_text(page.page, folded=True)
    missing = [r.decision for r in model.recommend(model.load_decisions()).itertuples()
               if f"{r.decision}: {r.scores}" not in text]
    assert missing == []
    assert "The five scores of each decision" in widget.decision_scores().data


def test_the_page_closes_with_what_to_take_away_and_one_thing_to_try(page):
    assert h2_names(page.page)[-2:] == ["What to take away", "Try this week"]
