"""Who may open what on the workshop server (``make workshop``): Voilà's identity provider.

Voilà (``Voila.identity_provider_class``) asks :class:`RoomIdentityProvider` who sends each
request, before it renders a page or opens a kernel:

* **The facilitator's apps** (the dashboard, which shows and exports every answer) need the
  facilitator's token (``Voila.token``, which ``tools/room/serve.py`` makes and prints once):
  in the link (``?token=...``) or typed on Voilà's sign-in page; a cookie then keeps it.
* **A chapter opened under a display name** (``?name=...``) must carry that name's key
  (``&key=...``): a random secret the participant's browser made at first use and keeps
  (localStorage; the landing page adds it to every link). The first key a name comes with
  binds it; another key for the same name is refused with a sentence, so typing someone else's
  name neither saves as them nor downloads their answers. Only a hash of each key is kept, in
  :attr:`RoomIdentityProvider.names_file` (mode 0600), across restarts.
* Everything else (the landing page, a chapter without a name, static files) is open to the
  room as before.

The module is imported by the Voilà process from ``tools/room/server/`` (on its ``PYTHONPATH``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import posixpath
import threading
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from jupyter_server.auth.identity import IdentityProvider, User
from tornado import web
from traitlets import List, Unicode

__all__ = ["RoomIdentityProvider", "name_key", "Names", "MIN_KEY"]

#: Shortest key a browser may bind a name with (the landing page makes 32 hex characters).
MIN_KEY = 16
_PARTICIPANT = User(username="participant", name="Participant", display_name="Participant")


def name_key(name: str) -> str:
    """A display name as compared for binding: NFKC, spaces collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class Names:
    """The names of the room and a hash of each one's key, kept in a JSON file (mode 0600)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.Lock()

    def _read(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    def claim(self, name: str, key: str) -> bool:
        """True when ``key`` is ``name``'s key (binding a new name to it); False when another key has it."""
        who, digest = name_key(name), _digest(key)
        with self._lock:
            names = self._read()
            if who in names:
                return hmac.compare_digest(names[who], digest)
            names[who] = digest
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(self.path.name + ".tmp")
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(names, out)
            os.replace(temporary, self.path)
            return True


class RoomIdentityProvider(IdentityProvider):
    """Voilà's identity provider for a room: the facilitator's token for their apps only, and a
    display name bound to the key of the browser that first used it."""

    facilitator_apps = List(Unicode(), ["dashboard.ipynb"], config=True,
                            help="App notebooks that need the facilitator's token.")
    names_file = Unicode("", config=True, help="Where each display name's key hash is kept.")

    def _app(self, handler) -> str:
        """The notebook a request is about (its last path part, decoded and normalized), or ""."""
        path = posixpath.normpath(unquote(handler.request.path))
        return posixpath.basename(path) if path.endswith(".ipynb") else ""

    async def get_user(self, handler):
        app = self._app(handler)
        if app in self.facilitator_apps:
            return await super().get_user(handler)  # the token (link, header or cookie), else sign-in
        name = handler.get_argument("name", "") if app else ""
        if name.strip():
            key = handler.get_argument("key", "")
            if len(key) < MIN_KEY:
                raise web.HTTPError(403, reason="Open the chapters from the workshop's first page, in the "
                                                "browser where you chose your name.")
            if not Names(self.names_file or "names.json").claim(name, key):
                raise web.HTTPError(403, reason="This display name is already taken in this workshop. Choose "
                                                "another on the first page, or use the browser where you chose it.")
        return _PARTICIPANT
