"""Challenging the status quo charts, checked through their Vega-Lite specs (no browser)."""

from exercises.status_quo import chart, model
from exercises.kit.theme import PALETTE


def test_explorer_binds_a_highlight_and_says_what_it_shows():
    spec = chart.regions_explorer(model.board(model.load_situations())).to_dict()
    assert spec["params"][0]["bind"]["input"] == "select"
    assert len(spec["description"]) > 60


def test_live_chart_has_one_dataset_with_every_cell_and_case():
    frame = model.board(model.load_situations())
    assert len(chart.regions_chart(frame).to_dict()["datasets"]) == 1
    assert (frame["layer"] == "region").sum() == 25 and (frame["layer"] == "case").sum() == 10


def _map():
    return model.assumption_map(model.load_practices())


def test_the_live_map_has_one_dataset_quadrant_names_and_the_okabe_ito_colours():
    spec = chart.map_chart(_map()).to_dict()
    assert len(spec["datasets"]) == 1 and len(spec["description"]) > 60
    texts = [layer["encoding"]["text"].get("value") for layer in spec["layer"] if "text" in layer.get("encoding", {})]
    assert set(model.QUADRANTS.values()) <= set(texts)
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
    assert colour["scale"]["range"] == [PALETTE[5], PALETTE[0], PALETTE[1], PALETTE[2]]


def test_the_static_map_binds_its_point_selection_to_a_menu_of_practices():
    spec = chart.map_explorer(_map()).to_dict()
    pick = next(p for p in spec["params"] if p["name"] == "pick")
    assert pick["select"]["on"] == "click" and pick["bind"]["input"] == "select"
    assert pick["bind"]["options"][:2] == ["P5", "P8"] and pick["value"] == [{"id": "P5"}]
    lines = chart.story_lines(_map()).set_index("id")
    assert "Why the fence stands: It stops customers hearing promises" in lines.loc["P5", "text"]


def test_the_frontier_explorer_binds_need_and_budget_and_looks_up_the_models_cheapest():
    experiments = model.load_experiments()
    grid = model.cheapest_grid(experiments, range(0, 60_001, model.BUDGET_STEP))
    spec = chart.tests_explorer(model.frontier(experiments), grid).to_dict()
    bound = {p["name"]: p["bind"] for p in spec["params"]}
    assert bound["evidence_needed"] == {"input": "range", "min": 1, "max": 5, "step": 1,
                                        "name": "Evidence you need (1-5): "}
    assert bound["budget_limit"]["step"] == model.BUDGET_STEP and bound["budget_limit"]["max"] == 60_000
    assert any(len(rows) == len(grid) for rows in spec["datasets"].values())


def test_the_live_frontier_chart_has_one_dataset_and_labels_alternate_along_a_level():
    frame = chart.tests_data(model.qualify(model.load_experiments(), 3, 10_000), 3, 10_000)
    spec = chart.tests_chart(frame).to_dict()
    assert len(spec["datasets"]) == 1
    rows = {r["id"]: r for r in next(iter(spec["datasets"].values()))}
    assert rows["E9"]["below"] != rows["E3"]["below"]  # paper prototype and survey, both evidence 1


def test_practices_that_share_a_cell_are_drawn_side_by_side():
    frame = model.assumption_map(model.load_practices(), {"P9": (4, 2)})  # onto P11's cell
    shown = chart.map_data(frame).set_index("id")["shown_x"]
    assert shown["P9"] != shown["P11"] and abs(shown["P9"] - shown["P11"]) < 0.5
    assert shown["P5"] == 1  # alone in its cell: drawn where it is
