"""The page shell and the kit's chart plumbing, without a browser (issue #22 "across the book").

* a result sentence (``kit.charts.words``) is tagged for the page, takes no room in the picture and
  is hidden from screen readers inside it; ``static_html`` gives it an ``aria-live`` paragraph
  outside the ``role="img"`` element;
* an explorer's long title and subtitle are wrapped into lines that fit a phone;
* a new chapter's notebook removes its code cells' source (no "Show code cell source" toggle);
* the site has a favicon;
* the vendored scripts carry no source-map comment.

The browser half (the live region changing with an input, the width of a drawn explorer) is
``tests/test_shell_browser.py``; the built site's half is ``tests/test_site.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
import yaml

from exercises.kit import charts, display
from exercises.kit.charts import WIDTH, WORDS_FIELD, WORDS_MARK, explorer, is_words, warning_words, words, wrap_title

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import new_chapter  # noqa: E402
import vendor  # noqa: E402

#: The text column of a 390 px phone (the book theme's padding leaves 358 px).
PHONE_COLUMN = 358


def _sentence() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"x": [1]})).transform_calculate(label="'Hello ' + datum.x")


def _explorer(**kw) -> dict:
    picture = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q").properties(width=WIDTH, height=100)
    param = alt.param(name="n", value=1, bind=alt.binding_range(min=0, max=3, step=1, name="N: "))
    return explorer(words(_sentence()), picture, [param], title=kw.get("title", "A short title"),
                    subtitle=kw.get("subtitle", "Move the slider."), description="A chart of one point. " * 3).to_dict()


def test_words_are_tagged_for_the_page_and_take_no_room_in_the_picture():
    spec = words(_sentence()).to_dict()
    mark = spec["mark"]
    assert mark["description"] == WORDS_MARK and mark["aria"] is False
    assert mark["clip"] is True and mark["opacity"] == 0 and spec["height"] == 0
    # the sentence stays in the row (the page reads it there); the picture draws no text for it
    assert spec["encoding"]["text"] == {"value": ""} and WORDS_FIELD == "label"


def test_warning_words_are_tagged_as_a_warning():
    assert warning_words(_sentence()).to_dict()["mark"]["description"] == WORDS_MARK + " warning"


def test_words_ignore_an_old_callers_height():
    assert words(_sentence(), height=60).to_dict()["height"] == 0


def test_an_explorer_of_words_gives_them_no_height_and_no_spacing():
    spec = _explorer()
    assert spec["vconcat"][0]["height"] == 0 and spec["spacing"] == 0
    assert spec["vconcat"][0]["width"] == WIDTH


def test_an_explorer_whose_top_is_not_only_words_keeps_its_height():
    other = alt.Chart(pd.DataFrame({"x": [1]})).mark_text().encode(text="x:N")
    picture = other.mark_point().encode(x="x:Q")
    spec = explorer(other, picture, [], title="t", subtitle="s", description="d", words_height=77).to_dict()
    assert spec["vconcat"][0]["height"] == 77 and "spacing" not in spec


def test_is_words_sees_a_layer_of_words_and_a_warning():
    assert is_words(alt.layer(words(_sentence()), warning_words(_sentence())))
    assert not is_words(alt.layer(words(_sentence()), _sentence().mark_text().encode(text="label:N")))


def test_a_long_subtitle_is_wrapped_into_lines_that_fit_a_phone():
    long = "Pick a decision and a level, then read what the rule says about it and why it says so, twice over."
    spec = _explorer(subtitle=long, title="A title that is much too long to fit on the narrow screen of a phone")
    subtitle, title = spec["title"]["subtitle"], spec["title"]["text"]
    assert isinstance(subtitle, list) and " ".join(subtitle) == long
    assert all(len(line) <= charts.SUBTITLE_CHARS for line in subtitle)
    assert isinstance(title, list) and all(len(line) <= charts.TITLE_CHARS for line in title)


def test_a_short_subtitle_stays_a_string():
    assert _explorer()["title"]["subtitle"] == "Move the slider."
    assert wrap_title(["a", "b"], 1) == ["a", "b"]


def test_the_chart_width_leaves_room_for_an_axis_on_a_phone():
    # The y axis (labels and title) and the padding need about 75 px beside the plot.
    assert WIDTH + 75 <= PHONE_COLUMN


def test_static_html_gives_the_words_a_live_region_outside_the_picture():
    display.setup()
    html = display.static_html(_explorer())
    region = re.search(r'<p class="lp-chart-words" id="(lp-chart-[^"]+)-words" aria-live="polite"></p>', html)
    assert region, "no aria-live paragraph for the words"
    picture = re.search(r'<div id="([^"]+)" role="img"', html)
    assert picture and picture.group(1) == region.group(1)
    assert html.index('aria-live="polite"') < html.index('role="img"'), "the words must come before the picture"
    assert f"indexOf(\"{WORDS_MARK}\")" in html  # the page looks for the tag words() writes


def test_a_new_chapter_removes_its_code_instead_of_offering_a_toggle():
    notebook = new_chapter._notebook("reach", "Reach")
    tags = [tag for cell in notebook.cells if cell.cell_type == "code" for tag in cell.metadata.get("tags", [])]
    assert "hide-input" not in tags
    shown = [cell for cell in notebook.cells if cell.cell_type == "code" and "remove-cell" not in cell.metadata["tags"]]
    assert shown and all("remove-input" in cell.metadata["tags"] for cell in shown)


def test_the_site_has_a_favicon():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    favicon = ROOT / config["html"]["favicon"]
    assert favicon.is_file() and favicon.read_text(encoding="utf-8").lstrip().startswith("<svg")


@pytest.mark.parametrize("text, left", [
    ("a();\n//# sourceMappingURL=vega-lite.min.js.map\n", "a();\n"),
    ("a();\n//# sourceMappingURL=vega-lite.min.js.map", "a();\n"),
    ("a{}\n/*# sourceMappingURL=x.css.map */\nb{}", "a{}\nb{}"),
    ("var s = 'sourceMappingURL=';\n", "var s = 'sourceMappingURL=';\n"),  # code that names it is kept
])
def test_vendor_strips_source_map_comments(tmp_path, text, left):
    path = tmp_path / "bundle.js"
    path.write_text(text, encoding="utf-8")
    vendor.strip_source_maps(path)
    assert path.read_text(encoding="utf-8") == left


def test_no_vendored_script_points_at_a_missing_source_map():
    folder = ROOT / "_build" / "static" / "vendor"
    if not folder.is_dir():
        pytest.fail("no vendored scripts: run python tools/vendor.py (make book does)", pytrace=False)
    dangling = [f.relative_to(folder).as_posix() for f in folder.rglob("*") if f.suffix in (".js", ".css")
                and re.search(rb"^\s*(//|/\*)[#@]\s*sourceMappingURL=", f.read_bytes(), re.M)
                and not f.with_name(f.name + ".map").is_file()]
    assert not dangling, dangling

