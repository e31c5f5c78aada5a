"""Status quo models: the book's reference numbers and properties that must always hold."""

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.status_quo import model as m

ratings = st.integers(1, 5)


def practices_frame(pairs):
    return pd.DataFrame({
        "id": [f"P{i}" for i in range(len(pairs))], "practice": "p", "assumption": "a", "story": "s",
        "fence": "f",
        "importance": [p[0] for p in pairs], "evidence": [p[1] for p in pairs],
    })


def experiments_frame(rows):
    return pd.DataFrame({
        "id": [f"E{i}" for i in range(len(rows))], "experiment": "e",
        "cost": [float(r[0]) for r in rows], "weeks": [float(r[1]) for r in rows], "evidence": [r[2] for r in rows],
    })


experiment_rows = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 4), ratings), min_size=1, max_size=8)


def test_data_files_load():
    assert len(m.load_practices()) == 12
    assert len(m.load_experiments()) == 10
    assert len(m.load_situations()) == 10


def test_reference_ranking():
    ranked = m.rank_assumptions(m.load_practices())
    assert list(ranked["id"]) == ["P5", "P8", "P3", "P11", "P2", "P12", "P1", "P10", "P6", "P4", "P9", "P7"]
    assert ranked.loc[ranked["id"] == "P5", "quadrant"].item() == "Test first"
    assert ranked.loc[ranked["id"] == "P12", "quadrant"].item() == "Keep, and watch"
    assert ranked.loc[ranked["id"] == "P9", "quadrant"].item() == "Park for now"
    assert ranked.loc[ranked["id"] == "P7", "quadrant"].item() == "Leave alone"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ratings, ratings), min_size=1, max_size=12))
def test_ranking_never_puts_less_important_better_evidenced_first(pairs):
    ranked = m.rank_assumptions(practices_frame(pairs))
    rows = list(zip(ranked["importance"], ranked["evidence"]))
    for (i, a), (j, b) in itertools.combinations(enumerate(rows), 2):
        # a is ranked above b: b must not be more important and less evidenced than a.
        assert not (b[0] >= a[0] and b[1] <= a[1] and b != a)
    assert list(ranked["rank"]) == list(range(1, len(pairs) + 1))
    # Every "test first" assumption comes before every other.
    first = list(ranked["quadrant"] == "Test first")
    assert first == sorted(first, reverse=True)


@pytest.mark.parametrize("value", ["", "   \n\t", None])
def test_challenge_refuses_empty(value):
    text, problem = m.challenge(value)
    assert text == "" and "empty" in problem


def test_challenge_huge_and_html():
    text, problem = m.challenge("x" * 50_000)
    assert problem and len(text) < 50_000
    text, problem = m.challenge("<b>it</b> stops outages")
    assert problem == "" and text == "<b>it</b> stops outages"  # plain text: escaped when shown


def test_reference_frontier():
    front = m.frontier(m.load_experiments())
    assert set(front.loc[front["on_frontier"], "id"]) == {"E1", "E4", "E6", "E8"}
    assert front.loc[front["id"] == "E10", "beaten_by"].item() == "E8"


def brute_frontier(rows):
    """Oracle: the indices no other row beats, by the definition written out in full."""
    keep = set()
    for j, b in enumerate(rows):
        if not any(a[0] <= b[0] and a[1] <= b[1] and a[2] >= b[2] and a != b for a in rows):
            keep.add(j)
    return keep


@settings(max_examples=300, deadline=None)
@given(experiment_rows)
def test_frontier_matches_oracle_and_every_dominated_one_is_beaten_by_a_frontier_member(rows):
    front = m.frontier(experiments_frame(rows))
    on = set(front.index[front["on_frontier"]])
    assert on == brute_frontier(rows)
    for j in front.index:
        if j not in on:
            winner = front.index[front["id"] == front.at[j, "beaten_by"]].item()
            assert winner in on and m.dominates(front.loc[winner], front.loc[j])
    for a, b in itertools.permutations(on, 2):
        assert not m.dominates(front.loc[a], front.loc[b])


def test_reference_cheapest():
    experiments = m.load_experiments()
    assert m.cheapest_test(experiments, 3, 10_000)["id"] == "E4"
    assert m.cheapest_test(experiments, 5, 20_000)["id"] == "E8"
    assert m.cheapest_test(experiments, 5, 5_000) is None


@settings(max_examples=300, deadline=None)
@given(experiment_rows, ratings, st.integers(0, 6))
def test_cheapest_matches_brute_force(rows, required, budget):
    best = m.cheapest_test(experiments_frame(rows), required, budget)
    ok = [r for r in rows if r[2] >= required and r[0] <= budget]
    if not ok:
        assert best is None
    else:
        assert best["cost"] == min(r[0] for r in ok)
        assert best["evidence"] >= required and best["cost"] <= budget


def test_reference_decisions():
    answers = dict(zip(*m.decisions(m.load_situations())[["id", "answer"]].T.values))
    assert answers["S1"] == m.ACT and answers["S5"] == m.CONSULT and answers["S6"] == m.ASK
    assert sorted(answers.values()).count(m.ACT) == 4


@given(ratings, ratings)
def test_rule_is_monotone(r, b):
    level = m.LEVELS.index(m.decide(r, b))
    if r > 1:
        assert m.LEVELS.index(m.decide(r - 1, b)) >= level
    if b < 5:
        assert m.LEVELS.index(m.decide(r, b + 1)) >= level
    assert m.reason(r, b).lower().startswith(m.decide(r, b))


def test_learner_ratings_replace_the_reference_and_are_clipped():
    rated = m.rate(m.load_practices(), {"P9": (5, 1), "P1": (9, -3)})
    row = rated.set_index("id")
    assert (row.loc["P9", "importance"], row.loc["P9", "evidence"]) == (5, 1)
    assert (row.loc["P1", "importance"], row.loc["P1", "evidence"]) == (5, 1)
    assert (row.loc["P2", "importance"], row.loc["P2", "evidence"]) == (3, 2)  # not given: the reference
    mapped = m.assumption_map(m.load_practices(), {"P9": (5, 1)}, challenged=["P9", "P4"])
    assert set(mapped.loc[mapped["challenged"], "id"]) == {"P9", "P4"}
    assert mapped.set_index("id").loc["P9", "quadrant"] == "Test first"


def test_reference_qualify():
    q = m.qualify(m.load_experiments(), 3, 10_000).set_index("id")
    assert q.loc["E4", "status"] == m.CHEAPEST and "the cheapest that convinces" in q.loc["E4", "why"]
    assert list(q.index[q["status"] == m.QUALIFIES]) == ["E5", "E6"]
    assert q.loc["E8", "status"] == m.OVER_BUDGET and "12,000, over your 10,000" in q.loc["E8", "why"]
    assert q.loc["E2", "status"] == m.TOO_WEAK and "Evidence 2 is below the 3 you need." == q.loc["E2", "why"]


@settings(max_examples=300, deadline=None)
@given(experiment_rows, ratings, st.integers(0, 6))
def test_qualify_agrees_with_cheapest_test_and_its_own_rule(rows, required, budget):
    frame = experiments_frame(rows)
    q = m.qualify(frame, required, budget)
    best = m.cheapest_test(frame, required, budget)
    assert list(q.loc[q["status"] == m.CHEAPEST, "id"]) == ([] if best is None else [best["id"]])
    for row in q.itertuples():
        if row.evidence < required:
            assert row.status == m.TOO_WEAK
        elif row.cost > budget:
            assert row.status == m.OVER_BUDGET
        else:
            assert row.status in (m.CHEAPEST, m.QUALIFIES) and row.cost >= best["cost"]


def test_the_cheapest_grid_is_cheapest_test_at_every_pair():
    experiments = m.load_experiments()
    grid = m.cheapest_grid(experiments, range(0, 60_001, m.BUDGET_STEP))
    assert len(grid) == 5 * 121 and grid["key"].is_unique
    for row in grid.sample(60, random_state=8).itertuples():
        best = m.cheapest_test(experiments, row.required, row.budget)
        assert row.id == ("" if best is None else best["id"])
        assert row.count == ((experiments["evidence"] >= row.required) & (experiments["cost"] <= row.budget)).sum()
