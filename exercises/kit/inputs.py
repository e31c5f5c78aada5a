"""Each input of an exercise, declared once, beside the model's constants.

A chapter's ``model.py`` declares what a learner can set (a number, a choice, a text, a
flag) with its name, label, default, range and step or options, and unit. Everything else is
made from that one declaration, so the two faces of an exercise can never start apart:

* the live control (:func:`exercises.kit.controls.control`);
* the static face's bound input (:func:`exercises.kit.charts.bound`) and the values of the
  grid the model precomputes for it (:attr:`Number.grid`);
* the random action of the contract test and the benchmark (:meth:`Input.random`);
* the key a learner's answer is kept under (:meth:`Input.key`).

:meth:`Input.check` is the one rule for what the input accepts: a value from code that the
control would never give (``NaN`` from a float slider, ``None`` from a menu, a number out of
range) is refused with a sentence, and the live face keeps the last good value.

This module is plain Python (no display, no pandas), so a model may import it.
"""

from __future__ import annotations

import math
import numbers
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["Choice", "Flag", "Input", "Number", "Text", "by_name"]


@dataclass(frozen=True)
class Input:
    """What every input has: a ``name`` (an identifier, unique in its exercise), the ``label`` a
    person reads, a ``default`` and a ``unit`` (``""`` when none)."""

    name: str
    label: str
    default: object
    unit: str = ""

    def __post_init__(self):
        if not self.name.isidentifier():
            raise ValueError(f"an input's name must be an identifier, not {self.name!r}")
        if not self.label.strip():
            raise ValueError(f"input {self.name!r} needs a label a person can read")
        self.check(self.default)

    def check(self, value):
        """``value`` as this input keeps it; raises :class:`ValueError` with a sentence when refused."""
        return value

    def random(self, rng: random.Random):
        """A value a learner could give, drawn with ``rng``."""
        return self.default

    def key(self, exercise: str) -> str:
        """Where a learner's value of this input is kept: ``"<topic>/<exercise>/<name>"``."""
        return f"{exercise}/{self.name}"

    @property
    def described(self) -> str:
        """The label with its unit, as a control shows it (``"Delegated (%)"``)."""
        return f"{self.label} ({self.unit})" if self.unit else self.label


@dataclass(frozen=True)
class Number(Input):
    """A number from ``low`` to ``high`` in steps of ``step`` (a slider).

    ``grid`` is the values the static face offers (its bound input and the rows the model
    precomputes); by default every step from ``low`` to ``high``. The default must be one of
    them, so both faces start from the same value. Whole-number bounds and step make a
    whole-number input.
    """

    low: float = 0
    high: float = 1
    step: float = 1
    grid: tuple = field(default=())

    def __post_init__(self):
        if not (math.isfinite(self.low) and math.isfinite(self.high) and self.low < self.high):
            raise ValueError(f"input {self.name!r}: low must be below high, both finite")
        if not (math.isfinite(self.step) and self.step > 0):
            raise ValueError(f"input {self.name!r}: step must be positive")
        object.__setattr__(self, "grid", tuple(self.grid) or self.steps())
        super().__post_init__()
        for value in self.grid:
            self.check(value)
        if not any(math.isclose(self.default, v) for v in self.grid):
            raise ValueError(f"input {self.name!r}: the default {self.default} is not among its grid values")

    @property
    def whole(self) -> bool:
        """True when the input takes whole numbers only."""
        return all(float(v).is_integer() for v in (self.low, self.high, self.step))

    def steps(self) -> tuple:
        """Every value from ``low`` to ``high`` by ``step``."""
        count = int(round((self.high - self.low) / self.step))
        values = [self.low + k * self.step for k in range(count + 1)]
        return tuple(int(round(v)) if self.whole else round(v, 10) for v in values)

    def check(self, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(f"{self.label} must be a number.")
        if not math.isfinite(float(value)):
            raise ValueError(f"{self.label} must be a finite number; the last good value is kept.")
        if not self.low - 1e-9 <= value <= self.high + 1e-9:
            raise ValueError(f"{self.label} must be from {self.low:g} to {self.high:g}; the last good value is kept.")
        return int(round(float(value))) if self.whole else float(value)

    def random(self, rng: random.Random):
        return rng.choice(self.steps())


@dataclass(frozen=True)
class Choice(Input):
    """One of ``options`` (a menu or radio buttons). ``options`` are the values kept;
    ``labels`` (same length, optional) are what a person reads for each."""

    options: tuple = ()
    labels: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(self, "labels", tuple(self.labels) or tuple(str(o) for o in self.options))
        if not self.options:
            raise ValueError(f"input {self.name!r} needs options")
        if len(set(self.options)) != len(self.options) or len(self.labels) != len(self.options):
            raise ValueError(f"input {self.name!r}: options must be distinct, one label each")
        super().__post_init__()

    def check(self, value):
        if value is None or value not in self.options:
            raise ValueError(f"Choose one of the options for {self.label}; the last choice is kept.")
        return value

    def random(self, rng: random.Random):
        return rng.choice(self.options)

    def pairs(self) -> list[tuple[str, object]]:
        """``(label, value)`` for each option, as a menu lists them."""
        return list(zip(self.labels, self.options))


@dataclass(frozen=True)
class Text(Input):
    """Free text of at most ``max_chars`` characters; ``placeholder`` shows an example."""

    default: str = ""
    placeholder: str = ""
    max_chars: int = 2000

    def check(self, value):
        if not isinstance(value, str):
            raise ValueError(f"{self.label} must be text.")
        return value

    def random(self, rng: random.Random):
        return rng.choice(["", "Because our customers ask for it", "<b>bold</b> & more", "ﷺ 🧭 ‮x"])


@dataclass(frozen=True)
class Flag(Input):
    """Yes or no (a check box)."""

    default: bool = False

    def check(self, value):
        if not isinstance(value, bool):
            raise ValueError(f"{self.label} must be ticked or not.")
        return value

    def random(self, rng: random.Random):
        return rng.random() < 0.5


def by_name(inputs: Sequence[Input]) -> dict[str, Input]:
    """``inputs`` keyed by name; raises :class:`ValueError` when two share a name."""
    found: dict[str, Input] = {}
    for item in inputs:
        if item.name in found:
            raise ValueError(f"two inputs are named {item.name!r}")
        found[item.name] = item
    return found
