"""Influence and buy-in charts, checked through their Vega-Lite specs (no browser)."""

import pytest

from exercises.influence import chart, model

LEADERS = model.load_leaders()
NETWORK = model.load_network(leaders=LEADERS)


def params(spec):
    found = {p["name"]: p for p in spec.get("params", [])}
    for sub in spec.get("layer", []) + spec.get("vconcat", []) + spec.get("hconcat", []):
        found |= params(sub)
    return found


@pytest.fixture(scope="module")
def explorer():
    grid = model.outcome_grid(LEADERS, NETWORK)
    return grid, chart.cascade_explorer(LEADERS, grid, model.greedy_gap(LEADERS, NETWORK)).to_dict()


def test_the_map_places_every_leader_and_says_whose_grid_it_is():
    spec = chart.stakeholder_map(LEADERS).to_dict()
    (rows,) = spec["datasets"].values()
    assert [r["id"] for r in rows] == list(LEADERS["id"])
    assert "Mendelow" in spec["title"]["subtitle"] and len(spec["description"]) > 80
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
    assert colour["field"] == "support" and colour["scale"]["domain"] == list(model.STANCES)


def test_the_explorer_binds_three_menus_of_nobody_and_every_leader(explorer):
    _, spec = explorer
    bound = params(spec)
    menus = [bound[f"first_{k}"] for k in range(1, chart.MENUS + 1)]
    assert all(m["bind"]["input"] == "select" and m["bind"]["options"] == ["", *LEADERS["id"]] for m in menus)
    assert [m["value"] for m in menus] == ["ceo", "", ""]
    assert {"choice", "k", "greedy_line", "best_line"} <= set(bound)


def test_the_explorer_inlines_the_grid_without_repeating_names(explorer):
    grid, spec = explorer
    sizes = sorted(len(rows) for rows in spec["datasets"].values())
    assert sizes == [len(LEADERS), 299, len(grid)] and len(grid) < 5000
    people = next(rows for rows in spec["datasets"].values() if len(rows) == len(grid))
    assert set(people[0]) == {"members", "id", "seed", "step"}


def test_the_greedy_and_best_lines_come_from_the_model(explorer):
    _, spec = explorer
    bound = params(spec)
    assert "Greedy with 2: Lena, Priya → 9 on board." in bound["greedy_line"]["expr"]
    assert "The best 2: Priya, Marco → 10 on board." in bound["best_line"]["expr"]


def test_the_live_cascade_chart_has_one_dataset():
    frame = model.cascade(LEADERS, NETWORK, ["ceo"])
    frame = frame.assign(status=model.round_status(frame, 1), shown=1)
    spec = chart.cascade_chart(frame).to_dict()
    assert len(spec["datasets"]) == 1 and len(spec["description"]) > 80
    bars = spec["vconcat"][1]["layer"][0]
    (aggregate,) = [t for t in bars["transform"] if "aggregate" in t]
    assert aggregate["groupby"] == ["step", "shown"]  # the bars know the round shown, to fade the later ones
    assert "datum.step <= datum.shown" in str(bars["encoding"]["opacity"])


def test_the_obstacle_explorer_has_a_menu_per_owner_and_the_drafts():
    plan, _ = model.plan_conversations(model.WORKED_OBSTACLES)
    spec = chart.obstacle_explorer(plan).to_dict()
    (menu,) = params(spec).values()
    assert menu["bind"]["options"] == plan["owner"].tolist() and menu["value"] == "Operations"
    (rows,) = spec["datasets"].values()
    assert all("Draft: Ask" in r["text"] for r in rows)
    assert max(len(line) for r in rows for line in r["text"].split("\n")) <= 64


def test_the_live_obstacle_chart_draws_an_empty_plan():
    plan, _ = model.plan_conversations([])
    spec = chart.obstacle_chart(plan[["order", "owner", "count"]]).to_dict()
    assert list(spec["datasets"].values()) == [[]]
