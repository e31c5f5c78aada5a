"""Influence and buy-in charts, checked through their Vega-Lite specs (no browser)."""

import json

import pytest

from exercises.influence import chart, model
from specs import params

LEADERS = model.load_leaders()
NETWORK = model.load_network(leaders=LEADERS)


@pytest.fixture(scope="module")
def explorer():
    outcomes = model.choice_outcomes(LEADERS, NETWORK)
    return outcomes, chart.cascade_explorer(LEADERS, outcomes, model.greedy_gap(LEADERS, NETWORK), NETWORK).to_dict()


def test_the_map_places_every_leader_and_says_whose_grid_it_is():
    spec = chart.stakeholder_map(LEADERS).to_dict()
    (rows,) = spec["datasets"].values()
    assert [r["id"] for r in rows] == list(LEADERS["id"])
    assert "Mendelow" in " ".join(spec["title"]["subtitle"]) and len(spec["description"]) > 80
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
    assert colour["field"] == "support" and colour["scale"]["domain"] == list(model.STANCES)


def test_the_explorer_binds_three_menus_of_nobody_and_every_leader(explorer):
    _, spec = explorer
    bound = params(spec)
    menus = [bound[f"first_{k}"] for k in range(1, chart.MENUS + 1)]
    assert all(m["bind"]["input"] == "select" and m["bind"]["options"] == ["", *LEADERS["id"]] for m in menus)
    assert [m["value"] for m in menus] == [spec.default for spec in model.CASCADE_INPUTS[:chart.MENUS]]
    assert [m["bind"]["name"] for m in menus] == [f"{s.label}: " for s in model.CASCADE_INPUTS[:chart.MENUS]]
    assert {"choice", "menus_used"} <= set(bound)


def test_the_explorer_inlines_one_row_per_choice_and_no_names_in_expressions(explorer):
    outcomes, spec = explorer
    sizes = sorted(len(rows) for rows in spec["datasets"].values())
    assert sizes == [chart.MENUS + 1, len(LEADERS), 299] and len(json.dumps(spec)) < 140_000
    exprs = json.dumps([p.get("expr", "") for p in params(spec).values()])
    assert "Dana" not in exprs  # names are data, never spliced into an expression


def test_the_greedy_and_best_lines_come_from_the_model(explorer):
    _, spec = explorer
    rows = [r for rows in spec["datasets"].values() for r in rows if "greedy" in r]
    assert {"k": 2, "greedy": "Lena, Priya", "greedy_reach": 9, "best": "Priya, Marco", "best_reach": 10} in rows
    assert "Greedy with " in json.dumps(spec, ensure_ascii=False) and "→ " in json.dumps(spec, ensure_ascii=False)


def test_the_live_cascade_chart_has_one_dataset_and_counts_nothing_itself():
    result = model.cascade_result(LEADERS, NETWORK, model.greedy_gap(LEADERS, NETWORK), ["ceo"], 1)
    spec = chart.cascade_chart(result["chart"]).to_dict()
    assert len(spec["datasets"]) == 1 and len(spec["description"]) > 80
    assert "aggregate" not in json.dumps(spec["vconcat"][2]) and "window" not in json.dumps(spec)
    bars = spec["vconcat"][2]["layer"][0]
    assert "datum.round <= datum.shown" in str(bars["encoding"]["opacity"])


def test_both_faces_draw_who_listens_to_whom_with_each_threshold_in_words(explorer):
    """Issue #22: who listens to whom, and each threshold, were nowhere on the page. Both faces draw
    the network matrix: its rows are the model's labels (name and threshold in words), in leaders'
    order, its columns the leaders' names; the live face's cells are the model's, one per pair."""
    _, static = explorer
    result = model.cascade_result(LEADERS, NETWORK, model.greedy_gap(LEADERS, NETWORK), ["ceo"], 1)
    live = chart.cascade_chart(result["chart"]).to_dict()
    labels = model.listener_labels(LEADERS)
    assert labels[0] == "Dana needs 50%" and labels[2] == "Priya needs 80%"
    for spec in (static, live):
        matrix = spec["vconcat"][1]["vconcat"][1] if "vconcat" in spec["vconcat"][1] else spec["vconcat"][1]
        y = matrix["layer"][0]["encoding"]["y"]
        x = matrix["layer"][0]["encoding"]["x"]
        assert y["scale"]["domain"] == labels and x["scale"]["domain"] == list(LEADERS["name"])
        assert "sort" not in y and "sort" not in x  # a sort list is quoted into an expression unescaped
    (rows,) = live["datasets"].values()
    edges = [r for r in rows if r["kind"] == "edge"]
    cells = model.network_cells(LEADERS, NETWORK)
    assert [(r["label"], r["speaker_name"], r["share_words"]) for r in edges] == list(
        zip(cells["label"], cells["speaker_name"], cells["share_words"]))
    assert len(edges) == len(NETWORK)


def test_a_tooltip_reads_joins_in_round_minus_one_never():
    """Regression: the tooltip said "Joins in round (-1: never)"; now it says the model's words."""
    result = model.cascade_result(LEADERS, NETWORK, model.greedy_gap(LEADERS, NETWORK), ["ceo"], 5)
    spec = json.dumps(chart.cascade_chart(result["chart"]).to_dict())
    assert "-1: never" not in spec and '"title": "Joins"' in spec
    assert set(result["chart"]["joins"].dropna()) == {"From the start", "In round 1", "In round 2", "Never"}


def test_the_obstacles_chart_axis_reads_0_1_1_2_2():
    """Regression: ticks at halves printed as whole numbers ("0 1 1 2 2"); now a tick per whole number."""
    for spec in (chart.obstacle_chart(model.WORKED_PLAN[["order", "owner", "count"]].assign(chosen=True)).to_dict(),
                 chart.obstacle_explorer(LEADERS).to_dict()):
        x = json.loads(json.dumps(spec))
        found = [v for v in _find(x, "x") if isinstance(v, dict) and v.get("field") == "count"]
        assert found and all(v["axis"]["values"] == list(range(v["scale"]["domain"][1] + 1)) for v in found)


def test_the_obstacle_explorer_binds_the_declared_rows_owners_conversation_and_worked_box():
    spec = chart.obstacle_explorer(LEADERS).to_dict()
    bound = {name: p for name, p in params(spec).items() if "bind" in p}
    assert list(bound) == [s.name for s in model.STATIC_OBSTACLE_INPUTS]
    assert all(bound[s.name]["value"] == s.default for s in model.STATIC_OBSTACLE_INPUTS)
    texts = [bound[f"obstacle_{k}"]["bind"] for k in range(1, model.ROWS + 1)]
    assert all(t["input"] == "text" and t["placeholder"] == "What stands in the way?" for t in texts)
    owner = bound["owner_1"]["bind"]
    assert owner["options"] == ["", *LEADERS["role"]] and owner["labels"][4] == "Operations (Lena)"
    assert bound["conversation"]["bind"]["options"] == list(range(1, model.ROWS + 1))
    assert bound["worked"]["bind"]["input"] == "checkbox" and bound["worked"]["value"] is False
    text = json.dumps(spec, ensure_ascii=False)
    assert all(line.split("{")[0] in text for line in (*model.DRAFT_WORDS.values(), *model.OBSTACLE_WORDS.values()))


def test_the_live_obstacle_chart_draws_an_empty_plan():
    plan, _ = model.plan_conversations([])
    spec = chart.obstacle_chart(plan[["order", "owner", "count"]].assign(chosen=False)).to_dict()
    assert list(spec["datasets"].values()) == [[]]


def _find(tree, key):
    """Every value under ``key`` anywhere in a spec."""
    if isinstance(tree, dict):
        for k, v in tree.items():
            if k == key:
                yield v
            yield from _find(v, key)
    elif isinstance(tree, list):
        for v in tree:
            yield from _find(v, key)
