"""__Title__'s static explorer, in a real browser, held against the Python model.

On the published page there is no kernel: Vega picks the model's precomputed rows and fills in
the model's words. Here Chromium draws the explorer, and for seeded random rates the sentence it
shows must be exactly what :func:`exercises.__topic__.model.reach_result` says.
"""

import random

import pytest

from browser import explorer_page
from exercises.__topic__ import chart, model

RATES = [model.RATE.low, model.RATE.high] + random.Random(1).sample(model.RATE.grid, 20)


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("__topic__"), chart.reach_explorer(model.reach_grid()),
                       anchor=model.RATE.name) as found:
        yield found


def test_the_explorer_starts_where_the_live_face_starts(explorer):
    assert float(explorer.values()["rate"]) == model.RATE.default
    assert explorer.lines("^Half the people") == [model.reach_result(model.RATE.default)["words"]]


@pytest.mark.parametrize("rate", RATES)
def test_the_page_says_what_the_model_says(explorer, rate):
    explorer.set(rate=rate)
    assert explorer.lines("^Half the people") == [model.reach_result(rate)["words"]]
