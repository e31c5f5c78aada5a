"""The page shell in Chromium: an explorer's result sentence is HTML in a live region, out of the picture.

One explorer (the delegation bottleneck, the reference conversion) drawn as the site draws it: its
words are written above the chart in an ``aria-live="polite"`` paragraph outside the ``role="img"``
element, change when an input changes, are not said a second time inside the picture, and the
whole chart fits a phone's 358 px column. ``Explorer.lines()`` still returns the words first.
"""

from __future__ import annotations

import pytest

from browser import SITE, Explorer, explorer_page, serve, site_folder, standalone_page
from exercises.delegation import chart, model
from exercises.kit.charts import WORDS_MARK

PHONE_COLUMN = 358

_REGION = """(anchor) => {
    const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
    const region = fig.querySelector(".lp-chart-words");
    const picture = fig.querySelector("div[id^=lp-chart-]");
    return {live: region && region.getAttribute("aria-live"), inPicture: !!(region && picture.contains(region)),
            before: !!(region && (region.compareDocumentPosition(picture) & Node.DOCUMENT_POSITION_FOLLOWING)),
            lines: region ? Array.from(region.querySelectorAll(".lp-chart-line")).map(s => s.textContent) : [],
            svgWidth: Number(fig.querySelector("svg").getAttribute("width")),
            hidden: picture.lpWordItems().map(i => [i._svg.closest("[aria-hidden=true]") !== null,
                                                    Number(i._svg.getAttribute("opacity"))])};
}"""


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("shell"), chart.bottleneck_explorer(model.bottleneck_grid()),
                       anchor=model.DECISIONS.name) as found:
        yield found


def _region(explorer) -> dict:
    return explorer.page.evaluate(_REGION, explorer.anchor)


def test_the_words_are_a_polite_live_region_above_and_outside_the_picture(explorer):
    region = _region(explorer)
    assert region["live"] == "polite" and not region["inPicture"] and region["before"]
    defaults = {spec.name: spec.default for spec in model.BOTTLENECK_INPUTS}
    assert region["lines"] == model.bottleneck(**defaults)["words"]


def test_the_live_region_changes_when_an_input_changes(explorer):
    before = _region(explorer)["lines"]
    explorer.set(delegated=100)
    after = _region(explorer)["lines"]
    assert after != before and after == model.bottleneck(model.DECISIONS.default, model.CAPACITY.default, 100)["words"]


def test_the_words_in_the_picture_are_hidden_and_said_once(explorer):
    region = _region(explorer)
    assert region["hidden"] and all(aria_hidden and opacity == 0 for aria_hidden, opacity in region["hidden"])
    lines = explorer.lines()
    assert lines[:len(region["lines"])] == region["lines"]
    for line in region["lines"]:
        assert lines.count(line) == 1, f"said twice: {line!r}"


def test_the_whole_explorer_fits_a_phone_column(explorer):
    assert _region(explorer)["svgWidth"] <= PHONE_COLUMN


def test_the_words_tag_is_the_kits(explorer):
    kinds = explorer.page.evaluate("""() => document.querySelector("div[id^=lp-chart-]").lpWordItems()
        .map(i => i.description)""")
    assert kinds and all(kind.startswith(WORDS_MARK) for kind in kinds)


def test_the_words_keep_their_tallest_height_so_the_picture_stays_still(explorer, tmp_path):
    """Fewer lines of words leave the paragraph as tall as it has been (the picture and its inputs
    do not jump up under the reader's finger); at a new width it is measured afresh."""
    import altair as alt
    import pandas as pd

    from exercises.kit import display
    from exercises.kit.charts import WIDTH, explorer as make_explorer, words

    many = alt.param(name="many", value=False, bind=alt.binding_checkbox(name="Many lines "))
    said = words(alt.Chart(pd.DataFrame({"x": [1]})).transform_calculate(
        label="many ? ['One line.', 'Two lines.', 'Three lines.'] : ['One line.']"))
    picture = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q").properties(width=WIDTH, height=100)
    face = make_explorer(said, picture, [many], title="Words", subtitle="Tick the box.", description="A chart. " * 5)
    height = """() => { const p = document.querySelector(".lp-chart-words");
        return [p.getBoundingClientRect().height, p.querySelectorAll(".lp-chart-line").length]; }"""
    picture_top = """() => document.querySelector("div[id^=lp-chart-]").getBoundingClientRect().top"""
    # A second page in the module's browser (a second Playwright cannot start beside the first).
    display.setup()
    folder = site_folder(tmp_path)
    (folder / "index.html").write_text(standalone_page(display.static_html(face.to_dict()), title="Words"), encoding="utf-8")
    server, url = serve(folder)
    page = explorer.page.context.new_page()
    try:
        page.goto(f"{url}/index.html")
        page.add_style_tag(path=str(SITE / "_static" / "book.css"))  # a line of words is a line of the page
        found = Explorer(page, "many")
        page.wait_for_selector("figure.lp-chart svg")
        one, lines = page.evaluate(height)
        assert lines == 1
        three, lines = found.set(many=True).page.evaluate(height)
        assert lines == 3 and three > one
        top = page.evaluate(picture_top)
        kept, lines = found.set(many=False).page.evaluate(height)
        assert lines == 1 and kept == three and page.evaluate(picture_top) == top
        page.set_viewport_size({"width": 600, "height": 800})
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert page.evaluate(height) == [one, 1]
    finally:
        page.close()
        server.shutdown()
        server.server_close()
