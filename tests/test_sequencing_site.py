"""The sequencing chapter as published (the built site, in Chromium): it fits a phone and a desktop,
and the figures its prose quotes are the ones its charts show at their declared defaults (issue #22).

Needs a built site (``LEADING_PRODUCTS_SITE``, default ``_build/html``).
"""

from __future__ import annotations

import pytest

from browser import SITE, SETTLED, Explorer, Visit, chromium, serve  # noqa: F401 - chromium is a fixture
from exercises.kit.text import fill
from exercises.sequencing import model

PAGE = SITE / "book" / "sequencing.html"
WIDTHS = (390, 1280)

#: Whether the page scrolls sideways, and every chart part wider than its figure.
FITS = """() => {
    const out = {scroll: document.documentElement.scrollWidth, wide: []};
    for (const fig of document.querySelectorAll("figure.lp-chart")) {
        const box = fig.getBoundingClientRect();
        for (const child of fig.children) {
            const r = child.getBoundingClientRect();
            if (r.width > box.width + 0.5) out.wide.push(`${child.tagName}.${child.className}: ${r.width} > ${box.width}`);
        }
    }
    return out;
}"""


@pytest.fixture(scope="module")
def site_url():
    if not PAGE.is_file():
        pytest.fail(f"no built chapter at {PAGE}: build the site first", pytrace=False)
    server, url = serve(SITE)
    yield url
    server.shutdown()
    server.server_close()


def _open(chromium, site_url, width):
    visit = Visit(chromium, viewport={"width": width, "height": 844 if width < 500 else 900})
    visit.goto(f"{site_url}/book/sequencing.html")
    visit.page.wait_for_function("document.querySelectorAll('figure.lp-chart svg').length >= "
                                 "document.querySelectorAll('figure.lp-chart').length")
    visit.page.evaluate(SETTLED)
    return visit


@pytest.mark.parametrize("width", WIDTHS)
def test_the_chapter_fits_the_screen_and_no_chart_is_wider_than_its_column(chromium, site_url, width):
    visit = _open(chromium, site_url, width)
    try:
        fits = visit.page.evaluate(FITS)
        assert fits["scroll"] <= width, f"the page is {fits['scroll']} px wide on a {width} px screen"
        assert fits["wide"] == []
        assert not visit.problems(), visit.problems()
    finally:
        visit.close()


def test_the_prose_quotes_what_the_charts_show_at_their_defaults(chromium, site_url):
    backlog, returns = model.load_backlog(), model.load_returns()
    visit = _open(chromium, site_url, 1280)
    try:
        # The site's typographer curls quotes; the model writes straight ones.
        text = visit.page.evaluate("() => document.body.textContent.replace(/\\s+/g, ' ')"
                                   ".replace(/[\u2018\u2019]/g, \"'\").replace(/[\u201c\u201d]/g, '\"')")
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
