"""The culture chapter's second static explorer (peers) against the model, in a browser.

The explorer picks the model's row by its three inputs (:data:`exercises.culture.model.PEER_INPUTS`),
unpacks its curves and fills the model's words in the page: on 24 seeded random settings of the
declared grids and the edges (no peer talk, the most peer talk, the thinnest and the fullest budget,
the fastest and slowest forgetting), the lines it says must be exactly what
:func:`exercises.culture.model.peers` says, it must draw both curves, and it must start at the
declared defaults. (A mutated expression makes the comparison fail: ``test_culture_static_mutations.py``.)
"""

from __future__ import annotations

import random

import pytest

from browser import CURVES, explorer_page
from exercises.culture import chart, model

EDGES = [(0, 26, 4), (1, 26, 4), (0, 13, 2), (1, 52, 8), (0.75, 26, 4), (0.5, 26, 4), (0, 52, 2), (1, 13, 8)]
_rng = random.Random(1969)
POINTS = EDGES + [(_rng.choice(model.PEER.grid), _rng.choice(model.PEER_BUDGET.grid),
                   _rng.choice(model.PEER_HALF_LIFE.grid)) for _ in range(24)]
PATTERN = r"at week 52|weeks of adoption|^With no peer talk|keeps itself|^You guessed|^Peer talk \d"


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("peers"), chart.peer_explorer(model.peer_grid()),
                       anchor=model.PEER.name) as found:
        yield found


def test_the_peer_explorer_starts_at_the_declared_defaults_with_no_verdict_and_no_curve(explorer):
    defaults = {spec.name: spec.default for spec in model.PEER_INPUTS}
    values = explorer.values()
    assert values[model.PEER_GUESS.name] == ""
    numbers = {k: v for k, v in defaults.items() if k != model.PEER_GUESS.name}
    assert {k: float(values[k]) for k in numbers} == pytest.approx(numbers)
    assert explorer.lines(PATTERN) == model.peers(**defaults)["said"]
    assert explorer.count(CURVES) == 0


_guesses = random.Random(1978)


@pytest.mark.parametrize("peer, conversations, fading", POINTS)
def test_the_peer_page_says_what_the_model_says(explorer, peer, conversations, fading):
    guess = _guesses.choice(model.PEER_GUESS.options)
    explorer.set(peer=peer, conversations=conversations, fading=fading, peer_guess=guess)
    found = model.peers(peer, conversations, fading, guess)
    assert explorer.lines(PATTERN) == found["said"]
    assert explorer.count(CURVES) == (2 if guess else 0)


@pytest.mark.parametrize("guess", ["yes", "no"])
def test_every_line_of_the_words_shows_once_guessed(explorer, guess):
    explorer.set(peer=0.75, conversations=26, fading=4, peer_guess=guess)
    found = model.peers(0.75, 26, 4, guess)
    assert explorer.lines(PATTERN) == found["words"] + [found["said"][-1]]
    assert found["lasts"] == "yes" and found["said"][-1].endswith("right." if guess == "yes" else "not this time.")
