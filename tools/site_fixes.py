"""Sphinx extension: small fixes to the HTML the toolchain writes, so every page is clean.

Loaded from ``_config.yml`` (``sphinx.local_extensions``). Each fix names the problem it
solves; ``tests/test_site.py`` fails if any of them comes back.

1. **Inline scripts written twice.** Sphinx 7.4 re-adds every script an extension registered
   after ``Builder.init()`` when it starts writing (``prepare_writing``), as filename ``""``
   where the first copy had ``None``, so the two are not seen as equal. Inline scripts
   (sphinx-thebe's ``const THEBE_JS_URL = ...``, sphinx-togglebutton's selector) then appear
   twice on every page, and the second ``const`` throws "Identifier 'THEBE_JS_URL' has
   already been declared". We drop the repeats from each page's script list.
2. **Citation list roles.** docutils writes ``<div role="list" class="citation-list">`` whose
   entries have ``role="doc-biblioentry"``, a role DPUB-ARIA 1.1 deprecated in favour of
   ``listitem``; axe-core reports "list must contain listitem" (critical). We write the
   ``listitem`` role instead.
3. **Hidden-input toggles named "Toggle hidden content"**: myst-nb writes
   ``<summary aria-label="Toggle hidden content">`` around the visible text "Show code cell
   source", so the name hides the text (axe ``label-content-name-mismatch``, serious). We
   drop the aria-label: the visible text, which says what the toggle does, becomes the name.
4. **Theme buttons whose label hides their text** (axe ``label-content-name-mismatch``,
   serious): pydata-sphinx-theme's search button says "Search Ctrl+K" but is labelled
   "Search"; its colour-mode button shows icons titled "Light"/"Dark" but is labelled
   "Color mode". ``tools/templates/`` overrides those two components (searched before the
   theme's own templates).
5. **Font Awesome loaded twice.** pydata-sphinx-theme loads ``fontawesome.js`` (1.5 MB, 0.54 MB
   compressed: a third of every first visit) "so that users can add custom icons", and its CSS
   also loads the Font Awesome web fonts, which already draw every icon the theme shows. The
   book adds no custom icon, so we drop the script tag from every page when the build ends.
   (The one icon from the brands font, GitHub's, is drawn from a mask in ``book/_assets/book.css``
   instead, which saves the 0.12 MB brands font too.)
6. **The solid icon font (0.16 MB) for a dozen icons.** Every icon the pages show in HTML
   (``<i class="fa-solid fa-sun">`` and the like: search, menu, mode, download, launch) is
   drawn from a CSS mask of its own Font Awesome Free path (CC BY 4.0), read from the theme's
   ``fontawesome.js`` when the build ends and written to ``_static/lp-icons.css``. The glyphs
   the theme draws from CSS alone (admonition titles: note, tip, warning...) get masks of the
   same paths, found through the code points of the theme's CSS, so no page fetches the font.
7. **The sidebar outside every landmark.** The primary sidebar is a plain ``<div>``, so the
   book's title above its ``<nav>`` is content outside any landmark (axe-core ``region``); the
   sidebar is given the role of the page's aside (``complementary``) with a name.
8. **A JupyterHub launch button for whoever runs a hub.** A hub's address belongs to the school
   or company that runs it, so it cannot live in ``_config.yml``. Set
   ``LEADING_PRODUCTS_HUB_URL=https://hub.example.org`` when running ``make book`` and every
   chapter gets a JupyterHub button beside Binder's (it opens the notebook through nbgitpuller,
   which the hub must have installed). An address that is not ``http(s)://`` stops the build
   with a message saying so.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _add_templates(app, config) -> None:
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))


def _dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for js in scripts:
        key = (str(js.filename or ""), js.priority, tuple(sorted(js.attributes.items())))
        if key not in seen:
            seen.add(key)
            kept.append(js)
    scripts[:] = kept


# Markup docutils and myst-nb write, and what we write instead (see the module docstring).
_BODY_FIXES = [
    ('role="doc-biblioentry"', 'role="listitem"'),
    ('<summary aria-label="Toggle hidden content">', "<summary>"),
]


def _fix_body(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if not body:
        return
    for old, new in _BODY_FIXES:
        body = body.replace(old, new)
    context["body"] = body


_FONTAWESOME_JS = re.compile(r'\s*<!-- So that users can add custom icons -->\s*'
                             r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


# The theme's primary sidebar (the book's title, search and contents) is a plain <div>, so the
# title above its <nav> sits outside every landmark (axe-core "region"); it is the page's aside.
_SIDEBAR = ('<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">',
            '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" role="complementary" aria-label="Book title, search and contents">')


def _fix_pages(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lean = _FONTAWESOME_JS.sub("", text).replace(*_SIDEBAR)
        if lean != text:
            page.write_text(lean, encoding="utf-8")


_ICON_CSS = "lp-icons.css"
_ICON_CLASS = re.compile(r'class="([^"]*\b(?:fa-solid|fas)\b[^"]*)"')
_ICON_MODIFIERS = {"fa-solid", "fas", "fa-lg", "fa-fw", "fa-xs", "fa-sm", "fa-2x", "fa-spin"}


def _icon_paths(by: str = "name") -> dict[str, tuple[int, int, str]]:
    """Every solid icon of the theme's fontawesome.js: name (or ``by="code"``: its code point,
    as the theme's CSS writes it) -> (width, height, SVG path)."""
    import pydata_sphinx_theme

    # The built copy under static/ (the package also ships its unbuilt sources). It holds
    # one map per style (regular, solid, brands): the solid map is the largest run of entries.
    icon = re.compile(r'(?:"([a-z0-9-]+)"|\b([a-z][a-z0-9]*)):\[(\d+),(\d+),\[[^\]]*\],"([0-9a-f]+)","(M[^"]+)"\]')
    blocks: list[dict[str, tuple[int, int, str]]] = []
    for script in sorted(Path(pydata_sphinx_theme.__file__).parent.rglob("static/scripts/fontawesome.js")):
        end = -1
        for match in icon.finditer(script.read_text(encoding="utf-8")):
            if match.start() > end + 2:  # not right after the previous entry: a new map
                blocks.append({})
            end = match.end()
            quoted, bare, width, height, code, path = match.groups()
            blocks[-1].setdefault(code if by == "code" else quoted or bare, (int(width), int(height), path))
    return max(blocks, key=len, default={})


def _mask(width: int, height: int, path: str) -> str:
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
           f"<path d='{path}'/></svg>").replace("<", "%3C").replace(">", "%3E").replace("#", "%23")
    return f'url("data:image/svg+xml;utf8,{svg}") center / contain no-repeat'


def admonition_icon_css() -> str:
    """CSS that draws each admonition's title icon (a glyph of the icon font from CSS alone in
    the theme) from a mask of the same Font Awesome path, so no page fetches the font for it."""
    import pydata_sphinx_theme

    css = next(Path(pydata_sphinx_theme.__file__).parent.rglob("static/styles/pydata-sphinx-theme.css"))
    text = css.read_text(encoding="utf-8")
    glyphs = {name: f"{ord(char):x}" for name, char in re.findall(r'--pst-icon-([a-z-]+):"(.)"', text)}
    kinds = dict(re.findall(r"--pst-icon-admonition-([a-z]+):var\(--pst-icon-([a-z-]+)\)", text))
    paths = _icon_paths(by="code")
    rules = []
    for kind, icon in sorted(kinds.items()):
        if glyphs.get(icon) not in paths:
            continue
        scope = "" if kind == "default" else f".{kind}"
        mask = _mask(*paths[glyphs[icon]])
        rules.append(f".admonition{scope}>.admonition-title:after, div.admonition{scope}>.admonition-title:after "
                     f'{{ content: ""; font: inherit; background-color: currentColor; '
                     f"-webkit-mask: {mask}; mask: {mask}; }}")
    return "\n".join(rules) + "\n"


def icon_css(names: set[str], paths: dict[str, tuple[int, int, str]]) -> str:
    """CSS that draws each named solid icon from a mask of its path, with no font."""
    rules = []
    for name in sorted(names & paths.keys()):
        width, height, _ = paths[name]
        mask = _mask(*paths[name])
        rules.append(f".fa-solid.fa-{name}, .fas.fa-{name} {{ font-family: inherit; }}\n"
                     f".fa-solid.fa-{name}::before, .fas.fa-{name}::before {{ content: \"\"; "
                     f"display: inline-block; width: {width / height:.3f}em; height: 1em; "
                     f"vertical-align: -0.125em; background-color: currentColor; "
                     f"-webkit-mask: {mask}; mask: {mask}; }}")
    return "/* Leading Products: solid icons as masks (tools/site_fixes.py), no icon font. */\n" + "\n".join(rules) + "\n"


def _write_icon_css(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    names = set()
    for page in Path(app.outdir).rglob("*.html"):
        for classes in _ICON_CLASS.findall(page.read_text(encoding="utf-8")):
            names |= {c[3:] for c in classes.split() if c.startswith("fa-") and c not in _ICON_MODIFIERS}
    (Path(app.outdir) / "_static" / _ICON_CSS).write_text(icon_css(names, _icon_paths()) + admonition_icon_css(),
                                                         encoding="utf-8")


HUB_URL = "LEADING_PRODUCTS_HUB_URL"


def hub_url(environ=os.environ) -> str:
    """The JupyterHub address from the environment (``""`` when unset); a bad one raises ``ValueError``."""
    url = environ.get(HUB_URL, "").strip().rstrip("/")
    if url and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", url):
        raise ValueError(f"{HUB_URL}={url!r} is not a hub's address: give one like https://hub.example.org")
    return url


def _hub_launch_button(app, config) -> None:
    url = hub_url()
    if url:
        config.html_theme_options.setdefault("launch_buttons", {})["jupyterhub_url"] = url


def setup(app):
    app.add_css_file(_ICON_CSS, priority=900)
    app.connect("build-finished", _write_icon_css)
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", _hub_launch_button)
    # Late, after myst-nb has added a page's own widget scripts.
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _fix_body, priority=900)
    app.connect("build-finished", _fix_pages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
