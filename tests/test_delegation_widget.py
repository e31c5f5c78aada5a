"""Delegation live exercises, driven in-process as a learner would."""

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.delegation import model
from exercises.delegation.widget import BoardExercise, BottleneckExercise, ScoreExercise, duties

REC = model.recommend(model.load_decisions())


def rows(ex):
    return next(iter(ex.chart.spec["datasets"].values()))


def test_board_shows_yours_against_the_rule_and_says_how_far():
    ex = BoardExercise(mode="live")
    ex.menus[0].value = "tell"
    assert rows(ex)[0]["given_rank"] == 1 and rows(ex)[0]["answer_rank"] == 7
    said = html.unescape(ex.summary.value)
    assert "6 levels less delegation than the rule's delegate" in said
    ex.set_answers(list(REC["level"]))
    assert "12 right" in ex.summary.value and "the same on 12" in ex.summary.value


def test_bottleneck_says_when_the_queue_explodes():
    ex = BottleneckExercise(mode="live")
    assert "1.0 working days" in ex.summary.value
    ex.inputs["delegated"].value = 20
    assert "grows without end" in ex.summary.value and "more than 25 %" in ex.summary.value
    ex.inputs["capacity"].value = 30
    assert "grows without end" not in ex.summary.value


def test_exactly_at_capacity_the_queue_grows_in_the_summary_and_the_answer():
    """Hardening 2, item 1: 10 a week, 1 decided, 90 % delegated is exactly at capacity, and
    ``10 * (1 - 0.9)`` is 0.9999999999999998 in floating point."""
    ex = BottleneckExercise(mode="live")
    ex.inputs["decisions"].value, ex.inputs["capacity"].value, ex.inputs["delegated"].value = 10, 1, 90
    assert "grows without end" in ex.summary.value and "working days" not in ex.summary.value
    assert ex.answer()["grows"] is True and ex.answer()["lead_days"] is None


def test_every_exact_capacity_setting_grows():
    """Every slider setting where the decisions reaching you equal what you decide (whole numbers)."""
    wrong = []
    for lam in range(1, 61):
        for d in model.DELEGATED.steps():
            if (lam * (100 - d)) % 100 == 0 and 1 <= lam * (100 - d) // 100 <= 60:
                mu = lam * (100 - d) // 100
                if not model.bottleneck(lam, mu, d)["grows"]:
                    wrong.append((lam, mu, d))
    assert not wrong, f"at capacity but not growing: {wrong[:5]}"


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 60), st.integers(1, 60), st.sampled_from(model.DELEGATED.steps()))
def test_any_slider_setting_gives_a_number_or_a_reason(lam, mu, d):
    ex = BOTTLENECK
    ex.inputs["decisions"].value, ex.inputs["capacity"].value, ex.inputs["delegated"].value = lam, mu, d
    assert "Something went wrong" not in ex.problems.value
    assert any(ch.isdigit() for ch in ex.summary.value)


BOTTLENECK = BottleneckExercise(mode="live")


def test_duties_mark_a_wrong_sort_with_its_reason():
    ex = duties.live(mode="live")
    ex.menus[1].value = "delegate"  # escalation stays yours
    assert "not this one" in ex.marks[1].value and "pull in help" in ex.marks[1].value


def test_static_snapshot_redraws():
    ex = BottleneckExercise(mode="static")
    first = ex.chart.widget.value
    ex.inputs["delegated"].value = 90
    assert "<svg" in first and ex.chart.widget.value != first


def test_the_live_board_shows_no_rule_level_before_you_choose_one():
    """No spoilers: a ring (the rule's level) appears only for a decision you have chosen a level
    for, until *Show the answers* is ticked."""
    ex = BoardExercise(mode="live")
    assert all(r["answer_rank"] is None and r["answer"] == "" and r["reason"] == "" for r in rows(ex))
    ex.menus[2].value = "tell"
    shown = [r for r in rows(ex) if r["answer_rank"] is not None]
    assert [r["decision"] for r in shown] == [REC["decision"].iloc[2]]
    ex.reveal.value = True
    assert [r["answer"] for r in rows(ex)] == list(REC["level"])


def test_your_own_decision_live_says_what_the_model_says():
    ex = ScoreExercise(mode="live")
    values = {"reversibility": 5, "impact": 2, "team_expertise": 4, "leader_expertise": 1, "urgency": 4}
    for name, value in values.items():
        ex.inputs[name].value = value
    found = model.score(**values)
    said = html.unescape(ex.summary.value)
    assert all(line in said for line in found["words"])
    assert ex.answer() == {"scores": values, "points": found["points"], "rank": found["rank"], "level": found["level"]}
    assert [r["points"] for r in rows(ex)] == [found["parts"][f] for f in model.FACTORS]
