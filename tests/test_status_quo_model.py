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


def test_learner_ratings_replace_the_reference():
    rated = m.rate(m.load_practices(), {"P9": (5, 1), "P1": (2, 4)})
    row = rated.set_index("id")
    assert (row.loc["P9", "importance"], row.loc["P9", "evidence"]) == (5, 1)
    assert (row.loc["P1", "importance"], row.loc["P1", "evidence"]) == (2, 4)
    assert (row.loc["P2", "importance"], row.loc["P2", "evidence"]) == (3, 2)  # not given: the reference
    mapped = m.assumption_map(m.load_practices(), {"P9": (5, 1)}, challenged=["P9", "P4"])
    assert set(mapped.loc[mapped["challenged"], "id"]) == {"P9", "P4"}
    assert mapped.set_index("id").loc["P9", "quadrant"] == "Test first"


def test_reference_qualify():
    q = m.qualify(m.load_experiments(), 3, 10_000).set_index("id")
    assert q.loc["E4", "status"] == m.CHEAPEST and "the cheapest that convinces" in q.loc["E4", "why"]
    assert list(q.index[q["status"] == m.QUALIFIES]) == ["E5", "E6"]
    assert q.loc["E8", "status"] == m.OVER_BUDGET and "€12,000, over your €10,000" in q.loc["E8", "why"]
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


def test_the_cheapest_grid_is_cheapest_test_at_every_pair_of_the_declared_grids():
    experiments = m.load_experiments()
    grid = m.cheapest_grid(experiments)
    assert len(grid) == len(m.NEED.grid) * len(m.BUDGET.grid) == 5 * 121 and grid["key"].is_unique
    assert list(grid["key"]) == [m.grid_key(n, b) for n, b in zip(grid["need"], grid["budget"])]
    for row in grid.sample(60, random_state=8).itertuples():
        best = m.cheapest_test(experiments, row.need, row.budget)
        if row.verdict in ("one", "many"):
            assert row.id == best["id"]
        else:
            assert best is None
        assert row.count == ((experiments["evidence"] >= row.need) & (experiments["cost"] <= row.budget)).sum()
        statuses = m.qualify(experiments, row.need, row.budget)["status"]
        assert [m.STATUSES[int(c)] for c in row.codes] == list(statuses)


def test_the_grid_and_the_live_verdict_say_the_same_words():
    experiments = m.load_experiments()
    grid = m.cheapest_grid(experiments).set_index("key")
    for need, budget in [(3, 10_000), (5, 5_000), (1, 0), (1, 500), (5, 60_000)]:
        live = m.cheapest(experiments, need, budget)
        row = grid.loc[m.grid_key(need, budget)]
        assert live["verdict"] == row["verdict"] and live["codes"] == row["codes"]
        assert live["words"] == m.test_verdict(experiments, need, budget)["words"]


def test_the_verdicts_words():
    experiments = m.load_experiments()
    assert m.cheapest(experiments, 3, 10_000)["words"] == [
        "You need evidence 3 or more, within €10,000.",
        "Cheapest convincing test: Fake door, €3,000 in 2 weeks (evidence 3).", "3 experiments qualify."]
    one = m.cheapest(experiments, 1, 500)
    assert one["verdict"] == "one" and one["words"][1].endswith("€500 in 1 week (evidence 2).")
    short = m.cheapest(experiments, 5, 5_000)
    assert short["words"][1] == "The cheapest that reaches evidence 5 is A/B test, at €12,000."
    weak = experiments[experiments["evidence"] < 5]
    assert m.test_verdict(weak, 5, 60_000)["verdict"] == "none"


# --------------------------------------------------------------------------- regressions, named after the defect


def test_one_week_is_not_written_one_weeks():
    q = m.qualify(m.load_experiments(), 1, 60_000).set_index("id")
    assert q.loc["E1", "why"] == "Evidence 2 for €500 in 1 week: the cheapest that convinces."
    assert m.weeks_text(1) == "1 week" and m.weeks_text(2) == "2 weeks" and m.weeks_text(1.5) == "1.5 weeks"


def test_budgets_have_a_unit():
    assert m.BUDGET.unit == m.CURRENCY and m.BUDGET.described == f"Your budget ({m.CURRENCY})"
    assert all(m.CURRENCY in line for line in m.cheapest(m.load_experiments(), 3, 10_000)["words"][:2])


def test_a_rating_that_is_not_a_pair_is_refused_not_an_index_error():
    with pytest.raises(ValueError, match="must be a pair"):
        m.rate(m.load_practices(), {"P1": (4,)})
    with pytest.raises(ValueError, match="must be a pair"):
        m.rate(m.load_practices(), {"P1": "45"})


def test_a_fractional_rating_is_refused_not_truncated_into_another_quadrant():
    with pytest.raises(ValueError, match="whole number from 1 to 5, not 2.9"):
        m.rate(m.load_practices(), {"P1": (2.9, 3)})
    with pytest.raises(ValueError, match="whole number"):
        m.quadrant(2.9, 3)


def test_an_infinite_budget_in_the_grid_is_refused_not_an_overflow_error():
    with pytest.raises(ValueError, match="finite"):
        m.cheapest_grid(m.load_experiments(), [float("inf")])
    with pytest.raises(ValueError, match="whole number below"):
        m.cheapest_grid(m.load_experiments(), [m.KEY_SCALE])
    with pytest.raises(ValueError, match="whole number below"):
        m.cheapest_grid(m.load_experiments(), [250.5])


def test_the_page_key_is_declared_once():
    """The lookup key of the static explorer was 10**7 in the model and 10000000 in the chart."""
    import inspect

    from exercises.status_quo import chart

    source = inspect.getsource(chart.tests_explorer)
    assert "10000000" not in source and "10**7" not in source and "KEY_SCALE" in source
    assert m.grid_key(3, 10_000) == 3 * m.KEY_SCALE + 10_000


def test_the_declared_inputs_start_where_the_reference_map_starts():
    ranked = m.rank_assumptions(m.load_practices())
    first = ranked.iloc[0]
    assert m.PRACTICE.default == first["id"] == "P5"
    assert (m.IMPORTANCE.default, m.EVIDENCE.default) == (first["importance"], first["evidence"])
    assert list(m.PRACTICE.options) == list(m.load_practices()["id"])
    assert m.NEED.default in m.NEED.grid and m.BUDGET.default in m.BUDGET.grid


def test_the_cases_show_their_number_and_both_scores():
    cases = m.decisions(m.load_situations()).set_index("id")
    assert cases.loc["S1", "item"] == "Rename a column in your team's dashboard (S1: reversibility 5, blast radius 1)"


def test_the_boards_legend_counts_the_learners_labels():
    situations = m.load_situations()
    frame = m.board(situations, [m.ASK, m.ACT] + [""] * 8)  # S1 wrong, S2 right
    keys = frame[frame["layer"] == "key"]
    assert list(keys["legend"]) == ["not yet (8)", "right (1)", "wrong (1)"]
    assert list(m.board(situations)[lambda f: f["layer"] == "key"]["legend"]) == [
        "not yet (10)", "right (0)", "wrong (0)"]


# --------------------------------------------------------------------------- every public function, its domain

finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
not_finite = st.sampled_from([float("nan"), float("inf"), -float("inf")])
off_rating = st.one_of(st.integers(-10, 0), st.integers(6, 20), st.floats(1.01, 4.99).filter(lambda x: x % 1),
                       not_finite, st.none(), st.text(max_size=3), st.booleans())


@given(ratings, ratings)
def test_quadrant_on_its_domain(i, e):
    assert m.quadrant(i, e) in m.QUADRANTS.values()


@given(off_rating, ratings)
def test_quadrant_off_its_domain(bad, good):
    for args in ((bad, good), (good, bad)):
        with pytest.raises(ValueError):
            m.quadrant(*args)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from([f"P{k}" for k in range(1, 13)]), st.tuples(ratings, ratings)),
       st.sets(st.sampled_from([f"P{k}" for k in range(1, 13)])), st.sampled_from([f"P{k}" for k in range(1, 13)]))
def test_assumptions_on_its_domain(given_ratings, challenged, current):
    result = m.assumptions(m.load_practices(), given_ratings, challenged, current)
    ranked = result["ranked"]
    assert sorted(ranked["rank"]) == list(range(1, 13)) and ranked["importance"].between(1, 5).all()
    assert set(ranked.loc[ranked["challenged"], "id"]) == challenged
    assert len(result["words"]["first"]) == m.SHOWN and "12" in result["place"]
    for key, (i, e) in given_ratings.items():
        row = ranked.set_index("id").loc[key]
        assert (row["importance"], row["evidence"]) == (i, e)


@settings(max_examples=100, deadline=None)
@given(off_rating, st.booleans())
def test_rate_and_assumptions_off_their_domain(bad, first):
    pair = (bad, 3) if first else (3, bad)
    with pytest.raises(ValueError):
        m.rate(m.load_practices(), {"P1": pair})
    with pytest.raises(ValueError):
        m.assumption_map(m.load_practices(), {"P1": pair})


def test_unknown_ids_are_refused():
    with pytest.raises(ValueError, match="no practice 'P99' to rate"):
        m.rate(m.load_practices(), {"P99": (3, 3)})
    with pytest.raises(ValueError, match="no practice 'P99' to challenge"):
        m.assumption_map(m.load_practices(), challenged=["P99"])
    assert m.assumptions(m.load_practices(), current=None)["current"] == m.PRACTICE.default
    with pytest.raises(ValueError, match="no practice '' to show"):
        m.assumptions(m.load_practices(), current="")
    with pytest.raises(ValueError, match="table"):
        m.rank_assumptions([{"id": "P1"}])


@settings(max_examples=150, deadline=None)
@given(experiment_rows, st.floats(1, 5), st.one_of(finite.filter(lambda b: 0 <= b <= 1e9), st.integers(0, 10)))
def test_cheapest_and_qualify_on_their_domain(rows, need, budget):
    frame = experiments_frame(rows)
    result = m.cheapest(frame, need, budget)
    assert result["verdict"] in m.TEST_WORDS and len(result["words"]) == 3
    assert 0 <= result["count"] <= len(rows) and len(result["codes"]) == len(rows)
    assert all(isinstance(w, str) and w for w in result["words"])
    assert set(result["frame"]["status"]) <= set(m.STATUSES)
    assert (result["frame"]["status"] == m.CHEAPEST).sum() == (1 if result["verdict"] in ("one", "many") else 0)


@settings(max_examples=100, deadline=None)
@given(experiment_rows, st.one_of(st.floats(-10, 0.99), st.floats(5.01, 100), not_finite, st.none(), st.booleans()))
def test_cheapest_and_qualify_off_their_domain_need(rows, need):
    frame = experiments_frame(rows)
    for call in (m.cheapest, m.qualify, m.cheapest_test, m.test_verdict):
        with pytest.raises(ValueError):
            call(frame, need, 1_000)


@settings(max_examples=100, deadline=None)
@given(experiment_rows, st.one_of(st.floats(-1e9, -0.01), st.just(float("nan")), st.just(-float("inf")),
                                  st.none(), st.text(max_size=2)))
def test_cheapest_and_qualify_off_their_domain_budget(rows, budget):
    frame = experiments_frame(rows)
    for call in (m.cheapest, m.qualify, m.cheapest_test, m.test_verdict):
        with pytest.raises(ValueError):
            call(frame, 3, budget)


def test_experiments_that_cannot_be_are_refused():
    good = experiments_frame([(1, 1, 3)])
    for column, value in (("cost", -1.0), ("weeks", float("nan")), ("evidence", 7), ("cost", float("inf"))):
        bad = good.assign(**{column: [value]})
        for call in (m.frontier, lambda f: m.qualify(f, 3, 10), lambda f: m.cheapest_grid(f, [0])):
            with pytest.raises(ValueError):
                call(bad)
    with pytest.raises(ValueError, match="lacks the column"):
        m.frontier(good.drop(columns="weeks"))
    with pytest.raises(ValueError, match="cost, weeks and evidence"):
        m.dominates({"cost": 1}, {"cost": 2, "weeks": 1, "evidence": 1})


@settings(max_examples=50, deadline=None)
@given(experiment_rows, st.lists(st.integers(0, 10**6), min_size=1, max_size=4), st.sets(ratings, min_size=1))
def test_cheapest_grid_on_its_domain(rows, budgets, needs):
    grid = m.cheapest_grid(experiments_frame(rows), budgets, sorted(needs))
    assert len(grid) == len(budgets) * len(needs)
    assert set(grid["verdict"]) <= set(m.TEST_WORDS) and grid["count"].between(0, len(rows)).all()
    assert all(len(c) == len(rows) for c in grid["codes"])


@given(st.one_of(st.integers(-100, -1), st.integers(m.KEY_SCALE, 10**12), not_finite,
                 st.floats(0.01, 1e6).filter(lambda x: x % 1)))
def test_cheapest_grid_off_its_domain(budget):
    with pytest.raises(ValueError):
        m.cheapest_grid(m.load_experiments(), [budget])


@given(ratings, ratings)
def test_decide_and_reason_on_their_domain(r, b):
    assert m.decide(r, b) in m.LEVELS and f"reversibility {r}, blast radius {b}" in m.reason(r, b)


@given(off_rating, ratings)
def test_decide_and_reason_off_their_domain(bad, good):
    for args in ((bad, good), (good, bad)):
        for call in (m.decide, m.reason):
            with pytest.raises(ValueError):
                call(*args)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["", *m.LEVELS]), min_size=10, max_size=10))
def test_board_on_its_domain(labels):
    frame = m.board(m.load_situations(), labels)
    cases = frame[frame["layer"] == "case"]
    assert len(frame) == 25 + 3 + 10 and list(cases["given"]) == labels
    assert (cases["status"] == "right").sum() == sum(g == a for g, a in zip(labels, cases["answer"]))


@given(st.one_of(st.lists(st.sampled_from(["", *m.LEVELS]), max_size=9),
                 st.lists(st.sampled_from(["", *m.LEVELS]), min_size=11, max_size=12),
                 st.lists(st.sampled_from(["maybe", None, "ASK FIRST"]), min_size=10, max_size=10)))
def test_board_off_its_domain(labels):
    with pytest.raises(ValueError):
        m.board(m.load_situations(), labels)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["", *m.LEVELS]), min_size=10, max_size=10), st.booleans())
def test_the_boards_words_count_the_labels_as_the_board_marks_them(labels, reveal):
    situations = m.load_situations()
    lines = m.door_page_lines(situations, labels, reveal)
    cases = m.board(situations, labels).query("layer == 'case'")
    labelled, right = sum(g != "" for g in labels), int((cases["status"] == "right").sum())
    if labelled == 0:
        assert lines == [m.DOOR_WORDS["none"]]
        return
    assert lines[0] == f"{right} of {labelled} agree with the rule."
    assert any("still to label" in line for line in lines) == (labelled < 10)
    wrong = [line for line in lines if " you said " in line]
    assert len(wrong) == (labelled - right if reveal else 0)
    assert all(r in " ".join(wrong) for r in cases.loc[cases["status"] == "wrong", "reason"]) or not reveal


def test_each_case_has_its_declared_menu_empty_at_first():
    cases = m.decisions(m.load_situations())
    assert [s.name for s in m.LABEL_INPUTS] == [f"label_{key}" for key in cases["id"]]
    assert [s.label for s in m.LABEL_INPUTS] == list(cases["item"])
    assert all(s.default == "" and s.options == ("", *m.LEVELS) for s in m.LABEL_INPUTS)


def test_the_boards_words_refuse_labels_that_are_not_one_per_case():
    with pytest.raises(ValueError):
        m.door_page_lines(m.load_situations(), ["", m.ACT])


def test_stories_and_map_words_refuse_a_table_without_their_columns():
    with pytest.raises(ValueError, match="lacks"):
        m.stories(pd.DataFrame({"id": ["P1"]}))
    with pytest.raises(ValueError, match="lacks"):
        m.map_words(pd.DataFrame({"id": ["P1"]}))
    with pytest.raises(ValueError, match="lacks"):
        m.decisions(pd.DataFrame({"id": ["S1"]}))


@given(st.one_of(st.integers(0, 520), st.floats(0, 520)))
def test_weeks_text_on_its_domain(weeks):
    said = m.weeks_text(weeks)
    assert said.endswith("week" if weeks == 1 else "weeks") and said.split()[0] == f"{float(weeks):g}"


@given(st.one_of(not_finite, st.none(), st.text(max_size=2), st.booleans()))
def test_weeks_text_and_grid_key_off_their_domain(bad):
    with pytest.raises(ValueError):
        m.weeks_text(bad)
    with pytest.raises(ValueError):
        m.grid_key(3, bad)
    with pytest.raises(ValueError):
        m.grid_key(bad, 500)


@given(ratings, st.integers(0, 60_000))
def test_grid_key_on_its_domain_is_one_to_one(need, budget):
    key = m.grid_key(need, budget)
    assert divmod(key, m.KEY_SCALE) == (need, budget)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(ratings, ratings), min_size=1, max_size=6), st.integers(0, 5),
       st.sampled_from([0, 6, 2.5, float("nan"), True]))
def test_rank_assumptions_refuses_a_rating_off_the_scale(pairs, where, bad):
    frame = practices_frame(pairs)
    frame["importance"] = frame["importance"].astype(object)
    frame.loc[where % len(pairs), "importance"] = bad
    with pytest.raises(ValueError, match="importance"):
        m.rank_assumptions(frame)


# --------------------------------------------------------------------------- the static map's own answer

_PRACTICE_IDS = [f"P{k}" for k in range(1, 13)]
_blank_chars = st.sampled_from([" ", "\t", "\n", "\u00a0", "\u200b", "\u200d", "\u2028", "\u3000", "\ufeff", "\x01",
                                "\u202e", "\ufdd0", "\U000e0020"])


@given(st.text(max_size=40))
@settings(max_examples=200)
def test_is_blank_agrees_with_challenge_on_any_short_text(text):
    assert m.is_blank(text) == (m.challenge(text)[0] == "")


@given(st.lists(_blank_chars, max_size=12), st.text(min_size=1, max_size=3).filter(lambda t: not m.is_blank(t)))
def test_invisible_characters_alone_count_as_empty_and_a_visible_one_does_not(blank, visible):
    assert m.is_blank("".join(blank)) and m.challenge("".join(blank))[0] == ""
    assert not m.is_blank("".join(blank) + visible) and m.challenge("".join(blank) + visible)[0] != ""


def test_the_blank_ranges_are_sorted_disjoint_and_skip_surrogates():
    runs = m.blank_ranges()
    assert all(a <= b for a, b in runs) and all(b1 + 1 < a2 for (_, b1), (a2, _) in zip(runs, runs[1:]))
    assert not any(a <= 0xD800 <= b or a <= 0xDFFF <= b for a, b in runs)
    assert (0, 32) == runs[0]  # controls and the space


def test_the_static_sliders_are_declared_at_the_reference_ratings_in_file_order():
    practices = m.load_practices()
    names = [spec.name for spec in m.RATING_INPUTS]
    assert names == [f"{w}_{k}" for k in practices["id"] for w in ("importance", "evidence")]
    assert [spec.default for spec in m.RATING_INPUTS] == [int(v) for r in practices.itertuples()
                                                          for v in (r.importance, r.evidence)]
    assert all((spec.low, spec.high, spec.step) == (1, 5, 1) for spec in m.RATING_INPUTS)


settings_of_the_page = st.fixed_dictionaries({
    "ratings": st.dictionaries(st.sampled_from(_PRACTICE_IDS), st.tuples(ratings, ratings)),
    "current": st.sampled_from(_PRACTICE_IDS),
    "whys": st.dictionaries(st.sampled_from(_PRACTICE_IDS), st.one_of(st.text(max_size=12), _blank_chars)),
    "challenges": st.dictionaries(st.sampled_from(_PRACTICE_IDS), st.booleans())})


@given(settings_of_the_page)
@settings(max_examples=50)
def test_the_static_maps_lines_rank_as_the_model_ranks_and_challenge_only_with_a_why(page):
    practices = m.load_practices()
    lines = m.map_page_lines(practices, **page)
    ranked = m.assumption_map(practices, page["ratings"])
    assert lines[0] == m.PAGE_WORDS["head"]
    for row, line in zip(ranked.head(m.SHOWN).itertuples(), lines[1:1 + m.SHOWN]):
        assert line.startswith(f"{row.rank}. {row.practice} (importance {row.importance}")
    mine = ranked.set_index("id").loc[page["current"]]
    assert lines[1 + m.SHOWN] == f"{mine.practice}: rank {mine['rank']} of 12, {mine.quadrant.lower()}."
    written = {key for key, text in page["whys"].items() if not m.is_blank(text)}
    challenged = {key for key, ticked in page["challenges"].items() if ticked and key in written}
    assert any(line.startswith("Tessera's own answer") for line in lines) == (page["current"] in written)
    said = next(line for line in lines if line.startswith("You challenge "))
    assert said.startswith(f"You challenge {len(challenged)} of 12" if challenged else "You challenge none")
    assert all(f"{name} (rank" in said for name in ranked.set_index("id").loc[sorted(challenged), "practice"])
    assert (m.EMPTY_WHY in lines) == (bool(page["challenges"].get(page["current"]))
                                      and page["current"] not in written)
    away = int((ranked.set_index("id").loc[sorted(challenged), "quadrant"] != m.QUADRANTS[(True, False)]).sum())
    assert any("outside test first" in line for line in lines) == (away > 0)
    waiting = {key for key, ticked in page["challenges"].items() if ticked and key not in written} - {page["current"]}
    assert any(line.startswith("Ticked, but not challenged") for line in lines) == bool(waiting)


def test_the_static_maps_lines_are_the_live_faces_words_on_what_is_challenged():
    """Each practice keeps its own why and challenge, as the live face keeps them: the page's words on
    what is challenged are :func:`map_words`'s for the practices ticked with a why written."""
    practices = m.load_practices()
    whys, challenges = {"P5": "It keeps promises", "P12": "Leaks", "P3": "  "}, {"P5": True, "P12": True, "P3": True}
    lines = m.map_page_lines(practices, None, "P1", whys, challenges)
    live = m.assumptions(practices, None, ["P5", "P12"], "P1")["words"]
    assert live["challenged"] in lines and (not live["outside"] or live["outside"] in lines)
    assert m.EMPTY_WHY not in lines  # P3 is not the practice picked


def test_boxes_from_reads_each_practices_why_and_challenge():
    whys, challenges = m.boxes_from({"why_P1": "x", "challenge_P1": True, "challenge_P2": False, "why": "old"})
    assert whys == {"P1": "x"} and challenges == {"P1": True, "P2": False}
    assert [s.name for s in m.WHY_INPUTS] == [f"why_{k}" for k in m.load_practices()["id"]]
    assert all(s.default is False for s in m.CHALLENGE_INPUTS)


def test_the_static_maps_lines_refuse_a_box_of_no_practice():
    with pytest.raises(ValueError, match="no practice 'P99'"):
        m.map_page_lines(m.load_practices(), whys={"P99": "x"})


def test_ratings_from_reads_every_pair_of_sliders_and_keeps_the_reference_for_the_rest():
    got = m.ratings_from({"importance_P1": 2, "evidence_P1": 5, "importance_P2": 4, "practice_id": "P1"})
    assert got == {"P1": (2, 5)}
    assert m.rate(m.load_practices(), got).set_index("id").loc["P2", "importance"] == 3


@given(st.sampled_from(_PRACTICE_IDS), off_rating)
def test_the_static_maps_lines_refuse_an_impossible_rating(key, bad):
    with pytest.raises(ValueError):
        m.map_page_lines(m.load_practices(), {key: (bad, 3)}, key)


def test_the_static_map_refuses_a_practice_it_has_no_slider_for():
    practices = pd.concat([m.load_practices(), practices_frame([(3, 3)]).assign(id="P99")])
    with pytest.raises(ValueError, match="no slider"):
        m.map_page(practices)
    with pytest.raises(ValueError, match="no practice"):
        m.map_page_lines(m.load_practices(), current="P99")


@given(st.sampled_from([3, 5]), st.sampled_from([0, 10_000, 60_000]), st.booleans())
def test_the_folded_frontier_never_names_the_cheapest(need, budget, reveal):
    lines = m.test_page_lines(m.load_experiments(), need, budget, reveal)
    full = m.test_verdict(m.load_experiments(), need, budget)["words"]
    assert lines == (full if reveal else [full[0], m.TEST_HIDDEN, full[2]])


# --------------------------------------------------------------------------- the chapter's prose


def test_the_tests_discussion_is_made_from_the_model_at_the_declared_need_and_budget():
    """The discussion's numbers are the model's at the explorer's defaults (need 3, €10,000)."""
    experiments = m.load_experiments()
    story = m.tests_story(experiments)
    best = m.cheapest_test(experiments, m.NEED.default, m.BUDGET.default)
    assert story.startswith(f"With a need of {m.NEED.default} and a budget of €{m.BUDGET.default:,}, the "
                            f"{best['experiment'].lower()} (€{best['cost']:,.0f}, {m.weeks_text(best['weeks'])})")
    top = experiments[experiments["evidence"] == experiments["evidence"].max()].sort_values("cost")
    assert f"at €{top.iloc[0]['cost']:,.0f} is the cheapest of them" in story


def test_the_tests_discussion_refuses_a_need_nothing_meets_with_a_sentence():
    with pytest.raises(ValueError, match="no experiment reaches evidence 5"):
        m.tests_story(m.load_experiments(), 5, 0)
