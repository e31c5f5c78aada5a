"""The book's JupyterHub launch button, answered offline by the workshop hub's servers.

With ``LEADING_PRODUCTS_HUB_URL`` set at build time, every chapter of the site gets a
"JupyterHub" button whose link is an nbgitpuller link::

    <hub>/hub/user-redirect/git-pull?repo=<the book's repository>&urlpath=lab/tree/<repo>/book/<chapter>.ipynb&branch=main

A hub with nbgitpuller clones the repository from GitHub, which a room without internet cannot
do. The workshop hub (``tools/room/jupyterhub_config.py``) already gives each participant their
own copy of the chapters, so this small server extension answers ``/git-pull`` itself: it opens
the chapter named at the end of ``urlpath`` in the participant's copy, or JupyterLab when there
is no such chapter. It reads no other part of the link and never fetches anything.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web


def chapter_path(urlpath: str, root: str | Path) -> str:
    """``lab/tree/<name>.ipynb`` when ``urlpath`` ends with a notebook that is in ``root``, else ``lab``."""
    name = urlpath.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    if name.endswith(".ipynb") and name not in (".", "..") and (Path(root) / name).is_file():
        return f"lab/tree/{quote(name)}"
    return "lab"


class GitPullHandler(JupyterHandler):
    """``GET /git-pull?urlpath=...``: a redirect to the chapter in the participant's own copy."""

    @web.authenticated
    def get(self):
        root = self.settings.get("server_root_dir") or self.contents_manager.root_dir
        self.redirect(url_path_join(self.base_url, chapter_path(self.get_argument("urlpath", ""), root)))


def _jupyter_server_extension_points():
    return [{"module": "lp_gitpull"}]


def _load_jupyter_server_extension(serverapp):
    serverapp.web_app.add_handlers(".*$", [(url_path_join(serverapp.base_url, "git-pull"), GitPullHandler)])
