"""The scenario-file loader: every way a file can be wrong gives one line naming file, line and column.

Regressions from the hardening issue first, then property tests that write CSV files the way
people and spreadsheets do (byte-order marks, blank lines, quoted line breaks, ids that
repeat or differ only by case, bytes that are not UTF-8) and hold the loader to its rules:
it returns exactly the rows written, each with the line it starts on, or one error naming
the right line.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.kit import data
from exercises.kit.data import Column, DataFileError, Schema, file_error, load_csv

SCHEMA = Schema(columns=(Column("id"), Column("weeks", "int", minimum=1), Column("note", required=False),
                         Column("needs", "ids", required=False)), key="id")
HEADER = "id,weeks,note,needs\n"


def load(tmp_path, content: bytes | str, schema: Schema = SCHEMA):
    path = tmp_path / "scenario.csv"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return load_csv(path, schema)


def error(tmp_path, content, schema: Schema = SCHEMA) -> str:
    with pytest.raises(DataFileError) as err:
        load(tmp_path, content, schema)
    message = str(err.value)
    assert "scenario.csv" in message and "\n" not in message, message
    return message


def test_good_file_loads_typed_and_skips_blank_lines(tmp_path):
    frame = load(tmp_path, HEADER + "a,2,,\n\nb,3,hello,a; \n")
    assert list(frame["id"]) == ["a", "b"] and frame["weeks"].dtype == "int64"
    assert list(frame["needs"]) == [(), ("a",)]
    assert frame.attrs["lines"] == [2, 4]


@pytest.mark.parametrize("content, expected", [
    ("", "line 1: empty file"),
    ("id,weeks\n", "line 1: missing column 'note'"),
    ("id,weeks,note,needs,extra\n", "line 1: unexpected column 'extra'"),
    ("weeks,id,note,needs\n", "line 1: columns out of order"),
    (HEADER, "line 2: no data rows"),
    (HEADER + "a,2.5,,\n", "line 2, column 'weeks': expected a whole number, got '2.5'"),
    (HEADER + "a,0,,\n", "line 2, column 'weeks': expected at least 1"),
    (HEADER + "a,nan,,\n", "line 2, column 'weeks': expected a whole number"),
    (HEADER + ",2,,\n", "line 2, column 'id': expected text, got an empty cell"),
    (HEADER + "a,2\n", "line 2: expected 4 cells, got 2"),
    (HEADER + "a,2,,\na,3,,\n", "line 3, column 'id': 'a' already used on line 2"),
])
def test_malformed_file_fails_with_one_line_naming_file_line_and_column(tmp_path, content, expected):
    assert expected in error(tmp_path, content)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DataFileError, match="nowhere.csv: file not found"):
        load_csv(tmp_path / "nowhere.csv", SCHEMA)


def test_file_error_builds_the_house_format():
    assert str(file_error("x.csv", "bad", line=3, column="id")) == "data/x.csv, line 3, column 'id': bad"
    assert str(file_error("/tmp/x.csv", "two\nlines")) == "/tmp/x.csv: two lines"


def test_a_column_kind_must_be_known():
    with pytest.raises(ValueError, match="kind must be one of"):
        Column("x", "date")


# --------------------------------------------------------------------------- hardening regressions


def test_a_repeated_id_in_a_list_is_refused(tmp_path):
    """Hardening 1: ``A;A`` loaded, and the optimiser counted the doubled id twice."""
    assert "line 3, column 'needs': 'a' is listed twice" in error(tmp_path, HEADER + "a,1,,\nb,1,,a; a\n")


def test_ids_that_differ_only_by_case_are_refused(tmp_path):
    """Hardening 2: orders match ids ignoring case, so ``F1`` and ``f1`` cannot both be ids."""
    message = error(tmp_path, HEADER + "F1,1,,\n\nf1,1,,\n")
    assert "line 4, column 'id': 'f1' differs from 'F1' (line 2) only by case" in message


def test_lines_are_the_files_own_after_blank_lines_and_quoted_line_breaks(tmp_path):
    """Hardening 3: line numbers counted rows, not lines."""
    content = HEADER + '\na,1,"two\nlines",\n\n\nb,x,,\n'
    assert "line 7, column 'weeks'" in error(tmp_path, content)
    frame = load(tmp_path, HEADER + '\na,1,"two\nlines",\n\nb,2,,\n')
    assert frame.attrs["lines"] == [3, 6] and frame.loc[0, "note"] == "two\nlines"


def test_a_byte_order_mark_is_read(tmp_path):
    """Hardening 4: Excel's "CSV UTF-8" writes a byte-order mark; it gave "missing column 'id'"."""
    assert list(load(tmp_path, b"\xef\xbb\xbf" + HEADER.encode() + b"a,1,,\n")["id"]) == ["a"]


def test_a_bad_byte_names_its_line(tmp_path):
    """Hardening 5: the offset was counted within a decoding chunk, with no line."""
    content = b"\xef\xbb\xbf" + HEADER.encode() + b"a,1,,\n" * 3000 + b"b,1,caf\xe9,\n"
    assert "line 3002: not UTF-8 text" in error(tmp_path, content, Schema(SCHEMA.columns, "id", max_rows=5000))


@pytest.mark.parametrize("name, expected", [
    ("folder", "is a folder, not a file"),
    ("bad\0name.csv", "cannot be read"),
    ("x" * 300 + ".csv", "cannot be read"),
])
def test_a_path_that_is_not_a_readable_file_gives_one_line(tmp_path, name, expected):
    """Hardening 6: IsADirectoryError, ValueError or OSError escaped."""
    (tmp_path / "folder").mkdir()
    with pytest.raises(DataFileError) as err:
        load_csv(tmp_path / name if "\0" not in name else f"{tmp_path}/{name}", SCHEMA)
    assert expected in str(err.value) and "\n" not in str(err.value) and len(str(err.value)) < 300


def test_an_unreadable_file_gives_one_line(tmp_path, monkeypatch):
    path = tmp_path / "locked.csv"
    path.write_text(HEADER + "a,1,,\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # root may read any file, so refuse it here
    with pytest.raises(DataFileError, match="locked.csv: cannot be read \\(permission denied\\)"):
        load_csv(path, SCHEMA)


def test_a_bare_name_always_means_the_data_folder(tmp_path, monkeypatch):
    """Hardening 7: a file of the same name in the working directory replaced the scenario."""
    real = data.DATA_DIR / "sequencing_returns.csv"
    schema = Schema((Column("kind"), Column("scale", "float"), Column("saturation", "float")), key="kind")
    (tmp_path / real.name).write_text("kind,scale,saturation\ndecoy,1,1\n")
    monkeypatch.chdir(tmp_path)
    assert "decoy" not in set(load_csv(real.name, schema)["kind"])
    assert list(load_csv(f"./{real.name}", schema)["kind"]) == ["decoy"]  # a path is a path


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    """Hardening 8: a 50 MB file was parsed whole (2.9 s, 744 MB) before the row limit applied."""
    path = tmp_path / "scenario.csv"
    with path.open("w") as handle:
        handle.write(HEADER)
        handle.write("a,1,,\n" * 10_000_000)  # 60 MB
    with pytest.raises(DataFileError, match="larger than the 1 MB a scenario file may be"):
        load_csv(path, SCHEMA)


def test_rows_stop_at_the_limit(tmp_path):
    rows = "".join(f"i{k},1,,\n" for k in range(20))
    assert "line 17: more than 15 rows" in error(tmp_path, HEADER + rows, Schema(SCHEMA.columns, "id", max_rows=15))


# --------------------------------------------------------------------------- duplicate item text

TEXTS = Schema(columns=(Column("id"), Column("statement"), Column("aside", required=False)), key="id",
               unique=("statement", "aside"))


def test_duplicate_item_text_is_refused_naming_file_lines_and_column(tmp_path):
    """Defect: two rows with the same statement and different ids loaded, then building the quiz
    failed with a ValueError that named no file. The loader refuses them, naming both lines."""
    content = "id,statement,aside\nS1,Ship weekly,\nS2,Listen first,\n\nS3,\" ship  WEEKLY\u200b \",\n"
    message = error(tmp_path, content, TEXTS)
    assert ("scenario.csv, line 5, column 'statement': 'ship WEEKLY\\u200b' repeats line 2 ('Ship weekly'); "
            "each statement must read differently") in message
    assert "line 3, column 'aside': 'x' repeats line 2;" in error(tmp_path, "id,statement,aside\na,A,x\nb,B,x\n", TEXTS)
    frame = load(tmp_path, "id,statement,aside\na,A,\nb,B,\nc,C,z\n", TEXTS)  # empty optional cells are no text
    assert list(frame["statement"]) == ["A", "B", "C"]


def test_a_schema_names_only_its_own_columns():
    with pytest.raises(ValueError, match="'text' is not one of the columns id, statement"):
        Schema(columns=(Column("id"), Column("statement")), unique=("text",))
    with pytest.raises(ValueError, match="'ident' is not one of the columns"):
        Schema(columns=(Column("id"),), key="ident")
    assert Schema(columns=(Column("id"),), unique="id").unique == ("id",)


def _quizzed():
    """Every chapter file whose text a quiz or an exercise shows as items to tell apart."""
    from exercises.delegation import model as delegation
    from exercises.influence import model as influence
    from exercises.purpose import model as purpose
    from exercises.status_quo import model as status_quo

    return [(purpose.STATEMENTS_FILE, purpose.STATEMENTS_SCHEMA, "statement"),
            (delegation.DECISIONS_FILE, delegation.DECISIONS_SCHEMA, "decision"),
            (delegation.DUTIES_FILE, delegation.DUTIES_SCHEMA, "duty"),
            (status_quo.SITUATIONS_FILE, status_quo.SITUATIONS_SCHEMA, "situation"),
            (status_quo.PRACTICES_FILE, status_quo.PRACTICES_SCHEMA, "assumption"),
            (status_quo.PRACTICES_FILE, status_quo.PRACTICES_SCHEMA, "practice"),
            (status_quo.EXPERIMENTS_FILE, status_quo.EXPERIMENTS_SCHEMA, "experiment"),
            (influence.LEADERS_FILE, influence.LEADERS_SCHEMA, "name")]


@pytest.mark.parametrize("index", range(8))
def test_every_quizzed_chapter_file_refuses_a_repeated_item(tmp_path, index):
    """Each chapter's real file, with its first row copied under a new id and its text re-cased: refused."""
    file_name, schema, column = _quizzed()[index]
    assert column in schema.unique
    load_csv(file_name, schema)  # the real file is fine
    rows = list(csv.reader(io.StringIO((data.DATA_DIR / file_name).read_text(encoding="utf-8"))))
    copy = list(rows[1])
    copy[rows[0].index(schema.key)] = "ZZ-COPY"
    for other in schema.unique:  # only the column under test repeats
        copy[rows[0].index(other)] += " (another)"
    at = rows[0].index(column)
    copy[at] = "  " + rows[1][at].upper() + " "
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows + [copy])
    path = tmp_path / file_name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_csv(path, schema)
    assert f"{file_name}, line {len(rows) + 1}, column '{column}'" in str(err.value)
    assert "repeats line 2" in str(err.value) and "\n" not in str(err.value)


VARIANTS = ["Ship weekly", "ship weekly", "Ship  weekly", " SHIP WEEKLY\u200b", "Ship daily", "ship\tdaily",
            "Listen", "listen\u00ad", "", "Ship wee\u200dkly"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VARIANTS), min_size=1, max_size=8))
def test_generated_texts_load_only_when_each_reads_differently(texts):
    from exercises.kit.text import visible_key

    schema = Schema(columns=(Column("id"), Column("statement", required=False)), key="id", unique=("statement",))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "statement"])
    writer.writerows([f"r{k}", text] for k, text in enumerate(texts))
    keys = [visible_key(t) for t in texts]
    repeats = [k for k, key in enumerate(keys) if key and key in keys[:k]]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        try:
            frame = load_csv(path, schema)
        except DataFileError as err:
            assert repeats, str(err)
            first = keys.index(keys[repeats[0]])
            assert f", line {repeats[0] + 2}, column 'statement': " in str(err) and f"repeats line {first + 2}" in str(err)
            return
    assert not repeats, texts
    assert list(frame["statement"]) == [t.strip() for t in texts]


# --------------------------------------------------------------------------- generated files

ROW = st.tuples(
    st.sampled_from(["A", "a", "B", "b", "C", "F1", "f1", "G2"]),  # repeats and case variants
    st.integers(1, 9),
    st.text(alphabet="xy ,\"\n", max_size=6),  # quoted commas, quotes and line breaks
)


@st.composite
def csv_files(draw):
    rows = draw(st.lists(ROW, min_size=1, max_size=8))
    blanks = draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "weeks", "note", "needs"])
    lines, line, where = [], 2, []
    for (ident, weeks, note), blank in zip(rows, blanks):
        if blank:
            buffer.write("\n")
            line += 1
        before = buffer.tell()
        writer.writerow([ident, weeks, note, ""])
        lines.append(line)
        line += buffer.getvalue()[before:].count("\n")
        where.append(line)
    content = buffer.getvalue().encode()
    bom = draw(st.booleans())
    bad_row = draw(st.one_of(st.none(), st.integers(0, len(rows) - 1)))
    if bad_row is not None:  # a stray Latin-1 byte at the start of that row
        text_lines = content.split(b"\n")
        text_lines[lines[bad_row] - 1] = b"\xe9" + text_lines[lines[bad_row] - 1]
        content = b"\n".join(text_lines)
    return (b"\xef\xbb\xbf" if bom else b"") + content, rows, lines, bad_row


@settings(max_examples=300, deadline=None)
@given(csv_files())
def test_generated_files_load_exactly_or_fail_on_the_right_line(generated):
    content, rows, lines, bad_row = generated
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.csv"
        path.write_bytes(content)
        try:
            frame = load_csv(path, SCHEMA)
        except DataFileError as err:
            message = str(err)
            assert message.startswith(f"{path}, line ") and "\n" not in message, message
            line = int(message.split(", line ")[1].split(":")[0].split(",")[0])
            if bad_row is not None:
                assert "not UTF-8" in message and line == lines[bad_row], message
                return
            folded = [r[0].casefold() for r in rows]
            first_repeat = next(k for k in range(len(rows)) if folded[k] in folded[:k])
            assert line == lines[first_repeat] and "column 'id'" in message, message
            return
    assert bad_row is None
    assert len({r[0].casefold() for r in rows}) == len(rows), "a repeated id loaded"
    assert list(frame["id"]) == [r[0] for r in rows] and list(frame["weeks"]) == [r[1] for r in rows]
    assert list(frame["note"]) == [r[2].strip() for r in rows]
    assert frame.attrs["lines"] == lines
