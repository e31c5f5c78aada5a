"""A throwaway PostgreSQL server for the tests that need one (the answers store, JupyterHub).

Debian's package is installed if missing; the server refuses to run as root, so it runs as the
``postgres`` user. Where neither can be had, the tests that use it are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL server from Debian's package, run as the ``postgres`` user."""
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    if not (PG_BIN / "initdb").exists():
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "postgresql"],
                       capture_output=True)
    if not (PG_BIN / "initdb").exists():
        pytest.skip("Debian's postgresql package could not be installed here")
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("starting PostgreSQL as the postgres user needs root and runuser")
    folder = Path(tempfile.mkdtemp(prefix="lp-pg-"))
    shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", _free_port()
    as_pg = ["runuser", "-u", "postgres", "--"]
    subprocess.run(as_pg + [str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)
    subprocess.run(as_pg + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"),
                            "-o", f"-p {port} -k {folder} -h 127.0.0.1", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_pg + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


