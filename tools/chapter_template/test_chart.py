"""__Title__ charts, checked through their Vega-Lite specs (no browser)."""

from exercises.__topic__ import chart, model


def test_explorer_binds_the_declared_rate_and_says_what_it_shows():
    spec = chart.reach_explorer(model.reach_grid()).to_dict()
    (rate,) = [p for p in spec["params"] if p["name"] == model.RATE.name]
    assert rate["bind"]["input"] == "range" and rate["value"] == model.RATE.default
    assert len(spec["description"]) > 60


def test_live_chart_has_one_dataset():
    assert len(chart.reach_chart(model.reach(0.1)).to_dict()["datasets"]) == 1
