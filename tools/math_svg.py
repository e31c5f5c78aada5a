"""Sphinx extension: every formula is drawn as SVG when the book is built; no MathJax in the page (issue #25).

Loaded from ``_config.yml`` (``sphinx.local_extensions``) and chosen there as the HTML math
renderer (``html_math_renderer: math_svg``). MathJax 3 (npm ``mathjax``, pinned in
``package.json``) runs once per build, in Node (``tools/math_svg.js``): every formula of the book
goes to it as JSON on stdin, and comes back as MathJax's own ``<mjx-container>``: the SVG
(``aria-hidden``, drawn in ``currentColor``, so dark mode works) and MathJax's assistive MathML
(visually hidden, read by screen readers). A page ships no MathJax script and no formula is a
Tab stop (MathJax's tabindex belongs to its menu, which only the script in the page adds).

Why a math renderer (``app.add_html_math_renderer``, as ``sphinx.ext.imgmath`` does) and not a
rewrite of the built pages at ``build-finished``: Sphinx hands the renderer each formula as a
node, with its TeX, whether it is displayed, its equation number and where it came from, so each
page is written right the first time (no regular expressions over HTML, no TeX to unescape);
a TeX error is a warning at the formula's page and line, which ``-W`` turns into a failed build;
and Sphinx adds MathJax's script and settings only for its own ``mathjax`` renderer, so there is
nothing to remove afterwards.

The formulas are collected from every page's doctree when writing starts (``write-started``)
and drawn in one Node process; a formula that appears only later (an extension adding one while
a page is written) is drawn on its own when it is met.

TeX options: the ``tex`` and ``svg`` parts of ``mathjax3_config`` (where Jupyter Book's
documentation puts ``macros``) are passed to MathJax; its other parts only concern MathJax in
the page and are ignored. An unknown macro is an error (MathJax's ``noundefined`` package, which
draws it in red, is off).

Styles: MathJax's own (``MathJax.svgStylesheet()``) and this book's few rules go into
``_static/lp-math.css``, linked from pages that hold a formula only. A display formula wider than
the text column scrolls inside its own box; the page never scrolls sideways.

``tests/test_math.py`` checks the built pages, a formula in Chromium, and the error message.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

__all__ = ["CSS", "MathError", "RENDERER", "draw", "formula_tex", "stylesheet"]

RENDERER = "math_svg"
#: The stylesheet every page with a formula links (under ``_static/``).
CSS = "lp-math.css"
SCRIPT = Path(__file__).with_suffix(".js")
#: The book's rules after MathJax's own: a display formula scrolls inside its box (a flex item
#: of the theme's ``div.math``, so it needs ``min-width: 0`` to shrink), never the page.
BOOK_CSS = """
/* Leading Products (tools/math_svg.py): a wide display formula scrolls in its own box. */
div.math > mjx-container[jax="SVG"][display="true"] {
  min-width: 0;
  max-width: 100%;
  overflow-x: auto;
  overflow-y: hidden;
}
"""

logger = logging.getLogger(__name__)


class MathError(RuntimeError):
    """MathJax could not run at all (no Node, no ``mathjax`` package): nothing was drawn."""


def formula_tex(node: nodes.Element) -> tuple[str, bool]:
    """The TeX MathJax gets for a math node, and whether it is displayed.

    A display block is split at blank lines into aligned equations, and a part with ``\\\\``
    becomes a ``split``, exactly as ``sphinx.ext.mathjax`` writes it for MathJax in the page,
    so formulas look as before. A ``nowrap`` block (myst's amsmath environments) goes as it is.
    """
    text = node.astext()
    if isinstance(node, nodes.math):
        return text, False
    if node.get("nowrap"):
        return text, True
    parts = [part for part in text.split("\n\n") if part.strip()]
    parts = [rf"\begin{{split}}{part}\end{{split}}" if r"\\" in part else part for part in parts]
    if len(parts) > 1:
        return r"\begin{align}\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}\end{align}", True
    return "".join(parts), True


def draw(formulas: list[tuple[str, bool]], tex: dict | None = None, svg: dict | None = None,
         node: str | None = None) -> tuple[str, list[dict]]:
    """Draw ``formulas`` (TeX, displayed) with MathJax in one Node process.

    Returns
    -------
    css : str
        The stylesheet the drawings need (MathJax's, then :data:`BOOK_CSS`).
    results : list of dict
        One per formula, in order: ``{"html": "<mjx-container ...>"}``, or ``{"error": message}``
        for TeX that MathJax cannot read ("Missing close brace").

    Raises
    ------
    MathError
        When Node or the ``mathjax`` package is missing, or the script fails.
    """
    node = node or shutil.which("node")
    if not node:
        raise MathError("Node.js is needed to draw the book's formulas (node is not on the PATH)")
    request = {"tex": tex or {}, "svg": svg or {},
               "formulas": [{"tex": text, "display": bool(display)} for text, display in formulas]}
    done = subprocess.run([node, str(SCRIPT)], input=json.dumps(request), capture_output=True,
                          text=True, encoding="utf-8", cwd=SCRIPT.parent.parent, check=False)
    if done.returncode != 0:
        hint = " (run npm ci, or make setup)" if "Cannot find module 'mathjax'" in done.stderr else ""
        raise MathError(f"{SCRIPT.name} failed{hint}: {done.stderr.strip()[-2000:]}")
    answer = json.loads(done.stdout)
    return answer["css"] + BOOK_CSS, answer["results"]


def stylesheet(app) -> Path:
    """Where the stylesheet of formulas is written in the built site."""
    return Path(app.outdir) / "_static" / CSS


def _options(app) -> tuple[dict, dict]:
    config = getattr(app.config, "mathjax3_config", None) or {}
    return dict(config.get("tex") or {}), dict(config.get("svg") or {})


def _is_ours(app) -> bool:
    return app.builder.format == "html" and getattr(app.builder, "math_renderer_name", None) == RENDERER


def _drawn(builder) -> dict[tuple[str, bool], str | None]:
    """The build's drawings: formula (TeX, displayed) -> its HTML, or None where MathJax failed."""
    if not hasattr(builder, "_math_svg"):
        builder._math_svg = {}
    return builder._math_svg


def _draw_into(app, found: dict[tuple[str, bool], list[tuple[str, nodes.Element]]]) -> None:
    """Draw every formula of ``found`` (formula -> the pages and nodes that hold it) into the
    build's cache, and write the stylesheet; warn at each place of a formula MathJax cannot read."""
    drawn = _drawn(app.builder)
    if not found:
        return
    keys = list(found)
    tex, svg = _options(app)
    try:
        css, results = draw(keys, tex, svg)
    except MathError as error:
        raise ExtensionError(str(error)) from error
    for key, result in zip(keys, results):
        drawn[key] = result.get("html")
        if "error" in result:
            for page, node in found[key]:
                logger.warning("TeX error in a formula of the page %s: %s (the formula: %s)", page,
                               result["error"], key[0], location=node, type="math_svg")
    path = stylesheet(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"/* The styles of the SVG formulas MathJax drew at build time (tools/math_svg.py). */\n{css}",
                    encoding="utf-8")


def _collect(app, builder) -> None:
    """Draw every formula of the book in one Node process, before any page is written."""
    if not _is_ours(app):
        return
    found: dict[tuple[str, bool], list[tuple[str, nodes.Element]]] = {}
    for docname in sorted(app.env.found_docs):
        try:
            doctree = app.env.get_doctree(docname)
        except FileNotFoundError:
            continue
        for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
            found.setdefault(formula_tex(node), []).append((docname, node))
    _draw_into(app, found)


def _drawing(self, node: nodes.Element) -> str:
    key = formula_tex(node)
    drawn = _drawn(self.builder)
    if key not in drawn:  # not in any doctree when writing started
        _draw_into(self.builder.app, {key: [(self.builder.current_docname, node)]})
    markup = drawn.get(key)
    # A formula MathJax could not read was a warning (the strict build fails): show its TeX.
    return markup if markup is not None else html.escape(key[0])


def visit_math(self, node: nodes.math) -> None:
    """Write an inline formula: its drawing in Sphinx's ``<span class="math">``."""
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_drawing(self, node) + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.math_block) -> None:
    """Write a display formula: its number (if any) and its drawing in Sphinx's ``<div class="math">``."""
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node.get("number"):
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(_drawing(self, node) + "</div>\n")
    raise nodes.SkipNode


def _link_stylesheet(app, pagename, templatename, context, doctree) -> None:
    """Link the formulas' stylesheet from this page only, when it holds a formula."""
    if _is_ours(app) and "<mjx-container" in (context.get("body") or ""):
        app.builder.add_css_file(CSS, priority=500)  # Sphinx drops it again after this page


def setup(app):
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_displaymath, None))
    app.connect("write-started", _collect)
    app.connect("html-page-context", _link_stylesheet)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
