"""The static faces of the status quo chapter, in a real browser, held against the Python model.

On the published page there is no kernel. The assumption map is drawn with its reference
ratings; clicking a point (or choosing a practice in the menu bound to the same selection)
shows that practice's story and why its fence stands. Here Chromium clicks the points in a
seeded random order and each time the words must be the model's for the practice clicked
(:func:`exercises.status_quo.chart.story_lines` of :func:`~exercises.status_quo.model.assumption_map`).

The frontier explorer looks up the cheapest convincing test of the (need, budget) pair chosen in
the model's grid and colours each experiment by Vega expressions; at seeded random pairs the
page must say what :func:`~exercises.status_quo.model.cheapest_test` and
:func:`~exercises.status_quo.model.qualify` say.
"""

from __future__ import annotations

import random
import re

import pytest

from browser import chart_page
from exercises.kit import display
from exercises.status_quo import chart, model, widget

PAIRS = 16
PRACTICES = model.assumption_map(model.load_practices())
STORIES = chart.story_lines(PRACTICES).set_index("id")["text"]
BY_NAME = dict(zip(PRACTICES["practice"], PRACTICES["id"]))
EXPERIMENTS = model.load_experiments()

_LINES = """(fig) => Array.from(document.querySelectorAll("figure.lp-chart")[fig]
    .querySelectorAll("svg g.mark-text.role-mark text"))
    .flatMap(t => t.querySelector("tspan") ? Array.from(t.querySelectorAll("tspan")) : [t])
    .map(t => t.textContent)"""
_POINTS = """(fig) => Array.from(document.querySelectorAll("figure.lp-chart")[fig]
    .querySelectorAll("svg g.mark-symbol.role-mark path")).map(p => p.getAttribute("aria-label") || "")"""
_SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
_SET_RANGE = """([name, value]) => { const el = document.querySelector(`input[name="${name}"]`);
    el.value = String(value); el.dispatchEvent(new Event("input", {bubbles: true})); return el.value; }"""
_PRACTICE = re.compile(r"Practice: ([^;]+);")
_EXPERIMENT = re.compile(r"Experiment: ([^;]+); Status: ([^;]+);")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    display.setup()
    html = display.static_html(widget.assumptions.static().to_dict()) + display.static_html(
        widget.tests.static().to_dict())
    with chart_page(tmp_path_factory.mktemp("status_quo"), html, "Status quo faces",
                    ready="figure.lp-chart svg g.mark-symbol.role-mark path") as visit:
        visit.page.wait_for_function("() => document.querySelectorAll('figure.lp-chart svg').length == 2")
        yield visit


def _story(page) -> list[str]:
    """The lines of the map's words (the first text lines of the first chart, before the ranks)."""
    return [line for line in page.evaluate(_LINES, 0) if not re.fullmatch(r"\d+", line)
            and line not in model.QUADRANTS.values()]


def test_the_map_opens_on_the_assumption_to_test_first(page):
    assert page.page.input_value('select[name="pick_id"]') == "P5"
    assert _story(page.page) == STORIES["P5"].split("\n")


def test_clicking_a_point_shows_that_practices_story_and_why_the_fence_stands(page):
    p = page.page
    points = p.locator("figure.lp-chart").nth(0).locator("svg g.mark-symbol.role-mark path")
    labels = p.evaluate(_POINTS, 0)
    assert len(labels) == len(PRACTICES) == points.count()
    order = list(range(len(labels)))
    random.Random(20261204).shuffle(order)
    for k in order:
        key = BY_NAME[_PRACTICE.search(labels[k]).group(1)]
        points.nth(k).click(force=True)
        p.evaluate(_SETTLED)
        shown = _story(p)
        assert shown == STORIES[key].split("\n"), key
        assert any(line.startswith("Why the fence stands: ") for line in shown)
        assert p.input_value('select[name="pick_id"]') == key  # the menu follows the click
    assert not page.problems()


def test_choosing_a_practice_in_the_menu_shows_its_story(page):
    p = page.page
    for key in ("P12", "P7", "P1"):
        p.select_option('select[name="pick_id"]', key)
        p.evaluate(_SETTLED)
        assert _story(p) == STORIES[key].split("\n")


def _expected_tests(required: int, budget: int) -> tuple[list[str], dict[str, str]]:
    best = model.cheapest_test(EXPERIMENTS, required, budget)
    q = model.qualify(EXPERIMENTS, required, budget)
    count = int(q["status"].isin([model.CHEAPEST, model.QUALIFIES]).sum())
    lines = [f"You need evidence {required} or more, within {budget:,}."]
    if best is None:
        lines.append("No experiment qualifies: lower the evidence you need or raise the budget.")
    else:
        lines.append(f"Cheapest convincing test: {best['experiment']}, {best['cost']:,.0f} in {best['weeks']:g} weeks "
                     f"(evidence {best['evidence']}).")
    lines.append(f"{count} experiment qualifies." if count == 1 else f"{count} experiments qualify.")
    return lines, dict(zip(q["experiment"], q["status"]))


def _show_tests(p, required: int, budget: int) -> tuple[list[str], dict[str, str]]:
    p.evaluate(_SET_RANGE, ["evidence_needed", required])
    p.evaluate(_SET_RANGE, ["budget_limit", budget])
    p.evaluate(_SETTLED)
    lines = [line for line in p.evaluate(_LINES, 1) if re.match(r"(You need|Cheapest|No experiment|\d+ experiment)", line)]
    statuses = dict(_EXPERIMENT.search(label).groups() for label in p.evaluate(_POINTS, 1))
    return lines, statuses


def test_the_frontier_explorer_says_what_the_model_says_at_seeded_pairs(page):
    rng = random.Random(8)
    _, _, low, high, step = chart.BUDGET_INPUT
    pairs = [(3, 10_000), (5, 5_000), (5, 12_000), (1, 0)] + [
        (rng.randint(1, 5), rng.randrange(low, high + 1, step)) for _ in range(PAIRS)]
    seen_none = seen_some = 0
    for required, budget in pairs:
        expected = _expected_tests(required, budget)
        assert _show_tests(page.page, required, budget) == expected, (required, budget)
        seen_none += expected[0][1].startswith("No experiment")
        seen_some += expected[0][1].startswith("Cheapest")
    assert seen_none >= 2 and seen_some >= 8, (seen_none, seen_some)
    assert not page.problems()
