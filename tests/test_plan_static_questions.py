"""Your transition plan's questions explorer, in a real browser, held against the Python model.

On the published page there is no kernel: the gaps explorer works out each competency's gap in
the page and names the largest with the model's words; the week explorer picks the model's words
for the two shares; the questions explorer counts the answers. For seeded random settings (and
the edges) the page must say exactly what :mod:`exercises.plan.model` says.
"""

from __future__ import annotations

import pytest

from browser import explorer_page
from exercises.plan import chart, model

@pytest.fixture(scope="module")
def questions(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("questions"), chart.questions_explorer(), anchor="want") as found:
        yield found


@pytest.mark.parametrize("answers", [("", "", ""), ("Discovery", "", ""), ("  ", "Scope creep", "Outcomes"),
                                     ("<b>x</b>", "' + alert(1) + '", "مرحبا 🧭")])
def test_the_questions_page_counts_as_the_model_counts(questions, answers):
    values = dict(zip([s.name for s in model.QUESTION_INPUTS], answers))
    questions.set(**values)
    assert questions.lines(r"^You have answered") == [model.question_result(**values)["words"]]
