"""The files Binder needs, read with repo2docker's rules (offline: nothing here can reach Binder).

repo2docker reads only the ``binder/`` folder when there is one: ``runtime.txt`` names the Python
(``python-X.Y``), and ``postBuild``, an executable script, runs in the repository after the
environment is built. They must give the same Python as the Makefile and install the same pinned
list as ``make book``, and every chapter page must offer a launch button into that environment.
"""

from __future__ import annotations

import os
import re
from types import SimpleNamespace

import pytest
import yaml

from browser import ROOT, SITE
from exercises import CHAPTERS

BINDER = ROOT / "binder"


def test_binder_uses_the_makefiles_python():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.\d+", runtime), runtime
    python = re.search(r"^PYTHON \?= python(3\.\d+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert python and runtime == f"python-{python.group(1)}"


def test_binder_installs_the_books_one_list_of_pins():
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "repo2docker runs postBuild only when it is executable"
    text = post_build.read_text(encoding="utf-8")
    assert text.startswith("#!") and "set -e" in text
    assert re.search(r"pip install .*-r requirements\.txt", text)
    # Any environment file in binder/ would make repo2docker build something else first.
    others = {p.name for p in BINDER.iterdir()} - {"runtime.txt", "postBuild", "README.md"}
    assert not others, f"binder/ holds files repo2docker would also act on: {sorted(others)}"
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-e ." in requirements and any(line.startswith("jupyterlab-myst==") for line in requirements)


def test_every_chapter_page_launches_itself_on_binder_and_offers_its_notebook():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo = config["repository"]["url"].removeprefix("https://github.com/")
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    for topic in CHAPTERS:
        html = (SITE / "book" / f"{topic}.html").read_text(encoding="utf-8")
        launch = f"https://mybinder.org/v2/gh/{repo}/{config['repository']['branch']}?urlpath=lab/tree/book/{topic}.ipynb"
        assert f'href="{launch}"' in html, f"{topic}: no Binder launch button for {launch}"
        assert f"_sources/book/{topic}.ipynb" in html, f"{topic}: no download button for its notebook"
        assert (SITE / "_sources" / "book" / f"{topic}.ipynb").is_file()


def test_a_hub_address_adds_a_jupyterhub_button_and_a_bad_one_stops_the_build(monkeypatch):
    """``LEADING_PRODUCTS_HUB_URL`` names a hub for the theme's JupyterHub button; unset, there is none."""
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import site_fixes

    def configured(value):
        if value is None:
            monkeypatch.delenv(site_fixes.HUB_URL, raising=False)
        else:
            monkeypatch.setenv(site_fixes.HUB_URL, value)
        config = SimpleNamespace(html_theme_options={"launch_buttons": {"binderhub_url": "https://mybinder.org"}})
        site_fixes._hub_launch_button(None, config)
        return config.html_theme_options["launch_buttons"]

    assert "jupyterhub_url" not in configured(None) and "jupyterhub_url" not in configured("  ")
    assert configured(" https://hub.example.org/workshop/ ") == {
        "binderhub_url": "https://mybinder.org", "jupyterhub_url": "https://hub.example.org/workshop"}
    for bad in ("hub.example.org", "javascript:alert(1)", "https://", "https://hub example.org"):
        with pytest.raises(ValueError, match="is not a hub's address"):
            configured(bad)
    if os.environ.get(site_fixes.HUB_URL, "").strip():
        return  # this build was asked for a hub button
    html = (SITE / "book" / f"{CHAPTERS[0]}.html").read_text(encoding="utf-8")
    assert "/hub/user-redirect/git-pull" not in html, "a JupyterHub button with no hub named"
