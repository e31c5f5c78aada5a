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
"""

from __future__ import annotations

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


def _drop_fontawesome_js(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lean = _FONTAWESOME_JS.sub("", text)
        if lean != text:
            page.write_text(lean, encoding="utf-8")


def setup(app):
    app.connect("config-inited", _add_templates)
    # Late, after myst-nb has added a page's own widget scripts.
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _fix_body, priority=900)
    app.connect("build-finished", _drop_fontawesome_js)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
