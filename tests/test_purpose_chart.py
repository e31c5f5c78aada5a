"""Purpose charts: one dataset for live charts, bound inputs from the declarations, nothing computed."""

from exercises.purpose import chart, model
from specs import params


def test_live_charts_have_one_dataset_and_a_description():
    for built in (chart.bass_chart(model.bass(0.03, 0.38)["curve"]),
                  chart.cascade_chart(model.crowd(10, 16)["curve"])):
        spec = built.to_dict()
        assert len(spec["datasets"]) == 1 and spec["description"]


def test_explorers_bind_the_declared_inputs_at_their_defaults():
    for built, inputs in ((chart.bass_explorer(model.bass_grid()), model.BASS_INPUTS),
                          (chart.cascade_explorer(model.cascade_grid()), model.CASCADE_INPUTS)):
        bound = params(built.to_dict())
        for spec in inputs:
            assert "bind" in bound[spec.name] and bound[spec.name]["value"] == spec.default
            assert bound[spec.name]["bind"]["name"].startswith(spec.described)


def test_explorers_are_small():
    for built in (chart.bass_explorer(model.bass_grid()), chart.cascade_explorer(model.cascade_grid())):
        assert all(len(rows) <= 50 for rows in built.to_dict()["datasets"].values())


def test_the_reference_marks_name_their_sources_not_the_seeds():
    text = str(chart.cascade_explorer(model.cascade_grid()).to_dict())
    assert "16 %: Rogers' innovators" in text and "+ early adopters" in text
    assert "25 %: Centola's" in text and "committed minority" in text
    bass = str(chart.bass_explorer(model.bass_grid()).to_dict())
    assert "16 %: Rogers' innovators + early adopters" in bass and "25 %: Centola's committed minority" in bass
    assert "seeds" not in text.lower() + bass.lower()


def test_the_16_and_25_labels_sit_on_different_rows_of_the_threshold_chart():
    """Regression: the "16 %" and "25 %" labels collided on the threshold chart (9 points apart)."""
    spec = chart.cascade_chart(model.crowd(10, 16)["curve"]).to_dict()
    rows = [layer["encoding"]["y"]["value"] for part in spec["layer"] if "layer" in part for layer in part["layer"]
            if layer.get("mark", {}).get("type") == "text"]
    lines = [len(layer["encoding"]["text"]["value"]) for part in spec["layer"] if "layer" in part
             for layer in part["layer"] if layer.get("mark", {}).get("type") == "text"]
    height = max(lines) * chart._LINE
    assert len(rows) == 2 and abs(rows[0] - rows[1]) >= height  # each label's lines clear the other's
