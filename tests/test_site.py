"""The built site, in a real browser: offline, error-free, accessible and interactive.

What a learner on the published site gets is checked here, page by page, in Debian's
Chromium driven by Playwright (never a browser a tool downloads itself):

* every page under ``_build/html`` loads with **no request to any other host** (requests to
  other hosts are recorded and aborted, so the test never waits on the network);
* no console error, no uncaught page error, no local file missing;
* every chart (``figure.lp-chart``) draws an ``svg`` or ``canvas``; no page holds widget
  state (a frozen widget is a control that does nothing: each exercise shows its static face);
* axe-core finds no ``critical`` or ``serious`` accessibility violation;
* every input bound to a chart redraws it when used (no dead control);
* a chart page opened from disk (``file://``, the USB-stick case) still draws its charts,
  with no error;
* the chart loader finds ``_static/vendor/`` from a page at any depth (every page's
  ``data-content_root`` resolves to the site root; a probe page three folders deep draws);
* every page of ``_toc.yml`` was built; every chart has a text description;
* the search page finds the book's title in its local index; ``index.html`` opened from disk
  leads to the first page.

Build first (``make book``); this module fails, rather than skips, when there is no site.
Run alone with ``.venv/bin/python -m pytest tests/test_site.py`` (about 20 s on 2 cores).
Every page is also checked in dark mode and at a phone's width (390 px), and a screenshot of each
page in each mode and width is saved under ``_build/screenshots/`` for a person to look at
(``LP_SCREENSHOTS`` names another folder).
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import (ROOT, SITE, TIMEOUT_MS, Visit, axe_violations, chromium, describe_violations,  # noqa: F401
                     serve, standalone_page)
from exercises import CHAPTERS
from specs import toc_files

NOT_BUILT = f"no built site in {SITE}: run make book first"
SCREENSHOTS = Path(os.environ.get("LP_SCREENSHOTS") or ROOT / "_build" / "screenshots")
#: The looks every page is checked in besides the default (light, 1280 px): mode and width.
LOOKS = [("dark", 1280), ("light", 390), ("dark", 390)]

CHART = "figure.lp-chart"
WIDGET_STATE = "application/vnd.jupyter.widget"  # a view or a state script: a frozen widget
BOUND_INPUTS = ".vega-bindings input, .vega-bindings select"


def _pages() -> list[str]:
    """Every HTML page of the built site, as a path relative to the site root.

    Only ``_static/`` is left out: the two ``webpack-macros.html`` files there are Jinja
    fragments the theme ships, not pages. ``search.html`` and ``genindex.html`` are real
    pages a learner can open, so they are checked like any other.
    """
    if not SITE.is_dir():
        return []
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")
                  if p.relative_to(SITE).parts[0] != "_static")


def _chart_pages() -> list[str]:
    return [p for p in _pages() if 'class="lp-chart"' in (SITE / p).read_text(encoding="utf-8")]


# With no site, parametrize with one placeholder so the tests fail instead of vanishing
# as "empty parameter set" skips.
PAGES = _pages() or ["<no site>"]
CHART_PAGES = _chart_pages() or ["<no chart page>"]


def _redirect_target(path: str) -> str | None:
    """The page ``path`` redirects to with a meta refresh, relative to the site root."""
    match = re.search(r'http-equiv="Refresh" content="\d+;\s*url=([^"]+)"',
                      (SITE / path).read_text(encoding="utf-8"), re.IGNORECASE)
    if not match:
        return None
    return (Path(path).parent / match.group(1)).as_posix().removeprefix("./")


def _require_site() -> None:
    if not (SITE / "index.html").is_file():
        pytest.fail(NOT_BUILT, pytrace=False)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def site_url():
    _require_site()
    server, url = serve(SITE)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def visit(chromium):
    visits = []

    def open_(url: str) -> Visit:
        v = Visit(chromium)
        visits.append(v)
        v.goto(url)
        return v

    yield open_
    for v in visits:
        v.close()


# --------------------------------------------------------------------------- helpers

# Charts are drawn as they near the screen (kit.display.static_html): the check scrolls to the first
# chart not yet drawn (or failed), as a reader would, and on to the next once it is.
_CHARTS_SETTLED = """(selector) => {
    const waiting = Array.from(document.querySelectorAll(selector)).find(
        fig => !(fig.querySelector("svg, canvas") || /could not be drawn/.test(fig.textContent)));
    if (!waiting) return true;
    if (!waiting.lpScrolledTo) { waiting.lpScrolledTo = true; waiting.scrollIntoView({block: "center"}); }
    return false;
}"""

_CONTENT_ROOT = """() => {
    const root = document.documentElement.getAttribute("data-content_root");
    return root === null ? null : new URL(root, location.href).href;
}"""


def _wait(page, script, arg) -> bool:
    """Wait until ``script`` is true; False on timeout (the caller says what is missing)."""
    try:
        page.wait_for_function(script, arg=arg, timeout=TIMEOUT_MS)
        return True
    except PlaywrightTimeout:
        return False


def _chart_status(page) -> list[dict]:
    return page.eval_on_selector_all(CHART, """figs => figs.map((fig, i) => ({
        index: i,
        id: (fig.querySelector("div[id]") || {}).id || "",
        drawn: !!fig.querySelector("svg, canvas"),
        description: ((fig.querySelector("figcaption") || {}).textContent || "").trim(),
        text: fig.textContent.trim().slice(0, 200),
    }))""")


def _settle(page) -> None:
    """Wait until every chart has drawn (or failed).

    A timeout is not an error here: the checks that follow name what did not finish.
    """
    _wait(page, _CHARTS_SETTLED, CHART)


# Change input number ``i`` of chart ``fig`` to a different value and fire the events
# Vega listens to ("input" for ranges, "change" for the others).
_NUDGE = """([fig, i]) => {
    const el = document.querySelectorAll("figure.lp-chart")[fig]
        .querySelectorAll(".vega-bindings input, .vega-bindings select")[i];
    if (el.tagName === "SELECT") {
        if (el.options.length < 2) return null;
        el.selectedIndex = (el.selectedIndex + 1) % el.options.length;
    } else if (el.type === "range" || el.type === "number") {
        const min = Number(el.min || 0), max = Number(el.max || 100);
        const step = el.step && el.step !== "any" ? Number(el.step) : (max - min) / 10;
        const v = Number(el.value);
        el.value = String(v + step <= max ? v + step : min);
    } else if (el.type === "checkbox") {
        el.checked = !el.checked;
    } else if (el.type === "radio") {
        if (el.checked) return null;  // pick an unchecked radio of the group instead
        el.checked = true;
    } else {
        return null;
    }
    el.dispatchEvent(new Event("input", {bubbles: true}));
    el.dispatchEvent(new Event("change", {bubbles: true}));
    return {name: el.name || (el.closest(".vega-bind") || {}).textContent || ""};
}"""

# What a chart shows: its picture and its result sentences (written above it, outside the SVG).
_SHOWN = """([fig]) => {
    const figure = document.querySelectorAll("figure.lp-chart")[fig], svg = figure.querySelector("svg");
    const words = figure.querySelector(".lp-chart-words");
    return svg ? svg.outerHTML + "\u0000" + (words ? words.textContent : "") : null;
}"""

_SHOWN_CHANGED = """([fig, before]) => {
    const figure = document.querySelectorAll("figure.lp-chart")[fig], svg = figure.querySelector("svg");
    const words = figure.querySelector(".lp-chart-words");
    return svg !== null && svg.outerHTML + "\u0000" + (words ? words.textContent : "") !== before;
}"""


def _dead_inputs(page, fig: int) -> list[str]:
    """Nudge every bound input of chart ``fig`` in turn; return those after which neither its picture nor
    its words changed."""
    dead = []
    count = page.locator(CHART).nth(fig).locator(BOUND_INPUTS).count()
    for i in range(count):
        before = page.evaluate(_SHOWN, [fig])
        nudged = page.evaluate(_NUDGE, [fig, i])
        if nudged is None:
            continue
        try:
            page.wait_for_function(_SHOWN_CHANGED, arg=[fig, before], timeout=3_000)
        except PlaywrightTimeout:
            dead.append(nudged["name"].strip() or f"input {i}")
    return dead


# Every descendant of a chart's figure wider than the figure, and every chart drawn wider than it
# (an SVG's own width: CSS shrinks a wide one to fit, which makes its type too small to read).
_WIDER_THAN_FIGURE = """() => Array.from(document.querySelectorAll("figure.lp-chart")).flatMap((fig, i) => {
    const style = getComputedStyle(fig), id = (fig.querySelector("div[id]") || {}).id || "?";
    const room = fig.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) + 0.5;
    const name = el => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined && el.className
        ? "." + String(el.className).trim().split(/\\s+/).join(".") : "");
    const found = [];
    for (const el of fig.querySelectorAll("*")) {
        if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;  // the SVG is measured whole
        const w = el.getBoundingClientRect().width;
        if (w > room) found.push(`#${i} ${id}: ${name(el)} is ${Math.round(w)} px in a figure with ${Math.round(room)} px of room`);
    }
    for (const svg of fig.querySelectorAll("svg.marks")) {
        const drawn = Number(svg.getAttribute("width"));
        if (drawn > room) found.push(`#${i} ${id}: the chart is drawn ${drawn} px wide for ${Math.round(room)} px of room`);
    }
    return found;
})"""

# The result sentences of every chart: its live region, whether it sits outside the picture, and how
# many sentence items Vega computed for it (``lpWordItems``, set by kit.display.static_html).
_WORDS = """() => Array.from(document.querySelectorAll("figure.lp-chart")).map((fig, i) => {
    const region = fig.querySelector(".lp-chart-words"), picture = fig.querySelector("div[id^=lp-chart-]");
    return {index: i, id: picture ? picture.id : "?", region: !!region,
            live: region ? region.getAttribute("aria-live") : null,
            outside: !!(region && picture && !picture.contains(region)),
            items: picture && picture.lpWordItems ? picture.lpWordItems().length : 0,
            inputs: fig.querySelectorAll(".vega-bindings input, .vega-bindings select").length,
            text: region ? region.textContent : ""};
})"""
_REGION_TEXT = """([fig]) => (document.querySelectorAll("figure.lp-chart")[fig].querySelector(".lp-chart-words") || {}).textContent"""
_REGION_CHANGED = """([fig, before]) => (document.querySelectorAll("figure.lp-chart")[fig]
    .querySelector(".lp-chart-words") || {}).textContent !== before"""


_TYPE = """([fig, i]) => {
    const el = document.querySelectorAll("figure.lp-chart")[fig]
        .querySelectorAll(".vega-bindings input, .vega-bindings select")[i];
    if (el.type !== "text") return null;
    el.value = el.value ? "" : "Our customers wait a week for an answer";
    el.dispatchEvent(new Event("input", {bubbles: true}));
    el.dispatchEvent(new Event("change", {bubbles: true}));
    return {name: el.name};
}"""


def _region_follows_an_input(page, fig: int, tries: int = 4) -> bool:
    """Move the bound inputs of chart ``fig`` one after another (each up to ``tries`` steps: a slider may
    need to pass its partner before the sentence changes; text boxes are typed in) until its live region
    says something else."""
    count = page.locator(CHART).nth(fig).locator(BOUND_INPUTS).count()
    for i in range(count):
        for _ in range(tries):
            before = page.evaluate(_REGION_TEXT, [fig])
            if page.evaluate(_NUDGE, [fig, i]) is None and page.evaluate(_TYPE, [fig, i]) is None:
                break
            try:
                page.wait_for_function(_REGION_CHANGED, arg=[fig, before], timeout=1_000)
                return True
            except PlaywrightTimeout:
                continue
    return False

# --------------------------------------------------------------------------- tests





def test_site_is_built():
    """The site exists and has a page for every file of the table of contents."""
    _require_site()
    missing = [f for f in toc_files() if not (SITE / f"{f}.html").is_file()]
    assert not missing, f"_toc.yml lists pages the build did not write: {missing}; run make book"


def test_no_page_holds_a_frozen_widget():
    """Widget state on a page is a control that does nothing (and costs the 0.9 MB widget
    manager, from a CDN): every exercise must show its static face there instead."""
    _require_site()
    frozen = [p for p in PAGES if WIDGET_STATE in (SITE / p).read_text(encoding="utf-8")]
    assert not frozen, f"pages with frozen widgets (call the exercise, e.g. widget.order()): {frozen}"


@pytest.mark.parametrize("topic", CHAPTERS)
def test_every_chapter_page_shows_a_static_face_per_exercise(topic):
    """Each exercise of each chapter (exercises.CHAPTERS) appears on its page as a chart or a quiz."""
    _require_site()
    module = importlib.import_module(f"exercises.{topic}.widget")
    html = (SITE / "book" / f"{topic}.html").read_text(encoding="utf-8")
    faces = html.count('class="lp-chart"') + html.count('class="lp-quiz"')
    assert faces >= len(module.EXERCISES), f"{topic}: {faces} charts or quizzes for {len(module.EXERCISES)} exercises"


@pytest.mark.parametrize("path", PAGES)
def test_page(path, site_url, visit):
    """Offline, error-free, drawn, rendered and accessible, and its charts respond."""
    _require_site()
    v = visit(f"{site_url}/{path}")
    page = v.page
    target = _redirect_target(path)
    if target is not None:
        # index.html only sends the reader on to the book's root page: it must be a page of
        # this site, and the checks below then run on that page as the reader sees it.
        assert (SITE / target).is_file(), f"{path} redirects to {target}, which is not a built page"
        page.wait_for_url(f"{site_url}/{target}")
        page.wait_for_load_state("load")
    _settle(page)

    problems = []
    root = page.evaluate(_CONTENT_ROOT)
    if root != site_url + "/":
        problems.append(f"data-content_root resolves to {root!r}, not the site root {site_url + '/'}")

    charts = _chart_status(page)
    undrawn = [c for c in charts if not c["drawn"]]
    if undrawn:
        problems.append("charts not drawn:\n  " + "\n  ".join(f"#{c['index']} {c['id']}: {c['text']!r}"
                                                           for c in undrawn))
    undescribed = [c for c in charts if not c["description"]]
    if undescribed:
        problems.append("charts without a text description (set the chart's description=): "
                        + ", ".join(f"#{c['index']} {c['id']}" for c in undescribed))

    for fig in range(len(charts)):
        if dead := _dead_inputs(page, fig):
            problems.append(f"chart #{fig}: inputs that change nothing when used: {', '.join(dead)}")

    _screenshot(page, path, "light", 1280)

    # Audit last, after the inputs moved: the page a learner has played with must pass too.
    violations = axe_violations(page, impacts=None)
    if violations:
        problems.append("axe-core violations:\n" + describe_violations(violations))

    # Collected last, so requests and errors caused by the inputs or the audit count too.
    if v.foreign:
        problems.append("requests to other hosts (the page must work offline):\n  " + "\n  ".join(v.foreign))
    if v.missing:
        problems.append("local files missing:\n  " + "\n  ".join(v.missing))
    if v.errors:
        problems.append("errors in the browser:\n  " + "\n  ".join(v.errors))
    assert not problems, f"{path}:\n" + "\n".join(problems)


def _screenshot(page, path: str, mode: str, width: int) -> None:
    out = SCREENSHOTS / f"{path.replace('/', '__').removesuffix('.html')}-{mode}-{width}px.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=True)


@pytest.mark.parametrize("mode,width", LOOKS, ids=[f"{m}-{w}px" for m, w in LOOKS])
@pytest.mark.parametrize("path", [p for p in PAGES if _redirect_target(p) is None])
def test_page_in_every_mode_and_width(path, mode, width, site_url, chromium):
    """In dark mode and on a phone: the page is in that mode, fits the screen, draws its charts,
    keeps the chart area in the page's mode and passes axe-core with nothing of any impact."""
    _require_site()
    v = Visit(chromium, viewport={"width": width, "height": 844 if width < 500 else 900})
    try:
        v.page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
        v.goto(f"{site_url}/{path}")
        _settle(v.page)
        problems = []
        if (shown := v.page.evaluate("document.documentElement.dataset.theme")) != mode:
            problems.append(f"the page is in {shown!r} mode, not {mode!r}")
        if (wide := v.page.evaluate("document.documentElement.scrollWidth")) > width:
            problems.append(f"the page is {wide} px wide on a {width} px screen (it scrolls sideways)")
        if too_wide := v.page.evaluate(_WIDER_THAN_FIGURE):
            problems.append("charts wider than their figure (they must fit the column; a chart drawn wider "
                            "is shrunk, its type unreadable):\n  " + "\n  ".join(too_wide))
        if undrawn := [c for c in _chart_status(v.page) if not c["drawn"]]:
            problems.append(f"charts not drawn: {undrawn}")
        grounds = v.page.evaluate("""() => Array.from(document.querySelectorAll("figure.lp-chart, .lp-quiz"))
            .map(el => getComputedStyle(el.closest(".output") || el).backgroundColor)""")
        if mode == "dark" and (light := [g for g in grounds if g not in ("rgba(0, 0, 0, 0)", "transparent")]):
            problems.append(f"chart or quiz areas on a light ground in dark mode: {light}")
        _screenshot(v.page, path, mode, width)
        if violations := axe_violations(v.page, impacts=None):
            problems.append("axe-core violations:\n" + describe_violations(violations))
        problems += [f"request to another host: {r}" for r in v.foreign] + v.errors
        assert not problems, f"{path} ({mode}, {width} px):\n" + "\n".join(problems)
    finally:
        v.close()


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_page_from_disk(path, visit):
    """Opened from a folder (file://, no server) a chapter still draws its charts."""
    _require_site()
    if path.startswith("<"):
        pytest.fail("no page of the site has a chart (figure.lp-chart)", pytrace=False)
    v = visit((SITE / path).as_uri())
    _settle(v.page)
    problems = []
    undrawn = [c for c in _chart_status(v.page) if not c["drawn"]]
    if undrawn:
        problems.append(f"charts not drawn: {undrawn}")
    problems += [f"request to another host: {r}" for r in v.foreign] + v.errors
    assert not problems, f"{path} opened from file://:\n  " + "\n  ".join(problems)


def test_front_page_from_disk(visit):
    """``index.html`` opened from a folder leads to the book's first page (the USB stick)."""
    _require_site()
    target = _redirect_target("index.html")
    v = visit((SITE / "index.html").as_uri())
    if target is not None:
        v.page.wait_for_url((SITE / target).as_uri())
    v.page.wait_for_load_state("load")
    _settle(v.page)
    assert v.page.locator("h1").count() >= 1, f"no heading on {v.page.url}"
    assert not v.foreign and not v.errors, (v.foreign, v.errors)


def test_search_works_offline(site_url, visit):
    """The search page finds the book's own title in the local search index."""
    _require_site()
    root = _redirect_target("index.html") or "index.html"
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", (SITE / root).read_text(encoding="utf-8"), re.S)
    assert heading, f"{root} has no <h1>"
    words = re.findall(r"[A-Za-z]{4,}", re.sub(r"<[^>]+>", " ", heading.group(1)))
    assert words, f"{root}'s title has no word to search for"
    title = words[0]
    v = visit(f"{site_url}/search.html?q={title}")
    found = v.page.wait_for_function(
        "() => document.querySelectorAll('#search-results li').length", timeout=TIMEOUT_MS)
    assert found.json_value() >= 1, f"searching for {title!r} found nothing"
    assert not v.foreign and not v.errors, (v.foreign, v.errors)


_FOCUSED = """() => { const el = document.activeElement; const fig = el && el.closest("figure.lp-chart");
    return fig && el.matches(".vega-bindings input, .vega-bindings select")
        ? {fig: Array.from(document.querySelectorAll("figure.lp-chart")).indexOf(fig), type: el.type || el.tagName,
           value: el.value, last: el.tagName === "SELECT" && el.selectedIndex === el.options.length - 1} : null; }"""


@pytest.mark.parametrize("topic", CHAPTERS)
def test_a_chart_works_from_the_keyboard_alone(topic, site_url, visit):
    """With Tab alone a reader reaches a chart's input, and an arrow key changes what the chart shows."""
    _require_site()
    v = visit(f"{site_url}/book/{topic}.html")
    _settle(v.page)
    if not v.page.locator(f"{CHART} {BOUND_INPUTS}").count():
        pytest.fail(f"{topic}: no chart with an input to reach", pytrace=False)
    focused = None
    for _ in range(600):
        v.page.keyboard.press("Tab")
        if focused := v.page.evaluate(_FOCUSED):
            break
    assert focused, f"{topic}: 600 presses of Tab never reached a chart's input"
    before = v.page.evaluate(_SHOWN, [focused["fig"]])
    # The key a reader would use: an arrow for a slider or a menu (a menu already at its last option, a
    # horizon of 52 weeks say, moves up), Space for a check box, a letter for a text box.
    if focused["type"] == "checkbox":
        v.page.keyboard.press("Space")
    elif focused["type"] == "text":
        v.page.keyboard.type("Why")
    else:
        v.page.keyboard.press("ArrowRight" if focused["type"] == "range" else "ArrowUp" if focused["last"] else "ArrowDown")
    v.page.wait_for_function(_SHOWN_CHANGED, arg=[focused["fig"], before], timeout=3_000)
    assert not v.errors, v.errors


#: A key term of each chapter, as a reader would search for it, and the chapter it must find first.


@pytest.mark.parametrize("topic", CHAPTERS)
def test_search_finds_each_chapter_by_its_key_term(topic, site_url, visit):
    """Offline search: a chapter's key term puts that chapter among the first three results."""
    _require_site()
    term = getattr(importlib.import_module(f"exercises.{topic}"), "KEY_TERM", "")
    assert term, f"give exercises/{topic}/__init__.py a KEY_TERM (the word a reader searches for)"
    v = visit(f"{site_url}/search.html?q={term}")
    v.page.wait_for_function("() => document.querySelectorAll('#search-results li').length", timeout=TIMEOUT_MS)
    v.page.wait_for_timeout(300)  # results arrive one by one
    links = v.page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.getAttribute('href'))")
    firsts = [link.split("?")[0].split("#")[0] for link in links][:3]
    assert any(link.endswith(f"book/{topic}.html") for link in firsts), (term, links[:5])
    assert not v.foreign and not v.errors, (v.foreign, v.errors)


def test_a_link_to_a_solution_opens_it(site_url, visit):
    """Solutions are closed until asked for, but a link to one (from a citation, say) opens it."""
    _require_site()
    v = visit(f"{site_url}/book/sequencing.html#sequencing-order-solution")
    assert v.page.wait_for_function("() => document.getElementById('sequencing-order-solution').open",
                                    timeout=TIMEOUT_MS)
    assert not v.page.evaluate("() => document.getElementById('sequencing-allocation-solution').open")
    v.page.evaluate("() => { location.hash = 'sequencing-allocation-solution'; }")
    assert v.page.wait_for_function("() => document.getElementById('sequencing-allocation-solution').open",
                                    timeout=TIMEOUT_MS)
    assert not v.errors, v.errors


def _deep_page(root: str) -> str:
    """A page three folders deep holding one chart with a bound input."""
    from exercises.kit.display import static_html

    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": "Depth probe.",
        "data": {"values": [{"k": k, "x": x, "y": k * x} for k in (1, 2) for x in range(3)]},
        "params": [{"name": "k", "value": 1, "bind": {"input": "range", "min": 1, "max": 2, "step": 1}}],
        "transform": [{"filter": "datum.k == k"}],
        "mark": "line",
        "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}},
    }
    return standalone_page(static_html(spec), title="deep", root=root)


def test_chart_loader_at_any_depth(tmp_path, visit):
    """The chart snippet finds ``_static/vendor`` through ``data-content_root`` at depth 3."""
    _require_site()
    (tmp_path / "_static").symlink_to(SITE / "_static", target_is_directory=True)
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (deep / "page.html").write_text(_deep_page("../../../"), encoding="utf-8")
    server, url = serve(tmp_path)
    try:
        v = visit(f"{url}/a/b/c/page.html")
        _wait(v.page, _CHARTS_SETTLED, CHART)
        assert [c["drawn"] for c in _chart_status(v.page)] == [True], _chart_status(v.page)
        assert not _dead_inputs(v.page, 0), "the deep chart did not redraw when its inputs changed"
        assert not v.errors and not v.missing and not v.foreign, (v.errors, v.missing, v.foreign)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("topic", CHAPTERS)
def test_a_chapter_loads_no_icon_weight_it_does_not_use(topic, site_url, chromium):
    """The theme's fontawesome.js (0.54 MB) and its icon fonts (0.12 MB brands for one GitHub icon,
    0.16 MB solid for the admonition titles) stay unloaded; the icons are still drawn, from masks."""
    _require_site()
    v = Visit(chromium)
    loaded = []
    v.page.on("request", lambda request: loaded.append(request.url))
    try:
        v.goto(f"{site_url}/book/{topic}.html")
        v.page.wait_for_load_state("networkidle")
        heavy = [url for url in loaded if "fontawesome.js" in url or "fa-brands" in url or "fa-solid" in url]
        assert not heavy, heavy
        title = v.page.locator(".admonition > .admonition-title").first
        assert title.evaluate("el => getComputedStyle(el, '::after').maskImage").startswith("url(")
        github = v.page.locator(".fa-github").first
        assert github.evaluate("el => getComputedStyle(el, '::before').maskImage").startswith("url(")
        assert github.bounding_box()["width"] > 8  # the icon is still drawn, from its mask
    finally:
        v.close()


@pytest.mark.parametrize("topic", CHAPTERS)
def test_each_explorer_announces_its_result_sentence(topic, site_url, visit):
    """Issue #22: every chart with inputs has its result sentences as HTML above the picture, in an
    ``aria-live="polite"`` region outside the ``role="img"`` element, and that text changes when an
    input changes (a screen reader hears the new sentence; the picture no longer holds it)."""
    _require_site()
    v = visit(f"{site_url}/book/{topic}.html")
    _settle(v.page)
    charts = v.page.evaluate(_WORDS)
    explorers = [c for c in charts if c["inputs"]]
    assert explorers, f"{topic}: no chart with an input"
    problems = [f"#{c['index']} {c['id']}: no aria-live paragraph for its words (re-execute the notebook)"
                for c in explorers if not c["region"]]
    problems += [f"#{c['index']} {c['id']}: its words region is aria-live={c['live']!r}, not 'polite'"
                 for c in explorers if c["region"] and c["live"] != "polite"]
    problems += [f"#{c['index']} {c['id']}: its words region sits inside the picture"
                 for c in explorers if c["region"] and not c["outside"]]
    for c in explorers:
        if c["region"] and c["items"] and not _region_follows_an_input(v.page, c["index"]):
            problems.append(f"#{c['index']} {c['id']}: no input changes its words ({c['text'][:80]!r})")
    assert not problems, f"{topic}:\n  " + "\n  ".join(problems)
    assert not v.errors, v.errors


@pytest.mark.parametrize("topic", CHAPTERS)
def test_a_chapter_page_has_no_code_toggle(topic):
    """Issue #22: a chapter shows its exercises, not a "Show code cell source" toggle per cell
    (code cells of a chapter are tagged ``remove-input``, as ``tools/new_chapter.py`` writes them)."""
    _require_site()
    html = (SITE / "book" / f"{topic}.html").read_text(encoding="utf-8")
    toggles = html.count("Show code cell source")
    assert toggles == 0, f"{topic}: {toggles} 'Show code cell source' toggles (tag the cells remove-input)"


_MATH_PAGES = [p for p in PAGES if not p.startswith("<") and 'class="math' in (SITE / p).read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", _MATH_PAGES or ["<no page with math>"])
def test_formulas_are_not_tab_stops_and_are_read_out(path, site_url, visit):
    """A keyboard reader does not stop on each symbol-heavy formula (MathJax in the page made every
    formula a Tab stop, for its menu); a screen reader hears each formula as maths, from MathJax's
    assistive MathML, and not its picture (formulas are SVG drawn at build time, tools/math_svg.py)."""
    _require_site()
    if path.startswith("<"):
        pytest.fail("no page of the site has math to check", pytrace=False)
    v = visit(f"{site_url}/{path}")
    formulas = v.page.evaluate("""() => Array.from(document.querySelectorAll(".math")).map(m => ({
        text: m.textContent.slice(0, 40),
        stops: [m, ...m.querySelectorAll("*")].filter(el => el.tabIndex >= 0).length,
        hidden: !!m.querySelector("svg[aria-hidden='true']"),
        mathml: (m.querySelector("mjx-assistive-mml math") || {textContent: ""}).textContent.trim()}))""")
    assert formulas, f"{path}: no formula drawn"
    problems = [f"{f['text']!r}: a Tab stop" for f in formulas if f["stops"]]
    problems += [f"{f['text']!r}: its picture is not hidden from screen readers" for f in formulas if not f["hidden"]]
    problems += [f"{f['text']!r}: no MathML to read out" for f in formulas if not f["mathml"]]
    for i in range(len(formulas)):
        read = v.page.locator(".math").nth(i).aria_snapshot()
        if not read.startswith("- math:"):
            problems.append(f"{formulas[i]['text']!r}: read out as {read!r}, not as maths")
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def _search_index() -> dict:
    import json

    text = (SITE / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def _glossary_queries() -> list[str]:
    """"Glossary" and every term the glossary defines, as the built ``searchindex.js`` lists them."""
    if not (SITE / "searchindex.js").is_file():
        return ["Glossary"]
    index = _search_index()
    glossary = index["docnames"].index("book/glossary") if "book/glossary" in index["docnames"] else -1
    return ["Glossary"] + sorted(term for term, hits in index["indexentries"].items()
                                 if any(hit[0] == glossary for hit in hits))


def test_search_lists_the_glossary_once(site_url, visit):
    """Issue #22: searching a term the glossary defines listed "Glossary" twice: the term's index entry
    (``glossary.html#term-WSJF``) and the page's text (``glossary.html``), both titled "Glossary" (Sphinx
    merges hits only when their anchors agree). ``book/book.js`` keeps the best hit per page and title.
    Checked for "Glossary" and every term of the built ``searchindex.js``."""
    _require_site()
    queries = _glossary_queries()
    assert len(queries) > 5, f"the search index lists no glossary terms: {queries}"
    v = visit(f"{site_url}/search.html")
    twice = {}
    for query in queries:
        v.page.goto(f"{site_url}/search.html?q={query}")
        v.page.wait_for_function("() => /Search finished|did not match/i.test("
                                 "(document.querySelector('#search-results') || {}).textContent || '')",
                                 timeout=TIMEOUT_MS)
        hits = v.page.eval_on_selector_all("#search-results li > a", "as => as.map(a => a.getAttribute('href'))")
        glossary = [h for h in hits if h.split("#")[0].endswith("book/glossary.html")]
        if len(glossary) != 1:
            twice[query] = glossary
    assert not twice, f"searches that list the glossary other than once: {twice}"
    assert not v.foreign and not v.errors, (v.foreign, v.errors)


_LOCAL_REF = re.compile(r'\b(?:src|href)="([^"#?]+)[^"]*"')


def test_no_page_points_at_a_missing_file():
    """Every file a page names (scripts, styles, the favicon, images, links) exists, and every vendored
    script's source-map comment names a map that is there: no browser logs a 404 (with its developer
    tools open, a browser fetches the maps too)."""
    _require_site()
    missing = []
    for path in PAGES:
        html = (SITE / path).read_text(encoding="utf-8")
        if 'rel="icon"' not in html and _redirect_target(path) is None:
            missing.append(f"{path}: no favicon link")
        for ref in _LOCAL_REF.findall(html):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", ref, re.I):
                continue
            target = (SITE / path).parent / ref
            if not target.exists():
                missing.append(f"{path}: {ref}")
    for script in (SITE / "_static").rglob("*"):
        if script.suffix not in (".js", ".css") or not script.is_file():
            continue
        for name in re.findall(rb"^\s*(?://|/\*)[#@]\s*sourceMappingURL=([^\s*]+)", script.read_bytes(), re.M):
            name = name.decode()
            if not name.startswith("data:") and not (script.parent / name).exists():
                missing.append(f"{script.relative_to(SITE)}: source map {name}")
    assert not missing, "missing files:\n  " + "\n  ".join(sorted(set(missing))[:40])
