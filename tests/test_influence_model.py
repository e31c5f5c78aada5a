"""Influence and buy-in model: the chapter's reference numbers, and properties that must always hold."""

from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.influence import model
from exercises.kit.text import safe_text

LEADERS = model.load_leaders()
NETWORK = model.load_network(leaders=LEADERS)
IDS = list(LEADERS["id"])


# --------------------------------------------------------------------------- reference numbers


def test_greedy_falls_one_short_of_the_best_pair():
    """The chapter's numbers: greedy reaches 9 with Lena then Priya; Priya and Marco reach 10."""
    gap = model.greedy_gap(LEADERS, NETWORK).set_index("k")
    assert gap.loc[1, "greedy"] == gap.loc[1, "best"] == ("ops",) and gap.loc[1, "best_reach"] == 6
    assert gap.loc[2, "greedy"] == ("ops", "dev") and gap.loc[2, "greedy_reach"] == 9
    assert set(gap.loc[2, "best"]) == {"dev", "sal"} and gap.loc[2, "best_reach"] == 10
    assert gap.loc[3, "greedy_reach"] == gap.loc[3, "best_reach"] == 12


def test_the_chief_executive_alone_reaches_five():
    frame = model.cascade(LEADERS, NETWORK, ["ceo"]).set_index("id")
    assert frame["joined"].sum() == 5
    assert frame.loc["ceo", "step"] == 0 and frame.loc["mi", "step"] == 0  # the seed, and Yuki already for
    assert frame.loc[["cfo", "hr"], "step"].tolist() == [1, 1] and frame.loc["leg", "step"] == 2


def test_priya_and_marco_together_unlock_what_neither_unlocks_alone():
    """Not submodular: the pair reaches more than the sum of what each adds alone."""
    base = model.spread(LEADERS, NETWORK, [])
    alone = [model.spread(LEADERS, NETWORK, [who]) - base for who in ("dev", "sal")]
    together = model.spread(LEADERS, NETWORK, ["dev", "sal"]) - base
    assert together > sum(alone)


def test_the_outcome_grid_holds_every_choice_of_up_to_three():
    grid = model.outcome_grid(LEADERS, NETWORK)
    choices = sum(len(list(combinations(IDS, k))) for k in range(4))
    assert choices == 299 and len(grid) == choices * len(IDS) == 3588
    outcomes = model.choice_outcomes(grid).set_index("members")
    assert len(outcomes) == 299
    for seeds in [(), ("ceo",), ("dev", "sal"), ("cfo", "hr", "qa")]:
        row = outcomes.loc[model.choice_key(IDS, seeds)]
        frame = model.cascade(LEADERS, NETWORK, seeds)
        assert row["reach"] == frame["joined"].sum() and row["rounds"] == frame["step"].max()
        assert row["out"] == tuple(frame.loc[~frame["joined"], "id"])


def test_the_choice_key_is_in_leaders_order_whatever_the_order_chosen():
    assert model.choice_key(IDS, []) == "|"
    assert model.choice_key(IDS, ["sal", "dev"]) == model.choice_key(IDS, ["dev", "sal", "dev"]) == "|dev|sal|"


def test_quadrants_follow_the_middle_of_the_scale():
    assert model.quadrant(8, 8) == "Manage closely" and model.quadrant(9.5, 3) == "Keep satisfied"
    assert model.quadrant(4, 7) == "Keep informed" and model.quadrant(model.GRID_MIDDLE, 2) == "Monitor"


def test_round_status_counts_only_the_rounds_shown():
    frame = model.cascade(LEADERS, NETWORK, ["ceo"])
    at = {r: dict(zip(frame["id"], model.round_status(frame, r))) for r in (0, 1, 2)}
    assert at[0]["ceo"] == "Talked to first" and at[0]["mi"] == "Already for" and at[0]["cfo"] == "Not on board"
    assert at[1]["cfo"] == "Won over by others" and at[1]["leg"] == "Not on board"
    assert at[2]["leg"] == "Won over by others" and at[2]["dev"] == "Not on board"


def test_unknown_seeds_and_too_large_an_exact_search_are_refused():
    with pytest.raises(ValueError, match="not a leader: zz"):
        model.cascade(LEADERS, NETWORK, ["zz"])
    with pytest.raises(ValueError, match="at most 3"):
        model.exact_best(LEADERS, NETWORK, 4)


def test_a_network_naming_a_stranger_fails_with_the_file_and_who(tmp_path):
    bad = tmp_path / "net.csv"
    bad.write_text("listener,speaker,weight\nceo,nobody,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'nobody' is not a leader"):
        model.load_network(str(bad), leaders=LEADERS)


# --------------------------------------------------------------------------- properties


@st.composite
def companies(draw, min_people=2, max_people=7):
    """A small random company: thresholds, stances and a weighted listens-to network."""
    n = draw(st.integers(min_people, max_people))
    ids = [f"p{k}" for k in range(n)]
    leaders = pd.DataFrame({
        "id": ids, "name": [f"P{k}" for k in range(n)], "role": ["r"] * n,
        "power": [5.0] * n, "interest": [5.0] * n,
        "support": draw(st.lists(st.sampled_from(model.STANCES), min_size=n, max_size=n)),
        "threshold": draw(st.lists(st.floats(0.05, 1.0), min_size=n, max_size=n))})
    pairs = [(a, b) for a in ids for b in ids if a != b]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    network = pd.DataFrame({"listener": [a for a, _ in edges], "speaker": [b for _, b in edges],
                            "weight": draw(st.lists(st.floats(0.1, 5), min_size=len(edges), max_size=len(edges)))})
    return leaders, network


@given(companies(), st.data())
def test_the_cascade_only_grows_and_each_joiner_had_enough_support(company, data):
    leaders, network = company
    seeds = data.draw(st.lists(st.sampled_from(list(leaders["id"])), unique=True, max_size=3))
    frame = model.cascade(leaders, network, seeds)
    b, theta, step = model.weights(leaders, network), leaders["threshold"].to_numpy(), frame["step"].to_numpy()
    last = step.max()
    on_board = [set(np.flatnonzero((step >= 0) & (step <= t))) for t in range(last + 1)]
    assert all(a <= b_ for a, b_ in zip(on_board, on_board[1:]))  # nobody leaves
    assert all(len(a) < len(b_) for a, b_ in zip(on_board, on_board[1:]))  # every round adds someone
    for t in range(1, last + 1):
        before = np.isin(np.arange(len(step)), list(on_board[t - 1]))
        joins = step == t
        assert (b[joins] @ before >= theta[joins] - 1e-9).all()  # each joiner's support reached their threshold
    out = step < 0
    assert not (b[out] @ (step >= 0) >= theta[out] - 1e-9).any()  # the cascade stopped: nobody else qualifies


@given(companies(), st.data())
def test_adding_a_first_conversation_never_shrinks_the_final_set(company, data):
    leaders, network = company
    ids = list(leaders["id"])
    seeds = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    extra = data.draw(st.sampled_from(ids))
    assert model.final_set(leaders, network, seeds) <= model.final_set(leaders, network, [*seeds, extra])


@given(companies(min_people=3), st.integers(1, 3))
def test_greedy_is_between_the_best_single_choice_and_the_exact_best(company, k):
    leaders, network = company
    k = min(k, len(leaders))
    best_single = max(model.spread(leaders, network, [who]) for who in leaders["id"])
    reached = model.spread(leaders, network, model.greedy(leaders, network, k))
    assert best_single <= reached <= model.spread(leaders, network, model.exact_best(leaders, network, k))


def test_adding_a_first_conversation_never_shrinks_the_book_s_cascade():
    """On the chapter's own company, every choice of up to two, plus anyone."""
    for seeds in (s for k in range(3) for s in combinations(IDS, k)):
        base = model.final_set(LEADERS, NETWORK, seeds)
        assert all(base <= model.final_set(LEADERS, NETWORK, [*seeds, who]) for who in IDS)


# --------------------------------------------------------------------------- obstacles


def test_the_worked_obstacles_group_by_owner_most_first():
    plan, problems = model.plan_conversations(model.WORKED_OBSTACLES)
    assert not problems
    assert plan["owner"].tolist()[0] == "Operations" and plan["count"].tolist() == [2, 1, 1, 1, 1]
    assert plan["order"].tolist() == [1, 2, 3, 4, 5] and plan["count"].sum() == len(model.WORKED_OBSTACLES)
    assert "these 2 things" in plan.loc[0, "conversation"]


def test_owners_match_ignoring_case_and_spaces():
    plan, _ = model.plan_conversations([("a", "Sales"), ("b", "  sales "), ("c", "SALES  team"), ("d", "sales team")])
    assert plan["count"].tolist() == [2, 2] and plan["owner"].tolist() == ["Sales", "SALES team"]


@given(st.lists(st.tuples(st.one_of(st.none(), st.text(max_size=400)), st.one_of(st.none(), st.text(max_size=100))),
                max_size=8))
def test_any_typed_rows_give_a_plan_or_a_reason(entries):
    plan, problems = model.plan_conversations(entries)
    used = sum(plan["count"])
    typed = sum(1 for o, w in entries if str(o or "").strip() or str(w or "").strip())
    assert used <= typed and all(p.startswith("Row ") for p in problems)
    assert used == typed or problems  # a row left out is always explained
    for text in plan["conversation"]:
        assert "<" not in safe_text(text)  # markup a learner typed comes out escaped


def test_huge_and_empty_fields_get_a_clear_message():
    plan, problems = model.plan_conversations([("x" * 5000, "Ops"), ("   ", "Ops"), ("Old tooling", "")])
    assert plan["count"].tolist() == [1] and len(plan.loc[0, "obstacles"][0]) == 300
    assert "keep the obstacle under 300" in problems[0]
    assert "Write the obstacle first" in problems[1] and "Write who owns it first" in problems[2]
