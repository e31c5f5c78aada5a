"""Your transition plan: the model's rules, the plan's assembly and its exports, held to what must always hold."""

from __future__ import annotations

import html.parser
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.plan import model

RATINGS = st.fixed_dictionaries({spec.name: st.integers(1, 5) for spec in model.SELF_INPUTS})
#: Text a hostile or unlucky learner might type: markup, Markdown that would break a document,
#: right-to-left text, emoji, line breaks, control characters and a 100 KB paste.
HOSTILE = ["<script>alert('x')</script>", "</li></ul><h1>owned</h1>", "# Heading\n\n- [link](javascript:alert(1))",
           "**bold** _it_ `code` | table | ~~gone~~", "مرحبا بالعالم \u202eevil", "🧭👩🏽‍💻🇪🇺 ok",
           "line one\r\nline two\u2028three", "\x00\x07\x1b[31mred", "a" * 100_000, "&amp; &lt; \\ \\\\"]


def test_the_reference_week_adds_up_to_100_and_puts_the_largest_share_in_the_market():
    week = model.load_week()
    assert int(week["reference"].sum()) == 100
    assert week.set_index("id")["reference"].idxmax() == "market"


def test_each_competency_names_a_chapter_of_the_book_and_an_action():
    import exercises

    frame = model.load_competencies()
    assert len(frame) == 8
    assert set(frame["chapter"]) <= set(exercises.CHAPTERS)
    assert all(len(a) > 20 for a in frame["action"])


@given(RATINGS)
def test_gaps_are_goal_minus_now_largest_first_ties_in_book_order(ratings):
    frame = model.gaps(ratings)
    for row in frame.itertuples():
        assert row.gap == ratings[f"goal_{row.id}"] - ratings[f"now_{row.id}"]
    pairs = list(zip(frame["gap"], frame["order"]))
    assert pairs == sorted(pairs, key=lambda p: (-p[0], p[1]))


@given(RATINGS)
def test_the_words_name_the_largest_gap_or_say_there_is_none(ratings):
    result = model.self_result(**ratings)
    top = result["gaps"].iloc[0]
    if top["gap"] > 0:
        assert result["words"].startswith(f"Your largest gap is {top['name']}: from {int(top['now'])} now to "
                                          f"{int(top['goal'])} in six months.")
    else:
        assert result["words"] == model.SELF_WORDS["none"]


@pytest.mark.parametrize("bad", [0, 6, 2.5, None, "3", True, float("nan")])
def test_a_rating_outside_one_to_five_is_refused_with_a_sentence(bad):
    ratings = {spec.name: 3 for spec in model.SELF_INPUTS} | {"now_domain": bad}
    with pytest.raises(ValueError, match="whole number from 1 to 5"):
        model.gaps(ratings)


@given(st.sampled_from(model.MARKET.grid), st.sampled_from(model.INTERNAL.grid))
def test_the_week_verdict_follows_the_largest_difference(market, internal):
    result = model.week_result(market, internal)
    if market + internal > 100:
        assert result["verdict"] == "over" and "lower one" in result["words"]
        return
    week = result["week"]
    assert list(week["yours"]) == [market, internal, 100 - market - internal]
    diff = (week["yours"] - week["reference"]).abs()
    if diff.max() <= model.CLOSE:
        assert result["verdict"] == "close"
    else:
        name = week.iloc[int(diff.to_numpy().argmax())]["name"].lower()
        assert result["verdict"] == "differs" and name in result["words"]


def test_the_reference_week_itself_is_close():
    assert model.week_result(50, 30)["verdict"] == "close"


@pytest.mark.parametrize("bad", [-10, 110, float("nan"), None, "20"])
def test_a_share_outside_0_to_100_is_refused_with_a_sentence(bad):
    with pytest.raises(ValueError, match="share of the week"):
        model.week_result(bad, 20)


def test_the_week_grid_holds_the_models_words_for_every_pair():
    grid = model.week_grid()
    assert len(grid) == len(model.MARKET.grid) * len(model.INTERNAL.grid)
    row = grid[(grid["market"] == 20) & (grid["internal"] == 60)].iloc[0]
    assert row["words"] == model.week_result(20, 60)["words"]


@given(st.text(max_size=3000))
def test_plain_gives_one_line_without_controls_and_never_too_long(text):
    out = model.plain(text)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", out)
    assert len(out) <= model.TEXT_CHARS + 1
    assert out == out.strip()


def test_the_questions_count_only_answers_with_something_in_them():
    assert model.question_result("  ", "\n", "")["answered"] == 0
    assert model.question_result("We ship late", "", "Happy customers")["answered"] == 2


# --------------------------------------------------------------------------- the plan


def _lines(plan):
    return [line for part in plan["parts"] for line in part["items"]]


def _text(line):
    return "".join(text for _, text in line.get("segments", []))


def test_with_nothing_kept_the_example_plan_shows_in_full():
    plan = model.assemble({}, {})
    assert plan["example"] and plan["who"]
    assert plan["answered"] == plan["total"] == len(model.PLAN)
    assert [len(p["items"]) for p in plan["parts"]] == [sum(1 for i in model.PLAN if i.part == k) for k in range(3)]


def test_one_answer_of_their_own_replaces_the_example_and_names_every_missing_answer_with_a_link():
    plan = model.assemble({"plan/questions": {"want": "Every team owns an outcome"}})
    assert not plan["example"]
    lines = {line["id"]: line for line in _lines(plan)}
    assert _text(lines["aim"]) == "By day 90: Every team owns an outcome"
    missing = [line for line in lines.values() if "missing" in line]
    assert len(missing) == len(model.PLAN) - 1
    for line in missing:
        assert line["missing"] and line["where"] and re.fullmatch(r"[a-z_]+\.html#[a-z_-]+", line["href"])


def test_the_plan_reads_the_same_answers_from_the_page_and_from_live_answers():
    """Page (kept inputs) and workshop (answer() dicts) give the same lines for the same answers."""
    kept = {"purpose/message": {"why": "We believe shifts should fit lives"},
            "status_quo/assumptions": {"practice_id": "P3", "why_P1": "Not this one", "why_P3": "Investors wanted a say"},
            "influence/cascade": {"first_1": "ops", "first_2": "dev", "first_3": ""},
            "influence/obstacles": {"obstacle_1": "No budget", "owner_1": "Finance"},
            "culture/cadence": {"budget": 52, "guess": "even"},
            "plan/week": {"market": 30, "internal": 50}}
    answers = {"purpose/message": {"why": "We believe shifts should fit lives", "how": "", "what": ""},
               "status_quo/assumptions": {"test_first": ["P3", "P1"], "why": {"P3": "Investors wanted a say"}},
               "influence/cascade": {"seeds": ["ops", "dev"]},
               "influence/obstacles": {"owners": [{"owner": "Finance", "obstacles": ["No budget"]}], "count": 1},
               "culture/cadence": {"budget": 52, "guess": "even"},
               "plan/week": {"market": 30, "internal": 50, "external": 20, "verdict": "differs"}}
    page, live = model.assemble(kept), model.assemble({}, answers)
    assert [_text(line) for line in _lines(page)] == [_text(line) for line in _lines(live)]
    assert page["answered"] == live["answered"] == 6


def test_the_delegation_board_reads_the_quiz_on_the_page_and_the_labels_live():
    board = model.recipe()["board"]
    quiz = {"answers": [{"sig": "x", "value": ["6", "", "0"] + [""] * 9, "tried": True}]}
    page = model.assemble({"quiz/delegation-board": quiz})
    live = model.assemble({}, {"delegation/board": {"labels": {board["items"][0]: "delegate", board["items"][2]: "tell"}}})
    want = f"{board['items'][0]}: delegate; {board['items'][2]}: tell"
    for plan in (page, live):
        assert _text(next(line for line in _lines(plan) if line["id"] == "board")) == want


def test_the_gap_lines_take_the_three_largest_positive_gaps_and_say_when_there_are_fewer():
    ratings = {spec.name: 3 for spec in model.SELF_INPUTS} | {"goal_delegation": 5}
    lines = {line["id"]: line for line in _lines(model.assemble({"plan/gaps": ratings}))}
    assert _text(lines["gap1"]).startswith("Delegation (now 3, in six months 5)")
    assert _text(lines["gap2"]) == _text(lines["gap3"]) == model.GAP_WORDS["none"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_data_in_both_exports_and_they_stay_valid(text):
    kept = {"plan/questions": {"not_happening": text, "happening": text, "want": text},
            "purpose/message": {"why": text}}
    plan = model.assemble(kept)
    markdown, page = model.to_markdown(plan), model.to_html(plan)
    shown = model.plain(text)
    # Markdown: as many items and headings as the plan has, and the text back as it was typed.
    import markdown_it

    rendered = markdown_it.MarkdownIt("commonmark").render(markdown)
    assert rendered.count("<li>") == len(model.PLAN) and rendered.count("<h2>") == 3
    assert "<script" not in rendered and "<h1>owned" not in rendered
    assert _Collect.of(rendered).text.count(shown) >= 3
    # HTML: well nested, one main, three sections, every item, no script, the text back as typed.
    found = _Collect.of(page)
    assert found.balanced and found.tags.count("main") == 1 and found.tags.count("section") == 3
    assert found.tags.count("li") == len(model.PLAN) and "script" not in found.tags
    assert found.text.count(shown) >= 3
    assert len(page) < 30_000  # a 100 KB paste is cut, not copied three times


class _Collect(html.parser.HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.stack, self.balanced, self.text = [], [], True, ""

    @classmethod
    def of(cls, document: str) -> "_Collect":
        found = cls()
        found.feed(document)
        found.close()
        found.balanced = found.balanced and not found.stack
        return found

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data):
        self.text += data


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(model.SOURCES), st.dictionaries(
    st.sampled_from(["why", "want", "practice_id", "first_1", "obstacle_1", "owner_1", "pos_1", "budget", "guess",
                     "market", "internal", "now_domain", "answers", "need"]),
    st.one_of(st.none(), st.booleans(), st.integers(-5, 200), st.floats(allow_nan=True), st.text(max_size=50),
              st.lists(st.text(max_size=5), max_size=3)), max_size=6), max_size=6))
def test_any_kept_values_give_a_plan_never_an_error(kept):
    plan = model.assemble(kept)
    assert len(_lines(plan)) == len(model.PLAN)
    for line in _lines(plan):
        assert ("missing" in line and line["missing"]) or all(text for _, text in line["segments"])
    model.to_markdown(plan), model.to_html(plan)


def test_the_plan_reads_the_why_box_of_the_picked_practice():
    """Regression: the status quo page keeps one "why" box per practice (why_<id>); the plan read the
    old single "why" box. Kept answers from before (a single "why") still count."""
    item = next(i for i in model.PLAN if i.id == "assumption")
    kept = {"practice_id": "P5", "why_P1": "not the picked one", "why_P5": "Investors wanted a say"}
    line = next(line for line in _lines(model.assemble({item.key: kept})) if "Investors" in _text(line))
    assert "not the picked one" not in _text(line)
    old = next(line for line in _lines(model.assemble({item.key: {"practice_id": "P5", "why": "Kept before"}}))
               if "Kept before" in _text(line))
    assert old
