"""The influence chapter as built for the site, in a browser (issue #22's reading pass).

Needs a built site (``make book``, or ``LEADING_PRODUCTS_SITE`` naming another build): the page
fits a phone (390 px) and a desktop (1280 px) with no sideways scrolling and no chart wider than
its figure; axe finds nothing in light and dark; the numbers the prose quotes are the model's
(made from it) and the cascade explorer says them at its defaults; the network's thresholds are
written on the page; the text points at no file or code folder and no code toggle shows; the
chapter ends with what to take away and one thing to try this week.
"""

from __future__ import annotations

import re

import pytest

from browser import SITE, Visit, axe_violations, chromium, describe_violations, serve  # noqa: F401
from exercises.influence import model, widget

SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
PAGE = SITE / "book" / "influence.html"


@pytest.fixture(scope="module")
def site_url():
    if not PAGE.is_file():
        pytest.fail(f"no built influence page in {SITE}: build the site first", pytrace=False)
    server, url = serve(SITE)
    yield url
    server.shutdown()
    server.server_close()


def _open(chromium, site_url, width: int, mode: str = "light") -> Visit:
    visit = Visit(chromium, viewport={"width": width, "height": 844})
    visit.page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    visit.goto(f"{site_url}/book/influence.html")
    visit.page.wait_for_function("document.querySelectorAll('figure.lp-chart svg').length >= 3")
    visit.page.evaluate(SETTLED)
    return visit


@pytest.fixture(scope="module")
def page(chromium, site_url):
    visit = _open(chromium, site_url, 1280)
    yield visit.page
    visit.close()


def _text(page) -> str:
    return page.evaluate("() => document.querySelector('main, article, body').innerText")


def _plain(markdown: str) -> list[str]:
    """The sentences of generated Markdown as a reader sees them (marks and tags dropped)."""
    text = re.sub(r"<[^>]+>", " ", markdown).replace("**", "").replace("\\", "")
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+|\n+", text) if len(s.strip()) > 20]


def _straight(text: str) -> str:
    """The page's typographic quotes as typed (the site curls them), spaces collapsed."""
    return " ".join(text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")).split())


@pytest.mark.parametrize("width", [390, 1280])
def test_at_a_phones_width_nothing_scrolls_sideways_and_no_chart_is_wider_than_its_figure(chromium, site_url, width):
    """Regression (issue #22): at 390 px the charts were wider than the column and the page scrolled
    sideways; the network matrix must fit the 358 px column too."""
    visit = _open(chromium, site_url, width)
    try:
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= width
        wider = visit.page.evaluate("""() => Array.from(document.querySelectorAll("figure.lp-chart")).flatMap(fig => {
            const box = fig.getBoundingClientRect();
            // what a reader sees (the words' hidden text items inside the picture are not drawn)
            return Array.from(fig.querySelectorAll("svg, canvas, .vega-bindings, form, label, select, input, p"))
                .filter(el => el.getBoundingClientRect().width > box.width + 1)
                .map(el => `${el.tagName} ${Math.round(el.getBoundingClientRect().width)} > ${Math.round(box.width)}`);
        })""")
        assert not wider, wider
        assert not visit.problems(), visit.problems()
    finally:
        visit.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_nothing_on_the_influence_page(chromium, site_url, mode):
    visit = _open(chromium, site_url, 390, mode)
    try:
        violations = axe_violations(visit.page, impacts=None)
        assert not violations, describe_violations(violations)
    finally:
        visit.close()


@pytest.mark.parametrize("part", ["start", "solution", "greedy", "worked"])
def test_the_prose_numbers_are_the_models(page, part):
    """Regression (issue #22): "5 of 12", "6 of 12", "3/8", "reaches 10", "Operations owns two" were typed
    in the prose; every sentence that quotes a number is now made from the model."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    seen = _straight(_text(page))
    missing = [s for s in _plain(widget.story_markdown(part)) if _straight(s) not in seen]
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = false)")
    assert not missing, missing


def _explorer_lines(page, anchor: str) -> list[str]:
    return page.evaluate("""(anchor) => {
        const fig = document.querySelector(`figure.lp-chart [name="${anchor}"]`).closest("figure.lp-chart");
        const said = Array.from(fig.querySelectorAll(".lp-chart-words .lp-chart-line")).map(s => s.textContent);
        return said.concat(Array.from(fig.querySelectorAll("svg text")).flatMap(
            t => t.querySelector("tspan") ? Array.from(t.querySelectorAll("tspan")) : [t]).map(t => t.textContent));
    }""", anchor)


def test_the_cascade_at_its_defaults_says_what_the_prose_quotes(page):
    """The prose says the first menu starts on the chief executive and how many end up on board after
    how many rounds: the explorer, at its defaults, says those very numbers, and the matrix writes
    every leader's threshold."""
    defaults = [spec.default for spec in model.CASCADE_INPUTS[:model.MENUS]]
    leaders, network, gap = widget._book_data()
    result = model.cascade_result(leaders, network, gap, defaults, model.ROUND.default)
    lines = _explorer_lines(page, model.CASCADE_INPUTS[0].name)
    assert result["words"][0] in lines and result["round_words"] in lines
    quoted = re.search(r"the words say (\d+) of (\d+) end up on board after (\d+) rounds?", _straight(_text(page)))
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
    visit = _open(chromium, site_url, 390)
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
    html = PAGE.read_text(encoding="utf-8")
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    visible = re.sub(r"<[^>]+>", " ", body)
    assert not re.search(r"\bdata/\w+\.csv|exercises/\w+", visible)
    assert "Show code cell source" not in html and "widget.cascade()" not in visible


def test_the_chapter_ends_with_what_to_take_away_and_one_thing_to_try(page):
    headings = page.evaluate("() => Array.from(document.querySelectorAll('main h2, article h2')).map(h => h.innerText)")
    names = [re.sub(r"[#¶\s]+$", "", h).strip() for h in headings]
    assert names[-2:] == ["What to take away", "Try this week"], names
    items = page.evaluate("""() => { const h = Array.from(document.querySelectorAll('main h2, article h2'))
        .find(h => h.innerText.startsWith('What to take away'));
        return h.closest('section').querySelectorAll(':scope > ul > li').length; }""")
    assert 3 <= items <= 4
