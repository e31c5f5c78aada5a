"""The purpose chapter's page: its words agree with its exercises and its model (issue #22).

Read from the notebook the site is built from: the reader-facing text names claims and sources
(never "the seeds"), promises as many checks as exercise 2 shows, quotes no number the model does
not make, hides every code cell and ends with what to take away and one thing to try this week.
"""

from __future__ import annotations

import re

from chapter_page import closing_takeaways, code_paths_in, code_shown_in, glued, markdown_of, notebook
from exercises.purpose import model

NOTEBOOK = notebook("purpose")
MARKDOWN = markdown_of(NOTEBOOK)
COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _glued() -> dict:
    """The numbers the notebook glues for its prose (as executed), by key."""
    return {name: float(value) for name, value in glued(NOTEBOOK).items()}


def test_exercise_2_promises_as_many_checks_as_it_shows():
    """Regression: the text promised "two honest checks" and the exercise showed three."""
    said = re.findall(r"\b(\w+) honest checks\b", MARKDOWN)
    assert said and all(COUNTS[word] == len(model.MESSAGE_CHECKS) for word in said), said


def test_the_page_names_the_claim_and_its_source_never_the_seeds():
    """Regression: reader-facing text said "the seeds' 15–18 %" and the chart "16 % (seeds)"."""
    assert "seed" not in MARKDOWN.lower()
    assert "{cite:p}`rogers2003`" in MARKDOWN and "{cite:p}`centola2018`" in MARKDOWN
    assert "15–18 % tipping point" in MARKDOWN  # the popular claim, named as such


def test_no_code_and_no_code_paths_on_the_page():
    assert code_shown_in(NOTEBOOK) == [] and code_paths_in(MARKDOWN) == []


def test_the_page_ends_with_what_to_take_away_and_one_thing_to_try_this_week():
    assert 3 <= (closing_takeaways(NOTEBOOK) or 0) <= 4


def test_the_prose_numbers_are_glued_from_the_model_at_the_explorers_defaults():
    glued = _glued()
    assert glued["bass_peak"] == model.bass_peak_time(model.P.default, model.Q.default)
    assert (glued["bass_p"], glued["bass_q"], glued["mean_default"]) == (model.P.default, model.Q.default,
                                                                         model.MEAN.default)
    for spread in (5, 10, 20):
        assert glued[f"tip_{spread}"] == model.tipping_share(spread / 100, model.MEAN.default / 100)
    # What the prose says around them: above both figures with a narrow spread; never tips when reluctant.
    assert glued["tip_5"] > 100 * model.CENTOLA_TIP and model.tipping_share(0.01, 0.60) is None
    assert "{glue:text}`bass_peak:.1f`" in MARKDOWN and "{glue:text}`tip_5:.0f`" in MARKDOWN
    assert not re.search(r"period 6\.2|from 29 %|threshold at 40 %", MARKDOWN)  # no number typed by hand


def test_the_prose_gives_rogers_categories_as_the_bass_chart_labels_them():
    """The chapter's text quotes each adopter category's share; the Bass chart's bands label the same."""
    text = re.sub(r"\{term\}`([^<`]+?)\s*<[^>`]+>`", r"\1", re.sub(r"\s+", " ", MARKDOWN))  # a glossary link reads as its words
    for row in model.rogers_categories().itertuples():
        assert f"{row.category} {row.share:.1f} %" in text, row.category
