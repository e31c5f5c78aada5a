"""Benchmark: the built site on a phone, as Lighthouse's mobile profile and a throttled Chromium see it.

Run with ``make bench`` (after the build) or ``python tools/phone.py [--runs N] [page ...]``
(pages as ``book/sequencing.html``; all of them by default). Prints figures; asserts nothing, so a
busy machine never turns a benchmark into a flaky test.

The site is served as a static host serves it: text files gzip-compressed (when the browser asks)
and cacheable for a year (:class:`StaticHost`). Two measurements:

- **Lighthouse** (``node_modules/lighthouse``, pinned in ``package.json``), its default mobile
  profile (simulated: CPU slowed 4x, 1.6 Mbps down, 150 ms round trip, 412 px wide screen), run
  ``--runs`` times per page (default 3): Lighthouse's simulation still feels this machine's own
  CPU, so the median is printed: performance, accessibility and best-practices scores, Largest
  Contentful Paint and Total Blocking Time.
- **Charts in Chromium** (Playwright, CDP throttling with the same figures, 390 x 844 px): time
  until every chart of the page is drawn, on a first and on a repeat visit (the browser's cache
  warm), for a reader who scrolls to each chart in turn as soon as the one before is drawn (charts
  are drawn as they near the screen), and how long a bound input's redraw takes: every input of
  the page moved :data:`REDRAW_ROUNDS` times, scrolled to the middle of the screen first (a learner
  moves an input they can see), each timed until the frame that shows the change has been painted;
  the p95 and the median over them all, and the slowest chart's p95.

The bars (issue #25): performance >= 90, LCP <= 2.5 s, TBT <= 200 ms, accessibility 100, best
practices 100; every chart drawn within 1.5 s on a repeat visit; a redraw within 50 ms p95.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("LEADING_PRODUCTS_SITE") or ROOT / "_build" / "html")
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
#: Lighthouse's mobile profile, as CDP throttling for Chromium (Lighthouse's "simulate" defaults).
CPU_SLOWDOWN = 4
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8 * 0.9,
           "uploadThroughput": 0.75e6 / 8 * 0.9}
PHONE = {"width": 390, "height": 844}
BARS = {"performance": 90, "accessibility": 100, "best-practices": 100, "lcp_s": 2.5, "tbt_ms": 200,
        "repeat_s": 1.5, "redraw_ms": 50}
_COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".map", ".ico")


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serve files as a static host does: gzip for text when asked, and a year's cache header."""

    def log_message(self, *args) -> None:  # quiet
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "public, max-age=31536000")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in _COMPRESSIBLE):
            return super().send_head()
        body = _compressed(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        import io

        return io.BytesIO(body)


@functools.lru_cache(maxsize=512)
def _compressed(path: str, _mtime: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), 6)


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # a browser that hangs up early
        pass


def serve(directory: Path):
    """Serve ``directory`` as :class:`StaticHost` on a free port of 127.0.0.1; return (server, url)."""
    handler = functools.partial(StaticHost, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def pages() -> list[str]:
    """Every page of the book, the landing page first."""
    found = sorted(p.relative_to(SITE).as_posix() for p in SITE.glob("book/*.html"))
    return ["index.html" if (SITE / "index.html").exists() else found[0]] + [p for p in found if p != "book/intro.html"]


def lighthouse(url: str) -> dict:
    """One Lighthouse run of ``url`` with the mobile profile: scores and timings."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                   "--only-categories=performance,accessibility,best-practices",
                   "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
                   "--disable-background-networking --disable-component-update --disable-sync"]
        env = dict(os.environ, CHROME_PATH=CHROMIUM)
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        if done.returncode or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {done.stderr.strip()[-500:]}")
        report = json.loads(out.read_text())
    audits, categories = report["audits"], report["categories"]
    return {
        "performance": round(100 * (categories["performance"]["score"] or 0)),
        "accessibility": round(100 * (categories["accessibility"]["score"] or 0)),
        "best-practices": round(100 * (categories["best-practices"]["score"] or 0)),
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "failed": sorted(key for cat in ("accessibility", "best-practices") for key in
                         (ref["id"] for ref in categories[cat]["auditRefs"] if ref.get("weight"))
                         if audits[key].get("score") not in (None, 1)),
    }


# Charts are drawn as they near the screen (kit.display.static_html): the reader scrolls to the first
# chart not yet drawn, and on to the next as soon as it is, so the time measured is until every chart
# of the page is drawn for a reader who scrolls through it.
_ALL_DRAWN = """() => {
    const waiting = Array.from(document.querySelectorAll("figure.lp-chart"))
        .find(f => !f.querySelector(".vega-embed svg, .vega-embed canvas"));
    if (!waiting) return true;
    if (!waiting.lpScrolledTo) { waiting.lpScrolledTo = true; waiting.scrollIntoView({block: "center"}); }
    return false;
}"""
_INPUTS = "figure.lp-chart .vega-bindings input[type=range], figure.lp-chart .vega-bindings select"
# One input moved (a slider to its other end, a menu to its next choice): [chart number, ms until the
# frame showing the change is painted], or [chart number, null] when the picture did not change.
_REDRAW = """async (index) => {
    const inputs = Array.from(document.querySelectorAll('__INPUTS__'));
    const el = inputs[index % inputs.length];
    if (!el) return null;
    const figure = el.closest("figure.lp-chart");
    const chart = Array.from(document.querySelectorAll("figure.lp-chart")).indexOf(figure);
    const svg = figure.querySelector(".vega-embed svg");
    // The learner moves an input they can see: it is scrolled to the middle of the screen, and
    // that scroll drawn, before the clock starts.
    el.scrollIntoView({block: "center"});
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))));
    let seen = false;
    const changed = new Promise(done => new MutationObserver((_, o) => { o.disconnect(); seen = true; done(); })
        .observe(svg, {subtree: true, childList: true, attributes: true, characterData: true}));
    const start = performance.now();
    if (el.tagName === "SELECT") { el.selectedIndex = (el.selectedIndex + 1) % el.options.length; }
    else { el.value = el.value === el.max ? el.min : el.max; }
    el.dispatchEvent(new Event("input", {bubbles: true})); el.dispatchEvent(new Event("change", {bubbles: true}));
    await Promise.race([changed, new Promise(done => setTimeout(done, 2000))]);
    // Until the frame that shows the change has been painted: a task queued from the frame's
    // requestAnimationFrame callback runs once that frame is painted (the "after frame" idiom).
    await new Promise(done => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done();
        channel.port2.postMessage(null);
    }));
    return [chart, seen ? performance.now() - start : null];
}""".replace("__INPUTS__", _INPUTS)
#: Each input of a page is moved this many times; the p95 is over all of them.
REDRAW_ROUNDS = 3


def charts(browser, url: str) -> dict:
    """Charts drawn on a first and a repeat visit, and redraw times, in a throttled Chromium."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    times = []
    for _ in range(2):  # a first visit, then a repeat visit with the cache warm
        start = time.perf_counter()
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function(_ALL_DRAWN, timeout=120_000, polling=50)
        times.append(time.perf_counter() - start)
    count = page.locator("figure.lp-chart").count()
    inputs = page.locator(_INPUTS).count()
    moved = [page.evaluate(_REDRAW, i) for _ in range(REDRAW_ROUNDS) for i in range(inputs)]
    context.close()
    per_chart: dict[int, list[float]] = {}
    for chart, ms in moved:
        if ms is not None:
            per_chart.setdefault(chart, []).append(ms)
    everything = [ms for times in per_chart.values() for ms in times]
    slowest = max(per_chart, key=lambda chart: _p95(per_chart[chart]), default=None)
    return {"charts": count, "first_s": times[0], "repeat_s": times[1],
            "redraw_ms": _p95(everything) if everything else None,
            "redraw_median_ms": statistics.median(everything) if everything else None,
            "slowest": (slowest, _p95(per_chart[slowest])) if slowest is not None else None,
            "unchanged": sum(ms is None for _, ms in moved)}


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def _mark(value, bar, higher_is_better: bool) -> str:
    ok = value >= bar if higher_is_better else value <= bar
    return "" if ok else "!"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="pages to measure (default: every page)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median printed)")
    parser.add_argument("--no-lighthouse", action="store_true", help="only the throttled Chromium figures")
    args = parser.parse_args(argv)
    if not (SITE / "index.html").exists():
        print(f"no site in {SITE}: run make book first", file=sys.stderr)
        return 1
    server, base = serve(SITE)
    from playwright.sync_api import sync_playwright

    chosen = args.pages or pages()
    print(f"Phone benchmark of {SITE} (served gzip-compressed and cacheable; bars: performance >= 90, "
          f"LCP <= 2.5 s, TBT <= 200 ms, accessibility and best practices 100, charts on a repeat visit "
          f"<= 1.5 s, redraw <= 50 ms p95; '!' marks a figure over its bar)")
    if not args.no_lighthouse:
        print(f"Lighthouse {json.loads((LIGHTHOUSE.parent.parent / 'package.json').read_text())['version']}, "
              f"mobile profile, median of {args.runs} runs:")
        print(f"  {'page':<26} {'perf':>5} {'LCP':>7} {'TBT':>8} {'a11y':>5} {'best':>5}")
        for name in chosen:
            runs = [lighthouse(f"{base}/{name}") for _ in range(args.runs)]
            med = {key: statistics.median(r[key] for r in runs)
                   for key in ("performance", "accessibility", "best-practices", "lcp_s", "tbt_ms")}
            failed = sorted({key for r in runs for key in r["failed"]})
            print(f"  {name:<26} {med['performance']:>4.0f}{_mark(med['performance'], 90, True):1}"
                  f" {med['lcp_s']:>5.1f} s{_mark(med['lcp_s'], 2.5, False):1}"
                  f" {med['tbt_ms']:>5.0f} ms{_mark(med['tbt_ms'], 200, False):1}"
                  f" {med['accessibility']:>4.0f}{_mark(med['accessibility'], 100, True):1}"
                  f" {med['best-practices']:>4.0f}{_mark(med['best-practices'], 100, True):1}"
                  + (f"  (failing: {', '.join(failed)})" if failed else ""), flush=True)
    print("Charts in Chromium (CDP: CPU 4x slower, 1.6 Mbps, 150 ms round trip, 390 x 844 px):")
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name in chosen:
            found = charts(browser, f"{base}/{name}")
            if not found["charts"]:
                continue
            redraw = found["redraw_ms"]
            print(f"  {name:<26} {found['charts']:2d} charts: first visit {found['first_s']:4.1f} s, "
                  f"repeat {found['repeat_s']:4.1f} s{_mark(found['repeat_s'], 1.5, False):1}, redraw "
                  + (f"{redraw:4.0f} ms p95{_mark(redraw, 50, False)} (median {found['redraw_median_ms']:.0f}; "
                     f"chart {found['slowest'][0] + 1}: "
                     f"{found['slowest'][1]:.0f} ms)" if redraw is not None else "n/a")
                  + (f", {found['unchanged']} moves changed no picture" if found["unchanged"] else ""), flush=True)
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
