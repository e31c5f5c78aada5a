"""Load the book's CSV scenario files and check them against a schema.

Every file in ``data/`` has a :class:`Schema`. Loading checks the header, then every
cell, and stops at the first problem with one line that names the file, the line and the
column, so a contributor who mistypes a number sees exactly where::

    data/sequencing_backlog.csv, line 5, column 'effort_weeks': expected a whole number, got 'six'

Whatever the file holds (a byte-order mark, blank lines, quoted line breaks, bytes that are
not UTF-8, a folder instead of a file, a file far too big), the loader either returns a
typed frame or raises one :class:`DataFileError` of one line. Line numbers are the file's
own, as an editor shows them.
"""

from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .text import visible_key

__all__ = ["DATA_DIR", "Column", "DataFileError", "Schema", "file_error", "file_label", "load_csv"]

#: Folder holding the scenario CSV files (``data/`` at the top of the repository).
DATA_DIR = Path(__file__).resolve().parents[2] / "data"

_KINDS = {"int": "a whole number", "float": "a number", "str": "text", "ids": "ids separated by ;"}


class DataFileError(ValueError):
    """A scenario file is missing, malformed or breaks its schema."""


@dataclass(frozen=True)
class Column:
    """One column of a scenario file.

    Parameters
    ----------
    name : str
        Header of the column.
    kind : {"int", "float", "str", "ids"}
        Type every cell must parse as; ``ids`` is a list of ids separated by ``;`` (read
        as a tuple, each id at most once).
    minimum, maximum : float, optional
        Inclusive bounds for numbers.
    choices : tuple of str, optional
        Allowed values for text.
    required : bool
        Whether an empty cell is an error (text and ids columns may be optional).
    """

    name: str
    kind: str = "str"
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None
    required: bool = True

    def __post_init__(self):
        if self.kind not in _KINDS:
            raise ValueError(f"column {self.name!r}: kind must be one of {', '.join(_KINDS)}, got {self.kind!r}")

    def parse(self, raw: str):
        """Return the cell as a Python value or raise ``ValueError`` saying what was expected."""
        text = raw.strip()
        if not text:
            if self.required:
                raise ValueError(f"expected {_KINDS[self.kind]}, got an empty cell")
            return {"str": "", "ids": ()}.get(self.kind, math.nan)
        if self.kind == "str":
            if self.choices is not None and text not in self.choices:
                raise ValueError(f"expected one of {', '.join(self.choices)}, got {text!r}")
            return text
        if self.kind == "ids":
            ids = tuple(part.strip() for part in text.split(";") if part.strip())
            for i, item in enumerate(ids):
                if item in ids[:i]:
                    raise ValueError(f"{item!r} is listed twice")
            return ids
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"expected {_KINDS[self.kind]}, got {_short(text)!r}") from None
        if not math.isfinite(value) or (self.kind == "int" and not value.is_integer()):
            raise ValueError(f"expected {_KINDS[self.kind]}, got {_short(text)!r}")
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"expected at least {self.minimum:g}, got {_short(text)!r}")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"expected at most {self.maximum:g}, got {_short(text)!r}")
        return int(value) if self.kind == "int" else value


@dataclass(frozen=True)
class Schema:
    """The columns of one scenario file, in order, which column is a unique key, and which
    text columns must not repeat.

    ``key`` values must differ even ignoring case (orders match ids ignoring case). Each
    column in ``unique`` must not hold the same text twice as a reader would see it: compared
    stripped, case-folded, with runs of spaces as one and invisible characters ignored
    (:func:`exercises.kit.text.visible_key`). Opt into it for every text a quiz or an exercise
    shows as an item to tell apart (a statement, a decision, a duty): two rows that read the
    same would make a quiz no one can answer. Files larger than ``max_bytes`` or with more
    than ``max_rows`` data rows are refused before they are read whole.
    """

    columns: tuple[Column, ...]
    key: str | None = None
    max_rows: int = 10_000
    max_bytes: int = 1_000_000
    unique: tuple[str, ...] = ()
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "names", tuple(c.name for c in self.columns))
        object.__setattr__(self, "unique", (self.unique,) if isinstance(self.unique, str) else tuple(self.unique))
        for name in (self.key, *self.unique):
            if name is not None and name not in self.names:
                raise ValueError(f"{name!r} is not one of the columns {', '.join(self.names)}")


def file_error(name: str | Path, message: str, *, line: int | None = None,
               column: str | None = None) -> DataFileError:
    """The one-line error every scenario-file problem raises: file, line, column, then what is wrong."""
    where = file_label(name) + (f", line {line}" if line is not None else "")
    where += f", column {column!r}" if column is not None else ""
    return DataFileError(f"{where}: {' '.join(str(message).split())}")


def load_csv(name: str | Path, schema: Schema) -> pd.DataFrame:
    """Read one scenario CSV and check every cell against ``schema``.

    Parameters
    ----------
    name : str or Path
        A bare file name (always a file in :data:`DATA_DIR`), or a path to a file anywhere.
    schema : Schema
        The columns the file must have.

    Returns
    -------
    pandas.DataFrame
        One row per data line, columns in schema order, typed; ``frame.attrs["lines"]``
        holds the line of the file each row starts on.

    Raises
    ------
    DataFileError
        With one line naming the file, the line and the column of the first problem.
    """
    text = _read_text(name, schema)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = _rows(name, reader)
    first = next(rows, None)
    if first is None:
        raise file_error(name, f"empty file, expected the header {','.join(schema.names)}", line=1)
    header_line, header = first
    header = [h.strip() for h in header]
    if header != list(schema.names):
        missing = [n for n in schema.names if n not in header]
        extra = [h for h in header if h not in schema.names]
        detail = (f"missing column {missing[0]!r}" if missing
                  else f"unexpected column {_short(extra[0])!r}" if extra
                  else "columns out of order")
        raise file_error(name, f"{detail}; expected the header {','.join(schema.names)}", line=header_line)
    records, lines, seen = [], [], {}
    texts: dict[str, dict] = {name: {} for name in schema.unique}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(records) == schema.max_rows:
            raise file_error(name, f"more than {schema.max_rows} rows", line=line)
        if len(row) != len(schema.columns):
            raise file_error(name, f"expected {len(schema.columns)} cells, got {len(row)}", line=line)
        record = {}
        for column, raw in zip(schema.columns, row):
            try:
                record[column.name] = column.parse(raw)
            except ValueError as err:
                raise file_error(name, str(err), line=line, column=column.name) from None
        if schema.key is not None:
            _check_key(name, schema.key, record[schema.key], line, seen)
        for column in schema.unique:
            _check_unique(name, column, record[column], line, texts[column])
        records.append(record)
        lines.append(line)
    if not records:
        raise file_error(name, "no data rows", line=header_line + 1)
    frame = pd.DataFrame.from_records(records, columns=list(schema.names))
    for column in schema.columns:
        if column.kind == "int":
            frame[column.name] = frame[column.name].astype("int64")
        elif column.kind == "float":
            frame[column.name] = frame[column.name].astype("float64")
    frame.attrs["lines"] = lines
    return frame


def file_label(name: str | Path) -> str:
    """How messages name a scenario file: relative to the repository (``data/x.csv``) when inside it."""
    try:
        path = _resolve(name)
        return path.resolve().relative_to(DATA_DIR.parent).as_posix()
    except (ValueError, OSError, RuntimeError):
        return _short(str(name), 120)


def _resolve(name: str | Path) -> Path:
    """A bare name (no folder in it) always means a file in :data:`DATA_DIR`, never one in the
    working directory; anything else is a path."""
    return DATA_DIR / name if "/" not in str(name) and os.sep not in str(name) else Path(name)


def _read_text(name: str | Path, schema: Schema) -> str:
    """The file's text, or a one-line error saying why there is none."""
    path = _resolve(name)
    try:
        if path.is_dir():
            raise IsADirectoryError
        with path.open("rb") as handle:
            data = handle.read(schema.max_bytes + 1)
    except FileNotFoundError:
        raise file_error(name, "file not found") from None
    except IsADirectoryError:
        raise file_error(name, "is a folder, not a file") from None
    except PermissionError:
        raise file_error(name, "cannot be read (permission denied)") from None
    except (OSError, ValueError) as err:  # a name too long, a NUL byte, a device that fails
        reason = getattr(err, "strerror", None) or str(err)
        raise file_error(name, f"cannot be read ({_short(reason, 80)})") from None
    if len(data) > schema.max_bytes:
        raise file_error(name, f"larger than the {schema.max_bytes / 1e6:g} MB a scenario file may be")
    data = data.removeprefix(b"\xef\xbb\xbf")  # Excel's "CSV UTF-8" starts with a byte-order mark
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise file_error(name, f"not UTF-8 text ({err.reason}); save it as CSV UTF-8", line=line) from None


def _rows(name: str | Path, reader):
    """Yield (line the row starts on, row); a malformed row raises a one-line error."""
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise file_error(name, f"not a readable CSV row ({err})", line=line) from None
        yield line, row
        line = reader.line_num + 1


def _check_key(name, key: str, value, line: int, seen: dict) -> None:
    """Keys are unique ignoring case: ``A`` twice, or ``f1`` after ``F1``, is refused."""
    folded = str(value).casefold()
    if folded in seen:
        first, first_line = seen[folded]
        problem = (f"{value!r} already used on line {first_line}" if value == first
                   else f"{value!r} differs from {first!r} (line {first_line}) only by case")
        raise file_error(name, problem, line=line, column=key)
    seen[folded] = (value, line)


def _check_unique(name, column: str, value, line: int, seen: dict) -> None:
    """Texts of a ``unique`` column differ as a reader sees them: ``Ship weekly`` twice, or after
    ``ship  weekly``, is refused, naming both lines (an empty optional cell is not a text)."""
    folded = visible_key(value)
    if not folded:
        return
    if folded in seen:
        first, first_line = seen[folded]
        same = "" if value == first else f" ({_short(str(first))!r})"
        raise file_error(name, f"{_short(str(value))!r} repeats line {first_line}{same}; each {column} must read "
                               "differently (compared ignoring case, spacing and invisible characters)",
                         line=line, column=column)
    seen[folded] = (value, line)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
