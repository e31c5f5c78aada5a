"""Sequencing live exercises: the only layer that imports ipywidgets.

Each exercise is an :class:`ipywidgets.VBox` a notebook displays with one call. Inputs are
labelled, anything typed is escaped before it is shown, and no input raises: a problem
becomes a message in the exercise.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd

from ..display import LiveChart
from ..text import safe_text
from . import chart, model

__all__ = ["AllocationExercise", "OrderExercise"]

_START = "One kind at a time"

_LABEL = {"description_width": "9em"}


def _html(text: str = "") -> widgets.HTML:
    return widgets.HTML(value=text, layout=widgets.Layout(width="100%"))


def _button(description: str, tooltip: str, icon: str = "") -> widgets.Button:
    return widgets.Button(description=description, tooltip=tooltip, icon=icon, layout=widgets.Layout(width="auto"))


class OrderExercise(widgets.VBox):
    """Exercise 1: put the backlog in your own order and compare it with WSJF and the best.

    Parameters
    ----------
    backlog : pandas.DataFrame, optional
        Defaults to :func:`~exercises.sequencing.model.load_backlog`.
    horizon : int
        Weeks counted, at the start.
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.display.LiveChart`).

    Attributes the tests drive: ``items`` (the order), ``up``/``down``/``top`` buttons,
    ``start_from``, ``typed`` and ``use_typed``, ``horizon``, ``reveal``; read ``summary``,
    ``problems``, ``answer`` and ``chart.spec``.
    """

    def __init__(self, backlog: pd.DataFrame | None = None, horizon: int = model.DEFAULT_HORIZON,
                 mode: str | None = None):
        self.backlog = model.load_backlog() if backlog is None else backlog
        self._labels = {row.id: (f"{row.id} · {row.name} ({row.kind}, {row.effort_weeks} wk, "
                                 f"{row.value_per_week:g} k€/wk)") for row in self.backlog.itertuples()}
        self._references: dict[int, dict[str, list[str]]] = {}
        self.start_from = widgets.Dropdown(
            options=["Backlog as listed", *[s for s in model.STRATEGIES if s != "Best possible"]],
            value=_START, description="Start from", style=_LABEL,
            layout=widgets.Layout(width="26em"))
        self.items = widgets.Select(description="Your order", rows=len(self.backlog),
                                    style=_LABEL, layout=widgets.Layout(width="38em"))
        self.up = _button("Move up", "Move the selected initiative up", icon="arrow-up")
        self.down = _button("Move down", "Move the selected initiative down", icon="arrow-down")
        self.top = _button("Move to top", "Move the selected initiative to the top")
        self.typed = widgets.Text(description="Or type ids", placeholder="e.g. S1, G1, F1, …",
                                  style=_LABEL, layout=widgets.Layout(width="38em"))
        self.use_typed = _button("Use typed order", "Replace your order with the typed one")
        self.horizon = widgets.IntSlider(value=int(horizon), min=4, max=104, step=1, description="Horizon (weeks)",
                                         style=_LABEL, continuous_update=False,
                                         layout=widgets.Layout(width="38em"))
        self.reveal = widgets.Checkbox(value=False, description="Show the best order", indent=False)
        self.summary, self.problems, self.answer = _html(), _html(), _html()
        self._order = model.strategy_order(self.backlog, _START, self.horizon.value)
        self.chart = LiveChart(chart.value_curves_chart(self._curves(self._order)), mode=mode)

        self.start_from.observe(self._on_start, names="value")
        self.horizon.observe(lambda _: self.refresh(), names="value")
        self.reveal.observe(lambda _: self.refresh(), names="value")
        self.up.on_click(lambda _: self._move(-1))
        self.down.on_click(lambda _: self._move(+1))
        self.top.on_click(lambda _: self._move(None))
        self.use_typed.on_click(self._on_typed)
        super().__init__(children=[
            self.start_from, self.items, widgets.HBox([self.up, self.down, self.top]),
            widgets.HBox([self.typed, self.use_typed]), self.horizon, self.summary, self.problems,
            self.chart.widget, self.reveal, self.answer,
        ], layout=widgets.Layout(width="100%"))
        self._show_order()
        self.refresh()

    # ---------------------------------------------------------------- learner actions

    @property
    def order(self) -> list[str]:
        """The learner's current order, as ids."""
        return list(self._order)

    def set_order(self, order: list[str]) -> None:
        """Replace the learner's order (a permutation of the backlog ids) and refresh."""
        self._order = list(order)
        self._show_order()
        self.refresh()

    def _on_start(self, change) -> None:
        if change["new"] == "Backlog as listed":
            self.set_order(list(self.backlog["id"]))
        else:
            self.set_order(model.strategy_order(self.backlog, change["new"], self.horizon.value))

    def _move(self, step: int | None) -> None:
        selected = self.items.value
        if selected not in self._order:
            self.problems.value = "<p>Click an initiative in the list first, then move it.</p>"
            return
        i = self._order.index(selected)
        j = 0 if step is None else min(max(i + step, 0), len(self._order) - 1)
        self._order.insert(j, self._order.pop(i))
        self._show_order()
        self.items.value = selected
        self.refresh()

    def _on_typed(self, _=None) -> None:
        typed = model.parse_order(self.typed.value)
        if not typed:
            self.problems.value = "<p>Type the ids of all initiatives, separated by commas, then press the button.</p>"
            return
        if len(typed) > 2 * len(self.backlog):
            self.problems.value = (f"<p>That is {len(typed)} ids; the backlog has {len(self.backlog)}. "
                                   "Type each id once.</p>")
            return
        # A typed order may break a dependency: it is used, and the break shown, as for moves.
        problems = model.order_problems(self.backlog, typed, dependencies=False)
        if problems:
            self.problems.value = self._problem_list("The typed order was not used:", problems)
            return
        self.set_order(model.canonical_order(self.backlog, typed))

    # ---------------------------------------------------------------- what the learner sees

    def _show_order(self) -> None:
        self.items.options = [(f"{n}. {self._labels[i]}", i) for n, i in enumerate(self._order, start=1)]

    def _reference(self, horizon: int) -> dict[str, list[str]]:
        if horizon not in self._references:
            self._references[horizon] = {"WSJF (CD3)": model.wsjf_order(self.backlog),
                                         "Best possible": model.best_order(self.backlog, horizon)}
        return self._references[horizon]

    def _curves(self, order: list[str] | None) -> pd.DataFrame:
        horizon = int(self.horizon.value)
        orders = ({"Your order": order} if order is not None else {}) | self._reference(horizon)
        return model.value_curves(self.backlog, orders, horizon)

    def refresh(self) -> None:
        """Recompute the model for the current order and horizon and redraw everything."""
        horizon = int(self.horizon.value)
        problems = model.order_problems(self.backlog, self._order)
        curves = self._curves(None if problems else self._order)
        self.chart.update(curves)
        final = curves[curves["week"] == horizon].set_index("strategy")
        best, wsjf = final.loc["Best possible", "cumulative_value"], final.loc["WSJF (CD3)", "cumulative_value"]
        lines = [f"By week {horizon} the best possible order earns <b>{best:,.1f} k€</b>; "
                 f"WSJF earns {wsjf:,.1f} k€ ({_share(wsjf, best)} of the best)."]
        if problems:
            self.problems.value = self._problem_list("Your order cannot be scheduled yet:", problems)
        else:
            yours = final.loc["Your order", "cumulative_value"]
            lines.insert(0, f"Your order earns <b>{yours:,.1f} k€</b> by week {horizon}: "
                            f"<b>{_share(yours, best)}</b> of the best possible.")
            self.problems.value = ""
        self.summary.value = "<p>" + "<br>".join(lines) + "</p>"
        if self.reveal.value:
            best_order = self._reference(horizon)["Best possible"]
            self.answer.value = ("<p>Best order for this horizon: " +
                                 " → ".join(safe_text(self._labels[i].split(" (")[0]) for i in best_order) + "</p>")
        else:
            self.answer.value = ""

    @staticmethod
    def _problem_list(heading: str, problems: list[str]) -> str:
        shown = problems[:6]
        more = f"<li>…and {len(problems) - 6} more.</li>" if len(problems) > 6 else ""
        items = "".join(f"<li>{safe_text(p)}</li>" for p in shown)
        return f'<div role="alert" style="color:#A0301C"><p>{safe_text(heading)}</p><ul>{items}{more}</ul></div>'


class AllocationExercise(widgets.VBox):
    """Exercise 2: split the team's capacity across the four kinds of work.

    Four sliders that always sum to 100 %; moving one rescales the others. The chart compares
    your split with equal quarters (and, when revealed, the leader's split).

    Parameters
    ----------
    returns : pandas.DataFrame, optional
        Defaults to :func:`~exercises.sequencing.model.load_returns`.
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.display.LiveChart`).
    """

    def __init__(self, returns: pd.DataFrame | None = None, mode: str | None = None):
        self.returns = model.load_returns() if returns is None else returns
        self._equal = model.equal_allocation(self.returns)
        self._leader = model.leader_allocation(self.returns)
        self._busy = False
        self.sliders = [widgets.FloatSlider(value=share, min=0, max=100, step=1, readout_format=".0f",
                                            description=f"{kind.capitalize()} (%)", continuous_update=False,
                                            style=_LABEL, layout=widgets.Layout(width="32em"))
                        for kind, share in zip(model.KINDS, self._equal)]
        self.reset = _button("Back to equal quarters", "Give each kind of work 25 %")
        self.reveal = widgets.Checkbox(value=False, description="Show the leader's split", indent=False)
        self.summary = _html()
        self.chart = LiveChart(chart.allocation_chart(self._table()), mode=mode)
        for index, slider in enumerate(self.sliders):
            slider.observe(lambda change, i=index: self._on_slide(i, change), names="value")
        self.reset.on_click(lambda _: self.set_allocation(self._equal))
        self.reveal.observe(lambda _: self.refresh(), names="value")
        super().__init__(children=[*self.sliders, self.reset, self.summary, self.chart.widget, self.reveal],
                         layout=widgets.Layout(width="100%"))
        self.refresh()

    @property
    def allocation(self) -> np.ndarray:
        """The learner's current shares, in :data:`~exercises.sequencing.model.KINDS` order."""
        return np.array([s.value for s in self.sliders], dtype=float)

    def set_allocation(self, shares, keep: int | None = None) -> None:
        """Set all four shares at once: rescaled to sum to 100; negative or non-finite shares count as 0.

        ``keep`` is the slider the learner is moving: it is not written back, so rounding can
        never jump its handle while it is being dragged.
        """
        shares = np.asarray(shares, dtype=float)
        shares = np.where(np.isfinite(shares) & (shares > 0), shares, 0.0)
        top = shares.max()
        shares = 100 * (shares / top) / (shares / top).sum() if top > 0 else self._equal
        self._busy = True
        try:
            for index, (slider, share) in enumerate(zip(self.sliders, shares)):
                if index != keep:
                    slider.value = float(share)
        finally:
            self._busy = False
        self.refresh()

    def _on_slide(self, index: int, change) -> None:
        if self._busy:
            return
        before = self.allocation
        before[index] = change["old"]
        self.set_allocation(model.rebalance(before, index, change["new"]), keep=index)

    def _table(self) -> pd.DataFrame:
        rows = {"Your split": self.allocation, "Equal quarters": self._equal}
        if self.reveal.value:
            rows["Leader's split"] = self._leader
        frames = []
        for label, shares in rows.items():
            returns = model.allocation_returns(self.returns, shares)
            frames.append(pd.DataFrame({"allocation": label, "kind": list(model.KINDS), "share": shares,
                                        "weekly_return": returns.to_numpy(), "total_return": returns.sum()}))
        return pd.concat(frames, ignore_index=True)

    def refresh(self) -> None:
        """Recompute returns for the current split and redraw."""
        table = self._table()
        self.chart.update(table)
        best = model.allocation_returns(self.returns, self._leader).sum()
        yours = table.loc[table["allocation"] == "Your split", "total_return"].iloc[0]
        marginal = model.marginal_returns(self.returns, self.allocation)
        top, low = marginal.idxmax(), marginal.idxmin()
        hint = ("All four kinds now return about the same for one more per cent: that is the best split."
                if marginal.max() - marginal.min() < 0.02 else
                f"One more per cent of capacity returns {marginal[top]:.2f} k€ a week in {top} work but only "
                f"{marginal[low]:.2f} in {low} work: moving capacity from {low} to {top} earns more.")
        self.summary.value = (f"<p>Your split earns <b>{yours:,.1f} k€ a week</b>: <b>{_share(yours, best)}</b> "
                              f"of the best split.<br>{safe_text(hint)}</p>")


def _share(value: float, best: float) -> str:
    return f"{value / best:.0%}" if best > 0 else "all"
