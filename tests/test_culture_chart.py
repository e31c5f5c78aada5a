"""Culture charts, checked through their Vega-Lite specs (no browser)."""

from exercises.culture import chart, model

THETA = model.load_people()["threshold"].to_numpy()


def test_explorer_binds_three_inputs_and_says_what_it_shows():
    spec = chart.adoption_explorer(model.grid(THETA)).to_dict()
    bound = [p for p in spec["params"] if "bind" in p]
    assert [p["name"] for p in bound] == ["budget", "burst", "half"]
    assert len(spec["description"]) > 60


def test_live_chart_has_one_dataset():
    assert len(chart.adoption_chart(model.compare(26, 4, 4, THETA)).to_dict()["datasets"]) == 1
