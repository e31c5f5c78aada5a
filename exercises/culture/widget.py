"""Culture change through consistency: live exercises on :mod:`exercises.kit.live`, each paired with its static face."""

from __future__ import annotations

import math

from ..kit.display import markdown
from ..kit.live import Exercise, LiveExercise
from ..kit.quiz import Choice, Quiz
from ..kit.text import fill, safe_text
from . import chart, model

__all__ = ["EXERCISES", "NEVER", "CadenceExercise", "PeerExercise", "cadence", "check", "peers", "story", "story_markdown"]

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
        super().__init__(chart=chart.adoption_chart(self.compute()["curves"].iloc[0:0]), mode=mode)
        self.refresh()

    def compute(self) -> dict:
        return model.peers(**self.values())

    def show(self, result: dict) -> None:
        """Before a guess, say the settings and ask (no curve); then redraw both schedules and say the
        two measures, what peers changed and whether the guess was right, in the model's words."""
        curves = result["curves"][["week", "schedule", "adopted"]]
        self.chart.update(curves if result["guess"] else curves.iloc[0:0])  # no curve before a guess
        first, *rest = result["said"]
        self.summary.value = f"<p><b>{safe_text(first)}</b> {safe_text(' '.join(rest))}</p>"

    def answer(self) -> dict:
        """The learner's settings (``peer`` a week, ``conversations``, ``half_life`` in weeks), the share
        holding the norm at week 52 with each schedule (``even_at_52``, ``burst_at_52``, and with no
        peer talk ``alone_even_at_52``, ``alone_burst_at_52``), the ``winner`` at week 52, the weeks of
        adoption (``even_weeks_held``, ``burst_weeks_held``, ``more_weeks_held``), the peer talk at which a norm
        keeps itself (``tipping``), the learner's ``guess`` (``""`` before one, ``yes`` or ``no``) and
        the answer to it, ``lasts`` (``yes`` when the burst holds anyone at week 52)."""
        values, r = self.values(), self.result
        return {"peer": round(float(values["peer"]), 2), "conversations": int(values["conversations"]),
                "half_life": int(values["fading"]), "even_at_52": r["even_52"] / 100,
                "burst_at_52": r["burst_52"] / 100, "alone_even_at_52": r["alone_even_52"] / 100,
                "alone_burst_at_52": r["alone_burst_52"] / 100, "winner": r["verdict"],
                "even_weeks_held": round(r["even_held"], 2), "burst_weeks_held": round(r["burst_held"], 2),
                "more_weeks_held": r["more_held"], "tipping": round(r["tip"], 4), "guess": r["guess"],
                "lasts": r["lasts"]}


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
        Choice(f"Same settings: {budget // 2} conversations, a half-life of {half // 2} weeks. Which schedule gives "
               "more weeks of adoption over the year?", words, correct=[kinds.index(thin["more_held"])],
               explain="Scoring by weeks of adoption counts every week the norm is held, not only the last one.",
               reasons=_held_reasons(thin, kinds)),
    ])


#: Why an option of the check is not the answer: true whatever the model says, and no spoiler.
_NOT = {"even": "Steady is not ahead by itself: compare how many hold the norm at week 52 on each schedule.",
        "burst": "Early is not the same as ahead: compare how many still hold the norm at week 52.",
        "tie": "They do not tie here: at week 52 one schedule has more people holding the norm."}


#: Why an option of the weeks-of-adoption question is not the answer.
_NOT_HELD = {"even": "Steady is not more by itself: compare the weeks of adoption each schedule gives.",
             "burst": "A burst is not more by itself: compare the weeks of adoption each schedule gives.",
             "tie": "They do not give the same weeks of adoption here."}


def _held_reasons(result: dict, kinds: list[str]) -> list[str]:
    """One reason per option of the weeks-of-adoption question, from the model's ``result``."""
    right = (f"Yes: a person holds the norm {fill('{v:.1f}', v=result['even_held'])} weeks on average with the "
             f"even spread and {fill('{v:.1f}', v=result['burst_held'])} with the burst.")
    return [right if kind == result["more_held"] else _NOT_HELD[kind] for kind in kinds]


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


# --------------------------------------------------------------------------- prose made from the model

#: The settings the chapter's text asks the learner to try: each from the declarations.
THIN = (model.BUDGET.grid[0], model.HALF_LIFE.grid[0])  # the fewest conversations, the fastest forgetting


def _pct(value: float) -> str:
    return fill("{v:.0f} %", v=value)


def _wk(value: float) -> str:
    return fill("{v:.1f}", v=value)


def _settings() -> str:
    budget, burst, half = model.BUDGET.default, model.BURST.default, model.HALF_LIFE.default
    return (
        "Try three settings. Before each, change your guess if you like, then look.\n\n"
        f"- **Nobody forgets**: a half-life of {model.NEVER}, the top of its range, stands for never. With "
        f"{budget} conversations, does a launch burst or a steady cadence hold more people at week 52? Which "
        "gets there sooner?\n"
        f"- **People forget**: a half-life of {half} weeks (the time it takes people to forget half of what "
        "they heard). What happens to the burst's people after the launch?\n"
        f"- **Too few conversations**: {THIN[0]} conversations and a half-life of {THIN[1]} weeks. Does the "
        "steady cadence still win?")


def _discussion() -> str:
    budget, burst, half = model.BUDGET.default, model.BURST.default, model.HALF_LIFE.default
    never, fades = model.cadence(budget, burst, model.NEVER), model.cadence(budget, burst, half)
    thin = model.cadence(THIN[0], burst, THIN[1])
    lines = [
        '<details class="lp-solution" id="culture-cadence-discussion"><summary>Exercise 1, discussion: what the '
        "three settings show, and what it means for your team</summary>\n",
        f"**Nobody forgets.** Every conversation still counts at week 52, whenever it happened, so with {budget} "
        f"conversations and a {burst}-week burst the two schedules tie at week 52 ({_pct(never['even_52'])} each). "
        f"The burst gets there sooner, so it gives more weeks of adoption: {_wk(never['burst_held'])} against "
        f"{_wk(never['even_held'])}. If people never forgot, a big launch would be the better plan.\n",
        f"**People forget.** With a half-life of {half} weeks, the burst's exposure fades after launch: "
        f"{_pct(fades['burst_52'])} still hold the norm at week 52, against {_pct(fades['even_52'])} with the "
        f"steady cadence, which keeps topping people up. Here the cadence also gives more weeks of adoption: "
        f"{_wk(fades['even_held'])} against {_wk(fades['burst_held'])}.\n"
        if fades["more_held"] == "even" else
        f"**People forget.** With a half-life of {half} weeks, the burst's exposure fades after launch: "
        f"{_pct(fades['burst_52'])} still hold the norm at week 52, against {_pct(fades['even_52'])} with the "
        "steady cadence, which keeps topping people up.\n",
        f"**Too few conversations.** With {THIN[0]} conversations and a half-life of {THIN[1]} weeks, the cadence "
        f"is spread so thin that {_pct(thin['even_52'])} hold the norm at week 52, and the burst ends at "
        f"{_pct(thin['burst_52'])} too. Yet the burst had its weeks: {_wk(thin['burst_held'])} weeks of adoption "
        f"against {_wk(thin['even_held'])}. Consistency only wins when there is enough of it.\n",
        "The model does not say \"little and often always wins\". It says that when people forget (and they do), "
        "a change that is only launched fades, and a change that is kept up lasts, as long as the rhythm is "
        "frequent enough to keep people above their threshold. Ask yourself: how fast does your team forget a "
        "new habit? How many conversations a month can you really keep up?\n",
        "</details>"]
    return "\n".join(lines)


def _measures() -> str:
    count = model.tally(model.grid())
    at, weeks = count["at_52"], count["weeks"]
    counted = (f"Over the {count['settings']} settings the explorer above offers, "
               + (f"the burst is never ahead at week 52 (the even spread is in {at['even']}, and they tie in "
                  f"{at['tie']})" if not at["burst"] else
                  f"the burst is ahead at week 52 in {at['burst']}, the even spread in {at['even']}, and they tie "
                  f"in {at['tie']}")
               + f"; yet the burst gives more weeks of adoption in {weeks['burst']} of them.")
    return (
        "The first line of the verdict says who is ahead **at week 52**. The second counts **weeks of adoption**: "
        "how many weeks a person holds the norm over the year, on average (the area under each curve). The two "
        "can disagree, and which one to look at depends on what you need:\n\n"
        "- **At week 52** matters when the norm must still be there after the year: a habit you want for good, "
        "such as writing down decisions or reviewing each launch.\n"
        "- **Weeks of adoption** matters when every week the norm is held pays off now: a practice you need "
        "during a busy stretch, such as extra care with releases during a migration.\n\n"
        '<details class="lp-solution" id="culture-measures-count"><summary>Over every setting: how often each '
        f"schedule wins each measure (after your guesses)</summary>\n\n{counted}\n\n</details>")


def _peers() -> str:
    peer, budget, half = model.PEER.default, model.PEER_BUDGET.default, model.PEER_HALF_LIFE.default
    return (
        "Guess first each time, then look. Try these:\n\n"
        f"- **A little talk**: peer talk {fill('{v:.2f}', v=peer)} a week, {budget} conversations from you and a "
        f"half-life of {half} weeks (where the explorer starts). Compare the even spread at week 52 with the "
        "line that says what happens with no peer talk. What happens to the burst?\n"
        "- **Nobody talks**: peer talk 0. The numbers are Exercise 1's at the same settings.\n"
        "- **Find the tipping point**: raise the peer talk one step at a time. At which step does the burst "
        "still hold people at week 52, and which schedule then gives more weeks of adoption?")


def _peers_discussion() -> str:
    budget, half = model.PEER_BUDGET.default, model.PEER_HALF_LIFE.default
    tip = model.tipping(half)
    above = min(p for p in model.PEER.grid if p >= tip)
    below = max(p for p in model.PEER.grid if p < tip)
    hi, lo = model.peers(above, budget, half), model.peers(below, budget, half)
    return "\n".join([
        '<details class="lp-solution" id="culture-peers-discussion"><summary>Exercise 2, discussion: when a launch '
        "lasts</summary>\n",
        f"With a half-life of {half} weeks, a norm that everyone holds keeps itself, with no more conversations "
        f"from you, once peers bring it up {fill('{v:.2f}', v=tip)} times a week: their talk alone then clears "
        "even the highest threshold. Below that, the people who need the most convincing drop out first, and "
        "the rest follow.\n",
        f"So with {budget} conversations, at peer talk {fill('{v:.2f}', v=below)} the burst still fades to "
        f"{_pct(lo['burst_52'])} by week 52; at {fill('{v:.2f}', v=above)} it holds {_pct(hi['burst_52'])}, "
        f"and it now gives more weeks of adoption than the even spread ({_wk(hi['burst_held'])} against "
        f"{_wk(hi['even_held'])}), because it got everyone there sooner.\n"
        if hi["more_held"] == "burst" else
        f"So with {budget} conversations, at peer talk {fill('{v:.2f}', v=below)} the burst still fades to "
        f"{_pct(lo['burst_52'])} by week 52; at {fill('{v:.2f}', v=above)} it holds {_pct(hi['burst_52'])}.\n",
        "Peer talk cannot start a norm: with nobody holding it, nobody talks about it. Your conversations start "
        "it; theirs can carry it. A launch is enough only when the team already talks about the new way among "
        "themselves; until then, keep the cadence, and help the first people who hold the norm to mention it in "
        "their own meetings.\n",
        "</details>"])


_STORY = {"settings": _settings, "discussion": _discussion, "measures": _measures, "peers": _peers,
          "peers_discussion": _peers_discussion}


def story_markdown(part: str) -> str:
    """The chapter's prose that quotes numbers, as Markdown made from the model and its declarations:
    ``"settings"`` and ``"discussion"`` (Exercise 1), ``"measures"`` (the two ways to keep score, counted
    over the explorer's own grid), ``"peers"`` and ``"peers_discussion"`` (Exercise 2).

    Raises
    ------
    ValueError
        For a part the chapter does not have.
    """
    if part not in _STORY:
        raise ValueError(f"the culture story has the parts {sorted(_STORY)}, not {part!r}")
    return _STORY[part]()


def story(part: str):
    """:func:`story_markdown` shown as Markdown in the notebook (on the site, as part of the page)."""
    return markdown(story_markdown(part))
