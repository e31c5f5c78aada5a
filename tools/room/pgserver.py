"""A local PostgreSQL server from Debian's package: the room's answers store, or the tests'.

``make hub`` starts one for the room when the facilitator gives no store (its data is kept in
``_hub/postgres/`` between workshops); the tests' fixture ``postgres_url`` (``tests/postgres.py``)
starts a throwaway one. Both use :func:`start` and :func:`stop`.

The server listens on the loopback address only and trusts no one: every login over TCP needs a
password (``scram-sha-256`` in ``pg_hba.conf``); the superuser ``postgres`` gets a random one, kept in
``FOLDER/superuser.secret`` (readable by its owner only) and set again at each start through the
server's socket, where only the operating-system user who started it may log in as ``postgres``
(``peer`` authentication). PostgreSQL refuses to run as root, so as root it runs as the ``postgres``
user (which Debian's package creates), through ``runuser``.

For a workshop room, :func:`prepare_room` makes the answers table safe to share (row-level
security, a separate facilitator role that owns it) and :func:`participant_role` gives each
participant their own login role, which can insert and read only their own answers.

Usage: ``python tools/room/pgserver.py start|stop FOLDER [--port N]``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

__all__ = ["PostgresError", "binaries", "install", "free_port", "start", "stop", "running",
           "prepare_room", "participant_role", "role_name", "FACILITATOR", "PARTICIPANTS"]

PG_ROOT = Path("/usr/lib/postgresql")
#: The superuser's password file inside a server's folder (mode 0600).
SECRET = "superuser.secret"
#: The role that owns the answers table: the facilitator's dashboard and export log in as it.
FACILITATOR = "lp_facilitator"
#: The group role every participant's login role belongs to (no login of its own).
PARTICIPANTS = "lp_participants"
#: Who may log in, and how: a password (SCRAM) for everyone over TCP and the socket, except the
#: superuser through the socket, which only the server's own operating-system user(s) reach (peer).
HBA = """# Written by tools/room/pgserver.py at each start: no connection is trusted without a password.
local   all   postgres                 peer map=owner
local   all   all                      scram-sha-256
host    all   all        127.0.0.1/32  scram-sha-256
host    all   all        ::1/128       scram-sha-256
"""


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

    The URL is ``postgresql://postgres:<password>@127.0.0.1:<port>/postgres`` (the superuser's
    password, kept in ``folder/superuser.secret``); the log is ``folder/log`` and
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
    folder.chmod(0o700)  # its log and socket are no one else's business
    data, port = folder / "data", port or free_port()
    if not (data / "PG_VERSION").exists():
        _run(owner + [str(pg / "initdb"), "-D", str(data), "--auth-local=peer",
                      "--auth-host=scram-sha-256", "-U", "postgres", "-E", "UTF8"], "create its data folder")
    if running(folder):
        stop(folder)  # left running by a run that was killed: start it again on the port asked for
    # Written at every start, so a data folder made by an older version (which trusted every
    # local login) is closed too.
    _write_as_owner(owner, data / "pg_hba.conf", HBA)
    _write_as_owner(owner, data / "pg_ident.conf",
                    "".join(f"owner   {who}   postgres\n" for who in sorted({"postgres", getpass.getuser()})))
    _run(owner + [str(pg / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"),
                  "-o", f"-p {port} -k {folder} -h 127.0.0.1 -c password_encryption=scram-sha-256", "start"],
         f"start on port {port} (see {folder / 'log'})")
    password = _secret(folder / SECRET)
    try:
        import psycopg
        from psycopg import sql

        with psycopg.connect(host=str(folder), port=port, user="postgres", dbname="postgres",
                             autocommit=True, connect_timeout=10) as admin:
            admin.execute(sql.SQL("ALTER ROLE postgres PASSWORD {}").format(sql.Literal(password)))
    except Exception as error:  # noqa: BLE001 - said as a sentence, the server stopped
        stop(folder, fast=True)
        raise PostgresError(f"PostgreSQL started but its superuser's password could not be set: {error}") from None
    return f"postgresql://postgres:{password}@127.0.0.1:{port}/postgres"


def _write_as_owner(owner: list[str], path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (a file of the server's data folder), owned by the server's user."""
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    if owner:
        shutil.chown(path, "postgres", "postgres")


def _secret(path: Path) -> str:
    """The random password kept in ``path`` (made the first time, readable by its owner only)."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        text = ""
    if not text:
        text = secrets.token_urlsafe(24)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text + "\n")
    os.chmod(path, 0o600)
    return text


def running(folder: str | Path) -> bool:
    """True when the server of ``folder`` runs now."""
    pg, data = binaries(), Path(folder).resolve() / "data"
    if pg is None or not (data / "postmaster.pid").exists():
        return False
    return subprocess.run(_as_owner() + [str(pg / "pg_ctl"), "-D", str(data), "status"],
                          capture_output=True).returncode == 0


def role_name(participant: str) -> str:
    """The PostgreSQL login role of hub participant ``participant`` (``lp_p_<name>``)."""
    return f"lp_p_{participant}"


def _url(admin_url: str, user: str, password: str) -> str:
    """``admin_url`` with another user and password (same host, port and database)."""
    from urllib.parse import quote, urlsplit

    parts = urlsplit(admin_url)
    host = parts.hostname or "127.0.0.1"
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}" + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


def prepare_room(admin_url: str) -> str:
    """Make the answers store at ``admin_url`` (a superuser's URL) safe for a room; the facilitator's URL.

    Creates (or brings up to date) the answers table owned by :data:`FACILITATOR` (a login role,
    not a superuser, whose password changes at every call), with row-level security: the
    participants' roles (members of :data:`PARTICIPANTS`) may only insert and read rows whose
    ``participant`` is their own name, and may neither update nor delete. No one but the
    superuser may create objects in the ``public`` schema.
    """
    import psycopg
    from psycopg import sql

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    try:
        from exercises.room import store
    finally:
        sys.path.pop(0)
    password = secrets.token_urlsafe(24)
    with psycopg.connect(admin_url, connect_timeout=10) as db, db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(2323)")  # one room set-up at a time
        for role, login in ((FACILITATOR, True), (PARTICIPANTS, False)):
            if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                db.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))
            db.execute(sql.SQL("ALTER ROLE {} " + ("LOGIN" if login else "NOLOGIN") +
                               " NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS")
                       .format(sql.Identifier(role)))
        db.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(FACILITATOR), sql.Literal(password)))
        db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        db.execute(store._SCHEMA.format(id="BIGSERIAL"))
        for statement in getattr(store, "_INDEXES", {}).values():  # a participant may not make them
            db.execute(statement.format(exists="IF NOT EXISTS "))
        db.execute(sql.SQL("ALTER TABLE answers OWNER TO {}").format(sql.Identifier(FACILITATOR)))
        db.execute("ALTER TABLE answers ENABLE ROW LEVEL SECURITY")
        db.execute("CREATE TABLE IF NOT EXISTS room_participants ("
                   "role_name name PRIMARY KEY, participant text NOT NULL UNIQUE)")
        db.execute("REVOKE ALL ON room_participants FROM PUBLIC")
        # Whose name the logged-in role may answer as (security definer: the table stays closed).
        db.execute("CREATE OR REPLACE FUNCTION room_participant() RETURNS text LANGUAGE sql STABLE "
                   "SECURITY DEFINER SET search_path = pg_catalog, public AS "
                   "$$ SELECT participant FROM public.room_participants WHERE role_name = session_user $$")
        db.execute("REVOKE ALL ON FUNCTION room_participant() FROM PUBLIC")
        group = sql.Identifier(PARTICIPANTS)
        db.execute(sql.SQL("GRANT EXECUTE ON FUNCTION room_participant() TO {}").format(group))
        db.execute("DROP POLICY IF EXISTS own_answers_in ON answers")
        db.execute("DROP POLICY IF EXISTS own_answers_out ON answers")
        db.execute(sql.SQL("CREATE POLICY own_answers_in ON answers FOR INSERT TO {} "
                           "WITH CHECK (participant = room_participant())").format(group))
        db.execute(sql.SQL("CREATE POLICY own_answers_out ON answers FOR SELECT TO {} "
                           "USING (participant = room_participant())").format(group))
        db.execute(sql.SQL("REVOKE ALL ON answers FROM {}").format(group))
        db.execute(sql.SQL("GRANT SELECT, INSERT ON answers TO {}").format(group))
        db.execute(sql.SQL("GRANT USAGE ON SEQUENCE answers_id_seq TO {}").format(group))
    return _url(admin_url, FACILITATOR, password)


def participant_role(admin_url: str, participant: str) -> str:
    """A login role for ``participant`` alone (made the first time; a new password each call); its URL.

    The role belongs to :data:`PARTICIPANTS`, so it may insert and read only rows whose
    ``participant`` is ``participant`` (see :func:`prepare_room`, which must have run).
    """
    import psycopg
    from psycopg import sql

    role, password = role_name(participant), secrets.token_urlsafe(24)
    with psycopg.connect(admin_url, connect_timeout=10) as db, db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(2324)")
        name = sql.Identifier(role)
        if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            db.execute(sql.SQL("CREATE ROLE {}").format(name))
        db.execute(sql.SQL("ALTER ROLE {} LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                           "NOBYPASSRLS CONNECTION LIMIT 20 PASSWORD {}").format(name, sql.Literal(password)))
        db.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(PARTICIPANTS), name))
        db.execute("INSERT INTO room_participants (role_name, participant) VALUES (%s, %s) "
                   "ON CONFLICT (role_name) DO UPDATE SET participant = EXCLUDED.participant", (role, participant))
    return _url(admin_url, role, password)


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
