"""The purpose chapter's static explorers against the model, in a browser.

Each explorer picks the model's rows by its inputs and fills the model's words in the page
(:func:`exercises.kit.charts.vega_sentence`): on seeded random settings of the declared grids
and the edges (Bass: no imitation at all, where adoption is fastest at the start, and the corners; the cascade: the
"never tips" branch, tipping with nobody committed, everyone committed), the lines the page draws
must be exactly what :func:`exercises.purpose.model.bass` and :func:`~exercises.purpose.model.crowd`
say. Each explorer must start at the declared defaults.
"""

from __future__ import annotations

import random

import pytest

from browser import explorer_page
from exercises.purpose import chart, model

_rng = random.Random(1969)
BASS_EDGES = [(0.03, 0.38), (0.01, 0.2), (0.05, 0.6), (0.01, 0.6), (0.05, 0.2), (0.03, 0.0), (0.01, 0.0)]
BASS_POINTS = BASS_EDGES + [(_rng.choice(model.P.grid), _rng.choice(model.Q.grid)) for _ in range(20)]
# (spread, committed, mean): never tips (narrow and reluctant), tips with nobody committed, everyone
# committed, the defaults, the lowest and highest of each input; then seeded random settings.
CASCADE_EDGES = [(1, 50, 60), (1, 0, 70), (30, 0, 30), (10, 16, 40), (5, 29, 40), (5, 28, 40), (30, 50, 70),
                 (1, 0, 30)]
CASCADE_POINTS = CASCADE_EDGES + [(_rng.choice(model.SPREAD.grid), _rng.choice(model.COMMITTED.grid),
                                   _rng.choice(model.MEAN.grid)) for _ in range(22)]


@pytest.fixture(scope="class")
def bass_explorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("bass"), chart.bass_explorer(model.bass_grid()),
                       anchor=model.P.name) as found:
        yield found


@pytest.fixture(scope="class")
def cascade_explorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("cascade"), chart.cascade_explorer(model.cascade_grid()),
                       anchor=model.SPREAD.name) as found:
        yield found


def _bass_said(explorer) -> list[str]:
    return explorer.lines(r"^Adoption |^16 % ")


def _cascade_said(explorer) -> list[str]:
    return explorer.lines(r"^With \d+ % committed|^It ")


class TestBass:
    """One page for the Bass explorer (a class, so its browser closes before the next opens)."""

    def test_the_bass_explorer_starts_where_the_live_face_starts(self, bass_explorer):
        defaults = {spec.name: spec.default for spec in model.BASS_INPUTS}
        assert {k: float(v) for k, v in bass_explorer.values().items()} == pytest.approx(defaults)
        assert _bass_said(bass_explorer) == model.bass(**defaults)["words"]


    @pytest.mark.parametrize("p, q", BASS_POINTS)
    def test_the_bass_page_says_what_the_model_says(self, bass_explorer, p, q):
        bass_explorer.set(p=p, q=q)
        assert _bass_said(bass_explorer) == model.bass(p, q)["words"]



    def test_the_bass_page_says_adoption_is_fastest_at_the_start_without_imitation(self, bass_explorer):
        bass_explorer.set(p=0.03, q=0.0)
        assert model.bass(0.03, 0.0)["verdict"] == "falls"
        assert _bass_said(bass_explorer)[0] == model.bass(0.03, 0.0)["words"][0]


class TestCascade:
    """One page for the cascade explorer."""

    def test_the_cascade_explorer_starts_where_the_live_face_starts(self, cascade_explorer):
        defaults = {spec.name: spec.default for spec in model.CASCADE_INPUTS}
        assert {k: float(v) for k, v in cascade_explorer.values().items()} == pytest.approx(defaults)
        assert _cascade_said(cascade_explorer) == model.crowd(**defaults)["words"]


    @pytest.mark.parametrize("spread, committed, mean", CASCADE_POINTS)
    def test_the_cascade_page_says_what_the_model_says(self, cascade_explorer, spread, committed, mean):
        cascade_explorer.set(spread=spread, committed=committed, mean=mean)
        assert _cascade_said(cascade_explorer) == model.crowd(spread, committed, mean)["words"]


    def test_the_cascade_page_says_it_never_tips_where_the_model_does(self, cascade_explorer):
        cascade_explorer.set(spread=1, committed=50, mean=60)
        said = _cascade_said(cascade_explorer)
        assert model.crowd(1, 50, 60)["verdict"] == "never" and said[-1] == model.CASCADE_WORDS["never"][1]
