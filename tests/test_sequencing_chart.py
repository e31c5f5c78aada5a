"""Sequencing charts, checked through their Vega-Lite specs (no browser)."""

import pytest

from exercises.sequencing import chart, model

BACKLOG = model.load_backlog()
RETURNS = model.load_returns()


def params(spec):
    found = {p["name"]: p for p in spec.get("params", [])}
    for sub in spec.get("layer", []) + spec.get("vconcat", []):
        found |= params(sub)
    return found


def datasets(spec):
    return spec.get("datasets", {})


@pytest.fixture(scope="module")
def explorer():
    grid = model.strategy_grid(BACKLOG, [13, 26, 39, 52])
    return grid, chart.strategy_explorer(grid).to_dict()


def test_strategy_explorer_binds_a_horizon_and_a_strategy(explorer):
    grid, spec = explorer
    bound = params(spec)
    assert bound["horizon"]["bind"]["input"] == "radio"
    assert bound["horizon"]["bind"]["options"] == [13, 26, 39, 52]
    assert bound["strategy"]["bind"]["input"] == "select"
    assert set(bound["strategy"]["bind"]["options"]) == set(model.STRATEGIES) - {"Best possible"}
    (rows,) = datasets(spec).values()
    assert len(rows) == len(grid) < 5000  # the whole grid is inlined, and stays small


def test_strategy_explorer_grid_matches_the_model(explorer):
    grid, _ = explorer
    for horizon in (13, 52):
        final = grid[(grid["horizon"] == horizon) & (grid["week"] == horizon)].set_index("strategy")
        for name in model.STRATEGIES:
            order = model.strategy_order(BACKLOG, name, horizon)
            assert final.loc[name, "cumulative_value"] == pytest.approx(model.total_value(BACKLOG, order, horizon))
        assert final["share_of_best"].max() == pytest.approx(1)


def test_allocation_explorer_has_three_sliders_and_the_whole_grid():
    grid = model.allocation_grid(RETURNS)
    spec = chart.allocation_explorer(grid).to_dict()
    sliders = {name: p["bind"] for name, p in params(spec).items()}
    assert set(sliders) == {"feature", "growth", "scaling"}
    assert all(b["input"] == "range" and b["min"] == 0 and b["max"] == 100 for b in sliders.values())
    (rows,) = datasets(spec).values()
    assert len(rows) == len(grid)


@pytest.mark.parametrize("build", [
    lambda: chart.value_curves_chart(model.compare_orders(BACKLOG, model.wsjf_order(BACKLOG))),
    lambda: chart.strategy_explorer(model.strategy_grid(BACKLOG, [26])),
    lambda: chart.allocation_explorer(model.allocation_grid(RETURNS)),
])
def test_every_chart_says_in_words_what_it_shows(build):
    spec = build().to_dict()
    assert len(spec["description"]) > 60
    assert spec["title"]["text"]


def test_value_curves_chart_has_one_dataset_for_live_updates():
    curves = model.compare_orders(BACKLOG, model.wsjf_order(BACKLOG))
    spec = chart.value_curves_chart(curves).to_dict()
    (rows,) = datasets(spec).values()
    assert {r["strategy"] for r in rows} == {"Your order", "WSJF (CD3)", "Best possible"}


def test_backlog_table_is_readable():
    table = chart.backlog_table(BACKLOG)
    assert table.index.name == "Id" and table.loc["G1", "Needs first"] == "S1"
    assert table.loc["S1", "CD3 (value ÷ weeks)"] == pytest.approx(0.25)
