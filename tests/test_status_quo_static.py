"""The static faces of the status quo chapter, in a real browser, held against the Python model.

On the published page there is no kernel. Each static face is drawn as the site draws it
(:func:`tests.browser.explorer_page`), driven through its bound inputs as a reader drives it
(:class:`tests.browser.Explorer`), and what the page says must be exactly what the model says
for the same inputs, on seeded random settings and edge cases; each face must start at the
inputs the model declares, where the live face starts.

* The assumption map: picking a practice (the declared ``practice`` menu, or a click on its
  point) shows the model's story of it (:func:`~exercises.status_quo.model.stories`).
* The cheapest convincing test: the words are :data:`~exercises.status_quo.model.TEST_WORDS`
  filled for the (need, budget) pair, and each experiment's status the one
  :func:`~exercises.status_quo.model.qualify` gives.
* The rule's regions: the declared ``highlight`` menu lights exactly the cells where the rule
  (:func:`~exercises.status_quo.model.decide`) gives the answer picked.
"""

from __future__ import annotations

import random
import re

import pytest

from browser import SETTLED, explorer_page
from exercises.status_quo import model, widget

PRACTICES = model.assumption_map(model.load_practices())
STORIES = model.stories(PRACTICES).set_index("id")["text"]
BY_NAME = dict(zip(PRACTICES["practice"], PRACTICES["id"]))
EXPERIMENTS = model.load_experiments()
PICK = f"{model.PRACTICE.name}_id"  # a point selection's menu is named after the selection and its field

_rng = random.Random(20261207)
PRACTICE_POINTS = ["P5", "P12", "P7", "P1"] + [_rng.choice(model.PRACTICE.options) for _ in range(20)]
# (need, budget): the default, short of money, nothing to spend, exactly one, the top of both ranges,
# a budget exactly at a cost, then seeded random points of the declared grids.
TEST_EDGES = [(3, 10_000), (5, 5_000), (1, 0), (1, 500), (5, 60_000), (5, 12_000), (4, 8_000), (2, 59_500)]
TEST_POINTS = TEST_EDGES + [(_rng.choice(model.NEED.grid), _rng.choice(model.BUDGET.grid)) for _ in range(24)]

_POINTS = """(anchor) => Array.from(document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart")
    .querySelectorAll("svg g.mark-symbol.role-mark path")).map(p => p.getAttribute("aria-label") || "")"""
_RECTS = """(anchor) => Array.from(document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart")
    .querySelectorAll("svg g.mark-rect.role-mark path"))
    .map(p => [p.getAttribute("aria-label") || "", Number(p.getAttribute("opacity") ?? p.style.opacity ?? 1)])"""
_EXPERIMENT = re.compile(r"Experiment: ([^;]+); Status: ([^;]+);")
_PRACTICE = re.compile(r"Practice: ([^;]+);")


def _contains(lines: list[str], expected: list[str]) -> bool:
    n = len(expected)
    return any(lines[k:k + n] == expected for k in range(len(lines) - n + 1))


# --------------------------------------------------------------------------- the assumption map


def _shown_stories(explorer) -> list[str]:
    lines = explorer.lines()
    return [key for key, text in STORIES.items() if _contains(lines, text.split("\n"))]


class TestTheAssumptionMap:
    """Its own page: Playwright's sync API drives one browser at a time, so each class opens and closes one."""

    @pytest.fixture(scope="class")
    @classmethod
    def story_map(cls, tmp_path_factory):
        with explorer_page(tmp_path_factory.mktemp("map"), widget.assumptions.static(), anchor=PICK) as found:
            yield found

    def test_the_map_starts_where_the_live_face_starts(self, story_map):
        assert story_map.values() == {PICK: model.PRACTICE.default}
        assert _shown_stories(story_map) == [model.PRACTICE.default]

    @pytest.mark.parametrize("key", PRACTICE_POINTS)
    def test_picking_a_practice_shows_the_models_story_of_it(self, story_map, key):
        story_map.set(**{PICK: key})
        assert _shown_stories(story_map) == [key]
        assert any(line.startswith("Why the fence stands: ") for line in story_map.lines())

    def test_clicking_a_point_shows_that_practices_story_and_moves_the_menu(self, story_map):
        page = story_map.page
        points = page.locator("figure.lp-chart svg g.mark-symbol.role-mark path")
        labels = page.evaluate(_POINTS, PICK)
        assert len(labels) == len(PRACTICES) == points.count()
        order = list(range(len(labels)))
        random.Random(20261204).shuffle(order)
        for k in order:
            key = BY_NAME[_PRACTICE.search(labels[k]).group(1)]
            points.nth(k).click(force=True)
            page.evaluate(SETTLED)
            assert _shown_stories(story_map) == [key]
            assert story_map.values()[PICK] == key


# --------------------------------------------------------------------------- the cheapest convincing test


_SAID = "|".join(re.escape(line.split("{")[0]) for lines in model.TEST_WORDS.values() for line in lines
                 if line.split("{")[0])
_SAID = rf"^({_SAID})|experiments qualify\.$"


def _page_says(explorer) -> tuple[list[str], dict[str, str]]:
    said = explorer.lines(_SAID)
    statuses = dict(_EXPERIMENT.search(label).groups() for label in explorer.page.evaluate(_POINTS, explorer.anchor))
    return said, statuses


def _model_says(need: int, budget: int) -> tuple[list[str], dict[str, str]]:
    result = model.cheapest(EXPERIMENTS, need, budget)
    return result["words"], dict(zip(result["frame"]["experiment"], result["frame"]["status"]))


class TestTheCheapestTest:
    """Its own page: Playwright's sync API drives one browser at a time, so each class opens and closes one."""

    @pytest.fixture(scope="class")
    @classmethod
    def tests_explorer(cls, tmp_path_factory):
        with explorer_page(tmp_path_factory.mktemp("tests"), widget.tests.static(), anchor=model.NEED.name) as found:
            yield found

    def test_the_tests_explorer_starts_where_the_live_face_starts(self, tests_explorer):
        defaults = {spec.name: spec.default for spec in model.TEST_INPUTS}
        assert {k: float(v) for k, v in tests_explorer.values().items()} == pytest.approx(defaults)
        assert _page_says(tests_explorer) == _model_says(**defaults)

    @pytest.mark.parametrize("need, budget", TEST_POINTS)
    def test_the_tests_explorer_says_what_the_model_says(self, tests_explorer, need, budget):
        tests_explorer.set(**{model.NEED.name: need, model.BUDGET.name: budget})
        assert _page_says(tests_explorer) == _model_says(need, budget)

    def test_the_seeded_points_cover_every_verdict_the_data_allows(self):
        kinds = {model.cheapest(EXPERIMENTS, n, b)["verdict"] for n, b in TEST_POINTS}
        assert kinds == {"one", "many", "short"}  # every need is reached by some experiment: never "none"


# --------------------------------------------------------------------------- the rule's regions


def _lit(explorer) -> list[tuple[int, int]]:
    """The (reversibility, blast radius) cells drawn at full strength."""
    cells = []
    for label, opacity in explorer.page.evaluate(_RECTS, explorer.anchor):
        found = re.search(r"Blast radius[^:]*: (\d); Reversibility[^:]*: (\d)", label)
        if opacity > 0.3:
            cells.append((int(found.group(2)), int(found.group(1))))
    return sorted(cells)


class TestTheRegions:
    """Its own page: Playwright's sync API drives one browser at a time, so each class opens and closes one."""

    @pytest.fixture(scope="class")
    @classmethod
    def regions(cls, tmp_path_factory):
        with explorer_page(tmp_path_factory.mktemp("regions"), widget.doors_regions(),
                           anchor=model.HIGHLIGHT.name) as found:
            yield found

    def test_the_regions_start_at_the_declared_highlight(self, regions):
        assert regions.values() == {model.HIGHLIGHT.name: model.HIGHLIGHT.default}
        assert len(_lit(regions)) == 25

    @pytest.mark.parametrize("pick", [*model.LEVELS, "all", model.ASK])
    def test_the_highlight_lights_exactly_where_the_rule_gives_that_answer(self, regions, pick):
        regions.set(**{model.HIGHLIGHT.name: pick})
        grid = model.region_grid()
        expected = grid if pick == "all" else grid[grid["answer"] == pick]
        assert _lit(regions) == sorted(zip(expected["reversibility"], expected["blast_radius"]))
