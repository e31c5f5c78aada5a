"""Benchmark: live-update latency per exercise, full build time, and each page's own bytes.

Run with ``make bench`` (which builds first). Prints figures; asserts nothing, so a busy
machine never turns a benchmark into a flaky test. The bars (GUIDE §5): p95 of a live update
under 50 ms; each page's own bytes under 1 MB; a full build under two minutes on 2 cores.

A "live update" is what happens when a learner changes an input in a live notebook: the
widget's callback recomputes the model, swaps the chart's data and serialises the new spec
(the JSON a kernel sends to the browser).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
RUNS = 200


def _time(action, runs: int = RUNS) -> list[float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _report(name: str, times: list[float]) -> None:
    times = sorted(times)
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    verdict = "ok" if p95 < 50 else "OVER the 50 ms bar"
    print(f"  {name:<44} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   ({len(times)} runs, {verdict})")


def live_updates() -> None:
    os.environ["LEADING_PRODUCTS_RENDER"] = "live"
    from exercises.sequencing.widget import AllocationExercise, OrderExercise

    print("Live update latency (model + chart + spec serialisation):")
    order = OrderExercise()
    ids = list(order.backlog["id"])

    def move(i):
        order.items.value = ids[i % len(ids)]
        (order.up if i % 2 else order.down).click()
        json.dumps(order.chart.spec)

    def horizon(i):  # every new horizon runs the exact optimiser once
        order._references.clear()
        order.horizon.value = 4 + (i * 7) % 100
        json.dumps(order.chart.spec)

    def typed(i):
        order.typed.value = ", ".join(ids[i % 5:] + ids[:i % 5])
        order.use_typed.click()
        json.dumps(order.chart.spec)

    _report("Exercise 1: move an initiative", _time(move))
    _report("Exercise 1: new horizon (uncached optimum)", _time(horizon, 100))
    _report("Exercise 1: type a whole order", _time(typed))
    allocation = AllocationExercise()

    def slide(i):
        allocation.sliders[i % 4].value = float((i * 37) % 101)
        json.dumps(allocation.chart.spec)

    _report("Exercise 2: move a capacity slider", _time(slide))


def build_time() -> None:
    command = [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(ROOT), "--all", "-W", "-n",
               "--keep-going"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    status = "ok" if result.returncode == 0 and seconds < 120 else "FAILED or over the 2 minute bar"
    print(f"Full strict build: {seconds:.1f} s ({status})")


def page_bytes() -> None:
    print("Each page's own bytes (its HTML, with inlined chart data and widget state):")
    for page in sorted(SITE.glob("book/*.html")):
        size = page.stat().st_size
        print(f"  {page.relative_to(SITE).as_posix():<32} {size / 1e6:6.3f} MB ({'ok' if size < 1e6 else 'OVER 1 MB'})")
    vendor = SITE / "_static" / "vendor"
    shared = sum(f.stat().st_size for f in vendor.rglob("*") if f.is_file())
    print(f"  shared vendored scripts, cached once: {shared / 1e6:.1f} MB")


def main() -> int:
    live_updates()
    build_time()
    page_bytes()
    return 0


if __name__ == "__main__":
    sys.exit(main())
