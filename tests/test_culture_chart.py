"""Culture charts, checked through their Vega-Lite specs (no browser)."""

import json

from exercises.culture import chart, model


def test_explorer_binds_the_declared_inputs_at_their_defaults_and_says_what_it_shows():
    spec = chart.adoption_explorer(model.grid()).to_dict()
    bound = [p for p in spec["params"] if "bind" in p]
    assert [p["name"] for p in bound] == [s.name for s in model.CADENCE_INPUTS]
    assert [p["value"] for p in bound] == [s.default for s in model.CADENCE_INPUTS]
    assert len(spec["description"]) > 60


def test_never_forgets_means_one_thing_on_both_faces():
    """Regression: "never forgets" was 27 in the widget (NEVER = 27) but 0 in the static grid."""
    spec = chart.adoption_explorer(model.grid()).to_dict()
    half = next(p for p in spec["params"] if p["name"] == model.HALF_LIFE.name)
    assert model.NEVER in half["bind"]["options"] and 0 not in half["bind"]["options"]
    assert f"{model.NEVER} = never forgets" in half["bind"]["name"]


def test_the_explorer_is_light():
    """Regression: the cadence cell's output was 607 KB; the explorer's data must stay far under 150 KB."""
    assert len(json.dumps(chart.adoption_explorer(model.grid()).to_dict())) < 100_000


def test_live_chart_has_one_dataset():
    assert len(chart.adoption_chart(model.cadence(26, 4, 4)["curves"]).to_dict()["datasets"]) == 1


def test_the_subtitle_says_what_the_solid_line_is_for_every_budget():
    """Regression (issue #22): the subtitle said "Solid: one conversation spread evenly", wrong for 13 or 26."""
    subtitle = " ".join(chart.adoption_explorer(model.grid()).to_dict()["title"]["subtitle"])
    assert "one conversation" not in subtitle and "budget spread evenly" in subtitle


def test_the_peer_explorer_binds_the_declared_inputs_at_their_defaults_and_is_light():
    spec = chart.peer_explorer(model.peer_grid()).to_dict()
    bound = [p for p in spec["params"] if "bind" in p]
    assert [p["name"] for p in bound] == [s.name for s in model.PEER_INPUTS]
    assert [p["value"] for p in bound] == [s.default for s in model.PEER_INPUTS]
    assert len(spec["description"]) > 60 and len(json.dumps(spec)) < 60_000


def test_the_two_explorers_of_the_page_share_no_input_name():
    """Both explorers are on one page; the journal keeps each one's inputs by name."""
    assert not {s.name for s in model.CADENCE_INPUTS} & {s.name for s in model.PEER_INPUTS}


def test_the_legend_sits_under_the_chart_so_it_fits_a_phone():
    for spec in (chart.adoption_chart(model.cadence(26, 4, 4)["curves"]).to_dict(),
                 chart.peer_explorer(model.peer_grid()).to_dict()):
        assert '"orient": "bottom"' in json.dumps(spec)


def test_no_fact_of_the_chapters_charts_is_only_in_a_tooltip():
    """Issue #22: facts only on hover are out of reach by keyboard and touch; the chapter's charts say
    everything in their words and axes, and carry no tooltip."""
    for spec in (chart.adoption_explorer(model.grid()).to_dict(), chart.peer_explorer(model.peer_grid()).to_dict(),
                 chart.adoption_chart(model.cadence(26, 4, 4)["curves"]).to_dict()):
        assert '"tooltip"' not in json.dumps(spec)
