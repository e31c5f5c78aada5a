"""A local PostgreSQL server from Debian's package: the room's answers store, or the tests'.

``make hub`` starts one for the room when the facilitator gives no store (its data is kept in
``_hub/postgres/`` between workshops); the tests' fixture ``postgres_url`` (``tests/postgres.py``)
starts a throwaway one. Both use :func:`start` and :func:`stop`.

The server listens on the loopback address only and trusts connections from this machine (the
participants' kernels run here too). PostgreSQL refuses to run as root, so as root it runs as
the ``postgres`` user (which Debian's package creates), through ``runuser``.

Usage: ``python tools/room/pgserver.py start|stop FOLDER [--port N]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

__all__ = ["PostgresError", "binaries", "install", "free_port", "start", "stop"]

PG_ROOT = Path("/usr/lib/postgresql")


class PostgresError(RuntimeError):
    """PostgreSQL cannot be had or started here; the message says why, for a person."""


def binaries() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` that has ``initdb`` (Debian), else the
    folder of ``initdb`` on the ``PATH`` (other systems), or None."""
    found = sorted(PG_ROOT.glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
                   if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).resolve().parent if on_path else None


def install() -> Path | None:
    """Install Debian's ``postgresql`` package if it is missing (needs root); its binaries or None."""
    if binaries() is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "postgresql"],
                       capture_output=True)
    return binaries()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner() -> list[str]:
    """The command prefix that runs PostgreSQL's tools as a user it accepts."""
    if os.geteuid() != 0:
        return []
    if shutil.which("runuser") is None:
        raise PostgresError("PostgreSQL refuses to run as root, and runuser is missing to run it "
                            "as the postgres user.")
    return ["runuser", "-u", "postgres", "--"]


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise PostgresError(f"PostgreSQL could not {what}: {(done.stderr or done.stdout).strip()[-600:]}")


def start(folder: str | Path, port: int | None = None) -> str:
    """Start a server whose data lives in ``folder/data`` (created the first time); its URL.

    The URL is ``postgresql://postgres@127.0.0.1:<port>/postgres``; the log is ``folder/log`` and
    the socket is in ``folder`` itself. A server of ``folder`` left running (its starter was
    killed) is stopped first. Raises :class:`PostgresError` with the reason.
    """
    pg = install()
    if pg is None:
        raise PostgresError("PostgreSQL is not installed (on Debian or Ubuntu: "
                            "sudo apt-get install postgresql).")
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    owner = _as_owner()
    if owner:
        shutil.chown(folder, "postgres", "postgres")
        if subprocess.run(owner + ["test", "-w", str(folder)], capture_output=True).returncode:
            raise PostgresError(f"The postgres user cannot reach {folder}: a folder above it is "
                                "closed to other users. Choose a folder under one others can open.")
    data, port = folder / "data", port or free_port()
    if not (data / "PG_VERSION").exists():
        _run(owner + [str(pg / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                      "-E", "UTF8"], "create its data folder")
    if subprocess.run(owner + [str(pg / "pg_ctl"), "-D", str(data), "status"], capture_output=True).returncode == 0:
        stop(folder)  # left running by a run that was killed: start it again on the port asked for
    _run(owner + [str(pg / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"),
                  "-o", f"-p {port} -k {folder} -h 127.0.0.1", "start"],
         f"start on port {port} (see {folder / 'log'})")
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


def stop(folder: str | Path, fast: bool = False) -> None:
    """Stop the server of ``folder`` if it runs: cleanly by default, at once with ``fast``."""
    pg, data = binaries(), Path(folder).resolve() / "data"
    if pg is None or not (data / "postmaster.pid").exists():
        return
    subprocess.run(_as_owner() + [str(pg / "pg_ctl"), "-D", str(data), "-w",
                                  "-m", "immediate" if fast else "fast", "stop"], capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        if args.action == "start":
            print(start(args.folder, args.port))
        else:
            stop(args.folder)
    except PostgresError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
