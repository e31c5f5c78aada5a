"""The chapter contract: every chapter has the same shape, imports point one way, and every
exercise builds in both contexts and survives a learner playing with it at random.

A new chapter made with ``make chapter TOPIC=name`` passes this file as it is; a chapter
that drifts from the shape fails here with a message saying what to add or move.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import exercises
import specs
from exercises.kit.live import Exercise, LiveExercise

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "exercises"
CHAPTERS = exercises.CHAPTERS

# What each layer may not import (widget -> chart -> model -> data; a model displays nothing).
DISPLAYS = {"altair", "ipywidgets", "IPython", "anywidget", "vl_convert"}
FORBIDDEN = {
    "model": DISPLAYS | {"chart", "widget", "live", "controls", "display", "charts", "quiz", "theme", "room"},
    "chart": {"ipywidgets", "IPython", "anywidget", "widget", "live", "controls", "room"},
}
SHARED_FORBIDDEN = {
    "data": DISPLAYS | {"display", "live", "charts", "theme"},
    "text": DISPLAYS | {"display", "live", "charts", "data"},
    "theme": {"ipywidgets", "IPython", "live", "display", "charts", "data"},
    "charts": {"ipywidgets", "IPython", "live"},
    "display": {"ipywidgets", "IPython", "live"},
    "quiz": DISPLAYS | {"display", "live", "charts", "data"},  # plain HTML from plain data
}


#: The folders of exercises/ that are not chapters: the kit and workshop mode.
LAYERS = {"kit", "room"}


def topics_on_disk() -> set[str]:
    return {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} - LAYERS


def imported_names(path: Path) -> set[str]:
    """Every module ``path`` imports, as its parts (``from ..live import X`` gives ``live``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names |= set(alias.name.split("."))
        elif isinstance(node, ast.ImportFrom):
            names |= set((node.module or "").split(".")) - {""}
            if node.level and not node.module:  # from . import chart, model
                names |= {alias.name for alias in node.names}
    return names


def test_chapters_are_listed_once_and_every_topic_folder_is_a_chapter():
    assert len(set(CHAPTERS)) == len(CHAPTERS), "a topic is listed twice in exercises.CHAPTERS"
    assert set(CHAPTERS) == topics_on_disk(), (
        "exercises.CHAPTERS and the folders exercises/<topic>/ must match (make chapter adds both)")


@pytest.mark.parametrize("topic", CHAPTERS)
def test_chapter_has_every_part(topic):
    missing = [f"exercises/{topic}/{name}.py" for name in ("model", "chart", "widget", "room")
               if not (PACKAGE / topic / f"{name}.py").is_file()]
    if not list((ROOT / "data").glob(f"{topic}_*.csv")):
        missing.append(f"data/{topic}_*.csv")
    for layer in ("model", "chart", "widget", "static"):
        if not list((ROOT / "tests").glob(f"test_{topic}_{layer}*.py")):
            missing.append(f"tests/test_{topic}_{layer}*.py")
    notebook = ROOT / "book" / f"{topic}.ipynb"
    if not notebook.is_file():
        missing.append(f"book/{topic}.ipynb")
    assert not missing, f"chapter {topic!r} lacks: {', '.join(missing)}"
    assert f"book/{topic}" in specs.toc_files(), f"_toc.yml does not list book/{topic}"
    first = json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]
    assert first["cell_type"] == "markdown" and "".join(first["source"]).startswith(f"({topic})="), (
        f"book/{topic}.ipynb must open with the label ({topic})= so other pages can link to it")


@pytest.mark.parametrize("topic", CHAPTERS)
def test_every_section_of_a_chapter_has_a_label(topic):
    """Each exercise and section can be cited and linked: a ``(topic-name)=`` label above every ``##``."""
    cells = json.loads((ROOT / "book" / f"{topic}.ipynb").read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    lines = text.split("\n")
    unlabelled = [line for k, line in enumerate(lines) if line.startswith("## ")
                  and not (k and re.fullmatch(rf"\({re.escape(topic)}-[a-z0-9-]+\)=", lines[k - 1].strip()))]
    assert not unlabelled, f"book/{topic}.ipynb: put a label ({topic}-name)= right above: {unlabelled}"


_SOLUTION = re.compile(r'<details class="lp-solution"(?: id="([^"]*)")?>\s*<summary>(.*?)</summary>', re.S)
_LABEL = re.compile(r"^\(([a-z0-9_-]+)\)=[ \t]*$", re.M)


def sections_of(topic: str) -> list[dict]:
    """The notebook's sections in order: label, ``##`` title, solution blocks and code cells."""
    cells = json.loads((ROOT / "book" / f"{topic}.ipynb").read_text(encoding="utf-8"))["cells"]
    sections = [{"label": topic, "title": "", "solutions": [], "code": []}]
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] != "markdown":
            sections[-1]["code"].append(text)
            continue
        events = sorted([(m.start(), "label", m) for m in _LABEL.finditer(text)]
                        + [(m.start(), "title", m) for m in re.finditer(r"^## (.*)$", text, re.M)]
                        + [(m.start(), "solution", m) for m in _SOLUTION.finditer(text)], key=lambda e: e[0])
        for _, kind, match in events:
            if kind == "label":
                sections.append({"label": match.group(1), "title": "", "solutions": [], "code": []})
            elif kind == "title":
                sections[-1]["title"] = match.group(1)
            else:
                sections[-1]["solutions"].append((match.group(1) or "", match.group(2)))
    return sections


@pytest.mark.parametrize("topic", CHAPTERS)
def test_exercises_and_solutions_are_numbered_and_linkable(topic):
    """Each exercise is cited as "Exercise N" and each solution or discussion by its own link.

    A section whose code shows one of the chapter's exercises is titled ``Exercise N: ...``, N
    counting from 1; every ``lp-solution`` block has an id that starts with its section's label
    (so ``<page>.html#<id>`` opens it) and, inside an exercise section, a summary naming the
    exercise.
    """
    names = {exercise.name for exercise in exercises_of(topic)}
    calls = re.compile(rf"\bwidget\.(?:{'|'.join(map(re.escape, names))})\(")
    number, ids, problems = 0, [], []
    for section in sections_of(topic):
        exercise = ""
        if any(calls.search(code) for code in section["code"]):
            number += 1
            exercise = f"Exercise {number}"
            if not section["title"].startswith(exercise + ": "):
                problems.append(f"section ({section['label']})= shows an exercise: title it '## {exercise}: ...'")
        for block_id, summary in section["solutions"]:
            ids.append(block_id)
            if not block_id.startswith(section["label"] + "-"):
                problems.append(f"solution '{summary}' needs id=\"{section['label']}-solution\" (or -discussion)")
            if exercise and not summary.startswith(exercise):
                problems.append(f"solution '{summary}' in {exercise}: start its summary with '{exercise}, '")
    problems += [f"two solutions share the id {i!r}" for i in sorted({i for i in ids if i and ids.count(i) > 1})]
    assert number, f"book/{topic}.ipynb shows none of its EXERCISES ({sorted(names)})"
    assert not problems, f"book/{topic}.ipynb: " + "; ".join(problems)


@pytest.mark.parametrize("topic", CHAPTERS)
@pytest.mark.parametrize("layer", ["model", "chart"])
def test_imports_point_one_way(topic, layer):
    """A chapter's model (and every ``model_*.py`` it is split into) displays nothing; its chart never builds widgets."""
    for path in sorted((PACKAGE / topic).glob(f"{layer}*.py")):
        bad = imported_names(path) & FORBIDDEN[layer]
        assert not bad, f"exercises/{topic}/{path.name} imports {sorted(bad)}: widget -> chart -> model -> data"


# --------------------------------------------------------------------------- the import graph


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every module of ``exercises`` and the ``exercises`` modules it imports, read from the code,
    imports inside functions (lazy ones) included; ``from . import model`` counts as the module."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")
                base = base[:len(base) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:
                    found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def test_the_import_graph_has_no_circle():
    graph, state, path = import_graph(), {}, []

    def visit(node):
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circle = path[path.index(nxt):] + [nxt]
                pytest.fail("modules import each other in a circle: " + " -> ".join(circle), pytrace=False)
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    return parts[1] if parts[1] in LAYERS | {"book"} else "chapter"


def test_the_kit_knows_no_chapter_and_nothing_of_workshop_mode():
    """The kit imports only the kit; workshop mode imports the kit and the chapter list, never a
    chapter (its dashboard loops over ``CHAPTERS`` by name); a chapter never imports another, and
    only its ``room.py`` (its view of the room) imports workshop mode."""
    problems = []
    for module, imports in sorted(import_graph().items()):
        layer = _layer(module)
        for target in sorted(imports):
            other = _layer(target)
            if layer == "kit" and other != "kit":
                problems.append(f"{module} (the kit) imports {target}")
            elif layer == "room" and other == "chapter":
                problems.append(f"{module} (workshop mode) names the chapter module {target}")
            elif layer == "chapter" and other == "chapter" and target.split(".")[1] != module.split(".")[1]:
                problems.append(f"{module} imports another chapter's {target}")
            elif layer == "chapter" and other in {"room", "book"} and not module.endswith(".room"):
                problems.append(f"{module} imports {target}: only a chapter's room.py may use workshop mode")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("module", sorted(SHARED_FORBIDDEN))
def test_shared_layer_imports_point_one_way(module):
    bad = imported_names(PACKAGE / "kit" / f"{module}.py") & SHARED_FORBIDDEN[module]
    assert not bad, f"exercises/kit/{module}.py imports {sorted(bad)}"


def test_only_the_kit_and_widgets_import_ipywidgets():
    importers = {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py") if "ipywidgets" in imported_names(p)}
    allowed = {"exercises/kit/live.py", "exercises/kit/controls.py"} | {f"exercises/{t}/widget.py" for t in CHAPTERS}
    assert importers <= allowed, (
        f"only the kit's live.py and controls.py and a chapter's widget.py may import ipywidgets: {importers - allowed}")


def exercises_of(topic: str) -> list[Exercise]:
    module = __import__(f"exercises.{topic}.widget", fromlist=["EXERCISES"])
    found = getattr(module, "EXERCISES", None)
    assert found, f"exercises/{topic}/widget.py must list its exercises in EXERCISES"
    assert all(isinstance(e, Exercise) for e in found)
    assert len({e.name for e in found}) == len(found), f"{topic}: two exercises share a name"
    return list(found)


ALL = [(topic, exercise.name) for topic in CHAPTERS for exercise in exercises_of(topic)]


def find(topic: str, name: str) -> Exercise:
    return next(e for e in exercises_of(topic) if e.name == name)


@pytest.mark.parametrize("topic, name", ALL)
def test_static_face_builds_with_a_description(topic, name, monkeypatch):
    monkeypatch.setenv("LEADING_PRODUCTS_RENDER", "static")
    face = find(topic, name)()
    assert not isinstance(face, LiveExercise), "the static face must not be a frozen widget"
    if hasattr(face, "to_dict"):
        spec = face.to_dict()
        assert len(spec.get("description", "")) > 40, f"{topic}/{name}: the static face needs a description"
        assert spec.get("params"), f"{topic}/{name}: a static face needs inputs bound in the page"
    else:
        assert "<" in face._repr_html_()


@pytest.mark.parametrize("topic, name", ALL)
def test_live_face_builds_and_survives_random_play(topic, name, monkeypatch):
    """Every action, 60 times at random: no traceback escapes or is caught, and the learner
    always sees what the model says (a summary), with a number or the reason there is none."""
    monkeypatch.setenv("LEADING_PRODUCTS_RENDER", "live")
    face = find(topic, name)()
    assert isinstance(face, LiveExercise)
    static = find(topic, name).live(mode="static")  # snapshots: the chart draws without a browser
    assert "<svg" in static.chart.widget.value
    actions = face.actions()
    assert actions, f"{topic}/{name}: actions() must list what a learner can do"
    rng = random.Random(f"{topic}/{name}")
    for step in range(60):
        action = rng.choice(actions)
        action.act(rng)
        said = face.summary.value
        where = f"{topic}/{name}, step {step} ({action.name})"
        assert "Something went wrong" not in face.problems.value, f"{where}: {face.problems.value}"
        assert said, f"{where}: the summary is empty"
        assert re.search(r"\d", said) or face.problems.value, f"{where}: no number and no reason"


# --------------------------------------------------------------------------- kit v2: declared once, computed once


def _static_params(face) -> dict:
    """The static face's bound inputs (name -> starting value); none for a quiz."""
    if not hasattr(face, "to_dict"):
        return {}
    return {name: _start(p) for name, p in specs.params(face.to_dict()).items() if "bind" in p}


def _start(param: dict):
    """Where a bound parameter starts; a point selection bound to a menu (``[{field: value}]``)
    starts at its one value."""
    value = param.get("value")
    if "select" in param and isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict) \
            and len(value[0]) == 1:
        return next(iter(value[0].values()))
    return value


@pytest.mark.parametrize("topic, name", ALL)
def test_live_and_static_faces_start_from_the_declared_defaults(topic, name, monkeypatch):
    """Each input is declared once (``exercises.kit.inputs``): the live control and the static face's
    bound input of the same name both start at its default, and a chart face with declared inputs
    binds at least one of them (an input only the live face has, a live "start from" menu say, is
    allowed; one the two faces name differently is not)."""
    exercise = find(topic, name)
    declared = {spec.name: spec for spec in exercise.inputs}
    live = exercise.live(mode="static")
    assert set(live.inputs) == set(declared), f"{topic}/{name}: the live face's inputs are not its INPUTS"
    for key, spec in declared.items():
        assert live.inputs[key].value == spec.default, f"{topic}/{name}: live {key} starts at {live.inputs[key].value}"
    monkeypatch.setenv("LEADING_PRODUCTS_RENDER", "static")
    face = exercise()
    bound = _static_params(face)
    if hasattr(face, "to_dict") and declared:
        assert set(bound) & set(declared), (
            f"{topic}/{name}: the static face binds none of the declared inputs {sorted(declared)} "
            f"(it binds {sorted(bound)}): make its inputs with kit.charts.bound()")
    for key, value in bound.items():
        if key in declared:
            want = declared[key].default
            assert value == (float(want) if isinstance(want, (int, float)) and not isinstance(want, bool) else want), (
                f"{topic}/{name}: the static {key} starts at {value!r}, the declaration at {want!r}")


@pytest.mark.parametrize("topic, name", ALL)
def test_one_change_computes_once_and_the_answer_reads_that_result(topic, name, monkeypatch):
    """``compute()`` runs once per change; ``show()`` and ``answer()`` read :attr:`result`."""
    monkeypatch.setenv("LEADING_PRODUCTS_RENDER", "live")
    face = find(topic, name).live(mode="static")
    kind = type(face)
    assert kind.update is LiveExercise.update and kind.compute is not LiveExercise.compute, (
        f"{topic}/{name}: implement compute() and show() instead of overriding update()")
    calls = []
    original = face.compute
    face.compute = lambda: calls.append(1) or original()
    rng = random.Random(f"once {topic}/{name}")
    for action in face.actions():
        before = len(calls)
        action.act(rng)
        assert len(calls) - before <= 1, f"{topic}/{name}: '{action.name}' computed {len(calls) - before} times"
        before = len(calls)
        face.answer()
        assert len(calls) == before, f"{topic}/{name}: answer() computed again instead of reading result"


@pytest.mark.parametrize("topic", CHAPTERS)
def test_no_notebook_cell_output_is_over_150_kb(topic):
    cells = json.loads((ROOT / "book" / f"{topic}.ipynb").read_text(encoding="utf-8"))["cells"]
    heavy = [(k, len(json.dumps(cell.get("outputs", [])))) for k, cell in enumerate(cells)]
    heavy = [(k, size) for k, size in heavy if size > 150_000]
    assert not heavy, f"book/{topic}.ipynb: cell outputs over 150 KB (cell, bytes): {heavy}"


@pytest.mark.integration  # about 16 s: runs in make test, not in the fast loop (make unit)
def test_make_chapter_writes_a_chapter_that_passes_the_contract(tmp_path):
    """``make chapter`` on a scratch copy: the new chapter's own tests and this contract pass at once."""
    scratch = _scratch_copy(tmp_path)
    topic = next(t for t in (f"probe{n}" for n in range(100)) if t not in topics_on_disk())
    made = subprocess.run([sys.executable, "tools/new_chapter.py", topic, "--root", str(scratch)],
                          cwd=scratch, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    listed = (scratch / "exercises" / "__init__.py").read_text(encoding="utf-8")
    assert f'"{topic}"' in listed
    # The book still closes with the learner's plan: a new chapter goes before it, in both lists.
    toc = (scratch / "_toc.yml").read_text(encoding="utf-8")
    assert listed.index(f'"{topic}"') < listed.index('"plan"') and toc.index(f"book/{topic}\n") < toc.index("book/plan\n")
    # The copy's exercises, not ours; its static test draws with our built site's scripts.
    env = {**os.environ, "PYTHONPATH": str(scratch),
           "LEADING_PRODUCTS_SITE": os.environ.get("LEADING_PRODUCTS_SITE") or str(ROOT / "_build" / "html")}
    tests = ["tests/test_contract.py", "tests/test_room_views.py",
             *(f"tests/test_{topic}_{layer}.py" for layer in ("model", "chart", "widget", "static"))]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
                          "-k", f"{topic} and not make_chapter", *tests], cwd=scratch, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert re.search(r"\d+ passed", run.stdout) and "skipped" not in run.stdout, run.stdout[-1000:]


def _scratch_copy(tmp_path: Path) -> Path:
    """The repository's files (tracked, and new ones not ignored) copied into ``tmp_path / "repo"``,
    with modification times kept, and the installed ``.venv`` and ``node_modules`` linked in."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    scratch = tmp_path / "repo"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, scratch / name)
    for linked in (".venv", "node_modules"):
        (scratch / linked).symlink_to(ROOT / linked, target_is_directory=True)
    return scratch


@pytest.mark.integration  # a strict build and every test that names the new chapter, on a copy: a few minutes
def test_make_chapter_then_make_test_passes(tmp_path):
    """What contributing.md promises: ``make chapter TOPIC=demo`` then ``make test`` passes, the new
    chapter included (its build, notebook, static face, room view, search and workshop tests).

    ``make test`` builds the whole book strictly, then runs every test whose id names the new
    chapter: its own test files and each test of the suite made for every chapter (the contract,
    the site, the notebooks, the room's views). The rest of the suite runs on the book itself."""
    scratch = _scratch_copy(tmp_path)
    topic = next(t for t in ("demo", *(f"demo{n}" for n in range(100))) if t not in topics_on_disk())
    report = tmp_path / "report.xml"
    env = {**os.environ, "PYTHONPATH": str(scratch),
           "PYTEST_ADDOPTS": f"-k '{topic} and not make_chapter' --junitxml={report}"}
    keep = ["-o", ".venv/.installed", "-o", "node_modules/.installed"]  # never reinstall into the linked venv
    made = subprocess.run(["make", *keep, "chapter", f"TOPIC={topic}"], cwd=scratch, env=env,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    run = subprocess.run(["make", *keep, "test"], cwd=scratch, env=env, capture_output=True, text=True)
    tail = run.stdout[-4000:] + run.stderr[-2000:]
    assert run.returncode == 0, tail
    assert re.search(r"\d+ passed", run.stdout) and " failed" not in run.stdout, tail
    cases = ET.parse(report).getroot().iter("testcase")
    ran = {case.get("classname", "") + "::" + case.get("name", "") for case in cases if not len(case)}
    for part in ("model", "chart", "widget", "static"):  # the new chapter's own tests ran and passed
        assert any(f"test_{topic}_{part}" in name for name in ran), f"no passing test_{topic}_{part} in {report}"
    assert any(f"[{topic}]" in name for name in ran if "test_site" in name), "the site tests did not cover it"
