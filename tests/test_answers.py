"""The answers store: round trip, 30 writers at once, a killed writer, bad input, export, PostgreSQL."""

from __future__ import annotations

import csv
import io
import signal
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.room import participant
from exercises.room.store import FILE_NAME, MAX_ANSWER_CHARS, MAX_DEPTH, AnswerError, encode_answer, open_store
from postgres import postgres_url  # noqa: F401 (a fixture)
from room_fixtures import reset

ROOT = Path(__file__).resolve().parents[1]


def test_round_trip_and_latest(tmp_path):
    with open_store(tmp_path) as store:
        store.save("Ada", "sequencing/order", {"order": ["B", "A"], "total": 12.5})
        store.save("Ada", "sequencing/order", {"order": ["A", "B"], "total": 14.0})
        store.save("Grace", "sequencing/split", [1, 2, 3])
        assert store.count() == 3
        assert [a.answer["total"] for a in store.answers("Ada")] == [12.5, 14.0]
        assert {(a.participant, a.exercise) for a in store.latest()} == {("Ada", "sequencing/order"),
                                                                         ("Grace", "sequencing/split")}
        assert store.latest("sequencing/order")[0].answer["order"] == ["A", "B"]
    assert (tmp_path / FILE_NAME).exists()
    with open_store(tmp_path) as again:  # the data outlives the connection
        assert again.count() == 3
        assert again._connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _write_many(folder: str, who: int, n: int) -> int:
    with open_store(folder) as store:
        for k in range(n):
            store.save(f"participant {who}", f"exercise {k % 3}", {"k": k, "who": who})
    return n


def test_thirty_writers_at_once_lose_nothing(tmp_path):
    with ProcessPoolExecutor(max_workers=30) as pool:
        sent = sum(pool.map(_write_many, [str(tmp_path)] * 30, range(30), [20] * 30))
    with open_store(tmp_path) as store:
        assert store.check()
        rows = store.answers()
        assert len(rows) == sent == 600
        for who in range(30):
            mine = [r.answer["k"] for r in rows if r.participant == f"participant {who}"]
            assert mine == list(range(20))  # each writer's answers all there, in its order


WRITER = """
import sys
from exercises.room.store import open_store
store = open_store(sys.argv[1])
k = 0
while True:
    store.save("killed", "loop", {"k": k, "pad": "x" * 2000})
    print(k, flush=True)   # acknowledged only after the commit returned
    k += 1
"""


def test_a_killed_writer_loses_nothing_acknowledged(tmp_path):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE,
                              text=True, cwd=ROOT)
    acknowledged = []
    for line in writer.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) >= 50:
            break
    writer.send_signal(signal.SIGKILL)  # mid-save, most likely: it never stops saving
    writer.wait()
    acknowledged += [int(line) for line in writer.stdout.read().split()]
    with open_store(tmp_path) as store:  # recovers the WAL on open
        assert store.check()
        stored = [a.answer["k"] for a in store.answers("killed")]
        assert stored[:len(acknowledged)] == acknowledged
        store.save("after", "loop", {"ok": True})  # and takes new answers
        assert store.answers("after")[0].answer == {"ok": True}


@pytest.mark.parametrize("name", ["../../etc/passwd", "'; DROP TABLE answers; --", "Robert'); --",
                                  "<script>alert(1)</script>", "名前 🙂", "bad \ud800 surrogate", "/abs/path",
                                  "a\x00b\x1bc"])
def test_hostile_names_are_data_only(tmp_path, name):
    folder = tmp_path / "store"
    with open_store(folder) as store:
        saved = store.save(name, name, {"text": name})
        assert store.count() == 1
        assert store.answers(saved.participant)[0].answer == saved.answer
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(FILE_NAME)) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # nothing written outside
    if "\ud800" in name:
        assert "\ufffd" in saved.participant
    if "\x00" in name:
        assert saved.participant == "abc"


def test_refusals_are_clear(tmp_path):
    with open_store(tmp_path) as store:
        with pytest.raises(AnswerError, match="box is empty"):
            store.save("   \t", "x", 1)
        with pytest.raises(AnswerError, match="at most 80 characters"):
            store.save("n" * 81, "x", 1)
        with pytest.raises(AnswerError, match="too long to save: 1,000,0"):
            store.save("Ada", "x", "y" * 1_000_000)
        with pytest.raises(AnswerError, match="infinite or missing"):
            store.save("Ada", "x", {"v": float("nan")})
        with pytest.raises(AnswerError, match="not object"):
            store.save("Ada", "x", object())
        assert store.count() == 0
        big = "é" * (MAX_ANSWER_CHARS // 2)
        assert store.save("Ada", "x", big).answer == big  # near the limit is stored whole


# --------------------------------------------------------------------------- merged, lost or too deep

@pytest.mark.parametrize("answer, names", [
    ({1: "a", "1": "b"}, "1 and '1'"),
    ({"a\x00": 1, "a": 2}, "'a\\x00' and 'a'"),
    ({"k": [{"x\u202e": 1, "x": 2}]}, "'x\\u202e' and 'x'"),  # deep inside, too
    ({True: 1, "True": 2}, "True and 'True'"),
])
def test_the_store_silently_merges_answers_no_more(tmp_path, answer, names):
    """Defect: keys that collide after cleaning overwrote each other ({1: 'a', '1': 'b'} was stored as
    {"1": "b"}). Now the answer is refused with a sentence naming both; nothing is stored."""
    with open_store(tmp_path) as store:
        with pytest.raises(AnswerError, match="would be saved under the same name") as err:
            store.save("Ada", "x", answer)
        assert names in str(err.value) and "Nothing was saved." in str(err.value)
        assert store.count() == 0


def deep(levels: int):
    value: list = []
    for _ in range(levels - 1):
        value = [value]
    return value


def test_a_5000_deep_answer_is_refused_and_the_store_stays_open(tmp_path, monkeypatch):
    """Defect: a 5,000-deep answer raised RecursionError, was reported as "will be saved with your next
    change" (it never can be) and dropped the store's connection. Now: AnswerError, said as it is."""
    with open_store(tmp_path / "direct") as store:
        with pytest.raises(AnswerError, match="nested too deeply to save: more than 100 levels"):
            store.save("Ada", "x", deep(5000))
        assert store.save("Ada", "x", deep(MAX_DEPTH)).answer == deep(MAX_DEPTH)  # the limit itself is kept
        with pytest.raises(AnswerError, match="nested too deeply"):
            store.save("Ada", "x", deep(MAX_DEPTH + 1))
        loop: list = []
        loop.append(loop)
        with pytest.raises(AnswerError, match="holds itself"):
            store.save("Ada", "x", {"me": loop})
        assert store.count() == 1
    reset(monkeypatch, tmp_path / "room")
    participant.set_participant("Ada")
    assert participant.save("probe/deep", {"ok": 1})
    opened = participant.store()
    assert participant.save("probe/deep", deep(5000)) is False
    said = participant.last_problem()
    assert "nested too deeply" in said and "next change" not in said
    assert participant.store() is opened  # the connection is kept...
    assert participant.save("probe/deep", {"ok": 2}) and opened.count() == 2  # ...and still saves


def test_a_number_json_cannot_hold_is_refused_with_a_sentence(tmp_path):
    with open_store(tmp_path) as store:
        with pytest.raises(AnswerError, match="a number this large"):
            store.save("Ada", "x", {"n": 10 ** 5000})
        assert store.save("Ada", "x", {"n": 2 ** 1000}).answer == {"n": 2 ** 1000}


def test_stored_answers_keep_what_people_write_with(tmp_path):
    """Defect 5, in the store: ZWNJ, ZWJ, tag characters and soft hyphens vanished from saved answers."""
    written = {"fa": "می\u200cخواهم", "family": "👩\u200d👩\u200d👧", "flag": "🏴\U000e0067\U000e0062\U000e0073\U000e0063"
               "\U000e0074\U000e007f", "soft": "Zusammen\u00adarbeit", "rtl": "שלום\u200f"}
    with open_store(tmp_path) as store:
        assert store.save("Ada\u200d", "x", written).answer == written
        assert store.answers()[0].answer == written
        assert store.save("Ada", "x", {"spoof": "txt.\u202eexe"}).answer == {"spoof": "txt.exe"}
        with pytest.raises(AnswerError, match="box is empty"):
            store.save("\u200b\u2066", "x", 1)  # a name that shows nothing


KEYS = st.one_of(st.sampled_from(["a", "a\x00", "A", "1", "b\u202e", "b", "\u200c", ""]), st.integers(0, 2),
                 st.booleans(), st.text(max_size=3))
LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                   st.text(max_size=10))
ANSWERS = st.recursive(LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=4)), max_leaves=20)


def reference(value):
    """What must be stored, or _REFUSED when it must be refused: every string cleaned, no name lost."""
    from exercises.kit.text import clean_text

    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        inner = [reference(v) for v in value]
        return _REFUSED if any(v is _REFUSED for v in inner) else inner
    if isinstance(value, dict):
        out = {clean_text(str(k)): reference(v) for k, v in value.items()}
        if len(out) < len(value) or any(v is _REFUSED for v in out.values()):
            return _REFUSED
        return out
    return value


_REFUSED = object()


@settings(max_examples=400, deadline=None)
@given(ANSWERS)
def test_an_answer_is_stored_whole_or_refused_never_merged(answer):
    """The property that would have caught the merge: what is stored has every name it was given."""
    expected = reference(answer)
    try:
        stored = json.loads(encode_answer(answer))
    except AnswerError as err:
        assert expected is _REFUSED, (answer, str(err))
        assert str(err).endswith(".") and "\n" not in str(err)
        return
    assert expected is not _REFUSED, answer
    assert stored == expected


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 3 * MAX_DEPTH), st.sampled_from([list, dict]))
def test_any_depth_is_stored_or_refused_with_a_sentence(levels, kind):
    value: object = 1
    for _ in range(levels):
        value = [value] if kind is list else {"k": value}
    if levels <= MAX_DEPTH:
        assert json.loads(encode_answer(value)) == value
    else:
        with pytest.raises(AnswerError, match="nested too deeply"):
            encode_answer(value)


def test_export_all_and_one_participant(tmp_path):
    with open_store(tmp_path / "s") as store:
        store.save("Ada", "e1", {"v": 1})
        store.save("=HYPERLINK(\"http://x\")", "e1", "=1+1")
        store.save("Grace, \"G\"", "e2", ["a,b", "line\nbreak"])
        everything = list(csv.reader(io.StringIO(store.export_csv(tmp_path / "all.csv"))))
        assert everything[0] == ["participant", "exercise", "answer", "saved_at"]
        assert len(everything) == 4
        assert everything[2][0].startswith("'=")  # no formula runs in a spreadsheet
        assert everything[3][0] == 'Grace, "G"'
        assert (tmp_path / "all.csv").read_text(encoding="utf-8-sig").count("\n") >= 4
        mine = list(csv.reader(io.StringIO(store.export_csv(participant="Ada"))))
        assert [row[0] for row in mine[1:]] == ["Ada"]


# --------------------------------------------------------------------------- PostgreSQL

def test_postgresql_same_api(postgres_url):
    with open_store(postgres_url) as store:
        assert store.kind == "postgresql"
        store.save("'; DROP TABLE answers; --", "e1", {"v": "bad \ud800"})
        store.save("Ada", "e1", [1, 2])
        assert store.count() >= 2
        assert store.answers("Ada")[-1].answer == [1, 2]
        assert "\ufffd" in store.answers("'; DROP TABLE answers; --")[-1].answer["v"]
        assert "Ada" in store.export_csv(participant="Ada")


def test_postgresql_thirty_writers(postgres_url):
    with open_store(postgres_url) as store:
        before = store.count()
    with ProcessPoolExecutor(max_workers=30) as pool:
        sent = sum(pool.map(_write_many, [postgres_url] * 30, range(100, 130), [10] * 30))
    with open_store(postgres_url) as store:
        assert store.count() - before == sent == 300


# --------------------------------------------------------------------------- the export command

def test_export_command_writes_every_answer(tmp_path):
    with open_store(tmp_path / "s") as store:
        store.save("Ada", "sequencing/order", {"order": ["S1"]})
        store.save("Grace", "culture/cadence", {"budget": 26})
    out = tmp_path / "answers.csv"
    run = subprocess.run([sys.executable, "-m", "exercises.room.store", "export", str(tmp_path / "s"), "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Exported 2 answers" in run.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8's byte order mark: a spreadsheet reads UTF-8
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows] == ["participant", "Ada", "Grace"]
    mine = subprocess.run([sys.executable, "-m", "exercises.room.store", "export", str(tmp_path / "s"),
                           "--participant", "Grace"], cwd=ROOT, capture_output=True, text=True)
    assert mine.returncode == 0 and "Grace" in mine.stdout and "Ada" not in mine.stdout


def test_export_command_refuses_a_folder_with_no_store(tmp_path):
    run = subprocess.run([sys.executable, "-m", "exercises.room.store", "export", str(tmp_path / "typo")],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1 and "No answers store" in run.stderr
    assert not (tmp_path / "typo").exists()  # a mistyped folder is not created


def test_make_export_is_the_readme_command(tmp_path):
    with open_store(tmp_path / "s") as store:
        store.save("Ada", "e1", {"v": 1})
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make export" in readme and "STORE=" in readme
    run = subprocess.run(["make", "-s", "export", f"STORE={tmp_path / 's'}", f"OUT={tmp_path / 'a.csv'}"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "a.csv").read_text(encoding="utf-8-sig").startswith("participant,exercise,answer,saved_at")


# --------------------------------------------------------------------------- the export in a spreadsheet

from exercises.room.store import spreadsheet_cell  # noqa: E402


def test_export_defused_cells_stay_distinct_and_numbers_stay_numbers(tmp_path):
    """Defect: "=1" and "'=1" both became "'=1" (two answers, one cell), and a negative number
    "-3" became the text "'-3". Now a cell that starts with an apostrophe gets one more, and a
    number is written as it is; formulas are still defused."""
    names = ["=1", "'=1", "''=1", "-3", "-2+3", "@SUM(A1)", "+1", "2.5e-4", "Ada", "plain"]
    with open_store(tmp_path / "s") as store:
        for name in names:
            store.save(name, "e1", -3 if name == "-3" else {"v": name})
        rows = list(csv.reader(io.StringIO(store.export_csv(tmp_path / "all.csv"))))[1:]
    cells = [row[0] for row in rows]
    assert len(set(cells)) == len(names)  # every cell distinct
    assert cells[:3] == ["'=1", "''=1", "'''=1"]
    assert cells[3] == "-3" and rows[3][2] == "-3"  # numbers stay numeric (name and answer)
    assert cells[4] == "'-2+3" and cells[5] == "'@SUM(A1)" and spreadsheet_cell("\tx") == "'\tx"
    assert cells[6] == "+1" and cells[7] == "2.5e-4" and cells[9] == "plain"
    assert (tmp_path / "all.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=8), st.text(max_size=8))
def test_a_spreadsheet_cell_never_starts_a_formula_and_two_texts_stay_two(a, b):
    for text in (a, b):
        cell = spreadsheet_cell(text)
        number = cell == text and cell[:1] in "+-" and cell[1:2].isdigit() or cell[:1] in "+-" and cell[1:2] == "."
        assert cell[:1] not in ("=", "@", "\t", "\r") and (cell[:1] not in "+-" or number or cell == "")
        assert cell in (text, "'" + text)  # only ever an apostrophe in front: the text itself is kept
    if a != b:
        assert spreadsheet_cell(a) != spreadsheet_cell(b)


def test_an_answer_1000_deep_gets_the_stores_sentence_from_the_kit(tmp_path, monkeypatch):
    """Defect: participant.flush ran json.dumps before the store saw an answer, so an answer ~1,000
    levels deep said "could not be saved (RecursionError)". Now it gets the store's own sentence."""
    from exercises.kit.live import LabelExercise
    from exercises.kit.quiz import Label

    reset(monkeypatch, tmp_path / "room")
    participant.attach()
    try:
        participant.set_participant("Ada")

        class Deep(LabelExercise):
            def answer(self):
                return {"deep": deep(1000)}

        face = Deep(Label("Sort these.", ["a why"], ["why", "what"], ["why"]), mode="static")
        face.key = "testing/deep"
        face.menus[0].value = "why"
        assert "nested too deeply to save: more than 100 levels" in face.notice.value
        assert "RecursionError" not in face.notice.value and "Something went wrong" not in face.problems.value
    finally:
        participant.detach()
        participant._forget_store()
