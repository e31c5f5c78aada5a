"""Load the book's CSV scenario files and check them against a schema.

Every file in ``data/`` has a :class:`Schema`. Loading checks the header, then every
cell, and stops at the first problem with one line that names the file, the line and the
column, so a contributor who mistypes a number sees exactly where::

    data/sequencing_backlog.csv, line 5, column 'effort_weeks': expected a whole number, got 'six'
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["DATA_DIR", "Column", "DataFileError", "Schema", "file_label", "load_csv"]

#: Folder holding the scenario CSV files (``data/`` at the top of the repository).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_KINDS = {"int": "a whole number", "float": "a number", "str": "text"}


class DataFileError(ValueError):
    """A scenario file is missing, malformed or breaks its schema."""


@dataclass(frozen=True)
class Column:
    """One column of a scenario file.

    Parameters
    ----------
    name : str
        Header of the column.
    kind : {"int", "float", "str"}
        Type every cell must parse as.
    minimum, maximum : float, optional
        Inclusive bounds for numbers.
    choices : tuple of str, optional
        Allowed values for text.
    required : bool
        Whether an empty cell is an error (text columns may be optional).
    """

    name: str
    kind: str = "str"
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None
    required: bool = True

    def parse(self, raw: str):
        """Return the cell as a Python value or raise ``ValueError`` saying what was expected."""
        text = raw.strip()
        if not text:
            if self.required:
                raise ValueError(f"expected {_KINDS[self.kind]}, got an empty cell")
            return "" if self.kind == "str" else math.nan
        if self.kind == "str":
            if self.choices is not None and text not in self.choices:
                raise ValueError(f"expected one of {', '.join(self.choices)}, got {text!r}")
            return text
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"expected {_KINDS[self.kind]}, got {text!r}") from None
        if not math.isfinite(value) or (self.kind == "int" and not value.is_integer()):
            raise ValueError(f"expected {_KINDS[self.kind]}, got {text!r}")
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"expected at least {self.minimum:g}, got {text!r}")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"expected at most {self.maximum:g}, got {text!r}")
        return int(value) if self.kind == "int" else value


@dataclass(frozen=True)
class Schema:
    """The columns of one scenario file, in order, and which column is a unique key."""

    columns: tuple[Column, ...]
    key: str | None = None
    max_rows: int = 10_000
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "names", tuple(c.name for c in self.columns))


def load_csv(name: str | Path, schema: Schema) -> pd.DataFrame:
    """Read one scenario CSV and check every cell against ``schema``.

    Parameters
    ----------
    name : str or Path
        A file name inside :data:`DATA_DIR`, or a path to a file anywhere.
    schema : Schema
        The columns the file must have.

    Returns
    -------
    pandas.DataFrame
        One row per data line, columns in schema order, typed.

    Raises
    ------
    DataFileError
        With one line naming the file, the line and the column of the first problem.
    """
    path = _resolve(name)
    label = file_label(name)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise DataFileError(f"{label}: file not found") from None
    except UnicodeDecodeError as err:
        raise DataFileError(f"{label}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except csv.Error as err:
        raise DataFileError(f"{label}: not a readable CSV file ({err})") from None
    if not rows:
        raise DataFileError(f"{label}, line 1: empty file, expected the header {','.join(schema.names)}")
    header = [h.strip() for h in rows[0]]
    if header != list(schema.names):
        missing = [n for n in schema.names if n not in header]
        extra = [h for h in header if h not in schema.names]
        detail = (f"missing column {missing[0]!r}" if missing
                  else f"unexpected column {extra[0]!r}" if extra
                  else "columns out of order")
        raise DataFileError(f"{label}, line 1: {detail}; expected the header {','.join(schema.names)}")
    records, seen = [], {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(schema.columns):
            raise DataFileError(f"{label}, line {line}: expected {len(schema.columns)} cells, got {len(row)}")
        record = {}
        for column, raw in zip(schema.columns, row):
            try:
                record[column.name] = column.parse(raw)
            except ValueError as err:
                raise DataFileError(f"{label}, line {line}, column {column.name!r}: {err}") from None
        if schema.key is not None:
            key = record[schema.key]
            if key in seen:
                raise DataFileError(
                    f"{label}, line {line}, column {schema.key!r}: {key!r} already used on line {seen[key]}")
            seen[key] = line
        records.append(record)
        if len(records) > schema.max_rows:
            raise DataFileError(f"{label}, line {line}: more than {schema.max_rows} rows")
    if not records:
        raise DataFileError(f"{label}, line 2: no data rows")
    frame = pd.DataFrame.from_records(records, columns=list(schema.names))
    for column in schema.columns:
        if column.kind == "int":
            frame[column.name] = frame[column.name].astype("int64")
        elif column.kind == "float":
            frame[column.name] = frame[column.name].astype("float64")
    return frame


def file_label(name: str | Path) -> str:
    """How messages name a scenario file: relative to the repository (``data/x.csv``) when inside it."""
    path = _resolve(name)
    try:
        return path.resolve().relative_to(DATA_DIR.parent).as_posix()
    except ValueError:
        return str(path)


def _resolve(name: str | Path) -> Path:
    path = Path(name)
    return path if path.is_absolute() or path.exists() else DATA_DIR / path
