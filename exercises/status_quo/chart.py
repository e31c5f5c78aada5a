"""Challenging the status quo: charts built from model output. Functions return altair charts; none displays.

Each chart carries a ``description``: a sentence that says in words what it shows, read by
screen readers and printed under the chart on the static site. Colours are Okabe and Ito's
(:mod:`exercises.kit.theme`); shapes repeat what colour says.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ..kit.charts import (SUBTITLE_CHARS, WIDTH, bound, one_at_a_time, quadrant_lines, vega_sentence, vega_string,
                          words, wrap_title)
from ..kit.text import fill
from ..kit.theme import INK, PALETTE
from . import model

__all__ = ["LEVEL_COLOURS", "MAP_BOXES", "MAP_COLUMNS", "QUADRANT_COLOURS", "STATUS_COLOURS", "TEST_COLUMNS",
           "blank_pattern", "door_words", "doors_data", "doors_explorer", "map_chart", "map_data", "map_explorer",
           "regions_chart", "story_lines", "tests_chart", "tests_data", "tests_explorer"]

# --------------------------------------------------------------------------- exercise 1: the assumption map

#: Colour of each quadrant: test first vermillion, keep and watch blue, park orange, leave alone green.
QUADRANT_COLOURS = dict(zip(model.QUADRANTS.values(), (PALETTE[5], PALETTE[0], PALETTE[1], PALETTE[2])))
#: The columns of :func:`~exercises.status_quo.model.assumption_map` the live map draws.
MAP_COLUMNS = ["id", "practice", "assumption", "importance", "evidence", "rank", "quadrant", "challenged"]
_SPLIT = model.MIDPOINT - 0.5
_RATING = alt.Scale(domain=[0.5, 5.5], nice=False)
_RATING_AXIS = alt.Axis(values=[1, 2, 3, 4, 5], format="d", grid=False)
_IMPORTANCE = alt.Y("importance:Q", title="Importance (5 = the practice stands on it)", scale=_RATING,
                    axis=_RATING_AXIS)
_QUADRANT = alt.Color("quadrant:N", title="Quadrant", sort=list(model.QUADRANTS.values()),
                      scale=alt.Scale(domain=list(QUADRANT_COLOURS), range=list(QUADRANT_COLOURS.values())),
                      legend=alt.Legend(orient="bottom", columns=1))  # one column: both legends fit a phone
_CHALLENGED = alt.Shape("challenged:N", title="You challenge it",
                        scale=alt.Scale(domain=[False, True], range=["circle", "diamond"]),
                        legend=alt.Legend(orient="bottom", labelExpr="datum.value ? 'yes' : 'no'"))
# Where each quadrant's name sits: (important, well evidenced) -> (evidence, importance, align).
_CORNERS = {(True, False): (0.6, 5.45, "left"), (True, True): (5.4, 5.45, "right"),
            (False, False): (0.6, 0.75, "left"), (False, True): (5.4, 0.75, "right")}
_MAP_TOOLTIP = [alt.Tooltip("rank:Q", title="Rank"), alt.Tooltip("practice:N", title="Practice"),
                alt.Tooltip("assumption:N", title="Assumption"), alt.Tooltip("importance:Q", title="Importance"),
                alt.Tooltip("evidence:Q", title="Evidence"), alt.Tooltip("quadrant:N", title="Quadrant")]
_MAP_DESCRIPTION = ("Scatter chart of the organisation's twelve established practices, each placed by the evidence "
                    "for the assumption behind it (across) and how much the practice depends on that assumption "
                    "(up), in four quadrants: test first (important, little evidence), keep and watch, park for "
                    "now, leave alone. Each point is numbered by its rank: 1 is the assumption to test first.")


def _quadrant_lines(base: alt.Chart) -> list[alt.Chart]:
    """The two lines that split the map into four boxes, and each box's name in its corner."""
    return quadrant_lines(base, _SPLIT, model.QUADRANTS, _CORNERS, font_size=13)


_SPREAD = 0.24  # how far apart (in rating units) points that share a cell are drawn


def map_data(frame: pd.DataFrame) -> pd.DataFrame:
    """What the map draws: the :data:`MAP_COLUMNS` of ``frame`` and ``shown_x``, the evidence with
    practices that share a cell spread side by side so none hides another.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`~exercises.status_quo.model.assumption_map`.
    """
    cells = list(zip(frame["importance"], frame["evidence"]))
    size: dict = {}
    for cell in cells:
        size[cell] = size.get(cell, 0) + 1
    seen: dict = {}
    shown = []
    for cell in cells:
        k = seen.get(cell, 0)
        seen[cell] = k + 1
        shown.append(cell[1] + (k - (size[cell] - 1) / 2) * _SPREAD)
    return frame[MAP_COLUMNS].assign(shown_x=shown)


_SHOWN_X = alt.X("shown_x:Q", title="Evidence (1 = a hunch, 5 = well proven)", scale=_RATING, axis=_RATING_AXIS)


def _map_points(base: alt.Chart, size=None, stroke=None, shape=_CHALLENGED) -> list[alt.Chart]:
    size = size or alt.condition("datum.challenged", alt.value(300), alt.value(170))
    stroke = stroke or alt.condition("datum.challenged", alt.value(INK), alt.value(None))
    points = base.mark_point(filled=True, opacity=1, strokeWidth=2).encode(
        x=_SHOWN_X, y=_IMPORTANCE, color=_QUADRANT, shape=shape, size=size, stroke=stroke,
        tooltip=_MAP_TOOLTIP)
    ranks = base.mark_text(align="left", dx=9, dy=-9, fontSize=12, color=INK, aria=False).encode(
        x=_SHOWN_X, y=_IMPORTANCE, text="rank:Q")
    return [points, ranks]


def map_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """The live assumption map: each practice by evidence and importance, numbered by rank.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`~exercises.status_quo.model.assumption_map` (later updates pass
        :func:`map_data` of it).
    """
    base = alt.Chart(map_data(frame))
    return alt.layer(*_quadrant_lines(base), *_map_points(base)).properties(
        title=alt.Title("Your assumption map", subtitle="Numbers are the order to test in: 1 first."),
        description=_MAP_DESCRIPTION, width=WIDTH, height=WIDTH * 0.8)


#: What the static map says about each practice (the model's words: :func:`~exercises.status_quo.model.stories`).
story_lines = model.stories


def blank_pattern() -> str:
    """The page's regular expression (JavaScript, flag ``u``) for what shows nothing: the model's
    :func:`~exercises.status_quo.model.blank_ranges`, so the page and :func:`~exercises.status_quo.model.challenge`
    agree on what counts as an empty "why"."""
    def code(c: int) -> str:
        return f"\\u{{{c:X}}}"

    return "[" + "".join(code(a) if a == b else f"{code(a)}-{code(b)}" for a, b in model.blank_ranges()) + "]"


def _ranked_in_page(base: alt.Chart) -> alt.Chart:
    """The model's ranking (:func:`~exercises.status_quo.model.rank_assumptions`), computed in the page
    from every practice's two sliders: quadrant first, then more important, less evidenced, then id."""
    names = [spec.name for spec in model.RATING_INPUTS]
    importance = "[" + ", ".join(n for n in names if n.startswith("importance_")) + "]"
    evidence = "[" + ", ".join(n for n in names if n.startswith("evidence_")) + "]"
    order = {label: k for k, label in enumerate(model.QUADRANTS.values())}
    labels = "[" + ", ".join(vega_string(label) for label in model.QUADRANTS.values()) + "]"
    hi, well = f"datum.importance >= {model.MIDPOINT}", f"datum.evidence >= {model.MIDPOINT}"
    qorder = (f"({hi}) ? (({well}) ? {order[model.QUADRANTS[(True, True)]]} : {order[model.QUADRANTS[(True, False)]]})"
              f" : (({well}) ? {order[model.QUADRANTS[(False, True)]]} : {order[model.QUADRANTS[(False, False)]]})")
    return base.transform_calculate(
        importance=f"toNumber({importance}[datum.slot])", evidence=f"toNumber({evidence}[datum.slot])",
    ).transform_calculate(qorder=qorder).transform_calculate(quadrant=f"{labels}[datum.qorder]").transform_window(
        rank="row_number()", sort=[alt.SortField("qorder", "ascending"), alt.SortField("importance", "descending"),
                                   alt.SortField("evidence", "ascending"), alt.SortField("id", "ascending")])


#: The prefixes of the static map's per-practice inputs, in the order they show under the map.
MAP_BOXES = ("why_", "challenge_", "importance_", "evidence_")


def map_explorer(practices: pd.DataFrame) -> alt.VConcatChart:
    """The static assumption map, the learner's own: rate every practice, pick one to read its story,
    write why its fence stands, and only then challenge it.

    Every input is the model's declaration: the ``practice`` menu (:data:`~exercises.status_quo.model.PRACTICE`,
    or a click on a point), and per practice a "why" box (:data:`~exercises.status_quo.model.WHY_INPUTS`), a
    "challenge" box (:data:`~exercises.status_quo.model.CHALLENGE_INPUTS`) and two sliders
    (:data:`~exercises.status_quo.model.RATING_INPUTS`, at the reference ratings); the page shows the
    picked practice's (:func:`~exercises.kit.charts.one_at_a_time`) and the journal keeps them all.
    The page ranks all twelve from the sliders by the model's rule and says what
    :func:`~exercises.status_quo.model.map_page_lines` says, in the model's templates; a practice's
    "challenge" box does nothing while its "why" shows nothing (:func:`blank_pattern`), and the page
    says so for the practice picked.

    Parameters
    ----------
    practices : pandas.DataFrame
        Output of :func:`~exercises.status_quo.model.load_practices`.
    """
    spec = model.PRACTICE
    pick = alt.selection_point(name=spec.name, fields=["id"], on="click", clear=False,
                               value=[{"id": spec.default}], bind=bound(spec).param.bind)
    current = f"{spec.name}_id"
    whys, challenges = [bound(s) for s in model.WHY_INPUTS], [bound(s) for s in model.CHALLENGE_INPUTS]
    sliders = [bound(s) for s in model.RATING_INPUTS]
    mine = f"datum.id === {current}"
    data = model.map_page(practices)
    if [s.name for s in model.WHY_INPUTS] != [f"why_{key}" for key in data["id"]]:
        raise ValueError("the practices' why boxes must follow the order of their sliders")
    boxes = {"why": "[" + ", ".join(s.name for s in model.WHY_INPUTS) + "]",
             "ticked": "[" + ", ".join(s.name for s in model.CHALLENGE_INPUTS) + "]"}
    ranked = _ranked_in_page(alt.Chart(data)).transform_calculate(
        written=f"length(replace('' + {boxes['why']}[datum.slot], regexp({vega_string(blank_pattern())}, 'gu'), "
                f"'')) > 0", ticked=f"{boxes['ticked']}[datum.slot] === true",
    ).transform_calculate(challenged="datum.ticked && datum.written")
    # The words: the first three of the ranking, the practice picked, and every practice challenged (by
    # rank), gathered into one row. Only numbers are gathered (a slot, a rank, a count: Vega keeps a
    # maximum of text badly as rows change); the text is then looked up by slot in the model's data.
    test_first = model.QUADRANTS[(True, False)].lower()
    total = len(data)

    def column(name: str) -> str:
        return "[" + ", ".join(vega_string(v) for v in data[name]) + "]"

    names = column("practice")
    quadrants = "[" + ", ".join(vega_string(q.lower()) for q in model.QUADRANTS.values()) + "]"
    ratings = {key: "[" + ", ".join(s.name for s in model.RATING_INPUTS if s.name.startswith(key + "_")) + "]"
               for key in ("importance", "evidence")}
    cells = {f"s{k}": f"datum.rank === {k} ? datum.slot : -1" for k in range(1, model.SHOWN + 1)}
    cells.update({f"c{k}": f"datum.rank === {k} && datum.challenged ? datum.slot : -1" for k in range(1, total + 1)})
    cells.update({f"u{k}": f"datum.rank === {k} && datum.ticked && !datum.written && !({mine}) ? datum.slot : -1"
                  for k in range(1, total + 1)})
    cells.update(cur=f"{mine} ? datum.slot : -1", rank=f"{mine} ? datum.rank : -1", q=f"{mine} ? datum.qorder : -1",
                 written=f"{mine} && datum.written ? 1 : 0", empty=f"{mine} && datum.ticked && !datum.written ? 1 : 0",
                 count="datum.challenged ? 1 : 0",
                 away=f"datum.challenged && lower(datum.quadrant) !== {vega_string(test_first)} ? 1 : 0")
    sums = ("count", "away")
    gathered = ranked.transform_calculate(**{f"_{k}": v for k, v in cells.items()}).transform_aggregate(
        **{name: f"{'sum' if name in sums else 'max'}(_{name})" for name in cells}).transform_calculate(
        listed=" + ".join(f"(datum.c{k} >= 0 ? ', ' + " + vega_sentence(
            model.MAP_WORDS["challenged"], {"practice": f"{names}[datum.c{k}]", "rank": str(k)}) + " : '')"
            for k in range(1, total + 1)),
        waiting=" + ".join(f"(datum.u{k} >= 0 ? ', ' + {names}[datum.u{k}] : '')" for k in range(1, total + 1)))
    firsts = [vega_sentence(model.MAP_WORDS["first"], {
        "rank": str(k), "practice": f"{names}[datum.s{k}]",
        "importance": f"toNumber({ratings['importance']}[datum.s{k}])",
        "evidence": f"toNumber({ratings['evidence']}[datum.s{k}])"}) for k in range(1, model.SHOWN + 1)]
    place = vega_sentence(model.PAGE_WORDS["place"], {"practice": f"{names}[datum.cur]", "rank": "datum.rank",
                                                      "total": str(total), "quadrant": f"{quadrants}[datum.q]"})
    some = vega_sentence(model.MAP_WORDS["some"], {"count": "datum.count", "total": str(total),
                                                   "listed": "substring(datum.listed, 2)"})
    said_challenge = (f"(datum.empty ? {vega_string(model.EMPTY_WHY + chr(10) + model.MAP_WORDS['why first'])}"
                      " + '\\n' : '') + "
                      f"(datum.count === 0 ? {vega_string(fill(model.MAP_WORDS['none'], total=total))} : {some}) + "
                      f"(datum.away === 0 ? '' : '\\n' + (datum.away === 1 ? "
                      f"{vega_string(model.MAP_WORDS['outside_one'])} : "
                      f"{vega_sentence(model.MAP_WORDS['outside_many'], {'outside': 'datum.away'})})) + "
                      f"(datum.waiting === '' ? '' : '\\n' + "
                      f"{vega_sentence(model.PAGE_WORDS['unwritten'], {'listed': 'substring(datum.waiting, 2)'})})")
    text = " + '\\n' + ".join([vega_string(model.PAGE_WORDS["head"]), *firsts, place,
                                f"{column('story')}[datum.cur]",
                                f"(datum.written ? {column('fence')}[datum.cur] + '\\n' : '') + ({said_challenge})"])
    said = words(gathered.transform_calculate(label=f"split({text}, '\\n')"))
    spread = ranked.transform_joinaggregate(size="count()", groupby=["importance", "evidence"]).transform_window(
        k="row_number()", groupby=["importance", "evidence"], sort=[alt.SortField("rank", "ascending")]
    ).transform_calculate(shown_x=f"datum.evidence + (datum.k - 1 - (datum.size - 1) / 2) * {_SPREAD}")
    size = alt.condition(pick, alt.value(320), alt.value(170))
    stroke = alt.condition(pick, alt.value(INK), alt.value(None))
    points, ranks = _map_points(spread, size=size, stroke=stroke)
    picture = alt.layer(*_quadrant_lines(alt.Chart(data)), points.add_params(pick), ranks).properties(
        width=WIDTH, height=WIDTH * 0.8)
    # The words are shown as HTML above the chart (kit.charts.words): they take no room in the picture.
    face = alt.vconcat(said.properties(width=WIDTH, height=0), picture, spacing=0).add_params(
        *whys, *challenges, *sliders).properties(
        title=alt.Title("Your assumption map",
                        subtitle=wrap_title("Pick a practice under the chart (or click its point): rate it with its "
                                            "two sliders, read its story, and write why its fence stands.",
                                            SUBTITLE_CHARS)),
        description=_MAP_DESCRIPTION + " Below: a practice menu, then the picked practice's box for why its "
                                       "fence stands, its challenge box and its two rating sliders.")
    # A phone shows one practice at a time under its name: only the picked practice's inputs show.
    return one_at_a_time(face, current, {key: [f"{box}{key}" for box in MAP_BOXES] for key in map(str, data["id"])})


# --------------------------------------------------------------------------- exercise 2: the cheapest test

#: Colour of each status of an experiment: cheapest blue, qualifies green, too weak grey, over budget orange.
STATUS_COLOURS = dict(zip(model.STATUSES, (PALETTE[0], PALETTE[2], "#999999", PALETTE[1])))
#: The columns of :func:`~exercises.status_quo.model.qualify` the live chart draws.
TEST_COLUMNS = ["id", "experiment", "cost", "weeks", "evidence", "on_frontier", "beaten_by", "frontier_note", "tag",
                "status", "need", "budget"]
#: The cost axis's range (log scale, in :data:`~exercises.status_quo.model.CURRENCY`).
COST_DOMAIN = (300, 100_000)
_COST = alt.X("cost:Q", title=f"Cost ({model.CURRENCY}, log scale)",
              scale=alt.Scale(type="log", domain=list(COST_DOMAIN)),
              axis=alt.Axis(format="~s", values=[500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000]))
_STRENGTH = alt.Y("evidence:Q", title="Strength of evidence (5 = strongest)",
                  scale=alt.Scale(domain=[0.5, 5.5], nice=False), axis=_RATING_AXIS)
_STATUS = alt.Color("status:N", title="Your need and budget", sort=list(model.STATUSES),
                    scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
                    legend=alt.Legend(orient="bottom", columns=2))
_STATUS_SHAPE = alt.Shape("status:N", title="Your need and budget", sort=list(model.STATUSES),
                          scale=alt.Scale(domain=list(model.STATUSES), range=["diamond", "circle", "cross", "square"]),
                          legend=alt.Legend(orient="bottom", columns=2))
_TEST_TOOLTIP = [alt.Tooltip("experiment:N", title="Experiment"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("cost:Q", title=f"Cost ({model.CURRENCY})", format=","),
                 alt.Tooltip("weeks:Q", title="Weeks"), alt.Tooltip("evidence:Q", title="Evidence"),
                 alt.Tooltip("frontier_note:N", title="On the frontier")]
_TESTS_DESCRIPTION = ("Scatter chart of ten kinds of experiment by cost in euros (across, log scale) and strength of "
                      "evidence (up), each named with its weeks. A line joins the frontier: those no other beats on "
                      "cost, time and evidence at once. Dashed lines mark the evidence you need and your budget; "
                      "colour and shape say which is the cheapest that convinces, which qualify, which are too weak "
                      "and which are over budget.")


def _tests_layers(base: alt.Chart) -> list[alt.Chart]:
    """Frontier line, points coloured by status, names, and the two limits (from ``need`` and ``budget``)."""
    line = base.transform_filter("datum.on_frontier").mark_line(color="#777777", strokeWidth=2, aria=False).encode(
        x=_COST, y=_STRENGTH, order="cost:Q")
    size = alt.condition(f"datum.status == {vega_string(model.CHEAPEST)}", alt.value(320), alt.value(170))
    points = base.mark_point(filled=True, opacity=1).encode(
        x=_COST, y=_STRENGTH, color=_STATUS, shape=_STATUS_SHAPE, size=size, tooltip=_TEST_TOOLTIP)
    names = [base.transform_filter(f"{'' if below else '!'}datum.below && {'' if left else '!'}datum.left").mark_text(
        align="right" if left else "left", dx=-8 if left else 8, dy=12 if below else -10, fontSize=11, color=INK,
        aria=False).encode(x=_COST, y=_STRENGTH, text="tag:N") for below in (False, True) for left in (False, True)]
    limit = base.transform_aggregate(need="max(need)", cap="max(budget)")
    need = limit.transform_calculate(at="datum.need - 0.5").mark_rule(
        color=PALETTE[5], strokeDash=[6, 3], strokeWidth=2, aria=False).encode(y=alt.Y("at:Q", scale=alt.Scale(
            domain=[0.5, 5.5], nice=False)))
    cap = limit.transform_filter("datum.cap >= 300").mark_rule(color=PALETTE[5], strokeDash=[2, 2], strokeWidth=2,
                                                                aria=False).encode(x=alt.X("cap:Q"))
    return [line, need, cap, points, *names]


#: About how wide a character of a point's name is drawn (11 px type), to keep names inside the plot.
_CHAR_PX = 6.2


def _label_sides(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``below``: names alternate above and below their point along each evidence level;
    and ``left``: a name that would run past the plot's right edge is written to the left of its point."""
    rows = sorted(range(len(frame)), key=lambda k: (frame["evidence"].iat[k], frame["cost"].iat[k],
                                                    str(frame["id"].iat[k])))
    seen: dict = {}
    below = [False] * len(frame)
    for k in rows:
        level = frame["evidence"].iat[k]
        below[k] = seen.get(level, 0) % 2 == 1
        seen[level] = seen.get(level, 0) + 1
    low, high = COST_DOMAIN
    at = np.log(frame["cost"].astype(float).clip(lower=low) / low) / np.log(high / low) * WIDTH
    left = at + 8 + _CHAR_PX * frame["tag"].astype(str).str.len() > WIDTH
    return frame.assign(below=below, left=left.to_numpy())


def tests_data(frame: pd.DataFrame, need: float, budget: float) -> pd.DataFrame:
    """What the live frontier chart draws: the :data:`TEST_COLUMNS` of a
    :func:`~exercises.status_quo.model.qualify` frame for ``need`` and ``budget``, with ``below``."""
    return _label_sides(frame.assign(need=need, budget=float(budget))[TEST_COLUMNS])


def tests_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """The live chart of the cost / time / evidence frontier for the learner's need and budget.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`tests_data`.
    """
    return alt.layer(*_tests_layers(alt.Chart(frame))).properties(
        title=alt.Title("The cheapest convincing test",
                        subtitle=wrap_title("Below the dashed line: too weak. Right of the dotted line: over "
                                            "budget.", SUBTITLE_CHARS)),
        description=_TESTS_DESCRIPTION, width=WIDTH, height=WIDTH * 0.9)


def tests_words(fields: dict[str, str] | None = None) -> str:
    """The Vega expression of the explorer's words: the model's :data:`~exercises.status_quo.model.TEST_WORDS`,
    chosen by each grid row's ``verdict``; ``fields`` maps a template's field to a Vega expression
    (the need and the budget are the bound inputs themselves)."""
    return " : ".join(f"datum.verdict == {vega_string(kind)} ? "
                      f"[{', '.join(vega_sentence(line, fields) for line in lines)}]"
                      for kind, lines in model.TEST_WORDS.items()) + " : ''"


def tests_explorer(experiments: pd.DataFrame, grid: pd.DataFrame) -> alt.VConcatChart:
    """The static frontier explorer: set the evidence you need and your budget under the chart.

    The inputs are the model's declarations (:data:`~exercises.status_quo.model.NEED`,
    :data:`~exercises.status_quo.model.BUDGET`), so they start where the live sliders do. Every
    word and every experiment's status comes from the model's grid: the page looks the pair
    chosen up (by :func:`~exercises.status_quo.model.grid_key`), chooses the words by its
    ``verdict`` and each experiment's status by its place in the row's ``codes``. The cheapest stays
    folded (:data:`~exercises.status_quo.model.TEST_HIDDEN`; its point drawn as one that qualifies)
    until the learner ticks :data:`~exercises.status_quo.model.REVEAL_CHEAPEST`.

    Parameters
    ----------
    experiments : pandas.DataFrame
        Output of :func:`~exercises.status_quo.model.frontier`, in the order the grid was made from.
    grid : pandas.DataFrame
        Output of :func:`~exercises.status_quo.model.cheapest_grid` over the same experiments.
    """
    need, cap, reveal = model.NEED, model.BUDGET, model.REVEAL_CHEAPEST
    key = f"{need.name} * {model.KEY_SCALE} + {cap.name}"
    grid = grid[["key", "verdict", "count", "experiment", "cost", "duration", "evidence", "codes"]]
    said = words(alt.Chart(grid).transform_filter(f"datum.key == {key}").transform_calculate(
        full=tests_words({"need": need.name, "budget": cap.name})).transform_calculate(
        label=f"{reveal.name} ? datum.full : [datum.full[0], {vega_string(model.TEST_HIDDEN)}, datum.full[2]]"))
    frame = _label_sides(experiments[["id", "experiment", "cost", "weeks", "evidence", "on_frontier", "beaten_by",
                                      "frontier_note", "tag"]]).assign(slot=range(len(experiments)))
    statuses = "[" + ", ".join(vega_string(s) for s in model.STATUSES) + "]"
    base = alt.Chart(frame).transform_calculate(key=key).transform_lookup(
        lookup="key", from_=alt.LookupData(grid, key="key", fields=["codes"])).transform_calculate(
        need=need.name, budget=cap.name,
        found=f"{statuses}[toNumber(substring(datum.codes, datum.slot, datum.slot + 1))]").transform_calculate(
        status=f"!{reveal.name} && datum.found === {vega_string(model.CHEAPEST)} ? {vega_string(model.QUALIFIES)} "
               f": datum.found")
    picture = alt.layer(*_tests_layers(base)).properties(width=WIDTH, height=WIDTH * 0.9)
    return alt.vconcat(said.properties(width=WIDTH, height=0), picture, spacing=0).add_params(
        bound(need), bound(cap), bound(reveal)).properties(
        title=alt.Title("The cheapest convincing test",
                        subtitle=wrap_title("Set the evidence you need and your budget under the chart; guess the "
                                            "cheapest, then tick to see it.", SUBTITLE_CHARS)),
        description=_TESTS_DESCRIPTION + " Sliders set need and budget; a box shows the cheapest.")


# --------------------------------------------------------------------------- exercise 3: forgiveness or permission

#: Colours of the rule's three answers (Okabe-Ito: green, orange, vermillion).
LEVEL_COLOURS = ("#009E73", "#E69F00", "#D55E00")
_COLOUR = alt.Color("answer:N", title="The rule says", scale=alt.Scale(domain=list(model.LEVELS),
                                                                       range=list(LEVEL_COLOURS)),
                    legend=alt.Legend(orient="bottom", columns=1))  # one column: both legends fit a phone
_X = alt.X("blast_radius:O", title=["Blast radius", "(1 = your team, 5 = every customer)"], axis=alt.Axis(labelAngle=0))
_Y = alt.Y("reversibility:O", title="Reversibility (5 = undone in a day)", sort="descending")
_CASE_TOOLTIP = [alt.Tooltip("id:N", title="Case"), alt.Tooltip("situation:N", title="Situation"),
                 alt.Tooltip("reversibility:Q", title="Reversibility"),
                 alt.Tooltip("blast_radius:Q", title="Blast radius")]
_DESCRIPTION = ("Grid of reversibility against blast radius, each cell coloured by the rule: act and inform "
                "where a decision is easy to undo and contained, ask first where it is hard to undo or reaches "
                "many people, consult in between; the cases are drawn as points named S1 to S10, as in the list.")


def regions_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """The live chart: the rule's regions and the cases, marked by the learner's labels (one dataset).

    The legend names each mark with how many cases have it ("right (3)"), from the model's
    ``legend`` column, so it follows the learner's labels.
    """
    shape = alt.Shape("legend:N", title="Your label", sort=None,
                      scale=alt.Scale(range=["circle", "square", "cross"]),
                      legend=alt.Legend(orient="bottom", columns=1))
    tooltip = [*_CASE_TOOLTIP, alt.Tooltip("given:N", title="You said")]
    base = alt.Chart(frame)
    regions = base.transform_filter(alt.datum.layer == "region").mark_rect().encode(
        x=_X, y=_Y, color=_COLOUR, opacity=alt.value(0.55))
    # The model's three key rows come before the cases, so each word keeps its shape; they are not drawn.
    marked = base.transform_filter(alt.datum.layer != "region")
    points = marked.mark_point(filled=True, color="black").encode(
        x=_X, y=_Y, shape=shape, tooltip=tooltip,
        size=alt.condition("datum.layer == 'key'", alt.value(0), alt.value(140)),
        opacity=alt.condition("datum.layer == 'key'", alt.value(0), alt.value(1)))
    cases = base.transform_filter(alt.datum.layer == "case")
    labels = cases.mark_text(dx=14, align="left", fontSize=11).encode(x=_X, y=_Y, text="id:N")
    return alt.layer(regions, points, labels).properties(
        width=WIDTH, height=300, title="Where each case sits, and what the rule says", description=_DESCRIPTION)


def _labels_in_page(base: alt.Chart) -> alt.Chart:
    """The model's :func:`~exercises.status_quo.model.board`, computed in the page from each case's
    bound menu (:data:`~exercises.status_quo.model.LABEL_INPUTS`): each case's ``given`` and
    ``status``, how many cases have each status, and each status's ``legend`` word
    (:data:`~exercises.status_quo.model.LEGEND_WORDS`) on the cases and the three key rows."""
    menus = "[" + ", ".join(spec.name for spec in model.LABEL_INPUTS) + "]"
    statuses = list(model.LABEL_STATUS)
    case = "datum.layer === 'case'"
    counts = {f"n{k}": f"{case} && datum.status === {vega_string(s)} ? 1 : 0" for k, s in enumerate(statuses)}
    count = f"[{', '.join(f'datum.total{k}' for k in range(len(statuses)))}]" \
            f"[indexof([{', '.join(vega_string(s) for s in statuses)}], datum.status)]"
    return base.transform_calculate(
        given=f"{case} ? {menus}[datum.slot] : datum.given",
    ).transform_calculate(
        status=f"{case} ? (datum.given === '' ? {vega_string(statuses[0])} : datum.given === datum.answer ? "
               f"{vega_string(statuses[1])} : {vega_string(statuses[2])}) : datum.status",
    ).transform_calculate(**counts).transform_joinaggregate(
        **{f"total{k}": f"sum(n{k})" for k in range(len(statuses))},
    ).transform_calculate(legend=f"datum.layer === 'region' ? '' : "
                                 f"{vega_sentence(model.LEGEND_WORDS, {'status': 'datum.status', 'count': count})}")


def doors_data(situations: pd.DataFrame) -> pd.DataFrame:
    """What the static board draws: :func:`~exercises.status_quo.model.board` with no label given, and
    each case's ``slot`` (its place in :data:`~exercises.status_quo.model.LABEL_INPUTS`; -1 for the
    other rows)."""
    frame = model.board(situations)
    cases = frame["layer"] == "case"
    names = [spec.name for spec in model.LABEL_INPUTS]
    slots = [names.index(f"label_{key}") for key in frame.loc[cases, "id"]]
    frame["slot"] = -1
    frame.loc[cases, "slot"] = slots
    return frame


def door_words(situations: pd.DataFrame) -> str:
    """The Vega expression of the static board's words (a list of lines): the model's
    :data:`~exercises.status_quo.model.DOOR_WORDS`, as
    :func:`~exercises.status_quo.model.door_page_lines` fills them, on one row gathered from the cases
    (``labelled``, ``right`` and ``w0``, ``w1``, ...: 1 where that case's label is wrong); each wrong
    case's id and reason are looked up by its slot in ``situations``' cases, its label in its menu."""
    cases = doors_data(situations).query("layer == 'case'").sort_values("slot")
    total = len(model.LABEL_INPUTS)
    if list(cases["slot"]) != list(range(total)):
        raise ValueError("every case needs its menu, and every menu its case")
    words_ = model.DOOR_WORDS
    count = vega_sentence(words_["count"], {"right": "datum.right", "labelled": "datum.labelled"})
    left = vega_sentence(words_["left"], {"left": f"({total} - datum.labelled)", "total": str(total)})
    wrong = " + ".join(
        f"(datum.w{k} ? " + vega_sentence(words_["wrong"], {
            "id": vega_string(row.id), "given": model.LABEL_INPUTS[k].name, "reason": vega_string(row.reason)})
        + " + '\\n' : '')" for k, row in enumerate(cases.itertuples()))
    text = (f"datum.labelled === 0 ? {vega_string(words_['none'] + chr(10))} : "
            f"{count} + '\\n' + (datum.labelled < {total} ? {left} + '\\n' : '') + "
            f"({model.REVEAL_RULE.name} ? {wrong} : '')")
    return f"split(replace({text}, regexp('\\\\n$'), ''), '\\n')"


def doors_explorer(situations: pd.DataFrame) -> alt.VConcatChart:
    """The static board, the learner's own: one menu per case under the board
    (:data:`~exercises.status_quo.model.LABEL_INPUTS`, kept by the page's journal); each case is
    marked by how its label stands against the rule, the legend counts them as the live face's does,
    and the words say :func:`~exercises.status_quo.model.door_page_lines`, in the model's templates.
    The rule's regions, and the reason for each label that differs from it, are drawn only once the
    learner ticks :data:`~exercises.status_quo.model.REVEAL_RULE`; the
    :data:`~exercises.status_quo.model.HIGHLIGHT` menu then lights one answer's region.

    Parameters
    ----------
    situations : pandas.DataFrame
        Output of :func:`~exercises.status_quo.model.load_situations`.
    """
    spec, reveal = model.HIGHLIGHT, model.REVEAL_RULE
    base = _labels_in_page(alt.Chart(doors_data(situations)))
    opacity = alt.condition(f"{spec.name} == 'all' || datum.answer == {spec.name}", alt.value(0.6), alt.value(0.1))
    regions = base.transform_filter(f"datum.layer === 'region' && {reveal.name}").mark_rect(aria=False).encode(
        x=_X, y=_Y, color=_COLOUR, opacity=opacity)
    shape = alt.Shape("legend:N", title="Your label", sort=None,
                      scale=alt.Scale(range=["circle", "square", "cross"]),
                      legend=alt.Legend(orient="bottom", columns=1))
    # The three key rows come before the cases, so each legend word keeps its shape; they are not drawn.
    marked = base.transform_filter("datum.layer !== 'region'")
    points = marked.mark_point(filled=True, color="black").encode(
        x=_X, y=_Y, shape=shape, tooltip=[*_CASE_TOOLTIP, alt.Tooltip("given:N", title="You said")],
        size=alt.condition("datum.layer === 'key'", alt.value(0), alt.value(140)),
        opacity=alt.condition("datum.layer === 'key'", alt.value(0), alt.value(1)))
    labels = base.transform_filter("datum.layer === 'case'").mark_text(dx=14, align="left", fontSize=11).encode(
        x=_X, y=_Y, text="id:N")
    # Only numbers are gathered (Vega keeps a maximum of text badly as rows change): which cases are
    # wrong; door_words() then reads each one's id, label and reason by its slot.
    cells = {f"w{k}": f"datum.slot === {k} && datum.status === {vega_string(model.LABEL_STATUS[2])} ? 1 : 0"
             for k in range(len(model.LABEL_INPUTS))}
    cells.update(labelled="datum.given === '' ? 0 : 1",
                 right=f"datum.status === {vega_string(model.LABEL_STATUS[1])} ? 1 : 0")
    gathered = base.transform_filter("datum.layer === 'case'").transform_calculate(
        **{f"_{k}": v for k, v in cells.items()}).transform_aggregate(
        **{name: f"{'sum' if name in ('labelled', 'right') else 'max'}(_{name})" for name in cells})
    said = words(gathered.transform_calculate(label=door_words(situations)))
    picture = alt.layer(regions, points, labels).properties(width=WIDTH, height=300)
    return alt.vconcat(said.properties(width=WIDTH, height=0), picture, spacing=0).add_params(
        *(bound(s) for s in model.LABEL_INPUTS), bound(reveal), bound(spec)).properties(
        title=alt.Title("Your labels on the board", subtitle=wrap_title(
            "Label each case in its menu under the board; then tick \u201cShow the rule's answers\u201d to see "
            "the rule's regions and why a label differs.", SUBTITLE_CHARS)),
        description=_DESCRIPTION + " Each case is marked by your label: not yet, right or wrong, and the legend "
                                   "counts them. Below: a menu per case; the regions are drawn only once you tick "
                                   "\u201cShow the rule's answers\u201d.")
