"""No spoilers on the sequencing chapter's page: before the learner asks, no best order and no best split.

Every static output of the executed notebook is drawn in Chromium (:mod:`spoilers`): no best
order (for any horizon), nothing the best order earns, no leader's split is in the visible text,
and no ``<details>`` is open.
"""

from __future__ import annotations

import pytest

from exercises.sequencing import model
from spoilers import chapter_page, open_details, visible_text

BACKLOG = model.load_backlog()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    with chapter_page(tmp_path_factory.mktemp("sequencing-page"), "sequencing") as visit:
        yield visit.page


def test_no_best_order_or_best_split_is_visible_before_it_is_asked_for(page):
    seen = visible_text(page)
    assert "Your order earns" in seen and "This split earns" in seen  # the faces are drawn
    best = {h: " → ".join(model.best_order(BACKLOG, h)) for h in model.HORIZONS}
    assert [h for h, order in best.items() if order in seen] == []
    assert "The best possible order earns" not in seen and "The best order for" not in seen
    assert model.best_split_words(model.load_returns()) not in seen and "The leader's split:" not in seen
    assert open_details(page) == 0
