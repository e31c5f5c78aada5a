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

import json
import re
import sys

import pytest

from browser import ROOT, SITE, TIMEOUT_MS, Visit, chromium, serve, site_folder, standalone_page  # noqa: F401
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


def test_the_search_scripts_are_deferred():
    import page_speed  # tools/

    head = ('<script src="../_static/searchtools.js"></script>\n<script src="../_static/language_data.js"></script>\n'
            '<script src="../searchindex.js"></script>\n<script src="../_static/other.js"></script>')
    lean = page_speed.defer_search_scripts(head)
    assert lean.count('defer="defer"') == 3
    assert '<script src="../_static/other.js"></script>' in lean


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
