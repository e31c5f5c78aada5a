"""Shared helpers: scenario files, learner text, the renderer per context, the theme."""

import html
import json
import re

import altair as alt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises import display
from exercises.live import LiveChart
from exercises.text import MAX_CHARS, safe_text
from exercises.theme import PALETTE, THEME_NAME, enable_theme



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
    assert plain == (text if len(text) <= MAX_CHARS else text[:MAX_CHARS] + "…")


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
