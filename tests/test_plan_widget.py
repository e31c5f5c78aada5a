"""Your transition plan's live exercises, driven in-process as a learner would; the plan from a
journal kept in a temporary folder, read again after the kernel's state is dropped (a restart)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from exercises.plan import model
from exercises.plan.widget import PlanExercise, QuestionsExercise, SelfExercise, WeekExercise


def test_the_gaps_exercise_names_the_largest_gap():
    ex = SelfExercise(mode="static")
    ex.inputs["goal_influence"].value = 5
    assert "Your largest gap is Influence without authority: from 3 now to 5 in six months." in ex.summary.value
    assert ex.answer()["largest"] == "influence" and ex.answer()["gaps"]["influence"] == 2


def test_the_week_exercise_says_where_the_week_differs_and_refuses_over_100_with_a_sentence():
    ex = WeekExercise(mode="static")
    ex.inputs["market"].value = 50
    ex.inputs["internal"].value = 30
    assert "close to the reference profile" in ex.summary.value
    ex.inputs["market"].value = 90
    assert "120% of a week" in ex.summary.value and ex.answer()["external"] is None
    assert "Something went wrong" not in ex.problems.value


def test_the_questions_exercise_escapes_what_is_typed():
    ex = QuestionsExercise(mode="static")
    assert ex.answer() is None
    ex.inputs["want"].value = "<img src=x onerror=alert(1)>"
    assert "<img" not in ex.summary.value and "&lt;img" in ex.summary.value
    assert ex.answer()["answered"] == 1


def _decoded(summary: str, name: str) -> str:
    href = re.search(rf'download="{re.escape(name)}" href="data:[^;]+;charset=utf-8;base64,([^"]+)"', summary).group(1)
    return base64.b64decode(href).decode("utf-8")


def test_the_plan_shows_the_example_until_there_are_answers_and_then_exports_them_escaped():
    store = {"inputs": {}, "answers": {}}
    ex = PlanExercise(mode="static", reader=lambda: (store["inputs"], store["answers"]))
    assert ex.answer()["example"] and "example plan" in ex.summary.value
    store["answers"]["plan/questions"] = {"want": "<b>Ship</b> **it** 🧭", "answered": 1}
    ex.again.click()
    answer = ex.answer()
    assert not answer["example"] and answer["answered"] == 1 and "aim" not in answer["missing"]
    assert "&lt;b&gt;Ship&lt;/b&gt;" in ex.summary.value and "<b>Ship" not in ex.summary.value
    assert "\\<b\\>Ship\\<\\/b\\> \\*\\*it\\*\\* 🧭" in _decoded(ex.summary.value, "my-transition-plan.md")
    assert "<bdi>&lt;b&gt;Ship&lt;/b&gt; **it** 🧭</bdi>" in _decoded(ex.summary.value, "my-transition-plan.html")
    ex.inputs["whose"].value = "example"
    assert ex.answer()["example"]


def test_a_reader_that_fails_says_so_and_shows_the_example_never_a_traceback():
    def broken():
        raise OSError("disk gone")

    from exercises.plan import room

    assert room.kept() == ({}, {})  # nothing kept here: no journal, no workshop
    ex = PlanExercise(mode="static", reader=broken)
    assert "Something went wrong" not in ex.problems.value and ex.answer()["example"]
    assert "could not be read just now (OSError)" in ex.summary.value


# --------------------------------------------------------------------------- the live journal


@pytest.fixture
def journal_folder(monkeypatch, tmp_path):
    from exercises.kit import display
    from exercises.room import journal, participant
    from room_fixtures import reset, without_pictures

    reset(monkeypatch)
    without_pictures(monkeypatch)
    monkeypatch.setenv(journal.JOURNAL_ENV, str(tmp_path / "journal"))
    monkeypatch.setenv(display.RENDER_ENV, "live")
    monkeypatch.setattr(display, "setup", lambda: None)
    yield tmp_path / "journal"
    journal.stop()
    participant.detach()
    participant._forget_store()


#: One answer per chapter exercise the plan reads: (exercise key, {input: value}), and what the plan shows for it.
FILLED = [
    ("purpose/message", {"why": "Shifts should fit lives ‮"}, "Shifts should fit lives"),
    ("status_quo/assumptions", {"practice": "P3", "why": "Investors wanted a say"}, "Investors wanted a say"),
    ("status_quo/tests", {"need": 4, "budget": 20000}, "strength 4 of 5 within a budget of 20000"),
    ("influence/cascade", {"first_1": "cfo", "first_2": "qa"}, "Talk first with: Finance, Quality"),
    ("influence/obstacles", {"obstacle_1": "No <b>budget</b>", "owner_1": "Finance"}, "No <b>budget</b> (Finance)"),
    ("sequencing/order", {"start_from": "Quickest first"}, "your order starts with"),
    ("culture/cadence", {"budget": 104, "guess": "burst"}, "Hold 104 conversations"),
    ("plan/gaps", {"goal_courage": 5}, "Entrepreneurial courage (now 3, in six months 5)"),
    ("plan/week", {"market": 40, "internal": 40}, "Now: 40% with customers and the market, 40% with internal teams."),
    ("plan/questions", {"not_happening": "Discovery", "happening": "Scope creep", "want": "Outcomes"}, "By day 90: Outcomes"),
]


def _exercise(key):
    import importlib

    topic, name = key.split("/")
    return next(e for e in importlib.import_module(f"exercises.{topic}.widget").EXERCISES if e.name == name)


def test_answers_given_in_every_chapter_appear_in_the_plan_after_a_restart(journal_folder):
    """Fill each chapter's exercise (live faces, journal on), flush, drop every open store and the
    started journal (as a restarted kernel would), start again: every answer is in the plan."""
    from exercises import book
    from exercises.room import journal, participant

    book.setup()
    assert journal.started()
    for key, values, _ in FILLED:
        face = _exercise(key).live_face(mode="static")
        for name, value in values.items():
            face.inputs[name].value = value
        participant.flush(face)
    journal.stop()
    participant.detach()
    participant._forget_store()
    book.setup()  # the restarted kernel's first cell
    ex = _exercise("plan/plan").live_face(mode="static")
    text = ex.summary.value
    import html

    shown = html.unescape(re.sub(r"<[^>]+>", "", text))
    for key, _, want in FILLED:
        assert want in shown, f"{key}: {want!r} is not in the plan"
    assert not ex.answer()["example"]
    assert set(ex.answer()["missing"]) == {"board"}  # the only exercise not filled here


def _run(client, code: str) -> str:
    """Run ``code`` in the kernel; its printed output (a traceback fails the test)."""
    msg_id = client.execute(code)
    out = []
    while True:
        msg = client.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind == "error":
            pytest.fail("\n".join(content["traceback"]))
        elif kind == "status" and content["execution_state"] == "idle":
            return "".join(out)


@pytest.mark.integration  # a real kernel, filled, restarted: about 20 s; runs in make test, not in make unit
def test_a_real_kernel_filled_then_restarted_finds_every_answer_in_the_plan(tmp_path):
    """Every chapter's exercise filled in one kernel keeping a journal; the kernel restarted; the plan
    built in the new kernel shows every answer."""
    jupyter_client = pytest.importorskip("jupyter_client")
    import os
    import sys

    env = {**os.environ, "LEADING_PRODUCTS_JOURNAL": str(tmp_path / "journal"), "LEADING_PRODUCTS_RENDER": "live",
           "LEADING_PRODUCTS_STORE": "", "LEADING_PRODUCTS_PARTICIPANT": "", "PYTHONPATH": str(Path(__file__).parents[1])}
    manager = jupyter_client.KernelManager()
    manager.kernel_spec.argv[0] = sys.executable
    manager.start_kernel(env=env, cwd=str(tmp_path))
    try:
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        filled = [(key, values) for key, values, _ in FILLED]
        said = _run(client, "from exercises.book import setup\nsetup()\nimport importlib\n"
                            "from exercises.room import participant\n"
                            f"for key, values in {filled!r}:\n"
                            "    topic, name = key.split('/')\n"
                            "    ex = next(e for e in importlib.import_module(f'exercises.{topic}.widget').EXERCISES"
                            " if e.name == name)\n"
                            "    face = ex.live_face(mode='static')\n"
                            "    for k, v in values.items():\n"
                            "        face.inputs[k].value = v\n"
                            "    participant.flush(face)\n"
                            "print('filled', participant.journal() is not None)\n")
        assert "filled True" in said
        client.stop_channels()
        manager.restart_kernel(now=True)
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        shown = _run(client, "from exercises.book import setup\nsetup()\nimport html, re\n"
                             "from exercises.plan import widget\n"
                             "face = widget.plan.live_face(mode='static')\n"
                             "print(html.unescape(re.sub(r'<[^>]+>', '', face.summary.value)))\n"
                             "print('missing', face.answer()['missing'])\n")
        client.stop_channels()
    finally:
        manager.shutdown_kernel(now=True)
    for key, _, want in FILLED:
        assert want in shown, f"{key}: {want!r} is not in the plan after the restart"
    assert "missing ['board']" in shown


def test_in_a_workshop_the_plan_reads_the_signed_in_participants_answers_only(monkeypatch, tmp_path):
    from exercises.plan import room
    from exercises.room import participant
    from room_fixtures import reset, without_pictures

    reset(monkeypatch)
    without_pictures(monkeypatch)
    monkeypatch.setenv(participant.STORE_ENV, str(tmp_path / "room"))
    try:
        participant.set_participant("Eve")
        assert participant.save("purpose/message", {"why": "Eve's secret why", "how": "", "what": ""})
        participant.set_participant("Ada")
        assert participant.save("plan/questions", {"want": "Ada's outcome", "answered": 1})
        ex = PlanExercise(mode="static", reader=room.kept)
        assert "Ada&#x27;s outcome" in ex.summary.value or "Ada's outcome" in ex.summary.value
        assert "Eve" not in ex.summary.value and "why" in ex.answer()["missing"]
    finally:
        participant._forget_store()
