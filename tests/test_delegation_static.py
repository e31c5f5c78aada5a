"""The static bottleneck explorer, in a real browser, held against the Python model.

On the published page there is no kernel: the explorer (see
:func:`exercises.delegation.chart.bottleneck_explorer`) picks rows of the model's precomputed
grid with Vega expressions and fills in the model's own words
(:data:`~exercises.delegation.model.BOTTLENECK_WORDS`). Here Chromium draws it, starts where the
live face starts, and for seeded random settings of its three inputs (and the edges: exactly at
capacity, far past it, a leader who keeps up alone, everything delegated) the two lines it draws
must be exactly what :func:`exercises.delegation.model.bottleneck` says.
"""

from __future__ import annotations

import random

import pytest

from browser import explorer_page
from exercises.delegation import chart, model

# (decisions, capacity, delegated %): settled, busy (over 95 %), exactly at capacity, far past it,
# a leader who keeps up alone, and everything delegated; then seeded random points of the grid.
EDGES = [(20, 15, 50), (30, 25, 20), (20, 15, 25), (40, 10, 50), (10, 20, 0), (20, 15, 100)]
_rng = random.Random(2016)
POINTS = EDGES + [(_rng.choice(model.DECISIONS.grid), _rng.choice(model.CAPACITY.grid),
                   _rng.choice(model.DELEGATED.grid)) for _ in range(24)]


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("bottleneck"), chart.bottleneck_explorer(model.bottleneck_grid()),
                       anchor=model.DECISIONS.name) as found:
        yield found


def _said(explorer) -> list[str]:
    return explorer.lines(r"^With \d+ % delegated|^each |^the queue |^the team ")


def test_the_explorer_starts_where_the_live_face_starts(explorer):
    defaults = {spec.name: spec.default for spec in model.BOTTLENECK_INPUTS}
    assert {k: float(v) for k, v in explorer.values().items()} == pytest.approx(defaults)
    assert _said(explorer) == model.bottleneck(**defaults)["words"]


@pytest.mark.parametrize("decisions, capacity, delegated", POINTS)
def test_the_page_says_what_the_model_says(explorer, decisions, capacity, delegated):
    explorer.set(decisions=decisions, capacity=capacity, delegated=delegated)
    assert _said(explorer) == model.bottleneck(decisions, capacity, delegated)["words"]

