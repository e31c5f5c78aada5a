"""The static faces of the status quo chapter, in a real browser, held against the Python model.

On the published page there is no kernel. Each static face is drawn as the site draws it
(:func:`tests.browser.explorer_page`), driven through its bound inputs as a reader drives it
(:class:`tests.browser.Explorer`), and what the page says must be exactly what the model says
for the same inputs, on seeded random settings and edge cases; each face must start at the
inputs the model declares, where the live face starts.

* The assumption map, the learner's own: every practice's two sliders, the practice picked (menu
  or click), what they wrote and the "challenge" box give the lines
  :func:`~exercises.status_quo.model.map_page_lines` gives (ranked in the page by the model's
  rule, on seeded random ratings and edges); "challenge" does nothing while the why shows nothing;
  Tessera's own answer stays folded until the learner has written theirs.
* The cheapest convincing test: the words are :data:`~exercises.status_quo.model.TEST_WORDS`
  filled for the (need, budget) pair, and each experiment's status the one
  :func:`~exercises.status_quo.model.qualify` gives; the cheapest stays folded until asked.
* The board, the learner's own: one menu per case; the words
  (:func:`~exercises.status_quo.model.door_page_lines`), the legend's counts and each case's mark
  are the model's (:func:`~exercises.status_quo.model.board`) for seeded random labellings and
  edges; the rule's regions are drawn only once asked, and the declared ``highlight`` menu then
  lights exactly the cells where the rule (:func:`~exercises.status_quo.model.decide`) gives the
  answer picked.
"""

from __future__ import annotations

import random
import re

import pytest

from browser import SETTLED, explorer_page, mutated
from exercises.kit.text import fill
from exercises.status_quo import model, widget

PRACTICES = model.assumption_map(model.load_practices())
BY_NAME = dict(zip(PRACTICES["practice"], PRACTICES["id"]))
EXPERIMENTS = model.load_experiments()
PICK = f"{model.PRACTICE.name}_id"  # a point selection's menu is named after the selection and its field

_rng = random.Random(20261207)
# (need, budget): the default, short of money, nothing to spend, exactly one, the top of both ranges,
# a budget exactly at a cost, then seeded random points of the declared grids.
TEST_EDGES = [(3, 10_000), (5, 5_000), (1, 0), (1, 500), (5, 60_000), (5, 12_000), (4, 8_000), (2, 59_500)]
TEST_POINTS = TEST_EDGES + [(_rng.choice(model.NEED.grid), _rng.choice(model.BUDGET.grid)) for _ in range(24)]

_POINTS = """(anchor) => Array.from(document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart")
    .querySelectorAll("svg g.mark-symbol.role-mark path")).map(p => p.getAttribute("aria-label") || "")"""
# The regions are decorative for screen readers (the words say them), so each drawn cell is read by
# where it is: the blast radius and reversibility axis labels nearest its centre.
_RECTS = """(anchor) => {
    const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
    const centre = el => { const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; };
    const labels = axis => Array.from(fig.querySelectorAll("svg g.role-axis"))
        .filter(g => (g.getAttribute("aria-label") || "").startsWith(axis))
        .flatMap(g => Array.from(g.querySelectorAll("g.role-axis-label text")))
        .map(t => [Number(t.textContent), centre(t)]);
    const xs = labels("X-axis"), ys = labels("Y-axis");
    const nearest = (list, at, k) => list.reduce((best, l) => Math.abs(l[1][k] - at) < Math.abs(best[1][k] - at)
        ? l : best)[0];
    return Array.from(fig.querySelectorAll("svg g.mark-rect.role-mark path")).map(p => {
        const [x, y] = centre(p);
        return [nearest(xs, x, 0), nearest(ys, y, 1), Number(p.getAttribute("opacity") ?? p.style.opacity ?? 1)];
    });
}"""
_VISIBLE_TEXT = """(anchor) => document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart").innerText"""
_EXPERIMENT = re.compile(r"Experiment: ([^;]+); Status: ([^;]+);")
_PRACTICE = re.compile(r"Practice: ([^;]+);")


# --------------------------------------------------------------------------- the assumption map


SLIDERS = [spec.name for spec in model.RATING_INPUTS]
REFERENCE = {spec.name: spec.default for spec in model.RATING_INPUTS}
#: What a learner might write: nothing, only spaces or invisible characters (still nothing), or words.
WHYS = ["", "   ", "\t \u200b\u3000", "\u00a0\u2028", "It protects customers", "<b>bold</b> & 'quoted' \\n",
        "ﷺ 🧭 \u200dx", "   Because 2019 hurt   "]


WHY_BOXES = [spec.name for spec in model.WHY_INPUTS]
TICK_BOXES = [spec.name for spec in model.CHALLENGE_INPUTS]
EMPTY = {**{n: "" for n in WHY_BOXES}, **{n: False for n in TICK_BOXES}}


def _boxes(key: str, why: str, challenge: bool) -> dict:
    """Every practice's boxes empty, but ``key``'s."""
    return {**EMPTY, f"why_{key}": why, f"challenge_{key}": challenge}


def _random_setting(rng: random.Random) -> dict:
    setting = {name: rng.randint(1, 5) for name in SLIDERS}
    setting.update({n: rng.choice(WHYS) if rng.random() < 0.4 else "" for n in WHY_BOXES})
    setting.update({n: rng.random() < 0.3 for n in TICK_BOXES})
    setting[PICK] = rng.choice(model.PRACTICE.options)
    return setting


# Edges: the reference map; everything rated alike (ties broken by id); every practice in test first;
# nothing important; a challenge with nothing written; one outside test first; several challenged,
# one of them with nothing written; then seeded random ratings and boxes.
MAP_EDGES = [
    {**REFERENCE, PICK: model.PRACTICE.default, **EMPTY},
    {**{n: 3 for n in SLIDERS}, PICK: "P10", **_boxes("P10", "x", True)},
    {**{n: (5 if n.startswith("importance") else 1) for n in SLIDERS}, PICK: "P2", **_boxes("P2", "y", True)},
    {**{n: (1 if n.startswith("importance") else 5) for n in SLIDERS}, PICK: "P12", **_boxes("P12", " ", True)},
    {**REFERENCE, PICK: "P12", **_boxes("P12", "\u200b", True)},
    {**REFERENCE, PICK: "P12", **_boxes("P12", "It catches leaks", True)},
    {**REFERENCE, PICK: "P9", **_boxes("P9", "It shows the work", False)},
    {**REFERENCE, PICK: "P3", **EMPTY, **{n: "Because" for n in WHY_BOXES}, **{n: True for n in TICK_BOXES},
     "why_P3": ""},
    {**REFERENCE, PICK: "P1", **_boxes("P5", "Promises", True), "why_P12": "Leaks", "challenge_P12": True},
]
MAP_POINTS = MAP_EDGES + [_random_setting(_rng) for _ in range(24)]


def _map_model_says(setting: dict) -> list[str]:
    return model.map_page_lines(model.load_practices(), model.ratings_from(setting), setting[PICK],
                                *model.boxes_from(setting))


def _map_page_says(explorer) -> list[str]:
    """The explorer's words: every line drawn before the first axis label (the map's "1")."""
    lines = explorer.lines()
    return lines[:lines.index("1")]


class TestTheAssumptionMap:
    """Its own page: Playwright's sync API drives one browser at a time, so each class opens and closes one."""

    @pytest.fixture(scope="class")
    @classmethod
    def story_map(cls, tmp_path_factory):
        with explorer_page(tmp_path_factory.mktemp("map"), widget.assumptions.static(), anchor=PICK) as found:
            yield found

    def test_the_map_starts_where_the_live_face_starts(self, story_map):
        values = story_map.values()
        assert values[PICK] == model.PRACTICE.default
        assert {n: values[n] for n in EMPTY} == {**{n: model.WHY.default for n in WHY_BOXES},
                                                 **{n: model.CHALLENGE.default for n in TICK_BOXES}}
        assert {n: float(values[n]) for n in SLIDERS} == REFERENCE
        assert _map_page_says(story_map) == _map_model_says(MAP_EDGES[0])
        live = widget.MapExercise(mode="static")
        first = live.current
        assert first == model.PRACTICE.default and live.why.value == model.WHY.default
        assert (live.importance.value, live.evidence.value) == (REFERENCE[f"importance_{first}"],
                                                                REFERENCE[f"evidence_{first}"])
        assert live.challenge.value is model.CHALLENGE.default

    def test_no_fence_answer_is_visible_before_the_learner_writes_why(self, story_map):
        practices = model.load_practices().set_index("id")
        for key in model.PRACTICE.options[:6]:
            story_map.set(**{PICK: key, **_boxes(key, "  ", False)})
            shown = " ".join(story_map.lines()) + story_map.page.evaluate(_VISIBLE_TEXT, PICK)
            assert "Tessera's own answer" not in shown
            assert practices.loc[key, "fence"][:30] not in shown.replace("\n", " ")
        story_map.set(**{f"why_{key}": "I think it keeps us safe"})
        assert "Tessera's own answer" in " ".join(story_map.lines())

    @pytest.mark.parametrize("setting", MAP_POINTS, ids=[f"setting{k}" for k in range(len(MAP_POINTS))])
    def test_the_map_says_what_the_model_says_for_the_learners_ratings(self, story_map, setting):
        story_map.set(**setting)
        assert _map_page_says(story_map) == _map_model_says(setting)

    def test_the_seeded_settings_cover_every_kind_of_challenge(self):
        said = [" ".join(_map_model_says(s)) for s in MAP_POINTS]
        assert any("none of the" in t for t in said) and any(model.EMPTY_WHY in t for t in said)
        assert any(model.MAP_WORDS["outside_one"] in t for t in said)
        assert any("sit outside test first" in t and model.MAP_WORDS["outside_one"] not in t for t in said)
        assert any("You challenge 1 of" in t and "outside test first" not in t for t in said)
        assert any("Ticked, but not challenged" in t for t in said)

    def test_each_practice_keeps_its_own_why_and_challenge(self, story_map):
        """Regression (the static map kept one "why" box and one "challenge" box for whichever practice
        was picked, so writing for one practice wrote for all): each practice's boxes are its own, and
        every practice challenged is listed, as the live face lists them."""
        story_map.set(**{**REFERENCE, PICK: "P5", **_boxes("P5", "It keeps promises honest", True)})
        story_map.set(**{PICK: "P12"})
        assert story_map.values()["why_P12"] == "" and story_map.values()["why_P5"] == "It keeps promises honest"
        said = _map_page_says(story_map)
        assert "Tessera's own answer" not in " ".join(said)
        story_map.set(why_P12="It catches leaks", challenge_P12=True)
        setting = {**REFERENCE, PICK: "P12", **_boxes("P5", "It keeps promises honest", True),
                   "why_P12": "It catches leaks", "challenge_P12": True}
        said = _map_page_says(story_map)
        assert said == _map_model_says(setting) and any(line.startswith("You challenge 2 of") for line in said)

    def test_ticking_challenge_with_nothing_written_challenges_nothing(self, story_map):
        story_map.set(**{**REFERENCE, PICK: "P5", **_boxes("P5", "  \u200b ", True)})
        labels = story_map.page.evaluate(_POINTS, PICK)
        assert len(labels) == len(PRACTICES)
        assert not any("You challenge it: yes" in label or "You challenge it: true" in label for label in labels)
        story_map.set(why_P5="It keeps promises honest")
        labels = story_map.page.evaluate(_POINTS, PICK)
        challenged = [label for label in labels if "You challenge it: true" in label]
        assert len(challenged) == 1 and "No customer calls without sales" in challenged[0]

    def test_the_ranks_drawn_on_the_map_are_the_models(self, story_map):
        setting = _random_setting(random.Random(7))
        story_map.set(**setting)
        ranked = model.assumption_map(model.load_practices(), model.ratings_from(setting)).set_index("practice")
        for label in story_map.page.evaluate(_POINTS, PICK):
            name = _PRACTICE.search(label).group(1)
            assert f"Rank: {int(ranked.loc[name, 'rank'])};" in label

    def test_clicking_a_point_picks_that_practice_and_moves_the_menu(self, story_map):
        story_map.set(**{**REFERENCE, **EMPTY})
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
            assert story_map.values()[PICK] == key
            assert _map_page_says(story_map) == _map_model_says({**REFERENCE, PICK: key, **EMPTY})


def test_a_map_that_challenges_without_a_why_fails_the_comparison(tmp_path_factory):
    """The comparison holds the page's computation: a page that lets "challenge" work with nothing
    written says other words than the model on a setting where the why is blank."""
    spec = mutated(widget.assumptions.static(), "datum.ticked && datum.written", "datum.ticked")
    setting = {**REFERENCE, PICK: "P1", **_boxes("P5", "   ", True)}
    with explorer_page(tmp_path_factory.mktemp("map-mutated"), spec, anchor=PICK) as story_map:
        story_map.set(**setting)
        assert _map_page_says(story_map) != _map_model_says(setting)


# --------------------------------------------------------------------------- the cheapest convincing test


_SAID = "|".join(re.escape(line.split("{")[0]) for lines in model.TEST_WORDS.values() for line in lines
                 if line.split("{")[0])
_SAID = rf"^({_SAID}|{re.escape(model.TEST_HIDDEN)})|experiments qualify\.$"
REVEAL = model.REVEAL_CHEAPEST.name
#: Words that would give the cheapest away before the learner asks.
_ANSWERS = ("Cheapest convincing test:", "The cheapest that reaches")


def _page_says(explorer) -> tuple[list[str], dict[str, str]]:
    said = explorer.lines(_SAID)
    statuses = dict(_EXPERIMENT.search(label).groups() for label in explorer.page.evaluate(_POINTS, explorer.anchor))
    return said, statuses


def _model_says(need: int, budget: int, reveal: bool = True) -> tuple[list[str], dict[str, str]]:
    result = model.cheapest(EXPERIMENTS, need, budget)
    statuses = dict(zip(result["frame"]["experiment"], result["frame"]["status"]))
    if not reveal:  # folded: the cheapest is drawn as one that qualifies
        statuses = {k: model.QUALIFIES if v == model.CHEAPEST else v for k, v in statuses.items()}
    return model.test_page_lines(EXPERIMENTS, need, budget, reveal), statuses


class TestTheCheapestTest:
    """Its own page: Playwright's sync API drives one browser at a time, so each class opens and closes one."""

    @pytest.fixture(scope="class")
    @classmethod
    def tests_explorer(cls, tmp_path_factory):
        with explorer_page(tmp_path_factory.mktemp("tests"), widget.tests.static(), anchor=model.NEED.name) as found:
            yield found

    def test_the_tests_explorer_starts_where_the_live_face_starts_with_the_cheapest_folded(self, tests_explorer):
        defaults = {spec.name: spec.default for spec in model.TEST_INPUTS}
        values = tests_explorer.values()
        assert values.pop(REVEAL) is model.REVEAL_CHEAPEST.default is False
        assert {k: float(v) for k, v in values.items()} == pytest.approx(defaults)
        assert _page_says(tests_explorer) == _model_says(**defaults, reveal=False)

    def test_no_answer_is_visible_before_the_learner_asks(self, tests_explorer):
        tests_explorer.set(**{REVEAL: False})
        for need, budget in TEST_POINTS[:8]:
            tests_explorer.set(**{model.NEED.name: need, model.BUDGET.name: budget})
            shown = " ".join(tests_explorer.lines()) + tests_explorer.page.evaluate(_VISIBLE_TEXT, model.NEED.name)
            assert not any(answer in shown for answer in _ANSWERS), shown
            statuses = _page_says(tests_explorer)[1]
            assert model.CHEAPEST not in statuses.values()

    @pytest.mark.parametrize("need, budget", TEST_POINTS)
    def test_the_tests_explorer_says_what_the_model_says(self, tests_explorer, need, budget):
        reveal = TEST_POINTS.index((need, budget)) % 3 != 2  # mostly shown, sometimes folded
        tests_explorer.set(**{model.NEED.name: need, model.BUDGET.name: budget, REVEAL: reveal})
        assert _page_says(tests_explorer) == _model_says(need, budget, reveal)

    def test_the_seeded_points_cover_every_verdict_the_data_allows(self):
        kinds = {model.cheapest(EXPERIMENTS, n, b)["verdict"] for n, b in TEST_POINTS}
        assert kinds == {"one", "many", "short"}  # every need is reached by some experiment: never "none"


# --------------------------------------------------------------------------- the board, the learner's labels

SITUATIONS = model.load_situations()
CASES = model.decisions(SITUATIONS)
MENUS = [spec.name for spec in model.LABEL_INPUTS]
#: The words of the board's "Your label" legend, in the order drawn.
_LEGEND = """(anchor) => Array.from(document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart")
    .querySelectorAll("svg g.role-legend")).filter(g => /^Your label/.test(
        (g.querySelector(".role-legend-title text") || {}).textContent || ""))
    .flatMap(g => Array.from(g.querySelectorAll("g.role-legend-label text")).map(t => t.textContent))"""
_CASE_MARKS = """(anchor) => Array.from(document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart")
    .querySelectorAll("svg g.mark-symbol.role-mark path")).map(p => p.getAttribute("aria-label") || "")
    .filter(label => /Case: /.test(label))"""
_MARK = re.compile(r"Your label: ([^;]+); Case: ([^;]+);")  # the legend's key rows have no case


def _labelling(rng: random.Random) -> tuple[list[str], bool]:
    return [rng.choice(("", *model.LEVELS)) for _ in MENUS], rng.random() < 0.5


# Edges: nothing labelled; every label right; every label wrong; one label only; all alike; then seeded
# random labellings (each menu empty or one of the three answers), the rule shown or not.
_WRONG = {model.ACT: model.ASK, model.CONSULT: model.ACT, model.ASK: model.CONSULT}
DOOR_EDGES = [
    ([""] * len(MENUS), False), ([""] * len(MENUS), True),
    (list(CASES["answer"]), False), (list(CASES["answer"]), True),
    ([_WRONG[a] for a in CASES["answer"]], True),
    ([CASES["answer"].iloc[0]] + [""] * (len(MENUS) - 1), True),
    ([model.CONSULT] * len(MENUS), True), ([""] * (len(MENUS) - 1) + [model.ACT], False),
]
DOOR_POINTS = DOOR_EDGES + [_labelling(_rng) for _ in range(24)]


def _door_setting(given: list[str], reveal: bool) -> dict:
    return {**dict(zip(MENUS, given)), model.REVEAL_RULE.name: reveal}


def _door_model_says(given: list[str], reveal: bool) -> tuple[list[str], list[str], dict[str, str]]:
    frame = model.board(SITUATIONS, given)
    cases = frame[frame["layer"] == "case"]
    legend = [fill(model.LEGEND_WORDS, status=s, count=int((cases["status"] == s).sum()))
              for s in model.LABEL_STATUS]
    return model.door_page_lines(SITUATIONS, given, reveal), legend, dict(zip(cases["id"], cases["legend"]))


def _door_page_says(board) -> tuple[list[str], list[str], dict[str, str]]:
    lines = board.lines()
    said = lines[:lines.index(CASES["id"].iloc[0])]  # the words, then the cases' names drawn on the board
    found = (_MARK.search(label) for label in board.page.evaluate(_CASE_MARKS, board.anchor))
    marks = {m.group(2): m.group(1) for m in found if m}
    return said, board.page.evaluate(_LEGEND, board.anchor), marks


def _door_board(tmp_path_factory, spec):
    return explorer_page(tmp_path_factory.mktemp("doors"), spec, anchor=MENUS[0])


class TestTheBoard:
    """Its own page: Playwright's sync API drives one browser at a time, so each class opens and closes one."""

    @pytest.fixture(scope="class")
    @classmethod
    def board(cls, tmp_path_factory):
        with _door_board(tmp_path_factory, widget.doors.static()) as found:
            yield found

    def test_the_board_starts_at_the_declared_inputs_with_the_rules_answers_folded(self, board):
        expected = {spec.name: spec.default for spec in model.LABEL_INPUTS}
        expected.update({model.HIGHLIGHT.name: model.HIGHLIGHT.default, model.REVEAL_RULE.name: False})
        assert board.values() == expected
        assert board.page.evaluate(_RECTS, board.anchor) == []  # no region drawn, so no answer given
        shown = " ".join(board.lines()) + board.page.evaluate(_VISIBLE_TEXT, board.anchor)
        assert all(reason not in shown for reason in CASES["reason"])
        assert _door_page_says(board) == _door_model_says([""] * len(MENUS), False)

    @pytest.mark.parametrize("given, reveal", DOOR_POINTS)
    def test_the_board_follows_the_learners_labels_as_the_model_does(self, board, given, reveal):
        """Regression (#22: the static board's legend never changed with the learner's labels): the
        words, the legend's counts and each case's mark are the model's for the labels chosen."""
        board.set(**_door_setting(given, reveal))
        assert _door_page_says(board) == _door_model_says(given, reveal)

    def test_the_seeded_labellings_cover_every_kind_of_line(self):
        said = [line for given, reveal in DOOR_POINTS for line in model.door_page_lines(SITUATIONS, given, reveal)]
        assert model.DOOR_WORDS["none"] in said
        assert any(line.endswith("still to label.") for line in said)
        assert any(line.startswith(f"{len(MENUS)} of {len(MENUS)} agree") for line in said)
        assert any(" you said " in line for line in said)

    def test_asking_draws_every_region(self, board):
        board.set(**{model.REVEAL_RULE.name: True, model.HIGHLIGHT.name: "all"})
        assert len(_lit(board)) == 25

    @pytest.mark.parametrize("pick", [*model.LEVELS, "all", model.ASK])
    def test_the_highlight_lights_exactly_where_the_rule_gives_that_answer(self, board, pick):
        board.set(**{model.REVEAL_RULE.name: True, model.HIGHLIGHT.name: pick})
        grid = model.region_grid()
        expected = grid if pick == "all" else grid[grid["answer"] == pick]
        assert _lit(board) == sorted(zip(expected["reversibility"], expected["blast_radius"]))

    def test_unticking_folds_the_answers_again(self, board):
        board.set(**{model.REVEAL_RULE.name: True}).set(**{model.REVEAL_RULE.name: False})
        assert board.page.evaluate(_RECTS, board.anchor) == []


def test_a_board_that_grades_against_the_rule_wrongly_fails_the_comparison(tmp_path_factory):
    """The comparison holds the page's computation: with the grading turned round, it fails."""
    spec = mutated(widget.doors.static(), "datum.given === datum.answer", "datum.given !== datum.answer")
    given = list(CASES["answer"])
    with _door_board(tmp_path_factory, spec) as board:
        board.set(**_door_setting(given, True))
        assert _door_page_says(board) != _door_model_says(given, True)


def _lit(explorer) -> list[tuple[int, int]]:
    """The (reversibility, blast radius) cells drawn at full strength."""
    return sorted((reversibility, blast) for blast, reversibility, opacity in
                  explorer.page.evaluate(_RECTS, explorer.anchor) if opacity > 0.3)


# --------------------------------------------------------------------------- the chapter's prose


def _prose_outside_solutions() -> tuple[str, list[str]]:
    """The chapter's markdown with every lp-solution block cut out, and the opening tags of those blocks."""
    import json
    from pathlib import Path

    notebook = json.loads((Path(__file__).resolve().parent.parent / "book" / "status_quo.ipynb").read_text("utf-8"))
    text = "\n".join("".join(c["source"]) if c["cell_type"] == "markdown" else "\n".join(
        "".join(out.get("data", {}).get("text/markdown", "")) for out in c.get("outputs", []))
        for c in notebook["cells"])  # markdown cells and the prose code cells make from the model
    openings = re.findall(r"<details[^>]*>", text)
    return re.sub(r"<details class=\"lp-solution\".*?</details>", "", text, flags=re.S), openings


def test_the_chapters_solutions_start_folded_and_its_prompts_give_no_answer_away():
    prose, openings = _prose_outside_solutions()
    assert len(openings) >= 4 and all('class="lp-solution"' in tag and " open" not in tag for tag in openings)
    cheapest = model.cheapest_test(EXPERIMENTS, model.NEED.default, model.BUDGET.default)["experiment"]
    prose = " ".join(prose.split()).casefold()  # a sentence may break across lines
    answers = (f"{cheapest} (", f"the {cheapest.casefold()} wins", "tops the list", *model.load_practices()["fence"])
    for answer in answers:
        assert answer.casefold() not in prose, answer
