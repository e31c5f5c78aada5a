"""No spoilers on a chapter's published page: its static faces, drawn in Chromium as the site
draws them, show no answer before the learner has tried.

:func:`chapter_page` puts every static output of a chapter's executed notebook (charts and quizzes)
on one page; :func:`visible_text` reads what a reader sees there (the page's rendered text and every
chart's drawn text) and :func:`open_details` counts the ``<details>`` elements that are open.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

from browser import ROOT, chart_page

__all__ = ["chapter_page", "open_details", "visible_text"]

_TEXT = """() => [document.body.innerText,
    ...Array.from(document.querySelectorAll("svg text"))
        .flatMap(t => t.querySelector("tspan") ? Array.from(t.querySelectorAll("tspan")) : [t])
        .map(t => t.textContent)].join("\\n")"""


@contextlib.contextmanager
def chapter_page(tmp_path: Path, topic: str):
    """Every ``text/html`` output of ``book/<topic>.ipynb`` (as executed for the site) on one page,
    opened in Chromium once every chart is drawn; yields the :class:`browser.Visit`."""
    cells = json.loads((ROOT / "book" / f"{topic}.ipynb").read_text(encoding="utf-8"))["cells"]
    html = "\n".join("".join(out["data"]["text/html"]) for cell in cells if cell["cell_type"] == "code"
                     for out in cell.get("outputs", []) if "text/html" in out.get("data", {}))
    with chart_page(tmp_path, html, topic) as visit:
        charts = len(re.findall(r'<figure[^>]*\blp-chart\b', html))
        visit.page.wait_for_function(f"document.querySelectorAll('figure.lp-chart svg').length >= {charts}")
        visit.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        yield visit
        assert not visit.problems(), visit.problems()


def visible_text(page) -> str:
    """What a reader sees: the page's rendered text and every line a chart draws."""
    return page.evaluate(_TEXT)


def open_details(page) -> int:
    """How many ``<details>`` elements on the page are open."""
    return page.evaluate("() => document.querySelectorAll('details[open]').length")
