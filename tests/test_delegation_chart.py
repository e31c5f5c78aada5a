"""Delegation charts, checked through their Vega-Lite specs (no browser)."""

from exercises.delegation import chart, model
from specs import params

REC = model.recommend(model.load_decisions())


def test_board_chart_has_one_dataset_with_every_decision():
    spec = chart.board_chart(model.board_frame(REC, ["tell"])).to_dict()
    (rows,) = spec["datasets"].values()
    assert [r["decision"] for r in rows] == REC["decision"].tolist()
    assert rows[0]["given"] == "tell" and len(spec["description"]) > 40


def test_recommendation_board_binds_a_decision_menu_and_shows_the_reasons():
    spec = chart.recommendation_board(REC).to_dict()
    pick = params(spec)["decision_pick"]
    assert pick["bind"]["input"] == "select" and pick["bind"]["options"] == REC["decision"].tolist()
    rows = next(iter(spec["datasets"].values()))
    assert [r["reason"] for r in rows] == REC["reason"].tolist()


def test_bottleneck_explorer_binds_three_inputs_over_the_models_grid():
    grid = model.bottleneck_grid((10, 20), (10, 15))
    spec = chart.bottleneck_explorer(grid).to_dict()
    bound = params(spec)
    assert {"decisions", "capacity", "delegated"} <= set(bound)
    assert bound["delegated"]["bind"]["input"] == "range"
    (rows,) = spec["datasets"].values()
    assert len(rows) == len(grid) < 5000
    assert [r["lead_days"] for r in rows] == [None if v != v else v for v in grid["lead_days"]]


def test_live_bottleneck_chart_has_one_dataset():
    spec = chart.bottleneck_chart(model.bottleneck_curve(20, 15, 0.5)).to_dict()
    assert len(spec["datasets"]) == 1 and "dashed red line" in spec["description"]
