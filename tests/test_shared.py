"""Shared helpers: scenario files, learner text, the renderer per context, the theme."""

import html
import json
import re

import altair as alt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.kit import display
from exercises.kit.charts import label_chart, one_at_a_time
from exercises.kit.live import LabelExercise, LiveChart, LiveExercise
from exercises.kit.quiz import Label
from exercises.kit.text import MAX_ANSWER_CHARS, MAX_CHARS, read_text, safe_text
from exercises.kit.theme import PALETTE, THEME_NAME, enable_theme



@settings(max_examples=300)
@given(st.text(max_size=2000))
def test_safe_text_never_lets_markup_through(text):
    shown = safe_text(text)
    assert "<" not in shown and ">" not in shown and '"' not in shown
    plain = html.unescape(shown)
    assert len(plain) <= MAX_CHARS + 1
    assert all(c in "\n\t" or ord(c) >= 32 for c in plain)  # control characters are dropped


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn")), max_size=600))
def test_safe_text_keeps_printable_text_intact_up_to_the_cap(text):
    plain = html.unescape(safe_text(text))
    if len(text) <= MAX_CHARS:
        assert plain == text
    else:  # cut at the cap, or a little before it so as not to split a character (tests/test_text.py)
        assert plain.endswith("…") and text.startswith(plain[:-1]) and MAX_CHARS - 32 < len(plain) - 1 <= MAX_CHARS


def test_static_html_is_deterministic_escaped_and_local():
    spec = {"description": "A <b>bold</b> claim", "mark": "point",
            "data": {"values": [{"label": "</script><script>alert(1)</script>"}]}}
    first, second = display.static_html(spec), display.static_html(spec)
    ids = [re.search(r'id="lp-chart-(\d+)-(\w+)"', html_).groups() for html_ in (first, second)]
    assert ids[0][1] == ids[1][1] and int(ids[1][0]) == int(ids[0][0]) + 1  # same spec, same hash; counter moves on
    assert "</script><script>" not in first
    assert "A &lt;b&gt;bold&lt;/b&gt; claim" in first
    assert "http://" not in first and "https://" not in first
    assert "_static/vendor/" in first


def test_setup_picks_the_renderer_from_the_environment(monkeypatch):
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x")
    monkeypatch.setenv(display.RENDER_ENV, "static")
    display.setup()
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "lp-chart" in bundle["text/html"]
    monkeypatch.setenv(display.RENDER_ENV, "")
    assert display.render_mode() == "live"
    display.setup()
    assert alt.renderers.active == "jupyter"
    monkeypatch.setenv(display.RENDER_ENV, "static")
    display.setup()


def test_live_chart_needs_one_dataset():
    df = pd.DataFrame({"x": [1]})
    two = alt.layer(alt.Chart(df).mark_point().encode(x="x"), alt.Chart(df.assign(y=1)).mark_point().encode(x="y"))
    with pytest.raises(ValueError, match="exactly one dataset"):
        LiveChart(two, mode="live")


def test_theme_uses_the_colour_blind_safe_palette():
    enable_theme()
    assert alt.theme.active == THEME_NAME
    spec = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x").to_dict()
    assert spec["config"]["range"]["category"] == list(PALETTE)
    json.dumps(spec)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=3000), st.none(), st.integers(), st.binary(max_size=50)))
def test_read_text_keeps_a_usable_answer_or_says_why_not(value):
    text, problem = read_text(value, "your why")
    assert len(text) <= MAX_ANSWER_CHARS and text == text.strip()
    assert all(c in "\n\t" or ord(c) >= 32 for c in text)
    text.encode("utf-8")  # no lone surrogates survive
    if not text:
        assert problem == "Write your why first: the box is empty."
    else:
        assert problem == "" or problem.startswith("That is ")


@pytest.mark.parametrize("value, problem", [
    ("", "Write your why first: the box is empty."), ("  \n\t ", "Write your why first: the box is empty."),
    ("\u200b", "Write your why first: the box is empty."),  # a zero-width space alone shows nothing: empty
    ("x" * 2001, "That is 2,001 characters; keep your why under 2,000. Only the first 2,000 were kept."),
    ("<script>alert(1)</script>", ""), ("\ud800 rest", ""),
])
def test_read_text_messages(value, problem):
    text, said = read_text(value, "your why")
    assert said == problem
    if not problem:
        assert text and "\ud800" not in text


QUESTION = Label("Why, how or what?", ["We believe <b>rest</b> matters", "We ship weekly", "A shift app"],
                 ["why", "how", "what"], ["why", "how", "what"], reasons=["A belief.", "A way <i>of</i> working.", ""])


def test_label_exercise_marks_counts_and_reveals():
    ex = LabelExercise(QUESTION, mode="static")
    assert ex.summary.value.startswith("<p>0 of 3 labelled, <b>0 right</b>")
    ex.menus[1].value = "what"
    assert ex.marks[1].value.endswith("✗ not this one. A way &lt;i&gt;of&lt;/i&gt; working.</span>")
    assert ex.marks[0].value == "" and "1 of 3 labelled, <b>0 right</b>" in ex.summary.value
    ex.set_answers(["why", "how", "nonsense"])
    assert ex.given == ["why", "how", ""] and "2 of 3 labelled, <b>2 right</b>" in ex.summary.value
    assert ex.marks[0].value == "<span>✓ right</span>"
    frame = ex.answers()
    assert list(frame.columns) == ["item", "given", "answer", "correct", "reason"]
    assert frame["correct"].tolist() == [True, True, False]
    ex.reveal.value = True
    assert "We believe &lt;b&gt;rest&lt;/b&gt; matters: <b>why</b>. A belief." in ex.solution.value
    ex.reset.click()
    assert ex.given == ["", "", ""] and "0 of 3 labelled" in ex.summary.value
    assert "<svg" in ex.chart.widget.value


def test_label_exercise_refuses_what_is_not_a_label_question():
    with pytest.raises(TypeError, match="quiz.Label"):
        LabelExercise("why, how, what")


def test_label_chart_counts_each_item_once_by_status():
    frame = pd.DataFrame({"item": ["a", "b", "c"], "given": ["why", "", "how"], "answer": ["why", "how", "what"],
                          "correct": [True, False, False], "reason": ["", "", ""]})
    spec = label_chart(frame).to_dict()
    (values,) = spec["datasets"].values()
    assert len(values) == 3 and "reason" not in values[0]
    assert "not yet" in json.dumps(spec["transform"]) and len(spec["description"]) > 40


# --------------------------------------------------------------------------- kit v2: inputs, one result, listeners


class _Probe(LiveExercise):
    """A live exercise with one of each declared input; ``fail`` makes the next compute raise."""

    from exercises.kit.inputs import Choice as _C, Flag as _F, Number as _N, Text as _T
    INPUTS = (_N("rate", "Rate", 1.5, low=0, high=3, step=0.5), _C("pick", "Pick", "b", options=("a", "b")),
              _T("why", "Why"), _F("sure", "Sure"))
    fail = False
    computed = 0

    def __init__(self):
        import altair as alt
        import pandas as pd
        super().__init__(chart=alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q"), mode="live")
        self.refresh()

    def compute(self):
        type(self).computed += 1
        if self.fail:
            raise RuntimeError("boom")
        return dict(self.values())

    def show(self, result):
        self.summary.value = f"<p>rate {result['rate']}</p>"

    def answer(self):
        return self.result


def test_declared_inputs_become_controls_that_start_at_their_defaults():
    probe = _Probe()
    assert probe.values() == {"rate": 1.5, "pick": "b", "why": "", "sure": False}
    assert probe.inputs["rate"].description == "Rate" and probe.inputs["rate"].step == 0.5


def test_a_float_slider_set_to_nan_keeps_the_last_good_value_with_a_sentence():
    """Hardening 2, item 3: ipywidgets accepts NaN from code; the kit refuses it at the control."""
    probe = _Probe()
    probe.inputs["rate"].value = 2.0
    probe.inputs["rate"].value = float("nan")
    assert probe.inputs["rate"].value == 2.0 and "finite number" in probe.notice.value
    assert probe.answer()["rate"] == 2.0


def test_a_menu_set_to_none_keeps_the_last_choice_with_a_sentence():
    """Hardening 2, item 4: ipywidgets lets code set a menu to None; the kit refuses it."""
    probe = _Probe()
    probe.inputs["pick"].value = "a"
    probe.inputs["pick"].value = None
    assert probe.inputs["pick"].value == "a" and "Choose one of the options" in probe.notice.value
    assert probe.answer()["pick"] == "a"


def test_something_went_wrong_clears_on_the_next_change_that_works():
    """Hardening 2, item 2: after one failed update, a later successful one clears the alert."""
    probe = _Probe()
    probe.fail = True
    probe.inputs["rate"].value = 0.5
    assert "Something went wrong" in probe.problems.value
    probe.fail = False
    probe.inputs["rate"].value = 1.0
    assert "Something went wrong" not in probe.problems.value and "rate 1.0" in probe.summary.value


def test_one_change_computes_once_and_listeners_read_that_result():
    from exercises.kit.live import listen

    heard = []
    stop = listen(lambda exercise: heard.append(exercise.answer()))
    try:
        probe = _Probe()
        before = _Probe.computed
        probe.inputs["rate"].value = 3.0
        assert _Probe.computed - before == 1
        assert heard[-1] == probe.answer() and heard[-1]["rate"] == 3.0
    finally:
        stop()


def test_a_listener_that_fails_becomes_a_sentence_not_a_traceback():
    from exercises.kit.live import listen

    def broken(exercise):
        raise OSError("disk full")

    stop = listen(broken)
    try:
        probe = _Probe()
        probe.inputs["rate"].value = 0.0
        assert "failed (OSError)" in probe.notice.value and "rate 0.0" in probe.summary.value
    finally:
        stop()


def test_input_declarations_refuse_what_a_learner_could_never_give():
    from exercises.kit.inputs import Choice, Number

    with pytest.raises(ValueError, match="not among its grid"):
        Number("n", "N", 7, low=0, high=10, grid=(0, 5, 10))
    with pytest.raises(ValueError, match="low must be below high"):
        Number("n", "N", 1, low=3, high=1)
    with pytest.raises(ValueError, match="Choose one"):
        Choice("c", "C", "z", options=("a", "b"))
    assert Number("n", "N", 5, low=0, high=10, step=5).steps() == (0, 5, 10)


def test_a_vega_sentence_fills_a_template_as_python_does():
    from exercises.kit.charts import vega_sentence, vega_string

    expr = vega_sentence("With {d:.0f} % it's {w:.1f} days\u2028{mu}", {"mu": "mu"})
    assert expr == ("'With ' + format(datum.d, '.0f') + ' % it\\'s ' + format(datum.w, '.1f') + ' days\\u2028' "
                    "+ ('' + mu)")
    assert vega_string("a\nb\u2029") == "'a\\nb\\u2029'"
    with pytest.raises(ValueError, match="not one Python and Vega share"):
        vega_sentence("{x:>10}")


@pytest.mark.parametrize("template, values, said", [
    ("{x:.1f}", {"x": 11.25}, "11.3"), ("{x:.0f} %", {"x": 62.5}, "63 %"), ("{x:.0f}", {"x": -2.5}, "−3"),
    ("{x:,.0f} k€", {"x": 1093.4}, "1,093 k€"), ("{x:.0%}", {"x": 0.125}, "13%"), ("{x} a week", {"x": 20.0}, "20 a week"),
    ("{x:.1f}", {"x": 1.05}, "1.1"), ("{x:.2f}", {"x": 1.005}, "1.00"),  # the exact binary values decide
])
def test_fill_rounds_as_vega_does(template, values, said):
    from exercises.kit.text import fill

    assert fill(template, **values) == said


def test_a_label_menu_set_to_none_keeps_its_label_and_the_answer_stays_storable():
    """Hardening 2, item 4: a label exercise's menu set to None (ipywidgets allows it from code) made
    its answer unstorable until the menu was reset; the kit refuses it and keeps the label."""
    from exercises.kit.quiz import Label

    question = Label("Sort these.", ["a", "b"], ["x", "y"], ["x", "y"])
    exercise = LabelExercise(question, mode="live")
    exercise.menus[0].value = "x"
    exercise.menus[0].value = None
    assert exercise.menus[0].value == "x" and "Choose one of the options" in exercise.notice.value
    answer = exercise.answer()
    assert answer["labels"] == {"a": "x", "b": ""} and json.loads(json.dumps(answer)) == answer


def test_one_at_a_time_is_declared_in_usermeta_beside_what_was_there():
    """The page reads ``usermeta.lp_one_at_a_time`` (kit/display.py's showPicked); what the chart
    had in usermeta stays, and an input named in two items, or no input at all, is refused."""
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().properties(usermeta={"lp_exercise": "t/e"})
    spec = one_at_a_time(chart, "pick_id", {"A": ["why_A", "size_A"], "B": ["why_B"]}).to_dict()
    assert spec["usermeta"] == {"lp_exercise": "t/e", "lp_one_at_a_time": {
        "signal": "pick_id", "groups": {"A": ["why_A", "size_A"], "B": ["why_B"]}}}
    with pytest.raises(ValueError, match="exactly one item"):
        one_at_a_time(chart, "pick_id", {"A": ["why"], "B": ["why"]})
    with pytest.raises(ValueError, match="exactly one item"):
        one_at_a_time(chart, "pick_id", {})
    html_ = display.static_html(spec)
    assert "lp_one_at_a_time" in html_ and "showPicked(view)" in html_
