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
