"""The sequencing chapter as published (the built site, in Chromium): the figures its prose quotes are
the ones its charts show at their declared defaults (issue #22). (That the page fits 390 and 1280 px
with no chart wider than its figure is ``tests/test_site.py``'s, for every page.)

Needs a built site (``LEADING_PRODUCTS_SITE``, default ``_build/html``).
"""

from __future__ import annotations

from browser import Explorer, chromium  # noqa: F401 - chromium is a fixture
from chapter_page import open_page, page_text, site_fixture
from exercises.kit.text import fill
from exercises.sequencing import model

PAGE = "book/sequencing.html"
site_url = site_fixture(PAGE)


def test_the_prose_quotes_what_the_charts_show_at_their_defaults(chromium, site_url):
    backlog, returns = model.load_backlog(), model.load_returns()
    visit = open_page(chromium, site_url, PAGE, 1280)
    try:
        text = page_text(visit.page, folded=True)  # quotes straightened: the model writes straight ones
        gap = model.rule_gap(backlog)
        assert gap["words"] in text and model.one_kind_words(backlog) in text and model.leader_words(returns) in text
        strategies = Explorer(visit.page, model.STRATEGY.name)
        values = strategies.values()
        assert values[model.STRATEGY.name] == gap["first"] and float(values[model.HORIZON.name]) == gap["horizon"]
        first = fill(model.STRATEGY_WORDS[0], cumulative_value=gap["first_total"], week=gap["horizon"])
        assert first in strategies.lines()  # "biggest value first earns 1,093 k€ by week 52", on the chart too
        strategies.set(**{model.STRATEGY.name: gap["second"]})
        assert fill(model.STRATEGY_WORDS[0], cumulative_value=gap["second_total"], week=gap["horizon"]) in strategies.lines()
        strategies.set(**{model.STRATEGY.name: gap["first"]})
    finally:
        visit.close()
