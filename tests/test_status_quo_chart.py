"""Challenging the status quo charts, checked through their Vega-Lite specs (no browser)."""

from exercises.status_quo import chart, model


def test_explorer_binds_a_highlight_and_says_what_it_shows():
    spec = chart.regions_explorer(model.board(model.load_situations())).to_dict()
    assert spec["params"][0]["bind"]["input"] == "select"
    assert len(spec["description"]) > 60


def test_live_chart_has_one_dataset_with_every_cell_and_case():
    frame = model.board(model.load_situations())
    assert len(chart.regions_chart(frame).to_dict()["datasets"]) == 1
    assert (frame["layer"] == "region").sum() == 25 and (frame["layer"] == "case").sum() == 10
