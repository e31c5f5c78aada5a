"""Where charts are drawn: the one place that chooses a renderer for each context.

Two contexts, chosen by the environment variable ``LEADING_PRODUCTS_RENDER``:

``live`` (the default: JupyterLab, Voilà, Binder)
    Charts are :class:`altair.JupyterChart` widgets with Vega bundled in (``offline=True``),
    so a facilitator's notebook draws charts with no network.
``static`` (set by ``make execute`` and by the test suite's ``conftest.py``)
    Charts become a small HTML snippet that loads Vega, Vega-Lite and vega-embed from the
    built site's own ``_static/vendor/`` folder (fetched from npm at build time), so the
    published page makes no request to another host. Each exercise shows its static face
    (see :class:`exercises.kit.live.Exercise`): the page has no kernel to talk to.

Committed notebook outputs are made in the ``static`` context; ``pytest --nbval`` checks
them in the same context, so the site shows exactly what was tested.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os

import altair as alt

from .charts import WORDS_MARK
from .text import safe_text
from .theme import enable_theme

__all__ = ["RENDER_ENV", "VL_VERSION", "render_mode", "setup", "static_html"]

#: Environment variable that picks the context: ``live`` (default) or ``static``.
RENDER_ENV = "LEADING_PRODUCTS_RENDER"
_VENDOR = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
_EMBED_OPTIONS = {"actions": False, "renderer": "svg"}
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


def static_html(spec: dict) -> str:
    """Return the HTML that draws a Vega-Lite ``spec`` on the static site.

    The snippet finds the site's root from Sphinx's ``data-content_root`` attribute, so it
    works on a page at any depth, served over HTTP or opened from disk, and loads the three
    scripts once per page with plain script tags. The element id is deterministic (a counter and a hash of the spec), so re-running a
    notebook gives identical output. Once drawn, the chart is handed to the page's journal
    (``window.lpJournal.attach(el, view, spec)``, from ``book/_assets/journal.js``) when the page
    has one: it restores and keeps the learner's values of the bound inputs. A page without it
    draws the chart all the same.

    The chart's result sentences (:func:`exercises.kit.charts.words`) are written, line by line,
    into the paragraph ``p.lp-chart-words`` above the picture (``aria-live="polite"``, outside
    the ``role="img"`` element) whenever a parameter changes; the drawing element's
    ``lpWordItems()`` gives their Vega scenegraph items (for tests).
    """
    payload = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha1(payload.encode()).hexdigest()[:10]
    div = f"lp-chart-{next(_counter)}-{digest}"
    description = safe_text(spec.get("description", ""))
    # "</" must not end the inline script early, whatever text the spec holds.
    payload = payload.replace("</", "<\\/")
    files = json.dumps(list(_VENDOR))
    options = json.dumps(_EMBED_OPTIONS)
    tag = json.dumps(WORDS_MARK)
    return f"""<figure class="lp-chart" style="margin:0 0 1em 0">
<p class="lp-chart-words" id="{div}-words" aria-live="polite"></p>
<div id="{div}" role="img" aria-label="{description}"></div>
<figcaption class="lp-chart-description">{description}</figcaption>
</figure>
<script type="text/javascript">
(function (spec, opt, files) {{
  var el = document.getElementById("{div}");
  var root = document.documentElement.getAttribute("data-content_root");
  var base = (root === null ? "" : root) + "_static/vendor/";
  function fail(what) {{
    el.textContent = "This chart could not be drawn (" + what + "). Rebuild the site with make book.";
    console.error("Leading Products chart {div}:", what);
  }}
  // The result sentences (kit.charts.words: text items tagged WORDS_MARK) are computed by Vega but
  // not drawn: after every change their lines are written as HTML above the chart, where they wrap
  // to any width and a screen reader hears them (aria-live) once, outside the role="img" picture.
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
    var text = item.text;
    if (Array.isArray(text)) {{ return text.map(function (t) {{ return t == null ? "" : String(t); }}); }}
    text = text == null ? "" : String(text);
    return item.lineBreak ? text.split(item.lineBreak) : [text];
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
  function listen(view) {{
    el.lpWordItems = function () {{ return wordItems(view); }};
    var later = function () {{ view.runAfter(function () {{ tell(view); }}); }};
    (spec.params || []).forEach(function (param) {{
      try {{ view.addSignalListener(param.name, later); }} catch (err) {{ /* a selection: no such signal */ }}
    }});
    tell(view);
  }}
  function show(embed) {{
    embed(el, spec, opt).then(function (result) {{
      try {{ listen(result.view); }} catch (err) {{ console.warn("Leading Products words:", err); }}
      // The learner's journal (book/_assets/journal.js) keeps this exercise's inputs, if the page has it.
      if (window.lpJournal) {{
        try {{ window.lpJournal.attach(el, result.view, spec); }}
        catch (err) {{ console.warn("Leading Products journal:", err); }}
      }}
    }}, function (err) {{ fail(err.message); }});
  }}
  if (window.vegaEmbed) {{ show(window.vegaEmbed); return; }}
  window.lpVegaLoading = window.lpVegaLoading || files.reduce(function (ready, file) {{
    return ready.then(function () {{
      return new Promise(function (resolve, reject) {{
        var script = document.createElement("script");
        script.src = base + file;
        script.onload = resolve;
        script.onerror = function () {{ reject(new Error("missing " + file)); }};
        document.head.appendChild(script);
      }});
    }});
  }}, Promise.resolve());
  window.lpVegaLoading.then(function () {{ show(window.vegaEmbed); }}, function (err) {{ fail(err.message); }});
}})({payload}, {options}, {files});
</script>"""


def _static_renderer(spec: dict, **metadata) -> dict:
    return {"text/html": static_html(spec)}
