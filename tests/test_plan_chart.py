"""Your transition plan's charts, checked through their Vega-Lite specs (no browser)."""

import specs
from exercises.plan import chart, model


def _bound(spec):
    return {name: p for name, p in specs.params(spec).items() if "bind" in p}


def test_the_gaps_explorer_binds_every_declared_rating_at_its_default():
    spec = chart.self_explorer().to_dict()
    bound = _bound(spec)
    assert set(bound) == {s.name for s in model.SELF_INPUTS}
    defaults = {s.name: s.default for s in model.SELF_INPUTS}
    assert all(p["value"] == defaults[n] and p["bind"]["input"] == "range" for n, p in bound.items())
    assert {s.default for s in model.SELF_INPUTS} == {3, 4}  # a step up on every competency to start from
    assert len(spec["description"]) > 60


def test_the_week_explorer_binds_both_shares_and_carries_the_models_words():
    grid = model.week_grid()
    spec = chart.week_explorer(grid).to_dict()
    assert {n: p["value"] for n, p in _bound(spec).items()} == {"market": 20.0, "internal": 60.0}
    words = {row["words"] for rows in spec["datasets"].values() for row in rows if "words" in row}
    assert words == set(grid["words"])


def test_the_questions_explorer_binds_three_text_boxes():
    bound = _bound(chart.questions_explorer().to_dict())
    assert set(bound) == {s.name for s in model.QUESTION_INPUTS}
    assert all(p["bind"]["input"] == "text" and p["value"] == "" for p in bound.values())


def test_live_charts_have_one_dataset_each():
    ratings = {s.name: s.default for s in model.SELF_INPUTS}
    charts = [chart.self_chart(model.gaps(ratings)), chart.week_chart(model.week_result(20, 60)["week"]),
              chart.questions_chart({"want": "x"}), chart.plan_chart(model.assemble())]
    for made in charts:
        assert len(made.to_dict()["datasets"]) == 1


def test_the_plan_chart_counts_every_line_once():
    rows = chart.plan_rows(model.assemble({"plan/questions": {"want": "x"}}))
    assert int(rows["lines"].sum()) == len(model.PLAN)
    assert int(rows.loc[rows["status"] == "From your answers", "lines"].sum()) == 1


def test_the_week_chart_over_100_draws_only_the_reference():
    rows = chart._week_rows(model.week_result(80, 50)["week"]).dropna(subset=["share"])
    assert set(rows["whose"]) == {"Reference"}
