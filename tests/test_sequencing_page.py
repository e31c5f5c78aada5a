"""The sequencing chapter's page: its words agree with its exercises and its model (issue #22).

Read from the notebook the site is built from: every figure the discussion quotes is made by the
model (glued), no code shows, no code paths in the text, the check's answer reads as prose, and the
page ends with what to take away and one thing to try this week.
"""

from __future__ import annotations

import re

from chapter_page import closing_takeaways, code_paths_in, code_shown_in, glued, markdown_of, notebook
from exercises.sequencing import model, widget

NOTEBOOK = notebook("sequencing")
MARKDOWN = markdown_of(NOTEBOOK)


def _glued() -> dict:
    """The paragraphs the notebook glues for its prose (as executed), by key."""
    return glued(NOTEBOOK, "text/markdown")


def test_the_discussion_says_why_biggest_value_first_beats_wsjf_in_the_models_numbers():
    """Regression: the page said biggest value first beats WSJF (1,093 against 1,049 k€) without why."""
    glued = _glued()
    assert glued["rule_gap"] == widget.prose("rule_gap").data
    assert "```{glue:md} rule_gap" in MARKDOWN and "1,093" not in MARKDOWN and "1,049" not in MARKDOWN
    gap = model.rule_gap(model.load_backlog())
    assert gap["first"] == model.STRATEGY.default  # the explorer's default rule is the one the words name
    assert f"week {gap['first_ship']} instead of week {gap['second_ship']}" in glued["rule_gap"]


def test_every_quoted_figure_of_the_solutions_is_glued():
    glued = _glued()
    assert glued["leader_split"] == widget.prose("leader_split").data
    assert glued["one_kind"] == widget.prose("one_kind").data
    assert not re.search(r"roughly \d+ % to feature|about 11 % more|about a sixth less", MARKDOWN)


def test_no_code_and_no_code_paths_on_the_page():
    assert code_shown_in(NOTEBOOK) == [] and code_paths_in(MARKDOWN) == []


def test_the_page_ends_with_what_to_take_away_and_one_thing_to_try_this_week():
    assert 3 <= (closing_takeaways(NOTEBOOK) or 0) <= 4


def test_the_checks_answer_joins_its_right_options_as_prose():
    """Regression: an answer read "earns nothing.; With a short horizon" (sentences joined by '; ')."""
    html = widget.check().html()
    assert ".;" not in html and "earns nothing</strong> — " in html


def test_the_pages_words_never_call_wsjf_the_rule_everyone_recommends():
    """Regression: the page called WSJF "the rule everyone recommends" while the default beats it."""
    assert "everyone recommends" not in MARKDOWN
