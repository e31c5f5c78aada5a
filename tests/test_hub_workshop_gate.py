"""The workshop server's gate (``tools/room/server/lp_gate.py``, switched on by ``serve.py``).

Voilà mode once let anyone who reached the server open the facilitator's dashboard, and typing
another person's name downloaded their answers or saved as them. Now the dashboard needs the
facilitator's token, and a display name is bound to the key of the browser that first used it.
The fast tests check the name book and the server's settings; the integration test starts Voilà
as ``make workshop`` does and asks for the pages as a stranger, a thief and the owner would.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import stat
import uuid
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import websocket

from browser import Visit, launch, stop_process
from postgres import pgserver

ROOT = Path(__file__).resolve().parents[1]
ROOM = ROOT / "tools" / "room"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gate = _load("lp_gate_under_test", ROOM / "server" / "lp_gate.py")
serve = _load("workshop_serve_gate", ROOM / "serve.py")


def test_a_name_is_bound_to_the_first_key_and_only_its_hash_is_kept(tmp_path):
    names = gate.Names(tmp_path / "names.json")
    mine, theirs = "a" * 32, "b" * 32
    assert names.claim("Ada L.", mine)
    assert names.claim("Ada L.", mine)  # the owner comes back
    assert not names.claim("Ada L.", theirs)
    # The same name typed another way is the same name.
    for other in ("ada l.", "  ADA   L. ", "Ａｄａ L."):
        assert not names.claim(other, theirs), other
    assert names.claim("Bea", theirs)
    kept = (tmp_path / "names.json").read_text(encoding="utf-8")
    assert mine not in kept and theirs not in kept
    assert stat.S_IMODE((tmp_path / "names.json").stat().st_mode) == 0o600
    assert gate.Names(tmp_path / "names.json").claim("Ada L.", mine)  # kept across restarts


def test_the_gate_is_on_with_a_token_and_the_token_stays_out_of_kernels(tmp_path):
    argv, env, workdir = serve.command(tmp_path / "apps", tmp_path / "share", pool=0, store=str(tmp_path / "s"),
                                       token="facilitator-token-123", names_file=tmp_path / "names.json")
    assert "--Voila.identity_provider_class=lp_gate.RoomIdentityProvider" in argv
    assert not any("facilitator-token-123" in part for part in argv)  # never on a command line
    assert not any("facilitator-token-123" in value for value in env.values())
    assert env["LEADING_PRODUCTS_NAME_GATE"] == "1"
    settings = workdir / "voila.json"
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    config = json.loads(settings.read_text(encoding="utf-8"))
    assert config["Voila"]["token"] == "facilitator-token-123"
    assert "dashboard.ipynb" in config["RoomIdentityProvider"]["facilitator_apps"]
    # Without a token (the load test's own server), the server is as before.
    argv, env, workdir = serve.command(tmp_path / "apps2", tmp_path / "share", pool=0)
    assert not any("identity_provider" in part for part in argv) and "LEADING_PRODUCTS_NAME_GATE" not in env


def _sent(port: int, kernel: str, kind: str, content: dict | None = None, wait: float = 8.0):
    """Send one ``kind`` message to ``kernel`` over its websocket as a page would; the reply's type or None."""
    ws = websocket.create_connection(f"ws://127.0.0.1:{port}/api/kernels/{kernel}/channels", timeout=wait)
    msg_id = uuid.uuid4().hex
    try:
        ws.send(json.dumps({"header": {"msg_id": msg_id, "username": "x", "session": uuid.uuid4().hex,
                                       "msg_type": kind, "version": "5.3"},
                            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                            "content": content or {}}))
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                message = json.loads(ws.recv())
            except websocket.WebSocketTimeoutException:
                return None
            if message.get("parent_header", {}).get("msg_id") == msg_id and message["channel"] == "shell":
                return message["header"]["msg_type"]
        return None
    finally:
        ws.close()


@pytest.mark.integration
def test_the_dashboard_needs_the_token_and_a_name_its_key(tmp_path):
    apps = _load("workshop_apps_gate", ROOM / "apps.py")
    made = apps.make(tmp_path / "_workshop", saving=True, topics=["sequencing"])
    port, token = pgserver.free_port(), "the-facilitators-token-for-tests"
    argv, env, workdir = serve.command(made["apps"], tmp_path / "_workshop" / "share", port=port, pool=0,
                                       store=str(tmp_path / "store"), token=token,
                                       names_file=tmp_path / "store" / "names.json")
    env.update({"JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
                "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "IPYTHONDIR": str(tmp_path / "ipython")})
    log = (tmp_path / "voila.log").open("wb")
    process = subprocess.Popen(argv, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> requests.Response:
        return requests.get(base + path, allow_redirects=False, timeout=180)

    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if get("/").status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.5)
        else:
            pytest.fail((tmp_path / "voila.log").read_text(errors="replace")[-3000:])
        # A stranger: the dashboard, however its address is spelled, is not shown.
        for path in ("/voila/render/dashboard.ipynb", "/voila/render/./dashboard.ipynb",
                     "/voila/render/dashboard%2Eipynb", "/voila/render/x/../dashboard.ipynb",
                     "/voila/render/dashboard.ipynb?token=wrong"):
            refused = get(path)
            assert refused.status_code in (302, 403, 404), (path, refused.status_code)
            assert "lp-workshop" not in refused.text and "Answers" not in refused.text[:2000]
        # The facilitator, with the token in the link.
        shown = get(f"/voila/render/dashboard.ipynb?token={token}")
        assert shown.status_code == 200, shown.text[:500]
        # A name with its browser's key; the same name from another browser, or with no key.
        mine, theirs = "1" * 32, "2" * 32
        page = get(f"/voila/render/sequencing.ipynb?name=Ada&key={mine}")
        assert page.status_code == 200
        # The page's kernel takes its widgets' messages, never code sent from the browser (Voilà's
        # own rule, which the gate relies on: with code, a page could read any name's answers).
        kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', page.text).group(1)
        assert _sent(port, kernel, "kernel_info_request") == "kernel_info_reply"
        marker = tmp_path / "ran.txt"
        assert _sent(port, kernel, "execute_request", {"code": f"open({str(marker)!r}, 'w').write('x')",
                                                       "silent": False, "store_history": False,
                                                       "user_expressions": {}, "allow_stdin": False,
                                                       "stop_on_error": True}) is None
        assert not marker.exists()
        for path in (f"/voila/render/sequencing.ipynb?name=Ada&key={theirs}",
                     f"/voila/render/sequencing.ipynb?name=%20ada%20&key={theirs}",
                     "/voila/render/sequencing.ipynb?name=Ada"):
            refused = get(path)
            assert refused.status_code == 403, path
            assert "Traceback" not in refused.text
        assert "already taken" in get(f"/voila/render/sequencing.ipynb?name=Ada&key={theirs}").reason
        # In a browser: the first page makes this browser's key once and puts it in every chapter link.
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = launch(playwright)
            visit = Visit(browser)
            try:
                landing = visit.goto(base + "/")
                landing.fill("#lp-name", "Bea")
                landing.click("#lp-name-form button[type=submit]")
                first = landing.locator("a.lp-app").first.get_attribute("href")
                landing.reload()
                again = landing.locator("a.lp-app").first.get_attribute("href")
            finally:
                visit.close()
                browser.close()
        key = re.search(r"[?&]key=([0-9a-f]+)", first)
        assert "name=Bea" in first and key and len(key.group(1)) == 32
        assert again == first  # the same key after a reload: kept in the browser
        assert get(first).status_code == 200
        assert get(first.replace(key.group(1), "3" * 32)).status_code == 403
    finally:
        stop_process(process, timeout=30)
        log.close()
