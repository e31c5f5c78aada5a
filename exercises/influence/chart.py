"""Influence and buy-in charts, built from model output. Functions return altair charts; none displays.

Each chart carries a ``description``: a sentence that says in words what it shows, read by
screen readers and printed under the chart on the static site. Every count and every word is
the model's: the static explorers pick the model's rows and fill its templates
(:func:`exercises.kit.charts.vega_sentence`); any text quoted into a Vega expression goes
through :func:`exercises.kit.charts.vega_string`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.charts import WIDTH, bound, explorer, quadrant_lines, vega_sentence, vega_string, warning_words, words
from ..kit.text import _BACKOFF  # how far a cut steps back to keep a character whole
from ..kit.theme import INK, PALETTE, YOURS
from . import model
from .model import (BEST_WORDS, CASCADE_INPUTS, CASCADE_WORDS, SHOW_BEST, CONVERSATION, GRID_MIDDLE, JOINS_BY_STATUS, JOINS_WORDS, MENUS,
                    NOBODY, QUADRANTS, REPEAT_WORDS, ROUND_WORDS, ROWS, STANCES, STATUSES)

__all__ = ["MENUS", "cascade_chart", "cascade_explorer", "obstacle_chart", "obstacle_explorer", "stakeholder_map"]

_SCALE = alt.Scale(domain=[0.5, 10.5], nice=False)
_INTEREST = alt.X("interest:Q", title="Interest in the change (1 to 10)", scale=_SCALE, axis=alt.Axis(values=[1, 10]))
_POWER = alt.Y("power:Q", title="Power over the change (1 to 10)", scale=_SCALE, axis=alt.Axis(values=[1, 10]))
_STANCE = alt.Color("support:N", title="Today", sort=list(STANCES), legend=alt.Legend(orient="bottom"),
                    scale=alt.Scale(domain=list(STANCES), range=[PALETTE[5], "#777777", PALETTE[2]]))
_STANCE_SHAPE = alt.Shape("support:N", title="Today", sort=list(STANCES),
                          scale=alt.Scale(domain=list(STANCES), range=["triangle-down", "circle", "square"]))
_STATUS = alt.Color("status:N", title="Buy-in", sort=list(STATUSES), legend=alt.Legend(orient="bottom", columns=1),
                    scale=alt.Scale(domain=list(STATUSES), range=[YOURS, PALETTE[2], PALETTE[1], "#aaaaaa"]))
_STATUS_SHAPE = alt.Shape("status:N", title="Buy-in", sort=list(STATUSES),
                          scale=alt.Scale(domain=list(STATUSES), range=["diamond", "square", "circle", "cross"]))
# Where each box's name sits: high power at the top, high interest on the right.
_CORNERS = {(True, True): (10.4, 10.4, "right"), (True, False): (0.6, 10.4, "left"),
            (False, True): (10.4, 0.9, "right"), (False, False): (0.6, 0.9, "left")}
_TOOLTIP = [alt.Tooltip("name:N", title="Name"), alt.Tooltip("role:N", title="Leads"),
            alt.Tooltip("status:N", title="Buy-in"), alt.Tooltip("joins:N", title="Joins")]


def _counts(field: str, top: int, title: str) -> alt.X:
    """A count axis from 0 to ``top`` with a tick at each whole number only."""
    return alt.X(f"{field}:Q", title=title, scale=alt.Scale(domain=[0, top], nice=False),
                 axis=alt.Axis(values=list(range(top + 1)), format="d"))


def _array(values) -> str:
    """A Vega array literal of texts, each quoted with :func:`~exercises.kit.charts.vega_string`."""
    return "[" + ", ".join(vega_string(v) for v in values) + "]"


def _grid_lines(base: alt.Chart) -> list[alt.Chart]:
    """The two lines that split the map into four boxes, and each box's name in its corner."""
    return quadrant_lines(base, GRID_MIDDLE, QUADRANTS, _CORNERS, font_size=12)


# Marks are keyed (Vega's data join) by what they stand for: a leader's name, a matrix cell. The
# page's data for them is made anew at every change of the menus (a flatten), and a keyed mark is
# then updated where it stands instead of being removed and drawn again. Only marks whose
# description the key leaves as it was: Vega-Lite adds a key's field to a mark's description
# unless the mark shows that field itself (a name's text) or has none (aria=False).
_LEADER = alt.Key("name:N")


def _points(base: alt.Chart, colour, shape, tooltip: list) -> list[alt.Chart]:
    points = base.mark_point(filled=True, size=140, opacity=1).encode(
        x=_INTEREST, y=_POWER, color=colour, shape=shape, tooltip=tooltip)
    names = base.mark_text(align="left", dx=9, fontSize=12, color=INK).encode(
        x=_INTEREST, y=_POWER, text="name:N", key=_LEADER)
    return [points, names]


def stakeholder_map(leaders: pd.DataFrame) -> alt.LayerChart:
    """The power–interest grid (after Mendelow): each leader placed by power and interest, coloured by stance.

    Parameters
    ----------
    leaders : pandas.DataFrame
        Output of :func:`~exercises.influence.model.load_leaders`.
    """
    base = alt.Chart(leaders)
    tooltip = [alt.Tooltip("name:N", title="Name"), alt.Tooltip("role:N", title="Leads"),
               alt.Tooltip("power:Q", title="Power"), alt.Tooltip("interest:Q", title="Interest"),
               alt.Tooltip("support:N", title="Today")]
    return alt.layer(*_grid_lines(base), *_points(base, _STANCE, _STANCE_SHAPE, tooltip)).properties(
        title=alt.Title(["Who holds power over the change,", "and who cares about it"],
                        subtitle=["The power–interest grid later writers drew", "from Mendelow's stakeholder work."]),
        description="Scatter chart of the twelve leaders of the company, placed by their interest in the change "
                    "(across) and their power over it (up), in four boxes: manage closely, keep satisfied, keep "
                    "informed, monitor. Colour and shape give each leader's stance today: against, neutral or for.",
        width=WIDTH, height=WIDTH)


#: Pixels the matrix keeps left of its cells for "Priya needs 80%".
_LABEL_EXTENT = 104
#: Width of each plot of the cascade (grid, matrix, rounds): their left edges line up after the
#: matrix's row labels, so all of it fits a phone's column.
_PLOT = WIDTH - 58
#: The fill of a matrix cell whose speaker is on board at the round shown (a light tint of
#: :data:`~exercises.kit.theme.YOURS`; the numbers on it keep a contrast above 10:1).
_ON_FILL = "#bcd9ef"


def _matrix(people: alt.Chart, edges: alt.Chart, names: list[str], labels: list[str]) -> alt.LayerChart:
    """Who listens to whom, as a matrix: a row per listener, named with their threshold in words
    (:data:`~exercises.influence.model.LISTENER_WORDS`), a column per speaker; each cell gives the
    share, in per cent, of what the row's leader hears from the column's leader (``edges``: ``label``,
    ``speaker_name``, ``share_words``, and ``on``: the speaker is on board at the round shown, a
    tinted cell and a bold number); the diagonal shows each leader's own buy-in at that round
    (``people``: ``label``, ``speaker_name`` as their own name, ``status``), as the grid does."""
    x = alt.X("speaker_name:N", title=["… listens to", "(share of what they hear, %)"],
              scale=alt.Scale(domain=names),  # the domain orders them; a sort list would be quoted into an
              # expression by Vega-Lite, which does not escape U+2028
              axis=alt.Axis(orient="top", labelAngle=-90, labelFontSize=11, titleFontSize=12, labelPadding=2))
    y = alt.Y("label:N", title=None, scale=alt.Scale(domain=labels),
              axis=alt.Axis(labelFontSize=11, labelLimit=_LABEL_EXTENT, minExtent=_LABEL_EXTENT))
    edges = edges.transform_calculate(cell="datum.label + '\\u0000' + datum.speaker_name")
    cell = alt.Key("cell:N")
    cells = edges.mark_rect(stroke="#8a8a8a", strokeWidth=1, aria=False).encode(
        x=x, y=y, color=alt.condition("datum.on", alt.value(_ON_FILL), alt.value("#ffffff")), key=cell)
    # One layer, its weight from the datum: a cell that turns on is restyled, not drawn anew.
    shares = edges.mark_text(fontSize=10, color=INK, aria=False,
                             fontWeight=alt.ExprRef("datum.on ? 'bold' : 'normal'")).encode(
        x=x, y=y, text="share_words:N", key=cell)
    own = people.mark_point(filled=True, size=70, opacity=1, aria=False).encode(
        x=x, y=y, color=_STATUS, shape=_STATUS_SHAPE, key=_LEADER)
    size = max(_PLOT, 12 * len(names))
    return alt.layer(cells, shares, own).properties(width=size, height=alt.Step(max(16, size // len(names))))


def _picture(people: alt.Chart, rounds: alt.Chart, total: int, fade: bool = False,
             matrix: alt.LayerChart | None = None) -> alt.VConcatChart:
    """The grid coloured by buy-in (``people``: one row per leader with ``status`` and ``joins``),
    the network ``matrix`` (:func:`_matrix`) and a bar per round giving how many are on board
    after it (``rounds``: ``round``, ``on_board`` and, with ``fade``, ``shown``: rounds after it
    are faded)."""
    grid = alt.layer(*_grid_lines(people), *_points(people, _STATUS, _STATUS_SHAPE, _TOOLTIP)).properties(
        width=_PLOT, height=_PLOT * 0.8)
    x = alt.X("round:O", title=["Round (0: before anyone", "talks to anyone else)"], axis=alt.Axis(labelAngle=0))
    y = alt.Y("on_board:Q", title="On board", scale=alt.Scale(domain=[0, total], nice=False),
              axis=alt.Axis(values=list(range(0, total + 1, 2 if total > 8 else 1)), format="d"))
    opacity = alt.condition("datum.round <= datum.shown", alt.value(1), alt.value(0.3)) if fade else alt.value(1)
    bars = rounds.mark_bar(color=YOURS).encode(x=x, y=y, opacity=opacity, tooltip=[
        alt.Tooltip("round:O", title="Round"), alt.Tooltip("on_board:Q", title="On board after it")])
    labels = rounds.mark_text(dy=-8, fontSize=13, color=INK).encode(x=x, y=y, text="on_board:Q")
    parts = [grid] + ([matrix] if matrix is not None else [])
    return alt.vconcat(*parts, alt.layer(bars, labels).properties(width=_PLOT, height=140))


def cascade_chart(frame: pd.DataFrame) -> alt.VConcatChart:
    """The live exercise's chart: the grid coloured by buy-in at the round shown, who listens to
    whom (each cell tinted once its speaker is on board at that round), and the rounds.

    Parameters
    ----------
    frame : pandas.DataFrame
        The ``chart`` frame of :func:`~exercises.influence.model.cascade_result`: rows of ``kind``
        ``"person"`` (``id, name, role, power, interest, status, joins, label``), ``"round"``
        (``round, on_board``) and ``"edge"`` (``label, speaker_name, share_words, on``), each with
        ``shown`` (the round shown).
    """
    base = alt.Chart(frame)
    people = frame[frame["kind"] == "person"]
    total = len(people)
    person = base.transform_filter("datum.kind == 'person'")
    matrix = _matrix(person, base.transform_filter("datum.kind == 'edge'"),
                     people["name"].tolist(), people["label"].tolist())
    picture = _picture(person, base.transform_filter("datum.kind == 'round'"), total, fade=True, matrix=matrix)
    return picture.properties(
        title=alt.Title("The cascade, round by round",
                        subtitle=["Each round, a leader joins once enough of", "those they listen to are on board."]),
        description="Scatter chart of the leaders on the power–interest grid, coloured and shaped by buy-in at "
                    "the round shown: talked to first, already for, won over by others, or not on board; under "
                    "it, who listens to whom: a row per leader, named with the share of what they hear that must "
                    "come from people on board before they join, a column per leader they listen to, each cell "
                    "giving that leader's share of what they hear in per cent, tinted once that leader is on board; "
                    "then a bar per round of the cascade giving how many are on board after that round.")


def _lines(templates, *extra: str) -> str:
    """A Vega array of the model's lines, each filled in the page from the datum, then ``extra``
    (Vega expressions)."""
    return "[" + ", ".join([*(vega_sentence(line) for line in templates), *extra]) + "]"


def cascade_explorer(leaders: pd.DataFrame, outcomes: pd.DataFrame, gap: pd.DataFrame,
                     network: pd.DataFrame | None = None) -> alt.VConcatChart:
    """The static explorer: choose up to three first conversations, see the cascade and compare.

    The menus are the model's declarations (:data:`~exercises.influence.model.CASCADE_INPUTS`
    for the book's leaders, :func:`~exercises.influence.model.cascade_inputs` for others), so
    they start where the live menus do. Everything the page shows is the model's: Vega
    expressions only find the row of the choice made, and choose the model's words
    (:func:`~exercises.influence.model.cascade_words`) by its ``verdict`` and by whether greedy's
    and the best choice may be shown (:func:`~exercises.influence.model.best_verdict`: once the
    menus differ from their defaults, or the "Show the best" box is ticked; no spoiler before).

    Parameters
    ----------
    leaders : pandas.DataFrame
        Output of :func:`~exercises.influence.model.load_leaders`.
    outcomes : pandas.DataFrame
        Output of :func:`~exercises.influence.model.choice_outcomes` (up to ``MENUS`` people).
    gap : pandas.DataFrame
        Output of :func:`~exercises.influence.model.greedy_gap` (k = 1 .. ``MENUS``).
    network : pandas.DataFrame, optional
        Output of :func:`~exercises.influence.model.load_network`: with it, the explorer draws who
        listens to whom (:func:`~exercises.influence.model.network_cells`), each cell tinted once
        its speaker is on board at the round shown.

    The ``round`` slider (:data:`~exercises.influence.model.ROUND`, declared once with the live
    face's) shows the cascade round by round: who is on board by then (a leader won over by others
    counts from the round the model says they join, ``step``), the line of
    :data:`~exercises.influence.model.ROUND_WORDS` about it, and the rounds after it faded.
    """
    ids = list(leaders["id"])
    specs = CASCADE_INPUTS if tuple(ids) == CASCADE_INPUTS[0].options[1:] else model.cascade_inputs(leaders)
    menus = specs[:MENUS]
    picked = {who: "(" + " || ".join(f"{m.name} == {vega_string(who)}" for m in menus) + ")" for who in ids}
    choice = " + ".join(f"({picked[who]} ? {2 ** i} : 0)" for i, who in enumerate(ids))
    used = " + ".join(f"({m.name} != {vega_string(NOBODY)} ? 1 : 0)" for m in menus)
    params = [*(bound(m) for m in menus), alt.param(name="choice", expr=choice), alt.param(name="menus_used", expr=used)]

    names = [str(n) for n in leaders["name"]]
    slider = specs[MENUS]  # the round shown, declared once (model.ROUND for the book's leaders)
    shown = f"min({slider.name}, datum.rounds)"  # the round shown: the last one when the slider is past it
    # one dataset for the words and the picture: a row per choice
    data = outcomes[["choice", "k", "reach", "total", "rounds", "rounds_word", "chosen", "out", "verdict", "status",
                     "step", "on_board"]]
    at = alt.Chart(data).transform_filter(
        "datum.choice == choice").transform_lookup(
        lookup="k", from_=alt.LookupData(model.gap_words(leaders, gap), key="k",
                                         fields=["greedy", "greedy_reach", "best", "best_reach"])
    ).transform_calculate(shown=shown).transform_calculate(
        joined_list="slice(split(" + " + ".join(
            f"(datum.shown > 0 && datum.step[{i}] == datum.shown ? {vega_string(name + _SEP)} : '')"
            for i, name in enumerate(names)) + f", {vega_string(_SEP)}), 0, -1)"
    ).transform_calculate(
        joined="length(datum.joined_list) == 0 ? '' : length(datum.joined_list) == 1 ? datum.joined_list[0] : "
               "join(slice(datum.joined_list, 0, -1), ', ') + ' and ' + peek(datum.joined_list)",
        round_kind="datum.shown == 0 ? 'start' : length(datum.joined_list) == 1 ? 'one' : 'many'",
        shown_on_board="datum.on_board[datum.shown]",
    ).transform_calculate(round_line=" : ".join(
        f"datum.round_kind == {vega_string(kind)} ? "
        + vega_sentence(line, {"shown": "datum.shown", "joined": "datum.joined", "on_board": "datum.shown_on_board"})
        for kind, line in ROUND_WORDS.items()) + " : ''")
    params += [bound(SHOW_BEST), alt.param(name="best_verdict", expr=f"choice == 0 ? 'none' : {SHOW_BEST.name} ? "
                                                                       "'shown' : 'hidden'"), bound(slider)]
    said = " : ".join(f"datum.verdict == {vega_string(kind)} && best_verdict == {vega_string(best)} ? "
                      f"{_lines(model.cascade_words(kind, best), 'datum.round_line')}"
                      for kind in CASCADE_WORDS for best in BEST_WORDS) + " : ''"
    repeat = warning_words(at.transform_filter("menus_used > datum.k").transform_calculate(
        label=vega_string(REPEAT_WORDS))).encode(y=alt.value(100))

    chosen = alt.Chart(data).transform_filter(
        "datum.choice == choice").transform_calculate(shown=shown)
    joins = " : ".join(f"datum.joins_key == {vega_string(key)} ? {vega_sentence(line)}"
                       for key, line in JOINS_WORDS.items()) + " : ''"
    # a leader won over by others is "not on board" yet at a round before the one they join in
    # (model.round_status's rule, on the model's ``step``); "Joins" says when they join, whatever the round
    people = chosen.transform_calculate(id=_array(ids)).transform_flatten(
        ["id", "status", "step"], as_=["id", "status_end", "step"]).transform_lookup(
        lookup="id", from_=alt.LookupData(leaders.assign(label=model.listener_labels(leaders))[
            ["id", "name", "role", "power", "interest", "label"]], key="id",
            fields=["name", "role", "power", "interest", "label"])).transform_calculate(
        status_code="datum.status_end == 2 && datum.step > datum.shown ? 3 : datum.status_end",
        joins_key=f"{_array(JOINS_BY_STATUS)}[datum.status_end]", speaker_name="datum.name"
    ).transform_calculate(status=f"{_array(STATUSES)}[datum.status_code]", joins=joins)
    cells = model.network_cells(leaders, network) if network is not None else None
    rounds = chosen.transform_calculate(round="sequence(0, datum.rounds + 1)").transform_flatten(
        ["round", "on_board"])
    matrix = None
    if cells is not None:
        edges = chosen.transform_calculate(
            label=_array(cells["label"]), speaker_name=_array(cells["speaker_name"]),
            share_words=_array(cells["share_words"]), column="[" + ", ".join(map(str, cells["column"])) + "]"
        ).transform_flatten(["label", "speaker_name", "share_words", "column"]).transform_calculate(
            on="datum.step[datum.column] >= 0 && datum.step[datum.column] <= datum.shown")
        matrix = _matrix(people, edges, names, model.listener_labels(leaders))
    face = explorer(
        alt.layer(words(at.transform_calculate(label=said)), repeat),
        _picture(people, rounds, len(ids), fade=True, matrix=matrix), params,
        words_height=140, title="Choose your first conversations",
        subtitle="Pick up to three leaders in the menus under the chart, then move the round to watch the cascade.",
        description="Interactive chart. Up to three menus choose the leaders you talk to first; the text says how "
                    "many are on board when the cascade stops and after how many rounds, compares your choice with "
                    "the greedy choice and the best choice of as many people once you have changed the menus or "
                    "ticked Show the best, names who never joins, and says who joins in the round shown (a "
                    "slider, from round 0 to the last); the grid colours each leader by how they stand at that "
                    "round; the matrix gives who listens to whom, a row per leader named with the share of what "
                    "they hear that must come from people on board before they join, each cell the share of what "
                    "they hear from the column's leader, in per cent, bold once that leader is on board; the bars "
                    "count who is on board after each round.")
    # the words are drawn above the picture in the page; their hidden item keeps to the plots' width
    face.vconcat[0] = face.vconcat[0].properties(width=_PLOT)
    return face


def obstacle_chart(plan: pd.DataFrame) -> alt.Chart:
    """Obstacles per owner, most first (the live exercise's chart; one dataset).

    Parameters
    ----------
    plan : pandas.DataFrame
        Columns ``order``, ``owner`` and ``count`` of :func:`~exercises.influence.model.plan_conversations`,
        and ``chosen`` (the conversation being read).
    """
    y = alt.Y("owner:N", title=None, sort=alt.EncodingSortField("order"))
    return alt.Chart(plan).mark_bar().encode(
        x=_counts("count", ROWS, "Obstacles they own"), y=y,
        color=alt.condition("datum.chosen", alt.value(YOURS), alt.value("#bbbbbb")),
        tooltip=[alt.Tooltip("owner:N", title="Owner"), alt.Tooltip("count:Q", title="Obstacles"),
                 alt.Tooltip("order:Q", title="Conversation")],
    ).properties(
        width=WIDTH, title="Who owns the obstacles", description=(
            "Bar chart: one bar per person or team who owns obstacles to your change, as long as the number of "
            "obstacles they own; the first conversation goes to the top bar."))


# --------------------------------------------------------------------------- the obstacles, read in the page
#
# The static face reads what the learner types as :func:`exercises.kit.text.read_text` and
# :func:`~exercises.influence.model.plan_conversations` do, in Vega expressions (JavaScript regular
# expressions with the ``u`` flag count code points, as Python does). Each piece is a function
# from a Vega expression to a Vega expression.

#: Python's white space (``str.isspace``, ``str.strip``), as a JavaScript class body.
_SPACE = ("\\u0009-\\u000d\\u001c-\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f"
          "\\u3000")
#: What :func:`exercises.kit.text.clean_text` drops, as a JavaScript class.
_UNSAFE = ("[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\ufdd0-\\ufdef\\ufffe\\uffff"
           + "".join(f"\\u{{{plane:x}fffe}}\\u{{{plane:x}ffff}}" for plane in range(1, 17)) + "]")
_RI = "[\\u{1f1e6}-\\u{1f1ff}]"
#: At a cut, the next character does not belong to the one before (as ``kit.text._continues``).
_WHOLE = ("(?<!\\u200d)(?![\\u200c\\u200d\\p{Mn}\\p{Me}\\p{Mc}\\u{1f3fb}-\\u{1f3ff}\\u{e0020}-\\u{e007f}])"
          f"(?!(?={_RI})(?<=(?<!{_RI})(?:{_RI}{_RI})*{_RI}))")
#: Separates the lines of the words inside one string (cleaning drops it from any text typed).
_SEP = "\u0001"


def _re(source: str, flags: str = "u") -> str:
    return f"regexp({vega_string(source)}, {vega_string(flags)})"


def _clean(raw: str) -> str:
    """``clean_text``: lone surrogates become U+FFFD, then what is unsafe is dropped."""
    lone, unsafe = _re("[\\ud800-\\udfff]", "gu"), _re(_UNSAFE, "gu")
    return f"replace(replace('' + {raw}, {lone}, '\\ufffd'), {unsafe}, '')"


def _strip(text: str) -> str:
    ends = _re(f"^[{_SPACE}]+|[{_SPACE}]+$", "gu")
    return f"replace({text}, {ends}, '')"


def _length(text: str) -> str:
    """Characters (code points, as ``len`` counts them) of ``text``."""
    each = _re("[\\s\\S]", "gu")
    return f"length(replace({text}, {each}, '.'))"


def _cut(text: str, limit: int) -> str:
    """``kit.text._cut`` of a text longer than ``limit``, then stripped at its end: the longest
    start of at most ``limit`` characters (and more than ``limit - _BACKOFF``) that ends between
    two characters, else the first ``limit``."""
    low = max(limit - _BACKOFF, 0) + 1
    any_ = "[\\s\\S]"
    start = _re(f"^(?:({any_}{{{low},{limit}}}){_WHOLE}|({any_}{{{limit}}})){any_}*$")
    end = _re(f"[{_SPACE}]+$")
    return f"replace(replace({text}, {start}, '$1$2'), {end}, '')"


def _shows(text: str) -> str:
    """Whether ``text`` holds anything but white space and invisible format characters."""
    visible = _re(f"[^{_SPACE}\\p{{Cf}}]")
    return f"test({visible}, {text})"


def _blank(raw: str) -> str:
    """Whether ``str(raw).strip()`` is empty (the rule for a row left alone)."""
    other = _re(f"[^{_SPACE}]")
    return f"!test({other}, '' + {raw})"


def _sentence(text: str) -> str:
    """:func:`~exercises.influence.model.as_sentence` of a stripped ``text``."""
    one, head, stop = _re("^([\\s\\S])[\\s\\S]*$"), _re("^[\\s\\S]"), _re("[.!?…]$")
    return f"(upper(replace({text}, {one}, '$1')) + replace({text}, {head}, '') + (test({stop}, {text}) ? '' : '.'))"


def _wrap(line: str) -> str:
    """``line`` wrapped by :data:`~exercises.influence.model.WRAP_PATTERN`, each line followed by the separator."""
    pattern = model.WRAP_PATTERN.format(width=model.WRAP).replace("\\Z", "$")
    lines = _re(pattern, "gsu")
    return f"replace({line}, {lines}, '$1$2' + {vega_string(_SEP)})"


def _pick(values: list[str], index: str) -> str:
    return f"[{', '.join(values)}][{index} - 1]"


def _obstacle_signals(inputs: tuple, worked: list[tuple[str, str]]) -> list:
    """The page's reading of the rows, one signal per row and fact, and the lines of the words
    (``ob_lines``): the summary, each row's problem, the card of the conversation chosen."""
    texts, owners = inputs[:2 * ROWS:2], inputs[1:2 * ROWS:2]
    flag = model.USE_WORKED.name
    rows = range(1, ROWS + 1)
    out, limit = {}, model.OBSTACLE_CHARS
    what = {key: vega_string(name) for key, name in model.FIELD_NAMES.items()}
    for k, text, owner, (w_obstacle, w_owner) in zip(rows, texts, owners, worked):
        out[f"ob_raw_{k}"] = f"{flag} ? {vega_string(w_obstacle)} : {text.name}"
        out[f"ob_who_{k}"] = f"{flag} ? {vega_string(w_owner)} : ('' + {owner.name})"
        out[f"ob_full_{k}"] = _strip(_clean(f"ob_raw_{k}"))
        out[f"ob_total_{k}"] = _length(f"ob_full_{k}")
        out[f"ob_cut_{k}"] = f"ob_total_{k} > {limit} ? {_cut(f'ob_full_{k}', limit)} : ob_full_{k}"
        out[f"ob_text_{k}"] = f"{_shows(f'ob_cut_{k}')} ? ob_cut_{k} : ''"
        out[f"ob_skip_{k}"] = f"{_blank(f'ob_raw_{k}')} && ob_who_{k} == ''"
        long = vega_sentence(model.READ_WORDS["long"], {"what": what["obstacle"], "total": f"ob_total_{k}",
                                                          "limit": str(limit), "kept": _length(f"ob_text_{k}")})
        empty = {key: vega_sentence(model.READ_WORDS["empty"], {"what": name}) for key, name in what.items()}
        out[f"ob_p1_{k}"] = f"ob_text_{k} == '' ? {empty['obstacle']} : ob_total_{k} > {limit} ? {long} : ''"
        out[f"ob_p2_{k}"] = f"ob_who_{k} == '' ? {empty['owner']} : ''"
        both = f"ob_p1_{k} + (ob_p1_{k} != '' && ob_p2_{k} != '' ? ' ' : '') + ob_p2_{k}"
        out[f"ob_problem_{k}"] = (f"ob_skip_{k} || (ob_p1_{k} == '' && ob_p2_{k} == '') ? '' : "
                                  + vega_sentence(model.ROW_WORDS, {"row": str(k), "problems": f"({both})"}))
        out[f"ob_used_{k}"] = f"!ob_skip_{k} && ob_text_{k} != '' && ob_who_{k} != ''"
        out[f"ob_sentence_{k}"] = _sentence(f"ob_text_{k}")
    for k in rows:
        earlier = " || ".join(f"(ob_used_{j} && ob_who_{j} == ob_who_{k})" for j in range(1, k)) or "false"
        out[f"ob_lead_{k}"] = f"ob_used_{k} && !({earlier})"
        out[f"ob_count_{k}"] = " + ".join(f"(ob_used_{j} && ob_who_{j} == ob_who_{k} ? 1 : 0)" for j in rows)
    for k in rows:  # most obstacles first, ties in the order of the rows
        ahead = " + ".join(f"(ob_lead_{j} && (ob_count_{j} > ob_count_{k} || ob_count_{j} == ob_count_{k} && {j} < {k})"
                           " ? 1 : 0)" for j in rows if j != k)
        out[f"ob_order_{k}"] = f"ob_lead_{k} ? 1 + {ahead} : 0"
    out["ob_count"] = " + ".join(f"(ob_used_{k} ? 1 : 0)" for k in rows)
    out["ob_owners"] = " + ".join(f"(ob_lead_{k} ? 1 : 0)" for k in rows)

    def lead(order: str) -> str:  # the row that leads the owner at place ``order`` (0: none)
        return " : ".join(f"ob_order_{k} == {order} ? {k}" for k in rows) + " : 0"

    conversation = CONVERSATION.name
    out["ob_first"], out["ob_pick"] = lead("1"), lead(conversation)
    owner = _pick([f"ob_who_{k}" for k in rows], "ob_pick")
    out["ob_pick_owner"] = f"ob_pick > 0 ? {owner} : ''"
    out["ob_pick_count"] = f"ob_pick > 0 ? {_pick([f'ob_count_{k}' for k in rows], 'ob_pick')} : 0"
    member = {k: f"(ob_pick > 0 && ob_used_{k} && ob_who_{k} == ob_pick_owner)" for k in rows}
    sentences = " + ".join(f"({member[k]} ? ob_sentence_{k} + ' ' : '')" for k in rows)
    plural = {noun: (lambda count, noun=noun: f"({count} == 1 ? {vega_string(model.NOUNS[noun][0])} : "
                                               f"{vega_string(model.NOUNS[noun][1])})") for noun in model.NOUNS}
    draft = " : ".join(f"ob_pick_count {'== 1' if key == 'one' else '> 1'} ? " + vega_sentence(
        line, {"owner": "ob_pick_owner", "count": "ob_pick_count", "obstacles": f"slice({sentences}, 0, -1)"})
        for key, line in model.DRAFT_WORDS.items()) + " : ''"
    card = " + ".join([
        _wrap(vega_sentence(model.CARD_WORDS["heading"], {
            "order": conversation, "owner": "ob_pick_owner", "count": "ob_pick_count",
            "obstacles_word": plural["obstacle"]("ob_pick_count")})),
        *(f"({member[k]} ? {_wrap(vega_sentence(model.CARD_WORDS['item'], {'obstacle': f'ob_text_{k}'}))} : '')"
          for k in rows),
        _wrap(vega_sentence(model.CARD_WORDS["draft"], {"draft": f"({draft})"}))])
    beyond = _wrap(vega_sentence(model.OBSTACLE_WORDS["beyond"], {
        "conversation": conversation, "owners": "ob_owners", "owners_word": plural["owner"]("ob_owners")}))
    first = f"({_pick([f'ob_who_{k}' for k in rows], 'ob_first')})"
    summary = _wrap(vega_sentence(model.OBSTACLE_WORDS["plan"], {
        "count": "ob_count", "obstacles_word": plural["obstacle"]("ob_count"), "owners": "ob_owners",
        "owners_word": plural["owner"]("ob_owners"), "first": first,
        "first_count": _pick([f"ob_count_{k}" for k in rows], "ob_first")}))
    problems = " + ".join(f"(ob_problem_{k} != '' ? {_wrap(f'ob_problem_{k}')} : '')" for k in rows)
    empty = _wrap(vega_sentence(model.OBSTACLE_WORDS["empty"], {"conversation": conversation}))
    said = (f"ob_count == 0 ? {empty} + {problems} : "
            f"{summary} + {problems} + (ob_pick > 0 ? {card} : {beyond})")
    out["ob_lines"] = f"slice(split({said}, {vega_string(_SEP)}), 0, -1)"
    return [alt.param(name=name, expr=expr) for name, expr in out.items()]


#: Pixels the owners' names keep left of the bars.
_OWNER_EXTENT = 150


def obstacle_explorer(leaders: pd.DataFrame) -> alt.VConcatChart:
    """The static face of the obstacles exercise: the learner's own obstacles, grouped into first
    conversations in the page.

    Six rows of an obstacle (a text box) and its owner (a menu of ``leaders``' roles), declared in
    the model (:func:`~exercises.influence.model.static_obstacle_inputs`, starting empty as the
    live boxes do), the conversation to read (:data:`~exercises.influence.model.CONVERSATION`) and
    a box that reads the worked example instead (:data:`~exercises.influence.model.USE_WORKED`).
    Vega expressions read each row as :func:`~exercises.influence.model.plan_conversations` does
    (cleaned, stripped, cut at :data:`~exercises.influence.model.OBSTACLE_CHARS` characters;
    a row with an obstacle but no owner, or an owner but no obstacle, explained), group the rows
    by owner (most obstacles first, ties in the order of the rows) and fill the model's words
    (:data:`~exercises.influence.model.OBSTACLE_WORDS`, :data:`~exercises.influence.model.CARD_WORDS`,
    :data:`~exercises.influence.model.DRAFT_WORDS`), each line wrapped by
    :func:`~exercises.influence.model.wrap`'s rule.

    Parameters
    ----------
    leaders : pandas.DataFrame
        Output of :func:`~exercises.influence.model.load_leaders` (the owners offered).
    """
    same = tuple(leaders["role"]) == model.STATIC_OBSTACLE_INPUTS[1].options[1:]
    inputs = model.STATIC_OBSTACLE_INPUTS if same else model.static_obstacle_inputs(leaders)
    worked = [(str(o), str(w)) for o, w in model.WORKED_OBSTACLES][:ROWS]
    worked += [("", "")] * (ROWS - len(worked))
    params = [*(bound(spec) for spec in inputs), *_obstacle_signals(inputs, worked)]
    rows = pd.DataFrame({"row": range(1, ROWS + 1)})
    said = words(alt.Chart(rows).transform_filter("datum.row == 1").transform_calculate(label="ob_lines"))
    owners = [f"ob_who_{k}" for k in range(1, ROWS + 1)]
    plan = alt.Chart(rows).transform_calculate(
        owner=f"[{', '.join(owners)}][datum.row - 1]",
        count=_pick([f"ob_count_{k}" for k in range(1, ROWS + 1)], "datum.row"),
        order=_pick([f"ob_order_{k}" for k in range(1, ROWS + 1)], "datum.row"),
    ).transform_filter("datum.order > 0")
    y = alt.Y("owner:N", title=None, sort=alt.EncodingSortField("order"),
              # room for the longest role from the start: the page does not widen the chart as owners appear
              axis=alt.Axis(minExtent=_OWNER_EXTENT, labelLimit=_OWNER_EXTENT))
    # aria=False: the words above say each conversation, its owner and how many obstacles they own;
    # with no obstacle yet the marks are empty, which axe reports as images with no text. The count
    # is written at the end of each bar, so it is read without hovering.
    x = _counts("count", ROWS, "Obstacles they own")
    bars = alt.layer(
        plan.mark_bar(aria=False).encode(
            x=x, y=y,
            color=alt.condition(f"datum.order == {CONVERSATION.name}", alt.value(YOURS), alt.value("#bbbbbb")),
            tooltip=[alt.Tooltip("owner:N", title="Owner"), alt.Tooltip("count:Q", title="Obstacles"),
                     alt.Tooltip("order:Q", title="Conversation")]),
        plan.mark_text(aria=False, align="left", dx=4, color=INK).encode(
            x=x, y=y, text=alt.Text("count:Q", format="d")),
    ).properties(width=WIDTH - _OWNER_EXTENT, height=alt.Step(26))
    # the words grow with what is typed: the layout is redone on every change (autosize resize),
    # so the bars and the inputs move down instead of being covered
    face = explorer(
        said.encode(x=alt.value(-_OWNER_EXTENT)), bars, params, words_height=20 * 4,
        title="Your obstacles, grouped into first conversations",
        subtitle="Write up to six obstacles under the chart and choose who owns each; or read the worked example.",
        description="Interactive bar chart of the obstacles you list under it: one bar per owner, as long as the "
                    "number of obstacles they own, the first conversation at the top and the one you read "
                    "highlighted; the text counts the obstacles and owners, explains rows it cannot use, and "
                    "lists the chosen owner's obstacles with the first conversation drafted for them."
    ).properties(autosize=alt.AutoSizeParams(type="pad", resize=True))
    # the words are drawn above the picture in the page; their hidden item keeps to the bars' width, so
    # the picture does not reach past a phone's column
    face.vconcat[0] = face.vconcat[0].properties(width=WIDTH - _OWNER_EXTENT)
    return face
