"""The workshop's JupyterHub (tools/room/hub.py and jupyterhub_config.py): participants kept apart.

Starts the hub as ``make hub`` does (``tools/room/hub.py``, as root, with no ``STORE``: it
starts its own PostgreSQL) on loopback, signs participants in through the sign-in page with
their own passwords and the room's password, starts their servers and runs code in a kernel of
each through the Jupyter server's API, as that participant. From one participant's kernel, every
way to reach another is tried (their folder, another process's environment, the hub's secrets,
saving as them, changing or deleting answers, ``COPY ... PROGRAM``): each must fail, while saving
as oneself works and ``hub.py export`` (what ``make export`` runs) finds every answer. Sign-in:
a thief with the room's password and a wrong own password is refused, 40 wrong passwords in a
row are refused (and slowed), non-ASCII passwords of any length work. The hub is stopped in a
``finally``; it must stop every participant's server and remove the room's system accounts.
A third participant follows the book's JupyterHub launch button in Chromium.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psutil
import pytest
import requests
import websocket

from browser import Visit, launch, stop_process
from postgres import pgserver

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "tools" / "room" / "jupyterhub_config.py"
HUB = ROOT / "tools" / "room" / "hub.py"
JUPYTERHUB = Path(sys.executable).parent / "jupyterhub"
#: The room's password: not ASCII (a phone's curly apostrophe), which once failed every sign-in.
ROOM_PASSWORD = "room\u2019s-pässwörd"
#: Each participant's own password: non-ASCII, and one longer than bcrypt's 72 bytes.
OWN = {"amara": "amara\u2019s own 🌻 password", "bao": "bảo-" + "mật-khẩu-" * 10}
EXERCISE = "sequencing/order"
TIMEOUT = 120  # seconds for the hub and a server to be ready, on a busy 2-core machine


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def _sign_in(base: str, name: str, password: str, room: str | None = ROOM_PASSWORD,
             session: requests.Session | None = None) -> requests.Response:
    """Post the hub's sign-in form as a browser does (with its _xsrf token); the response, unfollowed."""
    session = session or requests.Session()
    page = session.get(f"{base}/hub/login", timeout=10)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
    form = {"username": name, "password": password, "_xsrf": xsrf.group(1) if xsrf else ""}
    if room is not None:
        form["room_password"] = room
    return session.post(f"{base}/hub/login", data=form, allow_redirects=False, timeout=30)


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


#: Seconds hub.py may take to stop the hub, every server, the accounts and PostgreSQL.
HUB_STOP_S = 120


def _still_running(proc: psutil.Process) -> bool:
    """True unless ``proc`` has exited (gone, or a zombie its parent has not yet collected)."""
    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _servers_of(state: Path) -> list[psutil.Process]:
    """Participants' servers still running from this test's hub (their folders are under ``state``)."""
    found = []
    for proc in psutil.process_iter(["cmdline", "cwd", "status"]):
        if proc.info["status"] == psutil.STATUS_ZOMBIE:
            continue
        cmdline, cwd = proc.info["cmdline"] or [], proc.info["cwd"] or ""
        if any("jupyterhub.singleuser" in part or "jupyterhub-singleuser" in part for part in cmdline) \
                and cwd.startswith(str(state)):
            found.append(proc)
    return found


def test_make_hub_refuses_a_short_room_password():
    done = subprocess.run(["make", "--no-print-directory", "hub", "PASSWORD=short"], cwd=ROOT,
                          env={k: v for k, v in os.environ.items() if k != "LEADING_PRODUCTS_HUB_PASSWORD"},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "at least 8 characters" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_the_launcher_refuses_a_room_password_of_spaces():
    """(make strips a PASSWORD of spaces to none, which is allowed: the launcher sees the environment's.)"""
    done = subprocess.run([sys.executable, str(HUB)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, LEADING_PRODUCTS_HUB_PASSWORD="   "))
    assert done.returncode == 2
    assert "only spaces" in done.stderr and "Traceback" not in done.stderr


def test_make_hub_refuses_a_folder_store(tmp_path):
    """A SQLite folder would be one file every participant's account writes: refused with a sentence."""
    done = subprocess.run([sys.executable, str(HUB)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, LEADING_PRODUCTS_STORE=str(tmp_path), LEADING_PRODUCTS_HUB_PASSWORD=""))
    assert done.returncode == 2
    assert "keeps answers in PostgreSQL" in done.stderr and "Traceback" not in done.stderr


def test_the_makefile_gives_the_hub_no_store_unless_one_is_given():
    """Regression: ``STORE ?= answers`` made make hub keep answers in SQLite under _hub/answers/."""
    env = {k: v for k, v in os.environ.items() if k not in ("STORE", "LEADING_PRODUCTS_STORE")}
    shown = subprocess.run(["make", "-n", "--no-print-directory", "-W", "requirements.txt", "hub"], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=60)
    assert "tools/room/hub.py" in shown.stdout
    show = "show:\n\t@echo 'given=[$(GIVEN_STORE)]'\n"
    printed = subprocess.run(["make", "--no-print-directory", "-f", "Makefile", "-f", "-", "show"], cwd=ROOT, env=env,
                             input=show, capture_output=True, text=True, timeout=60)
    assert "given=[]" in printed.stdout, printed.stdout + printed.stderr
    printed = subprocess.run(["make", "--no-print-directory", "-f", "Makefile", "-f", "-", "show",
                              "STORE=postgresql://x"], cwd=ROOT, env=env, input=show,
                             capture_output=True, text=True, timeout=60)
    assert "given=[postgresql://x]" in printed.stdout


def test_make_hub_refuses_a_folder_its_participants_cannot_pass_through():
    """A hub folder under one closed to other accounts (a home folder, ``mktemp -d``): refused with
    a sentence that names it and says what to do, before anything starts."""
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(dir="/tmp"))  # /tmp and / are open to every account
    try:
        base.chmod(0o755)
        closed = base / "closed"
        closed.mkdir(mode=0o700)
        done = subprocess.run([sys.executable, str(HUB)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                              env=dict(os.environ, LEADING_PRODUCTS_HUB_STATE=str(closed / "hub"),
                                       LEADING_PRODUCTS_HUB_PASSWORD=""))
        launcher = _launcher()
        assert done.returncode == 2, done.stderr
        assert f"chmod o+x {closed}" in done.stderr, done.stderr  # the hub's own folder is checked first
        assert "Traceback" not in done.stderr and not (closed / "hub").exists()
        assert launcher.closed_folder(closed / "hub" / "home") == closed
        closed.chmod(0o711)
        assert launcher.closed_folder(closed / "hub" / "home") is None
    finally:
        shutil.rmtree(base)


def _launcher():
    spec = importlib.util.spec_from_file_location("hub_launcher", ROOT / "tools" / "room" / "hub.py")
    launcher = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(launcher)
    return launcher


def test_make_hub_never_prints_a_database_password():
    launcher = _launcher()
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


def test_the_config_alone_refuses_a_folder_store(tmp_path):
    env = dict(os.environ, LEADING_PRODUCTS_HUB_PASSWORD="", LEADING_PRODUCTS_STORE=str(tmp_path),
               LEADING_PRODUCTS_HUB_STATE=str(tmp_path / "state"))
    env.pop("LEADING_PRODUCTS_HUB_SECRETS", None)
    done = subprocess.run([str(JUPYTERHUB), "-f", str(CONFIG)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "keeps answers in PostgreSQL" in done.stderr, done.stderr
    assert not (tmp_path / "state" / "jupyterhub.sqlite").exists()


class Room:
    """A running hub for the room: its address, its folder and log, and its launcher's pid."""

    def __init__(self, base: str, state: Path, process: subprocess.Popen):
        self.base, self.state, self.process = base, state, process
        self.log = state / "hub.log"
        self.people: dict[str, Participant] = {}


class Participant:
    """A signed-in participant: their browser session, an API token of their own, their server ready."""

    def __init__(self, room: Room, name: str, password: str):
        self.name = name
        self.session = requests.Session()
        signed = _sign_in(room.base, name, password, session=self.session)
        assert signed.status_code == 302, signed.text[:500]
        xsrf = {"X-XSRFToken": self.session.cookies.get("_xsrf", path="/hub/") or ""}
        asked = self.session.post(f"{room.base}/hub/api/users/{name}/server", headers=xsrf, timeout=60)
        assert asked.status_code in (201, 202, 400), asked.text  # 400: already running
        _wait(f"{name}'s server", lambda: self.session.get(f"{room.base}/hub/api/users/{name}", timeout=10)
              .json()["servers"].get("", {}).get("ready"), time.monotonic() + TIMEOUT, room.log)
        made = self.session.post(f"{room.base}/hub/api/users/{name}/tokens", headers=xsrf,
                                 json={"note": "test", "expires_in": 1800}, timeout=30)
        assert made.status_code == 201, made.text
        self.token = made.json()["token"]


def _require_root_and_postgres():
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("the room's hub runs as root and creates system accounts (useradd)")
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    if pgserver.install() is None:
        pytest.skip("Debian's postgresql package could not be installed here")


@pytest.fixture(scope="module")
def room():
    """``make hub`` as the Makefile runs it (tools/room/hub.py, no STORE) on free loopback ports;
    stopped afterwards, when no participant's server or system account may be left."""
    _require_root_and_postgres()
    launcher = _load("hub_launcher", HUB)
    # A clone in ``mktemp -d`` (0700) is closed to the participants' accounts, which make hub refuses
    # (test_make_hub_refuses_a_folder_its_participants_cannot_pass_through): opened for this room only.
    opened = []
    while (closed := launcher.closed_folder(Path(sysconfig.get_paths()["purelib"]))) is not None:
        opened.append((closed, closed.stat().st_mode))
        closed.chmod(closed.stat().st_mode | 0o001)
    state = Path(tempfile.mkdtemp(prefix="lp-hub-", dir="/tmp"))  # the accounts must reach their homes
    state.chmod(0o711)
    port = pgserver.free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("LEADING_PRODUCTS_STORE", "STORE")}
    env.update(LEADING_PRODUCTS_HUB_PASSWORD=ROOM_PASSWORD, LEADING_PRODUCTS_HUB_STATE=str(state / "hub"))
    out = open(state / "launcher.txt", "wb")
    process = subprocess.Popen([sys.executable, str(HUB), "--host", "127.0.0.1", "--port", str(port),
                                "--pg-port", str(pgserver.free_port())],
                               env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    room = Room(f"http://127.0.0.1:{port}", state / "hub", process)
    try:
        _wait("the hub's sign-in page", lambda: b"is ready" in (state / "launcher.txt").read_bytes()
              or process.poll() is not None, time.monotonic() + TIMEOUT, room.log)
        assert process.poll() is None, (state / "launcher.txt").read_text(errors="replace")
        yield room
    finally:
        # As Ctrl+C, to the launcher alone: it stops the hub (which stops every server), removes the
        # room's accounts and stops the room's PostgreSQL.
        stop_process(process, signal.SIGINT, timeout=HUB_STOP_S, group=False)
        out.close()
        _, left = psutil.wait_procs(_servers_of(room.state), timeout=15)
        left = [proc for proc in left if _still_running(proc)]
        for proc in left:
            proc.kill()
        accounts = launcher.room_accounts()
        launcher.remove_room_accounts()
        if (room.state / "postgres").exists():
            pgserver.stop(room.state / "postgres", fast=True)
        shutil.rmtree(state, ignore_errors=True)
        for folder, mode in reversed(opened):
            folder.chmod(mode)
        assert not left, f"after the hub stopped, {len(left)} participant server(s) still ran"
        assert not accounts, f"the room's accounts were left behind: {accounts}"


@pytest.fixture(scope="module")
def two(room):
    """amara and bao, signed in with their own passwords, their servers running."""
    for name in ("amara", "bao"):
        room.people[name] = Participant(room, name, OWN[name])
    return room


#: Run in amara's kernel: every way to reach bao or the hub's secrets; prints what happened to each.
ATTACKS = r"""
import json, os, pwd, psycopg
from exercises.room import participant as workshop
from exercises.room.store import open_store
other_home, state, hub_pid, other = {other_home!r}, {state!r}, {hub_pid!r}, {other!r}
results = {{}}
def attempt(what, action):
    try:
        action()
        results[what] = "done"
    except Exception as error:
        results[what] = "refused: " + type(error).__name__
def write_other():
    with open(os.path.join(other_home, "mine.txt"), "w") as f:
        f.write("x")
attempt("list the other's folder", lambda: os.listdir(other_home))
attempt("write into the other's folder", write_other)
attempt("read the other's notebook", lambda: open(os.path.join(other_home, "sequencing.ipynb")).read())
attempt("read the hub's environment", lambda: open(f"/proc/{{hub_pid}}/environ", "rb").read())
attempt("read the room password file", lambda: open(os.path.join(state, "secrets", "room_password")).read())
attempt("read the store's superuser URL", lambda: open(os.path.join(state, "secrets", "store")).read())
attempt("read the cookie secret", lambda: open(os.path.join(state, "jupyterhub_cookie_secret"), "rb").read())
attempt("read the hub's database", lambda: open(os.path.join(state, "jupyterhub.sqlite"), "rb").read())
readable = []
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        if os.stat(f"/proc/{{pid}}").st_uid != os.getuid():
            open(f"/proc/{{pid}}/environ", "rb").read()
            readable.append(pid)
    except OSError:
        pass
results["other processes' environments readable"] = len(readable)
url = os.environ["LEADING_PRODUCTS_STORE"]
def save_as_other():
    with open_store(url) as store:
        store.save(other, "sequencing/order", {{"order": ["stolen"]}})
attempt("save as the other", save_as_other)
for name, sql in [("update answers", "UPDATE answers SET answer = '1'"),
                  ("delete answers", "DELETE FROM answers"),
                  ("copy to program", "COPY (SELECT 1) TO PROGRAM 'id > /tmp/lp-hub-owned'"),
                  ("read the participants table", "SELECT * FROM room_participants"),
                  ("become superuser", "SET ROLE postgres")]:
    def run(sql=sql):
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(sql)
    attempt(name, run)
def as_postgres():
    parts = url.split("@", 1)[1]
    psycopg.connect("postgresql://postgres@" + parts, connect_timeout=5).close()
attempt("log in as postgres without a password", as_postgres)
with psycopg.connect(url) as db:
    results["others' rows seen"] = db.execute("SELECT count(*) FROM answers WHERE participant <> %s",
                                              (os.environ["LEADING_PRODUCTS_PARTICIPANT"],)).fetchone()[0]
    results["superuser"] = db.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
results["uid"] = os.getuid()
results["account"] = pwd.getpwuid(os.getuid()).pw_name
results["home mode"] = oct(os.stat(os.path.expanduser("~")).st_mode & 0o777)
results["environment"] = dict(os.environ)
print(json.dumps(results))
"""

SAVE = """
import json, os
from exercises.room import participant as workshop
assert workshop.save({exercise!r}, {answer!r}), workshop.last_problem()
print(json.dumps({{k: os.environ.get(k) for k in ("LEADING_PRODUCTS_RENDER", "LEADING_PRODUCTS_PARTICIPANT")}}))
"""


def test_each_participant_saves_only_as_themselves_and_the_export_finds_them(two):
    room, nonce = two, secrets.token_hex(8)
    for name, who in room.people.items():
        printed = _run_in_kernel(room.base, name, who.token,
                                 SAVE.format(exercise=EXERCISE, answer={"order": ["B", "A"], "nonce": nonce}))
        assert json.loads(printed.strip().splitlines()[-1]) == {"LEADING_PRODUCTS_RENDER": "live",
                                                                "LEADING_PRODUCTS_PARTICIPANT": name}
        # Their own copy of the chapters, in their own home, owned by their own account.
        account = pwd.getpwnam(name)
        copy = Path(account.pw_dir) / "sequencing.ipynb"
        assert copy.exists() and copy.stat().st_uid == account.pw_uid != 0
    out = room.state.parent / "answers.csv"
    done = subprocess.run([sys.executable, str(HUB), "export", "--out", str(out)], cwd=ROOT, timeout=120,
                          env=dict(os.environ, LEADING_PRODUCTS_HUB_STATE=str(room.state)),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))  # a BOM, for spreadsheets, or none
    mine = {row["participant"] for row in rows if nonce in row["answer"]}
    assert mine == {"amara", "bao"}
    assert "postgres:" not in done.stdout + done.stderr  # no password printed


def test_a_participant_cannot_reach_another_or_the_hub(two):
    room = two
    bao = pwd.getpwnam("bao")
    hub_pid = int((room.state / "jupyterhub.pid").read_text().strip())
    printed = _run_in_kernel(room.base, "amara", room.people["amara"].token, ATTACKS.format(
        other_home=bao.pw_dir, state=str(room.state), hub_pid=hub_pid, other="bao"))
    results = json.loads(printed.strip().splitlines()[-1])
    environment = results.pop("environment")
    assert results.pop("uid") not in (0, bao.pw_uid)
    assert results.pop("account") == "amara"
    assert results.pop("home mode") == "0o700"
    assert results.pop("other processes' environments readable") == 0
    assert results.pop("others' rows seen") == 0
    assert results.pop("superuser") is False
    assert results, "no attempt ran"
    done = {what: outcome for what, outcome in results.items() if not outcome.startswith("refused")}
    assert done == {}, f"a participant's kernel could: {done}"
    assert not Path("/tmp/lp-hub-owned").exists()
    # The server's environment holds only the participant's own credentials.
    store = urlsplit(environment["LEADING_PRODUCTS_STORE"])
    assert store.username == "lp_p_amara"
    secrets_held = [(room.state / "secrets" / f).read_text().strip() for f in ("room_password", "store")]
    assert not [k for k, v in environment.items() if any(s and s in v for s in secrets_held)]
    assert not [k for k in environment if k in ("LEADING_PRODUCTS_HUB_PASSWORD", "CONFIGPROXY_AUTH_TOKEN")]


def test_sign_in_needs_ones_own_password_and_the_room_password(two):
    base = two.base
    assert _sign_in(base, "amara", OWN["amara"]).status_code == 302  # the owner comes back
    assert _sign_in(base, "bao", OWN["bao"]).status_code == 302  # 100+ bytes of UTF-8: whole
    assert _sign_in(base, "bao", OWN["bao"][:-1]).status_code == 403  # not a prefix of it
    # A thief with the room's password and a wrong own password, told so in a sentence.
    thief = _sign_in(base, "amara", "amara\u2019s own password?")
    assert thief.status_code == 403 and "not its password" in thief.text
    # The right own password without the room's password, or with a wrong one.
    assert _sign_in(base, "amara", OWN["amara"], room=None).status_code == 403
    assert _sign_in(base, "amara", OWN["amara"], room="room's-pässwörd").status_code == 403
    # A new name needs a password of 8 characters or more; a name is one word, never a path.
    short = _sign_in(base, "chidi", "short")
    assert short.status_code == 403 and "at least 8 characters" in short.text
    assert _sign_in(base, "../etc", "a long enough password").status_code == 403
    # A machine account the room did not create is never a participant (it would run servers as it).
    for account in ("root", "postgres", "daemon"):
        assert _sign_in(base, account, "a long enough password").status_code == 403, account
    # Only the sign-in page: no sign-up, approval or password-change pages of the authenticator.
    for page in ("signup", "authorize", "change-password"):
        assert requests.get(f"{base}/hub/{page}", timeout=10, allow_redirects=False).status_code in (302, 404), page
    # Any unicode, never a server error.
    for password in ("\u201cquoted\u201d \u2014 ok", "emoji 😀 here", "\u0000 nul \ud7ff", "x" * 300):
        assert _sign_in(base, "amara", password).status_code == 403, password


def test_forty_wrong_passwords_in_a_row_are_refused(two):
    base, name, good = two.base, "dara", "dara's good password"
    assert _sign_in(base, name, good).status_code == 302
    codes, lock = [], threading.Lock()

    def guess(start: int) -> None:
        for i in range(start, 40, 4):
            code = _sign_in(base, name, f"guess number {i}").status_code
            with lock:
                codes.append(code)

    started = time.monotonic()
    threads = [threading.Thread(target=guess, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    assert sorted(set(codes)) == [403] and len(codes) == 40
    # Refused for a while: even the right password is refused now.
    locked = _sign_in(base, name, good)
    assert locked.status_code == 403 and "Too many wrong tries" in locked.text
    print(f"40 wrong passwords (4 at a time): {40 / elapsed:.1f} a second, all refused; then locked")


def _launch_link(hub: str, chapter: str) -> str:
    """The book's JupyterHub button for ``chapter``, built as sphinx-book-theme builds it."""
    query = urlencode({"repo": "https://github.com/leading-products/leading-products",
                       "urlpath": f"lab/tree/leading-products/book/{chapter}.ipynb", "branch": "main"}, safe="/")
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def test_the_book_launch_button_signs_a_participant_in_and_opens_the_chapter(room):
    """The real path, in Chromium: a chapter's JupyterHub button leads to the sign-in page; after
    it the hub starts the server and JupyterLab opens that chapter in the participant's own copy,
    with nothing asked of another host on the way."""
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    page = requests.get(f"{room.base}/hub/login", timeout=10)
    # The page loads nothing from another host: every script, style and image is the hub's own.
    refs = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', page.text)
    assert refs and all(ref.startswith("/hub/") for ref in refs), refs
    with sync_playwright() as playwright:
        browser = launch(playwright)
        visit = Visit(browser)
        try:
            page = visit.goto(_launch_link(room.base, "sequencing"))
            page.fill("#username_input", "chioma")
            page.fill("#password_input", "chioma's own password")
            page.fill("#room_password_input", ROOM_PASSWORD)
            page.click("#login_submit")
            page.wait_for_url("**/user/chioma/lab/tree/sequencing.ipynb**", timeout=TIMEOUT * 1000)
            page.locator(".jp-Notebook").first.wait_for(timeout=TIMEOUT * 1000)
            assert visit.foreign == []
        finally:
            visit.close()
            browser.close()
    print(f"browser sign-in: {time.monotonic() - started:.1f} s")
