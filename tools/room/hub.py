"""``make hub``: start the workshop's JupyterHub (``tools/room/jupyterhub_config.py``) for a room.

1. Must run as root: each participant's server runs as their own system account, which the
   hub creates (group ``lp-room``) and this launcher removes at the end, with its home folder.
2. The room's password (``LEADING_PRODUCTS_HUB_PASSWORD``) is optional: when set (8 characters
   or more) the sign-in form asks for it besides each participant's own password.
3. Uses the PostgreSQL the facilitator gives in ``LEADING_PRODUCTS_STORE`` (a superuser's
   ``postgresql://`` URL); with none, starts one for the room on this machine
   (``tools/room/pgserver.py``), keeping its data in ``_hub/postgres/`` from one workshop to the next.
   A folder (SQLite) is refused: every participant could write it.
4. Keeps the secrets (the room's password, the store's URLs) in ``_hub/secrets/``, files only root
   can read, never in the hub's environment or on a command line.
5. Prints the address (and the room's password) to give the room, runs JupyterHub (its log in
   ``_hub/hub.log``) until Ctrl+C, then stops it, every participant's server, the room's accounts
   and the room's PostgreSQL if it started one.

Usage: ``python tools/room/hub.py [--host 127.0.0.1] [--port 8800] [--pg-port 5433]``;
``python tools/room/hub.py export [--out answers.csv] [--participant NAME]`` writes every answer
of the room's store as CSV, as the facilitator (what ``make export`` runs after ``make hub``).
"""

from __future__ import annotations

import argparse
import grp
import importlib.util
import os
import pwd
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "tools" / "room" / "jupyterhub_config.py"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
MIN_PASSWORD = 8
#: The group of the system accounts the room creates (as in jupyterhub_config.py).
GROUP = "lp-room"

_spec = importlib.util.spec_from_file_location("pgserver", Path(__file__).resolve().parent / "pgserver.py")
pgserver = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pgserver)


def password_problem(password: str) -> str:
    """"" when ``password`` will do for the room (none at all will), else a sentence saying what to change."""
    if password and not password.strip():
        return ("The room's password is only spaces. Choose one with letters or digits, or give none: "
                "make hub PASSWORD=choose-one")
    if password and len(password) < MIN_PASSWORD:
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


def write_secret(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name``, readable by its owner (root) only."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    path = folder / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text + "\n")
    path.chmod(0o600)
    return path


def room_accounts() -> list[str]:
    """The names of the system accounts the room created (primary group ``lp-room``), never root."""
    try:
        gid = grp.getgrnam(GROUP).gr_gid
    except KeyError:
        return []
    return sorted(p.pw_name for p in pwd.getpwall() if p.pw_gid == gid and p.pw_uid != 0)


def remove_room_accounts() -> list[str]:
    """Remove every account the room created, with its home folder; their names.

    A process still running as one of them (a server that did not stop) is killed first, by its id.
    """
    import psutil

    names = room_accounts()
    uids = {pwd.getpwnam(name).pw_uid for name in names}
    left = [p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real in uids]
    for proc in left:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(left, timeout=10)
    for name in names:
        subprocess.run(["userdel", "--remove", name], capture_output=True)
    return names


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


def _admin_store(state: Path) -> tuple[str, Path | None]:
    """The room store's superuser URL and, when this call started the room's PostgreSQL, its folder."""
    own = state / "postgres"
    given = (state / "secrets" / "store")
    if (own / "data" / "PG_VERSION").exists() and not pgserver.running(own):
        return pgserver.start(own), own
    if given.exists():
        return given.read_text(encoding="utf-8").strip(), None
    raise pgserver.PostgresError(f"No workshop hub has run here ({state} holds no store).")


def export(argv: list[str]) -> int:
    """``hub.py export``: the room's answers as CSV, read as the facilitator's role."""
    parser = argparse.ArgumentParser(prog="hub.py export", description="Every answer of the room, as CSV.")
    parser.add_argument("--out", default="answers.csv")
    parser.add_argument("--participant", default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from exercises.room import store

    state = Path(os.environ.get("LEADING_PRODUCTS_HUB_STATE") or ROOT / "_hub").resolve()
    started = None
    try:
        admin, started = _admin_store(state)
        facilitator = pgserver.prepare_room(admin)
        return store.main(["export", facilitator, "--out", args.out]
                          + (["--participant", args.participant] if args.participant else []))
    except Exception as error:  # noqa: BLE001 - a sentence, not a traceback
        print(f"The room's answers could not be exported: {error}", file=sys.stderr)
        return 1
    finally:
        if started is not None:
            pgserver.stop(started)


def closed_folder(*paths: Path) -> Path | None:
    """The first folder on the way to one of ``paths`` that other accounts cannot pass through (no
    execute bit for others), or ``None``. The participants' accounts must reach their homes, under
    the hub's folder, and the project's Python packages: a home folder closed to others (Ubuntu's
    default), or a folder made by ``mktemp -d``, would stop every participant's server from starting."""
    for path in paths:
        for folder in reversed(Path(path).resolve().parents):
            if folder.exists() and not folder.stat().st_mode & 0o001:  # the hub makes the rest, open
                return folder
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["export"]:
        return export(argv[1:])
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
    if os.geteuid() != 0:
        print("The workshop hub runs each participant's server as their own system account, so it "
              "must start as root: sudo make hub.", file=sys.stderr)
        return 2
    if not PROXY.exists():
        print(f"The hub's proxy is missing ({PROXY.relative_to(ROOT)}): run make setup first.", file=sys.stderr)
        return 2

    state = Path(os.environ.get("LEADING_PRODUCTS_HUB_STATE") or ROOT / "_hub").resolve()
    store = os.environ.get("LEADING_PRODUCTS_STORE", "").strip()
    if store and not store.startswith(("postgresql://", "postgres://")):
        print("The workshop hub keeps answers in PostgreSQL, so that each participant can save only their "
              f"own; {store!r} is not a postgresql:// URL. Give a superuser's URL, or no STORE to start "
              "one for the room here.", file=sys.stderr)
        return 2
    closed = closed_folder(state / "home", Path(sysconfig.get_paths()["purelib"]))
    if closed is not None:
        print(f"The participants' accounts cannot pass through {closed}, on the way to their home folders "
              f"and the book's Python packages, so their servers could not start. Run make hub from a folder "
              f"they can pass through, or open this one to them: sudo chmod o+x {closed}", file=sys.stderr)
        return 2
    own_postgres = None
    if not store:
        own_postgres = state / "postgres"
        try:
            store = pgserver.start(own_postgres, args.pg_port)
        except pgserver.PostgresError as error:
            print(f"{error}\nOr give the room a store: make hub STORE=postgresql://user:password@host/db",
                  file=sys.stderr)
            return 1

    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o711)
    secrets = state / "secrets"
    write_secret(secrets, "room_password", password)
    write_secret(secrets, "store", store)
    env = {k: v for k, v in os.environ.items() if k not in ("LEADING_PRODUCTS_HUB_PASSWORD", "LEADING_PRODUCTS_STORE")}
    env.update(LEADING_PRODUCTS_HUB_SECRETS=str(secrets), LEADING_PRODUCTS_HUB_STATE=str(state),
               LEADING_PRODUCTS_HUB_HOST=args.host, LEADING_PRODUCTS_HUB_PORT=str(args.port))
    hub = None
    try:
        log = state / "hub.log"
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(log, 0o600)
        with os.fdopen(fd, "ab") as out:
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
        ] + ([f"  password  {password}"] if password else []) + [
            "Each participant signs in with a one-word name of their choice and a password of their own"
            + (" (8 characters or more), and the room's password." if password else " (8 characters or more)."),
            f"Answers go to {shown_store(store)}, each participant's under their own database role.",
            "  make export (after the workshop, or during it) writes them all to answers.csv.",
            f"The hub's log: {log.relative_to(ROOT) if log.is_relative_to(ROOT) else log}",
            "Ctrl+C stops the hub, every participant's server, removes the room's accounts"
            + (" and stops the room's PostgreSQL." if own_postgres else "."),
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
        removed = remove_room_accounts()
        if removed:
            print(f"Removed the room's {len(removed)} account(s) and their folders.", flush=True)
        if own_postgres is not None:
            pgserver.stop(own_postgres)


if __name__ == "__main__":
    sys.exit(main())
