"""The static bottleneck explorer, on the built page in a real browser, held against the Python model.

On the published page there is no kernel: the explorer (see
:func:`exercises.delegation.chart.bottleneck_explorer`) picks rows of the model's precomputed
grid with Vega expressions and writes what they say. Here Chromium opens the built
``book/delegation.html``, sets the explorer's three bound inputs (decisions a week λ, what the
leader decides a week μ, the share delegated) to points of the grid, and each time the words
it draws must say what :mod:`exercises.delegation.model` says: the decisions that still reach
the leader, the mean wait (:func:`~exercises.delegation.model.lead_time`) or, when the queue
explodes, the share to delegate beyond (:func:`~exercises.delegation.model.explosion_share`).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import sync_playwright

from browser import SITE, Visit, launch, serve
from exercises.delegation import model, widget

PAGE = SITE / "book" / "delegation.html"
# (λ, μ, share delegated in %): a settled queue, a busy one (over 95 %, no spread shown), one
# exactly at the edge (λ(1 − d) = μ explodes) and one far past it, and a leader who keeps up alone.
POINTS = ((20, 15, 50), (30, 25, 20), (20, 15, 25), (40, 10, 50), (10, 20, 0))
# The explorer is the chart whose bound inputs include the λ menu; set its three inputs and fire
# the events Vega listens to ("change" for menus, "input" for ranges).
_SET = """([lam, mu, share]) => {
    const fig = document.querySelector('select[name="lam"]').closest("figure.lp-chart");
    const pick = (name, value) => {
        const el = fig.querySelector(`select[name="${name}"]`);
        const i = Array.from(el.options).findIndex(o => Number(o.value) === value);
        if (i < 0) throw new Error(`${name} has no option ${value}`);
        el.selectedIndex = i;
        el.dispatchEvent(new Event("change", {bubbles: true}));
    };
    pick("lam", lam);
    pick("mu", mu);
    const range = fig.querySelector('input[name="share_pick"]');
    range.value = String(share);
    range.dispatchEvent(new Event("input", {bubbles: true}));
    range.dispatchEvent(new Event("change", {bubbles: true}));
}"""
# Each line the explorer writes (Vega draws a multi-line text as one <text> of <tspan>s).
_WORDS = """() => {
    const fig = document.querySelector('select[name="lam"]').closest("figure.lp-chart");
    const lines = Array.from(fig.querySelectorAll("svg text"))
        .flatMap(t => t.querySelector("tspan") ? Array.from(t.querySelectorAll("tspan")) : [t])
        .map(t => t.textContent);
    const first = lines.findIndex(t => /^With \\d/.test(t));
    return first < 0 ? [] : lines.slice(first, first + 2);
}"""
_DRAWN = """() => {
    const el = document.querySelector('select[name="lam"]');
    const fig = el && el.closest("figure.lp-chart");
    return !!(fig && fig.querySelector("svg"));
}"""
# Vega updates asynchronously: two animation frames after the last input, it has drawn.
_SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
_WAITS = re.compile(r"With (\d+)% delegated you get ([\d.]+) decisions a week and decide (\d+): "
                    r"each waits ([\d.]+) days on average,")
_EXPLODES = re.compile(r"With (\d+)% delegated ([\d.]+) decisions a week reach you and you decide (\d+):")
_DELEGATE_MORE = re.compile(r"the queue grows without end\. Delegate more than (\d+)%\.")


@pytest.fixture(scope="module")
def page():
    if not PAGE.is_file():
        pytest.fail(f"{PAGE} is missing: run make book first", pytrace=False)
    server, url = serve(SITE)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        visit = Visit(browser)
        visit.goto(f"{url}/book/delegation.html")
        visit.page.wait_for_function(_DRAWN)
        yield visit
        visit.close()
        browser.close()
    server.shutdown()
    server.server_close()


def _show(page, lam, mu, share) -> list[str]:
    page.evaluate(_SET, [lam, mu, share])
    page.evaluate(_SETTLED)
    return page.evaluate(_WORDS)


def test_the_points_are_on_the_explorers_grid():
    shares = model.bottleneck_grid(widget.GRID_LAMS[:1], widget.GRID_MUS[:1])["share"]
    for lam, mu, share in POINTS:
        assert lam in widget.GRID_LAMS and mu in widget.GRID_MUS and share in set(shares)


@pytest.mark.parametrize("lam, mu, share", POINTS)
def test_the_page_says_what_the_model_says(page, lam, mu, share):
    shown = _show(page.page, lam, mu, share)
    assert len(shown) == 2, shown
    d = share / 100
    wait = model.lead_time(lam, mu, d)
    if wait < float("inf"):
        found = _WAITS.fullmatch(shown[0])
        assert found, shown
        assert int(found[1]) == share
        assert float(found[2]) == pytest.approx(lam * (1 - d), abs=0.05)
        assert int(found[3]) == mu
        assert float(found[4]) == pytest.approx(wait * model.WORK_DAYS, abs=0.05)
        busy = lam * (1 - d) / mu > model.RHO_MAX
        if busy:
            assert shown[1] == "and the wait swings wildly (over 95% busy).", shown
        else:
            assert shown[1].startswith("1 in 10 waits more than "), shown
    else:
        found = _EXPLODES.fullmatch(shown[0])
        assert found, shown
        assert int(found[1]) == share
        assert float(found[2]) == pytest.approx(lam * (1 - d), abs=0.05)
        assert int(found[3]) == mu
        more = _DELEGATE_MORE.fullmatch(shown[1])
        assert more, shown
        assert abs(int(more[1]) - 100 * model.explosion_share(lam, mu)) <= 0.5 + 1e-9
        assert d <= model.explosion_share(lam, mu) + 1e-12  # the model agrees it explodes here
    assert not page.problems()
