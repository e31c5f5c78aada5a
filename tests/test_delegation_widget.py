"""Delegation live exercises, driven in-process as a learner would."""

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.delegation import model
from exercises.delegation.widget import BoardExercise, BottleneckExercise, duties

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
    ex.share.value = 20
    assert "grows without end" in ex.summary.value and "more than 25 %" in ex.summary.value
    ex.mu.value = 30
    assert "grows without end" not in ex.summary.value


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 60), st.integers(1, 60), st.integers(0, 100))
def test_any_slider_setting_gives_a_number_or_a_reason(lam, mu, d):
    ex = BOTTLENECK
    ex.lam.value, ex.mu.value, ex.share.value = lam, mu, d
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
    ex.share.value = 90
    assert "<svg" in first and ex.chart.widget.value != first
