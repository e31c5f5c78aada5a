"""The static cascade explorer, in a real browser, held against the Python model.

On the published page there is no kernel: three menus choose the first conversations, and
Vega expressions pick that choice's row of the outcome grid the model precomputed (see
:func:`exercises.influence.chart.cascade_explorer`). Here Chromium draws the explorer, a seeded
random walk sets the menus (nobody, one, two or three people, and the same person twice), and
each time the page must say what :func:`exercises.influence.model.cascade` says: how many are on
board, after how many rounds, who never joins, each leader's buy-in, the count after each round,
and the greedy and best choices of as many people.
"""

from __future__ import annotations

import random
import re

import pytest

from browser import chart_page
from exercises.kit import display
from exercises.influence import chart, model

CHOICES = 24
LEADERS = model.load_leaders()
NETWORK = model.load_network(leaders=LEADERS)
NAMES = dict(zip(LEADERS["id"], LEADERS["name"]))
# Every line the explorer writes (Vega draws a multi-line text as one <text> of <tspan>s).
_WORDS = """() => Array.from(document.querySelectorAll("figure.lp-chart svg g.mark-text.role-mark text"))
    .flatMap(t => t.querySelector("tspan") ? Array.from(t.querySelectorAll("tspan")) : [t])
    .map(t => t.textContent)
    .filter(t => /^(You talk first|Nobody talked|Pick a first|Greedy with|The best|Never on board|Everyone is|You chose)/.test(t))"""
# The numbers printed on the bars of the rounds panel (in data order: sorted below, as each
# round adds someone, the counts on board rise strictly from round to round).
_BARS = """() => Array.from(document.querySelectorAll("figure.lp-chart svg g.mark-text.role-mark text"))
    .filter(t => /^\\d+$/.test(t.textContent))
    .map(t => Number(t.textContent))"""
# Each leader's point says who it is and how they came on board.
_POINTS = """() => Array.from(document.querySelectorAll("figure.lp-chart svg g.mark-symbol.role-mark path"))
    .map(p => p.getAttribute("aria-label") || "")"""
_SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
_POINT = re.compile(r"Buy-in: ([^;]+); Name: ([^;]+);")


def _random_choices(rng) -> list[list[str]]:
    """Menus of nobody, one, two or three people, with a repeat now and then."""
    ids, choices = list(LEADERS["id"]), []
    for n in range(CHOICES):
        picked = rng.sample(ids, n % 4)
        menus = picked + [""] * (chart.MENUS - len(picked))
        if n % 5 == 4 and picked:  # the same person twice
            menus[(menus.index(picked[0]) + 1) % chart.MENUS] = picked[0]
        rng.shuffle(menus)
        choices.append(menus)
    return choices


def _expected(menus: list[str]) -> dict:
    seeds = [who for who in dict.fromkeys(menus) if who]
    frame = model.cascade(LEADERS, NETWORK, seeds)
    reach, rounds, total = int(frame["joined"].sum()), int(frame["step"].max()), len(frame)
    out = [NAMES[who] for who in frame.loc[~frame["joined"], "id"]]
    status = dict(zip(frame["name"], model.round_status(frame, rounds)))
    bars = [int(((frame["step"] >= 0) & (frame["step"] <= t)).sum()) for t in range(rounds + 1)]
    ordered = [NAMES[who] for who in LEADERS["id"] if who in seeds]
    if not seeds:
        words = [f"Nobody talked to yet: {reach} of {total} on board, those already for.",
                 "Pick a first conversation in the menus under the chart."]
    else:
        gap = model.greedy_gap(LEADERS, NETWORK, len(seeds)).iloc[-1]
        words = [f"You talk first to {', '.join(ordered)}: {reach} of {total} on board after {rounds} "
                 f"{'round' if rounds == 1 else 'rounds'}.",
                 f"Greedy with {len(seeds)}: {', '.join(NAMES[w] for w in gap.greedy)} → {gap.greedy_reach} on board.",
                 f"The best {len(seeds)}: {', '.join(NAMES[w] for w in gap.best)} → {gap.best_reach} on board.",
                 f"Never on board: {', '.join(out)}." if out else "Everyone is on board."]
    if len([m for m in menus if m]) > len(seeds):
        words.append("You chose the same person twice: that is one conversation, not two.")
    return {"words": words, "status": status, "bars": bars}


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    display.setup()
    face = chart.cascade_explorer(LEADERS, model.outcome_grid(LEADERS, NETWORK), model.greedy_gap(LEADERS, NETWORK))
    html = display.static_html(face.to_dict())
    with chart_page(tmp_path_factory.mktemp("cascade"), html, "Cascade explorer",
                    ready="figure.lp-chart svg g.mark-symbol.role-mark path") as visit:
        yield visit


def _show(page, menus: list[str]) -> dict:
    for k, who in enumerate(menus, start=1):
        page.select_option(f'select[name="first_{k}"]', who)
    page.evaluate(_SETTLED)
    points = [_POINT.search(label).groups() for label in page.evaluate(_POINTS)]
    return {"words": page.evaluate(_WORDS), "status": {name: status for status, name in points},
            "bars": sorted(page.evaluate(_BARS))}


def test_the_explorer_starts_from_the_chief_executive(page):
    menus = page.page.eval_on_selector_all("select[name^='first_']", "els => els.map(e => e.value)")
    assert menus == ["ceo", "", ""]
    assert _show(page.page, menus) == _expected(menus)


def test_the_page_shows_what_the_model_computes(page):
    rng = random.Random(20261204)
    seen = {size: 0 for size in range(chart.MENUS + 1)}
    repeats = 0
    for menus in _random_choices(rng):
        expected = _expected(menus)
        assert _show(page.page, menus) == expected, menus
        seen[len({m for m in menus if m})] += 1
        repeats += "same person twice" in expected["words"][-1]
    assert min(seen.values()) >= 3 and repeats >= 3, (seen, repeats)
    assert not page.problems()
