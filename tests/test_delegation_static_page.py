"""No spoilers on the delegation chapter's page: before the learner tries, no rule's level or reason.

Every static output of the executed notebook is drawn in Chromium (:mod:`spoilers`): the rule's
board is folded, so no decision's level or reason is in the visible text, and no ``<details>`` is open.
"""

from __future__ import annotations

import pytest

from exercises.delegation import model
from spoilers import chapter_page, open_details, visible_text

REC = model.recommend(model.load_decisions())


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    with chapter_page(tmp_path_factory.mktemp("delegation-page"), "delegation") as visit:
        yield visit.page


def test_no_rule_level_or_reason_is_visible_before_an_attempt(page):
    seen = visible_text(page)
    assert [line for line in model.BOARD_FOLDED if line not in seen] == []
    shown = [r.reason for r in REC.itertuples() if r.reason in seen]
    shown += [f"{r.decision}: {r.level}" for r in REC.itertuples() if f"{r.decision}: {r.level}" in seen]
    assert shown == []
    assert open_details(page) == 0
