"""Purpose live exercises, driven in-process as a learner would."""

import json
import math

import pytest

from exercises.purpose import model, widget


def test_the_sort_marks_a_wrong_label_with_its_reason():
    ex = widget.sort.live(mode="static")
    wrong = next(label for label in model.CIRCLES if label != ex.question.answers[0])
    ex.menus[0].value = wrong
    assert "not this one" in ex.marks[0].value and "1 of 15 labelled, <b>0 right" in ex.summary.value
    ex.menus[0].value = ex.question.answers[0]
    assert "✓" in ex.marks[0].value


def test_the_static_sort_is_the_same_label_question():
    quiz = widget.sort.static()
    assert quiz.questions[0] == widget.question() and "data-reason" in quiz.html()


def test_moving_p_and_q_changes_the_peak():
    ex = widget.BassExercise(mode="static")
    assert "6.2" in ex.summary.value
    ex.inputs["q"].value = 0.5
    assert f"{model.bass_peak_time(0.03, 0.5):.1f}" in ex.summary.value
    assert ex.answer()["peak"] == round(model.bass_peak_time(0.03, 0.5), 2)


def test_the_live_faces_start_at_the_declared_defaults():
    for ex, inputs in ((widget.BassExercise(mode="static"), model.BASS_INPUTS),
                       (widget.CascadeExercise(mode="static"), model.CASCADE_INPUTS)):
        assert ex.values() == {spec.name: spec.default for spec in inputs}


def test_bass_given_nan_from_a_float_slider_keeps_the_last_good_value_and_a_finite_answer():
    """Regression: NaN from the p slider showed a generic error and answer() returned NaN."""
    ex = widget.BassExercise(mode="static")
    before = ex.answer()
    ex.inputs["p"].value = math.nan
    assert "finite" in ex.notice.value and "Something went wrong" not in ex.problems.value
    assert ex.inputs["p"].value == model.P.default and ex.answer() == before
    json.dumps(ex.answer(), allow_nan=False)
    ex.inputs["q"].value = math.inf  # the slider clamps it to its top, a value the model takes
    json.dumps(ex.answer(), allow_nan=False)


@pytest.mark.parametrize("p, q", [(0.005, 0.0), (0.005, 0.8), (0.1, 0.0), (0.1, 0.8), (0.03, 0.03)])
def test_bass_answer_is_finite_at_every_corner(p, q):
    ex = widget.BassExercise(mode="static")
    ex.inputs["p"].value, ex.inputs["q"].value = p, q
    json.dumps(ex.answer(), allow_nan=False)
    assert all(math.isfinite(v) for v in ex.answer().values())


def test_bass_answer_reads_the_result_and_never_asks_the_model_again(monkeypatch):
    ex = widget.BassExercise(mode="static")
    monkeypatch.setattr(model, "bass", lambda *a, **k: pytest.fail("answer() asked the model again"))
    monkeypatch.setattr(model, "bass_peak_time", lambda *a, **k: pytest.fail("answer() asked the model again"))
    assert ex.answer()["p"] == 0.03


def test_the_cascade_says_where_it_tips_once_asked():
    ex = widget.CascadeExercise(mode="static")
    ex.inputs["spread"].value, ex.inputs["committed"].value = 5, 30
    assert "It has tipped" in ex.summary.value and "from 29 %" not in ex.summary.value
    ex.inputs["reveal"].value = True
    assert "It tips (90 % or more join) from 29 % committed." in ex.summary.value
    assert "With 30 % committed, 100 % of the crowd join" in ex.summary.value
    ex.inputs["committed"].value = 16
    assert "16 % of the crowd join" in ex.summary.value
    assert ex.answer() == {"spread": 5, "committed": 16, "mean": 40, "joined": 16.0, "tips": 29.0, "asked": True}


def test_the_live_cascade_keeps_where_it_tips_folded_until_asked():
    """Regression: the live face said where the crowd tips, the exercise's answer, from the start."""
    ex = widget.CascadeExercise(mode="static")
    tip = model.tipping_share(0.10, 0.40)
    assert f"from {tip:.0f} %" not in ex.summary.value and "Where does it tip?" in ex.summary.value
    drawn = ex.result["curve"]
    assert drawn["shown"].tolist() == (drawn["committed"] <= model.COMMITTED.default).tolist()
    assert ex.answer()["asked"] is False


def test_a_reluctant_narrow_crowd_never_tips_on_the_live_face():
    ex = widget.CascadeExercise(mode="static")
    ex.inputs["reveal"].value = True
    ex.inputs["spread"].value, ex.inputs["mean"].value, ex.inputs["committed"].value = 1, 60, 50
    assert "It never tips here" in ex.summary.value and ex.answer()["tips"] is None


def test_cascade_answer_never_asks_the_model_again(monkeypatch):
    ex = widget.CascadeExercise(mode="static")
    for name in ("crowd", "tipping_share", "cascade_curve"):
        monkeypatch.setattr(model, name, lambda *a, **k: pytest.fail("answer() asked the model again"))
    assert ex.answer()["committed"] == 16


def test_a_why_with_features_is_flagged_and_markup_is_never_rendered():
    ex = widget.MessageExercise(mode="static")
    assert "Write your why first" in ex.problems.value and ex.answer() is None
    ex.why.value = "<script>x</script> Our app is 40 % faster"
    ex.how.value, ex.what.value = "We ship weekly 🙂", "x" * 5000
    assert "<script>" not in ex.summary.value and "&lt;script&gt;" in ex.summary.value
    assert "Tripped by: app, faster" in ex.summary.value and "2,000" in ex.problems.value
    assert ex.answer()["score"] == 1 and len(ex.answer()["what"]) == 2000


def test_the_static_message_is_the_learners_own_three_boxes_not_a_worked_example():
    """Regression: the page without a kernel only showed the fictional team's message."""
    spec = widget.message.static().to_dict()
    params = {p["name"]: p for p in spec["params"]}
    for declared in model.MESSAGE_INPUTS:
        assert params[declared.name]["bind"]["input"] == "text" and params[declared.name]["value"] == declared.default
    assert model.WORKED["weak_why"] not in str(spec)


def test_the_live_face_says_the_models_lines_for_the_worked_example():
    html = widget.message_html(model.WORKED["weak_why"], model.WORKED["how"], model.WORKED["what"])
    lines = model.message_lines(model.message_checks(model.WORKED["weak_why"], model.WORKED["how"], model.WORKED["what"]))
    assert "Tripped by: app, faster, dashboard." in lines and all(line in html for line in lines)


def test_the_quiz_names_the_claim_not_the_seeds():
    assert "seeds" not in widget.check().html()
