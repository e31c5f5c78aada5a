"""Purpose live exercises, driven in-process as a learner would."""

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
    ex.q.value = 0.5
    assert f"{model.bass_peak_time(0.03, 0.5):.1f}" in ex.summary.value


def test_the_cascade_says_where_it_tips():
    ex = widget.CascadeExercise(mode="static")
    ex.spread.value, ex.share.value = 5, 30
    assert "It tips from <b>29 %</b>" in ex.summary.value and "30 % committed, 100 % join" in ex.summary.value
    ex.share.value = 16
    assert "16 % join" in ex.summary.value


def test_a_why_with_features_is_flagged_and_markup_is_never_rendered():
    ex = widget.MessageExercise(mode="static")
    assert "Write your why first" in ex.problems.value
    ex.why.value = "<script>x</script> Our app is 40 % faster"
    ex.how.value, ex.what.value = "We ship weekly 🙂", "x" * 5000
    assert "<script>" not in ex.summary.value and "&lt;script&gt;" in ex.summary.value
    assert "Tripped by: app, faster" in ex.summary.value and "2,000" in ex.problems.value


def test_the_static_message_applies_the_checks_to_the_worked_example():
    html = widget.message.static().data
    assert "✗" in html and "Tripped by: app, faster, dashboard" in html
