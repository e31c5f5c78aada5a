"""The purpose chapter's static explorers against the model, in a browser.

Each explorer picks the model's rows by its inputs and fills the model's words in the page
(:func:`exercises.kit.charts.vega_sentence`): on seeded random settings of the declared grids
and the edges (Bass: no imitation at all, where adoption is fastest at the start, and the corners; the cascade: the
"never tips" branch, tipping with nobody committed, everyone committed), the lines the page draws
must be exactly what :func:`exercises.purpose.model.bass` and :func:`~exercises.purpose.model.crowd`
say. Each explorer must start at the declared defaults.
"""

from __future__ import annotations

import json
import random
import re

import pytest

from browser import ROOT, SETTLED, chart_page, explorer_page
from exercises.purpose import chart, model, widget

_rng = random.Random(1969)
BASS_EDGES = [(0.03, 0.38), (0.01, 0.2), (0.05, 0.6), (0.01, 0.6), (0.05, 0.2), (0.03, 0.0), (0.01, 0.0)]
BASS_POINTS = BASS_EDGES + [(_rng.choice(model.P.grid), _rng.choice(model.Q.grid)) for _ in range(20)]
# (spread, committed, mean): never tips (narrow and reluctant), tips with nobody committed, everyone
# committed, the defaults, the lowest and highest of each input; then seeded random settings.
CASCADE_EDGES = [(1, 50, 60), (1, 0, 70), (30, 0, 30), (10, 16, 40), (5, 29, 40), (5, 28, 40), (30, 50, 70),
                 (1, 0, 30)]
CASCADE_POINTS = CASCADE_EDGES + [(_rng.choice(model.SPREAD.grid), _rng.choice(model.COMMITTED.grid),
                                   _rng.choice(model.MEAN.grid)) for _ in range(22)]


@pytest.fixture(scope="class")
def bass_explorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("bass"), chart.bass_explorer(model.bass_grid()),
                       anchor=model.P.name) as found:
        yield found


@pytest.fixture(scope="class")
def cascade_explorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("cascade"), chart.cascade_explorer(model.cascade_grid()),
                       anchor=model.SPREAD.name) as found:
        yield found


def _bass_said(explorer) -> list[str]:
    return explorer.lines(r"^Adoption |^16 % ")


def _cascade_said(explorer) -> list[str]:
    return explorer.lines(r"^With \d+ % committed|^It |^Not tipped")


class TestBass:
    """One page for the Bass explorer (a class, so its browser closes before the next opens)."""

    def test_the_bass_explorer_starts_where_the_live_face_starts(self, bass_explorer):
        defaults = {spec.name: spec.default for spec in model.BASS_INPUTS}
        assert {k: float(v) for k, v in bass_explorer.values().items()} == pytest.approx(defaults)
        assert _bass_said(bass_explorer) == model.bass(**defaults)["words"]


    @pytest.mark.parametrize("p, q", BASS_POINTS)
    def test_the_bass_page_says_what_the_model_says(self, bass_explorer, p, q):
        bass_explorer.set(p=p, q=q)
        assert _bass_said(bass_explorer) == model.bass(p, q)["words"]



    def test_the_bass_page_says_adoption_is_fastest_at_the_start_without_imitation(self, bass_explorer):
        bass_explorer.set(p=0.03, q=0.0)
        assert model.bass(0.03, 0.0)["verdict"] == "falls"
        assert _bass_said(bass_explorer)[0] == model.bass(0.03, 0.0)["words"][0]


class TestCascade:
    """One page for the cascade explorer."""

    def test_the_cascade_explorer_starts_where_the_live_face_starts(self, cascade_explorer):
        defaults = {spec.name: spec.default for spec in model.CASCADE_INPUTS}
        held = cascade_explorer.values()
        assert held.pop("reveal") is False and defaults.pop("reveal") is False
        assert {k: float(v) for k, v in held.items()} == pytest.approx(defaults)
        defaults["reveal"] = False
        assert _cascade_said(cascade_explorer) == model.crowd(**defaults)["words"]

    def test_where_it_tips_stays_folded_until_asked(self, cascade_explorer):
        """Regression: the explorer printed "It tips … from 21 % committed", the answer to the
        exercise, before the learner had moved anything; and the line showed the jump."""
        cascade_explorer.set(spread=10, committed=16, mean=40, reveal=False)
        said, tip = " ".join(_cascade_said(cascade_explorer)), model.tipping_share(0.10, 0.40)
        assert f"from {tip:.0f} %" not in said and said == " ".join(model.crowd(10, 16, 40, reveal=False)["words"])
        drawn = cascade_explorer.page.evaluate("""(anchor) => {
            const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
            return Array.from(fig.querySelectorAll("path[aria-roledescription='line mark']"),
                              p => p.getBBox().width); }""", model.SPREAD.name)
        full = cascade_explorer.set(reveal=True).page.evaluate("""(anchor) => {
            const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
            return Array.from(fig.querySelectorAll("path[aria-roledescription='line mark']"),
                              p => p.getBBox().width); }""", model.SPREAD.name)
        assert len(drawn) == len(full) == 1 and drawn[0] < full[0] * 16 / 50 + 1
        assert f"from {tip:.0f} % committed." in " ".join(_cascade_said(cascade_explorer))

    @pytest.mark.parametrize("spread, committed, mean", CASCADE_POINTS)
    def test_the_cascade_page_says_what_the_model_says(self, cascade_explorer, spread, committed, mean):
        cascade_explorer.set(spread=spread, committed=committed, mean=mean, reveal=True)
        assert _cascade_said(cascade_explorer) == model.crowd(spread, committed, mean)["words"]

    @pytest.mark.parametrize("spread, committed, mean", CASCADE_POINTS[::3])
    def test_the_cascade_page_says_what_the_model_says_before_it_is_asked(self, cascade_explorer, spread, committed,
                                                                           mean):
        cascade_explorer.set(spread=spread, committed=committed, mean=mean, reveal=False)
        assert _cascade_said(cascade_explorer) == model.crowd(spread, committed, mean, reveal=False)["words"]

    def test_the_cascade_page_says_it_never_tips_where_the_model_does(self, cascade_explorer):
        cascade_explorer.set(spread=1, committed=50, mean=60, reveal=True)
        said = _cascade_said(cascade_explorer)
        assert model.crowd(1, 50, 60)["verdict"] == "never" and said[-1] == model.CASCADE_WORDS["never"][1]


# --------------------------------------------------------------------------- exercise 2: the message

_words = random.Random(2009)
#: Pieces a learner's message is made of: plain words in several scripts, feature words in any case,
#: numbers, prices and per cents, markup, emoji and combining marks, hyphens and apostrophes.
_PIECES = (["we", "believe", "carers", "deserve", "rest", "people", "for", "whom", "l'équipe", "self-serve",
            "Nous", "croyons", "мы", "верим", "我们", "相信", "e\u0301te\u0301", "🙂", "👩🏽‍⚕️", "🇫🇷🇩🇪", "²", "Ⅻ",
            "<b>bold</b>", "<script>alert(1)</script>", "&amp;", "'", "’", "-", "…", ",", ".", "%", "$", "€", "£",
            "40%", "40 %", "1,5", "2.0", "29", "٣", "१२"]
           + sorted(model.FEATURE_WORDS) + ["App", "DASHBOARD", "Sync's", "app-based", "apps", "ſync", "\u212aey"])


def _random_text(rng: random.Random) -> str:
    n = rng.choice([0, 1, 3, 8, 20, 40])
    return rng.choice(["", " ", "  "]) + " ".join(rng.choice(_PIECES) for _ in range(n)) + rng.choice(["", " "])


#: (why, how, what): the worked example and its weak why, empty boxes, spaces only, markup, a why
#: tripping each check and both, many words (some only counted), very long text (cut at 2,000
#: characters before a feature word, and inside a run of combining marks), a long number; then
#: seeded random messages.
MESSAGE_EDGES = [
    (model.WORKED["why"], model.WORKED["how"], model.WORKED["what"]),
    (model.WORKED["weak_why"], model.WORKED["how"], model.WORKED["what"]),
    ("", "", ""), ("   ", " ", ""), ("", "We ship weekly", "An app"),
    ("<b>We</b> <script>alert('x')</script> believe &amp; care", "<i>how</i>", "</div>"),
    ("Our new dashboard and API sync", "a", "b"), ("From 29 € a month, 40 % faster, $5 or £3.50", "a", "b"),
    ("App app APP apps feature Features api plan plans tier pricing price prices export import module sync",
     "", ""),
    (" ".join(str(k) for k in range(30)), "x", "y"),
    ("x" * 1995 + " app 40 %", "y" * 3000, "z"),
    ("a" * 1999 + "e\u0301\u0301\u0301 app", "", ""),
    ("9" * 120 + " dashboard " + "d" * 50, "", ""),
]
MESSAGES = MESSAGE_EDGES + [tuple(_random_text(_words) for _ in range(3)) for _ in range(24)]


@pytest.fixture(scope="class")
def message_explorer(tmp_path_factory):
    with explorer_page(tmp_path_factory.mktemp("message"), chart.message_explorer(model.message_grid()),
                       anchor=model.WHY.name) as found:
        yield found


def _live_words(why: str, how: str, what: str) -> list[str]:
    """What the live face says for these three boxes: both columns and the checks, as the page lays
    them out (each part previewed and wrapped, each check's line wrapped)."""
    ex = widget.MessageExercise(mode="static")
    ex.why.value, ex.how.value, ex.what.value = why, how, what
    texts = ex.result["texts"]

    def column(title, order):
        lines = [model.MESSAGE_WORDS[title]]
        for part in order:
            lines += model.wrap(model.preview(texts[part], part), model.COLUMN_CHARS)
        return lines

    checks = [piece for line in model.message_lines(ex.result["checks"]) for piece in model.wrap(line, model.LINE_CHARS)]
    return column("inside", ("why", "how", "what")) + column("outside", ("what", "how", "why")) + checks


_SUBTITLE = chart.message_explorer(model.message_grid()).to_dict()["title"]["subtitle"]
_SUBTITLE = " ".join([_SUBTITLE] if isinstance(_SUBTITLE, str) else _SUBTITLE)


def _message_said(explorer) -> list[str]:
    """The explorer's lines but its title and its subtitle (the last lines, one or more as it wraps)."""
    title = explorer.lines("^Say it inside out$")
    said = [line for line in explorer.lines() if line and line not in title]
    while said and said[-1] in _SUBTITLE:
        said.pop()
    return said


class TestMessage:
    """One page for the message explorer: the learner's own why, how and what."""

    def test_the_message_explorer_starts_empty_where_the_live_face_starts(self, message_explorer):
        assert message_explorer.values() == {spec.name: spec.default for spec in model.MESSAGE_INPUTS}
        assert _message_said(message_explorer) == _live_words("", "", "")

    @pytest.mark.parametrize("why, how, what", MESSAGES)
    def test_the_message_page_says_what_the_live_face_says(self, message_explorer, why, how, what):
        message_explorer.set(why=why, how=how, what=what)
        held = message_explorer.values()  # a text box drops line breaks: the live face gets what it holds
        assert _message_said(message_explorer) == _live_words(held["why"], held["how"], held["what"])

    def test_each_check_names_the_words_that_tripped_it_on_the_page(self, message_explorer):
        message_explorer.set(why="Our App syncs, for 29 € a month", how="", what="")
        said = _message_said(message_explorer)
        assert "Tripped by: App, syncs." in said and "Tripped by: 29, €." in said
        assert model.message_checks("Our App syncs, for 29 € a month", "", "")["words"].tolist()[:2] == [
            "App, syncs", "29, €"]

    def test_markup_typed_on_the_page_is_drawn_as_text(self, message_explorer):
        message_explorer.set(why="<img src=x onerror=alert(1)>", how="<b>bold</b>", what="")
        assert "<b>bold</b>" in _message_said(message_explorer)
        assert message_explorer.page.evaluate("document.querySelectorAll('figure.lp-chart img, figure.lp-chart b')"
                                              ".length") == 0


# --------------------------------------------------------------------------- no answer before an attempt


def _chapter_html() -> str:
    """The chapter as its published page shows it: the markdown (rendered) and every cell's stored
    static output, in order (the notebook is committed executed in static mode)."""
    from markdown_it import MarkdownIt

    md, parts = MarkdownIt("commonmark", {"html": True}), []
    for cell in json.loads((ROOT / "book" / "purpose.ipynb").read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append(md.render("".join(cell["source"])))
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("data", {}).get("text/html", "")))
    return "\n".join(parts)


#: What would answer an exercise: where the crowd tips (the model's revealed words, and the
#: solution's phrasing), the fictional team's worked message.
_ANSWERS = re.compile(r"tips (only )?from \d+ %|It tips \(90 %|It never tips here|We believe the people who care"
                      r"|Our app is 40% faster")


def test_no_answer_is_visible_in_the_chapter_before_an_attempt(tmp_path):
    """Regression: the cascade explorer printed where the crowd tips, the prose above it said it,
    and the message exercise showed the worked example, all before the learner tried anything."""
    with chart_page(tmp_path, _chapter_html(), "Purpose") as visit:
        page = visit.page
        page.wait_for_function("""() => { const figs = document.querySelectorAll("figure.lp-chart");
            return figs.length >= 3 && Array.from(figs).every(f => f.querySelector("svg text")); }""")
        page.evaluate(SETTLED)
        assert page.evaluate("document.querySelectorAll('details[open]').length") == 0
        assert page.evaluate("document.querySelectorAll('details.lp-solution').length") >= 3
        visible = page.evaluate("document.body.innerText")
        drawn = " ".join(page.evaluate("Array.from(document.querySelectorAll('svg text'), t => t.textContent)"))
        assert "Show where it tips" in visible and "Try this" in visible
        for text in (visible, drawn):
            assert not _ANSWERS.search(text), _ANSWERS.search(text)
        page.evaluate("document.querySelectorAll('details.lp-solution').forEach(d => d.open = true)")
        assert _ANSWERS.search(page.evaluate("document.body.innerText"))  # the answers are there, folded
