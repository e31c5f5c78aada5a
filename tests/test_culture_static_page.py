"""No spoilers on the culture chapter's page: before a guess, no verdict (in either exercise).

Every static output of the executed notebook is drawn in Chromium (:mod:`spoilers`): the explorer
asks for a guess, no "ahead at week 52" or "tie at week 52" verdict is in the visible text, and no
``<details>`` is open.
"""

from __future__ import annotations

import pytest

from exercises.culture import model
from spoilers import chapter_page, open_details, visible_text


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    with chapter_page(tmp_path_factory.mktemp("culture-page"), "culture") as visit:
        yield visit.page


def test_no_verdict_is_visible_before_a_guess(page):
    seen = visible_text(page)
    assert all(line in seen for line in model.folded(model.BUDGET.default, model.BURST.default,
                                                        model.HALF_LIFE.default))
    assert all(line in seen for line in model.peers(model.PEER.default, model.PEER_BUDGET.default,
                                                    model.PEER_HALF_LIFE.default)["said"])
    assert "ahead at week 52:" not in seen and "tie at week 52:" not in seen and "You guessed" not in seen
    assert "weeks of adoption:" not in seen and "With no peer talk" not in seen
    assert open_details(page) == 0
