"""No spoilers on the influence page: nothing visible names an exercise's answer before an attempt.

The chapter's prose (its markdown cells, drawn as HTML) and its two static explorers are put on
one page in Chromium, as a reader meets them. Before any attempt, the visible text (what
``innerText`` reads: a closed ``<details>`` shows only its summary) and every line the charts
draw must not name the best choice of first conversations, greedy's choice or where greedy falls
short; every solution block starts closed. Opening the blocks, or ticking "Show the best", shows
them (so the check can fail).
"""

from __future__ import annotations

import json

from markdown_it import MarkdownIt

from browser import ROOT, chart_page
from exercises.influence import chart, model, widget
from exercises.kit import display

LEADERS = model.load_leaders()
NETWORK = model.load_network(leaders=LEADERS)
GAP = model.greedy_gap(LEADERS, NETWORK)
#: What answers exercise 1: the best pair, greedy's pair, their reaches, the best single start.
SPOILERS = ("Priya and Marco", "Priya, Marco", "reaches 10", "10 on board", "Greedy with", "The best 1", "The best 2",
            "Lena, Priya", "6 of 12")


def _page() -> str:
    """The chapter's markdown as HTML, each exercise's code cell replaced by its static face, each
    story cell by its Markdown."""
    cells = json.loads((ROOT / "book" / "influence.ipynb").read_text(encoding="utf-8"))["cells"]
    faces = {"widget.cascade()": lambda: chart.cascade_explorer(LEADERS, model.choice_outcomes(LEADERS, NETWORK), GAP,
                                                                NETWORK),
             "widget.obstacles()": lambda: chart.obstacle_explorer(LEADERS)}
    stories = {f'widget.story("{part}")': part for part in ("start", "solution", "greedy", "worked")}
    md, parts = MarkdownIt("commonmark", {"html": True}), []
    display.setup()
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            parts.append(md.render(text))
        elif text.strip() in faces:
            parts.append(display.static_html(faces[text.strip()]().to_dict()))
        elif text.strip() in stories:  # the prose made from the model, as the page shows it
            parts.append(md.render(widget.story_markdown(stories[text.strip()])))
    return "\n".join(parts)


def _visible(page) -> str:
    return page.inner_text("main")


def test_no_answer_is_visible_before_an_attempt(tmp_path):
    with chart_page(tmp_path, _page(), "Influence", ready="figure.lp-chart svg") as visit:
        page = visit.page
        page.wait_for_function("document.querySelectorAll('figure.lp-chart svg').length >= 2")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        details = page.eval_on_selector_all("details", "els => els.map(e => e.open)")
        assert details and not any(details), "every solution block starts closed"
        charts = " ".join(page.eval_on_selector_all("figure.lp-chart svg text", "els => els.map(e => e.textContent)"))
        visible = _visible(page)
        assert model.BEST_WORDS["hidden"][0] in visible  # the words, above the picture
        assert not [s for s in SPOILERS if s in visible or s in charts], "an answer shows before an attempt"
        # the answers are there, folded: opening the blocks shows them
        page.eval_on_selector_all("details", "els => els.forEach(e => { e.open = true; })")
        opened = _visible(page)
        assert "Priya and Marco" in opened and "6 of 12" in opened
        assert not visit.problems(), visit.problems()
