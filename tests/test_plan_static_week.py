"""Your transition plan's week explorer, in a real browser, held against the Python model.

On the published page there is no kernel: the gaps explorer works out each competency's gap in
the page and names the largest with the model's words; the week explorer picks the model's words
for the two shares; the questions explorer counts the answers. For seeded random settings (and
the edges) the page must say exactly what :mod:`exercises.plan.model` says.
"""

from __future__ import annotations

import random

import pytest

from browser import explorer_page
from exercises.plan import chart, model

_rng = random.Random(24)
WEEKS = [(20, 60), (50, 30), (100, 0), (0, 0), (60, 50), (0, 100)] + [
    (_rng.choice(model.MARKET.grid), _rng.choice(model.INTERNAL.grid)) for _ in range(20)]


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("week"), chart.week_explorer(model.week_grid()),
                       anchor="market") as found:
        yield found


def test_the_week_explorer_starts_where_the_live_face_starts(week):
    assert {k: float(v) for k, v in week.values().items()} == {"market": 20.0, "internal": 60.0}
    assert week.lines(r"^Your week|^That is") == [model.week_result(20, 60)["words"]]


@pytest.mark.parametrize("market, internal", WEEKS)
def test_the_week_page_says_what_the_model_says(week, market, internal):
    week.set(market=market, internal=internal)
    assert week.lines(r"^Your week|^That is") == [model.week_result(market, internal)["words"]]
