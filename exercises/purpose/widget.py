"""Purpose live exercises, built on :mod:`exercises.kit.live`; each has a static face too.

A notebook shows an exercise with one call, ``widget.sort()``, ``widget.bass()`` or
``widget.cascade()``: the live widget with a kernel, the static face on the published site.
"""

from __future__ import annotations

from ..kit.live import Action, Exercise, LabelExercise, LiveExercise
from ..kit.quiz import Choice, Label, Quiz
from ..kit.text import read_text, safe_text
from . import chart, model

__all__ = ["EXERCISES", "BassExercise", "CascadeExercise", "MessageExercise", "bass", "cascade", "check",
           "message", "message_html", "question", "sort", "glue_prose", "prose_numbers"]


def question() -> Label:
    """The golden-circle sort, from ``data/purpose_statements.csv``: one Label for both faces."""
    return Label.from_frame("Is each statement a why, a how or a what?", model.load_statements(),
                            item="statement", answer="circle", labels=list(model.CIRCLES), reason="reason",
                            explain="A why is a belief; a how is a way of working; a what is something you ship.")


class BassExercise(LiveExercise):
    """Exercise 3a: move innovation ``p`` and imitation ``q`` and watch the S-curve.

    Inputs (``self.inputs``): :data:`~exercises.purpose.model.BASS_INPUTS`; read ``summary``,
    ``chart.spec`` and :meth:`answer`.
    """

    INPUTS = model.BASS_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.bass_chart(self.compute()["curve"]), mode=mode)
        self.refresh()

    def compute(self) -> dict:
        return model.bass(**self.values())

    def show(self, result: dict) -> None:
        """Redraw the curve and say, in the model's words, when it peaks and crosses 16 % and 50 %."""
        self.chart.update(result["curve"][["t", "cumulative", "row_one"]])
        first, second = result["words"]
        self.summary.value = f"<p>{safe_text(first)} <b>{safe_text(second)}</b></p>"

    def answer(self) -> dict:
        """The curve for workshop mode: ``p``, ``q``, the ``peak`` period and the periods by which
        16 % (``t16``) and half (``t50``) have adopted; every number finite."""
        values, r = self.values(), self.result
        return {"p": round(float(values["p"]), 4), "q": round(float(values["q"]), 4),
                "peak": round(float(r["peak"]), 2), "t16": round(float(r["t16"]), 2),
                "t50": round(float(r["t50"]), 2)}


class CascadeExercise(LiveExercise):
    """Exercise 3b: set the spread of thresholds, the average threshold and the committed share;
    does the crowd tip?

    Inputs (``self.inputs``): :data:`~exercises.purpose.model.CASCADE_INPUTS`; read ``summary``,
    ``chart.spec`` and :meth:`answer`.
    """

    INPUTS = model.CASCADE_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.cascade_chart(self.compute()["curve"]), mode=mode)
        self.refresh()

    def compute(self) -> dict:
        return model.crowd(**self.values())

    def show(self, result: dict) -> None:
        """Redraw for this crowd and say, in the model's words, whether it has tipped (and where it
        tips, once the learner asks)."""
        self.chart.update(result["curve"][["committed", "joined", "yours", "row_one", "shown"]])
        first, second = result["words"]
        self.summary.value = f"<p>{safe_text(first)} <b>{safe_text(second)}</b></p>"

    def answer(self) -> dict:
        """The crowd for workshop mode: ``spread``, ``committed`` and ``mean`` (per cent), the share
        that ``joined`` in the end, where it ``tips`` (per cent committed; None if it never does) and
        whether the learner ``asked`` to be shown where it tips."""
        values, r = self.values(), self.result
        return {"spread": int(values["spread"]), "committed": int(values["committed"]), "mean": int(values["mean"]),
                "joined": float(r["joined"]), "tips": None if r["tip"] is None else float(r["tip"]),
                "asked": bool(values["reveal"])}


def check() -> Quiz:
    """A short check of the chapter's lesson."""
    return Quiz("purpose-check", "Check your understanding", [
        Choice("Where does the popular claim of a 15–18 % tipping point come from?",
               ["Innovators plus early adopters on Rogers' normal curve", "Centola's experiment",
                "The Bass model's peak"], [0], explain="2.3 % + 13.6 % ≈ 16 %, one standard deviation before the mean.",
               reasons=["Yes: Rogers' innovators and early adopters add up to about 16 % of his normal curve.",
                        "Centola's experiment found its tipping point near 25 %, not 15–18 %.",
                        "When the Bass model peaks depends on its two coefficients, not on a fixed share."]),
        Choice("In Granovetter's crowd of thresholds 0..99, what happens if the threshold-1 person moves to 2?",
               ["Everyone still joins", "Only the instigator joins", "Half join"], [1],
               explain="No one has threshold 1 any more, so the chain breaks after the first person.",
               reasons=["A person joins once as many have joined as their threshold: ask who joins second now.",
                        "Yes: the instigator joins, but nobody has threshold 1 any more, so nobody follows.",
                        "Nothing in this crowd stops a chain at its middle: ask whether the chain starts at all."]),
    ])


def message_html(why: str, how: str, what: str, checks=None) -> str:
    """The message inside out beside outside in, and its checks in the model's words (escaped).

    ``checks`` is :func:`model.message_checks` of the same three parts (asked for when not given);
    the lines are :func:`model.message_lines`, the words the static face says too."""
    def column(title, inside_out):
        parts = model.assemble(safe_text(why), safe_text(how), safe_text(what), inside_out)
        return (f'<div style="flex:1;min-width:16em"><p><b>{safe_text(model.MESSAGE_WORDS[title])}</b></p>'
                + "".join(f"<p>{part}</p>" for part in parts) + "</div>")
    checks = model.message_checks(why, how, what) if checks is None else checks
    lines, items = model.message_lines(checks), []
    for line in lines:
        if line[:1] in (model.PASS_MARK, model.TRIP_MARK):
            items.append([line])
        else:
            items[-1].append(line)
    rows = "".join(f"<li>{safe_text(head)}: {' '.join(safe_text(line) for line in rest)}</li>" for head, *rest in items)
    return (f'<div class="lp-message"><div style="display:flex;gap:2em;flex-wrap:wrap">'
            f"{column('inside', True)}{column('outside', False)}</div>"
            f"<p><b>Checks</b></p><ul>{rows}</ul></div>")


class MessageExercise(LiveExercise):
    """Exercise 2: write your why, how and what; see them inside out and outside in, with checks.

    Inputs (``self.inputs``): :data:`~exercises.purpose.model.MESSAGE_INPUTS` (text boxes); read
    ``summary``, ``problems`` and :meth:`answer`.
    """

    INPUTS = model.MESSAGE_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        super().__init__(chart=chart.checks_chart(model.checks_frame(self.compute()["checks"])), mode=mode)
        self.refresh()

    @property
    def why(self):
        return self.inputs["why"]

    @property
    def how(self):
        return self.inputs["how"]

    @property
    def what(self):
        return self.inputs["what"]

    def compute(self) -> dict:
        """Clean the three texts (at most 2,000 characters each) and check them, once."""
        read = {name: read_text(value, f"your {name}") for name, value in self.values().items()}
        texts = {name: text for name, (text, _) in read.items()}
        return {"texts": texts, "problems": [problem for _, problem in read.values() if problem],
                "checks": model.message_checks(texts["why"], texts["how"], texts["what"])}

    def show(self, result: dict) -> None:
        """Both orders and the checks; what is missing, if anything."""
        texts = result["texts"]
        self.summary.value = message_html(texts["why"], texts["how"], texts["what"], result["checks"])
        self.chart.update(model.checks_frame(result["checks"]))
        self.show_problems("Not finished yet:", result["problems"])

    def answer(self) -> dict | None:
        """The message for workshop mode: the cleaned ``why``, ``how`` and ``what`` (at most 2,000
        characters each), each check passed or not, and the ``score`` (checks passed of ``checks``);
        None while all three boxes are empty."""
        texts, checks = self.result["texts"], self.result["checks"]
        if not any(texts.values()):
            return None
        return {**texts, "passed": {r.check: bool(r.passed) for r in checks.itertuples()},
                "score": int(checks["passed"].sum()), "checks": len(checks)}

    def actions(self) -> list[Action]:
        samples = ["", "   ", "<b>bold</b><script>x</script>", "Our app is 40 % faster", "x" * 5000,
                   "Nous croyons que chaque clinique mérite du temps 🙂", model.WORKED["why"]]

        def write(rng):
            rng.choice([self.why, self.how, self.what]).value = rng.choice(samples)

        return super().actions() + [Action("write a part", write)]


#: Exercise 2: the learner's own message, live or on the page (three text boxes; the page reads
#: them, assembles the message and checks the why as the model does).
message = Exercise("message", MessageExercise, lambda: chart.message_explorer(model.message_grid()))
#: Exercise 1, both faces: the kit's live labelling, or the same Label as a quiz on the page.
sort = Exercise("sort", lambda mode=None: LabelExercise(question(), mode=mode),
                lambda: Quiz("purpose-sort", "Golden-circle sort", [question()]))
#: Exercise 3a: the live sliders, or the explorer over the precomputed grid.
bass = Exercise("bass", BassExercise, lambda: chart.bass_explorer(model.bass_grid()))
#: Exercise 3b: the live sliders, or the explorer over the precomputed grid.
cascade = Exercise("cascade", CascadeExercise, lambda: chart.cascade_explorer(model.cascade_grid()))
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (sort, message, bass, cascade)


# --------------------------------------------------------------------------- the page's numbers, from the model

#: The spreads (per cent) whose tipping share the discussion of exercise 3 quotes.
PROSE_SPREADS = (5, 10, 20)


def prose_numbers() -> dict[str, float]:
    """The numbers the chapter's prose quotes, from the model at the explorers' declared defaults:
    ``bass_p``, ``bass_q`` and ``bass_peak`` (when adoption peaks), ``mean_default`` (the average
    threshold) and ``tip_<spread>`` (where a crowd of that spread tips) for each of :data:`PROSE_SPREADS`."""
    p, q, mean = float(model.P.default), float(model.Q.default), float(model.MEAN.default)
    numbers = {"bass_p": p, "bass_q": q, "bass_peak": float(model.bass_peak_time(p, q)), "mean_default": mean}
    for spread in PROSE_SPREADS:
        numbers[f"tip_{spread}"] = float(model.tipping_share(spread / 100, mean / 100))
    return numbers


def glue_prose() -> None:
    """Glue :func:`prose_numbers` for the page (``{glue:text}`` roles in its markdown), shown nowhere else."""
    from myst_nb import glue

    for key, value in prose_numbers().items():
        glue(key, value, display=False)
