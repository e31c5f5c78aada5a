"""Where charts are drawn: the one place that chooses a renderer for each context.

Two contexts, chosen by the environment variable ``LEADING_PRODUCTS_RENDER``:

``live`` (the default: JupyterLab, Voilà, Binder)
    Charts are :class:`altair.JupyterChart` widgets with Vega bundled in (``offline=True``),
    so a facilitator's notebook draws charts with no network.
``static`` (set by ``make execute`` and by the test suite's ``conftest.py``)
    Charts become a small HTML snippet holding the chart already compiled to Vega (at build
    time, by ``vl-convert``: the page does not ship or run the Vega-Lite compiler), which loads
    Vega and vega-embed from the built site's own ``_static/vendor/`` folder (fetched from npm at
    build time) when the chart nears the screen, so the published page makes no request to
    another host. Each exercise shows its static face
    (see :class:`exercises.kit.live.Exercise`): the page has no kernel to talk to.

Committed notebook outputs are made in the ``static`` context; ``pytest --nbval`` checks
them in the same context, so the site shows exactly what was tested.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os

import altair as alt

from .charts import WORDS_FIELD, WORDS_MARK
from .text import safe_text
from .theme import enable_theme

__all__ = ["DRAW_LATER_MS", "DRAW_MARGIN_PX", "RENDER_ENV", "VL_VERSION", "Prose", "markdown", "render_mode", "setup", "static_html",
           "vega_spec"]

#: Environment variable that picks the context: ``live`` (default) or ``static``.
RENDER_ENV = "LEADING_PRODUCTS_RENDER"
_VENDOR = ("vega.min.js", "vega-embed.min.js")
# Vega logs errors only (logLevel 1, vega.Error): its warnings are for whoever writes a spec, and
# "Infinite extent" came at every move for layers that are empty by design (a line not shown yet).
_EMBED_OPTIONS = {"actions": False, "renderer": "svg", "mode": "vega", "logLevel": 1}
#: How far (CSS px) below or above the screen a chart starts drawing: about one phone screen,
#: so a reader scrolling at a normal pace finds it drawn.
DRAW_MARGIN_PX = 800
#: A chart still far from the screen is drawn anyway once the page has been quiet this long
#: (ms after the load event, then one chart per idle moment), so that every chart is ready for
#: find-in-page and a reader who jumps ahead.
DRAW_LATER_MS = 4000
#: The Vega-Lite version altair writes ("v6.4.1" -> "v6_4"), for vl-convert's static snapshots.
VL_VERSION = "_".join(alt.SCHEMA_VERSION.split(".")[:2])
_counter = itertools.count(1)


def render_mode() -> str:
    """Return ``"static"`` or ``"live"``, read from :data:`RENDER_ENV` (default ``"live"``)."""
    return "static" if os.environ.get(RENDER_ENV, "").strip().lower() == "static" else "live"


def setup() -> None:
    """Enable the book's theme and the renderer for this context (see :func:`render_mode`).

    Every chapter notebook calls this once, in its first cell.
    """
    enable_theme()
    if render_mode() == "static":
        alt.renderers.register("leading_products_static", _static_renderer)
        alt.renderers.enable("leading_products_static")
    else:
        alt.renderers.enable("jupyter", offline=True)


def vega_spec(spec: dict) -> dict:
    """Return the Vega spec that the Vega-Lite ``spec`` compiles to (``vl-convert``, at build time).

    Bound parameters survive as Vega signals of the same name with their ``bind`` (a point
    selection bound to an input as ``<param>_<field>``), so the page's inputs, words and journal
    work as they did on the Vega-Lite spec.

    Raises
    ------
    ValueError
        If the spec does not compile (a sentence naming vl-convert's complaint).
    """
    payload = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    return json.loads(_compiled(payload))


@functools.lru_cache(maxsize=256)
def _compiled(payload: str) -> str:
    import vl_convert  # only the static context compiles: a live kernel need not load it

    try:
        compiled = vl_convert.vegalite_to_vega(json.loads(payload), vl_version=VL_VERSION)
    except Exception as err:  # vl-convert raises a bare ValueError or RuntimeError
        raise ValueError(f"This chart's Vega-Lite spec does not compile to Vega: {err}") from err
    compiled.pop("$schema", None)  # a page names no other host, not even as a schema's address
    return json.dumps(compiled, sort_keys=True, separators=(",", ":"))


def static_html(spec: dict) -> str:
    """Return the HTML that draws a Vega-Lite ``spec`` on the static site.

    The snippet finds the site's root from Sphinx's ``data-content_root`` attribute, so it
    works on a page at any depth, served over HTTP or opened from disk, and loads the two
    scripts once per page with plain script tags, fetched together and run in order. The element id is deterministic (a counter and a hash of the spec), so re-running a
    notebook gives identical output. The snippet holds the spec compiled to Vega (:func:`vega_spec`)
    and draws it with vega-embed in ``"vega"`` mode: the page loads neither the Vega-Lite compiler
    nor spends time running it. Once drawn, the chart is handed to the page's journal
    (``window.lpJournal.attach(el, view, meta)``, from ``book/_assets/journal.js``) when the page
    has one, with ``meta`` the Vega-Lite spec's ``params`` and ``usermeta`` (what the journal
    reads): it restores and keeps the learner's values of the bound inputs. A page without it
    draws the chart all the same.

    A chart is drawn when it comes within :data:`DRAW_MARGIN_PX` of the screen (an
    ``IntersectionObserver``; at once in a browser without one), and the scripts are fetched
    for the first chart drawn; charts still far away are drawn one by one once the page has been
    quiet :data:`DRAW_LATER_MS` after loading, so every chart draws.

    The chart's result sentences (:func:`exercises.kit.charts.words`) are written, line by line,
    into the paragraph ``p.lp-chart-words`` above the picture (``aria-live="polite"``, outside
    the ``role="img"`` element) whenever a parameter changes. The paragraph keeps the tallest
    height it has had at its width, so the picture and its inputs do not jump as the sentences
    change (nor the rest of the page get laid out again). The drawing element's
    ``lpWordItems()`` gives their Vega scenegraph items (for tests).
    """
    source = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha1(source.encode()).hexdigest()[:10]
    div = f"lp-chart-{next(_counter)}-{digest}"
    description = safe_text(spec.get("description", ""))
    meta = {key: spec[key] for key in ("params", "usermeta") if key in spec}
    # "</" must not end the inline script early, whatever text the spec holds.
    payload = _compiled(source).replace("</", "<\\/")
    meta = json.dumps(meta, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    files = json.dumps(list(_VENDOR))
    options = json.dumps(_EMBED_OPTIONS)
    tag, field = json.dumps(WORDS_MARK), json.dumps(WORDS_FIELD)
    margin, later_ms = DRAW_MARGIN_PX, DRAW_LATER_MS
    return f"""<figure class="lp-chart" style="margin:0 0 1em 0">
<p class="lp-chart-words" id="{div}-words" aria-live="polite"></p>
<div id="{div}" role="img" aria-label="{description}"></div>
<figcaption class="lp-chart-description">{description}</figcaption>
</figure>
<script type="text/javascript">
(function (spec, meta, opt, files) {{
  var el = document.getElementById("{div}");
  var root = document.documentElement.getAttribute("data-content_root");
  var base = (root === null ? "" : root) + "_static/vendor/";
  function fail(what) {{
    el.textContent = "This chart could not be drawn (" + what + "). Rebuild the site with make book.";
    console.error("Leading Products chart {div}:", what);
  }}
  // The result sentences (kit.charts.words: items tagged WORDS_MARK, each row's sentence in its
  // WORDS_FIELD) are computed by Vega but not drawn: after every change their lines are written as
  // HTML above the chart, where they wrap to any width and a screen reader hears them (aria-live)
  // once, outside the role="img" picture.
  var said = document.getElementById("{div}-words");
  function wordItems(view) {{
    var found = [];
    (function visit(mark) {{
      (mark.items || []).forEach(function (item) {{
        if (mark.marktype === "group") {{ (item.items || []).forEach(visit); }}
        else if (typeof item.description === "string" && item.description.indexOf({tag}) === 0) {{ found.push(item); }}
      }});
    }})(view.scenegraph().root);
    return found;
  }}
  function linesOf(item) {{
    var text = item.datum ? item.datum[{field}] : null;
    if (Array.isArray(text)) {{ return text.map(function (t) {{ return t == null ? "" : String(t); }}); }}
    return [text == null ? "" : String(text)];
  }}
  function tell(view) {{
    var lines = [];
    wordItems(view).forEach(function (item) {{
      var warning = / warning\b/.test(item.description);
      linesOf(item).forEach(function (line) {{ lines.push([line, warning]); }});
    }});
    var key = JSON.stringify(lines);
    if (said.lpSaid === key) {{ return; }}
    said.lpSaid = key;
    while (said.firstChild) {{ said.removeChild(said.firstChild); }}
    lines.forEach(function (line) {{
      var span = document.createElement("span");
      span.className = line[1] ? "lp-chart-line lp-chart-warning" : "lp-chart-line";
      span.textContent = line[0];
      said.appendChild(span);
    }});
  }}
  // The paragraph keeps the tallest height it has had at its width, so the picture and the inputs
  // under it stay where they are as the sentences change, and the page below is not moved. Sizes
  // are read after the browser's own layout (a ResizeObserver): a move forces no extra layout.
  function steady() {{
    if (!window.ResizeObserver) {{ return; }}
    var width = null, tallest = 0;
    new ResizeObserver(function (entries) {{
      var box = entries[entries.length - 1].contentRect;
      if (box.width !== width) {{ width = box.width; said.style.minHeight = ""; tallest = said.offsetHeight; }}
      else {{ tallest = Math.max(tallest, box.height); }}
      said.style.minHeight = tallest ? tallest + "px" : "";
    }}).observe(said);
  }}
  // One item's inputs at a time (kit.charts.one_at_a_time, in usermeta): every input named in
  // ``groups`` is hidden but the picked item's, the item picked being the value of ``signal`` (its
  // menu, or a click on the chart). Hidden inputs keep their values; the journal keeps them all.
  function showPicked(view) {{
    var one = meta.usermeta && meta.usermeta.lp_one_at_a_time;
    if (!one) {{ return; }}
    var binds = {{}};
    Array.prototype.forEach.call(el.querySelectorAll(".vega-bindings [name]"), function (input) {{
      binds[input.name] = input.closest(".vega-bind");
    }});
    var apply = function () {{
      var picked = String(view.signal(one.signal));
      Object.keys(one.groups).forEach(function (key) {{
        one.groups[key].forEach(function (name) {{ if (binds[name]) {{ binds[name].hidden = key !== picked; }} }});
      }});
    }};
    view.addSignalListener(one.signal, apply);
    apply();
  }}
  function listen(view) {{
    el.lpWordItems = function () {{ return wordItems(view); }};
    steady();
    showPicked(view);
    var later = function () {{ view.runAfter(function () {{ tell(view); }}); }};
    (meta.params || []).forEach(function (param) {{
      try {{ view.addSignalListener(param.name, later); }} catch (err) {{ /* a selection: no such signal */ }}
    }});
    tell(view);
  }}
  function show(embed) {{
    embed(el, spec, opt).then(function (result) {{
      try {{ listen(result.view); }} catch (err) {{ console.warn("Leading Products words:", err); }}
      // The learner's journal (book/_assets/journal.js) keeps this exercise's inputs, if the page has it.
      // The page's scripts are deferred: a chart drawn before they have run is handed over once they have.
      var keep = function () {{
        if (!window.lpJournal) {{ return; }}
        try {{ window.lpJournal.attach(el, result.view, meta); }}
        catch (err) {{ console.warn("Leading Products journal:", err); }}
      }};
      if (document.readyState === "loading") {{ document.addEventListener("DOMContentLoaded", keep); }} else {{ keep(); }}
    }}, function (err) {{ fail(err.message); }});
  }}
  function draw() {{
    if (el.lpDrawing) {{ return; }}
    el.lpDrawing = true;
    if (window.vegaEmbed) {{ show(window.vegaEmbed); return; }}
    // Fetched together, run in order (async = false): vega-embed needs vega.
    window.lpVegaLoading = window.lpVegaLoading || Promise.all(files.map(function (file) {{
      return new Promise(function (resolve, reject) {{
        var script = document.createElement("script");
        script.src = base + file;
        script.async = false;
        script.onload = resolve;
        script.onerror = function () {{ reject(new Error("missing " + file)); }};
        document.head.appendChild(script);
      }});
    }}));
    window.lpVegaLoading.then(function () {{ show(window.vegaEmbed); }}, function (err) {{ fail(err.message); }});
  }}
  // Drawn as it nears the screen; the charts still waiting are drawn one per idle moment once the
  // page has been quiet a while after loading.
  var waiting = window.lpChartsWaiting;
  if (!waiting) {{
    waiting = window.lpChartsWaiting = [];
    var next = function () {{
      var found = waiting.shift();
      while (found && !found()) {{ found = waiting.shift(); }}
      if (found) {{ (window.requestIdleCallback || function (f) {{ return setTimeout(f, 50); }})(next, {{timeout: 1000}}); }}
    }};
    var drain = function () {{ setTimeout(next, {later_ms}); }};
    if (document.readyState === "complete") {{ drain(); }} else {{ window.addEventListener("load", drain); }}
  }}
  if (!("IntersectionObserver" in window)) {{ draw(); return; }}
  var watch = new IntersectionObserver(function (entries) {{
    if (!entries.some(function (entry) {{ return entry.isIntersecting; }})) {{ return; }}
    watch.disconnect();
    draw();
  }}, {{rootMargin: "{margin}px 0px"}});
  // A notebook cell far from the screen is skipped by the browser (book.css: content-visibility),
  // and what it holds has no place on the page until it comes near: the cell's nearness counts.
  watch.observe(el.closest("div.cell") || el);
  waiting.push(function () {{ watch.disconnect(); if (el.lpDrawing) {{ return false; }} draw(); return true; }});
}})({payload}, {meta}, {options}, {files});
</script>"""


def _static_renderer(spec: dict, **metadata) -> dict:
    return {"text/html": static_html(spec)}


class Prose:
    """Markdown a notebook shows as prose (``text/markdown``), which the site renders into the page;
    a front end that cannot show Markdown shows the text itself."""

    def __init__(self, text: str):
        self.data = text  # the name IPython's own Markdown uses

    def _repr_markdown_(self) -> str:
        return self.data

    def __repr__(self) -> str:
        return self.data


def markdown(text: str) -> Prose:
    """``text`` (Markdown) as a notebook shows it: as prose, which the site renders into the page.

    A chapter's prose that quotes the model's numbers is made in Python and shown through this,
    so the words and the model never disagree."""
    return Prose(text)
