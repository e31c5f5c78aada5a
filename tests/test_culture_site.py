"""The culture chapter as built for the site, in a browser (issue #22's reading pass).

Needs a built site (``make book``, or ``LEADING_PRODUCTS_SITE`` naming another build): the page
fits a phone (390 px) and a desktop (1280 px) with no sideways scrolling and no chart wider than
its figure; the numbers the prose quotes are the model's at the declared defaults and the charts
say the same at their defaults; the text points at no file or code folder; no code toggle shows;
the chapter ends with what to take away and one thing to try this week.
"""

from __future__ import annotations

import re

import pytest

from browser import SITE, Visit, axe_violations, chromium, describe_violations, serve  # noqa: F401
from exercises.culture import model, widget

SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.fixture(scope="module")
def site_url():
    if not (SITE / "book" / "culture.html").is_file():
        pytest.fail(f"no built culture page in {SITE}: build the site first", pytrace=False)
    server, url = serve(SITE)
    yield url
    server.shutdown()
    server.server_close()


def _open(chromium, site_url, width: int, mode: str = "light") -> Visit:
    visit = Visit(chromium, viewport={"width": width, "height": 844})
    visit.page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    visit.goto(f"{site_url}/book/culture.html")
    visit.page.wait_for_function("document.querySelectorAll('figure.lp-chart svg').length >= 2")
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
    text = re.sub(r"^- ", "", text, flags=re.M)
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+|\n+", text) if len(s.strip()) > 20]


def _straight(text: str) -> str:
    """The page's typographic quotes as typed (the site curls them), spaces collapsed."""
    return " ".join(text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")).split())


@pytest.mark.parametrize("width", [390, 1280])
def test_at_a_phones_width_nothing_scrolls_sideways_and_no_chart_is_wider_than_its_figure(chromium, site_url, width):
    """Regression (issue #22): at 390 px the charts were wider than the column and the page scrolled sideways."""
    visit = _open(chromium, site_url, width)
    try:
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= width
        wider = visit.page.evaluate("""() => Array.from(document.querySelectorAll("figure.lp-chart")).flatMap(fig => {
            const box = fig.getBoundingClientRect();
            return Array.from(fig.querySelectorAll("svg, canvas, .vega-bindings, form, label"))
                .filter(el => el.getBoundingClientRect().width > box.width + 1)
                .map(el => `${el.tagName} ${Math.round(el.getBoundingClientRect().width)} > ${Math.round(box.width)}`);
        })""")
        assert not wider, wider
        assert not visit.problems(), visit.problems()
    finally:
        visit.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_nothing_on_the_culture_page(chromium, site_url, mode):
    visit = _open(chromium, site_url, 390, mode)
    try:
        violations = axe_violations(visit.page, impacts=None)
        assert not violations, describe_violations(violations)
    finally:
        visit.close()


@pytest.mark.parametrize("part", ["settings", "discussion", "measures", "peers", "peers_discussion"])
def test_the_prose_numbers_are_the_models(page, part):
    """Regression (issue #22): "13 conversations, half-life 2" and "27" were typed in the prose; every
    sentence that quotes a number is now made from the model and its declarations."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    seen = _straight(_text(page))
    missing = [s for s in _plain(widget.story_markdown(part)) if " ".join(s.split()) not in seen]
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = false)")
    assert not missing, missing


def _explorer_lines(page, anchor: str) -> list[str]:
    return page.evaluate("""(anchor) => {
        const fig = document.querySelector(`figure.lp-chart [name="${anchor}"]`).closest("figure.lp-chart");
        const said = Array.from(fig.querySelectorAll(".lp-chart-words .lp-chart-line")).map(s => s.textContent);
        return said.concat(Array.from(fig.querySelectorAll("svg text")).flatMap(
            t => t.querySelector("tspan") ? Array.from(t.querySelectorAll("tspan")) : [t]).map(t => t.textContent));
    }""", anchor)


def test_the_charts_at_their_defaults_show_the_numbers_the_prose_quotes(page):
    """Each explorer starts at the settings its prose names (the prose quotes no result before the
    guess; the results it quotes are in the folded discussions, held above against the model)."""
    peers = _explorer_lines(page, model.PEER.name)
    asked = model.peers(model.PEER.default, model.PEER_BUDGET.default, model.PEER_HALF_LIFE.default)["said"]
    assert asked[0] in peers
    quoted = re.search(r"A little talk: peer talk ([\d.]+) a week, (\d+) conversations from you and a half-life of "
                       r"(\d+) weeks", _straight(_text(page)))
    assert quoted and (float(quoted[1]), int(quoted[2]), int(quoted[3])) == (
        model.PEER.default, model.PEER_BUDGET.default, model.PEER_HALF_LIFE.default)
    assert f"Peer talk {quoted[1]} a week, {quoted[2]} conversations from you" in asked[0]
    cadence = _explorer_lines(page, model.BUDGET.name)
    assert model.folded(model.BUDGET.default, model.BURST.default, model.HALF_LIFE.default)[0] in cadence
    assert f"With {model.BUDGET.default} conversations, does a launch burst" in _straight(_text(page))
    assert widget.THIN[0] in model.BUDGET.grid and widget.THIN[1] in model.HALF_LIFE.grid


def test_the_text_points_at_no_file_and_shows_no_code():
    """Regression (issue #22): "data/culture_people.csv" showed in the text; code toggles showed."""
    html = (SITE / "book" / "culture.html").read_text(encoding="utf-8")
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    visible = re.sub(r"<[^>]+>", " ", body)
    assert not re.search(r"\bdata/\w+\.csv|exercises/\w+", visible)
    assert "Show code cell source" not in html and "widget.cadence()" not in visible


def test_the_chapter_ends_with_what_to_take_away_and_one_thing_to_try(page):
    headings = page.evaluate("() => Array.from(document.querySelectorAll('main h2, article h2')).map(h => h.innerText)")
    names = [re.sub(r"[#¶\s]+$", "", h).strip() for h in headings]
    assert names[-2:] == ["What to take away", "Try this week"], names
