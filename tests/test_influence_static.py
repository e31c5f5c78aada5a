"""The static influence explorers, in a real browser, held against the Python model.

On the published page there is no kernel: three menus choose the first conversations, and
Vega expressions pick that choice's row of the outcomes the model precomputed and fill the
model's own words (see :func:`exercises.influence.chart.cascade_explorer`). Here Chromium draws
the explorer (through ``tests/browser.py``'s :func:`~browser.explorer_page`), it must start at
the declared defaults, and for seeded random settings of the menus (nobody, one, two or three
people, the same person twice), with "Show the best" ticked or not, and the edges, the page must say exactly what
:func:`exercises.influence.model.cascade_result` says: the lines of words, each leader's buy-in
and when they join, and the count on board after each round. A company whose names hold
U+2028 and U+2029, quotes and bars must draw too. Greedy's and the best choice are named only
after an attempt (the menus changed) or when asked ("Show the best").
"""

from __future__ import annotations

import random
import re

import pytest

from browser import explorer_page
from exercises.influence import chart, model

LEADERS = model.load_leaders()
NETWORK = model.load_network(leaders=LEADERS)
GAP = model.greedy_gap(LEADERS, NETWORK)
IDS = list(LEADERS["id"])
MENUS = [spec.name for spec in model.CASCADE_INPUTS[:model.MENUS]]
_STARTS = tuple({line.split("{")[0] for words in (model.CASCADE_WORDS, model.BEST_WORDS)
                 for lines in words.values() for line in lines} | {model.REPEAT_WORDS})

# The marks of the explorer: each leader's point (its aria label names them, their buy-in and
# when they join) and the number printed on each round's bar.
_MARKS = """(anchor) => {
    const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
    const points = Array.from(fig.querySelectorAll("g.mark-symbol.role-mark path"))
        .map(p => p.getAttribute("aria-label") || "");
    const bars = Array.from(fig.querySelectorAll("g.mark-text.role-mark text"))
        .map(t => t.textContent).filter(t => /^\\d+$/.test(t)).map(Number);
    return {points, bars};
}"""
_FIELD = re.compile(r"(Name|Buy-in|Joins): (.*?)(?=; [A-Z][\w-]*: |$)")


def _menus(seeds: list[str]) -> dict:
    return dict(zip(MENUS, [*seeds, *[model.NOBODY] * model.MENUS][:model.MENUS]))


def _edges() -> list[list[str]]:
    """Nobody; the default; the greedy and best pairs; a repeat; everyone on board; three with a repeat."""
    full = next(list(r.best) for r in GAP.itertuples() if r.best_reach == len(IDS))
    return [[], ["ceo"], ["ops", "dev"], ["dev", "sal"], ["ceo", "ceo"], full, ["", "qa", "qa"], ["hr", "", ""]]


def _random_menus(count: int = 24, seed: int = 20261207) -> list[list[str]]:
    rng, out = random.Random(seed), []
    for n in range(count):
        picked = rng.sample(IDS, n % 4)
        menus = picked + [model.NOBODY] * (model.MENUS - len(picked))
        if n % 5 == 4 and picked:  # the same person twice
            menus[(menus.index(picked[0]) + 1) % model.MENUS] = picked[0]
        rng.shuffle(menus)
        out.append(menus)
    return out


def _expected(leaders, network, gap, menus: list[str], show_best: bool = False) -> dict:
    result = model.cascade_result(leaders, network, gap, menus, len(leaders), show_best)
    people = result["chart"][result["chart"]["kind"] == "person"]
    return {"words": result["words"] + ([model.REPEAT_WORDS] if result["repeat"] else []),
            "people": {r.name: (r.status, r.joins) for r in people.itertuples()},
            "bars": sorted(result["on_board"])}


def _seen(explorer) -> dict:
    marks = explorer.page.evaluate(_MARKS, explorer.anchor)
    people = {}
    for label in marks["points"]:
        fields = dict(_FIELD.findall(label))
        people[fields["Name"]] = (fields["Buy-in"], fields["Joins"])
    return {"words": explorer.lines("^(" + "|".join(re.escape(s) for s in _STARTS) + ")"),
            "people": people, "bars": sorted(marks["bars"])}


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    face = chart.cascade_explorer(LEADERS, model.choice_outcomes(LEADERS, NETWORK), GAP)
    with explorer_page(tmp_path_factory.mktemp("cascade"), face, anchor=MENUS[0]) as found:
        yield found


def test_the_explorer_starts_at_the_declared_defaults(explorer):
    defaults = {spec.name: spec.default for spec in model.CASCADE_INPUTS[:model.MENUS]}
    assert explorer.values() == {**defaults, model.SHOW_BEST.name: model.SHOW_BEST.default}
    assert defaults[MENUS[0]] == model.FIRST_DEFAULT and model.SHOW_BEST.default is False
    assert _seen(explorer) == _expected(LEADERS, NETWORK, GAP, list(defaults.values()))


def test_nothing_on_the_page_names_the_best_choice_before_an_attempt(explorer):
    """Defect: the page named the best pair (and where greedy falls short) before the learner chose.
    At the defaults, neither the words nor any other text of the explorer says greedy's or the best
    choice; ticking "Show the best" names the best choice itself; changing the menus alone does not."""
    explorer.set(**_menus([model.FIRST_DEFAULT]), **{model.SHOW_BEST.name: False})
    text = " ".join(explorer.lines())
    assert model.BEST_WORDS["hidden"][0] in text
    assert "Greedy with" not in text and "The best" not in text and "→" not in text
    explorer.set(**{model.SHOW_BEST.name: True})
    best_one = ", ".join(LEADERS.set_index("id").loc[list(GAP.loc[GAP["k"] == 1, "best"].iloc[0]), "name"])
    assert f"The best 1: {best_one} → " in " ".join(explorer.lines())
    explorer.set(**{model.SHOW_BEST.name: False}, **_menus(["dev", "sal"]))
    assert "The best 2: Priya, Marco → 10 on board." not in explorer.lines()
    explorer.set(**{model.SHOW_BEST.name: True})
    assert "The best 2: Priya, Marco → 10 on board." in explorer.lines()
    explorer.set(**{model.SHOW_BEST.name: False})
    explorer.set(**_menus([model.FIRST_DEFAULT]))


@pytest.mark.parametrize("menus", _edges() + _random_menus(), ids=lambda m: "+".join(w or "-" for w in m) or "nobody")
def test_the_page_says_what_the_model_says(explorer, menus):
    show_best = sum(map(ord, "".join(menus))) % 2 == 1  # about half the settings with the box ticked
    explorer.set(**_menus(menus), **{model.SHOW_BEST.name: show_best})
    assert _seen(explorer) == _expected(LEADERS, NETWORK, GAP, menus, show_best)


def test_the_random_choices_cover_every_size_and_repeats():
    choices = _random_menus()
    sizes = [len({m for m in menus if m}) for menus in choices]
    assert len(choices) >= 20 and all(sizes.count(k) >= 3 for k in range(model.MENUS + 1))
    assert sum(len([m for m in menus if m]) > len({m for m in menus if m}) for menus in choices) >= 3
