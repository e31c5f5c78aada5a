"""The culture chapter's static explorer against the model, in a browser.

The explorer picks the model's row by its three inputs, unpacks its curves and fills the model's
verdict words in the page (:func:`exercises.kit.charts.vega_sentence`): on seeded random settings
of the declared grids and the edges (never forgets: a tie; forgetting with a full-year budget: the
even spread ahead; spread too thin: a tie at nothing; the shortest and longest burst), the two lines
it draws must be exactly what :func:`exercises.culture.model.cadence` says, and it must start at
the declared defaults.
"""

from __future__ import annotations

import random
import re

import pytest

from browser import CURVES, explorer_page
from exercises.culture import chart, model

EDGES = [(26, 4, model.NEVER), (26, 4, 4), (13, 4, 2), (104, 1, 2), (104, 26, model.NEVER), (13, 26, 8),
         (52, 13, 8), (13, 1, model.NEVER)]
_rng = random.Random(2018)
POINTS = EDGES + [(_rng.choice(model.BUDGET.grid), _rng.choice(model.BURST.grid), _rng.choice(model.HALF_LIFE.grid))
                  for _ in range(22)]


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("cadence"), chart.adoption_explorer(model.grid()),
                       anchor=model.BUDGET.name) as found:
        yield found


def _said(explorer) -> list[str]:
    return explorer.lines(r"at week 52|weeks of adoption|^You guessed |^\d+ conversations: |^People (forget|never)")


def test_the_explorer_starts_where_the_live_face_starts_with_no_verdict_and_no_curve(explorer):
    """No spoilers: before a guess the page asks for one, and draws no curve and no verdict."""
    defaults = {spec.name: spec.default for spec in model.CADENCE_INPUTS}
    values = explorer.values()
    assert values[model.GUESS.name] == model.GUESS.default == ""
    numbers = {k: v for k, v in defaults.items() if k != model.GUESS.name}
    assert {k: float(values[k]) for k in numbers} == pytest.approx(numbers)
    assert _said(explorer) == model.cadence(**defaults)["said"] == model.folded(26, 4, 4)
    assert explorer.count(CURVES) == 0
    assert not [line for line in explorer.lines() if "ahead" in line or "tie at" in line or re.search(r"\d %", line)
                or "weeks of adoption" in line]


_guesses = random.Random(52)


@pytest.mark.parametrize("budget, burst, half_life", POINTS)
def test_the_page_says_what_the_model_says(explorer, budget, burst, half_life):
    guess = _guesses.choice(model.GUESS.options)
    explorer.set(budget=budget, burst=burst, half_life=half_life, guess=guess)
    found = model.cadence(budget, burst, half_life, guess=guess)
    assert _said(explorer) == found["said"]
    if guess:
        assert found["said"][:2] == found["words"]
    assert explorer.count(CURVES) == (2 if guess else 0)


@pytest.mark.parametrize("budget, burst, half_life, verdict", [(26, 4, model.NEVER, "tie"), (26, 4, 4, "even")])
def test_the_page_gives_the_models_verdict(explorer, budget, burst, half_life, verdict):
    explorer.set(budget=budget, burst=burst, half_life=half_life, guess="burst")
    assert model.cadence(budget, burst, half_life)["verdict"] == verdict
    assert _said(explorer)[0].startswith(model.CADENCE_WORDS[verdict][0].split(":")[0])


@pytest.mark.parametrize("budget, burst, half_life, more", [(13, 4, 2, "burst"), (26, 4, model.NEVER, "burst"),
                                                             (26, 4, 4, "even")])
def test_the_page_reports_both_measures(explorer, budget, burst, half_life, more):
    """Regression (issue #22): only who leads at week 52 was reported; the page now also says which
    schedule gives more weeks of adoption, in the model's words."""
    explorer.set(budget=budget, burst=burst, half_life=half_life, guess="even")
    found = model.cadence(budget, burst, half_life)
    assert found["more_held"] == more
    assert _said(explorer)[1] == found["words"][1]
    assert found["words"][1].startswith(model.WEEKS_WORDS[more].split(":")[0])
