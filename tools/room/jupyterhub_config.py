"""JupyterHub for a workshop room: every participant gets their own live copy of the chapters,
kept apart from everyone else's.

``make hub`` runs it (``tools/room/hub.py``, as root); ``jupyterhub -f tools/room/jupyterhub_config.py``
does too, with the settings below. What the room gets:

* **Sign-in with a name and one's own password** (:class:`RoomAuthenticator`, JupyterHub's
  kept ``NativeAuthenticator`` from PyPI with the room's additions): a participant chooses a
  one-word name and their own password (8 characters or more) at their first sign-in; from then
  on that name needs that password. When the facilitator set a room password, the form asks for
  it too (field ``room_password``). Passwords are compared as UTF-8 bytes (any unicode works, of
  any length); five wrong tries for a name refuse that name for two minutes, and every wrong try
  waits a second.
* **One system account per participant** (JupyterHub's ``LocalProcessSpawner`` with
  ``LocalAuthenticator.create_system_users``): the hub (root) creates an unprivileged user of
  the group ``lp-room`` for each name, home ``_hub/home/<name>`` (mode 0700), and runs that
  participant's server as them. It never runs a server as root or as an account it did not
  create (``postgres``, ``daemon``, ...). ``tools/room/hub.py`` removes these accounts at the end.
* **Answers only as yourself**: the answers store is PostgreSQL (``tools/room/pgserver.py``):
  each participant's server gets, in ``LEADING_PRODUCTS_STORE``, a URL for their own login role,
  which may insert and read only their own rows; the facilitator's dashboard and export use
  another role. No other secret reaches a participant's server.
* **The book's JupyterHub button works offline**: build the site with
  ``LEADING_PRODUCTS_HUB_URL=<this hub's address>`` and a chapter's button opens that chapter in
  the participant's copy (``tools/room/lp_gitpull.py`` answers the nbgitpuller link).
* **Nothing asked of other hosts**: the hub's pages use its own static files, the proxy is
  ``node_modules/.bin/configurable-http-proxy``, and JupyterLab never fetches news or updates.
* The hub's own state (its SQLite database with the password hashes, cookie secret, pid files,
  secrets) lives in ``_hub/``, which git ignores and no participant may read.

Secrets are read from files only root can read, in ``LEADING_PRODUCTS_HUB_SECRETS`` (``hub.py``
writes them): ``room_password`` and ``store`` (a PostgreSQL superuser's URL). Without that folder
they come from the environment (``LEADING_PRODUCTS_HUB_PASSWORD``, ``LEADING_PRODUCTS_STORE``).

``LEADING_PRODUCTS_HUB_HOST``      address to listen on (``127.0.0.1``; ``0.0.0.0`` for a room)
``LEADING_PRODUCTS_HUB_PORT``      port of the hub's pages (``8800``); the proxy's API uses the
                                   next port and the hub's internal API the one after
``LEADING_PRODUCTS_HUB_STATE``     the hub's folder (``_hub/`` in the repository)
"""

import asyncio
import base64
import grp
import hashlib
import hmac
import importlib.util
import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from jupyterhub.auth import LocalAuthenticator
from jupyterhub.handlers.login import LoginHandler
from nativeauthenticator import NativeAuthenticator
from traitlets import Unicode

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

ROOT = Path(__file__).resolve().parents[2]
STATE = Path(os.environ.get("LEADING_PRODUCTS_HUB_STATE") or ROOT / "_hub").resolve()
SECRETS = os.environ.get("LEADING_PRODUCTS_HUB_SECRETS", "").strip()
HOST = os.environ.get("LEADING_PRODUCTS_HUB_HOST", "").strip() or "127.0.0.1"
PORT = int(os.environ.get("LEADING_PRODUCTS_HUB_PORT", "").strip() or 8800)
MIN_PASSWORD = 8
#: The group of every system account the room creates (and the only accounts it runs servers as).
GROUP = "lp-room"
#: A participant's name: also their system account and database role, so ASCII, one word.
NAME_PATTERN = r"^[a-z][a-z0-9_-]{0,30}$"


def _secret(name: str, env: str) -> str:
    """A secret from ``SECRETS/name`` (a root-only file), else from the environment variable ``env``."""
    if SECRETS:
        path = Path(SECRETS) / name
        return path.read_text(encoding="utf-8").strip() if path.exists() else ""
    return os.environ.get(env, "").strip()


_spec = importlib.util.spec_from_file_location("pgserver", ROOT / "tools" / "room" / "pgserver.py")
pgserver = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pgserver)

ROOM_PASSWORD = _secret("room_password", "LEADING_PRODUCTS_HUB_PASSWORD")
ADMIN_STORE = _secret("store", "LEADING_PRODUCTS_STORE")

if os.geteuid() != 0:
    sys.exit("The workshop hub runs each participant's server as their own system account, so it "
             "must start as root: sudo make hub.")
if ROOM_PASSWORD and len(ROOM_PASSWORD) < MIN_PASSWORD:
    sys.exit(f"The room's password needs at least {MIN_PASSWORD} characters; this one has {len(ROOM_PASSWORD)}.")
if not ADMIN_STORE.startswith(("postgresql://", "postgres://")):
    sys.exit("The workshop hub keeps answers in PostgreSQL, so that each participant can save only "
             "their own: set LEADING_PRODUCTS_STORE to a superuser's postgresql:// URL, or run make hub "
             "without STORE to start one for the room.")

STATE.mkdir(parents=True, exist_ok=True)
VENV = Path(sys.prefix)
PACKAGES = Path(sysconfig.get_paths()["purelib"])


def _others_can_run(path: Path) -> bool:
    """True when an account of no group of ``path``'s owners can reach and run ``path``."""
    path = path.resolve()
    if not path.stat().st_mode & 0o001:
        return False
    return all(folder.stat().st_mode & 0o001 for folder in path.parents)


def participant_python() -> Path:
    """The Python the participants' servers run: the project's own when every account can run it;
    else (a pyenv Python under ``/root``, say) a small environment in ``_hub/python`` made from the
    system's Python of the same version, that uses the project's packages (``.venv``)."""
    if _others_can_run(Path(sys.executable)):
        return Path(sys.executable)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    base = shutil.which(f"python{version}", path="/usr/local/bin:/usr/bin:/bin")
    if base is None or not _others_can_run(Path(base)):
        sys.exit(f"The participants' accounts cannot run this Python ({sys.executable}: a folder on its way "
                 f"is closed to them), and this system has no python{version} they could run instead.")
    target = STATE / "python"
    python = target / "bin" / "python"
    if not python.exists():
        subprocess.run([base, "-m", "venv", "--without-pip", str(target)], check=True)
    site = target / "lib" / f"python{version}" / "site-packages"
    (site / "leading_products_venv.pth").write_text(f"import site; site.addsitedir({str(PACKAGES)!r})\n",
                                                    encoding="utf-8")
    for folder, dirs, files in os.walk(target):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o755 if folder.endswith("bin") else 0o644)
    return python


PYTHON = participant_python()
os.umask(0o077)  # the hub's files (database, log, secrets) are root's alone
STATE.chmod(0o711)  # participants pass through to their home; they cannot list or read the rest
HOMES = STATE / "home"
HOMES.mkdir(exist_ok=True)
HOMES.chmod(0o711)
subprocess.run(["groupadd", "-f", GROUP], check=True)
ROOM_GID = grp.getgrnam(GROUP).gr_gid

# The answers table, row-level security and the facilitator's role (idempotent).
FACILITATOR_STORE = pgserver.prepare_room(ADMIN_STORE)
if SECRETS:
    _path = Path(SECRETS) / "facilitator_store"
    _path.write_text(FACILITATOR_STORE + "\n", encoding="utf-8")
    _path.chmod(0o600)


def _password_key(password: str) -> str:
    """What is hashed (bcrypt) for ``password``: its UTF-8 bytes' SHA-256, so any length and any
    unicode works (bcrypt itself refuses more than 72 bytes)."""
    return base64.b64encode(hashlib.sha256(password.encode("utf-8", "surrogatepass")).digest()).decode("ascii")


def room_account(name: str):
    """The system account ``name`` when the room created it (group ``lp-room``, not root), else None."""
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        return None
    return account if account.pw_gid == ROOM_GID and account.pw_uid != 0 else None


class RoomLoginHandler(LoginHandler):
    """The hub's own sign-in page, saying why a sign-in was refused (in a sentence, not a code)."""

    def _render(self, login_error=None, username=None, **kwargs):
        return super()._render(login_error=getattr(self, "room_refusal", "") or login_error,
                               username=username, **kwargs)


class RoomAuthenticator(NativeAuthenticator, LocalAuthenticator):
    """NativeAuthenticator (bcrypt hashes in the hub's database, failed-login limits) whose first
    sign-in with a new name creates it, plus the room's password and system accounts."""

    room_password = Unicode("", config=True, help="The room's password; empty: none is asked.")

    def get_handlers(self, app):
        """Only the hub's own sign-in page: no sign-up, password-change or approval pages."""
        return [("/login", RoomLoginHandler)]

    def _taken_by_system(self, name: str) -> bool:
        """True when ``name`` is an account of this machine that the room did not create."""
        try:
            pwd.getpwnam(name)
        except KeyError:
            return False
        return room_account(name) is None

    @staticmethod
    async def _refuse(handler, sentence: str):
        """Refuse this sign-in, a second later (guessing is slow even before the limit), saying why."""
        if handler is not None:
            handler.room_refusal = sentence
        await asyncio.sleep(1)

    async def authenticate(self, handler, data):
        name = self.normalize_username(str(data.get("username", "")))
        password = str(data.get("password", ""))
        if not self.validate_username(name):
            return await self._refuse(handler, "A name is one word: lowercase letters, digits, - or _, starting "
                                               "with a letter, at most 31 characters.")
        if self._taken_by_system(name):
            return await self._refuse(handler, "This name cannot be used here. Choose another.")
        if self.is_blocked(name):
            self.log.warning("Sign-in for %s refused: too many wrong tries", name)
            return await self._refuse(handler, "Too many wrong tries for this name: wait two minutes, then try again.")
        if self.room_password and not hmac.compare_digest(
                str(data.get("room_password", "")).encode("utf-8", "surrogatepass"),
                self.room_password.encode("utf-8")):
            self.add_login_attempt(name)
            return await self._refuse(handler, "That is not the room's password: ask the facilitator for it.")
        if self.get_user(name) is None:  # a new name: this password becomes theirs
            if len(password) < MIN_PASSWORD:
                return await self._refuse(handler, f"This name is new here: choose your own password of at least "
                                                   f"{MIN_PASSWORD} characters.")
            if self.is_password_common(password):
                return await self._refuse(handler, "That password is one of the most common ones: choose another.")
            self.create_user(name, _password_key(password))
        found = await super().authenticate(handler, dict(data, username=name, password=_password_key(password)))
        if not found:
            return await self._refuse(handler, "This name is taken, and that is not its password.")
        return found


c.JupyterHub.authenticator_class = RoomAuthenticator
c.RoomAuthenticator.room_password = ROOM_PASSWORD
c.NativeAuthenticator.open_signup = True  # a new name is theirs at once (no approval)
c.NativeAuthenticator.enable_signup = True
c.NativeAuthenticator.minimum_password_length = MIN_PASSWORD
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5
c.NativeAuthenticator.seconds_before_next_try = 120
c.Authenticator.allow_all = True  # anyone in the room (with the room's password, if set)
c.Authenticator.username_pattern = NAME_PATTERN
c.Authenticator.blocked_users = {"root"}
c.LocalAuthenticator.create_system_users = True
c.LocalAuthenticator.add_user_cmd = [
    "useradd", "--create-home", "--home-dir", str(HOMES / "USERNAME"), "--gid", GROUP,
    "--shell", "/usr/sbin/nologin", "--comment", "Leading Products workshop participant",
    "-K", "HOME_MODE=0700", "-K", "UMASK=077",
]
c.JupyterHub.template_paths = [str(ROOT / "tools" / "room" / "hub_templates")]
c.JupyterHub.template_vars = {"room_password": bool(ROOM_PASSWORD)}

# --- Where the hub listens, and its own state -------------------------------------------------
c.JupyterHub.bind_url = f"http://{HOST}:{PORT}/"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 2
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 1}"
c.ConfigurableHTTPProxy.command = [str(ROOT / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every participant's server

# --- One server per participant, as their own system account ---------------------------------
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(PYTHON), "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.args = [
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--ServerApp.terminals_enabled=False",  # the room needs notebooks, not a shell
    # The book's JupyterHub launch button opens the chapter in the participant's copy, offline
    # (tools/room/lp_gitpull.py answers the nbgitpuller link the site builds).
    "--ServerApp.jpserver_extensions=lp_gitpull=True",
    # A kernel left idle for 30 minutes (a closed tab, a forgotten notebook) is stopped.
    "--MappingKernelManager.cull_idle_timeout=1800",
    "--MappingKernelManager.cull_interval=120",
]
c.Spawner.start_timeout = 120  # a shared laptop can be slow to start thirty servers
c.Spawner.http_timeout = 90
# JupyterHub's list for local servers, plus the OpenBLAS settings some processors need here.
c.Spawner.env_keep = ["CONDA_DEFAULT_ENV", "CONDA_ROOT", "JUPYTERHUB_SINGLEUSER_APP", "LANG", "LC_ALL",
                      "LD_LIBRARY_PATH", "PATH", "PYTHONPATH", "VIRTUAL_ENV",
                      "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]
c.Spawner.environment = {
    "LEADING_PRODUCTS_RENDER": "live",
    "LEADING_PRODUCTS_PARTICIPANT": lambda spawner: spawner.user.name,
    "JUPYTERLAB_SETTINGS_DIR": lambda spawner: str(HOMES / spawner.user.name / ".settings"),
    # The project's Jupyter files (JupyterLab's pages, extensions), whichever Python runs the server.
    "JUPYTER_PATH": str(VENV / "share" / "jupyter"),
    "JUPYTER_CONFIG_PATH": str(VENV / "etc" / "jupyter"),
    "JUPYTERLAB_DIR": str(VENV / "share" / "jupyter" / "lab"),
    "PYTHONPATH": os.pathsep.join([str(ROOT / "tools" / "room")]
                                  + [p for p in [os.environ.get("PYTHONPATH", "")] if p]),
}


def _working_copy(home: Path, account) -> None:
    """The participant's own copy of the chapters in ``home`` (kept afterwards), owned by them."""
    spec = importlib.util.spec_from_file_location("workcopy", ROOT / "tools" / "lab" / "workcopy.py")
    workcopy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(workcopy)
    workcopy.make(home)
    for folder, _, files in os.walk(home):
        for path in [folder] + [os.path.join(folder, f) for f in files]:
            os.lchown(path, account.pw_uid, account.pw_gid)
    home.chmod(0o700)


async def _before_spawn(spawner):
    """Before a participant's server starts: never as root or an account the room did not make;
    their copy of the chapters; their own database role, whose URL alone their server gets.
    The copy and the database call run in a thread, so the hub keeps answering everyone else."""
    name = spawner.user.name
    account = room_account(name)
    if account is None or account.pw_uid == 0:
        raise RuntimeError(f"Refusing to start a server for {name!r}: not an account this room created.")
    home = Path(account.pw_dir)
    try:
        await asyncio.to_thread(_working_copy, home, account)
    except Exception:  # the server still starts; the participant sees an empty folder
        spawner.log.exception("Could not copy the chapters for %s", name)
    store = await asyncio.to_thread(pgserver.participant_role, ADMIN_STORE, name)
    spawner.environment = dict(spawner.environment, LEADING_PRODUCTS_STORE=store)


c.Spawner.pre_spawn_hook = _before_spawn
