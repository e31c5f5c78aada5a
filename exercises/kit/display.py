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
    """
    payload = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha1(payload.encode()).hexdigest()[:10]
    div = f"lp-chart-{next(_counter)}-{digest}"
    description = safe_text(spec.get("description", ""))
    # "</" must not end the inline script early, whatever text the spec holds.
    payload = payload.replace("</", "<\\/")
    files = json.dumps(list(_VENDOR))
    options = json.dumps(_EMBED_OPTIONS)
    return f"""<figure class="lp-chart" style="margin:0 0 1em 0">
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
  function show(embed) {{
    embed(el, spec, opt).then(function (result) {{
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
