"""Influence and buy-in: live exercises on :mod:`exercises.kit.live`, each paired with its static face.

Each exercise's inputs are declared in the model (:data:`~exercises.influence.model.CASCADE_INPUTS`,
:data:`~exercises.influence.model.OBSTACLE_INPUTS`); each change asks the model once
(:func:`~exercises.influence.model.cascade_result`, :func:`~exercises.influence.model.obstacle_result`)
and the panes, the chart and :meth:`answer` read that one result.
"""

from __future__ import annotations

import functools

import ipywidgets as widgets
import pandas as pd

from ..kit.controls import button
from ..kit.display import markdown
from ..kit.live import Action, Exercise, LiveExercise
from ..kit.quiz import Choice, Label, Quiz
from ..kit.text import safe_text
from . import chart, model

__all__ = ["EXERCISES", "ROWS", "CascadeExercise", "ObstacleExercise", "cascade", "check", "numbers_table", "obstacles",
           "story", "story_markdown"]

#: Rows of obstacle and owner boxes the live obstacles exercise offers.
ROWS = model.ROWS
#: The value of a "first conversation" menu with nobody chosen.
NOBODY = model.NOBODY


@functools.lru_cache(maxsize=1)
def _book_data() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The chapter's leaders, network and greedy-against-best table, computed once per kernel."""
    leaders = model.load_leaders()
    network = model.load_network(leaders=leaders)
    return leaders, network, model.greedy_gap(leaders, network)


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

    Greedy's and the best choice are said once the menus differ from their defaults or
    ``show_best`` is ticked (no spoiler before an attempt).

    Attributes the tests drive: ``menus`` (the three declared menus), ``round``, ``show_best``,
    ``next_round``, ``first_round``; read ``summary``, ``notice``, :attr:`seeds` and :attr:`result`.
    """

    INPUTS = model.CASCADE_INPUTS

    def __init__(self, mode: str | None = None):
        self.leaders, self.network, self.gap = _book_data()
        self._ids = set(self.leaders["id"])
        self.build_inputs()
        self.menus = [self.inputs[spec.name] for spec in self.INPUTS[:model.MENUS]]
        self.round = self.inputs[model.ROUND.name]
        self.show_best = self.inputs[model.SHOW_BEST.name]
        self.first_round = button("Round 0", "Go back to before anyone talks to anyone else")
        self.next_round = button("Next round", "Show the next round of the cascade", icon="step-forward")
        super().__init__(controls=[widgets.HBox([self.first_round, self.next_round])],
                         chart=chart.cascade_chart(self.compute()["chart"]), mode=mode)
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
            unknown = [s for s in seeds_ if s not in self._ids]
            if unknown or len(seeds_) > model.MENUS:
                self.tell(f"Choose at most {model.MENUS} leaders of the company"
                          + (f"; not a leader: {', '.join(unknown)}." if unknown else "."))
                return
            for menu, who in zip(self.menus, [*seeds_, *[NOBODY] * model.MENUS]):
                menu.value = who
            self.tell()
        self.run(apply)

    def compute(self) -> dict:
        """Ask the model once about the menus and the round (:func:`~exercises.influence.model.cascade_result`)."""
        return model.cascade_result(self.leaders, self.network, self.gap, [m.value for m in self.menus],
                                    self.round.value, self.show_best.value)

    def _next(self) -> None:
        last = self.result["rounds"]
        if self.round.value >= last:
            self.tell(f"The cascade stopped after round {last}: nobody else joins.")
            self.round.value = last
        else:
            self.round.value = self.round.value + 1
            self.tell()

    # ---------------------------------------------------------------- what the learner sees

    def show(self, result: dict) -> None:
        """Draw the round asked for and say, in the model's words, how far the choice reaches."""
        self.chart.update(result["chart"])
        first, *rest = result["words"]
        self.summary.value = ("<p>" + "<br>".join([f"<b>{safe_text(first)}</b>", *map(safe_text, rest),
                                                    safe_text(result["round_words"])]) + "</p>")
        self.show_problems("Check your choice:", [model.REPEAT_WORDS] if result["repeat"] else [])

    def answer(self) -> dict | None:
        """The choice for workshop mode: ``seeds`` (ids, in the menus' order), the ``reach`` (leaders
        on board in the end) of ``leaders``, and what greedy and the best choice of as many reach
        (``best``: the best choice's ids), and whether they were shown (``revealed``); None while
        nobody is chosen. Read from :attr:`result`."""
        result = self.result
        if result is None or not result["seeds"]:
            return None
        return {"seeds": list(result["seeds"]), "reach": int(result["reach"]), "leaders": int(result["total"]),
                "greedy_reach": int(result["greedy_reach"]), "best_reach": int(result["best_reach"]),
                "best": list(result["best_ids"]), "revealed": result["best_verdict"] == "shown"}

    def actions(self) -> list[Action]:
        def step(rng):
            self.next_round.click()

        def back(rng):
            self.first_round.click()

        def typed(rng):  # a facilitator's call from code, with ids that may be wrong
            self.choose(rng.sample([*self.leaders["id"], "<b>x</b>", "", "CEO"], rng.randint(0, 4)))

        def none(rng):  # a value no menu offers, from code
            rng.choice(self.menus).value = None

        return super().actions() + [Action("next round", step), Action("back to round 0", back),
                                    Action("set the choice from code", typed), Action("set a menu to None", none)]


class ObstacleExercise(LiveExercise):
    """Exercise 2: list the obstacles to a change of your own and who owns each; get a plan.

    Each row has an obstacle box and an owner box (declared in the model,
    :data:`~exercises.influence.model.OBSTACLE_INPUTS`, read with
    :func:`exercises.kit.text.read_text`). The exercise groups the obstacles by owner, most
    first, and drafts the first conversation to have with each
    (:func:`~exercises.influence.model.obstacle_result`); :meth:`answers` keeps the plan.

    Parameters
    ----------
    mode : {"live", "static"}, optional
        Chart face (see :class:`~exercises.kit.live.LiveChart`).

    Attributes the tests drive: ``obstacles`` and ``owners`` (text boxes), ``worked``,
    ``clear``; read ``summary``, ``problems``, ``solution`` and :meth:`answers`.
    """

    INPUTS = model.OBSTACLE_INPUTS

    def __init__(self, mode: str | None = None):
        self.build_inputs()
        self.obstacles = [self.inputs[f"obstacle_{k}"] for k in range(1, ROWS + 1)]
        self.owners = [self.inputs[f"owner_{k}"] for k in range(1, ROWS + 1)]
        for box in self.obstacles:
            box.layout.width = "34em"
        for box in self.owners:
            box.layout.width = "22em"
        self.worked = button("Use the worked example", "Fill the rows with the chapter's platform change")
        self.clear = button("Clear", "Empty every row")
        self.conversation = self.inputs[model.CONVERSATION.name]
        super().__init__(controls=[widgets.HBox([self.worked, self.clear])],
                         chart=chart.obstacle_chart(self._bars(self.compute())), mode=mode)
        # an obstacle and its owner side by side, row by row
        rows = [widgets.HBox([o, w]) for o, w in zip(self.obstacles, self.owners)]
        self.children = [*rows, *[c for c in self.children if c not in self.obstacles + self.owners]]
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
        return self.result["plan"].copy()

    def compute(self) -> dict:
        """Ask the model once about what the rows hold (:func:`~exercises.influence.model.obstacle_result`)."""
        return model.obstacle_result(self.entries, self.conversation.value)

    @staticmethod
    def _bars(result: dict) -> pd.DataFrame:
        plan = result["plan"]
        return plan[["order", "owner", "count"]].assign(chosen=plan["order"] == result["conversation"])

    def show(self, result: dict) -> None:
        """Draw who owns what, say it in the model's words with the conversation chosen, and list
        every drafted conversation."""
        plan = result["plan"]
        self.chart.update(self._bars(result))
        self.show_problems("Some rows need a second look:", result["problems"])
        card = "".join(f"<br>{safe_text(line, max_chars=4000)}" for line in result["card"])
        self.summary.value = f"<p>{safe_text(result['words'])}</p>" + (f"<p>{card[4:]}</p>" if card else "")
        self.solution.value = "" if plan.empty else "<p><b>Your first conversations</b></p><ol>" + "".join(
            f"<li><b>{safe_text(r.owner)}</b> ({r.count}): {safe_text(r.conversation, max_chars=4000)}</li>"
            for r in plan.itertuples()) + "</ol>"

    def answer(self) -> dict | None:
        """The plan for workshop mode: each owner with the ``obstacles`` they own, most first, and
        the totals; None while no row holds an obstacle and its owner. Read from :attr:`result`."""
        plan = None if self.result is None else self.result["plan"]
        if plan is None or plan.empty:
            return None
        return {"owners": [{"owner": r.owner, "obstacles": [str(o) for o in r.obstacles]} for r in plan.itertuples()],
                "count": int(self.result["count"])}

    def actions(self) -> list[Action]:
        samples = ["", "   ", "<b>bold</b><script>alert(1)</script>", "x" * 5000, "Opérations 🙂", "\x00\x07 \u202e",
                   "Operations", "  operations ", "Budgets are approved per project", "<img src=x onerror=alert(1)>",
                   "Sara\u2028Legal"]

        def write(rng):
            rng.choice(self.obstacles + self.owners).value = rng.choice(samples)

        def worked(rng):
            self.worked.click()

        def clear(rng):
            self.clear.click()

        return super().actions() + [Action("write an obstacle or an owner", write),
                                    Action("use the worked example", worked), Action("clear every row", clear)]


def _cascade_face():
    leaders, network, gap = _book_data()
    return chart.cascade_explorer(leaders, model.choice_outcomes(leaders, network), gap, network)


def _obstacle_face():
    return chart.obstacle_explorer(_book_data()[0])


#: Exercise 1, both faces: the live menus and rounds, or the explorer over every choice on the page.
cascade = Exercise("cascade", CascadeExercise, _cascade_face)
#: Exercise 2, both faces: the learner's own obstacles, live or read in the page.
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
                       "to by the people who own the obstacles.",
               reasons=[f"{names[who]} brings {model.spread(leaders, network, [who])} of {len(leaders)} leaders "
                        "on board" + (", more than any other first conversation here." if who == best_one
                                      else "; another first conversation brings more.") for who in one]),
        Choice(f"Greedy picks two first conversations one at a time, {_and([names[w] for w in two.greedy])}, and "
               f"reaches {two.greedy_reach}. What does the best pair reach?",
               [f"{two.greedy_reach}: greedy is always the best.",
                f"{two.best_reach}: a pair greedy does not find, who unlock together what neither unlocks alone.",
                f"{len(leaders)}: everyone, with any two."],
               correct=[1 if two.best_reach > two.greedy_reach else 0],
               explain=f"The best pair is {_and([names[w] for w in two.best])}. With fixed thresholds, two people "
                       "can tip someone together whom neither tips alone; greedy, which looks one person ahead, "
                       "cannot see that.",
               reasons=[("Greedy looks one person ahead at a time, and some pair does better than the pair it "
                         "picks." if two.best_reach > two.greedy_reach else
                         "Here no pair does better than the pair greedy picks."),
                        (f"Together they tip leaders neither tips alone, and reach {two.best_reach}."
                         if two.best_reach > two.greedy_reach else "No pair reaches more than greedy's pair here."),
                        ("Not with any two: even the best pair leaves some leaders unpersuaded."
                         if two.best_reach < len(leaders) else "Not with any two: greedy's pair falls short.")]),
        Choice("Which of these does the chapter support?",
               ["Training your product managers is enough to change how the company works.",
                "Kempe, Kleinberg and Tardos showed greedy reaches at least 63 % of the best when thresholds are "
                "random.",
                "The most powerful leader is always the best first conversation.",
                "An obstacle is removed by the person who owns it, so the plan is a list of conversations."],
               correct=[1, 3], multiple=True,
               explain="The product managers do not own market intelligence, operations, supply chain or "
                       "development; the leaders who do must change too.",
               reasons=["The product managers do not own the obstacles; the leaders who own them have to change "
                        "how they work too.",
                        "Yes: when thresholds are random, greedy reaches at least 1 − 1/e, about 63 %, of what the "
                        "best set reaches.",
                        "Power is not reach: what counts is who listens to you among the people who own the "
                        "obstacles.",
                        "Yes: each obstacle has an owner, so the plan is whom to talk to, and in what order."]),
        Label.from_frame("In which box of the power–interest grid does each leader fall?", placed, "item", "box",
                         labels=list(model.QUADRANTS.values()),
                         explain="High power and high interest: manage closely. High power only: keep satisfied. "
                                 "High interest only: keep informed. Neither: monitor."),
    ])


# --------------------------------------------------------------------------- the prose that quotes numbers

#: Small counts as words, for prose.
_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def _count(n: int) -> str:
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def _rounds(leaders: pd.DataFrame, step: list[int], skip: set[str] = frozenset()) -> list[str]:
    """"A and B in round 1", ... for each round with someone joining (``skip``: names left out)."""
    names = list(leaders["name"])
    out = []
    for r in range(1, max(step) + 1):
        joined = [n for n, s in zip(names, step) if s == r and n not in skip]
        if joined:
            out.append(f"{_and(joined)} in round {r}")
    return out


def _start() -> str:
    leaders, network, gap = _book_data()
    defaults = [spec.default for spec in model.CASCADE_INPUTS[:model.MENUS]]
    result = model.cascade_result(leaders, network, gap, defaults, model.ROUND.default)
    who = leaders.set_index("id").loc[model.FIRST_DEFAULT]
    return (f"The first menu starts on the obvious candidate, {who['name']}, the {who['role'].lower()}: the words "
            f"say {result['reach']} of {result['total']} end up on board after {result['rounds']} "
            f"{result['rounds_word']}. Move **{model.ROUND.label}** to watch it happen one round at a time: in the "
            "matrix, each leader's row says the share of what they hear that must come from people on board "
            "before they join, and a cell turns bold once the leader it stands for is on board.")


def _pivot(leaders, network, pair) -> tuple[str, list[tuple[str, float]], float, float]:
    """The leader the best pair tips together in round 1 whom neither tips alone: their id, the raw
    weights of those they listen to, the total weight and their threshold."""
    step = model.cascade(leaders, network, list(pair))["step"].tolist()
    alone = [set(model.final_set(leaders, network, [p])) for p in pair]
    for who, s in zip(leaders["id"], step):
        heard = network[network["listener"] == who]
        if s == 1 and all(who not in a for a in alone) and set(pair) <= set(heard["speaker"]):
            theta = float(leaders.set_index("id").loc[who, "threshold"])
            return who, list(zip(heard["speaker"], heard["weight"].astype(float))), float(heard["weight"].sum()), theta
    raise ValueError("no leader is tipped by the pair together in round 1")


def _parts(x: float) -> str:
    return f"{x:g}"


def _solution() -> str:
    leaders, network, gap = _book_data()
    by_id = leaders.set_index("id")
    name, role = by_id["name"].to_dict(), by_id["role"].to_dict()
    total = len(leaders)
    ceo = model.FIRST_DEFAULT
    start = model.cascade(leaders, network, [ceo])
    one, two, three = (gap[gap["k"] == k].iloc[0] for k in (1, 2, 3))
    (best1,) = one.best
    pair = tuple(two.best)
    pivot, heard, weight, theta = _pivot(leaders, network, pair)
    parts = dict(heard)
    after = model.cascade(leaders, network, list(pair))["step"].tolist()
    everyone = model.cascade(leaders, network, list(three.best))
    lines = [
        '<details class="lp-solution" id="influence-cascade-solution">\n<summary>Exercise 1, solution and '
        "discussion</summary>\n",
        f"**The most powerful person is not the best start.** Talking to {name[ceo]}, the "
        f"{role[ceo].lower()}, brings {int(start['joined'].sum())} of {total} on board: "
        f"{', then '.join(_rounds(leaders, start['step'].tolist()))}. {name[best1]} ({role[best1].lower()}) does better "
        f"alone: {one.best_reach} of {total}. Power over the change and being listened to by the people who own "
        "its obstacles are different things.\n",
        f"**Two together can do what neither does alone.** {name[pair[0]]} ({role[pair[0]].lower()}) alone brings "
        f"{model.spread(leaders, network, [pair[0]])} on board; {name[pair[1]]} ({role[pair[1]].lower()}) alone "
        f"{model.spread(leaders, network, [pair[1]])}. Together they reach {two.best_reach}. {name[pivot]} listens "
        f"to {_and([f'{name[w]} ({_parts(v)} parts)' for w, v in heard])}: {name[pair[1]]} is "
        f"{_parts(parts[pair[1]])}/{_parts(weight)} of what {name[pivot]} hears and {name[pair[0]]} "
        f"{_parts(parts[pair[0]])}/{_parts(weight)}, neither reaching the threshold of {theta:.0%}, but together "
        f"{_parts(parts[pair[0]] + parts[pair[1]])}/{_parts(weight)} do. Then: "
        f"{', then '.join(_rounds(leaders, after))}.\n",
        f"**Everyone.** {_and([name[w] for w in three.best])} together bring "
        + (f"all {_count(total)} on board in {int(everyone['step'].max())} rounds.\n" if three.best_reach == total
           else f"{three.best_reach} of {total} on board, the most any three reach.\n"),
        "**For the room.** Whom does the person who can block your change listen to? Are those people on your "
        "list of first conversations, or only the person at the top?\n",
        "</details>"]
    return "\n".join(lines)


def _greedy() -> str:
    leaders, network, gap = _book_data()
    name = dict(zip(leaders["id"], leaders["name"]))
    one, two = (gap[gap["k"] == k].iloc[0] for k in (1, 2))
    first, second = two.greedy
    lines = [
        '<details class="lp-solution" id="influence-cascade-greedy">\n<summary>Exercise 1, where greedy falls '
        "short, and why</summary>\n",
        f"Greedy picks {name[first]} first (the best single start, {one.greedy_reach} on board), then the person "
        f"who adds most to that: {name[second]}, for {two.greedy_reach} on board. The best pair, "
        f"{_and([name[w] for w in two.best])}, reaches {two.best_reach}. Greedy could not see it, because it judges "
        "one person at a time, and neither of the pair looks promising alone. "
        + (f"Here greedy still reaches {two.greedy_reach} of the best {two.best_reach}, but no theorem promised "
           "that.\n" if two.best_reach > two.greedy_reach else "Here greedy's pair is as good, by luck.\n"),
        "</details>"]
    return "\n".join(lines)


def _worked() -> str:
    leaders, network, _ = _book_data()
    plan = model.WORKED_PLAN
    first = plan.iloc[0]
    by_role = dict(zip(leaders["role"], leaders["id"]))
    role_of = dict(zip(leaders["id"], leaders["role"]))
    owner = by_role.get(first["owner"])
    listeners = [role_of[w] for w in network.loc[network["speaker"] == owner, "listener"]] if owner else []
    counts = dict(zip(plan["owner"], plan["count"]))
    followers = [r for r in listeners if r in counts]
    more = sum(counts[r] for r in followers)
    tie = (f" and it matches what the cascade found: {first['owner'].lower()} is listened to by "
           f"{_and([r.lower() for r in followers])}, who own {_count(more)} more" if followers else "")
    return "\n".join([
        '<details class="lp-solution" id="influence-obstacles-discussion">\n<summary>Exercise 2, discussion</summary>\n',
        f"**What the worked list shows.** None of the {_count(len(model.WORKED_OBSTACLES))} obstacles belongs "
        f"to the product team. {first['owner']} owns {_count(int(first['count']))}, so the first conversation "
        f"is with {first['owner'].lower()},{tie}.\n",
        "**The full set, not the convenient part.** The obstacles people leave off their list are the ones owned "
        "by someone senior, or by someone they find hard to talk to. If your list names only your own team, ask "
        "what would still stop the change if your team did everything right.\n",
        "**An ask, not a complaint.** Each conversation asks the owner what it would take, and what they would "
        "need from you. Leaders outside your line owe you nothing; they remove an obstacle when doing so serves "
        "something they care about too.\n",
        "**For the room.** Which obstacle on your list has no owner at all? Who could be persuaded to own it?\n",
        "</details>"])


_STORY = {"start": _start, "solution": _solution, "greedy": _greedy, "worked": _worked}


def story_markdown(part: str) -> str:
    """The chapter's prose that quotes numbers, as Markdown made from the model and its data:
    ``"start"`` (what the cascade explorer says at its defaults), ``"solution"`` and ``"greedy"``
    (Exercise 1's folded discussion) and ``"worked"`` (Exercise 2's folded discussion: what the worked
    obstacles show).

    Raises
    ------
    ValueError
        For a part the chapter does not have.
    """
    if part not in _STORY:
        raise ValueError(f"the influence story has the parts {sorted(_STORY)}, not {part!r}")
    return _STORY[part]()


def story(part: str):
    """:func:`story_markdown` shown as Markdown in the notebook (on the site, as part of the page)."""
    return markdown(story_markdown(part))


def numbers_table():
    """The numbers behind the power–interest grid, for readers who cannot hover: a folded table
    of each leader's role, power, interest, stance today and threshold (every cell escaped)."""
    from IPython.display import HTML

    leaders = _book_data()[0]
    # five narrow columns (the role under the name), so the table fits a phone's column
    head = "".join(f"<th scope=\"col\">{h}</th>" for h in ("Leader", "Power", "Interest", "Today", "Needs"))
    rows = "".join(
        f"<tr><th scope=\"row\">{safe_text(r.name)}<br><small>{safe_text(r.role)}</small></th><td>{r.power:g}</td>"
        f"<td>{r.interest:g}</td><td>{safe_text(r.support)}</td><td>{r.threshold:.0%}</td></tr>"
        for r in leaders.itertuples())
    caption = ("Each leader and what they lead, their power and interest (1 to 10), stance today, and the share of "
               "what they hear that must come from people on board before they join.")
    return HTML('<details class="lp-numbers"><summary>The numbers behind this chart</summary>'
                f'<table class="lp-numbers-table" style="font-size: 0.9em"><caption>{safe_text(caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>")
