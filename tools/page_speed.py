"""Sphinx extension: no script holds up a page's first paint (issue #25, fast on a phone).

Loaded from ``_config.yml`` (``sphinx.local_extensions``), after ``site_fixes``. Every script a
page loads from a file in its ``<head>`` blocked the page from being drawn until it had been
fetched and run: on a phone's network (150 ms round trip) the dozen of them (Sphinx's,
the extensions', the book's own, and the search index the theme loads on every page) cost
more than a second before the first word appeared. They are written ``defer`` instead: fetched
in parallel while the page is read, run in the same order once it has been, before
``DOMContentLoaded``, which is when each of them starts its work anyway.

Two scripts stay as they were:

* ``documentation_options.js``: inline scripts right after it set
  ``DOCUMENTATION_OPTIONS.pagename`` and need the object at once;
* scripts already ``async`` or ``defer`` (thebe's, the theme's own).

The search page is left as the theme writes it: its search scripts run as they are read and
need Sphinx's before them. Every other page loses the three search scripts the theme writes into
its head (``searchtools.js``, ``language_data.js`` and the 50 KB ``searchindex.js``), which only
the theme's search-as-you-type uses: with it off (the theme's default, and this book's), the
search box sends the reader to the search page, which loads them. With it on, they are deferred.

A page also stops loading the styles and scripts of extensions it has nothing for (each one a
request that holds up the first paint): sphinx-togglebutton's without a ``toggle`` or dropdown
admonition, sphinx-copybutton's and Pygments' without a code block, sphinx-design's without an
``sd-`` element, sphinx-thebe's without a ``thebe`` element.

The site gets a ``favicon.ico`` at its root (:func:`favicon_ico`, drawn like
``book/_assets/favicon.svg``): the landing page ``index.html`` is a bare redirect Jupyter Book
writes, with no icon link, so a browser asked the server for ``/favicon.ico`` and logged the 404
as an error (Lighthouse best practices, ``errors-in-console``).

The theme's stylesheets are cut to the rules the site can use (:func:`lean_styles`): PurgeCSS
(``tools/purge_css.js``, pinned in ``package.json``) keeps a rule when its selector names a class,
id or tag that a built page or one of the site's scripts holds. The pages' render-blocking CSS
goes from about 88 KB to 34 KB compressed. ``styles/theme.css`` holds Sphinx's ``basic.css`` itself
instead of importing it (an import is a second round trip before the first paint).

``tests/test_phone.py`` checks the built pages (nothing blocking in the head but
``documentation_options.js``; what a page keeps).
"""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from pathlib import Path

from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parent.parent
#: The stylesheets (under ``_static``) cut to the rules the site uses: the theme's and extensions'.
PURGED = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "basic.css",
          "sphinx-design.min.css", "mystnb.*.css")
_IMPORT_BASIC = '@import "../basic.css";'
_RELATIVE_URL = re.compile(r"""url\((['"]?)(?!data:|/|[a-z]+:)""")

#: Scripts that must run as soon as they are read (an inline script after them uses them).
KEEP_BLOCKING = ("documentation_options.js",)
# The search scripts pydata-sphinx-theme writes into every page's <head> (layout.html, extrahead).
_SEARCH_SCRIPT = re.compile(r'<script src="([^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js))"></script>')


_CLASSES = re.compile(r'class="([^"]*)"')


def needs(body: str) -> dict[str, bool]:
    """What a page's ``body`` has for each optional extension: toggles, code, design, thebe."""
    classes = [set(found.split()) for found in _CLASSES.findall(body)]
    return {
        "toggles": any("toggle" in c or {"admonition", "dropdown"} <= c for c in classes),
        "code": any("highlight" in c or any(name.startswith("highlight-") for name in c) for c in classes),
        "design": any(any(name.startswith("sd-") for name in c) for c in classes),
        "thebe": any(any(name.startswith("thebe") for name in c) for c in classes),
    }


#: Each optional file (by name) and what a page must have for it to be loaded.
OPTIONAL = {
    "togglebutton.css": "toggles", "togglebutton.js": "toggles",
    "copybutton.css": "code", "copybutton.js": "code", "clipboard.min.js": "code", "pygments.css": "code",
    "sphinx-design.min.css": "design", "design-tabs.js": "design",
    "sphinx-thebe.css": "thebe", "sphinx-thebe.js": "thebe",
}


def _name(asset) -> str:
    return str(getattr(asset, "filename", asset) or "").split("?")[0].rsplit("/", 1)[-1]


def _drop_unneeded(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body is None:
        return
    has = needs(body)
    for key in ("css_files", "script_files"):
        files = context.get(key)
        if files:
            files[:] = [f for f in files if has.get(OPTIONAL.get(_name(f), ""), True)]


def _defer_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts or pagename == "search":
        return  # the search page runs searchtools.js at once, which needs doctools.js before it
    for i, js in enumerate(scripts):
        name = str(js.filename or "")
        if not name or name.split("?")[0].endswith(KEEP_BLOCKING):
            continue  # an inline script, or one that inline scripts use at once
        if "async" in js.attributes or "defer" in js.attributes:
            continue
        # A new object: Sphinx shares these between pages (the search page keeps the original).
        scripts[i] = type(js)(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})


def lean_search_scripts(html: str, as_you_type: bool = False) -> str:
    """Return ``html`` without the theme's three search scripts in the head (``as_you_type`` off), or
    with them written ``defer`` (on: the search box then searches in the page)."""
    return _SEARCH_SCRIPT.sub(r'<script defer="defer" src="\1"></script>' if as_you_type else "", html)


def _inside(x: float, y: float) -> tuple[int, int, int, int]:
    """The colour of the book's icon (``favicon.svg``, 32 x 32) at the point ``(x, y)``."""
    blue, white, light = (0x1F, 0x4E, 0x79, 255), (255, 255, 255, 255), (0x9E, 0xCA, 0xE1, 255)
    corner = min(x, 32 - x) < 6 and min(y, 32 - y) < 6
    if corner and (min(x, 32 - x) - 6) ** 2 + (min(y, 32 - y) - 6) ** 2 > 36:
        return (0, 0, 0, 0)
    if (8 <= x < 12 and 7 <= y < 25) or (8 <= x < 20 and 21 <= y < 25):
        return white
    if (18 <= x < 22 and 7 <= y < 17) or (x >= 22 and (x - 22) ** 2 + (y - 12) ** 2 <= 25):
        return light
    return blue


def favicon_ico(size: int = 32) -> bytes:
    """The book's icon as a ``.ico`` file (one ``size`` x ``size`` PNG inside), made with no image library."""
    rows = b"".join(b"\x00" + b"".join(bytes(_inside((i + 0.5) * 32 / size, (j + 0.5) * 32 / size))
                                         for i in range(size)) for j in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
    header = struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), 22)
    return header + png


def _fix_pages(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    icon = Path(app.outdir) / "favicon.ico"
    if not icon.exists():
        icon.write_bytes(favicon_ico())
    as_you_type = bool((app.config.html_theme_options or {}).get("search_as_you_type", False))
    for page in Path(app.outdir).rglob("*.html"):
        if page.name == "search.html" or "_static" in page.relative_to(app.outdir).parts:
            continue
        text = page.read_text(encoding="utf-8")
        lean = lean_search_scripts(text, as_you_type)
        if lean != text:
            page.write_text(lean, encoding="utf-8")


def lean_styles(site: Path) -> list[str]:
    """Cut the stylesheets :data:`PURGED` of the built ``site`` to the rules it uses; return what
    ``tools/purge_css.js`` said (a line per file). Then write ``basic.css`` into ``styles/theme.css``
    in place of its import. Raises ``RuntimeError`` if Node or PurgeCSS fails (run ``make book``)."""
    static = site / "_static"
    files = sorted({path.relative_to(site).as_posix() for pattern in PURGED for path in static.glob(pattern)})
    try:
        done = subprocess.run(["node", str(ROOT / "tools" / "purge_css.js"), str(site), *files],
                              capture_output=True, text=True, timeout=300)
    except OSError as err:
        raise RuntimeError(f"cannot run node to cut the stylesheets ({err}): install Node.js and run make book") from err
    if done.returncode:
        raise RuntimeError(f"tools/purge_css.js failed: {(done.stderr or done.stdout).strip()[-400:]} "
                           "(run npm ci, or make book)")
    theme = static / "styles" / "theme.css"
    if theme.exists() and _IMPORT_BASIC in theme.read_text(encoding="utf-8"):
        basic = _RELATIVE_URL.sub(r"url(\1../", (static / "basic.css").read_text(encoding="utf-8"))
        theme.write_text(theme.read_text(encoding="utf-8").replace(_IMPORT_BASIC, basic), encoding="utf-8")
    return done.stdout.splitlines()


def _lean_styles(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    try:
        lean_styles(Path(app.outdir))
    except RuntimeError as err:
        raise ExtensionError(str(err)) from err


def setup(app):
    # After site_fixes (priority 900) has removed repeated scripts.
    app.connect("html-page-context", _drop_unneeded, priority=990)
    app.connect("html-page-context", _defer_scripts, priority=990)
    app.connect("build-finished", _fix_pages)
    # Last, once every page and script of the site is written (site_fixes rewrites pages too).
    app.connect("build-finished", _lean_styles, priority=990)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
