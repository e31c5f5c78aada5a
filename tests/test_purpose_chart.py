"""Purpose charts: one dataset for live charts, bound inputs and descriptions for static faces."""

from exercises.purpose import chart, model


def _params(spec):
    return {p["name"]: p for p in spec.get("params", [])}


def test_live_charts_have_one_dataset_and_a_description():
    for built in (chart.bass_chart(model.bass_curve(0.03, 0.38)),
                  chart.cascade_chart(model.cascade_curve(0.1).assign(yours=False))):
        spec = built.to_dict()
        assert len(spec["datasets"]) == 1 and spec["description"]


def test_explorers_bind_their_inputs_over_small_grids():
    bass = chart.bass_explorer(model.bass_grid()).to_dict()
    assert {"p_pct", "q_pct"} <= set(_params(bass)) and all("bind" in _params(bass)[k] for k in ("p_pct", "q_pct"))
    cascade = chart.cascade_explorer(model.cascade_grid()).to_dict()
    assert {"spread", "share"} <= set(_params(cascade))
    assert all(len(rows) < 5000 for spec in (bass, cascade) for rows in spec["datasets"].values())


def test_the_cascade_explorer_marks_sixteen_and_twenty_five_per_cent():
    text = str(chart.cascade_explorer(model.cascade_grid()).to_dict())
    assert "16 % (seeds)" in text and "25 % (Centola)" in text
