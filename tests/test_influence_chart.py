"""Influence and buy-in charts, checked through their Vega-Lite specs (no browser)."""

from exercises.influence import chart, model


def test_explorer_binds_a_scenario_and_says_what_it_shows():
    spec = chart.reach_explorer(model.reach_grid(model.load_scenarios())).to_dict()
    assert spec["params"][0]["bind"]["input"] == "select"
    assert len(spec["description"]) > 60


def test_live_chart_has_one_dataset():
    assert len(chart.reach_chart(model.reach(0.1)).to_dict()["datasets"]) == 1
