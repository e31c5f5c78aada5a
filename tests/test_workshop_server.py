"""The workshop server (``make workshop``): clean apps, a display name typed once, no other host.

The fast tests check what ``tools/room/apps.py`` writes (plain Markdown, no outputs, the
hidden name cells, the page template) and the name hand-over of ``tools/room/participant.py``
in-process. The integration test starts Voilà as ``make workshop`` does, on a free loopback
port with one preheated kernel, and drives Debian's Chromium through the shared harness: a
participant types a name on the landing page, opens the Sequencing app, finds live widgets, no
raw MyST and no request to another host, changes the order and finds the answer in the store
under that name; the closed tab's kernel is shut down at once, and a page that vanished
without a word (no ``beforeunload``) has its kernel culled.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser import ROOT, Visit, axe_violations, describe_violations, free_port, launch, stop_process

WORKSHOP = ROOT / "tools" / "room"
RAW_MYST = (":::", "{admonition}", "{cite:", "{term}", "{ref}", "{doc}", ":class:")
_ROLE = re.compile(r"\{[\w:-]+\}`")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"workshop_{name}", WORKSHOP / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


apps = _load("apps")
serve = _load("serve")
participant = _load("kernel")


def _markdown(notebook: dict) -> str:
    return "\n".join(cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                     for cell in notebook["cells"] if cell["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    book = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "book").glob("*.ipynb")}
    folder = tmp_path_factory.mktemp("workshop")
    extra = tmp_path_factory.mktemp("extra")
    (extra / "dashboard.ipynb").write_text(json.dumps({
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# The room's answers"},
                  {"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [{"output_type": "stream",
                   "name": "stdout", "text": "old"}], "source": "print(1)"}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    result = apps.make(folder / "_workshop", saving=True, workshop=extra)
    result["book"] = book
    return result


# --- the apps ---------------------------------------------------------------------------------

def test_myst_becomes_plain_markdown():
    works = {"reinertsen2009": ("Reinertsen", "2009"), "smith1956": ("Smith", "1956")}
    text = ("(sequencing-order)=\n## Exercise 1\n\n:::{admonition} How the model works\n:class: note\n\n"
            "It uses {term}`WSJF` and {term}`cost of delay <Cost of delay>` {cite:p}`reinertsen2009,smith1956`.\n"
            ":::\n\nSee {ref}`sequencing-order` and {ref}`the backlog <sequencing-the-backlog>`, {doc}`intro`.")
    out = apps.plain_markdown(text, works, {"sequencing-order": "Exercise 1: order the backlog"})
    assert "(sequencing-order)=" not in out and ":class:" not in out and ":::" not in out
    assert '<div class="lp-admonition lp-admonition-note" role="note">' in out
    assert '<p class="lp-admonition-title">How the model works</p>' in out
    assert "It uses WSJF and cost of delay (Reinertsen 2009; Smith 1956)." in out
    assert "See Exercise 1: order the backlog and the backlog, intro." in out
    assert out.count("<div") == out.count("</div>") == 1


def test_admonition_kinds_and_unclosed_blocks():
    out = apps.plain_markdown(":::{admonition} Careful\n:class: warning\nText", {}, {})
    assert "lp-admonition-warning" in out and out.rstrip().endswith("</div>")
    tip = apps.plain_markdown("```{tip}\nTry it.\n```", {}, {})
    assert "lp-admonition-tip" in tip and '<p class="lp-admonition-title">Tip</p>' in tip and "```" not in tip


def test_every_chapter_app_reads_clean(made):
    assert [path for path, _ in made["chapters"]] == [f"{topic}.ipynb" for topic in _chapters()]
    for path, title in made["chapters"]:
        notebook = json.loads((made["apps"] / path).read_text(encoding="utf-8"))
        text = _markdown(notebook)
        for raw in RAW_MYST:
            assert raw not in text, f"{path}: raw MyST {raw!r} left in the app"
        assert not _ROLE.search(text), f"{path}: a MyST role left: {_ROLE.search(text).group(0)}"
        assert not re.search(r"^\([\w-]+\)=\s*$", text, re.M), f"{path}: a label left"
        assert text.count("<div") == text.count("</div>"), path
        assert title and "{" not in title


def test_apps_run_live_with_no_outputs_and_the_name_cells(made):
    for path, _ in made["chapters"]:
        cells = json.loads((made["apps"] / path).read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), path
        sources = [c["source"] for c in code]
        assert sources[0] == "from lp_workshop import place\nplace();", path  # before every exercise
        assert sources[-1] == "from lp_workshop import join\njoin();", path  # after the pool has run them
    assert (made["apps"] / "lp_workshop.py").read_text() == (WORKSHOP / "kernel.py").read_text()


def test_workshop_notebooks_are_served_without_name_cells(made):
    assert made["tools"] == [("dashboard.ipynb", "The room's answers")]
    cells = json.loads((made["apps"] / "dashboard.ipynb").read_text(encoding="utf-8"))["cells"]
    assert [c["source"] for c in cells if c["cell_type"] == "code"] == [
        "from lp_workshop import place\nplace(name=False);", "print(1)"]
    assert cells[2]["outputs"] == []


def test_kernels_get_the_chart_script_made_once(made, monkeypatch):
    import altair as alt

    bundle = made["apps"].parent / apps.CHART_BUNDLE
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False)
    monkeypatch.setattr(alt.JupyterChart, "_esm", alt.JupyterChart._esm)
    assert participant.offline_charts(bundle)
    esm = alt.JupyterChart._esm
    assert alt.JupyterChart._is_offline and len(esm) > 100_000 and "vega" in esm.lower()
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False)
    alt.JupyterChart.enable_offline(True)  # altair's own, in this process: the same script
    assert alt.JupyterChart._esm == esm


def test_a_missing_or_stale_chart_script_changes_nothing(tmp_path, monkeypatch):
    import altair as alt

    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False)
    assert not participant.offline_charts(tmp_path / "missing.json")
    (tmp_path / "old.json").write_text(json.dumps({"altair": "0.1", "esm": "x"}))
    assert not participant.offline_charts(tmp_path / "old.json")
    assert alt.JupyterChart._is_offline is False


def test_the_book_is_never_changed(made):
    for path, digest in made["book"].items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, path


def test_landing_page_lists_the_apps_and_asks_the_name_only_when_saving(made, tmp_path):
    folder = made["template"]
    listing = (folder / "apps.html").read_text(encoding="utf-8")
    for path, _ in made["chapters"] + made["tools"]:
        assert f"voila/render/{path}" in listing
    assert 'id="lp-name"' in (folder / "name.html").read_text(encoding="utf-8")
    quiet = apps.make(tmp_path / "w", saving=False, workshop=None, topics=["sequencing"])
    assert (quiet["template"] / "name.html").read_text(encoding="utf-8") == ""
    assert [p for p, _ in quiet["chapters"]] == ["sequencing.ipynb"]


def test_the_template_links_nothing_on_another_host():
    for path in (WORKSHOP / "template").rglob("*"):
        if path.is_file():
            assert not re.search(r"https?://", path.read_text(encoding="utf-8")), path


# --- the name, handed over -----------------------------------------------------------------------

def test_name_from_query():
    assert participant.name_from_query("name=Ada%20L.&x=1") == "Ada L."
    assert participant.name_from_query("x=1") == participant.name_from_query(None) == ""
    assert participant.name_from_query("name=B&name=C") == "B"


@pytest.fixture
def workshop_env(tmp_path, monkeypatch):
    """Workshop mode on with a store in a temporary folder, saving attached; the kernel's participant module."""
    from exercises.room import participant as kernel
    from room_fixtures import saving

    with saving(monkeypatch, tmp_path / "store"):  # as book.setup() does in workshop mode
        yield kernel


def test_join_sets_the_participant_from_the_link(workshop_env):
    assert participant.join("name=Ada%20L.") == "Ada L."
    assert workshop_env.participant() == "Ada L."
    box = participant._box.children[-1]
    assert box.field.value == "Ada L." and "Ada L." in box.message.value


def test_answers_given_before_the_name_are_saved_once_it_is_typed(workshop_env, monkeypatch):
    from exercises.sequencing import widget

    monkeypatch.setenv("LEADING_PRODUCTS_RENDER", "live")
    untouched, exercise = widget.order(), widget.order()
    assert participant.join("") == ""  # a link with no name: the box asks for one
    exercise.items.value = exercise.items.options[-1][1]  # the participant works before typing a name
    exercise.top.click()
    assert "display name first" in exercise.notice.value
    participant._box.children[-1].field.value = "Ada"  # then types it
    assert "display name first" not in exercise.notice.value
    saved = workshop_env.store().answers(participant="Ada")
    assert [a.exercise for a in saved] == ["sequencing/order"]  # the untouched one saved nothing
    assert untouched.notice.value == ""


def test_join_refuses_a_bad_name_with_a_sentence_and_asks_again(workshop_env):
    assert participant.join("name=%20%20") == ""  # whitespace only: no name, the box asks
    assert participant._box.children[-1].field.value == ""
    assert participant.join("name=" + "x" * 500) == ""
    said = participant._box.children[0].value
    assert "<p>" in said and len(participant._box.children) == 2  # the reason, then the box


def test_join_html_in_a_name_is_data(workshop_env):
    participant.join("name=%3Cb%3Ebold%3C%2Fb%3E")
    assert workshop_env.participant() == "<b>bold</b>"
    assert "<b>bold" not in participant._box.children[-1].message.value


def test_the_server_name_wins(workshop_env, monkeypatch):
    monkeypatch.setenv(workshop_env.PARTICIPANT_ENV, "hub-user")
    assert participant.join("name=Someone") == "hub-user"


def test_nothing_about_names_without_a_store(monkeypatch):
    from room_fixtures import reset

    reset(monkeypatch)
    assert participant.place() is None
    assert participant.join("name=Ada") == ""


# --- the command ----------------------------------------------------------------------------------

def test_share_url_gives_the_lan_address_for_the_room(monkeypatch):
    monkeypatch.setattr(serve, "lan_address", lambda: "10.1.2.3")
    assert serve.share_url("0.0.0.0", 8866) == "http://10.1.2.3:8866/"
    assert serve.share_url("127.0.0.1", 9000) == "http://127.0.0.1:9000/"
    monkeypatch.setattr(serve, "lan_address", lambda: "")
    assert serve.share_url("0.0.0.0", 8866) == "http://127.0.0.1:8866/"


def test_lan_address_is_not_loopback():
    address = serve.lan_address()
    assert address == "" or (re.fullmatch(r"\d+\.\d+\.\d+\.\d+", address) and not address.startswith("127."))


def test_command_preheats_culls_and_renders_live(tmp_path):
    argv, env, workdir = serve.command(tmp_path / "apps", tmp_path / "share", port=9999, pool=2, cull=60,
                                       store="/s", warm={"sequencing": 30}, max_kernels=40)
    flags = " ".join(argv)
    for flag in ("--port=9999", "--Voila.ip=127.0.0.1", "--template=leading-products",
                 "--VoilaConfiguration.preheat_kernel=True", "--VoilaConfiguration.default_pool_size=2",
                 "--MappingKernelManager.cull_idle_timeout=60", "--MappingKernelManager.cull_connected=False",
                 "--VoilaConfiguration.strip_sources=True"):
        assert flag in flags
    assert env["LEADING_PRODUCTS_RENDER"] == "live" and env["LEADING_PRODUCTS_STORE"] == "/s"
    assert env["JUPYTER_PATH"].split(os.pathsep)[0] == str(tmp_path / "share")
    config = json.loads((workdir / "voila.json").read_text())
    assert config["VoilaKernelManager"]["kernel_pools_config"] == {
        "default": {"pool_size": 2}, "sequencing.ipynb": {"pool_size": 30}}
    assert config["CappedKernelManager"]["max_kernels"] == 40 and workdir == tmp_path
    assert "lp_kernels.CappedKernelManager" in flags
    still, quiet, _ = serve.command(tmp_path / "apps", tmp_path / "share", pool=0)
    assert "LEADING_PRODUCTS_STORE" not in quiet and "--VoilaConfiguration.preheat_kernel=False" in still


def _chapters():
    from exercises import CHAPTERS
    return [t for t in CHAPTERS if (ROOT / "book" / f"{t}.ipynb").is_file()]


# --- the server, in Chromium ----------------------------------------------------------------------

def _wait_for(what: str, check, timeout: float, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.25)
    raise AssertionError(f"{what} within {timeout} s; the server said:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Voilà as make workshop starts it: the Sequencing app, one preheated kernel, a short cull."""
    tmp = tmp_path_factory.mktemp("server")
    made = apps.make(tmp / "_workshop", saving=True, workshop=None, topics=["sequencing"])
    port = free_port()
    argv, env, workdir = serve.command(made["apps"], tmp / "_workshop" / "share", port=port, pool=1, cull=10,
                                       cull_interval=2, fill_delay=30, store=str(tmp / "store"))
    env.update({"JUPYTER_CONFIG_DIR": str(tmp / "config"), "JUPYTER_DATA_DIR": str(tmp / "data"),
                "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "IPYTHONDIR": str(tmp / "ipython")})
    log_path = tmp / "voila.log"
    log = log_path.open("wb")
    process = subprocess.Popen(argv, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"

    def answers():
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return process.poll() is not None and pytest.fail(log_path.read_text()[-3000:])
    try:
        _wait_for("Voilà answered", answers, 30, log_path)
        _wait_for("the pool was warm", lambda: "is filled with 1 kernel" in log_path.read_text(), 60, log_path)
        yield {"base": base, "log": log_path, "store": tmp / "store"}
    finally:
        stop_process(process, timeout=15)
        log.close()


def test_stop_process_stops_a_server_that_ignores_the_polite_signal():
    import sys

    polite = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    deaf = subprocess.Popen([sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, "
                             "signal.SIG_IGN); print('ready', flush=True); time.sleep(60)"],
                            start_new_session=True, stdout=subprocess.PIPE)
    assert deaf.stdout.readline().strip() == b"ready"
    started = time.monotonic()
    assert stop_process(polite) == -15 and stop_process(deaf, timeout=1) == -9
    assert time.monotonic() - started < 10
    assert stop_process(deaf) == -9  # already stopped: only reaped
    deaf.stdout.close()


def _running(kernel_id: str) -> bool:
    import psutil
    for process in psutil.process_iter(["cmdline"]):
        if any(kernel_id in part for part in process.info["cmdline"] or ()):
            return True
    return False


_KERNEL = "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
_USABLE = """() => {
    const cells = document.querySelector('#rendered_cells');
    return cells && getComputedStyle(cells).display !== 'none' && document.querySelector('.widget-select select');
}"""


@pytest.mark.integration
def test_a_participant_names_themself_once_and_works_live(server):
    from playwright.sync_api import sync_playwright

    from exercises.room.store import open_store

    with sync_playwright() as playwright:
        browser = launch(playwright)
        visit = Visit(browser)
        try:
            page = visit.goto(server["base"] + "/")
            violations = axe_violations(page)
            assert not violations, describe_violations(violations)  # the landing page is ours: no excuse
            page.get_by_label("Your display name").fill("Ada L.")
            page.get_by_role("button", name="Save my name").click()
            link = page.get_by_role("link", name=re.compile("Sequencing"))
            assert "name=Ada+L." in link.get_attribute("href")
            started = time.monotonic()
            link.click()
            page.wait_for_function(_USABLE, timeout=45_000, polling=100)
            usable = time.monotonic() - started
            text = page.inner_text("#rendered_cells")
            for raw in RAW_MYST:
                assert raw not in text, f"raw MyST {raw!r} on the app page"
            assert "(Reinertsen 2009; Arnold n.d.)" in text
            assert page.locator(".lp-admonition-title", has_text="How the model works").count() >= 1
            assert "import" not in text and "widget.order()" not in text  # the code is hidden
            page.wait_for_selector(".vega-embed svg", timeout=20_000)  # a live chart drew, offline
            # The buttons' icons still draw without the CDN's Font Awesome: Voilà's own CSS has it.
            icon = page.evaluate("""() => { const i = document.querySelector('button i.fa-arrow-up');
                const s = i && getComputedStyle(i, '::before');
                return s ? [s.content, s.fontFamily] : null; }""")
            assert icon and icon[0] not in ("", "none", "normal") and "awesome" in icon[1].lower(), icon
            name = page.locator(".lp-participant input")
            name.wait_for(timeout=20_000)
            assert name.input_value() == "Ada L."
            # Change the order: the kernel answers, and the answer is kept under the name.
            items = page.locator(".widget-select select").first
            items.select_option(index=items.locator("option").count() - 1)
            page.get_by_role("button", name="Move to top").first.click()
            with open_store(server["store"]) as store:
                _wait_for("the answer was saved", lambda: store.answers(participant="Ada L."), 20, server["log"])
                saved = store.answers(participant="Ada L.")
            assert saved[0].exercise.startswith("sequencing/")
            kernel = page.evaluate(_KERNEL)
            assert f"Using pre-heated kernel: {kernel}" in server["log"].read_text(), "not the preheated kernel"
            assert _running(kernel)
            print(f"\npreheated page usable after {usable:.1f} s; problems: {visit.problems() or 'none'}")
            assert not visit.foreign, visit.foreign  # Font Awesome's CDN included
            assert not visit.problems(), "\n".join(visit.problems())
            page.close(run_before_unload=True)  # the participant closes the tab
            _wait_for("the closed tab's kernel stopped", lambda: not _running(kernel), 15, server["log"])
            assert f"Kernel shutdown: {kernel}" in server["log"].read_text()  # asked for, not culled
        finally:
            visit.close()
            browser.close()


@pytest.mark.integration
def test_the_kernel_of_a_page_that_vanished_is_culled(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        visit = Visit(browser)
        try:
            page = visit.page
            page.goto(server["base"] + "/voila/render/sequencing.ipynb", wait_until="commit", timeout=60_000)
            page.wait_for_function(_USABLE, timeout=45_000, polling=100)
            kernel = page.evaluate(_KERNEL)
            assert _running(kernel)
        finally:
            visit.close()  # no beforeunload: the browser just went away (a laptop lid, a crash)
            browser.close()
    _wait_for("the vanished page's kernel was culled", lambda: not _running(kernel), 30, server["log"])
    culled = [line for line in server["log"].read_text().splitlines() if "Culling 'idle' kernel" in line]
    assert any(kernel in line for line in culled), culled


def test_pool_refills_stop_at_the_kernel_ceiling():
    """CappedKernelManager starts only the refills that fit under max_kernels, and tops up later."""
    import sys
    import types

    sys.path.insert(0, str(WORKSHOP / "server"))
    from lp_kernels import CappedKernelManager

    class Done:
        def done(self):
            return True

    started = []

    def voila_fill(manager, delay=None, notebook_name=None, **kw):  # Voilà's: fill up to the size
        pool = manager._pools.setdefault(notebook_name, [])
        for _ in range(manager._pool_size(notebook_name) - len(pool)):
            pool.append(Done())
            started.append(notebook_name)

    fake = types.SimpleNamespace(max_kernels=10, _short=set(), _pools={"a.ipynb": []}, running=6,
                                 kernel_pools_config={"default": {"pool_size": 1}, "a.ipynb": {"pool_size": 8}})
    fake._pool_size = types.MethodType(CappedKernelManager._pool_size, fake)
    fake._capped_fill = types.MethodType(CappedKernelManager._capped_fill, fake)
    fake.kernel_count = lambda: fake.running + len(started)
    CappedKernelManager._capped_fill(fake, voila_fill, None, "a.ipynb")
    assert started == ["a.ipynb"] * 4 and fake._short == {"a.ipynb"}  # 6 running + 4 = the ceiling
    assert fake.kernel_pools_config["a.ipynb"]["pool_size"] == 8  # the configured size is kept
    CappedKernelManager._top_up_pools(fake, voila_fill)
    assert len(started) == 4  # still at the ceiling: nothing more
    fake.running = 2  # four pages were closed
    CappedKernelManager._top_up_pools(fake, voila_fill)
    assert len(started) == 8 and not fake._short  # the pool is full again, under the ceiling
