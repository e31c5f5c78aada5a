"""The static order builder, in a real browser, held against the Python model.

On the published page there is no kernel: Vega expressions schedule the reader's order
(see :func:`exercises.sequencing.chart.order_builder`). Here Chromium draws the builder, a
seeded random walk sets its menus to valid orders, orders that break a dependency and orders
that name an initiative twice, and each time the words it draws must say what
:mod:`exercises.sequencing.model` says: the same value, share of the best, and first problem.
"""

from __future__ import annotations

import random
import re

import pytest

from browser import chart_page
from exercises.kit import display
from exercises.sequencing import chart, model

ORDERS = 24
# Each line the builder writes (Vega draws a multi-line text as one <text> of <tspan>s).
_WORDS = """() => Array.from(document.querySelectorAll("figure.lp-chart svg text"))
    .flatMap(t => t.querySelector("tspan") ? Array.from(t.querySelectorAll("tspan")) : [t])
    .map(t => t.textContent)
    .filter(t => /^Your order(:| earns )| appears more than once| is missing from the order| comes before /.test(t))"""
# Vega updates asynchronously: two animation frames after the last input, it has drawn.
_SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
_LINES = """() => document.querySelectorAll("figure.lp-chart svg g.mark-line path").length"""
_EARNS = re.compile(r"Your order earns ([\d,.]+) k€ by week (\d+): (\d+)% of the best possible\.")


def _random_orders(backlog, rng) -> list[list[str]]:
    """Valid orders (random topological sorts), orders breaking a dependency, and orders with a repeat."""
    ids, deps = list(backlog["id"]), dict(zip(backlog["id"], backlog["depends_on"]))
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


def _expected(backlog, order, horizon) -> list[str] | tuple[float, int]:
    problems = model.order_problems(backlog, order)
    if not problems:
        best = model.total_value(backlog, model.best_order(backlog, horizon), horizon)
        return model.total_value(backlog, order, horizon), best
    missing = [p for p in problems if p.endswith("is missing from the order.")]
    return [problems[0], missing[0]] if missing else [problems[0]]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    backlog = model.load_backlog()
    display.setup()
    html = display.static_html(chart.order_builder(model.order_builder_data(backlog)).to_dict())
    with chart_page(tmp_path_factory.mktemp("builder"), html, "Order builder") as visit:
        yield backlog, visit


def _show(page, order, horizon) -> list[str]:
    for place, item in enumerate(order, start=1):
        page.select_option(f'select[name="pos_{place}"]', item)
    page.check(f'input[name="horizon"][value="{horizon}"]')
    page.evaluate(_SETTLED)
    return page.evaluate(_WORDS)


def test_the_builder_starts_from_the_chapters_starting_order(page):
    backlog, visit = page
    start = model.start_order(backlog, model.START_STRATEGY)
    menus = visit.page.eval_on_selector_all("select[name^='pos_']", "els => els.map(e => e.value)")
    assert menus == start


def test_the_page_computes_what_the_model_computes(page):
    backlog, visit = page
    rng = random.Random(20261122)
    seen = {"valid": 0, "broken": 0, "repeat": 0}
    for order in _random_orders(backlog, rng):
        horizon = rng.choice(model.HORIZONS)
        shown = _show(visit.page, order, horizon)
        assert shown[-1] == "Your order: " + " → ".join(order)  # every menu shows in the words
        shown = shown[:-1]
        expected = _expected(backlog, order, horizon)
        if isinstance(expected, tuple):
            seen["valid"] += 1
            total, best = expected
            (sentence,) = [s for s in shown if s.startswith("Your order earns")]
            value, week, share = _EARNS.match(sentence).groups()
            assert float(value.replace(",", "")) == pytest.approx(total, abs=0.05), (order, horizon)
            assert int(week) == horizon
            assert abs(int(share) - 100 * total / best) <= 0.5 + 1e-9, (order, horizon)
            assert visit.page.evaluate(_LINES) == 3  # yours, WSJF, best
        else:
            seen["repeat" if "more than once" in expected[0] else "broken"] += 1
            assert shown == expected, order
            assert visit.page.evaluate(_LINES) == 2  # no curve for an order that cannot run
    assert min(seen.values()) >= ORDERS // 3 - 1, seen
    assert not visit.problems()
