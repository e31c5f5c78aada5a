"""What the chapter pages' own tests share: a chapter page of the built site in Chromium, and its words.

The per-chapter site tests (``tests/test_<topic>_site.py``) hold a chapter's prose against its model
on the built site; the page tests (``tests/test_<topic>_page.py``) read the notebook the site is built
from. What every page must do anyway (fit 390 and 1280 px with no chart wider than its figure, axe in
light and dark, no code toggle) is ``tests/test_site.py``'s, for every page: a chapter test does not
repeat it.

- :func:`site_fixture` makes the module-scoped ``site_url`` fixture that serves the built site (it
  fails, saying so, when the page is not built); :func:`page_fixture` a ``page`` fixture at each width;
- :func:`open_page` opens a page at a width and colour mode and waits until every chart on it is
  drawn: charts are drawn as they near the screen (``display.static_html``), so it scrolls each one
  not yet drawn into view, as a reader would, then back to the top;
- :func:`page_text`, :func:`straight`, :func:`plain` and :func:`sentences`: the page's text and
  generated Markdown as a reader reads them, to compare one with the other (:func:`unsaid`);
- :func:`overflow`, :func:`small_labels`, :func:`h2_names`, :func:`code_cells_shown`,
  :func:`code_written_on`: checks on a page;
- :func:`notebook`, :func:`markdown_of`, :func:`glued`: the executed notebook a page is built from.

A test module that imports this one is marked ``browser`` by the root ``conftest.py`` (it imports
``tests/browser.py``).
"""

from __future__ import annotations

import json
import re

import pytest

from browser import ROOT, SETTLED, SITE, TIMEOUT_MS, Visit, draw_every_block, serve

#: True once every chart of the page is drawn; scrolls the first one not yet drawn into view (once).
_ALL_DRAWN = """() => {
    const waiting = Array.from(document.querySelectorAll("figure.lp-chart")).find(fig => !fig.querySelector("svg"));
    if (!waiting) return true;
    if (!waiting.lpScrolledTo) { waiting.lpScrolledTo = true; waiting.scrollIntoView({block: "center"}); }
    return false;
}"""

#: Every part of a chart figure that reaches past the figure's right edge, or an SVG drawn wider than
#: the figure (the words are HTML above the chart, measured by ``test_site.py``'s width check).
_OVERFLOW = """() => Array.from(document.querySelectorAll("figure.lp-chart")).flatMap((fig, i) => {
    const edge = fig.getBoundingClientRect().right + 1, words = '[aria-label="lp-words"]';
    const drawn = Array.from(fig.querySelectorAll("svg")).filter(svg => svg.width.baseVal.value > edge
        - fig.getBoundingClientRect().left).map(svg => `chart ${i}: drawn ${svg.width.baseVal.value} px wide, `
        + `shrunk to fit ${Math.round(fig.getBoundingClientRect().width)} px`);
    return drawn.concat(Array.from(fig.querySelectorAll("*"))
        .filter(el => !el.closest(words) && !el.querySelector(words))
        .filter(el => el.getBoundingClientRect().right > edge)
        .slice(0, 3).map(el => `chart ${i}: ${el.tagName} ${el.getAttribute("class") || ""} reaches `
            + `${Math.round(el.getBoundingClientRect().right)} px, past ${Math.round(edge)} px`));
})"""

#: The font size each axis label of each chart is drawn at on screen (its size times the drawing's scale).
_LABEL_SIZES = """() => Array.from(document.querySelectorAll("figure.lp-chart svg")).map(svg => {
    const scale = svg.getBoundingClientRect().width / (svg.width.baseVal.value || 1);
    return Array.from(svg.querySelectorAll(".role-axis-label text"))
        .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
})"""

_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def site_fixture(path: str):
    """A module-scoped ``site_url`` fixture serving the built site, for a test of the page ``path``.

    Parameters
    ----------
    path : str
        The page the module tests, relative to the site's root (``"book/culture.html"``).

    Returns
    -------
    function
        A pytest fixture: assign it to ``site_url`` in the test module. It fails (no traceback) when
        ``path`` is not built in :data:`browser.SITE`, and stops the server after the module.
    """

    @pytest.fixture(scope="module")
    def site_url():
        if not (SITE / path).is_file():
            pytest.fail(f"no built page {SITE / path}: build the site first", pytrace=False)
        server, url = serve(SITE)
        yield url
        server.shutdown()
        server.server_close()

    return site_url


def page_fixture(path: str, widths: tuple[int, ...] = (390, 1280), mode: str | None = None,
                 bare: bool = False):
    """A module-scoped ``page`` fixture: the page ``path`` opened by :func:`open_page` at each width.

    Parameters
    ----------
    path : str
        The page, relative to the site's root.
    widths : tuple of int
        The screen widths (px) the module's tests run at, one visit each (ids ``390px``, ...).
    mode : str or None
        The colour mode (``"light"``, ``"dark"``), as :func:`open_page`.
    bare : bool
        Yield the Playwright page itself rather than the visit.

    Returns
    -------
    function
        A pytest fixture yielding the :class:`browser.Visit` (its ``width`` set), or its page when
        ``bare``; it needs the module's ``chromium`` and ``site_url`` fixtures.
    """

    @pytest.fixture(scope="module", params=widths, ids=[f"{w}px" for w in widths])
    def page(request, chromium, site_url):
        visit = open_page(chromium, site_url, path, request.param, mode)
        yield visit.page if bare else visit
        visit.close()

    return page


def draw_charts(page, timeout: float = TIMEOUT_MS) -> None:
    """Wait until every chart on ``page`` is drawn, scrolling each one not yet drawn into view, then
    scroll back to the top and let Vega settle.

    Parameters
    ----------
    page : playwright.sync_api.Page
        An open page of the site.
    timeout : float
        Milliseconds to wait for the last chart (Playwright raises after that).
    """
    page.wait_for_function(_ALL_DRAWN, timeout=timeout)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.evaluate(SETTLED)


def open_page(chromium, site_url: str, path: str, width: int = 1280, mode: str | None = None,
              init: str = "") -> Visit:
    """Open the page ``path`` of the served site at ``width`` px (in colour ``mode``), all charts drawn.

    Parameters
    ----------
    chromium : playwright.sync_api.Browser
        The module's browser (the ``chromium`` fixture).
    site_url : str
        Where the site is served (the ``site_url`` fixture).
    path : str
        The page, relative to the site's root (``"book/culture.html"``).
    width : int
        The screen's width in px; its height is a phone's (844) below 500 px, else 900.
    mode : str or None
        ``"light"`` or ``"dark"``, as the reader chose it (stored before the page loads); None: the default.
    init : str
        A script run before the page's own (to store a kept answer, say).

    Returns
    -------
    Visit
        The visit (close it when done); its ``width`` is the screen's.
    """
    visit = Visit(chromium, viewport={"width": width, "height": 844 if width < 500 else 900})
    if mode:
        visit.page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    if init:
        visit.page.add_init_script(init)
    visit.goto(f"{site_url}/{path}")
    draw_charts(visit.page)
    draw_every_block(visit.page)
    visit.width = width
    return visit


def straight(text: str) -> str:
    """``text`` with typographic quotes as typed (the site curls them) and white space made single."""
    return " ".join(text.translate(_QUOTES).split())


def page_text(page, folded: bool = False) -> str:
    """The text of the page's ``main`` (else ``article``, else ``body``), quotes straightened, spaces single.

    Parameters
    ----------
    page : playwright.sync_api.Page
        An open page.
    folded : bool
        Include the text of closed folds (``<details>``) too (``textContent``); else only what a
        reader sees now (``innerText``).
    """
    prop = "textContent" if folded else "innerText"
    return straight(page.evaluate(f"() => document.querySelector('main, article, body').{prop}"))


def plain(markdown: str) -> str:
    """Generated Markdown as a reader reads it: tags, bold and emphasis marks (``*``, ``_``),
    backslashes and list markers dropped, quotes straightened and white space made single."""
    text = re.sub(r"<[^>]+>", " ", markdown).replace("\\", "")
    return straight(re.sub(r"[*_]", "", re.sub(r"^- ", "", text, flags=re.M)))


def sentences(markdown: str) -> list[str]:
    """The sentences (over 20 characters) of generated Markdown as a reader sees them, each :func:`plain`."""
    text = re.sub(r"<[^>]+>", " ", markdown).replace("**", "").replace("\\", "")
    text = re.sub(r"^- ", "", text, flags=re.M)
    return [straight(s) for s in re.split(r"(?<=[.?!])\s+|\n+", text) if len(s.strip()) > 20]


def unsaid(page, markdown: str) -> list[str]:
    """The sentences of generated ``markdown`` (:func:`sentences`) that ``page`` does not say, its
    folds opened for the reading (and closed again)."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    seen = page_text(page)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = false)")
    return [s for s in sentences(markdown) if s not in seen]


def visible_html(path: str) -> str:
    """The built page ``path``'s text as written in its HTML (scripts and styles dropped, tags made spaces)."""
    html = (SITE / path).read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S))


def overflow(page, width: int | None = None) -> list[str]:
    """What reaches past its chart figure's right edge on ``page``, as readable lines (none may);
    with ``width``, also whether the page is wider than that screen (it scrolls sideways)."""
    wide = page.evaluate("document.documentElement.scrollWidth")
    screen = [f"the page is {wide} px wide on a {width} px screen"] if width and wide > width else []
    return screen + page.evaluate(_OVERFLOW)


def small_labels(page, least: float = 11) -> list[float]:
    """The on-screen sizes (px) of the axis labels drawn smaller than ``least`` px on ``page``."""
    return [round(size, 1) for sizes in page.evaluate(_LABEL_SIZES) for size in sizes if size < least]


def h2_names(page) -> list[str]:
    """The page's section headings (``h2`` of ``main``/``article``), without their ``#``/``¶`` anchors."""
    headings = page.evaluate("() => Array.from(document.querySelectorAll('main h2, article h2'))"
                             ".map(h => h.textContent)")
    return [" ".join(re.sub(r"[#¶]", " ", h).split()) for h in headings]


def code_cells_shown(page) -> int:
    """How many code cells' inputs ``page`` shows, folded or not (a chapter shows none)."""
    return page.evaluate("() => document.querySelectorAll('.cell_input, details.hide-input').length")


def code_written_on(path: str, *calls: str) -> list[str]:
    """What of code the built page ``path`` writes in its text: the code folders and data files it
    names (:func:`code_paths_in`) and which of ``calls`` (a cell's source, ``"widget.cadence()"``) it shows."""
    visible = visible_html(path)
    return code_paths_in(visible) + [call for call in calls if call in visible]


def notebook(topic: str) -> dict:
    """The executed notebook ``book/<topic>.ipynb`` the site's chapter page is built from."""
    return json.loads((ROOT / "book" / f"{topic}.ipynb").read_text(encoding="utf-8"))


def markdown_of(nb: dict) -> str:
    """Every Markdown cell of the notebook ``nb``, joined by new lines."""
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def glued(nb: dict, kind: str = "text/plain") -> dict:
    """What the notebook ``nb`` glues for its prose (as executed), by name, as the ``kind`` it was recorded."""
    key = f"application/papermill.record/{kind}"
    return {out["metadata"]["scrapbook"]["name"]: out["data"][key]
            for cell in nb["cells"] for out in cell.get("outputs", [])
            if "scrapbook" in out.get("metadata", {}) and key in out.get("data", {})}


def code_shown_in(nb: dict) -> list[int]:
    """The code cells of ``nb`` whose source the page shows or folds (neither ``remove-input`` nor
    ``remove-cell``, or ``hide-input``), by index."""
    cells = [(i, c.get("metadata", {}).get("tags", [])) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    return [i for i, tags in cells if not ("remove-input" in tags or "remove-cell" in tags) or "hide-input" in tags]


def code_paths_in(text: str) -> list[str]:
    """Every code folder or data file path (``exercises/…``, ``data/….csv``) ``text`` names."""
    return re.findall(r"\bexercises/\w*|\bdata/\w+\.csv", text)


def closing_takeaways(nb: dict) -> int | None:
    """How many points the notebook's last cell gives under "What to take away" before "Try this
    week"; None when the last cell does not have both headings."""
    last = "".join(nb["cells"][-1]["source"])
    if "## What to take away" not in last or "## Try this week" not in last:
        return None
    return last.split("## Try this week")[0].count("\n- ")


__all__ = ["closing_takeaways", "code_cells_shown", "code_paths_in", "code_shown_in", "code_written_on",
           "draw_charts", "glued", "h2_names", "markdown_of", "notebook", "open_page", "overflow", "page_fixture",
           "page_text", "plain", "sentences", "site_fixture", "small_labels", "straight", "unsaid",
           "visible_html"]
