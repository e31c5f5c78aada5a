"""Sequencing charts, checked through their Vega-Lite specs (no browser)."""

import pytest

from exercises.sequencing import chart, model
from specs import params

BACKLOG = model.load_backlog()
RETURNS = model.load_returns()


def datasets(spec):
    return spec.get("datasets", {})


@pytest.fixture(scope="module")
def explorer():
    grid = model.strategy_grid(BACKLOG)
    return grid, chart.strategy_explorer(grid).to_dict()


def test_strategy_explorer_binds_a_horizon_and_a_strategy(explorer):
    grid, spec = explorer
    bound = params(spec)
    assert bound["horizon"]["bind"]["input"] == "select"
    assert bound["horizon"]["bind"]["options"] == list(model.HORIZONS)
    assert bound["strategy"]["bind"]["input"] == "select"
    assert set(bound["strategy"]["bind"]["options"]) == set(model.STRATEGIES) - {model.BEST}
    # both start where the declarations say
    assert (bound["horizon"]["value"], bound["strategy"]["value"]) == (model.HORIZON.default, model.STRATEGY.default)
    (rows,) = datasets(spec).values()
    assert len(rows) == len(grid) < 5000  # the whole grid is inlined, and stays small


def test_strategy_explorer_inlines_the_grid_the_model_computed(explorer):
    """The chart holds exactly the grid it was given, and that grid matches the model."""
    grid, spec = explorer
    (rows,) = datasets(spec).values()
    assert [(r["horizon"], r["strategy"], r["week"]) for r in rows] == list(
        zip(grid["horizon"], grid["strategy"], grid["week"]))
    assert [r["cumulative_value"] for r in rows] == pytest.approx(grid["cumulative_value"].tolist())
    for horizon in (13, 52):
        final = grid[(grid["horizon"] == horizon) & (grid["week"] == horizon)].set_index("strategy")
        for name in model.STRATEGIES:
            order = model.strategy_order(BACKLOG, name, horizon)
            assert final.loc[name, "cumulative_value"] == pytest.approx(model.total_value(BACKLOG, order, horizon))
        assert final["share_of_best"].max() == pytest.approx(1)


def test_allocation_explorer_has_three_declared_sliders_on_five_per_cent_steps():
    """Reader fix: 10 % steps could set neither equal quarters nor a split near the leader's."""
    made = chart.allocation_explorer(model.allocation_explorer_data(RETURNS)).to_dict()
    sliders = {name: p for name, p in params(made).items() if name != model.SHOW_SPLIT.name}
    assert set(params(made)) == {"feature", "growth", "scaling", model.SHOW_SPLIT.name}
    assert params(made)[model.SHOW_SPLIT.name]["value"] is False  # the leader's split folded at first
    assert all(p["bind"]["input"] == "range" and p["bind"]["min"] == 0 and p["bind"]["max"] == 100
               and p["bind"]["step"] == model.STEP == 5 for p in sliders.values())
    assert {name: p["value"] for name, p in sliders.items()} == {
        spec.name: spec.default for spec in model.SPLIT_INPUTS[:3]} == {"feature": 25, "growth": 25, "scaling": 25}
    rows = {len(r) for r in datasets(made).values()}
    assert rows == {84, 1771, 61}  # levels, every split on the grid, a verdict per sum


CHARTS = {
    "value_curves_chart": lambda: chart.value_curves_chart(
        model.compare_orders(BACKLOG, model.wsjf_order(BACKLOG)).curves),
    "strategy_explorer": lambda: chart.strategy_explorer(model.strategy_grid(BACKLOG)),
    "allocation_chart": lambda: chart.allocation_chart(model.allocation_table(
        RETURNS, {model.YOUR_SPLIT: model.equal_allocation(RETURNS)})),
    "allocation_explorer": lambda: chart.allocation_explorer(model.allocation_explorer_data(RETURNS)),
    "order_builder": lambda: chart.order_builder(model.order_builder_data(BACKLOG)),
}


def test_every_chart_function_is_checked_here():
    assert set(CHARTS) == set(chart.__all__) - {"backlog_table"}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_says_in_words_what_it_shows(name):
    spec = CHARTS[name]().to_dict()
    assert len(spec["description"]) > 60
    assert spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]


@pytest.mark.parametrize("name", ["value_curves_chart", "allocation_chart"])
def test_live_charts_have_one_dataset_and_fixed_colours(name):
    spec = CHARTS[name]().to_dict()
    assert len(datasets(spec)) == 1  # LiveChart swaps it on every update


def test_value_curves_keep_their_colours_when_your_order_has_no_curve():
    broken = ["G1"] + [i for i in model.wsjf_order(BACKLOG) if i != "G1"]
    spec = chart.value_curves_chart(model.compare_orders(BACKLOG, broken).curves).to_dict()
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == [model.YOURS, model.WSJF, model.BEST]


def test_backlog_table_is_readable():
    table = chart.backlog_table(BACKLOG)
    assert table.columns.name == "Id" and table.loc["G1", "Needs first"] == "S1"
    assert "<th></th>" not in table.to_html(), "an empty header cell: screen readers announce nothing"
    assert table.loc["S1", "CD3 (value ÷ weeks)"] == pytest.approx(0.25)


def test_order_builder_has_a_menu_per_place_and_checks_every_dependency():
    data = model.order_builder_data(BACKLOG)
    params = {p["name"]: p for p in chart.order_builder(data).to_dict()["params"]}
    menus = [params[f"pos_{k}"] for k in range(1, len(BACKLOG) + 1)]
    assert [p["value"] for p in menus] == data.start
    assert all(p["bind"]["input"] == "select" and p["bind"]["options"] == list(BACKLOG["id"]) for p in menus)
    assert params["horizon"]["bind"]["options"] == list(model.HORIZONS)
    rules = params["valid"]["expr"]
    for item, needs in zip(BACKLOG["id"], BACKLOG["depends_on"]):
        for need in needs:
            assert f'indexof(order, "{need}") < indexof(order, "{item}")' in rules
