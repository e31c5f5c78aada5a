"""The static strategy explorer, in a real browser: it starts at the declared inputs and, for every
horizon and strategy it offers, says exactly what :func:`exercises.sequencing.model.strategy_words` says.
"""

from __future__ import annotations

import random

import pytest

from browser import explorer_page
from exercises.sequencing import chart, model

BACKLOG = model.load_backlog()
_STRATEGY = r"^This strategy earns|^Order: "


# --------------------------------------------------------------------------- the strategy explorer


@pytest.fixture(scope="module")
def strategies(tmp_path_factory):
    grid = model.strategy_grid(BACKLOG)
    with explorer_page(tmp_path_factory.mktemp("strategies"), chart.strategy_explorer(grid),
                       anchor=model.STRATEGY.name) as found:
        yield grid, found


def test_the_strategy_explorer_starts_at_the_declared_inputs_and_says_what_the_model_says(strategies):
    grid, page = strategies
    values = page.values()
    assert (float(values["horizon"]), values["strategy"]) == (model.HORIZON.default, model.STRATEGY.default)
    assert page.lines(_STRATEGY) == model.strategy_words(grid, model.HORIZON.default, model.STRATEGY.default)
    for horizon in model.HORIZONS:
        for name in model.STRATEGY.options:
            page.set(horizon=horizon, strategy=name)
            assert page.lines(_STRATEGY) == model.strategy_words(grid, horizon, name), (horizon, name)
