"""The obstacles exercise's static face, the learner's own list, in a real browser, held against the model.

On the published page there is no kernel: the learner writes up to six obstacles in text boxes
and chooses each one's owner in a menu of the leaders, and Vega expressions read the rows as
:func:`exercises.influence.model.plan_conversations` does (cleaned, stripped, cut at 300
characters without splitting a character), group them by owner (most obstacles first, ties in
the order of the rows) and fill the model's words (see
:func:`exercises.influence.chart.obstacle_explorer`). Here Chromium draws the explorer; it
must start at the declared defaults (every row empty, as the live boxes), and for seeded
random lists (empty rows, rows half filled, the same owner again and again, markup, quotes,
very long text, characters that must not be split at the cut) and the edges, the page's lines
must be exactly :func:`exercises.influence.model.obstacle_result`'s words, problems and card,
each wrapped by :func:`exercises.influence.model.wrap`; its bars are the plan's owners in order.
"""

from __future__ import annotations

import random

import pytest

from browser import explorer_page
from exercises.kit.text import fill
from exercises.influence import chart, model

LEADERS = model.load_leaders()
INPUTS = model.STATIC_OBSTACLE_INPUTS
ROLES = list(INPUTS[1].options[1:])
NAMES = [spec.name for spec in INPUTS]

# The words (written above the picture, a line each; their own text mark, the first, draws no text)
# and the bars, top first: each owner (a label of the bars' axis) with the count written at the end of
# its bar (the second text mark).
_SEEN = """(anchor) => {
    const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
    const marks = fig.querySelectorAll("g.mark-text.role-mark");
    const words = Array.from(fig.querySelectorAll(".lp-chart-words .lp-chart-line"), line => line.textContent);
    const byTop = els => Array.from(els).map(t => [t.getBoundingClientRect().top, t.textContent])
        .sort((a, b) => a[0] - b[0]).map(t => t[1]);
    const owners = byTop(fig.querySelectorAll("g.role-axis-label text")).filter(t => !/^\\d+$/.test(t));
    const counts = marks[1] ? byTop(marks[1].querySelectorAll("text")) : [];
    const bars = counts.map((count, k) => `${owners[k]} | ${count}`);
    return {words, bars};
}"""

#: Obstacles a learner might write (no line breaks: a text box drops them).
_OBSTACLES = [
    "", "   ", "\u200b", "Budgets are approved per project, not per platform",
    "release trains are planned a quarter ahead with no slack", "Is there an owner?", "No slack…",
    "<b>bold</b><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "O'Brien's \"rota\" \\ backslash",
    "  spaces around, and   inside  ", "ßtraße has no owner", "éclair e\u0301 combining", "🧭 emoji first",
    "Sara\u2028Legal\u2029para", "\x00\x07 controls \u202e dropped", "tab\there",
    "word " * 70, "x" * 5000, "a" + "🇫🇷" * 200, "e\u0301" * 200, "👩\u200d💻 " * 80, "b" * 299 + "\u0301" * 3 + "c",
    "A sentence that is long enough to wrap onto a second line of the words, with commas, and more",
]


def _rows(values: dict) -> list[tuple[str, str]]:
    return [(values[f"obstacle_{k}"], values[f"owner_{k}"]) for k in range(1, model.ROWS + 1)]


def _expected(values: dict) -> dict:
    entries = list(model.WORKED_OBSTACLES) if values["worked"] else _rows(values)
    result = model.obstacle_result(entries, values["conversation"])
    return {"words": [piece for line in [result["words"], *result["problems"], *result["card"]]
                      for piece in model.wrap(line)],
            "bars": [f"{r.owner} | {r.count}" for r in result["plan"].itertuples()]}


def _defaults() -> dict:
    return {spec.name: spec.default for spec in INPUTS}


def _settings(rows: list[tuple[str, str]], conversation: int = 1, worked: bool = False) -> dict:
    values = _defaults()
    for k, (obstacle, owner) in enumerate(rows, start=1):
        values[f"obstacle_{k}"], values[f"owner_{k}"] = obstacle, owner
    values.update(conversation=conversation, worked=worked)
    return values


def _edges() -> list[dict]:
    """Every row empty; the worked example typed in; the worked example's box; half-filled rows;
    a tie (first row first); a conversation past the plan; long text at the cut."""
    typed = list(model.WORKED_OBSTACLES)
    return [
        _settings([]),
        _settings(typed, conversation=1), _settings(typed, conversation=6),
        _settings([], conversation=2, worked=True),
        _settings([("An obstacle with no owner", ""), ("", "Finance"), ("   ", ""), ("\u200b", "Legal")]),
        _settings([("one", "Legal"), ("two", "Sales"), ("three", "Sales"), ("four", "Legal")], conversation=2),
        _settings([("only one", "People")], conversation=3),
        _settings([("x" * 5000, "Finance"), ("a" + "🇫🇷" * 200, "Finance"), ("e\u0301" * 200, "Quality")]),
    ]


def _random_lists(count: int = 24, seed: int = 20261207) -> list[dict]:
    rng, out = random.Random(seed), []
    for n in range(count):
        owners = rng.sample(ROLES, rng.randint(1, 3))  # few owners: the same one comes back
        rows = [(rng.choice(_OBSTACLES) if rng.random() < 0.85 else "",
                 rng.choice(owners) if rng.random() < 0.85 else model.NOBODY) for _ in range(model.ROWS)]
        out.append(_settings(rows, conversation=rng.randint(1, model.ROWS), worked=n % 12 == 11))
    return out


def _seen(explorer) -> dict:
    return explorer.page.evaluate(_SEEN, explorer.anchor)


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    face = chart.obstacle_explorer(LEADERS)
    with explorer_page(tmp_path_factory.mktemp("obstacles"), face, anchor="obstacle_1") as found:
        yield found


def test_the_explorer_starts_at_the_declared_defaults(explorer):
    defaults = _defaults()
    assert explorer.values() == {**defaults, "conversation": str(defaults["conversation"])}
    assert all(defaults[f"obstacle_{k}"] == "" and defaults[f"owner_{k}"] == model.NOBODY
               for k in range(1, model.ROWS + 1))
    assert _seen(explorer) == _expected(defaults) == {"words": model.wrap(fill(model.OBSTACLE_WORDS["empty"], conversation=1)), "bars": []}


@pytest.mark.parametrize("values", _edges() + _random_lists(),
                         ids=[f"edge{n}" for n in range(len(_edges()))] + [f"random{n}" for n in range(len(_random_lists()))])
def test_the_page_says_what_the_model_says(explorer, values):
    explorer.set(**values)
    assert _seen(explorer) == _expected(values)


def test_the_random_lists_cover_what_a_learner_does():
    lists = _random_lists()
    expected = [_expected(v) for v in lists]
    results = [model.obstacle_result(_rows(v), v["conversation"]) for v in lists if not v["worked"]]
    assert len(lists) >= 20
    assert sum(any(o and not w for o, w in _rows(v)) for v in lists) >= 5  # an obstacle with no owner
    assert sum(any(not o.strip() and w for o, w in _rows(v)) for v in lists) >= 5  # an owner with no obstacle
    assert sum(any(c > 1 for c in r["plan"]["count"]) for r in results) >= 10  # the same owner twice
    assert sum(any("characters; keep" in p for p in r["problems"]) for r in results) >= 5  # very long text
    assert sum(any("<" in o for obstacles in r["plan"]["obstacles"] for o in obstacles) for r in results) >= 3  # markup
    assert sum(r["conversation"] > len(r["plan"]) for r in results) >= 3  # a conversation past the plan
    assert sum(len(e["words"]) > 20 for e in expected) >= 3  # long words, many lines


def test_the_page_reads_a_row_as_the_live_face_does(explorer):
    """The same six rows typed in the live face give the lines the page shows."""
    from exercises.influence.widget import ObstacleExercise

    rows = [("<b>Budgets</b> per project", "Finance"), ("no slack", "Development"), ("", "Finance"),
            ("x" * 400, "Finance"), ("rota", ""), ("", "")]
    values = _settings(rows, conversation=1)
    live = ObstacleExercise(mode="static")
    live.fill(rows)
    explorer.set(**values)
    result = live.result
    assert _seen(explorer)["words"] == [piece for line in [result["words"], *result["problems"], *result["card"]]
                                        for piece in model.wrap(line)]
