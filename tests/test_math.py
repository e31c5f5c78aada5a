"""Formulas drawn at build time (issue #25): SVG and MathML in the page, no MathJax script.

* ``tools/math_svg.js`` (MathJax 3 in Node) draws every formula it is sent in one process: an
  ``aria-hidden`` SVG in ``currentColor`` and MathJax's assistive MathML; TeX it cannot read comes
  back as an error for that formula alone;
* ``tools/math_svg.py`` writes display blocks as ``sphinx.ext.mathjax`` did, and a TeX error fails a
  strict build with the page and the formula named;
* every ``.math`` of the built site holds an SVG and MathML and no TeX; no page loads MathJax; the
  formulas' stylesheet is linked from pages with a formula only;
* in Chromium: formulas have a size, hold no Tab stop, and are exposed as ``math``; the culture page
  asks for no MathJax file; a display formula wider than a phone scrolls in its own box.

Needs ``npm ci`` (the ``mathjax`` package) and, for the built site, ``make book``. Tab order and
the MathML read out on every page with math are in ``tests/test_site.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from docutils import nodes

from browser import ROOT, SITE, TIMEOUT_MS, chromium, site_visit  # noqa: F401

sys.path.insert(0, str(ROOT / "tools"))

import math_svg  # noqa: E402

PHONE = {"width": 390, "height": 844}
#: TeX delimiters that MathJax in the page would have looked for.
DELIMITERS = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$")
_MATH = re.compile(r'<(span|div) class="math notranslate nohighlight"[^>]*>(.*?)</\1>', re.S)


def _pages() -> list:
    return sorted(p for p in SITE.rglob("*.html") if "_static" not in p.relative_to(SITE).parts) if SITE.is_dir() else []


def _require_site() -> list:
    pages = _pages()
    if not pages:
        pytest.fail(f"no built site in {SITE}: run make book first", pytrace=False)
    return pages


def _math_pages() -> list:
    return [p for p in _pages() if 'class="math' in p.read_text(encoding="utf-8")]


# --------------------------------------------------------------------------- MathJax in Node


def test_a_formula_is_an_svg_for_the_eye_and_mathml_for_a_screen_reader():
    css, (inline, display) = math_svg.draw([("d = 2^{-1/h}", False), (r"\sum_i v_i", True)])
    for result in (inline, display):
        html = result["html"]
        assert html.startswith("<mjx-container") and 'jax="SVG"' in html
        svg = re.search(r"<svg\b[^>]*>", html).group(0)
        assert 'aria-hidden="true"' in svg and 'focusable="false"' in svg
        assert 'fill="currentColor"' in html, "the formula must take the text's colour (dark mode)"
        assert re.search(r"<mjx-assistive-mml[^>]*><math\b.*</math></mjx-assistive-mml>", html)
        assert "tabindex" not in html and "xlink:href" not in html  # no Tab stop, no ids to clash
    assert re.search(r'style="vertical-align: -?[\d.]+ex;"', inline["html"]), "inline maths sits on the baseline"
    assert 'display="true"' in display["html"] and 'display="true"' not in inline["html"]
    assert "mjx-assistive-mml {" in css and 'mjx-container[jax="SVG"][display="true"]' in css
    assert math_svg.BOOK_CSS in css


def test_each_tex_error_comes_back_for_its_formula_alone():
    _, results = math_svg.draw([(r"\frac{a", False), (r"\nosuchmacro x", True), ("b", False)])
    assert results[0] == {"error": "Missing close brace"}
    assert results[1] == {"error": r"Undefined control sequence \nosuchmacro"}
    assert "<svg" in results[2]["html"], "a formula after a bad one is still drawn"


def test_tex_options_from_the_config_reach_mathjax():
    _, (result,) = math_svg.draw([(r"\RR", False)], tex={"macros": {"RR": r"\mathbb{R}"}})
    assert "<svg" in result.get("html", ""), result


def test_no_node_or_a_failing_script_is_a_clear_error(monkeypatch):
    with pytest.raises(math_svg.MathError, match="math_svg.js failed"):
        math_svg.draw([("x", False)], node=sys.executable)  # Python cannot run the script
    monkeypatch.setattr(math_svg.shutil, "which", lambda name: None)
    with pytest.raises(math_svg.MathError, match="Node.js is needed"):
        math_svg.draw([("x", False)])


@pytest.mark.parametrize("node, tex", [
    (nodes.math("", "a^2"), ("a^2", False)),
    (nodes.math_block("", "a^2", nowrap=False, number=None), ("a^2", True)),
    (nodes.math_block("", "a &= 1 \\\\ b &= 2", nowrap=False, number=None),
     (r"\begin{split}a &= 1 \\ b &= 2\end{split}", True)),
    (nodes.math_block("", "a = 1\n\nb = 2", nowrap=False, number=None),
     (r"\begin{align}\begin{aligned}a = 1\\b = 2\end{aligned}\end{align}", True)),
    (nodes.math_block("", r"\begin{equation}x\end{equation}", nowrap=True, number=None),
     (r"\begin{equation}x\end{equation}", True)),
])
def test_display_blocks_are_wrapped_as_sphinx_mathjax_wrapped_them(node, tex):
    assert math_svg.formula_tex(node) == tex


def test_a_tex_error_fails_the_strict_build_naming_the_page_and_the_formula(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT / "tools")!r})
        extensions = ["math_svg"]
        html_math_renderer = "math_svg"
        """), encoding="utf-8")
    (source / "index.rst").write_text("Fine\n====\n\nA good formula :math:`a^2`.\n\n.. toctree::\n\n   cadence\n",
                                      encoding="utf-8")
    (source / "cadence.rst").write_text("Cadence\n=======\n\nDecay :math:`d = \\frac{1}{h`.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
                           str(source), str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0, "a TeX error must fail the strict build"
    message = done.stderr
    assert "cadence.rst" in message and "page cadence" in message, message
    assert r"Missing close brace (the formula: d = \frac{1}{h)" in message, message
    assert message.count("TeX error") == 1, "only the formula with the error is named"


# --------------------------------------------------------------------------- the built site


def test_every_formula_of_the_site_is_svg_and_mathml_with_no_tex_left():
    _require_site()
    pages = _math_pages()
    assert pages, "no page of the built site has a formula"
    problems = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        formulas = _MATH.findall(html)
        assert len(formulas) == html.count('class="math notranslate nohighlight"'), page.name
        for _, inside in formulas:
            shown = inside[:80].strip()
            if not re.search(r'<svg\b[^>]*aria-hidden="true"', inside):
                problems.append(f"{page.name}: no hidden SVG in {shown!r}")
            if not re.search(r"<mjx-assistive-mml\b[^>]*><math\b", inside):
                problems.append(f"{page.name}: no assistive MathML in {shown!r}")
            text = re.sub(r"<[^>]+>", "", inside)
            if DELIMITERS.search(text) or "\\" in text:
                problems.append(f"{page.name}: TeX left in the page: {text.strip()[:80]!r}")
    assert not problems, "\n".join(problems)


def test_no_page_loads_mathjax():
    pages = _require_site()
    loading = [p.name for p in pages
               if re.search(r"<script[^>]*mathjax|window\.MathJax|tex-mml-chtml", p.read_text(encoding="utf-8"), re.I)]
    assert not loading, f"pages still loading MathJax: {loading}"
    assert not (SITE / "_static" / "vendor" / "mathjax").exists(), "MathJax is still copied into the site"
    assert not (SITE / "_static" / "lp-mathjax.js").exists()


def test_the_formula_stylesheet_is_linked_from_pages_with_a_formula_only():
    pages = _require_site()
    assert (SITE / "_static" / math_svg.CSS).is_file()
    wrong = [p.name for p in pages
             if ("<mjx-container" in (html := p.read_text(encoding="utf-8"))) != (f"_static/{math_svg.CSS}" in html)]
    assert not wrong, f"pages that link {math_svg.CSS} without a formula, or hold one without it: {wrong}"


# --------------------------------------------------------------------------- in Chromium

_FORMULAS = """() => Array.from(document.querySelectorAll(".math")).map(m => {
    const svg = m.querySelector("svg"), box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    const stops = [m, ...m.querySelectorAll("*")].filter(el => el.tabIndex >= 0).length;
    return {text: m.textContent.slice(0, 40), width: box.width, height: box.height, stops};
})"""


@pytest.mark.parametrize("path", [p.relative_to(SITE).as_posix() for p in _math_pages()] or ["<no page with math>"])
def test_formulas_are_visible_and_hold_no_tab_stop(path, chromium):  # noqa: F811
    _require_site()
    if path.startswith("<"):
        pytest.fail("no page of the built site has a formula", pytrace=False)
    with site_visit(chromium, viewport=PHONE) as (visit, url):
        visit.goto(f"{url}/{path}")
        formulas = visit.page.evaluate(_FORMULAS)
        assert formulas
        unseen = [f["text"] for f in formulas if not (f["width"] > 0 and f["height"] > 0)]
        assert not unseen, f"{path}: formulas drawn with no size: {unseen}"
        stops = [f["text"] for f in formulas if f["stops"]]
        assert not stops, f"{path}: formulas that are Tab stops: {stops}"
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert not visit.problems(), visit.problems()


def test_the_culture_page_asks_for_no_mathjax_file(chromium):  # noqa: F811
    _require_site()
    with site_visit(chromium, viewport=PHONE) as (visit, url):
        asked: list[str] = []
        visit.page.on("request", lambda request: asked.append(request.url))
        visit.goto(f"{url}/book/culture.html")
        visit.page.locator(".math").last.scroll_into_view_if_needed()
        visit.page.wait_for_timeout(500)
        assert [u for u in asked if u.split("?")[0].endswith(f"/{math_svg.CSS}")], "the formula stylesheet was not loaded"
        assert not [u for u in asked if "mathjax" in u.lower()], [u for u in asked if "mathjax" in u.lower()]
        assert visit.page.evaluate("typeof window.MathJax") == "undefined"
        assert not visit.problems(), visit.problems()


def test_a_display_formula_wider_than_a_phone_scrolls_in_its_own_box(chromium):  # noqa: F811
    """The page never scrolls sideways at 390 px; the formula's own box does."""
    _require_site()
    wide = " + ".join(rf"\sum_{{i={k}}}^{{n}} v_i \max(0, w - C_{{i,{k}}})" for k in range(5))
    _, (result,) = math_svg.draw([(f"V(w) = {wide}", True)])
    page = _math_pages()[0].relative_to(SITE).as_posix()
    with site_visit(chromium, viewport=PHONE) as (visit, url):
        visit.goto(f"{url}/{page}")
        box = visit.page.evaluate("""html => {
            const div = document.createElement("div");
            div.className = "math notranslate nohighlight";
            div.innerHTML = html;
            document.querySelector("main p").after(div);
            const formula = div.querySelector("mjx-container");
            return {page: document.documentElement.scrollWidth, client: formula.clientWidth,
                    scroll: formula.scrollWidth, overflow: getComputedStyle(formula).overflowX};
        }""", result["html"])
        assert box["scroll"] > PHONE["width"], f"the probe formula is not wide enough: {box}"
        assert box["page"] <= PHONE["width"], f"the page scrolls sideways: {box}"
        assert box["client"] < PHONE["width"] and box["overflow"] == "auto", box


def test_a_formula_is_read_out_as_maths(chromium):  # noqa: F811
    """The accessibility tree holds the formula as ``math`` with its symbols, not the SVG."""
    _require_site()
    with site_visit(chromium) as (visit, url):
        visit.goto(f"{url}/book/culture.html")
        snapshot = visit.page.locator(".math").nth(3).aria_snapshot(timeout=TIMEOUT_MS)
        assert snapshot.startswith("- math:") and "img" not in snapshot, snapshot
        assert "d = 2" in snapshot.replace("−", "-"), snapshot
