"""Influence and buy-in: live exercises on :mod:`exercises.kit.live`, each paired with its static face."""

from __future__ import annotations

import functools

import ipywidgets as widgets
import pandas as pd

from ..kit.live import Action, Exercise, LiveExercise
from ..kit.controls import button, dropdown, slider, text_box
from ..kit.quiz import Choice, Label, Quiz
from ..kit.text import safe_text
from . import chart, model

__all__ = ["EXERCISES", "ROWS", "CascadeExercise", "ObstacleExercise", "cascade", "check", "obstacles"]

#: Rows of obstacle and owner boxes the live obstacles exercise offers.
ROWS = 6
#: The value of a "first conversation" menu with nobody chosen.
NOBODY = ""


@functools.lru_cache(maxsize=1)
def _book_data() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The chapter's leaders, network and greedy-against-best table, computed once per kernel."""
    leaders = model.load_leaders()
    network = model.load_network(leaders=leaders)
    return leaders, network, model.greedy_gap(leaders, network)


def _names(leaders: pd.DataFrame, ids) -> str:
    names = dict(zip(leaders["id"], leaders["name"]))
    return ", ".join(names[who] for who in ids)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class CascadeExercise(LiveExercise):
    """Exercise 1: choose up to three first conversations and watch buy-in spread, round by round.

    Three menus choose whom you talk to first; the round slider (or *Next round*) steps
    through the cascade. The summary compares your choice with the greedy choice and the
    exact best choice of as many people :cite:p:`kempe2003`.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).

    Attributes the tests drive: ``menus`` (three dropdowns), ``round``, ``next_round``,
    ``first_round``; read ``summary``, ``notice``, :attr:`seeds` and :meth:`result`.
    """

    def __init__(self, mode: str | None = None):
        self.leaders, self.network, self.gap = _book_data()
        self._labels = dict(zip(self.leaders["id"], self.leaders["name"]))
        options = [("Nobody", NOBODY), *((f"{r.name} ({r.role})", r.id) for r in self.leaders.itertuples())]
        start = ["ceo" if "ceo" in self._labels else self.leaders["id"].iloc[0]] + [NOBODY] * (chart.MENUS - 1)
        self.menus = [dropdown(f"First conversation {k}", options, value, width="30em")
                      for k, value in enumerate(start, start=1)]
        self.round = slider("Show round", len(self.leaders), 0, len(self.leaders))
        self.first_round = button("Round 0", "Go back to before anyone talks to anyone else")
        self.next_round = button("Next round", "Show the next round of the cascade", icon="step-forward")
        super().__init__(controls=[*self.menus, widgets.HBox([self.round, self.first_round, self.next_round])],
                         chart=chart.cascade_chart(self._frame(self.compute())), mode=mode)
        self.watch(*self.menus, self.round)
        self.on_click(self.first_round, lambda: setattr(self.round, "value", 0))
        self.on_click(self.next_round, self._next)
        self.refresh()

    # ---------------------------------------------------------------- the learner's choice

    @property
    def seeds(self) -> tuple[str, ...]:
        """The leaders chosen for a first conversation (ids, each once, in the menus' order)."""
        return tuple(dict.fromkeys(m.value for m in self.menus if m.value != NOBODY))

    def choose(self, seeds) -> None:
        """Set the menus to ``seeds`` (ids; unknown ids and those beyond three are refused with a message)."""
        def apply():
            seeds_ = [str(s) for s in seeds]
            unknown = [s for s in seeds_ if s not in self._labels]
            if unknown or len(seeds_) > chart.MENUS:
                self.tell(f"Choose at most {chart.MENUS} leaders of the company"
                          + (f"; not a leader: {', '.join(unknown)}." if unknown else "."))
                return
            for menu, who in zip(self.menus, [*seeds_, *[NOBODY] * chart.MENUS]):
                menu.value = who
            self.tell()
        self.run(apply)

    def compute(self) -> pd.DataFrame:
        """The cascade from the current first conversations (see :func:`~exercises.influence.model.cascade`)."""
        return model.cascade(self.leaders, self.network, self.seeds)

    def _last_round(self, frame: pd.DataFrame) -> int:
        return int(frame["step"].max())

    def _next(self) -> None:
        last = self._last_round(self.compute())
        if self.round.value >= last:
            self.tell(f"The cascade stopped after round {last}: nobody else joins.")
            self.round.value = last
        else:
            self.round.value = self.round.value + 1
            self.tell()

    def _frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        shown = min(int(self.round.value), self._last_round(frame))
        return frame.assign(status=model.round_status(frame, shown), shown=shown)[
            ["id", "name", "role", "power", "interest", "seed", "step", "status", "shown"]]

    # ---------------------------------------------------------------- what the learner sees

    def update(self) -> None:
        """Run the cascade from the chosen leaders, show the round asked for, compare with greedy and best."""
        frame = self.compute()
        self.chart.update(self._frame(frame))
        seeds, total, last = self.seeds, len(frame), self._last_round(frame)
        reach = int(frame["joined"].sum())
        shown = min(int(self.round.value), last)
        rounds = "round" if last == 1 else "rounds"
        if not seeds:
            said = (f"Nobody talked to yet: <b>{reach} of {total}</b> on board, those already for. "
                    "Choose a first conversation in the menus.")
        else:
            said = (f"You talk first to {safe_text(_names(self.leaders, seeds))}: <b>{reach} of {total}</b> on board "
                    f"after {last} {rounds}.")
            row = self.gap[self.gap["k"] == len(seeds)].iloc[0]
            said += (f"<br>Greedy with {row.k}: {safe_text(_names(self.leaders, row.greedy))} → {row.greedy_reach} "
                     f"on board. The best {row.k}: {safe_text(_names(self.leaders, row.best))} → {row.best_reach}.")
        joined = frame.loc[frame["step"] == shown, "name"].tolist() if shown else []
        on_board = int(((frame["step"] >= 0) & (frame["step"] <= shown)).sum())
        step = (f"Round {shown}: {safe_text(_and(joined))} join{'s' if len(joined) == 1 else ''}; {on_board} on board."
                if joined else f"Round 0: {on_board} on board before anyone talks to anyone else.")
        self.summary.value = f"<p>{said}<br>{step}</p>"
        used = sum(m.value != NOBODY for m in self.menus)
        self.show_problems("Check your choice:", [
            "You chose the same person twice: that is one conversation, not two."] if used > len(seeds) else [])

    def answer(self) -> dict | None:
        """The choice for workshop mode: ``seeds`` (ids, in the menus' order), the ``reach`` (leaders
        on board in the end) of ``leaders``, and what greedy and the best choice of as many reach;
        None while nobody is chosen."""
        seeds = self.seeds
        if not seeds:
            return None
        row = self.gap[self.gap["k"] == len(seeds)].iloc[0]
        return {"seeds": list(seeds), "reach": int(self.compute()["joined"].sum()), "leaders": len(self.leaders),
                "greedy_reach": int(row.greedy_reach), "best_reach": int(row.best_reach), "best": list(row.best)}

    def actions(self) -> list[Action]:
        ids = [NOBODY, *self.leaders["id"]]

        def choose(rng):
            rng.choice(self.menus).value = rng.choice(ids)

        def step(rng):
            self.next_round.click()

        def back(rng):
            self.first_round.click()

        def scrub(rng):
            self.round.value = rng.randint(self.round.min, self.round.max)

        def typed(rng):  # a facilitator's call from code, with ids that may be wrong
            self.choose(rng.sample([*self.leaders["id"], "<b>x</b>", "", "CEO"], rng.randint(0, 4)))

        return [Action("choose a first conversation", choose), Action("next round", step),
                Action("back to round 0", back), Action("move the round slider", scrub),
                Action("set the choice from code", typed)]


class ObstacleExercise(LiveExercise):
    """Exercise 2: list the obstacles to a change of your own and who owns each; get a plan.

    Each row has an obstacle box and an owner box (free text, read with
    :func:`exercises.kit.text.read_text`). The exercise groups the obstacles by owner, most
    first, and drafts the first conversation to have with each
    (:func:`~exercises.influence.model.plan_conversations`); :meth:`answers` keeps the plan.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).

    Attributes the tests drive: ``obstacles`` and ``owners`` (text boxes), ``worked``,
    ``clear``; read ``summary``, ``problems``, ``solution`` and :meth:`answers`.
    """

    def __init__(self, mode: str | None = None):
        self.obstacles = [text_box(f"Obstacle {k}", "What stands in the way?", width="34em")
                          for k in range(1, ROWS + 1)]
        self.owners = [text_box("Owned by", "Who could remove it?", width="22em") for _ in range(ROWS)]
        self.worked = button("Use the worked example", "Fill the rows with the chapter's platform change")
        self.clear = button("Clear", "Empty every row")
        self._plan, _ = model.plan_conversations([])
        super().__init__(controls=[*(widgets.HBox([o, w]) for o, w in zip(self.obstacles, self.owners)),
                                   widgets.HBox([self.worked, self.clear])],
                         chart=chart.obstacle_chart(self._plan[["order", "owner", "count"]]), mode=mode)
        self.watch(*self.obstacles, *self.owners)
        self.on_click(self.worked, lambda: self.fill(model.WORKED_OBSTACLES))
        self.on_click(self.clear, lambda: self.fill([]))
        self.refresh()

    @property
    def entries(self) -> list[tuple[str, str]]:
        """What the rows hold, raw: one ``(obstacle, owner)`` per row."""
        return [(o.value, w.value) for o, w in zip(self.obstacles, self.owners)]

    def fill(self, entries) -> None:
        """Write ``entries`` (pairs of obstacle and owner) into the rows; the rest are emptied."""
        entries = list(entries)[:ROWS]
        for k, (o, w) in enumerate(zip(self.obstacles, self.owners)):
            o.value, w.value = (str(entries[k][0]), str(entries[k][1])) if k < len(entries) else ("", "")

    def answers(self) -> pd.DataFrame:
        """The plan kept by the exercise: one row per owner (see :func:`~exercises.influence.model.plan_conversations`)."""
        return self._plan.copy()

    def update(self) -> None:
        """Group what the rows hold by owner, draw it, and draft the conversations."""
        self._plan, problems = model.plan_conversations(self.entries)
        plan = self._plan
        self.chart.update(plan[["order", "owner", "count"]])
        self.show_problems("Some rows need a second look:", problems)
        if plan.empty:
            self.summary.value = ("<p>0 obstacles listed so far. Write an obstacle and who owns it in a row "
                                  "above (press Enter or leave the box).</p>")
            self.solution.value = ""
            return
        count, first = int(plan["count"].sum()), plan.iloc[0]
        self.summary.value = (f"<p><b>{count} obstacle{'s' if count != 1 else ''}</b> with {len(plan)} "
                              f"owner{'s' if len(plan) != 1 else ''}. Talk first to <b>{safe_text(first.owner)}</b>: "
                              f"they own {first['count']}.</p>")
        self.solution.value = "<p><b>Your first conversations</b></p><ol>" + "".join(
            f"<li><b>{safe_text(r.owner)}</b> ({r.count}): {safe_text(r.conversation, max_chars=1500)}</li>"
            for r in plan.itertuples()) + "</ol>"

    def answer(self) -> dict | None:
        """The plan for workshop mode: each owner with the ``obstacles`` they own, most first, and
        the totals; None while no row holds an obstacle and its owner."""
        plan = self._plan
        if plan.empty:
            return None
        return {"owners": [{"owner": r.owner, "obstacles": [str(o) for o in r.obstacles]} for r in plan.itertuples()],
                "count": int(plan["count"].sum())}

    def actions(self) -> list[Action]:
        samples = ["", "   ", "<b>bold</b><script>alert(1)</script>", "x" * 5000, "Opérations 🙂", "\x00\x07 \u202e",
                   "Operations", "  operations ", "Budgets are approved per project", "<img src=x onerror=alert(1)>"]

        def write(rng):
            rng.choice(self.obstacles + self.owners).value = rng.choice(samples)

        def worked(rng):
            self.worked.click()

        def clear(rng):
            self.clear.click()

        return [Action("write an obstacle or an owner", write), Action("use the worked example", worked),
                Action("clear every row", clear)]


def _cascade_face():
    leaders, network, gap = _book_data()
    return chart.cascade_explorer(leaders, model.outcome_grid(leaders, network), gap)


def _obstacle_face():
    plan, _ = model.plan_conversations(model.WORKED_OBSTACLES)
    return chart.obstacle_explorer(plan)


#: Exercise 1, both faces: the live menus and rounds, or the explorer over every choice on the page.
cascade = Exercise("cascade", CascadeExercise, _cascade_face)
#: Exercise 2, both faces: the learner's own obstacles live, or the worked plan on the page.
obstacles = Exercise("obstacles", ObstacleExercise, _obstacle_face)
#: Every exercise of the chapter, for the benchmark and the contract test.
EXERCISES = (cascade, obstacles)

#: The leaders the check asks a reader to place on the grid.
CHECK_LEADERS = ("dev", "ceo", "mi", "qa")


def check() -> Quiz:
    """A short check of the chapter's lesson; its answers come from the model, not from prose."""
    leaders, network, gap = _book_data()
    names = dict(zip(leaders["id"], leaders["name"]))
    one = [who for who in ("ceo", "ops", "sal", "mi") if who in names]
    best_one = max(one, key=lambda who: model.spread(leaders, network, [who]))
    two = gap[gap["k"] == 2].iloc[0]
    placed = leaders[leaders["id"].isin(CHECK_LEADERS)].assign(
        item=lambda f: [f"{r.name}, {r.role} (power {r.power:g}, interest {r.interest:g})" for r in f.itertuples()],
        box=lambda f: [model.quadrant(r.power, r.interest) for r in f.itertuples()])
    return Quiz("influence-check", "Check your understanding", [
        Choice("You have time for one first conversation. Whom do you talk to, to bring the most leaders on board?",
               [f"{names[who]} ({leaders.set_index('id').loc[who, 'role']})" for who in one],
               correct=[one.index(best_one)],
               explain=f"{names[best_one]} reaches {model.spread(leaders, network, [best_one])}; the chief executive "
                       f"reaches {model.spread(leaders, network, ['ceo'])}. Power is not the same as being listened "
                       "to by the people who own the obstacles."),
        Choice(f"Greedy picks two first conversations one at a time, {_and([names[w] for w in two.greedy])}, and "
               f"reaches {two.greedy_reach}. What does the best pair reach?",
               [f"{two.greedy_reach}: greedy is always the best.",
                f"{two.best_reach}: {_and([names[w] for w in two.best])}, who unlock together what neither unlocks "
                "alone.", f"{len(leaders)}: everyone, with any two."],
               correct=[1 if two.best_reach > two.greedy_reach else 0],
               explain="With fixed thresholds, two people can tip someone together whom neither tips alone; "
                       "greedy, which looks one person ahead, cannot see that."),
        Choice("Which of these does the chapter support?",
               ["Training your product managers is enough to change how the company works.",
                "Kempe, Kleinberg and Tardos showed greedy reaches at least 63 % of the best when thresholds are "
                "random.",
                "The most powerful leader is always the best first conversation.",
                "An obstacle is removed by the person who owns it, so the plan is a list of conversations."],
               correct=[1, 3], multiple=True,
               explain="The product managers do not own market intelligence, operations, supply chain or "
                       "development; the leaders who do must change too."),
        Label.from_frame("In which box of the power–interest grid does each leader fall?", placed, "item", "box",
                         labels=list(model.QUADRANTS.values()),
                         explain="High power and high interest: manage closely. High power only: keep satisfied. "
                                 "High interest only: keep informed. Neither: monitor."),
    ])
