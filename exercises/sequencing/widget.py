"""Sequencing live exercises, built on :mod:`exercises.kit.live`; each has a static face too.

A notebook shows an exercise with one call, ``widget.order()`` or ``widget.allocation()``:
the live widget with a kernel, the static explorer on the published site.
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import HTML, Markdown
import numpy as np
import pandas as pd

from ..kit.live import Action, Exercise, LiveExercise
from ..kit.controls import button, checkbox, text_box
from ..kit.quiz import Choice, Label, Order, Quiz
from ..kit.text import safe_text
from . import chart, model
from .model import BEST, WSJF, YOURS

__all__ = ["EXERCISES", "AllocationExercise", "OrderExercise", "allocation", "check", "order", "glue_prose", "prose", "split_numbers",
           "strategy_numbers"]


class OrderExercise(LiveExercise):
    """Exercise 1: put the backlog in your own order and compare it with WSJF and the best.

    Its declared inputs (:data:`~exercises.sequencing.model.ORDER_INPUTS`) are the rule the
    order starts from and the horizon; picking another rule puts your order back to it.

    Parameters
    ----------
    backlog : pandas.DataFrame, optional
        Defaults to :func:`~exercises.sequencing.model.load_backlog`.
    horizon : int, optional
        Weeks counted, at the start (default: the declared horizon's default).
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).

    Attributes the tests drive: ``items`` (the order), ``up``/``down``/``top`` buttons,
    ``start_from`` and ``restart``, ``typed`` and ``use_typed``, ``horizon``, ``reveal``;
    read ``summary``, ``notice``, ``problems``, ``solution``, ``result`` and ``chart.spec``.
    """

    INPUTS = model.ORDER_INPUTS

    def __init__(self, backlog: pd.DataFrame | None = None, horizon: int | None = None,
                 mode: str | None = None):
        self.backlog = model.load_backlog() if backlog is None else backlog
        self._names = dict(zip(self.backlog["id"], self.backlog["name"]))
        self._labels = {row.id: (f"{row.id} · {row.name} ({row.kind}) · {row.effort_weeks} wk · "
                                 f"{row.value_per_week:g} k€/wk") for row in self.backlog.itertuples()}
        self._best: dict[int, list[str]] = {}  # the exact optimum, computed once per horizon
        self.build_inputs()
        self.start_from, self.horizon = self.inputs[model.START.name], self.inputs[model.HORIZON.name]
        if horizon is not None:
            self.horizon.value = model.HORIZON.check(horizon)
        self.restart = button("Start over", "Put your order back to the rule chosen in Start from")
        self.items = widgets.Select(description="Your order", rows=len(self.backlog),
                                    style={"description_width": "10em"}, layout=widgets.Layout(width="48em"))
        self.up = button("Move up", "Move the selected initiative up", icon="arrow-up")
        self.down = button("Move down", "Move the selected initiative down", icon="arrow-down")
        self.top = button("Move to top", "Move the selected initiative to the top")
        self.typed = text_box("Or type ids", "e.g. S1, G1, F1, … then press Enter")
        self.use_typed = button("Use typed order", "Replace your order with the typed one")
        self.reveal = checkbox(model.SHOW_BEST.label)  # declared once: the static builder's box too
        self._started = self.start_from.value
        self._order = model.start_order(self.backlog, self._started, self.horizon.value)
        self.result = self.compute()
        super().__init__(
            controls=[self.restart, self.items, widgets.HBox([self.up, self.down, self.top]),
                      widgets.HBox([self.typed, self.use_typed])],
            chart=chart.value_curves_chart(self._curves(self.result)), after=[self.reveal], mode=mode)
        self.watch(self.reveal)
        self.on_click(self.restart, self._start)
        self.on_click(self.up, lambda: self._move(-1))
        self.on_click(self.down, lambda: self._move(+1))
        self.on_click(self.top, lambda: self._move(None))
        self.typed.observe(lambda _: self.run(self._use_typed), names="value")  # Enter, or leaving the box
        self.on_click(self.use_typed, self._use_typed)
        # A new selection answers "click an initiative first": that message goes.
        self.items.observe(lambda _: None if self.busy else self.tell(), names="value")
        self._show_order()
        self.refresh()

    # ---------------------------------------------------------------- learner actions

    @property
    def order(self) -> list[str]:
        """The learner's current order, as ids."""
        return list(self._order)

    def set_order(self, order: list[str]) -> None:
        """Replace the learner's order (ids; an order that cannot be scheduled is kept and explained)."""
        self.run(lambda: self._set_order(order))

    def _set_order(self, order) -> None:
        self._order = list(order)
        self._show_order()
        self.tell()

    def restore_answer(self, answer) -> None:
        """Put back the order of a kept :meth:`answer` (its ``order``: every id of the backlog, once).

        Its rule (*Start from*) and horizon are declared inputs, restored before this. An order
        that does not hold every initiative of the backlog exactly once (an initiative renamed or
        added since) does not fit: ``ValueError``, and the order starts from the rule (the kit
        skips it). An order that breaks a dependency is put back as kept, and explained.
        """
        order = answer.get("order") if isinstance(answer, dict) else None
        if not isinstance(order, list) or sorted(map(str, order)) != sorted(self.backlog["id"]) \
                or not all(isinstance(i, str) for i in order):
            raise ValueError("a kept order no longer fits the backlog")
        self._order = list(order)
        self._show_order()

    def _start(self) -> None:
        self._started = self.start_from.value
        self._set_order(model.start_order(self.backlog, self._started, self.horizon.value))

    def _move(self, step: int | None) -> None:
        selected = self.items.value
        if selected not in self._order:
            self.tell("Click an initiative in the list first, then move it.")
            return
        i = self._order.index(selected)
        j = 0 if step is None else min(max(i + step, 0), len(self._order) - 1)
        self._order.insert(j, self._order.pop(i))
        self._show_order()
        self.items.value = selected
        self.tell()

    def _use_typed(self) -> None:
        typed = model.parse_order(self.typed.value)
        if not typed:
            self.tell("Type the ids of all initiatives, separated by commas, then press Enter.")
        elif len(typed) > 2 * len(self.backlog):
            self.tell(f"That is {len(typed)} ids; the backlog has {len(self.backlog)}. Type each id once.")
        elif problems := model.order_problems(self.backlog, typed, dependencies=False):
            self.tell("The typed order was not used:", problems)
        else:
            # An order that breaks a dependency is used, and the break explained, as for moves.
            self._set_order(model.canonical_order(self.backlog, typed))

    # ---------------------------------------------------------------- what the learner sees

    def _best_for(self, horizon: int) -> list[str]:
        if horizon not in self._best:
            self._best[horizon] = model.best_order(self.backlog, horizon)
        return self._best[horizon]

    def _show_order(self) -> None:
        self.items.options = [(f"{n}. {self._labels[i]}", i) for n, i in enumerate(self._order, start=1)]

    def _curves(self, result: model.OrderComparison) -> pd.DataFrame:
        """The curves drawn: the best order's only once asked for (no spoiler)."""
        shown = self.reveal.value if hasattr(self, "reveal") else False
        return result.curves if shown else result.curves[result.curves["strategy"] != BEST]

    def refresh(self) -> None:
        """After a change of an input: a new rule in *Start from* puts the order back to it (the
        same rule again needs *Start over*); then the model is asked once."""
        self.run(self._restart_if_new_rule)

    def _restart_if_new_rule(self) -> None:
        if self.start_from.value != self._started:
            self._start()

    def compute(self) -> model.OrderComparison:
        """The current order against WSJF and the best for the current horizon (the model, once)."""
        horizon = int(self.horizon.value)
        return model.compare_orders(self.backlog, self._order, horizon, self._best_for(horizon))

    def show(self, result: model.OrderComparison) -> None:
        """Redraw the curves and say, in the model's words, what the order earns or why it cannot run."""
        self.chart.update(self._curves(result))
        first = result.words[0] if result.verdict == "valid" else model.ORDER_WORDS["no_value"]
        ships = self._ship_weeks(result) if result.verdict == "valid" else ""
        self.summary.value = f"<p><b>{safe_text(first)}</b></p>" + (f"<p>{safe_text(ships)}</p>" if ships else "")
        self.show_problems("Your order cannot be scheduled yet:", result.problems)
        # The best (what it and WSJF earn, and its order) stays folded until asked for.
        self.solution.value = (f"<p>{safe_text(result.reference)}<br>Best order for this horizon: "
                               + " → ".join(f"{i} · {safe_text(self._names[i])}" for i in result.best) + "</p>"
                               if self.reveal.value else "")

    def _ship_weeks(self, result: model.OrderComparison) -> str:
        """When each initiative of the learner's order ships, in words: the chart's dots say it only
        on hover, which a keyboard, a phone or a screen reader never reaches."""
        curve = result.curves[(result.curves["strategy"] == YOURS) & (result.curves["shipped"] != "")]
        said = [f"{shipped} in week {int(week)}" for week, shipped in zip(curve["week"], curve["shipped"])]
        shipped = {name for names in curve["shipped"] for name in str(names).split(", ")}
        later = [self._names[i] for i in self._order if self._names[i] not in shipped]
        text = "Your order ships (the dots on your line) " + ", ".join(said) if said else "Your order ships nothing"
        return text + (f"; not by week {int(result.horizon)}: {', '.join(later)}" if later else "") + "."

    def answer(self) -> dict:
        """The order for workshop mode: ``order`` (ids), ``horizon``, ``start_from``, what it earns
        (``total``, k€) and its ``share_of_best`` (both None while it cannot be scheduled), the
        best total and WSJF's share of it; read from :attr:`result`."""
        result = self.result
        ok = not result.problems
        return {"order": self.order, "horizon": int(result.horizon), "start_from": self.start_from.value,
                "total": round(float(result.totals[YOURS]), 2) if ok else None,
                "share_of_best": round(float(result.share(YOURS)), 4) if ok else None,
                "best_total": round(float(result.totals[BEST]), 2),
                "wsjf_share": round(float(result.share(WSJF)), 4)}

    def actions(self) -> list[Action]:
        ids = list(self.backlog["id"])

        def move(rng):
            self.items.value = rng.choice(ids)
            rng.choice([self.up, self.down, self.top]).click()

        def move_nothing(rng):
            self.items.value = None
            self.up.click()

        def type_order(rng):
            typed = rng.sample(ids, len(ids))
            if rng.random() < 0.3:
                typed[rng.randrange(len(typed))] = rng.choice(["Z9", "", "<b>x</b>", typed[0].lower()])
            with self.quietly():  # typing; then one press of the button uses it
                self.typed.value = ", ".join(typed)
            self.use_typed.click()

        def start_over(rng):
            self.restart.click()

        def reveal(rng):
            self.reveal.value = not self.reveal.value

        return super().actions() + [
            Action("move an initiative", move), Action("move with nothing selected", move_nothing),
            Action("type a whole order", type_order), Action("start over", start_over),
            Action("show or hide the best", reveal)]


class AllocationExercise(LiveExercise):
    """Exercise 2: split the team's capacity across the four kinds of work.

    Four sliders of whole per cents (declared once: :data:`~exercises.sequencing.model.SPLIT_INPUTS`)
    that always add up to 100; moving one rescales the others. The chart compares your split with
    equal quarters (and, when revealed, the leader's split).

    Parameters
    ----------
    returns : pandas.DataFrame, optional
        Defaults to :func:`~exercises.sequencing.model.load_returns`.
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).
    """

    INPUTS = model.SPLIT_INPUTS

    def __init__(self, returns: pd.DataFrame | None = None, mode: str | None = None):
        self.returns = model.load_returns() if returns is None else returns
        self.build_inputs()
        self.sliders = list(self.inputs.values())
        self._equal = model.whole_shares(model.equal_allocation(self.returns))
        self._last = self.allocation  # the split last shown: what a moved slider rescales
        self.reset = button("Back to equal quarters", "Give each kind of work 25 %")
        self.reveal = checkbox("Show the leader's split")
        self.result = self.compute()
        super().__init__(controls=[self.reset], chart=chart.allocation_chart(self.result["table"]),
                         after=[self.reveal], mode=mode)
        self.on_click(self.reset, lambda: self._apply(self._equal))
        self.watch(self.reveal)
        self.refresh()

    @property
    def allocation(self) -> np.ndarray:
        """The learner's current shares (whole per cents), in :data:`~exercises.sequencing.model.KINDS` order."""
        return np.array([s.value for s in self.sliders], dtype=float)

    def set_allocation(self, shares) -> None:
        """Set all four shares at once, rounded to whole per cents that add up to 100.

        Negative or non-finite shares count as 0; all zero gives equal quarters.

        Raises
        ------
        ValueError
            If ``shares`` does not hold exactly one share per kind of work.
        """
        shares = model.check_shares(shares)
        self.run(lambda: self._apply(shares))

    def _apply(self, shares, keep: int | None = None) -> None:
        """Write whole shares to the sliders; ``keep`` (the slider being moved) is not written back."""
        whole = model.whole_shares(shares, keep=keep)
        for index, (control, share) in enumerate(zip(self.sliders, whole)):
            if index != keep:
                control.value = int(share)

    def refresh(self) -> None:
        """After a change: a slider moved alone rescales the others so the split adds up to 100
        (the moved one keeps its value); then the model is asked once."""
        self.run(self._rebalance)

    def _rebalance(self) -> None:
        now = self.allocation
        if now.sum() != 100:
            moved = [i for i in range(len(now)) if now[i] != self._last[i]]
            index = moved[0] if moved else 0
            self._apply(model.rebalance(self._last, index, now[index]), keep=index)

    def show(self, result: dict) -> None:
        """Redraw the bars and say, in the model's words, what the split earns and what to move."""
        self._last = result["shares"]
        self.chart.update(result["table"])
        summary, hint = result["words"]
        # What each kind earns is said in words too (the bars' hover alone hides it from keyboard and touch).
        self.summary.value = (f"<p><b>{safe_text(summary)}</b><br>{safe_text(hint)}</p>"
                              f"<p>{safe_text(result['breakdown'])}</p>")

    def compute(self) -> dict:
        """The model's :func:`~exercises.sequencing.model.split` of the current shares, once."""
        return model.split(self.returns, self.allocation, show_leader=bool(self.reveal.value))


    def answer(self) -> dict:
        """The split for workshop mode: ``shares`` (per cent per kind of work), the ``weekly_return``
        it earns (k€) and its ``share_of_best``; read from :attr:`result`."""
        result = self.result
        return {"shares": {kind: int(share) for kind, share in zip(model.KINDS, result["shares"])},
                "weekly_return": round(float(result["total_return"]), 2),
                "share_of_best": round(float(result["share_of_best"]), 4)}

    def actions(self) -> list[Action]:
        def reset(rng):
            self.reset.click()

        def reveal(rng):
            self.reveal.value = not self.reveal.value

        return super().actions() + [Action("back to equal quarters", reset),
                                    Action("show or hide the leader's split", reveal)]


def _order_face():
    return chart.order_builder(model.order_builder_data(model.load_backlog()))


#: Exercise 1, both faces: the live order exercise, or the order builder on the static page.
order = Exercise("order", OrderExercise, _order_face)
#: Exercise 2, both faces: the live capacity split, or the capacity explorer on the static page.
allocation = Exercise("allocation", AllocationExercise,
                      lambda: chart.allocation_explorer(model.allocation_explorer_data(model.load_returns())))
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (order, allocation)


#: The initiatives the chapter's check asks a reader to put in order (the enabler and what it unlocks).
CHECK_ORDER = ("S1", "G1", "E3", "E1")


def check() -> Quiz:
    """A short check of the chapter's lesson; its answers come from the model, not from prose."""
    backlog, returns = model.load_backlog(), model.load_returns()
    best = model.best_order(backlog, model.DEFAULT_HORIZON)
    names = dict(zip(backlog["id"], backlog["name"]))
    weeks = dict(zip(backlog["id"], backlog["effort_weeks"]))
    per_week = dict(zip(backlog["id"], backlog["value_per_week"]))
    moves = model.leader_moves(returns).assign(item=lambda f: f["kind"].str.capitalize() + " work")
    return Quiz("sequencing-check", "Check your understanding", [
        Choice("WSJF puts the managed database (S1) near the end of the queue. Why does the best order for "
               "a year start with it?",
               ["It is the quickest initiative to ship.",
                "It unlocks the referral programme and single sign-on, which earn far more than it does.",
                "Scaling work should always come before growth work.",
                "It earns the most per week once it ships."],
               correct=[1], explain="S1 earns little on its own; what it unlocks earns a lot, and sooner is worth more.",
               reasons=[f"It is not: it takes {weeks['S1']:g} weeks, and other items ship sooner.",
                        "Yes: the referral programme and single sign-on cannot start without it, and they earn "
                        "far more per week than it does.",
                        "No rule puts one kind of work first: the order follows what each item earns and unlocks.",
                        f"It earns {per_week['S1']:g} a week on its own, less than most: its worth lies elsewhere."]),
        Choice("Which of these are true in this chapter's model?",
               # No full stops: the answer fold lists each right option, then " — " and its reason.
               ["Work that ships after the horizon earns nothing",
                "With a short horizon, quick ready wins can beat enabling work",
                "WSJF always gives the best order",
                "Doing one kind of work at a time costs nothing if each queue is well ordered"],
               correct=[0, 1], multiple=True,
               explain="WSJF is a good default but blind to what an item unlocks, and the loss from one kind "
                       "at a time comes from the order between queues.",
               reasons=["Yes: the model counts only what is earned before the horizon.",
                        "Yes: an enabler pays through what it unlocks, and a short horizon leaves no time for that.",
                        "WSJF ranks by value per week of work but cannot see what an item unlocks.",
                        "Ordering each queue well does not fix the order between queues, and the loss is there."]),
        Order(f"Put these in the order the best plan for {model.DEFAULT_HORIZON} weeks works on them.",
              [f"{item} · {names[item]}" for item in best if item in CHECK_ORDER],
              explain="The enabler first, then what it unlocks, most valuable per week of work first."),
        Label.from_frame("Compared with equal quarters, how does the leader's split change each kind's share?",
                         moves, "item", "move", labels=model.MOVES,
                         explain="Capacity moves to where one more per cent still returns the most: "
                                 "expansion keeps paying, feature polish and scaling saturate fast."),
    ])


# --------------------------------------------------------------------------- the page's numbers, from the model


def prose(key: str) -> Markdown:
    """A paragraph of the chapter whose numbers come from the model, so the page never quotes a figure
    its charts contradict: ``"rule_gap"`` (why biggest value first beats WSJF here), ``"one_kind"``
    (what one kind at a time costs) or ``"leader_split"`` (the leader's split against equal quarters).

    Raises
    ------
    ValueError
        For any other key.
    """
    backlog, returns = model.load_backlog(), model.load_returns()
    paragraphs = {
        "rule_gap": lambda: "**Why \"biggest value first\" beats WSJF here.** " + model.rule_gap(backlog)["words"],
        "one_kind": lambda: "**Why one kind at a time costs so much.** " + model.one_kind_words(backlog)
        + " Each owner's queue is sensible on its own; the loss comes from the order *between* queues.",
        "leader_split": lambda: model.leader_words(returns),
    }
    if key not in paragraphs:
        raise ValueError(f"There is no paragraph called {str(key)[:40]!r}; choose one of {', '.join(paragraphs)}.")
    return Markdown(paragraphs[key]())


def _numbers(caption: str, frame: pd.DataFrame, headers: list[str]) -> HTML:
    """A folded table under a chart (``<details>``), every cell escaped: the facts a tooltip gives on
    hover, for keyboard and touch readers too."""
    head = "".join(f'<th scope="col">{safe_text(h)}</th>' for h in headers)
    rows = "".join("<tr>" + "".join(f"<td>{safe_text(v)}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return HTML(f'<details class="lp-numbers"><summary>The numbers behind this chart</summary>'
                f'<table class="lp-numbers-table"><caption>{safe_text(caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>")


def strategy_numbers() -> HTML:
    """When each strategy the explorer offers ships each initiative (the dots' tooltips), folded."""
    weeks = model.ship_weeks(model.load_backlog())
    return _numbers("When each strategy ships each initiative (the best order stays with its check box).",
                    weeks, ["Strategy", "Ships (initiative and week)"])


def split_numbers() -> HTML:
    """What each kind of work returns at each share the capacity explorer offers (the bars' tooltips), folded."""
    table = model.level_table(model.load_returns())
    table = table.assign(**{kind: table[kind].map("{:.1f}".format) for kind in model.KINDS})
    return _numbers("Extra value a week (k€) each kind of work returns at each share of capacity.",
                    table, ["Share (%)", *(kind.capitalize() for kind in model.KINDS)])


def glue_prose() -> None:
    """Glue the chapter's model-made paragraphs (:func:`prose`) for the page's ``{glue:md}`` directives."""
    from myst_nb import glue

    for key in ("rule_gap", "one_kind", "leader_split"):
        glue(key, prose(key), display=False)
