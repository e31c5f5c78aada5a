"""Culture change through consistency: live exercises on :mod:`exercises.kit.live`, each paired with its static face."""

from __future__ import annotations

import math

from ..kit.live import Exercise, LiveExercise
from ..kit.quiz import Choice, Quiz
from ..kit.text import safe_text
from . import chart, model

__all__ = ["EXERCISES", "NEVER", "CadenceExercise", "PeerExercise", "cadence", "check", "peers"]

#: The half-life that means "never forgets": the model's declaration, not a second one.
NEVER = model.NEVER


class CadenceExercise(LiveExercise):
    """Spend the same budget evenly or in a burst, with a forgetting half-life; see adoption.

    Inputs (``self.inputs``): :data:`~exercises.culture.model.CADENCE_INPUTS`.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).
    """

    INPUTS = model.CADENCE_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.adoption_chart(self.compute()["curves"].iloc[0:0]), mode=mode)
        self.refresh()

    @property
    def budget(self):
        return self.inputs["budget"]

    @property
    def burst(self):
        return self.inputs["burst"]

    @property
    def half(self):
        return self.inputs["half_life"]

    def compute(self) -> dict:
        return model.cadence(**self.values())

    def show(self, result: dict) -> None:
        """Redraw both schedules and say, in the model's words, which is ahead at week 52 and which
        gives more weeks of adoption."""
        curves = result["curves"][["week", "schedule", "adopted"]]
        self.chart.update(curves if result["guess"] else curves.iloc[0:0])  # no curve before a guess
        first, *rest = result["said"]
        self.summary.value = f"<p><b>{safe_text(first)}</b> {safe_text(' '.join(rest))}</p>"

    def answer(self) -> dict:
        """The schedules for workshop mode: ``budget``, ``burst_weeks``, ``half_life`` (weeks; None
        for never), the share holding the norm at week 52 with the even spread (``even_at_52``)
        and the burst (``burst_at_52``), and the ``winner`` (``even``, ``burst`` or ``tie``), and the learner's ``guess`` (``""`` before one);
        the second measure: weeks of adoption with each (``even_weeks_held``, ``burst_weeks_held``:
        the weeks a person holds the norm on average) and which gives more (``more_weeks_held``)."""
        values, r = self.values(), self.result
        return {"budget": int(values["budget"]), "burst_weeks": int(values["burst"]),
                "half_life": None if math.isinf(r["half_life"]) else float(r["half_life"]),
                "even_at_52": r["even_52"] / 100, "burst_at_52": r["burst_52"] / 100, "winner": r["verdict"],
                "guess": r["guess"], "even_weeks_held": round(r["even_held"], 2),
                "burst_weeks_held": round(r["burst_held"], 2), "more_weeks_held": r["more_held"]}


class PeerExercise(LiveExercise):
    """Exercise 2: peers talk about the norm too; do they keep the burst going?

    Inputs (``self.inputs``): :data:`~exercises.culture.model.PEER_INPUTS`.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).
    """

    INPUTS = model.PEER_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.adoption_chart(self.compute()["curves"]), mode=mode)
        self.refresh()

    def compute(self) -> dict:
        return model.peers(**self.values())

    def show(self, result: dict) -> None:
        """Redraw both schedules and say the two measures, then what peers changed, in the model's words."""
        self.chart.update(result["curves"][["week", "schedule", "adopted"]])
        first, *rest = result["words"]
        self.summary.value = f"<p><b>{safe_text(first)}</b> {safe_text(' '.join(rest))}</p>"

    def answer(self) -> dict:
        """The learner's settings (``peer`` a week, ``conversations``, ``half_life`` in weeks), the share
        holding the norm at week 52 with each schedule (``even_at_52``, ``burst_at_52``, and with no
        peer talk ``alone_even_at_52``, ``alone_burst_at_52``), the ``winner`` at week 52, the weeks of
        adoption (``even_weeks_held``, ``burst_weeks_held``, ``more_weeks_held``) and the peer talk at which a norm
        keeps itself (``tipping``)."""
        values, r = self.values(), self.result
        return {"peer": round(float(values["peer"]), 2), "conversations": int(values["conversations"]),
                "half_life": int(values["fading"]), "even_at_52": r["even_52"] / 100,
                "burst_at_52": r["burst_52"] / 100, "alone_even_at_52": r["alone_even_52"] / 100,
                "alone_burst_at_52": r["alone_burst_52"] / 100, "winner": r["verdict"],
                "even_weeks_held": round(r["even_held"], 2), "burst_weeks_held": round(r["burst_held"], 2),
                "more_weeks_held": r["more_held"], "tipping": round(r["tip"], 4)}


def check() -> Quiz:
    """A short check of the chapter's lesson; its settings are the declared defaults, its answers the model's."""
    kinds = ["even", "burst", "tie"]
    words = ["The even spread", "The burst", "They tie"]
    budget, burst, half = model.BUDGET.default, model.BURST.default, model.HALF_LIFE.default
    never = model.cadence(budget, burst, model.NEVER)
    fades = model.cadence(budget, burst, half)
    thin = model.cadence(budget // 2, burst, half // 2)
    return Quiz("culture-check", "Check your understanding", [
        Choice(f"{budget} conversations, a {burst}-week burst, and people never forget. Who has more people "
               "holding the norm at week 52?", words, correct=[kinds.index(never["verdict"])],
               explain="With no forgetting every conversation still counts at week 52, whenever it happened.",
               reasons=_reasons(never, kinds)),
        Choice(f"Same budget and burst, but exposure halves every {half} weeks. Who is ahead at week 52?", words,
               correct=[kinds.index(fades["verdict"])],
               explain="The burst's exposure fades after launch; a steady cadence keeps topping it up.",
               reasons=_reasons(fades, kinds)),
        Choice(f"Only {budget // 2} conversations and a half-life of {half // 2} weeks. Who is ahead at week 52?",
               words, correct=[kinds.index(thin["verdict"])],
               explain="Spread too thin, a cadence never lifts anyone over their threshold: consistency needs "
                       "enough conversations to keep people above it.",
               reasons=_reasons(thin, kinds)),
    ])


#: Why an option of the check is not the answer: true whatever the model says, and no spoiler.
_NOT = {"even": "Steady is not ahead by itself: compare how many hold the norm at week 52 on each schedule.",
        "burst": "Early is not the same as ahead: compare how many still hold the norm at week 52.",
        "tie": "They do not tie here: at week 52 one schedule has more people holding the norm."}


def _reasons(result: dict, kinds: list[str]) -> list[str]:
    """One reason per option of a check question, from the model's ``result`` for its settings."""
    right = (f"Yes: at week 52, {result['even_52']:.0f} % hold the norm with the even spread and "
             f"{result['burst_52']:.0f} % with the burst.")
    return [right if kind == result["verdict"] else _NOT[kind] for kind in kinds]


#: The exercise, both faces: the live sliders, or the precomputed explorer on the static page.
cadence = Exercise("cadence", CadenceExercise, lambda: chart.adoption_explorer(model.grid()))
#: Exercise 2, both faces: peers who talk about the norm among themselves.
peers = Exercise("peers", PeerExercise, lambda: chart.peer_explorer(model.peer_grid()))
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (cadence, peers)
