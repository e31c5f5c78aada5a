"""The learner's journal on the published site (``book/_assets/journal.js``), in Chromium.

Every answer a learner gives on a chapter page is kept in the browser's localStorage under
``lp:v1:<topic>/<exercise>``, and only there: restored on return, forgotten on request, carried to
another browser by an exported file. These tests open the built site (``browser.SITE``; point
``LEADING_PRODUCTS_SITE`` at another build) and hold it to that, on every chapter:

* a value set in a bound input of the chapter's first exercise explorer (the first chart that
  carries an exercise key) is still there after a reload, in the input and in the chart's words;
* "Forget my answers" brings back the declared defaults and clears the key;
* export, then import into a fresh browser, restores the answers; hostile files (HTML, 5 MB,
  JSON of the wrong shape) change nothing and get a sentence;
* a kept value the binding does not allow is ignored; with storage disabled the chart still
  draws and responds, and a sentence says answers can't be kept;
* no page asks another host for anything, and axe-core finds nothing, light and dark.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import SETTLED, SITE, Visit, axe_violations, chromium, describe_violations, serve  # noqa: F401
from exercises import CHAPTERS

PREFIX = "lp:v1:"
FILE = "leading-products-answers.json"
UNAVAILABLE = "can't be kept in this browser"

# --------------------------------------------------------------------------- page scripts

#: Index of the first chart carrying an exercise key and a bound input, with its key.
_FIRST = """() => {
    const figs = Array.from(document.querySelectorAll("figure.lp-chart"));
    const i = figs.findIndex(f => f.querySelector("[data-lp-journal]")
        && f.querySelector(".vega-bindings input, .vega-bindings select"));
    return i < 0 ? null : {index: i, key: figs[i].querySelector("[data-lp-journal]").getAttribute("data-lp-journal")};
}"""

#: Change bound input ``j`` (default: the first) of chart ``i`` to another value it offers; return its
#: name and value.
_CHANGE = """(i, j = 0) => {
    if (Array.isArray(i)) [i, j] = i;
    const fig = document.querySelectorAll("figure.lp-chart")[i];
    const el = fig.querySelectorAll(".vega-bindings input, .vega-bindings select")[j];
    const fire = kind => el.dispatchEvent(new Event(kind, {bubbles: true}));
    if (el.tagName === "SELECT") {
        el.selectedIndex = (el.selectedIndex + 1) % el.options.length;
    } else if (el.type === "range") {
        el.value = Number(el.value) === Number(el.max) ? el.min : el.max;
    } else if (el.type === "checkbox") {
        el.checked = !el.checked;
    } else if (el.type === "radio") {
        const other = Array.from(fig.querySelectorAll(`input[name="${el.name}"]`)).find(r => !r.checked);
        other.checked = true; other.dispatchEvent(new Event("change", {bubbles: true}));
        return {name: el.name, value: other.value};
    } else {
        el.value = "kept in the journal";
    }
    fire("input"); fire("change");
    return {name: el.name, value: el.type === "checkbox" ? el.checked : el.value};
}"""

_VALUES = """(i) => {
    const out = {};
    for (const el of document.querySelectorAll("figure.lp-chart")[i].querySelectorAll(".vega-bindings [name]")) {
        if (el.type === "radio") { if (el.checked) out[el.name] = el.value; }
        else if (el.type === "checkbox") out[el.name] = el.checked;
        else out[el.name] = el.value;
    }
    return out;
}"""

# What a chart says: its result sentences (above the picture), then the picture's own text.
_WORDS = """(i) => { const figure = document.querySelectorAll("figure.lp-chart")[i];
    return Array.from(figure.querySelectorAll(".lp-chart-words .lp-chart-line"), line => line.textContent)
        .concat(Array.from(figure.querySelectorAll("svg text"))
            .flatMap(t => t.querySelector("tspan") ? Array.from(t.querySelectorAll("tspan")) : [t])
            .map(t => t.textContent)); }"""

_SVG = """(i) => { const svg = document.querySelectorAll("figure.lp-chart")[i].querySelector("svg");
                   return svg ? svg.outerHTML : null; }"""

_STORED = """() => { const out = {}; for (let k = 0; k < localStorage.length; k++) {
    const key = localStorage.key(k); out[key] = localStorage.getItem(key); } return out; }"""

#: The "Forget my answers" button and the sentence beside chart ``i``.
_BESIDE = "figure.lp-chart >> nth={i} >> xpath=following-sibling::div[contains(@class, 'lp-journal')][1]"

# Storage that throws, as in a private window or with site data blocked; the error names its caller.
_NO_STORAGE = """
const off = () => { throw new DOMException("storage is off, asked by " + new Error().stack, "SecurityError"); };
Storage.prototype.setItem = off;
Storage.prototype.getItem = off;
"""


# --------------------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def site_url():
    if not (SITE / "book").is_dir() or not (SITE / "_static" / "journal.js").is_file():
        pytest.fail(f"no built site with journal.js in {SITE}: build it (see this module's docstring)",
                    pytrace=False)
    server, url = serve(SITE)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def visits(chromium):
    opened = []

    def open_(init_script: str = "") -> Visit:
        v = Visit(chromium)
        if init_script:
            v.page.add_init_script(init_script)
        opened.append(v)
        return v
    yield open_
    for v in opened:
        v.close()


def _open(v: Visit, url: str) -> dict:
    """Go to a chapter page, wait until its first exercise explorer is drawn and journaled; return it."""
    v.goto(url)
    v.page.wait_for_selector("[data-lp-journal]", state="attached")
    v.page.wait_for_function("() => document.querySelectorAll('figure.lp-chart svg').length"
                             " >= document.querySelectorAll('[data-lp-journal]').length")
    first = v.page.evaluate(_FIRST)
    assert first, f"{url}: no chart with an exercise key (usermeta.lp_exercise) and a bound input"
    v.page.evaluate(SETTLED)
    return first


def _wait_for_value(v: Visit, index: int, name: str, value) -> None:
    v.page.wait_for_function("([i, name, value]) => { const el = document.querySelectorAll('figure.lp-chart')[i]"
                             ".querySelector(`.vega-bindings [name=\"${name}\"]`);"
                             " return el && (el.type === 'checkbox' ? el.checked === value : el.value === value); }",
                             arg=[index, name, value])
    v.page.evaluate(SETTLED)


def _kept(v: Visit, key: str):
    raw = v.page.evaluate("(key) => localStorage.getItem(key)", PREFIX + key)
    return None if raw is None else json.loads(raw)


def _wait_kept(v: Visit, key: str) -> dict:
    v.page.wait_for_function("(key) => localStorage.getItem(key) !== null", arg=PREFIX + key)
    return _kept(v, key)


def _footer_status(v: Visit) -> str:
    return v.page.locator(".lp-journal-all .lp-journal-status").inner_text()


def _import(v: Visit, payload: bytes, name: str = "answers.json", mime: str = "application/json") -> str:
    """Choose a file with "Import answers" as a learner does; return the sentence it gets."""
    status = v.page.locator(".lp-journal-all .lp-journal-status")
    v.page.evaluate("() => { document.querySelector('.lp-journal-all .lp-journal-status').textContent = ''; }")
    with v.page.expect_file_chooser() as chooser:
        v.page.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": mime, "buffer": payload}])
    v.page.wait_for_function("() => document.querySelector('.lp-journal-all .lp-journal-status').textContent !== ''")
    v.page.evaluate(SETTLED)
    return status.inner_text()


def _responds(v: Visit, i: int) -> bool:
    """Use the bound inputs of chart ``i`` in turn until its drawing changes; False if none does."""
    count = v.page.locator("figure.lp-chart").nth(i).locator(".vega-bindings input, .vega-bindings select").count()
    for j in range(count):
        before = v.page.evaluate(_SVG, i)
        v.page.evaluate(_CHANGE, [i, j])
        try:
            v.page.wait_for_function("([i, before]) => document.querySelectorAll('figure.lp-chart')[i]"
                                     ".querySelector('svg').outerHTML !== before", arg=[i, before], timeout=2_000)
            return True
        except PlaywrightTimeout:
            continue
    return False


def _clean(v: Visit) -> None:
    assert not v.foreign, f"requests to other hosts: {v.foreign}"
    assert not v.errors and not v.missing, v.errors + v.missing


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("topic", CHAPTERS)
def test_a_value_set_in_the_first_explorer_survives_a_reload(topic, site_url, visits):
    """Set an input of the chapter's first exercise explorer, reload at once: the input and the
    chart's words are as the learner left them, and the key holds the value."""
    v = visits()
    url = f"{site_url}/book/{topic}.html"
    first = _open(v, url)
    i = first["index"]
    defaults, default_words = v.page.evaluate(_VALUES, i), v.page.evaluate(_WORDS, i)
    changed = v.page.evaluate(_CHANGE, i)
    v.page.evaluate(SETTLED)
    values, words = v.page.evaluate(_VALUES, i), v.page.evaluate(_WORDS, i)
    assert values != defaults, f"{topic}: the input did not change ({changed})"

    v.page.reload(wait_until="load")  # no wait: the journal saves when the page goes away too
    assert _open(v, url) == first
    _wait_for_value(v, i, changed["name"], changed["value"])
    assert v.page.evaluate(_VALUES, i) == values
    assert v.page.evaluate(_WORDS, i) == words
    if words != default_words:
        assert v.page.evaluate(_WORDS, i) != default_words
    kept = _kept(v, first["key"])
    assert set(kept) == {"inputs", "saved"} and kept["saved"].endswith("Z"), kept
    assert changed["name"] in kept["inputs"], kept
    _clean(v)


@pytest.mark.parametrize("topic", CHAPTERS)
def test_forget_my_answers_restores_the_defaults_and_clears_the_key(topic, site_url, visits):
    v = visits()
    url = f"{site_url}/book/{topic}.html"
    first = _open(v, url)
    i = first["index"]
    defaults, default_words = v.page.evaluate(_VALUES, i), v.page.evaluate(_WORDS, i)
    v.page.evaluate(_CHANGE, i)
    _wait_kept(v, first["key"])
    assert v.page.evaluate(_VALUES, i) != defaults

    beside = v.page.locator(_BESIDE.format(i=i))
    beside.get_by_role("button", name="Forget my answers").click()
    v.page.wait_for_function("([i, before]) => JSON.stringify((" + _VALUES + ")(i)) === before",
                             arg=[i, json.dumps(defaults, separators=(",", ":"))])
    v.page.evaluate(SETTLED)
    assert v.page.evaluate(_WORDS, i) == default_words
    assert "forgotten" in beside.locator("[role=status]").inner_text()
    v.page.wait_for_timeout(600)  # longer than the journal's wait before saving: nothing comes back
    assert _kept(v, first["key"]) is None
    v.page.reload(wait_until="load")
    _open(v, url)
    assert v.page.evaluate(_VALUES, i) == defaults
    _clean(v)


def test_export_then_import_into_a_fresh_browser_restores_the_answers(site_url, visits):
    """Answers from two chapters go into one file; a fresh browser imports it and shows them."""
    first_visit = visits()
    changed = {}
    for topic in ("delegation", "culture"):
        url = f"{site_url}/book/{topic}.html"
        first = _open(first_visit, url)
        change = first_visit.page.evaluate(_CHANGE, first["index"])
        _wait_kept(first_visit, first["key"])
        changed[topic] = (first, change, first_visit.page.evaluate(_VALUES, first["index"]))
    with first_visit.page.expect_download() as download:
        first_visit.page.get_by_role("button", name="Export my answers").click()
    assert download.value.suggested_filename == FILE
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert exported["leading_products"] == 1
    assert set(exported["answers"]) == {PREFIX + first["key"] for first, _, _ in changed.values()}
    assert "2 answers" in _footer_status(first_visit)
    _clean(first_visit)

    fresh = visits()  # another browser context: its storage is empty
    first, change, values = changed["delegation"]
    _open(fresh, f"{site_url}/book/delegation.html")
    assert fresh.page.evaluate(_VALUES, first["index"]) != values
    said = _import(fresh, json.dumps(exported).encode())
    assert said == "Brought in 2 answers from that file.", said
    _wait_for_value(fresh, first["index"], change["name"], change["value"])  # restored on the page at once
    assert fresh.page.evaluate(_VALUES, first["index"]) == values
    first, change, values = changed["culture"]
    _open(fresh, f"{site_url}/book/culture.html")
    _wait_for_value(fresh, first["index"], change["name"], change["value"])
    assert fresh.page.evaluate(_VALUES, first["index"]) == values
    _clean(fresh)


HOSTILE = {
    "an HTML page": (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "text/html",
                     "not a file of answers"),
    "a 5 MB file": (b'{"leading_products": 1, "answers": {"lp:v1:x": {"pad": "' + b"a" * (5 * 1024 * 1024) + b'"}}}',
                    "application/json", "larger than 1 MB"),
    "a list": (b"[1, 2, 3]", "application/json", "not a file of answers"),
    "another book's file": (b'{"answers": {"lp:v1:culture/cadence": {"inputs": {}}}}', "application/json",
                            "not a file of answers"),
    "answers as a list": (b'{"leading_products": 1, "answers": [1]}', "application/json", "not a file of answers"),
    "a key outside the journal": (b'{"leading_products": 1, "answers": {"mode": "dark", "lp:v1:culture/cadence":'
                                  b' {"inputs": {}}}}', "application/json", "not a file of answers"),
    "a value that is not an object": (b'{"leading_products": 1, "answers": {"lp:v1:culture/cadence": "x"}}',
                                      "application/json", "not a file of answers"),
    "no answers": (b'{"leading_products": 1, "answers": {}}', "application/json", "holds no answers"),
    "broken JSON": (b'{"leading_products": 1, "answers": {"lp:v1:a": ', "application/json", "not a file of answers"),
}


def test_hostile_imports_change_nothing_and_say_so(site_url, visits):
    v = visits()
    first = _open(v, f"{site_url}/book/culture.html")
    v.page.evaluate(_CHANGE, first["index"])
    _wait_kept(v, first["key"])
    stored, values = v.page.evaluate(_STORED), v.page.evaluate(_VALUES, first["index"])
    for what, (payload, mime, words) in HOSTILE.items():
        said = _import(v, payload, name=f"{what}.json", mime=mime)
        assert words in said and "nothing was changed" in said, (what, said)
        assert v.page.evaluate(_STORED) == stored, what
        assert v.page.evaluate(_VALUES, first["index"]) == values, what
    assert not v.page.locator("script:has-text('alert(1)')").count()
    _clean(v)


def test_a_kept_value_the_binding_does_not_allow_is_ignored(site_url, visits):
    """Out of range, not an option, the wrong type: such kept values leave the defaults in place."""
    v = visits()
    url = f"{site_url}/book/sequencing.html"
    first = _open(v, url)
    defaults, words = v.page.evaluate(_VALUES, first["index"]), v.page.evaluate(_WORDS, first["index"])
    names = list(defaults)
    for junk in ({names[0]: "<b>not an option</b>", **{name: 10 ** 9 for name in names[1:]}},
                 {name: [1] for name in names}, {name: "yes" for name in names}):
        v.page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                        [PREFIX + first["key"], json.dumps({"inputs": junk, "saved": "2026-01-01T00:00:00Z"})])
        v.page.reload(wait_until="load")
        _open(v, url)
        assert v.page.evaluate(_VALUES, first["index"]) == defaults, junk
        assert v.page.evaluate(_WORDS, first["index"]) == words, junk
    v.page.evaluate("(key) => localStorage.setItem(key, '{not json')", PREFIX + first["key"])
    v.page.reload(wait_until="load")
    _open(v, url)
    assert v.page.evaluate(_VALUES, first["index"]) == defaults
    _clean(v)


def test_with_storage_disabled_the_chart_still_works_and_says_so(site_url, visits):
    v = visits(_NO_STORAGE)
    first = _open(v, f"{site_url}/book/culture.html")
    i = first["index"]
    beside = v.page.locator(_BESIDE.format(i=i))
    assert UNAVAILABLE in beside.locator("[role=status]").inner_text()
    assert _responds(v, i), "no input of the explorer changed its drawing with storage off"
    v.page.wait_for_timeout(600)  # the failed save says so, and breaks nothing
    assert UNAVAILABLE in beside.locator("[role=status]").inner_text()
    beside.get_by_role("button", name="Forget my answers").click()
    v.page.get_by_role("button", name="Export my answers").click()
    assert "nothing to export" in _footer_status(v)
    said = _import(v, b'{"leading_products": 1, "answers": {"lp:v1:culture/cadence": {"inputs": {}}}}')
    assert UNAVAILABLE in said and "nothing was changed" in said, said
    assert v.page.evaluate("() => lpJournal.save('lp:v1:quiz/probe', {a: 1})").startswith("Your answers can't")
    assert v.page.evaluate("() => lpJournal.load('lp:v1:quiz/probe')") is None
    assert v.page.evaluate("() => lpJournal.keys()") == []
    assert not [e for e in v.errors if "journal" in e.lower()], v.errors  # the theme's own may throw
    assert not v.foreign


def test_the_journal_api_the_quiz_uses(site_url, visits):
    """load, save, forget, keys: the names and meanings the quiz relies on; a save or a forget is
    told to the page as "lp-journal-change"."""
    v = visits()
    v.goto(f"{site_url}/book/intro.html")  # a page with no chart has the journal too
    got = v.page.evaluate("""() => {
        const j = window.lpJournal, out = {}, heard = [];
        window.addEventListener("lp-journal-change", e => heard.push(e.detail.key));
        out.heard = heard;
        out.before = typeof j.load("lp:v1:quiz/probe");
        out.saved = j.save("lp:v1:quiz/probe", {choices: [1, 2]});
        out.loaded = j.load("lp:v1:quiz/probe");
        out.keys = j.keys();
        out.foreign = j.save("mode", "dark");
        out.themeKept = localStorage.getItem("mode") === "dark";
        out.forgot = j.forget("lp:v1:quiz/probe");
        out.after = typeof j.load("lp:v1:quiz/probe");
        out.keysAfter = j.keys();
        return out;
    }""")
    assert got["before"] == got["after"] == "undefined"  # nothing kept
    assert got["saved"] is True and got["loaded"] == {"choices": [1, 2]}
    assert got["keys"] == ["lp:v1:quiz/probe"] and got["keysAfter"] == []
    assert isinstance(got["foreign"], str) and got["themeKept"] is False  # only lp:v1: keys are the journal's
    assert got["forgot"] is True
    # The page hears each change of a kept answer (the plan redraws on it), and nothing else.
    assert got["heard"] == ["lp:v1:quiz/probe", "lp:v1:quiz/probe"]
    assert v.page.get_by_role("button", name="Export my answers").is_visible()
    _clean(v)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_chapter_page_with_the_journal_passes_axe(mode, site_url, visits):
    """The buttons and their sentences, shown, pass axe-core with nothing of any impact."""
    v = visits(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    first = _open(v, f"{site_url}/book/delegation.html")
    assert v.page.evaluate("document.documentElement.dataset.theme") == mode
    v.page.evaluate(_CHANGE, first["index"])
    _wait_kept(v, first["key"])
    v.page.locator(_BESIDE.format(i=first["index"])).get_by_role("button", name="Forget my answers").click()
    v.page.get_by_role("button", name="Export my answers").click()
    v.page.wait_for_function("() => document.querySelector('.lp-journal-all .lp-journal-status').textContent")
    violations = axe_violations(v.page, impacts=None)
    assert not violations, describe_violations(violations)
    _clean(v)


def test_forget_and_export_are_reached_from_the_keyboard(site_url, visits):
    v = visits()
    first = _open(v, f"{site_url}/book/culture.html")
    i = first["index"]
    defaults = v.page.evaluate(_VALUES, i)
    v.page.evaluate(_CHANGE, i)
    _wait_kept(v, first["key"])
    reached = None
    for _ in range(400):
        v.page.keyboard.press("Tab")
        reached = v.page.evaluate("() => document.activeElement.textContent")
        if reached == "Forget my answers":
            break
    assert reached == "Forget my answers", "Tab never reached a Forget my answers button"
    v.page.keyboard.press("Enter")
    v.page.wait_for_function("(key) => localStorage.getItem(key) === null", arg=PREFIX + first["key"])
    v.page.evaluate(SETTLED)
    assert v.page.evaluate(_VALUES, i) == defaults
    _clean(v)


# --------------------------------------------------------------------------- the Python side


@pytest.mark.parametrize("topic", CHAPTERS)
def test_every_chart_face_carries_its_exercise_key(topic, monkeypatch):
    """A static face that is a chart says which exercise it is (usermeta.lp_exercise = its key),
    keeping any usermeta it had; the journal keeps that chart's bound inputs under that key."""
    import importlib

    import altair as alt

    monkeypatch.setenv("LEADING_PRODUCTS_RENDER", "static")
    charts = 0
    for exercise in importlib.import_module(f"exercises.{topic}.widget").EXERCISES:
        face = exercise()
        if not isinstance(face, alt.TopLevelMixin):
            continue
        charts += 1
        spec = face.to_dict()
        assert spec["usermeta"]["lp_exercise"] == exercise.key == f"{topic}/{exercise.name}"
        assert any("bind" in p for p in spec.get("params", [])), f"{exercise.key}: no bound input to keep"
        original = exercise.static
        kept = original().properties(usermeta={"embedOptions": {"actions": False}})
        object.__setattr__(exercise, "static", lambda: kept)
        try:
            assert exercise().to_dict()["usermeta"] == {"embedOptions": {"actions": False},
                                                         "lp_exercise": exercise.key}
        finally:
            object.__setattr__(exercise, "static", original)
    assert charts, f"{topic}: no exercise has a chart face"


def test_the_chart_snippet_hands_the_drawn_chart_to_the_journal_when_there_is_one():
    from exercises.kit.display import static_html

    html = static_html({"description": "probe", "mark": "point"})
    # The snippet draws the spec compiled to Vega; the journal gets the Vega-Lite params and usermeta
    # (``meta``), at once or, while the page's deferred scripts have not run yet, at DOMContentLoaded.
    assert "if (!window.lpJournal)" in html and "window.lpJournal.attach(el, result.view, meta)" in html
    assert 'document.addEventListener("DOMContentLoaded", keep)' in html


_JOURNALED = """() => Array.from(document.querySelectorAll("figure.lp-chart")).map((f, i) => [i, f])
    .filter(([i, f]) => f.querySelector("[data-lp-journal]") && f.querySelector(".vega-bindings [name]"))
    .map(([i, f]) => [i, f.querySelectorAll(".vega-bindings input, .vega-bindings select").length])"""
#: The first single-choice quiz question on the page: choose its second option; return its id.
_ANSWER_QUIZ = """() => { const q = document.querySelector('fieldset.lp-q[data-kind="choice"]');
    if (!q) return null; const option = q.querySelectorAll('input[type="radio"]')[1];
    option.click(); return {id: q.id, value: option.value}; }"""
_QUIZ_CHOSEN = """(id) => { const q = document.getElementById(id); const on = q && q.querySelector('input:checked');
    return on ? on.value : null; }"""


@pytest.mark.parametrize("topic", CHAPTERS)
def test_every_input_of_every_exercise_and_a_quiz_answer_survive_a_reload(topic, site_url, visits):
    """The bar of the issue: on every chapter page, text typed into every text box, a value set in
    every menu, slider, check box and radio of every exercise, and a quiz answer, are all still there
    after a reload."""
    v = visits()
    url = f"{site_url}/book/{topic}.html"
    _open(v, url)
    charts = v.page.evaluate(_JOURNALED)
    assert charts, f"{topic}: no exercise chart with bound inputs"
    for i, count in charts:
        for j in range(count):
            v.page.evaluate(_CHANGE, [i, j])
    v.page.evaluate(SETTLED)
    quiz = v.page.evaluate(_ANSWER_QUIZ)
    left = {i: v.page.evaluate(_VALUES, i) for i, _ in charts}
    v.page.wait_for_timeout(600)  # past the journal's pause before saving
    v.page.reload(wait_until="load")
    _open(v, url)
    v.page.wait_for_function("""(left) => Object.entries(left).every(([i, values]) => {
        const fig = document.querySelectorAll("figure.lp-chart")[Number(i)];
        return Object.entries(values).every(([name, value]) => {
            const els = Array.from(fig.querySelectorAll(`.vega-bindings [name="${name}"]`));
            const el = els.find(e => e.type !== "radio" || e.checked) || els[0];
            return el && (el.type === "checkbox" ? el.checked === value : el.value === value); }); })""",
                             arg={str(i): values for i, values in left.items()}, timeout=10_000)
    assert {i: v.page.evaluate(_VALUES, i) for i, _ in charts} == left
    assert quiz, f"{topic}: no single-choice quiz question on the page"
    v.page.wait_for_function("(q) => document.getElementById(q.id)"
                             " && document.getElementById(q.id).querySelector('input:checked')", arg=quiz)
    assert v.page.evaluate(_QUIZ_CHOSEN, quiz["id"]) == quiz["value"], f"{topic}: the quiz answer was not kept"
    _clean(v)
