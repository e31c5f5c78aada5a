"""The facilitator's promise: in JupyterLab, with no network, the live chapter runs, draws and reads well.

One JupyterLab server (``LEADING_PRODUCTS_RENDER=live``), started as ``make lab`` starts it,
serves the working copy ``tools/lab/workcopy.py`` makes (outputs cleared, so everything
checked here is produced live). Debian's Chromium, driven by playwright through the shared
harness, opens the chapter, runs every cell and then reads, clicks and types as a
facilitator would. Every request to a host other than the server is aborted and recorded;
Lab is configured to make none, and the test asserts that. The chapter's MyST must render
(no raw syntax), no news prompt may appear, and saving must change only the copy.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import playwright.sync_api as playwright_api
import pytest

from browser import LOCAL_HOSTS, ROOT, free_port, launch, stop_process
from exercises import CHAPTERS

NOTEBOOK = ROOT / "book" / "sequencing.ipynb"
JUPYTER = Path(sys.executable).parent / "jupyter"
SHOT = Path("/tmp/lab_shot.png")
# A chart is drawn when vega-embed has put an SVG or a canvas inside its element.
DRAWN = ".vega-embed svg.marks, .vega-embed canvas.marks"
_spec = importlib.util.spec_from_file_location("workcopy", ROOT / "tools" / "lab" / "workcopy.py")
workcopy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(workcopy)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server in the live context, isolated from the user's Jupyter set-up."""
    tmp = tmp_path_factory.mktemp("lab")
    root, home = tmp / "root", tmp / "home"
    home.mkdir()
    committed = _digest(NOTEBOOK)
    workcopy.make(root)  # what make lab opens: the copy, never book/
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "LEADING_PRODUCTS_RENDER": "live",  # conftest.py sets "static" for nbval
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "IPYTHONDIR": str(home / "ipython"),
           "JUPYTER_PLATFORM_DIRS": "1"}
    command = [
        str(JUPYTER), "lab", "--no-browser", f"--port={port}", "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        # No request to another host: no news feed, no update check, no PyPI extension manager.
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        f"--LabApp.user_settings_dir={root / '.settings'}", f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        "--expose-app-in-browser",  # lets the test run commands and read the notebook model
    ]
    if os.geteuid() == 0:  # containers and CI runners
        command.append("--allow-root")
    log = (tmp / "lab.log").open("wb")
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"jupyter lab exited: {(tmp / 'lab.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"jupyter lab did not answer: {(tmp / 'lab.log').read_text()[-3000:]}")
            time.sleep(0.25)
        yield {"base": base, "token": token, "log": tmp / "lab.log", "copy": root / NOTEBOOK.name,
               "committed": committed}
    finally:
        stop_process(server, timeout=10)
        log.close()


def _open_and_run_all(page, lab, name: str) -> None:
    """Open notebook ``name`` of the working copy in Lab, run every cell, wait until all have run."""
    page.goto(f"{lab['base']}/lab/tree/{name}?reset&token={lab['token']}")
    page.wait_for_function(  # the notebook is open and its kernel has started
        """() => {
            const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const kernel = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
            return kernel && kernel.status === "idle" && w.content && w.content.widgets.length > 0;
        }""", timeout=40_000, polling=250)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(  # every code cell has run and the kernel is idle again
        """() => {
            const w = window.jupyterapp.shell.currentWidget;
            const cells = Array.from(w.content.model.cells).filter(c => c.type === "code");
            return w.sessionContext.session.kernel.status === "idle"
                && cells.every(c => c.executionCount !== null && c.executionCount > 0)
                && !Array.from(document.querySelectorAll(".jp-InputPrompt"))
                    .some(p => p.textContent.includes("*"));
        }""", timeout=60_000, polling=250)


@pytest.fixture(scope="module")
def session(lab):
    """Chromium with the chapter open in Lab and every cell run; records blocked requests."""
    blocked, page_errors, console_errors = [], [], []

    def only_local(route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    with playwright_api.sync_playwright() as pw:
        browser = launch(pw)  # fails, never skips, when Chromium is missing
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, service_workers="block")
        context.route("**/*", only_local)
        page = context.new_page()
        # With its stack, which says where an error comes from: JupyterLab's own "Cannot read
        # properties of undefined (reading 'node')" was its cell toolbar (see workcopy.SETTINGS).
        page.on("pageerror", lambda error: page_errors.append(f"{error}\n{error.stack or ''}".strip()))
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        # Routes do not see websockets: record any that is not to the server (none should be).
        page.on("websocket", lambda ws: None if urlparse(ws.url).hostname in LOCAL_HOSTS else blocked.append(ws.url))
        started = time.monotonic()
        try:
            _open_and_run_all(page, lab, NOTEBOOK.name)
        except playwright_api.Error as error:
            raise RuntimeError(f"{error}\nLab log:\n{lab['log'].read_text()[-3000:]}\n"
                               f"page errors: {page_errors}\nconsole errors: {console_errors}") from None
        ran = time.monotonic() - started
        # Widgets render asynchronously after their kernel messages: wait for all three charts.
        try:
            page.wait_for_function(f"() => document.querySelectorAll({json.dumps(DRAWN)}).length >= 3",
                                   timeout=20_000)
        except playwright_api.TimeoutError:
            pass  # the assertion in the test reports what is missing
        yield {"page": page, "browser": browser, "blocked": blocked, "page_errors": page_errors,
               "console_errors": console_errors, "ran": ran}
        context.close()
        browser.close()


def _outputs(page) -> list[list[dict]]:
    """The outputs of every code cell, from the notebook model (what the kernel sent)."""
    return page.evaluate("""() => Array.from(window.jupyterapp.shell.currentWidget.content.model.cells)
        .filter(c => c.type === "code").map(c => c.outputs.toJSON())""")


def _output_of(page, marker: str, text: str | None = None):
    """The output area of the one code cell whose output holds ``marker`` (and ``text``)."""
    area = page.locator(".jp-CodeCell .jp-OutputArea").filter(has=page.locator(marker), has_text=text)
    playwright_api.expect(area).to_have_count(1)
    return area


_PICTURE = """el => {
    const m = el.querySelector("svg.marks, canvas.marks");
    return m === null ? "" : m.tagName.toLowerCase() === "canvas" ? m.toDataURL() : m.outerHTML;
}"""


def _picture(area) -> str:
    """What the chart in an output area shows: its SVG markup, or its canvas pixels."""
    return area.evaluate(_PICTURE)


# What an exercise says: the text of its HTML widgets (summary, problems, answer). textContent,
# not innerText: Lab skips rendering cells out of view (content-visibility), and innerText
# of a skipped element is empty.
_WORDS = """el => Array.from(el.querySelectorAll(".widget-html")).map(h => h.textContent).join("\\n")"""


def _words(area) -> str:
    return area.evaluate(_WORDS)


def _wait_for_change(page, area, before: str, what: str = "picture") -> None:
    """Wait until the area's chart (``what="picture"``) or its words (``"words"``) differ from ``before``."""
    read = _PICTURE if what == "picture" else _WORDS
    page.wait_for_function(f"([el, before]) => ({read})(el) !== before",
                           arg=[area.element_handle(), before], timeout=10_000, polling=100)


def test_every_cell_runs_without_error(session):
    print(f"\nnotebook opened, kernel started and all cells ran in {session['ran']:.1f} s")
    outputs = _outputs(session["page"])
    assert sum(bool(cell) for cell in outputs) >= 5, "table, explorer, two exercises and the check show something"
    errors = [o for cell in outputs for o in cell if o["output_type"] == "error"]
    assert not errors, "\n".join(f"{e['ename']}: {e['evalue']}" for e in errors)
    stderr = ["".join(o["text"]) for cell in outputs for o in cell
              if o["output_type"] == "stream" and o["name"] == "stderr"]
    assert not stderr, stderr
    text = session["page"].locator(".jp-Notebook").text_content()
    for failure in ("Error displaying widget", "Error loading script", "Javascript Error", "Loading widget"):
        assert failure not in text
    assert not session["page_errors"], session["page_errors"]
    assert not session["console_errors"], session["console_errors"]


def test_all_four_charts_draw_and_the_widgets_render(session):
    page = session["page"]
    assert page.locator(f".jp-OutputArea {DRAWN}").count() >= 3
    explorers = [_output_of(page, ".vega-bindings select")]  # the strategy explorer
    exercises = [_output_of(page, ".widget-select"), _output_of(page, ".widget-slider", "Back to equal quarters")]
    for area in explorers + exercises:
        area.scroll_into_view_if_needed()
        drawn = area.locator(DRAWN)
        assert drawn.count() >= 1
        box = drawn.first.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, box  # drawn at a readable size
        assert area.locator(".vega-embed svg.marks g.mark-line, .vega-embed svg.marks g.mark-rect, "
                            ".vega-embed svg.marks g.mark-symbol, .vega-embed canvas.marks").count() >= 1
    assert exercises[0].locator(".widget-select select option").count() == 12  # the whole backlog
    assert exercises[0].locator(".widget-slider").count() == 1  # horizon
    assert exercises[1].locator(".widget-slider").count() == 4  # four kinds of work
    assert page.locator(".jp-OutputArea table").count() >= 1  # the backlog table


def test_an_explorer_redraws_when_its_bound_input_changes(session):
    page = session["page"]
    explorer = _output_of(page, ".vega-bindings select")
    select = explorer.locator(".vega-bindings select").first
    before = _picture(explorer)
    values = select.evaluate("s => Array.from(s.options).map(o => o.value)")
    select.select_option(next(v for v in values if v != select.input_value()))
    _wait_for_change(page, explorer, before)


def test_moving_an_initiative_updates_the_order_exercise_live(session):
    page = session["page"]
    exercise = _output_of(page, ".widget-select")
    items = exercise.locator(".widget-select select")
    exercise.scroll_into_view_if_needed()
    before_words, before_chart = _words(exercise), _picture(exercise)
    last = items.locator("option").last.get_attribute("value")  # "12. E3 · Enterprise single sign-on (…)"
    moved = last.split(".", 1)[1].split("·")[0].strip()
    items.select_option(index=items.locator("option").count() - 1)
    exercise.get_by_role("button", name="Move to top").click()
    playwright_api.expect(items.locator("option").first).to_contain_text(f"1. {moved}", timeout=10_000)
    _wait_for_change(page, exercise, before_words, "words")  # the summary or a problem message
    _wait_for_change(page, exercise, before_chart)  # the JupyterChart redrew from its new spec


_SHARES = """el => Array.from(el.querySelectorAll(".widget-slider .widget-readout")).map(r => Number(r.textContent))"""


def test_moving_a_slider_updates_the_allocation_exercise_live(session):
    page = session["page"]
    exercise = _output_of(page, ".widget-slider", "Back to equal quarters")
    exercise.scroll_into_view_if_needed()
    before_words, before_chart = _words(exercise), _picture(exercise)
    before = exercise.evaluate(_SHARES)
    assert len(before) == 4 and sum(before) == 100, before  # whole per cents, always 100 in all
    exercise.locator(".widget-slider .noUi-handle").first.focus()  # the feature share, by keyboard
    # Each press is answered by the kernel (the others make room) before the next, as a
    # person pressing an arrow key watches the readouts move.
    words = before_words
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        _wait_for_change(page, exercise, words, "words")
        words = _words(exercise)
    _wait_for_change(page, exercise, before_chart)
    # The feature share is up by three points and the other three shrank to make room.
    page.wait_for_function(f"""([el, first]) => {{
        const shares = ({_SHARES})(el);
        return shares[0] === first + 3 && shares.reduce((a, b) => a + b, 0) === 100;
    }}""", arg=[exercise.element_handle(), before[0]], timeout=10_000, polling=100)
    after = exercise.evaluate(_SHARES)
    assert all(a <= b for a, b in zip(after[1:], before[1:])) and after[1:] != before[1:], (before, after)


_INK = """el => {  // how many things the chart drew: axes, ticks, labels, lines (a blank box draws none)
    const m = el.querySelector("svg.marks, canvas.marks");
    return m ? m.querySelectorAll("path, line, rect, text").length : 0;
}"""


def test_screenshot_shows_the_charts(session):
    page = session["page"]
    area = _output_of(page, ".widget-select")
    chart = area.locator(".vega-embed").first
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOT))
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200, box
    lines = area.locator(".vega-embed svg.marks g.mark-line path")
    # Your order is drawn; WSJF and the best stay folded until the learner asks (no spoilers).
    assert lines.count() >= 1, "the order exercise draws your order as a line"
    assert area.evaluate(_INK) > 20  # axes, ticks, labels and lines: a picture, not a blank box


def test_myst_renders_with_no_raw_syntax(session):
    """jupyterlab-myst draws admonitions and labels; the working copy turned citations into text."""
    page = session["page"]
    markdown = page.locator(".jp-MarkdownCell .myst")  # jupyterlab-myst's renderer, not plain markdown
    assert markdown.count() >= 5
    text = "\n".join(markdown.all_text_contents())
    for raw in (":::", "{admonition}", "{cite:", "{term}", "(sequencing)=", ":class:"):
        assert raw not in text, f"raw MyST {raw!r} shows in the live chapter"
    assert "(Reinertsen 2009; Arnold n.d.)" in text
    admonitions = page.locator(".jp-MarkdownCell .myst-admonition")
    assert admonitions.count() >= 2, "the two 'How the model works' notes render as admonitions"
    assert "How the model works" in admonitions.first.text_content()


def test_the_chapter_check_works_live(session):
    page = session["page"]
    quiz = page.locator(".lp-quiz[data-lp-ready]")
    playwright_api.expect(quiz).to_have_count(1, timeout=10_000)  # its script ran in Lab too
    first = quiz.locator("fieldset").first
    first.locator("input").nth(1).check()
    first.get_by_role("button", name="Check").click()
    playwright_api.expect(first.locator(".lp-feedback")).to_contain_text("Correct")


def test_no_news_prompt(session):
    page = session["page"]
    page.wait_for_timeout(500)
    toasts = page.locator(".jp-toast-message, .Toastify__toast").all_text_contents()
    assert not any("news" in t.lower() for t in toasts), toasts


def test_lab_draws_every_cell_when_the_chapter_opens(session):
    """The copy's settings reach Lab: no cell is left to be drawn later (workcopy.SETTINGS says why)."""
    mode = session["page"].evaluate("() => window.jupyterapp.shell.currentWidget.content.notebookConfig.windowingMode")
    assert mode == "none"


def test_the_copy_settings_keep_what_the_facilitator_chose(tmp_path):
    """Ours are set again at each ``make lab``; the facilitator's other choices stay, and a file
    with comments (JSON5, which Lab may write) is left as it is."""
    tracker = tmp_path / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    notification = tmp_path / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "full", "codeCellConfig": {"lineNumbers": true}}', encoding="utf-8")
    notification.parent.mkdir(parents=True)
    commented = '{\n  // mine\n  "fetchNews": "true"\n}'
    notification.write_text(commented, encoding="utf-8")
    workcopy.write_settings(tmp_path)
    assert json.loads(tracker.read_text(encoding="utf-8")) == {"windowingMode": "none",
                                                                "codeCellConfig": {"lineNumbers": True}}
    assert notification.read_text(encoding="utf-8") == commented
    notification.unlink()
    workcopy.write_settings(tmp_path)
    assert json.loads(notification.read_text(encoding="utf-8")) == {"fetchNews": "false", "checkForUpdates": False}


def test_saving_changes_the_copy_never_the_committed_notebook(lab, session):
    page = session["page"]
    before = lab["copy"].read_text(encoding="utf-8")
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    deadline = time.monotonic() + 15
    while lab["copy"].read_text(encoding="utf-8") == before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert lab["copy"].read_text(encoding="utf-8") != before, "the working copy was not saved"
    saved = json.loads(lab["copy"].read_text(encoding="utf-8"))
    assert any(cell.get("outputs") for cell in saved["cells"]), "the copy was saved with the live outputs"
    assert _digest(NOTEBOOK) == lab["committed"], "saving in Lab changed book/sequencing.ipynb"


def test_no_request_left_the_machine(session):
    """Lab is configured to fetch nothing from other hosts; every such request was aborted."""
    blocked = session["blocked"]
    print(f"\nblocked external requests: {blocked or 'none'}")
    assert not blocked


@pytest.mark.parametrize("topic", CHAPTERS)
def test_every_chapter_runs_live_with_no_error(lab, session, topic):
    """Each chapter listed in exercises.CHAPTERS opens from the working copy and runs, in a fresh tab."""
    context = session["browser"].new_context(service_workers="block")
    try:
        page = context.new_page()
        _open_and_run_all(page, lab, f"{topic}.ipynb")
        outputs = _outputs(page)
        errors = [o for cell in outputs for o in cell if o["output_type"] == "error"]
        assert not errors, "\n".join(f"{e['ename']}: {e['evalue']}" for e in errors)
        assert any(outputs), f"{topic}: no cell showed anything"
    finally:
        context.close()


def test_every_lab_extension_is_compatible_with_this_jupyterlab():
    """An extension built for another JupyterLab loads half-way, as jupyterlab-myst 2.7.0 (which needs
    @jupyter/ydoc 3) would on JupyterLab 4.6 (ydoc 4). ``jupyter labextension list`` marks such an
    extension with X. (The "Cannot read properties of undefined (reading 'node')" once blamed on it
    was Lab's own cell toolbar: see workcopy.SETTINGS.)"""
    listed = subprocess.run([str(JUPYTER), "labextension", "list"],
                            capture_output=True, text=True, timeout=120)
    report = listed.stdout + listed.stderr
    assert "is not compatible" not in report and "\x1b[31m X" not in report, report
