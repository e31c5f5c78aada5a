"""Challenging the status quo charts, checked through their Vega-Lite specs (no browser)."""

from exercises.status_quo import chart, model
from exercises.kit.theme import PALETTE


def test_live_chart_has_one_dataset_with_every_cell_and_case():
    frame = model.board(model.load_situations())
    assert len(chart.regions_chart(frame).to_dict()["datasets"]) == 1
    assert (frame["layer"] == "region").sum() == 25 and (frame["layer"] == "case").sum() == 10
    assert (frame["layer"] == "key").sum() == 3


def _map():
    return model.assumption_map(model.load_practices())


def test_the_live_map_has_one_dataset_quadrant_names_and_the_okabe_ito_colours():
    spec = chart.map_chart(_map()).to_dict()
    assert len(spec["datasets"]) == 1 and len(spec["description"]) > 60
    texts = [layer["encoding"]["text"].get("value") for layer in spec["layer"] if "text" in layer.get("encoding", {})]
    assert set(model.QUADRANTS.values()) <= set(texts)
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
    assert colour["scale"]["range"] == [PALETTE[5], PALETTE[0], PALETTE[1], PALETTE[2]]


def test_the_static_map_binds_its_point_selection_to_the_declared_menu_of_practices():
    spec = chart.map_explorer(_map()).to_dict()
    pick = next(p for p in spec["params"] if p["name"] == model.PRACTICE.name)
    assert pick["select"]["on"] == "click" and pick["bind"]["input"] == "select"
    assert pick["bind"]["options"] == list(model.PRACTICE.options)
    assert pick["bind"]["labels"] == list(model.PRACTICE.labels)
    assert pick["value"] == [{"id": model.PRACTICE.default}]
    assert pick["bind"]["name"] == "Practice: "
    lines = chart.story_lines(_map()).set_index("id")
    assert "Why the fence stands: It stops customers hearing promises" in lines.loc["P5", "text"]


def test_the_static_map_binds_every_practices_why_challenge_and_two_sliders_at_the_declarations():
    spec = chart.map_explorer(model.load_practices()).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert model.WHY.name not in params and model.CHALLENGE.name not in params  # one of each per practice
    practices = model.load_practices()
    for row in practices.itertuples():
        why, tick = params[f"why_{row.id}"], params[f"challenge_{row.id}"]
        assert why["bind"]["input"] == "text" and why["value"] == "" and row.practice in why["bind"]["name"]
        assert tick["bind"]["input"] == "checkbox" and tick["value"] is False
    assert len(model.RATING_INPUTS) == 2 * len(practices)
    for row in practices.itertuples():
        for what in ("importance", "evidence"):
            slider = params[f"{what}_{row.id}"]
            assert slider["value"] == getattr(row, what)
            assert slider["bind"] == {"input": "range", "min": 1, "max": 5, "step": 1,
                                      "name": f"{row.practice}: {what}: "}


def test_the_static_maps_data_follows_the_sliders_order_whatever_the_order_given():
    practices = model.load_practices()
    shuffled = practices.sample(frac=1, random_state=3)
    assert model.map_page(shuffled).equals(model.map_page(practices))
    assert list(model.map_page(practices)["id"]) == [s.name.split("_", 1)[1] for s in model.RATING_INPUTS[::2]]


def test_the_answers_start_folded_in_the_static_frontier_and_board():
    experiments = model.load_experiments()
    tests = chart.tests_explorer(model.frontier(experiments), model.cheapest_grid(experiments)).to_dict()
    board = chart.doors_explorer(model.load_situations()).to_dict()
    for spec in (tests, board):
        reveal = next(p for p in spec["params"] if p["name"] == "reveal")
        assert reveal["value"] is False and reveal["bind"]["input"] == "checkbox"


def test_the_frontier_explorer_binds_the_declared_need_and_budget():
    experiments = model.load_experiments()
    grid = model.cheapest_grid(experiments)
    spec = chart.tests_explorer(model.frontier(experiments), grid).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    need, budget = params[model.NEED.name], params[model.BUDGET.name]
    assert need["value"] == model.NEED.default and budget["value"] == model.BUDGET.default
    assert need["bind"] == {"input": "range", "min": 1, "max": 5, "step": 1, "name": "Evidence you need: "}
    assert budget["bind"]["step"] == model.BUDGET_STEP and budget["bind"]["max"] == 60_000
    assert budget["bind"]["name"] == f"Your budget ({model.CURRENCY}): "
    assert any(len(rows) == len(grid) for rows in spec["datasets"].values())


def test_the_explorer_only_chooses_among_the_models_words():
    said = chart.tests_words()
    for kind in model.TEST_WORDS:
        assert f"datum.verdict == '{kind}'" in said
    assert "experiments qualify" in said and "datum.count <" not in said and "== 1" not in said


def test_the_live_frontier_chart_has_one_dataset_and_labels_alternate_along_a_level():
    frame = chart.tests_data(model.qualify(model.load_experiments(), 3, 10_000), 3, 10_000)
    spec = chart.tests_chart(frame).to_dict()
    assert len(spec["datasets"]) == 1
    rows = {r["id"]: r for r in next(iter(spec["datasets"].values()))}
    assert rows["E9"]["below"] != rows["E3"]["below"]  # paper prototype and survey, both evidence 1
    assert rows["E10"]["frontier_note"] == "no, beaten by A/B test" and rows["E1"]["tag"] == "Data analysis (1 wk)"


def test_the_static_board_binds_the_declared_highlight_and_a_menu_per_case():
    """Regression (#22: the static board had no menu of its own and drew no "Your label" legend):
    each case has its declared menu, empty at first, and the board draws the learner's labels."""
    spec = chart.doors_explorer(model.load_situations()).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert params[model.HIGHLIGHT.name]["value"] == model.HIGHLIGHT.default
    assert params[model.HIGHLIGHT.name]["bind"]["options"] == list(model.HIGHLIGHT.options)
    cases = model.decisions(model.load_situations())
    for spec_, item in zip(model.LABEL_INPUTS, cases["item"]):
        menu = params[spec_.name]
        assert menu["value"] == "" and menu["bind"]["options"] == ["", *model.LEVELS]
        assert menu["bind"]["name"].startswith(item)
    assert "Your label" in str(spec)


def test_the_static_boards_data_puts_each_case_in_its_menus_slot():
    frame = chart.doors_data(model.load_situations())
    cases = frame[frame["layer"] == "case"]
    assert [model.LABEL_INPUTS[k].name for k in cases["slot"]] == [f"label_{key}" for key in cases["id"]]
    assert set(frame.loc[frame["layer"] != "case", "slot"]) == {-1}


def test_the_board_words_choose_only_among_the_models_templates():
    said = chart.door_words(model.load_situations())
    assert chart.vega_string(model.DOOR_WORDS["none"] + "\n") in said and "agree with the rule" in said


def test_practices_that_share_a_cell_are_drawn_side_by_side():
    frame = model.assumption_map(model.load_practices(), {"P9": (4, 2)})  # onto P11's cell
    shown = chart.map_data(frame).set_index("id")["shown_x"]
    assert shown["P9"] != shown["P11"] and abs(shown["P9"] - shown["P11"]) < 0.5
    assert shown["P5"] == 1  # alone in its cell: drawn where it is


def test_the_live_boards_legend_follows_the_learners_labels_in_a_fixed_order():
    import re

    import vl_convert

    situations = model.load_situations()
    for labels, words in (([""] * 10, ["not yet (10)", "right (0)", "wrong (0)"]),
                          ([model.ASK] + [""] * 9, ["not yet (9)", "right (0)", "wrong (1)"]),
                          ([model.ACT] * 10, ["not yet (0)", "right (4)", "wrong (6)"])):
        spec = chart.regions_chart(model.board(situations, labels)).to_dict()
        svg = vl_convert.vegalite_to_svg(spec)
        assert re.findall(r">([a-z ]+\(\d+\))<", svg) == words


def test_the_static_map_shows_one_practices_inputs_at_a_time():
    """Regression (24 sliders under the static map): the map declares, per practice, its why and
    challenge boxes and its two sliders, picked by the practice menu's signal; every one is a bound
    input of the map and belongs to one practice only (the page hides the others: a CSS ``:has()``
    rule per practice did this before, and restyled the whole figure on every redraw)."""
    practices = model.load_practices()
    spec = chart.map_explorer(practices).to_dict()
    one = spec["usermeta"]["lp_one_at_a_time"]
    assert one["signal"] == f"{model.PRACTICE.name}_id"
    assert list(one["groups"]) == [str(key) for key in practices["id"]]
    bound = {p["name"] for p in spec["params"] if "bind" in p}
    for key, names in one["groups"].items():
        assert sorted(names) == sorted(f"{box}{key}" for box in chart.MAP_BOXES)
        assert set(names) <= bound
