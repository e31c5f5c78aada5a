"""The culture explorers' browser comparisons can fail: a mutated expression makes the page's
words differ from the model's (a page of its own, so no other explorer's browser is open)."""

from __future__ import annotations

from browser import explorer_page, mutated
from exercises.culture import chart, model
from test_culture_static_peers import PATTERN


def test_a_mutated_weeks_verdict_makes_the_peer_comparison_fail(tmp_path):
    """The page picks the wrong measure's line: the words differ from the model's."""
    spec = mutated(chart.peer_explorer(model.peer_grid()), "datum.more_held == 'even'", "datum.more_held == 'burst'")
    with explorer_page(tmp_path, spec, anchor=model.PEER.name) as page:
        page.set(peer=0, conversations=26, fading=4, peer_guess="no")
        assert page.lines(PATTERN) != model.peers(0, 26, 4, "no")["said"]
