"""Your transition plan: the model. Pure pandas; no display.

Four exercises close the book.

1. **Self-assessment.** Eight competencies of a product leader (:data:`COMPETENCIES_FILE`,
   drawn from the product-leadership articles the book is built on), each rated *now* and
   *in six months* from 1 to 5. The gap of a competency is ``goal - now``; the gaps are shown
   largest first (ties keep the file's order), each with the chapter that practises it.
2. **Where your week goes.** The learner gives the share of a typical week spent with
   customers and the market, ``m``, and with internal teams, ``i`` (per cent); external
   parties get the rest, ``e = 100 - m - i`` (refused with a sentence when ``m + i > 100``).
   The reference profile (:data:`WEEK_FILE`) follows a guideline, not a law: "a significant
   portion" of a product manager's time belongs in the market, the rest split between internal
   teams and external parties (the split into 50 / 30 / 20 is this book's illustration of that
   sentence). The difference of an activity is ``yours - reference``; the words name the
   activity with the largest absolute difference (ties: the file's order), or say the week is
   close when every difference is within :data:`CLOSE` points.
3. **The three questions** a senior leader can ask of a product organisation (what is not
   happening that should be, what is happening that should not be, what do you want to have
   happened), answered for the learner's own team.
4. **The plan**, assembled from every chapter's kept answers by one recipe (:data:`PLAN`):
   each item names the exercise it reads and the inputs it needs, and says so, with a link,
   when they are not there yet. The same recipe is read by the page's script
   (``book/_assets/plan.js``) from the browser's kept answers and by :func:`assemble` from the
   live journal, so both faces lay out the same plan; :func:`to_markdown` and :func:`to_html`
   export it with every learner text escaped.

Learner text in the plan is cleaned by one rule both faces apply (:func:`plain`): control
characters and line breaks become spaces, spaces at the ends go, and it is cut at
:data:`TEXT_CHARS` characters.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from ..kit.data import DATA_DIR, Column, Schema, load_csv
from ..kit.inputs import Number, Text
from ..kit.text import markdown_text
from ..kit.text import fill

__all__ = ["CLOSE", "COMPETENCIES", "COMPETENCIES_FILE", "EXAMPLE", "EXAMPLE_FILE", "FIELDS", "Item", "PARTS",
           "PLAN", "QUESTIONS", "QUESTION_INPUTS", "QUESTION_WORDS", "SELF_INPUTS", "SELF_WORDS", "SOURCES",
           "TEXT_CHARS", "WEEK", "WEEK_FILE", "WEEK_INPUTS", "WEEK_WORDS", "assemble", "gaps", "load_competencies",
           "load_week", "markdown_text", "plain", "plan_values", "question_result", "recipe", "self_result",
           "to_html", "to_markdown", "week_grid", "week_result"]

COMPETENCIES_FILE = "plan_competencies.csv"
WEEK_FILE = "plan_week.csv"
EXAMPLE_FILE = "plan_example.csv"
#: Longest learner text the plan shows; longer text is cut and ends with "…".
TEXT_CHARS = 600
#: Points within which a week counts as close to the reference profile.
CLOSE = 5

_COMPETENCIES_SCHEMA = Schema(columns=(Column("id"), Column("name"), Column("chapter"), Column("anchor"),
                                       Column("where"), Column("action")), key="id", max_rows=20)
_WEEK_SCHEMA = Schema(columns=(Column("id"), Column("name"), Column("reference", "int", minimum=0, maximum=100)),
                      key="id", max_rows=3)
_EXAMPLE_SCHEMA = Schema(columns=(Column("key"), Column("name"), Column("value")), max_rows=200)


def load_competencies(name: str = COMPETENCIES_FILE) -> pd.DataFrame:
    """The competencies, in the order the book lists them (ties of a gap keep this order)."""
    return load_csv(name, _COMPETENCIES_SCHEMA)


def load_week(name: str = WEEK_FILE) -> pd.DataFrame:
    """The reference week profile (per cent of a week per activity); it must add up to 100.

    Raises
    ------
    ValueError
        When the shares do not add up to 100.
    """
    week = load_csv(name, _WEEK_SCHEMA)
    if int(week["reference"].sum()) != 100:
        raise ValueError(f"{name}: the reference shares add up to {int(week['reference'].sum())}, not 100")
    return week


COMPETENCIES = load_competencies()
WEEK = load_week()

# --------------------------------------------------------------------------- exercise 1: self-assessment

SELF_INPUTS = tuple(spec for row in COMPETENCIES.itertuples() for spec in (
    Number(f"now_{row.id}", f"{row.name}: now", 3, low=1, high=5),
    Number(f"goal_{row.id}", f"{row.name}: in six months", 4, low=1, high=5)))
#: What exercise 1 says: the largest gap, or that there is none.
SELF_WORDS = {"gap": "Your largest gap is {name}: from {now} now to {goal} in six months. Practise it in {where}.",
              "none": f"You rate all {len(COMPETENCIES)} competencies where you want them in six months: "
                      "no gap to close."}


def _rating(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value != int(value) or not 1 <= value <= 5:
        raise ValueError(f"{what} is a whole number from 1 to 5, got {value!r}.")
    return int(value)


def gaps(ratings: dict) -> pd.DataFrame:
    """Each competency's gap, largest first (ties in the book's order).

    Parameters
    ----------
    ratings : dict
        ``now_<id>`` and ``goal_<id>`` for every competency (whole numbers 1 to 5).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``name``, ``now``, ``goal``, ``gap`` (``goal - now``, may be negative),
        ``order`` (the book's order), ``chapter``, ``anchor``, ``where`` and ``action``.

    Raises
    ------
    ValueError
        When a rating is missing or not a whole number from 1 to 5.
    """
    frame = COMPETENCIES.copy()
    frame["order"] = range(len(frame))
    frame["now"] = [_rating(ratings.get(f"now_{k}"), f"{n}: now") for k, n in zip(frame["id"], frame["name"])]
    frame["goal"] = [_rating(ratings.get(f"goal_{k}"), f"{n}: in six months") for k, n in zip(frame["id"], frame["name"])]
    frame["gap"] = frame["goal"] - frame["now"]
    return frame.sort_values(["gap", "order"], ascending=[False, True], kind="stable").reset_index(drop=True)


def self_result(**ratings) -> dict:
    """Exercise 1, once per change: ``gaps`` (:func:`gaps`) and ``words``."""
    frame = gaps(ratings)
    top = frame.iloc[0]
    words = fill(SELF_WORDS["gap"], name=top["name"], now=int(top["now"]), goal=int(top["goal"]),
                 where=top["where"]) if top["gap"] > 0 \
        else SELF_WORDS["none"]
    return {"gaps": frame, "words": words}


# --------------------------------------------------------------------------- exercise 2: the week

MARKET = Number("market", "Customers and the market", 20, unit="%", low=0, high=100, step=10)
INTERNAL = Number("internal", "Internal teams", 60, unit="%", low=0, high=100, step=10)
WEEK_INPUTS = (MARKET, INTERNAL)
#: What exercise 2 says (a verdict column chooses among them on the page).
WEEK_WORDS = {"over": "That is {total}% of a week: lower one of the two so that they add up to 100% or less.",
              "close": "Your week is close to the reference profile: within {close} points everywhere.",
              "differs": "Your week differs most in {name}: {yours}% against {reference}% in the reference profile."}


def _share(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 <= value <= 100:
        raise ValueError(f"{what} is a share of the week from 0 to 100 %, got {value!r}.")
    return int(round(value))


def week_result(market, internal) -> dict:
    """Exercise 2, once per change.

    Returns
    -------
    dict
        ``verdict`` (``over``, ``close`` or ``differs``), ``words``, ``total`` (``m + i``) and
        ``week``: a frame with ``id``, ``name``, ``reference`` and ``yours`` (None when over).
    """
    m, i = _share(market, MARKET.label), _share(internal, INTERNAL.label)
    week = WEEK.copy()
    if m + i > 100:
        week["yours"] = None
        return {"verdict": "over", "total": m + i, "week": week, "words": fill(WEEK_WORDS["over"], total=m + i)}
    week["yours"] = [m, i, 100 - m - i]
    diff = (week["yours"] - week["reference"]).abs()
    if diff.max() <= CLOSE:
        return {"verdict": "close", "total": m + i, "week": week, "words": fill(WEEK_WORDS["close"], close=CLOSE)}
    row = week.iloc[int(diff.to_numpy().argmax())]
    return {"verdict": "differs", "total": m + i, "week": week,
            "words": fill(WEEK_WORDS["differs"], name=row["name"].lower(), yours=int(row["yours"]),
                          reference=int(row["reference"]))}


def week_grid() -> pd.DataFrame:
    """Every pair of the two declared shares and the words the model says for it: the static face's data."""
    rows = [{"market": float(m), "internal": float(i), "words": week_result(m, i)["words"]}
            for m in MARKET.grid for i in INTERNAL.grid]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- exercise 3: the three questions

QUESTIONS = (
    Text("not_happening", "What is not happening that should be?", placeholder="For example: nobody meets customers"),
    Text("happening", "What is happening that should not be?", placeholder="For example: every request jumps the queue"),
    Text("want", "What do you want to have happened?", placeholder="In three months, looking back"),
)
QUESTION_INPUTS = QUESTIONS
QUESTION_WORDS = "You have answered {answered} of 3 questions; your answers open the first 30 days of your plan."


def plain(value) -> str:
    """Learner text as the plan shows it: one line, bidi controls dropped (as the answers store
    drops them), other control characters and line breaks as spaces, no spaces at the ends, at most :data:`TEXT_CHARS` characters (then "…").

    The page's script applies the same rule (``book/_assets/plan.js``); non-text gives ``""``.
    """
    if not isinstance(value, str):
        return ""
    text = re.sub(r"[\u202a-\u202e\u2066-\u2069\ufeff]", "", value)  # invisible: dropped, as the store does
    text = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text).strip()
    return text[:TEXT_CHARS] + "…" if len(text) > TEXT_CHARS else text


def question_result(not_happening="", happening="", want="") -> dict:
    """Exercise 3, once per change: the three answers as the plan shows them and how many are given."""
    answers = {"not_happening": plain(not_happening), "happening": plain(happening), "want": plain(want)}
    answered = sum(1 for v in answers.values() if v)
    return {"answers": answers, "answered": answered, "words": fill(QUESTION_WORDS, answered=answered)}


# --------------------------------------------------------------------------- exercise 4: the plan

#: The parts of the plan, in order.
PARTS = ("First 30 days: listen, aim and start talking", "Days 31 to 60: test, hand over and keep talking",
         "Days 61 to 90: shape the portfolio and your week")


@dataclass(frozen=True)
class Item:
    """One line of the plan.

    ``key`` is the exercise whose kept answer it reads (``"<topic>/<exercise>"``, or
    ``"quiz/<quiz id>"`` for a quiz on the page); ``live_key`` the key of the same exercise in the
    live journal when it differs. ``fields`` maps each ``{name}`` of ``template`` to a field of
    :data:`FIELDS`. ``kind`` is ``"fields"`` (fill the template), ``"board"`` (the delegation
    board) or ``"gap"`` (the ``rank``-th gap of exercise 1). ``missing`` names what is not there.
    """

    id: str
    part: int
    heading: str
    key: str
    template: str
    missing: str
    page: str
    anchor: str
    where: str
    fields: dict = field(default_factory=dict)
    kind: str = "fields"
    live_key: str = ""
    rank: int = 0


#: How to read a field: ``inputs`` (names kept on the page or in the journal, the first
#: non-empty one wins), ``join`` (several inputs joined by ", "), ``answer`` (a path into the
#: live ``answer()``: dotted, a number indexes a list, ``*`` takes the first value of a mapping),
#: ``names`` (a lookup table of :func:`recipe`), ``number`` (show as a whole number).
FIELDS = {
    "not_happening": {"inputs": ["not_happening"], "answer": "not_happening"},
    "happening": {"inputs": ["happening"], "answer": "happening"},
    "want": {"inputs": ["want"], "answer": "want"},
    "why": {"inputs": ["why"], "answer": "why"},
    "practice": {"inputs": ["practice_id", "practice"], "answer": "test_first.0", "names": "practices"},
    "practice_why": {"inputs": ["why_{practice_id}", "why_{practice}", "why"], "answer": "why.*"},
    "need": {"inputs": ["need"], "answer": "required", "number": True},
    "budget": {"inputs": ["budget"], "answer": "budget", "number": True},
    "first": {"join": ["first_1", "first_2", "first_3"], "answer": "seeds", "names": "leaders"},
    "obstacles": {"pairs": [[f"obstacle_{k}", f"owner_{k}"] for k in range(1, 7)], "answer": "owners"},
    "order": {"join": ["pos_1", "pos_2", "pos_3"], "answer": "order", "names": "backlog", "take": 3},
    "conversations": {"inputs": ["budget"], "answer": "budget", "number": True},
    "guess": {"inputs": ["guess"], "answer": "guess", "names": "guesses"},
    "market": {"inputs": ["market"], "answer": "market", "number": True},
    "internal": {"inputs": ["internal"], "answer": "internal", "number": True},
}

_PLAN = "plan"
PLAN = (
    Item("stop_start", 0, "Start", "plan/questions", "Start what is missing: {not_happening}",
         "You have not said what is not happening that should be.", _PLAN, "plan-questions",
         "Your transition plan: the three questions", {"not_happening": "not_happening"}),
    Item("stop", 0, "Stop", "plan/questions", "Stop what should not happen: {happening}",
         "You have not said what is happening that should not be.", _PLAN, "plan-questions",
         "Your transition plan: the three questions", {"happening": "happening"}),
    Item("aim", 0, "Aim", "plan/questions", "By day 90: {want}",
         "You have not said what you want to have happened.", _PLAN, "plan-questions",
         "Your transition plan: the three questions", {"want": "want"}),
    Item("why", 0, "Your why", "purpose/message", "Open every first conversation with your why: {why}",
         "Your why is not written yet.", "purpose", "purpose-message", "Purpose: say it inside out", {"why": "why"}),
    Item("conversations", 0, "First conversations", "influence/cascade", "Talk first with: {first}",
         "You have not chosen whom to talk to first.", "influence", "influence-cascade",
         "Influence: who to talk to first", {"first": "first"}),
    Item("assumption", 0, "The assumption you test first", "status_quo/assumptions",
         "Test first: {practice}. Why it stands, as you see it: {practice_why}",
         "You have not picked the assumption to test first, or said why it stands.", "status_quo",
         "status_quo-assumptions", "Challenging the status quo: which assumptions to test",
         {"practice": "practice", "practice_why": "practice_why"}),
    Item("test", 1, "How you test it", "status_quo/tests",
         "Choose the cheapest experiment that gives evidence of strength {need} of 5 within a budget of {budget}.",
         "You have not set the evidence you need and your budget.", "status_quo", "status_quo-tests",
         "Challenging the status quo: the cheapest good test", {"need": "need", "budget": "budget"}),
    Item("board", 1, "Your delegation board", "quiz/delegation-board", "{board}",
         "Your delegation board is empty.", "delegation", "delegation-board", "Delegation: set the levels",
         kind="board", live_key="delegation/board"),
    Item("obstacles", 1, "Obstacles and their owners", "influence/obstacles", "{obstacles}",
         "You have not listed the obstacles in your way.", "influence", "influence-obstacles",
         "Influence: obstacles and who owns them", {"obstacles": "obstacles"}),
    Item("cadence", 1, "Your cadence of conversations", "culture/cadence",
         "Hold {conversations} conversations about the change this year, as a cadence rather than one launch.",
         "You have not set your cadence of conversations.", "culture", "culture-cadence",
         "Culture: a burst or a steady cadence", {"conversations": "conversations"}),
    Item("gap1", 1, "Gap 1", "plan/gaps", "{gap}", "You have not rated the competencies yet.", _PLAN, "plan-gaps",
         "Your transition plan: self-assessment", kind="gap", rank=1),
    Item("sequencing", 2, "Your sequencing lesson", "sequencing/order",
         "Put first what is worth most per week of work; your order starts with: {order}",
         "You have not ordered the backlog.", "sequencing", "sequencing-order", "Sequencing: order the backlog",
         {"order": "order"}),
    Item("week", 2, "Your week", "plan/week",
         "Now: {market}% with customers and the market, {internal}% with internal teams. {verdict}",
         "You have not said where your week goes.", _PLAN, "plan-week", "Your transition plan: where your week goes",
         {"market": "market", "internal": "internal"}, kind="week"),
    Item("gap2", 2, "Gap 2", "plan/gaps", "{gap}", "You have not rated the competencies yet.", _PLAN, "plan-gaps",
         "Your transition plan: self-assessment", kind="gap", rank=2),
    Item("gap3", 2, "Gap 3", "plan/gaps", "{gap}", "You have not rated the competencies yet.", _PLAN, "plan-gaps",
         "Your transition plan: self-assessment", kind="gap", rank=3),
)
#: Every exercise the plan reads (page keys).
SOURCES = tuple(dict.fromkeys(item.key for item in PLAN))
#: The words of a gap line and of a gap that is not there (fewer than ``rank`` positive gaps).
GAP_WORDS = {"gap": "{name} (now {now}, in six months {goal}): {action} Practise it in {where}.",
             "none": "No further gap: every other competency is where you want it."}
#: The words of the delegation board.
BOARD_WORDS = {"line": "{decision}: {level}", "none": "You have not placed any decision on the board yet."}
#: Who the example plan belongs to.
EXAMPLE_WHO = "Noor, a fictional product manager of a shift-scheduling app"


def _names_from(file: str, key: str, name: str) -> dict:
    try:
        frame = pd.read_csv(DATA_DIR / file, dtype=str, keep_default_na=False)
        return dict(zip(frame[key], frame[name]))
    except (OSError, KeyError, ValueError) as err:
        raise ValueError(f"{file}: cannot read the columns {key!r} and {name!r} ({err})") from err


def _board() -> dict:
    decisions = pd.read_csv(DATA_DIR / "delegation_decisions.csv", dtype=str, keep_default_na=False)
    return {"items": list(decisions["decision"]),
            "labels": ["tell", "sell", "consult", "agree", "advise", "inquire", "delegate"]}


@functools.cache
def recipe() -> dict:
    """The plan's recipe as plain JSON data (read once; treat it as read-only): what the page's script and :func:`assemble` both read.

    Keys: ``parts``, ``items`` (each :class:`Item` as a dict), ``fields`` (:data:`FIELDS`),
    ``names`` (lookup tables: practices, leaders, backlog, guesses), ``board``, ``gaps``
    (the competencies in the book's order), ``week`` (the reference profile and its words),
    ``words`` and ``chars`` (:data:`TEXT_CHARS`).
    """
    return {
        "parts": list(PARTS),
        "items": [item.__dict__ | {"fields": dict(item.fields)} for item in PLAN],
        "fields": FIELDS,
        "names": {"practices": _names_from("status_quo_practices.csv", "id", "practice"),
                  "leaders": {k: f"{n}" for k, n in _names_from("influence_leaders.csv", "id", "role").items()},
                  "backlog": _names_from("sequencing_backlog.csv", "id", "name"),
                  "guesses": {"even": "a steady cadence", "burst": "one launch burst", "tie": "either, about the same"}},
        "board": _board(),
        "gaps": [{k: row[k] for k in ("id", "name", "where", "action")} for _, row in COMPETENCIES.iterrows()],
        "week": {"ids": list(WEEK["id"]), "names": list(WEEK["name"]), "reference": [int(v) for v in WEEK["reference"]],
                 "close": CLOSE, "words": WEEK_WORDS},
        "words": {"gap": GAP_WORDS, "board": BOARD_WORDS, "example": EXAMPLE_WHO},
        "chars": TEXT_CHARS,
    }


def _load_example() -> dict:
    frame = load_csv(EXAMPLE_FILE, _EXAMPLE_SCHEMA)
    kept: dict = {}
    for row in frame.itertuples():
        kept.setdefault(row.key, {})[row.name] = json.loads(row.value)
    return kept


#: The fictional product manager's kept answers, as the page keeps them (``{key: {input: value}}``).
EXAMPLE = _load_example()


# ---- reading kept answers (the page's script does the same, step by step)

def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not plain(value)) or (isinstance(value, list) and not value)


def _by_path(answer, path: str):
    for part in path.split(".") if path else []:
        if isinstance(answer, dict):
            answer = next(iter(answer.values()), None) if part == "*" else answer.get(part)
        elif isinstance(answer, list) and part.isdigit():
            answer = answer[int(part)] if int(part) < len(answer) else None
        else:
            return None
    return answer


def _shown(value, spec: dict, names: dict) -> str:
    table = names.get(spec.get("names", ""), {})
    if spec.get("number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not abs(value) < 1e15:
            return ""
        return str(int(math.floor(value + 0.5)))  # as the page rounds (Math.round: halves up)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value)) if float(value).is_integer() else str(value)
    text = plain(value)
    return plain(table.get(text, text)) if text else ""


def _named(name: str, inputs: dict) -> str:
    """An input's name, with each ``{other}`` in it replaced by the kept value of input ``other``
    (``why_{practice_id}``: the "why" box of the practice the learner picked)."""
    return re.sub(r"\{(\w+)\}", lambda m: "" if inputs.get(m.group(1)) is None else str(inputs[m.group(1)]), name)


def _field(spec: dict, inputs: dict | None, answer, names: dict) -> str:
    """One field's text from an exercise's kept inputs (page, journal) or, failing that, its live answer."""
    inputs = inputs or {}
    if "pairs" in spec:
        pairs = [(plain(inputs.get(a)), plain(inputs.get(b))) for a, b in spec["pairs"]]
        if not any(o for o, _ in pairs) and isinstance(_by_path(answer, spec.get("answer", "")), list):
            pairs = [(plain(o), plain(g.get("owner")) if isinstance(g, dict) else "")
                     for g in _by_path(answer, spec["answer"]) if isinstance(g, dict)
                     for o in (g.get("obstacles") or [])]
        shown = [f"{o} ({w or 'no owner yet'})" for o, w in pairs if o]
        return "; ".join(shown)
    if "join" in spec:
        values = [inputs.get(name) for name in spec["join"]]
        if all(_blank(v) for v in values):
            found = _by_path(answer, spec.get("answer", ""))
            values = list(found)[: spec.get("take", len(found))] if isinstance(found, list) else []
        return ", ".join(t for t in (_shown(v, spec, names) for v in values) if t)
    for name in (_named(n, inputs) for n in spec.get("inputs", [])):
        if not _blank(inputs.get(name)):
            return _shown(inputs.get(name), spec, names)
    found = _by_path(answer, spec.get("answer", ""))
    return "" if _blank(found) else _shown(found, spec, names)


def _board_text(inputs, answer, board: dict) -> str:
    lines = []
    quiz = inputs.get("answers") if isinstance(inputs, dict) else None
    if isinstance(quiz, list) and quiz and isinstance(quiz[0], dict) and isinstance(quiz[0].get("value"), list):
        for decision, level in zip(board["items"], quiz[0]["value"]):
            if isinstance(level, str) and level.isdigit() and int(level) < len(board["labels"]):
                lines.append(fill(BOARD_WORDS["line"], decision=decision, level=board["labels"][int(level)]))
    elif isinstance(answer, dict) and isinstance(answer.get("labels"), dict):
        for decision in board["items"]:
            level = answer["labels"].get(decision)
            if isinstance(level, str) and level in board["labels"]:
                lines.append(fill(BOARD_WORDS["line"], decision=decision, level=level))
    return "; ".join(lines)


def _gap_text(inputs: dict, rank: int, words: dict) -> str | None:
    try:
        frame = gaps({name: inputs.get(name) for name in (s.name for s in SELF_INPUTS)})
    except ValueError:
        return None
    positive = frame[frame["gap"] > 0]
    if len(positive) < rank:
        return words["none"]
    row = positive.iloc[rank - 1]
    return fill(words["gap"], name=row["name"], now=int(row["now"]), goal=int(row["goal"]), action=row["action"],
                where=row["where"])


def _week_words(market: str, internal: str) -> str:
    """The week's words for two shares as the plan shows them (``""`` unless both are 0 to 100)."""
    if not (market and internal) or not all(0 <= int(v) <= 100 for v in (market, internal)):
        return ""
    return week_result(int(market), int(internal))["words"]


def _segments(template: str, values: dict) -> list:
    """``template`` as ``[["t", our text], ["v", learner text], ...]``, each ``{name}`` filled from ``values``."""
    out = []
    for literal, name in re.findall(r"([^{]*)(?:\{(\w+)\})?", template):
        if literal:
            out.append(["t", literal])
        if name:
            out.append(["v", values[name]])
    return [s for s in out if s[1]]


def plan_values(kept: dict, answers: dict | None = None) -> dict:
    """Normalise what was kept: ``{key: {input: value}}`` (the page, the journal) plus the live
    ``answers`` (``{key: answer()}``), both optional per exercise."""
    return {"inputs": {k: v for k, v in (kept or {}).items() if isinstance(v, dict)},
            "answers": dict(answers or {})}


def assemble(kept: dict | None = None, answers: dict | None = None, *, example: bool | None = None,
             site: str = "") -> dict:
    """The plan from what was kept.

    Parameters
    ----------
    kept : dict
        ``{exercise key: {input name: value}}``: the page's kept inputs (``lp:v1:<key>`` without
        the prefix; a quiz's kept value as it is) or the journal's input values.
    answers : dict
        ``{exercise key: answer()}`` from the live journal or the room's store.
    example : bool, optional
        Show :data:`EXAMPLE` (the fictional product manager). By default the example shows
        exactly when nothing the plan reads was kept.
    site : str
        Prefix of the links to exercises (``""``: pages beside this one).

    Returns
    -------
    dict
        ``example`` (bool), ``who``, ``answered`` and ``total`` (items), ``parts``: a list of
        ``{"title", "items"}``; an item is ``{"id", "heading", "segments"}`` or, when its
        answer is missing, ``{"id", "heading", "missing", "href", "where"}``.
    """
    values = plan_values(kept, answers)
    mine = any(k in values["inputs"] or (item.live_key or k) in values["answers"]
               for item in PLAN for k in (item.key,))
    if example is None:
        example = not mine
    if example:
        values = plan_values(EXAMPLE)
    made = recipe()
    parts = [{"title": title, "items": []} for title in PARTS]
    answered = 0
    for item in PLAN:
        inputs = values["inputs"].get(item.key)
        answer = values["answers"].get(item.live_key or item.key)
        filled: dict = {}
        if item.kind == "board":
            filled["board"] = _board_text(inputs or {}, answer, made["board"])
        elif item.kind == "gap":
            source = dict(inputs or {}) or (answer.get("ratings", {}) if isinstance(answer, dict) else {})
            filled["gap"] = (_gap_text(source, item.rank, GAP_WORDS) or "") if source else ""
        else:
            for name, spec_name in item.fields.items():
                filled[name] = _field(FIELDS[spec_name], inputs, answer, made["names"])
            if item.kind == "week":
                filled["verdict"] = _week_words(filled["market"], filled["internal"])
        line = {"id": item.id, "heading": item.heading}
        if all(filled.values()):
            line["segments"] = _segments(item.template, filled)
            answered += 1
        else:
            line |= {"missing": item.missing, "href": f"{site}{item.page}.html#{item.anchor}", "where": item.where}
        parts[item.part]["items"].append(line)
    return {"example": bool(example), "who": EXAMPLE_WHO if example else "", "answered": answered,
            "total": len(PLAN), "parts": parts}


# ---- exports

def _line_md(line: dict) -> str:
    head = f"**{line['heading']}:** "
    if "missing" in line:
        return f"- {head}{line['missing']} Answer it in {line['where']} (<{line['href']}>)."
    return "- " + head + "".join(markdown_text(text) if kind == "v" else text for kind, text in line["segments"])


TITLE = "My transition plan"


def to_markdown(plan: dict) -> str:
    """The plan as one Markdown document, one line per item. Only the book's own words are
    written as they are; every learner text goes through :func:`markdown_text`."""
    lines = [f"# {TITLE}", ""]
    if plan["example"]:
        lines += [f"An example: the plan of {plan['who']}. Your own answers replace it.", ""]
    for part in plan["parts"]:
        lines += [f"## {part['title']}", ""] + [_line_md(line) for line in part["items"]] + [""]
    return "\n".join(lines)


_PRINT_CSS = ("body{font:16px/1.5 system-ui,sans-serif;max-width:42em;margin:1em auto;padding:0 1em;color:#111;"
              "background:#fff}h2{margin-top:1.5em}li{margin:.4em 0}.missing{color:#555}"
              "@media print{h2{break-before:page}h2:first-of-type{break-before:auto}a{color:inherit}}")


def _line_html(line: dict) -> str:
    head = f"<strong>{html.escape(line['heading'])}:</strong> "
    if "missing" in line:
        return (f'<li class="missing">{head}{html.escape(line["missing"])} Answer it in '
                f'<a href="{html.escape(line["href"])}">{html.escape(line["where"])}</a>.</li>')
    body = "".join(html.escape(text) if kind == "t" else f"<bdi>{html.escape(text)}</bdi>"
                   for kind, text in line["segments"])
    return f"<li>{head}{body}</li>"


def to_html(plan: dict) -> str:
    """The plan as one standalone HTML document (no script, no outside file; learner text escaped)."""
    out = ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{TITLE}</title>",
           f"<style>{_PRINT_CSS}</style>", "</head>", "<body>", "<main>", f"<h1>{TITLE}</h1>"]
    if plan["example"]:
        out.append(f"<p>An example: the plan of {html.escape(plan['who'])}. Your own answers replace it.</p>")
    for part in plan["parts"]:
        out += ["<section>", f"<h2>{html.escape(part['title'])}</h2>", "<ul>"]
        out += [_line_html(line) for line in part["items"]]
        out += ["</ul>", "</section>"]
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
