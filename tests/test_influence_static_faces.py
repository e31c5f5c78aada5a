"""The static influence explorers on awkward data, in a real browser, held against the model.

A company whose names hold U+2028 and U+2029, quotes, backslashes and bars must draw and say
what the model says; the obstacles explorer's worked example box shows the model's card for each
owner. (Each test opens its own page, so this module is apart from
``test_influence_static.py``, whose page stays open for the whole module.)
"""

from __future__ import annotations

import re

import pandas as pd

from browser import explorer_page
from exercises.influence import chart, model
from test_influence_static import WORDS, _expected

# --------------------------------------------------------------------------- awkward names

ODD = pd.DataFrame({
    "id": ["ceo", "a|b", "it's", "x\u2028y"],
    "name": ["Dana\u2028Line", "Para\u2029Graph", "O'Brien \"Ob\"", "Back\\slash"],
    "role": ["Chief\u2028executive", "Finance", "Legal", "Ops"],
    "power": [9.0, 7.0, 4.0, 3.0], "interest": [3.0, 6.0, 8.0, 2.0],
    "support": ["neutral", "neutral", "for", "neutral"], "threshold": [0.5, 0.5, 0.5, 0.3]})
ODD_NETWORK = pd.DataFrame({"listener": ["a|b", "x\u2028y", "ceo"], "speaker": ["ceo", "it's", "a|b"],
                            "weight": [1.0, 1.0, 1.0]})


_CELLS = """(anchor) => Array.from(document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart")
    .querySelectorAll('g.mark-text[aria-hidden="true"] text')).filter(t => /^\\d+$/.test(t.textContent))
    .map(t => t.textContent + (t.getAttribute("font-weight") === "bold" ? " on" : ""))"""


def test_u2028_in_a_leader_s_name_breaks_the_static_explorer(tmp_path):
    """Regression: U+2028 / U+2029 in a name made a Vega expression fail to parse (no chart).
    Every string quoted into an expression now goes through ``vega_string``; the page draws and
    says what the model says (line separators and all), the network matrix too (its rows and
    columns are ordered by the scale's domain: a sort list is quoted by Vega-Lite unescaped)."""
    gap = model.greedy_gap(ODD, ODD_NETWORK)
    face = chart.cascade_explorer(ODD, model.choice_outcomes(ODD, ODD_NETWORK), gap, ODD_NETWORK)
    inputs = model.cascade_inputs(ODD)
    menus, slider = inputs[:model.MENUS], inputs[model.MENUS]
    with explorer_page(tmp_path, face, anchor=menus[0].name) as found:
        assert found.values() == {**{m.name: m.default for m in menus}, model.SHOW_BEST.name: False,
                                  slider.name: str(slider.default)}
        for choice in (["ceo"], ["a|b", "x\u2028y"], ["it's", "", "it's"], [], ["x\u2028y", "a|b", "it's"]):
            found.set(**dict(zip([m.name for m in menus], [*choice, "", "", ""])))
            expected = _expected(ODD, ODD_NETWORK, gap, choice)
            assert found.lines(WORDS) == expected["words"], choice
            # the matrix draws every pair, bold once its speaker is on board (long names are cut on its axes)
            cells = found.page.evaluate(_CELLS, found.anchor)
            assert sorted(cells) == sorted(c.split(" | ")[2] + (" on" if c.endswith("| on") else "")
                                           for c in expected["cells"]), choice


# --------------------------------------------------------------------------- the obstacles


def test_the_worked_example_box_reads_the_worked_plan_card_by_card(tmp_path):
    """The obstacles explorer starts empty (as the live boxes) at its declared conversation; the
    worked example's box reads the worked plan, each owner's card as the model says it, and the
    axis reads each whole number once (it read "0 1 1 2 2")."""
    name = model.CONVERSATION.name
    with explorer_page(tmp_path, chart.obstacle_explorer(model.load_leaders()), anchor=name) as found:
        assert found.values()[name] == str(model.CONVERSATION.default) and found.values()["worked"] is False
        found.set(worked=True)
        for row in model.WORKED_PLAN.to_dict("records"):
            found.set(**{name: row["order"]})
            heading, *_ = model.owner_card(row)
            assert heading == model.obstacle_result(model.WORKED_OBSTACLES, row["order"])["card"][0]
            lines = found.lines()
            assert heading in lines and any(line.startswith("Draft: Ask " + row["owner"]) for line in lines)
            assert "Obstacles they own" in lines
            ticks = found.page.evaluate("""(anchor) => Array.from(document.querySelector(`[name="${anchor}"]`)
                .closest("figure.lp-chart").querySelectorAll("g.role-axis-label text")).map(t => t.textContent)
                .filter(t => /^\\d+$/.test(t))""", name)
            assert ticks == [str(k) for k in range(model.ROWS + 1)]


# --------------------------------------------------------------------------- the round, mutated


def test_a_mutated_round_rule_makes_the_page_disagree_with_the_model(tmp_path):
    """The static-versus-model comparison holds the page's round rule: with "a leader won over by
    others is on board once their step is at most the round shown" mutated (``>`` to ``>=``), the
    page's buy-in at round 1 of Priya and Marco is not the model's."""
    from browser import mutated
    from test_influence_static import _menus, _seen

    leaders = model.load_leaders()
    network = model.load_network(leaders=leaders)
    gap = model.greedy_gap(leaders, network)
    face = chart.cascade_explorer(leaders, model.choice_outcomes(leaders, network), gap, network)
    spec = mutated(face, "datum.status_end == 2 && datum.step > datum.shown", "datum.status_end == 2 && datum.step >= datum.shown")
    with explorer_page(tmp_path, spec, anchor="first_1") as found:
        found.set(**_menus(["dev", "sal"]), **{model.ROUND.name: 1})
        assert _seen(found)["people"] != _expected(leaders, network, gap, ["dev", "sal"], False, 1)["people"]
