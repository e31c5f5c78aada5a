"""The influence chapter as built for the site, in a browser (issue #22's reading pass).

Needs a built site (``make book``, or ``LEADING_PRODUCTS_SITE`` naming another build): the numbers
the prose quotes are the model's (made from it) and the cascade explorer says them at its defaults;
the network's thresholds are written on the page, and its numbers table fits a phone; the text
points at no file or code folder; the chapter ends with what to take away and one thing to try this
week. (That the page fits 390 and 1280 px with no chart wider than its figure, passes axe in light
and dark and shows no code toggle is ``tests/test_site.py``'s, for every page.)
"""

from __future__ import annotations

import re

import pytest

from browser import Explorer, chromium  # noqa: F401 - chromium is a fixture
from chapter_page import code_written_on, h2_names, open_page, page_fixture, page_text, site_fixture, unsaid
from exercises.influence import model, widget

PATH = "book/influence.html"
site_url = site_fixture(PATH)
page = page_fixture(PATH, (1280,), "light", bare=True)


@pytest.mark.parametrize("part", ["start", "solution", "greedy", "worked"])
def test_the_prose_numbers_are_the_models(page, part):
    """Regression (issue #22): "5 of 12", "6 of 12", "3/8", "reaches 10", "Operations owns two" were typed
    in the prose; every sentence that quotes a number is now made from the model."""
    missing = unsaid(page, widget.story_markdown(part))
    assert not missing, missing


def test_the_cascade_at_its_defaults_says_what_the_prose_quotes(page):
    """The prose says the first menu starts on the chief executive and how many end up on board after
    how many rounds: the explorer, at its defaults, says those very numbers, and the matrix writes
    every leader's threshold."""
    defaults = [spec.default for spec in model.CASCADE_INPUTS[:model.MENUS]]
    leaders, network, gap = widget._book_data()
    result = model.cascade_result(leaders, network, gap, defaults, model.ROUND.default)
    lines = Explorer(page, model.CASCADE_INPUTS[0].name).lines()
    assert result["words"][0] in lines and result["round_words"] in lines
    quoted = re.search(r"the words say (\d+) of (\d+) end up on board after (\d+) rounds?", page_text(page))
    assert quoted and tuple(map(int, quoted.groups())) == (result["reach"], result["total"], result["rounds"])
    assert f"{result['reach']} of {result['total']} on board after {result['rounds']}" in result["words"][0]
    assert set(model.listener_labels(leaders)) <= set(lines)


def test_the_grids_numbers_are_readable_without_hovering(page):
    """Issue #22: power, interest and role were only in tooltips; a folded table under the grid says them."""
    page.evaluate("() => document.querySelectorAll('details.lp-numbers').forEach(d => d.open = true)")
    rows = page.evaluate("""() => Array.from(document.querySelectorAll("details.lp-numbers tr"))
        .map(tr => Array.from(tr.children).map(c => c.innerText.trim().replace(/\\s*\\n\\s*/g, " | ")))""")
    page.evaluate("() => document.querySelectorAll('details.lp-numbers').forEach(d => d.open = false)")
    leaders = model.load_leaders()
    assert rows[0] == ["Leader", "Power", "Interest", "Today", "Needs"]
    assert rows[1:] == [[f"{r.name} | {r.role}", f"{r.power:g}", f"{r.interest:g}", r.support, f"{r.threshold:.0%}"]
                        for r in leaders.itertuples()]


def test_the_numbers_table_fits_a_phone_without_scrolling_sideways(chromium, site_url):
    """The folded table under the grid fits the 358 px column when open (no box that scrolls sideways)."""
    visit = open_page(chromium, site_url, PATH, 390, "light")
    try:
        visit.page.evaluate("() => document.querySelectorAll('details.lp-numbers').forEach(d => d.open = true)")
        widths = visit.page.evaluate("""() => Array.from(document.querySelectorAll("details.lp-numbers")).map(d =>
            [d.querySelector("table").getBoundingClientRect().width, d.getBoundingClientRect().width])""")
        assert widths and all(table <= box + 1 for table, box in widths), widths
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        visit.close()


def test_the_text_points_at_no_file_and_shows_no_code():
    """Regression (issue #22): "exercises/influence/" showed in the text; code toggles showed."""
    assert code_written_on(PATH, "widget.cascade()") == []  # the toggles: test_site.py


def test_the_chapter_ends_with_what_to_take_away_and_one_thing_to_try(page):
    assert h2_names(page)[-2:] == ["What to take away", "Try this week"]
    items = page.evaluate("""() => { const h = Array.from(document.querySelectorAll('main h2, article h2'))
        .find(h => h.innerText.startsWith('What to take away'));
        return h.closest('section').querySelectorAll(':scope > ul > li').length; }""")
    assert 3 <= items <= 4
