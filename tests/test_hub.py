"""The workshop's JupyterHub (tools/room/jupyterhub_config.py): two participants, one store.

Starts JupyterHub on loopback with the room's password and the throwaway PostgreSQL store, signs
two participants in through the log-in page, starts each one's server through the hub's REST
API (a test-only admin service token, added by a wrapper config), runs code in a kernel of each
server, and finds both answers in the one store under the right participant names: so each
kernel got its environment from the hub. A third participant follows the book's JupyterHub launch
button in Chromium, signs in, and lands in JupyterLab on that chapter of their own copy, with no
request to another host. The hub is stopped in a ``finally``, and stopping it must stop every
participant's server.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psutil
import pytest
import requests
import websocket

from exercises.room.store import open_store
from browser import Visit, launch, stop_process
from postgres import pgserver, postgres_url  # noqa: F401 (a fixture)

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "tools" / "room" / "jupyterhub_config.py"
JUPYTERHUB = Path(sys.executable).parent / "jupyterhub"
PASSWORD = "room-password-for-tests"
PEOPLE = ("amara", "bao")
EXERCISE = "sequencing/order"
TIMEOUT = 75  # seconds for the hub and both servers to be ready, on a busy 2-core machine

# What each participant's kernel runs: the store and the name come only from the environment.
# Through the kit's exercises.room.participant.save where the branch has it, else the store directly.
KERNEL_CODE = """
import json, os
try:
    from exercises.room import participant as workshop
except ImportError:
    from exercises.room.store import open_store
    with open_store(os.environ["LEADING_PRODUCTS_STORE"]) as store:
        store.save(os.environ["LEADING_PRODUCTS_PARTICIPANT"], {exercise!r}, {answer!r})
else:
    assert workshop.save({exercise!r}, {answer!r}), workshop.last_problem()
print(json.dumps({{k: os.environ.get(k) for k in
                  ("LEADING_PRODUCTS_RENDER", "LEADING_PRODUCTS_PARTICIPANT", "LEADING_PRODUCTS_STORE")}}))
"""


def _wrapper_config(folder: Path, token: str, hub_port: int, api_port: int) -> Path:
    """The room's config plus what only the test needs: an admin token, free internal ports."""
    path = folder / "test_config.py"
    path.write_text("\n".join([
        f"load_subconfig({str(CONFIG)!r})",
        f"c.JupyterHub.hub_port = {hub_port}",
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{api_port}'",
        f"c.JupyterHub.services = [{{'name': 'test-admin', 'api_token': {token!r}}}]",
        "c.JupyterHub.load_roles = [{'name': 'test-admin', 'services': ['test-admin'],",
        "    'scopes': ['admin:users', 'admin:servers', 'access:servers', 'read:users']}]",
    ]) + "\n", encoding="utf-8")
    return path


def _wait(what: str, check, deadline: float, log: Path):
    """``check()`` until it returns something true, or fail with the hub's log tail at ``deadline``."""
    while time.monotonic() < deadline:
        try:
            found = check()
        except (requests.ConnectionError, requests.Timeout):
            found = None
        if found:
            return found
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    pytest.fail(f"timed out waiting for {what}\n--- hub log ---\n{tail}")


def _sign_in(base: str, name: str, password: str) -> requests.Response:
    """Post the hub's log-in form as a browser does (with its _xsrf token); the response, unfollowed."""
    session = requests.Session()
    page = session.get(f"{base}/hub/login", timeout=10)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
    form = {"username": name, "password": password, "_xsrf": xsrf.group(1) if xsrf else ""}
    return session.post(f"{base}/hub/login", data=form, allow_redirects=False, timeout=20)


def _run_in_kernel(base: str, name: str, token: str, code: str) -> str:
    """Start a kernel in ``name``'s server, run ``code`` over its websocket, return what it printed."""
    auth = {"Authorization": f"token {token}"}
    kernel = requests.post(f"{base}/user/{name}/api/kernels", headers=auth, json={"name": "python3"}, timeout=60)
    assert kernel.status_code == 201, kernel.text
    kernel_id = kernel.json()["id"]
    ws = websocket.create_connection(f"ws://{urlsplit(base).netloc}/user/{name}/api/kernels/{kernel_id}/channels",
                                     header=[f"Authorization: token {token}"], timeout=60)
    try:
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        printed, errors = [], []
        while True:
            message = json.loads(ws.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "stream":
                printed.append(message["content"]["text"])
            elif kind == "error":
                errors.append("\n".join(message["content"]["traceback"]))
            elif kind == "execute_reply":
                break
        assert not errors, errors
        return "".join(printed)
    finally:
        ws.close()
        requests.delete(f"{base}/user/{name}/api/kernels/{kernel_id}", headers=auth, timeout=20)


#: Seconds the hub may take to stop: it stops each server in turn, with SIGTERM and then SIGKILL
#: for one slow to stop (a server shutting down its kernels on a loaded machine took 28 s).
HUB_STOP_S = 90
#: Seconds a participant's server may take to finish stopping after the hub has exited.
STOP_GRACE_S = 15


def _still_running(proc: psutil.Process) -> bool:
    """True unless ``proc`` has exited (gone, or a zombie its parent has not yet collected)."""
    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _servers_of(state: Path) -> list[psutil.Process]:
    """Participants' servers still running from this test's hub (their folders are under ``state``).

    A server that has exited but whose parent has not yet collected it (a zombie) is not running.
    """
    found = []
    for proc in psutil.process_iter(["cmdline", "cwd", "status"]):
        if proc.info["status"] == psutil.STATUS_ZOMBIE:
            continue
        cmdline, cwd = proc.info["cmdline"] or [], proc.info["cwd"] or ""
        if any("jupyterhub-singleuser" in part for part in cmdline) and cwd.startswith(str(state)):
            found.append(proc)
    return found


@pytest.mark.parametrize("password, says", [("", "needs a password"), ("   ", "needs a password"),
                                             ("short", "at least 8 characters")])
def test_make_hub_refuses_a_missing_or_short_password(password, says):
    done = subprocess.run(["make", "--no-print-directory", "hub", f"PASSWORD={password}"], cwd=ROOT,
                          env={k: v for k, v in os.environ.items() if k != "LEADING_PRODUCTS_HUB_PASSWORD"},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_make_hub_never_prints_a_database_password():
    spec = importlib.util.spec_from_file_location("hub_launcher", ROOT / "tools" / "room" / "hub.py")
    launcher = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(launcher)
    assert launcher.shown_store("postgresql://room:s3cret@db.example:5432/answers") == \
        "postgresql://room:***@db.example:5432/answers"
    assert launcher.shown_store("postgresql://postgres@127.0.0.1:5433/postgres") == \
        "postgresql://postgres@127.0.0.1:5433/postgres"


def test_the_launch_link_opens_only_a_chapter_of_the_participants_copy(tmp_path):
    sys.path.insert(0, str(ROOT / "tools" / "room"))
    try:
        from lp_gitpull import chapter_path
    finally:
        sys.path.remove(str(ROOT / "tools" / "room"))
    (tmp_path / "sequencing.ipynb").write_text("{}", encoding="utf-8")
    assert chapter_path("lab/tree/leading-products/book/sequencing.ipynb", tmp_path) == "lab/tree/sequencing.ipynb"
    for other in ("lab/tree/leading-products/book/missing.ipynb", "lab/tree/x/../../etc/passwd",
                  "lab/tree/..", "", "lab/tree/x/<script>.ipynb"):
        assert chapter_path(other, tmp_path) == "lab", other


def test_the_config_alone_refuses_an_empty_password(tmp_path):
    env = dict(os.environ, LEADING_PRODUCTS_HUB_PASSWORD="", LEADING_PRODUCTS_STORE=str(tmp_path),
               LEADING_PRODUCTS_HUB_STATE=str(tmp_path / "state"))
    done = subprocess.run([str(JUPYTERHUB), "-f", str(CONFIG)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "needs a password for the room" in done.stderr, done.stderr
    assert not (tmp_path / "state" / "jupyterhub.sqlite").exists()


class Room:
    """A running hub for the room: its address, the test's admin token, its folder and log."""

    def __init__(self, base: str, token: str, state: Path, log: Path):
        self.base, self.token, self.state, self.log = base, token, state, log
        self.admin = {"Authorization": f"token {token}"}


@pytest.fixture(scope="module")
def room(postgres_url, tmp_path_factory):
    """JupyterHub from tools/room/jupyterhub_config.py on free loopback ports, stopped afterwards."""
    folder = tmp_path_factory.mktemp("hub")
    token = secrets.token_hex(24)
    port, api_port, hub_port = (pgserver.free_port() for _ in range(3))
    state, log = folder / "state", folder / "hub.log"
    config = _wrapper_config(folder, token, hub_port, api_port)
    env = dict(os.environ, LEADING_PRODUCTS_HUB_PASSWORD=PASSWORD, LEADING_PRODUCTS_STORE=postgres_url,
               LEADING_PRODUCTS_HUB_STATE=str(state), LEADING_PRODUCTS_HUB_HOST="127.0.0.1",
               LEADING_PRODUCTS_HUB_PORT=str(port))
    with open(log, "wb") as out:
        hub = subprocess.Popen([str(JUPYTERHUB), "-f", str(config)], env=env, cwd=folder,
                               stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield Room(f"http://127.0.0.1:{port}", token, state, log)
    finally:
        # As Ctrl+C, to the hub alone: the hub stops every participant's server.
        stop_process(hub, signal.SIGINT, timeout=HUB_STOP_S, group=False)
        # A server the hub told to stop may still be finishing its own shutdown when the hub exits.
        _, left = psutil.wait_procs(_servers_of(state), timeout=STOP_GRACE_S)
        left = [proc for proc in left if _still_running(proc)]
        for proc in left:
            proc.kill()
        assert not left, f"{STOP_GRACE_S} s after the hub stopped, {len(left)} participant server(s) still ran"


def test_two_participants_save_to_one_postgresql_store(room, postgres_url):
    started = time.monotonic()
    base, nonce = room.base, secrets.token_hex(8)
    deadline = time.monotonic() + TIMEOUT
    page = _wait("the hub's log-in page", lambda: (r := requests.get(f"{base}/hub/login", timeout=5))
                 .status_code == 200 and r, deadline, room.log)
    # The page loads nothing from another host: every script, style and image is the hub's own.
    refs = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', page.text)
    assert refs and all(ref.startswith("/hub/") for ref in refs), refs

    assert _sign_in(base, PEOPLE[0], "not the password").status_code == 403
    assert _sign_in(base, "../etc", PASSWORD).status_code == 403  # a name is one word, never a path
    for name in PEOPLE:
        signed = _sign_in(base, name, PASSWORD)
        assert signed.status_code == 302, signed.text[:500]
        assert any(c.name.startswith("jupyterhub-session") or c.name == "jupyterhub-hub-login"
                   for c in signed.cookies), signed.cookies

    for name in PEOPLE:
        asked = requests.post(f"{base}/hub/api/users/{name}/server", headers=room.admin, timeout=30)
        assert asked.status_code in (201, 202), asked.text
    for name in PEOPLE:
        _wait(f"{name}'s server", lambda: requests.get(f"{base}/hub/api/users/{name}", headers=room.admin,
                                                       timeout=10).json()["servers"].get("", {}).get("ready"),
              deadline, room.log)

    for name in PEOPLE:
        printed = _run_in_kernel(base, name, room.token,
                                 KERNEL_CODE.format(exercise=EXERCISE, answer={"order": ["B", "A", "C"],
                                                                                "nonce": nonce}))
        seen = json.loads(printed.strip().splitlines()[-1])
        assert seen == {"LEADING_PRODUCTS_RENDER": "live", "LEADING_PRODUCTS_PARTICIPANT": name,
                        "LEADING_PRODUCTS_STORE": postgres_url}
        # Each participant got their own copy of the chapters in their own folder.
        assert (room.state / "home" / name / "sequencing.ipynb").exists()

    with open_store(postgres_url) as store:
        mine = {a.participant: a.answer for a in store.answers(exercise=EXERCISE)
                if isinstance(a.answer, dict) and a.answer.get("nonce") == nonce}
    assert mine == {name: {"order": ["B", "A", "C"], "nonce": nonce} for name in PEOPLE}
    print(f"two participants: {time.monotonic() - started:.1f} s")


def _launch_link(hub: str, chapter: str) -> str:
    """The book's JupyterHub button for ``chapter``, built as sphinx-book-theme builds it."""
    query = urlencode({"repo": "https://github.com/leading-products/leading-products",
                       "urlpath": f"lab/tree/leading-products/book/{chapter}.ipynb", "branch": "main"}, safe="/")
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def test_the_book_launch_button_signs_a_participant_in_and_opens_the_chapter(room):
    """The real path, in Chromium: a chapter's JupyterHub button leads to the log-in page; after
    it the hub starts the server and JupyterLab opens that chapter in the participant's own copy,
    with nothing asked of another host on the way."""
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    _wait("the hub's log-in page", lambda: requests.get(f"{room.base}/hub/login", timeout=5).status_code == 200,
          time.monotonic() + TIMEOUT, room.log)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        visit = Visit(browser)
        try:
            page = visit.goto(_launch_link(room.base, "sequencing"))
            page.fill("#username_input", "chioma")
            page.fill("#password_input", PASSWORD)
            page.click("#login_submit")
            page.wait_for_url("**/user/chioma/lab/tree/sequencing.ipynb**", timeout=TIMEOUT * 1000)
            page.locator(".jp-Notebook").first.wait_for(timeout=TIMEOUT * 1000)
            assert visit.foreign == []
        finally:
            visit.close()
            browser.close()
    print(f"browser sign-in: {time.monotonic() - started:.1f} s")
