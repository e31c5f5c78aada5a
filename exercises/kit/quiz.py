"""A small quiz that works on the static site and in a live notebook: plain HTML, our own JS and CSS.

For chapter authors. A quiz checks the chapter's lesson in a minute. Build it in the chapter's
``widget.py`` from the same model data the exercises use, and show it from the notebook::

    Quiz("sequencing-check", "Check your understanding", [
        Choice("Why does the best order start with S1?", ["It is quick.", "It unlocks G1 and E3."],
               correct=[1], explain="S1 earns little itself; what it unlocks earns a lot.",
               reasons=["It takes six weeks; others ship sooner.", "Yes: G1 and E3 need it."]),
        Label.from_frame("How does each kind's share move?", moves, "kind", "move", labels=MOVES),
        Order("Put these in the best order.", ["S1 · Managed database", "G1 · Referral programme"]),
    ])

Three kinds of question: :class:`Choice` (one option, or several; each option with its reason),
:class:`Label` (a label or a level for each item, such as why / how / what, or low / medium /
high) and :class:`Order` (put items in order; give them in the right order, the page shuffles
them). Each question has a *Check* button.

Honest feedback. A one-answer question is right or wrong, never "2 of 4 right"; a several-answer
question says how many chosen options are not right and how many right ones are missing; a
label or order question counts its items. *Check* with nothing chosen asks for an answer and
marks nothing. After *Check* the option chosen shows its reason, and a wrongly labelled item its
reason; before, no reason is on the visible page. The verdict is announced to screen readers and
wrong answers are marked in words (not only colour). The words are :data:`WORDS`, written once
here and handed to the page as data; :func:`grade` and :func:`feedback` grade and word an answer
in Python exactly as the page does (a browser test holds them together).

No spoilers. The *Show the answer* fold is hidden (not in the reading or tab order) until the
question has been checked with an answer; then it appears, folded.

Remembered. With the learner's journal on the page (``window.lpJournal``: ``load``, ``save``,
``forget``, ``keys``), each quiz's answers are saved under ``lp:v1:quiz/<quiz id>`` when the
learner changes or checks them, and put back on the next visit (not checked again: the fold of a
question already tried stays available). Each quiz has a *Forget my answers* button that clears
its answers and forgets them. Without the journal the quiz works the same and keeps nothing.
An answer saved for a question whose text has changed since is not put back (each question has a
signature of its text).

Everything is keyboard operable (native inputs, selects and buttons; *Move up* on a list's first
item and *Move down* on its last are disabled), readable in light and dark mode, and escaped (no
text an author writes can become markup). Ids come from the quiz's id: the quiz is
``lpq-<id>``, its title ``lpq-<id>--title``, its questions ``lpq-<id>--q1``, ``lpq-<id>--q2``, a
question's menus ``lpq-<id>--q1--0``...; a quiz id never holds ``--``, so no two quizzes on a
page can make the same id, and re-running a notebook gives byte-identical output (strict
nbval). The page needs no other host: the few KB of JS and CSS are inline.

Nothing is cut: a question refuses, with a sentence, a text longer than :data:`MAX_TEXT`
characters (an explanation: :data:`MAX_EXPLAIN`), and options, items or labels that a reader
would see as the same (differing only by case, spacing or invisible characters). The answer
key is never cut, however many items a question has.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .text import MAX_CHARS, clean_text, safe_text, visible_key

__all__ = ["MAX_EXPLAIN", "MAX_TEXT", "WORDS", "Choice", "Feedback", "Label", "Order", "Quiz", "Result", "feedback",
           "grade"]

#: Longest prompt, option, item, label, reason or title a quiz shows (in characters, as shown).
MAX_TEXT = MAX_CHARS
#: Longest explanation a quiz shows.
MAX_EXPLAIN = 2 * MAX_CHARS

#: Every sentence and mark the quiz shows, written once: Python fills them with :func:`feedback`, the
#: page (handed them as data) with the same rule: each ``{name}`` is replaced by its value, once.
WORDS = {
    "ask": "Choose an answer first, then check.",
    "ask_order": "Put the items in order first (move them up or down), then check.",
    "correct": "✓ Correct.{explain}",
    "choice": "✗ Not right. The reason is beside your choice: try another, or open the answer below.",
    "several": "✗ Not yet. Chosen but not right: {wrong}. Right but not chosen: {missing}. "
               "Try again, or open the answer below.",
    "label": "✗ {right} of {total} right. Each ✗ says why: change those and check again, or open the answer below.",
    "label_missing": "✗ {right} of {total} right; {missing} with no label yet. Each ✗ says why: change those "
                     "and check again, or open the answer below.",
    "order": "✗ {right} of {total} in their place. Move the items marked ✗ and check again, "
             "or open the answer below.",
    "mark_yes": "✓ {reason}",
    "mark_no": "✗ {reason}",
    "mark_right": "✓ right",
    "mark_label": "✗ not this one.{reason}",
    "mark_empty": "no label yet",
    "mark_place": "✓ in its place",
    "mark_away": "✗ not in its place",
    "moved": "{item} is now in place {place} of {total}.",
    "restored": "Your earlier answers are back; check them when you are ready.",
    "forgot": "Your answers to this quiz are cleared, and forgotten in this browser.",
    "cleared": "Your answers to this quiz are cleared.",
}
_FIELD = re.compile(r"\{(\w+)\}")

_ASSETS = Path(__file__).resolve().parent / "quiz_assets"
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _text(value, what: str, limit: int = MAX_TEXT) -> str:
    """``value`` as text, refused with a sentence when it is longer than a quiz shows."""
    value = str(value)
    shown = len(clean_text(value))
    if shown > limit:
        raise ValueError(f"{what} is {shown:,} characters long; a quiz shows at most {limit:,}, "
                         f"so shorten it: {value[:40]!r}…")
    return value


def _texts(values: Sequence[str], what: str, minimum: int) -> tuple[str, ...]:
    values = tuple(_text(v, f"{what[:-1].capitalize()} {k}") for k, v in enumerate(values, start=1))
    if len(values) < minimum:
        raise ValueError(f"a question needs at least {minimum} {what}, got {len(values)}")
    if any(not visible_key(v) for v in values):
        raise ValueError(f"{what} cannot be empty")
    seen: dict[str, str] = {}
    for v in values:
        key = visible_key(v)
        if key in seen:
            if seen[key] == v:
                raise ValueError(f"{what} must differ: {v!r} is given twice")
            raise ValueError(f"{what} must differ as a reader sees them: {seen[key]!r} and {v!r} look the same "
                             "(they differ only by case, spacing or invisible characters)")
        seen[key] = v
    return values


@dataclass(frozen=True)
class Choice:
    """Choose one option (radio buttons) or several (check boxes).

    Parameters
    ----------
    prompt : str
    options : sequence of str
    correct : sequence of int
        Indices of the right options. More than one makes it a choose-several question.
    explain : str
        Why the answer is right: shown with the verdict and in the answer fold.
    multiple : bool, optional
        Force check boxes even when one option is right ("choose all that apply").
    reasons : sequence of str
        Why each option is right or not, one per option (required). After *Check*, each option
        chosen shows its reason. A wrong option's reason should say why it is wrong without
        naming the right one.
    """

    prompt: str
    options: Sequence[str]
    correct: Sequence[int]
    explain: str = ""
    multiple: bool = False
    reasons: Sequence[str] = ()

    def __post_init__(self):
        _check_words(self)
        object.__setattr__(self, "options", _texts(self.options, "options", 2))
        reasons = tuple(_text(r, f"Reason {k}") for k, r in enumerate(self.reasons, start=1))
        if len(reasons) != len(self.options):
            raise ValueError(f"give one reason per option (why it is right or not): {len(self.options)} options, "
                             f"{len(reasons)} reasons")
        if any(not visible_key(r) for r in reasons):
            raise ValueError("reasons cannot be empty: say why each option is right or not")
        object.__setattr__(self, "reasons", reasons)
        correct = tuple(sorted(set(int(i) for i in self.correct)))
        if not correct or not all(0 <= i < len(self.options) for i in correct):
            raise ValueError(f"correct must name options 0 to {len(self.options) - 1}, got {list(self.correct)}")
        object.__setattr__(self, "correct", correct)
        object.__setattr__(self, "multiple", bool(self.multiple or len(correct) > 1))


@dataclass(frozen=True)
class Label:
    """Give each item one of a few labels (or levels), with a menu per item.

    Parameters
    ----------
    prompt : str
    items : sequence of str
    labels : sequence of str
        The labels to choose from, such as ("why", "how", "what").
    answers : sequence of str
        The right label of each item.
    explain : str
    reasons : sequence of str, optional
        Why each item has its label, one per item (or none at all). After *Check*, a wrongly
        labelled item shows its reason, and the answer fold gives every item's reason.
    """

    prompt: str
    items: Sequence[str]
    labels: Sequence[str]
    answers: Sequence[str]
    explain: str = ""
    reasons: Sequence[str] = ()

    def __post_init__(self):
        _check_words(self)
        object.__setattr__(self, "items", _texts(self.items, "items", 1))
        object.__setattr__(self, "labels", _texts(self.labels, "labels", 2))
        answers = tuple(str(a) for a in self.answers)
        if len(answers) != len(self.items):
            raise ValueError(f"give one answer per item: {len(self.items)} items, {len(answers)} answers")
        unknown = [a for a in answers if a not in self.labels]
        if unknown:
            raise ValueError(f"answer {unknown[0]!r} is not one of the labels {', '.join(self.labels)}")
        object.__setattr__(self, "answers", answers)
        reasons = tuple(_text(r, f"Reason {k}") for k, r in enumerate(self.reasons, start=1))
        if reasons and len(reasons) != len(self.items):
            raise ValueError(f"give one reason per item, or none: {len(self.items)} items, {len(reasons)} reasons")
        object.__setattr__(self, "reasons", reasons)

    def reason(self, k: int) -> str:
        """Why item ``k`` has its label (``""`` when the question gives no reasons)."""
        return self.reasons[k] if self.reasons else ""

    @classmethod
    def from_frame(cls, prompt: str, frame: pd.DataFrame, item: str, answer: str, *,
                   labels: Sequence[str] | None = None, explain: str = "", reason: str | None = None) -> Label:
        """Build the question from a model's table: one item per row, its label in ``answer``
        and, if given, why in the column ``reason``."""
        answers = [str(a) for a in frame[answer]]
        reasons = [str(r) for r in frame[reason]] if reason else ()
        return cls(prompt, [str(i) for i in frame[item]], labels or list(dict.fromkeys(answers)), answers, explain,
                   reasons)


@dataclass(frozen=True)
class Order:
    """Put items in order. Give them in the right order; the page shows them shuffled.

    Parameters
    ----------
    prompt : str
    items : sequence of str
        The items, in the right order.
    explain : str
    """

    prompt: str
    items: Sequence[str]
    explain: str = ""

    def __post_init__(self):
        _check_words(self)
        object.__setattr__(self, "items", _texts(self.items, "items", 2))


Question = Choice | Label | Order


def _check_words(question) -> None:
    """A question's prompt and explanation as text, refused with a sentence when too long to show whole."""
    object.__setattr__(question, "prompt", _text(question.prompt, "The prompt"))
    object.__setattr__(question, "explain", _text(question.explain, "The explanation", MAX_EXPLAIN))


@dataclass(frozen=True)
class Result:
    """How an answer did.

    Attributes
    ----------
    correct : bool
        The whole answer is right.
    right, total : int
        For a :class:`Choice`, 1 or 0 of 1: a choice question is right or wrong as a whole. For a
        :class:`Label` or an :class:`Order`, the items labelled right, or the places holding the
        right item, of all of them.
    wrong : tuple of int
        The parts not as they should be: options chosen that are not right or right ones not
        chosen, items without their label, places without their item.
    missing : tuple of int
        Of ``wrong``, those left without an answer: right options not chosen, items with no
        label, places the answer does not reach.
    answered : bool
        Anything was chosen at all: an option, a label, an order the learner has moved.
    """

    correct: bool
    right: int
    total: int
    wrong: tuple[int, ...]
    missing: tuple[int, ...] = ()
    answered: bool = True


def grade(question: Question, answer: Sequence) -> Result:
    """Grade ``answer`` as the page does.

    Parameters
    ----------
    question : Choice, Label or Order
    answer : sequence
        For a :class:`Choice`, the indices chosen; for a :class:`Label`, the label given to each
        item (``""`` for none); for an :class:`Order`, the items in the order given (none, ``[]``,
        until the learner has moved one: the page's shuffled start is no answer).

    Returns
    -------
    Result
    """
    if isinstance(question, Choice):
        chosen = set(answer)
        n = len(question.options)
        wrong = tuple(i for i in range(n) if (i in chosen) != (i in question.correct))
        missing = tuple(i for i in question.correct if i not in chosen)
        answered = any(i in chosen for i in range(n))
        correct = not wrong
        return Result(correct, int(correct), 1, wrong, missing, answered)
    if isinstance(question, Label):
        given = list(answer)[:len(question.items)] + [""] * (len(question.items) - len(answer))
        wrong = tuple(k for k, right in enumerate(question.answers) if given[k] != right)
        missing = tuple(k for k in range(len(question.items)) if given[k] == "")
        answered = len(missing) < len(question.items)
    elif isinstance(question, Order):
        given = list(answer)
        wrong = tuple(k for k, right in enumerate(question.items) if k >= len(given) or given[k] != right)
        missing = tuple(range(len(given), len(question.items)))
        answered = bool(given)
    else:
        raise TypeError(f"not a quiz question: {type(question).__name__}")
    total = len(question.items)
    return Result(not wrong, total - len(wrong), total, wrong, missing, answered)


@dataclass(frozen=True)
class Feedback:
    """What the page shows after *Check*: the verdict sentence (``words``) and each part's mark."""

    words: str
    marks: tuple[str, ...]


def _fill(template: str, **values) -> str:
    """``template`` with each ``{name}`` replaced by its value, in one pass, as the page does."""
    return _FIELD.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], template)


def _after(text: str) -> str:
    """A text to append after a full stop: a space and the text, or nothing."""
    return " " + text if text else ""


def feedback(question: Question, answer: Sequence) -> Feedback:
    """The verdict and the marks the page shows when ``answer`` is checked (see :func:`grade`).

    Parameters
    ----------
    question : Choice, Label or Order
    answer : sequence
        As for :func:`grade`.

    Returns
    -------
    Feedback
        ``words``, the sentence announced; ``marks``, one per option, item or place (``""``
        where none). Nothing chosen: the sentence asks for an answer and marks nothing.
    """
    result = grade(question, answer)
    n = len(question.options) if isinstance(question, Choice) else len(question.items)
    if not result.answered:
        return Feedback(WORDS["ask_order" if isinstance(question, Order) else "ask"], ("",) * n)
    wrong, missing = set(result.wrong), set(result.missing)
    if result.correct:
        words = _fill(WORDS["correct"], explain=_after(clean_text(question.explain)))
    elif isinstance(question, Choice):
        words = (_fill(WORDS["several"], wrong=len(wrong) - len(missing), missing=len(missing)) if question.multiple
                 else WORDS["choice"])
    elif isinstance(question, Label):
        words = _fill(WORDS["label_missing" if missing else "label"], right=result.right, total=result.total,
                      missing=len(missing))
    else:
        words = _fill(WORDS["order"], right=result.right, total=result.total)
    if isinstance(question, Choice):
        chosen = set(answer)
        marks = tuple(_fill(WORDS["mark_yes" if i in question.correct else "mark_no"],
                            reason=clean_text(question.reasons[i])) if i in chosen else ""
                      for i in range(n))
    elif isinstance(question, Label):
        marks = tuple(WORDS["mark_empty"] if k in missing else
                      _fill(WORDS["mark_label"], reason=_after(clean_text(question.reason(k)))) if k in wrong else
                      WORDS["mark_right"] for k in range(n))
    else:
        marks = tuple(WORDS["mark_away" if k in wrong else "mark_place"] for k in range(n))
    return Feedback(words, marks)


def signature(question: Question) -> str:
    """A short signature of a question's text: an answer saved for another text is not put back."""
    if isinstance(question, Choice):
        parts = ["choice", question.prompt, *question.options]
    elif isinstance(question, Label):
        parts = ["label", question.prompt, *question.items, "|", *question.labels]
    else:
        parts = ["order", question.prompt, *sorted(question.items)]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def shuffled(question: Order, seed: str) -> list[int]:
    """The order the page first shows an :class:`Order`'s items in: seeded, never already right."""
    places = list(range(len(question.items)))
    random.Random(seed).shuffle(places)
    return places[1:] + places[:1] if places == sorted(places) else places


class Quiz:
    """A titled set of questions; shows itself as HTML in a notebook and on the static site.

    Parameters
    ----------
    quiz_id : str
        Lowercase letters, digits and hyphens, unique on its page (e.g. ``"sequencing-check"``):
        every element id is built from it.
    title : str
    questions : sequence of Choice, Label or Order
    """

    def __init__(self, quiz_id: str, title: str, questions: Sequence[Question]):
        if not _ID.fullmatch(str(quiz_id)):
            raise ValueError(f"a quiz id is lowercase letters, digits and hyphens, got {str(quiz_id)[:40]!r}")
        if not questions:
            raise ValueError("a quiz needs at least one question")
        for q in questions:
            if not isinstance(q, (Choice, Label, Order)):
                raise TypeError(f"not a quiz question: {type(q).__name__}")
        self.quiz_id, self.title, self.questions = str(quiz_id), _text(title, "The title"), tuple(questions)

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:  # the notebook's text/plain output: deterministic, for strict nbval
        return f"Quiz({self.quiz_id!r}: {_shown(self.title)}, {len(self.questions)} questions)"

    def html(self) -> str:
        """The quiz as one HTML fragment: its style, its questions and its script."""
        root = f"lpq-{self.quiz_id}"
        words = html.escape(json.dumps(WORDS, ensure_ascii=False, separators=(",", ":")))
        parts = [f'<div class="lp-quiz" id="{root}" data-words="{words}">', f"<style>{_asset('quiz.css')}</style>",
                 f'<p class="lp-quiz-title" id="{root}--title"><strong>{_shown(self.title)}</strong></p>']
        for n, question in enumerate(self.questions, start=1):
            parts.append(_question_html(question, f"{root}--q{n}", n))
        parts += [f'<div class="lp-quiz-foot"><button type="button" class="lp-forget" '
                  f'aria-describedby="{root}--title">Forget my answers</button>'
                  '<p class="lp-quiz-status" role="status" aria-live="polite"></p></div>',
                  f"<script>{_asset('quiz.js')}</script>", "</div>"]
        return "\n".join(parts)


def _asset(name: str) -> str:
    """A JS or CSS asset as the page gets it: without indentation or whole-line comments (every
    statement ends with its semicolon, so line breaks stay as they are), ``</`` never closing its tag."""
    lines = (line.strip() for line in (_ASSETS / name).read_text(encoding="utf-8").splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")).replace("</", "<\\/")


def _shown(text: str, limit: int = MAX_TEXT) -> str:
    """Escaped, and never cut: every text was held to ``limit`` when the question was made."""
    return safe_text(text, max_chars=limit)


def _question_html(question: Question, qid: str, n: int) -> str:
    explain = _shown(question.explain, MAX_EXPLAIN)
    if isinstance(question, Choice):
        kind, key = "choice", list(question.correct)
        kind_input = "checkbox" if question.multiple else "radio"
        hint = " (choose all that apply)" if question.multiple else ""
        body = "".join(f'<div class="lp-row lp-option" data-reason="{_shown(r)}"><label>'
                       f'<input type="{kind_input}" name="{qid}" value="{i}"> <span>{_shown(o)}</span></label>'
                       f'<span class="lp-mark"></span></div>'
                       for i, (o, r) in enumerate(zip(question.options, question.reasons)))
        answer = "<ul>" + "".join(f"<li><strong>{_shown(question.options[i])}</strong> — {_shown(question.reasons[i])}"
                                  "</li>" for i in question.correct) + "</ul>"
    elif isinstance(question, Label):
        kind, key, hint = "label", [question.labels.index(a) for a in question.answers], ""
        menu = '<option value="">Choose…</option>' + "".join(
            f'<option value="{i}">{_shown(label)}</option>' for i, label in enumerate(question.labels))
        reason = (lambda k: f' data-reason="{_shown(question.reason(k))}"') if question.reasons else (lambda k: "")
        body = "".join(f'<div class="lp-row"{reason(k)}>'
                       f'<label for="{qid}--{k}">{_shown(item)}</label>'
                       f'<select id="{qid}--{k}">{menu}</select><span class="lp-mark"></span></div>'
                       for k, item in enumerate(question.items))
        if question.reasons:
            answer = "<ul>" + "".join(
                f"<li>{_shown(i)}: <strong>{_shown(a)}</strong>. {_shown(r)}</li>"
                for i, a, r in zip(question.items, question.answers, question.reasons)) + "</ul>"
        else:
            answer = "<p>" + "; ".join(f"{_shown(i)}: {_shown(a)}"
                                       for i, a in zip(question.items, question.answers)) + "</p>"
    else:
        kind, key, hint = "order", list(range(len(question.items))), " (first at the top)"
        places = shuffled(question, qid)
        off = lambda edge: " disabled" if edge else ""  # noqa: E731 - Move up on the first, Move down on the last
        body = '<ol class="lp-order">' + "".join(
            f'<li class="lp-row" data-item="{k}"><span>{_shown(question.items[k])}</span>'
            f'<button type="button" class="lp-up" aria-label="Move up: {_shown(question.items[k])}"{off(p == 0)}>↑'
            f'</button><button type="button" class="lp-down" aria-label="Move down: {_shown(question.items[k])}"'
            f'{off(p == len(places) - 1)}>↓</button><span class="lp-mark"></span></li>'
            for p, k in enumerate(places)) + "</ol>"
        answer = "<p>" + " → ".join(_shown(i) for i in question.items) + "</p>"
    return (f'<fieldset class="lp-q" id="{qid}" data-kind="{kind}" data-key="{html.escape(json.dumps(key))}" '
            f'data-sig="{signature(question)}" data-explain="{explain}">'
            f'<legend>{n}. {_shown(question.prompt)}{hint}</legend>{body}'
            f'<div class="lp-actions"><button type="button" class="lp-check">Check</button></div>'
            f'<p class="lp-feedback" role="status" aria-live="polite"></p>'
            # Hidden, not only folded, until the question is checked with an answer: no spoilers.
            f'<details class="lp-answer" hidden><summary>Show the answer</summary>{answer}'
            + (f"<p>{explain}</p>" if explain else "") + "</details></fieldset>")
