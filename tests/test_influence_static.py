"""The static influence explorers, in a real browser, held against the Python model.

On the published page there is no kernel: three menus choose the first conversations, and
Vega expressions pick that choice's row of the outcomes the model precomputed and fill the
model's own words (see :func:`exercises.influence.chart.cascade_explorer`). Here Chromium draws
the explorer (through ``tests/browser.py``'s :func:`~browser.explorer_page`), it must start at
the declared defaults, and for seeded random settings of the menus (nobody, one, two or three
people, the same person twice) and of the round shown, with "Show the best" ticked or not, and the
edges, the page must say exactly what :func:`exercises.influence.model.cascade_result` says: the
lines of words (the round's line too), each leader's buy-in at that round and when they join, the
count on board after each round, and in the network matrix each listener's threshold, each share
and whether its speaker is on board at that round. A company whose names hold
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
ROUND = model.ROUND.name
#: The lines of words the explorer draws: the model's lines, and the round's (not the axis title "Round (0: ...").
WORDS = "^(" + "|".join(re.escape(s) for s in _STARTS) + "|Round \\d+: )"

# The marks of the explorer: each leader's point on the grid (its aria label names them, their
# buy-in and when they join), the number printed on each round's bar, and the network matrix's
# cells: each share written in a cell (bold once its speaker is on board), read with the row's
# label (the listener and their threshold) and the column's (the speaker) it lies against.
_MARKS = """(anchor) => {
    const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
    const points = Array.from(fig.querySelectorAll("g.mark-symbol.role-mark path"))
        .map(p => p.getAttribute("aria-label") || "").filter(label => label.includes("Name: "));
    const shown = Array.from(fig.querySelectorAll("g.mark-text.role-mark"))
        .filter(g => g.getAttribute("aria-hidden") !== "true" && !g.closest('[aria-hidden="true"]'));
    const bars = shown.flatMap(g => Array.from(g.querySelectorAll("text")))
        .map(t => t.textContent).filter(t => /^\\d+$/.test(t)).map(Number);
    const centre = el => { const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; };
    const labels = Array.from(fig.querySelectorAll("g.role-axis-label text"));
    const rows = labels.filter(t => / needs \\d+%$/.test(t.textContent)).map(t => [centre(t)[1], t.textContent]);
    const columns = labels.filter(t => !/^[\\d.]+$/.test(t.textContent) && !/ needs \\d+%$/.test(t.textContent))
        .map(t => [centre(t)[0], t.textContent]);
    const near = (list, at) => list.reduce((a, b) => Math.abs(b[0] - at) < Math.abs(a[0] - at) ? b : a)[1];
    const cells = Array.from(fig.querySelectorAll("g.mark-text.role-mark text"))
        .filter(t => t.closest('[aria-hidden="true"], g.mark-text[aria-hidden="true"]') || t.getAttribute("aria-hidden") === "true")
        .filter(t => /^\\d+$/.test(t.textContent) && rows.length && columns.length)
        .map(t => { const [x, y] = centre(t);
            const bold = ["bold", "700"].includes(getComputedStyle(t).fontWeight) || t.getAttribute("font-weight") === "bold";
            return `${near(rows, y)} | ${near(columns, x)} | ${t.textContent}${bold ? " | on" : ""}`; });
    return {points, bars, cells};
}"""
_FIELD = re.compile(r"(Name|Buy-in|Joins): (.*?)(?=; [A-Z][\w-]*: |$)")


def _menus(seeds: list[str]) -> dict:
    return dict(zip(MENUS, [*seeds, *[model.NOBODY] * model.MENUS][:model.MENUS]))


def _edges() -> list[tuple[list[str], int]]:
    """Nobody; the default; the greedy and best pairs; a repeat; everyone on board; three with a
    repeat; each at the last round, and some at round 0, 1, 2 and past the end."""
    full = next(list(r.best) for r in GAP.itertuples() if r.best_reach == len(IDS))
    last = model.ROUND.default
    menus = [[], ["ceo"], ["ops", "dev"], ["dev", "sal"], ["ceo", "ceo"], full, ["", "qa", "qa"], ["hr", "", ""]]
    return ([(m, last) for m in menus]
            + [(["dev", "sal"], r) for r in (0, 1, 2, 3)] + [(["ceo"], 1), ([], 0), (full, 1), (["hr"], 5)])


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


def _random_settings(count: int = 24, seed: int = 20261207) -> list[tuple[list[str], int]]:
    """The seeded random menus, each at a seeded random round (0 to the slider's end)."""
    rng = random.Random(seed + 1)
    return [(menus, rng.choice([0, 1, 1, 2, 2, 3, model.ROUND.high])) for menus in _random_menus(count, seed)]


def _expected(leaders, network, gap, menus: list[str], show_best: bool = False, shown: int | None = None) -> dict:
    shown = len(leaders) if shown is None else shown
    result = model.cascade_result(leaders, network, gap, menus, shown, show_best)
    people = result["chart"][result["chart"]["kind"] == "person"]
    edges = result["chart"][result["chart"]["kind"] == "edge"]
    return {"words": result["words"] + [result["round_words"]] + ([model.REPEAT_WORDS] if result["repeat"] else []),
            "people": {r.name: (r.status, r.joins) for r in people.itertuples()},
            "bars": sorted(result["on_board"]),
            "cells": sorted(f"{r.label} | {r.speaker_name} | {r.share_words}" + (" | on" if r.on else "")
                            for r in edges.itertuples())}


def _seen(explorer) -> dict:
    marks = explorer.page.evaluate(_MARKS, explorer.anchor)
    people = {}
    for label in marks["points"]:
        fields = dict(_FIELD.findall(label))
        people[fields["Name"]] = (fields["Buy-in"], fields["Joins"])
    return {"words": explorer.lines(WORDS),
            "people": people, "bars": sorted(marks["bars"]), "cells": sorted(marks["cells"])}


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    face = chart.cascade_explorer(LEADERS, model.choice_outcomes(LEADERS, NETWORK), GAP, NETWORK)
    with explorer_page(tmp_path_factory.mktemp("cascade"), face, anchor=MENUS[0]) as found:
        yield found


def test_the_explorer_starts_at_the_declared_defaults(explorer):
    defaults = {spec.name: spec.default for spec in model.CASCADE_INPUTS[:model.MENUS]}
    assert explorer.values() == {**defaults, model.SHOW_BEST.name: model.SHOW_BEST.default,
                                 ROUND: str(model.ROUND.default)}
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


def _name(setting) -> str:
    menus, shown = setting
    return ("+".join(w or "-" for w in menus) or "nobody") + f"@{shown}"


@pytest.mark.parametrize("setting", _edges() + _random_settings(), ids=_name)
def test_the_page_says_what_the_model_says(explorer, setting):
    menus, shown = setting
    show_best = sum(map(ord, "".join(menus))) % 2 == 1  # about half the settings with the box ticked
    explorer.set(**_menus(menus), **{model.SHOW_BEST.name: show_best, ROUND: shown})
    assert _seen(explorer) == _expected(LEADERS, NETWORK, GAP, menus, show_best, shown)


def test_the_round_slider_shows_the_cascade_step_by_step(explorer):
    """Issue #22: the cascade could not be seen round by round on the page. For Priya and Marco:
    at round 0 only they and Yuki are on board, and Dana's row shows why she joins next (Priya's
    25 and Marco's 38 bold: past her 50%) while Omar's cell for Dana is not bold yet; at round 1
    the words say Dana, Aisha and Ines join, and Omar's cell for Dana is bold."""
    explorer.set(**_menus(["dev", "sal"]), **{model.SHOW_BEST.name: False, ROUND: 0})
    seen = _seen(explorer)
    assert "Round 0: 3 on board before anyone talks to anyone else." in seen["words"]
    assert {c for c in seen["cells"] if c.startswith("Dana needs 50% |") and c.endswith("| on")} == {
        "Dana needs 50% | Priya | 25 | on", "Dana needs 50% | Marco | 38 | on"}
    assert "Omar needs 40% | Dana | 50" in seen["cells"]
    assert sum(status != "Not on board" for status, _ in seen["people"].values()) == 3
    explorer.set(**{ROUND: 1})
    seen = _seen(explorer)
    assert "Round 1: Dana, Aisha and Ines join, and 6 are on board after it." in seen["words"]
    assert "Omar needs 40% | Dana | 50 | on" in seen["cells"]
    assert seen["people"]["Dana"] == ("Won over by others", "In round 1")
    explorer.set(**{ROUND: model.ROUND.default})


def test_every_leader_s_threshold_is_written_on_the_matrix(explorer):
    """Issue #22: who listens to whom, and each leader's threshold, were nowhere on the page. The
    matrix names every leader's row with their threshold in words, and every pair of the network
    file has its cell."""
    explorer.set(**_menus([model.FIRST_DEFAULT]), **{ROUND: model.ROUND.default})
    cells = _seen(explorer)["cells"]
    rows = {c.split(" | ")[0] for c in cells}
    assert rows == {f"{r.name} needs {round(100 * r.threshold)}%" for r in LEADERS.itertuples()}
    assert len(cells) == len(NETWORK)


def test_the_random_choices_cover_every_size_and_repeats():
    rounds = [shown for _, shown in _random_settings()]
    assert {0, 1, 2, model.ROUND.high} <= set(rounds)
    choices = _random_menus()
    sizes = [len({m for m in menus if m}) for menus in choices]
    assert len(choices) >= 20 and all(sizes.count(k) >= 3 for k in range(model.MENUS + 1))
    assert sum(len([m for m in menus if m]) > len({m for m in menus if m}) for menus in choices) >= 3
