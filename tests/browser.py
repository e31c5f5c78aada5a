"""Shared browser-test harness: Debian's Chromium, a local server, and a page visit that records.

Used by every browser test (the built site, the quiz component, the static faces). Chromium is
Debian's (``/usr/bin/chromium``, installed by ``make setup``), driven by Playwright; a tool
never downloads its own browser. Every request to another host is recorded and aborted, so a
page that asks a CDN fails at once instead of waiting on a network that is not there.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import signal
import socket
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The built site the browser tests open; LEADING_PRODUCTS_SITE points them at another build
#: (``jupyter-book build . --path-output DIR`` writes DIR/_build/html).
SITE = Path(os.environ.get("LEADING_PRODUCTS_SITE") or ROOT / "_build" / "html")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1"}
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}
BAD_IMPACTS = {"critical", "serious"}
TIMEOUT_MS = 15_000


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a server a test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 15.0,
                 group: bool = True) -> int:
    """Stop a server a test (or a tool) started, and reap it: its exit code.

    Sends ``sig`` to the process's group (``group``: it was started with
    ``start_new_session=True``, so its children stop too) or to the process alone, waits up to
    ``timeout`` seconds, then kills the group (else the process) and waits. A process that has
    already exited is only reaped; one that vanishes meanwhile is not an error.
    """
    if process.poll() is not None:
        return process.returncode
    try:
        os.killpg(process.pid, sig) if group else process.send_signal(sig)
    except ProcessLookupError:
        pass
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()
        return process.wait()


def serve(directory: Path):
    """Serve ``directory`` on a free port of 127.0.0.1 from a daemon thread; return (server, url)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@contextlib.contextmanager
def site_visit(browser, viewport: dict | None = None):
    """The built site served on loopback and one fresh page of it: yields ``(visit, url)``, where ``url``
    is the site's root, and closes both."""
    server, url = serve(SITE)
    visit = Visit(browser, viewport=viewport)
    try:
        yield visit, url
    finally:
        visit.close()
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Debian's Chromium, headless, with the flags that keep it off the network."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run make setup (apt-get install chromium)", pytrace=False)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


class Visit:
    """One page in a fresh browser context, with everything it asked for and complained about."""

    def __init__(self, browser, viewport: dict | None = None):
        self.context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900},
                                           service_workers="block")
        self._foreign: dict[str, None] = {}  # an ordered set
        self.missing: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", self._request)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda err: self.errors.append(f"page error: {err}"))
        self.page.on("response", self._response)
        self.page.on("websocket", lambda ws: self._note(ws.url, "websocket"))

    @property
    def foreign(self) -> list[str]:
        """Every request to another host, in the order made."""
        return list(self._foreign)

    @staticmethod
    def _is_local(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS

    def _note(self, url: str, kind: str) -> None:
        if not self._is_local(url):
            self._foreign[f"{kind}: {url}"] = None

    def _request(self, request):
        self._note(request.url, request.resource_type)

    def _route(self, route):
        if self._is_local(route.request.url):
            route.continue_()
        else:
            self._note(route.request.url, route.request.resource_type)
            route.abort("blockedbyclient")

    def _console(self, message):
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.errors.append(f"console error: {message.text}" + (f"  [{where}]" if where else ""))

    def _response(self, response):
        if response.status >= 400:
            self.missing.append(f"HTTP {response.status}: {response.url}")

    def goto(self, url: str):
        self.page.goto(url, wait_until="load")
        return self.page

    def problems(self) -> list[str]:
        """Requests to other hosts, missing local files and browser errors, as readable lines."""
        return [f"request to another host: {f}" for f in self.foreign] + self.missing + self.errors

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for a test module (Debian's, never one a tool downloads)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def axe_violations(page, impacts: set[str] | None = BAD_IMPACTS) -> list[dict]:
    """Run axe-core on ``page``; return its violations of the given impacts (all when None)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run make setup (npm ci)", pytrace=False)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"], elementRef: true});
        const where = el => {  // name the chart a node belongs to: selectors alone are ambiguous
            const fig = el && el.closest && el.closest("figure.lp-chart");
            if (!fig) return "";
            const div = fig.querySelector("div[id]");
            const caption = (fig.querySelector("figcaption") || {}).textContent || "";
            return ` (in chart ${div ? div.id : "?"}: "${caption.trim().slice(0, 80)}")`;
        };
        return r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(" ") + where(n.element),
                                      html: n.html.slice(0, 160),
                                      summary: (n.failureSummary || "").slice(0, 300)}))
        }));
    }""")
    return [v for v in result if impacts is None or v["impact"] in impacts]


def describe_violations(violations: list[dict]) -> str:
    """axe-core violations as readable lines (rule, impact, where, why)."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html']}")
            if node["summary"]:
                lines.append("      " + node["summary"].replace("\n", "\n      "))
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def standalone_page(body: str, title: str = "probe", root: str = "") -> str:
    """A minimal HTML page holding ``body``, whose ``data-content_root`` points at ``root``.

    Serve it from a folder where ``_static`` links to the built site's ``_static`` so charts
    find the vendored Vega scripts (see :func:`site_folder`).
    """
    return (f'<!DOCTYPE html><html lang="en" data-content_root="{root}"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>")


def site_folder(tmp_path: Path) -> Path:
    """A temporary folder whose ``_static`` is the built site's, for standalone test pages."""
    if not (SITE / "_static" / "vendor").is_dir():
        pytest.fail(f"no built site in {SITE}: run make book first", pytrace=False)
    (tmp_path / "_static").symlink_to(SITE / "_static", target_is_directory=True)
    return tmp_path


@contextlib.contextmanager
def chart_page(tmp_path: Path, html: str, title: str, ready: str = "figure.lp-chart svg"):
    """One chart's static HTML (from ``display.static_html``) served as a page of a copy of the
    site's scripts, opened in Chromium once ``ready`` is drawn; yields the :class:`Visit`."""
    from playwright.sync_api import sync_playwright

    folder = site_folder(tmp_path)
    (folder / "index.html").write_text(standalone_page(html, title=title), encoding="utf-8")
    server, url = serve(folder)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            visit = Visit(browser)
            try:
                visit.goto(f"{url}/index.html").wait_for_selector(ready)
                yield visit
            finally:
                visit.close()
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- static explorers


#: Vega redraws asynchronously: two animation frames after the last input, it has drawn.
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def draw_every_block(page) -> None:
    """Have ``page`` draw the blocks it skips while they are far from the screen (book.js marks
    them ``.lp-far``, for speed): a skipped block's ``innerText`` is empty, and a test reads the
    page as a reader who scrolls through it sees it. (``test_phone.py`` holds the skipping itself.)"""
    page.add_style_tag(content=".lp-far { content-visibility: visible !important; }")

_EXPLORER_SET = """([anchor, name, value]) => {
    const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
    const els = Array.from(fig.querySelectorAll(`[name="${name}"]`));
    if (!els.length) throw new Error(`the explorer has no input named ${name}`);
    const el = els[0], fire = (target, kind) => target.dispatchEvent(new Event(kind, {bubbles: true}));
    if (el.tagName === "SELECT") {
        const i = Array.from(el.options).findIndex(o => o.value === String(value)
            || (o.value !== "" && typeof value === "number" && Number(o.value) === value));
        if (i < 0) throw new Error(`${name} has no option ${value}`);
        el.selectedIndex = i; fire(el, "change");
    } else if (el.type === "radio") {
        const radio = els.find(r => r.value === String(value) || Number(r.value) === value);
        if (!radio) throw new Error(`${name} has no choice ${value}`);
        radio.checked = true; fire(radio, "change"); fire(radio, "click");
    } else if (el.type === "checkbox") {
        el.checked = !!value; fire(el, "change");
    } else {
        el.value = String(value); fire(el, "input"); fire(el, "change");
    }
}"""
_EXPLORER_TEXT = """(anchor) => {
    const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
    // The result sentences first, as the page shows them (HTML above the picture), then the picture's
    // own text, without the hidden text items those sentences are computed in.
    const said = Array.from(fig.querySelectorAll(".lp-chart-words .lp-chart-line")).map(s => s.textContent);
    const drawn = fig.querySelector("div[id^=lp-chart-]");
    const hidden = new Set((drawn && drawn.lpWordItems ? drawn.lpWordItems() : []).map(i => i._svg).filter(Boolean));
    return said.concat(Array.from(fig.querySelectorAll("svg text"))
        .filter(t => !hidden.has(t))
        .flatMap(t => t.querySelector("tspan") ? Array.from(t.querySelectorAll("tspan")) : [t])
        .map(t => t.textContent));
}"""
_EXPLORER_VALUES = """(anchor) => {
    const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
    const out = {};
    for (const el of fig.querySelectorAll("input[name], select[name]")) {
        if (el.type === "radio") { if (el.checked) out[el.name] = el.value; }
        else if (el.type === "checkbox") out[el.name] = el.checked;
        else out[el.name] = el.value;
    }
    return out;
}"""

#: The curves an explorer draws (Vega's line marks), for :meth:`Explorer.count`.
CURVES = "svg g.mark-line path"
# Each drawn curve's points, from the items Vega bound to its path (``path.__data__``).
_EXPLORER_CURVES = """([anchor, x, y, series]) => {
    const fig = document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart");
    const out = {};
    for (const path of fig.querySelectorAll("svg g.mark-line path")) {
        const items = path.__data__ ? path.__data__.mark.items : [];
        if (items.length) out[String(items[0].datum[series])] = items.map(i => [i.datum[x], i.datum[y]]);
    }
    return out;
}"""
_EXPLORER_COUNT = """([anchor, selector]) => document.querySelector(`[name="${anchor}"]`).closest("figure.lp-chart")
    .querySelectorAll(selector).length"""


class Explorer:
    """One static explorer on a page, driven through its bound inputs as a reader drives it.

    The one harness the static-versus-model tests share: find the explorer by the name of one
    of its bound inputs (``anchor``, the input's declared name), :meth:`set` inputs by name
    (menus, sliders, radio buttons, check boxes), and read back every line it draws
    (:meth:`lines`) or the inputs' current values (:meth:`values`). A chapter's test then holds
    what the page says against what its model says for the same inputs.
    """

    def __init__(self, page, anchor: str):
        self.page, self.anchor = page, anchor
        page.wait_for_selector(f'figure.lp-chart [name="{anchor}"]', state="attached")

    def set(self, **values) -> "Explorer":
        """Set each named input to its value, then wait for Vega to redraw."""
        for name, value in values.items():
            self.page.evaluate(_EXPLORER_SET, [self.anchor, name, value])
        self.page.evaluate(SETTLED)
        return self

    def lines(self, pattern: str | None = None) -> list[str]:
        """Every line of text the explorer shows, or those matching ``pattern``: its result sentences
        first (the ``aria-live`` paragraph above the picture), then the picture's text (axis labels too)."""
        import re

        found = self.page.evaluate(_EXPLORER_TEXT, self.anchor)
        return [line for line in found if pattern is None or re.search(pattern, line)]

    def values(self) -> dict:
        """The current value of each bound input, by name (as the page holds it: strings, booleans)."""
        return self.page.evaluate(_EXPLORER_VALUES, self.anchor)

    def curves(self, x: str, y: str, series: str) -> dict[str, list[tuple[float, float]]]:
        """The points of every curve drawn, by the value of its ``series`` field: ``(x, y)`` in the
        order Vega draws them, read from the data of the drawn marks (not from pixels)."""
        found = self.page.evaluate(_EXPLORER_CURVES, [self.anchor, x, y, series])
        return {name: [tuple(point) for point in points] for name, points in found.items()}

    def count(self, selector: str) -> int:
        """How many elements of the explorer's figure match the CSS ``selector`` (the curves it draws:
        ``"svg g.mark-line path"``)."""
        return self.page.evaluate(_EXPLORER_COUNT, [self.anchor, selector])


@contextlib.contextmanager
def explorer_page(tmp_path: Path, chart, anchor: str, title: str = "Explorer"):
    """A static explorer (an altair chart, or its Vega-Lite spec as a dict, drawn as the site draws it)
    on a page of its own, opened in Chromium; yields its :class:`Explorer`. Problems the page logs are
    checked on exit."""
    from exercises.kit import display

    display.setup()
    html = display.static_html(chart if isinstance(chart, dict) else chart.to_dict())
    with chart_page(tmp_path, html, title) as visit:
        yield Explorer(visit.page, anchor)
        assert not visit.problems(), visit.problems()


def mutated(chart, old: str, new: str) -> dict:
    """``chart``'s Vega-Lite spec with the expression text ``old`` replaced by ``new`` (it must be there):
    a static-versus-model test run on it must fail, or it does not hold the page's computation."""
    import json

    text = json.dumps(chart.to_dict())
    found = json.dumps(old)[1:-1]
    assert found in text, f"the spec has no {old!r} to mutate"
    return json.loads(text.replace(found, json.dumps(new)[1:-1]))
