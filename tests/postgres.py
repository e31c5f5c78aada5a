"""A throwaway PostgreSQL server for the tests that need one (the answers store, JupyterHub).

Debian's package is installed if missing; the server refuses to run as root, so as root it runs
as the ``postgres`` user. Where neither can be had, the tests that use it are skipped with the
reason. The start and stop are ``tools/room/pgserver.py``, which ``make hub`` uses for the room.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "pgserver", Path(__file__).resolve().parent.parent / "tools" / "room" / "pgserver.py")
pgserver = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pgserver)


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL server from Debian's package, run as the ``postgres`` user."""
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    if pgserver.install() is None:
        pytest.skip("Debian's postgresql package could not be installed here")
    folder = Path(tempfile.mkdtemp(prefix="lp-pg-"))
    try:
        url = pgserver.start(folder)
    except pgserver.PostgresError as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(str(error))
    try:
        yield url
    finally:
        pgserver.stop(folder, fast=True)
        shutil.rmtree(folder, ignore_errors=True)


class Server:
    """A throwaway PostgreSQL server of one test that can be stopped, started and hung (SIGSTOP)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.url = pgserver.start(folder)
        self.port = int(self.url.rsplit(":", 1)[1].split("/", 1)[0])

    def processes(self) -> list:
        """The server's processes: the postmaster and every backend."""
        import psutil

        pid = int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
        main = psutil.Process(pid)
        return [main, *main.children(recursive=True)]

    def stop(self) -> None:
        """Stop it at once, as a crash or a restart does: open connections go stale."""
        pgserver.stop(self.folder, fast=True)

    def start(self) -> None:
        """Start it again on the same port."""
        pgserver.start(self.folder, port=self.port)

    def hang(self) -> None:
        """Freeze every process of the server (SIGSTOP): connections stay open, nothing answers."""
        for process in self.processes():
            process.suspend()

    def wake(self) -> None:
        """Let a hung server go on (SIGCONT)."""
        for process in self.processes():
            process.resume()


@pytest.fixture
def postgres_server(tmp_path_factory):
    """A throwaway PostgreSQL server for one test (:class:`Server`), removed afterwards."""
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    if pgserver.install() is None:
        pytest.skip("Debian's postgresql package could not be installed here")
    folder = Path(tempfile.mkdtemp(prefix="lp-pg-one-"))
    try:
        server = Server(folder)
    except pgserver.PostgresError as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(str(error))
    try:
        yield server
    finally:
        try:
            server.wake()
        except Exception:  # noqa: BLE001 - it is not running
            pass
        pgserver.stop(folder, fast=True)
        shutil.rmtree(folder, ignore_errors=True)
