"""The live exercises, driven in-process as a learner would: set values, click, read."""

import html
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.sequencing import model
from exercises.sequencing.widget import AllocationExercise, OrderExercise

BACKLOG = model.load_backlog()


@pytest.fixture(scope="module")
def order_ex():
    return OrderExercise(mode="live")


def share_text(order, horizon=52):
    best = model.total_value(BACKLOG, model.best_order(BACKLOG, horizon), horizon)
    return f"{model.total_value(BACKLOG, order, horizon) / best:.0%}"


def strategies_in_chart(ex):
    (records,) = ex.chart.spec["datasets"].values()
    return {r["strategy"] for r in records}


def test_starts_one_kind_at_a_time_and_reports_its_share():
    ex = OrderExercise(mode="live")
    start = model.strategy_order(BACKLOG, "One kind at a time", 52)
    assert ex.order == start
    assert f"<b>{share_text(start)}</b> of the best possible" in ex.summary.value
    assert strategies_in_chart(ex) == {"Your order", "WSJF (CD3)", "Best possible"}
    assert ex.problems.value == ""


def test_moving_an_item_before_what_it_needs_names_the_broken_dependency():
    ex = OrderExercise(mode="live")
    ex.items.value = "G1"
    ex.top.click()
    assert ex.order[0] == "G1"
    assert "G1 (Referral programme) comes before S1 (Managed database)" in ex.problems.value
    assert "Your order" not in strategies_in_chart(ex)  # no curve for an order that cannot run
    ex.items.value = "G1"
    for _ in range(len(ex.order)):
        ex.down.click()
    assert ex.order[-1] == "G1" and ex.problems.value == ""


def test_move_without_selection_asks_for_one():
    ex = OrderExercise(mode="live")
    ex.items.value = None
    before = ex.order
    ex.up.click()
    assert ex.order == before
    assert "Click an initiative" in ex.problems.value


def test_typed_best_order_scores_full_marks():
    ex = OrderExercise(mode="live")
    ex.typed.value = " ; ".join(i.lower() for i in model.best_order(BACKLOG, 52))
    ex.use_typed.click()
    assert ex.order == model.best_order(BACKLOG, 52)
    assert "<b>100%</b>" in ex.summary.value


def test_typed_incomplete_order_is_refused_and_nothing_is_lost():
    ex = OrderExercise(mode="live")
    before = ex.order
    ex.typed.value = "S1, G1, S1, Z9"
    ex.use_typed.click()
    assert ex.order == before
    for phrase in ["'Z9' is not an initiative", "S1 (Managed database) appears more than once",
                   "is missing from the order"]:
        assert phrase in html.unescape(ex.problems.value)


def test_horizon_and_strategies_change_what_is_shown():
    ex = OrderExercise(mode="live")
    ex.horizon.value = 13
    assert "by week 13" in ex.summary.value
    weeks = {r["week"] for r in next(iter(ex.chart.spec["datasets"].values()))}
    assert max(weeks) == 13
    for name in ex.start_from.options:
        ex.start_from.value = name
        expected = list(BACKLOG["id"]) if name == "Backlog as listed" else model.strategy_order(BACKLOG, name, 13)
        assert ex.order == expected


def test_reveal_shows_the_best_order_for_the_horizon():
    ex = OrderExercise(mode="live")
    assert ex.answer.value == ""
    ex.reveal.value = True
    names = re.findall(r"(\w\d) ·", ex.answer.value)
    assert names == model.best_order(BACKLOG, 52)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.text(max_size=300),
    st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "S1," * 5000,
                     "\u202e\u0000S1\u200b", "💥" * 1000, "F1 F1 F1", ""]),
))
def test_any_typed_text_gives_a_message_never_an_exception_or_markup(order_ex, text):
    order_ex.typed.value = text
    order_ex.use_typed.click()
    shown = order_ex.problems.value + order_ex.summary.value
    assert "<script" not in shown and "<img" not in shown
    assert len(order_ex.problems.value) < 5000


def test_allocation_sliders_always_sum_to_100():
    ex = AllocationExercise(mode="live")
    ex.sliders[0].value = 70
    assert ex.allocation.sum() == pytest.approx(100)
    assert ex.allocation[0] == pytest.approx(70)
    ex.sliders[3].value = 100
    np.testing.assert_allclose(ex.allocation, [0, 0, 0, 100], atol=1e-9)
    ex.reset.click()
    np.testing.assert_allclose(ex.allocation, [25, 25, 25, 25])


def test_the_slider_being_moved_keeps_exactly_the_value_the_learner_set():
    ex = AllocationExercise(mode="live")
    for value in (26.0, 29.0, 38.0, 41.0, 45.0):
        ex.sliders[0].value = value
        assert ex.sliders[0].value == value
        assert ex.allocation.sum() == pytest.approx(100)


def test_leader_split_is_recognised_and_revealed():
    ex = AllocationExercise(mode="live")
    assert "moving capacity from feature to expansion earns more" in ex.summary.value
    ex.reveal.value = True
    labels = {r["allocation"] for r in next(iter(ex.chart.spec["datasets"].values()))}
    assert labels == {"Your split", "Equal quarters", "Leader's split"}
    ex.set_allocation(model.leader_allocation(ex.returns))
    assert "<b>100%</b>" in ex.summary.value and "that is the best split" in ex.summary.value


ALLOCATION = AllocationExercise(mode="live")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6)),
                min_size=4, max_size=4))
def test_any_allocation_input_is_made_valid(shares):
    ex = ALLOCATION
    ex.set_allocation(shares)
    assert ex.allocation.sum() == pytest.approx(100)
    assert (ex.allocation >= 0).all()


def test_static_face_draws_svg_and_redraws_on_change():
    ex = OrderExercise(mode="static")
    first = ex.chart.widget.value
    assert "<svg" in first and 'role="img"' in first
    ex.horizon.value = 20
    assert ex.chart.widget.value != first
