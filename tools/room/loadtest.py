"""``make loadtest``: a room of simulated participants against a workshop server, on loopback.

Not a test that passes or fails on a timer: a command that prints figures (and exits 1 when a
bar is missed), to run before a workshop on the laptop that will serve it.

It starts the workshop server as ``make workshop`` does, for one chapter (``--chapter``,
default Sequencing) with a pool warmed for the room (``--warm <chapter>=N``, the kernel
ceiling at N + 2) and a temporary answers store, waits until the pool is really warm (every one
of the N kernels has run the chapter's notebook, as the server's kernel manager says in its log,
``lp-pool: ... have run their notebook``, and then the kernels stand idle), prints how long that
took, then lets N participants (default 30) arrive *at once*. Each is a plain HTTP and websocket client (no
browser: Chromium pages would saturate the cores before the server does), and does what a
participant's browser does:

1. ``GET /voila/render/<chapter>.ipynb?name=participant-NN`` (the page, with its kernel id);
2. opens the kernel's websocket (Jupyter's v1 binary protocol, as the page's JavaScript does)
   and asks for every widget's state (ipywidgets'
   ``jupyter.widget.control`` comm, ``request_states``), as the page's widget manager does:
   the page is *live* when the states have arrived;
3. changes inputs ``--changes`` times (default 5): selects the last initiative of the order
   list and presses "Move to top" (widget comm messages), each change a new order that the
   kernel saves a moment later (the kit waits for the learner to pause); a change is *saved*
   when its row is in the store (read every 0.1 s), and the participant waits for that before
   the next change, as a person looks at the chart between two moves;
4. closes its websocket.

Then it counts each participant's answers in the store against the changes sent (every change
is a new order, so each must be a row) and checks the last one is the order the participant
ended with. Memory is sampled every half second: the server and all its kernels, as PSS
(each shared page counted once, shared among the processes using it) and RSS.

Bars (issue 12): every session served, no answer lost, p95 time to a live page <= 5 s once
warm, peak memory <= 6 GB for 30 participants. The warm-up is measured, not a bar: on two cores
thirty kernels take minutes to run their notebooks, which is why a room's pool is warmed
before the participants arrive (``make workshop`` says so in its log).

Usage: ``python tools/room/loadtest.py [--participants 30] [--changes 5] [--chapter sequencing]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
import apps  # noqa: E402
import serve  # noqa: E402
from browser import free_port, stop_process  # noqa: E402

GB = 1024 ** 3
BARS = {"p95_live_s": 5.0, "peak_memory_gb_for_30": 6.0}


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank), or nan for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


PROTOCOL = "v1.kernel.websocket.jupyter.org"  # what JupyterLab's and Voilà's pages speak


def _message(msg_type: str, content: dict, session: str = "", metadata: dict | None = None) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "username": "loadtest", "session": session,
                       "msg_type": msg_type, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": metadata or {}, "content": content}


def _encode(msg: dict, channel: str = "shell") -> bytes:
    """A kernel message in Jupyter's v1 websocket framing (offsets, channel, header, parent, metadata, content)."""
    parts = [json.dumps(msg[key]).encode("utf-8") for key in ("header", "parent_header", "metadata", "content")]
    name = channel.encode("utf-8")
    offsets = [8 * (1 + 1 + len(parts) + 1)]
    offsets.append(offsets[-1] + len(name))
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return b"".join([len(offsets).to_bytes(8, "little"), *(o.to_bytes(8, "little") for o in offsets), name, *parts])


def _decode(raw: bytes) -> dict:
    """A kernel message from the v1 framing: header, parent header and (only when asked for) content."""
    count = int.from_bytes(raw[:8], "little")
    offsets = [int.from_bytes(raw[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]
    parts = [raw[offsets[i]:offsets[i + 1]] for i in range(1, count - 1)] + [raw[offsets[-1]:]]
    header, parent = json.loads(parts[0]), json.loads(parts[1])
    return {"msg_type": header.get("msg_type"), "header": header, "parent_header": parent, "raw_content": parts[3]}


def _content(msg: dict) -> dict:
    return json.loads(msg["raw_content"])


class Memory:
    """Peak PSS and RSS of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.5):
        import threading

        import psutil

        self.root, self.every = psutil.Process(pid), every
        self.peak_pss = self.peak_rss = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> tuple[int, int, int]:
        import psutil

        pss = rss = count = 0
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return 0, 0, 0
        for process in processes:
            try:
                info = process.memory_full_info()
            except psutil.Error:
                continue
            pss += getattr(info, "pss", info.rss)
            rss += info.rss
            count += 1
        return pss, rss, count

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the server and its kernels."""
        import psutil

        total = 0.0
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return 0.0
        for process in processes:
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system
        return total

    def _run(self):
        while not self._stop.is_set():
            pss, rss, count = self.sample()
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
            self.peak_processes = max(self.peak_processes, count)
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


async def participant(base: str, ws_base: str, app: str, number: int, changes: int, start: asyncio.Event,
                      timeout: float, stored: dict[str, int]) -> dict:
    """One simulated participant; returns what happened and how long it took."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    name = f"participant-{number:02d}"
    result = {"name": name, "served": False, "live_s": None, "save_s": [], "sent": 0, "order": None, "error": ""}
    await start.wait()
    began = time.monotonic()
    try:
        response = await AsyncHTTPClient().fetch(f"{base}/voila/render/{app}?name={name}", request_timeout=timeout)
        page = response.body.decode("utf-8")
        marker = '<script id="jupyter-config-data" type="application/json">'
        config = json.loads(page[page.index(marker) + len(marker):].split("</script>", 1)[0])
        kernel, session = config["kernelId"], uuid.uuid4().hex
        ws = await websocket_connect(HTTPRequest(f"{ws_base}/api/kernels/{kernel}/channels?session_id={session}",
                                                 request_timeout=timeout), max_message_size=64 * 1024 * 1024,
                                     subprotocols=[PROTOCOL])
        try:
            control = uuid.uuid4().hex
            ws.write_message(_encode(_message("comm_open", {"comm_id": control, "target_name":
                                                            "jupyter.widget.control", "data": {}},
                                              session=session, metadata={"version": "1.0.0"})), binary=True)
            ws.write_message(_encode(_message("comm_msg", {"comm_id": control, "data": {"method": "request_states"}},
                                              session=session)), binary=True)
            states = None
            while states is None:
                msg = _decode(await asyncio.wait_for(ws.read_message(), timeout))
                if msg["msg_type"] == "comm_msg" and b"update_states" in msg["raw_content"][:200]:
                    data = _content(msg)["data"]
                    if data.get("method") == "update_states":
                        states = data["states"]
            result["live_s"] = time.monotonic() - began
            result["served"] = True
            select = next(k for k, v in states.items()
                          if v["model_name"] == "SelectModel" and len(v["state"].get("_options_labels", ())) >= 10)
            top = next(k for k, v in states.items()
                       if v["model_name"] == "ButtonModel" and v["state"].get("description") == "Move to top")
            labels = list(states[select]["state"]["_options_labels"])
            for _ in range(changes):
                ws.write_message(_encode(_message("comm_msg", {"comm_id": select, "data": {
                    "method": "update", "state": {"index": len(labels) - 1}, "buffer_paths": []}}, session=session)),
                    binary=True)
                click = _message("comm_msg", {"comm_id": top, "data": {"method": "custom",
                                                                      "content": {"event": "click"}}}, session=session)
                sent = time.monotonic()
                ws.write_message(_encode(click), binary=True)
                result["sent"] += 1
                while True:  # the kernel has handled the click (and updated the exercise)
                    msg = _decode(await asyncio.wait_for(ws.read_message(), timeout))
                    if (msg["msg_type"] == "status" and msg["parent_header"].get("msg_id") == click["header"]["msg_id"]
                            and _content(msg).get("execution_state") == "idle"):
                        break
                # The kit saves a moment after the learner pauses; a participant waits to see it kept
                # (the store is read every 0.1 s) before the next change, as a person reads the chart.
                while stored.get(name, 0) < result["sent"] and time.monotonic() - sent < timeout:
                    await asyncio.sleep(0.05)
                if stored.get(name, 0) >= result["sent"]:
                    result["save_s"].append(time.monotonic() - sent)
                labels = [labels[-1], *labels[:-1]]
            result["order"] = [label.split(".", 1)[1].split("·")[0].strip() for label in labels]
        finally:
            ws.close()
    except Exception as err:  # noqa: BLE001 - a participant who was not served is a figure, not a crash
        import traceback
        result["error"] = f"{type(err).__name__}: {err} " + traceback.format_exc(limit=-2).replace("\n", " | ")
    return result


def _wait_until(what: str, check, timeout: float, process: subprocess.Popen, log: Path) -> float:
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped while {what}:\n{log.read_text()[-3000:]}")
        if check():
            return time.monotonic() - began
        time.sleep(0.5)
    raise SystemExit(f"gave up: {what} took more than {timeout:.0f} s:\n{log.read_text()[-3000:]}")


class _Warmed:
    """True once the server's log says ``count`` kernels of the pool of ``app`` have run its notebook.

    The lines come from ``tools/room/server/lp_kernels.py`` (``lp-pool: <notebook> <ready> of
    <size> preheated kernels have run their notebook``); :attr:`ready` is the last count read.
    """

    def __init__(self, log: Path, app: str, count: int):
        import re

        self.log, self.app, self.count, self.ready = log, app, count, 0
        self._line = re.compile(r"lp-pool: (\S+) (\d+) of (\d+) preheated kernels have run their notebook")

    def __call__(self) -> bool:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        for name, ready, _size in self._line.findall(text):
            if name.endswith(self.app):
                self.ready = int(ready)
        return self.ready >= self.count


class _Quiet:
    """True once ``count`` kernels of the server exist and their CPU time stood still for ``still`` s.

    Voilà says a pool is "filled" once its kernels have started, before their notebooks ran;
    a preheated kernel has finished running its app when it waits, idle, for its participant.
    """

    def __init__(self, pid: int, count: int, still: float = 3.0):
        import psutil

        self.root, self.count, self.still = psutil.Process(pid), count, still
        self.last, self.since = -1.0, time.monotonic()

    def __call__(self) -> bool:
        import psutil

        try:
            kernels = [p for p in self.root.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
            cpu = sum(sum(p.cpu_times()[:2]) for p in kernels)
        except psutil.Error:  # a process came or went (or is a zombie for a moment): look again
            return False
        # Idle kernels spend a few milliseconds a second on heartbeats; one running a notebook, a core.
        if len(kernels) < self.count or cpu - self.last > 0.1 + 0.004 * len(kernels):
            self.last, self.since = cpu, time.monotonic()
            return False
        return time.monotonic() - self.since >= self.still


def _http_ok(url: str) -> bool:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@contextlib.contextmanager
def workshop_server(tmp: Path, chapter: str, **options):
    """A workshop server for ``chapter`` alone, on a free loopback port, answering; stopped on exit.

    ``options`` go to :func:`serve.command` (pool, store, warm, max_kernels). Yields
    ``(base_url, port, process, log_path)``.
    """
    made = apps.make(tmp / "_workshop", saving=True, workshop=None, topics=[chapter])
    port = free_port()
    argv, env, workdir = serve.command(made["apps"], tmp / "_workshop" / "share", port=port, **options)
    log_path = tmp / "voila.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(argv, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until("starting", lambda: _http_ok(base + "/"), 60, process, log_path)
            yield base, port, process, log_path
        finally:
            stop_process(process, timeout=30)


def run(participants: int = 30, changes: int = 5, chapter: str = "sequencing", timeout: float = 300.0) -> dict:
    """Start a server, warm it, send the room, count; return the figures."""
    from exercises.room.store import open_store

    app = f"{chapter}.ipynb"
    load_at_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="lp-loadtest-") as tmp:
        tmp = Path(tmp)
        store = tmp / "store"
        with workshop_server(tmp, chapter, pool=0, store=str(store), warm={chapter: participants},
                             max_kernels=participants + 2) as (base, port, process, log_path):
            print(f"Warming {participants} kernels for {app} (each runs the notebook) ...", flush=True)
            warmed = _Warmed(log_path, app, participants)
            limit = timeout + 20 * participants
            ran_s = _wait_until("warming the pool (the kernels running the notebook)", warmed,
                                limit, process, log_path)
            print(f"  {participants} of {participants} kernels have run {app} after {ran_s:.0f} s", flush=True)
            warm_s = ran_s + _wait_until("the warm kernels to settle", _Quiet(process.pid, participants),
                                         limit, process, log_path)
            with Memory(process.pid) as memory:
                idle_pss, idle_rss, _ = memory.sample()
                print(f"Warm after {warm_s:.0f} s; {participants} participants arrive at once ...", flush=True)
                cpu_before, arrived = memory.cpu_seconds(), time.monotonic()
                results = asyncio.run(_room(base, f"ws://127.0.0.1:{port}", app, participants, changes, timeout,
                                            store, f"{chapter}/order"))
                room_cpu_s, room_s = memory.cpu_seconds() - cpu_before, time.monotonic() - arrived
                time.sleep(2.0)  # any save still pending lands; one more memory sample
        with open_store(store) as opened:
            kept = {r["name"]: opened.answers(participant=r["name"], exercise=f"{chapter}/order") for r in results}
    lost = 0
    wrong_last = 0
    for r in results:
        rows = kept[r["name"]]
        lost += max(0, r["sent"] - len(rows))  # every change was a new order: one row each
        if r["sent"] and (not rows or rows[-1].answer.get("order") != r["order"]):
            wrong_last += 1
    live = [r["live_s"] for r in results if r["live_s"] is not None]
    saves = [s for r in results for s in r["save_s"]]
    return {
        "participants": participants, "changes_each": changes, "chapter": chapter, "warm_s": warm_s,
        "notebooks_run_s": ran_s, "load_at_start": load_at_start, "room_cpu_s": room_cpu_s, "room_s": room_s,
        "served": sum(r["served"] for r in results), "errors": [r["error"] for r in results if r["error"]],
        "p50_live_s": statistics.median(live) if live else float("nan"), "p95_live_s": p95(live),
        "max_live_s": max(live) if live else float("nan"),
        "p50_save_s": statistics.median(saves) if saves else float("nan"), "p95_save_s": p95(saves),
        "sent": sum(r["sent"] for r in results), "saved_in_time": len(saves),
        "stored": sum(len(rows) for rows in kept.values()), "lost": lost, "wrong_last": wrong_last,
        "idle_pss_gb": idle_pss / GB, "idle_rss_gb": idle_rss / GB,
        "peak_pss_gb": memory.peak_pss / GB, "peak_rss_gb": memory.peak_rss / GB,
        "peak_processes": memory.peak_processes, "cpus": os.cpu_count(), "load": os.getloadavg()[0],
    }


async def _room(base: str, ws_base: str, app: str, participants: int, changes: int, timeout: float,
                store: Path, exercise: str) -> list[dict]:
    from tornado.httpclient import AsyncHTTPClient

    from exercises.room.store import open_store

    AsyncHTTPClient.configure(None, max_clients=participants * 2)
    stored: dict[str, int] = {}
    start = asyncio.Event()
    tasks = [asyncio.create_task(participant(base, ws_base, app, n + 1, changes, start, timeout, stored))
             for n in range(participants)]
    done = asyncio.gather(*tasks)

    async def watch():  # how many answers each participant has in the store, every 0.1 s
        while not done.done():
            if store.exists():
                with open_store(store) as opened:
                    counts: dict[str, int] = {}
                    for row in opened.answers(exercise=exercise):
                        counts[row.participant] = counts.get(row.participant, 0) + 1
                stored.update(counts)
            await asyncio.sleep(0.1)

    watcher = asyncio.create_task(watch())
    await asyncio.sleep(0.1)
    start.set()  # everyone at once
    try:
        return await asyncio.wait_for(done, timeout * 3)
    finally:
        await watcher


def report(figures: dict) -> list[str]:
    """The figures as lines, and the bars missed (empty when all are met)."""
    n = figures["participants"]
    memory_bar = BARS["peak_memory_gb_for_30"] * max(n, 30) / 30
    print(f"\nLoad test: {n} participants at once on {figures['chapter']}, {figures['changes_each']} changes each "
          f"({figures['cpus']} cores, load average {figures['load_at_start']:.1f} at the start, "
          f"{figures['load']:.1f} at the end)")
    print(f"  warm-up                {n} kernels ran the notebook in {figures['notebooks_run_s']:.0f} s, "
          f"idle after {figures['warm_s']:.0f} s")
    share = figures["room_cpu_s"] / max(figures["room_s"], 1e-9)
    print(f"  CPU of the room        server and kernels used {figures['room_cpu_s']:.1f} CPU-seconds in "
          f"{figures['room_s']:.0f} s (on average {share:.2f} of the {figures['cpus']} cores)")
    print(f"  sessions served        {figures['served']} of {n}")
    print(f"  time to a live page    p50 {figures['p50_live_s']:.2f} s, p95 {figures['p95_live_s']:.2f} s, "
          f"max {figures['max_live_s']:.2f} s  (warm: pool of {n} ready after {figures['warm_s']:.0f} s)")
    print(f"  time to a saved answer p50 {figures['p50_save_s']:.3f} s, p95 {figures['p95_save_s']:.3f} s")
    print(f"  answers                sent {figures['sent']}, seen saved {figures['saved_in_time']}, "
          f"in the store {figures['stored']}, lost {figures['lost']}, last answer wrong {figures['wrong_last']}")
    print(f"  memory, server+kernels idle warm {figures['idle_pss_gb']:.2f} GB PSS; peak {figures['peak_pss_gb']:.2f} GB "
          f"PSS ({figures['peak_rss_gb']:.2f} GB RSS) over {figures['peak_processes']} processes")
    for error in figures["errors"][:5]:
        print(f"  error: {error}")
    missed = []
    if figures["served"] < n:
        missed.append(f"{n - figures['served']} sessions not served")
    if figures["lost"] or figures["wrong_last"] or figures["saved_in_time"] < figures["sent"]:
        missed.append("answers lost or saved late")
    if not figures["p95_live_s"] <= BARS["p95_live_s"]:
        missed.append(f"p95 to a live page above {BARS['p95_live_s']} s")
    if not figures["peak_pss_gb"] <= memory_bar:
        missed.append(f"peak memory above {memory_bar:.1f} GB")
    print("  bars: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--changes", type=int, default=5, help="input changes (and saves) per participant")
    parser.add_argument("--chapter", default="sequencing", help="the chapter app the room opens (its order exercise)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds any one step may take")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server on the way out
    return 1 if report(run(args.participants, args.changes, args.chapter, args.timeout)) else 0


if __name__ == "__main__":
    sys.exit(main())
