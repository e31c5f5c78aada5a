"""Offline link check of the built site: no broken internal link, anchor or local file.

Every ``href`` and ``src`` of every built page that points inside the site must name a file that
exists, and every ``#fragment`` must name an element ``id`` (or ``name``) on the page it points to.
Links to other hosts are listed, never fetched: the book must not depend on them to work.
Runs on ``_build/html`` (``make book`` first; ``make test`` does it).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import SITE

#: Schemes that are not files of the site.
_OUTSIDE = ("http", "https", "mailto", "data", "javascript", "tel")


class _Page(HTMLParser):
    """The ids a page defines and the links it makes (attribute, value)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            value = attrs.get(key)
            if value and not (tag == "link" and attrs.get("rel") in ("preconnect", "dns-prefetch")):
                self.links.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """Every internal link of the built ``site`` that names a missing file or anchor."""
    pages = {path.resolve(): _parse(path) for path in site.rglob("*.html")
             if "_sources" not in path.parts and "_static" not in path.parts}
    problems = []
    for path, page in sorted(pages.items()):
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in _OUTSIDE or parts.netloc or link.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            name = f"{path.relative_to(site.resolve())}: {link}"
            if not target.is_file():
                problems.append(f"{name} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{name} (no element with id {parts.fragment!r})")
    return problems


@pytest.fixture(scope="module")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail("no built site in _build/html: run `make book` first")
    return SITE


def test_no_internal_link_is_broken(site):
    problems = broken_links(site)
    assert not problems, "broken internal links:\n" + "\n".join(problems)


def test_the_check_finds_a_broken_link_and_a_broken_anchor(tmp_path):
    (tmp_path / "index.html").write_text('<a href="a.html#top">a</a><a href="gone.html">x</a>'
                                         '<a href="#here">h</a><p id="here"></p>', encoding="utf-8")
    (tmp_path / "a.html").write_text('<h1 id="title">A</h1><a href="https://example.org">out</a>',
                                     encoding="utf-8")
    assert broken_links(tmp_path) == ["a.html#top".join(["index.html: ", " (no element with id 'top')"]),
                                      "index.html: gone.html (no such file)"]
