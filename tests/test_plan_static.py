"""Your transition plan's static explorers, in a real browser, held against the Python model.

On the published page there is no kernel: the gaps explorer works out each competency's gap in
the page and names the largest with the model's words; the week explorer picks the model's words
for the two shares; the questions explorer counts the answers. For seeded random settings (and
the edges) the page must say exactly what :mod:`exercises.plan.model` says.
"""

from __future__ import annotations

import random

import pytest

from browser import explorer_page
from exercises.plan import chart, model

NAMES = [spec.name for spec in model.SELF_INPUTS]
_rng = random.Random(24)
DEFAULTS = {spec.name: spec.default for spec in model.SELF_INPUTS}
RATINGS = [DEFAULTS, {n: 3 for n in NAMES}, {n: (5 if n.startswith("goal") else 1) for n in NAMES},
           {n: (1 if n.startswith("goal") else 5) for n in NAMES}] + [
    {n: _rng.randint(1, 5) for n in NAMES} for _ in range(21)]


@pytest.fixture(scope="module")
def gaps(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("gaps"), chart.self_explorer(), anchor="now_domain") as found:
        yield found


def _gap_words(explorer):
    return explorer.lines(r"^Your largest gap|^You rate all")


def test_the_gaps_explorer_starts_where_the_live_face_starts(gaps):
    assert {k: float(v) for k, v in gaps.values().items()} == {n: float(v) for n, v in DEFAULTS.items()}
    assert _gap_words(gaps) == [model.self_result(**DEFAULTS)["words"]]


@pytest.mark.parametrize("ratings", RATINGS)
def test_the_gaps_page_says_what_the_model_says(gaps, ratings):
    gaps.set(**ratings)
    assert _gap_words(gaps) == [model.self_result(**ratings)["words"]]
