"""The static strategy explorer, in a real browser: it starts at the declared inputs and, for every
horizon and strategy it offers, says exactly what :func:`exercises.sequencing.model.strategy_words` says,
with the best order folded until the reader ticks its box, then drawn and named.
"""

from __future__ import annotations

import pytest

from browser import explorer_page
from exercises.sequencing import chart, model

BACKLOG = model.load_backlog()
_STRATEGY = r"^This strategy earns|^Order: |^That is .* of the best|^The best order for "


# --------------------------------------------------------------------------- the strategy explorer


@pytest.fixture(scope="module")
def strategies(tmp_path_factory):
    grid = model.strategy_grid(BACKLOG)
    with explorer_page(tmp_path_factory.mktemp("strategies"), chart.strategy_explorer(grid),
                       anchor=model.STRATEGY.name) as found:
        yield grid, found


def test_the_strategy_explorer_starts_at_the_declared_inputs_and_says_what_the_model_says(strategies):
    grid, page = strategies
    page.set(**{model.SHOW_BEST.name: False})
    values = page.values()
    assert (float(values["horizon"]), values["strategy"]) == (model.HORIZON.default, model.STRATEGY.default)
    assert values[model.SHOW_BEST.name] is False
    assert page.lines(_STRATEGY) == model.strategy_words(grid, model.HORIZON.default, model.STRATEGY.default)
    for show in (False, True):
        for horizon in model.HORIZONS:
            for name in model.STRATEGY.options:
                page.set(horizon=horizon, strategy=name, **{model.SHOW_BEST.name: show})
                assert page.lines(_STRATEGY) == model.strategy_words(grid, horizon, name, show), (horizon, name, show)
    page.set(**{model.SHOW_BEST.name: False})


def test_the_strategy_explorer_keeps_the_best_folded_until_asked_then_names_it(strategies):
    """Regression (issue #22): the explorer drew the best curve and each rule's share of it without
    naming the best order. Folded: no best order, no share of it; asked: both, and the order named."""
    grid, page = strategies
    for horizon in model.HORIZONS:
        best = " → ".join(model.best_order(BACKLOG, horizon))
        page.set(horizon=horizon, **{model.SHOW_BEST.name: False})
        folded = "\n".join(page.lines())
        assert best not in folded and "of the best" not in folded, horizon
        page.set(**{model.SHOW_BEST.name: True})
        shown = page.lines(_STRATEGY)
        assert shown[-1] == f"The best order for {horizon} weeks: {best}"
        assert any("of the best possible order" in line for line in shown)
    page.set(**{model.SHOW_BEST.name: False})


_DASHED = """(anchor) => Array.from(document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart")
    .querySelectorAll("svg path")).filter(p => (p.getAttribute("stroke-dasharray") || "").startsWith("6")).length"""


def test_the_best_line_is_drawn_only_once_asked(strategies):
    _grid, page = strategies
    page.set(**{model.SHOW_BEST.name: False})
    assert page.page.evaluate(_DASHED, model.STRATEGY.name) == 0
    page.set(**{model.SHOW_BEST.name: True})
    assert page.page.evaluate(_DASHED, model.STRATEGY.name) == 1
    page.set(**{model.SHOW_BEST.name: False})
