"""Benchmark: live-update latency per exercise, full build time, and each page's own bytes.

Run with ``make bench`` (which builds first); ``python tools/bench.py --live [topic ...]`` times
only the live updates (of the chapters named). Prints figures; asserts nothing, so a busy
machine never turns a benchmark into a flaky test. The bars: p95 of a live update under
50 ms; a first visit to a chapter under 1 MB compressed; a full build under two minutes on
2 cores.

A "live update" is what happens when a learner changes an input in a live notebook: the
widget's callback recomputes the model, swaps the chart's data and serialises the new spec
(the JSON a kernel sends to the browser). Every action of every exercise of every chapter
(``exercises.CHAPTERS``, each widget module's ``EXERCISES`` and their ``actions()``) is timed.
"""

from __future__ import annotations

import gzip
import importlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
RUNS = 200


def _report(name: str, times: list[float]) -> None:
    times = sorted(times)
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    verdict = "ok" if p95 < 50 else "OVER the 50 ms bar"
    print(f"  {name:<56} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   ({len(times)} runs, {verdict})")


def live_updates(topics: list[str] | None = None) -> None:
    os.environ["LEADING_PRODUCTS_RENDER"] = "live"
    from exercises import CHAPTERS

    print("Live update latency (model + chart + spec serialisation), every action of every exercise:")
    for topic in topics or CHAPTERS:
        for exercise in importlib.import_module(f"exercises.{topic}.widget").EXERCISES:
            live = exercise.live()
            for action in live.actions():
                rng = random.Random(action.name)
                times = []
                for _ in range(RUNS):
                    start = time.perf_counter()
                    action.act(rng)
                    json.dumps(live.chart.spec)
                    times.append((time.perf_counter() - start) * 1000)
                _report(f"{topic}/{exercise.name}: {action.name}", times)


def build_time() -> None:
    command = [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(ROOT), "--all", "-W", "-n",
               "--keep-going"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    status = "ok" if result.returncode == 0 and seconds < 120 else "FAILED or over the 2 minute bar"
    print(f"Full strict build: {seconds:.1f} s ({status})")


def page_bytes() -> None:
    """What a first visit to each page moves, measured in Chromium: every response the page
    receives until its charts have drawn, raw and gzip-compressed (as a static host serves it)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import Visit, launch, serve
    from playwright.sync_api import sync_playwright

    print("First visit to each page, in Chromium (every file it loads; compressed as a host serves it):")
    server, url = serve(SITE)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for page in sorted(SITE.glob("book/*.html")):
                visit, bodies = Visit(browser), {}
                visit.page.on("response", lambda r, bodies=bodies: bodies.setdefault(r.url, r))
                start = time.perf_counter()
                visit.goto(f"{url}/{page.relative_to(SITE).as_posix()}")
                visit.page.wait_for_function("""() => Array.from(document.querySelectorAll("figure.lp-chart"))
                    .every(f => f.querySelector("svg, canvas"))""", timeout=30_000)
                visit.page.wait_for_load_state("networkidle")
                drawn = time.perf_counter() - start
                sizes = [(len(b), len(gzip.compress(b, 6))) for b in (r.body() for r in bodies.values()
                                                                        if r.status == 200)]
                raw, packed = sum(s for s, _ in sizes), sum(p for _, p in sizes)
                charts = visit.page.locator("figure.lp-chart").count()
                goal = 1e6 if charts else 0.25e6  # issue 11: a chapter page, or a page of text
                verdict = "ok" if packed <= goal else f"OVER {goal / 1e6:g} MB"
                print(f"  {page.relative_to(SITE).as_posix():<24} {raw / 1e6:5.2f} MB raw, {packed / 1e6:5.2f} MB "
                      f"compressed, {len(sizes):3d} files, charts drawn in {drawn:4.1f} s ({verdict})")
                visit.close()
            browser.close()
    finally:
        server.shutdown()


def main() -> int:
    if sys.argv[1:2] == ["--live"]:  # python tools/bench.py --live [topic ...]: live updates only
        live_updates(sys.argv[2:] or None)
        return 0
    live_updates()
    build_time()
    page_bytes()
    return 0


if __name__ == "__main__":
    sys.exit(main())
