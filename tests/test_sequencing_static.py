"""The static faces of the sequencing chapter, in a real browser, held against the Python model.

On the published page there is no kernel. The order builder schedules the reader's order in
Vega expressions (see :func:`exercises.sequencing.chart.order_builder`); the capacity explorer
only picks rows the model wrote, by a verdict the model wrote (fits, or over 100 %). Here
Chromium draws each face (``tests/browser.py``'s :func:`explorer_page`), seeded random settings
and edge cases are set through its inputs as a reader sets them, and every line it draws must be
exactly what :mod:`exercises.sequencing.model` says for the same inputs. Each face must also
start at the inputs' declared defaults, where the live face starts.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from browser import CURVES, explorer_page
from exercises.sequencing import chart, model

BACKLOG = model.load_backlog()
ORDERS = 24
# The lines the builder writes about an order (not axis labels or legends).
_BUILDER = r"^Your order(:| earns )|^The best possible order earns|^The best order for |^It cannot be scheduled| appears more than once" \
           r"| is missing from the order| comes before "


def _random_orders(rng) -> list[list[str]]:
    """Valid orders (random topological sorts), orders breaking a dependency, and orders with a repeat."""
    ids, deps = list(BACKLOG["id"]), dict(zip(BACKLOG["id"], BACKLOG["depends_on"]))
    orders = []
    for n in range(ORDERS):
        done: list[str] = []
        while len(done) < len(ids):
            done.append(rng.choice([i for i in ids if i not in done and all(d in done for d in deps[i])]))
        if n % 3 == 1:  # move something that needs another before it
            item = rng.choice([i for i in ids if deps[i]])
            done.remove(item)
            done.insert(0, item)
        elif n % 3 == 2:  # one place repeats another's initiative
            a, b = rng.sample(range(len(ids)), 2)
            done[a] = done[b]
        orders.append(done)
    return orders


# --------------------------------------------------------------------------- the order builder


@pytest.fixture(scope="module")
def builder(tmp_path_factory):
    face = chart.order_builder(model.order_builder_data(BACKLOG))
    with explorer_page(tmp_path_factory.mktemp("builder"), face, anchor=model.HORIZON.name) as found:
        yield found


def _place(order) -> dict:
    return {f"pos_{place}": item for place, item in enumerate(order, start=1)}


def test_the_builder_starts_where_the_live_face_starts(builder):
    start = model.start_order(BACKLOG, model.START.default, model.HORIZON.default)
    values = builder.values()
    assert float(values[model.HORIZON.name]) == model.HORIZON.default
    assert [values[f"pos_{k}"] for k in range(1, len(BACKLOG) + 1)] == start
    expected = model.compare_orders(BACKLOG, start, model.HORIZON.default)
    assert builder.lines(_BUILDER) == list(expected.words)


def test_the_page_says_what_the_model_says_for_random_orders(builder):
    rng = random.Random(20261122)
    seen = {"valid": 0, "broken": 0, "repeat": 0}
    for order in _random_orders(rng):
        horizon = rng.choice(model.HORIZONS)
        builder.set(horizon=horizon, **_place(order))
        expected = model.compare_orders(BACKLOG, order, horizon)
        seen[expected.verdict] += 1
        assert builder.lines(_BUILDER) == list(expected.words), (order, horizon)
        curves = builder.count(CURVES)
        # no curve for an order that cannot run, and the best's only once asked for
        assert curves == (2 if expected.verdict == "valid" else 1)
    assert min(seen.values()) >= ORDERS // 3 - 1, seen


def test_your_line_is_the_models_curve_week_by_week(builder):
    """The page draws your line through week 0, each ship week and the horizon only: read between
    those points, it must give the model's value at every week, for random orders and horizons."""
    rng = random.Random(20261208)
    for order in _random_orders(rng)[::3]:  # the valid ones
        horizon = rng.choice(model.HORIZONS)
        builder.set(horizon=horizon, **_place(order))
        drawn = builder.curves("week", "cumulative_value", "strategy")[model.YOURS]
        weeks, values = zip(*drawn)
        assert weeks[0] == 0 and weeks[-1] == horizon and list(weeks) == sorted(weeks), drawn
        assert len(drawn) <= len(BACKLOG) + 2
        expected = model.value_curves(BACKLOG, {model.YOURS: order}, horizon)
        read = np.interp(expected["week"], weeks, values)
        np.testing.assert_allclose(read, expected["cumulative_value"], rtol=0, atol=1e-9, err_msg=str((order, horizon)))


def test_the_best_order_is_folded_until_asked_then_shown_in_full(builder):
    """No spoilers: before the check box, no line gives the best order or its total, and no best
    curve is drawn; once ticked, what it earns and the best order itself, for each horizon."""
    start = model.start_order(BACKLOG, model.START.default, model.HORIZON.default)
    builder.set(**{model.SHOW_BEST.name: False}, horizon=model.HORIZON.default, **_place(start))
    assert builder.values()[model.SHOW_BEST.name] is False
    best = model.best_order(BACKLOG, model.HORIZON.default)
    text = builder.lines()
    assert not [line for line in text if "best possible order earns" in line or " → ".join(best) in line]
    try:
        for horizon in model.HORIZONS:
            builder.set(**{model.SHOW_BEST.name: True}, horizon=horizon)
            expected = model.compare_orders(BACKLOG, start, horizon)
            assert builder.lines(_BUILDER) == list(expected.words) + list(expected.best_words)
            assert expected.best_words[1].endswith(" → ".join(model.best_order(BACKLOG, horizon)))
        broken = list(start)
        broken[0] = broken[1]
        builder.set(**_place(broken))
        expected = model.compare_orders(BACKLOG, broken, horizon)
        assert builder.lines(_BUILDER) == list(expected.words) + list(expected.best_words)
    finally:
        builder.set(**{model.SHOW_BEST.name: False})
