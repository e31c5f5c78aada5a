"""How long a participant waits for a preheated workshop page in a real browser (prints figures).

Starts the workshop server for one chapter (one preheated kernel, as ``make workshop``), then
opens the app ``--visits`` times in Debian's Chromium (the test suite's harness,
``tests/browser.py``), one browser as one participant: the first visit fetches Voilà's
scripts, later ones find them in the browser's cache. Between visits it closes the tab and
waits until the pool is warm again. A page is *usable* when Voilà has shown the cells and the
first exercise's list is on the page.

Usage: ``python tools/room/pagetime.py [--chapter sequencing] [--visits 3]``.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(HERE), str(ROOT), str(ROOT / "tests")]
from loadtest import _Quiet, _wait_until, workshop_server  # noqa: E402

USABLE = """() => {
    const cells = document.querySelector('#rendered_cells');
    return cells && getComputedStyle(cells).display !== 'none'
        && document.querySelector('.widget-select select, .widget-dropdown select, .widget-slider');
}"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", default="sequencing")
    parser.add_argument("--visits", type=int, default=3)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    from playwright.sync_api import sync_playwright

    from browser import Visit, launch

    times = []
    with tempfile.TemporaryDirectory(prefix="lp-pagetime-") as tmp:
        tmp = Path(tmp)
        with workshop_server(tmp, args.chapter, pool=1, store=str(tmp / "store")) as (base, _, process, log_path):
            with sync_playwright() as playwright:
                browser = launch(playwright)
                visit = Visit(browser)
                try:
                    for n in range(args.visits):
                        _wait_until("warming", _Quiet(process.pid, 1), 300, process, log_path)
                        page = visit.context.new_page()
                        began = time.monotonic()
                        page.goto(f"{base}/voila/render/{args.chapter}.ipynb?name=timer", wait_until="commit",
                                  timeout=120_000)
                        page.wait_for_function(USABLE, timeout=120_000, polling=50)
                        times.append(time.monotonic() - began)
                        print(f"visit {n + 1}: usable after {times[-1]:.2f} s"
                              + (" (scripts fetched)" if n == 0 else " (scripts cached)"), flush=True)
                        stopped = log_path.read_text().count("Kernel shutdown")
                        page.close(run_before_unload=True)
                        _wait_until("the tab's kernel stopping",
                                    lambda: log_path.read_text().count("Kernel shutdown") > stopped,
                                    30, process, log_path)
                    problems = visit.problems()
                finally:
                    visit.close()
                    browser.close()
    cached = times[1:] or times
    print(f"\nPreheated {args.chapter} page, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}: "
          f"first visit {times[0]:.2f} s, cached visits best {min(cached):.2f} s, worst {max(cached):.2f} s "
          f"(bar: 3 s once warm); problems: {problems or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
