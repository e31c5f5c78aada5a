"""The plan on the published page: ``book/_assets/plan.js`` held against the Python model.

A page holds the plan's static face (:func:`exercises.plan.widget.plan_fragment`) with the
book's journal (``journal.js``) and ``plan.js``. With answers kept in localStorage as the
chapter pages keep them (``lp:v1:<topic>/<exercise>`` → ``{"inputs": {...}}``, a quiz's
``{"answers": [...]}``), the plan the page shows, and its Markdown and HTML exports, must be
exactly what :func:`exercises.plan.model.assemble`, :func:`~exercises.plan.model.to_markdown`
and :func:`~exercises.plan.model.to_html` make of the same answers, hostile text included.
"Forget all my answers" leaves nothing of the last reader.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from browser import Visit, launch, serve, standalone_page
from exercises.plan import model
from exercises.plan.widget import plan_fragment

ASSETS = Path(__file__).resolve().parents[1] / "book" / "_assets"
HOSTILE = ["<script>alert('x')</script>", "</li></ul><h1>owned</h1>", "# H\n\n- [a](javascript:alert(1))",
           "**b** _i_ `c` | t |", "مرحبا بالعالم", "🧭👩🏽‍💻🇪🇺", "one\r\ntwo\u2028three", "\x00\x07\x1b[31m",
           "x" * 100_000, "&amp; \\ \\\\ ' \"", "\ufeff padded \u00a0"]


def _stored(kept: dict) -> dict:
    """What the journal would hold for ``kept``: ``lp:v1:<key>`` → ``{"inputs": ...}`` (a quiz: as it is)."""
    return {f"lp:v1:{key}": (value if key.startswith("quiz/") else {"inputs": value, "saved": "2026-12-07T00:00:00Z"})
            for key, value in kept.items()}


def _random_kept(rng: random.Random) -> dict:
    text = lambda: rng.choice(HOSTILE + ["We ship late", "", "   ", "Customers first"])  # noqa: E731
    kept = {}
    if rng.random() < 0.8:
        kept["plan/gaps"] = {spec.name: rng.randint(1, 5) for spec in model.SELF_INPUTS}
    if rng.random() < 0.8:
        kept["plan/week"] = {"market": rng.choice(model.MARKET.grid), "internal": rng.choice(model.INTERNAL.grid)}
    if rng.random() < 0.8:
        kept["plan/questions"] = {"not_happening": text(), "happening": text(), "want": text()}
    if rng.random() < 0.7:
        kept["purpose/message"] = {"why": text(), "how": "", "what": ""}
    if rng.random() < 0.7:
        picked = rng.choice(["P1", "P5", "P12", "nope"])
        kept["status_quo/assumptions"] = {"practice_id": picked, f"why_{picked}": text(), "why_P2": text()}
        if rng.random() < 0.3:  # kept before the page had one box per practice
            kept["status_quo/assumptions"] = {"practice_id": picked, "why": text()}
    if rng.random() < 0.7:
        kept["status_quo/tests"] = {"need": rng.randint(1, 5), "budget": rng.choice([0, 2500, 60000])}
    if rng.random() < 0.7:
        levels = [rng.choice(["", *map(str, range(7))]) for _ in range(12)]
        kept["quiz/delegation-board"] = {"answers": [{"sig": "s", "value": levels, "tried": True}]}
    if rng.random() < 0.7:
        kept["influence/cascade"] = {f"first_{k}": rng.choice(["", "ceo", "ops", "mi"]) for k in (1, 2, 3)}
    if rng.random() < 0.7:
        kept["influence/obstacles"] = {name: text() for k in range(1, 7) for name in (f"obstacle_{k}", f"owner_{k}")}
    if rng.random() < 0.7:
        ids = ["F1", "F2", "F3", "G1", "G2", "G3", "S1", "S2", "S3", "E1", "E2", "E3"]
        rng.shuffle(ids)
        kept["sequencing/order"] = {f"pos_{k + 1}": v for k, v in enumerate(ids)} | {"horizon": 52}
    if rng.random() < 0.7:
        kept["culture/cadence"] = {"budget": rng.choice([13, 26, 52, 104]), "guess": rng.choice(["", "even", "tie"])}
    return kept


CASES = [{}] + [_random_kept(random.Random(seed)) for seed in range(12)]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("planpage")
    for name in ("journal.js", "plan.js", "plan.css"):
        shutil.copy(ASSETS / name, folder / name)
    head = '<link rel="stylesheet" href="plan.css"><script src="journal.js"></script><script src="plan.js"></script>'
    (folder / "index.html").write_text(standalone_page(head + plan_fragment(), title="Your transition plan"),
                                       encoding="utf-8")
    server, url = serve(folder)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            visit = Visit(browser)
            try:
                visit.goto(f"{url}/index.html").wait_for_selector(".lp-plan[data-plan-answered]", state="attached")
                visit.url = f"{url}/index.html"
                yield visit
                assert not visit.problems(), visit.problems()
            finally:
                visit.close()
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def _load(page, kept: dict) -> None:
    page.page.evaluate("(items) => { localStorage.clear(); for (const [k, v] of Object.entries(items)) "
                       "localStorage.setItem(k, JSON.stringify(v)); }", _stored(kept))
    page.page.reload()
    page.page.wait_for_selector(".lp-plan[data-plan-answered]", state="attached")


def _normalised(kept: dict) -> dict:
    """``kept`` as the page reads it back (through JSON, as localStorage holds it)."""
    return json.loads(json.dumps(kept))


@pytest.mark.parametrize("case", range(len(CASES)))
def test_the_page_assembles_and_exports_the_plan_the_model_makes(page, case):
    kept = CASES[case]
    _load(page, kept)
    want = model.assemble(_normalised(kept))
    got = page.page.evaluate("() => { const data = JSON.parse(document.querySelector('script.lp-plan-data').textContent);"
                             " const kept = {}; for (const k of lpJournal.keys()) { const v = lpJournal.load(k);"
                             " kept[k.slice(6)] = v.inputs || {answers: v.answers}; }"
                             " const plan = lpPlan.assemble(data.recipe, kept);"
                             " return {plan, markdown: lpPlan.toMarkdown(plan), html: lpPlan.toHtml(plan),"
                             " answered: document.querySelector('.lp-plan').dataset.planAnswered}; }")
    assert got["plan"] == want
    assert got["markdown"] == model.to_markdown(want)
    assert got["html"] == model.to_html(want)
    assert int(got["answered"]) == want["answered"]
    # What the reader sees: every line's words, and a link for every missing answer.
    shown = page.page.inner_text(".lp-plan-body")
    for part in want["parts"]:
        for line in part["items"]:
            words = line.get("missing") or "".join(text for _, text in line["segments"])
            assert " ".join(words.split())[:80] in " ".join(shown.split()), words[:80]
    links = page.page.eval_on_selector_all(".lp-plan-body li.missing a", "as => as.map(a => a.getAttribute('href'))")
    assert links == [line["href"] for part in want["parts"] for line in part["items"] if "missing" in line]
    assert not page.page.query_selector(".lp-plan-body script, .lp-plan-body h1")


def test_the_downloads_are_the_models_exports(page):
    kept = CASES[3]
    _load(page, kept)
    want = model.assemble(_normalised(kept))
    for which, made in (("markdown", model.to_markdown(want)), ("html", model.to_html(want))):
        with page.page.expect_download() as info:
            page.page.click(f'button[data-plan="{which}"]')
        assert Path(info.value.path()).read_text(encoding="utf-8") == made
    assert "in your downloads" in page.page.inner_text(".lp-plan-status")


def test_an_answer_given_on_the_page_shows_in_the_plan_without_a_reload(page):
    _load(page, {})
    assert page.page.get_attribute(".lp-plan", "data-plan-example") == "yes"
    page.page.evaluate("() => lpJournal.save('lp:v1:plan/questions', {inputs: {want: 'Teams own outcomes'}})")
    page.page.wait_for_function("() => document.querySelector('.lp-plan').dataset.planExample === 'no'", timeout=3000)
    assert "By day 90: Teams own outcomes" in page.page.inner_text(".lp-plan-body")


def test_forget_all_my_answers_leaves_nothing_of_the_last_reader(page):
    _load(page, CASES[1] | {"plan/questions": {"want": "Secret plan of the last reader"}})
    assert "Secret plan" in page.page.inner_text(".lp-plan-body")
    page.page.click('button[data-plan="forget"]')
    assert page.page.evaluate("() => lpJournal.keys().length") == 0
    assert page.page.get_attribute(".lp-plan", "data-plan-example") == "yes"
    assert "Secret plan" not in page.page.inner_text("body")
    page.page.reload()
    page.page.wait_for_selector(".lp-plan[data-plan-answered]", state="attached")
    assert "Secret plan" not in page.page.inner_text("body")
