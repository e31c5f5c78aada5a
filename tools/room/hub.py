"""``make hub``: start the workshop's JupyterHub (``tools/room/jupyterhub_config.py``) for a room.

1. Refuses to start without the room's password (``LEADING_PRODUCTS_HUB_PASSWORD``, at least
   8 characters), with a sentence that says what to do.
2. Uses the answers store the facilitator gives in ``LEADING_PRODUCTS_STORE`` (a ``postgresql://``
   URL, or a folder); with none, starts a PostgreSQL server for the room on this machine
   (``tools/room/pgserver.py``), keeping its data in ``_hub/postgres/`` from one workshop to the next.
3. Prints the address and the password to give the room, and where the answers go.
4. Runs JupyterHub (its log in ``_hub/hub.log``) until Ctrl+C, then stops it, every participant's server, and the room's
   PostgreSQL if it started one.

Usage: ``python tools/room/hub.py [--host 127.0.0.1] [--port 8800] [--pg-port 5433]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "tools" / "room" / "jupyterhub_config.py"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
MIN_PASSWORD = 8

_spec = importlib.util.spec_from_file_location("pgserver", Path(__file__).resolve().parent / "pgserver.py")
pgserver = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pgserver)


def password_problem(password: str) -> str:
    """"" when ``password`` will do for the room, else a sentence saying what to change."""
    if not password.strip():
        return ("The room needs a password, and none was given. Choose one and start again: "
                "make hub PASSWORD=choose-one")
    if len(password) < MIN_PASSWORD:
        return (f"The room's password needs at least {MIN_PASSWORD} characters; "
                f"this one has {len(password)}. Choose a longer one.")
    return ""


def address(host: str, port: int) -> str:
    """The address to give the room: this machine's name when it listens on every address."""
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    return f"http://{shown}:{port}/"


def shown_store(store: str) -> str:
    """``store`` as printed for the room: a database password in the URL becomes ``***``."""
    parts = urlsplit(store)
    if parts.password is None:
        return store
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def wait_ready(host: str, port: int, hub: subprocess.Popen, seconds: float = 180) -> bool:
    """True once the hub's log-in page answers; False if the hub exits or ``seconds`` pass."""
    local = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and hub.poll() is None:
        try:
            with urllib.request.urlopen(f"http://{local}:{port}/hub/login", timeout=5) as page:
                if page.status == 200:
                    return True
        except OSError:
            time.sleep(1)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: the whole room)")
    parser.add_argument("--port", type=int, default=8800, help="port of the hub's pages")
    parser.add_argument("--pg-port", type=int, default=5433, help="port of the room's own PostgreSQL")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop cleanly (the finally below) on TERM too

    password = os.environ.get("LEADING_PRODUCTS_HUB_PASSWORD", "")
    problem = password_problem(password)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if not PROXY.exists():
        print(f"The hub's proxy is missing ({PROXY.relative_to(ROOT)}): run make setup first.", file=sys.stderr)
        return 2

    state = Path(os.environ.get("LEADING_PRODUCTS_HUB_STATE") or ROOT / "_hub").resolve()
    store = os.environ.get("LEADING_PRODUCTS_STORE", "").strip()
    own_postgres = None
    if not store:
        own_postgres = state / "postgres"
        try:
            store = pgserver.start(own_postgres, args.pg_port)
        except pgserver.PostgresError as error:
            print(f"{error}\nOr give the room a store: make hub PASSWORD=... "
                  "STORE=postgresql://user@host/db", file=sys.stderr)
            return 1

    env = dict(os.environ, LEADING_PRODUCTS_STORE=store, LEADING_PRODUCTS_HUB_STATE=str(state),
               LEADING_PRODUCTS_HUB_HOST=args.host, LEADING_PRODUCTS_HUB_PORT=str(args.port))
    hub = None
    try:
        state.mkdir(parents=True, exist_ok=True)
        log = state / "hub.log"
        with open(log, "ab") as out:
            hub = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"), "-f", str(CONFIG)],
                                   env=env, cwd=state, stdout=out, stderr=subprocess.STDOUT)
        print("Starting the workshop hub (this can take half a minute)...", flush=True)
        if not wait_ready(args.host, args.port, hub):
            tail = log.read_text(errors="replace").splitlines()[-15:]
            print("The hub did not start. The end of its log:\n" + "\n".join(tail), file=sys.stderr)
            return 1
        print("\n".join([
            "",
            "The workshop hub is ready. Give the room:",
            f"  address   {address(args.host, args.port)}",
            f"  password  {password}",
            "Each participant signs in with a one-word name of their choice and this password.",
            f"Answers go to {shown_store(store)}",
            "  (the dashboard reads them with LEADING_PRODUCTS_STORE set to that).",
            f"The hub's log: {log.relative_to(ROOT) if log.is_relative_to(ROOT) else log}",
            "Ctrl+C stops the hub, every participant's server"
            + (" and the room's PostgreSQL." if own_postgres else "."),
            "",
        ]), flush=True)
        return hub.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if hub is not None and hub.poll() is None:
            hub.send_signal(signal.SIGINT)
            try:
                hub.wait(timeout=30)
            except subprocess.TimeoutExpired:
                hub.kill()
                hub.wait()
        if own_postgres is not None:
            pgserver.stop(own_postgres)


if __name__ == "__main__":
    sys.exit(main())
