"""JupyterHub for a workshop room: every participant gets their own live copy of the chapters.

``make hub PASSWORD=...`` runs it (``tools/room/hub.py``); ``jupyterhub -f tools/room/jupyterhub_config.py``
does too, with the settings below in the environment. What the room gets:

* **Log-in with one shared password** (JupyterHub's ``SharedPasswordAuthenticator``): each
  participant types a name of their choice (one word: letters, digits, ``.``, ``-``, ``_``) and
  the password the facilitator gives the room. The name becomes their participant name.
* **One server per participant on this machine** (``SimpleLocalProcessSpawner``: no system
  users are created), opening JupyterLab on a fresh working copy of the chapters in
  ``_hub/home/<name>/`` (outputs cleared, citations readable, as ``make lab`` does).
* **Every answer in one store**: each server starts with ``LEADING_PRODUCTS_RENDER=live``,
  ``LEADING_PRODUCTS_STORE`` (the facilitator's store, usually a ``postgresql://`` URL) and
  ``LEADING_PRODUCTS_PARTICIPANT`` set to the participant's hub name.
* **The book's JupyterHub button works offline**: build the site with
  ``LEADING_PRODUCTS_HUB_URL=<this hub's address>`` and a chapter's button opens that chapter in
  the participant's copy (``tools/room/lp_gitpull.py`` answers the nbgitpuller link; nothing is
  cloned).
* **Nothing asked of other hosts**: the hub's pages use its own static files, the proxy is
  ``node_modules/.bin/configurable-http-proxy``, and JupyterLab never fetches news or updates.
* The hub's own state (its SQLite database, cookie secret, pid files) lives in ``_hub/``,
  which git ignores.

Environment (all but the password have defaults):

``LEADING_PRODUCTS_HUB_PASSWORD``  the room's password, at least 8 characters (required)
``LEADING_PRODUCTS_STORE``         where answers go: a ``postgresql://`` URL or a folder (required)
``LEADING_PRODUCTS_HUB_HOST``      address to listen on (``127.0.0.1``; ``0.0.0.0`` for a room)
``LEADING_PRODUCTS_HUB_PORT``      port of the hub's pages (``8800``); the proxy's API uses the
                                   next port and the hub's internal API the one after
``LEADING_PRODUCTS_HUB_STATE``     the hub's folder (``_hub/`` in the repository)

This is a room set-up, not a secure multi-tenant one: anyone with the password can log in under
any name, and every server (so every participant's code) runs as the operating-system user who
started the hub: start it as an ordinary user, on a machine that holds nothing private. See the facilitator guide,
"Beyond one machine", for The Littlest JupyterHub and Zero to JupyterHub on Kubernetes.
"""

import importlib.util
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

ROOT = Path(__file__).resolve().parents[2]
STATE = Path(os.environ.get("LEADING_PRODUCTS_HUB_STATE") or ROOT / "_hub").resolve()
PASSWORD = os.environ.get("LEADING_PRODUCTS_HUB_PASSWORD", "")
STORE = os.environ.get("LEADING_PRODUCTS_STORE", "").strip()
HOST = os.environ.get("LEADING_PRODUCTS_HUB_HOST", "").strip() or "127.0.0.1"
PORT = int(os.environ.get("LEADING_PRODUCTS_HUB_PORT", "").strip() or 8800)
MIN_PASSWORD = 8

if not PASSWORD.strip():
    sys.exit("The workshop hub needs a password for the room: set LEADING_PRODUCTS_HUB_PASSWORD "
             "(make hub PASSWORD=...). It cannot be empty.")
if len(PASSWORD) < MIN_PASSWORD:
    sys.exit(f"The room's password needs at least {MIN_PASSWORD} characters; this one has {len(PASSWORD)}.")
if not STORE:
    sys.exit("The workshop hub needs a store for the answers: set LEADING_PRODUCTS_STORE to a "
             "postgresql:// URL (make hub starts a local PostgreSQL when you give none).")
if "://" not in STORE:  # a folder: every server must find the same one, wherever it starts
    STORE = str(Path(STORE).expanduser().resolve())

STATE.mkdir(parents=True, exist_ok=True)
HOMES = STATE / "home"

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

# --- Log-in: one shared password for the room ----------------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = PASSWORD
c.Authenticator.allow_all = True  # anyone who has the room's password
# A name is also a folder name and the participant's name in the answers: one word.
c.Authenticator.username_pattern = r"^\w[\w.-]{0,39}$"

# --- One server per participant, on this machine --------------------------------------------
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.cmd = [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
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
] + (["--allow-root"] if os.geteuid() == 0 else [])
c.Spawner.start_timeout = 120  # a shared laptop can be slow to start thirty servers
c.Spawner.http_timeout = 90
# JupyterHub's list for local servers, plus the OpenBLAS settings some processors need here.
c.Spawner.env_keep = ["CONDA_DEFAULT_ENV", "CONDA_ROOT", "JUPYTERHUB_SINGLEUSER_APP", "LANG", "LC_ALL",
                      "LD_LIBRARY_PATH", "PATH", "PYTHONPATH", "VIRTUAL_ENV",
                      "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]
c.Spawner.environment = {
    "LEADING_PRODUCTS_RENDER": "live",
    "LEADING_PRODUCTS_STORE": STORE,
    "LEADING_PRODUCTS_PARTICIPANT": lambda spawner: spawner.user.name,
    "JUPYTERLAB_SETTINGS_DIR": lambda spawner: str(HOMES / spawner.user.name / ".settings"),
    "PYTHONPATH": os.pathsep.join([str(ROOT / "tools" / "room")] + [p for p in [os.environ.get("PYTHONPATH", "")] if p]),
}


def _working_copy(spawner):
    """Before a participant's first server: their own copy of the chapters (kept afterwards)."""
    spec = importlib.util.spec_from_file_location("workcopy", ROOT / "tools" / "lab" / "workcopy.py")
    workcopy = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(workcopy)
        workcopy.make(HOMES / spawner.user.name)
    except Exception:  # the server still starts; the participant sees an empty folder
        spawner.log.exception("Could not copy the chapters for %s", spawner.user.name)


c.Spawner.pre_spawn_hook = _working_copy
