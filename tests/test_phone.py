"""Fast on a phone (issue #25): what the pages no longer do, and that every chart still draws.

* A chart's static HTML holds its spec compiled to Vega at build time
  (:func:`exercises.kit.display.vega_spec`): the page neither ships nor runs the Vega-Lite
  compiler, and every bound input survives as a Vega signal with the same name, value and input.
* A chart is drawn when it nears the screen; one far below is not drawn (and no chart script is
  fetched) until the reader scrolls to it or the page has been quiet a while, and then it is.

The figures themselves (Lighthouse, throttled Chromium) come from ``tools/phone.py`` (``make
bench``): a benchmark, never a test, since a busy machine would make it flaky.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import sys
from pathlib import Path

import pytest

from browser import ROOT, SITE, TIMEOUT_MS, Visit, chromium, serve, site_folder, site_visit, standalone_page  # noqa: F401
from exercises.kit import display
from exercises.kit.theme import enable_theme

sys.path.insert(0, str(ROOT / "tools"))

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def explorer_spec() -> dict:
    from exercises.delegation import chart, model

    enable_theme()
    return chart.bottleneck_explorer(model.bottleneck_grid()).properties(
        usermeta={"lp_exercise": "delegation/bottleneck"}).to_dict()


def _arguments(html: str) -> tuple[dict, dict]:
    """The compiled spec and the journal's meta object a snippet passes to its script."""
    call = html[html.rindex("})(") + 3:html.rindex(");")]
    decoder = json.JSONDecoder()
    spec, end = decoder.raw_decode(call.replace("<\\/", "</"))
    meta, _ = decoder.raw_decode(call.replace("<\\/", "</")[end + 1:].lstrip())
    return spec, meta


# --------------------------------------------------------------------------- the compiled spec


def test_a_chart_ships_vega_not_the_vega_lite_compiler(explorer_spec):
    html = display.static_html(explorer_spec)
    spec, _ = _arguments(html)
    assert "signals" in spec and "marks" in spec and "vconcat" not in spec, "not a Vega spec"
    assert "$schema" not in spec, "a page names no other host, not even as a schema's address"
    assert "vega-lite" not in html, "the page would load or name the Vega-Lite compiler"
    assert '"mode": "vega"' in html


def test_every_bound_input_survives_as_a_signal(explorer_spec):
    compiled = display.vega_spec(explorer_spec)
    signals = {s["name"]: s for s in compiled["signals"]}
    bound = [p for p in explorer_spec["params"] if "bind" in p]
    assert bound, "the explorer has no bound input to check"
    for param in bound:
        signal = signals.get(param["name"])
        assert signal is not None, f"{param['name']} is not a signal of the compiled spec"
        assert signal["value"] == param["value"]
        assert signal["bind"] == param["bind"]


def test_the_journal_gets_the_vega_lite_params_and_usermeta(explorer_spec):
    """journal.js reads ``params`` and ``usermeta.lp_exercise``: the compiled spec has neither."""
    _, meta = _arguments(display.static_html(explorer_spec))
    assert meta == {"params": explorer_spec["params"], "usermeta": {"lp_exercise": "delegation/bottleneck"}}


def test_a_closing_script_tag_in_the_spec_cannot_end_the_snippet(explorer_spec):
    hostile = {**explorer_spec, "usermeta": {"lp_exercise": "x</script><script>alert(1)</script>"}}
    html = display.static_html(hostile)
    assert html.count("</script>") == 1
    assert _arguments(html)[1]["usermeta"]["lp_exercise"] == "x</script><script>alert(1)</script>"


def test_a_spec_that_does_not_compile_raises_a_sentence():
    with pytest.raises(ValueError, match="does not compile to Vega"):
        display.vega_spec({"mark": "point", "encoding": {"x": {"field": "a", "type": "nonsense"}}})


# --------------------------------------------------------------------------- drawn when near the screen

_DRAWN = "() => !!document.querySelector('figure.lp-chart svg')"


@pytest.fixture
def far_chart(tmp_path, explorer_spec, chromium):  # noqa: F811
    """A page whose one chart sits three screens below the top; yields (visit, url, scripts asked for)."""
    html = f'<div style="height:{3 * PHONE["height"]}px">Prose above the chart.</div>' + display.static_html(explorer_spec)
    folder = site_folder(tmp_path)
    (folder / "index.html").write_text(standalone_page(html, title="Far chart"), encoding="utf-8")
    server, url = serve(folder)
    visit = Visit(chromium, viewport=PHONE)
    asked: list[str] = []
    visit.page.on("request", lambda request: asked.append(request.url))
    try:
        yield visit, f"{url}/index.html", asked
    finally:
        visit.close()
        server.shutdown()
        server.server_close()


def test_a_chart_far_below_waits_until_the_reader_nears_it(far_chart):
    visit, url, asked = far_chart
    visit.goto(url)
    visit.page.wait_for_timeout(1000)
    assert not visit.page.evaluate(_DRAWN), "a chart three screens down was drawn at once"
    assert not [u for u in asked if "/vendor/vega" in u], "the chart scripts were fetched with no chart near"
    visit.page.evaluate("() => document.querySelector('figure.lp-chart').scrollIntoView()")
    visit.page.wait_for_function(_DRAWN, timeout=TIMEOUT_MS)
    assert [u for u in asked if u.endswith("/vega.min.js")], "drawn without fetching vega.min.js?"
    assert not visit.problems(), visit.problems()


def test_a_chart_far_below_is_drawn_anyway_once_the_page_is_quiet(far_chart):
    """Every chart draws with no scrolling at all (find-in-page, a reader who jumps ahead)."""
    visit, url, _ = far_chart
    visit.goto(url)
    visit.page.wait_for_function(_DRAWN, timeout=display.DRAW_LATER_MS + TIMEOUT_MS)
    assert visit.page.evaluate("() => window.scrollY") == 0
    assert not visit.problems(), visit.problems()


# --------------------------------------------------------------------------- the built site


def _site_pages() -> list:
    return sorted(SITE.glob("book/*.html")) if SITE.is_dir() else []


def test_no_page_loads_the_vega_lite_compiler():
    pages = _site_pages()
    if not pages:
        pytest.fail(f"no built site in {SITE}: run make book first", pytrace=False)
    loading = [p.name for p in pages if "vega-lite.min.js" in p.read_text(encoding="utf-8")]
    assert not loading, f"pages still loading vega-lite.min.js: {loading}"


# --------------------------------------------------------------------------- nothing blocks the first paint

_HEAD_SCRIPTS = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def test_the_search_scripts_go_unless_search_as_you_type_needs_them():
    import page_speed  # tools/

    head = ('<script src="../_static/searchtools.js"></script>\n<script src="../_static/language_data.js"></script>\n'
            '<script src="../searchindex.js"></script>\n<script src="../_static/other.js"></script>')
    lean = page_speed.lean_search_scripts(head)
    assert "search" not in lean and "language_data" not in lean
    assert '<script src="../_static/other.js"></script>' in lean
    deferred = page_speed.lean_search_scripts(head, as_you_type=True)
    assert deferred.count('defer="defer"') == 3 and '<script src="../_static/other.js"></script>' in deferred
    pages = _site_pages()
    if not pages:
        pytest.fail(f"no built site in {SITE}: run make book first", pytrace=False)
    loading = [p.name for p in pages if "searchindex.js" in p.read_text(encoding="utf-8")]
    assert not loading, f"pages that load the search index they never use: {loading}"
    assert "searchindex.js" in (SITE / "search.html").read_text(encoding="utf-8"), "the search page needs its index"


def test_no_script_in_a_page_head_blocks_its_first_paint():
    """Every script a page's head loads from a file is ``defer`` or ``async``, but the one inline
    scripts need at once (``tools/page_speed.py``)."""
    import page_speed

    pages = _site_pages() + ([SITE / "index.html"] if (SITE / "index.html").is_file() else [])
    if not pages:
        pytest.fail(f"no built site in {SITE}: run make book first", pytrace=False)
    blocking = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[:html.find("</head>")]
        for attributes in _HEAD_SCRIPTS.findall(head):
            src = re.search(r'\bsrc="([^"]*)"', attributes)
            if not src or re.search(r"\b(defer|async)\b", attributes):
                continue
            if src.group(1).split("?")[0].endswith(page_speed.KEEP_BLOCKING):
                continue
            blocking.append(f"{page.name}: {src.group(1)}")
    assert not blocking, "scripts that hold up the first paint:\n" + "\n".join(blocking)


def test_the_site_root_has_a_favicon_ico():
    """The landing page is a bare redirect with no icon link: the browser asks for /favicon.ico, and a
    404 there is an error in the console (Lighthouse best practices)."""
    import struct

    import page_speed  # tools/

    icon = page_speed.favicon_ico()
    reserved, kind, count = struct.unpack("<HHH", icon[:6])
    width, height, _, _, _, _, size, offset = struct.unpack("<BBBBHHII", icon[6:22])
    assert (reserved, kind, count, width, height) == (0, 1, 1, 32, 32)
    assert icon[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and len(icon) == offset + size
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site in {SITE}: run make book first", pytrace=False)
    assert (SITE / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00", "the built site has no favicon.ico"


# --------------------------------------------------------------------------- the theme's styles, cut

def _original_styles() -> dict[str, Path]:
    """Each cut stylesheet of the built site (under ``_static``) and the file its package ships."""
    import myst_nb
    import pydata_sphinx_theme
    import sphinx_book_theme
    import sphinx_design

    def shipped(package, *parts):
        return Path(package.__file__).parent.joinpath(*parts)

    return {
        "styles/pydata-sphinx-theme.css": shipped(pydata_sphinx_theme, "theme", "pydata_sphinx_theme", "static",
                                                  "styles", "pydata-sphinx-theme.css"),
        "styles/sphinx-book-theme.css": shipped(sphinx_book_theme, "theme", "sphinx_book_theme", "static", "styles",
                                                "sphinx-book-theme.css"),
        "sphinx-design.min.css": shipped(sphinx_design, "static", "sphinx-design.min.css"),
        "mystnb.*.css": shipped(myst_nb, "static", "mystnb.css"),
    }


def _styled_classes(css: str) -> set[str]:
    """The classes ``css`` styles on their own: selectors that are one class (``.name``, maybe with
    pseudo-classes such as ``:hover``), so that a page using the class gets the rule."""
    selectors = css
    while True:  # innermost blocks first: declarations, then the rules inside an @media
        lean = re.sub(r"\{[^{}]*\}", ";", selectors)
        if lean == selectors:
            break
        selectors = lean
    single = re.compile(r"\.(-?[_a-zA-Z][\w-]*)(?:::?[\w-]+(?:\([^()]*\))?)*")
    return {match.group(1) for rule in re.split(r"[;]", selectors) for selector in rule.split(",")
            if (match := single.fullmatch(selector.strip().split("@")[-1].strip()))}


def _built(pattern: str) -> Path:
    found = sorted((SITE / "_static").glob(pattern))
    if not found:
        pytest.fail(f"no {pattern} in {SITE}: run make book first", pytrace=False)
    return found[0]


def test_the_cut_theme_styles_keep_every_class_a_page_uses():
    """PurgeCSS (``tools/purge_css.js``) may drop a rule only if no page uses it: every class of every
    built page that a shipped stylesheet styles on its own (``.name {...}``) is still styled by the cut
    one. (A rule that needs more, ``.a .b``, goes when a page lacks the rest; the screenshots of
    ``test_the_cut_styles_change_no_pixel`` hold those.)"""
    pages = list(SITE.rglob("*.html")) if SITE.is_dir() else []
    if not pages:
        pytest.fail(f"no built site in {SITE}: run make book first", pytrace=False)
    used = {name for page in pages for value in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8"))
            for name in value.split()}
    for pattern, original in _original_styles().items():
        shipped, cut = original.read_text(encoding="utf-8"), _built(pattern).read_text(encoding="utf-8")
        lost = (used & _styled_classes(shipped)) - _styled_classes(cut)
        assert not lost, f"{pattern}: rules for classes the pages use were cut: {sorted(lost)[:20]}"
        assert len(cut) < len(shipped), f"{pattern} was not cut"
        assert "sourceMappingURL" not in cut, f"{pattern} points at a source map of the uncut file"
    theme = _built("styles/theme.css").read_text(encoding="utf-8")
    assert "@import" not in theme and ".clearer" in theme, "theme.css should hold basic.css, not import it"


def test_lean_styles_keeps_what_pages_and_scripts_name(tmp_path):
    """On a tiny site: a class only a page names, one only a script adds, dark mode's attribute
    selector stay; a class nothing names goes; ``theme.css`` takes ``basic.css`` in, its addresses
    made relative to its own folder."""
    import page_speed  # tools/

    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (tmp_path / "page.html").write_text('<html><body><div class="on-page">x</div></body></html>', encoding="utf-8")
    (static / "menu.js").write_text('el.classList.add("added-by-script");', encoding="utf-8")
    (static / "styles" / "pydata-sphinx-theme.css").write_text(
        ".on-page{color:red}.added-by-script{color:green}.nobody-names-me{color:blue}"
        'html[data-theme=dark] .on-page{color:white}\n/*# sourceMappingURL=pydata-sphinx-theme.css.map */',
        encoding="utf-8")
    (static / "basic.css").write_text(".on-page{background:url(file.png)}", encoding="utf-8")
    (static / "styles" / "theme.css").write_text('/* basic */\n@import "../basic.css";\n', encoding="utf-8")
    said = page_speed.lean_styles(tmp_path)
    cut = (static / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert ".on-page" in cut and ".added-by-script" in cut and "data-theme=dark" in cut
    assert "nobody-names-me" not in cut and "sourceMappingURL" not in cut
    assert len(said) == 2 and all("->" in line for line in said)
    theme = (static / "styles" / "theme.css").read_text(encoding="utf-8")
    assert "@import" not in theme and "url(../file.png)" in theme


def test_lean_styles_says_what_to_do_when_it_cannot_run(tmp_path, monkeypatch):
    import page_speed  # tools/

    monkeypatch.setenv("PATH", str(tmp_path))  # no node on the path
    with pytest.raises(RuntimeError, match="make book"):
        page_speed.lean_styles(tmp_path)


_LOOKS = [("light", {"width": 1280, "height": 900}), ("dark", {"width": 1280, "height": 900}),
          ("light", PHONE), ("dark", PHONE)]
# Charts draw as they near the screen, whenever the page gets to them: the picture compared is the
# page's, with the charts hidden, nothing moving and every cell laid out (book.css skips a chart's
# cell far from the screen, whose height is an estimate until it has been near it once).
_STILL = ("figure.lp-chart{visibility:hidden!important} *{transition:none!important;animation:none!important}"
          " .bd-article div.cell{content-visibility:visible!important}")


# Fonts loaded and the style above applied, drawn twice: what the page will look like from now on.
_SETTLED = "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
# The rows where two screenshots of one size differ, read in a page (the tests have no image library).
_ROWS_THAT_DIFFER = """async ([a, b]) => {
    const read = async (src) => {
        const image = new Image();
        image.src = "data:image/png;base64," + src;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext("2d");
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height);
    };
    const [x, y] = [await read(a), await read(b)];
    if (x.width !== y.width || x.height !== y.height)
        return `sizes ${x.width}x${x.height} and ${y.width}x${y.height}`;
    const rows = [];
    for (let row = 0, w = 4 * x.width; row < x.height; row++)
        for (let i = row * w; i < (row + 1) * w; i++)
            if (x.data[i] !== y.data[i]) { rows.push(row); break; }
    return rows.length ? `rows ${rows[0]} to ${rows[rows.length - 1]} (${rows.length} rows)` : "none";
}"""


def _where_they_differ(chromium, a: bytes, b: bytes) -> str:  # noqa: F811
    page = chromium.new_page()
    try:
        return page.evaluate(_ROWS_THAT_DIFFER, [base64.b64encode(a).decode(), base64.b64encode(b).decode()])
    finally:
        page.close()


def _serve_css(body: bytes, route, request=None) -> None:
    route.fulfill(body=body, content_type="text/css")


def _shots(chromium, url: str, mode: str, viewport: dict, shipped: dict[str, Path] | None) -> list[bytes]:  # noqa: F811
    """Screenshots of the page at ``url``: the top, the whole page and (on a phone) the open menu;
    with ``shipped``, the stylesheets named there are served as their packages ship them."""
    visit = Visit(chromium, viewport=viewport)
    try:
        visit.page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
        for pattern, original in (shipped or {}).items():
            visit.page.route(f"**/_static/{pattern}*", functools.partial(_serve_css, original.read_bytes()))
        visit.goto(url)
        visit.page.add_style_tag(content=_STILL)
        visit.page.evaluate(_SETTLED)
        shots = [visit.page.screenshot(), visit.page.screenshot(full_page=True)]
        toggle = visit.page.locator("button.primary-toggle")
        if toggle.first.is_visible():
            toggle.first.click()
            visit.page.wait_for_timeout(300)
            shots.append(visit.page.screenshot())
        assert not visit.problems(), visit.problems()
        return shots
    finally:
        visit.close()


@pytest.mark.parametrize("path", ["book/facilitator.html", "book/delegation.html"])
def test_the_cut_styles_change_no_pixel(path, chromium, tmp_path):  # noqa: F811
    """A page with the cut stylesheets looks exactly as with the ones the packages ship: light and
    dark, at 1280 and 390 px, its top, all of it, and the phone's open menu."""
    if not (SITE / path).is_file():
        pytest.fail(f"no built site in {SITE}: run make book first", pytrace=False)
    server, url = serve(SITE)
    try:
        for mode, viewport in _LOOKS:
            # A difference the styles make is there every time; one the moment of the shot makes (it
            # came once in about twenty runs, on a phone's whole page) is not: that look is taken again.
            for attempt in (1, 2):
                cut = _shots(chromium, f"{url}/{path}", mode, viewport, None)
                shipped = _shots(chromium, f"{url}/{path}", mode, viewport, _original_styles())
                assert len(cut) == len(shipped)
                differ = [i for i, (a, b) in enumerate(zip(cut, shipped)) if a != b]
                if not differ:
                    break
                i = differ[0]
                where = _where_they_differ(chromium, cut[i], shipped[i])
                print(f"{path}, {mode}, {viewport['width']} px, shot {i}, attempt {attempt}: they differ in {where}")
                (tmp_path / f"cut-{attempt}.png").write_bytes(cut[i])
                (tmp_path / f"shipped-{attempt}.png").write_bytes(shipped[i])
            else:
                pytest.fail(f"{path}, {mode}, {viewport['width']} px, shot {i}: the cut styles change the page, "
                            f"twice ({where}; see {tmp_path}/cut-2.png and shipped-2.png)")
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("path", ["book/sequencing.html", "book/culture.html"])
def test_moving_every_input_leaves_the_console_quiet(path, chromium):  # noqa: F811
    """Vega warns of an "infinite extent" for a layer that is empty by design (the best line before
    the box shows it, an order while it is invalid): the page asks it for errors only."""
    import phone  # tools/

    with site_visit(chromium, PHONE) as (visit, url):
        said: list[str] = []
        visit.page.on("console", lambda message: said.append(f"{message.type}: {message.text}")
                      if message.type in ("warning", "error") else None)
        visit.goto(f"{url}/{path}")
        visit.page.wait_for_function(phone._ALL_DRAWN, timeout=TIMEOUT_MS)
        moved = visit.page.evaluate("""() => {
            const inputs = Array.from(document.querySelectorAll('%s'));
            for (const el of inputs) {
                if (el.tagName === "SELECT") el.selectedIndex = (el.selectedIndex + 1) %% el.options.length;
                else el.value = el.value === el.max ? el.min : el.max;
                el.dispatchEvent(new Event("input", {bubbles: true}));
                el.dispatchEvent(new Event("change", {bubbles: true}));
            }
            return inputs.length;
        }""" % phone._INPUTS)
        visit.page.wait_for_timeout(500)
        assert moved >= 3
        assert not said, said


# Where every block of the article sits (its top, and its height, to the pixel: sub-pixel rounding
# may differ by one).
_PLACES = """() => Array.from(document.querySelectorAll(".bd-article section > *"),
    block => { const box = block.getBoundingClientRect(); return [Math.round(box.top + scrollY), Math.round(box.height)]; })"""


@pytest.mark.parametrize("path", ["book/sequencing.html", "book/status_quo.html"])
def test_far_blocks_are_skipped_and_nothing_moves(path, chromium):  # noqa: F811
    """Once a page has loaded, blocks far from the screen are skipped (book.js marks them .lp-far):
    never a chart's cell, never a block with a control, and each holds the height it had, so
    every block of the article sits where it sat before, and where it sits once they are drawn."""
    with site_visit(chromium, PHONE) as (visit, url):
        page = visit.page
        visit.goto(f"{url}/{path}")  # and left at its top: the charts far below draw once it is quiet
        page.wait_for_function("""() => document.querySelector(".lp-far") && Array.from(document.querySelectorAll(
            "figure.lp-chart")).every(figure => figure.querySelector(".vega-embed svg"))""", timeout=30_000, polling=200)
        page.evaluate(_SETTLED)
        skipped = page.evaluate("""() => Array.from(document.querySelectorAll(".lp-far"), block => ({
            chart: !!block.querySelector("figure.lp-chart"), control: !!block.querySelector("button, input, select, textarea"),
            screens: (block.getBoundingClientRect().top + scrollY) / innerHeight, text: block.textContent.trim().length}))""")
        assert page.evaluate("scrollY") == 0
        assert len(skipped) >= 5, skipped
        assert not [block for block in skipped if block["chart"] or block["control"] or block["screens"] < 2.5], skipped
        assert all(block["text"] for block in skipped)
        with_skips = page.evaluate(_PLACES)
        page.evaluate("() => document.querySelectorAll('.lp-far').forEach(block => block.classList.remove('lp-far'))")
        page.evaluate(_SETTLED)
        drawn = page.evaluate(_PLACES)
        assert len(drawn) == len(with_skips)
        moved = [(i, a, b) for i, (a, b) in enumerate(zip(with_skips, drawn)) if max(abs(a[0] - b[0]), abs(a[1] - b[1])) > 1]
        assert not moved, f"blocks that moved when drawn (index, [top, height] skipped, drawn): {moved[:5]}"


def test_searching_from_a_page_without_the_index_finds_the_chapter(chromium):  # noqa: F811
    """A page no longer loads the search index: its search box sends the reader to the search page,
    which finds what they typed."""
    if not (SITE / "book" / "intro.html").is_file():
        pytest.fail(f"no built site in {SITE}: run make book first", pytrace=False)
    with site_visit(chromium, viewport=PHONE) as (visit, url):
        visit.goto(f"{url}/book/intro.html")
        visit.page.keyboard.press("Control+k")
        box = visit.page.locator("#pst-search-dialog input[name=q]")
        box.wait_for(state="visible", timeout=TIMEOUT_MS)
        box.fill("delegation")
        box.press("Enter")
        visit.page.wait_for_url("**/search.html?q=delegation*", timeout=TIMEOUT_MS)
        visit.page.wait_for_function("() => document.querySelectorAll('#search-results li a[href*=delegation]').length",
                                     timeout=TIMEOUT_MS)
        assert not visit.problems(), visit.problems()
