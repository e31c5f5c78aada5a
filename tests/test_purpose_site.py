"""The purpose chapter as published (the built site, in Chromium): the threshold chart's "16 %" and
"25 %" labels never overlap at a phone's width or a desktop's, and the figures its prose quotes are
the ones its charts show at their declared defaults (issue #22). (That the page fits 390 and 1280 px
with no chart wider than its figure is ``tests/test_site.py``'s, for every page.)

Needs a built site (``LEADING_PRODUCTS_SITE``, default ``_build/html``).
"""

from __future__ import annotations

import pytest

from browser import Explorer, chromium  # noqa: F401 - chromium is a fixture
from chapter_page import open_page, page_text, site_fixture
from exercises.kit.text import fill
from exercises.purpose import model

PAGE = "book/purpose.html"
WIDTHS = (390, 1280)

#: The boxes of the reference labels (texts starting "16 %:" or "25 %:") in the explorer holding ``anchor``.
LABELS = """(anchor) => {
    const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
    const box = fig.getBoundingClientRect();
    return Array.from(fig.querySelectorAll("svg text")).filter(t => /^(16|25) %:/.test(t.textContent))
        .map(t => { const r = t.getBoundingClientRect();
                    return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                            inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5}; });
}"""


site_url = site_fixture(PAGE)


def _overlap(a, b) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_16_and_25_labels_never_overlap_on_the_threshold_chart(chromium, site_url, width):
    """Regression: the "16 %" and "25 %" labels collided on the threshold chart; on the Bass chart too
    they must stay apart and inside their figure."""
    visit = open_page(chromium, site_url, PAGE, width)
    try:
        for anchor in (model.SPREAD.name, model.P.name):
            Explorer(visit.page, anchor)
            labels = visit.page.evaluate(LABELS, anchor)
            assert len(labels) == 2, (anchor, labels)
            assert not _overlap(*labels), (anchor, width, labels)
            assert all(label["inside"] for label in labels), (anchor, width, labels)
    finally:
        visit.close()


def test_the_prose_quotes_what_the_charts_show_at_their_defaults(chromium, site_url):
    visit = open_page(chromium, site_url, PAGE, 1280)
    try:
        text = page_text(visit.page, folded=True)  # quotes straightened: the model writes straight ones
        peak = model.bass_peak_time(model.P.default, model.Q.default)
        assert fill("adoption peaks at about period {peak:.1f}.", peak=peak) in text
        assert fill("With p = {p:.2f} and q = {q:.2f},", p=model.P.default, q=model.Q.default) in text
        bass = Explorer(visit.page, model.P.name)
        assert (float(bass.values()[model.P.name]), float(bass.values()[model.Q.name])) == (model.P.default, model.Q.default)
        assert any(fill("peaks at period {peak:.1f}", peak=peak) in line for line in bass.lines())
        mean = model.MEAN.default
        assert fill("Keep the average threshold at {mean:.0f} %.", mean=mean) in text
        cascade = Explorer(visit.page, model.SPREAD.name)
        assert float(cascade.values()[model.MEAN.name]) == mean
        for spread in (5, 10, 20):
            tip = model.tipping_share(spread / 100, mean / 100)
            assert fill("{tip:.0f} %", tip=tip) in text
            cascade.set(**{model.SPREAD.name: spread, model.REVEAL.name: True})
            assert fill(model.CASCADE_WORDS["tips"][1], tip=tip) in cascade.lines()
        cascade.set(**{model.SPREAD.name: model.SPREAD.default, model.REVEAL.name: False})
    finally:
        visit.close()
