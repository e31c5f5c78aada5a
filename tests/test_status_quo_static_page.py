"""No spoilers on the status quo chapter's page: before an attempt, no answer.

Every static output of the executed notebook is drawn in Chromium (:mod:`spoilers`): the map
shows the learner's own ranking but not Tessera's fences (they appear once the learner has written
why a fence stands); the frontier asks for a guess and names no cheapest test; the rule's board
draws no region and gives no case's reason; and no ``<details>`` is open.
"""

from __future__ import annotations

import pytest

from exercises.status_quo import model
from spoilers import chapter_page, open_details, visible_text

EXPERIMENTS = model.load_experiments()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    with chapter_page(tmp_path_factory.mktemp("status-quo-page"), "status_quo") as visit:
        yield visit.page


def test_no_answer_is_visible_before_an_attempt(page):
    seen = visible_text(page)
    flat = " ".join(seen.split())
    assert model.PAGE_WORDS["head"] in seen and model.TEST_HIDDEN in seen  # the faces are drawn, folded
    assert "Cheapest convincing test:" not in seen and "The cheapest that reaches" not in seen
    assert "Tessera's own answer" not in seen
    assert not any(fence in flat for fence in model.load_practices()["fence"])
    assert not any(reason in flat for reason in model.decisions(model.load_situations())["reason"])
    assert open_details(page) == 0


def test_the_rules_board_draws_no_region_before_it_is_asked(page):
    rects = page.evaluate("""() => Array.from(document.querySelectorAll("figure.lp-chart svg g.mark-rect path"))
        .map(p => p.getAttribute("aria-label") || "").filter(label => /Blast radius/.test(label))""")
    assert rects == []
