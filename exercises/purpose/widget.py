"""Purpose live exercises, built on :mod:`exercises.kit.live`; each has a static face too.

A notebook shows an exercise with one call, ``widget.sort()``, ``widget.bass()`` or
``widget.cascade()``: the live widget with a kernel, the static face on the published site.
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import HTML

from ..kit.live import Action, Exercise, LabelExercise, LiveExercise
from ..kit.controls import text_box
from ..kit.quiz import Choice, Label, Quiz
from ..kit.text import read_text, safe_text
from . import chart, model

__all__ = ["EXERCISES", "BassExercise", "CascadeExercise", "MessageExercise", "bass", "cascade", "check",
           "message", "message_html", "question", "sort"]


def question() -> Label:
    """The golden-circle sort, from ``data/purpose_statements.csv``: one Label for both faces."""
    return Label.from_frame("Is each statement a why, a how or a what?", model.load_statements(),
                            item="statement", answer="circle", labels=list(model.CIRCLES), reason="reason",
                            explain="A why is a belief; a how is a way of working; a what is something you ship.")


def _float_slider(description: str, value: float, low: float, high: float, step: float) -> widgets.FloatSlider:
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               continuous_update=False, style={"description_width": "14em"},
                               layout=widgets.Layout(width="36em"))


class BassExercise(LiveExercise):
    """Exercise 3a: move innovation ``p`` and imitation ``q`` and watch the S-curve.

    Attributes the tests drive: ``p``, ``q``; read ``summary`` and ``chart.spec``.
    """

    def __init__(self, mode: str | None = None):
        self.p = _float_slider("Innovation p", model.P_DEFAULT, 0.005, 0.1, 0.005)
        self.q = _float_slider("Imitation q", model.Q_DEFAULT, 0.0, 0.8, 0.01)
        super().__init__(controls=[self.p, self.q], chart=chart.bass_chart(model.bass_curve(self.p.value, self.q.value)),
                         mode=mode)
        self.watch(self.p, self.q)
        self.refresh()

    def update(self) -> None:
        """Recompute the curve and say when it peaks and crosses 16 % and 50 %."""
        p, q = self.p.value, self.q.value
        curve = model.bass_curve(p, q)
        self.chart.update(curve.assign(row_one=curve["t"] == 0))
        self.summary.value = (f"<p>Adoption peaks at period <b>{model.bass_peak_time(p, q):.1f}</b>; 16 % have "
                              f"adopted by {model.bass_time_to(0.16, p, q):.1f} and half by "
                              f"{model.bass_time_to(0.5, p, q):.1f}.</p>")

    def answer(self) -> dict:
        """The curve for workshop mode: ``p``, ``q``, the ``peak`` period and the periods by which
        16 % (``t16``) and half (``t50``) have adopted."""
        p, q = float(self.p.value), float(self.q.value)
        return {"p": round(p, 4), "q": round(q, 4), "peak": round(float(model.bass_peak_time(p, q)), 2),
                "t16": round(float(model.bass_time_to(0.16, p, q)), 2),
                "t50": round(float(model.bass_time_to(0.5, p, q)), 2)}

    def actions(self) -> list[Action]:
        def move_p(rng):
            self.p.value = round(rng.uniform(self.p.min, self.p.max) / 0.005) * 0.005

        def move_q(rng):
            self.q.value = round(rng.uniform(self.q.min, self.q.max), 2)

        return [Action("move p", move_p), Action("move q", move_q)]


class CascadeExercise(LiveExercise):
    """Exercise 3b: set the spread of thresholds and the committed share; does the crowd tip?

    Attributes the tests drive: ``spread``, ``share``; read ``summary`` and ``chart.spec``.
    """

    def __init__(self, mode: str | None = None):
        self.spread = widgets.IntSlider(value=10, min=1, max=30, description="Spread of thresholds (%)",
                                        continuous_update=False, style={"description_width": "14em"},
                                        layout=widgets.Layout(width="36em"))
        self.share = widgets.IntSlider(value=16, min=0, max=50, description="Committed believers (%)",
                                       continuous_update=False, style={"description_width": "14em"},
                                       layout=widgets.Layout(width="36em"))
        self._curves: dict[int, object] = {}
        super().__init__(controls=[self.spread, self.share], chart=chart.cascade_chart(self._frame()), mode=mode)
        self.watch(self.spread, self.share)
        self.refresh()

    def _frame(self):
        s = self.spread.value
        if s not in self._curves:
            self._curves[s] = model.cascade_curve(s / 100)
        curve = self._curves[s]
        return curve.assign(yours=curve["committed"] == self.share.value)

    def update(self) -> None:
        """Redraw for this spread and say whether and where the cascade tips."""
        frame = self._frame()
        self.chart.update(frame.assign(row_one=frame["committed"] == 0))
        joined = float(frame.loc[frame["yours"], "joined"].iloc[0])
        tip = model.tipping_share(self.spread.value / 100)
        where = "It never tips with up to 50 % committed." if tip is None else f"It tips from <b>{tip:g} %</b> committed."
        self.summary.value = f"<p>With {self.share.value} % committed, {joined:g} % join in the end. {where}</p>"

    def answer(self) -> dict:
        """The crowd for workshop mode: ``spread`` and ``committed`` (per cent), the share that
        ``joined`` in the end and where it ``tips`` (per cent committed; None if it never does)."""
        frame = self._frame()
        tip = model.tipping_share(self.spread.value / 100)
        return {"spread": int(self.spread.value), "committed": int(self.share.value),
                "joined": float(frame.loc[frame["yours"], "joined"].iloc[0]),
                "tips": None if tip is None else float(tip)}

    def actions(self) -> list[Action]:
        def spread(rng):
            self.spread.value = rng.randint(self.spread.min, self.spread.max)

        def share(rng):
            self.share.value = rng.randint(self.share.min, self.share.max)

        return [Action("move the spread", spread), Action("move the committed share", share)]


def check() -> Quiz:
    """A short check of the chapter's lesson."""
    return Quiz("purpose-check", "Check your understanding", [
        Choice("Where does the seeds' 15–18 % tipping point come from?",
               ["Innovators plus early adopters on Rogers' normal curve", "Centola's experiment",
                "The Bass model's peak"], [0], explain="2.3 % + 13.6 % ≈ 16 %, one standard deviation before the mean."),
        Choice("In Granovetter's crowd of thresholds 0..99, what happens if the threshold-1 person moves to 2?",
               ["Everyone still joins", "Only the instigator joins", "Half join"], [1],
               explain="No one has threshold 1 any more, so the chain breaks after the first person."),
    ])


def message_html(why: str, how: str, what: str) -> str:
    """The message inside out beside outside in, and the checks of :func:`model.message_checks` (escaped)."""
    def column(title, inside_out):
        parts = model.assemble(safe_text(why), safe_text(how), safe_text(what), inside_out)
        return (f'<div style="flex:1;min-width:16em"><p><b>{title}</b></p>'
                + "".join(f"<p>{part}</p>" for part in parts) + "</div>")
    checks = model.message_checks(why, how, what)
    rows = "".join(f"<li>{'✓' if r.passed else '✗'} {safe_text(r.check)}: {safe_text(r.explanation)}</li>"
                   for r in checks.itertuples())
    return (f'<div class="lp-message"><div style="display:flex;gap:2em;flex-wrap:wrap">'
            f"{column('Inside out: why, how, what', True)}{column('Outside in: what, how, why', False)}</div>"
            f"<p><b>Checks</b></p><ul>{rows}</ul></div>")


class MessageExercise(LiveExercise):
    """Exercise 2: write your why, how and what; see them inside out and outside in, with checks.

    Attributes the tests drive: ``why``, ``how``, ``what`` (text boxes); read ``summary``.
    """

    def __init__(self, mode: str | None = None):
        self.why = text_box("Your why", "What do you believe, and for whom?")
        self.how = text_box("Your how", "How do you work to make it real?")
        self.what = text_box("Your what", "What do you make?")
        super().__init__(controls=[self.why, self.how, self.what],
                         chart=chart.checks_chart(model.message_checks("", "", "")), mode=mode)
        self.watch(self.why, self.how, self.what)
        self.refresh()

    def update(self) -> None:
        """Clean the three texts, say what is missing, else show both orders and the checks."""
        read = [read_text(box.value, f"your {name}") for name, box in
                (("why", self.why), ("how", self.how), ("what", self.what))]
        problems = [problem for _, problem in read if problem]
        (why, _), (how, _), (what, _) = read
        self.summary.value = message_html(why, how, what)
        self.chart.update(chart.checks_chart(model.message_checks(why, how, what)).data)
        self.show_problems("Not finished yet:", problems)

    def answer(self) -> dict | None:
        """The message for workshop mode: the cleaned ``why``, ``how`` and ``what`` (at most 2,000
        characters each), each check passed or not, and the ``score`` (checks passed of ``checks``);
        None while all three boxes are empty."""
        texts = {name: read_text(box.value, f"your {name}")[0]
                 for name, box in (("why", self.why), ("how", self.how), ("what", self.what))}
        if not any(texts.values()):
            return None
        checks = model.message_checks(texts["why"], texts["how"], texts["what"])
        return {**texts, "passed": {r.check: bool(r.passed) for r in checks.itertuples()},
                "score": int(checks["passed"].sum()), "checks": len(checks)}

    def actions(self) -> list[Action]:
        samples = ["", "   ", "<b>bold</b><script>x</script>", "Our app is 40 % faster", "x" * 5000,
                   "Nous croyons que chaque clinique mérite du temps 🙂", model.WORKED["why"]]

        def write(rng):
            rng.choice([self.why, self.how, self.what]).value = rng.choice(samples)

        return [Action("write a part", write)]


#: Exercise 2: the learner's own message live; on the page, the fictional team's worked example.
message = Exercise("message", MessageExercise, lambda: HTML(
    "<p><b>The team's message</b></p>" + message_html(model.WORKED["why"], model.WORKED["how"], model.WORKED["what"])
    + "<p><b>The same team, starting from the product</b></p>"
    + message_html(model.WORKED["weak_why"], model.WORKED["how"], model.WORKED["what"])))
#: Exercise 1, both faces: the kit's live labelling, or the same Label as a quiz on the page.
sort = Exercise("sort", lambda mode=None: LabelExercise(question(), mode=mode),
                lambda: Quiz("purpose-sort", "Golden-circle sort", [question()]))
#: Exercise 3a: the live sliders, or the explorer over the precomputed grid.
bass = Exercise("bass", BassExercise, lambda: chart.bass_explorer(model.bass_grid()))
#: Exercise 3b: the live sliders, or the explorer over the precomputed grid.
cascade = Exercise("cascade", CascadeExercise, lambda: chart.cascade_explorer(model.cascade_grid()))
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (sort, message, bass, cascade)
