"""The culture chapter as built for the site, in a browser (issue #22's reading pass).

Needs a built site (``make book``, or ``LEADING_PRODUCTS_SITE`` naming another build): the numbers
the prose quotes are the model's at the declared defaults and the charts say the same at their
defaults; the text points at no file or code folder; the chapter ends with what to take away and
one thing to try this week. (That the page fits 390 and 1280 px with no chart wider than its figure,
passes axe in light and dark and shows no code toggle is ``tests/test_site.py``'s, for every page.)
"""

from __future__ import annotations

import re

import pytest

from browser import Explorer, chromium  # noqa: F401 - chromium is a fixture
from chapter_page import code_written_on, h2_names, page_fixture, page_text, site_fixture, unsaid
from exercises.culture import model, widget

PATH = "book/culture.html"
site_url = site_fixture(PATH)
page = page_fixture(PATH, (1280,), "light", bare=True)


@pytest.mark.parametrize("part", ["settings", "discussion", "measures", "peers", "peers_discussion"])
def test_the_prose_numbers_are_the_models(page, part):
    """Regression (issue #22): "13 conversations, half-life 2" and "27" were typed in the prose; every
    sentence that quotes a number is now made from the model and its declarations."""
    missing = unsaid(page, widget.story_markdown(part))
    assert not missing, missing


def test_the_charts_at_their_defaults_show_the_numbers_the_prose_quotes(page):
    """Each explorer starts at the settings its prose names (the prose quotes no result before the
    guess; the results it quotes are in the folded discussions, held above against the model)."""
    peers = Explorer(page, model.PEER.name).lines()
    asked = model.peers(model.PEER.default, model.PEER_BUDGET.default, model.PEER_HALF_LIFE.default)["said"]
    assert asked[0] in peers
    quoted = re.search(r"A little talk: peer talk ([\d.]+) a week, (\d+) conversations from you and a half-life of "
                       r"(\d+) weeks", page_text(page))
    assert quoted and (float(quoted[1]), int(quoted[2]), int(quoted[3])) == (
        model.PEER.default, model.PEER_BUDGET.default, model.PEER_HALF_LIFE.default)
    assert f"Peer talk {quoted[1]} a week, {quoted[2]} conversations from you" in asked[0]
    cadence = Explorer(page, model.BUDGET.name).lines()
    assert model.folded(model.BUDGET.default, model.BURST.default, model.HALF_LIFE.default)[0] in cadence
    assert f"With {model.BUDGET.default} conversations, does a launch burst" in page_text(page)
    assert widget.THIN[0] in model.BUDGET.grid and widget.THIN[1] in model.HALF_LIFE.grid


def test_the_text_points_at_no_file_and_shows_no_code():
    """Regression (issue #22): "data/culture_people.csv" showed in the text; code toggles showed."""
    assert code_written_on(PATH, "widget.cadence()") == []  # the toggles: test_site.py


def test_the_chapter_ends_with_what_to_take_away_and_one_thing_to_try(page):
    assert h2_names(page)[-2:] == ["What to take away", "Try this week"]
