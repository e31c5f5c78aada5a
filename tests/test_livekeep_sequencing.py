"""Two sequencing items of the reading pass, held here.

The live order exercise says when each initiative of the learner's order ships (the chart's
dots said it only on hover: no keyboard, phone or screen reader reaches that), from the same
curve the dots are drawn from; the order builder's legend lists only the lines it draws (the
best order's line is folded until its box is ticked, and so is its legend entry).
"""

from __future__ import annotations

import random

import pytest

from exercises.sequencing import chart, model, widget
from exercises.sequencing.model import YOURS

BACKLOG = model.load_backlog()


def _ships(face) -> list[tuple[str, int]]:
    """``(names, week)`` of every dot of the learner's line, as the chart draws them."""
    curves = face.result.curves
    dots = curves[(curves["strategy"] == YOURS) & (curves["shipped"] != "")]
    return list(zip(dots["shipped"], dots["week"].astype(int)))


def test_the_live_order_says_each_ship_week_not_only_on_hover():
    """Regression: each dot's ship week was shown only in its tooltip."""
    rng = random.Random(20261207)
    ids = list(BACKLOG["id"])
    face = widget.OrderExercise(mode="static")
    for _ in range(25):
        horizon = rng.choice([model.HORIZON.low, model.HORIZON.default, model.HORIZON.high, rng.randint(4, 104)])
        face.inputs["horizon"].value = horizon
        face.set_order(model.canonical_order(BACKLOG, rng.sample(ids, len(ids))))
        said = face.summary.value
        if face.result.verdict != "valid":
            assert "ships" not in said  # no schedule, no ship weeks
            continue
        dots = _ships(face)
        assert dots, "a valid order ships something by week 4"
        for names, week in dots:
            assert f"{names} in week {week}" in said, (names, week)
        shipped = {name for names, _ in dots for name in names.split(", ")}
        later = [face._names[i] for i in face.order if face._names[i] not in shipped]
        assert (f"not by week {horizon}: " + ", ".join(later) in said) if later else "not by week" not in said
        assert len(shipped) + len(later) == len(BACKLOG)


def test_the_ship_weeks_are_the_models_schedule():
    face = widget.OrderExercise(mode="static")
    efforts = dict(zip(BACKLOG["id"], BACKLOG["effort_weeks"]))
    week = 0
    for i in face.order:  # one team, one initiative at a time: each ships when the efforts up to it are done
        week += int(efforts[i])
        if week <= face.result.horizon:
            assert f"{face._names[i]} in week {week}" in face.summary.value


def test_the_order_builder_legend_lists_only_the_lines_drawn():
    spec = chart.order_builder(model.order_builder_data(BACKLOG)).to_dict()
    legends = [layer["encoding"][channel]["legend"] for view in spec["vconcat"] for layer in view.get("layer", [])
               if "encoding" in layer for channel in ("color", "strokeDash") if channel in layer["encoding"]]
    assert legends and all(legend == legends[0] for legend in legends)  # one legend, colour and dash merged
    values = legends[0]["values"]["expr"]
    assert values.startswith(f"{model.SHOW_BEST.name} ?") and values.count(model.BEST) == 1


@pytest.fixture(scope="module")
def builder(tmp_path_factory):
    from browser import explorer_page

    face = chart.order_builder(model.order_builder_data(BACKLOG))
    with explorer_page(tmp_path_factory.mktemp("legend"), face, anchor=model.HORIZON.name) as found:
        yield found


@pytest.mark.integration  # Chromium draws the builder
def test_the_order_builder_legend_lists_best_possible_only_once_shown(builder):
    """Regression: the legend listed "Best possible" while that line was hidden."""
    assert model.BEST not in builder.lines() and {YOURS, model.WSJF} <= set(builder.lines())
    builder.set(**{model.SHOW_BEST.name: True})
    assert {YOURS, model.WSJF, model.BEST} <= set(builder.lines())
    builder.set(**{model.SHOW_BEST.name: False})
    assert model.BEST not in builder.lines()
